// SPDX-License-Identifier: MIT
// An asynchronous signal reaches a guest spinning in a tight loop of
// chained blocks: SIGALRM from setitimer runs its handler, which ends
// the process.  Then a second thread spins while the main thread sends
// it SIGUSR1 with tkill.
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
    mov x0, #14                 // rt_sigaction(SIGALRM, &act_alrm)
    adr x1, act_alrm
    mov x2, #0
    mov x3, #8
    mov x8, #134
    svc #0
    mov x0, #10                 // rt_sigaction(SIGUSR1, &act_usr1)
    adr x1, act_usr1
    mov x2, #0
    mov x3, #8
    mov x8, #134
    svc #0
    mov x0, #0                  // setitimer(ITIMER_REAL, 30 ms)
    adr x1, itv
    mov x2, #0
    mov x8, #103
    svc #0
    mov x19, #0
spin:
    add x19, x19, #1
    b spin

alrm:
    WRITE m_alrm, 6
    // a thread that spins until SIGUSR1 reaches it
    movz x0, #0x0f00            // VM|FS|FILES|SIGHAND|THREAD|SYSVSEM
    movk x0, #0x05, lsl #16
    adr x1, stack_top
    mov x2, #0
    mov x3, #0
    mov x4, #0
    mov x8, #220
    svc #0
    cbz x0, tspin
    add x20, x0, #0
    adr x0, ten_ms              // let the thread start spinning
    mov x1, #0
    mov x8, #101
    svc #0
    add x0, x20, #0             // tkill(tid, SIGUSR1)
    mov x1, #10
    mov x8, #130
    svc #0
    adr x0, ten_s               // the handler ends the process
    mov x1, #0
    mov x8, #101
    svc #0
    SYS_EXIT 1
tspin:
    b tspin

usr1:
    WRITE m_usr1, 5
    mov x0, #0
    mov x8, #94                 // exit_group
    svc #0

m_alrm: .ascii "alarm\n"
m_usr1: .ascii "usr1\n"

.data
.balign 16
act_alrm: .quad alrm, 0, 0, 0
act_usr1: .quad usr1, 0, 0, 0
itv: .quad 0, 0, 0, 30000
ten_ms: .quad 0, 10000000
ten_s: .quad 10, 0
.bss
.balign 16
stack: .skip 4096
stack_top:
