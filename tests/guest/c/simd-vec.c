// SPDX-License-Identifier: MIT
// Integer code as compilers vectorise it (-O3: widening/narrowing moves,
// multiply-accumulate, min/max, reductions, saturating arithmetic, shifts,
// interleaved loads and stores) plus a few arm_neon.h intrinsics; the
// results are folded into checksums and printed, with FPSR.QC.
/* vmull_p64 needs the PMULL extension */
#pragma GCC target("arch=armv8-a+crypto")
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 203

static uint64_t sum;
static void mix(uint64_t v) { sum = (sum ^ v) * 0x100000001b3ull; }

static void out(const char *what)
{
    printf("%-12s %016llx\n", what, (unsigned long long)sum);
    sum = 0;
}

static uint8_t u8a[N], u8b[N];
static int8_t s8a[N];
static int16_t s16a[N], s16b[N];
static uint16_t u16a[N];
static int32_t s32a[N], s32b[N];
static uint32_t u32a[N];
static int64_t s64a[N];
static uint64_t u64a[N];

static void fill(void)
{
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < N; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        u8a[i] = (uint8_t)x;
        u8b[i] = (uint8_t)(x >> 8);
        s8a[i] = (int8_t)(x >> 16);
        s16a[i] = (int16_t)(x >> 20);
        s16b[i] = (int16_t)(x >> 36);
        u16a[i] = (uint16_t)(x >> 44);
        s32a[i] = (int32_t)(x >> 3);
        s32b[i] = (int32_t)(x >> 29);
        u32a[i] = (uint32_t)(x >> 17);
        s64a[i] = (int64_t)x;
        u64a[i] = x * 3;
    }
    s16a[0] = INT16_MIN;
    s16b[0] = INT16_MIN;
    s32a[1] = INT32_MIN;
    s32b[1] = -1;
    u8a[2] = 255;
    u8b[2] = 255;
}

#define O3 __attribute__((noinline, optimize("O3")))

O3 static void loops_widen(void)
{
    static int32_t r32[N];
    static int64_t r64[N];
    static uint16_t r16[N];
    for (int i = 0; i < N; i++) {
        r16[i] = (uint16_t)(u8a[i] * u8b[i]);
    }
    for (int i = 0; i < N; i++) {
        r32[i] = s16a[i] * s16b[i] + s32a[i];
    }
    for (int i = 0; i < N; i++) {
        r64[i] = (int64_t)s32a[i] * s32b[i] - s64a[i];
    }
    for (int i = 0; i < N; i++) {
        mix(r16[i]);
        mix((uint32_t)r32[i]);
        mix((uint64_t)r64[i]);
    }
    out("widen");
}

O3 static void loops_narrow(void)
{
    static uint8_t r8[N];
    static int16_t r16[N];
    for (int i = 0; i < N; i++) {
        int v = s16a[i] >> 4;
        r8[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
    for (int i = 0; i < N; i++) {
        r16[i] = (int16_t)((s32a[i] + (1 << 15)) >> 16);
    }
    for (int i = 0; i < N; i++) {
        mix(r8[i]);
        mix((uint16_t)r16[i]);
    }
    out("narrow");
}

O3 static void loops_reduce(void)
{
    uint32_t s = 0;
    int32_t mx = INT32_MIN, mn = INT32_MAX;
    uint8_t bmax = 0;
    int64_t dot = 0;
    uint64_t x = 0;
    for (int i = 0; i < N; i++) {
        s += u8a[i];
        mx = s32a[i] > mx ? s32a[i] : mx;
        mn = s32b[i] < mn ? s32b[i] : mn;
        bmax = u8b[i] > bmax ? u8b[i] : bmax;
        dot += (int32_t)s16a[i] * s16b[i];
        x ^= u64a[i];
    }
    mix(s);
    mix((uint32_t)mx);
    mix((uint32_t)mn);
    mix(bmax);
    mix((uint64_t)dot);
    mix(x);
    out("reduce");
}

O3 static void loops_misc(void)
{
    static uint8_t r8[N], rgb[3 * N];
    static int16_t r16[N];
    static uint32_t r32[N];
    static uint64_t r64[N];
    for (int i = 0; i < N; i++) {
        int v = u8a[i] + u8b[i];
        r8[i] = (uint8_t)(v > 255 ? 255 : v);          /* UQADD */
    }
    for (int i = 0; i < N; i++) {
        int v = s16a[i] - s16b[i];
        r16[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
    for (int i = 0; i < N; i++) {
        r32[i] = (u32a[i] >> 3) ^ (u32a[i] << 5) ^ (uint32_t)(s32a[i] >> 7);
    }
    for (int i = 0; i < N; i++) {
        r64[i] = u64a[i] + (u64a[i] >> 17) * 5;
    }
    for (int i = 0; i < N; i++) {                      /* LD3/ST3 */
        rgb[3 * i] = u8a[i];
        rgb[3 * i + 1] = u8b[i];
        rgb[3 * i + 2] = (uint8_t)(u8a[i] ^ u8b[i]);
    }
    for (int i = 0; i < N; i++) {
        r8[i] ^= (uint8_t)((rgb[3 * i] + rgb[3 * i + 1] * 2 + rgb[3 * i + 2]) >> 2);
    }
    for (int i = 0; i < N; i++) {
        r16[i] = (int16_t)(r16[i] < 0 ? -r16[i] : r16[i]);
        r32[i] = r32[i] != u32a[i] ? r32[i] : 7;
        r64[i] = s64a[i] < 0 ? r64[i] : ~r64[i];
    }
    for (int i = 0; i < N; i++) {
        mix(r8[i]);
        mix((uint16_t)r16[i]);
        mix(r32[i]);
        mix(r64[i]);
    }
    out("misc");
}

static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

static void intrinsics(void)
{
    uint8x16_t a = vld1q_u8(u8a), b = vld1q_u8(u8b);
    int16x8_t c = vld1q_s16(s16a), d = vld1q_s16(s16b);
    int32x4_t e = vld1q_s32(s32a);
    __asm__ volatile("msr fpsr, xzr");
    uint8x16_t t1 = vqaddq_u8(a, b);
    int16x8_t t2 = vqdmulhq_s16(c, d);
    int32x4_t t3 = vqdmlal_s16(e, vget_low_s16(c), vget_high_s16(d));
    int8x8_t t4 = vqrshrn_n_s16(c, 3);
    uint8x16_t t5 = vqtbl1q_u8(a, vandq_u8(b, vdupq_n_u8(0x1f)));
    uint16x8_t t6 = vpaddlq_u8(a);
    uint64x2_t t7 = vreinterpretq_u64_p128(vmull_p64(vgetq_lane_u64(
        vreinterpretq_u64_u8(a), 0), vgetq_lane_u64(vreinterpretq_u64_u8(b), 1)));
    uint8x16x3_t t8 = vld3q_u8(u8a);
    uint32_t t9 = vaddvq_u32(vreinterpretq_u32_u8(vcntq_u8(a)));
    int16x4_t t10 = vqrdmulh_lane_s16(vget_low_s16(c), vget_high_s16(d), 2);
    uint8x16_t t11 = vextq_u8(a, b, 7);
    uint8x16_t t12 = vrev64q_u8(vzip1q_u8(a, b));
    uint64_t qc = get_fpsr();
    uint8_t buf[16 * 9];
    vst1q_u8(buf, t1);
    vst1q_s16((int16_t *)(buf + 16), t2);
    vst1q_s32((int32_t *)(buf + 32), t3);
    vst1_s8((int8_t *)(buf + 48), t4);
    vst1_u8(buf + 56, vget_low_u8(t5));
    vst1q_u16((uint16_t *)(buf + 64), t6);
    vst1q_u64((uint64_t *)(buf + 80), t7);
    vst3q_u8(buf + 96, t8);
    for (unsigned i = 0; i < sizeof(buf); i++) {
        mix(buf[i]);
    }
    mix(t9);
    mix(vget_lane_u64(vreinterpret_u64_s16(t10), 0));
    mix(vgetq_lane_u64(vreinterpretq_u64_u8(t11), 1));
    mix(vgetq_lane_u64(vreinterpretq_u64_u8(t12), 0));
    printf("qc %08llx ", (unsigned long long)qc);
    out("intrinsics");
}

int main(void)
{
    fill();
    loops_widen();
    loops_narrow();
    loops_reduce();
    loops_misc();
    intrinsics();
    return 0;
}
