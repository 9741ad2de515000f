// SPDX-License-Identifier: MIT
// Guest for gdbstub watchpoint tests: counts 1..3 into the global
// 'counter' (one store, then one load back, per round), stores a pair
// over 'pair' and a byte into the middle of 'wide', prints the counter
// and exits with it (3).
#include "macros.inc"
.text
.global _start
.type _start, %function
_start:
    adr x20, counter
    mov x19, #0
.global count
.type count, %function
count:
    add x19, x19, #1
    str x19, [x20]
    ldr x21, [x20]
    cmp x19, #3
    b.ne count
.global tail
.type tail, %function
tail:
    adr x22, pair
    mov x23, #0x11
    mov x24, #0x22
    stp x23, x24, [x22]
    adr x22, wide
    mov x23, #0x5a
    strb w23, [x22, #5]
    PRINT_REG x21
    add x0, x21, #0
    mov x8, #93
    svc #0

.data
.balign 8
.global counter
counter: .quad 0
.global pair
pair: .quad 0, 0
.global wide
wide: .quad 0
