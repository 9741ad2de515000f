/* SPDX-License-Identifier: MIT */
/*
 * Waiting for file descriptors: ppoll, pselect6, epoll, and the fds that
 * turn events into reads (signalfd4, eventfd2).  struct pollfd, fd_set
 * and signalfd_siginfo are laid out alike on arm64 and x86-64; struct
 * epoll_event is not (x86-64 packs it to 12 bytes, arm64 pads it to 16),
 * so epoll events are converted.
 *
 * The calls that take a signal mask run the way sigsuspend does: the
 * mask applies atomically for the wait only (the host kernel applies the
 * same mask), and a handler run because of it returns to the old mask.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "task.h"

static int64_t raw(long r)
{
    return r < 0 ? -errno : r;
}

/* A wait with an optional temporary guest mask at gmask.  Returns the
 * host mask to hand to the kernel (NULL for none) or sets *err. */
typedef struct MaskedWait {
    sigset_t host;
    bool active;
} MaskedWait;

static int masked_wait_begin(LinuxProcess *p, MaskedWait *w, uint64_t gmask,
                             uint64_t size)
{
    w->active = false;
    if (!gmask) {
        return 0;
    }
    uint64_t mask;
    if (size != 8) {
        return -EINVAL;
    }
    if (!linux_copy_from_guest(p, &mask, gmask, 8)) {
        return -EFAULT;
    }
    LinuxThread *t = linux_thread_self;
    linux_sigsuspend_begin(t, mask);
    linux_guest_to_host_mask(t->blocked, &w->host);
    w->active = true;
    if (linux_signal_deliverable(t)) {
        /* a queued signal the new mask lets through: as if it arrived */
        return -EINTR;
    }
    return 0;
}

static int64_t masked_wait_end(MaskedWait *w, int64_t r)
{
    if (r == -LINUX_ERESTARTSYS) {
        r = -LINUX_ERESTARTNOHAND;
    }
    if (w->active) {
        linux_sigsuspend_end(linux_thread_self, r);
    }
    return r;
}

static int64_t sys_ppoll(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    void *fds, *tmo;
    MaskedWait w;
    if (a[1] > (uint64_t)INT_MAX / 8) {
        return -EINVAL;
    }
    if (!linux_gbuf(p, a[0], a[1] * 8, true, &fds) ||
        !linux_gbuf(p, a[2], 16, true, &tmo)) {
        return -EFAULT;
    }
    int64_t r = masked_wait_begin(p, &w, a[3], a[4]);
    if (r == 0) {
        r = linux_safe_syscall(SYS_ppoll, (long)fds, (long)a[1], (long)tmo,
                               w.active ? (long)&w.host : 0, 8, 0);
    } else if (!w.active) {
        return r;
    }
    return masked_wait_end(&w, r);
}

static int64_t sys_pselect6(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    int n = (int)a[0];
    if (n < 0) {
        return -EINVAL;
    }
    uint64_t setlen = ((uint64_t)n + 63) / 64 * 8;
    void *in, *out, *ex, *tmo;
    if (!linux_gbuf(p, a[1], setlen, true, &in) ||
        !linux_gbuf(p, a[2], setlen, true, &out) ||
        !linux_gbuf(p, a[3], setlen, true, &ex) ||
        !linux_gbuf(p, a[4], 16, true, &tmo)) {
        return -EFAULT;
    }
    /* sixth argument: struct { const sigset_t *ss; size_t ss_len; } */
    uint64_t sig[2] = { 0, 0 };
    if (a[5] && !linux_copy_from_guest(p, sig, a[5], sizeof(sig))) {
        return -EFAULT;
    }
    MaskedWait w;
    int64_t r = masked_wait_begin(p, &w, sig[0], sig[1]);
    if (r == 0) {
        struct { const sigset_t *ss; size_t len; } hs = { &w.host, 8 };
        r = linux_safe_syscall(SYS_pselect6, n, (long)in, (long)out,
                               (long)ex, (long)tmo, w.active ? (long)&hs : 0);
    } else if (!w.active) {
        return r;
    }
    return masked_wait_end(&w, r);
}

/* ---- epoll ---- */

typedef struct GuestEpollEvent {
    uint32_t events, pad;
    uint64_t data;
} GuestEpollEvent;

static int64_t sys_epoll_create1(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    return raw(epoll_create1((int)a[0]));
}

static int64_t sys_epoll_ctl(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    GuestEpollEvent g;
    struct epoll_event h, *hp = NULL;
    if (a[3]) {
        if (!linux_copy_from_guest(p, &g, a[3], sizeof(g))) {
            return -EFAULT;
        }
        h.events = g.events;
        h.data.u64 = g.data;
        hp = &h;
    }
    return raw(epoll_ctl((int)a[0], (int)a[1], (int)a[2], hp));
}

#define EPOLL_BATCH 1024

static int64_t do_epoll_wait(LinuxProcess *p, const uint64_t *a,
                             long timeout, bool ts)
{
    int maxevents = (int)a[2];
    if (maxevents <= 0 || maxevents > INT_MAX / (int)sizeof(GuestEpollEvent)) {
        return -EINVAL;
    }
    if (!guest_addr_valid(p, a[1], (uint64_t)maxevents * 16)) {
        return -EFAULT;
    }
    /* fewer events than asked is a valid answer */
    int n = maxevents < EPOLL_BATCH ? maxevents : EPOLL_BATCH;
    struct epoll_event *ev = malloc(sizeof(*ev) * (size_t)n);
    if (!ev) {
        return -ENOMEM;
    }
    MaskedWait w;
    int64_t r = masked_wait_begin(p, &w, a[4], a[5]);
    if (r == 0) {
        r = linux_safe_syscall(ts ? SYS_epoll_pwait2 : SYS_epoll_pwait,
                               (int)a[0], (long)ev, n, timeout,
                               w.active ? (long)&w.host : 0, 8);
    } else if (!w.active) {
        free(ev);
        return r;
    }
    for (int64_t i = 0; i < r; i++) {
        GuestEpollEvent g = { ev[i].events, 0, ev[i].data.u64 };
        if (!linux_copy_to_guest(p, a[1] + 16 * (uint64_t)i, &g, sizeof(g))) {
            r = -EFAULT;
            break;
        }
    }
    free(ev);
    return masked_wait_end(&w, r);
}

static int64_t sys_epoll_pwait(LinuxProcess *p, CPUARMState *env,
                               const uint64_t *a)
{
    return do_epoll_wait(p, a, (int)a[3], false);
}

static int64_t sys_epoll_pwait2(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    void *tmo;
    if (!linux_gbuf(p, a[3], 16, false, &tmo)) {
        return -EFAULT;
    }
    return do_epoll_wait(p, a, (long)tmo, true);
}

/* ---- signalfd, eventfd ---- */

static int64_t sys_signalfd4(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    uint64_t mask;
    if (a[2] != 8) {
        return -EINVAL;
    }
    if (!linux_copy_from_guest(p, &mask, a[1], 8)) {
        return -EFAULT;
    }
    /* signal numbers are the host's; signalfd_siginfo has one layout */
    sigset_t hs;
    memset(&hs, 0, sizeof(hs));
    hs.__val[0] = mask;
    return raw(syscall(SYS_signalfd4, (int)a[0], &hs, 8, (int)a[3]));
}

static int64_t sys_eventfd2(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    return raw(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1]));
}

const SyscallEntry syscalls_poll[] = {
    { 19, "eventfd2", "ux", sys_eventfd2 },
    { 20, "epoll_create1", "x", sys_epoll_create1 },
    { 21, "epoll_ctl", "fdfp", sys_epoll_ctl },
    { 22, "epoll_pwait", "fpddpu", sys_epoll_pwait },
    { 72, "pselect6", "dppppp", sys_pselect6 },
    { 73, "ppoll", "puppu", sys_ppoll },
    { 74, "signalfd4", "fpux", sys_signalfd4 },
    { 441, "epoll_pwait2", "fpdppu", sys_epoll_pwait2 },
    SYSCALL_END
};
