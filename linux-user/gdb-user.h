/* SPDX-License-Identifier: MIT */
/*
 * The user-mode debug target: the guest process as gdb sees it through the
 * gdbstub (frontends/gdbstub.h).  The session runs on its own host thread;
 * guest threads run on theirs and meet it at the hooks below, which the
 * CPU loop, signal delivery and exit paths call.  Every hook is a no-op
 * without -g (p->gdb is NULL).
 *
 * All-stop: when one thread stops (breakpoint, watchpoint, end of a step,
 * a signal, Ctrl-C), every thread running guest code is made to leave it
 * (exit_request) and parks at its next gdb_user_cpu_enter.  Threads inside
 * a system call count as stopped; they park when the call returns.
 */
#ifndef LINUX_USER_GDB_USER_H
#define LINUX_USER_GDB_USER_H

#include "user.h"

/* -g: listens on spec and starts the session thread.  The guest threads
 * then wait for gdb before their first instruction.  Returns false after
 * printing why. */
bool gdb_user_start(LinuxProcess *p, const char *spec);

/* A guest thread joins the process (call after linux_cpu_add, before it
 * runs guest code: it starts stopped if gdb holds the process) or leaves
 * it (call before linux_cpu_remove). */
void gdb_user_cpu_start(LinuxProcess *p, LinuxCpu *t);
void gdb_user_cpu_gone(LinuxProcess *p, LinuxCpu *t);

/* In a fork child, from linux_cpus_after_fork_child: the child runs on
 * undebugged (gdb follows the parent). */
void gdb_user_fork_child(LinuxProcess *p);

uint32_t gdb_user_cpu_enter_slow(LinuxProcess *p, CPUARMState *env,
                                 int *deliver);
void gdb_user_cpu_exit_slow(LinuxProcess *p, CPUARMState *env, int excp);
int gdb_user_signal_slow(LinuxProcess *p, CPUARMState *env, int sig);
void gdb_user_exit_slow(LinuxProcess *p, bool killed, int status);

/*
 * Before each tcg_cpu_exec: parks the thread while the debugger holds the
 * process, then returns the cflags to run with (CF_SINGLE_STEP to step).
 * *deliver is set to a signal the debugger asks to deliver (C/S packets):
 * the caller delivers it and calls again before running anything.
 */
static inline uint32_t gdb_user_cpu_enter(LinuxProcess *p, CPUARMState *env,
                                          int *deliver)
{
    *deliver = 0;
    return p->gdb ? gdb_user_cpu_enter_slow(p, env, deliver) : 0;
}

/* After each tcg_cpu_exec with its result: reports breakpoint and
 * watchpoint hits (EXCP_DEBUG). */
static inline void gdb_user_cpu_exit(LinuxProcess *p, CPUARMState *env,
                                     int excp)
{
    if (p->gdb) {
        gdb_user_cpu_exit_slow(p, env, excp);
    }
}

/* A guest signal is about to be delivered to the thread on env: gdb sees
 * it first.  Returns the signal to deliver: sig, another one, or 0 when gdb
 * suppressed it. */
static inline int gdb_user_signal(LinuxProcess *p, CPUARMState *env, int sig)
{
    return p->gdb ? gdb_user_signal_slow(p, env, sig) : sig;
}

/* The process is about to exit with status, or die of signal sig: gdb is
 * told (W / X) before it goes. */
static inline void gdb_user_exit(LinuxProcess *p, int status)
{
    if (p->gdb) {
        gdb_user_exit_slow(p, false, status);
    }
}

static inline void gdb_user_exit_signal(LinuxProcess *p, int sig)
{
    if (p->gdb) {
        gdb_user_exit_slow(p, true, sig);
    }
}

#endif
