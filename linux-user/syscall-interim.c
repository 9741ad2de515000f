/* SPDX-License-Identifier: MIT */
/*
 * Stand-ins for process system calls that the process code (lu-core's
 * syscall-exec.c and syscall-proc.c) provides: exit, exit_group, clone,
 * clone3, kill, tkill, tgkill, gettid, membarrier.  They let threads and
 * signals run before that code is merged; its entries take precedence
 * (its area comes later in syscall.c), and then this file can go.  The
 * thread side of clone and exit lives in thread.c (linux_clone_thread,
 * linux_exit_thread), which the process code calls.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "task.h"

static int64_t ret_of(long r)
{
    return r < 0 ? -errno : r;
}

static int64_t sys_exit(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    linux_exit_thread(p, env, (int)a[0]);
}

static int64_t sys_exit_group(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    linux_exit_group(p, (int)a[0]);
}

/* A plain fork for clones without CLONE_VM. */
static int64_t fork_process(LinuxProcess *p, CPUARMState *env,
                            uint64_t flags, uint64_t newsp, uint64_t ptid,
                            uint64_t tls, uint64_t ctid)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        return -errno;
    }
    uint32_t tid = (uint32_t)(pid ? pid : gettid());
    if (pid == 0) {
        if (newsp) {
            env->xregs[31] = newsp;
        }
        if (flags & CLONE_SETTLS) {
            env->tpidr_el0 = tls;
        }
        if (flags & CLONE_CHILD_SETTID) {
            linux_copy_to_guest(p, ctid, &tid, 4);
        }
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID) {
        linux_copy_to_guest(p, ptid, &tid, 4);
    }
    return pid;
}

static int64_t do_clone(LinuxProcess *p, CPUARMState *env, uint64_t flags,
                        uint64_t newsp, uint64_t ptid, uint64_t tls,
                        uint64_t ctid)
{
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) {
        return -EINVAL;
    }
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)) {
        return -EINVAL;
    }
    if (flags & CLONE_VM) {
        if (flags & CLONE_VFORK) {
            return -ENOSYS;
        }
        return linux_clone_thread(p, env, flags, newsp, ptid, tls, ctid);
    }
    return fork_process(p, env, flags, newsp, ptid, tls, ctid);
}

static int64_t sys_clone(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    /* arm64: flags, newsp, parent_tidptr, tls, child_tidptr */
    return do_clone(p, env, a[0], a[1], a[2], a[3], a[4]);
}

static int64_t sys_clone3(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    /* struct clone_args: flags, pidfd, child_tid, parent_tid,
     * exit_signal, stack, stack_size, tls, ... (u64 each) */
    uint64_t c[8];
    if (a[1] < 64) {
        return -EINVAL;
    }
    if (!linux_copy_from_guest(p, c, a[0], sizeof(c))) {
        return -EFAULT;
    }
    if ((c[4] & ~0xffull) || (c[0] & 0xff) || (c[0] & CLONE_PIDFD)) {
        return -EINVAL;
    }
    uint64_t sp = c[5] ? c[5] + c[6] : 0;
    return do_clone(p, env, c[0] | c[4], sp, c[3], c[7], c[2]);
}

static int64_t sys_kill(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return ret_of(kill((pid_t)a[0], (int)a[1]));
}

static int64_t sys_tkill(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return ret_of(syscall(SYS_tkill, (pid_t)a[0], (int)a[1]));
}

static int64_t sys_tgkill(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return ret_of(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], (int)a[2]));
}

static int64_t sys_gettid(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return gettid();
}

static int64_t sys_getpid(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return getpid();
}

static int64_t sys_membarrier(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    /* guest threads are host threads: the host barrier covers them */
    return ret_of(syscall(SYS_membarrier, (int)a[0], (unsigned)a[1],
                          (int)a[2]));
}

const SyscallEntry syscalls_interim[] = {
    { 93, "exit", "d", sys_exit },
    { 94, "exit_group", "d", sys_exit_group },
    { 129, "kill", "dd", sys_kill },
    { 130, "tkill", "dd", sys_tkill },
    { 131, "tgkill", "ddd", sys_tgkill },
    { 172, "getpid", "", sys_getpid },
    { 178, "gettid", "", sys_gettid },
    { 220, "clone", "xpppp", sys_clone },
    { 283, "membarrier", "dxd", sys_membarrier },
    { 435, "clone3", "pu", sys_clone3 },
    SYSCALL_END
};
