/* SPDX-License-Identifier: MIT */
/*
 * Character device backends (stdio with QEMU-style Ctrl-A escapes, file,
 * null, listening socket, memory buffer) and the multiplexer between
 * frontends.  See chardev.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>
#include "chardev.h"

typedef enum ChrKind {
    CHR_NULL, CHR_STDIO, CHR_FILE, CHR_BUFFER, CHR_SOCKET,
} ChrKind;

#define CHR_INBUF 256

struct Chardev {
    ChrKind kind;
    MainLoop *ml;
    int in_fd, out_fd;
    bool mux, escape, in_eof;
    CharFrontend fe[CHARDEV_MAX_FRONTENDS];
    int nfe, focus;
    /* input read from the host, waiting for the focused frontend */
    uint8_t in[CHR_INBUF];
    int in_head, in_len;
    /* CHR_BUFFER output */
    uint8_t *out;
    size_t out_len, out_cap;
    void (*quit)(void *);
    void *quit_opaque;
    /* CHR_SOCKET: the listening socket; in_fd/out_fd are the client */
    int listen_fd;
    char *unix_path;
};

/* ---- the terminal (one per process: it is the process's stdin) ---- */

static struct termios saved_tty;
static volatile sig_atomic_t tty_saved;

void chardev_restore_terminal(void)
{
    if (tty_saved) {
        tcsetattr(0, TCSANOW, &saved_tty);
        tty_saved = 0;
    }
}

static void tty_signal(int sig)
{
    chardev_restore_terminal();   /* tcsetattr is async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Raw input like QEMU's stdio backend; output post-processing stays on so
 * a guest's bare "\n" still returns the carriage. */
static void tty_set_raw(bool signals)
{
    struct termios t;
    if (!isatty(0) || tcgetattr(0, &t) < 0) {
        return;
    }
    if (!tty_saved) {
        saved_tty = t;
        tty_saved = 1;
        atexit(chardev_restore_terminal);
        static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT,
                                    SIGABRT, SIGSEGV, SIGBUS };
        for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
            struct sigaction sa = { .sa_handler = tty_signal };
            struct sigaction old;
            sigaction(sigs[i], NULL, &old);
            if (old.sa_handler == SIG_DFL) {
                sigaction(sigs[i], &sa, NULL);
            }
        }
    }
    t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
                             IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | IEXTEN);
    if (!signals) {
        t.c_lflag &= ~(tcflag_t)ISIG;
    }
    t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(0, TCSANOW, &t);
}

/* ---- output ---- */

static int write_all(int fd, const uint8_t *buf, int len, bool sock)
{
    int done = 0;
    while (done < len) {
        /* a socket whose client went away must not raise SIGPIPE */
        ssize_t n = sock ? send(fd, buf + done, (size_t)(len - done),
                                MSG_NOSIGNAL)
                         : write(fd, buf + done, (size_t)(len - done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN) {
                struct pollfd p = { .fd = fd, .events = POLLOUT };
                poll(&p, 1, -1);
                continue;
            }
            return -1;
        }
        done += (int)n;
    }
    return len;
}

int chardev_write(Chardev *chr, const uint8_t *buf, int len)
{
    switch (chr->kind) {
    case CHR_NULL:
        return len;
    case CHR_BUFFER:
        if (chr->out_len + (size_t)len > chr->out_cap) {
            chr->out_cap = (chr->out_len + (size_t)len) * 2 + 64;
            chr->out = realloc(chr->out, chr->out_cap);
            if (!chr->out) {
                abort();
            }
        }
        memcpy(chr->out + chr->out_len, buf, (size_t)len);
        chr->out_len += (size_t)len;
        return len;
    case CHR_STDIO:
    case CHR_FILE:
        return write_all(chr->out_fd, buf, len, false);
    case CHR_SOCKET:
        /* without a client the output is dropped, as on a real line */
        if (chr->out_fd >= 0) {
            write_all(chr->out_fd, buf, len, true);
        }
        return len;
    }
    return -1;
}

static void chr_puts(Chardev *chr, const char *s)
{
    chardev_write(chr, (const uint8_t *)s, (int)strlen(s));
}

/* ---- input and the mux ---- */

/* Hands buffered input to the focused frontend; true if it took any. */
static bool deliver(Chardev *chr)
{
    bool took = false;
    while (chr->in_len > 0 && chr->nfe > 0) {
        CharFrontend *fe = &chr->fe[chr->focus];
        int room = fe->can_read ? fe->can_read(fe->opaque) : 0;
        if (room <= 0) {
            break;
        }
        int n = chr->in_len;
        if (n > CHR_INBUF - chr->in_head) {
            n = CHR_INBUF - chr->in_head;
        }
        if (n > room) {
            n = room;
        }
        fe->read(fe->opaque, chr->in + chr->in_head, n);
        chr->in_head = (chr->in_head + n) % CHR_INBUF;
        chr->in_len -= n;
        took = true;
    }
    return took;
}

static void push_input(Chardev *chr, uint8_t c)
{
    if (chr->in_len < CHR_INBUF) {
        chr->in[(chr->in_head + chr->in_len) % CHR_INBUF] = c;
        chr->in_len++;
    }
}

static void mux_help(Chardev *chr)
{
    chr_puts(chr, "\r\n"
             "C-a h    print this help\r\n"
             "C-a x    exit emulator\r\n"
             "C-a c    switch between console and monitor\r\n"
             "C-a C-a  sends C-a\r\n");
}

static void mux_quit(Chardev *chr)
{
    if (chr->quit) {
        chr->quit(chr->quit_opaque);
        return;
    }
    chr_puts(chr, "\r\nmimic: terminated\r\n");
    chardev_restore_terminal();
    exit(0);
}

static void mux_switch(Chardev *chr)
{
    if (chr->nfe < 2) {
        chr_puts(chr, "\r\nmimic: no monitor is attached\r\n");
        return;
    }
    deliver(chr);   /* what was typed before the switch is the old focus's */
    chr->focus = (chr->focus + 1) % chr->nfe;
    char msg[96];
    snprintf(msg, sizeof(msg), "\r\nmimic: input to %s\r\n",
             chr->fe[chr->focus].name ? chr->fe[chr->focus].name : "device");
    chr_puts(chr, msg);
    if (chr->fe[chr->focus].activate) {
        chr->fe[chr->focus].activate(chr->fe[chr->focus].opaque);
    }
}

static void input_byte(Chardev *chr, uint8_t c)
{
    if (!chr->mux) {
        push_input(chr, c);
        return;
    }
    if (!chr->escape) {
        if (c == CHARDEV_ESCAPE) {
            chr->escape = true;
        } else {
            push_input(chr, c);
        }
        return;
    }
    chr->escape = false;
    switch (c) {
    case 'x': case 'X':
        mux_quit(chr);
        break;
    case 'h': case 'H': case '?':
        mux_help(chr);
        break;
    case 'c': case 'C':
        mux_switch(chr);
        break;
    case CHARDEV_ESCAPE:
        push_input(chr, c);
        break;
    default:
        break;  /* unknown escapes are dropped, as QEMU does */
    }
}

static int stdio_events(void *opaque)
{
    Chardev *chr = opaque;
    int ev = deliver(chr) ? ML_PROGRESS : 0;
    if (!chr->in_eof && chr->in_len < CHR_INBUF) {
        ev |= POLLIN;
    }
    return ev;
}

static void stdio_readable(void *opaque, int fd, int revents)
{
    Chardev *chr = opaque;
    uint8_t tmp[CHR_INBUF];
    int space = CHR_INBUF - chr->in_len;
    ssize_t n = space > 0 ? read(fd, tmp, (size_t)space) : 0;
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    if (n <= 0) {
        /* EOF or error: no more input, output still works */
        chr->in_eof = true;
        main_loop_remove_fd(chr->ml, fd);
        return;
    }
    for (ssize_t i = 0; i < n; i++) {
        input_byte(chr, tmp[i]);
    }
    deliver(chr);
}

void chardev_accept_input(Chardev *chr)
{
    deliver(chr);
}

/* ---- listening sockets ---- */

static void socket_drop_client(Chardev *chr)
{
    if (chr->in_fd >= 0) {
        main_loop_remove_fd(chr->ml, chr->in_fd);
        close(chr->in_fd);
    }
    chr->in_fd = chr->out_fd = -1;
    chr->in_len = 0;
    chr->escape = false;
}

static void socket_readable(void *opaque, int fd, int revents)
{
    Chardev *chr = opaque;
    uint8_t tmp[CHR_INBUF];
    int space = CHR_INBUF - chr->in_len;
    ssize_t n = space > 0 ? read(fd, tmp, (size_t)space) : 0;
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    if (n <= 0 && space > 0) {
        socket_drop_client(chr);    /* gone: wait for the next one */
        return;
    }
    for (ssize_t i = 0; i < n; i++) {
        input_byte(chr, tmp[i]);
    }
    deliver(chr);
}

static void socket_client(Chardev *chr, int fd)
{
    if (chr->in_fd >= 0) {
        close(fd);      /* one user at a time */
        return;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    chr->in_fd = chr->out_fd = fd;
    main_loop_add_fd(chr->ml, fd, stdio_events, socket_readable, chr);
    if (chr->nfe && chr->fe[chr->focus].activate) {
        chr->fe[chr->focus].activate(chr->fe[chr->focus].opaque);
    }
}

static void socket_accept(void *opaque, int fd, int revents)
{
    Chardev *chr = opaque;
    int c = accept(fd, NULL, NULL);
    if (c >= 0) {
        socket_client(chr, c);
    }
}

/* "PATH" of unix:PATH or "HOST:PORT" of tcp:HOST:PORT: a listening fd. */
static int socket_listen(Chardev *chr, bool is_unix, const char *addr,
                         char *err, size_t errlen)
{
    if (is_unix) {
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        struct stat st;
        if (strlen(addr) >= sizeof(sa.sun_path)) {
            snprintf(err, errlen, "unix socket path too long: %s", addr);
            return -1;
        }
        strcpy(sa.sun_path, addr);
        if (stat(addr, &st) == 0 && S_ISSOCK(st.st_mode)) {
            unlink(addr);   /* a stale socket from an earlier run */
        }
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
            listen(fd, 1) < 0) {
            snprintf(err, errlen, "cannot listen on unix:%s: %s", addr,
                     strerror(errno));
            if (fd >= 0) {
                close(fd);
            }
            return -1;
        }
        chr->unix_path = strdup(addr);
        return fd;
    }
    char host[256];
    const char *colon = strrchr(addr, ':');
    if (!colon || !colon[1] || (size_t)(colon - addr) >= sizeof(host)) {
        snprintf(err, errlen, "tcp: needs HOST:PORT, not '%s'", addr);
        return -1;
    }
    memcpy(host, addr, (size_t)(colon - addr));
    host[colon - addr] = 0;
    struct addrinfo hints = { .ai_family = AF_UNSPEC,
                              .ai_socktype = SOCK_STREAM }, *ai;
    /* an empty host means this machine only: a monitor is a root shell
     * on the guest, so it is not offered to the network by default */
    int r = getaddrinfo(host[0] ? host : "127.0.0.1", colon + 1, &hints, &ai);
    if (r) {
        snprintf(err, errlen, "tcp:%s: %s", addr, gai_strerror(r));
        return -1;
    }
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd >= 0) {
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    }
    if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 ||
        listen(fd, 1) < 0) {
        snprintf(err, errlen, "cannot listen on tcp:%s: %s", addr,
                 strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        fd = -1;
    }
    freeaddrinfo(ai);
    return fd;
}

static Chardev *chr_new(ChrKind kind, MainLoop *ml);

/* unix:PATH,server[,nowait] / tcp:HOST:PORT,server[,nowait] */
static Chardev *socket_open(MainLoop *ml, const char *spec, char *err,
                            size_t errlen)
{
    bool is_unix = !strncmp(spec, "unix:", 5);
    char *copy = strdup(spec + (is_unix ? 5 : 4));
    char *opts = strchr(copy, ',');
    bool server = false, wait = true, ok = true;
    if (opts) {
        *opts++ = 0;
    }
    for (char *save = NULL, *t = opts ? strtok_r(opts, ",", &save) : NULL;
         t; t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "server") || !strcmp(t, "server=on")) {
            server = true;
        } else if (!strcmp(t, "nowait") || !strcmp(t, "wait=off")) {
            wait = false;
        } else if (!strcmp(t, "wait") || !strcmp(t, "wait=on")) {
            wait = true;
        } else {
            snprintf(err, errlen, "%s: unknown socket option '%s' (server, "
                     "nowait)", spec, t);
            ok = false;
        }
    }
    if (ok && !server) {
        snprintf(err, errlen, "%s: only listening sockets are supported "
                 "(add ,server,nowait)", spec);
        ok = false;
    }
    Chardev *chr = NULL;
    if (ok) {
        chr = chr_new(CHR_SOCKET, ml);
        chr->listen_fd = socket_listen(chr, is_unix, copy, err, errlen);
        if (chr->listen_fd < 0) {
            free(chr->unix_path);
            free(chr);
            chr = NULL;
        }
    }
    if (chr && wait) {
        fprintf(stderr, "mimic: waiting for a connection on %s\n", spec);
        int c = accept(chr->listen_fd, NULL, NULL);
        if (c >= 0) {
            socket_client(chr, c);
        }
    }
    if (chr) {
        main_loop_add_fd(ml, chr->listen_fd, NULL, socket_accept, chr);
    }
    free(copy);
    return chr;
}

/* ---- construction ---- */

static Chardev *chr_new(ChrKind kind, MainLoop *ml)
{
    Chardev *chr = calloc(1, sizeof(*chr));
    if (!chr) {
        abort();
    }
    chr->kind = kind;
    chr->ml = ml;
    chr->in_fd = chr->out_fd = -1;
    chr->listen_fd = -1;
    return chr;
}

Chardev *chardev_open(MainLoop *ml, const char *spec, char *err,
                      size_t errlen)
{
    if (!strcmp(spec, "null") || !strcmp(spec, "none")) {
        return chr_new(CHR_NULL, ml);
    }
    if (!strcmp(spec, "stdio") || !strcmp(spec, "mon:stdio")) {
        Chardev *chr = chr_new(CHR_STDIO, ml);
        chr->in_fd = 0;
        chr->out_fd = 1;
        chr->mux = true;
        tty_set_raw(!strcmp(spec, "stdio"));
        main_loop_add_fd(ml, 0, stdio_events, stdio_readable, chr);
        return chr;
    }
    if (!strncmp(spec, "file:", 5)) {
        int fd = open(spec + 5, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                      0644);
        if (fd < 0) {
            snprintf(err, errlen, "cannot open %s: %s", spec + 5,
                     strerror(errno));
            return NULL;
        }
        Chardev *chr = chr_new(CHR_FILE, ml);
        chr->out_fd = fd;
        return chr;
    }
    if (!strncmp(spec, "unix:", 5) || !strncmp(spec, "tcp:", 4)) {
        return socket_open(ml, spec, err, errlen);
    }
    snprintf(err, errlen, "unknown character device '%s' (stdio, "
             "mon:stdio, null, file:PATH, unix:PATH,server,nowait, "
             "tcp:HOST:PORT,server,nowait)", spec);
    return NULL;
}

Chardev *chardev_new_buffer(bool mux)
{
    Chardev *chr = chr_new(CHR_BUFFER, NULL);
    chr->mux = mux;
    return chr;
}

void chardev_close(Chardev *chr)
{
    if (!chr) {
        return;
    }
    if (chr->kind == CHR_STDIO) {
        if (!chr->in_eof) {
            main_loop_remove_fd(chr->ml, chr->in_fd);
        }
        chardev_restore_terminal();
    } else if (chr->kind == CHR_FILE) {
        close(chr->out_fd);
    } else if (chr->kind == CHR_SOCKET) {
        socket_drop_client(chr);
        main_loop_remove_fd(chr->ml, chr->listen_fd);
        close(chr->listen_fd);
        if (chr->unix_path) {
            unlink(chr->unix_path);
            free(chr->unix_path);
        }
    }
    free(chr->out);
    free(chr);
}

bool chardev_attach(Chardev *chr, const CharFrontend *fe)
{
    int max = chr->mux ? CHARDEV_MAX_FRONTENDS : 1;
    if (chr->nfe >= max) {
        return false;
    }
    chr->fe[chr->nfe++] = *fe;
    return true;
}

void chardev_set_quit_handler(Chardev *chr, void (*quit)(void *),
                              void *opaque)
{
    chr->quit = quit;
    chr->quit_opaque = opaque;
}

bool chardev_is_mux(const Chardev *chr)
{
    return chr->mux;
}

void chardev_set_focus(Chardev *chr, void *opaque)
{
    for (int i = 0; i < chr->nfe; i++) {
        if (chr->fe[i].opaque == opaque) {
            chr->focus = i;
        }
    }
}

bool chardev_wants_echo(const Chardev *chr)
{
    return chr->kind == CHR_STDIO && isatty(chr->in_fd);
}

size_t chardev_buffer_take(Chardev *chr, uint8_t *out, size_t max)
{
    size_t n = chr->out_len < max ? chr->out_len : max;
    if (n == 0) {
        return 0;  /* chr->out may still be NULL */
    }
    memcpy(out, chr->out, n);
    memmove(chr->out, chr->out + n, chr->out_len - n);
    chr->out_len -= n;
    return n;
}

void chardev_buffer_feed(Chardev *chr, const uint8_t *in, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        input_byte(chr, in[i]);
        if (chr->in_len == CHR_INBUF) {
            deliver(chr);
        }
    }
    deliver(chr);
}

size_t chardev_buffer_pending(const Chardev *chr)
{
    return (size_t)chr->in_len;
}
