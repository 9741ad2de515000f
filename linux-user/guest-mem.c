/* SPDX-License-Identifier: MIT */
/*
 * The guest address-space window: reserved PROT_NONE at start-up so that a
 * stray guest pointer faults (and becomes a guest SIGSEGV) instead of
 * touching mimic's own memory.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>
#include "user.h"

bool guest_mem_reserve(LinuxProcess *p, uint64_t size)
{
    void *base = mmap(NULL, size, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot reserve %llu GB of guest address "
                "space: %s (try -R with a smaller size)\n",
                (unsigned long long)(size >> 30), strerror(errno));
        return false;
    }
    p->guest_base = (uintptr_t)base;
    p->reserve = size;
    return true;
}

bool guest_addr_valid(const LinuxProcess *p, uint64_t addr, uint64_t len)
{
    return addr <= p->reserve && len <= p->reserve - addr;
}
