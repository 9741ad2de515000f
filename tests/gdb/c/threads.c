/* SPDX-License-Identifier: MIT */
/*
 * Guest for gdbstub thread tests (static glibc, -O0 -g): two worker
 * threads meet the main thread at a barrier, then each calls work(); the
 * main thread joins them and prints both results.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_barrier_t barrier;
static int results[2];

int work(int id)
{
    return id * 10 + 5;
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;

    pthread_barrier_wait(&barrier);
    results[id] = work(id);
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    pthread_barrier_init(&barrier, NULL, 3);
    for (long i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    printf("results %d %d\n", results[0], results[1]);
    return 0;
}
