// SPDX-License-Identifier: MIT
// A tagged pointer (Arm ARM D8.8, TBI0) to unmapped memory still faults:
// after the tagged loads that work, a load through a tagged pointer to
// page 0 kills the process by SIGSEGV (a shell shows status 139).
#include "macros.inc"
#include "ldst-util.inc"

.text
.global _start
_start:
    adrp x20, val
    add x20, x20, :lo12:val
    mov x22, #0x3c
    orr x21, x20, x22, lsl #56
    ldr x11, [x21]
    SHOW x11
    lsl x21, x22, #56                // tag 0x3c, address 0
    ldr x11, [x21, #16]
    SHOW x11
    SYS_EXIT 1
    LDST_UTIL_CODE

.data
    .balign 8
val:
    .quad 0x0123456789abcdef
