/* SPDX-License-Identifier: MIT */
/*
 * gdbstub.h - GDB remote serial protocol server, independent of the CPU.
 *
 * The stub speaks the protocol; everything it knows about the program being
 * debugged comes through GdbTargetOps (registers, memory, breakpoints,
 * resume).  User mode and system mode each supply one GdbTargetOps; the stub
 * itself holds no emulation logic.  There are two layers:
 *
 *   GdbServer   sockets, framing, acks, Ctrl-C while the target runs
 *   GdbSession  pure packet handling (gdb_handle_packet): no I/O, so unit
 *               tests and fuzzers drive it directly
 *
 * Conventions of the interface:
 *  - Thread ids are positive ints 1..N as gdb sees them (one per guest thread
 *    in user mode, one per vCPU in system mode).
 *  - Signal numbers crossing this interface are Linux numbers (asm-generic
 *    numbering: the same on arm64 guests and x86-64 hosts).  The stub converts
 *    them to and from GDB's own target signal numbers on the wire.
 *  - Register numbers follow the target description (GdbArch); for AArch64:
 *    0-30 x0-x30, 31 sp, 32 pc, 33 cpsr (4 bytes), 34-65 v0-v31 (16 bytes),
 *    66 fpsr, 67 fpcr (4 bytes each).  Register bytes are in target order.
 */
#ifndef MIMIC_GDBSTUB_H
#define MIMIC_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest packet body we accept (advertised as PacketSize). */
#define GDB_PACKET_SIZE 0x4000
/* Largest single register the stub will transfer. */
#define GDB_MAX_REG_SIZE 64
/* gdb_handle_packet's return when no reply must be sent (after 'k'). */
#define GDB_NO_REPLY ((size_t)-1)

/* Z/z packet types, numbered as on the wire. */
enum {
    GDB_BP_SW = 0,        /* Z0 software breakpoint */
    GDB_BP_HW = 1,        /* Z1 hardware breakpoint */
    GDB_WP_WRITE = 2,     /* Z2 write watchpoint */
    GDB_WP_READ = 3,      /* Z3 read watchpoint */
    GDB_WP_ACCESS = 4,    /* Z4 access watchpoint */
};

typedef enum GdbResumeKind {
    GDB_RESUME_CONTINUE,
    GDB_RESUME_STEP,
    GDB_RESUME_STOP,      /* vCont;t: keep (or put) the thread stopped */
} GdbResumeKind;

/*
 * One action of a resume request.  A thread takes the first action whose
 * tid is its own or -1 (any thread); a thread matching no action stays
 * stopped.  'c'/'C' produce one action for tid -1, 's'/'S' one action for
 * the Hc thread only.
 */
typedef struct GdbResumeAction {
    GdbResumeKind kind;
    int signal;           /* Linux signal to deliver on resume, 0 for none */
    int tid;              /* thread id, or -1 for every remaining thread */
} GdbResumeAction;

#define GDB_MAX_RESUME_ACTIONS 64

typedef enum GdbStopKind {
    GDB_STOP_SIGNAL,      /* stopped with a signal (TRAP for bp/step/watch) */
    GDB_STOP_EXITED,      /* process exited: exit_code */
    GDB_STOP_KILLED,      /* process terminated by a signal */
} GdbStopKind;

typedef enum GdbStopCause {
    GDB_CAUSE_NONE,       /* plain signal, end of a single step, Ctrl-C */
    GDB_CAUSE_SWBREAK,    /* software breakpoint (Z0) hit */
    GDB_CAUSE_HWBREAK,    /* hardware breakpoint (Z1) hit */
    GDB_CAUSE_WATCH,      /* write watchpoint, data address in watch_addr */
    GDB_CAUSE_RWATCH,     /* read watchpoint */
    GDB_CAUSE_AWATCH,     /* access watchpoint */
} GdbStopCause;

typedef struct GdbStopReason {
    GdbStopKind kind;
    int signal;           /* Linux number: SIGNAL and KILLED */
    int exit_code;        /* EXITED: 0..255 */
    int tid;              /* thread that stopped (SIGNAL); 0 = unknown */
    GdbStopCause cause;
    uint64_t watch_addr;
} GdbStopReason;

/*
 * Description of the guest architecture as gdb sees it.  The AArch64 one
 * (gdb_arch_aarch64) is used when GdbTargetOps.arch is NULL.
 */
typedef struct GdbArch {
    const char *name;            /* BFD architecture name, "aarch64" */
    int num_regs;                /* registers in 'g' order: 0..num_regs-1 */
    const uint8_t *reg_size;     /* bytes of each register */
    int pc_regno;                /* register the c/s "addr" argument sets */
    /* Registers sent along with each stop reply (saves gdb a 'g' round trip
     * per single-step); ends with -1. */
    const int8_t *expedite;
    /* Builds the target.xml document; returns a malloc'd string. */
    char *(*target_xml)(void);
} GdbArch;

extern const GdbArch gdb_arch_aarch64;

/*
 * What the stub needs from the program.  Everything is called on the thread
 * that runs gdb_server_run / gdb_handle_packet, except interrupt().
 * Optional hooks may be NULL; the matching feature is then not offered.
 */
typedef struct GdbTargetOps {
    const GdbArch *arch;                       /* NULL = AArch64 */
    int (*num_threads)(void *opaque);          /* thread ids are 1..N */
    int (*thread_id)(void *opaque, int index); /* index 0..N-1 -> tid */
    /* Returns the register's size in bytes (at most GDB_MAX_REG_SIZE), 0 if
     * it has no such register. */
    int (*read_reg)(void *opaque, int tid, int regno, uint8_t *buf);
    /* Returns 0 on success, -1 if the register cannot be written. */
    int (*write_reg)(void *opaque, int tid, int regno, const uint8_t *buf);
    /* 0 ok, -1 fault (the stub retries page by page for a partial read). */
    int (*read_mem)(void *opaque, uint64_t addr, uint8_t *buf, size_t len);
    int (*write_mem)(void *opaque, uint64_t addr, const uint8_t *buf,
                     size_t len);
    /* type GDB_BP_* / GDB_WP_*; 0 ok, -1 error, 1 unsupported. */
    int (*insert_bp)(void *opaque, int type, uint64_t addr, uint64_t len);
    int (*remove_bp)(void *opaque, int type, uint64_t addr, uint64_t len);
    /* Runs the target per actions[0..n-1] until it stops; fills *stop. */
    void (*resume)(void *opaque, const GdbResumeAction *actions, int n,
                   GdbStopReason *stop);
    /*
     * Ctrl-C from gdb while resume() runs.  Called from the stub's reader
     * thread, possibly just before resume() starts or just as it returns.
     * Treat it as a request that makes the running target stop with SIGINT
     * soon; clear the request whenever the target stops for any reason.
     * Runs under the stub's receive lock: it must not call into the stub.
     */
    void (*interrupt)(void *opaque);
    /* Copies auxv bytes [off, off+len) into buf; returns the count (0 at
     * the end) or -1. */
    int (*read_auxv)(void *opaque, uint8_t *buf, size_t off, size_t len);
    const char *(*exec_file)(void *opaque);
    /* qRcmd: writes a NUL-terminated answer into out (at most outlen bytes
     * including the NUL); returns 0, or -1 if cmd is not a known command. */
    int (*monitor)(void *opaque, const char *cmd, char *out, size_t outlen);
    /* gdb killed the program ('k'/vKill).  May not return. */
    void (*kill)(void *opaque);
    /* gdb detached (or went away): remove every breakpoint and watchpoint;
     * the program then runs on without gdb. */
    void (*detach)(void *opaque);
} GdbTargetOps;

/* ---- Server: sockets and the session loop ------------------------------ */

typedef struct GdbServer GdbServer;

typedef enum GdbRunResult {
    GDB_RUN_DETACHED,      /* gdb sent D: the program runs on */
    GDB_RUN_DISCONNECTED,  /* gdb vanished without D: treated as detach */
    GDB_RUN_KILLED,        /* gdb sent k: ops->kill has been called */
    GDB_RUN_EXITED,        /* the target exited or was killed (W/X sent) */
    GDB_RUN_ERROR,         /* no client connected */
} GdbRunResult;

/*
 * spec: "PORT" or "HOST:PORT" (TCP; host defaults to 127.0.0.1, port 0
 * picks a free one), or a path containing '/' for a Unix socket.  A "tcp:"
 * or "unix:" prefix is accepted.  Prints a message and returns NULL on
 * error.  ops and opaque must outlive the server.
 */
GdbServer *gdb_server_listen(const char *spec, const GdbTargetOps *ops,
                             void *opaque);
/* TCP port actually bound (useful with port 0); 0 for a Unix socket. */
int gdb_server_port(const GdbServer *srv);
/* Blocks until a client connects.  0 on success, -1 on error. */
int gdb_server_wait_attach(GdbServer *srv);
/*
 * Serves one session: reports *initial (NULL = SIGTRAP on the first thread)
 * when gdb asks, runs ops->resume for c/s/vCont, and returns when gdb
 * detaches, kills, disconnects, or the target exits.  When gdb disappears
 * without detaching, ops->detach is called and the program runs on: a lost
 * debugger connection should not take the program down with it.
 */
GdbRunResult gdb_server_run(GdbServer *srv, const GdbStopReason *initial);
/* The program exited (or died of a signal) outside ops->resume: tell the
 * connected gdb, if any, and close the connection.  Thread-safe. */
void gdb_server_report_exit(GdbServer *srv, int code);
void gdb_server_report_signal_exit(GdbServer *srv, int linux_signal);
/* Closes any connection and the listening socket; frees srv. */
void gdb_server_close(GdbServer *srv);

/* ---- Session: pure packet handling ------------------------------------- */

typedef struct GdbSession GdbSession;

typedef enum GdbSessionEnd {
    GDB_SESSION_ACTIVE,
    GDB_SESSION_DETACHED,
    GDB_SESSION_KILLED,
    GDB_SESSION_EXITED,
} GdbSessionEnd;

/* Hooks by which the server attaches I/O to a session; all optional. */
typedef struct GdbSessionHooks {
    void *opaque;
    /* Console output for qRcmd: sent as 'O' packets before the reply.  If
     * NULL, the output becomes the (hex) reply itself. */
    void (*console)(void *opaque, const char *text, size_t len);
    /* Bracket ops->resume so the server can route Ctrl-C to the target. */
    void (*resume_begin)(void *opaque);
    void (*resume_end)(void *opaque);
} GdbSessionHooks;

GdbSession *gdb_session_new(const GdbTargetOps *ops, void *opaque,
                            const GdbSessionHooks *hooks);
void gdb_session_free(GdbSession *s);
/* Sets the stop reported by '?' (and the current thread). */
void gdb_session_set_stop(GdbSession *s, const GdbStopReason *stop);
/*
 * Handles one packet body (framing and checksum already removed) and writes
 * the reply body into reply (never more than replycap bytes, which must be
 * at least 256: a stop reply with its expedited registers must fit).  Returns the reply length (0 = the empty "unsupported"
 * reply) or GDB_NO_REPLY.
 */
size_t gdb_handle_packet(GdbSession *s, const char *pkt, size_t len,
                         char *reply, size_t replycap);
/* KILLED: the caller must then run ops->kill (gdb_server_run does, after
 * the connection is closed, as killing need not return). */
GdbSessionEnd gdb_session_end(const GdbSession *s);
/* True once QStartNoAckMode has been accepted: the server turns acks off
 * after the OK reply has gone out. */
bool gdb_session_wants_no_ack(const GdbSession *s);
/* Formats a stop reply ("T05thread:1;swbreak:;", "W00", ...). */
size_t gdb_format_stop(GdbSession *s, const GdbStopReason *stop,
                       char *out, size_t cap);

/* ---- Framing: bytes to packets, for the server and for tests ------------ */

typedef enum GdbFrameEvent {
    GDB_FRAME_NONE,        /* byte consumed, nothing complete yet */
    GDB_FRAME_PACKET,      /* a packet with a good checksum: f->buf, f->len */
    GDB_FRAME_BAD_CSUM,    /* a packet whose checksum did not match */
    GDB_FRAME_OVERFLOW,    /* a packet longer than GDB_PACKET_SIZE */
    GDB_FRAME_ACK,         /* '+' */
    GDB_FRAME_NAK,         /* '-' */
    GDB_FRAME_INTERRUPT,   /* 0x03 outside a packet */
} GdbFrameEvent;

typedef struct GdbFramer {
    int state;
    size_t len;
    bool overflow;
    uint8_t sum;           /* running checksum of the body */
    uint8_t given;         /* checksum digits received */
    char buf[GDB_PACKET_SIZE + 1];   /* body, NUL-terminated on PACKET */
} GdbFramer;

void gdb_framer_init(GdbFramer *f);
GdbFrameEvent gdb_framer_feed(GdbFramer *f, uint8_t byte);
/* "$body#xx" into out; returns its length, 0 if cap is too small. */
size_t gdb_frame_packet(const char *body, size_t len, char *out, size_t cap);

/* ---- Helpers shared with tests ----------------------------------------- */

int gdb_signal_from_linux(int linux_sig);   /* GDB_SIGNAL_UNKNOWN if none */
int gdb_signal_to_linux(int gdb_sig);       /* -1 if no Linux equivalent */
#define GDB_SIGNAL_UNKNOWN 143

#endif /* MIMIC_GDBSTUB_H */
