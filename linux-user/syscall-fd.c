/* SPDX-License-Identifier: MIT */
/*
 * System calls on open file descriptors: reading and writing (plain,
 * vectored, positioned), seeking, duplication, fcntl, pipes, the copy
 * calls, eventfd, memfd, sync and space management.  Guest fds are host
 * fds; buffers are checked (-EFAULT, not a crash in mimic) and code pages
 * inside them are unprotected before the kernel writes them.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "task.h"
#include "util/log.h"

#ifndef F_GETOWNER_UIDS
#define F_GETOWNER_UIDS 17
#endif

int lu_iovec(LinuxProcess *p, uint64_t addr, uint64_t cnt, bool write,
             struct iovec *out)
{
    if (cnt > IOV_MAX) {
        return -EINVAL;
    }
    const uint64_t *g = lu_rptr(p, addr, cnt * 16);
    if (!g && cnt) {
        return -EFAULT;
    }
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t base = g[2 * i], len = g[2 * i + 1];
        if ((int64_t)len < 0) {
            return -EINVAL;
        }
        void *h = len ? (write ? lu_wptr(p, base, len)
                               : lu_rptr(p, base, len))
                      : g2h(p, 0);
        if (!h) {
            return -EFAULT;
        }
        out[i].iov_base = h;
        out[i].iov_len = len;
    }
    return 0;
}

static int64_t sys_read(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    void *buf = a[2] ? lu_wptr(p, a[1], a[2]) : g2h(p, 0);
    if (!buf) {
        return -EFAULT;
    }
    /* may block: a guest signal must be able to interrupt it */
    return linux_safe_syscall(SYS_read, guest_fd(a[0]), (long)buf,
                              (long)a[2], 0, 0, 0);
}

static int64_t sys_write(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    const void *buf = a[2] ? lu_rptr(p, a[1], a[2]) : g2h(p, 0);
    if (!buf) {
        return -EFAULT;
    }
    return linux_safe_syscall(SYS_write, guest_fd(a[0]), (long)buf,
                              (long)a[2], 0, 0, 0);
}

static int64_t sys_pread64(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    void *buf = a[2] ? lu_wptr(p, a[1], a[2]) : g2h(p, 0);
    if (!buf) {
        return -EFAULT;
    }
    return host_ret(pread(guest_fd(a[0]), buf, a[2], (off_t)a[3]));
}

static int64_t sys_pwrite64(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    const void *buf = a[2] ? lu_rptr(p, a[1], a[2]) : g2h(p, 0);
    if (!buf) {
        return -EFAULT;
    }
    return host_ret(pwrite(guest_fd(a[0]), buf, a[2], (off_t)a[3]));
}

/* readv, writev, preadv, pwritev, preadv2, pwritev2 share one shape. */
static int64_t do_vec_io(LinuxProcess *p, const uint64_t *a, bool write,
                         bool positioned, bool v2)
{
    struct iovec iov[IOV_MAX];
    int e = lu_iovec(p, a[1], a[2], !write, iov);
    if (e) {
        return e;
    }
    int fd = guest_fd(a[0]);
    int cnt = (int)a[2];
    if (v2) {
        /* arm64 passes the offset in one register (pos_l), pos_h unused */
        return host_ret(write ? pwritev2(fd, iov, cnt, (off_t)a[3], (int)a[5])
                              : preadv2(fd, iov, cnt, (off_t)a[3], (int)a[5]));
    }
    if (positioned) {
        return host_ret(write ? pwritev(fd, iov, cnt, (off_t)a[3])
                              : preadv(fd, iov, cnt, (off_t)a[3]));
    }
    return linux_safe_syscall(write ? SYS_writev : SYS_readv, fd, (long)iov,
                              cnt, 0, 0, 0);
}

static int64_t sys_readv(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return do_vec_io(p, a, false, false, false);
}

static int64_t sys_writev(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return do_vec_io(p, a, true, false, false);
}

static int64_t sys_preadv(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return do_vec_io(p, a, false, true, false);
}

static int64_t sys_pwritev(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    return do_vec_io(p, a, true, true, false);
}

static int64_t sys_preadv2(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    return do_vec_io(p, a, false, true, true);
}

static int64_t sys_pwritev2(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    return do_vec_io(p, a, true, true, true);
}

static int64_t sys_lseek(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(lseek(guest_fd(a[0]), (off_t)a[1], (int)a[2]));
}

/* The log file is mimic's; a guest closing "all fds" must not take it. */
static bool is_mimic_fd(int fd)
{
    return log_file && fd == fileno(log_file) && fd > 2;
}

static int64_t sys_close(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int fd = guest_fd(a[0]);
    if (is_mimic_fd(fd)) {
        return 0;
    }
    return host_ret(close(fd));
}

static int64_t sys_close_range(LinuxProcess *p, CPUARMState *env,
                               const uint64_t *a)
{
    unsigned first = (unsigned)a[0], last = (unsigned)a[1];
    int flags = (int)a[2];
    int keep = log_file ? fileno(log_file) : -1;
    if (keep > 2 && (unsigned)keep >= first && (unsigned)keep <= last) {
        /* skip over mimic's fd */
        if ((unsigned)keep > first &&
            syscall(SYS_close_range, first, keep - 1, flags) < 0) {
            return -errno;
        }
        if ((unsigned)keep < last) {
            return host_ret(syscall(SYS_close_range, keep + 1, last, flags));
        }
        return 0;
    }
    return host_ret(syscall(SYS_close_range, first, last, flags));
}

static int64_t sys_dup(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(dup(guest_fd(a[0])));
}

static int64_t sys_dup3(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int newfd = guest_fd(a[1]);
    if (is_mimic_fd(newfd)) {
        return -EBUSY;
    }
    return host_ret(dup3(guest_fd(a[0]), newfd,
                         open_flags_to_host(a[2])));
}

static int64_t fcntl_lock(LinuxProcess *p, int fd, int cmd, uint64_t arg)
{
    /* struct flock has the same 32-byte layout on arm64 and x86-64 */
    struct flock *fl = cmd == F_GETLK || cmd == F_OFD_GETLK
                       ? lu_wptr(p, arg, sizeof(*fl))
                       : lu_rptr(p, arg, sizeof(*fl));
    if (!fl) {
        return -EFAULT;
    }
    return linux_safe_syscall(SYS_fcntl, fd, cmd, (long)fl, 0, 0, 0);
}

static int64_t sys_fcntl(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int fd = guest_fd(a[0]), cmd = (int)a[1];
    switch (cmd) {
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (int64_t)open_flags_to_guest(r);
    }
    case F_SETFL:
        return host_ret(fcntl(fd, F_SETFL, open_flags_to_host(a[2])));
    case F_GETLK: case F_SETLK: case F_SETLKW:
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return fcntl_lock(p, fd, cmd, a[2]);
    case F_GETOWN_EX: case F_SETOWN_EX: {
        struct f_owner_ex *o = cmd == F_GETOWN_EX
                               ? lu_wptr(p, a[2], sizeof(*o))
                               : lu_rptr(p, a[2], sizeof(*o));
        return o ? host_ret(fcntl(fd, cmd, o)) : -EFAULT;
    }
    case F_GETOWNER_UIDS: {
        uint32_t *u = lu_wptr(p, a[2], 8);
        return u ? host_ret(fcntl(fd, cmd, u)) : -EFAULT;
    }
    case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD:
    case F_SETOWN: case F_GETOWN: case F_SETSIG: case F_GETSIG:
    case F_SETLEASE: case F_GETLEASE: case F_NOTIFY:
    case F_SETPIPE_SZ: case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
        /* integer argument (signal numbers match for SETSIG) */
        return host_ret(fcntl(fd, cmd, (long)a[2]));
    case F_GET_RW_HINT: case F_SET_RW_HINT:
    case F_GET_FILE_RW_HINT: case F_SET_FILE_RW_HINT: {
        bool set = cmd == F_SET_RW_HINT || cmd == F_SET_FILE_RW_HINT;
        uint64_t *h = set ? lu_rptr(p, a[2], 8) : lu_wptr(p, a[2], 8);
        return h ? host_ret(fcntl(fd, cmd, h)) : -EFAULT;
    }
    default:
        return -EINVAL;
    }
}

static int64_t sys_pipe2(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int *fds = lu_wptr(p, a[0], 8);
    if (!fds) {
        return -EFAULT;
    }
    int h[2];
    if (pipe2(h, open_flags_to_host(a[1])) < 0) {
        return -errno;
    }
    memcpy(fds, h, sizeof(h));
    return 0;
}

/* An optional guest loff_t in/out argument. */
static int64_t *opt_off(LinuxProcess *p, uint64_t addr, bool *bad)
{
    if (!addr) {
        return NULL;
    }
    int64_t *o = lu_wptr(p, addr, 8);
    *bad = !o;
    return o;
}

static int64_t sys_sendfile(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    bool bad = false;
    int64_t *off = opt_off(p, a[2], &bad);
    if (bad) {
        return -EFAULT;
    }
    return host_ret(sendfile(guest_fd(a[0]), guest_fd(a[1]), (off_t *)off,
                             a[3]));
}

static int64_t sys_copy_file_range(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    bool bad = false;
    int64_t *in = opt_off(p, a[1], &bad), *out = opt_off(p, a[3], &bad);
    if (bad) {
        return -EFAULT;
    }
    return host_ret(copy_file_range(guest_fd(a[0]), (off_t *)in,
                                    guest_fd(a[2]), (off_t *)out, a[4],
                                    (unsigned)a[5]));
}

static int64_t sys_splice(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    bool bad = false;
    int64_t *in = opt_off(p, a[1], &bad), *out = opt_off(p, a[3], &bad);
    if (bad) {
        return -EFAULT;
    }
    return host_ret(splice(guest_fd(a[0]), (off_t *)in, guest_fd(a[2]),
                           (off_t *)out, a[4], (unsigned)a[5]));
}

static int64_t sys_tee(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(tee(guest_fd(a[0]), guest_fd(a[1]), a[2],
                        (unsigned)a[3]));
}

static int64_t sys_vmsplice(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    struct iovec iov[IOV_MAX];
    /* the direction depends on the pipe end: check for writing, which
     * is the stricter */
    int e = lu_iovec(p, a[1], a[2], false, iov);
    if (e) {
        return e;
    }
    return host_ret(vmsplice(guest_fd(a[0]), iov, a[2], (unsigned)a[3]));
}

static int64_t sys_eventfd2(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    /* EFD_CLOEXEC/EFD_NONBLOCK are O_CLOEXEC/O_NONBLOCK: unmoved bits */
    return host_ret(eventfd((unsigned)a[0], (int)a[1]));
}

static int64_t sys_memfd_create(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    const char *name = lu_str(p, a[0], 249);
    if (!name) {
        return -EFAULT;
    }
    return host_ret(memfd_create(name, (unsigned)a[1]));
}

static int64_t sys_flock(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return linux_safe_syscall(SYS_flock, guest_fd(a[0]), (int)a[1], 0, 0, 0,
                              0);
}

static int64_t sys_fsync(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(fsync(guest_fd(a[0])));
}

static int64_t sys_fdatasync(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    return host_ret(fdatasync(guest_fd(a[0])));
}

static int64_t sys_sync(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    sync();
    return 0;
}

static int64_t sys_syncfs(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return host_ret(syncfs(guest_fd(a[0])));
}

static int64_t sys_sync_file_range(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    return host_ret(sync_file_range(guest_fd(a[0]), (off_t)a[1], (off_t)a[2],
                                    (unsigned)a[3]));
}

static int64_t sys_fadvise64(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    /* posix_fadvise returns the error number itself */
    return -posix_fadvise(guest_fd(a[0]), (off_t)a[1], (off_t)a[2],
                          (int)a[3]);
}

static int64_t sys_readahead(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    return host_ret(readahead(guest_fd(a[0]), (off_t)a[1], a[2]));
}

static int64_t sys_fallocate(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    return host_ret(fallocate(guest_fd(a[0]), (int)a[1], (off_t)a[2],
                              (off_t)a[3]));
}

static int64_t sys_ftruncate(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    return host_ret(ftruncate(guest_fd(a[0]), (off_t)a[1]));
}

static int64_t sys_inotify_init1(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    return host_ret(inotify_init1((int)open_flags_to_host(a[0])));
}

static int64_t sys_inotify_add_watch(LinuxProcess *p, CPUARMState *env,
                                     const uint64_t *a)
{
    char buf[4096];
    int err;
    const char *path = lu_path(p, a[1], buf, sizeof(buf), &err);
    if (!path) {
        return err;
    }
    return host_ret(inotify_add_watch(guest_fd(a[0]), path, (uint32_t)a[2]));
}

static int64_t sys_inotify_rm_watch(LinuxProcess *p, CPUARMState *env,
                                    const uint64_t *a)
{
    return host_ret(inotify_rm_watch(guest_fd(a[0]), (int)a[1]));
}

const SyscallEntry syscalls_fd[] = {
    { 19, "eventfd2", "ux", sys_eventfd2, SC_DEFAULT },
    { 23, "dup", "f", sys_dup },
    { 24, "dup3", "ffx", sys_dup3 },
    { 25, "fcntl", "fdx", sys_fcntl },
    { 26, "inotify_init1", "x", sys_inotify_init1 },
    { 27, "inotify_add_watch", "fsx", sys_inotify_add_watch },
    { 28, "inotify_rm_watch", "fd", sys_inotify_rm_watch },
    { 32, "flock", "fd", sys_flock },
    { 46, "ftruncate", "fd", sys_ftruncate },
    { 47, "fallocate", "fddd", sys_fallocate },
    { 57, "close", "f", sys_close },
    { 59, "pipe2", "px", sys_pipe2 },
    { 62, "lseek", "fdd", sys_lseek },
    { 63, "read", "fpu", sys_read },
    { 64, "write", "fpu", sys_write },
    { 65, "readv", "fpu", sys_readv },
    { 66, "writev", "fpu", sys_writev },
    { 67, "pread64", "fpud", sys_pread64 },
    { 68, "pwrite64", "fpud", sys_pwrite64 },
    { 69, "preadv", "fpud", sys_preadv },
    { 70, "pwritev", "fpud", sys_pwritev },
    { 71, "sendfile", "ffpu", sys_sendfile },
    { 75, "vmsplice", "fpux", sys_vmsplice },
    { 76, "splice", "fpfpux", sys_splice },
    { 77, "tee", "ffux", sys_tee },
    { 81, "sync", "", sys_sync },
    { 82, "fsync", "f", sys_fsync },
    { 83, "fdatasync", "f", sys_fdatasync },
    { 84, "sync_file_range", "fddx", sys_sync_file_range },
    { 213, "readahead", "fdu", sys_readahead },
    { 223, "fadvise64", "fddd", sys_fadvise64 },
    { 267, "syncfs", "f", sys_syncfs },
    { 279, "memfd_create", "sx", sys_memfd_create },
    { 285, "copy_file_range", "fpfpux", sys_copy_file_range },
    { 286, "preadv2", "fpuddx", sys_preadv2 },
    { 287, "pwritev2", "fpuddx", sys_pwritev2 },
    { 436, "close_range", "uux", sys_close_range },
    SYSCALL_END
};
