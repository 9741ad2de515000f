/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD shifts by immediate and multiplies by element, vector and
 * scalar forms (Arm ARM C4.1.69: "Advanced SIMD (scalar) shift by
 * immediate", "Advanced SIMD (scalar) x indexed element").  immh:immb
 * gives both the element size (the highest set bit of immh) and the
 * shift; the conversions to and from fixed point live here too because
 * they share the encoding.
 */
#include "translate-simd.h"
#include "fpu.h"
#include "decode-a64.h"

static int shift_esz(int64_t immh)
{
    return 31 - __builtin_clz((unsigned)immh);
}

/* Same-width shifts.  right: the amount is 2*esize - immh:immb, else
 * immh:immb - esize. */
static bool do_shift(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                     int64_t immh, int64_t immb, int64_t rd, int64_t rn,
                     bool right, bool scalar, bool only64)
{
    if (immh == 0) {
        return false;
    }
    int esz = shift_esz(immh), immhb = (int)(immh << 3 | immb);
    if ((esz == 3 && !q && !scalar) || (only64 && esz != 3)) {
        return false;
    }
    int sh = right ? (16 << esz) - immhb : immhb - (8 << esz);
    if (fp_access_check(s)) {
        int oprsz = scalar ? esz : vec_oprsz_log2(q);
        gen_vop(h, simd_desc((int)rd, (int)rn, 0, 0, oprsz, esz, sh));
    }
    return true;
}

#define TRANS_SHIFT(NAME, HELPER, RIGHT, ONLY64_S)                           \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_shift(s, &helper_info_simd_##HELPER, a->q, a->immh,        \
                        a->immb, a->rd, a->rn, RIGHT, false, false);         \
    }                                                                        \
    bool trans_##NAME##_s(DisasContext *s, arg_##NAME##_s *a)                \
    {                                                                        \
        return do_shift(s, &helper_info_simd_##HELPER, 1, a->immh, a->immb,  \
                        a->rd, a->rn, RIGHT, true, ONLY64_S);                \
    }

TRANS_SHIFT(SSHR, sshr, true, true)
TRANS_SHIFT(USHR, ushr, true, true)
TRANS_SHIFT(SSRA, ssra, true, true)
TRANS_SHIFT(USRA, usra, true, true)
TRANS_SHIFT(SRSHR, srshr, true, true)
TRANS_SHIFT(URSHR, urshr, true, true)
TRANS_SHIFT(SRSRA, srsra, true, true)
TRANS_SHIFT(URSRA, ursra, true, true)
TRANS_SHIFT(SRI, sri, true, true)
TRANS_SHIFT(SHL, shl, false, true)
TRANS_SHIFT(SLI, sli, false, true)
TRANS_SHIFT(SQSHLU, sqshlu, false, false)
TRANS_SHIFT(SQSHLI, sqshli, false, false)
TRANS_SHIFT(UQSHLI, uqshli, false, false)

/* Narrowing shifts: esz is the narrow (destination) size. */
static bool do_shift_narrow(DisasContext *s, const TCGHelperInfo *h,
                            int64_t q, int64_t immh, int64_t immb, int64_t rd,
                            int64_t rn, bool scalar)
{
    if (immh == 0 || (immh & 8)) {
        return false;
    }
    int esz = shift_esz(immh), immhb = (int)(immh << 3 | immb);
    int sh = (16 << esz) - immhb;
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, 0, 0, 4, esz,
                             (scalar ? 2 : (int)q) | sh << 8));
    }
    return true;
}

#define TRANS_SHIFT_NARROW(NAME, HELPER)                                     \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_shift_narrow(s, &helper_info_simd_##HELPER, a->q, a->immh, \
                               a->immb, a->rd, a->rn, false);                \
    }                                                                        \
    bool trans_##NAME##_s(DisasContext *s, arg_##NAME##_s *a)                \
    {                                                                        \
        return do_shift_narrow(s, &helper_info_simd_##HELPER, 0, a->immh,    \
                               a->immb, a->rd, a->rn, true);                 \
    }

bool trans_SHRN_v(DisasContext *s, arg_SHRN_v *a)
{
    return do_shift_narrow(s, &helper_info_simd_shrn, a->q, a->immh, a->immb,
                           a->rd, a->rn, false);
}

bool trans_RSHRN_v(DisasContext *s, arg_RSHRN_v *a)
{
    return do_shift_narrow(s, &helper_info_simd_rshrn, a->q, a->immh, a->immb,
                           a->rd, a->rn, false);
}

TRANS_SHIFT_NARROW(SQSHRN, sqshrn)
TRANS_SHIFT_NARROW(SQRSHRN, sqrshrn)
TRANS_SHIFT_NARROW(UQSHRN, uqshrn)
TRANS_SHIFT_NARROW(UQRSHRN, uqrshrn)
TRANS_SHIFT_NARROW(SQSHRUN, sqshrun)
TRANS_SHIFT_NARROW(SQRSHRUN, sqrshrun)

/* SSHLL/USHLL (UXTL/SXTL when the shift is 0): esz is the source size. */
static bool do_shift_long(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                          int64_t immh, int64_t immb, int64_t rd, int64_t rn)
{
    if (immh == 0 || (immh & 8)) {
        return false;
    }
    int esz = shift_esz(immh), sh = (int)(immh << 3 | immb) - (8 << esz);
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, 0, 0, 4, esz, (int)q | sh << 8));
    }
    return true;
}

bool trans_SSHLL_v(DisasContext *s, arg_SSHLL_v *a)
{
    return do_shift_long(s, &helper_info_simd_sshll, a->q, a->immh, a->immb,
                         a->rd, a->rn);
}

bool trans_USHLL_v(DisasContext *s, arg_USHLL_v *a)
{
    return do_shift_long(s, &helper_info_simd_ushll, a->q, a->immh, a->immb,
                         a->rd, a->rn);
}

/* SCVTF/UCVTF/FCVTZS/FCVTZU (fixed point, vector and scalar): immh gives
 * the FP size (001x half, with FEAT_FP16), the rest fbits. */
static bool do_fixed(DisasContext *s, bool to_int, bool uns, int64_t q,
                     int64_t immh, int64_t immb, int64_t rd, int64_t rn,
                     bool scalar)
{
    if (immh < 2 || (immh < 4 && !simd_have(s, ARM_FEAT_FP16))) {
        return false;
    }
    int esz = shift_esz(immh), fbits = (16 << esz) - (int)(immh << 3 | immb);
    if (esz == 3 && !q && !scalar) {
        return false;
    }
    if (fp_access_check(s)) {
        int oprsz = scalar ? esz : vec_oprsz_log2(q);
        int data = (uns ? 8 : 0) | fbits << 8 | (to_int ? ARM_FPRM_ZERO : 0);
        gen_vop(to_int ? &helper_info_simd_fcvt_to_int
                       : &helper_info_simd_cvtf_from_int,
                simd_desc((int)rd, (int)rn, 0, 0, oprsz, esz, data));
    }
    return true;
}

#define TRANS_FIXED(NAME, TO_INT, UNS)                                       \
    bool trans_##NAME##_vfix(DisasContext *s, arg_##NAME##_vfix *a)          \
    {                                                                        \
        return do_fixed(s, TO_INT, UNS, a->q, a->immh, a->immb, a->rd,       \
                        a->rn, false);                                       \
    }                                                                        \
    bool trans_##NAME##_sfix(DisasContext *s, arg_##NAME##_sfix *a)          \
    {                                                                        \
        return do_fixed(s, TO_INT, UNS, 1, a->immh, a->immb, a->rd, a->rn,   \
                        true);                                               \
    }

TRANS_FIXED(SCVTF, false, false)
TRANS_FIXED(UCVTF, false, true)
TRANS_FIXED(FCVTZS, true, false)
TRANS_FIXED(FCVTZU, true, true)

/* ---- by element ---- */

/* The element index and Vm number of the "x indexed element" classes for
 * integer sizes H and S, and FP sizes H (encoded as size 00, FEAT_FP16),
 * S and D. */
static bool idx_shape(int64_t size, int64_t h, int64_t l, int64_t m,
                      int64_t rm, bool fp, int *idx, int *reg)
{
    switch (size) {
    case 1:
        if (fp) {
            return false;
        }
        *idx = (int)(h << 2 | l << 1 | m);
        *reg = (int)rm;
        return true;
    case 0:
        if (!fp) {
            return false;
        }
        *idx = (int)(h << 2 | l << 1 | m);
        *reg = (int)rm;
        return true;
    case 2:
        *idx = (int)(h << 1 | l);
        *reg = (int)(m << 4 | rm);
        return true;
    case 3:
        if (!fp || l) {
            return false;
        }
        *idx = (int)h;
        *reg = (int)(m << 4 | rm);
        return true;
    default:
        return false;
    }
}

static bool do_idx(DisasContext *s, const TCGHelperInfo *hlp, int64_t q,
                   int64_t size, int64_t h, int64_t l, int64_t m, int64_t rm,
                   int64_t rd, int64_t rn, bool fp, bool scalar, bool is_long)
{
    int idx, reg;
    if ((hlp == &helper_info_simd_sqrdmlah_idx ||
         hlp == &helper_info_simd_sqrdmlsh_idx) && !simd_have(s, ARM_FEAT_RDM)) {
        return false;
    }
    if (!idx_shape(size, h, l, m, rm, fp, &idx, &reg) ||
        (fp && size == 3 && !q && !scalar) ||
        (fp && size == 0 && !simd_have(s, ARM_FEAT_FP16))) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    int esz = fp && size == 0 ? 1 : (int)size;
    int oprsz = is_long ? 4 : (scalar ? esz : vec_oprsz_log2(q));
    int data = idx << 8 | (is_long ? 4 | (scalar ? 2 : (int)q) : 0);
    gen_vop(hlp, simd_desc((int)rd, (int)rn, reg, 0, oprsz, esz, data));
    return true;
}

#define TRANS_IDX(NAME, HELPER, FP, LONG)                                    \
    bool trans_##NAME##_vi(DisasContext *s, arg_##NAME##_vi *a)              \
    {                                                                        \
        return do_idx(s, &helper_info_simd_##HELPER, a->q, a->size, a->h,    \
                      a->l, a->m, a->rm, a->rd, a->rn, FP, false, LONG);     \
    }
#define TRANS_IDX_S(NAME, HELPER, FP, LONG)                                  \
    bool trans_##NAME##_si(DisasContext *s, arg_##NAME##_si *a)              \
    {                                                                        \
        return do_idx(s, &helper_info_simd_##HELPER, 1, a->size, a->h, a->l, \
                      a->m, a->rm, a->rd, a->rn, FP, true, LONG);            \
    }

TRANS_IDX(MUL, mul_idx, false, false)
TRANS_IDX(MLA, mla_idx, false, false)
TRANS_IDX(MLS, mls_idx, false, false)
TRANS_IDX(SQDMULH, sqdmulh_idx, false, false)
TRANS_IDX(SQRDMULH, sqrdmulh_idx, false, false)
TRANS_IDX(SQRDMLAH, sqrdmlah_idx, false, false)
TRANS_IDX(SQRDMLSH, sqrdmlsh_idx, false, false)
TRANS_IDX(SMULL, smull_idx, false, true)
TRANS_IDX(UMULL, umull_idx, false, true)
TRANS_IDX(SMLAL, smlal_idx, false, true)
TRANS_IDX(UMLAL, umlal_idx, false, true)
TRANS_IDX(SMLSL, smlsl_idx, false, true)
TRANS_IDX(UMLSL, umlsl_idx, false, true)
TRANS_IDX(SQDMULL, sqdmull_idx, false, true)
TRANS_IDX(SQDMLAL, sqdmlal_idx, false, true)
TRANS_IDX(SQDMLSL, sqdmlsl_idx, false, true)
TRANS_IDX(FMUL, fmul_idx, true, false)
TRANS_IDX(FMULX, fmulx_idx, true, false)
TRANS_IDX(FMLA, fmla_idx, true, false)
TRANS_IDX(FMLS, fmls_idx, true, false)
TRANS_IDX_S(SQDMULH, sqdmulh_idx, false, false)
TRANS_IDX_S(SQRDMULH, sqrdmulh_idx, false, false)
TRANS_IDX_S(SQRDMLAH, sqrdmlah_idx, false, false)
TRANS_IDX_S(SQRDMLSH, sqrdmlsh_idx, false, false)
TRANS_IDX_S(SQDMULL, sqdmull_idx, false, true)
TRANS_IDX_S(SQDMLAL, sqdmlal_idx, false, true)
TRANS_IDX_S(SQDMLSL, sqdmlsl_idx, false, true)
TRANS_IDX_S(FMUL, fmul_idx, true, false)
TRANS_IDX_S(FMULX, fmulx_idx, true, false)
TRANS_IDX_S(FMLA, fmla_idx, true, false)
TRANS_IDX_S(FMLS, fmls_idx, true, false)

/* SDOT/UDOT (by element): size 2, index selects a 32-bit group of Vm */
static bool do_dot_idx(DisasContext *s, const TCGHelperInfo *hlp, int64_t q,
                       int64_t size, int64_t h, int64_t l, int64_t m,
                       int64_t rm, int64_t rd, int64_t rn)
{
    if (size != 2 || !simd_have(s, ARM_FEAT_DOTPROD)) {
        return false;
    }
    if (fp_access_check(s)) {
        int idx = (int)(h << 1 | l);
        gen_vop(hlp, simd_desc((int)rd, (int)rn, (int)(m << 4 | rm), 0,
                               vec_oprsz_log2(q), 2, idx << 8 | 4));
    }
    return true;
}

bool trans_SDOT_vi(DisasContext *s, arg_SDOT_vi *a)
{
    return do_dot_idx(s, &helper_info_simd_sdot_idx, a->q, a->size, a->h, a->l,
                      a->m, a->rm, a->rd, a->rn);
}

bool trans_UDOT_vi(DisasContext *s, arg_UDOT_vi *a)
{
    return do_dot_idx(s, &helper_info_simd_udot_idx, a->q, a->size, a->h, a->l,
                      a->m, a->rm, a->rd, a->rn);
}

/* SUDOT and USDOT by element (FEAT_I8MM) */
static bool do_usdot_idx(DisasContext *s, const TCGHelperInfo *hlp, int64_t q,
                         int64_t h, int64_t l, int64_t m, int64_t rm,
                         int64_t rd, int64_t rn)
{
    if (!simd_have(s, ARM_FEAT_I8MM)) {
        return false;
    }
    if (fp_access_check(s)) {
        int idx = (int)(h << 1 | l);
        gen_vop(hlp, simd_desc((int)rd, (int)rn, (int)(m << 4 | rm), 0,
                               vec_oprsz_log2(q), 2, idx << 8 | 4));
    }
    return true;
}

bool trans_SUDOT_vi(DisasContext *s, arg_SUDOT_vi *a)
{
    return do_usdot_idx(s, &helper_info_simd_sudot_idx, a->q, a->h, a->l, a->m,
                        a->rm, a->rd, a->rn);
}

bool trans_USDOT_vi(DisasContext *s, arg_USDOT_vi *a)
{
    return do_usdot_idx(s, &helper_info_simd_usdot_idx, a->q, a->h, a->l, a->m,
                        a->rm, a->rd, a->rn);
}
