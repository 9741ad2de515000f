/* SPDX-License-Identifier: MIT */
/*
 * Hash and arithmetic benchmark: a murmur-style 64-bit mix (multiplies,
 * rotates, xors), an FNV-1a byte hash, 32-bit arithmetic with flags
 * (adds with carry across words) and a sieve of Eratosthenes.
 */
#include "rt.h"

static uint8_t data[8192];
static uint8_t sieve[65536];

static uint64_t rotl(uint64_t x, int r) { return x << r | x >> (64 - r); }

static uint64_t mix(const uint64_t *p, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t k = p[i] * 0x87c37b91114253d5ull;
        k = rotl(k, 31) * 0x4cf5ad432745937full;
        h ^= k;
        h = rotl(h, 27) * 5 + 0x52dce729;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 33);
}

static uint32_t fnv(const uint8_t *p, size_t n, uint32_t h)
{
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

/* 256-bit additions word by word with explicit carries */
static void add256(uint64_t *r, const uint64_t *a)
{
    unsigned carry = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t s = r[i] + a[i];
        unsigned c1 = s < r[i];
        uint64_t t = s + carry;
        carry = c1 | (t < s);
        r[i] = t;
    }
}

static uint32_t primes(uint32_t lim)
{
    uint32_t count = 0;
    for (uint32_t i = 0; i < lim; i++) {
        sieve[i] = 1;
    }
    for (uint32_t i = 2; i < lim; i++) {
        if (sieve[i]) {
            count++;
            for (uint32_t j = i * 2; j < lim; j += i) {
                sieve[j] = 0;
            }
        }
    }
    return count;
}

static int bench_main(long n)
{
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)rt_rand();
    }
    uint64_t h = 0, acc[4] = { 0 }, b[4];
    uint32_t f = 2166136261u, p = 0;
    for (long r = 0; r < n; r++) {
        h = mix((const uint64_t *)data, sizeof(data) / 8, h);
        f = fnv(data, sizeof(data), f);
        for (int k = 0; k < 64; k++) {
            for (int j = 0; j < 4; j++) {
                b[j] = rt_rand() | (1ull << 63);
            }
            add256(acc, b);
        }
        if (r % 8 == 0) {
            p += primes(sizeof(sieve));
        }
    }
    rt_show("mix", h);
    rt_show("fnv", f);
    rt_show("add256", acc[0] ^ acc[1] ^ acc[2] ^ acc[3]);
    rt_show("primes", p);
    return 0;
}
