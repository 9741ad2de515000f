/* SPDX-License-Identifier: MIT */
/*
 * AArch64 FP arithmetic: FADD, FSUB, FMUL, FMULX, FDIV, FSQRT, the fused
 * FMADD family and the fused Newton-Raphson steps FRECPS/FRSQRTS.
 *
 * Each computes the exact real result in integers (128-bit intermediates)
 * and rounds it once through fp_round(), so there is never a double
 * rounding, whatever the precision.
 */
#include "cpu/arm64/fpu-internal.h"

/* A nonzero intermediate: sig * 2^(exp - 127), sig bit 127 set. */
typedef struct FPWide {
    bool sign;
    int32_t exp;
    u128 sig;
} FPWide;

static FPWide fp_wide_of(const FPVal *v)
{
    FPWide w = { v->sign, v->exp, (u128)v->sig << 64 };
    return w;
}

/* The exact product of two nonzero finite values. */
static FPWide fp_wide_mul(const FPVal *a, const FPVal *b)
{
    FPWide w = { a->sign ^ b->sign, a->exp + b->exp + 1, (u128)a->sig * b->sig };

    /* Both sigs are in [2^63, 2^64): the product is in [2^126, 2^128). */
    if (!(w.sig >> 127)) {
        w.sig <<= 1;
        w.exp--;
    }
    return w;
}

/*
 * a + b for wide terms whose sigs end in at least two zero bits (true for
 * anything built from operands or one product of them: at most 106
 * significant bits).  That keeps the headroom shift below exact; the
 * smaller term only loses bits, jammed into its bit 0, when it is at least
 * four times smaller, and then the sum loses at most one leading bit, so
 * the jam stays far below the rounding position.  Returns false for an
 * exact zero sum.
 */
static bool fp_wide_add(FPWide a, FPWide b, FPWide *r)
{
    if (a.exp < b.exp || (a.exp == b.exp && a.sig < b.sig)) {
        FPWide t = a;
        a = b;
        b = t;
    }
    /* exp differences can exceed int range only in theory; clamp. */
    int64_t d = (int64_t)a.exp - b.exp;
    b.sig = fp_shr_jam128(b.sig, d > 200 ? 200 : (int)d + 1);
    a.sig >>= 1;
    r->sign = a.sign;
    r->exp = a.exp + 1;
    r->sig = a.sign == b.sign ? a.sig + b.sig : a.sig - b.sig;
    return r->sig != 0;
}

/*
 * Round addend + v1 * v2 (the "otherwise" arm of FPMulAdd and the step
 * functions), then scale by 2^scale.  Either side may be zero; an exactly
 * zero sum gets its sign from the rounding mode, as the pseudocode says.
 */
static uint64_t fp_fused(FPFmt f, const FPVal *va, const FPVal *v1,
                         const FPVal *v2, int scale, uint32_t fpcr,
                         ARMFPRounding rm, ARMFPStatus *st)
{
    bool have_p = v1->type == FPT_NUM && v2->type == FPT_NUM;
    bool have_a = va->type == FPT_NUM;
    FPWide p, a, r;

    if (have_p)
        p = fp_wide_mul(v1, v2);
    if (have_a)
        a = fp_wide_of(va);
    if (have_p && have_a) {
        if (!fp_wide_add(p, a, &r))
            return fp_zero(f, rm == ARM_FPRM_NEGINF);
    } else if (have_p) {
        r = p;
    } else if (have_a) {
        r = a;
    } else {
        return fp_zero(f, rm == ARM_FPRM_NEGINF);
    }
    return fp_round_wide(f, r.sign, r.exp + scale, r.sig, false, fpcr, rm, st);
}

/* FPAdd() and FPSub(): FPSub only differs in the sign of op2's value; a
 * NaN op2 is propagated unchanged. */
static uint64_t fp_addsub(FPFmt f, uint64_t x1, uint64_t x2, bool sub, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    ARMFPRounding rm = arm_fp_rounding_mode(fpcr);
    FPVal v1 = fp_unpack(f, x1, fpcr, st), v2 = fp_unpack(f, x2, fpcr, st);
    uint64_t r;

    if (fp_process_nans(f, &v1, &v2, x1, x2, fpcr, st, &r))
        return r;
    v2.sign ^= sub;
    bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
    if (inf1 && inf2 && v1.sign != v2.sign) {
        fp_raise(st, ARM_FPSR_IOC);
        return fp_default_nan(f);
    }
    if ((inf1 && !v1.sign) || (inf2 && !v2.sign))
        return fp_inf(f, false);
    if (inf1 || inf2)
        return fp_inf(f, true);
    if (v1.type == FPT_ZERO && v2.type == FPT_ZERO && v1.sign == v2.sign)
        return fp_zero(f, v1.sign);

    /* value1 + value2 as the addend plus value2 * 1.0. */
    FPVal one = { FPT_NUM, false, 0, 1ull << 63 };
    return fp_fused(f, &v1, &v2, &one, 0, fpcr, rm, st);
}

/* FPMul() and FPMulX(): they differ only for infinity times zero. */
static uint64_t fp_mul_common(FPFmt f, uint64_t x1, uint64_t x2, bool mulx,
                              ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v1 = fp_unpack(f, x1, fpcr, st), v2 = fp_unpack(f, x2, fpcr, st);
    bool sign = v1.sign ^ v2.sign;
    uint64_t r;

    if (fp_process_nans(f, &v1, &v2, x1, x2, fpcr, st, &r))
        return r;
    bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
    bool zero1 = v1.type == FPT_ZERO, zero2 = v2.type == FPT_ZERO;
    if ((inf1 && zero2) || (zero1 && inf2)) {
        if (mulx)
            return fp_two(f, sign);
        fp_raise(st, ARM_FPSR_IOC);
        return fp_default_nan(f);
    }
    if (inf1 || inf2)
        return fp_inf(f, sign);
    if (zero1 || zero2)
        return fp_zero(f, sign);
    FPWide p = fp_wide_mul(&v1, &v2);
    return fp_round_wide(f, p.sign, p.exp, p.sig, false, fpcr,
                         arm_fp_rounding_mode(fpcr), st);
}

/* FPDiv(). */
static uint64_t fp_div(FPFmt f, uint64_t x1, uint64_t x2, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v1 = fp_unpack(f, x1, fpcr, st), v2 = fp_unpack(f, x2, fpcr, st);
    bool sign = v1.sign ^ v2.sign;
    uint64_t r;

    if (fp_process_nans(f, &v1, &v2, x1, x2, fpcr, st, &r))
        return r;
    bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
    bool zero1 = v1.type == FPT_ZERO, zero2 = v2.type == FPT_ZERO;
    if ((inf1 && inf2) || (zero1 && zero2)) {
        fp_raise(st, ARM_FPSR_IOC);
        return fp_default_nan(f);
    }
    if (inf1 || zero2) {
        if (!inf1)
            fp_raise(st, ARM_FPSR_DZC);
        return fp_inf(f, sign);
    }
    if (zero1 || inf2)
        return fp_zero(f, sign);

    /* (sig1 * 2^64) / sig2 is in (2^63, 2^65): 64+ quotient bits, and the
     * remainder tells whether anything is left below them. */
    u128 num = (u128)v1.sig << 64;
    u128 q = num / v2.sig;
    bool sticky = num % v2.sig != 0;
    return fp_round_wide(f, sign, v1.exp - v2.exp + 63, q, sticky, fpcr,
                         arm_fp_rounding_mode(fpcr), st);
}

/* floor(sqrt(x)) by the bit-at-a-time method; *rem gets x - root^2. */
static uint64_t fp_isqrt128(u128 x, u128 *rem)
{
    u128 res = 0, bit = (u128)1 << 126;

    while (bit > x)
        bit >>= 2;
    while (bit) {
        if (x >= res + bit) {
            x -= res + bit;
            res = (res >> 1) + bit;
        } else {
            res >>= 1;
        }
        bit >>= 2;
    }
    *rem = x;
    return (uint64_t)res;
}

/* FPSqrt(). */
static uint64_t fp_sqrt(FPFmt f, uint64_t x, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    FPVal v = fp_unpack(f, x, fpcr, st);

    if (fp_is_nan_type(v.type))
        return fp_process_nan(f, v.type, x, fpcr, st);
    if (v.type == FPT_ZERO)
        return fp_zero(f, v.sign);
    if (v.type == FPT_INF && !v.sign)
        return fp_inf(f, false);
    if (v.sign) {
        fp_raise(st, ARM_FPSR_IOC);
        return fp_default_nan(f);
    }

    /* value = sig * 2^k; make the power even so it halves exactly, keeping
     * a 127/128-bit radicand so the root has a full 64 bits. */
    int32_t k = v.exp - 63;
    u128 rad, rem;
    if (k & 1) {
        rad = (u128)v.sig << 63;
        k -= 63;
    } else {
        rad = (u128)v.sig << 64;
        k -= 64;
    }
    uint64_t root = fp_isqrt128(rad, &rem);
    return fp_round_wide(f, false, k / 2 + 127, root, rem != 0, fpcr,
                         arm_fp_rounding_mode(fpcr), st);
}

/*
 * FPMulAdd(addend, op1, op2) with the FMSUB/FNMADD/FNMSUB negations applied
 * to the raw operands first, as the instruction pseudocode does.
 */
static uint64_t fp_muladd(FPFmt f, uint64_t x1, uint64_t x2, uint64_t xa,
                          unsigned neg, ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    ARMFPRounding rm = arm_fp_rounding_mode(fpcr);
    uint64_t r = 0;

    if (neg & ARM_FP_NEG_PRODUCT)
        x1 ^= fp_sign_bit(f);
    if (neg & ARM_FP_NEG_ADDEND)
        xa ^= fp_sign_bit(f);

    FPVal va = fp_unpack(f, xa, fpcr, st);
    FPVal v1 = fp_unpack(f, x1, fpcr, st), v2 = fp_unpack(f, x2, fpcr, st);
    bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
    bool zero1 = v1.type == FPT_ZERO, zero2 = v2.type == FPT_ZERO;
    bool done = fp_process_nans3(f, &va, &v1, &v2, xa, x1, x2, fpcr, st, &r);

    /* 0 * inf + qNaN is invalid and gives the default NaN, not the qNaN. */
    if (va.type == FPT_QNAN && ((inf1 && zero2) || (zero1 && inf2))) {
        fp_raise(st, ARM_FPSR_IOC);
        r = fp_default_nan(f);
    }
    if (done)
        return r;

    bool infa = va.type == FPT_INF, zeroa = va.type == FPT_ZERO;
    bool signp = v1.sign ^ v2.sign, infp = inf1 || inf2, zerop = zero1 || zero2;
    if ((inf1 && zero2) || (zero1 && inf2) || (infa && infp && va.sign != signp)) {
        fp_raise(st, ARM_FPSR_IOC);
        return fp_default_nan(f);
    }
    if ((infa && !va.sign) || (infp && !signp))
        return fp_inf(f, false);
    if (infa || infp)
        return fp_inf(f, true);
    if (zeroa && zerop && va.sign == signp)
        return fp_zero(f, va.sign);
    return fp_fused(f, &va, &v1, &v2, 0, fpcr, rm, st);
}

/*
 * FPRecipStepFused() (2 - a*b) and FPRSqrtStepFused() ((3 - a*b) / 2): op1
 * is negated first, so a NaN op1 comes back with its sign flipped.
 */
static uint64_t fp_step_fused(FPFmt f, uint64_t x1, uint64_t x2, bool rsqrt,
                              ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    uint64_t r;

    x1 ^= fp_sign_bit(f);
    FPVal v1 = fp_unpack(f, x1, fpcr, st), v2 = fp_unpack(f, x2, fpcr, st);
    if (fp_process_nans(f, &v1, &v2, x1, x2, fpcr, st, &r))
        return r;
    bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
    bool zero1 = v1.type == FPT_ZERO, zero2 = v2.type == FPT_ZERO;
    if ((inf1 && zero2) || (zero1 && inf2))
        return rsqrt ? fp_one_point_five(f, false) : fp_two(f, false);
    if (inf1 || inf2)
        return fp_inf(f, v1.sign ^ v2.sign);

    /* 2.0 = 1.0 * 2^1 and 3.0 = 1.5 * 2^1. */
    FPVal k = { FPT_NUM, false, 1, rsqrt ? 3ull << 62 : 1ull << 63 };
    return fp_fused(f, &k, &v1, &v2, rsqrt ? -1 : 0, fpcr,
                    arm_fp_rounding_mode(fpcr), st);
}

#define FP_ARITH_WRAPPERS(SFX, T, FMT)                                       \
    T arm_fp_add_##SFX(T a, T b, ARMFPStatus *st)                            \
    { return (T)fp_addsub(FMT, a, b, false, st); }                           \
    T arm_fp_sub_##SFX(T a, T b, ARMFPStatus *st)                            \
    { return (T)fp_addsub(FMT, a, b, true, st); }                            \
    T arm_fp_mul_##SFX(T a, T b, ARMFPStatus *st)                            \
    { return (T)fp_mul_common(FMT, a, b, false, st); }                       \
    T arm_fp_mulx_##SFX(T a, T b, ARMFPStatus *st)                           \
    { return (T)fp_mul_common(FMT, a, b, true, st); }                        \
    T arm_fp_div_##SFX(T a, T b, ARMFPStatus *st)                            \
    { return (T)fp_div(FMT, a, b, st); }                                     \
    T arm_fp_sqrt_##SFX(T a, ARMFPStatus *st)                                \
    { return (T)fp_sqrt(FMT, a, st); }                                       \
    T arm_fp_muladd_##SFX(T a, T b, T c, unsigned neg, ARMFPStatus *st)      \
    { return (T)fp_muladd(FMT, a, b, c, neg, st); }                          \
    T arm_fp_recps_##SFX(T a, T b, ARMFPStatus *st)                          \
    { return (T)fp_step_fused(FMT, a, b, false, st); }                       \
    T arm_fp_rsqrts_##SFX(T a, T b, ARMFPStatus *st)                         \
    { return (T)fp_step_fused(FMT, a, b, true, st); }

FP_ARITH_WRAPPERS(h, uint16_t, FP16)
FP_ARITH_WRAPPERS(s, uint32_t, FP32)
FP_ARITH_WRAPPERS(d, uint64_t, FP64)
