/* SPDX-License-Identifier: MIT */
/*
 * Integer SIMD helpers whose elements keep their width: the "three same",
 * "two-register miscellaneous", pairwise and across-lanes classes (Arm ARM
 * C4.1.69; per-instruction pseudocode in C7.2).  Each helper serves the
 * vector and the scalar form; the descriptor gives the sizes.  The plain
 * lane-wise ones are in helper-simd-lane.c.
 */
#include "helper-simd-int.h"

OP3(op_shadd, (uint64_t)(((i128)sx(a, n) + sx(b, n)) >> 1))
OP3(op_uhadd, (uint64_t)(((u128)a + b) >> 1))
OP3(op_srhadd, (uint64_t)(((i128)sx(a, n) + sx(b, n) + 1) >> 1))
OP3(op_urhadd, (uint64_t)(((u128)a + b + 1) >> 1))
OP3(op_shsub, (uint64_t)(((i128)sx(a, n) - sx(b, n)) >> 1))
OP3(op_uhsub, (uint64_t)(((i128)a - (i128)b) >> 1))
OP3(op_sqadd, sat_s((i128)sx(a, n) + sx(b, n), n, qc))
OP3(op_uqadd, sat_u((i128)a + b, n, qc))
OP3(op_sqsub, sat_s((i128)sx(a, n) - sx(b, n), n, qc))
OP3(op_uqsub, sat_u((i128)a - (i128)b, n, qc))
OP3(op_sshl, shl_reg(a, b, n, true, false, false, qc))
OP3(op_ushl, shl_reg(a, b, n, false, false, false, qc))
OP3(op_srshl, shl_reg(a, b, n, true, true, false, qc))
OP3(op_urshl, shl_reg(a, b, n, false, true, false, qc))
OP3(op_sqshl, shl_reg(a, b, n, true, false, true, qc))
OP3(op_uqshl, shl_reg(a, b, n, false, false, true, qc))
OP3(op_sqrshl, shl_reg(a, b, n, true, true, true, qc))
OP3(op_uqrshl, shl_reg(a, b, n, false, true, true, qc))
/* SUQADD: signed accumulator plus unsigned operand; USQADD the reverse */
OP3(op_suqadd, sat_s((i128)sx(d, n) + (i128)zx(a, n), n, qc))
OP3(op_usqadd, sat_u((i128)zx(d, n) + (i128)sx(a, n), n, qc))

DO_3OP(pmul, op_pmul)
DO_3OP(shadd, op_shadd)
DO_3OP(uhadd, op_uhadd)
DO_3OP(srhadd, op_srhadd)
DO_3OP(urhadd, op_urhadd)
DO_3OP(shsub, op_shsub)
DO_3OP(uhsub, op_uhsub)
DO_3OP(sqadd, op_sqadd)
DO_3OP(uqadd, op_uqadd)
DO_3OP(sqsub, op_sqsub)
DO_3OP(uqsub, op_uqsub)
DO_3OP(sshl, op_sshl)
DO_3OP(ushl, op_ushl)
DO_3OP(srshl, op_srshl)
DO_3OP(urshl, op_urshl)
DO_3OP(sqshl, op_sqshl)
DO_3OP(uqshl, op_uqshl)
DO_3OP(sqrshl, op_sqrshl)
DO_3OP(uqrshl, op_uqrshl)
DO_3OP(sqdmulh, op_sqdmulh)
DO_3OP(sqrdmulh, op_sqrdmulh)
DO_3OP(sqrdmlah, op_sqrdmlah)
DO_3OP(sqrdmlsh, op_sqrdmlsh)
DO_2OP(suqadd, op_suqadd)
DO_2OP(usqadd, op_usqadd)

/* ---- two-register miscellaneous (m is ignored) ---- */

SIMD_INLINE uint64_t cls_n(uint64_t a, int n)
{
    uint64_t x = zx(a ^ (uint64_t)(sx(a, n) >> 63), n);
    return x ? (uint64_t)(__builtin_clzll(x) - (64 - n) - 1) : (uint64_t)n - 1;
}

SIMD_INLINE uint64_t clz_n(uint64_t a, int n)
{
    a = zx(a, n);
    return a ? (uint64_t)(__builtin_clzll(a) - (64 - n)) : (uint64_t)n;
}

OP3(op_cls, cls_n(a, n))
OP3(op_clz, clz_n(a, n))
OP3(op_cnt, (uint64_t)__builtin_popcountll(zx(a, n)))
OP3(op_sqabs, sat_s(sx(a, n) < 0 ? -(i128)sx(a, n) : (i128)sx(a, n), n, qc))
OP3(op_sqneg, sat_s(-(i128)sx(a, n), n, qc))

DO_2OP(cls, op_cls)
DO_2OP(clz, op_clz)
DO_2OP(cnt, op_cnt)
DO_2OP(sqabs, op_sqabs)
DO_2OP(sqneg, op_sqneg)

/* RBIT (vector): bytes only */
DEF_SIMD_HELPER(rbit)
{
    SimdVec n = simd_get(env, desc_rn(desc)), d;
    int oprsz = desc_oprsz(desc);
    for (int i = 0; i < 16; i++) {
        uint8_t x = n.b[i], r = 0;
        for (int k = 0; k < 8; k++) {
            r |= (uint8_t)(((x >> k) & 1) << (7 - k));
        }
        d.b[i] = r;
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

/* SADDLP/UADDLP/SADALP/UADALP: pairs of Vn widened; esz is the source. */
static inline void do_addlp(CPUARMState *env, uint64_t desc, bool sign,
                            bool acc)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);
    int nout = oprsz >> (esz + 1);
    SimdVec n = simd_get(env, desc_rn(desc)), d = simd_get(env, desc_rd(desc));
    for (int i = 0; i < nout; i++) {
        uint64_t a = sign ? (uint64_t)vgets(&n, 2 * i, esz) : vget(&n, 2 * i, esz);
        uint64_t b = sign ? (uint64_t)vgets(&n, 2 * i + 1, esz)
                          : vget(&n, 2 * i + 1, esz);
        uint64_t r = a + b + (acc ? vget(&d, i, esz + 1) : 0);
        vset(&d, i, esz + 1, r);
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

DEF_SIMD_HELPER(saddlp) { do_addlp(env, desc, true, false); }
DEF_SIMD_HELPER(uaddlp) { do_addlp(env, desc, false, false); }
DEF_SIMD_HELPER(sadalp) { do_addlp(env, desc, true, true); }
DEF_SIMD_HELPER(uadalp) { do_addlp(env, desc, false, true); }

/* ---- across lanes: the result is one element, the rest of Vd cleared ---- */

static inline void do_across(CPUARMState *env, uint64_t desc, int op)
{
    int esz = desc_esz(desc), nelem = desc_oprsz(desc) >> esz;
    SimdVec n = simd_get(env, desc_rn(desc)), d = {{0}};
    int64_t sacc = vgets(&n, 0, esz);
    uint64_t uacc = vget(&n, 0, esz);
    for (int i = 1; i < nelem; i++) {
        int64_t sv = vgets(&n, i, esz);
        uint64_t uv = vget(&n, i, esz);
        switch (op) {
        case 0: uacc += uv; break;                             /* ADDV */
        case 1: sacc += sv; break;                             /* SADDLV */
        case 2: uacc += uv; break;                             /* UADDLV */
        case 3: sacc = sv > sacc ? sv : sacc; break;           /* SMAXV */
        case 4: sacc = sv < sacc ? sv : sacc; break;           /* SMINV */
        case 5: uacc = uv > uacc ? uv : uacc; break;           /* UMAXV */
        default: uacc = uv < uacc ? uv : uacc; break;          /* UMINV */
        }
    }
    int resz = (op == 1 || op == 2) ? esz + 1 : esz;
    bool is_signed = op == 1 || op == 3 || op == 4;
    vset(&d, 0, resz, is_signed ? (uint64_t)sacc : uacc);
    simd_put(env, desc_rd(desc), d, 1 << resz);
}

DEF_SIMD_HELPER(addv) { do_across(env, desc, 0); }
DEF_SIMD_HELPER(saddlv) { do_across(env, desc, 1); }
DEF_SIMD_HELPER(uaddlv) { do_across(env, desc, 2); }
DEF_SIMD_HELPER(smaxv) { do_across(env, desc, 3); }
DEF_SIMD_HELPER(sminv) { do_across(env, desc, 4); }
DEF_SIMD_HELPER(umaxv) { do_across(env, desc, 5); }
DEF_SIMD_HELPER(uminv) { do_across(env, desc, 6); }
