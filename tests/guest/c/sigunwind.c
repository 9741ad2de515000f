// SPDX-License-Identifier: MIT
// Unwinding out of a signal handler: backtrace() (libgcc's unwinder)
// recognises the sigreturn trampoline the handler returns to and reads
// the interrupted registers from the signal frame, so the trace goes on
// through raise() and inner() into main().
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

static void *frames[32];
static int nframes;

__attribute__((noinline)) static void handler(int sig)
{
    nframes = backtrace(frames, 32);
}

__attribute__((noinline)) int inner(void)
{
    raise(SIGUSR1);
    return 1;
}

static int in_function(void *pc, void *fn)
{
    /* main is short: the return address lies within its first bytes */
    return (uintptr_t)pc >= (uintptr_t)fn &&
           (uintptr_t)pc < (uintptr_t)fn + 256;
}

int main(void)
{
    signal(SIGUSR1, handler);
    inner();
    int in_inner = 0, in_main = 0;
    for (int i = 0; i < nframes; i++) {
        in_inner |= in_function(frames[i], (void *)inner);
        in_main |= in_function(frames[i], (void *)main);
    }
    printf("backtrace from the handler: more than 3 frames %d, "
           "through inner %d, reaches main %d\n", nframes > 3, in_inner,
           in_main);
    return 0;
}
