// SPDX-License-Identifier: MIT
// A misaligned LDXR must raise an alignment fault (SIGBUS), never act as a
// plain unaligned load: the process dies by SIGBUS after printing one line
// (a shell would show status 135).  The expected status is in
// ldst-sigbus.status.
#include "macros.inc"
#include "ldst-util.inc"

.text
.global _start
_start:
    adrp x20, data
    add x20, x20, :lo12:data
    ldr x6, [x20, #4]                // plain unaligned load: fine
    SHOW x6
    add x21, x20, #4
    ldxr x6, [x21]                   // 4-aligned 8-byte exclusive: SIGBUS
    SHOW x6
    SYS_EXIT 1
    LDST_UTIL_CODE

.data
    .balign 16
data:
    .quad 0x0123456789abcdef, 0xfedcba9876543210
