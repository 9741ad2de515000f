/* SPDX-License-Identifier: MIT */
/*
 * SIMD helpers with operands of two widths: "Advanced SIMD three
 * different" (SADDL, SMULL, SQDMLAL, ADDHN, PMULL, ...) and the multiplies
 * by element (Arm ARM "Advanced SIMD (scalar) x indexed element"), plus
 * the dot products (FEAT_DotProd).
 *
 * Descriptor data for these: bit 0 the "2" form (upper source half),
 * bit 1 the scalar form, bit 2 "by element", bits 15:8 the element index.
 * esz is the narrow element size.
 */
#include "helper-simd-int.h"

enum {
    L_ADD, L_SUB, L_ABD, L_ABA, L_MUL, L_MLA, L_MLS, L_QDMUL, L_QDMLA, L_QDMLS,
};

#define LDATA_PART 1
#define LDATA_SCALAR 2
#define LDATA_IDX 4

static inline uint64_t long_elt(const SimdVec *v, int i, int esz, bool sign)
{
    return sign ? (uint64_t)vgets(v, i, esz) : vget(v, i, esz);
}

/* One wide result from narrow (or, for wide_n, wide) operands. */
static inline uint64_t long_op(int op, int64_t a, int64_t b, uint64_t acc,
                               int wn, bool *qc)
{
    i128 p;
    switch (op) {
    case L_ADD: return (uint64_t)a + (uint64_t)b;
    case L_SUB: return (uint64_t)a - (uint64_t)b;
    case L_ABD: return (uint64_t)(a > b ? a - b : b - a);
    case L_ABA: return acc + (uint64_t)(a > b ? a - b : b - a);
    case L_MUL: return (uint64_t)a * (uint64_t)b;
    case L_MLA: return acc + (uint64_t)a * (uint64_t)b;
    case L_MLS: return acc - (uint64_t)a * (uint64_t)b;
    default:
        p = sat_s((i128)a * b * 2, wn, qc);
        p = sx((uint64_t)p, wn);
        if (op == L_QDMUL) {
            return (uint64_t)p;
        }
        if (op == L_QDMLA) {
            return sat_s((i128)sx(acc, wn) + p, wn, qc);
        }
        return sat_s((i128)sx(acc, wn) - p, wn, qc);
    }
}

static inline void do_long(CPUARMState *env, uint64_t desc, int op,
                           bool sign, bool wide_n)
{
    int esz = desc_esz(desc), data = desc_data(desc);
    int part = data & LDATA_PART, idx = (data >> 8) & 0xff;
    int nout = (data & LDATA_SCALAR) ? 1 : 8 >> esz;
    int wn = 16 << esz;
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d = simd_get(env, desc_rd(desc));
    bool qc = false;
    for (int i = 0; i < nout; i++) {
        int j = part * nout + i;
        int64_t a = wide_n ? (int64_t)long_elt(&n, i, esz + 1, sign)
                           : (int64_t)long_elt(&n, j, esz, sign);
        int64_t b = (int64_t)long_elt(&m, (data & LDATA_IDX) ? idx : j, esz,
                                      sign);
        uint64_t acc = vget(&d, i, esz + 1);
        vset(&d, i, esz + 1, long_op(op, a, b, acc, wn, &qc));
    }
    simd_set_qc(env, qc);
    simd_put(env, desc_rd(desc), d, (data & LDATA_SCALAR) ? 2 << esz : 16);
}

#define DO_LONG(NAME, OP, SIGN, WIDE) \
    DEF_SIMD_HELPER(NAME) { do_long(env, desc, OP, SIGN, WIDE); }

DO_LONG(saddl, L_ADD, true, false)
DO_LONG(uaddl, L_ADD, false, false)
DO_LONG(ssubl, L_SUB, true, false)
DO_LONG(usubl, L_SUB, false, false)
DO_LONG(saddw, L_ADD, true, true)
DO_LONG(uaddw, L_ADD, false, true)
DO_LONG(ssubw, L_SUB, true, true)
DO_LONG(usubw, L_SUB, false, true)
DO_LONG(sabal, L_ABA, true, false)
DO_LONG(uabal, L_ABA, false, false)
DO_LONG(sabdl, L_ABD, true, false)
DO_LONG(uabdl, L_ABD, false, false)
DO_LONG(smlal, L_MLA, true, false)
DO_LONG(umlal, L_MLA, false, false)
DO_LONG(smlsl, L_MLS, true, false)
DO_LONG(umlsl, L_MLS, false, false)
DO_LONG(smull, L_MUL, true, false)
DO_LONG(umull, L_MUL, false, false)
DO_LONG(sqdmlal, L_QDMLA, true, false)
DO_LONG(sqdmlsl, L_QDMLS, true, false)
DO_LONG(sqdmull, L_QDMUL, true, false)
DO_LONG(smull_idx, L_MUL, true, false)
DO_LONG(umull_idx, L_MUL, false, false)
DO_LONG(smlal_idx, L_MLA, true, false)
DO_LONG(umlal_idx, L_MLA, false, false)
DO_LONG(smlsl_idx, L_MLS, true, false)
DO_LONG(umlsl_idx, L_MLS, false, false)
DO_LONG(sqdmull_idx, L_QDMUL, true, false)
DO_LONG(sqdmlal_idx, L_QDMLA, true, false)
DO_LONG(sqdmlsl_idx, L_QDMLS, true, false)

/* PMULL/PMULL2: 8x8->16 per element, or (esz 3, FEAT_PMULL) 64x64->128. */
DEF_SIMD_HELPER(pmull)
{
    int esz = desc_esz(desc), part = desc_data(desc) & 1;
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d;
    if (esz == 3) {
        u128 r = clmul(n.d[part], m.d[part], 64);
        d.d[0] = (uint64_t)r;
        d.d[1] = (uint64_t)(r >> 64);
    } else {
        for (int i = 0; i < 8; i++) {
            d.h[i] = (uint16_t)clmul(n.b[part * 8 + i], m.b[part * 8 + i], 8);
        }
    }
    simd_put(env, desc_rd(desc), d, 16);
}

/* ADDHN/RADDHN/SUBHN/RSUBHN: high halves of wide sums, narrowed. */
static inline void do_hn(CPUARMState *env, uint64_t desc, bool sub, bool round)
{
    int esz = desc_esz(desc), part = desc_data(desc) & 1, nout = 8 >> esz;
    int n = 8 << esz;
    SimdVec a = simd_get(env, desc_rn(desc)), b = simd_get(env, desc_rm(desc));
    SimdVec d = {{0}};
    if (part) {
        d = simd_get(env, desc_rd(desc));
    }
    for (int i = 0; i < nout; i++) {
        u128 x = vget(&a, i, esz + 1), y = vget(&b, i, esz + 1);
        u128 r = sub ? x - y : x + y;
        if (round) {
            r += (u128)1 << (n - 1);
        }
        vset(&d, part * nout + i, esz, (uint64_t)(r >> n));
    }
    simd_put(env, desc_rd(desc), d, part ? 16 : 8);
}

DEF_SIMD_HELPER(addhn) { do_hn(env, desc, false, false); }
DEF_SIMD_HELPER(raddhn) { do_hn(env, desc, false, true); }
DEF_SIMD_HELPER(subhn) { do_hn(env, desc, true, false); }
DEF_SIMD_HELPER(rsubhn) { do_hn(env, desc, true, true); }

/* Same-width multiplies by element: Vm's element idx against each of Vn. */
#define DO_IDX(NAME, FN)                                                     \
DEF_SIMD_HELPER(NAME)                                                        \
{                                                                            \
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc), bits = 8 << esz;     \
    int idx = (desc_data(desc) >> 8) & 0xff;                                 \
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc)); \
    SimdVec d = simd_get(env, desc_rd(desc));                                \
    uint64_t b = vget(&m, idx, esz);                                         \
    bool qc = false;                                                         \
    for (int i = 0; i < oprsz >> esz; i++) {                                 \
        vset(&d, i, esz, FN(vget(&n, i, esz), b, vget(&d, i, esz), bits, &qc)); \
    }                                                                        \
    simd_set_qc(env, qc);                                                    \
    simd_put(env, desc_rd(desc), d, oprsz);                                  \
}

DO_IDX(mul_idx, op_mul)
DO_IDX(mla_idx, op_mla)
DO_IDX(mls_idx, op_mls)
DO_IDX(sqdmulh_idx, op_sqdmulh)
DO_IDX(sqrdmulh_idx, op_sqrdmulh)
DO_IDX(sqrdmlah_idx, op_sqrdmlah)
DO_IDX(sqrdmlsh_idx, op_sqrdmlsh)

/* SDOT/UDOT/USDOT/SUDOT: each 32-bit lane accumulates four byte products
 * (Vn bytes signed if sn, Vm bytes if sm); by element, the four bytes of
 * Vm come from 32-bit element idx. */
static inline void do_dot(CPUARMState *env, uint64_t desc, bool sn, bool sm)
{
    int oprsz = desc_oprsz(desc), data = desc_data(desc);
    int idx = (data >> 8) & 0xff;
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d = simd_get(env, desc_rd(desc));
    for (int i = 0; i < oprsz / 4; i++) {
        int mi = (data & LDATA_IDX) ? idx : i;
        uint32_t acc = d.s[i];
        for (int k = 0; k < 4; k++) {
            int32_t x = sn ? n.sb[4 * i + k] : n.b[4 * i + k];
            int32_t y = sm ? m.sb[4 * mi + k] : m.b[4 * mi + k];
            acc += (uint32_t)(x * y);
        }
        d.s[i] = acc;
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

DEF_SIMD_HELPER(sdot) { do_dot(env, desc, true, true); }
DEF_SIMD_HELPER(udot) { do_dot(env, desc, false, false); }
DEF_SIMD_HELPER(usdot) { do_dot(env, desc, false, true); }
DEF_SIMD_HELPER(sdot_idx) { do_dot(env, desc, true, true); }
DEF_SIMD_HELPER(udot_idx) { do_dot(env, desc, false, false); }
DEF_SIMD_HELPER(usdot_idx) { do_dot(env, desc, false, true); }
DEF_SIMD_HELPER(sudot_idx) { do_dot(env, desc, true, false); }

/* SMMLA/UMMLA/USMMLA (FEAT_I8MM): Vd (2x2 of int32) += Vn (2x8 bytes) times
 * the transpose of Vm (2x8 bytes). */
static inline void do_mmla(CPUARMState *env, uint64_t desc, bool sn, bool sm)
{
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d = simd_get(env, desc_rd(desc));
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
            uint32_t acc = d.s[2 * i + j];
            for (int k = 0; k < 8; k++) {
                int32_t x = sn ? n.sb[8 * i + k] : n.b[8 * i + k];
                int32_t y = sm ? m.sb[8 * j + k] : m.b[8 * j + k];
                acc += (uint32_t)(x * y);
            }
            d.s[2 * i + j] = acc;
        }
    }
    simd_put(env, desc_rd(desc), d, 16);
}

DEF_SIMD_HELPER(smmla) { do_mmla(env, desc, true, true); }
DEF_SIMD_HELPER(ummla) { do_mmla(env, desc, false, false); }
DEF_SIMD_HELPER(usmmla) { do_mmla(env, desc, false, true); }
