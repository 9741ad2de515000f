/* SPDX-License-Identifier: MIT */
/*
 * Socket system calls.  The arm64 and x86-64 socket ABIs agree: struct
 * sockaddr*, msghdr, cmsghdr (and CMSG_ALIGN), ucred, linger, the SO_*
 * and MSG_* values, SOCK_NONBLOCK/SOCK_CLOEXEC (checked against the arm64
 * UAPI headers).  What needs converting is only what holds guest
 * pointers: msghdr's name/iov/control, the iovec array, sock_fprog.
 * Control messages (SCM_RIGHTS fds, SCM_CREDENTIALS, timestamps) pass
 * through unchanged.  Calls that can block go through safe_syscall.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "task.h"

#define GUEST_UIO_MAXIOV 1024

static int64_t raw(long r)
{
    return r < 0 ? -errno : r;
}

/* A sockaddr the kernel reads. */
static bool addr_in(LinuxProcess *p, uint64_t addr, uint64_t len, void **out)
{
    return len <= 4096 && linux_gbuf(p, addr, len, false, out);
}

/* A sockaddr the kernel fills, with its in/out length word. */
static bool addr_out(LinuxProcess *p, uint64_t addr, uint64_t lenp,
                     void **out, void **outlen)
{
    uint32_t len = 0;
    if (addr && !linux_copy_from_guest(p, &len, lenp, 4)) {
        return false;
    }
    return linux_gbuf(p, addr, len, true, out) &&
           linux_gbuf(p, lenp, 4, true, outlen);
}

static int64_t sys_socket(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return raw(socket((int)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_socketpair(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    int sv[2];
    long r = socketpair((int)a[0], (int)a[1], (int)a[2], sv);
    if (r < 0) {
        return -errno;
    }
    if (!linux_copy_to_guest(p, a[3], sv, sizeof(sv))) {
        close(sv[0]);
        close(sv[1]);
        return -EFAULT;
    }
    return 0;
}

static int64_t sys_bind(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    void *sa;
    if (!addr_in(p, a[1], a[2], &sa)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_bind, (int)a[0], sa, (int)a[2]));
}

static int64_t sys_connect(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    void *sa;
    if (!addr_in(p, a[1], a[2], &sa)) {
        return -EFAULT;
    }
    return linux_safe_syscall(SYS_connect, (int)a[0], (long)sa, (int)a[2],
                              0, 0, 0);
}

static int64_t sys_listen(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return raw(listen((int)a[0], (int)a[1]));
}

static int64_t sys_accept4(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    void *sa, *len;
    if (!addr_out(p, a[1], a[2], &sa, &len)) {
        return -EFAULT;
    }
    return linux_safe_syscall(SYS_accept4, (int)a[0], (long)sa, (long)len,
                              (int)a[3], 0, 0);
}

static int64_t sys_accept(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    const uint64_t b[6] = { a[0], a[1], a[2], 0 };
    return sys_accept4(p, env, b);
}

static int64_t sys_getsockname(LinuxProcess *p, CPUARMState *env,
                               const uint64_t *a)
{
    void *sa, *len;
    if (!a[2] || !addr_out(p, a[1], a[2], &sa, &len)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_getsockname, (int)a[0], sa, len));
}

static int64_t sys_getpeername(LinuxProcess *p, CPUARMState *env,
                               const uint64_t *a)
{
    void *sa, *len;
    if (!a[2] || !addr_out(p, a[1], a[2], &sa, &len)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_getpeername, (int)a[0], sa, len));
}

static int64_t sys_sendto(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    void *buf, *sa;
    if (!linux_gbuf(p, a[1], a[2], false, &buf) ||
        !addr_in(p, a[4], a[5], &sa)) {
        return -EFAULT;
    }
    return linux_safe_syscall(SYS_sendto, (int)a[0], (long)buf, (long)a[2],
                              (int)a[3], (long)sa, (int)a[5]);
}

static int64_t sys_recvfrom(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    void *buf, *sa, *len;
    if (!linux_gbuf(p, a[1], a[2], true, &buf) ||
        !addr_out(p, a[4], a[5], &sa, &len)) {
        return -EFAULT;
    }
    return linux_safe_syscall(SYS_recvfrom, (int)a[0], (long)buf, (long)a[2],
                              (int)a[3], (long)sa, (long)len);
}

/* struct sock_fprog { unsigned short len; struct sock_filter *filter; } */
static int64_t sys_setsockopt(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    void *val;
    if (!linux_gbuf(p, a[3], a[4], false, &val)) {
        return -EFAULT;
    }
    if ((int)a[1] == SOL_SOCKET && ((int)a[2] == SO_ATTACH_FILTER ||
                                    (int)a[2] == SO_ATTACH_REUSEPORT_CBPF)) {
        struct { uint16_t len; uint16_t pad[3]; uint64_t filter; } prog;
        if (a[4] < sizeof(prog) ||
            !linux_copy_from_guest(p, &prog, a[3], sizeof(prog))) {
            return -EFAULT;
        }
        void *f;
        if (!linux_gbuf(p, prog.filter, (uint64_t)prog.len * 8, false, &f)) {
            return -EFAULT;
        }
        prog.filter = (uint64_t)(uintptr_t)f;
        return raw(setsockopt((int)a[0], SOL_SOCKET, (int)a[2], &prog,
                              sizeof(prog)));
    }
    return raw(setsockopt((int)a[0], (int)a[1], (int)a[2], val,
                          (socklen_t)a[4]));
}

static int64_t sys_getsockopt(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    void *val, *len;
    if (!addr_out(p, a[3], a[4], &val, &len)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_getsockopt, (int)a[0], (int)a[1], (int)a[2], val,
                       len));
}

static int64_t sys_shutdown(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    return raw(shutdown((int)a[0], (int)a[1]));
}

/* ---- msghdr ---- */

typedef struct GuestMsghdr {
    uint64_t name;
    uint32_t namelen, pad;
    uint64_t iov, iovlen;
    uint64_t control, controllen;
    int32_t flags, pad2;
} GuestMsghdr;

_Static_assert(sizeof(GuestMsghdr) == sizeof(struct msghdr), "msghdr");

typedef struct HostMsg {
    struct msghdr m;
    struct iovec iov_small[8];
    struct iovec *iov;
} HostMsg;

static void host_msg_free(HostMsg *h)
{
    if (h->iov != h->iov_small) {
        free(h->iov);
    }
}

/* Builds the host msghdr for a guest one; returns 0 or -errno. */
static int host_msg_init(LinuxProcess *p, HostMsg *h, const GuestMsghdr *g,
                         bool recv)
{
    memset(h, 0, sizeof(*h));
    h->iov = h->iov_small;
    if (g->iovlen > GUEST_UIO_MAXIOV) {
        return -EMSGSIZE;
    }
    if (g->iovlen > 8) {
        h->iov = calloc(g->iovlen, sizeof(struct iovec));
        if (!h->iov) {
            return -ENOMEM;
        }
    }
    uint64_t giov[2];
    for (uint64_t i = 0; i < g->iovlen; i++) {
        void *base;
        if (!linux_copy_from_guest(p, giov, g->iov + 16 * i, 16) ||
            (giov[1] && !linux_gbuf(p, giov[0], giov[1], recv, &base))) {
            host_msg_free(h);
            return -EFAULT;
        }
        h->iov[i].iov_base = giov[1] ? base : NULL;
        h->iov[i].iov_len = giov[1];
    }
    void *name, *control;
    if (!linux_gbuf(p, g->name, g->namelen, recv, &name) ||
        !linux_gbuf(p, g->control, g->controllen, recv, &control)) {
        host_msg_free(h);
        return -EFAULT;
    }
    h->m.msg_name = name;
    h->m.msg_namelen = g->namelen;
    h->m.msg_iov = h->iov;
    h->m.msg_iovlen = g->iovlen;
    h->m.msg_control = control;
    h->m.msg_controllen = g->controllen;
    h->m.msg_flags = g->flags;
    return 0;
}

/* After a receive: the lengths and flags the kernel updated. */
static bool guest_msg_update(LinuxProcess *p, uint64_t gaddr,
                             const HostMsg *h)
{
    uint32_t namelen = h->m.msg_namelen;
    uint64_t controllen = h->m.msg_controllen;
    int32_t flags = h->m.msg_flags;
    return linux_copy_to_guest(p, gaddr + 8, &namelen, 4) &&
           linux_copy_to_guest(p, gaddr + 40, &controllen, 8) &&
           linux_copy_to_guest(p, gaddr + 48, &flags, 4);
}

static int64_t do_msg(LinuxProcess *p, const uint64_t *a, bool recv)
{
    GuestMsghdr g;
    HostMsg h;
    if (!linux_copy_from_guest(p, &g, a[1], sizeof(g))) {
        return -EFAULT;
    }
    int r = host_msg_init(p, &h, &g, recv);
    if (r) {
        return r;
    }
    int64_t n = linux_safe_syscall(recv ? SYS_recvmsg : SYS_sendmsg,
                                   (int)a[0], (long)&h.m, (int)a[2], 0, 0, 0);
    if (n >= 0 && recv && !guest_msg_update(p, a[1], &h)) {
        n = -EFAULT;
    }
    host_msg_free(&h);
    return n;
}

static int64_t sys_sendmsg(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    return do_msg(p, a, false);
}

static int64_t sys_recvmsg(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    return do_msg(p, a, true);
}

/* struct mmsghdr { struct msghdr; unsigned msg_len; } : 64 bytes */
static int64_t do_mmsg(LinuxProcess *p, const uint64_t *a, bool recv)
{
    uint64_t vlen = a[2] > GUEST_UIO_MAXIOV ? GUEST_UIO_MAXIOV : a[2];
    void *timeout = NULL;
    if (recv && !linux_gbuf(p, a[4], 16, true, &timeout)) {
        return -EFAULT;
    }
    if (vlen == 0) {
        return 0;
    }
    HostMsg *h = calloc(vlen, sizeof(*h));
    struct mmsghdr *hm = calloc(vlen, sizeof(*hm));
    int64_t r = 0;
    uint64_t built = 0;
    if (!h || !hm) {
        r = -ENOMEM;
        goto out;
    }
    for (; built < vlen; built++) {
        GuestMsghdr g;
        if (!linux_copy_from_guest(p, &g, a[1] + 64 * built, sizeof(g))) {
            r = -EFAULT;
            goto out;
        }
        r = host_msg_init(p, &h[built], &g, recv);
        if (r) {
            goto out;
        }
        hm[built].msg_hdr = h[built].m;
    }
    r = recv ? linux_safe_syscall(SYS_recvmmsg, (int)a[0], (long)hm,
                                  (long)vlen, (int)a[3], (long)timeout, 0)
             : linux_safe_syscall(SYS_sendmmsg, (int)a[0], (long)hm,
                                  (long)vlen, (int)a[3], 0, 0);
    for (int64_t i = 0; i < r; i++) {
        uint32_t len = hm[i].msg_len;
        h[i].m = hm[i].msg_hdr;
        if (!linux_copy_to_guest(p, a[1] + 64 * (uint64_t)i + 56, &len, 4) ||
            (recv && !guest_msg_update(p, a[1] + 64 * (uint64_t)i, &h[i]))) {
            r = -EFAULT;
            break;
        }
    }
out:
    for (uint64_t i = 0; h && i < built; i++) {
        host_msg_free(&h[i]);
    }
    free(h);
    free(hm);
    return r;
}

static int64_t sys_sendmmsg(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    return do_mmsg(p, a, false);
}

static int64_t sys_recvmmsg(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    return do_mmsg(p, a, true);
}

const SyscallEntry syscalls_net[] = {
    { 198, "socket", "ddd", sys_socket },
    { 199, "socketpair", "dddp", sys_socketpair },
    { 200, "bind", "fpu", sys_bind },
    { 201, "listen", "fd", sys_listen },
    { 202, "accept", "fpp", sys_accept },
    { 203, "connect", "fpu", sys_connect },
    { 204, "getsockname", "fpp", sys_getsockname },
    { 205, "getpeername", "fpp", sys_getpeername },
    { 206, "sendto", "fpuxpu", sys_sendto },
    { 207, "recvfrom", "fpuxpp", sys_recvfrom },
    { 208, "setsockopt", "fddpu", sys_setsockopt },
    { 209, "getsockopt", "fddpp", sys_getsockopt },
    { 210, "shutdown", "fd", sys_shutdown },
    { 211, "sendmsg", "fpx", sys_sendmsg },
    { 212, "recvmsg", "fpx", sys_recvmsg },
    { 242, "accept4", "fppx", sys_accept4 },
    { 243, "recvmmsg", "fpuxp", sys_recvmmsg },
    { 269, "sendmmsg", "fpux", sys_sendmmsg },
    SYSCALL_END
};
