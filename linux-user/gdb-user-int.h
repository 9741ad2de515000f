/* SPDX-License-Identifier: MIT */
/*
 * Private to gdb-user*.c: the debugger link's state.  gdb-user.c holds run
 * control (parking, resume, stop reports); gdb-user-target.c the state
 * access gdb does while the process is stopped (registers, memory,
 * breakpoints, auxv, monitor commands).
 */
#ifndef LINUX_USER_GDB_USER_INT_H
#define LINUX_USER_GDB_USER_INT_H

#include "gdb-user.h"
#include "frontends/gdbstub.h"
#include "tcg/debug.h"

/* Per guest thread; fields are under GdbUser.lock. */
typedef struct GdbUserThread {
    bool may_run;           /* the last resume let it run */
    bool running;           /* inside translated code now */
    GdbResumeKind action;   /* what the last resume asked of it */
    int resume_signal;      /* signal to deliver when it runs again */
    int stop_signal;        /* guest signal it is stopped with, or 0 */
    bool step_active;       /* a gdb single step ran: report it */
    bool stepping_over;     /* an internal one-insn step over a debug stop */
    bool has_debug_stop;    /* stopped by a bp/watchpoint at debug_stop_pc */
    uint64_t debug_stop_pc;
} GdbUserThread;

typedef struct GdbUser {
    LinuxProcess *p;
    GdbServer *srv;
    TCGDebug *debug;
    pthread_t session;

    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool attached;          /* gdb controls the process (atomic reads) */
    bool stopping;          /* all-stop: threads must park */
    bool in_resume;         /* the session waits in ops->resume */
    bool have_event;        /* event holds the stop to report */
    GdbStopReason event;
    bool interrupt;         /* Ctrl-C not yet turned into a stop */
    bool session_over;      /* the session thread is done with gdb */
    int running;            /* threads inside translated code */

    uint8_t *auxv;          /* the initial auxv, copied at start */
    size_t auxv_len;
} GdbUser;

/* gdb-user-target.c: GdbTargetOps members for state access. */
int gdb_user_num_threads(void *opaque);
int gdb_user_thread_id(void *opaque, int index);
int gdb_user_read_reg(void *opaque, int tid, int regno, uint8_t *buf);
int gdb_user_write_reg(void *opaque, int tid, int regno, const uint8_t *buf);
int gdb_user_read_mem(void *opaque, uint64_t addr, uint8_t *buf, size_t len);
int gdb_user_write_mem(void *opaque, uint64_t addr, const uint8_t *buf,
                       size_t len);
int gdb_user_insert_bp(void *opaque, int type, uint64_t addr, uint64_t len);
int gdb_user_remove_bp(void *opaque, int type, uint64_t addr, uint64_t len);
int gdb_user_read_auxv(void *opaque, uint8_t *buf, size_t off, size_t len);
const char *gdb_user_exec_file(void *opaque);
int gdb_user_monitor(void *opaque, const char *cmd, char *out, size_t outlen);

/* The CPU state of guest thread tid, or NULL. */
CPUARMState *gdb_user_env_of(GdbUser *g, int tid);

#endif
