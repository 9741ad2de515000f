/* SPDX-License-Identifier: MIT */
/*
 * Process identity and attributes: ids (raw per-thread calls, as the
 * guest's libc expects to broadcast set*id itself), uname as an aarch64
 * machine, resource limits with a guest view of the stack and address
 * space limits (mimic's own reservation must not count), usage and
 * times, prctl, scheduling, getrandom, membarrier, personality and the
 * thread-id bookkeeping calls.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "syscall-defs.h"

/* Calls that take up to three integer arguments and no pointers. */
#define RAW_SYSCALL(name, nr) \
    static int64_t sys_##name(LinuxProcess *p, CPUARMState *env, \
                              const uint64_t *a) \
    { \
        return host_ret(syscall(nr, a[0], a[1], a[2])); \
    }

RAW_SYSCALL(getpid, SYS_getpid)
RAW_SYSCALL(getppid, SYS_getppid)
RAW_SYSCALL(gettid, SYS_gettid)
RAW_SYSCALL(getuid, SYS_getuid)
RAW_SYSCALL(geteuid, SYS_geteuid)
RAW_SYSCALL(getgid, SYS_getgid)
RAW_SYSCALL(getegid, SYS_getegid)
RAW_SYSCALL(setuid, SYS_setuid)
RAW_SYSCALL(setgid, SYS_setgid)
RAW_SYSCALL(setreuid, SYS_setreuid)
RAW_SYSCALL(setregid, SYS_setregid)
RAW_SYSCALL(setresuid, SYS_setresuid)
RAW_SYSCALL(setresgid, SYS_setresgid)
RAW_SYSCALL(setfsuid, SYS_setfsuid)
RAW_SYSCALL(setfsgid, SYS_setfsgid)
RAW_SYSCALL(setsid, SYS_setsid)
RAW_SYSCALL(getsid, SYS_getsid)
RAW_SYSCALL(setpgid, SYS_setpgid)
RAW_SYSCALL(getpgid, SYS_getpgid)
RAW_SYSCALL(getpriority, SYS_getpriority)
RAW_SYSCALL(setpriority, SYS_setpriority)
RAW_SYSCALL(ioprio_set, SYS_ioprio_set)
RAW_SYSCALL(ioprio_get, SYS_ioprio_get)
RAW_SYSCALL(sched_yield, SYS_sched_yield)
RAW_SYSCALL(sched_get_priority_max, SYS_sched_get_priority_max)
RAW_SYSCALL(sched_get_priority_min, SYS_sched_get_priority_min)
RAW_SYSCALL(sched_getscheduler, SYS_sched_getscheduler)
RAW_SYSCALL(unshare, SYS_unshare)
RAW_SYSCALL(setns, SYS_setns)
RAW_SYSCALL(pidfd_open, SYS_pidfd_open)
RAW_SYSCALL(pidfd_getfd, SYS_pidfd_getfd)

/* uid_t getresuid(3 pointers) and friends */
static int64_t sys_getresuid(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    uint32_t *r = lu_wptr(p, a[0], 4), *e = lu_wptr(p, a[1], 4),
             *s = lu_wptr(p, a[2], 4);
    if (!r || !e || !s) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_getresuid, r, e, s));
}

static int64_t sys_getresgid(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    uint32_t *r = lu_wptr(p, a[0], 4), *e = lu_wptr(p, a[1], 4),
             *s = lu_wptr(p, a[2], 4);
    if (!r || !e || !s) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_getresgid, r, e, s));
}

static int64_t sys_getgroups(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    int n = (int)a[0];
    if (n < 0) {
        return -EINVAL;
    }
    uint32_t *list = n ? lu_wptr(p, a[1], (uint64_t)n * 4) : NULL;
    if (n && !list) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_getgroups, n, list));
}

static int64_t sys_setgroups(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    int n = (int)a[0];
    if (n < 0) {
        return -EINVAL;
    }
    const uint32_t *list = n ? lu_rptr(p, a[1], (uint64_t)n * 4) : NULL;
    if (n && !list) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_setgroups, n, list));
}

static int64_t sys_uname(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    struct utsname *u = lu_wptr(p, a[0], sizeof(*u));
    if (!u) {
        return -EFAULT;
    }
    if (uname(u) < 0) {
        return -errno;
    }
    snprintf(u->machine, sizeof(u->machine), "aarch64");
    return 0;
}

static int64_t sys_sethostname(LinuxProcess *p, CPUARMState *env,
                               const uint64_t *a)
{
    const char *name = lu_rptr(p, a[0], a[1]);
    return name ? host_ret(sethostname(name, a[1])) : -EFAULT;
}

static int64_t sys_setdomainname(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    const char *name = lu_rptr(p, a[0], a[1]);
    return name ? host_ret(setdomainname(name, a[1])) : -EFAULT;
}

static int64_t sys_sysinfo(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    /* struct sysinfo has the same 112-byte layout on both */
    struct sysinfo *si = lu_wptr(p, a[0], sizeof(*si));
    return si ? host_ret(sysinfo(si)) : -EFAULT;
}

/* ---- resource limits ---- */

/* The guest's view of RLIMIT_STACK (its stack is mapped once, at the size
 * chosen at start-up) and RLIMIT_AS (applying it to mimic would count the
 * guest window reservation): kept here, not applied to the host. */
static struct rlimit guest_stack_limit, guest_as_limit;
static bool guest_limits_ready;

static void guest_limits_init(LinuxProcess *p)
{
    if (guest_limits_ready) {
        return;
    }
    getrlimit(RLIMIT_STACK, &guest_stack_limit);
    getrlimit(RLIMIT_AS, &guest_as_limit);
    uint64_t size = p->stack_top - p->stack_bottom;
    if (guest_stack_limit.rlim_cur == RLIM_INFINITY ||
        guest_stack_limit.rlim_cur > size) {
        guest_stack_limit.rlim_cur = size;
    }
    guest_limits_ready = true;
}

static int64_t do_prlimit(LinuxProcess *p, int pid, unsigned res,
                          uint64_t new_addr, uint64_t old_addr)
{
    struct rlimit *nl = NULL, *ol = NULL;
    /* struct rlimit64: two u64 on both; resource numbers match */
    if (new_addr && !(nl = lu_rptr(p, new_addr, sizeof(*nl)))) {
        return -EFAULT;
    }
    if (old_addr && !(ol = lu_wptr(p, old_addr, sizeof(*ol)))) {
        return -EFAULT;
    }
    bool self = pid == 0 || pid == getpid();
    if (self && (res == RLIMIT_STACK || res == RLIMIT_AS)) {
        guest_limits_init(p);
        struct rlimit *v = res == RLIMIT_STACK ? &guest_stack_limit
                                               : &guest_as_limit;
        struct rlimit want = nl ? *nl : *v;
        if (want.rlim_cur > want.rlim_max) {
            return -EINVAL;
        }
        if (want.rlim_max > v->rlim_max && geteuid() != 0) {
            return -EPERM;
        }
        if (ol) {
            *ol = *v;
        }
        *v = want;
        return 0;
    }
    return host_ret(syscall(SYS_prlimit64, pid, res, nl, ol));
}

static int64_t sys_prlimit64(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    return do_prlimit(p, (int)a[0], (unsigned)a[1], a[2], a[3]);
}

static int64_t sys_getrlimit(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    return do_prlimit(p, 0, (unsigned)a[0], 0, a[1]);
}

static int64_t sys_setrlimit(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    return do_prlimit(p, 0, (unsigned)a[0], a[1], 0);
}

static int64_t sys_getrusage(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    struct rusage *ru = lu_wptr(p, a[1], sizeof(*ru));
    return ru ? host_ret(getrusage((int)a[0], ru)) : -EFAULT;
}

static int64_t sys_times(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    struct tms *t = NULL;
    if (a[0] && !(t = lu_wptr(p, a[0], sizeof(*t)))) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_times, t));
}

/* ---- prctl ---- */

static int64_t prctl_int_out(LinuxProcess *p, int op, uint64_t addr)
{
    int *out = lu_wptr(p, addr, 4);
    return out ? host_ret(prctl(op, out, 0, 0, 0)) : -EFAULT;
}

static int64_t sys_prctl(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int op = (int)a[0];
    switch (op) {
    case PR_SET_NAME: {
        const char *name = lu_rptr(p, a[1], 1);
        char buf[16];
        if (!name) {
            return -EFAULT;
        }
        snprintf(buf, sizeof(buf), "%s", name);
        return host_ret(prctl(PR_SET_NAME, buf, 0, 0, 0));
    }
    case PR_GET_NAME: {
        char *out = lu_wptr(p, a[1], 16);
        return out ? host_ret(prctl(PR_GET_NAME, out, 0, 0, 0)) : -EFAULT;
    }
    case PR_GET_PDEATHSIG: case PR_GET_CHILD_SUBREAPER:
        return prctl_int_out(p, op, a[1]);
    case PR_GET_TID_ADDRESS: {
        uint64_t *out = lu_wptr(p, a[1], 8);
        if (!out) {
            return -EFAULT;
        }
        *out = p->clear_child_tid;
        return 0;
    }
    case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
    case PR_GET_KEEPCAPS: case PR_SET_KEEPCAPS: case PR_CAPBSET_READ:
    case PR_CAPBSET_DROP: case PR_GET_TIMERSLACK: case PR_SET_TIMERSLACK:
    case PR_SET_CHILD_SUBREAPER: case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS: case PR_SET_THP_DISABLE:
    case PR_GET_THP_DISABLE: case PR_CAP_AMBIENT: case PR_GET_SECUREBITS:
    case PR_SET_SECUREBITS: case PR_GET_SPECULATION_CTRL:
    case PR_SET_SPECULATION_CTRL: case PR_SET_PTRACER:
    case PR_GET_TIMING: case PR_SET_TIMING: case PR_GET_IO_FLUSHER:
    case PR_SET_IO_FLUSHER:
        return host_ret(prctl(op, a[1], a[2], a[3], a[4]));
    case PR_GET_SECCOMP:
        return 0;
    default:
        /* PR_SET_SECCOMP (a filter would see mimic's x86-64 syscalls),
         * PR_SET_MM, SVE/SME vector lengths, pointer-auth keys, tagged
         * addresses, MTE, PR_SET_VMA...: not available */
        return -EINVAL;
    }
}

/* ---- scheduling ---- */

static int64_t sys_sched_getaffinity(LinuxProcess *p, CPUARMState *env,
                                     const uint64_t *a)
{
    void *mask = lu_wptr(p, a[2], a[1]);
    return mask ? host_ret(syscall(SYS_sched_getaffinity, (int)a[0], a[1],
                                   mask)) : -EFAULT;
}

static int64_t sys_sched_setaffinity(LinuxProcess *p, CPUARMState *env,
                                     const uint64_t *a)
{
    const void *mask = lu_rptr(p, a[2], a[1]);
    return mask ? host_ret(syscall(SYS_sched_setaffinity, (int)a[0], a[1],
                                   mask)) : -EFAULT;
}

static int64_t sys_sched_getparam(LinuxProcess *p, CPUARMState *env,
                                  const uint64_t *a)
{
    struct sched_param *sp = lu_wptr(p, a[1], sizeof(*sp));
    return sp ? host_ret(syscall(SYS_sched_getparam, (int)a[0], sp))
              : -EFAULT;
}

static int64_t sys_sched_setparam(LinuxProcess *p, CPUARMState *env,
                                  const uint64_t *a)
{
    const struct sched_param *sp = lu_rptr(p, a[1], sizeof(*sp));
    return sp ? host_ret(syscall(SYS_sched_setparam, (int)a[0], sp))
              : -EFAULT;
}

static int64_t sys_sched_setscheduler(LinuxProcess *p, CPUARMState *env,
                                      const uint64_t *a)
{
    const struct sched_param *sp = lu_rptr(p, a[2], sizeof(*sp));
    return sp ? host_ret(syscall(SYS_sched_setscheduler, (int)a[0],
                                 (int)a[1], sp)) : -EFAULT;
}

static int64_t sys_sched_rr_get_interval(LinuxProcess *p, CPUARMState *env,
                                         const uint64_t *a)
{
    struct timespec *ts = lu_wptr(p, a[1], sizeof(*ts));
    return ts ? host_ret(syscall(SYS_sched_rr_get_interval, (int)a[0], ts))
              : -EFAULT;
}

static int64_t sys_sched_getattr(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    void *attr = lu_wptr(p, a[1], a[2]);
    return attr ? host_ret(syscall(SYS_sched_getattr, (int)a[0], attr,
                                   (unsigned)a[2], (unsigned)a[3]))
                : -EFAULT;
}

static int64_t sys_sched_setattr(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    const uint32_t *size = lu_rptr(p, a[1], 4);
    const void *attr = size ? lu_rptr(p, a[1], *size ? *size : 48) : NULL;
    return attr ? host_ret(syscall(SYS_sched_setattr, (int)a[0], attr,
                                   (unsigned)a[2])) : -EFAULT;
}

static int64_t sys_getcpu(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    unsigned *cpu = NULL, *node = NULL;
    if (a[0] && !(cpu = lu_wptr(p, a[0], 4))) {
        return -EFAULT;
    }
    if (a[1] && !(node = lu_wptr(p, a[1], 4))) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_getcpu, cpu, node, NULL));
}

/* ---- misc ---- */

static int64_t sys_getrandom(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    void *buf = a[1] ? lu_wptr(p, a[0], a[1]) : g2h(p, 0);
    return buf ? host_ret(getrandom(buf, a[1], (unsigned)a[2])) : -EFAULT;
}

/* Guest threads are host threads of this process, so the host's
 * membarrier reaches them all; fall back to a full fence if the host has
 * none (the query then says only the global command exists). */
static int64_t sys_membarrier(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    long r = syscall(SYS_membarrier, (int)a[0], (unsigned)a[1], (int)a[2]);
    if (r < 0 && errno == ENOSYS) {
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        return a[0] == 0 ? 1 : a[0] == 1 ? 0 : -EINVAL;
    }
    return host_ret(r);
}

static int64_t sys_personality(LinuxProcess *p, CPUARMState *env,
                               const uint64_t *a)
{
    uint32_t old = p->personality;
    if ((uint32_t)a[0] != 0xffffffffu) {
        p->personality = (uint32_t)a[0];
    }
    return old;
}

static int64_t sys_set_tid_address(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    p->clear_child_tid = a[0];
    return syscall(SYS_gettid);
}

static int64_t sys_set_robust_list(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    if (a[1] != 24) {       /* sizeof(struct robust_list_head) */
        return -EINVAL;
    }
    p->robust_list = a[0];
    p->robust_len = a[1];
    return 0;
}

static int64_t sys_get_robust_list(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    uint64_t *head = lu_wptr(p, a[1], 8), *len = lu_wptr(p, a[2], 8);
    if (!head || !len) {
        return -EFAULT;
    }
    if (a[0] && (int)a[0] != (int)syscall(SYS_gettid)) {
        return -EPERM;      /* another thread's list: host addresses */
    }
    *head = p->robust_list;
    *len = p->robust_len;
    return 0;
}

static int64_t sys_capget(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    /* header {u32 version; int pid}, data 2 x {u32 eff, perm, inh} */
    uint32_t *hdr = lu_wptr(p, a[0], 8);
    void *data = a[1] ? lu_wptr(p, a[1], 24) : NULL;
    if (!hdr || (a[1] && !data)) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_capget, hdr, data));
}

static int64_t sys_capset(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    uint32_t *hdr = lu_wptr(p, a[0], 8);
    const void *data = lu_rptr(p, a[1], 24);
    if (!hdr || !data) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_capset, hdr, data));
}

static int64_t sys_enosys(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return -ENOSYS;
}

static int64_t sys_seccomp(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    return -EINVAL;     /* see PR_SET_SECCOMP */
}

const SyscallEntry syscalls_proc[] = {
    { 30, "ioprio_set", "ddd", sys_ioprio_set },
    { 31, "ioprio_get", "dd", sys_ioprio_get },
    { 90, "capget", "pp", sys_capget },
    { 91, "capset", "pp", sys_capset },
    { 92, "personality", "x", sys_personality },
    { 96, "set_tid_address", "p", sys_set_tid_address, SC_DEFAULT },
    { 97, "unshare", "x", sys_unshare },
    { 99, "set_robust_list", "pu", sys_set_robust_list, SC_DEFAULT },
    { 100, "get_robust_list", "dpp", sys_get_robust_list, SC_DEFAULT },
    { 118, "sched_setparam", "dp", sys_sched_setparam },
    { 119, "sched_setscheduler", "ddp", sys_sched_setscheduler },
    { 120, "sched_getscheduler", "d", sys_sched_getscheduler },
    { 121, "sched_getparam", "dp", sys_sched_getparam },
    { 122, "sched_setaffinity", "dup", sys_sched_setaffinity },
    { 123, "sched_getaffinity", "dup", sys_sched_getaffinity },
    { 124, "sched_yield", "", sys_sched_yield },
    { 125, "sched_get_priority_max", "d", sys_sched_get_priority_max },
    { 126, "sched_get_priority_min", "d", sys_sched_get_priority_min },
    { 127, "sched_rr_get_interval", "dp", sys_sched_rr_get_interval },
    { 140, "setpriority", "ddd", sys_setpriority },
    { 141, "getpriority", "dd", sys_getpriority },
    { 143, "setregid", "dd", sys_setregid },
    { 144, "setgid", "d", sys_setgid },
    { 145, "setreuid", "dd", sys_setreuid },
    { 146, "setuid", "d", sys_setuid },
    { 147, "setresuid", "ddd", sys_setresuid },
    { 148, "getresuid", "ppp", sys_getresuid },
    { 149, "setresgid", "ddd", sys_setresgid },
    { 150, "getresgid", "ppp", sys_getresgid },
    { 151, "setfsuid", "d", sys_setfsuid },
    { 152, "setfsgid", "d", sys_setfsgid },
    { 153, "times", "p", sys_times, SC_DEFAULT },
    { 154, "setpgid", "dd", sys_setpgid },
    { 155, "getpgid", "d", sys_getpgid },
    { 156, "getsid", "d", sys_getsid },
    { 157, "setsid", "", sys_setsid },
    { 158, "getgroups", "dp", sys_getgroups },
    { 159, "setgroups", "dp", sys_setgroups },
    { 160, "uname", "p", sys_uname },
    { 161, "sethostname", "pu", sys_sethostname },
    { 162, "setdomainname", "pu", sys_setdomainname },
    { 163, "getrlimit", "dp", sys_getrlimit },
    { 164, "setrlimit", "dp", sys_setrlimit },
    { 165, "getrusage", "dp", sys_getrusage },
    { 167, "prctl", "dxxxx", sys_prctl },
    { 168, "getcpu", "ppp", sys_getcpu },
    { 172, "getpid", "", sys_getpid },
    { 173, "getppid", "", sys_getppid },
    { 174, "getuid", "", sys_getuid },
    { 175, "geteuid", "", sys_geteuid },
    { 176, "getgid", "", sys_getgid },
    { 177, "getegid", "", sys_getegid },
    { 178, "gettid", "", sys_gettid },
    { 179, "sysinfo", "p", sys_sysinfo },
    { 261, "prlimit64", "ddpp", sys_prlimit64 },
    { 268, "setns", "fx", sys_setns },
    { 274, "sched_setattr", "dpx", sys_sched_setattr },
    { 275, "sched_getattr", "dpux", sys_sched_getattr },
    { 277, "seccomp", "xxp", sys_seccomp },
    { 278, "getrandom", "pux", sys_getrandom },
    { 283, "membarrier", "xxd", sys_membarrier },
    { 293, "rseq", "puxx", sys_enosys },
    { 434, "pidfd_open", "dx", sys_pidfd_open },
    { 438, "pidfd_getfd", "ffx", sys_pidfd_getfd },
    SYSCALL_END
};
