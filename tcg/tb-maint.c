/* SPDX-License-Identifier: MIT */
/*
 * Translation block bookkeeping: the global hash table keyed by
 * (pc, physical pc, flags), the index by physical page that system mode
 * invalidates through, block allocation in code-cache order, chaining and
 * unchaining of direct jumps, flush and range invalidation, and the search
 * from a host pc back to the guest instruction (precise exceptions).
 *
 * Lookups read the hash chains without a lock (entries are published with
 * a release store); changes happen under tb_lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tb-maint.h"
#include "code-cache.h"
#include "util/log.h"

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
/* System mode: blocks by physical page, for invalidation on code writes */
#define TB_PAGE_HASH_BITS 14
#define TB_PAGE_HASH_SIZE (1u << TB_PAGE_HASH_BITS)

pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
static TranslationBlock *tb_hash[TB_HASH_SIZE];
static TranslationBlock *tb_page_hash[TB_PAGE_HASH_SIZE];
/* blocks in code-cache order */
static TranslationBlock **tb_list;
static size_t tb_count, tb_cap;

/* jump caches of all CPUs, cleared on flush/invalidate */
#define MAX_JMP_CACHES 4096
static TranslationBlock **jmp_caches[MAX_JMP_CACHES];
static int nb_jmp_caches;

TCGStats tcg_stats;

static uint32_t tb_hash_func(uint64_t pc, uint32_t flags)
{
    uint64_t h = (pc >> 2) * 0x9e3779b97f4a7c15ull ^ flags;
    return (uint32_t)(h >> (64 - TB_HASH_BITS)) & (TB_HASH_SIZE - 1);
}

static uint32_t tb_page_hash_func(uint64_t phys_pc)
{
    uint64_t h = (phys_pc >> TLB_PAGE_BITS) * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> (64 - TB_PAGE_HASH_BITS));
}

void tb_register_jmp_cache(TranslationBlock **jc)
{
    pthread_mutex_lock(&tb_lock);
    if (nb_jmp_caches < MAX_JMP_CACHES) {
        jmp_caches[nb_jmp_caches++] = jc;
    }
    pthread_mutex_unlock(&tb_lock);
}

void tb_unregister_jmp_cache(TranslationBlock **jc)
{
    pthread_mutex_lock(&tb_lock);
    for (int i = 0; i < nb_jmp_caches; i++) {
        if (jmp_caches[i] == jc) {
            jmp_caches[i] = jmp_caches[--nb_jmp_caches];
            break;
        }
    }
    pthread_mutex_unlock(&tb_lock);
}

/* System mode keys blocks by physical pc as well: the same virtual pc may
 * map to other code after a page-table change (user mode: phys == pc).
 * One-instruction (stepping) blocks are kept apart from normal ones. */
TranslationBlock *tb_lookup_hash(uint64_t pc, uint64_t phys_pc,
                                 uint32_t flags, uint32_t cflags)
{
    TranslationBlock *tb =
        __atomic_load_n(&tb_hash[tb_hash_func(pc, flags)], __ATOMIC_ACQUIRE);
    /* a one-instruction stepping block and a normal block can share
     * (pc, flags): they are different translations */
    for (; tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->pc == pc && tb->phys_pc == phys_pc && tb->flags == flags &&
            !tb->invalid && ((tb->cflags ^ cflags) & CF_SINGLE_STEP) == 0) {
            return tb;
        }
    }
    return NULL;
}

TranslationBlock *tb_alloc(void)
{
    TranslationBlock *tb = calloc(1, sizeof(*tb));
    if (!tb) {
        fprintf(stderr, "mimic: out of memory for translation blocks\n");
        exit(1);
    }
    return tb;
}

/* Publishes a finished block (caller holds tb_lock). */
void tb_insert(TranslationBlock *tb)
{
    if (tb_count == tb_cap) {
        /* The fault handler searches this list without a lock, so an old
         * array is never freed: it is replaced by a published copy (the
         * old ones add up to less than the live one). */
        size_t cap = tb_cap ? tb_cap * 2 : 4096;
        TranslationBlock **list = malloc(cap * sizeof(*list));
        if (!list) {
            fprintf(stderr, "mimic: out of memory for the block list\n");
            exit(1);
        }
        if (tb_count) {
            memcpy(list, tb_list, tb_count * sizeof(*list));
        }
        __atomic_store_n(&tb_list, list, __ATOMIC_RELEASE);
        tb_cap = cap;
    }
    tb_list[tb_count++] = tb;
    uint32_t p = tb_page_hash_func(tb->phys_pc);
    tb->page_next = tb_page_hash[p];
    tb_page_hash[p] = tb;
    uint32_t h = tb_hash_func(tb->pc, tb->flags);
    tb->hash_next = tb_hash[h];
    __atomic_store_n(&tb_hash[h], tb, __ATOMIC_RELEASE);
}

/* Incoming edges are a list of (tb, slot) through jmp_next, the slot in
 * the pointer's low bits. */
void tb_add_jump(const TCGBackend *be, TranslationBlock *tb, int n,
                 TranslationBlock *dest)
{
    pthread_mutex_lock(&tb_lock);
    if (!tb->invalid && !dest->invalid && !tb->jmp_dest[n] &&
        tb->jmp_insn_offset[n] != UINT32_MAX) {
        /* the interpreter follows jmp_dest without taking tb_lock */
        __atomic_store_n(&tb->jmp_dest[n], dest, __ATOMIC_RELEASE);
        tb->jmp_next[n] = dest->jmp_list_head;
        dest->jmp_list_head = (uintptr_t)tb | (uintptr_t)n;
        be->set_jump(tb, n, dest);
        tcg_stats.chains++;
    }
    pthread_mutex_unlock(&tb_lock);
}

/* Caller holds tb_lock. */
static void tb_unchain_incoming(const TCGBackend *be, TranslationBlock *dest)
{
    uintptr_t e = dest->jmp_list_head;
    while (e) {
        TranslationBlock *src = (TranslationBlock *)(e & ~(uintptr_t)3);
        int n = (int)(e & 3);
        e = src->jmp_next[n];
        be->set_jump(src, n, NULL);
        src->jmp_dest[n] = NULL;
    }
    dest->jmp_list_head = 0;
}

static void tb_unchain_outgoing(TranslationBlock *tb)
{
    for (int n = 0; n < 2; n++) {
        TranslationBlock *d = tb->jmp_dest[n];
        if (!d) {
            continue;
        }
        uintptr_t *pp = &d->jmp_list_head;
        while (*pp) {
            TranslationBlock *s = (TranslationBlock *)(*pp & ~(uintptr_t)3);
            int k = (int)(*pp & 3);
            if (s == tb && k == n) {
                *pp = s->jmp_next[k];
                break;
            }
            pp = &s->jmp_next[k];
        }
        tb->jmp_dest[n] = NULL;
    }
}

TranslationBlock tb_jmp_cache_empty = { .pc = ~0ull };

void tb_jmp_cache_reset(TranslationBlock **jc)
{
    for (uint32_t i = 0; i < TB_JMP_CACHE_SIZE; i++) {
        jc[i] = &tb_jmp_cache_empty;
    }
}

static void jmp_caches_clear(void)
{
    for (int i = 0; i < nb_jmp_caches; i++) {
        tb_jmp_cache_reset(jmp_caches[i]);
    }
}

/* Takes one block out of use: no lookup finds it and no chained jump
 * enters it.  Its code stays until the next flush (a CPU may be in it). */
static void tb_invalidate_one(const TCGBackend *be, TranslationBlock *tb)
{
    tb->invalid = true;
    tb_unchain_incoming(be, tb);
    tb_unchain_outgoing(tb);
    uint32_t h = tb_hash_func(tb->pc, tb->flags);
    TranslationBlock **pp = &tb_hash[h];
    while (*pp && *pp != tb) {
        pp = &(*pp)->hash_next;
    }
    if (*pp) {
        __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
    }
    tcg_stats.invalidated++;
}

void tb_invalidate_range_locked(const TCGBackend *be, uint64_t start,
                                uint64_t end)
{
    bool any = false;
    for (size_t i = 0; i < tb_count; i++) {
        TranslationBlock *tb = tb_list[i];
        if (tb->invalid || ((tb->pc >= end || tb->pc + tb->size <= start) &&
                            (tb->dep_hi == 0 || tb->dep_lo >= end ||
                             tb->dep_hi <= start))) {
            continue;
        }
        tb_invalidate_one(be, tb);
        any = true;
    }
    if (any) {
        jmp_caches_clear();
    }
}

/* System mode: every block whose code lies in the physical page holding
 * phys (blocks never cross a page there).  Returns whether any went. */
bool tb_invalidate_phys_page_locked(const TCGBackend *be, uint64_t phys)
{
    uint64_t page = phys >> TLB_PAGE_BITS;
    TranslationBlock **pp = &tb_page_hash[tb_page_hash_func(phys)];
    bool any = false;
    while (*pp) {
        TranslationBlock *tb = *pp;
        if (tb->phys_pc >> TLB_PAGE_BITS != page) {
            pp = &tb->page_next;
            continue;
        }
        *pp = tb->page_next;
        if (!tb->invalid) {
            tb_invalidate_one(be, tb);
            any = true;
        }
    }
    if (any) {
        jmp_caches_clear();
    }
    return any;
}

/* Everything goes; caller holds tb_lock and guarantees no thread runs
 * generated code (user mode: the only thread, or all others parked). */
void tb_flush_locked(void)
{
    for (size_t i = 0; i < tb_count; i++) {
        free(tb_list[i]->insn_end_off);
        free(tb_list[i]->insn_data);
        free(tb_list[i]);
    }
    tb_count = 0;
    memset(tb_hash, 0, sizeof(tb_hash));
    memset(tb_page_hash, 0, sizeof(tb_page_hash));
    jmp_caches_clear();
    code_cache.used = code_cache.prologue_size;
    tcg_stats.flushes++;
    if (log_enabled(LOG_EXEC | LOG_STATS)) {
        log_printf("code cache full: flushed all translations\n");
    }
}

TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    size_t lo = 0, hi = tb_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        TranslationBlock *tb = tb_list[mid];
        uintptr_t start = (uintptr_t)tb->tc_ptr;
        if (host_pc < start) {
            hi = mid;
        } else if (host_pc >= start + tb->tc_size) {
            lo = mid + 1;
        } else {
            return tb;
        }
    }
    return NULL;
}
