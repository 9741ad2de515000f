/* SPDX-License-Identifier: MIT */
/*
 * Internals of the guest memory map shared by pagemap.c (flags, code
 * pages, names) and mmap.c (the mapping system calls).
 */
#ifndef LINUX_USER_PAGEMAP_H
#define LINUX_USER_PAGEMAP_H

#include "user.h"

#define CHUNK_BITS 18                 /* pages per chunk: 1 GB */
#define CHUNK_PAGES (1ull << CHUNK_BITS)
#define MMAP_MIN_ADDR 0x10000ull      /* vm.mmap_min_addr's usual value */

/* A named range: a file (ino != 0) at offset, or a label ("[heap]"). */
struct GuestVma {
    uint64_t start, end, offset, dev, ino;
    char *name;
};

/* Flags of page number pg; lock-free. */
static inline uint8_t pf_get(LinuxMem *m, uint64_t pg)
{
    uint8_t *c = __atomic_load_n(&m->chunks[pg >> CHUNK_BITS],
                                 __ATOMIC_ACQUIRE);
    return c ? __atomic_load_n(&c[pg & (CHUNK_PAGES - 1)], __ATOMIC_RELAXED)
             : 0;
}

void pf_set(LinuxMem *m, uint64_t pg, uint8_t v);
int pf_host_prot(uint8_t f);
bool pf_range_any(LinuxMem *m, uint64_t start, uint64_t end, uint8_t mask);
bool pf_range_all(LinuxMem *m, uint64_t start, uint64_t end, uint8_t mask);
int pf_apply_host_prot(LinuxProcess *p, uint64_t start, uint64_t end);

void vma_remove(LinuxMem *m, uint64_t start, uint64_t end);
void vma_insert(LinuxMem *m, const GuestVma *v);
void vma_copy(LinuxMem *m, uint64_t src, uint64_t len, uint64_t dst);

#endif
