/* SPDX-License-Identifier: MIT */
/*
 * Private to cpu/arm64/fpu-*.c: the unpacked number form, the format
 * parameters and the shared pseudocode pieces (FPUnpack, FPRoundBase,
 * FPProcessNaN...) that every operation is built from.
 *
 * Every operation works on one generic FPFmt and raw bits widened to
 * uint64_t; the public _h/_s/_d functions are thin wrappers.
 */
#ifndef CPU_ARM64_FPU_INTERNAL_H
#define CPU_ARM64_FPU_INTERNAL_H

#include "cpu/arm64/fpu.h"

typedef unsigned __int128 u128;

typedef enum FPFmt { FP16, FP32, FP64 } FPFmt;

/* Where the discarded fraction of a value lies, for rounding to integer. */
typedef enum FPFrac { FRAC_ZERO, FRAC_LOW, FRAC_HALF, FRAC_HIGH } FPFrac;

/* FPType, with Denormal folded into Num: nothing here needs the split. */
typedef enum FPType { FPT_ZERO, FPT_NUM, FPT_INF, FPT_QNAN, FPT_SNAN } FPType;

/*
 * An unpacked operand.  For FPT_NUM the value is sig * 2^(exp - 63) with
 * bit 63 of sig set, so exp is the exponent of the leading one and the
 * rest of sig is exact (at most 53 significant bits).
 */
typedef struct FPVal {
    FPType type;
    bool sign;
    int32_t exp;
    uint64_t sig;
} FPVal;

static inline int fp_nbits(FPFmt f) { return f == FP16 ? 16 : f == FP32 ? 32 : 64; }
static inline int fp_ebits(FPFmt f) { return f == FP16 ? 5 : f == FP32 ? 8 : 11; }
static inline int fp_fbits(FPFmt f) { return f == FP16 ? 10 : f == FP32 ? 23 : 52; }
static inline int fp_bias(FPFmt f) { return (1 << (fp_ebits(f) - 1)) - 1; }
static inline int fp_min_exp(FPFmt f) { return 1 - fp_bias(f); }
static inline uint64_t fp_sign_bit(FPFmt f) { return 1ull << (fp_nbits(f) - 1); }
static inline uint64_t fp_frac_mask(FPFmt f) { return (1ull << fp_fbits(f)) - 1; }
static inline uint32_t fp_exp_field(FPFmt f, uint64_t x)
{
    return (uint32_t)(x >> fp_fbits(f)) & ((1u << fp_ebits(f)) - 1);
}

static inline void fp_raise(ARMFPStatus *st, uint32_t flags) { st->fpsr |= flags; }

static inline bool fp_is_nan_type(FPType t) { return t == FPT_QNAN || t == FPT_SNAN; }

/* Whether the flush-to-zero control for this precision is on. */
static inline bool fp_fz(FPFmt f, uint32_t fpcr)
{
    return (fpcr & (f == FP16 ? ARM_FPCR_FZ16 : ARM_FPCR_FZ)) != 0;
}

/* FPZero, FPInfinity, FPMaxNormal, FPDefaultNaN, FPTwo, FPOnePointFive. */
static inline uint64_t fp_zero(FPFmt f, bool sign) { return sign ? fp_sign_bit(f) : 0; }
static inline uint64_t fp_inf(FPFmt f, bool sign)
{
    return fp_zero(f, sign) | ((uint64_t)((1u << fp_ebits(f)) - 1) << fp_fbits(f));
}
static inline uint64_t fp_max_normal(FPFmt f, bool sign)
{
    return fp_zero(f, sign) | ((uint64_t)((1u << fp_ebits(f)) - 2) << fp_fbits(f)) |
           fp_frac_mask(f);
}
static inline uint64_t fp_default_nan(FPFmt f)
{
    return fp_inf(f, false) | (1ull << (fp_fbits(f) - 1));
}
static inline uint64_t fp_two(FPFmt f, bool sign)
{
    return fp_zero(f, sign) | ((uint64_t)(fp_bias(f) + 1) << fp_fbits(f));
}
static inline uint64_t fp_one_point_five(FPFmt f, bool sign)
{
    return fp_zero(f, sign) | ((uint64_t)fp_bias(f) << fp_fbits(f)) |
           (1ull << (fp_fbits(f) - 1));
}

/* Shift right, ORing everything shifted out into bit 0 ("jamming"), so
 * later rounding still sees that the value was inexact. */
static inline uint64_t fp_shr_jam64(uint64_t x, int n)
{
    if (n <= 0)
        return x;
    if (n >= 64)
        return x != 0;
    return (x >> n) | ((x << (64 - n)) != 0);
}

static inline u128 fp_shr_jam128(u128 x, int n)
{
    if (n <= 0)
        return x;
    if (n >= 128)
        return x != 0;
    return (x >> n) | ((x << (128 - n)) != 0);
}

static inline int fp_clz128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)x);
}

/* fpu-core.c */
FPVal fp_unpack(FPFmt f, uint64_t x, uint32_t fpcr, ARMFPStatus *st);
FPVal fp_unpack_cv(FPFmt f, uint64_t x, uint32_t fpcr, ARMFPStatus *st);
uint64_t fp_round_base(FPFmt f, bool sign, int32_t exp, uint64_t sig,
                       uint32_t fpcr, ARMFPRounding rm, ARMFPStatus *st);
uint64_t fp_round(FPFmt f, bool sign, int32_t exp, uint64_t sig,
                  uint32_t fpcr, ARMFPRounding rm, ARMFPStatus *st);
uint64_t fp_round_wide(FPFmt f, bool sign, int32_t exp, u128 sig, bool sticky,
                       uint32_t fpcr, ARMFPRounding rm, ARMFPStatus *st);
uint64_t fp_process_nan(FPFmt f, FPType t, uint64_t x, uint32_t fpcr, ARMFPStatus *st);
bool fp_process_nans(FPFmt f, const FPVal *v1, const FPVal *v2, uint64_t x1,
                     uint64_t x2, uint32_t fpcr, ARMFPStatus *st, uint64_t *res);
bool fp_process_nans3(FPFmt f, const FPVal *v1, const FPVal *v2, const FPVal *v3,
                      uint64_t x1, uint64_t x2, uint64_t x3, uint32_t fpcr,
                      ARMFPStatus *st, uint64_t *res);
bool fp_round_up_mag(ARMFPRounding rm, bool sign, bool odd, FPFrac frac);
bool fp_split_int(const FPVal *v, int scale, uint64_t *ipart, FPFrac *frac);
int fp_compare_values(const FPVal *a, const FPVal *b);

#endif
