/* SPDX-License-Identifier: MIT */
/*
 * A tiny freestanding runtime for the CPU-bound benchmark programs in
 * bench/guest: _start with argc/argv, write and exit system calls, number
 * parsing and printing.  Builds for aarch64 (run under mimic and
 * qemu-aarch64) and for x86_64 (the native peer), so the same source
 * gives all three timings.  Each program defines bench_main(n) and prints
 * a checksum, so a wrong translation shows up as a different output.
 */
#ifndef BENCH_RT_H
#define BENCH_RT_H

typedef unsigned long size_t;
typedef unsigned long uint64_t;
typedef long int64_t;
typedef unsigned int uint32_t;
typedef int int32_t;
typedef unsigned short uint16_t;
typedef unsigned char uint8_t;

#if defined(__aarch64__)
static long rt_syscall3(long n, long a, long b, long c)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2)
                     : "memory");
    return x0;
}
#define RT_NR_WRITE 64
#define RT_NR_EXIT_GROUP 94
#elif defined(__x86_64__)
static long rt_syscall3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return r;
}
#define RT_NR_WRITE 1
#define RT_NR_EXIT_GROUP 231
#else
#error "bench/guest: aarch64 or x86_64 only"
#endif

/* the compiler may call these for struct copies and clears */
void *memset(void *d, int c, size_t n)
{
    volatile unsigned char *p = d;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) {
        *p++ = *q++;
    }
    return d;
}

static void rt_write(const char *s, size_t n)
{
    rt_syscall3(RT_NR_WRITE, 1, (long)s, (long)n);
}

static void rt_puts(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    rt_write(s, n);
}

static void rt_put_hex(uint64_t v)
{
    char buf[17];
    for (int i = 15; i >= 0; i--) {
        buf[i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    }
    buf[16] = 0;
    rt_puts(buf);
}

static void rt_show(const char *name, uint64_t v)
{
    rt_puts(name);
    rt_puts(" ");
    rt_put_hex(v);
    rt_puts("\n");
}

static long rt_atol(const char *s)
{
    long v = 0;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (*s++ - '0');
    }
    return v;
}

/* xorshift64: deterministic inputs */
static __attribute__((unused)) uint64_t rt_rand_state = 88172645463325252ull;
static __attribute__((unused)) uint64_t rt_rand(void)
{
    uint64_t x = rt_rand_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rt_rand_state = x;
}

static int bench_main(long n);

__attribute__((used)) static void rt_start_c(long *sp)
{
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    long n = argc > 1 ? rt_atol(argv[1]) : 1;
    int status = bench_main(n);
    rt_syscall3(RT_NR_EXIT_GROUP, status, 0, 0);
    for (;;) {
    }
}

#if defined(__aarch64__)
__asm__(".globl _start\n_start:\n mov x0, sp\n bl rt_start_c\n");
#else
__asm__(".globl _start\n_start:\n mov %rsp, %rdi\n and $-16, %rsp\n"
        " call rt_start_c\n");
#endif

#endif
