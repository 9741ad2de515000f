/* SPDX-License-Identifier: MIT */
/*
 * AArch64 FP comparisons and selections: FCMP/FCMPE (NZCV), FMIN/FMAX,
 * FMINNM/FMAXNM, and the flag-free FABS/FNEG.
 */
#include "cpu/arm64/fpu-internal.h"

/* FPCompare(): unordered is 0011; FCMPE also signals on quiet NaNs. */
static unsigned fp_compare(FPFmt f, uint64_t x1, uint64_t x2, bool signal_nans,
                           ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v1 = fp_unpack(f, x1, fpcr, st), v2 = fp_unpack(f, x2, fpcr, st);

    if (fp_is_nan_type(v1.type) || fp_is_nan_type(v2.type)) {
        if (v1.type == FPT_SNAN || v2.type == FPT_SNAN || signal_nans)
            fp_raise(st, ARM_FPSR_IOC);
        return 0x3;
    }
    switch (fp_compare_values(&v1, &v2)) {
    case 0:
        return 0x6;             /* Z C */
    case -1:
        return 0x8;             /* N */
    default:
        return 0x2;             /* C */
    }
}

/*
 * FPMax() / FPMin().  The chosen operand is re-rounded in the pseudocode
 * only so a trapped underflow could fire on a denormal; untrapped that is
 * the identity, so a finite nonzero pick is returned as it came in.  Equal
 * zeros pick the most positive (max) or most negative (min) sign.
 */
static uint64_t fp_minmax(FPFmt f, uint64_t x1, uint64_t x2, bool is_max,
                          ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v1 = fp_unpack(f, x1, fpcr, st), v2 = fp_unpack(f, x2, fpcr, st);
    uint64_t r;

    if (fp_process_nans(f, &v1, &v2, x1, x2, fpcr, st, &r))
        return r;
    int c = fp_compare_values(&v1, &v2);
    bool first = is_max ? c > 0 : c < 0;
    const FPVal *v = first ? &v1 : &v2;

    if (v->type == FPT_INF)
        return fp_inf(f, v->sign);
    if (v->type == FPT_ZERO)
        return fp_zero(f, is_max ? (v1.sign && v2.sign) : (v1.sign || v2.sign));
    return first ? x1 : x2;
}

/*
 * FPMaxNum() / FPMinNum(): a single quiet NaN loses against any number by
 * standing in as -inf (max) or +inf (min); a signalling NaN still wins and
 * is processed by FPMax/FPMin as usual.
 */
static uint64_t fp_minmaxnum(FPFmt f, uint64_t x1, uint64_t x2, bool is_max,
                             ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPType t1 = fp_unpack(f, x1, fpcr, st).type;
    FPType t2 = fp_unpack(f, x2, fpcr, st).type;

    if (t1 == FPT_QNAN && t2 != FPT_QNAN)
        x1 = fp_inf(f, is_max);
    else if (t1 != FPT_QNAN && t2 == FPT_QNAN)
        x2 = fp_inf(f, is_max);
    return fp_minmax(f, x1, x2, is_max, st);
}

#define FP_COMPARE_WRAPPERS(SFX, T, FMT)                                     \
    unsigned arm_fp_compare_##SFX(T a, T b, bool signal, ARMFPStatus *st)    \
    { return fp_compare(FMT, a, b, signal, st); }                            \
    T arm_fp_min_##SFX(T a, T b, ARMFPStatus *st)                            \
    { return (T)fp_minmax(FMT, a, b, false, st); }                           \
    T arm_fp_max_##SFX(T a, T b, ARMFPStatus *st)                            \
    { return (T)fp_minmax(FMT, a, b, true, st); }                            \
    T arm_fp_minnm_##SFX(T a, T b, ARMFPStatus *st)                          \
    { return (T)fp_minmaxnum(FMT, a, b, false, st); }                        \
    T arm_fp_maxnm_##SFX(T a, T b, ARMFPStatus *st)                          \
    { return (T)fp_minmaxnum(FMT, a, b, true, st); }                         \
    /* FPAbs() / FPNeg(): sign bit only, NaNs included, no flags. */         \
    T arm_fp_abs_##SFX(T a) { return (T)(a & ~fp_sign_bit(FMT)); }           \
    T arm_fp_neg_##SFX(T a) { return (T)(a ^ fp_sign_bit(FMT)); }

FP_COMPARE_WRAPPERS(h, uint16_t, FP16)
FP_COMPARE_WRAPPERS(s, uint32_t, FP32)
FP_COMPARE_WRAPPERS(d, uint64_t, FP64)
