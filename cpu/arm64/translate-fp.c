/* SPDX-License-Identifier: MIT */
/*
 * Scalar floating point (Arm ARM C4.1.69: "Floating-point data-processing
 * (1, 2, 3 source)", "compare", "conditional compare", "conditional
 * select", "immediate", and the conversions to and from fixed point and
 * integers).  Arithmetic calls the helpers with one-element descriptors;
 * moves, FABS/FNEG, FCSEL and FMOV stay inline.
 */
#include "translate-simd.h"
#include "decode-a64.h"
#include "fpu.h"

/* ftype -> element size: 00 single, 01 double, 11 half; -1 if reserved or
 * (except for FCVT) half precision without FEAT_FP16. */
static int fp_type_esz(int64_t type, bool half_ok)
{
    switch (type) {
    case 0: return 2;
    case 1: return 3;
    case 3: return half_ok ? 1 : -1;
    default: return -1;
    }
}

/* NZCV globals from a 4-bit NZCV value (see translate-flags.c). */
static void gen_set_nzcv4(TCGv nzcv)
{
    TCGv t = tcg_temp_new();
    tcg_gen_shli_i64(cpu_NF, nzcv, 60);
    tcg_gen_andi_i64(t, nzcv, 4);
    tcg_gen_xori_i64(cpu_ZF, t, 4);
    tcg_gen_extract_i64(cpu_CF, nzcv, 1, 1);
    tcg_gen_shli_i64(cpu_VF, nzcv, 63);
}

/* ---- 1 source ---- */

bool trans_FMOV_r(DisasContext *s, arg_FMOV_r *a)
{
    int esz = fp_type_esz(a->type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        TCGv t = tcg_temp_new();
        gen_vreg_ld_elt(t, (int)a->rn, 0, esz, false);
        gen_vreg_write_scalar((int)a->rd, t, esz);
    }
    return true;
}

/* FABS/FNEG only touch the sign bit: no flags, no flushing. */
static bool do_fsign(DisasContext *s, int64_t type, int64_t rd, int64_t rn,
                     bool neg)
{
    int esz = fp_type_esz(type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        TCGv t = tcg_temp_new();
        int64_t sign = (int64_t)(1ull << ((8 << esz) - 1));
        gen_vreg_ld_elt(t, (int)rn, 0, esz, false);
        if (neg) {
            tcg_gen_xori_i64(t, t, sign);
        } else {
            tcg_gen_andi_i64(t, t, ~sign);
        }
        gen_vreg_write_scalar((int)rd, t, esz);
    }
    return true;
}

bool trans_FABS_r(DisasContext *s, arg_FABS_r *a)
{
    return do_fsign(s, a->type, a->rd, a->rn, false);
}

bool trans_FNEG_r(DisasContext *s, arg_FNEG_r *a)
{
    return do_fsign(s, a->type, a->rd, a->rn, true);
}

static bool do_fp1(DisasContext *s, const TCGHelperInfo *h, int64_t type,
                   int64_t rd, int64_t rn, int data)
{
    int esz = fp_type_esz(type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_sop3(h, esz, (int)rd, (int)rn, 0, data);
    }
    return true;
}

bool trans_FSQRT_r(DisasContext *s, arg_FSQRT_r *a)
{
    return do_fp1(s, &helper_info_simd_fsqrt, a->type, a->rd, a->rn, 0);
}

/* FCVT between precisions: opc 00 single, 01 double, 11 half */
static bool do_fcvt_prec(DisasContext *s, int64_t type, int tesz, int64_t rd,
                         int64_t rn)
{
    int esz = fp_type_esz(type, true);
    if (esz < 0 || esz == tesz) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(&helper_info_simd_fcvt_prec,
                simd_desc((int)rd, (int)rn, 0, 0, esz, esz, tesz));
    }
    return true;
}

bool trans_FCVT_r(DisasContext *s, arg_FCVT_r *a)
{
    return do_fcvt_prec(s, a->type, a->opc ? 3 : 2, a->rd, a->rn);
}

bool trans_FCVT_rh(DisasContext *s, arg_FCVT_rh *a)
{
    return do_fcvt_prec(s, a->type, 1, a->rd, a->rn);
}

bool trans_FRINT_r(DisasContext *s, arg_FRINT_r *a)
{
    /* N P M Z A - X I */
    static const int rm_data[8] = {
        ARM_FPRM_TIEEVEN, ARM_FPRM_POSINF, ARM_FPRM_NEGINF, ARM_FPRM_ZERO,
        ARM_FPRM_TIEAWAY, -1, SIMD_FP_RM_FPCR | 8, SIMD_FP_RM_FPCR,
    };
    if (rm_data[a->rm] < 0) {
        return false;
    }
    return do_fp1(s, &helper_info_simd_frint, a->type, a->rd, a->rn,
                  rm_data[a->rm]);
}

bool trans_FRINT3264_r(DisasContext *s, arg_FRINT3264_r *a)
{
    if (a->type > 1 || !simd_have(s, ARM_FEAT_FRINTTS)) {
        return false;
    }
    return do_fp1(s, &helper_info_simd_frint32, a->type, a->rd, a->rn,
                  (int)(a->w64 | a->x << 1));
}

/* ---- compares ---- */

bool trans_FCMP(DisasContext *s, arg_FCMP *a)
{
    int esz = fp_type_esz(a->type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        TCGv nzcv = gen_vop_ret(&helper_info_simd_fcmp,
                                simd_desc(0, (int)a->rn, (int)a->rm, 0, esz,
                                          esz, (int)(a->z | a->e << 1)));
        gen_set_nzcv4(nzcv);
    }
    return true;
}

bool trans_FCCMP(DisasContext *s, arg_FCCMP *a)
{
    int esz = fp_type_esz(a->type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        TCGv cond = tcg_temp_new();
        gen_setcond_cc((int)a->cond, cond);
        TCGv nzcv = gen_vop_x_ret(&helper_info_simd_fccmp,
                                  simd_desc(0, (int)a->rn, (int)a->rm, 0, esz,
                                            esz, (int)(a->e << 1 | a->nzcv << 4)),
                                  cond);
        gen_set_nzcv4(nzcv);
    }
    return true;
}

/* ---- immediate, 2 source, select, 3 source ---- */

/* VFPExpandImm() */
static uint64_t vfp_expand_imm(int esz, uint64_t imm8)
{
    uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, frac = imm8 & 0x3f;
    switch (esz) {
    case 1:
        return sign << 15 | (b6 ^ 1) << 14 | (b6 ? 3ull << 12 : 0) | frac << 6;
    case 2:
        return sign << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1full << 25 : 0) |
               frac << 19;
    default:
        return sign << 63 | (b6 ^ 1) << 62 | (b6 ? 0xffull << 54 : 0) |
               frac << 48;
    }
}

bool trans_FMOV_imm(DisasContext *s, arg_FMOV_imm *a)
{
    int esz = fp_type_esz(a->type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vreg_write_scalar((int)a->rd,
                              tcg_constant((int64_t)vfp_expand_imm(esz, (uint64_t)a->imm)),
                              esz);
    }
    return true;
}

static bool do_fp2(DisasContext *s, const TCGHelperInfo *h, int64_t type,
                   int64_t rd, int64_t rn, int64_t rm)
{
    int esz = fp_type_esz(type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_sop3(h, esz, (int)rd, (int)rn, (int)rm, 0);
    }
    return true;
}

#define TRANS_FP2R(NAME, HELPER)                                             \
    bool trans_##NAME##_r(DisasContext *s, arg_##NAME##_r *a)                \
    {                                                                        \
        return do_fp2(s, &helper_info_simd_##HELPER, a->type, a->rd, a->rn,  \
                      a->rm);                                                \
    }

TRANS_FP2R(FMUL, fmul)
TRANS_FP2R(FDIV, fdiv)
TRANS_FP2R(FADD, fadd)
TRANS_FP2R(FSUB, fsub)
TRANS_FP2R(FMAX, fmax)
TRANS_FP2R(FMIN, fmin)
TRANS_FP2R(FMAXNM, fmaxnm)
TRANS_FP2R(FMINNM, fminnm)
TRANS_FP2R(FNMUL, fnmul)

bool trans_FCSEL(DisasContext *s, arg_FCSEL *a)
{
    int esz = fp_type_esz(a->type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        TCGv n = tcg_temp_new(), m = tcg_temp_new(), c = tcg_temp_new();
        gen_vreg_ld_elt(n, (int)a->rn, 0, esz, false);
        gen_vreg_ld_elt(m, (int)a->rm, 0, esz, false);
        gen_setcond_cc((int)a->cond, c);
        tcg_gen_movcond_i64(TCG_COND_NE, n, c, tcg_constant(0), n, m);
        gen_vreg_write_scalar((int)a->rd, n, esz);
    }
    return true;
}

static bool do_fp3src(DisasContext *s, const TCGHelperInfo *h, int64_t type,
                      int64_t rd, int64_t rn, int64_t rm, int64_t ra)
{
    int esz = fp_type_esz(type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, (int)rm, (int)ra, esz, esz, 0));
    }
    return true;
}

#define TRANS_FP3SRC(NAME, HELPER)                                           \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a)                        \
    {                                                                        \
        return do_fp3src(s, &helper_info_simd_##HELPER, a->type, a->rd,      \
                         a->rn, a->rm, a->ra);                               \
    }

TRANS_FP3SRC(FMADD, fmadd)
TRANS_FP3SRC(FMSUB, fmsub)
TRANS_FP3SRC(FNMADD, fnmadd)
TRANS_FP3SRC(FNMSUB, fnmsub)

/* ---- conversions with general registers ---- */

/* FP -> integer in Xd/Wd; rm an ARMFPRounding, fbits 0 for integers. */
static bool do_fcvt_gpr(DisasContext *s, int64_t sf, int64_t type, bool uns,
                        int rm, int fbits, int64_t rd, int64_t rn)
{
    int esz = fp_type_esz(type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        int data = rm | (uns ? 8 : 0) | (sf ? 16 : 0) | fbits << 8;
        TCGv r = gen_vop_ret(&helper_info_simd_fcvt_to_gpr,
                             simd_desc(0, (int)rn, 0, 0, esz, esz, data));
        tcg_gen_mov_i64(cpu_reg(s, (int)rd), r);
    }
    return true;
}

/* integer -> FP from Xn/Wn */
static bool do_cvtf_gpr(DisasContext *s, int64_t sf, int64_t type, bool uns,
                        int fbits, int64_t rd, int64_t rn)
{
    int esz = fp_type_esz(type, simd_have(s, ARM_FEAT_FP16));
    if (esz < 0) {
        return false;
    }
    if (fp_access_check(s)) {
        int data = (uns ? 8 : 0) | (sf ? 16 : 0) | fbits << 8;
        gen_vop_x(&helper_info_simd_cvtf_from_gpr,
                  simd_desc((int)rd, 0, 0, 0, esz, esz, data),
                  read_cpu_reg(s, (int)rn, true));
    }
    return true;
}

bool trans_FCVT_gen(DisasContext *s, arg_FCVT_gen *a)
{
    return do_fcvt_gpr(s, a->sf, a->type, a->uns, (int)a->rmode, 0, a->rd,
                       a->rn);
}

bool trans_FCVTA_gen(DisasContext *s, arg_FCVTA_gen *a)
{
    return do_fcvt_gpr(s, a->sf, a->type, a->uns, ARM_FPRM_TIEAWAY, 0, a->rd,
                       a->rn);
}

bool trans_CVTF_gen(DisasContext *s, arg_CVTF_gen *a)
{
    return do_cvtf_gpr(s, a->sf, a->type, a->uns, 0, a->rd, a->rn);
}

/* fixed point: fbits = 64 - scale, at most 32 for a W register */
bool trans_SCVTF_fix(DisasContext *s, arg_SCVTF_fix *a)
{
    return (a->sf || (a->scale & 32)) &&
           do_cvtf_gpr(s, a->sf, a->type, false, 64 - (int)a->scale, a->rd,
                       a->rn);
}

bool trans_UCVTF_fix(DisasContext *s, arg_UCVTF_fix *a)
{
    return (a->sf || (a->scale & 32)) &&
           do_cvtf_gpr(s, a->sf, a->type, true, 64 - (int)a->scale, a->rd,
                       a->rn);
}

bool trans_FCVTZS_fix(DisasContext *s, arg_FCVTZS_fix *a)
{
    return (a->sf || (a->scale & 32)) &&
           do_fcvt_gpr(s, a->sf, a->type, false, ARM_FPRM_ZERO,
                       64 - (int)a->scale, a->rd, a->rn);
}

bool trans_FCVTZU_fix(DisasContext *s, arg_FCVTZU_fix *a)
{
    return (a->sf || (a->scale & 32)) &&
           do_fcvt_gpr(s, a->sf, a->type, true, ARM_FPRM_ZERO,
                       64 - (int)a->scale, a->rd, a->rn);
}

/* FMOV between general and FP registers: Wd<->Sn, Xd<->Dn, Xd<->Vn.D[1]
 * (and Wd/Xd<->Hn with FEAT_FP16). */
bool trans_FMOV_gen(DisasContext *s, arg_FMOV_gen *a)
{
    int esz, half = 0;
    switch (a->type << 2 | a->sf << 1 | a->rmode) {
    case 0 << 2 | 0 << 1 | 0: esz = 2; break;
    case 1 << 2 | 1 << 1 | 0: esz = 3; break;
    case 2 << 2 | 1 << 1 | 1: esz = 3; half = 1; break;
    case 3 << 2 | 0 << 1 | 0:
    case 3 << 2 | 1 << 1 | 0:
        if (!simd_have(s, ARM_FEAT_FP16)) {
            return false;
        }
        esz = 1;
        break;
    default:
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    int rd = (int)a->rd, rn = (int)a->rn;
    if (a->tofp) {
        TCGv x = read_cpu_reg(s, rn, true);
        if (half) {
            gen_vreg_write_d(rd, 1, x);
        } else {
            gen_vreg_write_scalar(rd, x, esz);
        }
    } else {
        TCGv t = tcg_temp_new();
        gen_vreg_ld_elt(t, rn, half, esz, false);
        tcg_gen_mov_i64(cpu_reg(s, rd), t);
    }
    return true;
}

/* FJCVTZS (FEAT_JSCVT): Wd = the JavaScript conversion, Z set when exact */
bool trans_FJCVTZS(DisasContext *s, arg_FJCVTZS *a)
{
    if (!simd_have(s, ARM_FEAT_JSCVT)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv r = gen_vop_ret(&helper_info_simd_fjcvtzs,
                         simd_desc(0, (int)a->rn, 0, 0, 3, 3, 0));
    TCGv z = tcg_temp_new();
    tcg_gen_shri_i64(z, r, 32);
    tcg_gen_ext32u_i64(cpu_reg(s, (int)a->rd), r);
    /* ZF == 0 means Z set */
    tcg_gen_xori_i64(cpu_ZF, z, 1);
    tcg_gen_movi_i64(cpu_NF, 0);
    tcg_gen_movi_i64(cpu_CF, 0);
    tcg_gen_movi_i64(cpu_VF, 0);
    return true;
}
