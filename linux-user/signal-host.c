/* SPDX-License-Identifier: MIT */
/*
 * Host signals in Linux user mode: the handlers mimic installs on the
 * host, the faults they turn into guest SIGSEGV/SIGBUS, guarded copies
 * to and from guest memory, and the death of the process by a signal.
 *
 * Signal numbers.  arm64 and x86-64 Linux number their signals alike, so
 * guest signal n is host signal n for all of 1..64.  Host glibc keeps 32
 * (SIGCANCEL) and 33 (SIGSETXID) for itself and hides them from
 * sigaction/sigprocmask; mimic talks to the kernel directly instead
 * (linux_host_rt_sigaction/rt_sigprocmask) and never uses what glibc needs
 * them for (pthread_cancel, SIGEV_THREAD timers, set*id broadcasts: set*id
 * must be raw per-thread syscalls, as the guest's glibc broadcasts them
 * itself).  So the guest has all 33 real-time signals, and its own glibc
 * gets its 32 and 33.
 *
 * Dispositions mirror the guest's: a guest SIG_IGN is a host SIG_IGN (so
 * SIGCHLD auto-reaping and exec inheritance work), a guest SIG_DFL whose
 * action is ignore, stop, continue or plain terminate is a host SIG_DFL
 * (the host kernel then does exactly what the guest's would, and blocking
 * syscalls are not disturbed); a guest handler, a core-dumping default and
 * the synchronous fault signals get mimic's handler.  That handler only
 * records the signal for its thread, blocks further signals until the CPU
 * loop has taken it, and asks the thread to leave generated code.
 *
 * Masks mirror the guest's too (minus the synchronous signals mimic
 * needs for its own faults), so the host kernel routes process-directed
 * signals to a guest thread that does not block them.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "task.h"
#include "gdb-user.h"
#include "tcg/exec.h"
#include "util/log.h"

/* The kernel's x86-64 struct sigaction (not glibc's). */
typedef struct HostKSigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
} HostKSigaction;

#define HOST_SA_RESTORER 0x04000000

void linux_host_sigreturn(void);  /* safe-syscall.S */

/* Signals the CPU raises for faults: mimic never blocks them on the host
 * and always handles them (a real fault in generated code must reach
 * it, whatever the guest does with the signal). */
#define SYNC_MASK (GSIG_BIT(SIGSEGV) | GSIG_BIT(SIGBUS) | GSIG_BIT(SIGILL) | \
                   GSIG_BIT(SIGFPE) | GSIG_BIT(SIGTRAP))
/* Default action "terminate with core": mimic handles them so the host
 * never dumps mimic's core. */
#define CORE_MASK (GSIG_BIT(SIGQUIT) | GSIG_BIT(SIGILL) | GSIG_BIT(SIGABRT) | \
                   GSIG_BIT(SIGFPE) | GSIG_BIT(SIGSEGV) | GSIG_BIT(SIGBUS) | \
                   GSIG_BIT(SIGSYS) | GSIG_BIT(SIGTRAP) | GSIG_BIT(SIGXCPU) | \
                   GSIG_BIT(SIGXFSZ))
#define UNBLOCKABLE (GSIG_BIT(SIGKILL) | GSIG_BIT(SIGSTOP))

static LinuxProcess *host_process;  /* for faults on non-guest threads */

int linux_host_rt_sigaction(int sig, const void *act, void *old)
{
    return (int)syscall(SYS_rt_sigaction, sig, act, old, 8);
}

int linux_host_rt_sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    return (int)syscall(SYS_rt_sigprocmask, how, set, old, 8);
}

/* glibc's sigset helpers skip 32 and 33; the kernel reads 64 bits. */
static void mask_to_sigset(uint64_t m, sigset_t *set)
{
    memset(set, 0, sizeof(*set));
    set->__val[0] = m;
}

void linux_guest_to_host_mask(uint64_t gmask, sigset_t *set)
{
    mask_to_sigset(gmask & ~(SYNC_MASK | UNBLOCKABLE), set);
}

void linux_host_block_all(sigset_t *old)
{
    sigset_t all;
    mask_to_sigset(~0ull, &all);
    linux_host_rt_sigprocmask(SIG_SETMASK, &all, old);
}

void linux_host_set_mask(const sigset_t *set)
{
    linux_host_rt_sigprocmask(SIG_SETMASK, set, NULL);
}

void linux_host_mask_sync(LinuxThread *t)
{
    sigset_t set;
    linux_guest_to_host_mask(t->blocked, &set);
    linux_host_set_mask(&set);
}

/* ---- faults ---- */

static void write_stderr(const char *s)
{
    ssize_t r = write(2, s, strlen(s));
    (void)r;
}

static __attribute__((noreturn)) void internal_fault(int sig, siginfo_t *info,
                                                     ucontext_t *uc)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "mimic: internal error: host signal %d "
             "(code %d) at host pc %#llx, address %p%s\n", sig, info->si_code,
             (unsigned long long)uc->uc_mcontext.gregs[REG_RIP],
             info->si_addr, linux_thread_self ? "" : " (no guest thread)");
    write_stderr(buf);
    HostKSigaction dfl = { .handler = SIG_DFL };
    linux_host_rt_sigaction(SIGABRT, &dfl, NULL);
    abort();
}

static bool in_window(const LinuxProcess *p, uintptr_t host)
{
    return p && host >= p->guest_base && host - p->guest_base < p->reserve;
}

/* A kernel-raised SIGSEGV/SIGBUS (or other fault).  Returns to retry the
 * access, or leaves by siglongjmp. */
static void host_fault(int sig, siginfo_t *info, ucontext_t *uc)
{
    LinuxThread *t = linux_thread_self;
    LinuxProcess *p = t ? t->proc : host_process;
    uintptr_t host = (uintptr_t)info->si_addr;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    bool is_write = sig == SIGSEGV && (uc->uc_mcontext.gregs[REG_ERR] & 2);

    if (sig != SIGSEGV && sig != SIGBUS) {
        internal_fault(sig, info, uc);
    }
    if (is_write && in_window(p, host) && linux_handle_code_write &&
        linux_handle_code_write(p, host - p->guest_base)) {
        return;
    }
    if (t && t->uaccess_jmp) {
        linux_host_set_mask(&uc->uc_sigmask);
        siglongjmp(*t->uaccess_jmp, 1);
    }
    if (t && t->in_guest) {
        CPUARMState *env = t->env;
        /* generated code may use a tagged data address unmasked: not
         * canonical on x86 (SI_KERNEL, si_addr 0) or outside the window;
         * the CPU then switches to masking and retries the insn */
        if (sig == SIGSEGV && (info->si_code == SI_KERNEL ||
                               !in_window(p, host))) {
            linux_host_set_mask(&uc->uc_sigmask);
            arm_user_tbi_fault(env, pc);
        }
        /* false: the fault came from a helper, which runs with cpu_pc
         * already stored by the translator */
        tcg_restore_state(env, pc);
        env->fault_addr = (uint64_t)(host - p->guest_base);
        env->fault_is_write = is_write;
        t->host_fault_code = info->si_code;
        env->common.exception_index = sig == SIGBUS ? EXCP_BUS : EXCP_SEGV;
        linux_host_set_mask(&uc->uc_sigmask);
        tcg_cpu_loop_exit(env);
    }
    internal_fault(sig, info, uc);
}

static __attribute__((noreturn)) void die_now(int sig);

static void host_signal_handler(int sig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    int saved_errno = errno;
    if ((SYNC_MASK & GSIG_BIT(sig)) && info->si_code > 0) {
        host_fault(sig, info, uc);
        errno = saved_errno;
        return;
    }
    LinuxThread *t = linux_thread_self;
    if (!t) {
        /* mimic's own threads block every signal; nothing to do */
        errno = saved_errno;
        return;
    }
    /* a core-dumping signal the guest leaves at its default kills at
     * once, whatever the thread is doing (as the kernel would) */
    if ((CORE_MASK & GSIG_BIT(sig)) && !(t->blocked & GSIG_BIT(sig)) &&
        t->proc->tasks->act[sig].handler == 0 && !t->proc->gdb) {
        die_now(sig);           /* (a debugger sees it first, though) */
    }
    int n = t->nb_host_sigs;
    if (n < (int)(sizeof(t->host_sigs) / sizeof(t->host_sigs[0]))) {
        t->host_sigs[n] = *info;
        t->nb_host_sigs = n + 1;
    }
    t->signal_pending = 1;
    __atomic_store_n(&t->env->common.exit_request, 1, __ATOMIC_RELEASE);
    /* one signal at a time: the rest wait on the host until the CPU loop
     * has queued this one and restores the mask */
    uc->uc_sigmask.__val[0] = ~SYNC_MASK;
    /* a blocking syscall that has not started (or that the kernel is
     * about to restart) must not wait while a guest signal is pending */
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (uintptr_t)safe_syscall_start &&
        pc < (uintptr_t)safe_syscall_end) {
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)
                                         safe_syscall_interrupted;
    }
    errno = saved_errno;
}

/* ---- dispositions ---- */

static bool needs_handler(int sig, const GuestSigAction *a)
{
    if (SYNC_MASK & GSIG_BIT(sig)) {
        return true;
    }
    if (a->handler == (uint64_t)(uintptr_t)SIG_IGN) {
        return false;
    }
    if (a->handler == (uint64_t)(uintptr_t)SIG_DFL) {
        /* under a debugger every default action goes through the CPU
         * loop, which shows gdb the signal before acting */
        return (CORE_MASK & GSIG_BIT(sig)) != 0 ||
               (host_process && host_process->gdb);
    }
    return true;
}

void linux_host_sigaction_sync(LinuxProcess *p, int sig)
{
    if (sig == SIGKILL || sig == SIGSTOP) {
        return;
    }
    const GuestSigAction *a = &p->tasks->act[sig];
    HostKSigaction h = {
        .flags = HOST_SA_RESTORER | (a->flags & (SA_NOCLDSTOP | SA_NOCLDWAIT)),
        .restorer = linux_host_sigreturn,
    };
    if (needs_handler(sig, a)) {
        h.handler = (void *)host_signal_handler;
        h.flags |= SA_SIGINFO | SA_RESTART;
        h.mask = ~0ull;
    } else {
        h.handler = a->handler ? SIG_IGN : SIG_DFL;
    }
    linux_host_rt_sigaction(sig, &h, NULL);
}

void linux_signal_host_init(LinuxProcess *p)
{
    host_process = p;
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) {
            continue;
        }
        /* ignored signals stay ignored across exec */
        HostKSigaction old;
        if (linux_host_rt_sigaction(sig, NULL, &old) == 0 &&
            old.handler == SIG_IGN) {
            p->tasks->act[sig].handler = (uint64_t)(uintptr_t)SIG_IGN;
        }
        linux_host_sigaction_sync(p, sig);
    }
}

void linux_die_by_signal(int sig)
{
    if (host_process) {
        gdb_user_exit_signal(host_process, sig);
    }
    fflush(stdout);
    fflush(stderr);
    if (log_file) {
        fflush(log_file);
    }
    die_now(sig);
}

/* Async-signal-safe: system calls only. */
static void die_now(int sig)
{
    if (CORE_MASK & GSIG_BIT(sig)) {
        /* the guest's core is not ours to dump; mimic's is no use */
        struct rlimit rl = { 0, 0 };
        setrlimit(RLIMIT_CORE, &rl);
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    HostKSigaction dfl = { .handler = SIG_DFL, .flags = HOST_SA_RESTORER,
                           .restorer = linux_host_sigreturn };
    linux_host_rt_sigaction(sig, &dfl, NULL);
    sigset_t set;
    mask_to_sigset(GSIG_BIT(sig), &set);
    syscall(SYS_tgkill, getpid(), gettid(), sig);
    linux_host_rt_sigprocmask(SIG_UNBLOCK, &set, NULL);
    /* not reached unless the signal cannot kill (then exit as a shell
     * would report it) */
    _exit(128 + sig);
}

/* ---- guarded copies ---- */

static bool guarded_copy(void *dst, const void *src, size_t len)
{
    LinuxThread *t = linux_thread_self;
    if (!t) {
        memcpy(dst, src, len);
        return true;
    }
    sigjmp_buf jb;
    sigjmp_buf *volatile prev = t->uaccess_jmp;
    if (sigsetjmp(jb, 0)) {
        t->uaccess_jmp = prev;
        return false;
    }
    t->uaccess_jmp = &jb;
    __asm__ volatile("" ::: "memory");
    memcpy(dst, src, len);
    __asm__ volatile("" ::: "memory");
    t->uaccess_jmp = prev;
    return true;
}

bool linux_copy_from_guest(LinuxProcess *p, void *dst, uint64_t src,
                           size_t len)
{
    if (!guest_addr_valid(p, src, len)) {
        return false;
    }
    return len == 0 || guarded_copy(dst, g2h(p, src), len);
}

bool linux_copy_to_guest(LinuxProcess *p, uint64_t dst, const void *src,
                         size_t len)
{
    if (!guest_addr_valid(p, dst, len)) {
        return false;
    }
    return len == 0 || guarded_copy(g2h(p, dst), src, len);
}
