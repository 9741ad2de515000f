/* SPDX-License-Identifier: MIT */
/*
 * Call/return benchmark: naive recursive Fibonacci and Ackermann
 * (BL and RET on every step; a return-address predictor pays off here).
 */
#include "rt.h"

__attribute__((noinline)) static uint64_t fib(uint64_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static uint64_t ack(uint64_t m, uint64_t n)
{
    if (m == 0) {
        return n + 1;
    }
    if (n == 0) {
        return ack(m - 1, 1);
    }
    return ack(m - 1, ack(m, n - 1));
}

static int bench_main(long n)
{
    uint64_t s = 0;
    for (long r = 0; r < n; r++) {
        s += fib(24 + (uint64_t)(r & 1));
        s += ack(2, 200 + (uint64_t)(r & 3));
    }
    rt_show("fib-ack", s);
    return 0;
}
