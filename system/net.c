/* SPDX-License-Identifier: MIT */
/*
 * Network backends (see net.h).  The user backend runs libslirp inside
 * the machine's main loop: its sockets are listed each round through a
 * poller, its timers are main-loop timers on the host clock.
 */
#include <arpa/inet.h>
#include <slirp/libslirp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net.h"
#include "util/log.h"

#define CAPTURE_MAX 65536

typedef struct SlirpTimerBox {
    struct NetBackend *nb;
    MLTimer *timer;
    SlirpTimerId id;
    void *cb_opaque;
    SlirpTimerCb cb;    /* old-style timers */
} SlirpTimerBox;

struct NetBackend {
    bool is_user;
    NetClient client;
    MainLoop *ml;
    Slirp *slirp;
    /* capture */
    uint8_t last[CAPTURE_MAX];
    size_t last_len;
};

/* ---- slirp callbacks ---- */

static ssize_t cb_send_packet(const void *buf, size_t len, void *opaque)
{
    NetBackend *nb = opaque;
    if (nb->client.receive) {
        nb->client.receive(nb->client.opaque, buf, len);
    }
    return (ssize_t)len;
}

static void cb_guest_error(const char *msg, void *opaque)
{
    log_guest_error("slirp: %s\n", msg);
}

static int64_t cb_clock_get_ns(void *opaque)
{
    NetBackend *nb = opaque;
    return main_loop_clock_ns(nb->ml, ML_CLOCK_HOST);
}

static void timer_fire(void *opaque)
{
    SlirpTimerBox *box = opaque;
    if (box->cb) {
        box->cb(box->cb_opaque);
    } else {
        slirp_handle_timer(box->nb->slirp, box->id, box->cb_opaque);
    }
}

static SlirpTimerBox *timer_box(NetBackend *nb)
{
    SlirpTimerBox *box = calloc(1, sizeof(*box));
    box->nb = nb;
    box->timer = ml_timer_new(nb->ml, ML_CLOCK_HOST, timer_fire, box);
    return box;
}

static void *cb_timer_new_opaque(SlirpTimerId id, void *cb_opaque,
                                 void *opaque)
{
    SlirpTimerBox *box = timer_box(opaque);
    box->id = id;
    box->cb_opaque = cb_opaque;
    return box;
}

static void *cb_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    SlirpTimerBox *box = timer_box(opaque);
    box->cb = cb;
    box->cb_opaque = cb_opaque;
    return box;
}

static void cb_timer_free(void *timer, void *opaque)
{
    SlirpTimerBox *box = timer;
    ml_timer_free(box->timer);
    free(box);
}

/* expire_time is in milliseconds on clock_get_ns's clock */
static void cb_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    SlirpTimerBox *box = timer;
    ml_timer_mod(box->timer, expire_ms * 1000000);
}

static void cb_register_poll_fd(int fd, void *opaque) { }
static void cb_unregister_poll_fd(int fd, void *opaque) { }

static void cb_notify(void *opaque)
{
    NetBackend *nb = opaque;
    main_loop_notify(nb->ml);
}

static const SlirpCb slirp_cbs = {
    .send_packet = cb_send_packet,
    .guest_error = cb_guest_error,
    .clock_get_ns = cb_clock_get_ns,
    .timer_new = cb_timer_new,
    .timer_free = cb_timer_free,
    .timer_mod = cb_timer_mod,
    .register_poll_fd = cb_register_poll_fd,
    .unregister_poll_fd = cb_unregister_poll_fd,
    .notify = cb_notify,
    .timer_new_opaque = cb_timer_new_opaque,
};

/* ---- main-loop poller ---- */

static int add_poll(int fd, int events, void *opaque)
{
    MainLoop *ml = opaque;
    short ev = 0;
    if (events & SLIRP_POLL_IN) ev |= POLLIN;
    if (events & SLIRP_POLL_OUT) ev |= POLLOUT;
    if (events & SLIRP_POLL_PRI) ev |= POLLPRI;
    return main_loop_poll_add(ml, fd, ev);
}

static int get_revents(int idx, void *opaque)
{
    short rev = main_loop_poll_revents(opaque, idx);
    int ev = 0;
    if (rev & POLLIN) ev |= SLIRP_POLL_IN;
    if (rev & POLLOUT) ev |= SLIRP_POLL_OUT;
    if (rev & POLLPRI) ev |= SLIRP_POLL_PRI;
    if (rev & POLLERR) ev |= SLIRP_POLL_ERR;
    if (rev & POLLHUP) ev |= SLIRP_POLL_HUP;
    return ev;
}

static void slirp_fill(void *opaque, MainLoop *ml, int64_t *timeout_ns)
{
    NetBackend *nb = opaque;
    uint32_t ms = UINT32_MAX;
    if (*timeout_ns >= 0) {
        int64_t t = (*timeout_ns + 999999) / 1000000;
        ms = t > UINT32_MAX - 1 ? UINT32_MAX - 1 : (uint32_t)t;
    }
    slirp_pollfds_fill(nb->slirp, &ms, add_poll, ml);
    if (ms != UINT32_MAX) {
        int64_t ns = (int64_t)ms * 1000000;
        if (*timeout_ns < 0 || ns < *timeout_ns) {
            *timeout_ns = ns;
        }
    }
}

static void slirp_dispatch(void *opaque, MainLoop *ml, bool poll_error)
{
    NetBackend *nb = opaque;
    slirp_pollfds_poll(nb->slirp, poll_error, get_revents, ml);
}

/* ---- options ---- */

/* hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT */
static bool add_hostfwd(NetBackend *nb, const char *spec, char *err,
                        size_t errlen)
{
    char proto[8] = "tcp", haddr[64] = "", gaddr[64] = "";
    int hport = -1, gport = -1, udp = 0;
    const char *p = spec;
    if (!strncmp(p, "tcp:", 4) || !strncmp(p, "udp:", 4)) {
        memcpy(proto, p, 3);
        p += 4;
    }
    udp = !strcmp(proto, "udp");
    if (sscanf(p, "%63[^:]:%d-%63[^:]:%d", haddr, &hport, gaddr, &gport) != 4
        && sscanf(p, ":%d-%63[^:]:%d", &hport, gaddr, &gport) != 3
        && sscanf(p, "%63[^:]:%d-:%d", haddr, &hport, &gport) != 3
        && sscanf(p, ":%d-:%d", &hport, &gport) != 2) {
        snprintf(err, errlen, "bad hostfwd '%s' "
                 "(want [tcp|udp]:[hostaddr]:port-[guestaddr]:port)", spec);
        return false;
    }
    struct in_addr h = { .s_addr = htonl(INADDR_ANY) }, g;
    inet_aton("10.0.2.15", &g);
    if ((haddr[0] && !inet_aton(haddr, &h)) ||
        (gaddr[0] && !inet_aton(gaddr, &g)) || hport < 0 || hport > 65535 ||
        gport < 1 || gport > 65535) {
        snprintf(err, errlen, "bad address or port in hostfwd '%s'", spec);
        return false;
    }
    if (slirp_add_hostfwd(nb->slirp, udp, h, hport, g, gport) < 0) {
        snprintf(err, errlen, "cannot forward host port %d (in use?)", hport);
        return false;
    }
    return true;
}

static bool parse_user_opts(NetBackend *nb, const char *opts, char *err,
                            size_t errlen)
{
    char *copy = strdup(opts ? opts : ""), *save = NULL;
    bool ok = true;
    for (char *tok = strtok_r(copy, ",", &save); tok && ok;
         tok = strtok_r(NULL, ",", &save)) {
        if (!strncmp(tok, "hostfwd=", 8)) {
            ok = add_hostfwd(nb, tok + 8, err, errlen);
        } else {
            snprintf(err, errlen, "unknown -netdev user option '%s'", tok);
            ok = false;
        }
    }
    free(copy);
    return ok;
}

NetBackend *net_user_new(MainLoop *ml, const char *opts, char *err,
                         size_t errlen)
{
    NetBackend *nb = calloc(1, sizeof(*nb));
    nb->is_user = true;
    nb->ml = ml;
    SlirpConfig cfg = {
        .version = 4,
        .in_enabled = true,
        .vhostname = "mimic",
    };
    inet_aton("10.0.2.0", &cfg.vnetwork);
    inet_aton("255.255.255.0", &cfg.vnetmask);
    inet_aton("10.0.2.2", &cfg.vhost);
    inet_aton("10.0.2.15", &cfg.vdhcp_start);
    inet_aton("10.0.2.3", &cfg.vnameserver);
    nb->slirp = slirp_new(&cfg, &slirp_cbs, nb);
    if (!nb->slirp) {
        snprintf(err, errlen, "cannot start user-mode networking");
        free(nb);
        return NULL;
    }
    if (!parse_user_opts(nb, opts, err, errlen)) {
        slirp_cleanup(nb->slirp);
        free(nb);
        return NULL;
    }
    main_loop_add_poller(ml, slirp_fill, slirp_dispatch, nb);
    return nb;
}

NetBackend *net_capture_new(void)
{
    return calloc(1, sizeof(NetBackend));
}

void net_free(NetBackend *nb)
{
    if (!nb) {
        return;
    }
    if (nb->is_user) {
        main_loop_remove_poller(nb->ml, nb);
        slirp_cleanup(nb->slirp);
    }
    free(nb);
}

void net_attach(NetBackend *nb, const NetClient *client)
{
    nb->client = *client;
}

void net_send(NetBackend *nb, const uint8_t *frame, size_t len)
{
    if (nb->is_user) {
        slirp_input(nb->slirp, frame, (int)len);
        return;
    }
    nb->last_len = len < CAPTURE_MAX ? len : CAPTURE_MAX;
    memcpy(nb->last, frame, nb->last_len);
}

size_t net_capture_take(NetBackend *nb, uint8_t *buf, size_t max)
{
    size_t n = nb->last_len < max ? nb->last_len : max;
    memcpy(buf, nb->last, n);
    nb->last_len = 0;
    return n;
}

void net_capture_inject(NetBackend *nb, const uint8_t *frame, size_t len)
{
    if (nb->client.receive) {
        nb->client.receive(nb->client.opaque, frame, len);
    }
}
