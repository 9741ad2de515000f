/* SPDX-License-Identifier: MIT */
/*
 * Process life cycle: fork (clone without CLONE_VM: a host fork, the
 * child carries on as a copy of the whole emulator), vfork (CLONE_VM |
 * CLONE_VFORK: a host vfork, so the child shares the guest's memory
 * until it execs or exits, as posix_spawn relies on), execve (ARM64
 * programs, and scripts whose interpreter is one, re-execute mimic; host
 * programs run natively), wait, exit and kill.  Threads (CLONE_VM
 * without CLONE_VFORK) belong to the thread code (linux_clone_thread).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "gdb-user.h"
#include "task.h"
#include "loaders/elf.h"
#include "tcg/exec.h"
#include "util/log.h"

#define CLONE_VM_ 0x00000100
#define CLONE_VFORK_ 0x00004000
#define CLONE_SETTLS_ 0x00080000
#define CLONE_PARENT_SETTID_ 0x00100000
#define CLONE_CHILD_CLEARTID_ 0x00200000
#define CLONE_CHILD_SETTID_ 0x01000000
#define CLONE_PIDFD_ 0x00001000
#define CLONE_THREAD_ 0x00010000
#define CLONE_SIGHAND_ 0x00000800
/* flags a process (not thread) clone may pass to the host as they are */
#define CLONE_HOST_OK (CLONE_FS | CLONE_FILES | CLONE_PARENT | \
                       CLONE_NEWNS | CLONE_SYSVSEM | CLONE_UNTRACED | \
                       CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
                       CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | \
                       CLONE_IO | CLONE_PIDFD_)

/* ---- defaults the thread and signal code (lu-sig) replaces ---- */

__attribute__((weak)) int64_t linux_clone_thread(LinuxProcess *p,
                                                 CPUARMState *env,
                                                 uint64_t flags,
                                                 uint64_t newsp,
                                                 uint64_t ptid, uint64_t tls,
                                                 uint64_t ctid)
{
    return -ENOSYS;
}

__attribute__((weak, noreturn)) void linux_exit_thread(LinuxProcess *p,
                                                       CPUARMState *env,
                                                       int status)
{
    linux_exit_group(p, status);
}

/* Guest signal number to host (identity until real-time signals are
 * remapped). */
__attribute__((weak)) int linux_sig_to_host(int sig)
{
    return sig;
}

/* Puts the host's signal state in the guest's shape before an execve
 * (ignored signals and the mask are inherited). */
__attribute__((weak)) void linux_signals_before_exec(LinuxProcess *p)
{
}

void linux_exit_group(LinuxProcess *p, int status)
{
    gdb_user_exit(p, status & 0xff);
    if (log_file) {
        fflush(log_file);
    }
    fflush(stderr);
    /* a vfork child shares mimic's memory (stdio buffers, atexit state)
     * with its waiting parent: no exit handlers there */
    if (p->vfork_child) {
        _exit(status & 0xff);
    }
    exit(status & 0xff);
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

/* ---- fork ---- */

static void fork_prepare(LinuxProcess *p)
{
    pthread_mutex_lock(&p->mem.mm_lock);
    tcg_fork_prepare();
    pthread_mutex_lock(&p->mem.page_lock);
}

static void fork_done(LinuxProcess *p, bool child)
{
    pthread_mutex_unlock(&p->mem.page_lock);
    tcg_fork_done(child);
    pthread_mutex_unlock(&p->mem.mm_lock);
}

/* The child's side of the clone flags (fork and vfork). */
static void child_setup(LinuxProcess *p, CPUARMState *env, uint64_t flags,
                        uint64_t newsp, uint64_t tls, uint64_t ctid)
{
    uint32_t tid = (uint32_t)syscall(SYS_gettid);
    if (newsp) {
        env->xregs[31] = newsp;
    }
    if (flags & CLONE_SETTLS_) {
        env->tpidr_el0 = tls;
    }
    if (flags & CLONE_CHILD_SETTID_) {
        uint32_t *t = lu_wptr(p, ctid, 4);
        if (t) {
            *t = tid;
        }
    }
    p->clear_child_tid = (flags & CLONE_CHILD_CLEARTID_) ? ctid : 0;
}

static int64_t do_fork(LinuxProcess *p, CPUARMState *env, uint64_t flags,
                       uint64_t newsp, uint64_t ptid, uint64_t tls,
                       uint64_t ctid)
{
    int exit_sig = linux_sig_to_host((int)(flags & 0xff));
    uint64_t host_flags = flags & CLONE_HOST_OK;
    int *pidfd = NULL;
    if ((flags & CLONE_PIDFD_) && !(pidfd = lu_wptr(p, ptid, 4))) {
        return -EFAULT;
    }
    fork_prepare(p);
    pid_t pid;
    if (!host_flags && exit_sig == SIGCHLD) {
        pid = fork();       /* glibc's fork: its own locks made safe */
    } else {
        pid = (pid_t)syscall(SYS_clone, host_flags | (uint64_t)exit_sig, 0,
                             pidfd, NULL, 0);
    }
    int e = errno;
    fork_done(p, pid == 0);
    if (pid < 0) {
        return -e;
    }
    if (pid == 0) {
        linux_cpus_after_fork_child(p, env);
        child_setup(p, env, flags, newsp, tls, ctid);
        return 0;
    }
    if ((flags & CLONE_PARENT_SETTID_) && !(flags & CLONE_PIDFD_)) {
        uint32_t *t = lu_wptr(p, ptid, 4);
        if (t) {
            *t = (uint32_t)pid;
        }
    }
    return pid;
}

/* A vfork child: the arguments its host stack starts from. */
typedef struct VforkArgs {
    LinuxProcess *p;
    CPUARMState *env;
    uint64_t flags, newsp, tls, ctid;
} VforkArgs;

/* Runs on its own host stack while the parent waits; ends in the guest's
 * exit or execve, never returns. */
static int vfork_child(void *opaque)
{
    VforkArgs *va = opaque;
    LinuxProcess *p = va->p;
    CPUARMState *env = va->env;
    p->vfork_child = true;
    child_setup(p, env, va->flags, va->newsp, va->tls, va->ctid);
    env->xregs[0] = 0;
    linux_cpu_loop(p, env);
    _exit(127);
}

#define VFORK_STACK (8u << 20)

static int64_t do_vfork(LinuxProcess *p, CPUARMState *env, uint64_t flags,
                        uint64_t newsp, uint64_t ptid, uint64_t tls,
                        uint64_t ctid)
{
    /* the child runs the guest on this same CPU state; the parent gets
     * its own back when it resumes */
    CPUARMState *saved = malloc(sizeof(*saved));
    void *stack = mmap(NULL, VFORK_STACK, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                       MAP_STACK, -1, 0);
    if (!saved || stack == MAP_FAILED) {
        free(saved);
        return -ENOMEM;
    }
    memcpy(saved, env, sizeof(*saved));
    bool was_child = p->vfork_child;
    uint64_t clear_tid = p->clear_child_tid;
    VforkArgs va = { p, env, flags, newsp, tls, ctid };
    /* the child shares this memory: keep the parent's signal state */
    void *sigsave = linux_vfork_save(p);
    int exit_sig = linux_sig_to_host((int)(flags & 0xff));
    pid_t pid = clone(vfork_child, (char *)stack + VFORK_STACK,
                      CLONE_VM | CLONE_VFORK | exit_sig, &va);
    int e = errno;
    linux_vfork_restore(p, sigsave);
    munmap(stack, VFORK_STACK);
    memcpy(env, saved, sizeof(*saved));
    free(saved);
    p->vfork_child = was_child;
    p->clear_child_tid = clear_tid;
    if (pid < 0) {
        return -e;
    }
    if (flags & CLONE_PARENT_SETTID_) {
        uint32_t *t = lu_wptr(p, ptid, 4);
        if (t) {
            *t = (uint32_t)pid;
        }
    }
    return pid;
}

static int64_t do_clone(LinuxProcess *p, CPUARMState *env, uint64_t flags,
                        uint64_t newsp, uint64_t ptid, uint64_t tls,
                        uint64_t ctid)
{
    if ((flags & CLONE_THREAD_) && !(flags & CLONE_SIGHAND_)) {
        return -EINVAL;
    }
    if ((flags & CLONE_SIGHAND_) && !(flags & CLONE_VM_)) {
        return -EINVAL;
    }
    if ((flags & CLONE_VM_) && (flags & CLONE_VFORK_) &&
        !(flags & CLONE_THREAD_)) {
        return do_vfork(p, env, flags, newsp, ptid, tls, ctid);
    }
    if (flags & CLONE_VM_) {
        return linux_clone_thread(p, env, flags, newsp, ptid, tls, ctid);
    }
    return do_fork(p, env, flags, newsp, ptid, tls, ctid);
}

/* arm64 clone: (flags, newsp, parent_tid, tls, child_tid) */
static int64_t sys_clone(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return do_clone(p, env, a[0], a[1], a[2], a[3], a[4]);
}

static int64_t sys_clone3(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    /* struct clone_args: flags, pidfd, child_tid, parent_tid,
     * exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup */
    if (a[1] < 64) {
        return -EINVAL;
    }
    const uint64_t *ca = lu_rptr(p, a[0], 64);
    if (!ca) {
        return -EFAULT;
    }
    uint64_t c[8];
    memcpy(c, ca, sizeof(c));
    if (a[1] > 64) {
        const uint64_t *more = lu_rptr(p, a[0], 80);
        if (more && (more[8] || more[9])) {
            return -EINVAL;     /* set_tid needs CAP_SYS_ADMIN anyway */
        }
    }
    if (c[4] & ~0xffull || (c[0] & 0xff)) {
        return -EINVAL;
    }
    uint64_t flags = c[0] | c[4];
    uint64_t sp = c[5] ? c[5] + c[6] : 0;
    /* CLONE_PIDFD writes to pidfd here, to parent_tid in clone */
    uint64_t ptid = (flags & CLONE_PIDFD_) ? c[1] : c[3];
    return do_clone(p, env, flags, sp, ptid, c[7], c[2]);
}

/* ---- execve ---- */

/* A NULL-terminated guest array of strings as host pointers (malloc'd). */
static int read_str_array(LinuxProcess *p, uint64_t addr, char ***out,
                          int *count)
{
    int n = 0, cap = 16;
    char **v = malloc(sizeof(char *) * (size_t)cap);
    for (; addr; n++) {
        const uint64_t *slot = lu_rptr(p, addr + 8 * (uint64_t)n, 8);
        if (!slot) {
            free(v);
            return -EFAULT;
        }
        if (!*slot) {
            break;
        }
        const char *s = lu_str(p, *slot, 1 << 20);
        if (!s || n > 100000) {
            free(v);
            return s ? -E2BIG : -EFAULT;
        }
        if (n + 2 > cap) {
            cap *= 2;
            v = realloc(v, sizeof(char *) * (size_t)cap);
        }
        v[n] = (char *)s;
    }
    v[n] = NULL;
    *out = v;
    *count = n;
    return 0;
}

/* What an executable file is, from its first bytes. */
enum { EXE_HOST, EXE_ARM64, EXE_SCRIPT };

static int classify(const char *path, char *head, size_t len, ssize_t *got)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    *got = pread(fd, head, len - 1, 0);
    if (*got < 0) {
        *got = 0;
    }
    head[*got] = 0;
    int kind = EXE_HOST;
    if (*got >= 2 && head[0] == '#' && head[1] == '!') {
        kind = EXE_SCRIPT;
    } else if (*got >= 20 && !memcmp(head, ELFMAG, SELFMAG) &&
               (uint8_t)head[18] == EM_AARCH64 && head[19] == 0) {
        ElfImage *img = malloc(sizeof(*img));
        char err[128];
        kind = img && elf_read_headers(fd, img, err, sizeof(err))
               ? EXE_ARM64 : -ENOEXEC;
        free(img);
    }
    close(fd);
    return kind;
}

/* The ARM64 program's dynamic loader must exist, or execve fails with
 * ENOENT as the kernel's does. */
static int check_interp(LinuxProcess *p, const char *path)
{
    ElfImage *img = malloc(sizeof(*img));
    char err[128], buf[4096];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int r = 0;
    if (!img || fd < 0 || !elf_read_headers(fd, img, err, sizeof(err))) {
        r = -ENOEXEC;
    } else if (img->interp[0] &&
               access(linux_sysroot_path(p, img->interp, buf, sizeof(buf)),
                      F_OK) < 0) {
        r = -ENOENT;
    }
    if (fd >= 0) {
        close(fd);
    }
    free(img);
    return r;
}

/* Runs prog under a new mimic with the same options: argv0 is what the
 * guest program sees as argv[0], args[] the rest of its arguments. */
static int exec_mimic(LinuxProcess *p, const char *prog, const char *argv0,
                      char *const *args, int nargs, char **envp)
{
    int nopts = 0;
    while (p->cfg.exec_opts && p->cfg.exec_opts[nopts]) {
        nopts++;
    }
    char **v = malloc(sizeof(char *) * (size_t)(nopts + nargs + 6));
    int n = 0;
    v[n++] = p->mimic_path;
    for (int i = 0; i < nopts; i++) {
        v[n++] = p->cfg.exec_opts[i];
    }
    v[n++] = "-0";
    v[n++] = (char *)argv0;
    v[n++] = "--";
    v[n++] = (char *)prog;
    for (int i = 0; i < nargs; i++) {
        v[n++] = args[i];
    }
    v[n] = NULL;
    linux_signals_before_exec(p);
    if (log_file) {
        fflush(log_file);
    }
    execve(p->mimic_path, v, envp);
    int e = errno;
    free(v);
    return -e;
}

/* "#!interp [arg]": the kernel's rules (one optional argument, the rest
 * of the line).  Returns false if there is no interpreter name. */
static bool parse_shebang(char *head, char **interp, char **arg)
{
    char *nl = strchr(head, '\n');
    if (nl) {
        *nl = 0;
    }
    char *s = head + 2;
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (!*s) {
        return false;
    }
    *interp = s;
    while (*s && *s != ' ' && *s != '\t') {
        s++;
    }
    *arg = NULL;
    if (*s) {
        *s++ = 0;
        while (*s == ' ' || *s == '\t') {
            s++;
        }
        char *end = s + strlen(s);
        while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
                           end[-1] == '\r')) {
            *--end = 0;
        }
        *arg = *s ? s : NULL;
    }
    return true;
}

static int exec_script(LinuxProcess *p, const char *path, const char *hpath,
                       char *head, char **argv, int argc, char **envp)
{
    char *interp, *arg;
    if (!parse_shebang(head, &interp, &arg)) {
        return -ENOEXEC;
    }
    char ibuf[4096], ihead[256];
    const char *ihost = linux_sysroot_path(p, interp, ibuf, sizeof(ibuf));
    ssize_t got;
    int kind = classify(ihost, ihead, sizeof(ihead), &got);
    if (kind != EXE_ARM64) {
        /* a host interpreter: the host kernel runs the script */
        execve(hpath, argv, envp);
        return -errno;
    }
    int e = check_interp(p, ihost);
    if (e) {
        return e;
    }
    /* interp [arg] script-path argv[1..] */
    char **rest = malloc(sizeof(char *) * (size_t)(argc + 3));
    int n = 0;
    if (arg) {
        rest[n++] = arg;
    }
    rest[n++] = (char *)path;
    for (int i = 1; i < argc; i++) {
        rest[n++] = argv[i];
    }
    e = exec_mimic(p, ihost, interp, rest, n, envp);
    free(rest);
    return e;
}

static int64_t do_execve(LinuxProcess *p, int dirfd, uint64_t path_addr,
                         uint64_t argv_addr, uint64_t envp_addr, int flags)
{
    const char *path = lu_str(p, path_addr, 4095);
    if (!path) {
        return -EFAULT;
    }
    char fdpath[8400], buf[4200];
    const char *hpath;
    if (((flags & AT_EMPTY_PATH) && !path[0]) ||
        (path[0] != '/' && path[0] && dirfd != AT_FDCWD)) {
        /* the file's real name: the new mimic will not have the fd if it
         * is close-on-exec (fexecve) */
        char link[64];
        snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
        ssize_t n = readlink(link, buf, sizeof(buf) - 1);
        if (n <= 0 || buf[0] != '/') {
            n = snprintf(buf, sizeof(buf), "%s", link);
        }
        buf[n] = 0;
        snprintf(fdpath, sizeof(fdpath), "%s%s%s", buf, path[0] ? "/" : "",
                 path);
        path = hpath = fdpath;
    } else if (!path[0]) {
        return -ENOENT;
    } else {
        char tmp[8];
        hpath = linux_proc_readlink(p, path, tmp, sizeof(tmp)) >= 0
                ? p->exe_path : linux_sysroot_path(p, path, buf, sizeof(buf));
    }
    char **argv, **envp;
    int argc, envc;
    int e = read_str_array(p, argv_addr, &argv, &argc);
    if (e) {
        return e;
    }
    e = read_str_array(p, envp_addr, &envp, &envc);
    if (e) {
        free(argv);
        return e;
    }
    char head[256];
    ssize_t got;
    int kind = classify(hpath, head, sizeof(head), &got);
    if (kind == -EACCES) {
        kind = EXE_HOST;    /* execute-only: the host kernel decides */
    } else if (kind >= 0 && access(hpath, X_OK) < 0) {
        kind = -errno;
    }
    if (kind == EXE_ARM64) {
        e = check_interp(p, hpath);
        if (!e) {
            e = exec_mimic(p, hpath, argc ? argv[0] : path,
                           argc ? argv + 1 : NULL, argc ? argc - 1 : 0, envp);
        }
    } else if (kind == EXE_SCRIPT) {
        e = exec_script(p, path, hpath, head, argv, argc, envp);
    } else if (kind == EXE_HOST) {
        execve(hpath, argv, envp);
        e = -errno;
    } else {
        e = kind;
    }
    free(argv);
    free(envp);
    return e;
}

static int64_t sys_execve(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return do_execve(p, AT_FDCWD, a[0], a[1], a[2], 0);
}

static int64_t sys_execveat(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    return do_execve(p, guest_fd(a[0]), a[1], a[2], a[3], (int)a[4]);
}

/* ---- wait and kill ---- */

static int64_t sys_wait4(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int status;
    struct rusage *ru = NULL;
    if (a[3] && !(ru = lu_wptr(p, a[3], sizeof(*ru)))) {
        return -EFAULT;
    }
    if (a[1] && !linux_access_ok(p, a[1], 4, true)) {
        return -EFAULT;
    }
    int64_t r = linux_safe_syscall(SYS_wait4, (pid_t)a[0], (long)&status,
                                   (int)a[2], (long)ru, 0, 0);
    if (r < 0) {
        return r;
    }
    /* the status encoding is the same on both */
    if (r > 0 && a[1]) {
        int *out = lu_wptr(p, a[1], 4);
        if (out) {
            *out = status;
        }
    }
    return r;
}

static int64_t sys_waitid(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    siginfo_t *si = NULL;
    struct rusage *ru = NULL;
    /* siginfo_t (128 bytes) and struct rusage match */
    if (a[2] && !(si = lu_wptr(p, a[2], sizeof(*si)))) {
        return -EFAULT;
    }
    if (a[4] && !(ru = lu_wptr(p, a[4], sizeof(*ru)))) {
        return -EFAULT;
    }
    return linux_safe_syscall(SYS_waitid, (int)a[0], (int)a[1], (long)si,
                              (int)a[3], (long)ru, 0);
}

static int64_t sys_kill(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(kill((pid_t)a[0], linux_sig_to_host((int)a[1])));
}

static int64_t sys_tkill(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return host_ret(syscall(SYS_tkill, (int)a[0],
                            linux_sig_to_host((int)a[1])));
}

static int64_t sys_tgkill(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return host_ret(syscall(SYS_tgkill, (int)a[0], (int)a[1],
                            linux_sig_to_host((int)a[2])));
}

const SyscallEntry syscalls_exec[] = {
    { 93, "exit", "d", sys_exit },
    { 94, "exit_group", "d", sys_exit_group },
    { 95, "waitid", "ddpxp", sys_waitid },
    { 129, "kill", "dd", sys_kill },
    { 130, "tkill", "dd", sys_tkill },
    { 131, "tgkill", "ddd", sys_tgkill },
    { 220, "clone", "xppxp", sys_clone },
    { 221, "execve", "spp", sys_execve },
    { 260, "wait4", "dpxp", sys_wait4 },
    { 281, "execveat", "fsppx", sys_execveat },
    { 435, "clone3", "pu", sys_clone3 },
    SYSCALL_END
};
