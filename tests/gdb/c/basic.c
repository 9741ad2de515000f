/* SPDX-License-Identifier: MIT */
/*
 * Guest for gdbstub tests (static glibc, -O0 -g): globals of several
 * types, locals, a struct, a loop that updates a global (for watchpoints),
 * calls with arguments and return values (for step, next, finish) and a
 * recursion (for bt across frames).  Prints the totals; exits with total.
 */
#include <stdio.h>

int counter;
long table[4] = { 1, 2, 3, 4 };
const char *greeting = "hello from the guest";
struct point {
    int x, y;
};
int depth_reached;

int leaf(int n)
{
    depth_reached = n + (int)table[2];
    return n * 2;
}

int recurse(int n)
{
    if (n == 0) {
        return leaf(10);
    }
    return recurse(n - 1) + 1;
}

int add(int a, int b)
{
    int sum = a + b;
    return sum;
}

int main(void)
{
    struct point p = { 3, 4 };
    int total = 0;

    for (int i = 0; i < 3; i++) {
        counter = counter + 1;
        total += add(i, p.x);
    }
    total += recurse(3);
    printf("%s: total=%d counter=%d\n", greeting, total, counter);
    return total;
}
