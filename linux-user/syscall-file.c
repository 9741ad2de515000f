/* SPDX-License-Identifier: MIT */
/*
 * System calls on paths: open, stat (converted to the arm64 struct
 * stat), directories, links, permissions, times, the working directory
 * and extended attributes.  Lookups go through lu_path (sysroot, the
 * guest's /proc/self/exe); calls that change the file system use the
 * guest's path as given.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "syscall-defs.h"

/* struct stat of asm-generic/stat.h, which arm64 uses (128 bytes). */
typedef struct Arm64Stat {
    uint64_t st_dev, st_ino;
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev, pad1;
    int64_t st_size;
    int32_t st_blksize, pad2;
    int64_t st_blocks;
    int64_t st_atime_, st_atime_nsec;
    int64_t st_mtime_, st_mtime_nsec;
    int64_t st_ctime_, st_ctime_nsec;
    uint32_t unused4, unused5;
} Arm64Stat;

_Static_assert(sizeof(Arm64Stat) == 128, "arm64 struct stat is 128 bytes");

static int put_stat(LinuxProcess *p, uint64_t addr, const struct stat *st)
{
    Arm64Stat *g = lu_wptr(p, addr, sizeof(*g));
    if (!g) {
        return -EFAULT;
    }
    Arm64Stat s = {
        .st_dev = st->st_dev, .st_ino = st->st_ino,
        .st_mode = st->st_mode, .st_nlink = (uint32_t)st->st_nlink,
        .st_uid = st->st_uid, .st_gid = st->st_gid, .st_rdev = st->st_rdev,
        .st_size = st->st_size, .st_blksize = (int32_t)st->st_blksize,
        .st_blocks = st->st_blocks,
        .st_atime_ = st->st_atim.tv_sec, .st_atime_nsec = st->st_atim.tv_nsec,
        .st_mtime_ = st->st_mtim.tv_sec, .st_mtime_nsec = st->st_mtim.tv_nsec,
        .st_ctime_ = st->st_ctim.tv_sec, .st_ctime_nsec = st->st_ctim.tv_nsec,
    };
    memcpy(g, &s, sizeof(s));
    return 0;
}

/* A guest path string, checked: NULL with *err = -EFAULT/-ENAMETOOLONG. */
static const char *guest_path(LinuxProcess *p, uint64_t addr, int *err)
{
    const char *s = lu_str(p, addr, PATH_MAX - 1);
    *err = -EFAULT;
    if (!s) {
        *err = lu_str(p, addr, SIZE_MAX) ? -ENAMETOOLONG : -EFAULT;
    }
    return s;
}

const char *lu_path(LinuxProcess *p, uint64_t addr, char *buf, size_t len,
                    int *err)
{
    const char *s = guest_path(p, addr, err);
    if (!s) {
        return NULL;
    }
    char tmp[16];
    if (linux_proc_readlink(p, s, tmp, sizeof(tmp)) >= 0) {
        return p->exe_path;     /* /proc/self/exe: the guest program */
    }
    return linux_sysroot_path(p, s, buf, len);
}

static int64_t sys_openat(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    int err, hflags = open_flags_to_host(a[2]);
    const char *path = guest_path(p, a[1], &err);
    if (!path) {
        return err;
    }
    int r = linux_proc_open(p, path, hflags);
    if (r != 1) {
        return r;
    }
    char buf[PATH_MAX + 256];
    path = linux_sysroot_path(p, path, buf, sizeof(buf));
    return host_ret(openat(guest_fd(a[0]), path, hflags, (mode_t)a[3]));
}

static int64_t sys_openat2(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    uint64_t how[3];
    const uint64_t *g = lu_rptr(p, a[2], sizeof(how));
    if (a[3] < sizeof(how)) {
        return -EINVAL;
    }
    if (!g) {
        return -EFAULT;
    }
    int err;
    const char *path = guest_path(p, a[1], &err);
    if (!path) {
        return err;
    }
    memcpy(how, g, sizeof(how));
    how[0] = (uint64_t)(unsigned)open_flags_to_host(how[0]);
    int r = linux_proc_open(p, path, (int)how[0]);
    if (r != 1) {
        return r;
    }
    char buf[PATH_MAX + 256];
    path = linux_sysroot_path(p, path, buf, sizeof(buf));
    return host_ret(syscall(SYS_openat2, guest_fd(a[0]), path, how,
                            sizeof(how)));
}

static int64_t sys_newfstatat(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    char buf[PATH_MAX + 256];
    int err;
    const char *path = lu_path(p, a[1], buf, sizeof(buf), &err);
    if (!path) {
        return err;
    }
    struct stat st;
    if (fstatat(guest_fd(a[0]), path, &st, (int)a[3]) < 0) {
        return -errno;
    }
    return put_stat(p, a[2], &st);
}

static int64_t sys_fstat(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    struct stat st;
    if (fstat(guest_fd(a[0]), &st) < 0) {
        return -errno;
    }
    return put_stat(p, a[1], &st);
}

static int64_t sys_statx(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    char buf[PATH_MAX + 256];
    int err;
    const char *path = lu_path(p, a[1], buf, sizeof(buf), &err);
    if (!path) {
        return err;
    }
    /* struct statx is the same on every architecture */
    void *sx = lu_wptr(p, a[4], 256);
    if (!sx) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_statx, guest_fd(a[0]), path, (int)a[2],
                            (unsigned)a[3], sx));
}

static int64_t sys_statfs(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    char buf[PATH_MAX + 256];
    int err;
    const char *path = lu_path(p, a[0], buf, sizeof(buf), &err);
    if (!path) {
        return err;
    }
    /* struct statfs: all longs in the same order on arm64 and x86-64 */
    struct statfs *sf = lu_wptr(p, a[1], sizeof(struct statfs));
    return sf ? host_ret(statfs(path, sf)) : -EFAULT;
}

static int64_t sys_fstatfs(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    struct statfs *sf = lu_wptr(p, a[1], sizeof(struct statfs));
    return sf ? host_ret(fstatfs(guest_fd(a[0]), sf)) : -EFAULT;
}

static int64_t sys_getdents64(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    /* struct linux_dirent64 is architecture-independent */
    void *buf = lu_wptr(p, a[1], a[2]);
    if (!buf) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_getdents64, guest_fd(a[0]), buf,
                            (unsigned)a[2]));
}

/* A link target inside the sysroot reads as the guest would see it. */
static size_t strip_sysroot(LinuxProcess *p, char *s, size_t n)
{
    const char *root = p->cfg.sysroot;
    size_t rl = root ? strlen(root) : 0;
    while (rl > 1 && root[rl - 1] == '/') {
        rl--;
    }
    if (rl > 1 && n > rl && !strncmp(s, root, rl) && s[rl] == '/') {
        memmove(s, s + rl, n - rl);
        return n - rl;
    }
    return n;
}

static int64_t sys_readlinkat(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    int err;
    const char *path = guest_path(p, a[1], &err);
    if (!path) {
        return err;
    }
    if ((int64_t)a[3] <= 0) {
        return -EINVAL;
    }
    char *out = lu_wptr(p, a[2], a[3]);
    if (!out) {
        return -EFAULT;
    }
    int64_t n = linux_proc_readlink(p, path, out, a[3]);
    if (n >= 0) {
        return n;
    }
    char buf[PATH_MAX + 256], target[PATH_MAX];
    path = linux_sysroot_path(p, path, buf, sizeof(buf));
    ssize_t r = readlinkat(guest_fd(a[0]), path, target, sizeof(target));
    if (r < 0) {
        return -errno;
    }
    if (!strncmp(path, "/proc/", 6)) {
        r = (ssize_t)strip_sysroot(p, target, (size_t)r);
    }
    n = r < (ssize_t)a[3] ? r : (ssize_t)a[3];
    memcpy(out, target, (size_t)n);
    return n;
}

static int64_t sys_faccessat2(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    char buf[PATH_MAX + 256];
    int err;
    const char *path = lu_path(p, a[1], buf, sizeof(buf), &err);
    if (!path) {
        return err;
    }
    return host_ret(syscall(SYS_faccessat2, guest_fd(a[0]), path, (int)a[2],
                            (int)a[3]));
}

static int64_t sys_faccessat(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    char buf[PATH_MAX + 256];
    int err;
    const char *path = lu_path(p, a[1], buf, sizeof(buf), &err);
    if (!path) {
        return err;
    }
    return host_ret(syscall(SYS_faccessat, guest_fd(a[0]), path, (int)a[2]));
}

/* Calls taking one path that is used as given. */
#define PATH_ARG(idx) \
    int path_err; \
    const char *path = guest_path(p, a[idx], &path_err); \
    if (!path) { \
        return path_err; \
    }

static int64_t sys_fchmodat(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    PATH_ARG(1);
    return host_ret(syscall(SYS_fchmodat, guest_fd(a[0]), path,
                            (mode_t)a[2]));
}

static int64_t sys_fchmod(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(fchmod(guest_fd(a[0]), (mode_t)a[1]));
}

static int64_t sys_fchownat(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    PATH_ARG(1);
    return host_ret(fchownat(guest_fd(a[0]), path, (uid_t)a[2], (gid_t)a[3],
                             (int)a[4]));
}

static int64_t sys_fchown(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(fchown(guest_fd(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

static int64_t sys_mkdirat(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    PATH_ARG(1);
    return host_ret(mkdirat(guest_fd(a[0]), path, (mode_t)a[2]));
}

static int64_t sys_mknodat(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    PATH_ARG(1);
    return host_ret(mknodat(guest_fd(a[0]), path, (mode_t)a[2],
                            (dev_t)a[3]));
}

static int64_t sys_unlinkat(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    PATH_ARG(1);
    return host_ret(unlinkat(guest_fd(a[0]), path, (int)a[2]));
}

static int64_t sys_symlinkat(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    int err;
    const char *target = guest_path(p, a[0], &err);
    if (!target) {
        return err;
    }
    PATH_ARG(2);
    return host_ret(symlinkat(target, guest_fd(a[1]), path));
}

static int64_t sys_linkat(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int err;
    const char *old = guest_path(p, a[1], &err);
    if (!old) {
        return err;
    }
    PATH_ARG(3);
    return host_ret(linkat(guest_fd(a[0]), old, guest_fd(a[2]), path,
                           (int)a[4]));
}

static int64_t sys_renameat2(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    int err;
    const char *old = guest_path(p, a[1], &err);
    if (!old) {
        return err;
    }
    PATH_ARG(3);
    return host_ret(renameat2(guest_fd(a[0]), old, guest_fd(a[2]), path,
                              (unsigned)a[4]));
}

static int64_t sys_renameat(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return sys_renameat2(p, env, b);
}

static int64_t sys_utimensat(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    const char *path = NULL;
    int err;
    if (a[1]) {
        path = guest_path(p, a[1], &err);
        if (!path) {
            return err;
        }
    }
    /* struct timespec: two 64-bit fields on both */
    const struct timespec *ts = NULL;
    if (a[2] && !(ts = lu_rptr(p, a[2], 2 * sizeof(*ts)))) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_utimensat, guest_fd(a[0]), path, ts,
                            (int)a[3]));
}

static int64_t sys_truncate(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    PATH_ARG(0);
    return host_ret(truncate(path, (off_t)a[1]));
}

static int64_t sys_chdir(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    PATH_ARG(0);
    return host_ret(chdir(path));
}

static int64_t sys_fchdir(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(fchdir(guest_fd(a[0])));
}

static int64_t sys_chroot(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    PATH_ARG(0);
    return host_ret(chroot(path));
}

static int64_t sys_getcwd(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    char buf[PATH_MAX];
    /* the raw syscall returns the length including the NUL */
    long n = syscall(SYS_getcwd, buf, sizeof(buf));
    if (n < 0) {
        return -errno;
    }
    if ((uint64_t)n > a[1]) {
        return -ERANGE;
    }
    char *out = lu_wptr(p, a[0], (uint64_t)n);
    if (!out) {
        return -EFAULT;
    }
    memcpy(out, buf, (size_t)n);
    return n;
}

static int64_t sys_umask(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return umask((mode_t)a[0] & 0777);
}

/* ---- extended attributes: pass-through, buffers checked ---- */

enum { XA_PATH, XA_LPATH, XA_FD };

static int64_t xattr_get(LinuxProcess *p, const uint64_t *a, int kind)
{
    int err;
    const char *name = guest_path(p, a[1], &err);
    if (!name) {
        return err;
    }
    void *val = a[3] ? lu_wptr(p, a[2], a[3]) : NULL;
    if (a[3] && !val) {
        return -EFAULT;
    }
    if (kind == XA_FD) {
        return host_ret(fgetxattr(guest_fd(a[0]), name, val, a[3]));
    }
    PATH_ARG(0);
    return host_ret(kind == XA_PATH ? getxattr(path, name, val, a[3])
                                    : lgetxattr(path, name, val, a[3]));
}

static int64_t xattr_set(LinuxProcess *p, const uint64_t *a, int kind)
{
    int err;
    const char *name = guest_path(p, a[1], &err);
    if (!name) {
        return err;
    }
    const void *val = a[3] ? lu_rptr(p, a[2], a[3]) : NULL;
    if (a[3] && !val) {
        return -EFAULT;
    }
    int fl = (int)a[4];
    if (kind == XA_FD) {
        return host_ret(fsetxattr(guest_fd(a[0]), name, val, a[3], fl));
    }
    PATH_ARG(0);
    return host_ret(kind == XA_PATH ? setxattr(path, name, val, a[3], fl)
                                    : lsetxattr(path, name, val, a[3], fl));
}

static int64_t xattr_list(LinuxProcess *p, const uint64_t *a, int kind)
{
    char *list = a[2] ? lu_wptr(p, a[1], a[2]) : NULL;
    if (a[2] && !list) {
        return -EFAULT;
    }
    if (kind == XA_FD) {
        return host_ret(flistxattr(guest_fd(a[0]), list, a[2]));
    }
    PATH_ARG(0);
    return host_ret(kind == XA_PATH ? listxattr(path, list, a[2])
                                    : llistxattr(path, list, a[2]));
}

static int64_t xattr_remove(LinuxProcess *p, const uint64_t *a, int kind)
{
    int err;
    const char *name = guest_path(p, a[1], &err);
    if (!name) {
        return err;
    }
    if (kind == XA_FD) {
        return host_ret(fremovexattr(guest_fd(a[0]), name));
    }
    PATH_ARG(0);
    return host_ret(kind == XA_PATH ? removexattr(path, name)
                                    : lremovexattr(path, name));
}

#define XATTR_FN(op, kind, fn) \
    static int64_t sys_##op(LinuxProcess *p, CPUARMState *env, \
                            const uint64_t *a) \
    { \
        return fn(p, a, kind); \
    }
XATTR_FN(setxattr, XA_PATH, xattr_set)
XATTR_FN(lsetxattr, XA_LPATH, xattr_set)
XATTR_FN(fsetxattr, XA_FD, xattr_set)
XATTR_FN(getxattr, XA_PATH, xattr_get)
XATTR_FN(lgetxattr, XA_LPATH, xattr_get)
XATTR_FN(fgetxattr, XA_FD, xattr_get)
XATTR_FN(listxattr, XA_PATH, xattr_list)
XATTR_FN(llistxattr, XA_LPATH, xattr_list)
XATTR_FN(flistxattr, XA_FD, xattr_list)
XATTR_FN(removexattr, XA_PATH, xattr_remove)
XATTR_FN(lremovexattr, XA_LPATH, xattr_remove)
XATTR_FN(fremovexattr, XA_FD, xattr_remove)

static int64_t sys_enosys(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return -ENOSYS;
}

const SyscallEntry syscalls_file[] = {
    { 5, "setxattr", "sspux", sys_setxattr },
    { 6, "lsetxattr", "sspux", sys_lsetxattr },
    { 7, "fsetxattr", "fspux", sys_fsetxattr },
    { 8, "getxattr", "sspu", sys_getxattr },
    { 9, "lgetxattr", "sspu", sys_lgetxattr },
    { 10, "fgetxattr", "fspu", sys_fgetxattr },
    { 11, "listxattr", "spu", sys_listxattr },
    { 12, "llistxattr", "spu", sys_llistxattr },
    { 13, "flistxattr", "fpu", sys_flistxattr },
    { 14, "removexattr", "ss", sys_removexattr },
    { 15, "lremovexattr", "ss", sys_lremovexattr },
    { 16, "fremovexattr", "fs", sys_fremovexattr },
    { 17, "getcwd", "pu", sys_getcwd },
    { 33, "mknodat", "fsox", sys_mknodat },
    { 34, "mkdirat", "fso", sys_mkdirat },
    { 35, "unlinkat", "fsx", sys_unlinkat },
    { 36, "symlinkat", "sfs", sys_symlinkat },
    { 37, "linkat", "fsfsx", sys_linkat },
    { 38, "renameat", "fsfs", sys_renameat },
    { 43, "statfs", "sp", sys_statfs },
    { 44, "fstatfs", "fp", sys_fstatfs },
    { 45, "truncate", "sd", sys_truncate },
    { 48, "faccessat", "fso", sys_faccessat },
    { 49, "chdir", "s", sys_chdir },
    { 50, "fchdir", "f", sys_fchdir },
    { 51, "chroot", "s", sys_chroot },
    { 52, "fchmod", "fo", sys_fchmod },
    { 53, "fchmodat", "fso", sys_fchmodat },
    { 54, "fchownat", "fsddx", sys_fchownat },
    { 55, "fchown", "fdd", sys_fchown },
    { 56, "openat", "fsFo", sys_openat },
    { 61, "getdents64", "fpu", sys_getdents64 },
    { 78, "readlinkat", "fspu", sys_readlinkat },
    { 79, "newfstatat", "fspx", sys_newfstatat },
    { 80, "fstat", "fp", sys_fstat },
    { 88, "utimensat", "fspx", sys_utimensat },
    { 166, "umask", "o", sys_umask },
    { 264, "name_to_handle_at", "fsppx", sys_enosys },
    { 265, "open_by_handle_at", "fpx", sys_enosys },
    { 276, "renameat2", "fsfsx", sys_renameat2 },
    { 291, "statx", "fsxxp", sys_statx },
    { 437, "openat2", "fspu", sys_openat2 },
    { 439, "faccessat2", "fsox", sys_faccessat2 },
    SYSCALL_END
};
