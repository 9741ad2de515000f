/* SPDX-License-Identifier: MIT */
/*
 * Guest for gdbstub all-stop tests (static glibc, -O0 -g): three worker
 * threads and the main thread spin, each counting in its own slot, until
 * gdb sets 'stop'; then the workers are joined and "all stopped" printed.
 */
#include <pthread.h>
#include <stdio.h>

#define WORKERS 3

volatile int stop;
volatile unsigned long counts[WORKERS + 1];

static void *spin(void *arg)
{
    int slot = (int)(long)arg;

    while (!stop) {
        counts[slot]++;
    }
    return NULL;
}

int main(void)
{
    pthread_t t[WORKERS];

    for (long i = 0; i < WORKERS; i++) {
        pthread_create(&t[i], NULL, spin, (void *)(i + 1));
    }
    spin((void *)0);
    for (int i = 0; i < WORKERS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("all stopped\n");
    return 0;
}
