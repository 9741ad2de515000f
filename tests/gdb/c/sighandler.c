/* SPDX-License-Identifier: MIT */
/*
 * Guest for gdbstub signal tests (static glibc, -O0 -g): SIGUSR1 with a
 * handler, raised twice; prints how much the handler saw.
 */
#include <signal.h>
#include <stdio.h>

volatile int handled;

void handler(int sig)
{
    handled += sig;
}

int main(void)
{
    signal(SIGUSR1, handler);
    raise(SIGUSR1);
    raise(SIGUSR1);
    printf("handled=%d\n", handled);
    return 0;
}
