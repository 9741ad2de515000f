// SPDX-License-Identifier: MIT
// A misaligned LSE atomic (here LDADD on a halfword at an odd address)
// must raise an alignment fault (SIGBUS) from inside the atomic helper,
// after the aligned cases before it worked.  Expected status in
// ldst-sigbus-atomic.status.
#include "macros.inc"
#include "ldst-util.inc"

.arch armv8.1-a+lse

.text
.global _start
_start:
    adrp x20, data
    add x20, x20, :lo12:data
    mov x10, #1
    ldaddb w10, w6, [x20, #0]
    add x21, x20, #3
    ldaddb w10, w6, [x21]            // bytes are always aligned
    SHOW x6
    add x21, x20, #2
    ldaddh w10, w6, [x21]
    SHOW x6
    add x21, x20, #1
    ldaddh w10, w6, [x21]            // misaligned: SIGBUS
    SHOW x6
    SYS_EXIT 1
    LDST_UTIL_CODE

.data
    .balign 16
data:
    .quad 0x0123456789abcdef, 0xfedcba9876543210
