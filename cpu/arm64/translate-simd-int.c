/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD integer arithmetic, vector and scalar forms (Arm ARM
 * C4.1.69: "three same", "three same extra", "two-register miscellaneous",
 * "across lanes", "pairwise", "three different"): checks the size/Q
 * combinations each instruction allows and emits one helper call through
 * the gen_vop funnel.
 */
#include "translate-simd.h"
#include "decode-a64.h"

/* Allowed (size, Q) pairs: bit size * 2 + Q. */
#define SZ_ALL   0xff
#define SZ_NO1D  0xbf   /* everything but size 3 with Q = 0 */
#define SZ_BHS   0x3f
#define SZ_B     0x03
#define SZ_BH    0x0f
#define SZ_HS    0x3c
#define SZ_S     0x30
#define SZ_ACROSS 0x2f  /* 8B 16B 4H 8H 4S */

static bool size_ok(unsigned allowed, int64_t size, int64_t q)
{
    return (allowed >> (size * 2 + q)) & 1;
}

static bool do_v3(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                  int64_t size, int64_t rd, int64_t rn, int64_t rm,
                  unsigned allowed)
{
    if (!size_ok(allowed, size, q)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(h, q, (int)size, (int)rd, (int)rn, (int)rm, 0);
    }
    return true;
}

#define TRANS_V3(NAME, HELPER, ALLOWED)                                      \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_v3(s, &helper_info_simd_##HELPER, a->q, a->size, a->rd,    \
                     a->rn, a->rm, ALLOWED);                                 \
    }

#define TRANS_V2(NAME, HELPER, ALLOWED)                                      \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_v3(s, &helper_info_simd_##HELPER, a->q, a->size, a->rd,    \
                     a->rn, 0, ALLOWED);                                     \
    }

/* three same */
TRANS_V3(SHADD, shadd, SZ_BHS)
TRANS_V3(UHADD, uhadd, SZ_BHS)
TRANS_V3(SRHADD, srhadd, SZ_BHS)
TRANS_V3(URHADD, urhadd, SZ_BHS)
TRANS_V3(SHSUB, shsub, SZ_BHS)
TRANS_V3(UHSUB, uhsub, SZ_BHS)
TRANS_V3(SQADD, sqadd, SZ_NO1D)
TRANS_V3(UQADD, uqadd, SZ_NO1D)
TRANS_V3(SQSUB, sqsub, SZ_NO1D)
TRANS_V3(UQSUB, uqsub, SZ_NO1D)
TRANS_V3(CMGT, cmgt, SZ_NO1D)
TRANS_V3(CMGE, cmge, SZ_NO1D)
TRANS_V3(CMHI, cmhi, SZ_NO1D)
TRANS_V3(CMHS, cmhs, SZ_NO1D)
TRANS_V3(CMTST, cmtst, SZ_NO1D)
TRANS_V3(CMEQ, cmeq, SZ_NO1D)
TRANS_V3(SSHL, sshl, SZ_NO1D)
TRANS_V3(USHL, ushl, SZ_NO1D)
TRANS_V3(SQSHL, sqshl, SZ_NO1D)
TRANS_V3(UQSHL, uqshl, SZ_NO1D)
TRANS_V3(SRSHL, srshl, SZ_NO1D)
TRANS_V3(URSHL, urshl, SZ_NO1D)
TRANS_V3(SQRSHL, sqrshl, SZ_NO1D)
TRANS_V3(UQRSHL, uqrshl, SZ_NO1D)
TRANS_V3(SMAX, smax, SZ_BHS)
TRANS_V3(SMIN, smin, SZ_BHS)
TRANS_V3(UMAX, umax, SZ_BHS)
TRANS_V3(UMIN, umin, SZ_BHS)
TRANS_V3(SABD, sabd, SZ_BHS)
TRANS_V3(UABD, uabd, SZ_BHS)
TRANS_V3(SABA, saba, SZ_BHS)
TRANS_V3(UABA, uaba, SZ_BHS)
TRANS_V3(ADD, add, SZ_NO1D)
TRANS_V3(SUB, sub, SZ_NO1D)
TRANS_V3(MLA, mla, SZ_BHS)
TRANS_V3(MLS, mls, SZ_BHS)
TRANS_V3(MUL, mul, SZ_BHS)
TRANS_V3(PMUL, pmul, SZ_B)
TRANS_V3(SMAXP, smaxp, SZ_BHS)
TRANS_V3(SMINP, sminp, SZ_BHS)
TRANS_V3(UMAXP, umaxp, SZ_BHS)
TRANS_V3(UMINP, uminp, SZ_BHS)
TRANS_V3(ADDP, addp, SZ_NO1D)
TRANS_V3(SQDMULH, sqdmulh, SZ_HS)
TRANS_V3(SQRDMULH, sqrdmulh, SZ_HS)
/* three same extra: FEAT_RDM and FEAT_DotProd */
#define TRANS_V3_FEAT(NAME, HELPER, ALLOWED, FEAT)                           \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return simd_have(s, ARM_FEAT_##FEAT) &&                              \
               do_v3(s, &helper_info_simd_##HELPER, a->q, a->size, a->rd,    \
                     a->rn, a->rm, ALLOWED);                                 \
    }
TRANS_V3_FEAT(SQRDMLAH, sqrdmlah, SZ_HS, RDM)
TRANS_V3_FEAT(SQRDMLSH, sqrdmlsh, SZ_HS, RDM)
TRANS_V3_FEAT(SDOT, sdot, SZ_S, DOTPROD)
TRANS_V3_FEAT(UDOT, udot, SZ_S, DOTPROD)
TRANS_V3_FEAT(USDOT, usdot, SZ_S, I8MM)

/* SMMLA/UMMLA/USMMLA (FEAT_I8MM): 4S += 16B x 16B, Q and size fixed */
static bool do_mmla(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                    int64_t size, int64_t rd, int64_t rn, int64_t rm)
{
    if (!simd_have(s, ARM_FEAT_I8MM) || !q || size != 2) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(h, 1, 2, (int)rd, (int)rn, (int)rm, 0);
    }
    return true;
}

bool trans_SMMLA(DisasContext *s, arg_SMMLA *a)
{
    return do_mmla(s, &helper_info_simd_smmla, a->q, a->size, a->rd, a->rn, a->rm);
}

bool trans_UMMLA(DisasContext *s, arg_UMMLA *a)
{
    return do_mmla(s, &helper_info_simd_ummla, a->q, a->size, a->rd, a->rn, a->rm);
}

bool trans_USMMLA(DisasContext *s, arg_USMMLA *a)
{
    return do_mmla(s, &helper_info_simd_usmmla, a->q, a->size, a->rd, a->rn,
                   a->rm);
}

/* two-register miscellaneous */
TRANS_V2(REV64, rev64, SZ_BHS)
TRANS_V2(REV32, rev32, SZ_BH)
TRANS_V2(REV16, rev16, SZ_B)
TRANS_V2(SADDLP, saddlp, SZ_BHS)
TRANS_V2(UADDLP, uaddlp, SZ_BHS)
TRANS_V2(SADALP, sadalp, SZ_BHS)
TRANS_V2(UADALP, uadalp, SZ_BHS)
TRANS_V2(SUQADD, suqadd, SZ_NO1D)
TRANS_V2(USQADD, usqadd, SZ_NO1D)
TRANS_V2(CLS, cls, SZ_BHS)
TRANS_V2(CLZ, clz, SZ_BHS)
TRANS_V2(CNT, cnt, SZ_B)
TRANS_V2(SQABS, sqabs, SZ_NO1D)
TRANS_V2(SQNEG, sqneg, SZ_NO1D)
TRANS_V2(ABS, abs, SZ_NO1D)
TRANS_V2(NEG, neg, SZ_NO1D)
TRANS_V2(CMGT0, cmgt0, SZ_NO1D)
TRANS_V2(CMGE0, cmge0, SZ_NO1D)
TRANS_V2(CMEQ0, cmeq0, SZ_NO1D)
TRANS_V2(CMLE0, cmle0, SZ_NO1D)
TRANS_V2(CMLT0, cmlt0, SZ_NO1D)

bool trans_RBIT_v(DisasContext *s, arg_RBIT_v *a)
{
    return do_v3(s, &helper_info_simd_rbit, a->q, 0, a->rd, a->rn, 0, SZ_B);
}

/* XTN/SQXTN/UQXTN/SQXTUN and SHLL: size is the narrow element, Q the "2"
 * (upper half) form; data bit 0 the part, bit 1 scalar, bits 15:8 shift. */
static bool do_narrow(DisasContext *s, const TCGHelperInfo *h, int64_t size,
                      int64_t part, bool scalar, int shift, int64_t rd,
                      int64_t rn)
{
    if (size == 3) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, 0, 0, 4, (int)size,
                             part | (scalar ? 2 : 0) | shift << 8));
    }
    return true;
}

#define TRANS_NARROW(NAME, HELPER)                                           \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_narrow(s, &helper_info_simd_##HELPER, a->size, a->q,       \
                         false, 0, a->rd, a->rn);                            \
    }                                                                        \
    bool trans_##NAME##_s(DisasContext *s, arg_##NAME##_s *a)                \
    {                                                                        \
        return do_narrow(s, &helper_info_simd_##HELPER, a->size, 0, true, 0, \
                         a->rd, a->rn);                                      \
    }

bool trans_XTN_v(DisasContext *s, arg_XTN_v *a)
{
    return do_narrow(s, &helper_info_simd_xtn, a->size, a->q, false, 0, a->rd,
                     a->rn);
}

TRANS_NARROW(SQXTN, sqxtn)
TRANS_NARROW(UQXTN, uqxtn)
TRANS_NARROW(SQXTUN, sqxtun)

bool trans_SHLL_v(DisasContext *s, arg_SHLL_v *a)
{
    return do_narrow(s, &helper_info_simd_shll, a->size, a->q, false,
                     8 << a->size, a->rd, a->rn);
}

/* across lanes: the result is a scalar of the element (or wider) size */
#define TRANS_ACROSS(NAME, HELPER)                                           \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a)                        \
    {                                                                        \
        return do_v3(s, &helper_info_simd_##HELPER, a->q, a->size, a->rd,    \
                     a->rn, 0, SZ_ACROSS);                                   \
    }

TRANS_ACROSS(ADDV, addv)
TRANS_ACROSS(SADDLV, saddlv)
TRANS_ACROSS(UADDLV, uaddlv)
TRANS_ACROSS(SMAXV, smaxv)
TRANS_ACROSS(SMINV, sminv)
TRANS_ACROSS(UMAXV, umaxv)
TRANS_ACROSS(UMINV, uminv)

/* ---- three different: size is the narrow element, Q the "2" form ---- */

static bool do_long(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                    int64_t size, int64_t rd, int64_t rn, int64_t rm,
                    unsigned allowed_sizes)
{
    if (!((allowed_sizes >> size) & 1)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, (int)rm, 0, 4, (int)size, q));
    }
    return true;
}

#define TRANS_LONG(NAME, HELPER, SIZES)                                      \
    bool trans_##NAME##_v(DisasContext *s, arg_##NAME##_v *a)                \
    {                                                                        \
        return do_long(s, &helper_info_simd_##HELPER, a->q, a->size, a->rd,  \
                       a->rn, a->rm, SIZES);                                 \
    }

TRANS_LONG(SADDL, saddl, 7)
TRANS_LONG(UADDL, uaddl, 7)
TRANS_LONG(SSUBL, ssubl, 7)
TRANS_LONG(USUBL, usubl, 7)
TRANS_LONG(SADDW, saddw, 7)
TRANS_LONG(UADDW, uaddw, 7)
TRANS_LONG(SSUBW, ssubw, 7)
TRANS_LONG(USUBW, usubw, 7)
TRANS_LONG(ADDHN, addhn, 7)
TRANS_LONG(RADDHN, raddhn, 7)
TRANS_LONG(SUBHN, subhn, 7)
TRANS_LONG(RSUBHN, rsubhn, 7)
TRANS_LONG(SABAL, sabal, 7)
TRANS_LONG(UABAL, uabal, 7)
TRANS_LONG(SABDL, sabdl, 7)
TRANS_LONG(UABDL, uabdl, 7)
TRANS_LONG(SMLAL, smlal, 7)
TRANS_LONG(UMLAL, umlal, 7)
TRANS_LONG(SMLSL, smlsl, 7)
TRANS_LONG(UMLSL, umlsl, 7)
TRANS_LONG(SMULL, smull, 7)
TRANS_LONG(UMULL, umull, 7)
TRANS_LONG(SQDMLAL, sqdmlal, 6)
TRANS_LONG(SQDMLSL, sqdmlsl, 6)
TRANS_LONG(SQDMULL, sqdmull, 6)
/* PMULL: 8-bit, or 64-bit (FEAT_PMULL) */
bool trans_PMULL_v(DisasContext *s, arg_PMULL_v *a)
{
    unsigned sizes = simd_have(s, ARM_FEAT_PMULL) ? 9 : 1;
    return do_long(s, &helper_info_simd_pmull, a->q, a->size, a->rd, a->rn,
                   a->rm, sizes);
}

/* ---- scalar forms ---- */

static bool do_s3(DisasContext *s, const TCGHelperInfo *h, int64_t size,
                  int64_t rd, int64_t rn, int64_t rm, unsigned allowed_sizes)
{
    if (!((allowed_sizes >> size) & 1)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_sop3(h, (int)size, (int)rd, (int)rn, (int)rm, 0);
    }
    return true;
}

#define TRANS_S3(NAME, HELPER, SIZES)                                        \
    bool trans_##NAME##_s(DisasContext *s, arg_##NAME##_s *a)                \
    {                                                                        \
        return do_s3(s, &helper_info_simd_##HELPER, a->size, a->rd, a->rn,   \
                     a->rm, SIZES);                                          \
    }

#define TRANS_S2(NAME, HELPER, SIZES)                                        \
    bool trans_##NAME##_s(DisasContext *s, arg_##NAME##_s *a)                \
    {                                                                        \
        return do_s3(s, &helper_info_simd_##HELPER, a->size, a->rd, a->rn,   \
                     0, SIZES);                                              \
    }

TRANS_S3(SQADD, sqadd, 15)
TRANS_S3(UQADD, uqadd, 15)
TRANS_S3(SQSUB, sqsub, 15)
TRANS_S3(UQSUB, uqsub, 15)
TRANS_S3(CMGT, cmgt, 8)
TRANS_S3(CMGE, cmge, 8)
TRANS_S3(CMHI, cmhi, 8)
TRANS_S3(CMHS, cmhs, 8)
TRANS_S3(CMTST, cmtst, 8)
TRANS_S3(CMEQ, cmeq, 8)
TRANS_S3(SSHL, sshl, 8)
TRANS_S3(USHL, ushl, 8)
TRANS_S3(SRSHL, srshl, 8)
TRANS_S3(URSHL, urshl, 8)
TRANS_S3(SQSHL, sqshl, 15)
TRANS_S3(UQSHL, uqshl, 15)
TRANS_S3(SQRSHL, sqrshl, 15)
TRANS_S3(UQRSHL, uqrshl, 15)
TRANS_S3(ADD, add, 8)
TRANS_S3(SUB, sub, 8)
TRANS_S3(SQDMULH, sqdmulh, 6)
TRANS_S3(SQRDMULH, sqrdmulh, 6)

bool trans_SQRDMLAH_s(DisasContext *s, arg_SQRDMLAH_s *a)
{
    return simd_have(s, ARM_FEAT_RDM) &&
           do_s3(s, &helper_info_simd_sqrdmlah, a->size, a->rd, a->rn, a->rm, 6);
}

bool trans_SQRDMLSH_s(DisasContext *s, arg_SQRDMLSH_s *a)
{
    return simd_have(s, ARM_FEAT_RDM) &&
           do_s3(s, &helper_info_simd_sqrdmlsh, a->size, a->rd, a->rn, a->rm, 6);
}

TRANS_S2(SUQADD, suqadd, 15)
TRANS_S2(USQADD, usqadd, 15)
TRANS_S2(SQABS, sqabs, 15)
TRANS_S2(SQNEG, sqneg, 15)
TRANS_S2(ABS, abs, 8)
TRANS_S2(NEG, neg, 8)
TRANS_S2(CMGT0, cmgt0, 8)
TRANS_S2(CMGE0, cmge0, 8)
TRANS_S2(CMEQ0, cmeq0, 8)
TRANS_S2(CMLE0, cmle0, 8)
TRANS_S2(CMLT0, cmlt0, 8)

/* scalar three different: SQDMLAL/SQDMLSL/SQDMULL, sizes H and S */
static bool do_long_s(DisasContext *s, const TCGHelperInfo *h, int64_t size,
                      int64_t rd, int64_t rn, int64_t rm)
{
    if (size != 1 && size != 2) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, (int)rm, 0, 4, (int)size, 2));
    }
    return true;
}

bool trans_SQDMLAL_s(DisasContext *s, arg_SQDMLAL_s *a)
{
    return do_long_s(s, &helper_info_simd_sqdmlal, a->size, a->rd, a->rn, a->rm);
}

bool trans_SQDMLSL_s(DisasContext *s, arg_SQDMLSL_s *a)
{
    return do_long_s(s, &helper_info_simd_sqdmlsl, a->size, a->rd, a->rn, a->rm);
}

bool trans_SQDMULL_s(DisasContext *s, arg_SQDMULL_s *a)
{
    return do_long_s(s, &helper_info_simd_sqdmull, a->size, a->rd, a->rn, a->rm);
}

/* ADDP (scalar): the two D elements of Vn */
bool trans_ADDP_s(DisasContext *s, arg_ADDP_s *a)
{
    if (a->size != 3) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(&helper_info_simd_addp,
                simd_desc((int)a->rd, (int)a->rn, 0, 0, 4, 3, 1));
    }
    return true;
}
