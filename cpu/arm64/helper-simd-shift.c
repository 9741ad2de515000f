/* SPDX-License-Identifier: MIT */
/*
 * SIMD shifts by immediate (Arm ARM "Advanced SIMD (scalar) shift by
 * immediate") and the narrowing/widening moves that share their shape:
 * XTN/SQXTN/UQXTN/SQXTUN, SHLL, SSHLL/USHLL, SHRN and its rounding and
 * saturating variants.  The shift amount is the descriptor's data.
 */
#include "helper-simd-int.h"

/* Same-width shifts: FN(a, sh, d, n, &qc) over the typed loop, with the
 * shift in place of the second operand. */
#define SIMD_LOOP_IMM(FN)                                                    \
    SimdVec n = simd_get(env, desc_rn(desc));                                \
    SimdVec d = simd_get(env, desc_rd(desc));                                \
    int oprsz = desc_oprsz(desc), sh = desc_data(desc);                      \
    bool qc = false;                                                         \
    switch (desc_esz(desc)) {                                                \
    case 0:                                                                  \
        for (int i = 0; i < oprsz; i++)                                      \
            d.b[i] = (uint8_t)FN(n.b[i], sh, d.b[i], 8, &qc);                \
        break;                                                               \
    case 1:                                                                  \
        for (int i = 0; i < oprsz / 2; i++)                                  \
            d.h[i] = (uint16_t)FN(n.h[i], sh, d.h[i], 16, &qc);              \
        break;                                                               \
    case 2:                                                                  \
        for (int i = 0; i < oprsz / 4; i++)                                  \
            d.s[i] = (uint32_t)FN(n.s[i], sh, d.s[i], 32, &qc);              \
        break;                                                               \
    default:                                                                 \
        for (int i = 0; i < oprsz / 8; i++)                                  \
            d.d[i] = FN(n.d[i], sh, d.d[i], 64, &qc);                        \
        break;                                                               \
    }                                                                        \
    simd_set_qc(env, qc);                                                    \
    simd_put(env, desc_rd(desc), d, oprsz);

#define DO_SHIFT(NAME, FN) DEF_SIMD_HELPER(NAME) { SIMD_LOOP_IMM(FN) }

#define OPSH(NAME, EXPR)                                                     \
    SIMD_INLINE uint64_t NAME(uint64_t a, int sh, uint64_t d, int n,         \
                              bool *qc)                                      \
    {                                                                        \
        (void)a; (void)sh; (void)d; (void)n; (void)qc;                       \
        return (EXPR);                                                       \
    }

/* right shifts by 1..n; a shift by n is well defined here */
SIMD_INLINE uint64_t sshr_n(uint64_t a, int sh, int n)
{
    return (uint64_t)(sx(a, n) >> (sh > 63 ? 63 : sh));
}

SIMD_INLINE uint64_t ushr_n(uint64_t a, int sh, int n)
{
    return sh >= 64 ? 0 : zx(a, n) >> sh;
}

SIMD_INLINE uint64_t ones(int n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

OPSH(op_sshr, sshr_n(a, sh, n))
OPSH(op_ushr, ushr_n(a, sh, n))
OPSH(op_ssra, d + sshr_n(a, sh, n))
OPSH(op_usra, d + ushr_n(a, sh, n))
OPSH(op_srshr, (uint64_t)rshr_round_s(sx(a, n), sh))
OPSH(op_urshr, (uint64_t)rshr_round_s(zx(a, n), sh))
OPSH(op_srsra, d + (uint64_t)rshr_round_s(sx(a, n), sh))
OPSH(op_ursra, d + (uint64_t)rshr_round_s(zx(a, n), sh))
OPSH(op_shl, a << sh)
OPSH(op_sli, (d & ~(ones(n) << sh)) | (a << sh))
OPSH(op_sri, sh >= n ? d : (d & ~(ones(n) >> sh)) | (zx(a, n) >> sh))
OPSH(op_sqshlu, sat_u(ishl(sx(a, n), sh), n, qc))
OPSH(op_sqshli, sat_s(ishl(sx(a, n), sh), n, qc))
OPSH(op_uqshli, sat_u(ishl(zx(a, n), sh), n, qc))

DO_SHIFT(sshr, op_sshr)
DO_SHIFT(ushr, op_ushr)
DO_SHIFT(ssra, op_ssra)
DO_SHIFT(usra, op_usra)
DO_SHIFT(srshr, op_srshr)
DO_SHIFT(urshr, op_urshr)
DO_SHIFT(srsra, op_srsra)
DO_SHIFT(ursra, op_ursra)
DO_SHIFT(shl, op_shl)
DO_SHIFT(sli, op_sli)
DO_SHIFT(sri, op_sri)
DO_SHIFT(sqshlu, op_sqshlu)
DO_SHIFT(sqshli, op_sqshli)
DO_SHIFT(uqshli, op_uqshli)

/*
 * Narrowing: the source elements are 2n bits (esz + 1), the results n bits
 * (esz).  data: bit 0 the "2" form (results go to the upper half, the
 * lower half of Vd is kept), bit 1 the scalar form (one element), bits
 * 15:8 the right shift.
 */
enum { NARROW_TRUNC, NARROW_SS, NARROW_UU, NARROW_SU };

static inline void do_narrow(CPUARMState *env, uint64_t desc, int mode,
                             bool round)
{
    int esz = desc_esz(desc), n = 8 << esz, data = desc_data(desc);
    int part = data & 1, scalar = (data >> 1) & 1, sh = (data >> 8) & 0xff;
    int nout = scalar ? 1 : 8 >> esz;
    SimdVec src = simd_get(env, desc_rn(desc));
    SimdVec d = {{0}};
    bool qc = false;
    if (part) {
        d = simd_get(env, desc_rd(desc));
    }
    for (int i = 0; i < nout; i++) {
        bool sgn = mode == NARROW_SS || mode == NARROW_SU;
        i128 v = sgn ? (i128)vgets(&src, i, esz + 1) : (i128)vget(&src, i, esz + 1);
        if (sh) {
            v = round ? rshr_round_s(v, sh) : v >> sh;
        }
        uint64_t r;
        switch (mode) {
        case NARROW_TRUNC: r = (uint64_t)v; break;
        case NARROW_SS: r = sat_s(v, n, &qc); break;
        default: r = sat_u(v, n, &qc); break;
        }
        vset(&d, part * nout + i, esz, r);
    }
    simd_set_qc(env, qc);
    simd_put(env, desc_rd(desc), d, scalar ? 1 << esz : (part ? 16 : 8));
}

/* XTN/SHRN, the common case (strchr and friends use SHRN #4): truncation
 * of right-shifted lanes, in fixed-count loops the compiler vectorises. */
static void do_shrn_trunc(CPUARMState *env, uint64_t desc)
{
    int esz = desc_esz(desc), data = desc_data(desc);
    int part = data & 1, sh = (data >> 8) & 0xff;
    SimdVec src = simd_get(env, desc_rn(desc)), r, d = {{0}};
    switch (esz) {
    case 0:
        for (int i = 0; i < 8; i++) {
            r.b[i] = (uint8_t)(src.h[i] >> sh);
        }
        break;
    case 1:
        for (int i = 0; i < 4; i++) {
            r.h[i] = (uint16_t)(src.s[i] >> sh);
        }
        break;
    default:
        for (int i = 0; i < 2; i++) {
            r.s[i] = (uint32_t)(src.d[i] >> sh);
        }
        break;
    }
    if (part) {
        d = simd_get(env, desc_rd(desc));
    }
    d.d[part] = r.d[0];
    simd_put(env, desc_rd(desc), d, part ? 16 : 8);
}

DEF_SIMD_HELPER(xtn) { do_shrn_trunc(env, desc); }
DEF_SIMD_HELPER(sqxtn) { do_narrow(env, desc, NARROW_SS, false); }
DEF_SIMD_HELPER(uqxtn) { do_narrow(env, desc, NARROW_UU, false); }
DEF_SIMD_HELPER(sqxtun) { do_narrow(env, desc, NARROW_SU, false); }
DEF_SIMD_HELPER(shrn) { do_shrn_trunc(env, desc); }
DEF_SIMD_HELPER(rshrn) { do_narrow(env, desc, NARROW_TRUNC, true); }
DEF_SIMD_HELPER(sqshrn) { do_narrow(env, desc, NARROW_SS, false); }
DEF_SIMD_HELPER(sqrshrn) { do_narrow(env, desc, NARROW_SS, true); }
DEF_SIMD_HELPER(uqshrn) { do_narrow(env, desc, NARROW_UU, false); }
DEF_SIMD_HELPER(uqrshrn) { do_narrow(env, desc, NARROW_UU, true); }
DEF_SIMD_HELPER(sqshrun) { do_narrow(env, desc, NARROW_SU, false); }
DEF_SIMD_HELPER(sqrshrun) { do_narrow(env, desc, NARROW_SU, true); }

/* Widening left shift (SSHLL/USHLL/SHLL): esz is the source size, data
 * bit 0 the "2" form, bits 15:8 the shift. */
static inline void do_widen_shl(CPUARMState *env, uint64_t desc, bool sign)
{
    int esz = desc_esz(desc), data = desc_data(desc);
    int part = data & 1, sh = (data >> 8) & 0xff, nout = 8 >> esz;
    SimdVec src = simd_get(env, desc_rn(desc)), d;
    for (int i = 0; i < nout; i++) {
        int j = part * nout + i;
        uint64_t v = sign ? (uint64_t)vgets(&src, j, esz) : vget(&src, j, esz);
        vset(&d, i, esz + 1, v << sh);
    }
    simd_put(env, desc_rd(desc), d, 16);
}

DEF_SIMD_HELPER(sshll) { do_widen_shl(env, desc, true); }
DEF_SIMD_HELPER(ushll) { do_widen_shl(env, desc, false); }
DEF_SIMD_HELPER(shll) { do_widen_shl(env, desc, false); }
