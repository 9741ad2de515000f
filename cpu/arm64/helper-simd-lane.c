/* SPDX-License-Identifier: MIT */
/*
 * The plain lane-wise integer SIMD helpers (ADD, SUB, MUL, MLA, MLS, the
 * compares, min/max, absolute difference, and the compares with zero,
 * ABS, NEG, NOT), written with the compiler's generic vector types so they
 * become a few host vector instructions.  Lanes never interact, so all 16
 * bytes are computed and simd_put() clears what lies above the operation
 * size: the same code serves the 64-bit, 128-bit and scalar forms.  The
 * saturating and shifting ops stay in helper-simd-int.c (QC, per-lane
 * shift counts).
 */
#include <string.h>
#include "helper-simd-int.h"

typedef uint8_t vu8 __attribute__((vector_size(16)));
typedef int8_t vs8 __attribute__((vector_size(16)));
typedef uint16_t vu16 __attribute__((vector_size(16)));
typedef int16_t vs16 __attribute__((vector_size(16)));
typedef uint32_t vu32 __attribute__((vector_size(16)));
typedef int32_t vs32 __attribute__((vector_size(16)));
typedef uint64_t vu64 __attribute__((vector_size(16)));
typedef int64_t vs64 __attribute__((vector_size(16)));

/* x where mask lanes are all ones, else y */
#define VSEL(U, mask, x, y) (((U)(mask) & (x)) | (~(U)(mask) & (y)))

/*
 * One case per element size: a, b, c are Vn, Vm and the old Vd as unsigned
 * vectors, sa, sb their signed views; EXPR gives the unsigned result.
 */
#define LANE_CASE(ESZ, U, S, EXPR)                                           \
    case ESZ: {                                                              \
        U a, b, c, r;                                                        \
        memcpy(&a, &n, 16);                                                  \
        memcpy(&b, &m, 16);                                                  \
        memcpy(&c, &d, 16);                                                  \
        S sa = (S)a, sb = (S)b;                                              \
        (void)sa; (void)sb; (void)b; (void)c;                                \
        r = (U)(EXPR);                                                       \
        memcpy(&d, &r, 16);                                                  \
        break;                                                               \
    }

#define DO_LANE(NAME, EXPR)                                                  \
DEF_SIMD_HELPER(NAME)                                                        \
{                                                                            \
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc)); \
    SimdVec d = simd_get(env, desc_rd(desc));                                \
    switch (desc_esz(desc)) {                                                \
    LANE_CASE(0, vu8, vs8, EXPR(vu8))                                        \
    LANE_CASE(1, vu16, vs16, EXPR(vu16))                                     \
    LANE_CASE(2, vu32, vs32, EXPR(vu32))                                     \
    default:                                                                 \
    LANE_CASE(3, vu64, vs64, EXPR(vu64))                                     \
    }                                                                        \
    simd_put(env, desc_rd(desc), d, desc_oprsz(desc));                       \
}

#define E_ADD(U) a + b
#define E_SUB(U) a - b
#define E_MUL(U) a * b
#define E_MLA(U) c + a * b
#define E_MLS(U) c - a * b
#define E_CMEQ(U) a == b
#define E_CMTST(U) (a & b) != 0
#define E_CMGE(U) sa >= sb
#define E_CMGT(U) sa > sb
#define E_CMHS(U) a >= b
#define E_CMHI(U) a > b
#define E_SMAX(U) VSEL(U, sa > sb, a, b)
#define E_SMIN(U) VSEL(U, sa < sb, a, b)
#define E_UMAX(U) VSEL(U, a > b, a, b)
#define E_UMIN(U) VSEL(U, a < b, a, b)
#define E_SABD(U) VSEL(U, sa > sb, a - b, b - a)
#define E_UABD(U) VSEL(U, a > b, a - b, b - a)
#define E_SABA(U) c + VSEL(U, sa > sb, a - b, b - a)
#define E_UABA(U) c + VSEL(U, a > b, a - b, b - a)
#define E_CMEQ0(U) a == 0
#define E_CMGT0(U) sa > 0
#define E_CMGE0(U) sa >= 0
#define E_CMLE0(U) sa <= 0
#define E_CMLT0(U) sa < 0
#define E_ABS(U) VSEL(U, sa < 0, -a, a)
#define E_NEG(U) -a
#define E_NOT(U) ~a

DO_LANE(add, E_ADD)
DO_LANE(sub, E_SUB)
DO_LANE(mul, E_MUL)
DO_LANE(mla, E_MLA)
DO_LANE(mls, E_MLS)
DO_LANE(cmeq, E_CMEQ)
DO_LANE(cmtst, E_CMTST)
DO_LANE(cmge, E_CMGE)
DO_LANE(cmgt, E_CMGT)
DO_LANE(cmhs, E_CMHS)
DO_LANE(cmhi, E_CMHI)
DO_LANE(smax, E_SMAX)
DO_LANE(smin, E_SMIN)
DO_LANE(umax, E_UMAX)
DO_LANE(umin, E_UMIN)
DO_LANE(sabd, E_SABD)
DO_LANE(uabd, E_UABD)
DO_LANE(saba, E_SABA)
DO_LANE(uaba, E_UABA)
DO_LANE(cmeq0, E_CMEQ0)
DO_LANE(cmgt0, E_CMGT0)
DO_LANE(cmge0, E_CMGE0)
DO_LANE(cmle0, E_CMLE0)
DO_LANE(cmlt0, E_CMLT0)
DO_LANE(abs, E_ABS)
DO_LANE(neg, E_NEG)
DO_LANE(not, E_NOT)

/*
 * Pairwise ops (ADDP, SMAXP, ...): op(even lane, odd lane) of the
 * concatenation Vm:Vn.  A 64-bit form first packs the two low halves into
 * one vector, so the 128-bit shuffles give its results in the low half.
 * data bit 0: the scalar ADDP, one result from the two elements of Vn.
 */
#define PAIR_CASE(ESZ, U, S, EXPR, ...)                                      \
    case ESZ: {                                                              \
        U x, y;                                                              \
        memcpy(&x, &n, 16);                                                  \
        memcpy(&y, &m, 16);                                                  \
        U a = __builtin_shufflevector(x, y, __VA_ARGS__);                    \
        U b = __builtin_shufflevector(x, y, PAIR_ODD_##ESZ);                 \
        S sa = (S)a, sb = (S)b;                                              \
        (void)sa; (void)sb;                                                  \
        U r = (U)(EXPR);                                                     \
        memcpy(&d, &r, 16);                                                  \
        break;                                                               \
    }

#define PAIR_EVEN_0 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30
#define PAIR_ODD_0 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31
#define PAIR_EVEN_1 0, 2, 4, 6, 8, 10, 12, 14
#define PAIR_ODD_1 1, 3, 5, 7, 9, 11, 13, 15
#define PAIR_EVEN_2 0, 2, 4, 6
#define PAIR_ODD_2 1, 3, 5, 7
#define PAIR_EVEN_3 0, 2
#define PAIR_ODD_3 1, 3

#define DO_PAIR(NAME, EXPR)                                                  \
DEF_SIMD_HELPER(NAME)                                                        \
{                                                                            \
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);                      \
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc)); \
    SimdVec d;                                                               \
    if (desc_data(desc) & 1) {                                               \
        m = n;                                                               \
        oprsz = 1 << esz;                                                    \
    } else if (oprsz == 8) {                                                 \
        n.d[1] = m.d[0];                                                     \
        m = n;                                                               \
    }                                                                        \
    switch (esz) {                                                           \
    PAIR_CASE(0, vu8, vs8, EXPR(vu8), PAIR_EVEN_0)                           \
    PAIR_CASE(1, vu16, vs16, EXPR(vu16), PAIR_EVEN_1)                        \
    PAIR_CASE(2, vu32, vs32, EXPR(vu32), PAIR_EVEN_2)                        \
    default:                                                                 \
    PAIR_CASE(3, vu64, vs64, EXPR(vu64), PAIR_EVEN_3)                        \
    }                                                                        \
    simd_put(env, desc_rd(desc), d, oprsz);                                  \
}

DO_PAIR(addp, E_ADD)
DO_PAIR(smaxp, E_SMAX)
DO_PAIR(sminp, E_SMIN)
DO_PAIR(umaxp, E_UMAX)
DO_PAIR(uminp, E_UMIN)
