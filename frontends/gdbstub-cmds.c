/* SPDX-License-Identifier: MIT */
/*
 * gdbstub-cmds.c - packet handlers of the GDB remote protocol for the
 * stopped-target commands: '?', registers (g/G/p/P), memory (m/M/X),
 * break/watchpoints (Z/z), resume (c/s/C/S/vCont), threads (H/T),
 * detach and kill.  Queries (q/Q) live in gdbstub-query.c.
 *
 * Every handler parses with explicit bounds (p < end) and answers malformed
 * input with "E01"; nothing a client sends can index past a buffer.  The
 * handlers do no I/O: gdb_handle_packet maps one packet body to one reply
 * body, which is what the unit tests and fuzzers drive.
 *
 * Protocol reference: GDB manual, "Packets" and "Stop Reply Packets".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/gdbstub-int.h"

#define GDB_ERR_PARSE "E01"
#define GDB_ERR_THREAD "E02"
#define GDB_ERR_FAULT "E14"      /* EFAULT, as gdbserver reports it */
#define GDB_PAGE 4096u           /* granule of the partial-read retry */
#define GDB_MEM_BUF (GDB_PACKET_SIZE / 2)

/* ---- Session ------------------------------------------------------------ */

GdbSession *gdb_session_new(const GdbTargetOps *ops, void *opaque,
                            const GdbSessionHooks *hooks)
{
    GdbSession *s = calloc(1, sizeof(*s));

    if (!s) {
        return NULL;
    }
    s->ops = ops;
    s->opaque = opaque;
    s->arch = ops->arch ? ops->arch : &gdb_arch_aarch64;
    if (hooks) {
        s->hooks = *hooks;
    }
    s->g_tid = gdb_first_thread(s);
    s->c_tid = -1;
    s->last_stop.kind = GDB_STOP_SIGNAL;
    s->last_stop.signal = 5;     /* SIGTRAP: stopped at the entry point */
    s->last_stop.tid = s->g_tid;
    return s;
}

void gdb_session_free(GdbSession *s)
{
    if (s) {
        free(s->target_xml);
        free(s->threads_xml);
        free(s);
    }
}

void gdb_session_set_stop(GdbSession *s, const GdbStopReason *stop)
{
    s->last_stop = *stop;
    /* gdb assumes a stop reply with thread:N also made N the general
     * thread (remote.c record_currthread), so follow it. */
    if (stop->kind == GDB_STOP_SIGNAL && stop->tid > 0 &&
        gdb_thread_exists(s, stop->tid)) {
        s->g_tid = stop->tid;
    }
}

GdbSessionEnd gdb_session_end(const GdbSession *s)
{
    return s->end;
}

bool gdb_session_wants_no_ack(const GdbSession *s)
{
    return s->want_no_ack;
}

/* ---- Threads ------------------------------------------------------------ */

int gdb_num_threads(GdbSession *s)
{
    if (!s->ops->num_threads) {
        return 1;
    }
    int n = s->ops->num_threads(s->opaque);
    return n < 0 ? 0 : n;
}

int gdb_thread_at(GdbSession *s, int index)
{
    return s->ops->thread_id ? s->ops->thread_id(s->opaque, index)
                             : index + 1;
}

bool gdb_thread_exists(GdbSession *s, int tid)
{
    int n = gdb_num_threads(s);

    for (int i = 0; i < n; i++) {
        if (gdb_thread_at(s, i) == tid) {
            return true;
        }
    }
    return false;
}

int gdb_first_thread(GdbSession *s)
{
    return gdb_num_threads(s) > 0 ? gdb_thread_at(s, 0) : 1;
}

/* One id of a thread-id: "-1" (all) or hex (0 = any). */
static bool gdb_parse_id(const char **p, const char *end, int *id)
{
    uint64_t v;

    if (end - *p >= 2 && (*p)[0] == '-' && (*p)[1] == '1') {
        *p += 2;
        *id = -1;
        return true;
    }
    if (!gdb_parse_hex(p, end, &v) || v > 0x7fffffff) {
        return false;
    }
    *id = (int)v;
    return true;
}

/*
 * Thread id syntax: "-1", "0", hex, or the multiprocess "pPID.TID" should
 * a client use it unasked ("pPID" alone means all its threads).
 */
static bool gdb_parse_tid(const char **p, const char *end, int *tid)
{
    int pid;

    if (*p < end && **p == 'p') {
        (*p)++;
        if (!gdb_parse_id(p, end, &pid)) {
            return false;
        }
        if (*p >= end || **p != '.') {
            *tid = -1;
            return true;
        }
        (*p)++;
    }
    return gdb_parse_id(p, end, tid);
}

/* ---- Stop replies ------------------------------------------------------- */

size_t gdb_format_stop(GdbSession *s, const GdbStopReason *stop,
                       char *out, size_t cap)
{
    GdbReply r = { out, cap, 0, false };
    int tid = stop->tid > 0 ? stop->tid : s->g_tid;

    switch (stop->kind) {
    case GDB_STOP_EXITED:
        gdb_reply_printf(&r, "W%02x", stop->exit_code & 0xff);
        return r.len;
    case GDB_STOP_KILLED:
        gdb_reply_printf(&r, "X%02x", gdb_signal_from_linux(stop->signal));
        return r.len;
    case GDB_STOP_SIGNAL:
        break;
    }
    gdb_reply_printf(&r, "T%02x", gdb_signal_from_linux(stop->signal));
    switch (stop->cause) {
    case GDB_CAUSE_SWBREAK:
        /* Only gdbs that asked for it understand the reason. */
        if (s->client_swbreak) {
            gdb_reply_str(&r, "swbreak:;");
        }
        break;
    case GDB_CAUSE_HWBREAK:
        if (s->client_hwbreak) {
            gdb_reply_str(&r, "hwbreak:;");
        }
        break;
    case GDB_CAUSE_WATCH:
        gdb_reply_printf(&r, "watch:%llx;", (unsigned long long)stop->watch_addr);
        break;
    case GDB_CAUSE_RWATCH:
        gdb_reply_printf(&r, "rwatch:%llx;", (unsigned long long)stop->watch_addr);
        break;
    case GDB_CAUSE_AWATCH:
        gdb_reply_printf(&r, "awatch:%llx;", (unsigned long long)stop->watch_addr);
        break;
    case GDB_CAUSE_NONE:
        break;
    }
    gdb_reply_printf(&r, "thread:%x;", tid);
    for (const int8_t *e = s->arch->expedite; e && *e >= 0; e++) {
        uint8_t buf[GDB_MAX_REG_SIZE];
        int n = s->ops->read_reg ? s->ops->read_reg(s->opaque, tid, *e, buf)
                                 : 0;
        if (n > 0 && n == s->arch->reg_size[*e]) {
            gdb_reply_printf(&r, "%x:", *e);
            gdb_reply_hex(&r, buf, (size_t)n);
            gdb_reply_str(&r, ";");
        }
    }
    return r.len;
}

static void gdb_reply_stop(GdbSession *s, GdbReply *r)
{
    r->len = gdb_format_stop(s, &s->last_stop, r->buf, r->cap);
    if (s->last_stop.kind != GDB_STOP_SIGNAL) {
        s->end = GDB_SESSION_EXITED;
    }
}

/* ---- Registers ---------------------------------------------------------- */

static void gdb_reply_reg(GdbSession *s, int tid, int regno, GdbReply *r)
{
    uint8_t buf[GDB_MAX_REG_SIZE];
    int size = s->arch->reg_size[regno];
    int n = s->ops->read_reg ? s->ops->read_reg(s->opaque, tid, regno, buf)
                             : 0;

    if (n == size) {
        gdb_reply_hex(r, buf, (size_t)n);
        return;
    }
    /* 'x' digits mark a register whose value is unavailable. */
    for (int i = 0; i < 2 * size; i++) {
        gdb_reply_mem(r, "x", 1);
    }
}

static void gdb_cmd_read_regs(GdbSession *s, GdbReply *r)
{
    for (int i = 0; i < s->arch->num_regs; i++) {
        gdb_reply_reg(s, s->g_tid, i, r);
    }
}

static void gdb_cmd_write_regs(GdbSession *s, const char *p, const char *end,
                               GdbReply *r)
{
    size_t hexlen = (size_t)(end - p), total = 0;
    bool ok = true;

    for (int i = 0; i < s->arch->num_regs; i++) {
        total += s->arch->reg_size[i];
    }
    if (hexlen % 2 || hexlen / 2 > total) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    for (size_t i = 0; i < hexlen; i++) {
        if (gdb_hexval((unsigned char)p[i]) < 0) {
            gdb_reply_str(r, GDB_ERR_PARSE);
            return;
        }
    }
    /* Registers the packet covers completely are written; a short packet
     * leaves the rest alone. */
    for (int i = 0; i < s->arch->num_regs; i++) {
        uint8_t buf[GDB_MAX_REG_SIZE];
        size_t size = s->arch->reg_size[i];
        if ((size_t)(end - p) < 2 * size) {
            break;
        }
        gdb_hex_decode(buf, p, size);
        p += 2 * size;
        if (!s->ops->write_reg ||
            s->ops->write_reg(s->opaque, s->g_tid, i, buf) != 0) {
            ok = false;
        }
    }
    gdb_reply_str(r, ok ? "OK" : GDB_ERR_PARSE);
}

static void gdb_cmd_read_reg(GdbSession *s, const char *p, const char *end,
                             GdbReply *r)
{
    uint64_t regno;

    if (!gdb_parse_hex(&p, end, &regno) || p != end ||
        regno >= (uint64_t)s->arch->num_regs) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    gdb_reply_reg(s, s->g_tid, (int)regno, r);
}

static void gdb_cmd_write_reg(GdbSession *s, const char *p, const char *end,
                              GdbReply *r)
{
    uint64_t regno;
    uint8_t buf[GDB_MAX_REG_SIZE];

    if (!gdb_parse_hex(&p, end, &regno) || p >= end || *p++ != '=' ||
        regno >= (uint64_t)s->arch->num_regs) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    size_t size = s->arch->reg_size[regno];
    if ((size_t)(end - p) != 2 * size || !gdb_hex_decode(buf, p, size)) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    if (!s->ops->write_reg ||
        s->ops->write_reg(s->opaque, s->g_tid, (int)regno, buf) != 0) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    gdb_reply_str(r, "OK");
}

/* ---- Memory ------------------------------------------------------------- */

/* "ADDR,LEN" followed by stop (':' or end); false if malformed. */
static bool gdb_parse_addr_len(const char **p, const char *end,
                               uint64_t *addr, uint64_t *len)
{
    return gdb_parse_hex(p, end, addr) && *p < end && *(*p)++ == ',' &&
           gdb_parse_hex(p, end, len);
}

/*
 * Reads as much of [addr, addr+len) as is readable from the start: gdb
 * accepts a short 'm' reply, and a read that straddles into an unmapped
 * page should still show the mapped part.
 */
static size_t gdb_read_prefix(GdbSession *s, uint64_t addr, uint8_t *buf,
                              size_t len)
{
    size_t done = 0;

    if (!s->ops->read_mem) {
        return 0;
    }
    if (s->ops->read_mem(s->opaque, addr, buf, len) == 0) {
        return len;
    }
    while (done < len) {
        uint64_t a = addr + done;
        size_t n = GDB_PAGE - (size_t)(a & (GDB_PAGE - 1));
        if (n > len - done) {
            n = len - done;
        }
        if (s->ops->read_mem(s->opaque, a, buf + done, n) != 0) {
            break;
        }
        done += n;
    }
    return done;
}

static void gdb_cmd_read_mem(GdbSession *s, const char *p, const char *end,
                             GdbReply *r)
{
    uint64_t addr, len;
    uint8_t buf[GDB_MEM_BUF];

    if (!gdb_parse_addr_len(&p, end, &addr, &len) || p != end) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    /* Longer than a reply can carry: answer the part that fits. */
    if (len > (r->cap - r->len) / 2) {
        len = (r->cap - r->len) / 2;
    }
    if (len > sizeof(buf)) {
        len = sizeof(buf);
    }
    if (addr + len < addr && addr + len != 0) {
        len = 0 - addr;           /* stop at the top of the address space */
    }
    if (len == 0) {
        return;
    }
    size_t n = gdb_read_prefix(s, addr, buf, (size_t)len);
    if (n == 0) {
        gdb_reply_str(r, GDB_ERR_FAULT);
        return;
    }
    gdb_reply_hex(r, buf, n);
}

static void gdb_write_mem_reply(GdbSession *s, uint64_t addr,
                                const uint8_t *buf, size_t len, GdbReply *r)
{
    if (len > 0 && addr + len - 1 < addr) {
        gdb_reply_str(r, GDB_ERR_FAULT);   /* wraps around */
        return;
    }
    if (len > 0 && (!s->ops->write_mem ||
                    s->ops->write_mem(s->opaque, addr, buf, len) != 0)) {
        gdb_reply_str(r, GDB_ERR_FAULT);
        return;
    }
    gdb_reply_str(r, "OK");
}

/* M addr,len:hex */
static void gdb_cmd_write_mem_hex(GdbSession *s, const char *p,
                                  const char *end, GdbReply *r)
{
    uint64_t addr, len;
    uint8_t buf[GDB_MEM_BUF];

    if (!gdb_parse_addr_len(&p, end, &addr, &len) || p >= end ||
        *p++ != ':' || len > sizeof(buf) ||
        (uint64_t)(end - p) != 2 * len ||
        !gdb_hex_decode(buf, p, (size_t)len)) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    gdb_write_mem_reply(s, addr, buf, (size_t)len, r);
}

/* X addr,len:binary ("}"-escaped) */
static void gdb_cmd_write_mem_bin(GdbSession *s, const char *p,
                                  const char *end, GdbReply *r)
{
    uint64_t addr, len;
    uint8_t buf[GDB_PACKET_SIZE];

    if (!gdb_parse_addr_len(&p, end, &addr, &len) || p >= end ||
        *p++ != ':' || len > sizeof(buf)) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    ssize_t n = gdb_unescape_binary(buf, sizeof(buf), p, (size_t)(end - p));
    if (n < 0 || (uint64_t)n != len) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    gdb_write_mem_reply(s, addr, buf, (size_t)len, r);
}

/* ---- Breakpoints and watchpoints --------------------------------------- */

/* Z/z type,addr,kind[;cond...]: conditions are not offered, so ignored. */
static void gdb_cmd_breakpoint(GdbSession *s, bool insert, const char *p,
                               const char *end, GdbReply *r)
{
    uint64_t type, addr, kind;
    int (*fn)(void *, int, uint64_t, uint64_t) =
        insert ? s->ops->insert_bp : s->ops->remove_bp;

    if (!gdb_parse_hex(&p, end, &type) || p >= end || *p++ != ',' ||
        !gdb_parse_hex(&p, end, &addr) || p >= end || *p++ != ',' ||
        !gdb_parse_hex(&p, end, &kind) || (p < end && *p != ';')) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    if (type > GDB_WP_ACCESS || !fn) {
        return;                              /* unsupported: empty reply */
    }
    int ret = fn(s->opaque, (int)type, addr, kind);
    if (ret == 0) {
        gdb_reply_str(r, "OK");
    } else if (ret < 0) {
        gdb_reply_str(r, GDB_ERR_PARSE);
    }
}

/* ---- Resume ------------------------------------------------------------- */

static void gdb_resume(GdbSession *s, const GdbResumeAction *acts, int n,
                       GdbReply *r)
{
    GdbStopReason stop = { .kind = GDB_STOP_SIGNAL, .signal = 5,
                           .tid = s->g_tid };

    if (!s->ops->resume) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    if (s->hooks.resume_begin) {
        s->hooks.resume_begin(s->hooks.opaque);
    }
    s->ops->resume(s->opaque, acts, n, &stop);
    if (s->hooks.resume_end) {
        s->hooks.resume_end(s->hooks.opaque);
    }
    gdb_session_set_stop(s, &stop);
    gdb_reply_stop(s, r);
}

/* The thread legacy c/s act on: the Hc thread, else the general one. */
static int gdb_cont_thread(GdbSession *s)
{
    return s->c_tid > 0 ? s->c_tid : s->g_tid;
}

/*
 * c [addr] / s [addr] / C sig[;addr] / S sig[;addr].  Continue lets every
 * thread run; step steps the chosen thread and leaves the others stopped,
 * which is what gdb's all-stop model expects of a step.
 */
static void gdb_cmd_legacy_resume(GdbSession *s, char cmd, const char *p,
                                  const char *end, GdbReply *r)
{
    GdbResumeAction act = { .tid = -1 };
    uint64_t v;
    int tid = gdb_cont_thread(s);

    act.kind = (cmd == 's' || cmd == 'S') ? GDB_RESUME_STEP
                                          : GDB_RESUME_CONTINUE;
    bool has_addr = p < end;
    if (cmd == 'C' || cmd == 'S') {
        if (!gdb_parse_hex(&p, end, &v) || v > 0xff ||
            (act.signal = gdb_signal_to_linux((int)v)) < 0 ||
            (p < end && *p != ';')) {
            gdb_reply_str(r, GDB_ERR_PARSE);
            return;
        }
        has_addr = p < end;
        p += has_addr;             /* the ';' before the address */
    }
    if (has_addr) {
        uint8_t buf[GDB_MAX_REG_SIZE] = { 0 };
        int pcno = s->arch->pc_regno, size = s->arch->reg_size[pcno];
        if (!gdb_parse_hex(&p, end, &v) || p != end) {
            gdb_reply_str(r, GDB_ERR_PARSE);
            return;
        }
        for (int i = 0; i < size && i < 8; i++) {
            buf[i] = (uint8_t)(v >> (8 * i));    /* little-endian target */
        }
        if (!s->ops->write_reg || s->ops->write_reg(s->opaque, tid, pcno,
                                                    buf) != 0) {
            gdb_reply_str(r, GDB_ERR_PARSE);
            return;
        }
    }
    if (act.kind == GDB_RESUME_STEP) {
        act.tid = tid;
    }
    gdb_resume(s, &act, 1, r);
}

/* One vCont action: c, C sig, s, S sig, t, each with an optional :tid. */
static bool gdb_parse_vcont_action(GdbSession *s, const char **pp,
                                   const char *end, GdbResumeAction *a)
{
    const char *p = *pp;
    uint64_t v;
    char c = *p++;

    a->signal = 0;
    a->tid = -1;
    switch (c) {
    case 'c': case 'C': a->kind = GDB_RESUME_CONTINUE; break;
    case 's': case 'S': a->kind = GDB_RESUME_STEP; break;
    case 't': a->kind = GDB_RESUME_STOP; break;
    default: return false;
    }
    if (c == 'C' || c == 'S') {
        if (!gdb_parse_hex(&p, end, &v) || v > 0xff ||
            (a->signal = gdb_signal_to_linux((int)v)) < 0) {
            return false;
        }
    }
    if (p < end && *p == ':') {
        p++;
        if (!gdb_parse_tid(&p, end, &a->tid)) {
            return false;
        }
        if (a->tid == 0) {
            a->tid = s->g_tid;               /* "any thread" */
        }
    }
    if (p < end && *p != ';') {
        return false;
    }
    *pp = p;
    return true;
}

static void gdb_cmd_vcont(GdbSession *s, const char *p, const char *end,
                          GdbReply *r)
{
    GdbResumeAction acts[GDB_MAX_RESUME_ACTIONS];
    int n = 0;

    if (p < end && *p == '?') {
        gdb_reply_str(r, p + 1 == end ? "vCont;c;C;s;S;t" : GDB_ERR_PARSE);
        return;
    }
    while (p < end) {
        if (*p++ != ';' || p >= end || n == GDB_MAX_RESUME_ACTIONS ||
            !gdb_parse_vcont_action(s, &p, end, &acts[n])) {
            gdb_reply_str(r, GDB_ERR_PARSE);
            return;
        }
        n++;
    }
    if (n == 0) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    gdb_resume(s, acts, n, r);
}

/* ---- Threads, detach, kill ---------------------------------------------- */

static void gdb_cmd_set_thread(GdbSession *s, const char *p, const char *end,
                               GdbReply *r)
{
    int tid;
    char op = p < end ? *p++ : 0;

    if ((op != 'g' && op != 'c') || !gdb_parse_tid(&p, end, &tid) ||
        p != end) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    if (tid > 0 && !gdb_thread_exists(s, tid)) {
        gdb_reply_str(r, GDB_ERR_THREAD);
        return;
    }
    if (op == 'c') {
        s->c_tid = tid > 0 ? tid : -1;
    } else if (tid > 0) {
        s->g_tid = tid;
    } else if (!gdb_thread_exists(s, s->g_tid)) {
        s->g_tid = gdb_first_thread(s);      /* "any": keep a live one */
    }
    gdb_reply_str(r, "OK");
}

static void gdb_cmd_thread_alive(GdbSession *s, const char *p,
                                 const char *end, GdbReply *r)
{
    int tid;

    if (!gdb_parse_tid(&p, end, &tid) || p != end) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    gdb_reply_str(r, tid > 0 && gdb_thread_exists(s, tid) ? "OK" : "E01");
}

static void gdb_cmd_detach(GdbSession *s, GdbReply *r)
{
    if (s->ops->detach) {
        s->ops->detach(s->opaque);
    }
    s->end = GDB_SESSION_DETACHED;
    gdb_reply_str(r, "OK");
}

/* ---- Dispatch ----------------------------------------------------------- */

static void gdb_cmd_v(GdbSession *s, const char *p, const char *end,
                      GdbReply *r)
{
    size_t n = (size_t)(end - p);

    if (n >= 5 && memcmp(p, "vCont", 5) == 0 &&
        (n == 5 || p[5] == ';' || p[5] == '?')) {
        gdb_cmd_vcont(s, p + 5, end, r);
    } else if (n >= 5 && memcmp(p, "vKill", 5) == 0) {
        /* The caller runs ops->kill once the OK is out (see
         * gdb_session_end); killing first could lose the reply. */
        s->end = GDB_SESSION_KILLED;
        gdb_reply_str(r, "OK");
    }
    /* vMustReplyEmpty, vFile, vRun, vAttach, vCtrlC...: empty reply. */
}

static void gdb_dispatch(GdbSession *s, const char *p, const char *end,
                         GdbReply *r)
{
    char cmd = *p;
    const char *arg = p + 1;

    switch (cmd) {
    case '?': gdb_reply_stop(s, r); break;
    case 'g': gdb_cmd_read_regs(s, r); break;
    case 'G': gdb_cmd_write_regs(s, arg, end, r); break;
    case 'p': gdb_cmd_read_reg(s, arg, end, r); break;
    case 'P': gdb_cmd_write_reg(s, arg, end, r); break;
    case 'm': gdb_cmd_read_mem(s, arg, end, r); break;
    case 'M': gdb_cmd_write_mem_hex(s, arg, end, r); break;
    case 'X': gdb_cmd_write_mem_bin(s, arg, end, r); break;
    case 'Z': gdb_cmd_breakpoint(s, true, arg, end, r); break;
    case 'z': gdb_cmd_breakpoint(s, false, arg, end, r); break;
    case 'c': case 's': case 'C': case 'S':
        gdb_cmd_legacy_resume(s, cmd, arg, end, r);
        break;
    case 'v': gdb_cmd_v(s, p, end, r); break;
    case 'H': gdb_cmd_set_thread(s, arg, end, r); break;
    case 'T': gdb_cmd_thread_alive(s, arg, end, r); break;
    case 'D': gdb_cmd_detach(s, r); break;
    case 'q': gdb_cmd_query(s, p, end, r); break;
    case 'Q': gdb_cmd_set_query(s, p, end, r); break;
    default: break;    /* unknown: the empty reply means "unsupported" */
    }
}

size_t gdb_handle_packet(GdbSession *s, const char *pkt, size_t len,
                         char *reply, size_t replycap)
{
    GdbReply r = { reply, replycap, 0, false };

    if (len == 0) {
        return 0;
    }
    if (pkt[0] == 'k') {
        /* No reply; the caller runs ops->kill (gdb_server_run does). */
        s->end = GDB_SESSION_KILLED;
        return GDB_NO_REPLY;
    }
    gdb_dispatch(s, pkt, pkt + len, &r);
    if (r.overflow) {
        /* A handler's reply did not fit: never send a truncated one. */
        r.len = 0;
        gdb_reply_str(&r, GDB_ERR_PARSE);
    }
    return r.len;
}
