// SPDX-License-Identifier: MIT
// Blocking syscalls interrupted by SIGALRM from setitimer: ppoll,
// rt_sigsuspend and nanosleep end with EINTR after the handler; a futex
// wait ends with EINTR without SA_RESTART and is restarted with it (the
// handler changes the futex word through clock_gettime, so the restarted
// wait returns EAGAIN).
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

.macro ALARM                    // setitimer(ITIMER_REAL, &itv, NULL)
    mov x0, #0
    adr x1, itv
    mov x2, #0
    mov x8, #103
    svc #0
    cbnz x0, fail
.endm

// exits with \code unless x0 == -\err
.macro EXPECT_ERR err, code
    add x9, x0, #\err
    cbz x9, 1f
    SYS_EXIT \code
1:
.endm

.text
.global _start
_start:
    SIGACTION 14, act_plain
    ALARM
    mov x0, #0                  // ppoll(NULL, 0, NULL, NULL, 0)
    mov x1, #0
    mov x2, #0
    mov x3, #0
    mov x4, #0
    mov x8, #73
    svc #0
    EXPECT_ERR 4, 2
    WRITE m_ppoll, 12

    ALARM
    adr x0, empty_set           // rt_sigsuspend(&empty, 8)
    mov x1, #8
    mov x8, #133
    svc #0
    EXPECT_ERR 4, 3
    WRITE m_susp, 17

    ALARM
    adr x0, long_sleep          // nanosleep(&10s, NULL)
    mov x1, #0
    mov x8, #101
    svc #0
    EXPECT_ERR 4, 4
    WRITE m_sleep, 16

    SIGACTION 14, act_word1
    ALARM
    adr x0, word1               // futex(&word1, FUTEX_WAIT, 0, NULL)
    mov x1, #0
    mov x2, #0
    mov x3, #0
    mov x8, #98
    svc #0
    EXPECT_ERR 4, 5
    WRITE m_futex1, 12

    SIGACTION 14, act_restart
    ALARM
    adr x0, word2
    mov x1, #0
    mov x2, #0
    mov x3, #0
    mov x8, #98
    svc #0
    EXPECT_ERR 11, 6
    WRITE m_futex2, 16
    SYS_EXIT 0
fail:
    WRITE m_fail, 5
    SYS_EXIT 1

handler:
    sub x9, x0, #14
    cbnz x9, fail
    WRITE m_alarm, 6
    ret

handler_word1:
    sub x9, x0, #14
    cbnz x9, fail
    WRITE m_alarm, 6
    mov x0, #0                  // clock_gettime(CLOCK_REALTIME, &word1)
    adr x1, word1
    mov x8, #113
    svc #0
    ret

handler_restart:
    sub x9, x0, #14
    cbnz x9, fail
    WRITE m_alarm, 6
    mov x0, #0                  // clock_gettime(CLOCK_REALTIME, &word2)
    adr x1, word2
    mov x8, #113
    svc #0
    ret

m_fail: .ascii "FAIL\n"
m_alarm: .ascii "alarm\n"
m_ppoll: .ascii "ppoll EINTR\n"
m_susp: .ascii "sigsuspend EINTR\n"
m_sleep: .ascii "nanosleep EINTR\n"
m_futex1: .ascii "futex EINTR\n"
m_futex2: .ascii "futex restarted\n"

.data
.balign 16
act_plain: .quad handler, 0, 0, 0
act_word1: .quad handler_word1, 0, 0, 0
act_restart: .quad handler_restart, 0x10000000, 0, 0     // SA_RESTART
itv: .quad 0, 0, 0, 20000       // it_interval 0, it_value 20 ms
empty_set: .quad 0
long_sleep: .quad 10, 0
word1: .quad 0, 0
word2: .quad 0, 0
