// SPDX-License-Identifier: MIT
// Guest for gdbstub tests that needs only the first instructions mimic
// implements (branches, moves, add/sub immediate, svc): nested calls, a
// write of a message kept in .data (so gdb can change it) and an exit whose
// status is computed from x19 (so gdb can change it).
// Without gdb: prints "gdb test program", exit status 5 + 7 + 3 = 15.
// No stores yet, so return addresses wait in registers; the CFI says
// where, for gdb's unwinder.  Only function names as labels: gdb takes
// any symbol as the start of a function.
.text
.global _start
.type _start, %function
_start:
    mov x19, #5
    bl compute
    add x21, x0, #0
    bl do_write
    add x0, x21, #0
    mov x8, #93
    svc #0

// compute: x0 = leaf(x19) + 3
.global compute
.type compute, %function
compute:
    .cfi_startproc
    add x22, x30, #0
    .cfi_register 30, 22
    add x0, x19, #0
    bl leaf
    add x0, x0, #3
    add x30, x22, #0
    .cfi_restore 30
    ret
    .cfi_endproc

// leaf: x0 + 7
.global leaf
.type leaf, %function
leaf:
    .cfi_startproc
    add x0, x0, #7
    ret
    .cfi_endproc

// do_write: write(1, msg, msglen)
.global do_write
.type do_write, %function
do_write:
    .cfi_startproc
    mov x0, #1
    adr x1, msg
    mov x2, #msglen
    mov x8, #64
    svc #0
    ret
    .cfi_endproc

.data
.global msg
msg: .ascii "gdb test program\n"
msglen = . - msg
