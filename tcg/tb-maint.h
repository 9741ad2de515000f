/* SPDX-License-Identifier: MIT */
/* Translation block bookkeeping (see tb-maint.c); private to tcg/. */
#ifndef TCG_TB_MAINT_H
#define TCG_TB_MAINT_H

#include <pthread.h>
#include "exec.h"

extern pthread_mutex_t tb_lock;

TranslationBlock *tb_lookup_hash(uint64_t pc, uint64_t phys_pc,
                                 uint32_t flags, uint32_t cflags);
TranslationBlock *tb_alloc(void);
void tb_insert(TranslationBlock *tb);
void tb_add_jump(const TCGBackend *be, TranslationBlock *tb, int n,
                 TranslationBlock *dest);
void tb_invalidate_range_locked(const TCGBackend *be, uint64_t start,
                                uint64_t end);
bool tb_invalidate_phys_page_locked(const TCGBackend *be, uint64_t phys);
void tb_flush_locked(void);
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);
/* Empties a jump cache (every entry points at tb_jmp_cache_empty). */
void tb_jmp_cache_reset(TranslationBlock **jc);
void tb_register_jmp_cache(TranslationBlock **jc);
void tb_unregister_jmp_cache(TranslationBlock **jc);

#endif
