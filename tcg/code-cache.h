/* SPDX-License-Identifier: MIT */
/* The executable code region (see code-cache.c). */
#ifndef TCG_CODE_CACHE_H
#define TCG_CODE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct CodeCache {
    void *rw, *rx;
    size_t size, used, prologue_size;
} CodeCache;

extern CodeCache code_cache;

bool code_cache_init(size_t size);
/* The writable alias of an executable address. */
void *code_cache_rw(const void *rx);
bool code_cache_contains(uintptr_t host_pc);
/* In a fork child: a private copy of the shared code region. */
void code_cache_unshare(void);

#endif
