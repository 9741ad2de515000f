/* SPDX-License-Identifier: MIT */
/*
 * Minimal assertions for the C unit tests: each CHECK counts a pass or
 * prints the failing line; check_summary() prints "N passed, N failed"
 * and gives the exit status.
 */
#ifndef TESTS_UNIT_CHECK_H
#define TESTS_UNIT_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (cond) {                                                        \
            check_passed++;                                                \
        } else {                                                           \
            check_failed++;                                                \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);         \
        }                                                                  \
    } while (0)

#define CHECK_EQ(got, want)                                                \
    do {                                                                   \
        uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);              \
        if (g_ == w_) {                                                    \
            check_passed++;                                                \
        } else {                                                           \
            check_failed++;                                                \
            printf("FAIL %s:%d: %s == 0x%" PRIx64 ", want %s == 0x%" PRIx64 \
                   "\n", __FILE__, __LINE__, #got, g_, #want, w_);         \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *g_ = (got), *w_ = (want);                              \
        if (g_ && w_ && !strcmp(g_, w_)) {                                 \
            check_passed++;                                                \
        } else {                                                           \
            check_failed++;                                                \
            printf("FAIL %s:%d: %s is \"%s\", want \"%s\"\n", __FILE__,    \
                   __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
        }                                                                  \
    } while (0)

static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

/* An interrupt line that records its level, for device tests. */
typedef struct TestIRQ {
    int level;
    int raises;     /* 0 -> 1 transitions */
} TestIRQ;

static inline void test_irq_set(void *opaque, int line, int level)
{
    TestIRQ *t = opaque;
    (void)line;
    if (level && !t->level) {
        t->raises++;
    }
    t->level = level;
}

#endif
