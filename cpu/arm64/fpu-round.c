/* SPDX-License-Identifier: MIT */
/*
 * AArch64 round to integral: FRINTN/A/P/M/Z/X/I (FPRoundInt) and the
 * FEAT_FRINTTS forms FRINT32Z/32X/64Z/64X (FPRoundIntN), which also clamp
 * to the range of a 32- or 64-bit integer.
 */
#include "cpu/arm64/fpu-internal.h"

/* An integer magnitude 1 <= m < 2^64 as a float of format f (exact). */
static uint64_t fp_from_int_mag(FPFmt f, bool sign, uint64_t m, uint32_t fpcr,
                                ARMFPStatus *st)
{
    int lz = __builtin_clzll(m);
    return fp_round(f, sign, 63 - lz, m << lz, fpcr, ARM_FPRM_ZERO, st);
}

/* FPRoundInt(): a zero result keeps the operand's sign (-0.3 -> -0.0). */
static uint64_t fp_round_int(FPFmt f, uint64_t x, ARMFPRounding rm, bool exact,
                             ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v = fp_unpack(f, x, fpcr, st);
    uint64_t ipart, r;
    FPFrac frac;

    if (fp_is_nan_type(v.type))
        return fp_process_nan(f, v.type, x, fpcr, st);
    if (v.type == FPT_INF)
        return fp_inf(f, v.sign);
    if (v.type == FPT_ZERO)
        return fp_zero(f, v.sign);
    /* With F fraction bits, a value of at least 2^F is already integral. */
    if (v.exp >= fp_fbits(f))
        return x;

    fp_split_int(&v, 0, &ipart, &frac);
    ipart += fp_round_up_mag(rm, v.sign, ipart & 1, frac);
    r = ipart == 0 ? fp_zero(f, v.sign) : fp_from_int_mag(f, v.sign, ipart, fpcr, st);
    if (exact && frac != FRAC_ZERO)
        fp_raise(st, ARM_FPSR_IXC);
    return r;
}

/*
 * FPRoundIntN(): NaN, infinity and out-of-range results all become the most
 * negative integer of the target size, with IOC and without IXC; other
 * inexact results always raise IXC (there is no non-exact form).
 */
static uint64_t fp_round_int_n(FPFmt f, uint64_t x, ARMFPRounding rm, int intsize,
                               ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v = fp_unpack(f, x, fpcr, st);
    /* -2^(intsize-1): sign set, biased exponent bias + intsize - 1. */
    uint64_t most_neg = fp_sign_bit(f) |
                        ((uint64_t)(fp_bias(f) + intsize - 1) << fp_fbits(f));
    uint64_t ipart;
    FPFrac frac;

    if (v.type == FPT_ZERO)
        return fp_zero(f, v.sign);
    if (v.type != FPT_NUM || !fp_split_int(&v, 0, &ipart, &frac)) {
        fp_raise(st, ARM_FPSR_IOC);
        return most_neg;
    }
    bool up = fp_round_up_mag(rm, v.sign, ipart & 1, frac);
    /* ipart + up can only wrap past 2^64 - 1 when it overflows anyway. */
    uint64_t limit = (1ull << (intsize - 1)) - !v.sign;
    if (ipart > limit || ipart + up > limit || ipart + up < ipart) {
        fp_raise(st, ARM_FPSR_IOC);
        return most_neg;
    }
    ipart += up;
    if (frac != FRAC_ZERO)
        fp_raise(st, ARM_FPSR_IXC);
    if (ipart == 0)
        return fp_zero(f, v.sign);
    return fp_from_int_mag(f, v.sign, ipart, fpcr, st);
}

#define FP_ROUND_WRAPPERS(SFX, T, FMT)                                       \
    T arm_fp_roundint_##SFX(T a, ARMFPRounding rm, bool exact,               \
                            ARMFPStatus *st)                                 \
    { return (T)fp_round_int(FMT, a, rm, exact, st); }

FP_ROUND_WRAPPERS(h, uint16_t, FP16)
FP_ROUND_WRAPPERS(s, uint32_t, FP32)
FP_ROUND_WRAPPERS(d, uint64_t, FP64)

uint32_t arm_fp_roundint32_s(uint32_t a, ARMFPRounding rm, ARMFPStatus *st)
{
    return (uint32_t)fp_round_int_n(FP32, a, rm, 32, st);
}

uint32_t arm_fp_roundint64_s(uint32_t a, ARMFPRounding rm, ARMFPStatus *st)
{
    return (uint32_t)fp_round_int_n(FP32, a, rm, 64, st);
}

uint64_t arm_fp_roundint32_d(uint64_t a, ARMFPRounding rm, ARMFPStatus *st)
{
    return fp_round_int_n(FP64, a, rm, 32, st);
}

uint64_t arm_fp_roundint64_d(uint64_t a, ARMFPRounding rm, ARMFPStatus *st)
{
    return fp_round_int_n(FP64, a, rm, 64, st);
}
