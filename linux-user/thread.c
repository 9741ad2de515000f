/* SPDX-License-Identifier: MIT */
/*
 * Guest threads: clone/clone3 with CLONE_VM|CLONE_THREAD become host
 * threads, each running its own CPU loop on its own CPUARMState; thread
 * exit (clear_child_tid, robust futex lists); futexes, which are host
 * futexes on the guest word (guest memory is host memory at guest_base +
 * address); set_tid_address and the robust list.
 *
 * Guest thread ids are host thread ids, so futex PI owner words, tgkill
 * and /proc/PID/task need no translation.
 */
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "task.h"
#include "gdb-user.h"
#include "syscall-defs.h"
#include "tcg/exec.h"
#include "cpu/arm64/cpu-hooks.h"

__thread LinuxThread *linux_thread_self;

static LinuxThread *thread_new(LinuxProcess *p, CPUARMState *env)
{
    LinuxThread *t = calloc(1, sizeof(*t));
    if (!t) {
        return NULL;
    }
    t->proc = p;
    t->env = env;
    t->ss_flags = SS_DISABLE;
    return t;
}

void linux_thread_init_main(LinuxProcess *p, CPUARMState *env)
{
    LinuxThread *t = thread_new(p, env);
    if (!t) {
        fprintf(stderr, "mimic: out of memory\n");
        exit(1);
    }
    t->tid = gettid();
    t->is_main = true;
    linux_thread_self = t;
    p->tasks->nb_threads = 1;
    linux_thread_signal_init(t, NULL);
}

void linux_thread_after_fork_child(LinuxProcess *p)
{
    LinuxThread *t = linux_thread_self;
    p->tasks->nb_threads = 1;
    pthread_mutex_init(&p->tasks->lock, NULL);
    if (t) {
        t->tid = gettid();
        t->is_main = true;
        /* a child starts with no pending signals */
        t->pending = 0;
        t->nb_queued = 0;
    }
}

/* ---- clone ---- */

typedef struct CloneStart {
    LinuxThread *t;
    uint64_t flags, ptid, ctid;
    sem_t ready;
    int tid;
} CloneStart;

static void put_tid(LinuxProcess *p, uint64_t addr, int tid)
{
    uint32_t v = (uint32_t)tid;
    linux_copy_to_guest(p, addr, &v, sizeof(v));
}

static void *thread_main(void *arg)
{
    CloneStart *cs = arg;
    LinuxThread *t = cs->t;
    LinuxProcess *p = t->proc;
    linux_thread_self = t;
    t->tid = gettid();
    tcg_cpu_init(t->env);
    if (cs->flags & CLONE_PARENT_SETTID) {
        put_tid(p, cs->ptid, t->tid);
    }
    if (cs->flags & CLONE_CHILD_SETTID) {
        put_tid(p, cs->ctid, t->tid);
    }
    if (cs->flags & CLONE_CHILD_CLEARTID) {
        t->clear_child_tid = cs->ctid;
    }
    cs->tid = t->tid;
    t->cpu.env = t->env;
    t->cpu.tid = t->tid;
    linux_cpu_add(p, &t->cpu);
    gdb_user_cpu_start(p, &t->cpu);
    sem_post(&cs->ready);      /* cs is the parent's: gone after this */

    sigjmp_buf done;
    t->exit_jmp = &done;
    if (!sigsetjmp(done, 0)) {
        linux_host_mask_sync(t);
        linux_cpu_loop(p, t->env);
    }
    /* linux_thread_exit came back here to unwind nothing but this */
    tcg_cpu_free(t->env);
    tcg_thread_exit();
    linux_thread_self = NULL;
    free(t->env);
    free(t);
    return NULL;
}

#define THREAD_FLAGS (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND)
#define THREAD_OK_FLAGS (THREAD_FLAGS | CLONE_FS | CLONE_FILES | \
                         CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                         CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | \
                         CLONE_DETACHED | CLONE_IO)

/* clone with CLONE_VM (and not CLONE_VFORK): a new guest thread.  Only
 * real threads (CLONE_THREAD|CLONE_SIGHAND) can be host threads, as in
 * qemu; a process sharing memory any other way is refused. */
int64_t linux_clone_thread(LinuxProcess *p, CPUARMState *env, uint64_t flags,
                           uint64_t newsp, uint64_t ptid, uint64_t tls,
                           uint64_t ctid)
{
    LinuxThread *parent = linux_thread_self;
    if ((flags & THREAD_FLAGS) != THREAD_FLAGS ||
        (flags & ~(uint64_t)THREAD_OK_FLAGS & ~0xffull)) {
        return -EINVAL;
    }
    CPUARMState *cenv = arm_cpu_new();
    LinuxThread *t = thread_new(p, cenv);
    if (!t) {
        free(cenv);
        return -ENOMEM;
    }
    /* the registers and the mode's hooks; not the per-CPU exec state */
    memcpy(cenv, env, sizeof(*cenv));
    cenv->common.exit_request = 0;
    cenv->common.exception_index = -1;
    cenv->common.jmp_cache = NULL;
    cenv->common.insn_count = 0;
    cenv->xregs[0] = 0;
    if (newsp) {
        cenv->xregs[31] = newsp;
    }
    if (flags & CLONE_SETTLS) {
        cenv->tpidr_el0 = tls;
    }
    cenv->excl_addr = ~0ull;
    linux_thread_signal_init(t, parent);

    CloneStart cs = { .t = t, .flags = flags, .ptid = ptid, .ctid = ctid };
    sem_init(&cs.ready, 0, 0);
    pthread_mutex_lock(&p->tasks->lock);
    p->tasks->nb_threads++;
    pthread_mutex_unlock(&p->tasks->lock);

    /* the child starts with every host signal blocked and takes the
     * guest's mask once it is set up */
    sigset_t old;
    linux_host_block_all(&old);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 8u << 20);
    pthread_t th;
    int err = pthread_create(&th, &attr, thread_main, &cs);
    pthread_attr_destroy(&attr);
    if (err == 0) {
        while (sem_wait(&cs.ready) != 0) {
        }
    }
    linux_host_set_mask(&old);
    sem_destroy(&cs.ready);
    if (err) {
        pthread_mutex_lock(&p->tasks->lock);
        p->tasks->nb_threads--;
        pthread_mutex_unlock(&p->tasks->lock);
        free(cenv);
        free(t);
        return -EAGAIN;
    }
    return cs.tid;
}

/* ---- exit ---- */

#define ROBUST_LIST_LIMIT 2048

/* The kernel's handle_futex_death: mark a lock the dying thread held. */
static void futex_owner_died(LinuxProcess *p, uint64_t uaddr, int tid, bool pi)
{
    if ((uaddr & 3) || !guest_addr_valid(p, uaddr, 4)) {
        return;
    }
    uint32_t *w = g2h(p, uaddr);
    uint32_t v;
    for (;;) {
        if (!linux_copy_from_guest(p, &v, uaddr, 4) ||
            (v & FUTEX_TID_MASK) != (uint32_t)tid) {
            return;
        }
        uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
        if (__atomic_compare_exchange_n(w, &v, nv, false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST)) {
            break;
        }
    }
    if (!pi && (v & FUTEX_WAITERS)) {
        syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

/* struct robust_list_head { next; long futex_offset; list_op_pending } */
static void exit_robust_list(LinuxThread *t)
{
    LinuxProcess *p = t->proc;
    uint64_t head[3];
    if (!t->robust_list ||
        !linux_copy_from_guest(p, head, t->robust_list, sizeof(head))) {
        return;
    }
    uint64_t entry = head[0], pending = head[2];
    int64_t off = (int64_t)head[1];
    for (int n = 0; entry != t->robust_list && n < ROBUST_LIST_LIMIT; n++) {
        uint64_t next;
        if (!linux_copy_from_guest(p, &next, entry & ~1ull, 8)) {
            return;
        }
        if (entry != pending) {
            futex_owner_died(p, (entry & ~1ull) + (uint64_t)off, t->tid,
                             entry & 1);
        }
        entry = next;
    }
    if (pending) {
        futex_owner_died(p, (pending & ~1ull) + (uint64_t)off, t->tid,
                         pending & 1);
    }
}

/* The process code (lu-core) has the full one (vfork children). */
__attribute__((weak)) void linux_exit_group(LinuxProcess *p, int code)
{
    fflush(NULL);
    exit(code & 0xff);
}

void linux_thread_exit(LinuxThread *t, int code)
{
    LinuxProcess *p = t->proc;
    exit_robust_list(t);
    if (t->clear_child_tid && guest_addr_valid(p, t->clear_child_tid, 4)) {
        uint32_t zero = 0;
        if (linux_copy_to_guest(p, t->clear_child_tid, &zero, 4)) {
            syscall(SYS_futex, g2h(p, t->clear_child_tid), FUTEX_WAKE, 1,
                    NULL, NULL, 0);
        }
    }
    pthread_mutex_lock(&p->tasks->lock);
    if (t->is_main) {
        p->tasks->leader_exit_code = code;
    }
    bool last = --p->tasks->nb_threads == 0;
    int status = p->tasks->leader_exit_code;
    pthread_mutex_unlock(&p->tasks->lock);
    if (last) {
        /* the process's status is the leader's (wait_task_zombie) */
        linux_exit_group(p, status);
    }
    LinuxCpu *cpu = linux_cpu_of(p, t->env);
    if (cpu) {
        gdb_user_cpu_gone(p, cpu);
        linux_cpu_remove(p, cpu);
    }
    /* keep other signals for threads that can take them */
    sigset_t old;
    linux_host_block_all(&old);
    if (t->exit_jmp) {
        siglongjmp(*t->exit_jmp, 1);
    }
    /* the main thread: the process lives on in the others */
    tcg_cpu_free(t->env);
    linux_thread_self = NULL;
    pthread_exit(NULL);
}

void linux_exit_thread(LinuxProcess *p, CPUARMState *env, int status)
{
    linux_thread_exit(linux_thread_self, status & 0xff);
}

static int64_t sys_set_tid_address(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    linux_thread_self->clear_child_tid = a[0];
    return linux_thread_self->tid;
}

static int64_t sys_set_robust_list(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    if (a[1] != 24) {
        return -EINVAL;
    }
    linux_thread_self->robust_list = a[0];
    linux_thread_self->robust_len = a[1];
    return 0;
}

static int64_t sys_get_robust_list(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    LinuxThread *t = linux_thread_self;
    if (a[0] != 0 && (int)a[0] != t->tid) {
        /* other threads' lists live in their LinuxThread: not shared */
        return -EPERM;
    }
    uint64_t head = t->robust_list, len = 24;
    if (!linux_copy_to_guest(p, a[1], &head, 8) ||
        !linux_copy_to_guest(p, a[2], &len, 8)) {
        return -EFAULT;
    }
    return 0;
}

/* ---- futexes ---- */

static int64_t sys_futex(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int op = (int)a[1];
    int cmd = op & FUTEX_CMD_MASK;
    if (!guest_addr_valid(p, a[0], 4)) {
        return -EFAULT;
    }
    long arg4 = (long)a[3];
    void *uaddr2 = NULL;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case 13: /* FUTEX_LOCK_PI2 */
    case FUTEX_WAIT_REQUEUE_PI:
        /* a struct timespec, laid out alike on both sides */
        if (a[3]) {
            if (!guest_addr_valid(p, a[3], 16)) {
                return -EFAULT;
            }
            arg4 = (long)g2h(p, a[3]);
        }
        break;
    default:
        break;                 /* val2: a count, passed as is */
    }
    switch (cmd) {
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
    case FUTEX_CMP_REQUEUE_PI:
    case FUTEX_WAIT_REQUEUE_PI:
        if (!guest_addr_valid(p, a[4], 4)) {
            return -EFAULT;
        }
        uaddr2 = g2h(p, a[4]);
        break;
    default:
        break;
    }
    return linux_safe_syscall(SYS_futex, (long)g2h(p, a[0]), op, (long)a[2],
                              arg4, (long)uaddr2, (long)a[5]);
}

/* struct futex_waitv { u64 val; u64 uaddr; u32 flags; u32 __reserved; } */
typedef struct GuestFutexWaitv {
    uint64_t val, uaddr;
    uint32_t flags, reserved;
} GuestFutexWaitv;

static int64_t sys_futex_waitv(LinuxProcess *p, CPUARMState *env,
                               const uint64_t *a)
{
    GuestFutexWaitv w[128];
    uint64_t n = a[1];
    if (n == 0 || n > 128) {
        return -EINVAL;
    }
    if (!linux_copy_from_guest(p, w, a[0], n * sizeof(w[0]))) {
        return -EFAULT;
    }
    for (uint64_t i = 0; i < n; i++) {
        if (!guest_addr_valid(p, w[i].uaddr, 4)) {
            return -EFAULT;
        }
        w[i].uaddr = (uint64_t)(uintptr_t)g2h(p, w[i].uaddr);
    }
    if (a[3] && !guest_addr_valid(p, a[3], 16)) {
        return -EFAULT;
    }
    return linux_safe_syscall(449, (long)w, (long)n, (long)a[2],
                              a[3] ? (long)g2h(p, a[3]) : 0, (long)a[4], 0);
}

/* Per-thread state: these override the process code's versions. */
const SyscallEntry syscalls_thread[] = {
    { 96, "set_tid_address", "p", sys_set_tid_address },
    { 98, "futex", "pdxpxx", sys_futex },
    { 99, "set_robust_list", "pu", sys_set_robust_list },
    { 100, "get_robust_list", "dpp", sys_get_robust_list },
    { 449, "futex_waitv", "puxpd", sys_futex_waitv },
    SYSCALL_END
};
