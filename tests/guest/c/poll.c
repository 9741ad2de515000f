// SPDX-License-Identifier: MIT
// Waiting on descriptors: poll and ppoll on pipes (timeouts, POLLHUP),
// select and pselect6 with a signal mask, epoll (the 16-byte arm64
// epoll_event: data must come back whole), epoll_pwait with a mask,
// eventfd, and signalfd reading a blocked signal's siginfo.
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void h(int sig)
{
    got = sig;
}

static void test_poll(void)
{
    int p[2];
    pipe(p);
    struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    int n = poll(fds, 2, 10);
    printf("poll: %d read %#x write %#x\n", n, fds[0].revents,
           fds[1].revents);
    write(p[1], "x", 1);
    n = poll(fds, 1, 1000);
    printf("poll after write: %d revents %#x\n", n, fds[0].revents);
    close(p[1]);
    char c;
    read(p[0], &c, 1);
    n = poll(fds, 1, 1000);
    printf("poll after close: %d revents %#x\n", n, fds[0].revents);
    close(p[0]);

    /* ppoll with a mask that lets SIGUSR1 in while waiting */
    signal(SIGUSR1, h);
    sigset_t b, old, wait;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    sigprocmask(SIG_BLOCK, &b, &old);
    raise(SIGUSR1);
    pipe(p);
    struct pollfd pf = { p[0], POLLIN, 0 };
    struct timespec ts = { 5, 0 };
    sigemptyset(&wait);
    got = 0;
    n = ppoll(&pf, 1, &ts, &wait);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("ppoll: %d EINTR %d handler %d mask back %d\n", n, errno == EINTR,
           got == SIGUSR1, sigismember(&cur, SIGUSR1));
    ts.tv_sec = 0;
    ts.tv_nsec = 1000000;
    printf("ppoll timeout: %d\n", ppoll(&pf, 1, &ts, NULL));
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(p[0]);
    close(p[1]);
}

static void test_select(void)
{
    int p[2];
    pipe(p);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    struct timeval tv = { 0, 10000 };
    int n = select(p[1] + 1, &r, &w, NULL, &tv);
    printf("select: %d readable %d writable %d\n", n, FD_ISSET(p[0], &r),
           FD_ISSET(p[1], &w));
    sigset_t b, old, wait;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR2);
    signal(SIGUSR2, h);
    sigprocmask(SIG_BLOCK, &b, &old);
    raise(SIGUSR2);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    struct timespec ts = { 5, 0 };
    sigemptyset(&wait);
    got = 0;
    n = pselect(p[0] + 1, &r, NULL, NULL, &ts, &wait);
    printf("pselect: %d EINTR %d handler %d\n", n, errno == EINTR,
           got == SIGUSR2);
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(p[0]);
    close(p[1]);
}

static void test_epoll(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int p[2], q[2];
    pipe(p);
    pipe(q);
    struct epoll_event ev = { .events = EPOLLIN };
    ev.data.u64 = 0x1122334455667788ull;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xdeadbeefcafef00dull;
    epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev);
    struct epoll_event out[4];
    printf("epoll idle: %d\n", epoll_wait(ep, out, 4, 10));
    write(q[1], "ab", 2);
    write(p[1], "c", 1);
    memset(out, 0, sizeof(out));
    int n = epoll_wait(ep, out, 4, 1000);
    uint64_t seen = 0;
    for (int i = 0; i < n; i++) {
        seen ^= out[i].data.u64;
        printf("  event %#x\n", out[i].events);
    }
    printf("epoll: %d events, data intact %d\n", n,
           seen == (0x1122334455667788ull ^ 0xdeadbeefcafef00dull));
    /* edge-triggered: no new edge on q, level-triggered p still ready */
    n = epoll_wait(ep, out, 4, 10);
    printf("epoll again: %d data p %d\n", n,
           n == 1 && out[0].data.u64 == 0x1122334455667788ull);
    epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
    printf("epoll after del: %d\n", epoll_wait(ep, out, 4, 10));
    printf("epoll_ctl bad fd: %d EBADF %d\n",
           epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), errno == EBADF);
    printf("epoll_wait bad max: %d EINVAL %d\n", epoll_wait(ep, out, 0, 0),
           errno == EINVAL);

    sigset_t b, old, wait;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    signal(SIGUSR1, h);
    sigprocmask(SIG_BLOCK, &b, &old);
    raise(SIGUSR1);
    sigemptyset(&wait);
    got = 0;
    n = epoll_pwait(ep, out, 4, 5000, &wait);
    printf("epoll_pwait: %d EINTR %d handler %d\n", n, errno == EINTR,
           got == SIGUSR1);
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(ep);
}

static void test_eventfd_signalfd(void)
{
    int e = eventfd(3, EFD_NONBLOCK);
    uint64_t v = 4;
    write(e, &v, 8);
    v = 0;
    read(e, &v, 8);
    printf("eventfd: %llu, then %zd EAGAIN %d\n", (unsigned long long)v,
           read(e, &v, 8), errno == EAGAIN);
    close(e);

    sigset_t b;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR2);
    sigaddset(&b, SIGRTMIN + 5);
    sigprocmask(SIG_BLOCK, &b, NULL);
    int sfd = signalfd(-1, &b, SFD_CLOEXEC);
    union sigval val = { .sival_int = 555 };
    sigqueue(getpid(), SIGRTMIN + 5, val);
    raise(SIGUSR2);
    struct signalfd_siginfo si[2];
    ssize_t n = read(sfd, si, sizeof(si));
    printf("signalfd: %zd bytes\n", n);
    for (int i = 0; i < (int)(n / (ssize_t)sizeof(si[0])); i++) {
        printf("  signo %s code %d pid ok %d int %d\n",
               si[i].ssi_signo == (uint32_t)SIGUSR2 ? "USR2" : "RTMIN+5",
               si[i].ssi_code, si[i].ssi_pid == (uint32_t)getpid(),
               si[i].ssi_signo == (uint32_t)SIGUSR2 ? 0 : si[i].ssi_int);
    }
    close(sfd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_poll();
    test_select();
    test_epoll();
    test_eventfd_signalfd();
    return 0;
}
