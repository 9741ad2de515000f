/* SPDX-License-Identifier: MIT */
/*
 * Half-precision Advanced SIMD (FEAT_FP16; Arm ARM C4.1.69: the "FP16"
 * three same, two-register miscellaneous, across lanes and pairwise
 * classes, vector and scalar, and FMOV (vector, immediate) half).  The
 * helpers are the single/double ones with element size 1.
 */
#include "translate-simd.h"
#include "decode-a64.h"
#include "fpu.h"

static bool do_fp16(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                    bool scalar, int64_t rd, int64_t rn, int64_t rm, int data)
{
    if (!simd_have(s, ARM_FEAT_FP16)) {
        return false;
    }
    if (fp_access_check(s)) {
        int oprsz = scalar ? 1 : vec_oprsz_log2(q);
        gen_vop(h, simd_desc((int)rd, (int)rn, (int)rm, 0, oprsz, 1, data));
    }
    return true;
}

#define TRANS_H3_V(NAME, HELPER)                                             \
    bool trans_##NAME##_vh(DisasContext *s, arg_##NAME##_vh *a)              \
    {                                                                        \
        return do_fp16(s, &helper_info_simd_##HELPER, a->q, false, a->rd,    \
                       a->rn, a->rm, 0);                                     \
    }
#define TRANS_H3_S(NAME, HELPER)                                             \
    bool trans_##NAME##_sh(DisasContext *s, arg_##NAME##_sh *a)              \
    {                                                                        \
        return do_fp16(s, &helper_info_simd_##HELPER, 1, true, a->rd, a->rn,  \
                       a->rm, 0);                                            \
    }
#define TRANS_H2_V(NAME, HELPER, DATA)                                       \
    bool trans_##NAME##_vh(DisasContext *s, arg_##NAME##_vh *a)              \
    {                                                                        \
        return do_fp16(s, &helper_info_simd_##HELPER, a->q, false, a->rd,    \
                       a->rn, 0, DATA);                                      \
    }
#define TRANS_H2_S(NAME, HELPER, DATA)                                       \
    bool trans_##NAME##_sh(DisasContext *s, arg_##NAME##_sh *a)              \
    {                                                                        \
        return do_fp16(s, &helper_info_simd_##HELPER, 1, true, a->rd, a->rn,  \
                       0, DATA);                                             \
    }

TRANS_H3_V(FMAXNM, fmaxnm)
TRANS_H3_V(FMLA, fmla)
TRANS_H3_V(FADD, fadd)
TRANS_H3_V(FMULX, fmulx)
TRANS_H3_V(FCMEQ, fcmeq)
TRANS_H3_V(FMAX, fmax)
TRANS_H3_V(FRECPS, frecps)
TRANS_H3_V(FMINNM, fminnm)
TRANS_H3_V(FMLS, fmls)
TRANS_H3_V(FSUB, fsub)
TRANS_H3_V(FMIN, fmin)
TRANS_H3_V(FRSQRTS, frsqrts)
TRANS_H3_V(FMAXNMP, fmaxnmp)
TRANS_H3_V(FADDP, faddp)
TRANS_H3_V(FMUL, fmul)
TRANS_H3_V(FCMGE, fcmge)
TRANS_H3_V(FACGE, facge)
TRANS_H3_V(FMAXP, fmaxp)
TRANS_H3_V(FDIV, fdiv)
TRANS_H3_V(FMINNMP, fminnmp)
TRANS_H3_V(FABD, fabd)
TRANS_H3_V(FCMGT, fcmgt)
TRANS_H3_V(FACGT, facgt)
TRANS_H3_V(FMINP, fminp)

TRANS_H3_S(FMULX, fmulx)
TRANS_H3_S(FCMEQ, fcmeq)
TRANS_H3_S(FRECPS, frecps)
TRANS_H3_S(FRSQRTS, frsqrts)
TRANS_H3_S(FCMGE, fcmge)
TRANS_H3_S(FACGE, facge)
TRANS_H3_S(FABD, fabd)
TRANS_H3_S(FCMGT, fcmgt)
TRANS_H3_S(FACGT, facgt)

#define RM(r) ARM_FPRM_##r
TRANS_H2_V(FRINTN, frint, RM(TIEEVEN))
TRANS_H2_V(FRINTM, frint, RM(NEGINF))
TRANS_H2_V(FRINTP, frint, RM(POSINF))
TRANS_H2_V(FRINTZ, frint, RM(ZERO))
TRANS_H2_V(FRINTA, frint, RM(TIEAWAY))
TRANS_H2_V(FRINTX, frint, SIMD_FP_RM_FPCR | 8)
TRANS_H2_V(FRINTI, frint, SIMD_FP_RM_FPCR)
TRANS_H2_V(FCVTNS, fcvt_to_int, RM(TIEEVEN))
TRANS_H2_V(FCVTMS, fcvt_to_int, RM(NEGINF))
TRANS_H2_V(FCVTAS, fcvt_to_int, RM(TIEAWAY))
TRANS_H2_V(FCVTPS, fcvt_to_int, RM(POSINF))
TRANS_H2_V(FCVTZS, fcvt_to_int, RM(ZERO))
TRANS_H2_V(FCVTNU, fcvt_to_int, RM(TIEEVEN) | 8)
TRANS_H2_V(FCVTMU, fcvt_to_int, RM(NEGINF) | 8)
TRANS_H2_V(FCVTAU, fcvt_to_int, RM(TIEAWAY) | 8)
TRANS_H2_V(FCVTPU, fcvt_to_int, RM(POSINF) | 8)
TRANS_H2_V(FCVTZU, fcvt_to_int, RM(ZERO) | 8)
TRANS_H2_V(SCVTF, cvtf_from_int, 0)
TRANS_H2_V(UCVTF, cvtf_from_int, 8)
TRANS_H2_V(FCMGT0, fcmgt0, 0)
TRANS_H2_V(FCMEQ0, fcmeq0, 0)
TRANS_H2_V(FCMLT0, fcmlt0, 0)
TRANS_H2_V(FCMGE0, fcmge0, 0)
TRANS_H2_V(FCMLE0, fcmle0, 0)
TRANS_H2_V(FABS, fabs, 0)
TRANS_H2_V(FNEG, fneg, 0)
TRANS_H2_V(FSQRT, fsqrt, 0)
TRANS_H2_V(FRECPE, frecpe, 0)
TRANS_H2_V(FRSQRTE, frsqrte, 0)

TRANS_H2_S(FCVTNS, fcvt_to_int, RM(TIEEVEN))
TRANS_H2_S(FCVTMS, fcvt_to_int, RM(NEGINF))
TRANS_H2_S(FCVTAS, fcvt_to_int, RM(TIEAWAY))
TRANS_H2_S(FCVTPS, fcvt_to_int, RM(POSINF))
TRANS_H2_S(FCVTZS, fcvt_to_int, RM(ZERO))
TRANS_H2_S(FCVTNU, fcvt_to_int, RM(TIEEVEN) | 8)
TRANS_H2_S(FCVTMU, fcvt_to_int, RM(NEGINF) | 8)
TRANS_H2_S(FCVTAU, fcvt_to_int, RM(TIEAWAY) | 8)
TRANS_H2_S(FCVTPU, fcvt_to_int, RM(POSINF) | 8)
TRANS_H2_S(FCVTZU, fcvt_to_int, RM(ZERO) | 8)
TRANS_H2_S(SCVTF, cvtf_from_int, 0)
TRANS_H2_S(UCVTF, cvtf_from_int, 8)
TRANS_H2_S(FCMGT0, fcmgt0, 0)
TRANS_H2_S(FCMEQ0, fcmeq0, 0)
TRANS_H2_S(FCMLT0, fcmlt0, 0)
TRANS_H2_S(FCMGE0, fcmge0, 0)
TRANS_H2_S(FCMLE0, fcmle0, 0)
TRANS_H2_S(FRECPE, frecpe, 0)
TRANS_H2_S(FRSQRTE, frsqrte, 0)
TRANS_H2_S(FRECPX, frecpx, 0)

/* across lanes: 4H or 8H */
#define TRANS_H_ACROSS(NAME, HELPER)                                         \
    bool trans_##NAME##_h(DisasContext *s, arg_##NAME##_h *a)                \
    {                                                                        \
        return do_fp16(s, &helper_info_simd_##HELPER, a->q, false, a->rd,    \
                       a->rn, 0, 0);                                         \
    }

TRANS_H_ACROSS(FMAXNMV, fmaxnmv)
TRANS_H_ACROSS(FMAXV, fmaxv)
TRANS_H_ACROSS(FMINNMV, fminnmv)
TRANS_H_ACROSS(FMINV, fminv)

/* scalar pairwise: the two H elements of Vn */
#define TRANS_H_PAIR(NAME, HELPER)                                           \
    bool trans_##NAME##_sh(DisasContext *s, arg_##NAME##_sh *a)              \
    {                                                                        \
        if (!simd_have(s, ARM_FEAT_FP16)) {                                  \
            return false;                                                    \
        }                                                                    \
        if (fp_access_check(s)) {                                            \
            gen_vop(&helper_info_simd_##HELPER,                              \
                    simd_desc((int)a->rd, (int)a->rn, 0, 0, 2, 1, 1));       \
        }                                                                    \
        return true;                                                         \
    }

TRANS_H_PAIR(FMAXNMP, fmaxnmp)
TRANS_H_PAIR(FADDP, faddp)
TRANS_H_PAIR(FMAXP, fmaxp)
TRANS_H_PAIR(FMINNMP, fminnmp)
TRANS_H_PAIR(FMINP, fminp)

/* FMOV (vector, immediate) half: imm8<7>:NOT(b6):Replicate(b6,2):imm8<5:0>:0^6 */
bool trans_FMOV_vhi(DisasContext *s, arg_FMOV_vhi *a)
{
    if (!simd_have(s, ARM_FEAT_FP16)) {
        return false;
    }
    if (fp_access_check(s)) {
        uint64_t imm8 = (uint64_t)(a->abc << 5 | a->defgh);
        uint64_t b6 = (imm8 >> 6) & 1;
        uint64_t h = (imm8 >> 7) << 15 | (b6 ^ 1) << 14 | (b6 ? 3ull << 12 : 0) |
                     (imm8 & 0x3f) << 6;
        uint64_t v = h * 0x0001000100010001ull;
        gen_vreg_write_d((int)a->rd, 0, tcg_constant((int64_t)v));
        gen_vreg_write_d((int)a->rd, 1, tcg_constant(a->q ? (int64_t)v : 0));
    }
    return true;
}
