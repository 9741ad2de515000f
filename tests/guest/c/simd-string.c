// SPDX-License-Identifier: MIT
// glibc's string and memory functions (their AArch64 versions are written
// with Advanced SIMD: CMEQ, UMAXP, ADDP, SHRN, TBL, LD1/ST1, ...) checked
// against plain byte loops over many lengths, alignments and match
// positions, including page ends.  Prints one checksum and a failure count
// per function so any difference shows in the output.
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned char *page;   /* two pages: the second is PROT_NONE */
static size_t psz;
static unsigned fails;
static uint64_t sum;

static void mix(uint64_t v)
{
    sum = (sum ^ v) * 0x100000001b3ull;
}

static void check(const char *what, size_t len, size_t al, long got, long want)
{
    mix((uint64_t)got);
    if (got != want) {
        if (fails < 20) {
            printf("FAIL %s len=%zu align=%zu got=%ld want=%ld\n", what, len,
                   al, got, want);
        }
        fails++;
    }
}

static void report(const char *name)
{
    printf("%-8s sum=%016llx fails=%u\n", name, (unsigned long long)sum, fails);
    sum = 0;
    fails = 0;
}

/* __attribute__((noipa)) keeps the compiler from turning the reference
 * loops back into calls to the functions under test. */
#define REF __attribute__((noipa, optimize("no-tree-loop-distribute-patterns")))

REF static size_t ref_strlen(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

REF static long ref_memchr(const unsigned char *s, int c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == (unsigned char)c) {
            return (long)i;
        }
    }
    return -1;
}

REF static long ref_memrchr(const unsigned char *s, int c, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (s[i] == (unsigned char)c) {
            return (long)i;
        }
    }
    return -1;
}

REF static int sgn(int x) { return (x > 0) - (x < 0); }

REF static int ref_memcmp(const unsigned char *a, const unsigned char *b,
                          size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return a[i] < b[i] ? -1 : 1;
        }
    }
    return 0;
}

REF static int ref_strncmp(const unsigned char *a, const unsigned char *b,
                           size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return a[i] < b[i] ? -1 : 1;
        }
        if (!a[i]) {
            return 0;
        }
    }
    return 0;
}

/* A string of len non-zero bytes ending exactly at the end of the
 * accessible page when tail is set. */
static char *place(size_t len, size_t al, int tail)
{
    unsigned char *p = tail ? page + psz - len - 1 : page + al;
    for (size_t i = 0; i < len; i++) {
        p[i] = (unsigned char)(1 + (i * 37 + al) % 250);
    }
    p[len] = 0;
    return (char *)p;
}

static void test_strlen(void)
{
    for (size_t al = 0; al < 32; al++) {
        for (size_t len = 0; len < 300; len += (len < 70 ? 1 : 13)) {
            for (int tail = 0; tail < 2; tail++) {
                char *s = place(len, al, tail);
                check("strlen", len, al, (long)strlen(s), (long)ref_strlen(s));
                check("strnlen", len, al, (long)strnlen(s, len / 2 + al),
                      (long)(len < len / 2 + al ? len : len / 2 + al));
                check("rawmemchr", len, al,
                      (long)((char *)rawmemchr(s, 0) - s), (long)len);
            }
        }
    }
    report("strlen");
}

static void test_chr(void)
{
    for (size_t al = 0; al < 32; al += 3) {
        for (size_t len = 1; len < 200; len += (len < 40 ? 1 : 7)) {
            for (int tail = 0; tail < 2; tail++) {
                char *s = place(len, al, tail);
                for (size_t pos = 0; pos < len; pos += 1 + len / 9) {
                    int c = (unsigned char)s[pos];
                    char *r = strchr(s, c);
                    check("strchr", len, al, r ? r - s : -1,
                          ref_memchr((unsigned char *)s, c, len));
                    r = strrchr(s, c);
                    check("strrchr", len, al, r ? r - s : -1,
                          ref_memrchr((unsigned char *)s, c, len));
                    r = memchr(s, c, len);
                    check("memchr", len, al, r ? r - s : -1,
                          ref_memchr((unsigned char *)s, c, len));
                    r = memrchr(s, c, len);
                    check("memrchr", len, al, r ? r - s : -1,
                          ref_memrchr((unsigned char *)s, c, len));
                    r = strchrnul(s, 0xff);
                    check("strchrnul", len, al, r - s, (long)len);
                }
                check("strchr0", len, al, strchr(s, 0) - s, (long)len);
                check("memchr-", len, al, memchr(s, 0xfe, len) != NULL, 0);
            }
        }
    }
    report("chr");
}

static void test_cmp(void)
{
    static unsigned char a[512], b[512];
    for (size_t al = 0; al < 16; al++) {
        for (size_t len = 0; len < 260; len += (len < 64 ? 1 : 11)) {
            for (size_t diff = 0; diff <= len; diff += 1 + len / 5) {
                unsigned char *x = a + al, *y = b + (al * 5) % 16;
                for (size_t i = 0; i < len; i++) {
                    x[i] = y[i] = (unsigned char)(1 + (i * 11) % 200);
                }
                x[len] = y[len] = 0;
                if (diff < len) {
                    y[diff] = (unsigned char)(diff & 1 ? 0xf0 : 0x01);
                }
                check("memcmp", len, al, sgn(memcmp(x, y, len)),
                      ref_memcmp(x, y, len));
                check("strcmp", len, al, sgn(strcmp((char *)x, (char *)y)),
                      ref_strncmp(x, y, len + 1));
                check("strncmp", len, al,
                      sgn(strncmp((char *)x, (char *)y, len / 2 + 1)),
                      ref_strncmp(x, y, len / 2 + 1));
            }
        }
    }
    report("cmp");
}

static void test_copy(void)
{
    static unsigned char src[1024], dst[1024 + 64], want[1024 + 64];
    for (size_t i = 0; i < sizeof(src); i++) {
        src[i] = (unsigned char)(i * 13 + 7);
    }
    for (size_t sal = 0; sal < 16; sal += 3) {
        for (size_t dal = 0; dal < 16; dal += 5) {
            for (size_t len = 0; len < 700; len += (len < 80 ? 1 : 37)) {
                memset(dst, 0xaa, len + 40);
                memcpy(dst + dal, src + sal, len);
                for (size_t i = 0; i < len + 40; i++) {
                    want[i] = 0xaa;
                }
                for (size_t i = 0; i < len; i++) {
                    want[dal + i] = src[sal + i];
                }
                check("memcpy", len, sal * 16 + dal,
                      ref_memcmp(dst, want, len + 32), 0);
                memset(dst + dal, (int)len, len);
                for (size_t i = 0; i < len; i++) {
                    want[dal + i] = (unsigned char)len;
                }
                check("memset", len, dal, ref_memcmp(dst, want, len + 32), 0);
                /* overlapping moves both ways */
                memcpy(dst, src, len + 40);
                memcpy(want, src, len + 40);
                memmove(dst + dal + 3, dst + sal, len);
                for (size_t i = len; i-- > 0;) {
                    want[dal + 3 + i] = src[sal + i];
                }
                check("memmove>", len, dal, ref_memcmp(dst, want, len + 40), 0);
                memcpy(dst, src, len + 40);
                memcpy(want, src, len + 40);
                memmove(dst + sal, dst + sal + dal + 1, len);
                for (size_t i = 0; i < len; i++) {
                    want[sal + i] = src[sal + dal + 1 + i];
                }
                check("memmove<", len, dal, ref_memcmp(dst, want, len + 40), 0);
            }
        }
    }
    for (size_t al = 0; al < 16; al++) {
        for (size_t len = 0; len < 100; len++) {
            char *s = place(len, al, 0);
            char buf[256];
            char *e = stpcpy(buf + (al ^ 5), s);
            check("stpcpy", len, al, e - (buf + (al ^ 5)), (long)len);
            check("strcpy", len, al, ref_strncmp((unsigned char *)strcpy(buf + 1, s),
                                                 (unsigned char *)s, len + 1), 0);
        }
    }
    report("copy");
}

static void test_misc(void)
{
    const char *hay = "the quick brown fox jumps over the lazy dog, "
                      "pack my box with five dozen liquor jugs";
    const char *needles[] = { "fox", "dog,", "jugs", "the", "xyz", "", "o", "q",
                              "liquor jugs", "lazy dog, pack" };
    for (unsigned i = 0; i < sizeof(needles) / sizeof(needles[0]); i++) {
        const char *r = strstr(hay, needles[i]);
        printf("strstr %-16s %ld\n", needles[i], r ? (long)(r - hay) : -1L);
    }
    printf("strspn %zu strcspn %zu strpbrk %ld\n", strspn(hay, "the qui"),
           strcspn(hay, "xyz"), (long)(strpbrk(hay, "zx") - hay));
    char buf[64];
    snprintf(buf, sizeof(buf), "%s|%5.2f|%x", "abc", 3.14159, 0xbeefu);
    printf("%s %zu\n", buf, strlen(buf));
}

int main(void)
{
    psz = (size_t)sysconf(_SC_PAGESIZE);
    page = mmap(NULL, 2 * psz, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || mprotect(page + psz, psz, PROT_NONE) != 0) {
        perror("mmap");
        return 1;
    }
    test_strlen();
    test_chr();
    test_cmp();
    test_copy();
    test_misc();
    return 0;
}
