/* SPDX-License-Identifier: MIT */
/*
 * Private to helper-simd-*.c: integer element arithmetic shared by the
 * same-width, widening and narrowing helpers (Arm ARM shared pseudocode:
 * SignedSatQ, UnsignedSatQ, the shift and rounding rules of SSHL/SRSHL/
 * SQSHL...).  Values travel as uint64_t holding an n-bit element; results
 * are truncated to n bits by whoever stores them.
 */
#ifndef CPU_ARM64_HELPER_SIMD_INT_H
#define CPU_ARM64_HELPER_SIMD_INT_H

#include <stdbool.h>
#include <stdint.h>
#include "helper-simd.h"

typedef __int128 i128;
typedef unsigned __int128 u128;

#define SIMD_INLINE static inline __attribute__((always_inline))

/* n-bit element a, sign-extended */
SIMD_INLINE int64_t sx(uint64_t a, int n)
{
    return n >= 64 ? (int64_t)a : (int64_t)(a << (64 - n)) >> (64 - n);
}

SIMD_INLINE uint64_t zx(uint64_t a, int n)
{
    return n >= 64 ? a : a & ((1ull << n) - 1);
}

/* v * 2^sh without the undefined behaviour of shifting a negative value */
SIMD_INLINE i128 ishl(i128 v, int sh)
{
    return v * ((i128)1 << sh);
}

/* SignedSatQ / UnsignedSatQ: clamp to n bits, noting saturation */
SIMD_INLINE uint64_t sat_s(i128 v, int n, bool *qc)
{
    i128 max = ((i128)1 << (n - 1)) - 1, min = -max - 1;
    if (v > max) {
        *qc = true;
        return (uint64_t)max;
    }
    if (v < min) {
        *qc = true;
        return (uint64_t)min;
    }
    return (uint64_t)v;
}

SIMD_INLINE uint64_t sat_u(i128 v, int n, bool *qc)
{
    i128 max = ((i128)1 << n) - 1;
    if (v > max) {
        *qc = true;
        return (uint64_t)max;
    }
    if (v < 0) {
        *qc = true;
        return 0;
    }
    return (uint64_t)v;
}

/* Right shift by sh (>= 1) with rounding, of a signed or unsigned value
 * of at most 64 significant bits; exact for sh up to 127. */
SIMD_INLINE i128 rshr_round_s(i128 v, int sh)
{
    if (sh > 126) {
        return 0;
    }
    return (v + ((i128)1 << (sh - 1))) >> sh;
}

/*
 * The shift-by-register family: sh is the signed low byte of the shift
 * element; negative shifts go right.  round: SRSHL/URSHL/SQRSHL/UQRSHL;
 * sat: the Q forms (saturate left shifts).
 */
SIMD_INLINE uint64_t shl_reg(uint64_t a, uint64_t b, int n, bool sign,
                             bool round, bool sat, bool *qc)
{
    int sh = (int8_t)b;
    i128 v = sign ? (i128)sx(a, n) : (i128)zx(a, n);
    if (sh < 0) {
        int r = -sh;
        if (round) {
            return (uint64_t)rshr_round_s(v, r);
        }
        if (r >= n) {
            return sign && v < 0 ? ~0ull : 0;
        }
        return (uint64_t)(v >> r);
    }
    if (!sat) {
        return sh >= n ? 0 : (uint64_t)v << sh;  /* no signed-shift UB */
    }
    if (sh >= n) {
        if (v == 0) {
            return 0;
        }
        return sign ? sat_s(v < 0 ? -((i128)1 << 100) : ((i128)1 << 100), n, qc)
                    : sat_u((i128)1 << 100, n, qc);
    }
    v = ishl(v, sh);
    return sign ? sat_s(v, n, qc) : sat_u(v, n, qc);
}

/* Carry-less multiply of two n-bit values (PMUL, PMULL). */
SIMD_INLINE u128 clmul(uint64_t a, uint64_t b, int n)
{
    u128 r = 0;
    for (int i = 0; i < n; i++) {
        if ((b >> i) & 1) {
            r ^= (u128)a << i;
        }
    }
    return r;
}

/*
 * Element-wise loops, typed per element size so the compiler specialises
 * the operation.  FN(a, b, d, n, &qc): operands n-bit in uint64_t, d the
 * old destination element (for accumulating forms).
 */
#define SIMD_LOOP3(FN)                                                       \
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc)); \
    SimdVec d = simd_get(env, desc_rd(desc));                                \
    int oprsz = desc_oprsz(desc);                                            \
    bool qc = false;                                                         \
    switch (desc_esz(desc)) {                                                \
    case 0:                                                                  \
        for (int i = 0; i < oprsz; i++)                                      \
            d.b[i] = (uint8_t)FN(n.b[i], m.b[i], d.b[i], 8, &qc);            \
        break;                                                               \
    case 1:                                                                  \
        for (int i = 0; i < oprsz / 2; i++)                                  \
            d.h[i] = (uint16_t)FN(n.h[i], m.h[i], d.h[i], 16, &qc);          \
        break;                                                               \
    case 2:                                                                  \
        for (int i = 0; i < oprsz / 4; i++)                                  \
            d.s[i] = (uint32_t)FN(n.s[i], m.s[i], d.s[i], 32, &qc);          \
        break;                                                               \
    default:                                                                 \
        for (int i = 0; i < oprsz / 8; i++)                                  \
            d.d[i] = FN(n.d[i], m.d[i], d.d[i], 64, &qc);                    \
        break;                                                               \
    }                                                                        \
    simd_set_qc(env, qc);                                                    \
    simd_put(env, desc_rd(desc), d, oprsz);

#define DO_3OP(NAME, FN) DEF_SIMD_HELPER(NAME) { SIMD_LOOP3(FN) }

/* Two-operand forms reuse the loop with m = n. */
#define DO_2OP(NAME, FN) DEF_SIMD_HELPER(NAME) { SIMD_LOOP3(FN) }

#define OP3(NAME, EXPR)                                                      \
    SIMD_INLINE uint64_t NAME(uint64_t a, uint64_t b, uint64_t d, int n,     \
                              bool *qc)                                      \
    {                                                                        \
        (void)a; (void)b; (void)d; (void)n; (void)qc;                        \
        return (EXPR);                                                       \
    }

/* shared by the same-width and by-element multiplies; SQRDMLAH and
 * SQRDMLSH follow the FEAT_RDM pseudocode (one rounding, one saturation) */
OP3(op_mul, a * b)
OP3(op_mla, d + a * b)
OP3(op_mls, d - a * b)
OP3(op_pmul, (uint64_t)clmul(a, b, n))
OP3(op_sqdmulh, sat_s(((i128)sx(a, n) * sx(b, n) * 2) >> n, n, qc))
OP3(op_sqrdmulh, sat_s(((i128)sx(a, n) * sx(b, n) * 2 +
                        ((i128)1 << (n - 1))) >> n, n, qc))
OP3(op_sqrdmlah, sat_s((ishl(sx(d, n), n) + (i128)sx(a, n) * sx(b, n) * 2 +
                        ((i128)1 << (n - 1))) >> n, n, qc))
OP3(op_sqrdmlsh, sat_s((ishl(sx(d, n), n) - (i128)sx(a, n) * sx(b, n) * 2 +
                        ((i128)1 << (n - 1))) >> n, n, qc))

static inline void simd_set_qc(CPUARMState *env, bool qc)
{
    if (qc) {
        env->fpsr |= SIMD_FPSR_QC;
    }
}

#endif
