// SPDX-License-Identifier: MIT
// Guest threads: pthread create/join, mutexes and condition variables,
// C11 atomics from four threads, thread-local storage, timed waits that
// time out (futex timeouts), many short-lived threads, pthread_cancel
// (which the guest's glibc does with signal 32), signals sent to one
// thread, and exit() from a thread while others run.
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#define NT 4
#define ITERS 20000

static atomic_long counter;
static long plain_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int tls_value = 5;

static void *adder(void *arg)
{
    long id = (long)arg;
    tls_value += (int)id * 10;
    for (int i = 0; i < ITERS; i++) {
        atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
        pthread_mutex_lock(&lock);
        plain_counter++;
        pthread_mutex_unlock(&lock);
    }
    return (void *)(long)tls_value;
}

static void test_counters(void)
{
    pthread_t t[NT];
    for (long i = 0; i < NT; i++) {
        pthread_create(&t[i], NULL, adder, (void *)(i + 1));
    }
    long tls_sum = 0;
    for (int i = 0; i < NT; i++) {
        void *r;
        pthread_join(t[i], &r);
        tls_sum += (long)r;
    }
    printf("atomic %ld mutex %ld tls %ld main tls %d\n",
           (long)atomic_load(&counter), plain_counter, tls_sum, tls_value);
}

/* producer/consumer over a condition variable */
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int queue[16], qhead, qtail, done;

static void *producer(void *arg)
{
    for (int i = 1; i <= 1000; i++) {
        pthread_mutex_lock(&lock);
        while (qtail - qhead == 16) {
            pthread_cond_wait(&cv, &lock);
        }
        queue[qtail++ % 16] = i;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    done = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (qtail == qhead && !done) {
            pthread_cond_wait(&cv, &lock);
        }
        if (qtail == qhead && done) {
            pthread_mutex_unlock(&lock);
            break;
        }
        sum += queue[qhead++ % 16];
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&lock);
    }
    return (void *)sum;
}

static void test_condvar(void)
{
    pthread_t p, c1, c2;
    pthread_create(&c1, NULL, consumer, NULL);
    pthread_create(&c2, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    void *r1, *r2;
    pthread_join(p, NULL);
    pthread_join(c1, &r1);
    pthread_join(c2, &r2);
    printf("condvar: sum %ld\n", (long)r1 + (long)r2);
}

static void test_timeouts(void)
{
    struct timespec t0, t1, dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    dl.tv_nsec += 50 * 1000 * 1000;
    if (dl.tv_nsec >= 1000000000) {
        dl.tv_sec++;
        dl.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&lock);
    int r = pthread_cond_timedwait(&cv, &lock, &dl);
    pthread_mutex_unlock(&lock);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 +
              (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("cond_timedwait: ETIMEDOUT %d, waited >= 45 ms %d\n",
           r == ETIMEDOUT, ms >= 45);

    sem_t s;
    sem_init(&s, 0, 0);
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_nsec += 20 * 1000 * 1000;
    if (dl.tv_nsec >= 1000000000) {
        dl.tv_sec++;
        dl.tv_nsec -= 1000000000;
    }
    r = sem_timedwait(&s, &dl);
    printf("sem_timedwait: %d ETIMEDOUT %d\n", r, errno == ETIMEDOUT);
    sem_post(&s);
    printf("sem_trywait after post: %d\n", sem_trywait(&s));
}

static void *short_lived(void *arg)
{
    return (void *)((long)arg * 2);
}

static void test_many(void)
{
    long sum = 0;
    for (long i = 0; i < 200; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, short_lived, (void *)i) != 0) {
            printf("create %ld failed\n", i);
            break;
        }
        void *r;
        pthread_join(t, &r);
        sum += (long)r;
    }
    /* and detached ones, a batch at a time */
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < 50; i++) {
        pthread_t t;
        pthread_create(&t, &a, short_lived, (void *)i);
    }
    printf("short-lived: sum %ld\n", sum);
}

static void *sleeper(void *arg)
{
    for (;;) {
        pause();            /* a cancellation point */
    }
    return NULL;
}

static void test_cancel(void)
{
    pthread_t t;
    pthread_create(&t, NULL, sleeper, NULL);
    usleep(20000);
    pthread_cancel(t);
    void *r;
    pthread_join(t, &r);
    printf("cancel: canceled %d\n", r == PTHREAD_CANCELED);
}

static volatile sig_atomic_t got_usr1;
static volatile pid_t handler_tid;

static void h_usr1(int sig)
{
    got_usr1 = 1;
    handler_tid = (pid_t)syscall(SYS_gettid);
}

static pid_t target_tid;
static sem_t ready;

static void *target(void *arg)
{
    target_tid = (pid_t)syscall(SYS_gettid);
    sem_post(&ready);
    while (!got_usr1) {
        /* spin in guest code until the signal lands */
    }
    return NULL;
}

static void test_thread_signal(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sem_init(&ready, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, target, NULL);
    sem_wait(&ready);
    pthread_kill(t, SIGUSR1);
    pthread_join(t, NULL);
    printf("pthread_kill: handled on the target %d\n",
           handler_tid == target_tid);
}

static void *exiter(void *arg)
{
    usleep(10000);
    printf("exit from a thread\n");
    exit(3);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_counters();
    test_condvar();
    test_timeouts();
    test_many();
    test_cancel();
    test_thread_signal();
    pthread_t t;
    pthread_create(&t, NULL, exiter, NULL);
    for (;;) {
        pause();
    }
}
