/* SPDX-License-Identifier: MIT */
/*
 * x86-64 host: the system call wrapper for syscalls that may block, and
 * the return trampoline for mimic's host signal handlers.
 *
 * long safe_syscall_base(volatile int *pending, long num,
 *                        long a1, long a2, long a3, long a4, long a5, long a6)
 *
 * A guest signal that arrives after the CPU loop last looked but before
 * the kernel starts waiting would otherwise sit unseen until the wait
 * ends.  The check of *pending and the syscall instruction form a window
 * [safe_syscall_start, safe_syscall_end): the host signal handler, seeing
 * the interrupted pc inside it, moves the pc to safe_syscall_interrupted,
 * which returns -512 (LINUX_ERESTARTSYS) without entering the kernel.  A
 * syscall the kernel restarts (host SA_RESTART) is rewound onto the
 * syscall instruction, inside the window, so it ends the same way.
 */
    .text
    .globl safe_syscall_base
    .hidden safe_syscall_base
    .type safe_syscall_base, @function
safe_syscall_base:
    .cfi_startproc
    push %rbp                   /* callee-saved: keeps pending across */
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %rbp, 0
    mov %rdi, %rbp
    mov %rsi, %rax              /* number */
    mov %rdx, %rdi              /* a1 */
    mov %rcx, %rsi              /* a2 */
    mov %r8, %rdx               /* a3 */
    mov %r9, %r10               /* a4 */
    mov 16(%rsp), %r8           /* a5 */
    mov 24(%rsp), %r9           /* a6 */

    .globl safe_syscall_start
    .hidden safe_syscall_start
safe_syscall_start:
    cmpl $0, (%rbp)
    jnz safe_syscall_interrupted
    syscall
    .globl safe_syscall_end
    .hidden safe_syscall_end
safe_syscall_end:
    pop %rbp
    .cfi_adjust_cfa_offset -8
    .cfi_restore %rbp
    ret

    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %rbp, 0
    .globl safe_syscall_interrupted
    .hidden safe_syscall_interrupted
safe_syscall_interrupted:
    mov $-512, %rax
    pop %rbp
    .cfi_adjust_cfa_offset -8
    .cfi_restore %rbp
    ret
    .cfi_endproc
    .size safe_syscall_base, .-safe_syscall_base

/* sa_restorer for handlers installed with the raw rt_sigaction. */
    .globl linux_host_sigreturn
    .hidden linux_host_sigreturn
    .type linux_host_sigreturn, @function
linux_host_sigreturn:
    mov $15, %eax               /* __NR_rt_sigreturn */
    syscall
    hlt
    .size linux_host_sigreturn, .-linux_host_sigreturn

    .section .note.GNU-stack, "", @progbits
