/* SPDX-License-Identifier: MIT */
/*
 * Guest memory system calls without libc: anonymous and file mappings,
 * MAP_FIXED and MAP_FIXED_NOREPLACE, mprotect (a write to a read-only
 * page is SIGSEGV), munmap, mremap, madvise(DONTNEED) zeroing, brk,
 * mincore, argument errors, execution from a non-executable page, and
 * self-modifying code (by store, by read() into a code page, and through
 * a second, writable view of the code).
 */
#include "nolibc.h"

#define PAGE 4096L

static char *mmap_(void *a, long len, int prot, int flags, int fd, long off)
{
    return (char *)sc6(NR_mmap, (long)a, len, prot, flags, fd, off);
}

/* Runs fn(arg) in a forked child; returns the raw wait status. */
static int in_child(void (*fn)(char *), char *arg)
{
    long pid = sc5(NR_clone, SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        fn(arg);
        sc1(NR_exit_group, 0);
    }
    int status = -1;
    sc4(NR_wait4, pid, &status, 0, 0);
    return status;
}

static void show_status(const char *name, int status)
{
    puts_(name);
    if ((status & 0x7f) == 0) {
        puts_(": exited ");
        put_dec((status >> 8) & 0xff);
    } else {
        puts_(": killed by signal ");
        put_dec(status & 0x7f);
    }
    puts_("\n");
}

static void do_write(char *p)
{
    *(volatile char *)p = 1;
}

static void do_read(char *p)
{
    sc1(NR_exit_group, *(volatile char *)p);
}

static void do_call(char *p)
{
    ((void (*)(void))p)();
}

static void anon_and_protect(void)
{
    char *a = mmap_(0, 3 * PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("mmap anon", (long)a > 0 && ((long)a & (PAGE - 1)) == 0);
    check("anon zero", a[0] == 0 && a[3 * PAGE - 1] == 0);
    a[0] = 1;
    a[PAGE] = 2;
    a[2 * PAGE] = 3;
    check("mprotect ro", sc3(NR_mprotect, a + PAGE, PAGE, PROT_READ) == 0);
    show_status("write to read-only page", in_child(do_write, a + PAGE));
    check("read-only page readable", a[PAGE] == 2);
    show_status("write next to it", in_child(do_write, a + 2 * PAGE));
    check("munmap middle", sc2(NR_munmap, a + PAGE, PAGE) == 0);
    show_status("read unmapped", in_child(do_read, a + PAGE));
    show("mprotect hole", sc3(NR_mprotect, a, 3 * PAGE, PROT_READ));
    show("noreplace over mapping",
         (long)mmap_(a, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
                     MAP_FIXED_NOREPLACE, -1, 0));
    char *h = mmap_(a + PAGE, PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    check("noreplace into hole", h == a + PAGE && h[0] == 0);
    char *f = mmap_(a, PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    check("fixed replaces", f == a && a[0] == 0 && a[2 * PAGE] == 3);
    check("prot none", sc3(NR_mprotect, a, PAGE, PROT_NONE) == 0);
    show_status("read PROT_NONE", in_child(do_read, a));
    check("munmap all", sc2(NR_munmap, a, 3 * PAGE) == 0);
    check("munmap again", sc2(NR_munmap, a, 3 * PAGE) == 0);
}

static void errors(void)
{
    show("mmap len 0", (long)mmap_(0, 0, PROT_READ,
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    show("mmap bad offset", (long)mmap_(0, PAGE, PROT_READ, MAP_PRIVATE,
                                        0, 1));
    show("mmap bad fd", (long)mmap_(0, PAGE, PROT_READ, MAP_PRIVATE, 999, 0));
    show("mmap no type", (long)mmap_(0, PAGE, PROT_READ, MAP_ANONYMOUS,
                                     -1, 0));
    show("munmap unaligned", sc2(NR_munmap, 0x10001, PAGE));
    show("munmap len 0", sc2(NR_munmap, 0x10000, 0));
    show("mprotect unaligned", sc3(NR_mprotect, 0x10001, PAGE, PROT_READ));
    show("mremap unaligned", sc5(NR_mremap, 0x10001, PAGE, PAGE, 0, 0));
}

static void remap(void)
{
    char *b = mmap_(0, PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    b[0] = 'q';
    b[PAGE - 1] = 'r';
    char *c = (char *)sc5(NR_mremap, b, PAGE, 256 * PAGE, MREMAP_MAYMOVE, 0);
    check("mremap grow", (long)c > 0 && c[0] == 'q' && c[PAGE - 1] == 'r' &&
          c[256 * PAGE - 1] == 0);
    c[256 * PAGE - 1] = 's';
    char *d = (char *)sc5(NR_mremap, c, 256 * PAGE, 2 * PAGE, 0, 0);
    check("mremap shrink", d == c && d[0] == 'q');
    show_status("read shrunk tail", in_child(do_read, c + 2 * PAGE));
    char *t = mmap_(0, 4 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
                    -1, 0);
    char *e = (char *)sc5(NR_mremap, d, 2 * PAGE, 2 * PAGE,
                          MREMAP_MAYMOVE | MREMAP_FIXED, t + PAGE);
    check("mremap fixed", e == t + PAGE && e[0] == 'q' && e[PAGE - 1] == 'r');
    show_status("read moved-from", in_child(do_read, d));
    e[0] = 'w';
    check("moved keeps prot", e[0] == 'w');
    show("mremap no move",
         sc5(NR_mremap, t + PAGE, 2 * PAGE, 8 * PAGE, 0, 0));
    show("mremap unmapped", sc5(NR_mremap, d, PAGE, 2 * PAGE,
                                MREMAP_MAYMOVE, 0));
    e[5] = 'z';
    check("madvise", sc3(NR_madvise, e, PAGE, MADV_DONTNEED) == 0);
    check("dontneed zeroes", e[0] == 0 && e[5] == 0 && e[PAGE - 1] == 0);
    unsigned char vec[4];
    show("mincore mapped", sc3(NR_mincore, t, 4 * PAGE, vec));
    sc2(NR_munmap, t, 4 * PAGE);
    show("mincore unmapped", sc3(NR_mincore, t, 4 * PAGE, vec));
}

/* "/tmp/STEM.PID": the runs on each backend (and in each build folder)
 * go on at the same time, so each process needs its own files */
static const char *tmp_path(char *buf, const char *stem)
{
    size_t n = slen(stem);
    memcpy(buf, "/tmp/", 5);
    memcpy(buf + 5, stem, n);
    n += 5;
    buf[n++] = '.';
    for (unsigned long pid = (unsigned long)sc0(NR_getpid), d = 1000000000;
         d; d /= 10) {
        buf[n++] = (char)('0' + pid / d % 10);
    }
    buf[n] = 0;
    return buf;
}

static void file_maps(void)
{
    char pbuf[64];
    const char *path = tmp_path(pbuf, "mimic-lu-mem");
    int fd = (int)sc4(NR_openat, AT_FDCWD, path,
                      O_RDWR | O_CREAT | O_TRUNC, 0600);
    check("open tmp", fd >= 0);
    sc3(NR_write, fd, "hello file\n", 11);
    sc2(NR_ftruncate, fd, 2 * PAGE);
    char *m = mmap_(0, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    check("file private", (long)m > 0 && !sncmp(m, "hello file\n", 11) &&
          m[PAGE] == 0);
    char *s = mmap_(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
    s[0] = 'S';
    s[1] = 'H';
    check("msync", sc3(NR_msync, s, PAGE, 4) == 0);
    char buf[2];
    sc4(NR_pread64, fd, buf, 2, PAGE);
    check("shared write reaches file", buf[0] == 'S' && buf[1] == 'H');
    check("private sees file", m[PAGE] == 'S');
    sc2(NR_munmap, m, 2 * PAGE);
    sc2(NR_munmap, s, PAGE);
    int ro = (int)sc4(NR_openat, AT_FDCWD, path, O_RDONLY, 0);
    show("shared writable of read-only fd",
         (long)mmap_(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
    char *r = mmap_(0, PAGE, PROT_READ, MAP_SHARED, ro, 0);
    show("mprotect write on read-only fd",
         sc3(NR_mprotect, r, PAGE, PROT_READ | PROT_WRITE));
    sc1(NR_close, ro);
    sc1(NR_close, fd);
    sc3(NR_unlinkat, AT_FDCWD, path, 0);
}

static void heap(void)
{
    long cur = sc1(NR_brk, 0);
    check("brk query", cur > 0);
    long up = sc1(NR_brk, cur + 100000);
    check("brk grow", up == cur + 100000);
    char *h = (char *)cur;
    h[0] = 7;
    h[99999] = 8;
    check("brk memory", h[0] == 7 && h[99999] == 8);
    check("brk shrink", sc1(NR_brk, cur + 10) == cur + 10);
    show_status("read above brk", in_child(do_read, h + 3 * PAGE));
    check("brk regrow zero", sc1(NR_brk, cur + 100000) == cur + 100000 &&
          h[99999] == 0 && h[0] == 7);
    check("brk below start", sc1(NR_brk, 4096) == cur + 100000);
}

static int call(char *code)
{
    __builtin___clear_cache(code, code + 64);
    return ((int (*)(void))code)();
}

static void code(void)
{
    /* mov w0, #42; ret */
    static const uint32_t ret42[] = { 0x52800540, 0xd65f03c0 };
    static const uint32_t ret43[] = { 0x52800560, 0xd65f03c0 };
    static const uint32_t ret44[] = { 0x52800580, 0xd65f03c0 };
    char *x = mmap_(0, PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(x, ret42, 8);
    show_status("call non-executable", in_child(do_call, x));
    check("mprotect rwx", sc3(NR_mprotect, x, PAGE,
                              PROT_READ | PROT_WRITE | PROT_EXEC) == 0);
    show("call", call(x));
    memcpy(x, ret43, 8);
    show("call after store", call(x));
    x[100] = 1;     /* data on the code page */
    show("call after data store", call(x));
    char pbuf[64];
    const char *path = tmp_path(pbuf, "mimic-lu-code");
    int fd = (int)sc4(NR_openat, AT_FDCWD, path,
                      O_RDWR | O_CREAT | O_TRUNC, 0600);
    sc3(NR_write, fd, ret44, 8);
    sc3(NR_lseek, fd, 0, SEEK_SET);
    show("read into code", sc3(NR_read, fd, x, 8));
    show("call after read", call(x));
    sc1(NR_close, fd);
    sc3(NR_unlinkat, AT_FDCWD, path, 0);
    check("mprotect -x", sc3(NR_mprotect, x, PAGE, PROT_READ) == 0);
    show_status("call after -x", in_child(do_call, x));
    sc3(NR_mprotect, x, PAGE, PROT_READ | PROT_EXEC);
    show("call r-x", call(x));
    sc2(NR_munmap, x, PAGE);
    char *y = mmap_(x, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    memcpy(y, ret42, 8);
    show("call remapped", call(y));
}

/* A JIT with two views of one memfd: it writes through the RW view and
 * runs the RX view, so only the cache maintenance (IC IVAU in
 * __builtin___clear_cache) tells the emulator the code changed. */
static void dual_mapping(void)
{
    static const uint32_t ret42[] = { 0x52800540, 0xd65f03c0 };
    static const uint32_t ret43[] = { 0x52800560, 0xd65f03c0 };
    int fd = (int)sc2(279 /* memfd_create */, "jit", 0);
    sc2(NR_ftruncate, fd, PAGE);
    char *rw = mmap_(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *rx = mmap_(0, PAGE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    check("dual views", (long)rw > 0 && (long)rx > 0 && rw != rx);
    memcpy(rw, ret42, 8);
    show("dual call", call(rx));
    memcpy(rw, ret43, 8);
    show("dual call after rewrite", call(rx));
    sc2(NR_munmap, rw, PAGE);
    sc2(NR_munmap, rx, PAGE);
    sc1(NR_close, fd);
}

int test_main(int argc, char **argv, char **envp)
{
    anon_and_protect();
    errors();
    remap();
    file_maps();
    heap();
    code();
    dual_mapping();
    return failures;
}
