/* SPDX-License-Identifier: MIT */
/*
 * Cryptographic extension helpers (Arm ARM: AESE, AESD, AESMC, AESIMC,
 * SHA1C/P/M/H/SU0/SU1, SHA256H/H2/SU0/SU1; FEAT_AES, FEAT_SHA1,
 * FEAT_SHA256; EOR3, BCAX, RAX1, XAR of FEAT_SHA3; SHA512H/H2/SU0/SU1 of
 * FEAT_SHA512).  The AES S-boxes are computed at start-up from their
 * definition (multiplicative inverse in GF(2^8), then the affine map).
 */
#include "helper-simd.h"

static uint8_t aes_sbox[256], aes_inv_sbox[256];

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static uint8_t rol8(uint8_t x, int n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

__attribute__((constructor)) static void aes_tables_init(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (int y = 1; y < 256 && x; y++) {
            if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                inv = (uint8_t)y;
                break;
            }
        }
        uint8_t s = (uint8_t)(inv ^ rol8(inv, 1) ^ rol8(inv, 2) ^ rol8(inv, 3) ^
                              rol8(inv, 4) ^ 0x63);
        aes_sbox[x] = s;
        aes_inv_sbox[s] = (uint8_t)x;
    }
}

/* State byte i is row i % 4 of column i / 4. */
static SimdVec aes_shift_rows(SimdVec in, bool inv)
{
    SimdVec out;
    for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
            if (inv) {
                out.b[r + 4 * ((c + r) % 4)] = in.b[r + 4 * c];
            } else {
                out.b[r + 4 * c] = in.b[r + 4 * ((c + r) % 4)];
            }
        }
    }
    return out;
}

static void do_aes_round(CPUARMState *env, uint64_t desc, bool dec)
{
    SimdVec d = simd_get(env, desc_rd(desc)), n = simd_get(env, desc_rn(desc));
    d.d[0] ^= n.d[0];
    d.d[1] ^= n.d[1];
    d = aes_shift_rows(d, dec);
    for (int i = 0; i < 16; i++) {
        d.b[i] = dec ? aes_inv_sbox[d.b[i]] : aes_sbox[d.b[i]];
    }
    simd_put(env, desc_rd(desc), d, 16);
}

DEF_SIMD_HELPER(aese) { do_aes_round(env, desc, false); }
DEF_SIMD_HELPER(aesd) { do_aes_round(env, desc, true); }

static void do_aes_mix(CPUARMState *env, uint64_t desc, bool inv)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, rev[4] = { 14, 11, 13, 9 };
    const uint8_t *k = inv ? rev : fwd;
    SimdVec n = simd_get(env, desc_rn(desc)), d;
    for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
            uint8_t v = 0;
            for (int j = 0; j < 4; j++) {
                v ^= gf_mul(k[(j - r + 4) % 4], n.b[4 * c + j]);
            }
            d.b[4 * c + r] = v;
        }
    }
    simd_put(env, desc_rd(desc), d, 16);
}

DEF_SIMD_HELPER(aesmc) { do_aes_mix(env, desc, false); }
DEF_SIMD_HELPER(aesimc) { do_aes_mix(env, desc, true); }

/* ---- SHA-1 and SHA-256 (Arm ARM shared/functions/crypto) ---- */

static uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}
static uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}
static uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

/* SHA1C/SHA1P/SHA1M: four rounds; X = Vd, Y = Sn, W = Vm. */
static void do_sha1_hash(CPUARMState *env, uint64_t desc,
                         uint32_t (*f)(uint32_t, uint32_t, uint32_t))
{
    SimdVec x = simd_get(env, desc_rd(desc)), w = simd_get(env, desc_rm(desc));
    uint32_t y = env->vregs[desc_rn(desc)].d[0] & 0xffffffffu;
    for (int e = 0; e < 4; e++) {
        uint32_t t = f(x.s[1], x.s[2], x.s[3]);
        y = y + rol32(x.s[0], 5) + t + w.s[e];
        x.s[1] = rol32(x.s[1], 30);
        /* <Y, X> = ROL(Y:X, 32) */
        uint32_t top = x.s[3];
        x.s[3] = x.s[2];
        x.s[2] = x.s[1];
        x.s[1] = x.s[0];
        x.s[0] = y;
        y = top;
    }
    simd_put(env, desc_rd(desc), x, 16);
}

DEF_SIMD_HELPER(sha1c) { do_sha1_hash(env, desc, sha_choose); }
DEF_SIMD_HELPER(sha1p) { do_sha1_hash(env, desc, sha_parity); }
DEF_SIMD_HELPER(sha1m) { do_sha1_hash(env, desc, sha_majority); }

DEF_SIMD_HELPER(sha1h)
{
    SimdVec d = {{0}};
    d.s[0] = rol32((uint32_t)env->vregs[desc_rn(desc)].d[0], 30);
    simd_put(env, desc_rd(desc), d, 16);
}

DEF_SIMD_HELPER(sha1su0)
{
    SimdVec d = simd_get(env, desc_rd(desc)), n = simd_get(env, desc_rn(desc));
    SimdVec m = simd_get(env, desc_rm(desc)), r;
    r.d[0] = d.d[1] ^ d.d[0] ^ m.d[0];
    r.d[1] = n.d[0] ^ d.d[1] ^ m.d[1];
    simd_put(env, desc_rd(desc), r, 16);
}

DEF_SIMD_HELPER(sha1su1)
{
    SimdVec d = simd_get(env, desc_rd(desc)), n = simd_get(env, desc_rn(desc));
    SimdVec t, r;
    /* T = Vd EOR LSR(Vn, 32) */
    t.s[0] = d.s[0] ^ n.s[1];
    t.s[1] = d.s[1] ^ n.s[2];
    t.s[2] = d.s[2] ^ n.s[3];
    t.s[3] = d.s[3];
    r.s[0] = rol32(t.s[0], 1);
    r.s[1] = rol32(t.s[1], 1);
    r.s[2] = rol32(t.s[2], 1);
    r.s[3] = rol32(t.s[3], 1) ^ rol32(t.s[0], 2);
    simd_put(env, desc_rd(desc), r, 16);
}

static SimdVec sha256_hash(SimdVec x, SimdVec y, SimdVec w, bool part1)
{
    for (int e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y.s[0], y.s[1], y.s[2]);
        uint32_t maj = sha_majority(x.s[0], x.s[1], x.s[2]);
        uint32_t s1 = ror32(y.s[0], 6) ^ ror32(y.s[0], 11) ^ ror32(y.s[0], 25);
        uint32_t s0 = ror32(x.s[0], 2) ^ ror32(x.s[0], 13) ^ ror32(x.s[0], 22);
        uint32_t t = y.s[3] + s1 + chs + w.s[e];
        x.s[3] = t + x.s[3];
        y.s[3] = t + s0 + maj;
        /* <Y, X> = ROL(Y:X, 32) */
        uint32_t xtop = x.s[3], ytop = y.s[3];
        for (int i = 3; i > 0; i--) {
            x.s[i] = x.s[i - 1];
            y.s[i] = y.s[i - 1];
        }
        x.s[0] = ytop;
        y.s[0] = xtop;
    }
    return part1 ? x : y;
}

DEF_SIMD_HELPER(sha256h)
{
    SimdVec r = sha256_hash(simd_get(env, desc_rd(desc)),
                            simd_get(env, desc_rn(desc)),
                            simd_get(env, desc_rm(desc)), true);
    simd_put(env, desc_rd(desc), r, 16);
}

DEF_SIMD_HELPER(sha256h2)
{
    SimdVec r = sha256_hash(simd_get(env, desc_rn(desc)),
                            simd_get(env, desc_rd(desc)),
                            simd_get(env, desc_rm(desc)), false);
    simd_put(env, desc_rd(desc), r, 16);
}

DEF_SIMD_HELPER(sha256su0)
{
    SimdVec d = simd_get(env, desc_rd(desc)), n = simd_get(env, desc_rn(desc));
    SimdVec r;
    uint32_t t[4] = { d.s[1], d.s[2], d.s[3], n.s[0] };
    for (int e = 0; e < 4; e++) {
        uint32_t x = t[e];
        r.s[e] = (ror32(x, 7) ^ ror32(x, 18) ^ (x >> 3)) + d.s[e];
    }
    simd_put(env, desc_rd(desc), r, 16);
}

DEF_SIMD_HELPER(sha256su1)
{
    SimdVec d = simd_get(env, desc_rd(desc)), n = simd_get(env, desc_rn(desc));
    SimdVec m = simd_get(env, desc_rm(desc)), r;
    uint32_t t0[4] = { n.s[1], n.s[2], n.s[3], m.s[0] };
    uint32_t t1[2] = { m.s[2], m.s[3] };
    for (int e = 0; e < 4; e++) {
        uint32_t x = e < 2 ? t1[e] : r.s[e - 2];
        x = ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
        r.s[e] = x + d.s[e] + t0[e];
    }
    simd_put(env, desc_rd(desc), r, 16);
}

/* ---- FEAT_SHA3 ---- */

static uint64_t ror64(uint64_t x, int n)
{
    return n ? (x >> n) | (x << (64 - n)) : x;
}

DEF_SIMD_HELPER(eor3)
{
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec a = simd_get(env, desc_ra(desc)), d;
    for (int i = 0; i < 2; i++) {
        d.d[i] = n.d[i] ^ m.d[i] ^ a.d[i];
    }
    simd_put(env, desc_rd(desc), d, 16);
}

DEF_SIMD_HELPER(bcax)
{
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec a = simd_get(env, desc_ra(desc)), d;
    for (int i = 0; i < 2; i++) {
        d.d[i] = n.d[i] ^ (m.d[i] & ~a.d[i]);
    }
    simd_put(env, desc_rd(desc), d, 16);
}

DEF_SIMD_HELPER(rax1)
{
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc)), d;
    for (int i = 0; i < 2; i++) {
        d.d[i] = n.d[i] ^ ror64(m.d[i], 63);
    }
    simd_put(env, desc_rd(desc), d, 16);
}

/* XAR: data is the rotate amount */
DEF_SIMD_HELPER(xar)
{
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc)), d;
    for (int i = 0; i < 2; i++) {
        d.d[i] = ror64(n.d[i] ^ m.d[i], desc_data(desc) & 63);
    }
    simd_put(env, desc_rd(desc), d, 16);
}

/* ---- FEAT_SHA512: element 1 is bits 127:64 ---- */

static uint64_t sha512_sum1(uint64_t x)
{
    return ror64(x, 14) ^ ror64(x, 18) ^ ror64(x, 41);
}

static uint64_t sha512_sum0(uint64_t x)
{
    return ror64(x, 28) ^ ror64(x, 34) ^ ror64(x, 39);
}

DEF_SIMD_HELPER(sha512h)
{
    SimdVec x = simd_get(env, desc_rn(desc)), y = simd_get(env, desc_rm(desc));
    SimdVec w = simd_get(env, desc_rd(desc)), r;
    uint64_t hi = (y.d[1] & x.d[0]) ^ (~y.d[1] & x.d[1]);
    hi += sha512_sum1(y.d[1]) + w.d[1];
    uint64_t tmp = hi + y.d[0];
    uint64_t lo = (tmp & y.d[1]) ^ (~tmp & x.d[0]);
    lo += sha512_sum1(tmp) + w.d[0];
    r.d[0] = lo;
    r.d[1] = hi;
    simd_put(env, desc_rd(desc), r, 16);
}

DEF_SIMD_HELPER(sha512h2)
{
    SimdVec x = simd_get(env, desc_rn(desc)), y = simd_get(env, desc_rm(desc));
    SimdVec w = simd_get(env, desc_rd(desc)), r;
    uint64_t hi = (x.d[0] & y.d[1]) ^ (x.d[0] & y.d[0]) ^ (y.d[1] & y.d[0]);
    hi += sha512_sum0(y.d[0]) + w.d[1];
    uint64_t lo = (hi & y.d[0]) ^ (hi & y.d[1]) ^ (y.d[1] & y.d[0]);
    lo += sha512_sum0(hi) + w.d[0];
    r.d[0] = lo;
    r.d[1] = hi;
    simd_put(env, desc_rd(desc), r, 16);
}

static uint64_t sha512_sig0(uint64_t x)
{
    return ror64(x, 1) ^ ror64(x, 8) ^ (x >> 7);
}

static uint64_t sha512_sig1(uint64_t x)
{
    return ror64(x, 19) ^ ror64(x, 61) ^ (x >> 6);
}

DEF_SIMD_HELPER(sha512su0)
{
    SimdVec w = simd_get(env, desc_rd(desc)), x = simd_get(env, desc_rn(desc)), r;
    r.d[0] = w.d[0] + sha512_sig0(w.d[1]);
    r.d[1] = w.d[1] + sha512_sig0(x.d[0]);
    simd_put(env, desc_rd(desc), r, 16);
}

DEF_SIMD_HELPER(sha512su1)
{
    SimdVec w = simd_get(env, desc_rd(desc)), x = simd_get(env, desc_rn(desc));
    SimdVec y = simd_get(env, desc_rm(desc)), r;
    r.d[1] = w.d[1] + sha512_sig1(x.d[1]) + y.d[1];
    r.d[0] = w.d[0] + sha512_sig1(x.d[0]) + y.d[0];
    simd_put(env, desc_rd(desc), r, 16);
}
