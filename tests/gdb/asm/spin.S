// SPDX-License-Identifier: MIT
// Guest for gdbstub tests: spins until x20 becomes non-zero (gdb sets it,
// or patches the loop), counting in x19; then prints "done" and exits 7.
.text
.global _start
.type _start, %function
_start:
    mov x19, #0
    mov x20, #0
.global spin
.type spin, %function
spin:
    add x19, x19, #1
    cbz x20, spin
    mov x0, #1
    adr x1, msg
    mov x2, #5
    mov x8, #64
    svc #0
    mov x0, #7
    mov x8, #93
    svc #0

.data
msg: .ascii "done\n"
