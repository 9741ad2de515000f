/* SPDX-License-Identifier: MIT */
/*
 * test-debug.c - unit tests of tcg/debug.c: breakpoint and watchpoint
 * requests, reference counts, the requested/active split and its sync.
 * (The watchpoint hit path needs running guest code: tests/gdb covers it.)
 */
#include <stdio.h>
#include "tcg/debug.h"

static int passed, failed;

#define CHECK(cond) do { \
    if (cond) { \
        passed++; \
    } else { \
        failed++; \
        printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
    } \
} while (0)

static void test_breakpoints(void)
{
    TCGDebug *d = tcg_debug_new();
    CHECK(d != NULL);
    CHECK(!tcg_debug_bp_at(d, 0x1000));
    CHECK(tcg_debug_bp_insert(d, 0x1000, TCG_BP_SW) == 0);
    /* requested, not active until sync */
    CHECK(!tcg_debug_bp_at(d, 0x1000));
    tcg_debug_sync(d);
    CHECK(tcg_debug_bp_at(d, 0x1000));
    CHECK(!tcg_debug_bp_at(d, 0x1004));
    CHECK(tcg_debug_bp_kinds(d, 0x1000) == TCG_BP_SW);
    /* sw and hw at one address, each counted */
    CHECK(tcg_debug_bp_insert(d, 0x1000, TCG_BP_HW) == 0);
    CHECK(tcg_debug_bp_insert(d, 0x1000, TCG_BP_SW) == 0);
    tcg_debug_sync(d);
    CHECK(tcg_debug_bp_kinds(d, 0x1000) == (TCG_BP_SW | TCG_BP_HW));
    CHECK(tcg_debug_bp_remove(d, 0x1000, TCG_BP_SW) == 0);
    CHECK(tcg_debug_bp_remove(d, 0x1000, TCG_BP_HW) == 0);
    tcg_debug_sync(d);
    CHECK(tcg_debug_bp_kinds(d, 0x1000) == TCG_BP_SW);
    CHECK(tcg_debug_bp_remove(d, 0x1000, TCG_BP_HW) == -1);
    CHECK(tcg_debug_bp_remove(d, 0x1000, TCG_BP_SW) == 0);
    CHECK(tcg_debug_bp_remove(d, 0x1000, TCG_BP_SW) == -1);
    tcg_debug_sync(d);
    CHECK(!tcg_debug_bp_at(d, 0x1000));
    /* many, inserted out of order, found by binary search */
    for (uint64_t i = 0; i < 1000; i++) {
        CHECK(tcg_debug_bp_insert(d, ((i * 7919) % 1000) * 4, TCG_BP_SW) == 0);
    }
    tcg_debug_sync(d);
    int nbp, nwp;
    tcg_debug_counts(d, &nbp, &nwp);
    CHECK(nbp == 1000 && nwp == 0);
    CHECK(tcg_debug_bp_at(d, 0) && tcg_debug_bp_at(d, 3996));
    CHECK(!tcg_debug_bp_at(d, 2) && !tcg_debug_bp_at(d, 4000));
    /* the table has a limit and says so */
    int full = 0;
    for (uint64_t i = 0; i < TCG_DEBUG_MAX_BP; i++) {
        full |= tcg_debug_bp_insert(d, 0x100000 + i * 4, TCG_BP_SW) != 0;
    }
    CHECK(full);
    tcg_debug_clear(d);
    tcg_debug_sync(d);
    tcg_debug_counts(d, &nbp, &nwp);
    CHECK(nbp == 0);
    tcg_debug_free(d);
}

static void test_watchpoints(void)
{
    TCGDebug *d = tcg_debug_new();
    CHECK(!tcg_debug_watching(d));
    CHECK(tcg_debug_wp_insert(d, 0x2000, 0, TCG_WATCH_WRITE) == -1);
    CHECK(tcg_debug_wp_insert(d, 0x2000, 8, 7) == -1);
    CHECK(tcg_debug_wp_insert(d, 0x2000, 8, TCG_WATCH_WRITE) == 0);
    CHECK(!tcg_debug_watching(d));
    tcg_debug_sync(d);
    CHECK(tcg_debug_watching(d));
    CHECK(tcg_debug_wp_insert(d, 0x2000, 8, TCG_WATCH_WRITE) == 0);
    CHECK(tcg_debug_wp_remove(d, 0x2000, 8, TCG_WATCH_READ) == -1);
    CHECK(tcg_debug_wp_remove(d, 0x2000, 4, TCG_WATCH_WRITE) == -1);
    CHECK(tcg_debug_wp_remove(d, 0x2000, 8, TCG_WATCH_WRITE) == 0);
    tcg_debug_sync(d);
    CHECK(tcg_debug_watching(d));
    CHECK(tcg_debug_wp_remove(d, 0x2000, 8, TCG_WATCH_WRITE) == 0);
    tcg_debug_sync(d);
    CHECK(!tcg_debug_watching(d));
    CHECK(tcg_debug_watching(NULL) == false);
    CHECK(tcg_debug_bp_at(NULL, 0) == false);
    tcg_debug_free(d);
}

int main(void)
{
    test_breakpoints();
    test_watchpoints();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
