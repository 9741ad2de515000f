/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the gdbstub's protocol layer: the bytes a client
 * sends go through the framer (gdb_framer_feed) and every packet through
 * gdb_handle_packet, against the fake target of tests/unit/gdb-fake.c.
 * Whatever a client sends, the stub must answer within the reply buffer
 * with a reply that frames cleanly, and never crash.
 *
 * Input: one configuration byte, then the byte stream from "gdb".  The
 * harness handles a packet whose checksum is wrong as if it were right, so
 * that the fuzzer need not compute checksums to reach the packet handlers
 * (the framer's own checksum logic is still exercised).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "frontends/gdbstub.h"
#include "tests/unit/gdb-fake.h"

/* Same as the server's reply buffer (frontends/gdbstub.c). */
#define FUZZ_REPLY_CAP GDB_PACKET_SIZE

static FakeTarget fuzz_target;

static void fuzz_console(void *opaque, const char *text, size_t len)
{
    /* touch every byte so ASan checks the range */
    size_t *total = opaque;
    for (size_t i = 0; i < len; i++) {
        *total += (unsigned char)text[i] != 0;
    }
}

/* Stop reasons the fake target reports when resumed: all legal ones. */
static GdbStopReason fuzz_stop(uint8_t cfg, int nthreads)
{
    GdbStopReason st = { .kind = GDB_STOP_SIGNAL, .signal = 5, .tid = 1 };
    switch ((cfg >> 2) & 7) {
    case 1: st.cause = GDB_CAUSE_SWBREAK; break;
    case 2: st.cause = GDB_CAUSE_HWBREAK; break;
    case 3: st.cause = GDB_CAUSE_WATCH; st.watch_addr = FAKE_BASE + 8; break;
    case 4: st.signal = 11; st.tid = nthreads; break;
    case 5: st.kind = GDB_STOP_EXITED; st.exit_code = 255; break;
    case 6: st.kind = GDB_STOP_KILLED; st.signal = 9; break;
    case 7: st.signal = 2; st.tid = 0; break;
    }
    return st;
}

/* The reply, framed, must come back out of a framer unchanged: a stray
 * '$' or '#' in a reply would desynchronise the real gdb. */
static void fuzz_check_reply(const char *reply, size_t n)
{
    static char frame[FUZZ_REPLY_CAP + 4];
    static GdbFramer back;
    size_t flen = gdb_frame_packet(reply, n, frame, sizeof(frame));
    if (flen != n + 4) {
        abort();
    }
    gdb_framer_init(&back);
    for (size_t i = 0; i < flen; i++) {
        GdbFrameEvent ev = gdb_framer_feed(&back, (uint8_t)frame[i]);
        if (i + 1 < flen ? ev != GDB_FRAME_NONE :
            ev != GDB_FRAME_PACKET || back.len != n ||
            memcmp(back.buf, reply, n) != 0) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static GdbFramer framer;
    if (size < 1) {
        return 0;
    }
    uint8_t cfg = data[0];
    int nthreads = 1 + (cfg & 3);
    size_t console_bytes = 0;
    GdbSessionHooks hooks = { .opaque = &console_bytes,
                              .console = fuzz_console };

    fake_init(&fuzz_target, nthreads);
    /* the toy CPU may run forever (a spin loop, or off the end of its
     * memory): resume reports a canned stop instead */
    fuzz_target.force = true;
    fuzz_target.forced = fuzz_stop(cfg, nthreads);
    GdbSession *s = gdb_session_new(&fake_ops, &fuzz_target,
                                    (cfg & 0x20) ? &hooks : NULL);
    char *reply = malloc(FUZZ_REPLY_CAP);
    gdb_framer_init(&framer);

    for (size_t i = 1; i < size; i++) {
        GdbFrameEvent ev = gdb_framer_feed(&framer, data[i]);
        if (ev != GDB_FRAME_PACKET && ev != GDB_FRAME_BAD_CSUM) {
            continue;
        }
        /* exact-size, NUL-terminated like the server's copy, so ASan
         * catches a handler reading past the packet */
        char *pkt = malloc(framer.len + 1);
        memcpy(pkt, framer.buf, framer.len);
        pkt[framer.len] = 0;
        size_t n = gdb_handle_packet(s, pkt, framer.len, reply,
                                     FUZZ_REPLY_CAP);
        free(pkt);
        if (n != GDB_NO_REPLY) {
            if (n > FUZZ_REPLY_CAP) {
                abort();
            }
            fuzz_check_reply(reply, n);
        }
        if (gdb_session_end(s) != GDB_SESSION_ACTIVE) {
            break;
        }
    }
    free(reply);
    gdb_session_free(s);
    return 0;
}
