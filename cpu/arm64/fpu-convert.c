/* SPDX-License-Identifier: MIT */
/*
 * AArch64 FP conversions: between precisions (FCVT, FCVTXN), float to
 * integer or fixed point (FCVT[NAPMZ][SU], FPToFixed), integer or fixed point
 * to float (SCVTF/UCVTF, FixedToFP) and FJCVTZS (FPToFixedJS).
 */
#include "cpu/arm64/fpu-internal.h"

/* FPConvertNaN(): keep sign and the payload's top bits, force quiet. */
static uint64_t fp_convert_nan(FPFmt from, FPFmt to, uint64_t x)
{
    bool sign = (x >> (fp_nbits(from) - 1)) & 1;
    /* The payload below the quiet bit, left-aligned in 51 bits. */
    int pbits = fp_fbits(from) - 1;
    uint64_t payload = (x & ((1ull << pbits) - 1)) << (51 - pbits);
    int out_pbits = fp_fbits(to) - 1;

    return fp_default_nan(to) | fp_zero(to, sign) | (payload >> (51 - out_pbits));
}

/*
 * FPConvert().  Unpacking and rounding use the CV variants: FZ16 is ignored
 * (a half denormal converts exactly) while FZ still flushes single/double
 * operands and results, and AHP selects the alternative half format, which
 * has no NaN or infinity to convert to.
 */
static uint64_t fp_convert(FPFmt from, FPFmt to, uint64_t x, ARMFPRounding rm,
                           ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v = fp_unpack_cv(from, x, fpcr, st);
    bool alt_hp = to == FP16 && (fpcr & ARM_FPCR_AHP);
    uint64_t r;

    if (fp_is_nan_type(v.type)) {
        if (alt_hp)
            r = fp_zero(to, v.sign);
        else if (fpcr & ARM_FPCR_DN)
            r = fp_default_nan(to);
        else
            r = fp_convert_nan(from, to, x);
        if (v.type == FPT_SNAN || alt_hp)
            fp_raise(st, ARM_FPSR_IOC);
        return r;
    }
    if (v.type == FPT_INF) {
        if (alt_hp) {
            fp_raise(st, ARM_FPSR_IOC);
            return fp_zero(to, v.sign) | (fp_sign_bit(to) - 1);
        }
        return fp_inf(to, v.sign);
    }
    if (v.type == FPT_ZERO)
        return fp_zero(to, v.sign);
    /* FPRoundCV(). */
    return fp_round_base(to, v.sign, v.exp, v.sig, fpcr & ~ARM_FPCR_FZ16, rm, st);
}

/*
 * FPToFixed() into an M-bit integer, returned sign- or zero-extended.  NaN
 * converts to 0 with IOC; out of range saturates with IOC and no IXC.
 */
static uint64_t fp_to_fixed(FPFmt f, uint64_t x, int fbits, bool is_unsigned,
                            int M, ARMFPRounding rm, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v = fp_unpack(f, x, fpcr, st);
    uint64_t umax = M == 64 ? ~0ull : (1ull << M) - 1;
    uint64_t smax = umax >> 1, smin_mag = smax + 1;
    uint64_t ipart = 0;
    FPFrac frac = FRAC_ZERO;
    bool overflow;

    if (fp_is_nan_type(v.type)) {
        fp_raise(st, ARM_FPSR_IOC);
        return 0;
    }
    if (v.type == FPT_ZERO)
        return 0;
    if (v.type == FPT_INF || !fp_split_int(&v, fbits, &ipart, &frac)) {
        overflow = true;
    } else {
        bool up = fp_round_up_mag(rm, v.sign, ipart & 1, frac);
        overflow = ipart + up < ipart;      /* 2^64 - 1 rounded up */
        ipart += up;
        if (is_unsigned)
            overflow |= v.sign ? ipart != 0 : ipart > umax;
        else
            overflow |= ipart > (v.sign ? smin_mag : smax);
    }
    if (overflow) {
        fp_raise(st, ARM_FPSR_IOC);
        if (is_unsigned)
            return v.sign ? 0 : umax;
        return v.sign ? (uint64_t)0 - smin_mag : smax;
    }
    if (frac != FRAC_ZERO)
        fp_raise(st, ARM_FPSR_IXC);
    return v.sign ? (uint64_t)0 - ipart : ipart;
}

/*
 * FixedToFP(): the exact value int / 2^fbits rounded once with the FPCR
 * controls (FZ/FZ16 flush a tiny result).  Zero is always +0.
 */
static uint64_t fp_from_fixed(FPFmt f, uint64_t mag, bool neg, int fbits,
                              ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    int lz;

    if (mag == 0)
        return fp_zero(f, false);
    lz = __builtin_clzll(mag);
    return fp_round(f, neg, 63 - lz - fbits, mag << lz, fpcr,
                    arm_fp_rounding_mode(fpcr), st);
}

/*
 * FPToFixedJS(): truncate, wrap modulo 2^32 like JavaScript ToInt32.  Z is
 * set only for an exact, in-range, non-negative-zero conversion; a flushed
 * denormal (value 0 but nonzero fraction bits) clears it too.
 */
uint32_t arm_fp_jcvtzs(uint64_t x, bool *z, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v = fp_unpack(FP64, x, fpcr, st);
    uint64_t ipart = 0;
    bool inexact = false, overflow = false;

    *z = true;
    if (fp_is_nan_type(v.type)) {
        fp_raise(st, ARM_FPSR_IOC);
        *z = false;
        return 0;
    }
    if (v.type == FPT_INF) {
        fp_raise(st, ARM_FPSR_IOC);
        *z = false;
        return 0;
    }
    if (v.type == FPT_NUM) {
        FPFrac frac;
        if (fp_split_int(&v, 0, &ipart, &frac)) {
            inexact = frac != FRAC_ZERO;
        } else {
            /* >= 2^64: integral; only the low 64 bits matter modulo 2^32. */
            int sh = v.exp - 63;
            ipart = sh >= 64 ? 0 : v.sig << sh;
            overflow = true;
        }
        overflow |= ipart > (v.sign ? 1ull << 31 : (1ull << 31) - 1);
    }
    uint32_t result = (uint32_t)(v.sign ? (uint64_t)0 - ipart : ipart);

    if (overflow) {
        fp_raise(st, ARM_FPSR_IOC);
        *z = false;
    } else if (inexact) {
        fp_raise(st, ARM_FPSR_IXC);
        *z = false;
    } else if (v.type == FPT_ZERO && (v.sign || (x & fp_frac_mask(FP64)))) {
        *z = false;
    }
    return result;
}

#define FP_CONVERT_WRAPPERS(SFX, T, FMT)                                     \
    int32_t arm_fp_to_s32_##SFX(T a, int fbits, ARMFPRounding rm,            \
                                ARMFPStatus *st)                             \
    { return (int32_t)fp_to_fixed(FMT, a, fbits, false, 32, rm, st); }       \
    uint32_t arm_fp_to_u32_##SFX(T a, int fbits, ARMFPRounding rm,           \
                                 ARMFPStatus *st)                            \
    { return (uint32_t)fp_to_fixed(FMT, a, fbits, true, 32, rm, st); }       \
    int64_t arm_fp_to_s64_##SFX(T a, int fbits, ARMFPRounding rm,            \
                                ARMFPStatus *st)                             \
    { return (int64_t)fp_to_fixed(FMT, a, fbits, false, 64, rm, st); }       \
    uint64_t arm_fp_to_u64_##SFX(T a, int fbits, ARMFPRounding rm,           \
                                 ARMFPStatus *st)                            \
    { return fp_to_fixed(FMT, a, fbits, true, 64, rm, st); }                 \
    T arm_fp_from_s32_##SFX(int32_t v, int fbits, ARMFPStatus *st)           \
    {                                                                        \
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)(int64_t)v : (uint64_t)v; \
        return (T)fp_from_fixed(FMT, m, v < 0, fbits, st);                   \
    }                                                                        \
    T arm_fp_from_u32_##SFX(uint32_t v, int fbits, ARMFPStatus *st)          \
    { return (T)fp_from_fixed(FMT, v, false, fbits, st); }                   \
    T arm_fp_from_s64_##SFX(int64_t v, int fbits, ARMFPStatus *st)           \
    {                                                                        \
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;        \
        return (T)fp_from_fixed(FMT, m, v < 0, fbits, st);                   \
    }                                                                        \
    T arm_fp_from_u64_##SFX(uint64_t v, int fbits, ARMFPStatus *st)          \
    { return (T)fp_from_fixed(FMT, v, false, fbits, st); }

FP_CONVERT_WRAPPERS(h, uint16_t, FP16)
FP_CONVERT_WRAPPERS(s, uint32_t, FP32)
FP_CONVERT_WRAPPERS(d, uint64_t, FP64)

int16_t arm_fp_to_s16_h(uint16_t a, int fbits, ARMFPRounding rm, ARMFPStatus *st)
{
    return (int16_t)fp_to_fixed(FP16, a, fbits, false, 16, rm, st);
}

uint16_t arm_fp_to_u16_h(uint16_t a, int fbits, ARMFPRounding rm, ARMFPStatus *st)
{
    return (uint16_t)fp_to_fixed(FP16, a, fbits, true, 16, rm, st);
}

#define FP_CVT(FROM_SFX, FROM_T, FROM, TO_SFX, TO_T, TO)                      \
    TO_T arm_fp_cvt_##FROM_SFX##_to_##TO_SFX(FROM_T a, ARMFPStatus *st)      \
    { return (TO_T)fp_convert(FROM, TO, a, arm_fp_rounding_mode(st->fpcr), st); }

FP_CVT(h, uint16_t, FP16, s, uint32_t, FP32)
FP_CVT(h, uint16_t, FP16, d, uint64_t, FP64)
FP_CVT(s, uint32_t, FP32, h, uint16_t, FP16)
FP_CVT(s, uint32_t, FP32, d, uint64_t, FP64)
FP_CVT(d, uint64_t, FP64, h, uint16_t, FP16)
FP_CVT(d, uint64_t, FP64, s, uint32_t, FP32)

uint32_t arm_fp_cvtxn_d_to_s(uint64_t a, ARMFPStatus *st)
{
    return (uint32_t)fp_convert(FP64, FP32, a, ARM_FPRM_ODD, st);
}
