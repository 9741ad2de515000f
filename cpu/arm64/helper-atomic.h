/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the exclusive monitor and the FEAT_LSE atomics
 * (helper-atomic.c), called from translate-atomic.c.  All of them touch
 * guest memory and may fault, so their TCG flags are 0: globals are synced
 * before the call and the translator stores the pc first.
 */
#ifndef CPU_ARM64_HELPER_ATOMIC_H
#define CPU_ARM64_HELPER_ATOMIC_H

#include "cpu.h"
#include "tcg/tcg-op.h"

/* LD<op> operation numbers: o3:opc of the encoding (SWP is o3=1 opc=000). */
enum {
    A64_ATOMIC_ADD = 0, A64_ATOMIC_CLR, A64_ATOMIC_EOR, A64_ATOMIC_SET,
    A64_ATOMIC_SMAX, A64_ATOMIC_SMIN, A64_ATOMIC_UMAX, A64_ATOMIC_UMIN,
    A64_ATOMIC_SWP,
};
/* desc argument of helper_atomic: op | log2(size) << 4 */
#define A64_ATOMIC_DESC(op, size) ((op) | (size) << 4)

uint64_t helper_stxr(CPUARMState *env, uint64_t addr, uint64_t val,
                     uint64_t size);
void helper_ldxp(CPUARMState *env, uint64_t addr);
uint64_t helper_stxp(CPUARMState *env, uint64_t addr, uint64_t lo,
                     uint64_t hi);
uint64_t helper_cas(CPUARMState *env, uint64_t addr, uint64_t cmp,
                    uint64_t val, uint64_t size);
void helper_casp(CPUARMState *env, uint64_t addr, uint64_t regs);
uint64_t helper_atomic(CPUARMState *env, uint64_t addr, uint64_t val,
                       uint64_t desc);

extern const TCGHelperInfo helper_info_stxr, helper_info_ldxp,
    helper_info_stxp, helper_info_cas, helper_info_casp, helper_info_atomic;

#endif
