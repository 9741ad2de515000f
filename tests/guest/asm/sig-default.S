// SPDX-License-Identifier: MIT
// A signal with the default action ends the process the way the native
// program would end: killed by SIGABRT (no core dump of mimic).  An
// ignored signal and a default-ignore one are discarded on the way.
#include "macros.inc"

.text
.global _start
_start:
    mov x0, #10                 // rt_sigaction(SIGUSR1, {SIG_IGN})
    adr x1, act_ign
    mov x2, #0
    mov x3, #8
    mov x8, #134
    svc #0
    mov x8, #178                // gettid
    svc #0
    add x20, x0, #0
    mov x1, #10                 // tkill(tid, SIGUSR1): ignored
    mov x8, #130
    svc #0
    add x0, x20, #0
    mov x1, #17                 // SIGCHLD: default is ignore
    mov x8, #130
    svc #0
    mov x0, #1
    adr x1, msg
    mov x2, #6
    mov x8, #64
    svc #0
    add x0, x20, #0
    mov x1, #6                  // SIGABRT
    mov x8, #130
    svc #0
    SYS_EXIT 0                  // not reached
msg: .ascii "alive\n"

.data
.balign 8
act_ign: .quad 1, 0, 0, 0
