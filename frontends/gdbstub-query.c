/* SPDX-License-Identifier: MIT */
/*
 * gdbstub-query.c - the q and Q packets of the GDB remote protocol:
 * feature negotiation (qSupported, QStartNoAckMode), object transfers
 * (qXfer features/threads/auxv/exec-file), the thread list, and monitor
 * commands (qRcmd).  Same rules as gdbstub-cmds.c: bounded parsing, "E01"
 * for malformed input, empty reply for what is not supported.
 *
 * Protocol reference: GDB manual, "General Query Packets", "Thread List
 * Format", "Target Descriptions".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/gdbstub-int.h"

#define GDB_ERR_PARSE "E01"
#define GDB_ERR_ANNEX "E00"
#define GDB_MAX_THREADS_LISTED (1 << 20)
#define GDB_MONITOR_OUT 4096

/* Does [p, end) start with the NUL-terminated word w?  Advances p if so. */
static bool gdb_eat(const char **p, const char *end, const char *w)
{
    size_t n = strlen(w);

    if ((size_t)(end - *p) < n || memcmp(*p, w, n) != 0) {
        return false;
    }
    *p += n;
    return true;
}

/* Is [p, end) exactly the word w? */
static bool gdb_is(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);

    return (size_t)(end - p) == n && memcmp(p, w, n) == 0;
}

/* ---- qSupported --------------------------------------------------------- */

static void gdb_q_supported(GdbSession *s, const char *p, const char *end,
                            GdbReply *r)
{
    /* gdb lists its own features: note those that change our replies. */
    if (p < end && *p == ':') {
        p++;
        while (p < end) {
            const char *semi = memchr(p, ';', (size_t)(end - p));
            const char *fe = semi ? semi : end;
            size_t n = (size_t)(fe - p);
            if (n == 8 && memcmp(p, "swbreak+", 8) == 0) {
                s->client_swbreak = true;
            } else if (n == 8 && memcmp(p, "hwbreak+", 8) == 0) {
                s->client_hwbreak = true;
            }
            p = semi ? semi + 1 : end;
        }
    }
    gdb_reply_printf(r, "PacketSize=%x;QStartNoAckMode+;"
                     "qXfer:features:read+;qXfer:threads:read+;"
                     "vContSupported+;swbreak+;hwbreak+", GDB_PACKET_SIZE);
    if (s->ops->read_auxv) {
        gdb_reply_str(r, ";qXfer:auxv:read+");
    }
    if (s->ops->exec_file) {
        gdb_reply_str(r, ";qXfer:exec-file:read+");
    }
}

/* ---- qXfer -------------------------------------------------------------- */

/*
 * Replies with the window [off, off+len) of an in-memory object: 'l' when
 * the window reaches its end, 'm' when more remains.  Binary escaping can
 * shrink what fits; gdb then asks again from where this reply stopped.
 */
static void gdb_xfer_reply(GdbReply *r, const char *data, size_t size,
                           uint64_t off, uint64_t len)
{
    if (off >= size) {
        gdb_reply_str(r, "l");
        return;
    }
    size_t avail = size - (size_t)off;
    size_t want = len < avail ? (size_t)len : avail;
    size_t mark = r->len;
    gdb_reply_str(r, "m");
    size_t done = gdb_reply_binary(r, (const uint8_t *)data + off, want);
    if (done == avail) {
        r->buf[mark] = 'l';
    }
}

static void gdb_build_threads_xml(GdbSession *s)
{
    int n = gdb_num_threads(s);

    if (n > GDB_MAX_THREADS_LISTED) {
        n = GDB_MAX_THREADS_LISTED;
    }
    size_t cap = 64 + (size_t)n * 32;
    char *x = malloc(cap);
    if (!x) {
        return;
    }
    GdbReply b = { x, cap, 0, false };
    gdb_reply_str(&b, "<?xml version=\"1.0\"?>\n<threads>\n");
    for (int i = 0; i < n; i++) {
        gdb_reply_printf(&b, "<thread id=\"%x\"/>\n", gdb_thread_at(s, i));
    }
    gdb_reply_str(&b, "</threads>\n");
    free(s->threads_xml);
    s->threads_xml = x;
    s->threads_xml_len = b.len;
}

static void gdb_xfer_auxv(GdbSession *s, uint64_t off, uint64_t len,
                          GdbReply *r)
{
    uint8_t buf[GDB_PACKET_SIZE];
    size_t room = r->cap - r->len - 1;

    if (len > room) {
        len = room;
    }
    if (len > sizeof(buf)) {
        len = sizeof(buf);
    }
    int n = s->ops->read_auxv(s->opaque, buf, (size_t)off, (size_t)len);
    if (n < 0 || (uint64_t)n > len) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    size_t mark = r->len;
    gdb_reply_str(r, "m");
    size_t done = gdb_reply_binary(r, buf, (size_t)n);
    /* A short read from the target means the end of auxv. */
    if (done == (size_t)n && (uint64_t)n < len) {
        r->buf[mark] = 'l';
    }
}

/* Transfers one named object; annex already split off. */
static void gdb_xfer_object(GdbSession *s, const char *obj, size_t objlen,
                            const char *annex, size_t annexlen,
                            uint64_t off, uint64_t len, GdbReply *r)
{
#define OBJ_IS(name) (objlen == strlen(name) && !memcmp(obj, name, objlen))
    if (OBJ_IS("features")) {
        if (annexlen != 10 || memcmp(annex, "target.xml", 10) != 0) {
            gdb_reply_str(r, GDB_ERR_ANNEX);
            return;
        }
        if (!s->target_xml) {
            s->target_xml = s->arch->target_xml();
            s->target_xml_len = s->target_xml ? strlen(s->target_xml) : 0;
        }
        gdb_xfer_reply(r, s->target_xml, s->target_xml_len, off, len);
    } else if (OBJ_IS("threads")) {
        /* Snapshot at offset 0 so a multi-packet read stays consistent. */
        if (off == 0 || !s->threads_xml) {
            gdb_build_threads_xml(s);
        }
        gdb_xfer_reply(r, s->threads_xml, s->threads_xml_len, off, len);
    } else if (OBJ_IS("auxv") && s->ops->read_auxv) {
        gdb_xfer_auxv(s, off, len, r);
    } else if (OBJ_IS("exec-file") && s->ops->exec_file) {
        const char *path = s->ops->exec_file(s->opaque);
        if (!path) {
            gdb_reply_str(r, GDB_ERR_ANNEX);
            return;
        }
        gdb_xfer_reply(r, path, strlen(path), off, len);
    }
    /* Unknown object: empty reply. */
#undef OBJ_IS
}

/* qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH */
static void gdb_q_xfer(GdbSession *s, const char *p, const char *end,
                       GdbReply *r)
{
    const char *obj = p, *annex;
    uint64_t off, len;

    const char *c1 = memchr(p, ':', (size_t)(end - p));
    if (!c1) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    p = c1 + 1;
    if (!gdb_eat(&p, end, "read:")) {
        return;        /* qXfer writes are not supported: empty reply */
    }
    annex = p;
    const char *c2 = memchr(p, ':', (size_t)(end - p));
    if (!c2) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    p = c2 + 1;
    if (!gdb_parse_hex(&p, end, &off) || p >= end || *p++ != ',' ||
        !gdb_parse_hex(&p, end, &len) || p != end) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    gdb_xfer_object(s, obj, (size_t)(c1 - obj), annex, (size_t)(c2 - annex),
                    off, len, r);
}

/* ---- Threads ------------------------------------------------------------ */

static void gdb_q_thread_info(GdbSession *s, bool first, GdbReply *r)
{
    int n = gdb_num_threads(s);
    bool any = false;

    if (first) {
        s->thread_cursor = 0;
    }
    if (s->thread_cursor >= n) {
        gdb_reply_str(r, "l");
        return;
    }
    gdb_reply_str(r, "m");
    /* As many ids as fit with room to spare; the rest go in qsThreadInfo. */
    while (s->thread_cursor < n && r->cap - r->len > 16) {
        int tid = gdb_thread_at(s, s->thread_cursor++);
        gdb_reply_printf(r, any ? ",%x" : "%x", tid);
        any = true;
    }
}

/* ---- qRcmd -------------------------------------------------------------- */

static void gdb_monitor_output(GdbSession *s, const char *text, GdbReply *r)
{
    size_t n = strlen(text);

    if (n == 0) {
        gdb_reply_str(r, "OK");
    } else if (s->hooks.console) {
        s->hooks.console(s->hooks.opaque, text, n);
        gdb_reply_str(r, "OK");
    } else {
        /* No side channel: a hex reply is the output itself. */
        gdb_reply_hex(r, (const uint8_t *)text, n);
    }
}

static void gdb_q_rcmd(GdbSession *s, const char *p, const char *end,
                       GdbReply *r)
{
    char cmd[GDB_PACKET_SIZE / 2 + 1];
    char out[GDB_MONITOR_OUT];
    size_t n = (size_t)(end - p);

    if (n % 2 || n / 2 >= sizeof(cmd) ||
        !gdb_hex_decode((uint8_t *)cmd, p, n / 2)) {
        gdb_reply_str(r, GDB_ERR_PARSE);
        return;
    }
    n /= 2;
    cmd[n] = 0;
    if (strlen(cmd) != n) {
        gdb_reply_str(r, GDB_ERR_PARSE);      /* embedded NUL */
        return;
    }
    while (n > 0 && (cmd[n - 1] == ' ' || cmd[n - 1] == '\n')) {
        cmd[--n] = 0;
    }
    out[0] = 0;
    if (strcmp(cmd, "help") == 0) {
        GdbReply o = { out, sizeof(out) - 1, 0, false };
        gdb_reply_str(&o, "mimic gdbstub monitor commands:\n"
                          "  help    this list\n");
        if (s->ops->monitor) {
            char more[GDB_MONITOR_OUT];
            more[0] = 0;
            if (s->ops->monitor(s->opaque, "help", more, sizeof(more)) == 0) {
                more[sizeof(more) - 1] = 0;
                gdb_reply_str(&o, more);
            }
        }
        out[o.len] = 0;
    } else if (!s->ops->monitor ||
               s->ops->monitor(s->opaque, cmd, out, sizeof(out)) != 0) {
        snprintf(out, sizeof(out), "unknown monitor command '%.200s' "
                 "(try 'monitor help')\n", cmd);
    }
    out[sizeof(out) - 1] = 0;
    gdb_monitor_output(s, out, r);
}

/* ---- Dispatch ----------------------------------------------------------- */

void gdb_cmd_query(GdbSession *s, const char *p, const char *end,
                   GdbReply *r)
{
    const char *q = p;

    if (gdb_eat(&q, end, "qSupported")) {
        gdb_q_supported(s, q, end, r);
    } else if (gdb_eat(&q, end, "qXfer:")) {
        gdb_q_xfer(s, q, end, r);
    } else if (gdb_is(p, end, "qfThreadInfo")) {
        gdb_q_thread_info(s, true, r);
    } else if (gdb_is(p, end, "qsThreadInfo")) {
        gdb_q_thread_info(s, false, r);
    } else if (gdb_is(p, end, "qC")) {
        gdb_reply_printf(r, "QC%x", s->g_tid);
    } else if (gdb_is(p, end, "qAttached") || gdb_eat(&q, end, "qAttached:")) {
        /* "1": gdb detaches on quit instead of killing the program, as
         * with any process it did not start itself. */
        gdb_reply_str(r, "1");
    } else if (gdb_eat(&q, end, "qRcmd,")) {
        gdb_q_rcmd(s, q, end, r);
    }
    /* qOffsets, qTStatus, qSymbol, qThreadExtraInfo...: empty reply. */
}

void gdb_cmd_set_query(GdbSession *s, const char *p, const char *end,
                       GdbReply *r)
{
    if (gdb_is(p, end, "QStartNoAckMode")) {
        s->want_no_ack = true;
        gdb_reply_str(r, "OK");
    }
    /* QNonStop, QPassSignals, QThreadEvents...: empty reply. */
}
