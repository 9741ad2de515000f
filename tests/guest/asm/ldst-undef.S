// SPDX-License-Identifier: MIT
// Unallocated load/store encodings are UNDEFINED (SIGILL, status 132):
// LDR (register offset) with option<1> = 0 must not be taken for a valid
// extend.  The valid neighbours run first.  Expected status in
// ldst-undef.status.
#include "macros.inc"
#include "ldst-util.inc"

.text
.global _start
_start:
    adrp x20, data
    add x20, x20, :lo12:data
    mov x23, #8
    ldr x6, [x20, x23]               // option 011
    SHOW x6
    ldr x6, [x20, w23, uxtw]         // option 010
    SHOW x6
    .inst 0xf8770a86                 // ldr x6, [x20, x23] with option 000
    SHOW x6
    SYS_EXIT 1
    LDST_UTIL_CODE

.data
    .balign 16
data:
    .quad 0x0123456789abcdef, 0xfedcba9876543210
