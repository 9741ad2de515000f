/* SPDX-License-Identifier: MIT */
/*
 * The user-mode CPU loop: runs translated code and handles what comes back
 * (system calls, faults, undefined instructions) as the Linux kernel would.
 * Under -g the debugger meets each thread here (gdb-user.h): before each
 * run (parking, stepping) and after it (breakpoint and watchpoint hits),
 * and it sees every guest signal before delivery.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include "user.h"
#include "gdb-user.h"
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

/* Delivers a signal to the thread.  No guest handlers exist yet, so this
 * is the default action: ignore for the few signals whose default is
 * that, otherwise terminate. */
static void linux_deliver_signal(LinuxProcess *p, CPUARMState *env, int sig)
{
    (void)env;
    switch (sig) {
    case 0:
    case SIGCHLD:
    case SIGURG:
    case SIGWINCH:
    case SIGCONT:
        return;
    default:
        gdb_user_exit_signal(p, sig);
        die_by_signal(sig);
    }
}

/* A synchronous guest signal raised by an instruction.  A debugger may
 * suppress it; the instruction then runs again, as under ptrace. */
static void linux_cpu_signal(LinuxProcess *p, CPUARMState *env, int sig)
{
    linux_deliver_signal(p, env, gdb_user_signal(p, env, sig));
}

int linux_cpu_loop(LinuxProcess *p, CPUARMState *env)
{
    for (;;) {
        int sig;
        uint32_t cflags = gdb_user_cpu_enter(p, env, &sig);
        if (sig) {
            linux_deliver_signal(p, env, sig);
            continue;
        }
        int e = tcg_cpu_exec_cflags(env, cflags);
        gdb_user_cpu_exit(p, env, e);
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
        case EXCP_DEBUG:
            break;
        case EXCP_UDEF:
            sig = gdb_user_signal(p, env, SIGILL);
            if (sig == SIGILL) {
                fprintf(stderr, "mimic: illegal instruction 0x%08x at "
                        "0x%llx\n", env->syndrome,
                        (unsigned long long)env->pc);
            }
            linux_deliver_signal(p, env, sig);
            break;
        case EXCP_BKPT:
            linux_cpu_signal(p, env, SIGTRAP);
            break;
        case EXCP_PREFETCH:
        case EXCP_SEGV:
            linux_cpu_signal(p, env, SIGSEGV);
            break;
        case EXCP_BUS:
            linux_cpu_signal(p, env, SIGBUS);
            break;
        default:
            fprintf(stderr, "mimic: unexpected exception %d at 0x%llx\n", e,
                    (unsigned long long)env->pc);
            abort();
        }
    }
}
