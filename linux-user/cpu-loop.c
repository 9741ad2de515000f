/* SPDX-License-Identifier: MIT */
/*
 * The user-mode CPU loop: runs translated code and handles what comes back
 * (system calls, faults, undefined instructions) as the Linux kernel would
 * on an exception from EL0, then delivers pending signals before going
 * back to guest code.  Each guest thread runs its own loop.  Under -g the
 * debugger meets each thread here too (gdb-user.h): before each run
 * (parking, stepping, a signal gdb asks for) and after it (breakpoint and
 * watchpoint hits); it sees every guest signal at delivery (signal.c).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include "task.h"
#include "gdb-user.h"
#include "tcg/exec.h"
#include "util/log.h"

/* ESR_ELx.EC values for aborts from a lower EL (Arm ARM D17.2.37) */
#define ESR_EC_IABT_LOW 0x20
#define ESR_EC_DABT_LOW 0x24
#define ESR_IL (1u << 25)
#define ESR_WNR (1u << 6)
#define FSC_TRANSLATION_L3 0x07
#define FSC_PERMISSION_L3 0x0f
#define FSC_ALIGNMENT 0x21

/* A fork-like clone returned 0: this is the child process. */
static bool is_fork_child(LinuxProcess *p, int num, uint64_t arg0)
{
    uint64_t flags = arg0;
    if (num == 435 /* clone3 */ &&
        !linux_copy_from_guest(p, &flags, arg0, 8)) {
        return false;
    }
    return (num == 220 || num == 435) && !(flags & CLONE_VM);
}

static void cpu_loop_syscall(LinuxProcess *p, CPUARMState *env,
                             LinuxThread *t)
{
    uint64_t *x = env->xregs;
    int num = (int)x[8];
    uint64_t arg0 = x[0];
    int64_t r = linux_do_syscall(p, env, num, x[0], x[1], x[2], x[3],
                                 x[4], x[5]);
    if (r == 0 && is_fork_child(p, num, arg0)) {
        linux_thread_after_fork_child(p);
    }
    /* the exception return clears the local exclusive monitor
     * (Arm ARM AArch64.ExceptionReturn), as qemu-aarch64 does */
    env->excl_addr = ~0ull;
    switch (r) {
    case -LINUX_ESIGRETURN:
        break;                 /* registers come from the signal frame */
    case -LINUX_ERESTARTSYS:
    case -LINUX_ERESTARTNOHAND:
        /* back onto the SVC with x0 intact; a handler may undo this */
        t->restart_kind = (int)-r;
        env->pc -= 4;
        break;
    default:
        x[0] = (uint64_t)r;
        break;
    }
}

/* A data or instruction abort as the guest kernel reports it. */
static void cpu_loop_fault(LinuxThread *t, int sig, bool insn, uint64_t addr)
{
    CPUARMState *env = t->env;
    int code = t->host_fault_code;
    t->host_fault_code = 0;
    if (sig == SIGSEGV) {
        code = linux_segv_code(t->proc, addr);
    } else if (code <= 0) {
        code = BUS_ADRALN;
    }
    uint32_t fsc = sig == SIGBUS ? (code == BUS_ADRALN ? FSC_ALIGNMENT
                                                       : FSC_TRANSLATION_L3)
                 : code == SEGV_ACCERR ? FSC_PERMISSION_L3
                 : FSC_TRANSLATION_L3;
    t->fault_esr = (uint64_t)(insn ? ESR_EC_IABT_LOW : ESR_EC_DABT_LOW) << 26 |
                   ESR_IL | (!insn && env->fault_is_write ? ESR_WNR : 0) | fsc;
    linux_force_signal(t, sig, code, addr);
}

static void cpu_loop_udef(LinuxThread *t)
{
    CPUARMState *env = t->env;
    GuestSigAction a = linux_get_sigaction(t->proc, SIGILL);
    if (a.handler <= 1 || (t->blocked & GSIG_BIT(SIGILL))) {
        /* about to die of it: say which instruction */
        fprintf(stderr, "mimic: illegal instruction 0x%08x at 0x%llx\n",
                env->syndrome, (unsigned long long)env->pc);
    }
    linux_force_signal(t, SIGILL, ILL_ILLOPC, env->pc);
}

int linux_cpu_loop(LinuxProcess *p, CPUARMState *env)
{
    LinuxThread *t = linux_thread_self;
    if (!t) {
        /* the main thread's first entry */
        linux_thread_init_main(p, env);
        t = linux_thread_self;
    }
    for (;;) {
        linux_process_signals(t);
        int sig;
        uint32_t cflags = gdb_user_cpu_enter(p, env, &sig);
        if (sig) {
            linux_debugger_signal(t, sig);
            continue;
        }
        t->in_guest = true;
        int e = tcg_cpu_exec_cflags(env, cflags);
        t->in_guest = false;
        gdb_user_cpu_exit(p, env, e);
        switch (e) {
        case EXCP_SYSCALL:
            cpu_loop_syscall(p, env, t);
            break;
        case TCG_EXCP_INTERRUPT:
        case EXCP_DEBUG:
            break;
        case EXCP_UDEF:
            cpu_loop_udef(t);
            break;
        case EXCP_BKPT:
            linux_force_signal(t, SIGTRAP, TRAP_BRKPT, env->pc);
            break;
        case EXCP_PREFETCH:
            env->fault_is_write = 0;
            cpu_loop_fault(t, SIGSEGV, true, env->pc);
            break;
        case EXCP_SEGV:
            cpu_loop_fault(t, SIGSEGV, false, env->fault_addr);
            break;
        case EXCP_BUS:
            cpu_loop_fault(t, SIGBUS, false, env->fault_addr);
            break;
        default:
            fprintf(stderr, "mimic: unexpected exception %d at 0x%llx\n", e,
                    (unsigned long long)env->pc);
            abort();
        }
    }
}
