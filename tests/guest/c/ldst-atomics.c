// SPDX-License-Identifier: MIT
// Loads, stores and atomics as compiled C uses them: sign/zero extension
// of every size through volatile pointers, signed and unsigned array
// indexes (SXTW/UXTW register offsets), unaligned packed fields, pairs
// from struct copies, the compiler's __atomic builtins (outline atomics:
// LSE or LDXR/STXR depending on AT_HWCAP, same results either way), and
// FEAT_LSE instructions forced through a target attribute and inline asm
// (min/max with operands whose signed and unsigned order differ, CASP).
// Single-threaded: it checks semantics, not concurrency.
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static volatile uint8_t u8s[4] = { 0x7f, 0x80, 0xff, 0x01 };
static volatile uint16_t u16s[4] = { 0x7fff, 0x8000, 0xffff, 0x0001 };
static volatile uint32_t u32s[4] = { 0x7fffffff, 0x80000000, 0xffffffff, 1 };

struct __attribute__((packed)) packed {
    uint8_t tag;
    uint64_t q;
    uint16_t h;
    uint32_t w;
};

static void show(const char *what, uint64_t v)
{
    printf("%-24s %016" PRIx64 "\n", what, v);
}

static void test_extend(void)
{
    for (int i = 0; i < 4; i++) {
        show("s8", (uint64_t)(int64_t)(int8_t)u8s[i]);
        show("s8->32", (uint32_t)(int32_t)(int8_t)u8s[i]);
        show("s16", (uint64_t)(int64_t)(int16_t)u16s[i]);
        show("s32", (uint64_t)(int64_t)(int32_t)u32s[i]);
        show("u32", u32s[i]);
    }
}

static uint64_t __attribute__((noinline)) idx_s(const uint64_t *p, int i)
{
    return p[i];
}

static uint64_t __attribute__((noinline)) idx_u(const uint16_t *p, unsigned i)
{
    return p[i];
}

static void test_index(void)
{
    static uint64_t q[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    static uint16_t h[8] = { 10, 20, 30, 40, 50, 60, 70, 80 };
    show("idx -3", idx_s(q + 5, -3));
    show("idx 2", idx_s(q + 5, 2));
    show("uidx 7", idx_u(h, 7));
}

static void test_packed(void)
{
    static unsigned char raw[64];
    struct packed v = { 0xaa, 0x1122334455667788ull, 0x99bb, 0xccddeeff };
    for (int off = 0; off < 8; off++) {
        memset(raw, 0x5c, sizeof(raw));
        volatile struct packed *p = (volatile struct packed *)(raw + off);
        p->tag = v.tag;
        p->q = v.q;
        p->h = v.h;
        p->w = v.w;
        show("packed q", p->q + off);
        show("packed h+w", (uint64_t)p->h << 32 | p->w);
        uint64_t chk = 0;
        for (int i = 0; i < 24; i++) {
            chk = chk * 131 + raw[i];
        }
        show("packed bytes", chk);
    }
}

static void test_builtin_atomics(void)
{
    static uint8_t b = 0xf0;
    static uint16_t hw = 0xfff0;
    static uint32_t w = 0xfffffff0;
    static uint64_t x = 0xfffffffffffffff0ull;
    show("fetch_add b", __atomic_fetch_add(&b, 0x20, __ATOMIC_SEQ_CST));
    show("b", b);
    show("fetch_add h", __atomic_fetch_add(&hw, 0x20, __ATOMIC_ACQUIRE));
    show("h", hw);
    show("fetch_or w", __atomic_fetch_or(&w, 0x0f0f0f0f, __ATOMIC_RELEASE));
    show("w", w);
    show("fetch_and x", __atomic_fetch_and(&x, 0xff00ff00ff00ff00ull,
                                           __ATOMIC_ACQ_REL));
    show("x", x);
    show("fetch_xor x", __atomic_fetch_xor(&x, ~0ull, __ATOMIC_RELAXED));
    show("x", x);
    show("xchg w", __atomic_exchange_n(&w, 123, __ATOMIC_SEQ_CST));
    uint32_t expect = 124;
    show("cas fail", __atomic_compare_exchange_n(&w, &expect, 7, false,
                                                 __ATOMIC_SEQ_CST,
                                                 __ATOMIC_SEQ_CST));
    show("cas expect", expect);
    show("cas ok", __atomic_compare_exchange_n(&w, &expect, 7, false,
                                               __ATOMIC_SEQ_CST,
                                               __ATOMIC_SEQ_CST));
    show("w", w);
    __atomic_store_n(&x, 0x1234, __ATOMIC_RELEASE);
    show("load acq", __atomic_load_n(&x, __ATOMIC_ACQUIRE));
}

/* LD<op> through inline asm: the returned old value and the new memory. */
#define LSE_OP(insn, reg, type, init, opnd)                                  \
    do {                                                                     \
        type m = (init), old;                                                \
        __asm__ volatile(".arch armv8.1-a+lse\n" insn " %" reg "2, %" reg    \
                         "0, %1"                                             \
                         : "=&r"(old), "+Q"(m)                               \
                         : "r"((type)(opnd))                                 \
                         : "memory");                                        \
        show(insn " old", (uint64_t)old);                                    \
        show(insn " new", (uint64_t)m);                                      \
    } while (0)

static void test_lse_asm(void)
{
    LSE_OP("ldsmaxb", "w", uint8_t, 0x90, 0x10);
    LSE_OP("ldumaxb", "w", uint8_t, 0x90, 0x10);
    LSE_OP("ldsminh", "w", uint16_t, 0x9000, 0x1000);
    LSE_OP("lduminh", "w", uint16_t, 0x9000, 0x1000);
    LSE_OP("ldsmaxal", "w", uint32_t, 0x90000000u, 0x10000000u);
    LSE_OP("ldumin", "x", uint64_t, 0x9000000000000000ull, 0x10);
    LSE_OP("ldsmin", "x", uint64_t, 0x9000000000000000ull, 0x10);
    LSE_OP("ldclral", "x", uint64_t, 0xffffull, 0xf0f0ull);
    LSE_OP("ldeorlh", "w", uint16_t, 0xffff, 0x0ff0);
    LSE_OP("swpab", "w", uint8_t, 0x12, 0x34);

    /* CASP of X registers (16 bytes, 16-byte aligned) */
    static uint64_t pair[2] __attribute__((aligned(16))) = { 5, 6 };
    register uint64_t s0 __asm__("x4") = 5, s1 __asm__("x5") = 6;
    register uint64_t t0 __asm__("x6") = 7, t1 __asm__("x7") = 8;
    __asm__ volatile(".arch armv8.1-a+lse\ncaspal x4, x5, x6, x7, %2"
                     : "+r"(s0), "+r"(s1), "+Q"(pair)
                     : "r"(t0), "r"(t1)
                     : "memory");
    uint64_t old_lo = s0, old_hi = s1;
    show("casp old lo", old_lo);
    show("casp old hi", old_hi);
    show("casp new lo", pair[0]);
    show("casp new hi", pair[1]);
}

int main(void)
{
    test_extend();
    test_index();
    test_packed();
    test_builtin_atomics();
    test_lse_asm();
    return 0;
}
