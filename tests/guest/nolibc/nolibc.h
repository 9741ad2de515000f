/* SPDX-License-Identifier: MIT */
/*
 * A minimal runtime for freestanding ARM64 guest tests written in C:
 * raw system calls, printing, string helpers and _start.  Built with
 * -nostdlib -mgeneral-regs-only, so these tests exercise the Linux
 * system call layer with nothing but integer code and loads/stores
 * (no glibc start-up, no SIMD).  Each test defines test_main().
 */
#ifndef NOLIBC_H
#define NOLIBC_H

typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned long uint64_t;
typedef long int64_t;
typedef unsigned int uint32_t;
typedef int int32_t;
typedef unsigned char uint8_t;

#define NULL ((void *)0)

/* asm-generic/unistd.h numbers */
enum {
    NR_getcwd = 17, NR_dup = 23, NR_dup3 = 24, NR_fcntl = 25, NR_ioctl = 29,
    NR_mkdirat = 34, NR_unlinkat = 35, NR_symlinkat = 36, NR_linkat = 37,
    NR_renameat = 38, NR_ftruncate = 46, NR_faccessat = 48, NR_chdir = 49,
    NR_openat = 56, NR_close = 57, NR_pipe2 = 59, NR_getdents64 = 61,
    NR_lseek = 62, NR_read = 63, NR_write = 64, NR_pread64 = 67,
    NR_readlinkat = 78, NR_newfstatat = 79, NR_fstat = 80, NR_exit = 93,
    NR_exit_group = 94, NR_set_tid_address = 96, NR_kill = 129,
    NR_uname = 160, NR_getrlimit = 163, NR_umask = 166, NR_prctl = 167,
    NR_getpid = 172, NR_getppid = 173, NR_gettid = 178, NR_brk = 214,
    NR_munmap = 215, NR_mremap = 216, NR_clone = 220, NR_execve = 221,
    NR_mmap = 222, NR_mprotect = 226, NR_msync = 227, NR_mincore = 232,
    NR_madvise = 233, NR_wait4 = 260, NR_prlimit64 = 261,
    NR_getrandom = 278, NR_statx = 291, NR_clone3 = 435,
};

enum {
    AT_FDCWD = -100, AT_REMOVEDIR = 0x200, AT_SYMLINK_NOFOLLOW = 0x100,
    O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200,
    O_TRUNC = 01000, O_APPEND = 02000, O_NONBLOCK = 04000,
    O_DIRECTORY = 040000, O_NOFOLLOW = 0100000, O_CLOEXEC = 02000000,
    PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4,
    MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
    MAP_FIXED_NOREPLACE = 0x100000, MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2,
    MADV_DONTNEED = 4, SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2,
    F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, FD_CLOEXEC = 1,
    SIGCHLD = 17, SIGSEGV = 11,
};

static inline long sc6(long n, long a, long b, long c, long d, long e,
                       long f)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2),
                     "r"(x3), "r"(x4), "r"(x5) : "memory");
    return x0;
}
#define sc0(n) sc6(n, 0, 0, 0, 0, 0, 0)
#define sc1(n, a) sc6(n, (long)(a), 0, 0, 0, 0, 0)
#define sc2(n, a, b) sc6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sc3(n, a, b, c) sc6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sc4(n, a, b, c, d) \
    sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sc5(n, a, b, c, d, e) \
    sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* the compiler may call these for struct copies and clears */
void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) {
        *p++ = *q++;
    }
    return d;
}

static size_t slen(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static int scmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

static int sncmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i] || !a[i]) {
            return (unsigned char)a[i] - (unsigned char)b[i];
        }
    }
    return 0;
}

static void puts_(const char *s)
{
    sc3(NR_write, 1, s, slen(s));
}

static void put_dec(long v)
{
    char buf[24];
    int i = 23;
    int neg = v < 0;
    unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) {
        buf[--i] = '-';
    }
    puts_(buf + i);
}

/* "name = value\n" */
static void show(const char *name, long v)
{
    puts_(name);
    puts_(" = ");
    put_dec(v);
    puts_("\n");
}

/* prints "ok NAME" or "FAIL NAME" and counts failures */
static int failures;
static void check(const char *name, int ok)
{
    puts_(ok ? "ok " : "FAIL ");
    puts_(name);
    puts_("\n");
    failures += !ok;
}

int test_main(int argc, char **argv, char **envp);

__attribute__((used)) static void c_start(long *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    int r = test_main(argc, argv, envp);
    sc1(NR_exit_group, r);
    for (;;) {
    }
}

__asm__(".global _start\n"
        "_start:\n"
        "  mov x0, sp\n"
        "  bl c_start\n");

#endif
