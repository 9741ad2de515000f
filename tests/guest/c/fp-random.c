// SPDX-License-Identifier: MIT
// Random floating-point operands over the whole exponent range (and exact
// small integers, whose sums and products are exact) through add, sub,
// mul, div, sqrt and fused multiply-add, scalar and vector, with FPSR
// cleared or left accumulating: results and FPSR go into checksums.  It
// exercises the boundaries of mimic's host fast path (inexact detection,
// results near overflow and underflow) against the oracle.
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t rng = 0x243f6a8885a308d3ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t sum;
static void mix(uint64_t v) { sum = (sum ^ v) * 0x100000001b3ull; }

static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}
static void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" :: "r"(v)); }

static double rand_d(void)
{
    uint64_t r = next();
    switch (r & 3) {
    case 0: /* small exact integers */
        return (double)(int)((r >> 8) % 2001) - 1000.0;
    case 1: /* any finite double */
        r = next();
        if (((r >> 52) & 0x7ff) == 0x7ff) {
            r ^= 1ull << 62;
        }
        break;
    default: /* moderate exponents */
        r = (next() & 0x800fffffffffffffull) |
            (uint64_t)(1023 - 40 + (int)((r >> 8) % 80)) << 52;
        break;
    }
    double d;
    memcpy(&d, &r, 8);
    return d;
}

static float rand_f(void)
{
    uint64_t r = next();
    if ((r & 3) == 0) {
        return (float)(int)((r >> 8) % 2001) - 1000.0f;
    }
    uint32_t u = (uint32_t)next();
    if ((r & 3) != 1) {
        u = (u & 0x807fffffu) | (uint32_t)(127 - 20 + (int)((r >> 8) % 40)) << 23;
    } else if (((u >> 23) & 0xff) == 0xff) {
        u ^= 1u << 30;
    }
    float f;
    memcpy(&f, &u, 4);
    return f;
}

#define NOI __attribute__((noinline))
NOI static double op_d(int k, double a, double b, double c)
{
    switch (k) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a / b;
    case 4: return sqrt(fabs(a));
    case 5: return fma(a, b, c);
    default: return fma(-a, b, c);
    }
}

NOI static float op_f(int k, float a, float b, float c)
{
    switch (k) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a / b;
    case 4: return sqrtf(fabsf(a));
    case 5: return fmaf(a, b, c);
    default: return fmaf(-a, b, c);
    }
}

int main(void)
{
    for (int k = 0; k < 7; k++) {
        for (int keep = 0; keep < 2; keep++) {
            set_fpsr(0);
            for (int i = 0; i < 3000; i++) {
                if (!keep) {
                    set_fpsr(0);
                }
                double r = op_d(k, rand_d(), rand_d(), rand_d());
                uint64_t u;
                memcpy(&u, &r, 8);
                mix(u);
                mix(get_fpsr());
                float f = op_f(k, rand_f(), rand_f(), rand_f());
                uint32_t v;
                memcpy(&v, &f, 4);
                mix(v);
                mix(get_fpsr());
            }
            printf("op %d keep %d: %016llx\n", k, keep, (unsigned long long)sum);
            sum = 0;
        }
    }
    /* vector forms: FMLA, FMUL, FADD, FDIV, FSQRT on 2D and 4S */
    for (int keep = 0; keep < 2; keep++) {
        set_fpsr(0);
        for (int i = 0; i < 2000; i++) {
            if (!keep) {
                set_fpsr(0);
            }
            float64x2_t a = { rand_d(), rand_d() }, b = { rand_d(), rand_d() };
            float64x2_t c = { rand_d(), rand_d() };
            float32x4_t x = { rand_f(), rand_f(), rand_f(), rand_f() };
            float32x4_t y = { rand_f(), rand_f(), rand_f(), rand_f() };
            float64x2_t r1 = vfmaq_f64(c, a, b);
            float64x2_t r2 = vdivq_f64(a, b);
            float32x4_t r3 = vfmsq_f32(x, y, x);
            float32x4_t r4 = vsqrtq_f32(vabsq_f32(vaddq_f32(x, y)));
            float32x4_t r5 = vmulq_laneq_f32(x, y, 3);
            uint64_t w[2];
            memcpy(w, &r1, 16); mix(w[0]); mix(w[1]);
            memcpy(w, &r2, 16); mix(w[0]); mix(w[1]);
            memcpy(w, &r3, 16); mix(w[0]); mix(w[1]);
            memcpy(w, &r4, 16); mix(w[0]); mix(w[1]);
            memcpy(w, &r5, 16); mix(w[0]); mix(w[1]);
            mix(get_fpsr());
        }
        printf("vector keep %d: %016llx\n", keep, (unsigned long long)sum);
        sum = 0;
    }
    return 0;
}
