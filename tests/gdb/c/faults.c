/* SPDX-License-Identifier: MIT */
/*
 * Guest for gdbstub signal and interrupt tests (static glibc, -O0 -g).
 * "spin": loops until gdb sets 'stop_spinning', then prints how it ended.
 * "segv": writes through a null pointer (SIGSEGV at that line).
 */
#include <stdio.h>
#include <string.h>

volatile int stop_spinning;
volatile unsigned long spins;
int *null_pointer;

static void spin(void)
{
    while (!stop_spinning) {
        spins++;
    }
    printf("stopped spinning\n");
}

static void segv(void)
{
    *null_pointer = 42;
    printf("survived the null pointer\n");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "spin")) {
        spin();
    } else if (argc > 1 && !strcmp(argv[1], "segv")) {
        segv();
    }
    return 0;
}
