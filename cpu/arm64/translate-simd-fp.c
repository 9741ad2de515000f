/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD floating point, vector and scalar-SIMD forms (Arm ARM
 * C4.1.69: the FP rows of "three same", "two-register miscellaneous",
 * "across lanes" and "scalar pairwise").  sz (size<0>) picks single or
 * double; a 2D-shaped op with Q=0 is reserved.
 */
#include "translate-simd.h"
#include "decode-a64.h"
#include "fpu.h"

static bool do_fp_v(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                    int64_t sz, int64_t rd, int64_t rn, int64_t rm, int data)
{
    if (h == &helper_info_simd_frint32 && !simd_have(s, ARM_FEAT_FRINTTS)) {
        return false;
    }
    if (sz && !q) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(h, q, 2 + (int)sz, (int)rd, (int)rn, (int)rm, data);
    }
    return true;
}

static bool do_fp_s(DisasContext *s, const TCGHelperInfo *h, int64_t sz,
                    int64_t rd, int64_t rn, int64_t rm, int data)
{
    if (fp_access_check(s)) {
        gen_sop3(h, 2 + (int)sz, (int)rd, (int)rn, (int)rm, data);
    }
    return true;
}

#define TRANS_FP3_V(NAME, HELPER)                                            \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_fp_v(s, &helper_info_simd_##HELPER, a->q, a->sz, a->rd,    \
                       a->rn, a->rm, 0);                                     \
    }
#define TRANS_FP3_S(NAME, HELPER)                                            \
    bool trans_##NAME##_s(DisasContext *s, arg_##NAME##_s *a)                \
    {                                                                        \
        return do_fp_s(s, &helper_info_simd_##HELPER, a->sz, a->rd, a->rn,   \
                       a->rm, 0);                                            \
    }
#define TRANS_FP2_V(NAME, HELPER, DATA)                                      \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_fp_v(s, &helper_info_simd_##HELPER, a->q, a->sz, a->rd,    \
                       a->rn, 0, DATA);                                      \
    }
#define TRANS_FP2_S(NAME, HELPER, DATA)                                      \
    bool trans_##NAME##_s(DisasContext *s, arg_##NAME##_s *a)                \
    {                                                                        \
        return do_fp_s(s, &helper_info_simd_##HELPER, a->sz, a->rd, a->rn,   \
                       0, DATA);                                             \
    }

/* three same */
TRANS_FP3_V(FADD, fadd)
TRANS_FP3_V(FSUB, fsub)
TRANS_FP3_V(FMUL, fmul)
TRANS_FP3_V(FDIV, fdiv)
TRANS_FP3_V(FMAX, fmax)
TRANS_FP3_V(FMIN, fmin)
TRANS_FP3_V(FMAXNM, fmaxnm)
TRANS_FP3_V(FMINNM, fminnm)
TRANS_FP3_V(FMULX, fmulx)
TRANS_FP3_V(FABD, fabd)
TRANS_FP3_V(FRECPS, frecps)
TRANS_FP3_V(FRSQRTS, frsqrts)
TRANS_FP3_V(FMLA, fmla)
TRANS_FP3_V(FMLS, fmls)
TRANS_FP3_V(FCMEQ, fcmeq)
TRANS_FP3_V(FCMGE, fcmge)
TRANS_FP3_V(FCMGT, fcmgt)
TRANS_FP3_V(FACGE, facge)
TRANS_FP3_V(FACGT, facgt)
TRANS_FP3_V(FADDP, faddp)
TRANS_FP3_V(FMAXP, fmaxp)
TRANS_FP3_V(FMINP, fminp)
TRANS_FP3_V(FMAXNMP, fmaxnmp)
TRANS_FP3_V(FMINNMP, fminnmp)
TRANS_FP3_S(FMULX, fmulx)
TRANS_FP3_S(FABD, fabd)
TRANS_FP3_S(FRECPS, frecps)
TRANS_FP3_S(FRSQRTS, frsqrts)
TRANS_FP3_S(FCMEQ, fcmeq)
TRANS_FP3_S(FCMGE, fcmge)
TRANS_FP3_S(FCMGT, fcmgt)
TRANS_FP3_S(FACGE, facge)
TRANS_FP3_S(FACGT, facgt)

/* two-register miscellaneous; data: rounding (bits 2:0) | unsigned (8) */
#define RM(r) ARM_FPRM_##r
#define FPCR_RM SIMD_FP_RM_FPCR
TRANS_FP2_V(FABS, fabs, 0)
TRANS_FP2_V(FNEG, fneg, 0)
TRANS_FP2_V(FSQRT, fsqrt, 0)
TRANS_FP2_V(FRECPE, frecpe, 0)
TRANS_FP2_V(FRSQRTE, frsqrte, 0)
TRANS_FP2_V(FCMGT0, fcmgt0, 0)
TRANS_FP2_V(FCMGE0, fcmge0, 0)
TRANS_FP2_V(FCMEQ0, fcmeq0, 0)
TRANS_FP2_V(FCMLE0, fcmle0, 0)
TRANS_FP2_V(FCMLT0, fcmlt0, 0)
TRANS_FP2_V(FRINTN, frint, RM(TIEEVEN))
TRANS_FP2_V(FRINTP, frint, RM(POSINF))
TRANS_FP2_V(FRINTM, frint, RM(NEGINF))
TRANS_FP2_V(FRINTZ, frint, RM(ZERO))
TRANS_FP2_V(FRINTA, frint, RM(TIEAWAY))
TRANS_FP2_V(FRINTX, frint, FPCR_RM | 8)
TRANS_FP2_V(FRINTI, frint, FPCR_RM)
TRANS_FP2_V(FRINT32Z, frint32, 0)
TRANS_FP2_V(FRINT32X, frint32, 2)
TRANS_FP2_V(FRINT64Z, frint32, 1)
TRANS_FP2_V(FRINT64X, frint32, 3)
TRANS_FP2_V(FCVTNS, fcvt_to_int, RM(TIEEVEN))
TRANS_FP2_V(FCVTNU, fcvt_to_int, RM(TIEEVEN) | 8)
TRANS_FP2_V(FCVTPS, fcvt_to_int, RM(POSINF))
TRANS_FP2_V(FCVTPU, fcvt_to_int, RM(POSINF) | 8)
TRANS_FP2_V(FCVTMS, fcvt_to_int, RM(NEGINF))
TRANS_FP2_V(FCVTMU, fcvt_to_int, RM(NEGINF) | 8)
TRANS_FP2_V(FCVTZS, fcvt_to_int, RM(ZERO))
TRANS_FP2_V(FCVTZU, fcvt_to_int, RM(ZERO) | 8)
TRANS_FP2_V(FCVTAS, fcvt_to_int, RM(TIEAWAY))
TRANS_FP2_V(FCVTAU, fcvt_to_int, RM(TIEAWAY) | 8)
TRANS_FP2_V(SCVTF, cvtf_from_int, 0)
TRANS_FP2_V(UCVTF, cvtf_from_int, 8)
TRANS_FP2_S(FRECPE, frecpe, 0)
TRANS_FP2_S(FRSQRTE, frsqrte, 0)
TRANS_FP2_S(FRECPX, frecpx, 0)
TRANS_FP2_S(FCMGT0, fcmgt0, 0)
TRANS_FP2_S(FCMGE0, fcmge0, 0)
TRANS_FP2_S(FCMEQ0, fcmeq0, 0)
TRANS_FP2_S(FCMLE0, fcmle0, 0)
TRANS_FP2_S(FCMLT0, fcmlt0, 0)
TRANS_FP2_S(FCVTNS, fcvt_to_int, RM(TIEEVEN))
TRANS_FP2_S(FCVTNU, fcvt_to_int, RM(TIEEVEN) | 8)
TRANS_FP2_S(FCVTPS, fcvt_to_int, RM(POSINF))
TRANS_FP2_S(FCVTPU, fcvt_to_int, RM(POSINF) | 8)
TRANS_FP2_S(FCVTMS, fcvt_to_int, RM(NEGINF))
TRANS_FP2_S(FCVTMU, fcvt_to_int, RM(NEGINF) | 8)
TRANS_FP2_S(FCVTZS, fcvt_to_int, RM(ZERO))
TRANS_FP2_S(FCVTZU, fcvt_to_int, RM(ZERO) | 8)
TRANS_FP2_S(FCVTAS, fcvt_to_int, RM(TIEAWAY))
TRANS_FP2_S(FCVTAU, fcvt_to_int, RM(TIEAWAY) | 8)
TRANS_FP2_S(SCVTF, cvtf_from_int, 0)
TRANS_FP2_S(UCVTF, cvtf_from_int, 8)

/* URECPE/URSQRTE: 32-bit unsigned fixed-point estimates */
bool trans_URECPE_v(DisasContext *s, arg_URECPE_v *a)
{
    return !a->sz && do_fp_v(s, &helper_info_simd_urecpe, a->q, 0, a->rd,
                             a->rn, 0, 0);
}

bool trans_URSQRTE_v(DisasContext *s, arg_URSQRTE_v *a)
{
    return !a->sz && do_fp_v(s, &helper_info_simd_ursqrte, a->q, 0, a->rd,
                             a->rn, 0, 0);
}

/* FCVTN/FCVTN2: 2D->2S/4S (sz 1) or 4S->4H/8H (sz 0); esz = destination */
bool trans_FCVTN_v(DisasContext *s, arg_FCVTN_v *a)
{
    if (fp_access_check(s)) {
        gen_vop(&helper_info_simd_fcvtn,
                simd_desc((int)a->rd, (int)a->rn, 0, 0, 4, 1 + (int)a->sz,
                          (int)a->q));
    }
    return true;
}

bool trans_FCVTXN_v(DisasContext *s, arg_FCVTXN_v *a)
{
    if (!a->sz) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(&helper_info_simd_fcvtxn,
                simd_desc((int)a->rd, (int)a->rn, 0, 0, 4, 2, (int)a->q));
    }
    return true;
}

bool trans_FCVTXN_s(DisasContext *s, arg_FCVTXN_s *a)
{
    if (!a->sz) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(&helper_info_simd_fcvtxn,
                simd_desc((int)a->rd, (int)a->rn, 0, 0, 4, 2, 2));
    }
    return true;
}

/* FCVTL/FCVTL2: 2S->2D (sz 1) or 4H->4S (sz 0); esz = source */
bool trans_FCVTL_v(DisasContext *s, arg_FCVTL_v *a)
{
    if (fp_access_check(s)) {
        gen_vop(&helper_info_simd_fcvtl,
                simd_desc((int)a->rd, (int)a->rn, 0, 0, 4, 1 + (int)a->sz,
                          (int)a->q));
    }
    return true;
}

/* across lanes: 4S only */
static bool do_fp_across(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                         int64_t sz, int64_t rd, int64_t rn)
{
    if (sz || !q) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, 0, 0, 4, 2, 0));
    }
    return true;
}

#define TRANS_FP_ACROSS(NAME, HELPER)                                        \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a)                        \
    {                                                                        \
        return do_fp_across(s, &helper_info_simd_##HELPER, a->q, a->sz,      \
                            a->rd, a->rn);                                   \
    }

TRANS_FP_ACROSS(FMAXV, fmaxv)
TRANS_FP_ACROSS(FMINV, fminv)
TRANS_FP_ACROSS(FMAXNMV, fmaxnmv)
TRANS_FP_ACROSS(FMINNMV, fminnmv)

/* scalar pairwise: the two elements of Vn (2S or 2D) */
#define TRANS_FP_PAIR_S(NAME, HELPER)                                        \
    bool trans_##NAME##_s(DisasContext *s, arg_##NAME##_s *a)                \
    {                                                                        \
        if (fp_access_check(s)) {                                            \
            int esz = 2 + (int)a->sz;                                        \
            gen_vop(&helper_info_simd_##HELPER,                              \
                    simd_desc((int)a->rd, (int)a->rn, 0, 0, esz + 1, esz, 1)); \
        }                                                                    \
        return true;                                                         \
    }

TRANS_FP_PAIR_S(FADDP, faddp)
TRANS_FP_PAIR_S(FMAXP, fmaxp)
TRANS_FP_PAIR_S(FMINP, fminp)
TRANS_FP_PAIR_S(FMAXNMP, fmaxnmp)
TRANS_FP_PAIR_S(FMINNMP, fminnmp)

/* ---- complex arithmetic (FEAT_FCMA): H (with FEAT_FP16), S, D ---- */

static bool fcma_size_ok(DisasContext *s, int64_t size, int64_t q)
{
    if (!simd_have(s, ARM_FEAT_FCMA)) {
        return false;
    }
    switch (size) {
    case 1: return simd_have(s, ARM_FEAT_FP16);
    case 2: return true;
    case 3: return q;
    default: return false;
    }
}

bool trans_FCMLA_v(DisasContext *s, arg_FCMLA_v *a)
{
    if (!fcma_size_ok(s, a->size, a->q)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(&helper_info_simd_fcmla, a->q, (int)a->size, (int)a->rd,
                 (int)a->rn, (int)a->rm, a->rot);
    }
    return true;
}

bool trans_FCADD_v(DisasContext *s, arg_FCADD_v *a)
{
    if (!fcma_size_ok(s, a->size, a->q)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(&helper_info_simd_fcadd, a->q, (int)a->size, (int)a->rd,
                 (int)a->rn, (int)a->rm, a->rot);
    }
    return true;
}

/* FCMLA (by element): H pairs indexed by H:L (H must be 0 for 64-bit
 * vectors), S pairs by H (L must be 0, 128-bit vectors only). */
bool trans_FCMLA_vi(DisasContext *s, arg_FCMLA_vi *a)
{
    int idx;
    if (a->size == 1 && fcma_size_ok(s, 1, a->q) && (a->q || !a->h)) {
        idx = (int)(a->h << 1 | a->l);
    } else if (a->size == 2 && fcma_size_ok(s, 2, a->q) && !a->l && a->q) {
        idx = (int)a->h;
    } else {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(&helper_info_simd_fcmla_idx, a->q, (int)a->size, (int)a->rd,
                 (int)a->rn, (int)(a->m << 4 | a->rm), a->rot | idx << 8);
    }
    return true;
}

/* ---- FMLAL/FMLSL (FEAT_FHM) ---- */

static bool do_fmlal(DisasContext *s, int64_t q, int64_t rd, int64_t rn,
                     int64_t rm, int data)
{
    if (!simd_have(s, ARM_FEAT_FHM)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(&helper_info_simd_fmlal, q, 2, (int)rd, (int)rn, (int)rm, data);
    }
    return true;
}

#define TRANS_FMLAL(NAME, DATA)                                              \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_fmlal(s, a->q, a->rd, a->rn, a->rm, DATA);                 \
    }                                                                        \
    bool trans_##NAME##_vi(DisasContext *s, arg_##NAME##_vi *a)              \
    {                                                                        \
        int idx = (int)(a->h << 2 | a->l << 1 | a->m);                       \
        return do_fmlal(s, a->q, a->rd, a->rn, a->rm, DATA | 4 | idx << 8);  \
    }

TRANS_FMLAL(FMLAL, 0)
TRANS_FMLAL(FMLAL2, 1)
TRANS_FMLAL(FMLSL, 2)
TRANS_FMLAL(FMLSL2, 3)
