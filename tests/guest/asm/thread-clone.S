// SPDX-License-Identifier: MIT
// A raw clone with pthread_create's flags: the child thread runs on its
// own stack with x0 = 0, prints and exits; the parent
// waits on the CLONE_CHILD_CLEARTID futex word, which the kernel (mimic)
// zeroes and wakes when the child ends.  Repeated to exercise thread
// start and exit.
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
    mov x21, #3                 // three threads, one after the other
again:
    // VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
    movz x0, #0x0f00
    movk x0, #0x3d, lsl #16
    adr x1, stack_top
    adr x2, tid_word            // parent_tid
    movz x3, #0x5eed            // tls
    adr x4, tid_word            // child_tid
    mov x8, #220
    svc #0
    cbz x0, child
    tbnz x0, #63, fail
    add x19, x0, #0             // the child's tid
wait:
    adr x0, tid_word            // futex(&tid_word, FUTEX_WAIT, tid)
    mov x1, #0
    add x2, x19, #0
    mov x3, #0
    mov x8, #98
    svc #0
    cbz x0, wait                // woken (the word is re-checked)
    add x9, x0, #11             // -EAGAIN: the word is no longer tid
    cbnz x9, fail
    WRITE m_joined, 7
    sub x21, x21, #1
    cbnz x21, again
    SYS_EXIT 0
fail:
    WRITE m_fail, 5
    SYS_EXIT 1

child:
    WRITE m_child, 6
    mov x0, #0
    mov x8, #93                 // exit (this thread only)
    svc #0
    b fail

m_fail: .ascii "FAIL\n"
m_child: .ascii "child\n"
m_joined: .ascii "joined\n"

.data
.balign 8
tid_word: .word 0, 0
.bss
.balign 16
stack: .skip 4096
stack_top:
