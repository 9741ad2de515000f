/* SPDX-License-Identifier: MIT */
/*
 * gdbstub-int.h - private to the gdbstub: the session state shared by the
 * packet handlers (gdbstub-cmds.c) and the wire helpers (gdbstub.c).
 * Nothing outside frontends/gdbstub*.c includes this.
 */
#ifndef MIMIC_GDBSTUB_INT_H
#define MIMIC_GDBSTUB_INT_H

#include <sys/types.h>
#include "frontends/gdbstub.h"

struct GdbSession {
    const GdbTargetOps *ops;
    void *opaque;
    const GdbArch *arch;
    GdbSessionHooks hooks;

    GdbStopReason last_stop;   /* answer to '?' */
    int g_tid;                 /* Hg: thread for g/G/p/P (a real tid) */
    int c_tid;                 /* Hc: thread for c/s, or -1 for any */
    int thread_cursor;         /* next index for qsThreadInfo */

    bool want_no_ack;          /* QStartNoAckMode accepted */
    bool client_swbreak;       /* gdb understands swbreak/hwbreak stop reasons */
    bool client_hwbreak;
    GdbSessionEnd end;

    char *target_xml;          /* built once per session */
    size_t target_xml_len;
    char *threads_xml;         /* snapshot taken at offset 0 */
    size_t threads_xml_len;
};

/* A reply under construction; never overruns buf, notes truncation. */
typedef struct GdbReply {
    char *buf;
    size_t cap;
    size_t len;
    bool overflow;
} GdbReply;

void gdb_reply_str(GdbReply *r, const char *s);
void gdb_reply_mem(GdbReply *r, const char *s, size_t n);
void gdb_reply_printf(GdbReply *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void gdb_reply_hex(GdbReply *r, const uint8_t *data, size_t n);
/* Appends binary data escaped for the wire; returns how many input bytes
 * fitted (possibly fewer than n). */
size_t gdb_reply_binary(GdbReply *r, const uint8_t *data, size_t n);

/* Hex helpers: -1 for a non-hex character. */
int gdb_hexval(int c);
/* Decodes 2*n hex characters into n bytes; false on a non-hex character. */
bool gdb_hex_decode(uint8_t *out, const char *in, size_t n);
/*
 * Parses an unsigned hex number at *p (< end): at least one digit, at most
 * 16 significant, stopping at the first non-hex character.  Advances *p.
 */
bool gdb_parse_hex(const char **p, const char *end, uint64_t *val);
/* Undoes '}' escaping of n input characters into at most cap bytes.
 * Returns the decoded length, or -1 for a dangling '}' or overflow. */
ssize_t gdb_unescape_binary(uint8_t *out, size_t cap, const char *in,
                            size_t n);

/* Handlers for the query packets (gdbstub-query.c). */
void gdb_cmd_query(GdbSession *s, const char *p, const char *end,
                   GdbReply *r);
void gdb_cmd_set_query(GdbSession *s, const char *p, const char *end,
                       GdbReply *r);
/* Helpers gdbstub-query.c shares with gdbstub-cmds.c. */
int gdb_num_threads(GdbSession *s);            /* never negative */
int gdb_thread_at(GdbSession *s, int index);   /* index -> tid */
bool gdb_thread_exists(GdbSession *s, int tid);
int gdb_first_thread(GdbSession *s);

#endif /* MIMIC_GDBSTUB_INT_H */
