/* SPDX-License-Identifier: MIT */
/*
 * Files and directories without libc, in a fresh folder under /tmp:
 * create, read, write, seek, positioned and vectored I/O, stat (the arm64
 * struct stat layout), statx, links, rename, getdents64, the open flags
 * whose values differ between arm64 and x86-64 (O_DIRECTORY, O_NOFOLLOW),
 * fcntl, pipes, dup, ioctl, utimensat, and -EFAULT for bad pointers.
 */
#include "nolibc.h"

enum {
    NR_writev = 66, NR_readv = 65, NR_pwrite64 = 68, NR_utimensat = 88,
    NR_fchmod = 52, NR_fchmodat = 53, NR_eventfd2 = 19, NR_statfs = 43,
    NR_fstatfs = 44, NR_sendfile = 71, NR_splice = 76,
    NR_memfd_create = 279, NR_copy_file_range = 285,
};

/* asm-generic struct stat (arm64) */
struct stat64 {
    uint64_t dev, ino;
    uint32_t mode, nlink, uid, gid;
    uint64_t rdev, pad1;
    int64_t size;
    int32_t blksize, pad2;
    int64_t blocks;
    int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
    uint32_t unused[2];
};

struct iov {
    const void *base;
    size_t len;
};

#define S_IFMT 0170000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define S_IFLNK 0120000

/* F_GETFL without O_LARGEFILE, which the kernel sets on every 64-bit
 * open (qemu 7.2 drops it, so the oracle could not compare it) */
static long getfl(int fd)
{
    long r = sc2(NR_fcntl, fd, F_GETFL);
    return r < 0 ? r : r & ~0400000L;
}

static char dirname[64];

static void make_dir(void)
{
    long pid = sc0(NR_getpid);
    char num[24];
    int i = 23;
    num[i] = 0;
    do {
        num[--i] = (char)('0' + pid % 10);
        pid /= 10;
    } while (pid);
    memcpy(dirname, "/tmp/mimic-lu-files-", 20);
    memcpy(dirname + 20, num + i, (size_t)(24 - i));
    check("mkdir", sc3(NR_mkdirat, AT_FDCWD, dirname, 0755) == 0);
    check("chdir", sc1(NR_chdir, dirname) == 0);
}

static void basic_io(void)
{
    sc1(NR_umask, 022);
    int fd = (int)sc4(NR_openat, AT_FDCWD, "a", O_RDWR | O_CREAT | O_EXCL,
                      0640);
    check("create", fd >= 0);
    show("write", sc3(NR_write, fd, "hello world", 11));
    show("seek", sc3(NR_lseek, fd, 6, SEEK_SET));
    char buf[32] = { 0 };
    show("read", sc3(NR_read, fd, buf, sizeof(buf)));
    check("read data", !scmp(buf, "world"));
    show("read at end", sc3(NR_read, fd, buf, sizeof(buf)));
    show("seek end", sc3(NR_lseek, fd, -5, SEEK_END));
    show("seek cur", sc3(NR_lseek, fd, 2, SEEK_CUR));
    show("pwrite", sc4(NR_pwrite64, fd, "HE", 2, 0));
    memset(buf, 0, sizeof(buf));
    show("pread", sc4(NR_pread64, fd, buf, 5, 0));
    check("pread data", !scmp(buf, "HEllo"));
    struct iov w[2] = { { "ab", 2 }, { "cde", 3 } };
    sc3(NR_lseek, fd, 0, SEEK_END);
    show("writev", sc3(NR_writev, fd, w, 2));
    char r1[4] = { 0 }, r2[16] = { 0 };
    struct iov r[2] = { { r1, 3 }, { r2, 15 } };
    sc3(NR_lseek, fd, 0, SEEK_SET);
    show("readv", sc3(NR_readv, fd, r, 2));
    check("readv data", !scmp(r1, "HEl") && !scmp(r2, "lo worldabcde"));
    struct stat64 st;
    check("fstat", sc2(NR_fstat, fd, &st) == 0);
    show("size", st.size);
    show("mode", st.mode);
    show("nlink", st.nlink);
    check("blksize", st.blksize > 0);
    show("ftruncate", sc2(NR_ftruncate, fd, 3));
    sc2(NR_fstat, fd, &st);
    show("size after truncate", st.size);
    show("fchmod", sc2(NR_fchmod, fd, 0600));
    sc2(NR_fstat, fd, &st);
    show("mode after fchmod", st.mode);
    show("bad read buffer", sc3(NR_read, fd, 0x1000, 4));
    show("bad write buffer", sc3(NR_write, fd, 0x1000, 4));
    show("bad path", sc4(NR_openat, AT_FDCWD, 0x1000, O_RDONLY, 0));
    show("exclusive", sc4(NR_openat, AT_FDCWD, "a",
                          O_RDWR | O_CREAT | O_EXCL, 0640));
    sc1(NR_close, fd);
    show("closed fd", sc1(NR_close, fd));
}

static void links(void)
{
    struct stat64 st;
    show("symlink", sc3(NR_symlinkat, "a", AT_FDCWD, "l"));
    char buf[16] = { 0 };
    show("readlink", sc4(NR_readlinkat, AT_FDCWD, "l", buf, sizeof(buf)));
    check("readlink data", !scmp(buf, "a"));
    show("readlink file", sc4(NR_readlinkat, AT_FDCWD, "a", buf, 16));
    sc4(NR_newfstatat, AT_FDCWD, "l", &st, AT_SYMLINK_NOFOLLOW);
    check("lstat is link", (st.mode & S_IFMT) == S_IFLNK);
    sc4(NR_newfstatat, AT_FDCWD, "l", &st, 0);
    check("stat follows", (st.mode & S_IFMT) == S_IFREG && st.size == 3);
    show("link", sc5(NR_linkat, AT_FDCWD, "a", AT_FDCWD, "b", 0));
    sc4(NR_newfstatat, AT_FDCWD, "b", &st, 0);
    show("nlink", st.nlink);
    show("rename", sc4(NR_renameat, AT_FDCWD, "b", AT_FDCWD, "c"));
    show("access c", sc3(NR_faccessat, AT_FDCWD, "c", 0));
    show("access b", sc3(NR_faccessat, AT_FDCWD, "b", 0));
    show("stat missing", sc4(NR_newfstatat, AT_FDCWD, "zz", &st, 0));
    /* open flags that sit at different bits on arm64 and x86-64 */
    show("O_DIRECTORY on file", sc4(NR_openat, AT_FDCWD, "a",
                                    O_RDONLY | O_DIRECTORY, 0));
    show("O_NOFOLLOW on link", sc4(NR_openat, AT_FDCWD, "l",
                                   O_RDONLY | O_NOFOLLOW, 0));
    int d = (int)sc4(NR_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY, 0);
    check("O_DIRECTORY on dir", d >= 0);
    show("dir F_GETFL", getfl(d));
    sc1(NR_close, d);
    long ts[4] = { 1000000000, 5, 1234567890, 999 };
    show("utimensat", sc4(NR_utimensat, AT_FDCWD, "a", ts, 0));
    sc4(NR_newfstatat, AT_FDCWD, "a", &st, 0);
    show("atime", st.atime);
    show("mtime", st.mtime);
    show("mtime ns", st.mtime_ns);
}

static void sort(char **v, int n)
{
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0 && scmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    }
}

static void listing(void)
{
    sc3(NR_mkdirat, AT_FDCWD, "sub", 0700);
    int d = (int)sc4(NR_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY, 0);
    static char buf[4096];
    char *names[16];
    int n = 0;
    for (;;) {
        long got = sc3(NR_getdents64, d, buf, sizeof(buf));
        if (got <= 0) {
            break;
        }
        for (long off = 0; off < got;) {
            /* linux_dirent64: ino, off, reclen (u16), type, name */
            char *e = buf + off;
            unsigned short reclen = *(unsigned short *)(e + 16);
            if (n < 16) {
                names[n++] = e + 19;
            }
            off += reclen;
        }
        sort(names, n);
        for (int i = 0; i < n; i++) {
            puts_("entry ");
            puts_(names[i]);
            puts_("\n");
        }
    }
    sc1(NR_close, d);
    show("rmdir non-empty?", sc3(NR_unlinkat, AT_FDCWD, "sub", 0));
    show("rmdir", sc3(NR_unlinkat, AT_FDCWD, "sub", AT_REMOVEDIR));
}

static void fds(void)
{
    int p[2];
    show("pipe2", sc2(NR_pipe2, p, 0));
    show("write pipe", sc3(NR_write, p[1], "ping", 4));
    int avail = -1;
    show("FIONREAD", sc3(NR_ioctl, p[0], 0x541B, &avail));
    show("available", avail);
    char winsz[8];
    show("TIOCGWINSZ on pipe", sc3(NR_ioctl, p[0], 0x5413, winsz));
    char buf[8] = { 0 };
    show("read pipe", sc3(NR_read, p[0], buf, sizeof(buf)));
    check("pipe data", !scmp(buf, "ping"));
    show("F_GETFD", sc2(NR_fcntl, p[0], F_GETFD));
    show("F_GETFL", getfl(p[0]));
    show("F_SETFL", sc3(NR_fcntl, p[0], F_SETFL, O_NONBLOCK));
    show("F_GETFL nonblock", getfl(p[0]));
    show("read empty nonblock", sc3(NR_read, p[0], buf, 1));
    int d = (int)sc1(NR_dup, p[1]);
    check("dup", d > p[1]);
    show("dup F_GETFD", sc2(NR_fcntl, d, F_GETFD));
    show("dup3", sc3(NR_dup3, p[1], 30, O_CLOEXEC));
    show("dup3 F_GETFD", sc2(NR_fcntl, 30, F_GETFD));
    show("dup3 same", sc3(NR_dup3, 30, 30, 0));
    int q[2];
    sc2(NR_pipe2, q, O_CLOEXEC | O_NONBLOCK);
    show("pipe2 flags F_GETFD", sc2(NR_fcntl, q[0], F_GETFD));
    show("pipe2 flags F_GETFL", getfl(q[0]));
    int f = (int)sc4(NR_openat, AT_FDCWD, "a", O_WRONLY | O_APPEND, 0);
    show("append F_GETFL", getfl(f));
    sc1(NR_close, f);
    sc1(NR_close, p[0]);
    sc1(NR_close, p[1]);
    sc1(NR_close, d);
    sc1(NR_close, 30);
    sc1(NR_close, q[0]);
    sc1(NR_close, q[1]);
}

/* sendfile, copy_file_range, splice, memfd, eventfd, statfs, statx */
static void transfers(void)
{
    int src = (int)sc4(NR_openat, AT_FDCWD, "src", O_RDWR | O_CREAT, 0644);
    sc3(NR_write, src, "0123456789abcdef", 16);
    int dst = (int)sc4(NR_openat, AT_FDCWD, "dst", O_RDWR | O_CREAT, 0644);
    long off = 4;
    show("sendfile", sc4(NR_sendfile, dst, src, &off, 6));
    show("sendfile offset", off);
    long in = 10, out = 6;
    show("copy_file_range", sc6(NR_copy_file_range, src, (long)&in, dst,
                                (long)&out, 6, 0));
    char buf[32] = { 0 };
    show("pread dst", sc4(NR_pread64, dst, buf, 32, 0));
    check("transfer data", !scmp(buf, "456789abcdef"));
    int p[2];
    sc2(NR_pipe2, p, 0);
    long soff = 0;
    show("splice to pipe", sc6(NR_splice, src, (long)&soff, p[1], 0, 5, 0));
    memset(buf, 0, sizeof(buf));
    show("read spliced", sc3(NR_read, p[0], buf, 32));
    check("splice data", !scmp(buf, "01234"));
    int m = (int)sc2(NR_memfd_create, "lu-files", 1 /* MFD_CLOEXEC */);
    check("memfd", m >= 0);
    show("memfd F_GETFD", sc2(NR_fcntl, m, F_GETFD));
    show("memfd write", sc3(NR_write, m, "mem", 3));
    struct stat64 st;
    sc2(NR_fstat, m, &st);
    show("memfd size", st.size);
    int e = (int)sc2(NR_eventfd2, 5, 0);
    uint64_t v = 0;
    show("eventfd read", sc3(NR_read, e, &v, 8));
    show("eventfd value", (long)v);
    uint64_t fs[15];
    show("statfs", sc2(NR_statfs, ".", fs));
    check("statfs bsize", fs[1] > 0);
    show("fstatfs", sc2(NR_fstatfs, src, fs));
    uint32_t sx[64];
    show("statx", sc5(NR_statx, AT_FDCWD, "dst", 0, 0x200 /* SIZE */, sx));
    show("statx size", *(int64_t *)&sx[10]);
    sc1(NR_close, e);
    sc1(NR_close, m);
    sc1(NR_close, p[0]);
    sc1(NR_close, p[1]);
    sc1(NR_close, src);
    sc1(NR_close, dst);
    sc3(NR_unlinkat, AT_FDCWD, "src", 0);
    sc3(NR_unlinkat, AT_FDCWD, "dst", 0);
}

static void cleanup(void)
{
    char cwd[128];
    long n = sc2(NR_getcwd, cwd, sizeof(cwd));
    check("getcwd", n == (long)slen(dirname) + 1 && !scmp(cwd, dirname));
    show("getcwd small", sc2(NR_getcwd, cwd, 4));
    show("unlink a", sc3(NR_unlinkat, AT_FDCWD, "a", 0));
    show("unlink c", sc3(NR_unlinkat, AT_FDCWD, "c", 0));
    show("unlink l", sc3(NR_unlinkat, AT_FDCWD, "l", 0));
    show("unlink missing", sc3(NR_unlinkat, AT_FDCWD, "a", 0));
    sc1(NR_chdir, "/");
    show("remove dir", sc3(NR_unlinkat, AT_FDCWD, dirname, AT_REMOVEDIR));
}

int test_main(int argc, char **argv, char **envp)
{
    make_dir();
    basic_io();
    links();
    listing();
    fds();
    transfers();
    cleanup();
    return failures;
}
