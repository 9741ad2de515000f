/* SPDX-License-Identifier: MIT */
/*
 * Pieces shared by translate-ldst.c and translate-atomic.c: the barriers
 * that give load-acquire and store-release their ordering.
 *
 * Memory ordering on an x86-64 host (design.md §10): the host already keeps
 * loads ordered with loads, stores with stores, and loads before later
 * stores; only a later load may pass an earlier store.  So acquire loads
 * and the front of release stores need no host fence, only an IR barrier
 * that keeps the optimizer and backends from moving memory ops across
 * them (the x86 backend emits nothing for barriers without TCG_MO_ST_LD).
 * What x86 does not give is RCsc: an STLR followed by an LDAR must not be
 * reordered, so every store-release is followed by a full barrier (mfence).
 * LDAPR (RCpc) is allowed to pass an earlier STLR and needs no more than an
 * acquire.  Helpers that use host locked instructions are full barriers and
 * need none of these.
 */
#ifndef CPU_ARM64_TRANSLATE_LDST_H
#define CPU_ARM64_TRANSLATE_LDST_H

#include "translate.h"

/* After LDAR/LDAXR/LDAPR: later accesses stay after the load. */
static inline void gen_load_acquire_barrier(void)
{
    tcg_gen_mb(TCG_MO_LD_LD | TCG_MO_LD_ST);
}

/* Before STLR/STLXR: earlier accesses stay before the store. */
static inline void gen_store_release_barrier_before(void)
{
    tcg_gen_mb(TCG_MO_LD_ST | TCG_MO_ST_ST);
}

/* After STLR: a later LDAR must not pass it (store-to-load, RCsc). */
static inline void gen_store_release_barrier_after(void)
{
    tcg_gen_mb(TCG_MO_ALL);
}

#endif
