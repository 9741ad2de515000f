/* SPDX-License-Identifier: MIT */
/*
 * test-gdbstub.c - unit tests of the GDB remote protocol server
 * (frontends/gdbstub*.c) against the fake target of gdb-fake.h.
 *
 * Part 1 drives gdb_handle_packet and the framer directly: every packet the
 * stub implements, plus malformed input (bad hex, missing fields, overlong
 * lengths, bad checksums, escaped binary).  Part 2 speaks the protocol over
 * real sockets: acks, no-ack mode, Ctrl-C while running, disconnects, kill,
 * exit reports.  Prints "N passed, N failed"; exits non-zero on failure.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "frontends/gdbstub-int.h"   /* the hex helpers */
#include "tests/unit/gdb-fake.h"

static int passed, failed;

static void check(bool ok, const char *what, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL line %d: %s\n", line, what);
    }
}

#define CHECK(cond) check((cond), #cond, __LINE__)

static void check_str(const char *got, const char *want, int line)
{
    bool ok = strcmp(got, want) == 0;
    if (!ok) {
        fprintf(stderr, "  got  '%.200s'\n  want '%.200s'\n", got, want);
    }
    check(ok, want, line);
}

#define CHECK_STR(got, want) check_str((got), (want), __LINE__)
#define CHECK_PREFIX(got, pre) \
    check(strncmp((got), (pre), strlen(pre)) == 0, (pre), __LINE__)

/* ---- Part 1: the packet layer ------------------------------------------- */

typedef struct Ctx {
    FakeTarget ft;
    GdbSession *s;
    char console[8192];
    size_t conlen;
} Ctx;

static Ctx ctx;
static char reply[GDB_PACKET_SIZE + 1];
static size_t reply_len;

static void console_capture(void *opaque, const char *text, size_t len)
{
    Ctx *c = opaque;
    if (len > sizeof(c->console) - 1 - c->conlen) {
        len = sizeof(c->console) - 1 - c->conlen;
    }
    memcpy(c->console + c->conlen, text, len);
    c->conlen += len;
    c->console[c->conlen] = 0;
}

static void ctx_reset(bool with_console)
{
    GdbSessionHooks hooks = { .opaque = &ctx, .console = console_capture };

    gdb_session_free(ctx.s);
    fake_init(&ctx.ft, 2);
    ctx.conlen = 0;
    ctx.console[0] = 0;
    ctx.s = gdb_session_new(&fake_ops, &ctx.ft, with_console ? &hooks : NULL);
}

static const char *req_n(const char *pkt, size_t n)
{
    reply_len = gdb_handle_packet(ctx.s, pkt, n, reply, GDB_PACKET_SIZE);
    if (reply_len == GDB_NO_REPLY) {
        strcpy(reply, "<none>");
    } else {
        reply[reply_len] = 0;
    }
    return reply;
}

static const char *req(const char *pkt)
{
    return req_n(pkt, strlen(pkt));
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) {
        v = v << 8 | p[i];
    }
    return v;
}

static void test_signals(void)
{
    static const int pairs[][2] = {
        { 0, 0 }, { 1, 1 }, { 2, 2 }, { 4, 4 }, { 5, 5 }, { 6, 6 },
        { 7, 10 },   /* SIGBUS */   { 8, 8 }, { 9, 9 },
        { 10, 30 },  /* SIGUSR1 */  { 11, 11 }, { 12, 31 }, /* SIGUSR2 */
        { 13, 13 }, { 15, 15 }, { 17, 20 }, /* SIGCHLD */
        { 18, 19 },  /* SIGCONT */  { 19, 17 }, /* SIGSTOP */
        { 23, 16 },  /* SIGURG */   { 29, 23 }, /* SIGIO */
        { 30, 32 },  /* SIGPWR */   { 31, 12 }, /* SIGSYS */
        { 32, 77 }, { 33, 45 }, { 34, 46 }, { 63, 75 }, { 64, 78 },
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        CHECK(gdb_signal_from_linux(pairs[i][0]) == pairs[i][1]);
        CHECK(gdb_signal_to_linux(pairs[i][1]) == pairs[i][0]);
    }
    CHECK(gdb_signal_from_linux(16) == GDB_SIGNAL_UNKNOWN);   /* STKFLT */
    CHECK(gdb_signal_from_linux(65) == GDB_SIGNAL_UNKNOWN);
    CHECK(gdb_signal_from_linux(-3) == GDB_SIGNAL_UNKNOWN);
    CHECK(gdb_signal_to_linux(GDB_SIGNAL_UNKNOWN) == -1);
    CHECK(gdb_signal_to_linux(33) == 29);     /* SIGPOLL -> SIGIO */
    CHECK(gdb_signal_to_linux(7) == -1);      /* SIGEMT: none on Linux */
    CHECK(gdb_signal_to_linux(200) == -1);
}

/* Feeds a string to a framer; returns the last non-NONE event. */
static GdbFrameEvent feed(GdbFramer *f, const char *s, size_t n)
{
    GdbFrameEvent last = GDB_FRAME_NONE;
    for (size_t i = 0; i < n; i++) {
        GdbFrameEvent ev = gdb_framer_feed(f, (uint8_t)s[i]);
        if (ev != GDB_FRAME_NONE) {
            last = ev;
        }
    }
    return last;
}

static void test_hex(void)
{
    uint64_t v;
    uint8_t out[8];
    const char *p;

    p = "ffffffffffffffff,";
    CHECK(gdb_parse_hex(&p, p + 17, &v) && v == UINT64_MAX && *p == ',');
    p = "10000000000000000";
    CHECK(!gdb_parse_hex(&p, p + 17, &v));            /* 65 bits */
    p = "000000000000000000000001";
    CHECK(gdb_parse_hex(&p, p + 24, &v) && v == 1);
    p = ",1";
    CHECK(!gdb_parse_hex(&p, p + 2, &v));
    p = "12";
    CHECK(gdb_parse_hex(&p, p + 1, &v) && v == 1);    /* honours end */
    CHECK(gdb_hex_decode(out, "00aBfF", 3) && out[1] == 0xab && out[2] == 0xff);
    CHECK(!gdb_hex_decode(out, "0g", 1));
    CHECK(gdb_unescape_binary(out, 8, "a}]b", 4) == 3 && out[1] == '}');
    CHECK(gdb_unescape_binary(out, 8, "a}", 2) == -1);
    CHECK(gdb_unescape_binary(out, 2, "abc", 3) == -1);
}

static void test_framing(void)
{
    static GdbFramer f;
    static char big[GDB_PACKET_SIZE + 16];
    char out[64];

    gdb_framer_init(&f);
    CHECK(feed(&f, "$g#67", 5) == GDB_FRAME_PACKET);
    CHECK_STR(f.buf, "g");
    CHECK(feed(&f, "$g#68", 5) == GDB_FRAME_BAD_CSUM);
    CHECK(feed(&f, "$g#6z", 5) == GDB_FRAME_BAD_CSUM);
    CHECK(feed(&f, "$g#z", 4) == GDB_FRAME_BAD_CSUM);
    CHECK(feed(&f, "$qC#B4", 6) == GDB_FRAME_PACKET);   /* upper-case sum */
    CHECK(feed(&f, "+", 1) == GDB_FRAME_ACK);
    CHECK(feed(&f, "-", 1) == GDB_FRAME_NAK);
    CHECK(feed(&f, "\x03", 1) == GDB_FRAME_INTERRUPT);
    CHECK(feed(&f, "garbage", 7) == GDB_FRAME_NONE);
    /* A '$' inside a body restarts framing on the new packet. */
    CHECK(feed(&f, "$m1,$g#67", 9) == GDB_FRAME_PACKET);
    CHECK_STR(f.buf, "g");
    /* 0x03 inside a packet is data, not an interrupt. */
    CHECK(feed(&f, "$X0,1:\x03#", 8) == GDB_FRAME_NONE);
    char sum[3];
    snprintf(sum, sizeof(sum), "%02x",
             ('X' + '0' + ',' + '1' + ':' + 3) & 0xff);
    CHECK(feed(&f, sum, 2) == GDB_FRAME_PACKET);
    CHECK(f.len == 6 && f.buf[5] == 3);

    /* Exactly PacketSize is accepted; one more byte overflows. */
    for (size_t extra = 0; extra < 2; extra++) {
        size_t n = GDB_PACKET_SIZE + extra;
        uint8_t s = 0;
        big[0] = '$';
        memset(big + 1, 'a', n);
        for (size_t i = 0; i < n; i++) {
            s += 'a';
        }
        snprintf(big + 1 + n, 4, "#%02x", s);
        GdbFrameEvent ev = feed(&f, big, n + 4);
        CHECK(ev == (extra ? GDB_FRAME_OVERFLOW : GDB_FRAME_PACKET));
    }
    CHECK(feed(&f, "$g#67", 5) == GDB_FRAME_PACKET);   /* recovers */

    CHECK(gdb_frame_packet("OK", 2, out, sizeof(out)) == 6);
    out[6] = 0;
    CHECK_STR(out, "$OK#9a");
    CHECK(gdb_frame_packet("", 0, out, sizeof(out)) == 4);
    out[4] = 0;
    CHECK_STR(out, "$#00");
    CHECK(gdb_frame_packet("OK", 2, out, 5) == 0);       /* too small */
}

static void test_basic_queries(void)
{
    ctx_reset(true);
    const char *r = req("qSupported:multiprocess+;swbreak+;hwbreak+");
    CHECK(strstr(r, "PacketSize=4000") != NULL);
    CHECK(strstr(r, "QStartNoAckMode+") != NULL);
    CHECK(strstr(r, "qXfer:features:read+") != NULL);
    CHECK(strstr(r, "qXfer:auxv:read+") != NULL);
    CHECK(strstr(r, "qXfer:exec-file:read+") != NULL);
    CHECK(strstr(r, "qXfer:threads:read+") != NULL);
    CHECK(strstr(r, "vContSupported+") != NULL);
    CHECK(strstr(r, "swbreak+") != NULL && strstr(r, "hwbreak+") != NULL);
    CHECK(strstr(r, "multiprocess") == NULL);
    CHECK_STR(req("vMustReplyEmpty"), "");
    CHECK_STR(req("qOffsets"), "");
    CHECK_STR(req("!"), "");
    CHECK_STR(req("qTStatus"), "");
    CHECK_STR(req("vFile:setfs:0"), "");
    CHECK_STR(req("Q"), "");
    CHECK_STR(req("qCRC:0,4"), "");
    CHECK_STR(req("?"), "T05thread:1;1d:eeeeeeeeeeeeeeee;1f:00f0400000000000;"
                        "20:0000400000000000;");
    CHECK_STR(req("qC"), "QC1");
    CHECK_STR(req("qAttached"), "1");
    CHECK_STR(req("qAttached:1"), "1");
    CHECK(!gdb_session_wants_no_ack(ctx.s));
    CHECK_STR(req("QStartNoAckMode"), "OK");
    CHECK(gdb_session_wants_no_ack(ctx.s));
    CHECK(req_n("", 0)[0] == 0 && reply_len == 0);
}

static void test_registers(void)
{
    uint8_t raw[1024];

    ctx_reset(true);
    const char *r = req("g");
    CHECK(strlen(r) == 2 * (31 * 8 + 8 + 8 + 4 + 32 * 16 + 4 + 4));
    CHECK(gdb_hexval('A') == 10 && gdb_hexval('g') == -1);
    for (size_t i = 0; i < strlen(r) / 2; i++) {
        raw[i] = (uint8_t)(gdb_hexval(r[2 * i]) << 4 | gdb_hexval(r[2 * i + 1]));
    }
    CHECK(le64(raw + 8) == 0x1111111111111111ull);           /* x1 */
    CHECK(le64(raw + 32 * 8) == FAKE_BASE);                  /* pc */
    CHECK(raw[33 * 8 + 3] == 0x60);                          /* cpsr */
    CHECK(raw[33 * 8 + 4] == 0 && raw[33 * 8 + 4 + 15] == 15);   /* v0 */

    /* G round trip: change x0 via the whole-set write. */
    char g[2048];
    snprintf(g, sizeof(g), "G%s", r);
    memcpy(g + 1, "efbeadde00000000", 16);
    CHECK_STR(req(g), "OK");
    CHECK(ctx.ft.cpu[0].x[0] == 0xdeadbeef);
    /* A partial G writes only whole registers. */
    CHECK_STR(req("G0100000000000000"), "OK");
    CHECK(ctx.ft.cpu[0].x[0] == 1);
    CHECK_STR(req("G010"), "E01");                            /* odd */
    CHECK_STR(req("G01000000000000zz"), "E01");               /* non-hex */
    g[0] = 'G';
    strcat(g, "00");                                          /* too long */
    CHECK_STR(req(g), "E01");
    CHECK(ctx.ft.cpu[0].x[0] == 1);        /* rejected before writing */

    CHECK_STR(req("p20"), "0000400000000000");
    CHECK_STR(req("p21"), "00000060");
    CHECK_STR(req("p22"), "000102030405060708090a0b0c0d0e0f");
    CHECK_STR(req("p43"), "00000003");                        /* fpcr */
    CHECK_STR(req("p44"), "E01");                             /* 68 */
    CHECK_STR(req("pffffffffffffffffff"), "E01");
    CHECK_STR(req("p"), "E01");
    CHECK_STR(req("pzz"), "E01");
    CHECK_STR(req("p1,"), "E01");
    CHECK_STR(req("P0=0500000000000000"), "OK");
    CHECK(ctx.ft.cpu[0].x[0] == 5);
    CHECK_STR(req("P21=0000008f"), "OK");
    CHECK(ctx.ft.cpu[0].cpsr == 0x8f000000);
    CHECK_STR(req("P0=05"), "E01");                           /* short */
    CHECK_STR(req("P0=050000000000000000"), "E01");           /* long */
    CHECK_STR(req("P0050000000000000000"), "E01");            /* no '=' */
    CHECK_STR(req("P0=05000000000000zz"), "E01");
    CHECK_STR(req("P99=0500000000000000"), "E01");
    CHECK_STR(req("P="), "E01");

    /* Hg selects the thread registers come from. */
    CHECK_STR(req("Hg2"), "OK");
    CHECK_STR(req("p20"), "1000400000000000");
    CHECK_STR(req("qC"), "QC2");
    CHECK_STR(req("Hg5"), "E02");
    CHECK_STR(req("Hgzz"), "E01");
    CHECK_STR(req("Hg"), "E01");
    CHECK_STR(req("Hx1"), "E01");
    CHECK_STR(req("Hg0"), "OK");
    CHECK_STR(req("Hg-1"), "OK");
    CHECK_STR(req("Hgp1.1"), "OK");
    CHECK_STR(req("p20"), "0000400000000000");
    CHECK_STR(req("Hc-1"), "OK");
    CHECK_STR(req("Hc2"), "OK");
    CHECK_STR(req("Hc-2"), "E01");
    CHECK_STR(req("T1"), "OK");
    CHECK_STR(req("T2"), "OK");
    CHECK_STR(req("T3"), "E01");
    CHECK_STR(req("T0"), "E01");
    CHECK_STR(req("Tq"), "E01");
}

static void test_memory(void)
{
    char pkt[64 + GDB_PACKET_SIZE];

    ctx_reset(true);
    CHECK_STR(req("m400000,4"), "1f2003d5");
    CHECK_STR(req("m400200,4"), "010000d4");
    CHECK_STR(req("m0,4"), "E14");
    CHECK_STR(req("m3ffffc,4"), "E14");
    /* Straddling the end of the mapping: the readable prefix. */
    CHECK_STR(req("m40fffe,4"), "03d5");
    CHECK_STR(req("m40fffc,8"), "1f2003d5");
    /* Straddling a page boundary inside the mapping: all of it. */
    CHECK_STR(req("m400ffe,4"), "03d51f20");
    /* Huge lengths are capped to what a reply can carry. */
    req("m400000,ffffffff");
    CHECK(reply_len > 0 && reply_len <= GDB_PACKET_SIZE && reply_len % 2 == 0);
    req("m400000,ffffffffffffffff");
    CHECK(reply_len > 0 && reply_len <= GDB_PACKET_SIZE);
    CHECK_STR(req("mfffffffffffffffe,10"), "E14");      /* would wrap */
    CHECK_STR(req("m400000,0"), "");
    CHECK_STR(req("m400000"), "E01");
    CHECK_STR(req("m400000,"), "E01");
    CHECK_STR(req("m,4"), "E01");
    CHECK_STR(req("m40000g,4"), "E01");
    CHECK_STR(req("m400000,4x"), "E01");
    CHECK_STR(req("m10000000000000000,4"), "E01");        /* 17 digits */
    CHECK_STR(req("m0000000000000000000400000,4"), "1f2003d5");

    CHECK_STR(req("M400010,4:aabbccdd"), "OK");
    CHECK(ctx.ft.mem[0x10] == 0xaa && ctx.ft.mem[0x13] == 0xdd);
    CHECK_STR(req("M400010,4:aabb"), "E01");            /* short data */
    CHECK_STR(req("M400010,2:aabbcc"), "E01");          /* long data */
    CHECK_STR(req("M400010,2:aazz"), "E01");
    CHECK_STR(req("M400010,2aabb"), "E01");             /* no ':' */
    CHECK_STR(req("M400010:aabb"), "E01");
    CHECK_STR(req("M0,2:aabb"), "E14");
    CHECK_STR(req("M400010,ffffffffffff:aa"), "E01");
    CHECK_STR(req("Mffffffffffffffff,2:aabb"), "E14");  /* wraps */
    CHECK_STR(req("M400010,0:"), "OK");

    /* X: binary data with '}' escapes for '#', '$', '}' and '*'. */
    static const char xdata[] = "X400020,6:}\x03}\x04}]}\x0a\x00\x03";
    CHECK_STR(req_n(xdata, sizeof(xdata) - 1), "OK");
    CHECK(memcmp(&ctx.ft.mem[0x20], "#$}*\x00\x03", 6) == 0);
    CHECK_STR(req("X400020,0:"), "OK");                 /* support probe */
    CHECK_STR(req("X400020,2:}"), "E01");               /* dangling '}' */
    CHECK_STR(req("X400020,2:a"), "E01");               /* short */
    CHECK_STR(req("X400020,1:ab"), "E01");              /* long */
    CHECK_STR(req("X400020,1"), "E01");
    CHECK_STR(req("X0,1:a"), "E14");
    CHECK_STR(req("X400020,ffffffffffff:a"), "E01");
    /* A full-size X write within PacketSize. */
    size_t n = (size_t)snprintf(pkt, sizeof(pkt), "X400000,%x:",
                                GDB_PACKET_SIZE - 32);
    memset(pkt + n, 'z', GDB_PACKET_SIZE - 32);
    CHECK_STR(req_n(pkt, n + GDB_PACKET_SIZE - 32), "OK");
    CHECK(ctx.ft.mem[0] == 'z' && ctx.ft.mem[GDB_PACKET_SIZE - 33] == 'z');
}

static void test_breakpoints(void)
{
    ctx_reset(true);
    CHECK_STR(req("Z0,400040,4"), "OK");
    CHECK(ctx.ft.nbp == 1 && ctx.ft.bp[0].addr == 0x400040 &&
          ctx.ft.bp[0].len == 4 && ctx.ft.bp[0].type == GDB_BP_SW);
    CHECK_STR(req("Z1,400050,4"), "OK");
    CHECK_STR(req("Z2,400800,8"), "OK");
    CHECK_STR(req("Z3,400800,8"), "OK");
    CHECK_STR(req("Z4,400800,8"), "OK");
    CHECK(ctx.ft.nbp == 5 && ctx.ft.bp[4].type == GDB_WP_ACCESS);
    CHECK_STR(req("z4,400800,8"), "OK");
    CHECK_STR(req("z4,400800,8"), "E01");     /* target: no such bp */
    CHECK_STR(req("Z0,400060,4;X2,2030"), "OK");    /* condition ignored */
    CHECK_STR(req("Z5,400060,4"), "");
    CHECK_STR(req("Z9,400060,4"), "");
    CHECK_STR(req("Z0,400060"), "E01");
    CHECK_STR(req("Z0400060,4"), "E01");
    CHECK_STR(req("Z0,,4"), "E01");
    CHECK_STR(req("Z"), "E01");
    CHECK_STR(req("Z0,400060,4x"), "E01");
    CHECK_STR(req("z0,400040,4"), "OK");
    CHECK(ctx.ft.nbp == 4);
}

static void test_resume(void)
{
    ctx_reset(true);
    /* Without swbreak+ from the client, no swbreak reason. */
    CHECK_STR(req("Z0,400040,4"), "OK");
    CHECK_PREFIX(req("c"), "T05thread:1;");
    CHECK(ctx.ft.cpu[0].pc == 0x400040);
    CHECK(ctx.ft.last_n == 1 && ctx.ft.last_actions[0].kind ==
          GDB_RESUME_CONTINUE && ctx.ft.last_actions[0].tid == -1);
    req("qSupported:swbreak+;hwbreak+");
    CHECK_STR(req("c400030"), "T05swbreak:;thread:1;1d:eeeeeeeeeeeeeeee;"
                             "1f:00f0400000000000;20:4000400000000000;");
    CHECK_PREFIX(req("s"), "T05thread:1;");
    CHECK(ctx.ft.cpu[0].pc == 0x400044);
    CHECK(ctx.ft.last_actions[0].kind == GDB_RESUME_STEP &&
          ctx.ft.last_actions[0].tid == 1);
    CHECK_PREFIX(req("s400100"), "T05");
    CHECK(ctx.ft.cpu[0].pc == 0x400104);
    CHECK_STR(req("Hc2"), "OK");
    req("s");
    CHECK(ctx.ft.last_actions[0].tid == 2);
    CHECK_PREFIX(req("?"), "T05thread:2;");    /* stop made 2 current */
    CHECK_STR(req("qC"), "QC2");
    /* From here on only the parsing matters: stop at once. */
    ctx.ft.force = true;
    ctx.ft.forced = (GdbStopReason){ .kind = GDB_STOP_SIGNAL, .signal = 5,
                                     .tid = 1 };
    req("S1e");                                 /* gdb SIGUSR1 = 30 */
    CHECK(ctx.ft.last_actions[0].signal == 10);
    req("C0a;400000");                          /* gdb SIGBUS = 10 */
    CHECK(ctx.ft.last_actions[0].signal == 7);
    CHECK_STR(req("C"), "E01");
    CHECK_STR(req("Cxx"), "E01");
    CHECK_STR(req("C07"), "E01");               /* SIGEMT: not on Linux */
    CHECK_STR(req("C1ff"), "E01");
    CHECK_STR(req("C0b;"), "E01");
    CHECK_STR(req("c4zz"), "E01");
    CHECK_STR(req("s400000;"), "E01");

    CHECK_STR(req("vCont?"), "vCont;c;C;s;S;t");
    CHECK_STR(req("vCont?x"), "E01");
    req("vCont;s:2;c");
    CHECK(ctx.ft.last_n == 2);
    CHECK(ctx.ft.last_actions[0].kind == GDB_RESUME_STEP &&
          ctx.ft.last_actions[0].tid == 2);
    CHECK(ctx.ft.last_actions[1].kind == GDB_RESUME_CONTINUE &&
          ctx.ft.last_actions[1].tid == -1);
    req("vCont;C0b:1;t:2");
    CHECK(ctx.ft.last_n == 2 && ctx.ft.last_actions[0].signal == 11 &&
          ctx.ft.last_actions[0].tid == 1 &&
          ctx.ft.last_actions[1].kind == GDB_RESUME_STOP);
    req("vCont;s:p1.2");
    CHECK(ctx.ft.last_actions[0].tid == 2);
    req("vCont;c:-1");
    CHECK(ctx.ft.last_actions[0].tid == -1);
    int before = ctx.ft.resumes;
    CHECK_STR(req("vCont"), "E01");
    CHECK_STR(req("vCont;"), "E01");
    CHECK_STR(req("vCont;x"), "E01");
    CHECK_STR(req("vCont;r400000,400010"), "E01");   /* not offered */
    CHECK_STR(req("vCont;s:zz"), "E01");
    CHECK_STR(req("vCont;s:"), "E01");
    CHECK_STR(req("vCont;C"), "E01");
    CHECK_STR(req("vCont;Czz"), "E01");
    CHECK_STR(req("vCont;c;;s"), "E01");
    CHECK_STR(req("vCont;s:1x"), "E01");
    char many[1024] = "vCont";
    for (int i = 0; i < GDB_MAX_RESUME_ACTIONS + 1; i++) {
        strcat(many, ";s:1");
    }
    CHECK_STR(req(many), "E01");
    CHECK(ctx.ft.resumes == before);     /* nothing malformed resumed */
}

static void test_stop_replies(void)
{
    /* A simulated store under a write watchpoint stops before the store. */
    ctx_reset(true);
    CHECK_STR(req("P1=0008400000000000"), "OK");               /* x1 */
    CHECK_STR(req("P0=4d00000000000000"), "OK");               /* x0 */
    CHECK_STR(req("Z2,400804,4"), "OK");
    CHECK_PREFIX(req("c"), "T05watch:400800;thread:1;");
    CHECK(ctx.ft.cpu[0].pc == FAKE_STORE_ADDR && ctx.ft.mem[0x800] == 0x1f);
    CHECK_STR(req("z2,400804,4"), "OK");
    CHECK_PREFIX(req("vCont;s:1"), "T05thread:1;");
    CHECK(ctx.ft.mem[0x800] == 0x4d);

    ctx_reset(true);
    req("qSupported:swbreak+;hwbreak+");
    ctx.ft.force = true;
    ctx.ft.forced = (GdbStopReason){ .kind = GDB_STOP_SIGNAL, .signal = 5,
                                     .tid = 2, .cause = GDB_CAUSE_WATCH,
                                     .watch_addr = 0x400800 };
    CHECK_PREFIX(req("c"), "T05watch:400800;thread:2;");
    ctx.ft.forced.cause = GDB_CAUSE_RWATCH;
    CHECK_PREFIX(req("c"), "T05rwatch:400800;thread:2;");
    ctx.ft.forced.cause = GDB_CAUSE_AWATCH;
    CHECK_PREFIX(req("c"), "T05awatch:400800;thread:2;");
    ctx.ft.forced.cause = GDB_CAUSE_HWBREAK;
    CHECK_PREFIX(req("c"), "T05hwbreak:;thread:2;");
    ctx.ft.forced = (GdbStopReason){ .kind = GDB_STOP_SIGNAL, .signal = 11,
                                     .tid = 1 };
    CHECK_PREFIX(req("c"), "T0bthread:1;");
    ctx.ft.forced.signal = 10;                  /* Linux SIGUSR1 */
    CHECK_PREFIX(req("c"), "T1ethread:1;");
    ctx.ft.forced.signal = 7;                   /* Linux SIGBUS */
    CHECK_PREFIX(req("c"), "T0athread:1;");
    ctx.ft.forced.tid = 0;                      /* unknown: current */
    CHECK_PREFIX(req("c"), "T0athread:1;");
    CHECK(gdb_session_end(ctx.s) == GDB_SESSION_ACTIVE);
    ctx.ft.forced = (GdbStopReason){ .kind = GDB_STOP_KILLED, .signal = 11 };
    CHECK_STR(req("c"), "X0b");
    CHECK(gdb_session_end(ctx.s) == GDB_SESSION_EXITED);

    ctx_reset(true);
    ctx.ft.force = true;
    ctx.ft.forced = (GdbStopReason){ .kind = GDB_STOP_EXITED,
                                     .exit_code = 0x12a };
    CHECK_STR(req("vCont;c"), "W2a");
    CHECK(gdb_session_end(ctx.s) == GDB_SESSION_EXITED);

    /* The toy CPU's own exit: x0 is the code. */
    ctx_reset(true);
    CHECK_STR(req("P0=2a00000000000000"), "OK");
    CHECK_STR(req("c"), "W2a");

    char buf[256];
    GdbStopReason st = { .kind = GDB_STOP_EXITED, .exit_code = 0 };
    CHECK(gdb_format_stop(ctx.s, &st, buf, sizeof(buf)) == 3);
}

/* Reads a whole qXfer object in chunks of chunk bytes; returns its size. */
static size_t xfer_all(const char *prefix, size_t chunk, char *out,
                       size_t cap)
{
    size_t off = 0;
    char pkt[256];

    for (int guard = 0; guard < 10000; guard++) {
        snprintf(pkt, sizeof(pkt), "%s%zx,%zx", prefix, off, chunk);
        req(pkt);
        if (reply_len < 1 || (reply[0] != 'm' && reply[0] != 'l')) {
            return (size_t)-1;
        }
        /* Undo the binary escaping. */
        for (size_t i = 1; i < reply_len && off < cap; i++) {
            char c = reply[i];
            if (c == '}') {
                c = (char)(reply[++i] ^ 0x20);
            }
            out[off++] = c;
        }
        if (reply[0] == 'l') {
            return off;
        }
    }
    return (size_t)-1;
}

static void test_xfer(void)
{
    static char a[32768], b[32768];

    ctx_reset(true);
    size_t n1 = xfer_all("qXfer:features:read:target.xml:", 0xffb, a,
                         sizeof(a));
    size_t n2 = xfer_all("qXfer:features:read:target.xml:", 7, b, sizeof(b));
    CHECK(n1 != (size_t)-1 && n1 > 1000 && n1 == n2 && !memcmp(a, b, n1));
    a[n1 == (size_t)-1 ? 0 : n1] = 0;
    CHECK(strstr(a, "<architecture>aarch64</architecture>") != NULL);
    CHECK(strstr(a, "org.gnu.gdb.aarch64.core") != NULL);
    CHECK(strstr(a, "org.gnu.gdb.aarch64.fpu") != NULL);
    CHECK(strstr(a, "<reg name=\"x30\" bitsize=\"64\"") != NULL);
    CHECK(strstr(a, "<reg name=\"cpsr\" bitsize=\"32\"") != NULL);
    CHECK(strstr(a, "<reg name=\"v31\" bitsize=\"128\" type=\"aarch64v\""
                    " regnum=\"65\"/>") != NULL);
    CHECK(strstr(a, "<reg name=\"fpcr\" bitsize=\"32\"") != NULL);
    CHECK(strstr(a, "regnum=\"67\"") != NULL);
    CHECK_STR(req("qXfer:features:read:target.xml:100000,10"), "l");
    CHECK_STR(req("qXfer:features:read:foo.xml:0,10"), "E00");
    CHECK_STR(req("qXfer:features:read:target.xml:0"), "E01");
    CHECK_STR(req("qXfer:features:read:target.xml:0,"), "E01");
    CHECK_STR(req("qXfer:features:read:target.xml:,10"), "E01");
    CHECK_STR(req("qXfer:features:read:target.xml"), "E01");
    CHECK_STR(req("qXfer:features"), "E01");
    CHECK_STR(req("qXfer:features:write:target.xml:0:abc"), "");
    CHECK_STR(req("qXfer:nosuch:read::0,10"), "");
    CHECK_STR(req("qXfer:features:read:target.xml:0,0"), "m");
    req("qXfer:features:read:target.xml:0,ffffffffffffffff");
    CHECK(reply_len <= GDB_PACKET_SIZE && reply[0] == 'l');

    size_t n = xfer_all("qXfer:auxv:read::", 0x1000, a, sizeof(a));
    CHECK(n == 48 && a[0] == 6 && a[16] == '#' && a[17] == '$' &&
          a[18] == '}' && a[19] == '*' && (uint8_t)a[24] == 0x11);
    n = xfer_all("qXfer:auxv:read::", 5, b, sizeof(b));
    CHECK(n == 48 && !memcmp(a, b, 48));
    CHECK_STR(req("qXfer:auxv:read::100,10"), "l");

    CHECK_STR(req("qXfer:exec-file:read::0,ffb"), "l/bin/fake-prog");
    CHECK_STR(req("qXfer:exec-file:read:1:0,4"), "m/bin");
    CHECK_STR(req("qXfer:exec-file:read:1:4,100"), "l/fake-prog");

    n = xfer_all("qXfer:threads:read::", 0xffb, a, sizeof(a));
    a[n == (size_t)-1 ? 0 : n] = 0;
    CHECK(strstr(a, "<thread id=\"1\"/>") && strstr(a, "<thread id=\"2\"/>"));
    CHECK(strstr(a, "</threads>") != NULL);

    CHECK_STR(req("qfThreadInfo"), "m1,2");
    CHECK_STR(req("qsThreadInfo"), "l");
    CHECK_STR(req("qsThreadInfo"), "l");
    CHECK_STR(req("qfThreadInfox"), "");
}

/* Hex-encodes s into out after prefix. */
static const char *rcmd(const char *cmd)
{
    static char pkt[1024];
    size_t n = (size_t)snprintf(pkt, sizeof(pkt), "qRcmd,");
    for (; *cmd && n + 3 < sizeof(pkt); cmd++) {
        n += (size_t)snprintf(pkt + n, 3, "%02x", (uint8_t)*cmd);
    }
    return req(pkt);
}

static void test_monitor(void)
{
    ctx_reset(true);
    CHECK_STR(rcmd("help"), "OK");
    CHECK(strstr(ctx.console, "help") && strstr(ctx.console, "info"));
    ctx.conlen = 0;
    CHECK_STR(rcmd("info"), "OK");
    CHECK_STR(ctx.console, "fake target: 2 threads, 0 breakpoints\n");
    ctx.conlen = 0;
    CHECK_STR(rcmd("frobnicate"), "OK");
    CHECK(strstr(ctx.console, "unknown monitor command 'frobnicate'") != NULL);
    CHECK_STR(req("qRcmd,6"), "E01");
    CHECK_STR(req("qRcmd,zz"), "E01");
    CHECK_STR(req("qRcmd,6100"), "E01");       /* embedded NUL */
    CHECK_STR(req("qRcmd,"), "OK");            /* empty command */

    /* Without a console hook, the output is the hex reply itself. */
    ctx_reset(false);
    const char *r = rcmd("info");
    CHECK_PREFIX(r, "66616b6520");             /* "fake " */
}

static void test_detach_kill(void)
{
    ctx_reset(true);
    req("Z0,400040,4");
    CHECK_STR(req("D"), "OK");
    CHECK(ctx.ft.detached == 1 && ctx.ft.nbp == 0);
    CHECK(gdb_session_end(ctx.s) == GDB_SESSION_DETACHED);

    ctx_reset(true);
    CHECK_STR(req("D;1"), "OK");
    CHECK(gdb_session_end(ctx.s) == GDB_SESSION_DETACHED);

    ctx_reset(true);
    CHECK_STR(req("k"), "<none>");
    CHECK(reply_len == GDB_NO_REPLY);
    CHECK(gdb_session_end(ctx.s) == GDB_SESSION_KILLED);
    CHECK(ctx.ft.killed == 0);       /* the caller kills, after replying */

    ctx_reset(true);
    CHECK_STR(req("vKill;1"), "OK");
    CHECK(gdb_session_end(ctx.s) == GDB_SESSION_KILLED);
}

/* Random and mutated packets: nothing may crash or overflow the reply. */
static void test_garbage(void)
{
    static const char *seeds[] = {
        "m400000,4", "M400000,2:aabb", "X400000,2:ab", "g", "G00", "p20",
        "P20=0000400000000000", "Z0,400040,4", "z0,400040,4", "vCont;s:1;c",
        "Hg1", "T1", "qXfer:features:read:target.xml:0,ffb",
        "qXfer:auxv:read::0,10", "qRcmd,68656c70", "qSupported:swbreak+",
        "qfThreadInfo", "s", "c", "C05", "?", "vCont?",
    };
    char pkt[256];
    unsigned seed = 12345;

    ctx_reset(true);
    ctx.ft.force = true;                 /* resumes return at once */
    ctx.ft.forced = (GdbStopReason){ .kind = GDB_STOP_SIGNAL, .signal = 5 };
    for (int iter = 0; iter < 200000; iter++) {
        const char *base = seeds[iter % (sizeof(seeds) / sizeof(seeds[0]))];
        size_t n = strlen(base);
        memcpy(pkt, base, n);
        int edits = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 4;
        for (int e = 0; e < edits; e++) {
            seed = seed * 1103515245 + 12345;
            size_t pos = (seed >> 8) % (n + 1);
            uint8_t byte = (uint8_t)(seed >> 20);
            if ((seed >> 4) % 3 == 0 && n < sizeof(pkt) - 1) {
                memmove(pkt + pos + 1, pkt + pos, n - pos);
                n++;
            } else if ((seed >> 4) % 3 == 1 && n > 1) {
                n = pos < n ? pos + 1 : n;              /* truncate */
                continue;
            }
            if (pos < n) {
                pkt[pos] = (char)byte;
            }
        }
        size_t r = gdb_handle_packet(ctx.s, pkt, n, reply, GDB_PACKET_SIZE);
        if (r != GDB_NO_REPLY && r > GDB_PACKET_SIZE) {
            failed++;
            return;
        }
        if (gdb_session_end(ctx.s) != GDB_SESSION_ACTIVE) {
            ctx_reset(true);
            ctx.ft.force = true;
        }
    }
    passed++;
}

/* ---- Part 2: over sockets ----------------------------------------------- */

typedef struct SrvCtx {
    GdbServer *srv;
    FakeTarget ft;
    GdbRunResult result;
} SrvCtx;

static void *server_main(void *arg)
{
    SrvCtx *sc = arg;
    if (gdb_server_wait_attach(sc->srv) < 0) {
        sc->result = GDB_RUN_ERROR;
        return NULL;
    }
    sc->result = gdb_server_run(sc->srv, NULL);
    return NULL;
}

/* Reads one byte with a timeout; -1 on timeout or EOF. */
static int cl_getc(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    uint8_t c;

    if (poll(&p, 1, 5000) <= 0 || read(fd, &c, 1) != 1) {
        return -1;
    }
    return c;
}

static void cl_send(int fd, const char *s, size_t n)
{
    if (write(fd, s, n) != (ssize_t)n) {
        failed++;
    }
}

static void cl_packet(int fd, const char *body)
{
    char frame[GDB_PACKET_SIZE + 8];
    size_t n = gdb_frame_packet(body, strlen(body), frame, sizeof(frame));
    cl_send(fd, frame, n);
}

/* Reads a packet body into out; returns false on framing trouble. */
static bool cl_reply(int fd, char *out, size_t cap, bool ack)
{
    static GdbFramer f;
    gdb_framer_init(&f);
    for (;;) {
        int c = cl_getc(fd);
        if (c < 0) {
            return false;
        }
        GdbFrameEvent ev = gdb_framer_feed(&f, (uint8_t)c);
        if (ev == GDB_FRAME_PACKET) {
            snprintf(out, cap, "%s", f.buf);
            if (ack) {
                cl_send(fd, "+", 1);
            }
            return true;
        }
        if (ev == GDB_FRAME_BAD_CSUM || ev == GDB_FRAME_OVERFLOW) {
            return false;
        }
    }
}

static int cl_connect_tcp(int port)
{
    struct sockaddr_in sa = { .sin_family = AF_INET,
                              .sin_port = htons((uint16_t)port) };
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static void start_server(SrvCtx *sc, pthread_t *th)
{
    fake_init(&sc->ft, 2);
    pthread_create(th, NULL, server_main, sc);
}

/* Ack mode, bad checksum, no-ack mode, Ctrl-C, console output, detach. */
static void test_socket_session(SrvCtx *sc)
{
    pthread_t th;
    char r[GDB_PACKET_SIZE + 1];
    static char big[GDB_PACKET_SIZE + 64];

    start_server(sc, &th);
    int fd = cl_connect_tcp(gdb_server_port(sc->srv));
    CHECK(fd >= 0);
    cl_send(fd, "+", 1);                 /* gdb's opening ack */
    cl_packet(fd, "qSupported:swbreak+");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), true) && strstr(r, "PacketSize"));
    cl_send(fd, "$g#00", 5);             /* bad checksum: NAK */
    CHECK(cl_getc(fd) == '-');
    /* A NAKed reply is sent again. */
    cl_packet(fd, "qC");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), false));
    cl_send(fd, "-", 1);
    CHECK(cl_reply(fd, r, sizeof(r), true) && !strcmp(r, "QC1"));

    cl_packet(fd, "QStartNoAckMode");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), true) && !strcmp(r, "OK"));
    cl_packet(fd, "m400000,4");          /* no '+' before the reply now */
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strcmp(r, "1f2003d5"));

    /* Ctrl-C while the target spins. */
    cl_packet(fd, "P20=0003400000000000");
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strcmp(r, "OK"));
    cl_packet(fd, "vCont;c");
    sleep_ms(50);
    cl_send(fd, "\x03", 1);
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strncmp(r, "T02thread:1;", 12));
    /* Ctrl-C in the same segment as the resume packet. */
    char both[32];
    size_t n = gdb_frame_packet("c", 1, both, sizeof(both));
    both[n++] = 3;
    cl_send(fd, both, n);
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strncmp(r, "T02", 3));
    CHECK(atomic_load(&sc->ft.interrupts) >= 2);

    /* Monitor output arrives as O packets before the OK. */
    cl_packet(fd, "qRcmd,696e666f");      /* "info" */
    CHECK(cl_reply(fd, r, sizeof(r), false) && r[0] == 'O' &&
          !strncmp(r + 1, "66616b65", 8));
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strcmp(r, "OK"));

    /* Oversized packet: refused, and the session carries on. */
    big[0] = '$';
    memset(big + 1, 'm', GDB_PACKET_SIZE + 10);
    memcpy(big + 1 + GDB_PACKET_SIZE + 10, "#00", 3);
    cl_send(fd, big, GDB_PACKET_SIZE + 14);
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strcmp(r, "E01"));
    /* Bad checksum in no-ack mode: answered, not dropped. */
    cl_send(fd, "$g#00", 5);
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strcmp(r, "E01"));
    cl_packet(fd, "qC");
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strcmp(r, "QC1"));

    cl_packet(fd, "D");
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strcmp(r, "OK"));
    pthread_join(th, NULL);
    CHECK(sc->result == GDB_RUN_DETACHED && sc->ft.detached == 1);
    CHECK(cl_getc(fd) == -1);            /* server closed the connection */
    close(fd);
}

/* gdb disappears while the target runs: interrupt, detach, run on. */
static void test_socket_disconnect(SrvCtx *sc)
{
    pthread_t th;
    char r[256];

    start_server(sc, &th);
    int fd = cl_connect_tcp(gdb_server_port(sc->srv));
    cl_packet(fd, "Z0,400040,4");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), true) && !strcmp(r, "OK"));
    cl_packet(fd, "P20=0003400000000000");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), true) && !strcmp(r, "OK"));
    cl_packet(fd, "c");
    CHECK(cl_getc(fd) == '+');
    sleep_ms(30);
    close(fd);
    pthread_join(th, NULL);
    CHECK(sc->result == GDB_RUN_DISCONNECTED);
    CHECK(sc->ft.detached == 1 && sc->ft.nbp == 0);
}

static void test_socket_kill_and_exit(SrvCtx *sc)
{
    pthread_t th;
    char r[256];

    start_server(sc, &th);
    int fd = cl_connect_tcp(gdb_server_port(sc->srv));
    cl_packet(fd, "k");
    CHECK(cl_getc(fd) == '+');
    pthread_join(th, NULL);
    CHECK(sc->result == GDB_RUN_KILLED && sc->ft.killed == 1);
    close(fd);

    /* The program exits outside resume: gdb gets W and EOF. */
    start_server(sc, &th);
    fd = cl_connect_tcp(gdb_server_port(sc->srv));
    cl_packet(fd, "qC");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), true) && !strcmp(r, "QC1"));
    gdb_server_report_exit(sc->srv, 3);
    CHECK(cl_reply(fd, r, sizeof(r), false) && !strcmp(r, "W03"));
    pthread_join(th, NULL);
    CHECK(sc->result == GDB_RUN_EXITED && sc->ft.detached == 0);
    close(fd);

    /* The target exits during a resume. */
    start_server(sc, &th);
    fd = cl_connect_tcp(gdb_server_port(sc->srv));
    cl_packet(fd, "vCont;c");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), true) && !strcmp(r, "W00"));
    pthread_join(th, NULL);
    CHECK(sc->result == GDB_RUN_EXITED);
    close(fd);
}

static void test_unix_socket(void)
{
    static SrvCtx sc;
    char path[64], r[64];
    pthread_t th;
    struct sockaddr_un sa = { .sun_family = AF_UNIX };

    snprintf(path, sizeof(path), "/tmp/mimic-gdbtest-%d.sock", (int)getpid());
    sc.srv = gdb_server_listen(path, &fake_ops, &sc.ft);
    CHECK(sc.srv != NULL && gdb_server_port(sc.srv) == 0);
    if (!sc.srv) {
        return;
    }
    start_server(&sc, &th);
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
    cl_packet(fd, "qC");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), true) && !strcmp(r, "QC1"));
    cl_packet(fd, "D");
    CHECK(cl_getc(fd) == '+');
    CHECK(cl_reply(fd, r, sizeof(r), true) && !strcmp(r, "OK"));
    pthread_join(th, NULL);
    close(fd);
    gdb_server_close(sc.srv);
    CHECK(access(path, F_OK) != 0);      /* socket file removed */
}

static void test_listen_specs(void)
{
    static FakeTarget ft;
    static const char *bad[] = {
        "", "abc", "1234x", "70000", "-1", "host:", ":", "127.0.0.1:99999",
        "/nonexistent-dir/x/sock",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        GdbServer *s = gdb_server_listen(bad[i], &fake_ops, &ft);
        CHECK(s == NULL);
        gdb_server_close(s);
    }
    GdbServer *s = gdb_server_listen("127.0.0.1:0", &fake_ops, &ft);
    CHECK(s && gdb_server_port(s) > 0);
    gdb_server_close(s);
    s = gdb_server_listen("tcp::0", &fake_ops, &ft);
    CHECK(s && gdb_server_port(s) > 0);
    gdb_server_close(s);
}

int main(void)
{
    static SrvCtx sc;

    test_signals();
    test_hex();
    test_framing();
    test_basic_queries();
    test_registers();
    test_memory();
    test_breakpoints();
    test_resume();
    test_stop_replies();
    test_xfer();
    test_monitor();
    test_detach_kill();
    test_garbage();
    gdb_session_free(ctx.s);

    fprintf(stderr, "(stub error messages below are expected)\n");
    test_listen_specs();
    sc.srv = gdb_server_listen("0", &fake_ops, &sc.ft);
    CHECK(sc.srv != NULL);
    if (sc.srv) {
        test_socket_session(&sc);
        test_socket_disconnect(&sc);
        test_socket_kill_and_exit(&sc);
        gdb_server_close(sc.srv);
    }
    test_unix_socket();

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
