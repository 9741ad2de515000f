/* SPDX-License-Identifier: MIT */
/*
 * AArch64 FP core: unpacking operands, the one rounding routine every
 * arithmetic result goes through, and NaN propagation.  These follow the
 * Arm ARM shared pseudocode (FPUnpackBase, FPRoundBase, FPProcessNaN(s))
 * step by step; the rest of cpu/arm64/fpu-*.c is built on them.
 */
#include "cpu/arm64/fpu-internal.h"

/*
 * FPUnpackBase().  fpcr is the caller's already adjusted copy: FPUnpack
 * clears AHP, FPUnpackCV clears FZ16.  A flushed single/double denormal
 * raises IDC; a half one does not: the pseudocode treats FZ16 as turning
 * half denormals into zeros outright, without an Input Denormal exception.
 */
static FPVal fp_unpack_base(FPFmt f, uint64_t x, uint32_t fpcr, ARMFPStatus *st)
{
    int F = fp_fbits(f);
    uint32_t e = fp_exp_field(f, x);
    uint64_t frac = x & fp_frac_mask(f);
    FPVal v = { .sign = (x >> (fp_nbits(f) - 1)) & 1 };

    if (e == 0) {
        if (frac == 0) {
            v.type = FPT_ZERO;
        } else if (fp_fz(f, fpcr)) {
            v.type = FPT_ZERO;
            if (f != FP16)
                fp_raise(st, ARM_FPSR_IDC);
        } else {
            /* Denormal: frac * 2^(min_exp - F), renormalised. */
            int lead = 63 - __builtin_clzll(frac);
            v.type = FPT_NUM;
            v.sig = frac << (63 - lead);
            v.exp = lead + fp_min_exp(f) - F;
        }
    } else if (e == (1u << fp_ebits(f)) - 1 &&
               !(f == FP16 && (fpcr & ARM_FPCR_AHP))) {
        if (frac == 0)
            v.type = FPT_INF;
        else
            v.type = (frac >> (F - 1)) & 1 ? FPT_QNAN : FPT_SNAN;
    } else {
        /* Normal; with AHP a half with all-ones exponent is one too. */
        v.type = FPT_NUM;
        v.sig = (1ull << 63) | (frac << (63 - F));
        v.exp = (int32_t)e - fp_bias(f);
    }
    return v;
}

/* FPUnpack(): arithmetic never sees the alternative half format. */
FPVal fp_unpack(FPFmt f, uint64_t x, uint32_t fpcr, ARMFPStatus *st)
{
    return fp_unpack_base(f, x, fpcr & ~ARM_FPCR_AHP, st);
}

/* FPUnpackCV(): conversions honour AHP and ignore FZ16. */
FPVal fp_unpack_cv(FPFmt f, uint64_t x, uint32_t fpcr, ARMFPStatus *st)
{
    return fp_unpack_base(f, x, fpcr & ~ARM_FPCR_FZ16, st);
}

/*
 * FPRoundBase() for the real value sig * 2^(exp - 63), sig normalised
 * (bit 63 set) with any bits below its last one ORed into bit 0.  Since the
 * widest format keeps 53 bits, bits 10..0 hold at least a round bit and a
 * sticky bit, which is all the rounding decision needs.
 *
 * The architecture's choices, all visible below:
 *  - flush to zero looks at the exponent BEFORE rounding: a value that would
 *    round up to the smallest normal is still flushed; it sets UFC only;
 *  - underflow is also detected before rounding (tininess before rounding)
 *    and raised only when the result is inexact;
 *  - overflow gives infinity or the largest normal depending on the mode and
 *    always raises OFC and IXC;
 *  - in the alternative half format there is no infinity: out of range
 *    gives the largest magnitude and IOC, without IXC.
 */
uint64_t fp_round_base(FPFmt f, bool sign, int32_t exp, uint64_t sig,
                       uint32_t fpcr, ARMFPRounding rm, ARMFPStatus *st)
{
    const int E = fp_ebits(f), F = fp_fbits(f), min_exp = fp_min_exp(f);
    const int shift = 63 - F;           /* bits below the last kept one */
    const uint64_t half = 1ull << (shift - 1);
    bool round_up, overflow_to_inf, inexact;
    int32_t biased_exp;
    uint64_t int_mant, rem, result;

    if (fp_fz(f, fpcr) && exp < min_exp) {
        fp_raise(st, ARM_FPSR_UFC);
        return fp_zero(f, sign);
    }

    biased_exp = exp - min_exp + 1;
    if (biased_exp <= 0) {
        /* Denormal range: align to the minimum exponent. */
        sig = fp_shr_jam64(sig, 1 - biased_exp);
        biased_exp = 0;
    }
    int_mant = sig >> shift;
    rem = sig & ((1ull << shift) - 1);
    inexact = rem != 0;

    if (biased_exp == 0 && inexact)
        fp_raise(st, ARM_FPSR_UFC);

    switch (rm) {
    case ARM_FPRM_TIEEVEN:
        round_up = rem > half || (rem == half && (int_mant & 1));
        overflow_to_inf = true;
        break;
    case ARM_FPRM_POSINF:
        round_up = inexact && !sign;
        overflow_to_inf = !sign;
        break;
    case ARM_FPRM_NEGINF:
        round_up = inexact && sign;
        overflow_to_inf = sign;
        break;
    case ARM_FPRM_TIEAWAY:      /* not used by the architecture here */
        round_up = rem >= half;
        overflow_to_inf = true;
        break;
    default:                    /* ZERO, ODD */
        round_up = false;
        overflow_to_inf = false;
        break;
    }

    if (round_up) {
        int_mant++;
        if (int_mant == 1ull << F)          /* denormal rounded up to normal */
            biased_exp = 1;
        if (int_mant == 1ull << (F + 1)) {  /* carried into the exponent */
            biased_exp++;
            int_mant >>= 1;
        }
    }
    if (rm == ARM_FPRM_ODD && inexact)
        int_mant |= 1;

    if (f != FP16 || !(fpcr & ARM_FPCR_AHP)) {
        if (biased_exp >= (1 << E) - 1) {
            result = overflow_to_inf ? fp_inf(f, sign) : fp_max_normal(f, sign);
            fp_raise(st, ARM_FPSR_OFC);
            inexact = true;
        } else {
            result = fp_zero(f, sign) | ((uint64_t)biased_exp << F) |
                     (int_mant & fp_frac_mask(f));
        }
    } else {
        if (biased_exp >= (1 << E)) {
            result = fp_zero(f, sign) | (fp_sign_bit(f) - 1);
            fp_raise(st, ARM_FPSR_IOC);
            inexact = false;
        } else {
            result = fp_zero(f, sign) | ((uint64_t)biased_exp << F) |
                     (int_mant & fp_frac_mask(f));
        }
    }
    if (inexact)
        fp_raise(st, ARM_FPSR_IXC);
    return result;
}

/* FPRound(): arithmetic results are always IEEE format (AHP ignored). */
uint64_t fp_round(FPFmt f, bool sign, int32_t exp, uint64_t sig,
                  uint32_t fpcr, ARMFPRounding rm, ARMFPStatus *st)
{
    return fp_round_base(f, sign, exp, sig, fpcr & ~ARM_FPCR_AHP, rm, st);
}

/*
 * FPRound() of a 128-bit intermediate: the value is sig * 2^(exp - 127)
 * plus something nonzero below it when sticky is set.  sig must be nonzero.
 */
uint64_t fp_round_wide(FPFmt f, bool sign, int32_t exp, u128 sig, bool sticky,
                       uint32_t fpcr, ARMFPRounding rm, ARMFPStatus *st)
{
    int lz = fp_clz128(sig);
    uint64_t s64;

    sig <<= lz;
    exp -= lz;
    s64 = (uint64_t)(sig >> 64) | ((uint64_t)sig != 0) | sticky;
    return fp_round(f, sign, exp, s64, fpcr, rm, st);
}

/* FPProcessNaN(): quiet a signalling NaN (raising IOC), then apply DN. */
uint64_t fp_process_nan(FPFmt f, FPType t, uint64_t x, uint32_t fpcr, ARMFPStatus *st)
{
    if (t == FPT_SNAN) {
        x |= 1ull << (fp_fbits(f) - 1);
        fp_raise(st, ARM_FPSR_IOC);
    }
    if (fpcr & ARM_FPCR_DN)
        x = fp_default_nan(f);
    return x;
}

/* FPProcessNaNs(): signalling NaNs win over quiet ones, then operand order. */
bool fp_process_nans(FPFmt f, const FPVal *v1, const FPVal *v2, uint64_t x1,
                     uint64_t x2, uint32_t fpcr, ARMFPStatus *st, uint64_t *res)
{
    if (v1->type == FPT_SNAN)
        *res = fp_process_nan(f, v1->type, x1, fpcr, st);
    else if (v2->type == FPT_SNAN)
        *res = fp_process_nan(f, v2->type, x2, fpcr, st);
    else if (v1->type == FPT_QNAN)
        *res = fp_process_nan(f, v1->type, x1, fpcr, st);
    else if (v2->type == FPT_QNAN)
        *res = fp_process_nan(f, v2->type, x2, fpcr, st);
    else
        return false;
    return true;
}

/* FPProcessNaNs3(): the same over three operands. */
bool fp_process_nans3(FPFmt f, const FPVal *v1, const FPVal *v2, const FPVal *v3,
                      uint64_t x1, uint64_t x2, uint64_t x3, uint32_t fpcr,
                      ARMFPStatus *st, uint64_t *res)
{
    const FPVal *v[3] = { v1, v2, v3 };
    const uint64_t x[3] = { x1, x2, x3 };

    for (int i = 0; i < 3; i++) {
        if (v[i]->type == FPT_SNAN) {
            *res = fp_process_nan(f, FPT_SNAN, x[i], fpcr, st);
            return true;
        }
    }
    for (int i = 0; i < 3; i++) {
        if (v[i]->type == FPT_QNAN) {
            *res = fp_process_nan(f, FPT_QNAN, x[i], fpcr, st);
            return true;
        }
    }
    return false;
}

/*
 * The "round_up" decision of FPRoundInt/FPToFixed, restated on the
 * magnitude: the pseudocode rounds the signed value from RoundDown(), which
 * for a negative value means the magnitude grows when the signed result
 * does not.  odd is the parity of the truncated magnitude.
 */
bool fp_round_up_mag(ARMFPRounding rm, bool sign, bool odd, FPFrac frac)
{
    switch (rm) {
    case ARM_FPRM_TIEEVEN:
        return frac == FRAC_HIGH || (frac == FRAC_HALF && odd);
    case ARM_FPRM_TIEAWAY:
        return frac == FRAC_HIGH || frac == FRAC_HALF;
    case ARM_FPRM_POSINF:
        return frac != FRAC_ZERO && !sign;
    case ARM_FPRM_NEGINF:
        return frac != FRAC_ZERO && sign;
    default:
        return false;
    }
}

/*
 * Split |v| * 2^scale (v finite nonzero) into its integer part and a
 * classification of the fraction.  Returns false when the integer part does
 * not fit in 64 bits (it is then at least 2^64).
 */
bool fp_split_int(const FPVal *v, int scale, uint64_t *ipart, FPFrac *frac)
{
    int32_t e = v->exp + scale;         /* exponent of the leading one */

    if (e >= 64)
        return false;
    if (e >= 63) {
        *ipart = v->sig;
        *frac = FRAC_ZERO;
    } else if (e >= 0) {
        int sh = 63 - e;
        uint64_t rem = v->sig & ((1ull << sh) - 1), half = 1ull << (sh - 1);
        *ipart = v->sig >> sh;
        *frac = rem == 0 ? FRAC_ZERO : rem < half ? FRAC_LOW
                : rem == half ? FRAC_HALF : FRAC_HIGH;
    } else {
        *ipart = 0;
        if (e == -1)
            *frac = v->sig == 1ull << 63 ? FRAC_HALF : FRAC_HIGH;
        else
            *frac = FRAC_LOW;
    }
    return true;
}

/* Ordering of two non-NaN unpacked values: -1, 0 or 1 (+0 == -0). */
int fp_compare_values(const FPVal *a, const FPVal *b)
{
    int sa = a->type == FPT_ZERO ? 0 : a->sign ? -1 : 1;
    int sb = b->type == FPT_ZERO ? 0 : b->sign ? -1 : 1;
    int mag;

    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    if (a->type != b->type)
        mag = a->type == FPT_INF ? 1 : -1;
    else if (a->type == FPT_INF)
        mag = 0;
    else if (a->exp != b->exp)
        mag = a->exp < b->exp ? -1 : 1;
    else
        mag = a->sig == b->sig ? 0 : a->sig < b->sig ? -1 : 1;
    return sa < 0 ? -mag : mag;
}
