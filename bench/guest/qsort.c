/* SPDX-License-Identifier: MIT */
/*
 * Sorting benchmark: a recursive quicksort with an insertion sort for
 * short runs (compare-and-branch, calls and returns, loads and stores),
 * then a check that the result is ordered and a checksum.
 */
#include "rt.h"

#define N 100000
static int64_t a[N];

static void insertion(int64_t *v, long lo, long hi)
{
    for (long i = lo + 1; i <= hi; i++) {
        int64_t x = v[i];
        long j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

__attribute__((noinline)) static void quick(int64_t *v, long lo, long hi)
{
    while (hi - lo > 16) {
        int64_t p = v[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (v[i] < p) {
                i++;
            }
            while (v[j] > p) {
                j--;
            }
            if (i <= j) {
                int64_t t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                j--;
            }
        }
        if (j - lo < hi - i) {
            quick(v, lo, j);
            lo = i;
        } else {
            quick(v, i, hi);
            hi = j;
        }
    }
    insertion(v, lo, hi);
}

static int bench_main(long n)
{
    uint64_t sum = 0;
    long bad = 0;
    for (long r = 0; r < n; r++) {
        for (long i = 0; i < N; i++) {
            a[i] = (int64_t)(rt_rand() % 1000003) - 500000;
        }
        quick(a, 0, N - 1);
        for (long i = 1; i < N; i++) {
            bad += a[i - 1] > a[i];
        }
        sum = sum * 31 + (uint64_t)a[N / 3] + (uint64_t)a[N - 1];
    }
    rt_show("qsort-sum", sum);
    rt_show("qsort-unordered", (uint64_t)bad);
    return bad != 0;
}
