/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for cpu/arm64/fpu-*.c.  Every expected value here was worked
 * out by hand from the Arm ARM pseudocode (the derivation is in the comment
 * next to anything that is not obvious), never taken from the library
 * itself.  tests/unit/fpu-vs-qemu.sh is the complementary random
 * cross-check against qemu-aarch64.
 *
 * Build: gcc -std=gnu11 -I. cpu/arm64/fpu-*.c tests/unit/test-fpu.c
 */
#include <inttypes.h>
#include <stdio.h>
#include "cpu/arm64/fpu.h"

static int passed, failed;

static void check(int line, const char *expr, uint32_t fpcr, uint64_t got,
                  uint64_t want, uint32_t got_flags, uint32_t want_flags)
{
    if (got == want && got_flags == want_flags) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL line %d: %s [fpcr %08" PRIx32 "]\n"
           "     got  %016" PRIx64 " fpsr %02" PRIx32 "\n"
           "     want %016" PRIx64 " fpsr %02" PRIx32 "\n",
           line, expr, fpcr, got, got_flags, want, want_flags);
}

/* T(expression using &st, fpcr, expected result, expected FPSR flags) */
#define T(expr, fpcr, want, flags)                                           \
    do {                                                                     \
        ARMFPStatus st = { (fpcr), 0 };                                      \
        uint64_t got_ = (uint64_t)(expr);                                    \
        check(__LINE__, #expr, (fpcr), got_, (uint64_t)(want), st.fpsr,      \
              (flags));                                                      \
    } while (0)

/* FPCR settings */
#define RN 0u
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)
#define FZ ARM_FPCR_FZ
#define DN ARM_FPCR_DN
#define FZ16 ARM_FPCR_FZ16
#define AHP ARM_FPCR_AHP

/* FPSR flags */
#define IOC ARM_FPSR_IOC
#define DZC ARM_FPSR_DZC
#define OFC ARM_FPSR_OFC
#define UFC ARM_FPSR_UFC
#define IXC ARM_FPSR_IXC
#define IDC ARM_FPSR_IDC

/* single precision constants */
#define S_ONE 0x3f800000u
#define S_TWO 0x40000000u
#define S_HALF 0x3f000000u
#define S_INF 0x7f800000u
#define S_NINF 0xff800000u
#define S_MAX 0x7f7fffffu
#define S_MINN 0x00800000u        /* smallest normal 2^-126 */
#define S_DN 0x7fc00000u          /* default NaN */
#define S_NZERO 0x80000000u

#define D_ONE 0x3ff0000000000000ull
#define D_HALF 0x3fe0000000000000ull
#define D_INF 0x7ff0000000000000ull
#define D_MAX 0x7fefffffffffffffull
#define D_DN 0x7ff8000000000000ull

#define H_ONE 0x3c00u
#define H_HALF 0x3800u
#define H_INF 0x7c00u
#define H_MAX 0x7bffu             /* 65504 */
#define H_DN 0x7e00u

static void test_add(void)
{
    T(arm_fp_add_s(S_ONE, S_ONE, &st), RN, S_TWO, 0);
    /* Exact zero sums: +0 except in RM; equal-signed zeros keep the sign. */
    T(arm_fp_add_s(0, S_NZERO, &st), RN, 0, 0);
    T(arm_fp_add_s(0, S_NZERO, &st), RM, S_NZERO, 0);
    T(arm_fp_add_s(S_NZERO, S_NZERO, &st), RN, S_NZERO, 0);
    T(arm_fp_add_s(S_NZERO, S_NZERO, &st), RP, S_NZERO, 0);
    T(arm_fp_add_s(S_ONE, 0xbf800000, &st), RN, 0, 0);
    T(arm_fp_add_s(S_ONE, 0xbf800000, &st), RM, S_NZERO, 0);
    T(arm_fp_sub_s(S_ONE, S_ONE, &st), RZ, 0, 0);
    T(arm_fp_sub_s(S_ONE, S_ONE, &st), RM, S_NZERO, 0);
    /* Infinities. */
    T(arm_fp_add_s(S_INF, S_NINF, &st), RN, S_DN, IOC);
    T(arm_fp_sub_s(S_INF, S_INF, &st), RN, S_DN, IOC);
    T(arm_fp_sub_s(S_INF, S_NINF, &st), RN, S_INF, 0);
    T(arm_fp_add_s(S_ONE, S_NINF, &st), RN, S_NINF, 0);

    /* Ties: 1 + 2^-24 is halfway between 1 and 1 + 2^-23. */
    T(arm_fp_add_s(S_ONE, 0x33800000, &st), RN, S_ONE, IXC);
    T(arm_fp_add_s(S_ONE, 0x33800000, &st), RP, 0x3f800001, IXC);
    T(arm_fp_add_s(S_ONE, 0x33800000, &st), RM, S_ONE, IXC);
    T(arm_fp_add_s(S_ONE, 0x33800000, &st), RZ, S_ONE, IXC);
    /* (1 + 2^-23) + 2^-24: tie with odd last bit rounds up to even. */
    T(arm_fp_add_s(0x3f800001, 0x33800000, &st), RN, 0x3f800002, IXC);
    T(arm_fp_add_s(0x3f800001, 0x33800000, &st), RZ, 0x3f800001, IXC);
    /* Negative tie: RM goes away from zero, RP and RZ towards it. */
    T(arm_fp_add_s(0xbf800000, 0xb3800000, &st), RN, 0xbf800000, IXC);
    T(arm_fp_add_s(0xbf800000, 0xb3800000, &st), RM, 0xbf800001, IXC);
    T(arm_fp_add_s(0xbf800000, 0xb3800000, &st), RP, 0xbf800000, IXC);
    T(arm_fp_add_s(0xbf800000, 0xb3800000, &st), RZ, 0xbf800000, IXC);
    /* 1 + 0.75 ulp rounds up in RN. */
    T(arm_fp_add_s(S_ONE, 0x33c00000, &st), RN, 0x3f800001, IXC);

    /* Overflow: MAX + MAX. */
    T(arm_fp_add_s(S_MAX, S_MAX, &st), RN, S_INF, OFC | IXC);
    T(arm_fp_add_s(S_MAX, S_MAX, &st), RP, S_INF, OFC | IXC);
    T(arm_fp_add_s(S_MAX, S_MAX, &st), RM, S_MAX, OFC | IXC);
    T(arm_fp_add_s(S_MAX, S_MAX, &st), RZ, S_MAX, OFC | IXC);
    T(arm_fp_add_s(0xff7fffff, 0xff7fffff, &st), RN, S_NINF, OFC | IXC);
    T(arm_fp_add_s(0xff7fffff, 0xff7fffff, &st), RM, S_NINF, OFC | IXC);
    T(arm_fp_add_s(0xff7fffff, 0xff7fffff, &st), RP, 0xff7fffff, OFC | IXC);
    T(arm_fp_add_s(0xff7fffff, 0xff7fffff, &st), RZ, 0xff7fffff, OFC | IXC);
    /* MAX + half an ulp (2^103): a tie whose round-up overflows in RN; in
     * RZ/RM the result is MAX with IXC only (no overflow happens). */
    T(arm_fp_add_s(S_MAX, 0x73000000, &st), RN, S_INF, OFC | IXC);
    T(arm_fp_add_s(S_MAX, 0x73000000, &st), RZ, S_MAX, IXC);
    T(arm_fp_add_s(S_MAX, 0x73000000, &st), RM, S_MAX, IXC);
    T(arm_fp_add_s(S_MAX, 0x73000000, &st), RP, S_INF, OFC | IXC);

    /* Denormal sums: exact, no flags; FZ flushes the inputs with IDC. */
    T(arm_fp_add_s(3, 1, &st), RN, 4, 0);
    T(arm_fp_add_s(3, 1, &st), FZ, 0, IDC);
    T(arm_fp_add_s(S_ONE, 1, &st), RN, S_ONE, IXC);
    T(arm_fp_add_s(S_ONE, 1, &st), RP, 0x3f800001, IXC);
    T(arm_fp_add_s(S_ONE, 1, &st), FZ | RP, S_ONE, IDC);
    /* 2^-126 - 2^-149: denormal result, exact; with FZ the operand is
     * flushed instead. */
    T(arm_fp_sub_s(S_MINN, 1, &st), RN, 0x007fffff, 0);
    T(arm_fp_sub_s(S_MINN, 1, &st), FZ, S_MINN, IDC);
    /* Two normals whose exact difference is denormal (-2^-149): FZ flushes
     * the output to -0 with UFC only. */
    T(arm_fp_sub_s(S_MINN, 0x00800001, &st), RN, 0x80000001, 0);
    T(arm_fp_sub_s(S_MINN, 0x00800001, &st), FZ, S_NZERO, UFC);

    /* Double precision. */
    T(arm_fp_add_d(0x3fb999999999999aull, 0x3fc999999999999aull, &st), RN,
      0x3fd3333333333334ull, IXC);               /* 0.1 + 0.2 */
    T(arm_fp_add_d(D_MAX, D_MAX, &st), RN, D_INF, OFC | IXC);
    T(arm_fp_add_d(D_MAX, D_MAX, &st), RZ, D_MAX, OFC | IXC);
    T(arm_fp_add_d(D_ONE, 0x3ca0000000000000ull, &st), RN, D_ONE, IXC);  /* +2^-53 tie */
    T(arm_fp_add_d(D_ONE, 0x3ca0000000000000ull, &st), RP, D_ONE + 1, IXC);
    T(arm_fp_sub_d(D_ONE, D_ONE, &st), RM, 0x8000000000000000ull, 0);
    T(arm_fp_add_d(1, 1, &st), FZ, 0, IDC);
    T(arm_fp_add_d(1, 1, &st), RN, 2, 0);

    /* Half precision. */
    T(arm_fp_add_h(H_ONE, H_ONE, &st), RN, 0x4000, 0);
    T(arm_fp_add_h(H_MAX, H_MAX, &st), RN, H_INF, OFC | IXC);
    T(arm_fp_add_h(H_MAX, H_MAX, &st), RZ, H_MAX, OFC | IXC);
    /* 65504 + 16 = 65520: tie, odd mantissa, rounds up and overflows. */
    T(arm_fp_add_h(H_MAX, 0x4c00, &st), RN, H_INF, OFC | IXC);
    T(arm_fp_add_h(H_MAX, 0x4c00, &st), RZ, H_MAX, IXC);
    /* FZ16 flushes half denormals without IDC; FZ does not touch halves. */
    T(arm_fp_add_h(1, 1, &st), RN, 2, 0);
    T(arm_fp_add_h(1, 1, &st), FZ16, 0, 0);
    T(arm_fp_add_h(1, 1, &st), FZ, 2, 0);
    /* AHP does not apply to arithmetic: 0x7c00 is still infinity. */
    T(arm_fp_add_h(H_INF, H_ONE, &st), AHP, H_INF, 0);
}

static void test_nan(void)
{
    /* FPProcessNaNs: any sNaN first, then a qNaN, each in operand order. */
    T(arm_fp_add_s(0x7fc00001, 0x7f800002, &st), RN, 0x7fc00002, IOC);
    T(arm_fp_add_s(0xffc00005, 0x7fc00007, &st), RN, 0xffc00005, 0);
    T(arm_fp_add_s(0x7fc00007, 0xffc00005, &st), RN, 0x7fc00007, 0);
    T(arm_fp_add_s(S_ONE, 0xff800001, &st), RN, 0xffc00001, IOC);
    T(arm_fp_add_s(0x7f800001, 0x7f800002, &st), RN, 0x7fc00001, IOC);
    /* DN replaces the propagated NaN by +default NaN; IOC only for sNaN. */
    T(arm_fp_add_s(S_ONE, 0xffc00005, &st), DN, S_DN, 0);
    T(arm_fp_add_s(S_ONE, 0xff800005, &st), DN, S_DN, IOC);
    /* FSUB does not negate a NaN second operand. */
    T(arm_fp_sub_s(S_ONE, 0x7fc00003, &st), RN, 0x7fc00003, 0);
    T(arm_fp_sub_s(S_ONE, 0xffc00003, &st), RN, 0xffc00003, 0);
    /* Payloads survive in every precision. */
    T(arm_fp_mul_d(0x7ff0000000000001ull, D_ONE, &st), RN, 0x7ff8000000000001ull, IOC);
    T(arm_fp_mul_d(0xfff8000000012345ull, D_ONE, &st), RN, 0xfff8000000012345ull, 0);
    T(arm_fp_mul_d(0x7ff0000000000001ull, D_ONE, &st), DN, D_DN, IOC);
    T(arm_fp_mul_h(0x7c01, H_ONE, &st), RN, 0x7e01, IOC);
    T(arm_fp_mul_h(0xfe11, H_ONE, &st), RN, 0xfe11, 0);
    T(arm_fp_mul_h(0xfe11, H_ONE, &st), DN, H_DN, 0);
    T(arm_fp_div_s(0x7fc00001, 0, &st), RN, 0x7fc00001, 0);    /* no DZC */
    T(arm_fp_add_s(S_INF, S_NINF, &st), DN, S_DN, IOC);
}

static void test_mul_div(void)
{
    T(arm_fp_mul_s(0xc0000000, 0x40400000, &st), RN, 0xc0c00000, 0); /* -2*3 */
    T(arm_fp_mul_s(S_INF, 0, &st), RN, S_DN, IOC);
    T(arm_fp_mul_s(S_NZERO, 0x40a00000, &st), RN, S_NZERO, 0);
    T(arm_fp_mul_s(S_NINF, S_NINF, &st), RN, S_INF, 0);
    /* FMULX: inf * 0 = 2 with the product's sign, and no IOC. */
    T(arm_fp_mulx_s(0, S_INF, &st), RN, S_TWO, 0);
    T(arm_fp_mulx_s(S_NZERO, S_INF, &st), RN, 0xc0000000, 0);
    T(arm_fp_mulx_s(S_NINF, 0, &st), RN, 0xc0000000, 0);
    T(arm_fp_mulx_d(D_INF, 0, &st), RN, 0x4000000000000000ull, 0);
    T(arm_fp_mulx_h(0x8000, H_INF, &st), RN, 0xc000, 0);
    T(arm_fp_mulx_s(S_TWO, 0x40400000, &st), RN, 0x40c00000, 0);

    /* Underflow: 2^-126 * 0.5 = 2^-127 is an exact denormal: no UFC. */
    T(arm_fp_mul_s(S_MINN, S_HALF, &st), RN, 0x00400000, 0);
    /* ...but FZ flushes it: UFC alone (no IXC). */
    T(arm_fp_mul_s(S_MINN, S_HALF, &st), FZ, 0, UFC);
    /* 2^-149 * 0.5: exactly half the smallest denormal. */
    T(arm_fp_mul_s(1, S_HALF, &st), RN, 0, UFC | IXC);
    T(arm_fp_mul_s(1, S_HALF, &st), RP, 1, UFC | IXC);
    T(arm_fp_mul_s(1, S_HALF, &st), RZ, 0, UFC | IXC);
    T(arm_fp_mul_s(0x80000001, S_HALF, &st), RM, 0x80000001, UFC | IXC);
    T(arm_fp_mul_s(1, S_HALF, &st), FZ, 0, IDC);
    /* 3 * 2^-149 * 0.5 = 1.5 ulp: tie to even gives 2. */
    T(arm_fp_mul_s(3, S_HALF, &st), RN, 2, UFC | IXC);
    /* (1 - 2^-24) * 2^-126 = 2^-126 - 2^-150: tiny before rounding, so UFC
     * even though it rounds up to the smallest normal (tininess is
     * detected before rounding).  With FZ it is flushed, UFC only. */
    T(arm_fp_mul_s(0x3f7fffff, S_MINN, &st), RN, S_MINN, UFC | IXC);
    T(arm_fp_mul_s(0x3f7fffff, S_MINN, &st), RZ, 0x007fffff, UFC | IXC);
    T(arm_fp_mul_s(0x3f7fffff, S_MINN, &st), FZ, 0, UFC);
    T(arm_fp_mul_s(0xbf7fffff, S_MINN, &st), FZ | RM, S_NZERO, UFC);
    /* Denormal operand: 2^-127 * 2 = 2^-126 exactly. */
    T(arm_fp_mul_s(0x00400000, S_TWO, &st), RN, S_MINN, 0);
    T(arm_fp_mul_s(0x00400000, S_TWO, &st), FZ, 0, IDC);
    T(arm_fp_mul_d(1, D_HALF, &st), RN, 0, UFC | IXC);
    T(arm_fp_mul_d(1, D_HALF, &st), RP, 1, UFC | IXC);
    T(arm_fp_mul_d(D_MAX, 0x4000000000000000ull, &st), RZ, D_MAX, OFC | IXC);
    T(arm_fp_mul_d(D_MAX, 0x4000000000000000ull, &st), RN, D_INF, OFC | IXC);
    /* Half: 2^-14 * 0.5 = 2^-15 exact denormal; FZ16 flushes it. */
    T(arm_fp_mul_h(0x0400, H_HALF, &st), RN, 0x0200, 0);
    T(arm_fp_mul_h(0x0400, H_HALF, &st), FZ16, 0, UFC);
    T(arm_fp_mul_h(0x0400, H_HALF, &st), FZ, 0x0200, 0);
    T(arm_fp_mul_h(0x0001, H_HALF, &st), RN, 0, UFC | IXC);
    T(arm_fp_mul_h(0x0001, H_HALF, &st), RP, 1, UFC | IXC);

    /* Division. */
    T(arm_fp_div_s(S_ONE, 0, &st), RN, S_INF, DZC);
    T(arm_fp_div_s(0xbf800000, 0, &st), RN, S_NINF, DZC);
    T(arm_fp_div_s(S_ONE, S_NZERO, &st), RN, S_NINF, DZC);
    T(arm_fp_div_s(0, 0, &st), RN, S_DN, IOC);
    T(arm_fp_div_s(S_INF, S_NINF, &st), RN, S_DN, IOC);
    T(arm_fp_div_s(S_INF, 0, &st), RN, S_INF, 0);   /* inf / 0: no DZC */
    T(arm_fp_div_s(0, 0x40a00000, &st), RN, 0, 0);
    T(arm_fp_div_s(S_ONE, S_NINF, &st), RN, S_NZERO, 0);
    /* 1/3 = 0x3eaaaaaa + 2/3 ulp. */
    T(arm_fp_div_s(S_ONE, 0x40400000, &st), RN, 0x3eaaaaab, IXC);
    T(arm_fp_div_s(S_ONE, 0x40400000, &st), RZ, 0x3eaaaaaa, IXC);
    T(arm_fp_div_s(S_ONE, 0x40400000, &st), RP, 0x3eaaaaab, IXC);
    T(arm_fp_div_d(D_ONE, 0x4008000000000000ull, &st), RN, 0x3fd5555555555555ull, IXC);
    T(arm_fp_div_d(D_ONE, 0x4008000000000000ull, &st), RP, 0x3fd5555555555556ull, IXC);
    /* A flushed denormal divisor is a zero: DZC and IDC. */
    T(arm_fp_div_s(S_ONE, 1, &st), FZ, S_INF, DZC | IDC);
    T(arm_fp_div_s(S_ONE, 1, &st), RN, S_INF, OFC | IXC);  /* 2^149 overflows */
    T(arm_fp_div_h(H_ONE, 0x4200, &st), RN, 0x3555, IXC);  /* 1/3 in half */
    T(arm_fp_div_h(H_ONE, 0, &st), RN, H_INF, DZC);
}

static void test_sqrt(void)
{
    T(arm_fp_sqrt_s(0x40800000, &st), RN, S_TWO, 0);
    /* sqrt(2) = 0x3fb504f3 + 0.2 ulp. */
    T(arm_fp_sqrt_s(S_TWO, &st), RN, 0x3fb504f3, IXC);
    T(arm_fp_sqrt_s(S_TWO, &st), RP, 0x3fb504f4, IXC);
    T(arm_fp_sqrt_d(0x4000000000000000ull, &st), RN, 0x3ff6a09e667f3bcdull, IXC);
    T(arm_fp_sqrt_s(S_NZERO, &st), RN, S_NZERO, 0);
    T(arm_fp_sqrt_s(0xbf800000, &st), RN, S_DN, IOC);
    T(arm_fp_sqrt_s(S_NINF, &st), RN, S_DN, IOC);
    T(arm_fp_sqrt_s(S_INF, &st), RN, S_INF, 0);
    T(arm_fp_sqrt_s(0x7f800001, &st), RN, 0x7fc00001, IOC);
    T(arm_fp_sqrt_s(0xffc00001, &st), RN, 0xffc00001, 0);
    /* sqrt(2^-149) = sqrt(2) * 2^-75: exponent field 52. */
    T(arm_fp_sqrt_s(1, &st), RN, 0x1a3504f3, IXC);
    T(arm_fp_sqrt_s(1, &st), FZ, 0, IDC);
    T(arm_fp_sqrt_s(0x80000001, &st), FZ, S_NZERO, IDC);  /* -0 after flush */
    T(arm_fp_sqrt_h(0x4400, &st), RN, 0x4000, 0);          /* sqrt(4) */
    T(arm_fp_sqrt_d(0x0000000000000004ull, &st), RN, 0x1e70000000000000ull, 0); /* 2^-536 */
}

static void test_fma(void)
{
    /* (1+2^-23)^2 - (1+2^-22) = 2^-46 exactly: only a fused op sees it. */
    T(arm_fp_muladd_s(0x3f800001, 0x3f800001, 0xbf800002, 0, &st), RN, 0x28800000, 0);
    /* (1+2^-52)^2 - (1+2^-51) = 2^-104. */
    T(arm_fp_muladd_d(0x3ff0000000000001ull, 0x3ff0000000000001ull,
                      0xbff0000000000002ull, 0, &st), RN, 0x3970000000000000ull, 0);
    /* 1 + a*b = 1 + 2^-24 + 2^-60: just above a tie, so it rounds up.
     * Rounding through double first would give the tie and then 1.0. */
    T(arm_fp_muladd_s(0x3f800800, 0x337ff001, S_ONE, 0, &st), RN, 0x3f800001, IXC);
    /* Half: 1 + 2^-11 + 39*2^-31 rounds up; via single it would not. */
    T(arm_fp_muladd_h(0x3c16, 0x0fd5, H_ONE, 0, &st), RN, 0x3c01, IXC);
    T(arm_fp_muladd_h(0x3c16, 0x0fd5, H_ONE, 0, &st), RZ, 0x3c00, IXC);

    /* inf * 0 + qNaN: default NaN and IOC, even without DN. */
    T(arm_fp_muladd_s(S_INF, 0, 0x7fc00123, 0, &st), RN, S_DN, IOC);
    T(arm_fp_muladd_s(0, S_NINF, 0xffc00123, 0, &st), RN, S_DN, IOC);
    /* ...but an sNaN addend is simply propagated (quietened). */
    T(arm_fp_muladd_s(S_INF, 0, 0x7f800123, 0, &st), RN, 0x7fc00123, IOC);
    T(arm_fp_muladd_s(S_INF, 0, S_ONE, 0, &st), RN, S_DN, IOC);
    /* NaN order: sNaN beats qNaN; among quiet NaNs the addend comes first. */
    T(arm_fp_muladd_s(0x7fc00001, 0x7f800002, 0x7fc00003, 0, &st), RN, 0x7fc00002, IOC);
    T(arm_fp_muladd_s(0x7fc00001, S_ONE, 0x7fc00003, 0, &st), RN, 0x7fc00003, 0);
    T(arm_fp_muladd_s(0x7f800001, S_ONE, 0x7f800003, 0, &st), RN, 0x7fc00003, IOC);
    T(arm_fp_muladd_s(0x7fc00001, 0x7fc00002, S_ONE, 0, &st), RN, 0x7fc00001, 0);
    /* The FMSUB/FNMADD/FNMSUB negations apply to NaN operands too. */
    T(arm_fp_muladd_s(0x7fc00001, S_ONE, S_ONE, ARM_FP_NEG_PRODUCT, &st), RN, 0xffc00001, 0);
    T(arm_fp_muladd_s(S_ONE, 0x7fc00001, S_ONE, ARM_FP_NEG_PRODUCT, &st), RN, 0x7fc00001, 0);
    T(arm_fp_muladd_s(S_ONE, S_ONE, 0x7fc00003,
                      ARM_FP_NEG_PRODUCT | ARM_FP_NEG_ADDEND, &st), RN, 0xffc00003, 0);
    T(arm_fp_muladd_s(S_ONE, S_ONE, 0x7fc00003, ARM_FP_NEG_ADDEND, &st), RN, 0xffc00003, 0);
    /* Signs: FMSUB 1 - 2*3 = -5, FNMADD -1 - 6 = -7, FNMSUB -1 + 6 = 5. */
    T(arm_fp_muladd_s(S_TWO, 0x40400000, S_ONE, ARM_FP_NEG_PRODUCT, &st), RN, 0xc0a00000, 0);
    T(arm_fp_muladd_s(S_TWO, 0x40400000, S_ONE,
                      ARM_FP_NEG_PRODUCT | ARM_FP_NEG_ADDEND, &st), RN, 0xc0e00000, 0);
    T(arm_fp_muladd_s(S_TWO, 0x40400000, S_ONE, ARM_FP_NEG_ADDEND, &st), RN, 0x40a00000, 0);

    /* Zeros: (+0 * 5) + -0 is an exact zero of opposite-signed parts. */
    T(arm_fp_muladd_s(0, 0x40a00000, S_NZERO, 0, &st), RN, 0, 0);
    T(arm_fp_muladd_s(0, 0x40a00000, S_NZERO, 0, &st), RM, S_NZERO, 0);
    T(arm_fp_muladd_s(S_NZERO, 0x40a00000, S_NZERO, 0, &st), RN, S_NZERO, 0);
    T(arm_fp_muladd_s(S_ONE, S_ONE, 0xbf800000, 0, &st), RN, 0, 0);
    T(arm_fp_muladd_s(S_ONE, S_ONE, 0xbf800000, 0, &st), RM, S_NZERO, 0);
    T(arm_fp_muladd_s(0, S_ONE, 0x40a00000, 0, &st), RN, 0x40a00000, 0);
    /* Infinities. */
    T(arm_fp_muladd_s(S_INF, S_ONE, S_NINF, 0, &st), RN, S_DN, IOC);
    T(arm_fp_muladd_s(S_INF, S_ONE, S_INF, 0, &st), RN, S_INF, 0);
    T(arm_fp_muladd_s(S_MAX, S_MAX, S_NINF, 0, &st), RN, S_NINF, 0);
    /* Product of huge values cancelled by nothing: overflow. */
    T(arm_fp_muladd_s(S_MAX, S_TWO, 0, 0, &st), RN, S_INF, OFC | IXC);
    /* Product exactly representable as a denormal; FZ flushes the result
     * (2^-100 * 2^-40 = 2^-140). */
    T(arm_fp_muladd_s(0x0d800000, 0x2b800000, 0, 0, &st), RN, 0x00000200, 0);
    T(arm_fp_muladd_s(0x0d800000, 0x2b800000, 0, 0, &st), FZ, 0, UFC);
    /* A denormal addend with FZ is a zero (IDC): result = product. */
    T(arm_fp_muladd_s(S_ONE, S_ONE, 1, 0, &st), FZ, S_ONE, IDC);
    T(arm_fp_muladd_s(S_ONE, S_ONE, 1, 0, &st), RP, 0x3f800001, IXC);
    /* Tiny product against a big addend: only stickiness remains. */
    T(arm_fp_muladd_d(1, 1, D_ONE, 0, &st), RP, D_ONE + 1, IXC);
    T(arm_fp_muladd_d(1, 1, D_ONE, 0, &st), RN, D_ONE, IXC);
    T(arm_fp_muladd_d(0x8000000000000001ull, 1, D_ONE, 0, &st), RZ,
      0x3fefffffffffffffull, IXC);
}

static void test_compare(void)
{
    T(arm_fp_compare_s(S_ONE, S_TWO, false, &st), RN, 0x8, 0);
    T(arm_fp_compare_s(S_TWO, S_ONE, false, &st), RN, 0x2, 0);
    T(arm_fp_compare_s(S_ONE, S_ONE, false, &st), RN, 0x6, 0);
    T(arm_fp_compare_s(0, S_NZERO, false, &st), RN, 0x6, 0);
    T(arm_fp_compare_s(S_NINF, S_INF, false, &st), RN, 0x8, 0);
    T(arm_fp_compare_s(S_INF, S_INF, false, &st), RN, 0x6, 0);
    T(arm_fp_compare_s(0x7fc00000, S_ONE, false, &st), RN, 0x3, 0);
    T(arm_fp_compare_s(0x7fc00000, S_ONE, true, &st), RN, 0x3, IOC);
    T(arm_fp_compare_s(S_ONE, 0x7f800001, false, &st), RN, 0x3, IOC);
    T(arm_fp_compare_d(0xbff0000000000000ull, 0xc000000000000000ull, false, &st), RN, 0x2, 0);
    T(arm_fp_compare_d(D_DN, D_DN, true, &st), RN, 0x3, IOC);
    /* Denormals: ordered normally, or equal to zero after FZ (IDC). */
    T(arm_fp_compare_s(1, 0, false, &st), RN, 0x2, 0);
    T(arm_fp_compare_s(1, 0, false, &st), FZ, 0x6, IDC);
    T(arm_fp_compare_s(0x80000001, 1, false, &st), FZ, 0x6, IDC);
    T(arm_fp_compare_h(1, 0, false, &st), FZ16, 0x6, 0);
    T(arm_fp_compare_h(0x8001, 0, false, &st), RN, 0x8, 0);
    T(arm_fp_compare_h(0x7e00, H_ONE, true, &st), RN, 0x3, IOC);
}

static void test_minmax(void)
{
    T(arm_fp_max_s(0, S_NZERO, &st), RN, 0, 0);
    T(arm_fp_max_s(S_NZERO, 0, &st), RN, 0, 0);
    T(arm_fp_min_s(0, S_NZERO, &st), RN, S_NZERO, 0);
    T(arm_fp_min_s(S_NZERO, 0, &st), RN, S_NZERO, 0);
    T(arm_fp_max_s(S_NZERO, S_NZERO, &st), RN, S_NZERO, 0);
    T(arm_fp_max_s(S_ONE, S_TWO, &st), RN, S_TWO, 0);
    T(arm_fp_min_s(S_NINF, 0x40a00000, &st), RN, S_NINF, 0);
    T(arm_fp_max_s(S_NINF, S_INF, &st), RN, S_INF, 0);
    /* FMAX/FMIN propagate NaNs; FMAXNM/FMINNM prefer a number over a qNaN. */
    T(arm_fp_max_s(S_ONE, 0x7fc00001, &st), RN, 0x7fc00001, 0);
    T(arm_fp_min_s(0xffc00001, S_ONE, &st), RN, 0xffc00001, 0);
    T(arm_fp_max_s(S_ONE, 0x7fc00001, &st), DN, S_DN, 0);
    T(arm_fp_maxnm_s(S_ONE, 0x7fc00001, &st), RN, S_ONE, 0);
    T(arm_fp_maxnm_s(0x7fc00001, S_ONE, &st), RN, S_ONE, 0);
    T(arm_fp_minnm_s(0x7fc00001, S_ONE, &st), RN, S_ONE, 0);
    T(arm_fp_minnm_s(0x7fc00001, S_NINF, &st), RN, S_NINF, 0);
    T(arm_fp_maxnm_s(0x7fc00001, S_NINF, &st), RN, S_NINF, 0);
    T(arm_fp_minnm_s(0x7fc00001, S_INF, &st), RN, S_INF, 0);
    T(arm_fp_maxnm_s(0x7fc00001, 0x7fc00002, &st), RN, 0x7fc00001, 0);
    T(arm_fp_maxnm_s(0x7f800001, S_ONE, &st), RN, 0x7fc00001, IOC);
    T(arm_fp_maxnm_s(0x7fc00001, 0x7f800002, &st), RN, 0x7fc00002, IOC);
    T(arm_fp_minnm_d(D_ONE, 0xfff8000000000001ull, &st), RN, D_ONE, 0);
    T(arm_fp_maxnm_h(0x7e00, 0xc000, &st), RN, 0xc000, 0);
    /* FZ: a flushed denormal is a zero of its sign. */
    T(arm_fp_max_s(1, 0, &st), FZ, 0, IDC);
    T(arm_fp_max_s(0x80000001, 0, &st), FZ, 0, IDC);
    T(arm_fp_min_s(1, S_NZERO, &st), FZ, S_NZERO, IDC);
    T(arm_fp_max_s(1, 0xbf800000, &st), FZ, 0, IDC);
    T(arm_fp_max_s(1, 0xbf800000, &st), RN, 1, 0);
    T(arm_fp_min_s(1, 2, &st), RN, 1, 0);
}

static void test_roundint(void)
{
    T(arm_fp_roundint_s(0x40200000, ARM_FPRM_TIEEVEN, false, &st), RN, S_TWO, 0); /* 2.5 */
    T(arm_fp_roundint_s(0x40600000, ARM_FPRM_TIEEVEN, false, &st), RN, 0x40800000, 0); /* 3.5 */
    T(arm_fp_roundint_s(0xc0200000, ARM_FPRM_TIEEVEN, false, &st), RN, 0xc0000000, 0);
    T(arm_fp_roundint_s(0x40200000, ARM_FPRM_TIEAWAY, false, &st), RN, 0x40400000, 0);
    T(arm_fp_roundint_s(0xc0200000, ARM_FPRM_TIEAWAY, false, &st), RN, 0xc0400000, 0);
    T(arm_fp_roundint_s(0xbf000000, ARM_FPRM_POSINF, false, &st), RN, S_NZERO, 0); /* -0.5 */
    T(arm_fp_roundint_s(S_HALF, ARM_FPRM_NEGINF, false, &st), RN, 0, 0);
    T(arm_fp_roundint_s(0xbf000000, ARM_FPRM_NEGINF, false, &st), RN, 0xbf800000, 0);
    T(arm_fp_roundint_s(0x3dcccccd, ARM_FPRM_POSINF, false, &st), RN, S_ONE, 0);   /* 0.1 */
    T(arm_fp_roundint_s(0xbfd9999a, ARM_FPRM_ZERO, false, &st), RN, 0xbf800000, 0); /* -1.7 */
    T(arm_fp_roundint_s(S_HALF, ARM_FPRM_TIEEVEN, false, &st), RN, 0, 0);
    T(arm_fp_roundint_s(0xbf000000, ARM_FPRM_TIEEVEN, false, &st), RN, S_NZERO, 0);
    T(arm_fp_roundint_s(0xbf000000, ARM_FPRM_TIEAWAY, false, &st), RN, 0xbf800000, 0);
    /* FRINTX signals inexact; FRINTI (same rounding) does not. */
    T(arm_fp_roundint_s(0x40200000, ARM_FPRM_TIEEVEN, true, &st), RN, S_TWO, IXC);
    T(arm_fp_roundint_s(S_TWO, ARM_FPRM_TIEEVEN, true, &st), RN, S_TWO, 0);
    /* Already integral, NaN, infinity. */
    T(arm_fp_roundint_s(0x4b000001, ARM_FPRM_TIEEVEN, true, &st), RN, 0x4b000001, 0);
    T(arm_fp_roundint_s(0x7f800001, ARM_FPRM_TIEEVEN, true, &st), RN, 0x7fc00001, IOC);
    T(arm_fp_roundint_s(0x7f800001, ARM_FPRM_TIEEVEN, true, &st), DN, S_DN, IOC);
    T(arm_fp_roundint_s(S_NINF, ARM_FPRM_ZERO, true, &st), RN, S_NINF, 0);
    /* Denormals: rounded normally, or flushed to a zero with IDC. */
    T(arm_fp_roundint_s(1, ARM_FPRM_POSINF, false, &st), RN, S_ONE, 0);
    T(arm_fp_roundint_s(1, ARM_FPRM_POSINF, true, &st), RN, S_ONE, IXC);
    T(arm_fp_roundint_s(1, ARM_FPRM_POSINF, true, &st), FZ, 0, IDC);
    T(arm_fp_roundint_s(0x80000001, ARM_FPRM_NEGINF, false, &st), FZ, S_NZERO, IDC);
    /* 2^52 - 0.5: a tie with odd integer part -> 2^52. */
    T(arm_fp_roundint_d(0x432fffffffffffffull, ARM_FPRM_TIEEVEN, true, &st), RN,
      0x4330000000000000ull, IXC);
    T(arm_fp_roundint_d(0x432fffffffffffffull, ARM_FPRM_ZERO, true, &st), RN,
      0x432ffffffffffffeull, IXC);
    T(arm_fp_roundint_d(0x4330000000000001ull, ARM_FPRM_TIEEVEN, true, &st), RN,
      0x4330000000000001ull, 0);
    T(arm_fp_roundint_h(0x4100, ARM_FPRM_TIEAWAY, false, &st), RN, 0x4200, 0); /* 2.5->3 */
    T(arm_fp_roundint_h(0x4100, ARM_FPRM_TIEEVEN, true, &st), RN, 0x4000, IXC);
    T(arm_fp_roundint_h(1, ARM_FPRM_POSINF, true, &st), FZ16, 0, 0);
    T(arm_fp_roundint_h(1, ARM_FPRM_POSINF, true, &st), RN, H_ONE, IXC);

    /* FRINT32/64: out of range (and NaN/inf) -> most negative integer, IOC. */
    T(arm_fp_roundint32_s(0x4f000000, ARM_FPRM_ZERO, &st), RN, 0xcf000000, IOC); /* 2^31 */
    T(arm_fp_roundint32_s(0xcf000000, ARM_FPRM_ZERO, &st), RN, 0xcf000000, 0);   /* -2^31 */
    T(arm_fp_roundint32_s(0x4effffff, ARM_FPRM_ZERO, &st), RN, 0x4effffff, 0);
    T(arm_fp_roundint32_s(S_DN, ARM_FPRM_TIEEVEN, &st), RN, 0xcf000000, IOC);
    T(arm_fp_roundint32_s(S_NINF, ARM_FPRM_TIEEVEN, &st), RN, 0xcf000000, IOC);
    T(arm_fp_roundint64_s(S_INF, ARM_FPRM_TIEEVEN, &st), RN, 0xdf000000, IOC);
    T(arm_fp_roundint32_s(0xc02ccccd, ARM_FPRM_ZERO, &st), RN, 0xc0000000, IXC); /* -2.7 */
    T(arm_fp_roundint32_s(0xc02ccccd, ARM_FPRM_NEGINF, &st), RN, 0xc0400000, IXC);
    T(arm_fp_roundint64_s(S_NZERO, ARM_FPRM_TIEEVEN, &st), RN, S_NZERO, 0);
    T(arm_fp_roundint32_s(0xbe800000, ARM_FPRM_ZERO, &st), RN, S_NZERO, IXC); /* -0.25 */
    T(arm_fp_roundint64_d(0x43e0000000000000ull, ARM_FPRM_ZERO, &st), RN,
      0xc3e0000000000000ull, IOC);                                          /* 2^63 */
    T(arm_fp_roundint64_d(0xc3e0000000000000ull, ARM_FPRM_ZERO, &st), RN,
      0xc3e0000000000000ull, 0);
    /* 2^31 - 0.5: truncates to 2^31 - 1, but RN ties up to 2^31: overflow
     * (IOC, and no IXC on overflow). */
    T(arm_fp_roundint32_d(0x41dfffffffe00000ull, ARM_FPRM_ZERO, &st), RN,
      0x41dfffffffc00000ull, IXC);
    T(arm_fp_roundint32_d(0x41dfffffffe00000ull, ARM_FPRM_TIEEVEN, &st), RN,
      0xc1e0000000000000ull, IOC);
    T(arm_fp_roundint32_d(0xc1e0000000100000ull, ARM_FPRM_POSINF, &st), RN,
      0xc1e0000000000000ull, IXC);          /* -(2^31 + 0.5) up to -2^31 */
}

static void test_fcvt(void)
{
    T(arm_fp_cvt_s_to_d(S_ONE, &st), RN, D_ONE, 0);
    /* NaN payloads move with the top of the fraction; sNaN -> qNaN + IOC. */
    T(arm_fp_cvt_s_to_d(0x7fc00001, &st), RN, 0x7ff8000020000000ull, 0);
    T(arm_fp_cvt_s_to_d(0xff800001, &st), RN, 0xfff8000020000000ull, IOC);
    T(arm_fp_cvt_s_to_d(0xff800001, &st), DN, D_DN, IOC);
    T(arm_fp_cvt_s_to_d(1, &st), RN, 0x36a0000000000000ull, 0);  /* 2^-149 exact */
    T(arm_fp_cvt_s_to_d(1, &st), FZ, 0, IDC);
    T(arm_fp_cvt_d_to_s(0x3fb999999999999aull, &st), RN, 0x3dcccccd, IXC); /* 0.1 */
    T(arm_fp_cvt_d_to_s(0x3fb999999999999aull, &st), RZ, 0x3dcccccc, IXC);
    T(arm_fp_cvt_d_to_s(D_MAX, &st), RN, S_INF, OFC | IXC);
    T(arm_fp_cvt_d_to_s(D_MAX, &st), RZ, S_MAX, OFC | IXC);
    T(arm_fp_cvt_d_to_s(0x3690000000000000ull, &st), RN, 0, UFC | IXC);  /* 2^-150 */
    T(arm_fp_cvt_d_to_s(0x3690000000000000ull, &st), RP, 1, UFC | IXC);
    T(arm_fp_cvt_d_to_s(0x3690000000000000ull, &st), FZ, 0, UFC);
    T(arm_fp_cvt_d_to_s(0x36a0000000000000ull, &st), RN, 1, 0);        /* 2^-149 */
    T(arm_fp_cvt_d_to_s(0x36a0000000000000ull, &st), FZ, 0, UFC);
    T(arm_fp_cvt_d_to_s(1, &st), RN, 0, UFC | IXC);
    T(arm_fp_cvt_d_to_s(1, &st), FZ, 0, IDC);
    T(arm_fp_cvt_d_to_s(0x7ff8000000000001ull, &st), RN, S_DN, 0);
    /* sNaN with fraction bits 50 and 29: they land in bits 21 and 0. */
    T(arm_fp_cvt_d_to_s(0x7ff4000020000000ull, &st), RN, 0x7fe00001, IOC);

    /* Half precision and AHP. */
    T(arm_fp_cvt_s_to_h(S_ONE, &st), RN, H_ONE, 0);
    T(arm_fp_cvt_s_to_h(S_ONE, &st), AHP, H_ONE, 0);
    T(arm_fp_cvt_s_to_h(0x477ff000, &st), RN, H_INF, OFC | IXC);  /* 65520 */
    T(arm_fp_cvt_s_to_h(0x477ff000, &st), RZ, H_MAX, IXC);
    /* AHP has exponent 31 as numbers: 65520 ties up to 65536 = 0x7c00. */
    T(arm_fp_cvt_s_to_h(0x477ff000, &st), AHP, 0x7c00, IXC);
    T(arm_fp_cvt_s_to_h(0x48000000, &st), AHP, 0x7fff, IOC);      /* 2^17 */
    T(arm_fp_cvt_s_to_h(0xc8000000, &st), AHP, 0xffff, IOC);
    T(arm_fp_cvt_s_to_h(S_INF, &st), AHP, 0x7fff, IOC);
    T(arm_fp_cvt_s_to_h(0xffc00000, &st), AHP, 0x8000, IOC);      /* NaN -> zero */
    T(arm_fp_cvt_s_to_h(0x7fc02000, &st), RN, 0x7e01, 0);
    T(arm_fp_cvt_h_to_s(0x7c00, &st), AHP, 0x47800000, 0);        /* 65536 */
    T(arm_fp_cvt_h_to_s(0x7fff, &st), AHP, 0x47ffe000, 0);        /* 131008 */
    T(arm_fp_cvt_h_to_s(0x7c00, &st), RN, S_INF, 0);
    T(arm_fp_cvt_h_to_s(0x7e01, &st), RN, 0x7fc02000, 0);
    T(arm_fp_cvt_h_to_s(0x7c01, &st), RN, 0x7fc02000, IOC);
    T(arm_fp_cvt_h_to_d(0xfe00, &st), RN, 0xfff8000000000000ull, 0);
    /* FZ16 never applies to conversions; FZ does not apply to halves. */
    T(arm_fp_cvt_h_to_s(1, &st), FZ16, 0x33800000, 0);
    T(arm_fp_cvt_h_to_s(1, &st), FZ, 0x33800000, 0);
    T(arm_fp_cvt_s_to_h(0x33800000, &st), FZ16 | FZ, 1, 0);
    T(arm_fp_cvt_d_to_h(0x3e60000000000000ull, &st), FZ16, 0, UFC | IXC); /* 2^-25 */
    T(arm_fp_cvt_d_to_h(0x3e60000000000000ull, &st), RP, 1, UFC | IXC);
    T(arm_fp_cvt_d_to_h(0x40effc0000000000ull, &st), RN, H_MAX, 0);       /* 65504 */
    T(arm_fp_cvt_s_to_h(1, &st), FZ, 0, IDC);

    /* FCVTXN: round to odd whatever FPCR says. */
    T(arm_fp_cvtxn_d_to_s(0x3ff0000004000000ull, &st), RN, 0x3f800001, IXC); /* 1+2^-30 */
    T(arm_fp_cvtxn_d_to_s(0x3ff0000004000000ull, &st), RP, 0x3f800001, IXC);
    T(arm_fp_cvtxn_d_to_s(0x3ff0000020000000ull, &st), RN, 0x3f800001, 0);   /* 1+2^-23 */
    T(arm_fp_cvtxn_d_to_s(0x3ff0000030000000ull, &st), RN, 0x3f800001, IXC);
    T(arm_fp_cvtxn_d_to_s(D_ONE, &st), RN, S_ONE, 0);
    T(arm_fp_cvtxn_d_to_s(D_MAX, &st), RN, S_MAX, OFC | IXC);
}

static void test_to_int(void)
{
    T(arm_fp_to_s32_s(0x3fc00000, 0, ARM_FPRM_ZERO, &st), RN, 1, IXC);       /* 1.5 */
    T(arm_fp_to_s32_s(0x40200000, 0, ARM_FPRM_TIEEVEN, &st), RN, 2, IXC);    /* 2.5 */
    T(arm_fp_to_s32_s(0x40600000, 0, ARM_FPRM_TIEEVEN, &st), RN, 4, IXC);    /* 3.5 */
    T(arm_fp_to_s32_s(0x40200000, 0, ARM_FPRM_TIEAWAY, &st), RN, 3, IXC);
    T(arm_fp_to_s32_s(0xc0200000, 0, ARM_FPRM_TIEAWAY, &st), RN, -3, IXC);
    T(arm_fp_to_s32_s(0xbf000000, 0, ARM_FPRM_NEGINF, &st), RN, -1, IXC);    /* -0.5 */
    T(arm_fp_to_s32_s(0xbf000000, 0, ARM_FPRM_POSINF, &st), RN, 0, IXC);
    /* -0.5 to unsigned: rounds to 0 in RZ (only inexact), to -1 in RM
     * which saturates to 0 with IOC. */
    T(arm_fp_to_u32_s(0xbf000000, 0, ARM_FPRM_ZERO, &st), RN, 0, IXC);
    T(arm_fp_to_u32_s(0xbf000000, 0, ARM_FPRM_NEGINF, &st), RN, 0, IOC);
    T(arm_fp_to_u32_s(0xbf800000, 0, ARM_FPRM_ZERO, &st), RN, 0, IOC);
    /* Limits. */
    T(arm_fp_to_s32_s(0x4f000000, 0, ARM_FPRM_ZERO, &st), RN, INT32_MAX, IOC);
    T(arm_fp_to_s32_s(0xcf000000, 0, ARM_FPRM_ZERO, &st), RN, INT32_MIN, 0);
    T(arm_fp_to_s32_s(0xcf000001, 0, ARM_FPRM_ZERO, &st), RN, INT32_MIN, IOC);
    T(arm_fp_to_u32_s(0x4f800000, 0, ARM_FPRM_ZERO, &st), RN, 0xffffffffu, IOC);
    T(arm_fp_to_u32_s(0x4f7fffff, 0, ARM_FPRM_ZERO, &st), RN, 0xffffff00u, 0);
    T(arm_fp_to_s32_s(S_DN, 0, ARM_FPRM_ZERO, &st), RN, 0, IOC);
    T(arm_fp_to_u64_s(0xff800001, 0, ARM_FPRM_ZERO, &st), RN, 0, IOC);
    T(arm_fp_to_s32_s(S_INF, 0, ARM_FPRM_ZERO, &st), RN, INT32_MAX, IOC);
    T(arm_fp_to_s32_s(S_NINF, 0, ARM_FPRM_ZERO, &st), RN, INT32_MIN, IOC);
    T(arm_fp_to_u32_s(S_INF, 0, ARM_FPRM_ZERO, &st), RN, 0xffffffffu, IOC);
    T(arm_fp_to_u32_s(S_NINF, 0, ARM_FPRM_ZERO, &st), RN, 0, IOC);
    T(arm_fp_to_s64_d(0x43e0000000000000ull, 0, ARM_FPRM_ZERO, &st), RN, INT64_MAX, IOC);
    T(arm_fp_to_s64_d(0xc3e0000000000000ull, 0, ARM_FPRM_ZERO, &st), RN, INT64_MIN, 0);
    T(arm_fp_to_s64_d(0x43dfffffffffffffull, 0, ARM_FPRM_ZERO, &st), RN,
      0x7ffffffffffffc00ll, 0);
    T(arm_fp_to_u64_d(0x43f0000000000000ull, 0, ARM_FPRM_ZERO, &st), RN, UINT64_MAX, IOC);
    T(arm_fp_to_u64_d(0x43efffffffffffffull, 0, ARM_FPRM_ZERO, &st), RN,
      0xfffffffffffff800ull, 0);
    T(arm_fp_to_s64_d(0xc3e0000000000001ull, 0, ARM_FPRM_ZERO, &st), RN, INT64_MIN, IOC);
    /* 2^31 - 0.5 as a double: RN to int32 ties up and saturates. */
    T(arm_fp_to_s32_d(0x41dfffffffe00000ull, 0, ARM_FPRM_ZERO, &st), RN, INT32_MAX, IXC);
    T(arm_fp_to_s32_d(0x41dfffffffe00000ull, 0, ARM_FPRM_TIEEVEN, &st), RN, INT32_MAX, IOC);
    T(arm_fp_to_s32_d(0xc1e0000000100000ull, 0, ARM_FPRM_POSINF, &st), RN, INT32_MIN, IXC);
    T(arm_fp_to_s32_d(0xc1e0000000100000ull, 0, ARM_FPRM_NEGINF, &st), RN, INT32_MIN, IOC);
    /* Fixed point: value * 2^fbits, then rounded (toward zero for FCVTZ). */
    T(arm_fp_to_s32_s(0x3fc00000, 1, ARM_FPRM_ZERO, &st), RN, 3, 0);
    T(arm_fp_to_s32_s(0x3f400000, 1, ARM_FPRM_ZERO, &st), RN, 1, IXC);       /* 0.75 */
    T(arm_fp_to_s32_s(0xbf400000, 2, ARM_FPRM_ZERO, &st), RN, -3, 0);
    T(arm_fp_to_u32_s(S_ONE, 32, ARM_FPRM_ZERO, &st), RN, 0xffffffffu, IOC);
    T(arm_fp_to_u32_s(S_HALF, 32, ARM_FPRM_ZERO, &st), RN, 0x80000000u, 0);
    T(arm_fp_to_s64_d(D_ONE, 63, ARM_FPRM_ZERO, &st), RN, INT64_MAX, IOC);
    T(arm_fp_to_s64_d(0xbff0000000000000ull, 63, ARM_FPRM_ZERO, &st), RN, INT64_MIN, 0);
    T(arm_fp_to_u64_d(D_ONE, 64, ARM_FPRM_ZERO, &st), RN, UINT64_MAX, IOC);
    T(arm_fp_to_u64_d(D_HALF, 64, ARM_FPRM_ZERO, &st), RN, 0x8000000000000000ull, 0);
    /* Denormal operands. */
    T(arm_fp_to_s32_s(1, 0, ARM_FPRM_ZERO, &st), RN, 0, IXC);
    T(arm_fp_to_s32_s(1, 0, ARM_FPRM_POSINF, &st), RN, 1, IXC);
    T(arm_fp_to_s32_s(1, 0, ARM_FPRM_POSINF, &st), FZ, 0, IDC);
    T(arm_fp_to_s32_s(0x80000000, 0, ARM_FPRM_NEGINF, &st), RN, 0, 0);        /* -0 */
    /* Half sources and 16-bit results. */
    T(arm_fp_to_s32_h(H_MAX, 0, ARM_FPRM_ZERO, &st), RN, 65504, 0);
    T(arm_fp_to_s16_h(H_MAX, 0, ARM_FPRM_ZERO, &st), RN, INT16_MAX, IOC);
    T(arm_fp_to_u16_h(H_MAX, 0, ARM_FPRM_ZERO, &st), RN, 65504, 0);
    T(arm_fp_to_s16_h(0xf800, 0, ARM_FPRM_ZERO, &st), RN, INT16_MIN, 0);     /* -32768 */
    T(arm_fp_to_u16_h(H_INF, 0, ARM_FPRM_ZERO, &st), RN, 0xffff, IOC);
    T(arm_fp_to_s64_h(1, 24, ARM_FPRM_ZERO, &st), RN, 1, 0);                  /* 2^-24 */
    T(arm_fp_to_s64_h(1, 24, ARM_FPRM_ZERO, &st), FZ16, 0, 0);
    T(arm_fp_to_u64_h(H_ONE, 64, ARM_FPRM_ZERO, &st), RN, UINT64_MAX, IOC);
}

static void test_from_int(void)
{
    T(arm_fp_from_s32_s(1, 0, &st), RN, S_ONE, 0);
    T(arm_fp_from_s32_s(-1, 0, &st), RN, 0xbf800000, 0);
    T(arm_fp_from_s32_s(0, 0, &st), RM, 0, 0);                 /* always +0 */
    T(arm_fp_from_s32_s(INT32_MIN, 0, &st), RN, 0xcf000000, 0);
    T(arm_fp_from_s32_s(INT32_MAX, 0, &st), RN, 0x4f000000, IXC);
    T(arm_fp_from_s32_s(INT32_MAX, 0, &st), RZ, 0x4effffff, IXC);
    T(arm_fp_from_s32_s(16777217, 0, &st), RN, 0x4b800000, IXC);   /* 2^24+1 tie */
    T(arm_fp_from_s32_s(16777217, 0, &st), RP, 0x4b800001, IXC);
    T(arm_fp_from_s32_s(16777219, 0, &st), RN, 0x4b800002, IXC);   /* 2^24+3 tie up */
    T(arm_fp_from_s32_s(-16777217, 0, &st), RM, 0xcb800001, IXC);
    T(arm_fp_from_u32_s(0xffffffffu, 0, &st), RN, 0x4f800000, IXC);
    T(arm_fp_from_u64_d(UINT64_MAX, 0, &st), RN, 0x43f0000000000000ull, IXC);
    T(arm_fp_from_u64_d(UINT64_MAX, 0, &st), RZ, 0x43efffffffffffffull, IXC);
    T(arm_fp_from_s64_d(INT64_MIN, 0, &st), RN, 0xc3e0000000000000ull, 0);
    T(arm_fp_from_s64_d(INT64_MAX, 0, &st), RN, 0x43e0000000000000ull, IXC);
    T(arm_fp_from_s64_s(INT64_MIN, 0, &st), RN, 0xdf000000, 0);
    /* Half: 65520 ties up to overflow; RZ stays at 65504 without OFC. */
    T(arm_fp_from_u32_h(65520, 0, &st), RN, H_INF, OFC | IXC);
    T(arm_fp_from_u32_h(65520, 0, &st), RZ, H_MAX, IXC);
    T(arm_fp_from_u32_h(65536, 0, &st), RZ, H_MAX, OFC | IXC);
    T(arm_fp_from_s32_h(-2048, 0, &st), RN, 0xe800, 0);
    T(arm_fp_from_s32_h(2049, 0, &st), RN, 0x6800, IXC);
    /* Fixed point: int / 2^fbits. */
    T(arm_fp_from_s32_s(1, 1, &st), RN, S_HALF, 0);
    T(arm_fp_from_s32_d(3, 2, &st), RN, 0x3fe8000000000000ull, 0);    /* 0.75 */
    T(arm_fp_from_u64_s(1, 64, &st), RN, 0x1f800000, 0);               /* 2^-64 */
    T(arm_fp_from_s64_d(-1, 64, &st), RN, 0xbbf0000000000000ull, 0);
    /* 2^-32 in half underflows below half the smallest denormal. */
    T(arm_fp_from_s32_h(1, 32, &st), RN, 0, UFC | IXC);
    T(arm_fp_from_s32_h(1, 32, &st), RP, 1, UFC | IXC);
    T(arm_fp_from_s32_h(1, 32, &st), FZ16, 0, UFC);
    T(arm_fp_from_s32_h(1, 24, &st), RN, 1, 0);                        /* 2^-24 */
    T(arm_fp_from_s32_h(1, 24, &st), FZ16, 0, UFC);
}

static uint64_t js(uint64_t a, ARMFPStatus *st)
{
    bool z;
    uint32_t r = arm_fp_jcvtzs(a, &z, st);
    return (uint64_t)z << 32 | r;
}

#define Z1 (1ull << 32)

static void test_jcvt(void)
{
    T(js(D_ONE, &st), RN, Z1 | 1, 0);
    T(js(0x3ff8000000000000ull, &st), RN, 1, IXC);                   /* 1.5 */
    T(js(0xbff8000000000000ull, &st), RN, 0xffffffffu, IXC);         /* -1.5 -> -1 */
    T(js(0, &st), RN, Z1, 0);
    T(js(0x8000000000000000ull, &st), RN, 0, 0);                     /* -0: Z clear */
    T(js(0x41e0000000000000ull, &st), RN, 0x80000000u, IOC);         /* 2^31 */
    T(js(0xc1e0000000000000ull, &st), RN, Z1 | 0x80000000u, 0);      /* -2^31 */
    T(js(0x41f0000000500000ull, &st), RN, 5, IOC);                   /* 2^32 + 5 */
    T(js(0x4415af1d78b58c40ull, &st), RN, 0x63100000u, IOC);         /* 1e20 */
    T(js(D_DN, &st), RN, 0, IOC);
    T(js(D_INF, &st), RN, 0, IOC);
    T(js(1, &st), RN, 0, IXC);                                       /* 2^-1074 */
    /* A flushed denormal: value 0 but nonzero fraction, so Z is clear. */
    T(js(1, &st), FZ, 0, IDC);
    T(js(0x8000000000000001ull, &st), FZ, 0, IDC);
    /* The FPCR rounding mode is ignored: always toward zero. */
    T(js(0x3ff8000000000000ull, &st), RP, 1, IXC);
}

static void test_estimates(void)
{
    /* FRECPE(1.0): scaled 256, RecipEstimate = (2^19 DIV 513 + 1) DIV 2 =
     * 511, so 0.998046875 with exponent 253 - 127 = 126. */
    T(arm_fp_recpe_s(S_ONE, &st), RN, 0x3f7f8000, 0);
    T(arm_fp_recpe_s(S_TWO, &st), RN, 0x3eff8000, 0);
    T(arm_fp_recpe_d(D_ONE, &st), RN, 0x3feff00000000000ull, 0);
    T(arm_fp_recpe_h(H_ONE, &st), RN, 0x3bfc, 0);
    /* 3.0: scaled 384, (2^19 DIV 769 + 1) DIV 2 = 341 = 0x155. */
    T(arm_fp_recpe_s(0x40400000, &st), RN, 0x3eaa8000, 0);
    T(arm_fp_recpe_s(0xc0400000, &st), RN, 0xbeaa8000, 0);
    T(arm_fp_recpe_s(0, &st), RN, S_INF, DZC);
    T(arm_fp_recpe_s(S_NZERO, &st), RN, S_NINF, DZC);
    T(arm_fp_recpe_s(S_INF, &st), RN, 0, 0);
    T(arm_fp_recpe_s(S_NINF, &st), RN, S_NZERO, 0);
    T(arm_fp_recpe_s(0x7f800001, &st), RN, 0x7fc00001, IOC);
    /* |x| < 2^-128: the estimate overflows, per rounding mode. */
    T(arm_fp_recpe_s(0x00100000, &st), RN, S_INF, OFC | IXC);
    T(arm_fp_recpe_s(0x00100000, &st), RZ, S_MAX, OFC | IXC);
    T(arm_fp_recpe_s(0x80100000, &st), RP, 0xff7fffff, OFC | IXC);
    T(arm_fp_recpe_s(0x80100000, &st), RM, S_NINF, OFC | IXC);
    /* 2^-127 (denormal, not that small): 0.998 * 2^127. */
    T(arm_fp_recpe_s(0x00400000, &st), RN, 0x7eff8000, 0);
    T(arm_fp_recpe_s(0x00400000, &st), FZ, S_INF, DZC | IDC);
    /* 2^126: the estimate is denormal 0x007fc000, or flushed with FZ. */
    T(arm_fp_recpe_s(0x7e800000, &st), RN, 0x007fc000, 0);
    T(arm_fp_recpe_s(0x7e800000, &st), FZ, 0, UFC);
    T(arm_fp_recpe_h(0x7400, &st), FZ16, 0, UFC);                    /* 2^14 */

    /* FRSQRTE(1.0): odd biased exponent -> scaled 128 -> 511. */
    T(arm_fp_rsqrte_s(S_ONE, &st), RN, 0x3f7f8000, 0);
    T(arm_fp_rsqrte_s(0x40800000, &st), RN, 0x3eff8000, 0);          /* 4.0 */
    /* 2.0: even exponent -> scaled 256 -> a = 514, b = 722, r = 361. */
    T(arm_fp_rsqrte_s(S_TWO, &st), RN, 0x3f348000, 0);
    T(arm_fp_rsqrte_d(D_ONE, &st), RN, 0x3feff00000000000ull, 0);
    T(arm_fp_rsqrte_h(H_ONE, &st), RN, 0x3bfc, 0);
    T(arm_fp_rsqrte_s(0xbf800000, &st), RN, S_DN, IOC);
    T(arm_fp_rsqrte_s(S_NZERO, &st), RN, S_NINF, DZC);
    T(arm_fp_rsqrte_s(S_INF, &st), RN, 0, 0);
    T(arm_fp_rsqrte_s(S_NINF, &st), RN, S_DN, IOC);
    /* 2^-149: normalised exponent -22 (even) -> 361, exponent 201. */
    T(arm_fp_rsqrte_s(1, &st), RN, 0x64b48000, 0);
    T(arm_fp_rsqrte_s(1, &st), FZ, S_INF, DZC | IDC);

    /* FRECPX: exponent bits inverted, fraction cleared. */
    T(arm_fp_recpx_s(S_ONE, &st), RN, S_TWO, 0);
    T(arm_fp_recpx_s(0x40400000, &st), RN, S_ONE, 0);
    T(arm_fp_recpx_s(0, &st), RN, 0x7f000000, 0);
    T(arm_fp_recpx_s(0x80000001, &st), RN, 0xff000000, 0);
    T(arm_fp_recpx_s(0x80000001, &st), FZ, 0xff000000, IDC);
    T(arm_fp_recpx_s(S_NINF, &st), RN, S_NZERO, 0);
    T(arm_fp_recpx_s(0x7f800001, &st), RN, 0x7fc00001, IOC);
    T(arm_fp_recpx_d(D_ONE, &st), RN, 0x4000000000000000ull, 0);
    T(arm_fp_recpx_h(H_ONE, &st), RN, 0x4000, 0);

    /* FRECPS = 2 - a*b, FRSQRTS = (3 - a*b) / 2, both fused. */
    T(arm_fp_recps_s(S_ONE, S_ONE, &st), RN, S_ONE, 0);
    T(arm_fp_recps_s(S_INF, 0, &st), RN, S_TWO, 0);
    T(arm_fp_recps_s(S_NZERO, S_NINF, &st), RN, S_TWO, 0);
    T(arm_fp_recps_s(S_INF, S_TWO, &st), RN, S_NINF, 0);
    T(arm_fp_recps_s(0x7fc00001, S_ONE, &st), RN, 0xffc00001, 0);  /* op1 negated */
    T(arm_fp_recps_s(S_ONE, 0x7fc00001, &st), RN, 0x7fc00001, 0);
    T(arm_fp_recps_s(S_TWO, S_ONE, &st), RN, 0, 0);
    T(arm_fp_recps_s(S_TWO, S_ONE, &st), RM, S_NZERO, 0);
    T(arm_fp_rsqrts_s(S_ONE, S_ONE, &st), RN, S_ONE, 0);
    T(arm_fp_rsqrts_s(S_INF, 0, &st), RN, 0x3fc00000, 0);
    T(arm_fp_rsqrts_s(0x40400000, S_ONE, &st), RN, 0, 0);
    T(arm_fp_rsqrts_s(S_TWO, S_TWO, &st), RN, 0xbf000000, 0);
    T(arm_fp_recps_h(H_ONE, H_ONE, &st), RN, H_ONE, 0);
    T(arm_fp_rsqrts_d(D_INF, 0, &st), RN, 0x3ff8000000000000ull, 0);
    /* 2 - (1+2^-23)(1-2^-24) = 1 - 2^-24 + 2^-47: just above 0x3f7fffff
     * (below 1.0 the ulp is 2^-24), so only RP reaches 1.0. */
    T(arm_fp_recps_s(0x3f800001, 0x3f7fffff, &st), RN, 0x3f7fffff, IXC);
    T(arm_fp_recps_s(0x3f800001, 0x3f7fffff, &st), RZ, 0x3f7fffff, IXC);
    T(arm_fp_recps_s(0x3f800001, 0x3f7fffff, &st), RP, S_ONE, IXC);

    /* URECPE / URSQRTE. */
    T(arm_fp_urecpe(0x80000000u), RN, 0xff800000u, 0);
    T(arm_fp_urecpe(0x7fffffffu), RN, 0xffffffffu, 0);
    T(arm_fp_urecpe(0xffffffffu), RN, 0x80000000u, 0);
    T(arm_fp_ursqrte(0x40000000u), RN, 0xff800000u, 0);
    T(arm_fp_ursqrte(0x3fffffffu), RN, 0xffffffffu, 0);
    T(arm_fp_ursqrte(0xffffffffu), RN, 0x80000000u, 0);
}

static void test_abs_neg(void)
{
    T(arm_fp_abs_s(0xffc00001), RN, 0x7fc00001, 0);
    T(arm_fp_neg_s(0x7f800001), RN, 0xff800001, 0);          /* no quieting */
    T(arm_fp_neg_d(0), RN, 0x8000000000000000ull, 0);
    T(arm_fp_abs_h(0x8001), RN, 0x0001, 0);
    T(arm_fp_neg_h(H_ONE), RN, 0xbc00, 0);
}

int main(void)
{
    test_add();
    test_nan();
    test_mul_div();
    test_sqrt();
    test_fma();
    test_compare();
    test_minmax();
    test_roundint();
    test_fcvt();
    test_to_int();
    test_from_int();
    test_jcvt();
    test_estimates();
    test_abs_neg();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
