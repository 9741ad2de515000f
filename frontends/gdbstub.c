/* SPDX-License-Identifier: MIT */
/*
 * gdbstub.c - the wire side of the GDB remote serial protocol server:
 * listening socket, connection, packet framing and checksums, ack/no-ack,
 * binary escaping, hex and signal-number helpers, and the session loop that
 * feeds packets to gdb_handle_packet (gdbstub-cmds.c).
 *
 * Threads: the program's thread calls gdb_server_run, which handles packets
 * and calls ops->resume synchronously.  A reader thread owns the socket's
 * receive side for the whole connection and queues bytes; while the target
 * runs it turns a Ctrl-C (0x03) into ops->interrupt, which is the only way
 * to stop a target that never returns to the stub on its own.
 *
 * Protocol reference: GDB manual, appendix "Remote Serial Protocol"
 * (Overview: framing, checksums, escapes; Packet Acknowledgment).
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "frontends/gdbstub-int.h"

/* ---- Hex and binary helpers --------------------------------------------- */

static const char gdb_hexdigits[] = "0123456789abcdef";

int gdb_hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool gdb_hex_decode(uint8_t *out, const char *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = gdb_hexval((unsigned char)in[2 * i]);
        int lo = gdb_hexval((unsigned char)in[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

bool gdb_parse_hex(const char **p, const char *end, uint64_t *val)
{
    const char *q = *p;
    uint64_t v = 0;
    int digits = 0;

    while (q < end && gdb_hexval((unsigned char)*q) >= 0) {
        /* Leading zeros are harmless; more than 64 bits is not. */
        if (v >> 60) {
            return false;
        }
        v = v << 4 | (uint64_t)gdb_hexval((unsigned char)*q);
        digits++;
        q++;
    }
    if (digits == 0) {
        return false;
    }
    *p = q;
    *val = v;
    return true;
}

ssize_t gdb_unescape_binary(uint8_t *out, size_t cap, const char *in,
                            size_t n)
{
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)in[i];
        if (c == '}') {
            if (++i >= n) {
                return -1;
            }
            c = (uint8_t)in[i] ^ 0x20;
        }
        if (o >= cap) {
            return -1;
        }
        out[o++] = c;
    }
    return (ssize_t)o;
}

/* ---- Reply builder ------------------------------------------------------ */

void gdb_reply_mem(GdbReply *r, const char *s, size_t n)
{
    if (n > r->cap - r->len) {
        n = r->cap - r->len;
        r->overflow = true;
    }
    memcpy(r->buf + r->len, s, n);
    r->len += n;
}

void gdb_reply_str(GdbReply *r, const char *s)
{
    gdb_reply_mem(r, s, strlen(s));
}

void gdb_reply_printf(GdbReply *r, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n >= sizeof(tmp)) {
        n = sizeof(tmp) - 1;
        r->overflow = true;
    }
    gdb_reply_mem(r, tmp, (size_t)n);
}

void gdb_reply_hex(GdbReply *r, const uint8_t *data, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (r->cap - r->len < 2) {
            r->overflow = true;
            return;
        }
        r->buf[r->len++] = gdb_hexdigits[data[i] >> 4];
        r->buf[r->len++] = gdb_hexdigits[data[i] & 15];
    }
}

/* '*' is escaped too: gdb reads it in replies as run-length encoding. */
static bool gdb_needs_escape(uint8_t c)
{
    return c == '#' || c == '$' || c == '}' || c == '*';
}

size_t gdb_reply_binary(GdbReply *r, const uint8_t *data, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        size_t need = gdb_needs_escape(data[i]) ? 2 : 1;
        if (r->cap - r->len < need) {
            break;
        }
        if (need == 2) {
            r->buf[r->len++] = '}';
            r->buf[r->len++] = (char)(data[i] ^ 0x20);
        } else {
            r->buf[r->len++] = (char)data[i];
        }
    }
    return i;
}

/* ---- Signal numbers ----------------------------------------------------- */

/*
 * Linux (asm-generic, as on arm64 and x86-64) to GDB target signal numbers
 * from include/gdb/signals.def.  The two agree only for 1-6, 8, 9, 11 and
 * 13-15; the rest differ, which is why the stub never passes numbers through.
 */
static const uint8_t gdb_sig_from_linux_tab[32] = {
    [0] = 0,    [1] = 1,    [2] = 2,    [3] = 3,    [4] = 4,    [5] = 5,
    [6] = 6,    [7] = 10,   /* BUS */   [8] = 8,    [9] = 9,
    [10] = 30,  /* USR1 */  [11] = 11,  [12] = 31,  /* USR2 */
    [13] = 13,  [14] = 14,  [15] = 15,  [16] = GDB_SIGNAL_UNKNOWN, /* STKFLT */
    [17] = 20,  /* CHLD */  [18] = 19,  /* CONT */  [19] = 17, /* STOP */
    [20] = 18,  /* TSTP */  [21] = 21,  [22] = 22,  [23] = 16, /* URG */
    [24] = 24,  [25] = 25,  [26] = 26,  [27] = 27,  [28] = 28,
    [29] = 23,  /* IO */    [30] = 32,  /* PWR */   [31] = 12, /* SYS */
};

enum {
    GDB_SIG_POLL = 33,
    GDB_SIG_RT33 = 45,     /* SIG33..SIG63 are 45..75 */
    GDB_SIG_RT63 = 75,
    GDB_SIG_RT32 = 77,
    GDB_SIG_RT64 = 78,
};

int gdb_signal_from_linux(int sig)
{
    if (sig >= 0 && sig < 32) {
        return gdb_sig_from_linux_tab[sig];
    }
    if (sig == 32) {
        return GDB_SIG_RT32;
    }
    if (sig >= 33 && sig <= 63) {
        return GDB_SIG_RT33 + (sig - 33);
    }
    if (sig == 64) {
        return GDB_SIG_RT64;
    }
    return GDB_SIGNAL_UNKNOWN;
}

int gdb_signal_to_linux(int gsig)
{
    if (gsig == GDB_SIGNAL_UNKNOWN) {
        return -1;
    }
    for (int i = 0; i < 32; i++) {
        if (gdb_sig_from_linux_tab[i] == gsig) {
            return i;
        }
    }
    if (gsig == GDB_SIG_POLL) {
        return 29;   /* SIGPOLL is SIGIO on Linux */
    }
    if (gsig >= GDB_SIG_RT33 && gsig <= GDB_SIG_RT63) {
        return 33 + (gsig - GDB_SIG_RT33);
    }
    if (gsig == GDB_SIG_RT32) {
        return 32;
    }
    if (gsig == GDB_SIG_RT64) {
        return 64;
    }
    return -1;
}

/* ---- Framing ------------------------------------------------------------ */

enum { FR_IDLE, FR_BODY, FR_CSUM1, FR_CSUM2 };

void gdb_framer_init(GdbFramer *f)
{
    f->state = FR_IDLE;
    f->len = 0;
    f->overflow = false;
    f->sum = 0;
    f->given = 0;
    f->buf[0] = 0;
}

static void gdb_framer_start(GdbFramer *f)
{
    f->state = FR_BODY;
    f->len = 0;
    f->overflow = false;
    f->sum = 0;
}

GdbFrameEvent gdb_framer_feed(GdbFramer *f, uint8_t c)
{
    int v;

    switch (f->state) {
    case FR_IDLE:
        switch (c) {
        case '$': gdb_framer_start(f); return GDB_FRAME_NONE;
        case '+': return GDB_FRAME_ACK;
        case '-': return GDB_FRAME_NAK;
        case 0x03: return GDB_FRAME_INTERRUPT;
        default: return GDB_FRAME_NONE;   /* line noise between packets */
        }
    case FR_BODY:
        if (c == '#') {
            f->state = FR_CSUM1;
        } else if (c == '$') {
            /* An unescaped '$' cannot be data: the previous packet was cut
             * short, so resynchronise on this one. */
            gdb_framer_start(f);
        } else {
            f->sum += c;
            if (f->len < GDB_PACKET_SIZE) {
                f->buf[f->len++] = (char)c;
            } else {
                f->overflow = true;
            }
        }
        return GDB_FRAME_NONE;
    case FR_CSUM1:
        v = gdb_hexval(c);
        if (v < 0) {
            f->state = FR_IDLE;
            return GDB_FRAME_BAD_CSUM;
        }
        f->given = (uint8_t)(v << 4);
        f->state = FR_CSUM2;
        return GDB_FRAME_NONE;
    default:
        v = gdb_hexval(c);
        f->state = FR_IDLE;
        if (v < 0) {
            return GDB_FRAME_BAD_CSUM;
        }
        f->given |= (uint8_t)v;
        if (f->overflow) {
            return GDB_FRAME_OVERFLOW;
        }
        if (f->given != f->sum) {
            return GDB_FRAME_BAD_CSUM;
        }
        f->buf[f->len] = 0;
        return GDB_FRAME_PACKET;
    }
}

size_t gdb_frame_packet(const char *body, size_t len, char *out, size_t cap)
{
    uint8_t sum = 0;

    if (cap < 4 || len > cap - 4) {
        return 0;
    }
    out[0] = '$';
    for (size_t i = 0; i < len; i++) {
        sum += (uint8_t)body[i];
        out[1 + i] = body[i];
    }
    out[1 + len] = '#';
    out[2 + len] = gdb_hexdigits[sum >> 4];
    out[3 + len] = gdb_hexdigits[sum & 15];
    return len + 4;
}

/* ---- Server ------------------------------------------------------------- */

#define GDB_RING_SIZE (2 * GDB_PACKET_SIZE)
#define GDB_REPLY_CAP GDB_PACKET_SIZE
#define GDB_MAX_RESENDS 8

struct GdbServer {
    const GdbTargetOps *ops;
    void *opaque;
    int listen_fd;
    int port;
    char *unix_path;

    int fd;                   /* connection, -1 when none */
    pthread_t reader;
    bool reader_started;

    /* Receive queue, filled by the reader thread. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint8_t ring[GDB_RING_SIZE];
    size_t head, count;
    bool eof;                 /* peer closed or error */
    bool closing;             /* we are tearing the connection down */
    bool running;             /* ops->resume in progress: 0x03 interrupts */

    pthread_mutex_t send_lock;
    bool no_ack;
    bool exit_reported;       /* gdb_server_report_* already sent W/X */
    bool pending_packet;      /* framer.buf holds a packet to handle */
    GdbFramer framer;
    GdbSession *session;

    char pkt[GDB_PACKET_SIZE + 1];
    char reply[GDB_REPLY_CAP];
    char frame[GDB_REPLY_CAP + 4];
};

static int gdb_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Drops queued Ctrl-C bytes; returns how many there were. Lock held. */
static int gdb_ring_take_interrupts(GdbServer *srv)
{
    size_t keep = 0;
    int found = 0;

    for (size_t i = 0; i < srv->count; i++) {
        uint8_t c = srv->ring[(srv->head + i) % GDB_RING_SIZE];
        if (c == 0x03) {
            found++;
        } else {
            srv->ring[(srv->head + keep++) % GDB_RING_SIZE] = c;
        }
    }
    srv->count = keep;
    return found;
}

static void gdb_reader_push(GdbServer *srv, const uint8_t *buf, size_t n)
{
    pthread_mutex_lock(&srv->lock);
    for (size_t i = 0; i < n && !srv->closing; i++) {
        if (buf[i] == 0x03 && srv->running) {
            if (srv->ops->interrupt) {
                srv->ops->interrupt(srv->opaque);
            }
            continue;
        }
        while (srv->count == GDB_RING_SIZE && !srv->closing) {
            pthread_cond_wait(&srv->cond, &srv->lock);
        }
        srv->ring[(srv->head + srv->count) % GDB_RING_SIZE] = buf[i];
        srv->count++;
    }
    pthread_cond_broadcast(&srv->cond);
    pthread_mutex_unlock(&srv->lock);
}

static void *gdb_reader_main(void *arg)
{
    GdbServer *srv = arg;
    uint8_t buf[4096];

    for (;;) {
        ssize_t n = recv(srv->fd, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        gdb_reader_push(srv, buf, (size_t)n);
    }
    pthread_mutex_lock(&srv->lock);
    srv->eof = true;
    /* gdb is gone while the target runs: stop it so the session can detach
     * (removing breakpoints) promptly instead of at the next stop. */
    if (srv->running && !srv->closing && srv->ops->interrupt) {
        srv->ops->interrupt(srv->opaque);
    }
    pthread_cond_broadcast(&srv->cond);
    pthread_mutex_unlock(&srv->lock);
    return NULL;
}

/* Next received byte, or -1 at end of connection. */
static int gdb_getc(GdbServer *srv)
{
    int c = -1;

    pthread_mutex_lock(&srv->lock);
    while (srv->count == 0 && !srv->eof && !srv->closing) {
        pthread_cond_wait(&srv->cond, &srv->lock);
    }
    if (srv->count > 0) {
        c = srv->ring[srv->head];
        srv->head = (srv->head + 1) % GDB_RING_SIZE;
        srv->count--;
        pthread_cond_broadcast(&srv->cond);
    }
    pthread_mutex_unlock(&srv->lock);
    return c;
}

/* Feeds bytes to the framer until something happens; -1 at EOF. */
static int gdb_next_event(GdbServer *srv)
{
    for (;;) {
        int c = gdb_getc(srv);
        if (c < 0) {
            return -1;
        }
        GdbFrameEvent ev = gdb_framer_feed(&srv->framer, (uint8_t)c);
        if (ev != GDB_FRAME_NONE) {
            return (int)ev;
        }
    }
}

static int gdb_send_raw(GdbServer *srv, const char *buf, size_t len)
{
    pthread_mutex_lock(&srv->send_lock);
    int ret = srv->fd >= 0 ? gdb_write_all(srv->fd, buf, len) : -1;
    pthread_mutex_unlock(&srv->send_lock);
    return ret;
}

/* Waits for gdb's '+' after a packet: 1 acked, 0 resend, -1 EOF. */
static int gdb_wait_ack(GdbServer *srv)
{
    for (;;) {
        int ev = gdb_next_event(srv);
        switch (ev) {
        case -1:
            return -1;
        case GDB_FRAME_ACK:
            return 1;
        case GDB_FRAME_NAK:
            return 0;
        case GDB_FRAME_PACKET:
            /* gdb moved on without acking: take it as an ack and keep the
             * packet for the main loop. */
            srv->pending_packet = true;
            return 1;
        case GDB_FRAME_BAD_CSUM:
            gdb_send_raw(srv, "-", 1);
            break;
        default:
            break;
        }
    }
}

static int gdb_send_packet(GdbServer *srv, const char *body, size_t len)
{
    size_t n = gdb_frame_packet(body, len, srv->frame, sizeof(srv->frame));

    if (n == 0) {
        return -1;    /* replies are built within GDB_REPLY_CAP: a bug */
    }
    for (int tries = 0; tries < GDB_MAX_RESENDS; tries++) {
        if (gdb_send_raw(srv, srv->frame, n) < 0) {
            return -1;
        }
        if (srv->no_ack) {
            return 0;
        }
        int r = gdb_wait_ack(srv);
        if (r != 0) {
            return r < 0 ? -1 : 0;
        }
    }
    return -1;
}

/* Session hooks: console output as 'O' packets, Ctrl-C routing. */
static void gdb_srv_console(void *opaque, const char *text, size_t len)
{
    GdbServer *srv = opaque;
    /* 'O' + two hex digits per byte must fit in one packet. */
    const size_t chunk = (GDB_REPLY_CAP - 1) / 2;
    char body[GDB_REPLY_CAP];

    while (len > 0) {
        size_t n = len < chunk ? len : chunk;
        GdbReply r = { body, sizeof(body), 0, false };
        gdb_reply_str(&r, "O");
        gdb_reply_hex(&r, (const uint8_t *)text, n);
        if (gdb_send_packet(srv, r.buf, r.len) < 0) {
            return;
        }
        text += n;
        len -= n;
    }
}

static void gdb_srv_resume_begin(void *opaque)
{
    GdbServer *srv = opaque;

    pthread_mutex_lock(&srv->lock);
    srv->running = true;
    /* A Ctrl-C that arrived with (or just after) the resume packet was
     * queued before running was set: deliver it now. */
    if ((gdb_ring_take_interrupts(srv) > 0 || srv->eof) &&
        srv->ops->interrupt) {
        srv->ops->interrupt(srv->opaque);
    }
    pthread_mutex_unlock(&srv->lock);
}

static void gdb_srv_resume_end(void *opaque)
{
    GdbServer *srv = opaque;

    pthread_mutex_lock(&srv->lock);
    srv->running = false;
    pthread_mutex_unlock(&srv->lock);
}

/* ---- Listening and connecting ------------------------------------------- */

static int gdb_listen_unix(GdbServer *srv, const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct stat st;

    if (strlen(path) >= sizeof(sa.sun_path)) {
        fprintf(stderr, "gdbstub: socket path too long: %s\n", path);
        return -1;
    }
    strcpy(sa.sun_path, path);
    /* A stale socket from an earlier run would make bind fail; remove it,
     * but never anything that is not a socket. */
    if (stat(path, &st) == 0 && S_ISSOCK(st.st_mode)) {
        unlink(path);
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        listen(fd, 1) < 0) {
        fprintf(stderr, "gdbstub: cannot listen on %s: %s\n", path,
                strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    srv->listen_fd = fd;
    srv->unix_path = strdup(path);
    return 0;
}

/* Splits "HOST:PORT", "[V6HOST]:PORT" or "PORT"; false if malformed. */
static bool gdb_split_hostport(const char *spec, char *host, size_t hostcap,
                               long *port)
{
    const char *colon = strrchr(spec, ':');
    const char *ps = colon ? colon + 1 : spec;
    size_t hl = colon ? (size_t)(colon - spec) : 0;
    const char *hs = spec;
    char *endp;

    if (hl >= 2 && hs[0] == '[' && hs[hl - 1] == ']') {
        hs++;
        hl -= 2;
    }
    if (hl >= hostcap) {
        return false;
    }
    if (hl == 0) {
        snprintf(host, hostcap, "127.0.0.1");
    } else {
        memcpy(host, hs, hl);
        host[hl] = 0;
    }
    errno = 0;
    *port = strtol(ps, &endp, 10);
    return *ps && !*endp && !errno && *port >= 0 && *port <= 65535;
}

static int gdb_listen_tcp(GdbServer *srv, const char *spec)
{
    char host[256], portstr[8];
    long port;
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_NUMERICSERV };
    struct addrinfo *res, *ai;
    int fd = -1, one = 1, err;

    if (!gdb_split_hostport(spec, host, sizeof(host), &port)) {
        fprintf(stderr, "gdbstub: bad address '%s' (want PORT, HOST:PORT "
                "or a socket path)\n", spec);
        return -1;
    }
    snprintf(portstr, sizeof(portstr), "%ld", port);
    err = getaddrinfo(host, portstr, &hints, &res);
    if (err) {
        fprintf(stderr, "gdbstub: %s: %s\n", host, gai_strerror(err));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                    ai->ai_protocol);
        if (fd < 0) {
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
            listen(fd, 1) == 0) {
            break;
        }
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "gdbstub: cannot listen on %s:%ld: %s\n", host, port,
                strerror(errno));
        return -1;
    }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
        if (ss.ss_family == AF_INET) {
            srv->port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
        } else if (ss.ss_family == AF_INET6) {
            srv->port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
        }
    }
    srv->listen_fd = fd;
    return 0;
}

GdbServer *gdb_server_listen(const char *spec, const GdbTargetOps *ops,
                             void *opaque)
{
    GdbServer *srv = calloc(1, sizeof(*srv));
    int ret;

    if (!srv) {
        return NULL;
    }
    srv->ops = ops;
    srv->opaque = opaque;
    srv->fd = -1;
    srv->listen_fd = -1;
    pthread_mutex_init(&srv->lock, NULL);
    pthread_cond_init(&srv->cond, NULL);
    pthread_mutex_init(&srv->send_lock, NULL);

    if (strncmp(spec, "unix:", 5) == 0) {
        ret = gdb_listen_unix(srv, spec + 5);
    } else if (strncmp(spec, "tcp:", 4) == 0) {
        ret = gdb_listen_tcp(srv, spec + 4);
    } else if (strchr(spec, '/')) {
        ret = gdb_listen_unix(srv, spec);
    } else {
        ret = gdb_listen_tcp(srv, spec);
    }
    if (ret < 0) {
        gdb_server_close(srv);
        return NULL;
    }
    return srv;
}

int gdb_server_port(const GdbServer *srv)
{
    return srv->port;
}

int gdb_server_wait_attach(GdbServer *srv)
{
    int fd, one = 1;

    if (srv->fd >= 0) {
        return 0;
    }
    do {
        fd = accept4(srv->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        fprintf(stderr, "gdbstub: accept: %s\n", strerror(errno));
        return -1;
    }
    /* Packets are small and strictly request/response: Nagle only adds
     * latency to every single-step. */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));

    pthread_mutex_lock(&srv->lock);
    srv->head = srv->count = 0;
    srv->eof = srv->closing = srv->running = false;
    pthread_mutex_unlock(&srv->lock);
    srv->no_ack = false;
    srv->exit_reported = false;
    srv->pending_packet = false;
    gdb_framer_init(&srv->framer);
    srv->fd = fd;
    if (pthread_create(&srv->reader, NULL, gdb_reader_main, srv) != 0) {
        fprintf(stderr, "gdbstub: cannot start reader thread\n");
        close(fd);
        srv->fd = -1;
        return -1;
    }
    srv->reader_started = true;
    return 0;
}

static void gdb_server_disconnect(GdbServer *srv)
{
    if (srv->fd < 0) {
        return;
    }
    pthread_mutex_lock(&srv->lock);
    srv->closing = true;
    pthread_cond_broadcast(&srv->cond);
    pthread_mutex_unlock(&srv->lock);
    shutdown(srv->fd, SHUT_RDWR);
    if (srv->reader_started) {
        pthread_join(srv->reader, NULL);
        srv->reader_started = false;
    }
    pthread_mutex_lock(&srv->send_lock);
    close(srv->fd);
    srv->fd = -1;
    pthread_mutex_unlock(&srv->send_lock);
}

/* ---- The session loop --------------------------------------------------- */

/* Handles one framer event; returns false when the session is over. */
static bool gdb_serve_event(GdbServer *srv, int ev)
{
    size_t n;

    switch (ev) {
    case GDB_FRAME_PACKET:
        if (!srv->no_ack) {
            gdb_send_raw(srv, "+", 1);
        }
        /* Copy: sending console output may feed the framer again. */
        memcpy(srv->pkt, srv->framer.buf, srv->framer.len + 1);
        n = gdb_handle_packet(srv->session, srv->pkt, srv->framer.len,
                              srv->reply, sizeof(srv->reply));
        if (n != GDB_NO_REPLY) {
            gdb_send_packet(srv, srv->reply, n);
        }
        /* The OK to QStartNoAckMode still went out (and was acked) in ack
         * mode; only what follows it is unacknowledged. */
        if (gdb_session_wants_no_ack(srv->session)) {
            srv->no_ack = true;
        }
        return gdb_session_end(srv->session) == GDB_SESSION_ACTIVE;
    case GDB_FRAME_BAD_CSUM:
        if (!srv->no_ack) {
            gdb_send_raw(srv, "-", 1);
        } else {
            /* Nobody will resend it; answer so gdb does not hang. */
            gdb_send_packet(srv, "E01", 3);
        }
        return true;
    case GDB_FRAME_OVERFLOW:
        /* Resending the same oversized packet would not help: accept it
         * at the framing level and refuse it at the command level. */
        if (!srv->no_ack) {
            gdb_send_raw(srv, "+", 1);
        }
        gdb_send_packet(srv, "E01", 3);
        return true;
    default:
        return true;      /* stray acks, Ctrl-C while stopped */
    }
}

GdbRunResult gdb_server_run(GdbServer *srv, const GdbStopReason *initial)
{
    GdbSessionHooks hooks = {
        .opaque = srv,
        .console = gdb_srv_console,
        .resume_begin = gdb_srv_resume_begin,
        .resume_end = gdb_srv_resume_end,
    };
    GdbRunResult result = GDB_RUN_DISCONNECTED;

    if (srv->fd < 0) {
        return GDB_RUN_ERROR;
    }
    srv->session = gdb_session_new(srv->ops, srv->opaque, &hooks);
    if (!srv->session) {
        return GDB_RUN_ERROR;
    }
    if (initial) {
        gdb_session_set_stop(srv->session, initial);
    }
    for (;;) {
        int ev;
        if (srv->pending_packet) {
            srv->pending_packet = false;
            ev = GDB_FRAME_PACKET;
        } else {
            ev = gdb_next_event(srv);
        }
        if (ev < 0 || !gdb_serve_event(srv, ev)) {
            break;
        }
    }
    pthread_mutex_lock(&srv->send_lock);
    bool exit_reported = srv->exit_reported;
    pthread_mutex_unlock(&srv->send_lock);
    switch (gdb_session_end(srv->session)) {
    case GDB_SESSION_DETACHED: result = GDB_RUN_DETACHED; break;
    case GDB_SESSION_KILLED:   result = GDB_RUN_KILLED; break;
    case GDB_SESSION_EXITED:   result = GDB_RUN_EXITED; break;
    case GDB_SESSION_ACTIVE:
        if (exit_reported) {
            result = GDB_RUN_EXITED;
        } else if (srv->ops->detach) {
            srv->ops->detach(srv->opaque);   /* documented: EOF = detach */
        }
        break;
    }
    gdb_server_disconnect(srv);
    gdb_session_free(srv->session);
    srv->session = NULL;
    /* Last, because killing the program need not return. */
    if (result == GDB_RUN_KILLED && srv->ops->kill) {
        srv->ops->kill(srv->opaque);
    }
    return result;
}

static void gdb_server_report_final(GdbServer *srv, const char *body)
{
    char frame[32];
    size_t n = gdb_frame_packet(body, strlen(body), frame, sizeof(frame));

    pthread_mutex_lock(&srv->send_lock);
    if (srv->fd >= 0 && !srv->exit_reported) {
        srv->exit_reported = true;
        /* No ack wait: the connection ends here, and the ack would race
         * with the session loop's reads. */
        gdb_write_all(srv->fd, frame, n);
        shutdown(srv->fd, SHUT_RDWR);
    }
    pthread_mutex_unlock(&srv->send_lock);
}

void gdb_server_report_exit(GdbServer *srv, int code)
{
    char body[8];

    snprintf(body, sizeof(body), "W%02x", code & 0xff);
    gdb_server_report_final(srv, body);
}

void gdb_server_report_signal_exit(GdbServer *srv, int linux_signal)
{
    char body[8];

    snprintf(body, sizeof(body), "X%02x",
             gdb_signal_from_linux(linux_signal) & 0xff);
    gdb_server_report_final(srv, body);
}

void gdb_server_close(GdbServer *srv)
{
    if (!srv) {
        return;
    }
    gdb_server_disconnect(srv);
    if (srv->listen_fd >= 0) {
        close(srv->listen_fd);
    }
    if (srv->unix_path) {
        unlink(srv->unix_path);
        free(srv->unix_path);
    }
    pthread_mutex_destroy(&srv->lock);
    pthread_cond_destroy(&srv->cond);
    pthread_mutex_destroy(&srv->send_lock);
    free(srv);
}
