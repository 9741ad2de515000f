/* SPDX-License-Identifier: MIT */
/*
 * Floating-point SIMD&FP helpers: arithmetic, compares, rounding and
 * conversions on whole registers, for the scalar (one element) and vector
 * forms alike.  Each builds an ARMFPStatus from FPCR/FPSR, calls the exact
 * library (fpu.h) per element and stores the cumulative flags back.
 * Element size esz: 1 half, 2 single, 3 double.
 */
#include "helper-fp.h"

/*
 * The element loop.  G(SFX) is the per-element expression, with a, b, c
 * the elements of Vn, Vm and the old Vd (of type T) and st the status.
 */
#define FP_LOOP(G)                                                           \
    ARMFPStatus st = fp_status(env);                                         \
    SimdVec vn = simd_get(env, desc_rn(desc)), vm = simd_get(env, desc_rm(desc)); \
    SimdVec vd = simd_get(env, desc_rd(desc));                               \
    int oprsz = desc_oprsz(desc);                                            \
    switch (desc_esz(desc)) {                                                \
    case 1:                                                                  \
        for (int i = 0; i < oprsz / 2; i++) {                                \
            uint16_t a = vn.h[i], b = vm.h[i], c = vd.h[i];                  \
            (void)a; (void)b; (void)c;                                       \
            vd.h[i] = (uint16_t)(G(h));                                      \
        }                                                                    \
        break;                                                               \
    case 2:                                                                  \
        for (int i = 0; i < oprsz / 4; i++) {                                \
            uint32_t a = vn.s[i], b = vm.s[i], c = vd.s[i];                  \
            (void)a; (void)b; (void)c;                                       \
            vd.s[i] = (uint32_t)(G(s));                                      \
        }                                                                    \
        break;                                                               \
    default:                                                                 \
        for (int i = 0; i < oprsz / 8; i++) {                                \
            uint64_t a = vn.d[i], b = vm.d[i], c = vd.d[i];                  \
            (void)a; (void)b; (void)c;                                       \
            vd.d[i] = (uint64_t)(G(d));                                      \
        }                                                                    \
        break;                                                               \
    }                                                                        \
    fp_status_put(env, &st);                                                 \
    simd_put(env, desc_rd(desc), vd, oprsz);

#define G_ADD(S) fast_add_##S(a, b, &st)
#define G_SUB(S) fast_sub_##S(a, b, &st)
#define G_MUL(S) fast_mul_##S(a, b, &st)
#define G_DIV(S) fast_div_##S(a, b, &st)
#define G_MAX(S) arm_fp_max_##S(a, b, &st)
#define G_MIN(S) arm_fp_min_##S(a, b, &st)
#define G_MAXNM(S) arm_fp_maxnm_##S(a, b, &st)
#define G_MINNM(S) arm_fp_minnm_##S(a, b, &st)
#define G_MULX(S) arm_fp_mulx_##S(a, b, &st)
#define G_ABD(S) arm_fp_abs_##S(arm_fp_sub_##S(a, b, &st))
#define G_NMUL(S) arm_fp_neg_##S(arm_fp_mul_##S(a, b, &st))
#define G_RECPS(S) arm_fp_recps_##S(a, b, &st)
#define G_RSQRTS(S) arm_fp_rsqrts_##S(a, b, &st)
#define G_FMLA(S) fast_muladd_##S(a, b, c, 0, &st)
#define G_FMLS(S) fast_muladd_##S(a, b, c, ARM_FP_NEG_PRODUCT, &st)

DEF_SIMD_HELPER(fadd) { FP_LOOP(G_ADD) }
DEF_SIMD_HELPER(fsub) { FP_LOOP(G_SUB) }
DEF_SIMD_HELPER(fmul) { FP_LOOP(G_MUL) }
DEF_SIMD_HELPER(fdiv) { FP_LOOP(G_DIV) }
DEF_SIMD_HELPER(fmax) { FP_LOOP(G_MAX) }
DEF_SIMD_HELPER(fmin) { FP_LOOP(G_MIN) }
DEF_SIMD_HELPER(fmaxnm) { FP_LOOP(G_MAXNM) }
DEF_SIMD_HELPER(fminnm) { FP_LOOP(G_MINNM) }
DEF_SIMD_HELPER(fmulx) { FP_LOOP(G_MULX) }
DEF_SIMD_HELPER(fabd) { FP_LOOP(G_ABD) }
DEF_SIMD_HELPER(fnmul) { FP_LOOP(G_NMUL) }
DEF_SIMD_HELPER(frecps) { FP_LOOP(G_RECPS) }
DEF_SIMD_HELPER(frsqrts) { FP_LOOP(G_RSQRTS) }
DEF_SIMD_HELPER(fmla) { FP_LOOP(G_FMLA) }
DEF_SIMD_HELPER(fmls) { FP_LOOP(G_FMLS) }

/* Compares give all ones or zero.  The library's NZCV: Z equal, C greater
 * or equal or unordered, N less, V unordered. */
#define CMP_EQ(nzcv) (((nzcv) & 4) != 0)
#define CMP_GE(nzcv) ((nzcv) == 2 || (nzcv) == 6)
#define CMP_GT(nzcv) ((nzcv) == 2)
#define G_CMEQ(S) -(uint64_t)CMP_EQ(arm_fp_compare_##S(a, b, false, &st))
#define G_CMGE(S) -(uint64_t)CMP_GE(arm_fp_compare_##S(a, b, true, &st))
#define G_CMGT(S) -(uint64_t)CMP_GT(arm_fp_compare_##S(a, b, true, &st))
#define G_ACGE(S) -(uint64_t)CMP_GE(arm_fp_compare_##S(arm_fp_abs_##S(a), \
                                    arm_fp_abs_##S(b), true, &st))
#define G_ACGT(S) -(uint64_t)CMP_GT(arm_fp_compare_##S(arm_fp_abs_##S(a), \
                                    arm_fp_abs_##S(b), true, &st))
#define G_CMEQ0(S) -(uint64_t)CMP_EQ(arm_fp_compare_##S(a, 0, false, &st))
#define G_CMGE0(S) -(uint64_t)CMP_GE(arm_fp_compare_##S(a, 0, true, &st))
#define G_CMGT0(S) -(uint64_t)CMP_GT(arm_fp_compare_##S(a, 0, true, &st))
#define G_CMLE0(S) -(uint64_t)CMP_GE(arm_fp_compare_##S(0, a, true, &st))
#define G_CMLT0(S) -(uint64_t)CMP_GT(arm_fp_compare_##S(0, a, true, &st))

DEF_SIMD_HELPER(fcmeq) { FP_LOOP(G_CMEQ) }
DEF_SIMD_HELPER(fcmge) { FP_LOOP(G_CMGE) }
DEF_SIMD_HELPER(fcmgt) { FP_LOOP(G_CMGT) }
DEF_SIMD_HELPER(facge) { FP_LOOP(G_ACGE) }
DEF_SIMD_HELPER(facgt) { FP_LOOP(G_ACGT) }
DEF_SIMD_HELPER(fcmeq0) { FP_LOOP(G_CMEQ0) }
DEF_SIMD_HELPER(fcmge0) { FP_LOOP(G_CMGE0) }
DEF_SIMD_HELPER(fcmgt0) { FP_LOOP(G_CMGT0) }
DEF_SIMD_HELPER(fcmle0) { FP_LOOP(G_CMLE0) }
DEF_SIMD_HELPER(fcmlt0) { FP_LOOP(G_CMLT0) }

/* One-operand arithmetic. */
#define G_ABS(S) arm_fp_abs_##S(a)
#define G_NEG(S) arm_fp_neg_##S(a)
#define G_SQRT(S) fast_sqrt_##S(a, &st)
#define G_RECPE(S) arm_fp_recpe_##S(a, &st)
#define G_RSQRTE(S) arm_fp_rsqrte_##S(a, &st)
#define G_RECPX(S) arm_fp_recpx_##S(a, &st)

DEF_SIMD_HELPER(fabs) { FP_LOOP(G_ABS) }
DEF_SIMD_HELPER(fneg) { FP_LOOP(G_NEG) }
DEF_SIMD_HELPER(fsqrt) { FP_LOOP(G_SQRT) }
DEF_SIMD_HELPER(frecpe) { FP_LOOP(G_RECPE) }
DEF_SIMD_HELPER(frsqrte) { FP_LOOP(G_RSQRTE) }
DEF_SIMD_HELPER(frecpx) { FP_LOOP(G_RECPX) }

/* FRINT<N,P,M,Z,A,I,X>: data bits 2:0 the rounding (SIMD_FP_RM_FPCR for FPCR's),
 * bit 3 exact (FRINTX). */
#define G_FRINT(S) arm_fp_roundint_##S(a, rm, exact, &st)
DEF_SIMD_HELPER(frint)
{
    int data = desc_data(desc);
    ARMFPRounding rm = fp_data_rounding(env, data & 7);
    bool exact = (data >> 3) & 1;
    FP_LOOP(G_FRINT)
}

/* FRINT32Z/X, FRINT64Z/X (FEAT_FRINTTS): data bit 0 the 64-bit form, bit 1
 * the X form (FPCR rounding; else toward zero). */
#define G_FRINT32(S) arm_fp_roundint32_##S(a, rm, &st)
#define G_FRINT64(S) arm_fp_roundint64_##S(a, rm, &st)
DEF_SIMD_HELPER(frint32)
{
    ARMFPRounding rm = (desc_data(desc) & 2) ? arm_fp_rounding_mode(env->fpcr)
                                             : ARM_FPRM_ZERO;
    ARMFPStatus st = fp_status(env);
    SimdVec vn = simd_get(env, desc_rn(desc)), vd;
    int oprsz = desc_oprsz(desc);
    bool is64 = desc_data(desc) & 1;
    if (desc_esz(desc) == 2) {
        for (int i = 0; i < oprsz / 4; i++) {
            uint32_t a = vn.s[i];
            vd.s[i] = is64 ? G_FRINT64(s) : G_FRINT32(s);
        }
    } else {
        for (int i = 0; i < oprsz / 8; i++) {
            uint64_t a = vn.d[i];
            vd.d[i] = is64 ? G_FRINT64(d) : G_FRINT32(d);
        }
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), vd, oprsz);
}

/* FCVT{N,P,M,Z,A}{S,U} vector/scalar and the fixed-point forms, to an
 * integer of the element's width.  data: bits 2:0 rounding, bit 3
 * unsigned, bits 15:8 fbits. */
DEF_SIMD_HELPER(fcvt_to_int)
{
    int data = desc_data(desc), fbits = (data >> 8) & 0xff;
    ARMFPRounding rm = fp_data_rounding(env, data & 7);
    bool uns = (data >> 3) & 1;
    ARMFPStatus st = fp_status(env);
    SimdVec vn = simd_get(env, desc_rn(desc)), vd;
    int oprsz = desc_oprsz(desc);
    switch (desc_esz(desc)) {
    case 1:
        for (int i = 0; i < oprsz / 2; i++) {
            vd.h[i] = uns ? arm_fp_to_u16_h(vn.h[i], fbits, rm, &st)
                          : (uint16_t)arm_fp_to_s16_h(vn.h[i], fbits, rm, &st);
        }
        break;
    case 2:
        for (int i = 0; i < oprsz / 4; i++) {
            vd.s[i] = uns ? arm_fp_to_u32_s(vn.s[i], fbits, rm, &st)
                          : (uint32_t)arm_fp_to_s32_s(vn.s[i], fbits, rm, &st);
        }
        break;
    default:
        for (int i = 0; i < oprsz / 8; i++) {
            vd.d[i] = uns ? arm_fp_to_u64_d(vn.d[i], fbits, rm, &st)
                          : (uint64_t)arm_fp_to_s64_d(vn.d[i], fbits, rm, &st);
        }
        break;
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), vd, oprsz);
}

/* SCVTF/UCVTF vector/scalar (integer of the element's width): data bit 3
 * unsigned, bits 15:8 fbits. */
DEF_SIMD_HELPER(cvtf_from_int)
{
    int data = desc_data(desc), fbits = (data >> 8) & 0xff;
    bool uns = (data >> 3) & 1;
    ARMFPStatus st = fp_status(env);
    SimdVec vn = simd_get(env, desc_rn(desc)), vd;
    int oprsz = desc_oprsz(desc);
    switch (desc_esz(desc)) {
    case 1:
        for (int i = 0; i < oprsz / 2; i++) {
            vd.h[i] = uns ? arm_fp_from_u32_h(vn.h[i], fbits, &st)
                          : arm_fp_from_s32_h(vn.sh[i], fbits, &st);
        }
        break;
    case 2:
        for (int i = 0; i < oprsz / 4; i++) {
            vd.s[i] = uns ? arm_fp_from_u32_s(vn.s[i], fbits, &st)
                          : arm_fp_from_s32_s(vn.ss[i], fbits, &st);
        }
        break;
    default:
        for (int i = 0; i < oprsz / 8; i++) {
            vd.d[i] = uns ? arm_fp_from_u64_d(vn.d[i], fbits, &st)
                          : arm_fp_from_s64_d(vn.sd[i], fbits, &st);
        }
        break;
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), vd, oprsz);
}

/* URECPE/URSQRTE: 32-bit unsigned fixed-point estimates (no FP flags). */
DEF_SIMD_HELPER(urecpe)
{
    SimdVec n = simd_get(env, desc_rn(desc)), d;
    int oprsz = desc_oprsz(desc);
    for (int i = 0; i < oprsz / 4; i++) {
        d.s[i] = arm_fp_urecpe(n.s[i]);
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

DEF_SIMD_HELPER(ursqrte)
{
    SimdVec n = simd_get(env, desc_rn(desc)), d;
    int oprsz = desc_oprsz(desc);
    for (int i = 0; i < oprsz / 4; i++) {
        d.s[i] = arm_fp_ursqrte(n.s[i]);
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}
