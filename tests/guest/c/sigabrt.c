// SPDX-License-Identifier: MIT
// abort() ends the process by SIGABRT, as natively: the parent (here the
// test runner) sees status 134 (128 + 6), and no core of mimic.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void h(int sig)
{
    printf("handler %d ran, returning\n", sig);
    fflush(stdout);
}

int main(void)
{
    /* abort() runs a handler, then takes the default action anyway */
    signal(SIGABRT, h);
    printf("aborting\n");
    fflush(stdout);
    abort();
}
