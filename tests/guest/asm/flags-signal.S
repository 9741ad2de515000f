// SPDX-License-Identifier: MIT
// NZCV in a signal frame: the flags of a compare, an addition or a
// logical operation (which mimic keeps in their lazy form) must appear in
// the ucontext's pstate when a load faults, in the same block as the
// setter or a later one, and the handler's return must bring them back
// for the next conditional instruction.  The SIGSEGV handler prints
// pstate bits 31..28 and skips the faulting load.
#include "dp-macros.inc"

// FAULT_* setter...: x10/x11 inputs; the load through x27 faults
.macro FAULT_SAME setter:vararg
    \setter
    ldr x9, [x27]
    mrs x15, nzcv
    PRINT_REG x15
.endm

.macro FAULT_NEXT setter:vararg
    \setter
    b 1f
1:  add x9, x9, #1
    ldr x9, [x27]
    csinc x15, x26, x25, hi     // hi after the return: 1, else 3
    PRINT_REG x15
    mrs x15, nzcv
    PRINT_REG x15
.endm

// the next block rewrites the flags right after the faulting load: the
// setter's flags must still be in the frame (the load may fault)
.macro FAULT_DEAD setter:vararg
    \setter
    b 1f
1:  ldr x9, [x27]
    cmp x26, x25
    mrs x15, nzcv
    PRINT_REG x15
.endm

.text
.global _start
_start:
    mov x0, #11                 // rt_sigaction(SIGSEGV, &act, 0, 8)
    adr x1, act
    mov x2, #0
    mov x3, #8
    mov x8, #134
    svc #0
    cbnz x0, fail
    mov x27, #0x10              // nothing is mapped at 0x10
    mov x26, #1
    mov x25, #2
    adr x22, pairs
    adr x23, pairs_end
2:  ldp x10, x11, [x22], #16
    FAULT_SAME cmp x10, x11
    FAULT_SAME cmp w10, w11
    FAULT_SAME adds x12, x10, x11
    FAULT_SAME adds w12, w10, w11
    FAULT_SAME ands x12, x10, x11
    FAULT_SAME tst w10, w11
    FAULT_SAME cmn w10, #1
    FAULT_SAME subs x12, x10, #0
    FAULT_NEXT cmp x10, x11
    FAULT_NEXT cmp w10, w11
    FAULT_NEXT adds x12, x10, x11
    FAULT_NEXT adds w12, w10, w11
    FAULT_NEXT ands x12, x10, x11
    FAULT_NEXT bics w12, w10, w11
    FAULT_NEXT cmn x10, #1
    FAULT_NEXT ccmp x10, x11, #5, ne
    FAULT_DEAD cmp x10, x11
    FAULT_DEAD adds w12, w10, w11
    FAULT_DEAD tst x10, x11
    cmp x22, x23
    b.ne 2b
    SYS_EXIT 0
fail:
    SYS_EXIT 1

// handler(sig, info, uc): print pstate NZCV, skip the load
handler:
    mov x19, x2
    ldr x15, [x19, #448]        // uc_mcontext.pstate
    and x15, x15, #0xf0000000
    mov x20, x30
    PRINT_REG x15
    mov x30, x20
    ldr x9, [x19, #440]         // uc_mcontext.pc
    add x9, x9, #4
    str x9, [x19, #440]
    ret

.data
.balign 8
act: .quad handler, 4, 0, 0     // SA_SIGINFO
pairs:
    .quad 0, 0
    .quad 5, 7
    .quad 0xffffffffffffffff, 1
    .quad 0x7fffffffffffffff, 0xffffffffffffffff
    .quad 0x8000000000000000, 1
    .quad 0x80000000, 0x7fffffff
    .quad 0x100000000, 0xffffffff
pairs_end:
