// SPDX-License-Identifier: MIT
// Synchronous signals: BRK raises SIGTRAP, an undefined instruction
// SIGILL, a branch to an unmapped address SIGSEGV (prefetch abort), each
// delivered to a handler with the right signal number; each handler
// raises the next fault (nesting frames on the stack).
#include "macros.inc"

.macro WRITE msg, len
    mov x0, #1
    adr x1, \msg
    mov x2, #\len
    mov x8, #64
    svc #0
.endm

.macro SIGACTION sig, act
    mov x0, #\sig
    adr x1, \act
    mov x2, #0
    mov x3, #8
    mov x8, #134
    svc #0
    cbnz x0, fail
.endm

.text
.global _start
_start:
    SIGACTION 5, act_trap
    SIGACTION 4, act_ill
    SIGACTION 11, act_segv
    brk #7
    WRITE m_fail, 5             // the handlers never return here
    SYS_EXIT 1
fail:
    WRITE m_fail, 5
    SYS_EXIT 1

h_trap:
    sub x9, x0, #5
    cbnz x9, fail
    WRITE m_trap, 5
    .word 0                     // UDF #0
    b fail

h_ill:
    sub x9, x0, #4
    cbnz x9, fail
    WRITE m_ill, 4
    movz x9, #0x10              // nothing is mapped at 0x10
    br x9

h_segv:
    sub x9, x0, #11
    cbnz x9, fail
    WRITE m_segv, 5
    SYS_EXIT 0

m_fail: .ascii "FAIL\n"
m_trap: .ascii "trap\n"
m_ill: .ascii "ill\n"
m_segv: .ascii "segv\n"

.data
.balign 8
act_trap: .quad h_trap, 4, 0, 0
act_ill: .quad h_ill, 4, 0, 0
act_segv: .quad h_segv, 4, 0, 0
