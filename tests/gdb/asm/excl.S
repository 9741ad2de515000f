// SPDX-License-Identifier: MIT
// Guest for gdbstub stepping tests: an exclusive load/store retry loop
// (which single-stepping must not break: the monitor survives a step),
// then a taken and a not-taken conditional branch.  Exits with the
// incremented value (42) if the store-exclusive succeeded first time.
.text
.global _start
.type _start, %function
_start:
    adr x20, value
    mov x3, #0
.global retry
.type retry, %function
retry:
    ldxr x1, [x20]
    add x1, x1, #1
    stxr w2, x1, [x20]
    add x3, x3, #1
    cbnz w2, retry
.global branches
.type branches, %function
branches:
    cmp x3, #1
    b.eq 1f
    mov x1, #0
1:  cmp x3, #2
    b.eq 2f
    ldr x0, [x20]
    mov x8, #93
    svc #0
2:  mov x0, #99
    mov x8, #93
    svc #0

.data
.balign 8
value: .quad 41
