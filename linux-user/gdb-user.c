/* SPDX-License-Identifier: MIT */
/*
 * Run control of the user-mode debug target (see gdb-user.h): the session
 * thread that serves gdb, the resume operation, and the meeting points
 * where guest threads park, step and report stops.
 *
 * One mutex (GdbUser.lock) and one condition variable cover it all.  The
 * session thread's resume() hands each thread its action and waits for a
 * stop event; the first guest thread with something to report posts it,
 * sets 'stopping' and kicks the threads still in translated code, and
 * resume() returns once none is.  Stops that happen while another is being
 * reported are dropped when the instruction will raise them again
 * (breakpoints, watchpoints) and deferred otherwise (signals).
 *
 * Stepping: a gdb step runs one instruction with CF_SINGLE_STEP (one
 * instruction per block, back to the CPU loop after it) and is reported at
 * the next gdb_user_cpu_enter, i.e. after any system call it made has been
 * performed.  Resuming from a breakpoint or watchpoint stop at the same pc
 * first steps that instruction with debugging off for it (debug_skip).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "gdb-user-int.h"
#include "tcg/exec.h"

/* How long a Ctrl-C waits for threads in system calls before the stop is
 * reported on their behalf, and how long an exiting process waits for gdb
 * to take its exit status. */
#define GDB_USER_SYSCALL_GRACE_MS 100
#define GDB_USER_EXIT_WAIT_MS 5000

static bool gdb_user_attached(GdbUser *g)
{
    return __atomic_load_n(&g->attached, __ATOMIC_ACQUIRE);
}

static void gdb_user_timedwait(GdbUser *g, int ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += (long)ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&g->cond, &g->lock, &ts);
}

/* Makes every thread in translated code return to its CPU loop soon. */
static void gdb_user_kick_running(GdbUser *g)
{
    pthread_mutex_lock(&g->p->cpus_lock);
    for (LinuxCpu *t = g->p->cpus; t; t = t->next) {
        if (t->gdb && t->gdb->running) {
            __atomic_store_n(&t->env->common.exit_request, 1,
                             __ATOMIC_RELEASE);
        }
    }
    pthread_mutex_unlock(&g->p->cpus_lock);
}

/*
 * Posts the stop of thread t (lock held).  Returns false, posting nothing,
 * when a stop is already being reported or gdb is gone.
 */
static bool gdb_user_report(GdbUser *g, LinuxCpu *t,
                            const GdbStopReason *stop)
{
    if (!gdb_user_attached(g) || g->stopping) {
        return false;
    }
    g->event = *stop;
    g->event.tid = t->tid;
    g->have_event = true;
    g->stopping = true;
    g->interrupt = false;
    t->gdb->step_active = false;
    gdb_user_kick_running(g);
    pthread_cond_broadcast(&g->cond);
    return true;
}

static void gdb_user_report_trap(GdbUser *g, LinuxCpu *t, int linux_sig)
{
    GdbStopReason stop = { .kind = GDB_STOP_SIGNAL, .signal = linux_sig };
    gdb_user_report(g, t, &stop);
}

/* Waits (lock held) until a resume lets t run or gdb lets go. */
static void gdb_user_park(GdbUser *g, LinuxCpu *t)
{
    while (gdb_user_attached(g) && (g->stopping || !t->gdb->may_run)) {
        pthread_cond_wait(&g->cond, &g->lock);
    }
}

/* ---- Hooks for guest threads -------------------------------------------- */

/* Sets up the thread's next run after it was let go (lock held). */
static uint32_t gdb_user_next_run(GdbUser *g, LinuxCpu *t)
{
    GdbUserThread *gt = t->gdb;
    CPUARMState *env = t->env;
    uint32_t cflags = 0;

    if (gt->has_debug_stop && gt->debug_stop_pc == env->pc) {
        /* the instruction that stopped must now run, once, unchecked */
        env->common.debug_skip = 1;
        gt->stepping_over = true;
        cflags = CF_SINGLE_STEP;
    }
    gt->has_debug_stop = false;
    if (gt->action == GDB_RESUME_STEP && gdb_user_attached(g)) {
        gt->step_active = true;
        gt->stepping_over = false;
        cflags = CF_SINGLE_STEP;
    }
    if (cflags) {
        /* a stale kick would end the step before its instruction ran */
        __atomic_store_n(&env->common.exit_request, 0, __ATOMIC_RELEASE);
    }
    gt->running = true;
    g->running++;
    return cflags;
}

uint32_t gdb_user_cpu_enter_slow(LinuxProcess *p, CPUARMState *env,
                                 int *deliver)
{
    GdbUser *g = p->gdb;
    if (p->vfork_child) {
        /* not debugged, but on the parent's translations: the one insn
         * its breakpoint stopped runs unchecked (see cpu_exit) */
        return env->common.debug_skip ? CF_SINGLE_STEP : 0;
    }
    if (!gdb_user_attached(g)) {
        return 0;
    }
    LinuxCpu *t = linux_cpu_of(p, env);
    if (!t || !t->gdb) {
        return 0;
    }
    GdbUserThread *gt = t->gdb;
    pthread_mutex_lock(&g->lock);
    for (;;) {
        if (gt->step_active) {
            /* the step (and any system call it made) is complete */
            gdb_user_report_trap(g, t, SIGTRAP);
            gt->step_active = false;
        }
        gt->stepping_over = false;
        if (g->interrupt && gt->may_run) {
            gdb_user_report_trap(g, t, SIGINT);
        }
        if (!gdb_user_attached(g) || (!g->stopping && gt->may_run)) {
            break;
        }
        pthread_cond_wait(&g->cond, &g->lock);
    }
    if (gt->resume_signal) {
        /* delivered first; the caller comes back before running */
        *deliver = gt->resume_signal;
        gt->resume_signal = 0;
        pthread_mutex_unlock(&g->lock);
        return 0;
    }
    uint32_t cflags = 0;
    if (gdb_user_attached(g)) {
        cflags = gdb_user_next_run(g, t);
    }
    pthread_mutex_unlock(&g->lock);
    return cflags;
}

/* The stop reason for a debug exit at env->pc. */
static void gdb_user_debug_reason(GdbUser *g, CPUARMState *env,
                                  GdbStopReason *stop)
{
    static const GdbStopCause watch_cause[] = {
        [TCG_WATCH_WRITE] = GDB_CAUSE_WATCH,
        [TCG_WATCH_READ] = GDB_CAUSE_RWATCH,
        [TCG_WATCH_ACCESS] = GDB_CAUSE_AWATCH,
    };
    uint32_t wk = env->common.watch_hit_kind;

    *stop = (GdbStopReason){ .kind = GDB_STOP_SIGNAL, .signal = SIGTRAP };
    if (wk >= TCG_WATCH_WRITE && wk <= TCG_WATCH_ACCESS) {
        stop->cause = watch_cause[wk];
        stop->watch_addr = env->common.watch_hit_addr;
    } else {
        int kinds = tcg_debug_bp_kinds(g->debug, env->pc);
        stop->cause = (kinds & TCG_BP_SW) || !kinds ? GDB_CAUSE_SWBREAK
                                                     : GDB_CAUSE_HWBREAK;
    }
    env->common.watch_hit_kind = 0;
}

void gdb_user_cpu_exit_slow(LinuxProcess *p, CPUARMState *env, int excp)
{
    GdbUser *g = p->gdb;
    env->common.debug_skip = 0;
    if (p->vfork_child) {
        /* It shares memory, translations and this state with the stopped
         * parent, which gdb follows: never report, step over instead. */
        env->common.debug_skip = excp == TCG_EXCP_DEBUG;
        return;
    }
    if (!gdb_user_attached(g)) {
        if (excp == TCG_EXCP_DEBUG) {
            /* a translation from before gdb let go (a fork child's copy
             * of the parent's breakpoints): drop them, or it hits again */
            tcg_debug_clear(g->debug);
            tcg_debug_sync(g->debug);
        }
        return;
    }
    LinuxCpu *t = linux_cpu_of(p, env);
    if (!t || !t->gdb) {
        return;
    }
    GdbUserThread *gt = t->gdb;
    pthread_mutex_lock(&g->lock);
    if (gt->running) {
        gt->running = false;
        g->running--;
        pthread_cond_broadcast(&g->cond);
    }
    if (excp == TCG_EXCP_DEBUG) {
        GdbStopReason stop;
        gdb_user_debug_reason(g, env, &stop);
        /* when not reported, the hit comes again if the bp is still set */
        if (gdb_user_report(g, t, &stop)) {
            gt->has_debug_stop = true;
            gt->debug_stop_pc = env->pc;
        }
        gt->step_active = false;
    }
    pthread_mutex_unlock(&g->lock);
}

int gdb_user_signal_slow(LinuxProcess *p, CPUARMState *env, int sig)
{
    GdbUser *g = p->gdb;
    LinuxCpu *t = linux_cpu_of(p, env);
    if (!t || !t->gdb || !gdb_user_attached(g) || p->vfork_child) {
        return sig;
    }
    GdbUserThread *gt = t->gdb;
    pthread_mutex_lock(&g->lock);
    /* another stop is being reported: ours comes after it */
    gdb_user_park(g, t);
    GdbStopReason stop = { .kind = GDB_STOP_SIGNAL, .signal = sig };
    if (gdb_user_report(g, t, &stop)) {
        gt->stop_signal = sig;
        gt->step_active = false;
        gdb_user_park(g, t);
        /* gdb's choice: the same signal (pass), another, or none */
        sig = gt->resume_signal;
        gt->resume_signal = 0;
        gt->stop_signal = 0;
    }
    pthread_mutex_unlock(&g->lock);
    return sig;
}

void gdb_user_exit_slow(LinuxProcess *p, bool killed, int status)
{
    GdbUser *g = p->gdb;
    if (p->vfork_child) {
        return;                 /* a child's exit, not the process's */
    }
    pthread_mutex_lock(&g->lock);
    if (!gdb_user_attached(g)) {
        pthread_mutex_unlock(&g->lock);
        return;
    }
    if (g->in_resume) {
        /* resume() returns it and the stub sends W/X */
        g->event = (GdbStopReason){
            .kind = killed ? GDB_STOP_KILLED : GDB_STOP_EXITED,
            .signal = killed ? status : 0, .exit_code = killed ? 0 : status,
        };
        g->have_event = true;
        g->stopping = true;
        pthread_cond_broadcast(&g->cond);
    } else if (g->srv) {
        /* gdb holds the other threads stopped: tell it directly */
        if (killed) {
            gdb_server_report_signal_exit(g->srv, status);
        } else {
            gdb_server_report_exit(g->srv, status);
        }
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!g->session_over) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - start.tv_sec) * 1000 +
            (now.tv_nsec - start.tv_nsec) / 1000000 > GDB_USER_EXIT_WAIT_MS) {
            break;
        }
        gdb_user_timedwait(g, 50);
    }
    pthread_mutex_unlock(&g->lock);
}

void gdb_user_fork_child(LinuxProcess *p)
{
    GdbUser *g = p->gdb;
    if (!g) {
        return;
    }
    /* The session thread did not come along, and may have held the lock:
     * the child starts afresh, undebugged, like a child gdb does not
     * follow.  The inherited sockets are left alone (closing them here
     * would be harmless, shutting them down would cut the parent off). */
    pthread_mutex_init(&g->lock, NULL);
    pthread_cond_init(&g->cond, NULL);
    __atomic_store_n(&g->attached, false, __ATOMIC_RELEASE);
    g->stopping = false;
    g->in_resume = false;
    g->have_event = false;
    g->interrupt = false;
    g->session_over = true;
    g->srv = NULL;
    g->running = 0;
}

void gdb_user_cpu_start(LinuxProcess *p, LinuxCpu *t)
{
    GdbUser *g = p->gdb;
    if (!g) {
        return;
    }
    GdbUserThread *gt = calloc(1, sizeof(*gt));
    if (!gt) {
        fprintf(stderr, "mimic: out of memory\n");
        exit(1);
    }
    pthread_mutex_lock(&g->lock);
    gt->may_run = !g->stopping;
    gt->action = GDB_RESUME_CONTINUE;
    t->env->common.debug = g->debug;
    t->gdb = gt;
    pthread_mutex_unlock(&g->lock);
}

void gdb_user_cpu_gone(LinuxProcess *p, LinuxCpu *t)
{
    GdbUser *g = p->gdb;
    if (!g || !t->gdb) {
        return;
    }
    pthread_mutex_lock(&g->lock);
    if (t->gdb->running) {
        g->running--;
    }
    free(t->gdb);
    t->gdb = NULL;
    pthread_cond_broadcast(&g->cond);
    pthread_mutex_unlock(&g->lock);
}

/* ---- Operations on the session thread ----------------------------------- */

/* The first action that names t (or any thread), per gdbstub.h. */
static const GdbResumeAction *gdb_user_action_for(const GdbResumeAction *a,
                                                  int n, int tid)
{
    for (int i = 0; i < n; i++) {
        if (a[i].tid == tid || a[i].tid == -1) {
            return &a[i];
        }
    }
    return NULL;
}

/* Hands out the actions and lets the threads go (lock held). */
static void gdb_user_release(GdbUser *g, const GdbResumeAction *acts, int n)
{
    pthread_mutex_lock(&g->p->cpus_lock);
    for (LinuxCpu *t = g->p->cpus; t; t = t->next) {
        GdbUserThread *gt = t->gdb;
        if (!gt) {
            continue;
        }
        const GdbResumeAction *a = gdb_user_action_for(acts, n, t->tid);
        gt->may_run = a && a->kind != GDB_RESUME_STOP;
        if (gt->may_run) {
            gt->action = a->kind;
            gt->resume_signal = a->signal;
        }
    }
    pthread_mutex_unlock(&g->p->cpus_lock);
    g->have_event = false;
    g->stopping = false;
    pthread_cond_broadcast(&g->cond);
}

/*
 * Ctrl-C with no thread in translated code (all in system calls or
 * parked): nobody would notice it, so the session stops the process
 * itself, naming the first thread (lock held).
 */
static void gdb_user_stop_for_interrupt(GdbUser *g)
{
    g->event = (GdbStopReason){ .kind = GDB_STOP_SIGNAL, .signal = SIGINT };
    pthread_mutex_lock(&g->p->cpus_lock);
    g->event.tid = g->p->cpus ? g->p->cpus->tid : 0;
    pthread_mutex_unlock(&g->p->cpus_lock);
    g->have_event = true;
    g->stopping = true;
    g->interrupt = false;
    pthread_cond_broadcast(&g->cond);
}

static void gdb_user_resume(void *opaque, const GdbResumeAction *acts, int n,
                            GdbStopReason *stop)
{
    GdbUser *g = opaque;
    int idle_ms = 0;

    /* breakpoint changes since the last stop reach the translations */
    tcg_debug_sync(g->debug);
    pthread_mutex_lock(&g->lock);
    gdb_user_release(g, acts, n);
    g->in_resume = true;
    for (;;) {
        if (g->have_event &&
            (g->event.kind != GDB_STOP_SIGNAL || g->running == 0)) {
            break;
        }
        if (g->interrupt && !g->stopping && g->running == 0) {
            idle_ms += 10;
            if (idle_ms >= GDB_USER_SYSCALL_GRACE_MS) {
                gdb_user_stop_for_interrupt(g);
                continue;
            }
        } else {
            idle_ms = 0;
        }
        gdb_user_timedwait(g, 10);
    }
    g->in_resume = false;
    *stop = g->event;
    g->have_event = false;
    g->interrupt = false;
    pthread_mutex_unlock(&g->lock);
}

static void gdb_user_interrupt(void *opaque)
{
    GdbUser *g = opaque;
    pthread_mutex_lock(&g->lock);
    g->interrupt = true;
    gdb_user_kick_running(g);
    pthread_cond_broadcast(&g->cond);
    pthread_mutex_unlock(&g->lock);
}

static void gdb_user_detach(void *opaque)
{
    GdbUser *g = opaque;
    tcg_debug_clear(g->debug);
    tcg_debug_sync(g->debug);
}

static void gdb_user_kill(void *opaque)
{
    (void)opaque;
    fflush(stdout);
    fflush(stderr);
    /* as if gdb had killed a native process */
    kill(getpid(), SIGKILL);
    _exit(137);
}

static const GdbTargetOps gdb_user_ops = {
    .num_threads = gdb_user_num_threads,
    .thread_id = gdb_user_thread_id,
    .read_reg = gdb_user_read_reg,
    .write_reg = gdb_user_write_reg,
    .read_mem = gdb_user_read_mem,
    .write_mem = gdb_user_write_mem,
    .insert_bp = gdb_user_insert_bp,
    .remove_bp = gdb_user_remove_bp,
    .resume = gdb_user_resume,
    .interrupt = gdb_user_interrupt,
    .read_auxv = gdb_user_read_auxv,
    .exec_file = gdb_user_exec_file,
    .monitor = gdb_user_monitor,
    .kill = gdb_user_kill,
    .detach = gdb_user_detach,
};

/* gdb is gone (detached, disconnected, never came): the process runs on
 * as if it had never been debugged, passing on signals it stopped with. */
static void gdb_user_let_go(GdbUser *g)
{
    pthread_mutex_lock(&g->p->cpus_lock);
    for (LinuxCpu *t = g->p->cpus; t; t = t->next) {
        GdbUserThread *gt = t->gdb;
        if (gt) {
            gt->may_run = true;
            gt->action = GDB_RESUME_CONTINUE;
            gt->resume_signal = gt->stop_signal;
            gt->step_active = false;
        }
    }
    pthread_mutex_unlock(&g->p->cpus_lock);
    __atomic_store_n(&g->attached, false, __ATOMIC_RELEASE);
    g->stopping = false;
    g->interrupt = false;
    pthread_cond_broadcast(&g->cond);
}

static void *gdb_user_session(void *arg)
{
    GdbUser *g = arg;
    GdbRunResult r = GDB_RUN_ERROR;

    if (gdb_server_wait_attach(g->srv) == 0) {
        GdbStopReason initial = { .kind = GDB_STOP_SIGNAL, .signal = SIGTRAP,
                                  .tid = g->p->main_cpu.tid };
        r = gdb_server_run(g->srv, &initial);
    }
    if (r != GDB_RUN_EXITED) {
        gdb_user_detach(g);
    }
    pthread_mutex_lock(&g->lock);
    GdbServer *srv = g->srv;
    g->srv = NULL;
    pthread_mutex_unlock(&g->lock);
    gdb_server_close(srv);

    pthread_mutex_lock(&g->lock);
    if (r != GDB_RUN_EXITED) {
        gdb_user_let_go(g);
    }
    g->session_over = true;
    pthread_cond_broadcast(&g->cond);
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

static bool gdb_user_copy_auxv(GdbUser *g)
{
    LinuxProcess *p = g->p;
    g->auxv_len = (size_t)p->auxv_len;
    g->auxv = malloc(g->auxv_len ? g->auxv_len : 1);
    return g->auxv && (g->auxv_len == 0 ||
                       gdb_user_read_mem(g, p->auxv_addr, g->auxv,
                                         g->auxv_len) == 0);
}

/* "0" or "HOST:0": the port is the system's choice, so say which. */
static bool gdb_user_port_is_zero(const char *spec)
{
    const char *c = strrchr(spec, ':');
    return !strchr(spec, '/') && !strcmp(c ? c + 1 : spec, "0");
}

bool gdb_user_start(LinuxProcess *p, const char *spec)
{
    GdbUser *g = calloc(1, sizeof(*g));
    if (!g) {
        return false;
    }
    g->p = p;
    g->debug = tcg_debug_new();
    pthread_mutex_init(&g->lock, NULL);
    pthread_cond_init(&g->cond, NULL);
    if (!g->debug || !gdb_user_copy_auxv(g)) {
        fprintf(stderr, "mimic: cannot set up the gdbstub\n");
        return false;
    }
    g->srv = gdb_server_listen(spec, &gdb_user_ops, g);
    if (!g->srv) {
        return false;
    }
    if (gdb_user_port_is_zero(spec)) {
        fprintf(stderr, "mimic: waiting for gdb on port %d\n",
                gdb_server_port(g->srv));
    }
    /* held stopped from the start: gdb comes before the first insn */
    g->attached = true;
    g->stopping = true;
    p->gdb = g;
    pthread_mutex_lock(&p->cpus_lock);
    LinuxCpu *threads = p->cpus;
    pthread_mutex_unlock(&p->cpus_lock);
    for (LinuxCpu *t = threads; t; t = t->next) {
        gdb_user_cpu_start(p, t);
    }
    /* guest signals are for guest threads, never for the session */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int err = pthread_create(&g->session, NULL, gdb_user_session, g);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err) {
        fprintf(stderr, "mimic: cannot start the gdbstub thread\n");
        return false;
    }
    pthread_detach(g->session);
    return true;
}
