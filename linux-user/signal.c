/* SPDX-License-Identifier: MIT */
/*
 * Guest signals: the sigaction table, per-thread masks and queues, and
 * delivery as the Linux kernel does it on return to user space (choice
 * of the next signal, default actions, syscall restart, handler frames),
 * plus the signal system calls.
 *
 * Signals reach a thread's queue from the host handler (signal-host.c)
 * or from a guest fault (linux_force_signal); the CPU loop calls
 * linux_process_signals between blocks, after each syscall and after
 * each exception.  Sending signals goes through the host kernel, which
 * knows every thread and process: kill, tgkill and sigqueue are passed
 * through with the same numbers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "task.h"
#include "gdb-user.h"
#include "syscall-defs.h"
#include "util/log.h"

#define SYNC_PRIO (GSIG_BIT(SIGSEGV) | GSIG_BIT(SIGBUS) | GSIG_BIT(SIGILL) | \
                   GSIG_BIT(SIGTRAP) | GSIG_BIT(SIGFPE) | GSIG_BIT(SIGSYS))
#define UNBLOCKABLE (GSIG_BIT(SIGKILL) | GSIG_BIT(SIGSTOP))
#define DEFAULT_IGNORE (GSIG_BIT(SIGCHLD) | GSIG_BIT(SIGURG) | \
                        GSIG_BIT(SIGWINCH) | GSIG_BIT(SIGCONT))
#define DEFAULT_STOP (GSIG_BIT(SIGSTOP) | GSIG_BIT(SIGTSTP) | \
                      GSIG_BIT(SIGTTIN) | GSIG_BIT(SIGTTOU))
/* the kernel keeps only these sa_flags (UAPI_SA_FLAGS, arm64) */
#define GUEST_SA_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | \
                        SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND | \
                        0x800 /* SA_EXPOSE_TAGBITS */ | 0x04000000 /* RESTORER */)

/* Process start, after loading: mimic's handlers, the trampoline.  Host
 * signals stay blocked until the main thread's CPU loop starts (which
 * sets up its LinuxThread) so none arrives without a thread to take it. */
void linux_host_signals_init(LinuxProcess *p)
{
    LinuxTasks *tk = calloc(1, sizeof(*tk));
    if (!tk) {
        fprintf(stderr, "mimic: out of memory\n");
        exit(1);
    }
    pthread_mutex_init(&tk->lock, NULL);
    p->tasks = tk;
    sigset_t cur;
    linux_host_block_all(&cur);
    tk->initial_mask = cur.__val[0] & ~UNBLOCKABLE;
    linux_signal_host_init(p);
    if (!linux_sigtramp_init(p)) {
        exit(1);
    }
}

void linux_thread_signal_init(LinuxThread *t, const LinuxThread *parent)
{
    if (parent) {
        t->blocked = parent->blocked;
        return;
    }
    /* the main thread starts with the mask mimic was started with */
    t->blocked = t->proc->tasks->initial_mask;
    linux_host_mask_sync(t);
}

/* execve keeps ignored signals and the mask: hand the host the guest's
 * whole mask (the synchronous signals included) for the new program. */
void linux_signals_before_exec(LinuxProcess *p)
{
    LinuxThread *t = linux_thread_self;
    if (!t) {
        return;
    }
    sigset_t set;
    memset(&set, 0, sizeof(set));
    set.__val[0] = t->blocked;
    linux_host_set_mask(&set);
    t->host_mask_dirty = true;     /* if the exec fails */
}

/* A vfork child shares all of mimic's memory with its parent until it
 * execs or exits, and posix_spawn's child resets handlers and the mask
 * on the way: the parent keeps its own copy of that state across. */
typedef struct VforkSave {
    GuestSigAction act[GUEST_NSIG + 1];
    LinuxThread thread;
} VforkSave;

void *linux_vfork_save(LinuxProcess *p)
{
    VforkSave *s = malloc(sizeof(*s));
    if (s && linux_thread_self) {
        pthread_mutex_lock(&p->tasks->lock);
        memcpy(s->act, p->tasks->act, sizeof(s->act));
        pthread_mutex_unlock(&p->tasks->lock);
        s->thread = *linux_thread_self;
    }
    return s;
}

void linux_vfork_restore(LinuxProcess *p, void *saved)
{
    VforkSave *s = saved;
    LinuxThread *t = linux_thread_self;
    if (!s || !t) {
        free(s);
        return;
    }
    pthread_mutex_lock(&p->tasks->lock);
    memcpy(p->tasks->act, s->act, sizeof(s->act));
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        linux_host_sigaction_sync(p, sig);
    }
    pthread_mutex_unlock(&p->tasks->lock);
    /* the parent sleeps in vfork: whatever the handler recorded in this
     * shared memory meanwhile was the child's */
    *t = s->thread;
    t->host_mask_dirty = true;
    free(s);
}

GuestSigAction linux_get_sigaction(LinuxProcess *p, int sig)
{
    pthread_mutex_lock(&p->tasks->lock);
    GuestSigAction a = p->tasks->act[sig];
    pthread_mutex_unlock(&p->tasks->lock);
    return a;
}

void linux_set_blocked(LinuxThread *t, uint64_t mask)
{
    t->blocked = mask & ~UNBLOCKABLE;
    linux_host_mask_sync(t);
}

void linux_sigsuspend_begin(LinuxThread *t, uint64_t mask)
{
    t->saved_mask = t->blocked;
    t->has_saved_mask = true;
    t->blocked = mask & ~UNBLOCKABLE;
}

void linux_sigsuspend_end(LinuxThread *t, int64_t ret)
{
    /* interrupted: the old mask comes back through the handler's frame
     * (or at the end of linux_process_signals); otherwise right away */
    if (ret != -EINTR && ret != -LINUX_ERESTARTSYS &&
        ret != -LINUX_ERESTARTNOHAND && t->has_saved_mask) {
        t->has_saved_mask = false;
        t->blocked = t->saved_mask;
    }
}

int linux_segv_code(LinuxProcess *p, uint64_t addr)
{
    /* a mapped page refused the access; without the page map, an
     * unmapped page is the likely cause */
    if (linux_page_flags && (linux_page_flags(p, addr) & 1 /* VALID */)) {
        return SEGV_ACCERR;
    }
    return SEGV_MAPERR;
}

/* ---- the queue ---- */

static void queue_signal(LinuxThread *t, const siginfo_t *info)
{
    int sig = info->si_signo;
    if (sig < 1 || sig > GUEST_NSIG) {
        return;
    }
    /* standard signals do not queue; real-time ones keep room for them */
    if ((sig < SIGRTMIN_GUEST && (t->pending & GSIG_BIT(sig))) ||
        (sig >= SIGRTMIN_GUEST && t->nb_queued >= SIGQUEUE_MAX - 32) ||
        t->nb_queued >= SIGQUEUE_MAX) {
        return;
    }
    t->queue[t->nb_queued].sig = sig;
    t->queue[t->nb_queued].info = *info;
    t->nb_queued++;
    t->pending |= GSIG_BIT(sig);
}

static void dequeue_signal(LinuxThread *t, int sig, siginfo_t *info)
{
    bool more = false;
    int found = -1;
    for (int i = 0; i < t->nb_queued; i++) {
        if (t->queue[i].sig != sig) {
            continue;
        }
        if (found < 0) {
            found = i;
        } else {
            more = true;
            break;
        }
    }
    *info = t->queue[found].info;
    memmove(&t->queue[found], &t->queue[found + 1],
            sizeof(t->queue[0]) * (size_t)(t->nb_queued - found - 1));
    t->nb_queued--;
    if (!more) {
        t->pending &= ~GSIG_BIT(sig);
    }
}

/* Drops queued instances of sig (its action became ignore). */
static void flush_signal(LinuxThread *t, int sig)
{
    siginfo_t dummy;
    while (t->pending & GSIG_BIT(sig)) {
        dequeue_signal(t, sig, &dummy);
    }
}

/* The kernel's next_signal: synchronous faults first, then the lowest. */
static int next_signal(uint64_t set)
{
    uint64_t s = set & SYNC_PRIO;
    if (!s) {
        s = set;
    }
    return s ? __builtin_ctzll(s) + 1 : 0;
}

/* Takes signals the host handler recorded into the queue. */
static void take_host_signals(LinuxThread *t)
{
    sigset_t old;
    linux_host_block_all(&old);
    t->signal_pending = 0;
    int n = t->nb_host_sigs;
    for (int i = 0; i < n; i++) {
        queue_signal(t, &t->host_sigs[i]);
    }
    t->nb_host_sigs = 0;
}

/* Before a sigsuspend-like wait (t->blocked is already the wait's
 * mask): would a signal be delivered now? */
bool linux_signal_deliverable(LinuxThread *t)
{
    if (t->signal_pending) {
        /* the host mask stays all-blocked; the wait applies its own */
        take_host_signals(t);
        t->host_mask_dirty = true;
    }
    return (t->pending & ~t->blocked) != 0;
}

/* ---- delivery ---- */

static bool sig_is_ignored(const GuestSigAction *a, int sig)
{
    return a->handler == 1 ||
           (a->handler == 0 && (DEFAULT_IGNORE & GSIG_BIT(sig)));
}

static void default_action(LinuxThread *t, int sig)
{
    if (DEFAULT_IGNORE & GSIG_BIT(sig)) {
        return;
    }
    if (DEFAULT_STOP & GSIG_BIT(sig)) {
        kill(getpid(), SIGSTOP);
        return;
    }
    if (log_enabled(LOG_INT)) {
        log_printf("guest killed by signal %d at pc 0x%llx\n", sig,
                   (unsigned long long)t->env->pc);
    }
    linux_die_by_signal(sig);
}

/* The frame could not be written: the kernel's force_sigsegv. */
static void force_sigsegv(LinuxThread *t, int sig)
{
    LinuxProcess *p = t->proc;
    if (sig == SIGSEGV) {
        pthread_mutex_lock(&p->tasks->lock);
        p->tasks->act[SIGSEGV].handler = 0;
        linux_host_sigaction_sync(p, SIGSEGV);
        pthread_mutex_unlock(&p->tasks->lock);
    }
    linux_force_signal(t, SIGSEGV, SI_KERNEL, 0);
}

static void handle_signal(LinuxThread *t, int sig, const siginfo_t *info)
{
    LinuxProcess *p = t->proc;
    CPUARMState *env = t->env;
    pthread_mutex_lock(&p->tasks->lock);
    GuestSigAction ka = p->tasks->act[sig];
    if (ka.handler > 1 && (ka.flags & SA_RESETHAND)) {
        p->tasks->act[sig].handler = 0;
        linux_host_sigaction_sync(p, sig);
    }
    pthread_mutex_unlock(&p->tasks->lock);

    if (ka.handler == 1) {
        return;
    }
    if (ka.handler == 0) {
        default_action(t, sig);
        return;
    }
    /* an interrupted syscall: restart it after the handler only when the
     * handler asked for it (arm64 do_signal) */
    if (t->restart_kind) {
        if (t->restart_kind == LINUX_ERESTARTNOHAND ||
            !(ka.flags & SA_RESTART)) {
            env->pc += 4;
            env->xregs[0] = (uint64_t)-EINTR;
        }
        t->restart_kind = 0;
    }
    uint64_t frame_mask = t->has_saved_mask ? t->saved_mask : t->blocked;
    if (log_enabled(LOG_INT)) {
        log_printf("guest signal %d: handler 0x%llx, pc 0x%llx\n", sig,
                   (unsigned long long)ka.handler,
                   (unsigned long long)env->pc);
    }
    if (p->cfg.strace) {
        const char *name = sigabbrev_np(sig);
        if ((SYNC_PRIO & GSIG_BIT(sig)) && info->si_code > 0) {
            log_printf("%d --- SIG%s {si_code=%d, si_addr=%p} ---\n",
                       t->tid, name ? name : "?", info->si_code,
                       info->si_addr);
        } else {
            log_printf("%d --- SIG%s {si_code=%d, si_pid=%d} ---\n", t->tid,
                       name ? name : "?", info->si_code, info->si_pid);
        }
    }
    if (!a64_setup_rt_frame(t, sig, &ka, info, frame_mask)) {
        force_sigsegv(t, sig);
        return;
    }
    t->has_saved_mask = false;
    uint64_t add = ka.mask | ((ka.flags & SA_NODEFER) ? 0 : GSIG_BIT(sig));
    t->blocked = (t->blocked | add) & ~UNBLOCKABLE;
    t->host_mask_dirty = true;
}

/* A signal the debugger sends: as from a kill() by the process itself. */
static void debugger_siginfo(siginfo_t *info, int sig)
{
    memset(info, 0, sizeof(*info));
    info->si_signo = sig;
    info->si_code = SI_USER;
    info->si_pid = getpid();
    info->si_uid = getuid();
}

void linux_debugger_signal(LinuxThread *t, int sig)
{
    siginfo_t info;
    debugger_siginfo(&info, sig);
    if (sig < 1 || sig > GUEST_NSIG) {
        return;
    }
    if (t->blocked & GSIG_BIT(sig)) {
        queue_signal(t, &info);     /* pending until unblocked */
        return;
    }
    handle_signal(t, sig, &info);
}

void linux_process_signals(LinuxThread *t)
{
    if (!t->signal_pending && !(t->pending & ~t->blocked) &&
        !t->has_saved_mask && !t->host_mask_dirty) {
        t->restart_kind = 0;
        return;
    }
    if (t->signal_pending) {
        take_host_signals(t);
        t->host_mask_dirty = true;
    }
    for (;;) {
        int sig = next_signal(t->pending & ~t->blocked);
        if (!sig) {
            break;
        }
        siginfo_t info;
        dequeue_signal(t, sig, &info);
        /* a debugger sees it first: it passes it on, changes or drops it */
        int dsig = gdb_user_signal(t->proc, t->env, sig);
        if (dsig != sig) {
            if (!dsig) {
                continue;
            }
            debugger_siginfo(&info, dsig);
        }
        handle_signal(t, dsig, &info);
    }
    if (t->has_saved_mask) {
        t->has_saved_mask = false;
        t->blocked = t->saved_mask;
    }
    t->restart_kind = 0;
    t->host_mask_dirty = false;
    linux_host_mask_sync(t);
}

void linux_force_signal(LinuxThread *t, int sig, int code, uint64_t addr)
{
    LinuxProcess *p = t->proc;
    pthread_mutex_lock(&p->tasks->lock);
    GuestSigAction *a = &p->tasks->act[sig];
    bool blocked = (t->blocked & GSIG_BIT(sig)) != 0;
    if (a->handler == 1 || blocked) {
        a->handler = 0;
        linux_host_sigaction_sync(p, sig);
        if (blocked) {
            t->blocked &= ~GSIG_BIT(sig);
            t->host_mask_dirty = true;
        }
    }
    pthread_mutex_unlock(&p->tasks->lock);
    siginfo_t info;
    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = code;
    info.si_addr = (void *)(uintptr_t)addr;
    /* a user-sent copy of the same standard signal is replaced */
    flush_signal(t, sig);
    queue_signal(t, &info);
}

/* ---- system calls ---- */

static LinuxThread *self(void) { return linux_thread_self; }

static int64_t sys_rt_sigaction(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    int sig = (int)a[0];
    GuestSigAction nact, oact;
    if (a[3] != 8 || sig < 1 || sig > GUEST_NSIG) {
        return -EINVAL;
    }
    if (a[1] && (sig == SIGKILL || sig == SIGSTOP)) {
        return -EINVAL;
    }
    if (a[1] && !linux_copy_from_guest(p, &nact, a[1], sizeof(nact))) {
        return -EFAULT;
    }
    pthread_mutex_lock(&p->tasks->lock);
    oact = p->tasks->act[sig];
    if (a[1]) {
        nact.flags &= GUEST_SA_FLAGS;
        nact.mask &= ~UNBLOCKABLE;
        p->tasks->act[sig] = nact;
        linux_host_sigaction_sync(p, sig);
    }
    pthread_mutex_unlock(&p->tasks->lock);
    if (a[1] && sig_is_ignored(&nact, sig)) {
        /* POSIX: setting ignore discards what is pending */
        flush_signal(self(), sig);
    }
    oact.flags &= GUEST_SA_FLAGS;
    if (a[2] && !linux_copy_to_guest(p, a[2], &oact, sizeof(oact))) {
        return -EFAULT;
    }
    return 0;
}

static int64_t sys_rt_sigprocmask(LinuxProcess *p, CPUARMState *env,
                                  const uint64_t *a)
{
    LinuxThread *t = self();
    uint64_t set, old = t->blocked;
    if (a[3] != 8) {
        return -EINVAL;
    }
    if (a[1]) {
        if (!linux_copy_from_guest(p, &set, a[1], 8)) {
            return -EFAULT;
        }
        switch (a[0]) {
        case SIG_BLOCK: linux_set_blocked(t, old | set); break;
        case SIG_UNBLOCK: linux_set_blocked(t, old & ~set); break;
        case SIG_SETMASK: linux_set_blocked(t, set); break;
        default: return -EINVAL;
        }
    }
    if (a[2] && !linux_copy_to_guest(p, a[2], &old, 8)) {
        return -EFAULT;
    }
    return 0;
}

static int64_t sys_rt_sigpending(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    LinuxThread *t = self();
    if (a[1] > 8) {
        return -EINVAL;
    }
    sigset_t host;
    uint64_t set = t->pending;
    if (syscall(SYS_rt_sigpending, &host, 8) == 0) {
        set |= host.__val[0];
    }
    set &= t->blocked;
    return linux_copy_to_guest(p, a[0], &set, a[1]) ? 0 : -EFAULT;
}

static int64_t sys_rt_sigsuspend(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    LinuxThread *t = self();
    uint64_t mask;
    if (a[1] != 8) {
        return -EINVAL;
    }
    if (!linux_copy_from_guest(p, &mask, a[0], 8)) {
        return -EFAULT;
    }
    linux_sigsuspend_begin(t, mask);
    if (!linux_signal_deliverable(t)) {
        sigset_t hm;
        linux_guest_to_host_mask(t->blocked, &hm);
        linux_safe_syscall(SYS_rt_sigsuspend, (long)&hm, 8, 0, 0, 0, 0);
    }
    return -EINTR;
}

static int64_t sys_rt_sigtimedwait(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    LinuxThread *t = self();
    uint64_t set;
    siginfo_t info;
    if (a[3] != 8) {
        return -EINVAL;
    }
    if (!linux_copy_from_guest(p, &set, a[0], 8)) {
        return -EFAULT;
    }
    if (a[2] && !guest_addr_valid(p, a[2], 16)) {
        return -EFAULT;
    }
    set &= ~UNBLOCKABLE;
    int sig = next_signal(t->pending & set);
    int64_t r;
    if (sig) {
        dequeue_signal(t, sig, &info);
        r = sig;
    } else {
        sigset_t hs;
        memset(&hs, 0, sizeof(hs));
        hs.__val[0] = set;
        r = linux_safe_syscall(SYS_rt_sigtimedwait, (long)&hs, (long)&info,
                               a[2] ? (long)g2h(p, a[2]) : 0, 8, 0, 0);
        if (r == -LINUX_ERESTARTSYS) {
            return -LINUX_ERESTARTNOHAND;
        }
    }
    if (r > 0 && a[1] && !linux_copy_to_guest(p, a[1], &info, sizeof(info))) {
        return -EFAULT;
    }
    return r;
}

static int64_t raw(long r)
{
    return r < 0 ? -errno : r;
}

static int64_t sys_rt_sigqueueinfo(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    siginfo_t info;
    if (a[1] > GUEST_NSIG) {
        return -EINVAL;
    }
    if (!linux_copy_from_guest(p, &info, a[2], sizeof(info))) {
        return -EFAULT;
    }
    return raw(syscall(SYS_rt_sigqueueinfo, (pid_t)a[0], (int)a[1],
                            &info));
}

static int64_t sys_rt_tgsigqueueinfo(LinuxProcess *p, CPUARMState *env,
                                     const uint64_t *a)
{
    siginfo_t info;
    if (a[2] > GUEST_NSIG) {
        return -EINVAL;
    }
    if (!linux_copy_from_guest(p, &info, a[3], sizeof(info))) {
        return -EFAULT;
    }
    return raw(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a[0], (pid_t)a[1],
                            (int)a[2], &info));
}

static int64_t sys_pidfd_send_signal(LinuxProcess *p, CPUARMState *env,
                                     const uint64_t *a)
{
    siginfo_t info;
    if (a[1] > GUEST_NSIG) {
        return -EINVAL;
    }
    if (a[2] && !linux_copy_from_guest(p, &info, a[2], sizeof(info))) {
        return -EFAULT;
    }
    return raw(syscall(SYS_pidfd_send_signal, (int)a[0], (int)a[1],
                            a[2] ? &info : NULL, (unsigned)a[3]));
}

/* arm64 stack_t */
typedef struct GuestStack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
} GuestStack;

#define GUEST_SS_AUTODISARM (1u << 31)
#define GUEST_MINSIGSTKSZ 5120

bool linux_on_sig_stack(const LinuxThread *t, uint64_t sp)
{
    if (t->ss_flags & GUEST_SS_AUTODISARM) {
        return false;
    }
    return sp > t->ss_sp && sp - t->ss_sp <= t->ss_size;
}

int linux_sas_ss_flags(const LinuxThread *t, uint64_t sp)
{
    if (!t->ss_size) {
        return SS_DISABLE;
    }
    return linux_on_sig_stack(t, sp) ? SS_ONSTACK : 0;
}

/* The kernel's do_sigaltstack. */
int linux_do_sigaltstack(LinuxThread *t, const void *ssv, void *oldv,
                         uint64_t sp)
{
    const GuestStack *ss = ssv;
    GuestStack *old = oldv;
    if (old) {
        memset(old, 0, sizeof(*old));
        old->ss_sp = t->ss_sp;
        old->ss_size = t->ss_size;
        old->ss_flags = linux_sas_ss_flags(t, sp) |
                        (int32_t)(t->ss_flags & GUEST_SS_AUTODISARM);
    }
    if (!ss) {
        return 0;
    }
    if (linux_on_sig_stack(t, sp)) {
        return -EPERM;
    }
    uint32_t mode = (uint32_t)ss->ss_flags & ~GUEST_SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0) {
        return -EINVAL;
    }
    if (mode == SS_DISABLE) {
        t->ss_sp = t->ss_size = 0;
    } else {
        if (ss->ss_size < GUEST_MINSIGSTKSZ) {
            return -ENOMEM;
        }
        t->ss_sp = ss->ss_sp;
        t->ss_size = ss->ss_size;
    }
    t->ss_flags = ss->ss_flags;
    return 0;
}

static int64_t sys_sigaltstack(LinuxProcess *p, CPUARMState *env,
                               const uint64_t *a)
{
    GuestStack ss, old;
    if (a[0] && !linux_copy_from_guest(p, &ss, a[0], sizeof(ss))) {
        return -EFAULT;
    }
    int r = linux_do_sigaltstack(self(), a[0] ? &ss : NULL, &old,
                                 env->xregs[31]);
    if (r == 0 && a[1] && !linux_copy_to_guest(p, a[1], &old, sizeof(old))) {
        return -EFAULT;
    }
    return r;
}

static int64_t sys_rt_sigreturn(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    return a64_rt_sigreturn(self());
}

static int64_t sys_restart_syscall(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    return -EINTR;
}

const SyscallEntry syscalls_signal[] = {
    { 128, "restart_syscall", "", sys_restart_syscall },
    { 132, "sigaltstack", "pp", sys_sigaltstack },
    { 133, "rt_sigsuspend", "pu", sys_rt_sigsuspend },
    { 134, "rt_sigaction", "dppu", sys_rt_sigaction },
    { 135, "rt_sigprocmask", "dppu", sys_rt_sigprocmask },
    { 136, "rt_sigpending", "pu", sys_rt_sigpending },
    { 137, "rt_sigtimedwait", "pppu", sys_rt_sigtimedwait },
    { 138, "rt_sigqueueinfo", "ddp", sys_rt_sigqueueinfo },
    { 139, "rt_sigreturn", "", sys_rt_sigreturn },
    { 240, "rt_tgsigqueueinfo", "dddp", sys_rt_tgsigqueueinfo },
    { 424, "pidfd_send_signal", "fdpx", sys_pidfd_send_signal },
    SYSCALL_END
};
