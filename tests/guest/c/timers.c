// SPDX-License-Identifier: MIT
// Time and timers: clocks (monotonic never goes back, resolutions, CPU
// clocks), nanosleep and clock_nanosleep durations, timerfd, POSIX
// timers with SIGEV_SIGNAL (value and si_code through sigwaitinfo) and
// SIGEV_THREAD (glibc's helper thread, woken by signal 32 through
// SIGEV_THREAD_ID), setitimer/getitimer, times.  Durations are checked
// against bounds, so the output is the same on every run.
#define _GNU_SOURCE
#include <errno.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static int64_t ns(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void test_clocks(void)
{
    int64_t prev = ns(CLOCK_MONOTONIC);
    int backwards = 0;
    for (int i = 0; i < 10000; i++) {
        int64_t now = ns(CLOCK_MONOTONIC);
        backwards += now < prev;
        prev = now;
    }
    printf("monotonic: went backwards %d times\n", backwards);
    struct timespec res;
    clock_getres(CLOCK_MONOTONIC, &res);
    printf("monotonic resolution: %ld s %ld ns\n", (long)res.tv_sec,
           res.tv_nsec);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    int64_t rt = ns(CLOCK_REALTIME);
    int64_t d = rt - ((int64_t)tv.tv_sec * 1000000000 + tv.tv_usec * 1000);
    printf("realtime vs gettimeofday within 1 s: %d\n",
           d >= 0 && d < 1000000000);
    int64_t c0 = ns(CLOCK_PROCESS_CPUTIME_ID);
    int64_t t0 = ns(CLOCK_THREAD_CPUTIME_ID);
    volatile long x = 0;
    for (long i = 0; i < 3000000; i++) {
        x += i;
    }
    printf("cpu clocks advance: %d %d\n", ns(CLOCK_PROCESS_CPUTIME_ID) > c0,
           ns(CLOCK_THREAD_CPUTIME_ID) > t0);
    printf("bad clock: %d EINVAL %d\n", clock_gettime((clockid_t)99, &res),
           errno == EINVAL);
}

static void test_sleep(void)
{
    int64_t t0 = ns(CLOCK_MONOTONIC);
    struct timespec req = { 0, 30 * 1000 * 1000 };
    int r = nanosleep(&req, NULL);
    int64_t el = ns(CLOCK_MONOTONIC) - t0;
    printf("nanosleep 30 ms: %d, slept enough %d, not too long %d\n", r,
           el >= 30000000, el < 2000000000);
    struct timespec dl;
    clock_gettime(CLOCK_MONOTONIC, &dl);
    dl.tv_nsec += 20 * 1000 * 1000;
    if (dl.tv_nsec >= 1000000000) {
        dl.tv_sec++;
        dl.tv_nsec -= 1000000000;
    }
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL);
    printf("clock_nanosleep abs: %d, past deadline %d\n", r,
           ns(CLOCK_MONOTONIC) >= (int64_t)dl.tv_sec * 1000000000 +
                                  dl.tv_nsec);
    req.tv_nsec = 2000000000;
    printf("nanosleep bad: %d EINVAL %d\n", nanosleep(&req, NULL),
           errno == EINVAL);
}

static void test_timerfd(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec its = { { 0, 10000000 }, { 0, 10000000 } };
    timerfd_settime(fd, 0, &its, NULL);
    uint64_t n = 0, total = 0;
    for (int i = 0; i < 3; i++) {
        if (read(fd, &n, 8) == 8) {
            total += n;
        }
    }
    printf("timerfd: at least 3 expirations %d\n", total >= 3);
    struct itimerspec cur;
    timerfd_gettime(fd, &cur);
    printf("timerfd: interval %ld ns, armed %d\n", cur.it_interval.tv_nsec,
           cur.it_value.tv_sec || cur.it_value.tv_nsec);
    its.it_value.tv_nsec = 0;
    its.it_interval.tv_nsec = 0;
    timerfd_settime(fd, 0, &its, NULL);
    int fl = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    printf("timerfd nonblock read: %zd EAGAIN %d\n", read(fl, &n, 8),
           errno == EAGAIN);
    close(fl);
    close(fd);
}

static sem_t fired;
static volatile int thread_value;

static void on_timer(union sigval v)
{
    thread_value = v.sival_int;
    sem_post(&fired);
}

static void test_posix_timers(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &s, NULL);
    struct sigevent ev = { 0 };
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN + 2;
    ev.sigev_value.sival_int = 31337;
    timer_t tid;
    if (timer_create(CLOCK_MONOTONIC, &ev, &tid) != 0) {
        printf("timer_create failed: %s\n", strerror(errno));
        return;
    }
    struct itimerspec its = { { 0, 0 }, { 0, 15000000 } };
    timer_settime(tid, 0, &its, NULL);
    siginfo_t si;
    int sig = sigwaitinfo(&s, &si);
    printf("timer signal: SIGRTMIN+%d value %d SI_TIMER %d overrun %d\n",
           sig - SIGRTMIN, si.si_value.sival_int, si.si_code == SI_TIMER,
           timer_getoverrun(tid));
    struct itimerspec cur;
    timer_gettime(tid, &cur);
    printf("timer disarmed: %d\n", !cur.it_value.tv_sec &&
           !cur.it_value.tv_nsec);
    timer_delete(tid);

    sem_init(&fired, 0, 0);
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = on_timer;
    ev.sigev_value.sival_int = 99;
    if (timer_create(CLOCK_REALTIME, &ev, &tid) != 0) {
        printf("timer_create thread failed: %s\n", strerror(errno));
        return;
    }
    its.it_value.tv_nsec = 10000000;
    timer_settime(tid, 0, &its, NULL);
    sem_wait(&fired);
    printf("SIGEV_THREAD timer: value %d\n", thread_value);
    timer_delete(tid);
}

static volatile sig_atomic_t alarms;

static void h_alarm(int sig)
{
    alarms++;
}

static void test_itimer(void)
{
    signal(SIGALRM, h_alarm);
    struct itimerval it = { { 0, 5000 }, { 0, 5000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    while (alarms < 3) {
        pause();
    }
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    printf("itimer: interval %ld us\n", (long)cur.it_interval.tv_usec);
    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_REAL, &it, &cur);
    printf("itimer: 3 alarms %d\n", alarms >= 3);
    struct tms t;
    clock_t c = times(&t);
    printf("times: ticking %d\n", c != (clock_t)-1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_clocks();
    test_sleep();
    test_timerfd();
    test_posix_timers();
    test_itimer();
    return 0;
}
