/* SPDX-License-Identifier: MIT */
/*
 * System call dispatch: one table indexed by number, gathered from the
 * area files.  Unknown calls return -ENOSYS with a one-time warning.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "syscall-defs.h"
#include "strace.h"

#define MAX_SYSCALL 512

static const SyscallEntry *table[MAX_SYSCALL];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static const SyscallEntry *const areas[] = {
    syscalls_fd, syscalls_file, syscalls_ioctl, syscalls_mem,
    syscalls_proc, syscalls_exec,
    syscalls_signal, syscalls_thread, syscalls_time, syscalls_net,
    syscalls_poll,
};

static void build_table(void)
{
    for (size_t i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
        for (const SyscallEntry *e = areas[i]; e->num >= 0; e++) {
            if (e->num >= MAX_SYSCALL) {
                continue;
            }
            if (table[e->num] && (e->flags & SC_DEFAULT)) {
                continue;
            }
            if (table[e->num] && !(table[e->num]->flags & SC_DEFAULT)) {
                /* two area files claim one call: a merge left both */
                fprintf(stderr, "mimic: internal error: syscall %d (%s) "
                        "is defined twice\n", e->num, e->name);
                abort();
            }
            table[e->num] = e;
        }
    }
}

const SyscallEntry *syscall_lookup(int num)
{
    pthread_once(&table_once, build_table);
    return num >= 0 && num < MAX_SYSCALL ? table[num] : NULL;
}

int64_t linux_do_syscall(LinuxProcess *p, CPUARMState *env, int num,
                         uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                         uint64_t a4, uint64_t a5)
{
    const uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
    const SyscallEntry *e = syscall_lookup(num);
    if (!e) {
        static uint8_t warned[MAX_SYSCALL];
        if (num < 0 || num >= MAX_SYSCALL || !warned[num]) {
            fprintf(stderr, "mimic: unsupported syscall %d (returning "
                    "ENOSYS)\n", num);
            if (num >= 0 && num < MAX_SYSCALL) {
                warned[num] = 1;
            }
        }
        if (p->cfg.strace) {
            strace_unknown(p, num, a);
        }
        return -ENOSYS;
    }
    if (p->cfg.strace) {
        strace_enter(p, e, a);
    }
    int64_t r = e->fn(p, env, a);
    if (p->cfg.strace) {
        strace_exit(p, e, a, r);
    }
    return r;
}
