// SPDX-License-Identifier: MIT
// Floating point as compiled C uses it: arithmetic, fma, sqrt, min/max,
// conversions and rounding functions over special values (signed zeros,
// infinities, quiet and signalling NaNs with payloads, denormals, extremes)
// in each rounding mode, with FPCR.FZ and FPCR.DN set through MSR, the
// cumulative FPSR flags read back with MRS, and libm.  Everything is
// printed as bit patterns so the comparison with the oracle is exact.
#define _GNU_SOURCE
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint32_t fvals[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
    0x7fc00000, 0x7fa00001, 0xffc12345, 0x00000001, 0x807fffff, 0x00800000,
    0x7f7fffff, 0x4f000000, 0xcf000000, 0x4f800000, 0x3fc00000, 0x40200000,
    0xbfc00000, 0x3eaaaaab, 0x4b000001, 0x3f000000, 0x5f000000, 0xdf000001,
};
static const uint64_t dvals[] = {
    0, 1ull << 63, 0x3ff0000000000000, 0xbff0000000000000, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000001,
    0xfff8000000012345, 1, 0x800fffffffffffff, 0x0010000000000000,
    0x7fefffffffffffff, 0x41e0000000000000, 0xc1e0000000000000,
    0x41f0000000000000, 0x3ff8000000000000, 0x4004000000000000,
    0xbff8000000000000, 0x3fd5555555555555, 0x4330000000000001,
    0x3fe0000000000000, 0x43e0000000000000, 0xc3e0000000000001,
};
#define NF (sizeof(fvals) / sizeof(fvals[0]))
#define ND (sizeof(dvals) / sizeof(dvals[0]))

static uint64_t sum;
static void mix(uint64_t v) { sum = (sum ^ v) * 0x100000001b3ull; }

static float f_of(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static double d_of(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint32_t u_of_f(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static uint64_t u_of_d(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}
static void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" :: "r"(v)); }
static uint64_t get_fpcr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}
static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" :: "r"(v)); }

/* The operations, kept out of line so nothing is folded at compile time. */
#define NOI __attribute__((noinline))
NOI static float t_fadd(float a, float b) { return a + b; }
NOI static float t_fsub(float a, float b) { return a - b; }
NOI static float t_fmul(float a, float b) { return a * b; }
NOI static float t_fdiv(float a, float b) { return a / b; }
NOI static double t_dadd(double a, double b) { return a + b; }
NOI static double t_dsub(double a, double b) { return a - b; }
NOI static double t_dmul(double a, double b) { return a * b; }
NOI static double t_ddiv(double a, double b) { return a / b; }

static void binary_ops(const char *mode)
{
    uint64_t fs = 0, ds = 0;
    for (unsigned i = 0; i < NF; i++) {
        for (unsigned j = 0; j < NF; j++) {
            float a = f_of(fvals[i]), b = f_of(fvals[j]);
            set_fpsr(0);
            mix(u_of_f(t_fadd(a, b)));
            mix(u_of_f(t_fsub(a, b)));
            mix(u_of_f(t_fmul(a, b)));
            mix(u_of_f(t_fdiv(a, b)));
            mix(u_of_f(fmaf(a, b, f_of(fvals[(i + j) % NF]))));
            mix(u_of_f(fminf(a, b)));
            mix(u_of_f(fmaxf(a, b)));
            mix((uint64_t)(a < b) | (uint64_t)(a == b) << 1 |
                (uint64_t)isless(a, b) << 2 | (uint64_t)isunordered(a, b) << 3);
            fs |= get_fpsr();
            mix(get_fpsr());
        }
    }
    printf("%-6s float  ops %016llx fpsr %08llx\n", mode,
           (unsigned long long)sum, (unsigned long long)fs);
    sum = 0;
    for (unsigned i = 0; i < ND; i++) {
        for (unsigned j = 0; j < ND; j++) {
            double a = d_of(dvals[i]), b = d_of(dvals[j]);
            set_fpsr(0);
            mix(u_of_d(t_dadd(a, b)));
            mix(u_of_d(t_dsub(a, b)));
            mix(u_of_d(t_dmul(a, b)));
            mix(u_of_d(t_ddiv(a, b)));
            mix(u_of_d(fma(a, b, d_of(dvals[(i + j) % ND]))));
            mix(u_of_d(fmin(a, b)));
            mix(u_of_d(fmax(a, b)));
            mix((uint64_t)(a <= b) | (uint64_t)(a != b) << 1 |
                (uint64_t)isgreaterequal(a, b) << 2);
            ds |= get_fpsr();
            mix(get_fpsr());
        }
    }
    printf("%-6s double ops %016llx fpsr %08llx\n", mode,
           (unsigned long long)sum, (unsigned long long)ds);
    sum = 0;
}

NOI static int32_t f2i(float f) { return (int32_t)f; }
NOI static uint32_t f2u(float f) { return (uint32_t)f; }
NOI static int64_t d2l(double d) { return (int64_t)d; }
NOI static uint64_t d2ul(double d) { return (uint64_t)d; }
NOI static float d2f(double d) { return (float)d; }
NOI static double f2d(float f) { return (double)f; }
NOI static float l2f(int64_t v) { return (float)v; }
NOI static double ul2d(uint64_t v) { return (double)v; }
NOI static _Float16 f2h(float f) { return (_Float16)f; }
NOI static float h2f(_Float16 h) { return (float)h; }

static void conversions(const char *mode)
{
    uint64_t fl = 0;
    for (unsigned i = 0; i < NF; i++) {
        float f = f_of(fvals[i]);
        set_fpsr(0);
        mix((uint32_t)f2i(f));
        mix(f2u(f));
        mix(u_of_d(f2d(f)));
        mix((uint64_t)lrintf(f));
        mix(u_of_f(rintf(f)));
        mix(u_of_f(nearbyintf(f)));
        mix(u_of_f(roundf(f)));
        mix(u_of_f(truncf(f)));
        mix(u_of_f(floorf(f)));
        mix(u_of_f(ceilf(f)));
        mix(u_of_f(sqrtf(f)));
        _Float16 h = f2h(f);
        uint16_t hb;
        memcpy(&hb, &h, 2);
        mix(hb);
        mix(u_of_f(h2f(h)));
        fl |= get_fpsr();
    }
    for (unsigned i = 0; i < ND; i++) {
        double d = d_of(dvals[i]);
        set_fpsr(0);
        mix((uint64_t)d2l(d));
        mix(d2ul(d));
        mix(u_of_f(d2f(d)));
        mix((uint64_t)llrint(d));
        mix((uint64_t)lround(d));
        mix(u_of_d(rint(d)));
        mix(u_of_d(round(d)));
        mix(u_of_d(floor(d)));
        mix(u_of_d(ceil(d)));
        mix(u_of_d(sqrt(d)));
        mix(u_of_f(l2f((int64_t)dvals[i])));
        mix(u_of_d(ul2d(dvals[i])));
        mix(u_of_d(ul2d(dvals[i] >> 11)));
        fl |= get_fpsr();
    }
    printf("%-6s convert    %016llx fpsr %08llx\n", mode,
           (unsigned long long)sum, (unsigned long long)fl);
    sum = 0;
}

static void libm(void)
{
    static const double xs[] = { 0.5, -0.75, 1.0, 2.0, 3.14159, 10.5, 1e-300,
                                 -1e10, 700.0, 0.0, -0.0 };
    for (unsigned i = 0; i < sizeof(xs) / sizeof(xs[0]); i++) {
        volatile double x = xs[i];
        printf("x=%016llx sin %016llx cos %016llx tan %016llx exp %016llx "
               "log %016llx\n", (unsigned long long)u_of_d(x),
               (unsigned long long)u_of_d(sin(x)), (unsigned long long)u_of_d(cos(x)),
               (unsigned long long)u_of_d(tan(x)), (unsigned long long)u_of_d(exp(x)),
               (unsigned long long)u_of_d(log(x)));
        printf("  pow %016llx atan2 %016llx cbrt %016llx hypot %016llx "
               "expm1 %016llx log1p %016llx\n",
               (unsigned long long)u_of_d(pow(x, 1.7)),
               (unsigned long long)u_of_d(atan2(x, 0.3)),
               (unsigned long long)u_of_d(cbrt(x)),
               (unsigned long long)u_of_d(hypot(x, 3.0)),
               (unsigned long long)u_of_d(expm1(x)),
               (unsigned long long)u_of_d(log1p(x)));
        volatile float xf = (float)xs[i];
        printf("  sinf %08x expf %08x logf %08x powf %08x\n", u_of_f(sinf(xf)),
               u_of_f(expf(xf)), u_of_f(logf(xf)), u_of_f(powf(xf, 2.5f)));
    }
    printf("printf %.20g %.9g %a %e\n", 1.0 / 3.0, 2.0f / 3.0f, 0.1, 6.02214076e23);
}

/* -O3 vectorised loops: FADD/FMUL/FMLA/FCVT/FCM* and FP reductions on
 * vectors. */
__attribute__((optimize("O3", "no-fast-math")))
static void vector_loops(void)
{
    static float a[67], b[67], c[67];
    static double x[33], y[33];
    static int32_t iv[67];
    for (int i = 0; i < 67; i++) {
        a[i] = f_of(fvals[i % NF]) * 0.5f + (float)i;
        b[i] = (float)(i - 33) / 7.0f;
    }
    for (int i = 0; i < 67; i++) {
        c[i] = a[i] * b[i] + c[i];
    }
    for (int i = 0; i < 67; i++) {
        iv[i] = (int32_t)b[i];
        c[i] = c[i] > b[i] ? c[i] : b[i];
    }
    for (int i = 0; i < 33; i++) {
        x[i] = (double)a[i] / (double)(b[i] + 1.0f);
        y[i] = sqrt(x[i] * x[i] + 1.0);
    }
    for (int i = 0; i < 67; i++) {
        mix(u_of_f(c[i]));
        mix((uint32_t)iv[i]);
    }
    for (int i = 0; i < 33; i++) {
        mix(u_of_d(x[i]));
        mix(u_of_d(y[i]));
    }
    printf("vector loops %016llx fpsr %08llx\n", (unsigned long long)sum,
           (unsigned long long)get_fpsr());
    sum = 0;
}

int main(void)
{
    static const struct { const char *name; int round; } modes[] = {
        { "near", FE_TONEAREST }, { "up", FE_UPWARD },
        { "down", FE_DOWNWARD }, { "zero", FE_TOWARDZERO },
    };
    for (unsigned m = 0; m < 4; m++) {
        fesetround(modes[m].round);
        binary_ops(modes[m].name);
        conversions(modes[m].name);
    }
    fesetround(FE_TONEAREST);
    uint64_t fpcr = get_fpcr();
    set_fpcr(fpcr | (1u << 24));            /* FZ */
    binary_ops("fz");
    conversions("fz");
    set_fpcr(fpcr | (1u << 25));            /* DN */
    binary_ops("dn");
    set_fpcr(fpcr | (1u << 24) | (1u << 25) | (3u << 22));
    binary_ops("fzdnrz");
    conversions("fzdnrz");
    set_fpcr(fpcr | (1u << 26));            /* AHP */
    conversions("ahp");
    set_fpcr(fpcr);
    printf("fpcr %08llx\n", (unsigned long long)get_fpcr());
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0;
    volatile double r = 1.0 / z;
    printf("fetestexcept %x %016llx\n", fetestexcept(FE_ALL_EXCEPT),
           (unsigned long long)u_of_d(r));
    libm();
    vector_loops();
    return 0;
}
