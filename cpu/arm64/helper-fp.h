/* SPDX-License-Identifier: MIT */
/*
 * Private to helper-fp*.c: moving FPCR/FPSR in and out of the exact FP
 * library's ARMFPStatus, the rounding-mode encoding that translated code
 * passes in descriptors, and the host fast path of the common operations.
 */
#ifndef CPU_ARM64_HELPER_FP_H
#define CPU_ARM64_HELPER_FP_H

#include <math.h>
#include <string.h>
#include "helper-simd.h"
#include "fpu.h"

static inline ARMFPStatus fp_status(const CPUARMState *env)
{
    ARMFPStatus st = { .fpcr = env->fpcr, .fpsr = env->fpsr };
    return st;
}

static inline void fp_status_put(CPUARMState *env, const ARMFPStatus *st)
{
    env->fpsr = st->fpsr;
}

static inline ARMFPRounding fp_data_rounding(const CPUARMState *env, int rm)
{
    return rm == SIMD_FP_RM_FPCR ? arm_fp_rounding_mode(env->fpcr)
                            : (ARMFPRounding)rm;
}

/*
 * Host fast path for add, sub, mul, div, sqrt and fused multiply-add of
 * single and double.  The host computes IEEE round-to-nearest-even exactly
 * (SSE/NEON arithmetic, fma() correctly rounded; nothing in mimic changes
 * the host rounding mode or flush controls), so its result is the Arm
 * result whenever
 *   - FPCR asks for nearest-even and no flushing (DN and AHP cannot matter:
 *     the cases below never produce a NaN),
 *   - every operand is finite (no NaN propagation, no invalid operation;
 *     division by zero is excluded too),
 *   - the result is normal and well above the subnormals (no overflow, no
 *     underflow, no exact-zero sign subtleties, exact product errors),
 *   - and the inexact flag comes out right: FPSR.IXC is already set, or
 *     the rounding error is computed exactly (TwoSum for add/sub, fma for
 *     products) and IXC raised when it is not zero, or (fma) the result is
 *     provably exact.
 * Otherwise the exact library decides.
 */
static inline bool fp_fast_mode(const ARMFPStatus *st)
{
    return (st->fpcr & (ARM_FPCR_RMODE_MASK | ARM_FPCR_FZ)) == 0;
}

static inline bool fp_fast_ok(const ARMFPStatus *st)
{
    return fp_fast_mode(st) && (st->fpsr & ARM_FPSR_IXC);
}

static inline bool f32_finite(uint32_t x)
{
    return (x & 0x7f800000u) != 0x7f800000u;
}
static inline bool f64_finite(uint64_t x)
{
    return (x & 0x7ff0000000000000ull) != 0x7ff0000000000000ull;
}
static inline bool f32_normal(uint32_t x)
{
    return f32_finite(x) && (x & 0x7f800000u) != 0;
}
static inline bool f64_normal(uint64_t x)
{
    return f64_finite(x) && (x & 0x7ff0000000000000ull) != 0;
}
/* |x| far enough above the subnormals that a product's error is exact */
static inline bool f32_big(uint32_t x) { return ((x >> 23) & 0xff) > 60; }
static inline bool f64_big(uint64_t x) { return ((x >> 52) & 0x7ff) > 200; }
static inline float f32_val(uint32_t x) { float f; memcpy(&f, &x, 4); return f; }
static inline double f64_val(uint64_t x) { double d; memcpy(&d, &x, 8); return d; }
static inline uint32_t f32_bits(float f) { uint32_t x; memcpy(&x, &f, 4); return x; }
static inline uint64_t f64_bits(double d) { uint64_t x; memcpy(&x, &d, 8); return x; }

/* The exact rounding error of r = x + y (TwoSum, exact without overflow). */
#define FP_ERR_ADD(T, x, y, r)                                               \
    ({ T bv_ = (r) - (x), av_ = (r) - bv_;                                   \
       ((x) - av_) + ((y) - bv_); })

static inline bool fast_inexact_add_s(float x, float y, float r)
{
    return FP_ERR_ADD(float, x, y, r) != 0;
}
static inline bool fast_inexact_sub_s(float x, float y, float r)
{
    return FP_ERR_ADD(float, x, -y, r) != 0;
}
static inline bool fast_inexact_mul_s(float x, float y, float r)
{
    return fmaf(x, y, -r) != 0;
}
static inline bool fast_inexact_add_d(double x, double y, double r)
{
    return FP_ERR_ADD(double, x, y, r) != 0;
}
static inline bool fast_inexact_sub_d(double x, double y, double r)
{
    return FP_ERR_ADD(double, x, -y, r) != 0;
}
static inline bool fast_inexact_mul_d(double x, double y, double r)
{
    return fma(x, y, -r) != 0;
}

#define FP_FAST_ARITH(NAME, OP)                                              \
    static inline uint32_t fast_##NAME##_s(uint32_t a, uint32_t b,           \
                                           ARMFPStatus *st)                  \
    {                                                                        \
        if (fp_fast_mode(st) && f32_finite(a) && f32_finite(b)) {            \
            float x = f32_val(a), y = f32_val(b), v = x OP y;                \
            uint32_t r = f32_bits(v);                                        \
            if (f32_normal(r) && f32_big(r)) {                               \
                if (fast_inexact_##NAME##_s(x, y, v)) {                      \
                    st->fpsr |= ARM_FPSR_IXC;                                \
                }                                                            \
                return r;                                                    \
            }                                                                \
        }                                                                    \
        return arm_fp_##NAME##_s(a, b, st);                                  \
    }                                                                        \
    static inline uint64_t fast_##NAME##_d(uint64_t a, uint64_t b,           \
                                           ARMFPStatus *st)                  \
    {                                                                        \
        if (fp_fast_mode(st) && f64_finite(a) && f64_finite(b)) {            \
            double x = f64_val(a), y = f64_val(b), v = x OP y;               \
            uint64_t r = f64_bits(v);                                        \
            if (f64_normal(r) && f64_big(r)) {                               \
                if (fast_inexact_##NAME##_d(x, y, v)) {                      \
                    st->fpsr |= ARM_FPSR_IXC;                                \
                }                                                            \
                return r;                                                    \
            }                                                                \
        }                                                                    \
        return arm_fp_##NAME##_d(a, b, st);                                  \
    }                                                                        \
    static inline uint16_t fast_##NAME##_h(uint16_t a, uint16_t b,           \
                                           ARMFPStatus *st)                  \
    {                                                                        \
        return arm_fp_##NAME##_h(a, b, st);                                  \
    }

FP_FAST_ARITH(add, +)
FP_FAST_ARITH(sub, -)
FP_FAST_ARITH(mul, *)

/* division and square root: only once IXC is set */
static inline uint32_t fast_div_s(uint32_t a, uint32_t b, ARMFPStatus *st)
{
    if (fp_fast_ok(st) && f32_finite(a) && f32_finite(b) &&
        (b & 0x7fffffffu) != 0) {
        uint32_t r = f32_bits(f32_val(a) / f32_val(b));
        if (f32_normal(r)) {
            return r;
        }
    }
    return arm_fp_div_s(a, b, st);
}

static inline uint64_t fast_div_d(uint64_t a, uint64_t b, ARMFPStatus *st)
{
    if (fp_fast_ok(st) && f64_finite(a) && f64_finite(b) &&
        (b & ~(1ull << 63)) != 0) {
        uint64_t r = f64_bits(f64_val(a) / f64_val(b));
        if (f64_normal(r)) {
            return r;
        }
    }
    return arm_fp_div_d(a, b, st);
}

static inline uint16_t fast_div_h(uint16_t a, uint16_t b, ARMFPStatus *st)
{
    return arm_fp_div_h(a, b, st);
}

static inline uint32_t fast_sqrt_s(uint32_t a, ARMFPStatus *st)
{
    if (fp_fast_ok(st) && f32_finite(a) && !(a >> 31) && a != 0) {
        return f32_bits(sqrtf(f32_val(a)));
    }
    return arm_fp_sqrt_s(a, st);
}

static inline uint64_t fast_sqrt_d(uint64_t a, ARMFPStatus *st)
{
    if (fp_fast_ok(st) && f64_finite(a) && !(a >> 63) && a != 0) {
        return f64_bits(sqrt(f64_val(a)));
    }
    return arm_fp_sqrt_d(a, st);
}

static inline uint16_t fast_sqrt_h(uint16_t a, ARMFPStatus *st)
{
    return arm_fp_sqrt_h(a, st);
}

/* a * b + c with one rounding; neg as for arm_fp_muladd_*.  Without IXC
 * set, only a provably exact result (exact product, exact sum) is taken. */
#define FP_FAST_MULADD(SFX, T, F, FMA, FINITE, NORMAL, BIG, VAL, BITS)     \
    static inline T fast_muladd_##SFX(T a, T b, T c, unsigned neg,           \
                                      ARMFPStatus *st)                       \
    {                                                                        \
        if (fp_fast_mode(st) && FINITE(a) && FINITE(b) && FINITE(c)) {       \
            F x = VAL(a), y = VAL(b), z = VAL(c);                            \
            x = (neg & ARM_FP_NEG_PRODUCT) ? -x : x;                         \
            z = (neg & ARM_FP_NEG_ADDEND) ? -z : z;                          \
            T r = BITS(FMA(x, y, z));                                        \
            if (NORMAL(r) && BIG(r)) {                                       \
                if (st->fpsr & ARM_FPSR_IXC) {                               \
                    return r;                                                \
                }                                                            \
                F p = x * y;                                                 \
                if (NORMAL(BITS(p)) && BIG(BITS(p)) && FMA(x, y, -p) == 0 && \
                    FP_ERR_ADD(F, p, z, p + z) == 0) {                       \
                    return r;                                                \
                }                                                            \
            }                                                                \
        }                                                                    \
        return arm_fp_muladd_##SFX(a, b, c, neg, st);                        \
    }

FP_FAST_MULADD(s, uint32_t, float, fmaf, f32_finite, f32_normal, f32_big,
               f32_val, f32_bits)
FP_FAST_MULADD(d, uint64_t, double, fma, f64_finite, f64_normal, f64_big,
               f64_val, f64_bits)

static inline uint16_t fast_muladd_h(uint16_t a, uint16_t b, uint16_t c,
                                     unsigned neg, ARMFPStatus *st)
{
    return arm_fp_muladd_h(a, b, c, neg, st);
}

#endif
