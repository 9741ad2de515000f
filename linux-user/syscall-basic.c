/* SPDX-License-Identifier: MIT */
/*
 * The first system calls: read, write, exit, brk.  Area files take over
 * the rest (files, memory, processes, signals, time, network).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "gdb-user.h"

static int64_t host_ret(int64_t r)
{
    return r < 0 ? -errno : r;
}

static int64_t sys_read(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    if (!guest_addr_valid(p, a[1], a[2])) {
        return -EFAULT;
    }
    return host_ret(read((int)a[0], g2h(p, a[1]), a[2]));
}

static int64_t sys_write(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    if (!guest_addr_valid(p, a[1], a[2])) {
        return -EFAULT;
    }
    return host_ret(write((int)a[0], g2h(p, a[1]), a[2]));
}

static int64_t sys_exit_group(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    gdb_user_exit(p, (int)a[0] & 0xff);
    exit((int)a[0] & 0xff);
}

static int64_t sys_brk(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    uint64_t want = a[0];
    if (want == 0 || want < p->brk_start) {
        return (int64_t)p->brk;
    }
    uint64_t old_end = (p->brk + 4095) & ~4095ull;
    uint64_t new_end = (want + 4095) & ~4095ull;
    if (!guest_addr_valid(p, p->brk_start, want - p->brk_start)) {
        return (int64_t)p->brk;
    }
    if (new_end > old_end) {
        void *r = mmap(g2h(p, old_end), new_end - old_end,
                       PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                       -1, 0);
        if (r == MAP_FAILED) {
            return (int64_t)p->brk;
        }
    }
    p->brk = want;
    return (int64_t)want;
}

const SyscallEntry syscalls_basic[] = {
    { 63, "read", "fpu", sys_read },
    { 64, "write", "fpu", sys_write },
    { 93, "exit", "d", sys_exit_group },
    { 94, "exit_group", "d", sys_exit_group },
    { 214, "brk", "x", sys_brk },
    SYSCALL_END
};
