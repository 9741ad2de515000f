/* SPDX-License-Identifier: MIT */
/*
 * The machine's event loop (see main-loop.h): one ppoll over the notify
 * eventfd, registered fds and pollers' fds, then timers.  Timers live in a
 * short unsorted array; a machine has a handful, so a scan beats a heap.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>
#include "main-loop.h"

typedef struct MLFd {
    int fd;
    MLFdEvents events;
    MLFdHandler handler;
    void *opaque;
    int pollidx;        /* this round's pollfd, -1 if not polled */
    bool removed;
} MLFd;

typedef struct MLPoller {
    MLPollFill fill;
    MLPollDispatch dispatch;
    void *opaque;
    bool removed;
} MLPoller;

struct MLTimer {
    MainLoop *ml;
    MLClock clock;
    void (*cb)(void *);
    void *opaque;
    int64_t expire;
    bool armed;
};

struct MainLoop {
    int notify_fd;
    MLFd *fds;
    int nfds, fds_cap;
    MLPoller *pollers;
    int npollers, pollers_cap;
    struct pollfd *pfd;
    int npfd, pfd_cap;
    MLTimer **timers;
    int ntimers, timers_cap;
    /* ML_CLOCK_VIRTUAL = host - virt_offset, frozen at virt_frozen while
     * paused */
    int64_t virt_offset, virt_frozen;
    bool virt_paused;
    int64_t (*virt_now)(void *);
    int64_t (*virt_to_host)(void *, int64_t);
    void *virt_opaque;
    bool dispatching;
};

static int64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void *grow(void *p, int *cap, int need, size_t elem)
{
    if (need <= *cap) {
        return p;
    }
    int n = *cap ? *cap * 2 : 8;
    while (n < need) {
        n *= 2;
    }
    p = realloc(p, elem * (size_t)n);
    if (!p) {
        abort();
    }
    *cap = n;
    return p;
}

MainLoop *main_loop_new(void)
{
    MainLoop *ml = calloc(1, sizeof(*ml));
    if (!ml) {
        abort();
    }
    ml->notify_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    ml->virt_offset = host_ns();
    return ml;
}

void main_loop_free(MainLoop *ml)
{
    if (!ml) {
        return;
    }
    if (ml->notify_fd >= 0) {
        close(ml->notify_fd);
    }
    for (int i = 0; i < ml->ntimers; i++) {
        ml->timers[i]->ml = NULL;
    }
    free(ml->fds);
    free(ml->pollers);
    free(ml->pfd);
    free(ml->timers);
    free(ml);
}

/* ---- fds and pollers ---- */

void main_loop_add_fd(MainLoop *ml, int fd, MLFdEvents events,
                      MLFdHandler handler, void *opaque)
{
    ml->fds = grow(ml->fds, &ml->fds_cap, ml->nfds + 1, sizeof(*ml->fds));
    ml->fds[ml->nfds++] = (MLFd){ .fd = fd, .events = events,
                                  .handler = handler, .opaque = opaque,
                                  .pollidx = -1 };
}

void main_loop_remove_fd(MainLoop *ml, int fd)
{
    for (int i = 0; i < ml->nfds; i++) {
        if (ml->fds[i].fd == fd && !ml->fds[i].removed) {
            ml->fds[i].removed = true;
        }
    }
}

void main_loop_add_poller(MainLoop *ml, MLPollFill fill,
                          MLPollDispatch dispatch, void *opaque)
{
    ml->pollers = grow(ml->pollers, &ml->pollers_cap, ml->npollers + 1,
                       sizeof(*ml->pollers));
    ml->pollers[ml->npollers++] = (MLPoller){ fill, dispatch, opaque, false };
}

void main_loop_remove_poller(MainLoop *ml, void *opaque)
{
    for (int i = 0; i < ml->npollers; i++) {
        if (ml->pollers[i].opaque == opaque) {
            ml->pollers[i].removed = true;
        }
    }
}

int main_loop_poll_add(MainLoop *ml, int fd, short events)
{
    ml->pfd = grow(ml->pfd, &ml->pfd_cap, ml->npfd + 1, sizeof(*ml->pfd));
    ml->pfd[ml->npfd] = (struct pollfd){ .fd = fd, .events = events };
    return ml->npfd++;
}

short main_loop_poll_revents(MainLoop *ml, int idx)
{
    return idx >= 0 && idx < ml->npfd ? ml->pfd[idx].revents : 0;
}

/* Drops entries removed during a round, outside any iteration. */
static void compact(MainLoop *ml)
{
    int j = 0;
    for (int i = 0; i < ml->nfds; i++) {
        if (!ml->fds[i].removed) {
            ml->fds[j++] = ml->fds[i];
        }
    }
    ml->nfds = j;
    j = 0;
    for (int i = 0; i < ml->npollers; i++) {
        if (!ml->pollers[i].removed) {
            ml->pollers[j++] = ml->pollers[i];
        }
    }
    ml->npollers = j;
}

void main_loop_notify(MainLoop *ml)
{
    uint64_t one = 1;
    ssize_t r = write(ml->notify_fd, &one, sizeof(one));
    (void)r;    /* EAGAIN: a wake-up is already pending */
}

/* ---- clocks ---- */

int64_t main_loop_clock_ns(MainLoop *ml, MLClock clock)
{
    if (clock == ML_CLOCK_HOST) {
        return host_ns();
    }
    if (ml->virt_now) {
        return ml->virt_now(ml->virt_opaque);
    }
    return ml->virt_paused ? ml->virt_frozen : host_ns() - ml->virt_offset;
}

void main_loop_pause_virtual(MainLoop *ml, bool paused)
{
    if (paused == ml->virt_paused) {
        return;
    }
    if (paused) {
        ml->virt_frozen = host_ns() - ml->virt_offset;
    } else {
        ml->virt_offset = host_ns() - ml->virt_frozen;
    }
    ml->virt_paused = paused;
}

void main_loop_set_virtual_clock(MainLoop *ml, int64_t (*now)(void *),
                                 int64_t (*to_host)(void *, int64_t),
                                 void *opaque)
{
    ml->virt_now = now;
    ml->virt_to_host = to_host;
    ml->virt_opaque = opaque;
}

/* ---- timers ---- */

MLTimer *ml_timer_new(MainLoop *ml, MLClock clock, void (*cb)(void *),
                      void *opaque)
{
    MLTimer *t = calloc(1, sizeof(*t));
    if (!t) {
        abort();
    }
    *t = (MLTimer){ .ml = ml, .clock = clock, .cb = cb, .opaque = opaque };
    ml->timers = grow(ml->timers, &ml->timers_cap, ml->ntimers + 1,
                      sizeof(*ml->timers));
    ml->timers[ml->ntimers++] = t;
    return t;
}

void ml_timer_free(MLTimer *t)
{
    if (!t) {
        return;
    }
    MainLoop *ml = t->ml;
    if (ml) {
        for (int i = 0; i < ml->ntimers; i++) {
            if (ml->timers[i] == t) {
                ml->timers[i] = ml->timers[--ml->ntimers];
                break;
            }
        }
    }
    free(t);
}

void ml_timer_mod(MLTimer *t, int64_t expire_ns)
{
    t->expire = expire_ns;
    t->armed = true;
}

void ml_timer_del(MLTimer *t)
{
    t->armed = false;
}

bool ml_timer_pending(const MLTimer *t)
{
    return t->armed;
}

int64_t ml_timer_expire(const MLTimer *t)
{
    return t->expire;
}

/* Host ns until t fires (>= 0), or -1 if it cannot fire (paused clock). */
static int64_t timer_host_delay(MainLoop *ml, const MLTimer *t, int64_t hnow,
                                int64_t vnow)
{
    int64_t d = t->expire - (t->clock == ML_CLOCK_HOST ? hnow : vnow);
    if (d <= 0) {
        return 0;
    }
    if (t->clock == ML_CLOCK_VIRTUAL) {
        if (ml->virt_to_host) {
            return ml->virt_to_host(ml->virt_opaque, d);
        }
        if (ml->virt_paused && !ml->virt_now) {
            return -1;
        }
    }
    return d;
}

int64_t main_loop_next_deadline(MainLoop *ml)
{
    int64_t best = -1;
    int64_t hnow = host_ns(), vnow = main_loop_clock_ns(ml, ML_CLOCK_VIRTUAL);
    for (int i = 0; i < ml->ntimers; i++) {
        const MLTimer *t = ml->timers[i];
        if (!t->armed) {
            continue;
        }
        int64_t d = timer_host_delay(ml, t, hnow, vnow);
        if (d >= 0 && (best < 0 || d < best)) {
            best = d;
        }
    }
    return best;
}

bool main_loop_run_timers(MainLoop *ml)
{
    bool ran = false;
    /* A callback may arm, delete or free timers: rescan after each one. */
    for (int guard = 0; guard < 10000; guard++) {
        int64_t hnow = host_ns();
        int64_t vnow = main_loop_clock_ns(ml, ML_CLOCK_VIRTUAL);
        MLTimer *due = NULL;
        for (int i = 0; i < ml->ntimers; i++) {
            MLTimer *t = ml->timers[i];
            int64_t now = t->clock == ML_CLOCK_HOST ? hnow : vnow;
            if (t->armed && t->expire <= now &&
                (!due || t->expire < due->expire)) {
                due = t;
            }
        }
        if (!due) {
            break;
        }
        due->armed = false;
        due->cb(due->opaque);
        ran = true;
    }
    return ran;
}

/* ---- one round ---- */

static int64_t min_timeout(int64_t a, int64_t b)
{
    if (a < 0) {
        return b;
    }
    return b < 0 || a < b ? a : b;
}

/* Builds this round's pollfds; returns false if some fd's events
 * callback made progress (so the round must not block). */
static bool fill_pollfds(MainLoop *ml, int64_t *timeout)
{
    bool idle = true;
    ml->npfd = 0;
    main_loop_poll_add(ml, ml->notify_fd, POLLIN);
    for (int i = 0; i < ml->nfds; i++) {
        MLFd *f = &ml->fds[i];
        int ev = f->removed ? 0 : f->events ? f->events(f->opaque) : POLLIN;
        if (ev & ML_PROGRESS) {
            idle = false;
        }
        ev &= 0xffff;
        f->pollidx = ev ? main_loop_poll_add(ml, f->fd, (short)ev) : -1;
    }
    for (int i = 0; i < ml->npollers; i++) {
        if (!ml->pollers[i].removed) {
            ml->pollers[i].fill(ml->pollers[i].opaque, ml, timeout);
        }
    }
    return idle;
}

bool main_loop_wait(MainLoop *ml, int64_t timeout_ns)
{
    bool did = false;
    int64_t timeout = min_timeout(timeout_ns, main_loop_next_deadline(ml));
    if (!fill_pollfds(ml, &timeout)) {
        timeout = 0;
        did = true;
    }
    struct timespec ts, *tsp = NULL;
    if (timeout >= 0) {
        ts.tv_sec = timeout / 1000000000;
        ts.tv_nsec = timeout % 1000000000;
        tsp = &ts;
    }
    int n = ppoll(ml->pfd, (nfds_t)ml->npfd, tsp, NULL);
    /* EINTR (a vCPU kick signal) is an empty round, not an error */
    bool poll_error = n < 0 && errno != EINTR;
    if (n < 0) {
        for (int i = 0; i < ml->npfd; i++) {
            ml->pfd[i].revents = 0;
        }
    }
    if (ml->pfd[0].revents & POLLIN) {
        uint64_t v;
        ssize_t r = read(ml->notify_fd, &v, sizeof(v));
        (void)r;
        did = true;
    }
    int nfds = ml->nfds;    /* handlers may add fds: they wait a round */
    for (int i = 0; i < nfds; i++) {
        MLFd *f = &ml->fds[i];
        short rev = main_loop_poll_revents(ml, f->pollidx);
        if (!f->removed && f->pollidx >= 0 && rev) {
            f->handler(f->opaque, f->fd, rev);
            did = true;
        }
    }
    int np = ml->npollers;
    for (int i = 0; i < np; i++) {
        if (!ml->pollers[i].removed) {
            ml->pollers[i].dispatch(ml->pollers[i].opaque, ml, poll_error);
        }
    }
    compact(ml);
    if (main_loop_run_timers(ml)) {
        did = true;
    }
    return did;
}
