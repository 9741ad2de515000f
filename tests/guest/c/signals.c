// SPDX-License-Identifier: MIT
// Guest signals through glibc: handlers that return, sa_mask, SA_NODEFER,
// SA_RESETHAND, SA_SIGINFO values from sigqueue, sigaltstack, masks and
// sigpending, sigsuspend, sigwaitinfo, alarm interrupting pause, FP/SIMD
// registers preserved across a handler, kill from a child.
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t count, depth, maxdepth;
static volatile int last_value, last_code;

static void h_count(int sig)
{
    count++;
}

static void h_nested(int sig)
{
    depth++;
    count++;
    if (depth > maxdepth) {
        maxdepth = depth;
    }
    if (count < 3) {
        raise(sig);        /* delivered at once only with SA_NODEFER */
    }
    depth--;
}

static void h_info(int sig, siginfo_t *si, void *uc)
{
    last_value = si->si_value.sival_int;
    last_code = si->si_code;
}

static void test_basic(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h_count;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);
    printf("basic: count %d\n", (int)count);

    struct sigaction old;
    sigaction(SIGUSR1, NULL, &old);
    printf("basic: handler kept %d flags %#x\n", old.sa_handler == h_count,
           (unsigned)(old.sa_flags & ~0x04000000u /* SA_RESTORER */));
}

static void test_nodefer(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h_nested;
    sigaction(SIGUSR2, &sa, NULL);
    maxdepth = 0;
    count = 0;
    raise(SIGUSR2);
    printf("defer: max depth %d, runs %d\n", (int)maxdepth, (int)count);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR2, &sa, NULL);
    maxdepth = 0;
    count = 0;
    raise(SIGUSR2);
    printf("nodefer: max depth %d, runs %d\n", (int)maxdepth, (int)count);
}

static void h_mask_check(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("in handler: USR1 blocked %d, USR2 blocked %d, HUP blocked %d\n",
           sigismember(&cur, SIGUSR1), sigismember(&cur, SIGUSR2),
           sigismember(&cur, SIGHUP));
}

static void test_mask(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h_mask_check;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGHUP);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("after handler: USR1 blocked %d, HUP blocked %d\n",
           sigismember(&cur, SIGUSR1), sigismember(&cur, SIGHUP));

    /* blocked signals wait; sigpending sees them */
    sa.sa_handler = h_count;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    count = 0;
    sigset_t b, pend;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    sigprocmask(SIG_BLOCK, &b, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("blocked: count %d, pending %d\n", (int)count,
           sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &b, NULL);
    printf("unblocked: count %d (standard signals do not queue)\n",
           (int)count);
}

static void test_resethand(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h_count;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGWINCH, &sa, NULL);
    count = 0;
    raise(SIGWINCH);
    struct sigaction now;
    sigaction(SIGWINCH, NULL, &now);
    printf("resethand: count %d, now default %d\n", (int)count,
           now.sa_handler == SIG_DFL);
    raise(SIGWINCH);       /* default action: ignore */
    printf("resethand: still alive, count %d\n", (int)count);
}

static void test_sigqueue(void)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = h_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 3, &sa, NULL);
    union sigval v = { .sival_int = 4242 };
    sigqueue(getpid(), SIGRTMIN + 3, v);
    printf("sigqueue: value %d, code is SI_QUEUE %d\n", last_value,
           last_code == SI_QUEUE);
}

static char altstack[65536];
static volatile uintptr_t handler_sp;

static void h_alt(int sig)
{
    int local;
    handler_sp = (uintptr_t)&local;
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("altstack: in handler, on stack flag %d\n",
           (cur.ss_flags & SS_ONSTACK) != 0);
}

static void test_altstack(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    if (sigaltstack(&ss, NULL) != 0) {
        printf("sigaltstack failed\n");
    }
    stack_t small = { .ss_sp = altstack, .ss_size = 100 };
    printf("altstack: too small gives ENOMEM %d\n",
           sigaltstack(&small, NULL) == -1 && errno == ENOMEM);
    struct sigaction sa = { 0 };
    sa.sa_handler = h_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("altstack: handler ran on it %d\n",
           handler_sp >= (uintptr_t)altstack &&
           handler_sp < (uintptr_t)altstack + sizeof(altstack));
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("altstack: size %zu, flags %d\n", cur.ss_size, cur.ss_flags);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &cur);
    printf("altstack: disabled flags %d\n", cur.ss_flags);
}

static void h_alarm(int sig)
{
    count++;
}

static void test_pause_suspend(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h_alarm;
    sigaction(SIGALRM, &sa, NULL);
    count = 0;
    alarm(1);
    int r = pause();
    printf("pause: returned %d errno EINTR %d, count %d\n", r, errno == EINTR,
           (int)count);

    sigset_t b, old, wait;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    sigprocmask(SIG_BLOCK, &b, &old);
    sa.sa_handler = h_count;
    sigaction(SIGUSR1, &sa, NULL);
    count = 0;
    raise(SIGUSR1);        /* pending until sigsuspend lets it in */
    sigemptyset(&wait);
    r = sigsuspend(&wait);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("sigsuspend: returned %d EINTR %d, count %d, mask restored %d\n",
           r, errno == EINTR, (int)count, sigismember(&cur, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* sigwaitinfo takes a blocked signal without a handler */
    sigprocmask(SIG_BLOCK, &b, &old);
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), SIGUSR1, v);
    siginfo_t si;
    int s = sigwaitinfo(&b, &si);
    printf("sigwaitinfo: sig %d value %d\n", s, si.si_value.sival_int);
    struct timespec ts = { 0, 1000000 };
    s = sigtimedwait(&b, &si, &ts);
    printf("sigtimedwait: %d EAGAIN %d\n", s, errno == EAGAIN);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void h_fp(int sig)
{
    /* clobber FP/SIMD registers the interrupted code relies on */
    __asm__ volatile("movi v8.2d, #0\n movi v9.2d, #0\n movi v0.2d, #0\n"
                     "fmov d16, #1.0" ::: "v0", "v8", "v9", "v16");
}

static void test_fp(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h_fp;
    sigaction(SIGUSR1, &sa, NULL);
    double r;
    /* kill(getpid(), SIGUSR1) between setting and using d8, d9, d16 */
    __asm__ volatile("fmov d8, #3.0\n fmov d9, #0.5\n fmov d16, #2.0\n"
                     "mov x0, %1\n mov x1, #10\n mov x8, #129\n svc #0\n"
                     "fmul d0, d8, d9\n fadd %d0, d0, d16"
                     : "=w"(r) : "r"((long)getpid())
                     : "x0", "x1", "x8", "v0", "v8", "v9", "v16", "memory");
    printf("fp after handler: %g\n", r);
}

static void test_child_kill(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h_count;
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t b, old;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR2);
    sigprocmask(SIG_BLOCK, &b, &old);
    count = 0;
    pid_t pid = fork();
    if (pid == 0) {
        kill(getppid(), SIGUSR2);
        _exit(7);
    }
    sigset_t wait = old;
    sigsuspend(&wait);
    int st;
    waitpid(pid, &st, 0);
    printf("child kill: count %d, child status %d\n", (int)count,
           WEXITSTATUS(st));
    sigprocmask(SIG_SETMASK, &old, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_basic();
    test_nodefer();
    test_mask();
    test_resethand();
    test_sigqueue();
    test_altstack();
    test_pause_suspend();
    test_fp();
    test_child_kill();
    return 0;
}
