// SPDX-License-Identifier: MIT
// Guest signal delivery with only branches, immediates and SVC: a
// SA_SIGINFO handler for SIGUSR1 runs on tkill and returns through the
// sigreturn trampoline with the interrupted registers restored; a blocked
// SIGUSR2 stays pending until rt_sigprocmask unblocks it.
#include "macros.inc"

.macro WRITE msg, len
    mov x0, #1
    adr x1, \msg
    mov x2, #\len
    mov x8, #64
    svc #0
.endm

.text
.global _start
_start:
    mov x0, #10                 // rt_sigaction(SIGUSR1, &act1, NULL, 8)
    adr x1, act1
    mov x2, #0
    mov x3, #8
    mov x8, #134
    svc #0
    cbnz x0, fail
    mov x0, #12                 // rt_sigaction(SIGUSR2, &act2, NULL, 8)
    adr x1, act2
    mov x2, #0
    mov x3, #8
    mov x8, #134
    svc #0
    cbnz x0, fail

    movz x19, #0x1234
    movk x19, #0xabcd, lsl #48
    mov x8, #178                // gettid
    svc #0
    add x20, x0, #0
    mov x1, #10                 // tkill(tid, SIGUSR1)
    mov x8, #130
    svc #0
    cbnz x0, fail
    WRITE m_back1, 6
    // x19 came back: 0xabcd000000001234
    sub x10, x19, #0x234
    sub x10, x10, #1, lsl #12
    ubfx x11, x10, #0, #48
    cbnz x11, fail
    lsr x10, x10, #48
    sub x10, x10, #0xa, lsl #12
    sub x10, x10, #0xbcd
    cbnz x10, fail

    // block SIGUSR2, send it: it stays pending
    mov x0, #0                  // SIG_BLOCK
    adr x1, set_usr2
    mov x2, #0
    mov x3, #8
    mov x8, #135
    svc #0
    add x0, x20, #0
    mov x1, #12
    mov x8, #130
    svc #0
    WRITE m_pending, 8
    mov x0, #1                  // SIG_UNBLOCK: delivered on the way back
    adr x1, set_usr2
    mov x2, #0
    mov x3, #8
    mov x8, #135
    svc #0
    WRITE m_after, 6
    SYS_EXIT 0
fail:
    WRITE m_fail, 5
    SYS_EXIT 1

handler1:
    sub x9, x0, #10             // x0 = signo
    cbnz x9, fail
    cbz x1, fail                // SA_SIGINFO: x1 = &info, x2 = &uc
    cbz x2, fail
    mov x19, #0                 // clobbered; sigreturn restores it
    WRITE m_h1, 9
    ret

handler2:
    sub x9, x0, #12
    cbnz x9, fail
    WRITE m_h2, 9
    ret

m_back1: .ascii "back1\n"
m_pending: .ascii "pending\n"
m_after: .ascii "after\n"
m_fail: .ascii "FAIL\n"
m_h1: .ascii "handler1\n"
m_h2: .ascii "handler2\n"

.data
.balign 8
act1: .quad handler1, 4, 0, 0   // SA_SIGINFO
act2: .quad handler2, 0, 0, 0
set_usr2: .quad 1 << 11
