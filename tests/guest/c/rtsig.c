// SPDX-License-Identifier: MIT
// Every real-time signal from SIGRTMIN to SIGRTMAX is usable: queued
// while blocked (one of them twice), each instance is delivered with its
// value once the mask allows.  The kernel delivers the lowest first and
// nests the frames, so the handlers run highest first.  (qemu-aarch64
// 7.2 cannot deliver the top two, hence no oracle: see rtsig.expected.)
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int order[80], values[80], norder;

static void h_info(int sig, siginfo_t *si, void *uc)
{
    if (norder < 80) {
        values[norder] = si->si_value.sival_int;
        order[norder++] = sig;
    }
}

int main(void)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = h_info;
    sa.sa_flags = SA_SIGINFO;
    sigset_t all, old;
    sigemptyset(&all);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
        if (sigaction(s, &sa, NULL) != 0) {
            printf("sigaction(%d) failed: %s\n", s, strerror(errno));
        }
        sigaddset(&all, s);
    }
    sigprocmask(SIG_BLOCK, &all, &old);
    for (int s = SIGRTMAX; s >= SIGRTMIN; s--) {
        union sigval v = { .sival_int = 1000 + s };
        if (sigqueue(getpid(), s, v) != 0) {
            printf("sigqueue(%d) failed: %s\n", s, strerror(errno));
        }
        if (s == SIGRTMIN + 1) {
            v.sival_int = 2000 + s;
            sigqueue(getpid(), s, v);
        }
    }
    sigset_t pend;
    sigpending(&pend);
    int npend = 0;
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
        npend += sigismember(&pend, s);
    }
    printf("SIGRTMIN %d SIGRTMAX %d, %d pending\n", SIGRTMIN, SIGRTMAX,
           npend);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("%d delivered:\n", norder);
    for (int i = 0; i < norder; i++) {
        printf("  SIGRTMIN+%d value %d\n", order[i] - SIGRTMIN, values[i]);
    }
    return 0;
}
