/* SPDX-License-Identifier: MIT */
/*
 * Time and timer system calls.  arm64 and x86-64 are both LP64 Linux:
 * struct timespec, timeval, itimerspec, itimerval, tms, timex and
 * sigevent have the same layout and clock ids and flags the same values
 * (checked against the arm64 UAPI headers), so the calls pass through
 * with guest pointers turned into host ones.  Timer signals are host
 * signals with the guest's numbers (see signal-host.c) and SIGEV_THREAD_ID
 * names a host thread, which is the guest thread.
 */
#include <errno.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "task.h"

#define TS 16                  /* struct timespec / timeval */

static int64_t raw(long r)
{
    return r < 0 ? -errno : r;
}

/* Sleeps end with EINTR when a handler ran, restart otherwise. */
static int64_t sleep_ret(int64_t r)
{
    return r == -LINUX_ERESTARTSYS ? -LINUX_ERESTARTNOHAND : r;
}

static int64_t sys_clock_gettime(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    void *tp;
    if (!a[1] || !linux_gbuf(p, a[1], TS, true, &tp)) {
        return -EFAULT;
    }
    /* glibc's, so the host vDSO answers */
    return raw(clock_gettime((clockid_t)a[0], tp));
}

static int64_t sys_clock_getres(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    void *tp;
    if (!linux_gbuf(p, a[1], TS, true, &tp)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_clock_getres, (clockid_t)a[0], tp));
}

static int64_t sys_clock_settime(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    void *tp;
    if (!linux_gbuf(p, a[1], TS, false, &tp)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_clock_settime, (clockid_t)a[0], tp));
}

static int64_t sys_clock_nanosleep(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    void *req, *rem;
    if (!linux_gbuf(p, a[2], TS, false, &req) ||
        !linux_gbuf(p, a[3], TS, true, &rem)) {
        return -EFAULT;
    }
    return sleep_ret(linux_safe_syscall(SYS_clock_nanosleep, (long)a[0],
                                        (long)a[1], (long)req, (long)rem, 0,
                                        0));
}

static int64_t sys_nanosleep(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    void *req, *rem;
    if (!linux_gbuf(p, a[0], TS, false, &req) ||
        !linux_gbuf(p, a[1], TS, true, &rem)) {
        return -EFAULT;
    }
    return sleep_ret(linux_safe_syscall(SYS_nanosleep, (long)req, (long)rem,
                                        0, 0, 0, 0));
}

static int64_t sys_gettimeofday(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    void *tv, *tz;
    if (!linux_gbuf(p, a[0], TS, true, &tv) ||
        !linux_gbuf(p, a[1], 8, true, &tz)) {
        return -EFAULT;
    }
    return raw(gettimeofday(tv, tz));
}

static int64_t sys_settimeofday(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    void *tv, *tz;
    if (!linux_gbuf(p, a[0], TS, false, &tv) ||
        !linux_gbuf(p, a[1], 8, false, &tz)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_settimeofday, tv, tz));
}

/* struct timex is 208 bytes on both */
static int64_t sys_adjtimex(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    void *tx;
    if (!a[0] || !linux_gbuf(p, a[0], 208, true, &tx)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_adjtimex, tx));
}

static int64_t sys_clock_adjtime(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    void *tx;
    if (!a[1] || !linux_gbuf(p, a[1], 208, true, &tx)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_clock_adjtime, (clockid_t)a[0], tx));
}

static int64_t sys_times(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    void *buf;
    if (!linux_gbuf(p, a[0], 32, true, &buf)) {
        return -EFAULT;
    }
    /* the tick count is returned as is, even when it looks negative */
    return syscall(SYS_times, buf);
}

static int64_t sys_getitimer(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    void *cur;
    if (!a[1] || !linux_gbuf(p, a[1], 2 * TS, true, &cur)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_getitimer, (int)a[0], cur));
}

static int64_t sys_setitimer(LinuxProcess *p, CPUARMState *env,
                             const uint64_t *a)
{
    void *nv, *ov;
    if (!linux_gbuf(p, a[1], 2 * TS, false, &nv) ||
        !linux_gbuf(p, a[2], 2 * TS, true, &ov)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_setitimer, (int)a[0], nv, ov));
}

/* struct sigevent: 64 bytes, no pointer the kernel follows */
static int64_t sys_timer_create(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    void *sev, *id;
    if (!linux_gbuf(p, a[1], 64, false, &sev) ||
        !linux_gbuf(p, a[2], 4, true, &id)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_timer_create, (clockid_t)a[0], sev, id));
}

static int64_t sys_timer_settime(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    void *nv, *ov;
    if (!linux_gbuf(p, a[2], 2 * TS, false, &nv) ||
        !linux_gbuf(p, a[3], 2 * TS, true, &ov)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_timer_settime, (int)a[0], (int)a[1], nv, ov));
}

static int64_t sys_timer_gettime(LinuxProcess *p, CPUARMState *env,
                                 const uint64_t *a)
{
    void *cur;
    if (!linux_gbuf(p, a[1], 2 * TS, true, &cur)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_timer_gettime, (int)a[0], cur));
}

static int64_t sys_timer_getoverrun(LinuxProcess *p, CPUARMState *env,
                                    const uint64_t *a)
{
    return raw(syscall(SYS_timer_getoverrun, (int)a[0]));
}

static int64_t sys_timer_delete(LinuxProcess *p, CPUARMState *env,
                                const uint64_t *a)
{
    return raw(syscall(SYS_timer_delete, (int)a[0]));
}

static int64_t sys_timerfd_create(LinuxProcess *p, CPUARMState *env,
                                  const uint64_t *a)
{
    /* TFD_NONBLOCK/TFD_CLOEXEC are O_NONBLOCK/O_CLOEXEC: equal values */
    return raw(syscall(SYS_timerfd_create, (int)a[0], (int)a[1]));
}

static int64_t sys_timerfd_settime(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    void *nv, *ov;
    if (!linux_gbuf(p, a[2], 2 * TS, false, &nv) ||
        !linux_gbuf(p, a[3], 2 * TS, true, &ov)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_timerfd_settime, (int)a[0], (int)a[1], nv, ov));
}

static int64_t sys_timerfd_gettime(LinuxProcess *p, CPUARMState *env,
                                   const uint64_t *a)
{
    void *cur;
    if (!linux_gbuf(p, a[1], 2 * TS, true, &cur)) {
        return -EFAULT;
    }
    return raw(syscall(SYS_timerfd_gettime, (int)a[0], cur));
}

const SyscallEntry syscalls_time[] = {
    { 85, "timerfd_create", "dx", sys_timerfd_create },
    { 86, "timerfd_settime", "fxpp", sys_timerfd_settime },
    { 87, "timerfd_gettime", "fp", sys_timerfd_gettime },
    { 101, "nanosleep", "pp", sys_nanosleep },
    { 102, "getitimer", "dp", sys_getitimer },
    { 103, "setitimer", "dpp", sys_setitimer },
    { 107, "timer_create", "dpp", sys_timer_create },
    { 108, "timer_gettime", "dp", sys_timer_gettime },
    { 109, "timer_getoverrun", "d", sys_timer_getoverrun },
    { 110, "timer_settime", "dxpp", sys_timer_settime },
    { 111, "timer_delete", "d", sys_timer_delete },
    { 112, "clock_settime", "dp", sys_clock_settime },
    { 113, "clock_gettime", "dp", sys_clock_gettime },
    { 114, "clock_getres", "dp", sys_clock_getres },
    { 115, "clock_nanosleep", "dxpp", sys_clock_nanosleep },
    { 153, "times", "p", sys_times },
    { 169, "gettimeofday", "pp", sys_gettimeofday },
    { 170, "settimeofday", "pp", sys_settimeofday },
    { 171, "adjtimex", "p", sys_adjtimex },
    { 266, "clock_adjtime", "dp", sys_clock_adjtime },
    SYSCALL_END
};
