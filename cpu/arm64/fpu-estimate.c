/* SPDX-License-Identifier: MIT */
/*
 * AArch64 estimate instructions: FRECPE, FRSQRTE, FRECPX and the integer
 * URECPE/URSQRTE.  The architecture defines the 8-bit estimates by
 * RecipEstimate() and RecipSqrtEstimate(); they are computed here exactly as
 * the pseudocode does (not from a copied table).  FEAT_RPRES's 12-bit
 * estimates only apply with FPCR.AH=1, which is not modelled.
 */
#include "cpu/arm64/fpu-internal.h"

#define FRAC52_MASK ((1ull << 52) - 1)

/* RecipEstimate(): a in [256, 512) is 0.5 <= x < 1.0 in steps of 1/512. */
static uint32_t recip_estimate(uint32_t a)
{
    a = a * 2 + 1;                      /* round to nearest */
    uint32_t b = (1u << 19) / a;
    return (b + 1) / 2;                 /* round to nearest, in [256, 512) */
}

/* RecipSqrtEstimate(): a in [128, 512) is 0.25 <= x < 1.0. */
static uint32_t recip_sqrt_estimate(uint32_t a)
{
    if (a < 256) {
        a = a * 2 + 1;                  /* units of 1/512, rounded */
    } else {
        a = (a >> 1) << 1;              /* drop the bottom bit */
        a = (a + 1) * 2;                /* units of 1/256, rounded */
    }
    /* Largest b with a * b^2 < 2^28, starting the pseudocode's search at
     * 512; a * b^2 stays below 2^37, so 64-bit arithmetic is exact. */
    uint64_t b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28))
        b++;
    return (uint32_t)(b + 1) / 2;
}

/* FPRecipEstimate(). */
static uint64_t fp_recpe(FPFmt f, uint64_t x, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    ARMFPRounding rm = arm_fp_rounding_mode(fpcr);
    FPVal v = fp_unpack(f, x, fpcr, st);
    const int F = fp_fbits(f), bias = fp_bias(f);

    if (fp_is_nan_type(v.type))
        return fp_process_nan(f, v.type, x, fpcr, st);
    if (v.type == FPT_INF)
        return fp_zero(f, v.sign);
    if (v.type == FPT_ZERO) {
        fp_raise(st, ARM_FPSR_DZC);
        return fp_inf(f, v.sign);
    }
    if (v.exp < -(bias + 1)) {
        /* |x| < 2^-(bias+1): the reciprocal overflows. */
        bool to_inf = rm == ARM_FPRM_TIEEVEN ||
                      (rm == ARM_FPRM_POSINF && !v.sign) ||
                      (rm == ARM_FPRM_NEGINF && v.sign);
        fp_raise(st, ARM_FPSR_OFC | ARM_FPSR_IXC);
        return to_inf ? fp_inf(f, v.sign) : fp_max_normal(f, v.sign);
    }
    if (fp_fz(f, fpcr) && v.exp >= bias - 1) {
        /* The reciprocal would be denormal: flushed. */
        fp_raise(st, ARM_FPSR_UFC);
        return fp_zero(f, v.sign);
    }

    /* Scale to 0.5 <= m < 1.0 using the raw fields, as the pseudocode does
     * in a 52-bit fraction; a denormal operand has exp -1 or 0. */
    uint64_t fraction = (x & fp_frac_mask(f)) << (52 - F);
    int exp = (int)fp_exp_field(f, x);
    if (exp == 0) {
        if (!(fraction >> 51 & 1)) {
            exp = -1;
            fraction = (fraction << 2) & FRAC52_MASK;
        } else {
            fraction = (fraction << 1) & FRAC52_MASK;
        }
    }
    uint32_t scaled = 256 | (uint32_t)(fraction >> 44);
    int result_exp = 2 * bias - 1 - exp;
    uint32_t estimate = recip_estimate(scaled);

    fraction = (uint64_t)(estimate & 0xff) << 44;
    if (result_exp == 0) {
        fraction = (1ull << 51) | (fraction >> 1);
    } else if (result_exp == -1) {
        fraction = (1ull << 50) | (fraction >> 2);
        result_exp = 0;
    }
    return fp_zero(f, v.sign) | ((uint64_t)result_exp << F) | (fraction >> (52 - F));
}

/* FPRSqrtEstimate(). */
static uint64_t fp_rsqrte(FPFmt f, uint64_t x, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v = fp_unpack(f, x, fpcr, st);
    const int F = fp_fbits(f), bias = fp_bias(f);

    if (fp_is_nan_type(v.type))
        return fp_process_nan(f, v.type, x, fpcr, st);
    if (v.type == FPT_ZERO) {
        fp_raise(st, ARM_FPSR_DZC);
        return fp_inf(f, v.sign);
    }
    if (v.sign) {
        fp_raise(st, ARM_FPSR_IOC);
        return fp_default_nan(f);
    }
    if (v.type == FPT_INF)
        return fp_zero(f, false);

    /* Scale to 0.25 <= m < 1.0 keeping the exponent's parity; a denormal
     * is normalised first, its exponent going negative. */
    uint64_t fraction = (x & fp_frac_mask(f)) << (52 - F);
    int exp = (int)fp_exp_field(f, x);
    if (exp == 0) {
        while (!(fraction >> 51 & 1)) {
            fraction = (fraction << 1) & FRAC52_MASK;
            exp--;
        }
        fraction = (fraction << 1) & FRAC52_MASK;
    }
    /* An odd biased exponent is an even power of two (the bias is odd):
     * scale into [0.25, 0.5); otherwise into [0.5, 1.0). */
    uint32_t scaled = (exp & 1) ? 128 | (uint32_t)(fraction >> 45)
                                : 256 | (uint32_t)(fraction >> 44);
    int result_exp = (3 * bias - 1 - exp) / 2;
    uint32_t estimate = recip_sqrt_estimate(scaled);

    return ((uint64_t)result_exp << F) | ((uint64_t)(estimate & 0xff) << (F - 8));
}

/* FPRecpX(): only the exponent, inverted; zeros and denormals give the
 * largest normal exponent.  No flags other than IDC and NaN ones. */
static uint64_t fp_recpx(FPFmt f, uint64_t x, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v = fp_unpack(f, x, fpcr, st);
    uint32_t emask = (1u << fp_ebits(f)) - 1;
    uint32_t exp = fp_exp_field(f, x);

    if (fp_is_nan_type(v.type))
        return fp_process_nan(f, v.type, x, fpcr, st);
    exp = exp == 0 ? emask - 1 : ~exp & emask;
    return fp_zero(f, v.sign) | ((uint64_t)exp << fp_fbits(f));
}

/* UnsignedRecipEstimate(): operands below 2^31 give all ones. */
uint32_t arm_fp_urecpe(uint32_t a)
{
    if (!(a >> 31))
        return 0xffffffffu;
    return (recip_estimate(a >> 23) & 0x1ff) << 23;
}

/* UnsignedRSqrtEstimate(): operands below 2^30 give all ones. */
uint32_t arm_fp_ursqrte(uint32_t a)
{
    if (!(a >> 30))
        return 0xffffffffu;
    return (recip_sqrt_estimate(a >> 23) & 0x1ff) << 23;
}

#define FP_ESTIMATE_WRAPPERS(SFX, T, FMT)                                    \
    T arm_fp_recpe_##SFX(T a, ARMFPStatus *st)                               \
    { return (T)fp_recpe(FMT, a, st); }                                      \
    T arm_fp_rsqrte_##SFX(T a, ARMFPStatus *st)                              \
    { return (T)fp_rsqrte(FMT, a, st); }                                     \
    T arm_fp_recpx_##SFX(T a, ARMFPStatus *st)                               \
    { return (T)fp_recpx(FMT, a, st); }

FP_ESTIMATE_WRAPPERS(h, uint16_t, FP16)
FP_ESTIMATE_WRAPPERS(s, uint32_t, FP32)
FP_ESTIMATE_WRAPPERS(d, uint64_t, FP64)
