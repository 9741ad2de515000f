/* SPDX-License-Identifier: MIT */
/*
 * The user-mode CPU loop: runs translated code and handles what comes back
 * (system calls, faults, undefined instructions) as the Linux kernel would.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include "user.h"
#include "tcg/exec.h"

/* Ends mimic the way the native program would end on this signal. */
static void die_by_signal(int sig)
{
    fflush(stdout);
    fflush(stderr);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    exit(128 + sig);
}

int linux_cpu_loop(LinuxProcess *p, CPUARMState *env)
{
    for (;;) {
        int e = tcg_cpu_exec(env);
        switch (e) {
        case EXCP_SYSCALL: {
            uint64_t *x = env->xregs;
            x[0] = (uint64_t)linux_do_syscall(p, env, (int)x[8], x[0], x[1],
                                              x[2], x[3], x[4], x[5]);
            /* the exception return clears the local exclusive monitor
             * (Arm ARM AArch64.ExceptionReturn), as qemu-aarch64 does */
            env->excl_addr = ~0ull;
            break;
        }
        case TCG_EXCP_INTERRUPT:
            break;
        case EXCP_UDEF:
            fprintf(stderr, "mimic: illegal instruction 0x%08x at 0x%llx\n",
                    env->syndrome, (unsigned long long)env->pc);
            die_by_signal(SIGILL);
            break;
        case EXCP_BKPT:
            die_by_signal(SIGTRAP);
            break;
        case EXCP_PREFETCH:
        case EXCP_SEGV:
            die_by_signal(SIGSEGV);
            break;
        case EXCP_BUS:
            die_by_signal(SIGBUS);
            break;
        default:
            fprintf(stderr, "mimic: unexpected exception %d at 0x%llx\n", e,
                    (unsigned long long)env->pc);
            abort();
        }
    }
}
