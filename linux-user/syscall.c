/* SPDX-License-Identifier: MIT */
/*
 * System call dispatch (AArch64 numbers from asm-generic/unistd.h).
 * Unknown calls return -ENOSYS with a one-time warning.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "user.h"

static int64_t host_ret(int64_t r)
{
    return r < 0 ? -errno : r;
}

static int64_t sys_brk(LinuxProcess *p, uint64_t want)
{
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

int64_t linux_do_syscall(LinuxProcess *p, CPUARMState *env, int num,
                         uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                         uint64_t a4, uint64_t a5)
{
    (void)env; (void)a3; (void)a4; (void)a5;
    switch (num) {
    case 64: /* write */
        if (!guest_addr_valid(p, a1, a2)) {
            return -EFAULT;
        }
        return host_ret(write((int)a0, g2h(p, a1), a2));
    case 63: /* read */
        if (!guest_addr_valid(p, a1, a2)) {
            return -EFAULT;
        }
        return host_ret(read((int)a0, g2h(p, a1), a2));
    case 93: /* exit */
    case 94: /* exit_group */
        exit((int)a0 & 0xff);
    case 214: /* brk */
        return sys_brk(p, a0);
    default: {
        static uint8_t warned[512];
        if (num < 0 || num >= 512 || !warned[num]) {
            fprintf(stderr, "mimic: unsupported syscall %d (returning "
                    "ENOSYS)\n", num);
            if (num >= 0 && num < 512) {
                warned[num] = 1;
            }
        }
        return -ENOSYS;
    }
    }
}
