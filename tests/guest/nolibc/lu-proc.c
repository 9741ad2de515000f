/* SPDX-License-Identifier: MIT */
/*
 * Processes without libc: fork and wait statuses, kill, a pipe between
 * parent and child, vfork sharing memory, execve of this ARM64 program
 * (argv[0] kept), of host programs, of scripts with a host and with an
 * ARM64 interpreter, failing execs; identity, uname, getrandom; the
 * guest's /proc/self/{exe,maps,auxv,cmdline} and /proc/cpuinfo.
 * qemu-aarch64 cannot exec ARM64 programs without binfmt_misc and
 * emulates vfork as fork: checked against lu-proc.expected.
 */
#include "nolibc.h"

static const char *self_path;
static char self_buf[512];

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

static long fork_(void)
{
    return sc5(NR_clone, SIGCHLD, 0, 0, 0, 0);
}

static int wait_(long pid)
{
    int status = -1;
    sc4(NR_wait4, pid, &status, 0, 0);
    return status;
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = slen(s), b = slen(tail);
    return a >= b && !scmp(s + a - b, tail);
}

static const char *basename_(const char *s)
{
    const char *b = s;
    for (; *s; s++) {
        if (*s == '/') {
            b = s + 1;
        }
    }
    return b;
}

static void forks(void)
{
    long parent = sc0(NR_getpid);
    check("getpid", parent > 0 && sc0(NR_gettid) == parent);
    long pid = fork_();
    if (pid == 0) {
        sc1(NR_exit_group, 42);
    }
    show_status("child exit", wait_(pid));
    pid = fork_();
    if (pid == 0) {
        sc2(NR_kill, sc0(NR_getpid), 9);
        sc1(NR_exit_group, 0);
    }
    show_status("child kill", wait_(pid));
    pid = fork_();
    if (pid == 0) {
        sc1(NR_exit_group, sc0(NR_getppid) == parent ? 0 : 1);
    }
    show_status("child getppid", wait_(pid));
    int p[2];
    sc2(NR_pipe2, p, 0);
    pid = fork_();
    if (pid == 0) {
        sc1(NR_close, p[0]);
        sc3(NR_write, p[1], "from child", 10);
        sc1(NR_exit_group, 0);
    }
    sc1(NR_close, p[1]);
    char buf[16] = { 0 };
    show("pipe read", sc3(NR_read, p[0], buf, sizeof(buf)));
    check("pipe data", !scmp(buf, "from child"));
    show("pipe eof", sc3(NR_read, p[0], buf, sizeof(buf)));
    sc1(NR_close, p[0]);
    show_status("pipe child", wait_(pid));
    show("wait no child", sc4(NR_wait4, -1, 0, 0, 0));
}

static volatile long vfork_shared;

/* clone(CLONE_VM | CLONE_VFORK | SIGCHLD): the child stores into
 * vfork_shared and exits; done in assembly since it runs on the
 * parent's stack. */
static long vfork_store(void)
{
    register long x0 __asm__("x0") = 0x4000 | 0x100 | SIGCHLD;
    register long x1 __asm__("x1") = 0;
    register long x2 __asm__("x2") = 0;
    register long x3 __asm__("x3") = 0;
    register long x4 __asm__("x4") = 0;
    register long x8 __asm__("x8") = NR_clone;
    __asm__ volatile("svc #0\n"
                     "cbnz x0, 1f\n"
                     "mov x9, #77\n"
                     "str x9, [%[shared]]\n"
                     "mov x0, #3\n"
                     "mov x8, #94\n"
                     "svc #0\n"
                     "1:\n"
                     : "+r"(x0)
                     : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x8),
                       [shared] "r"(&vfork_shared)
                     : "x9", "memory");
    return x0;
}

static void vfork_test(void)
{
    long pid = vfork_store();
    check("vfork pid", pid > 0);
    show("vfork shared store", vfork_shared);
    show_status("vfork child", wait_(pid));
}

/* fork + execve; the child reports a failed exec through its status */
static int run(const char *path, char **argv)
{
    long pid = fork_();
    if (pid == 0) {
        char *envp[] = { "LU_PROC=1", NULL };
        long r = sc3(NR_execve, path, argv, envp);
        sc1(NR_exit_group, (int)(100 - r));
    }
    return wait_(pid);
}

static void write_file(const char *path, const char *text, int mode)
{
    int fd = (int)sc4(NR_openat, AT_FDCWD, path,
                      O_WRONLY | O_CREAT | O_TRUNC, mode);
    sc3(NR_write, fd, text, slen(text));
    sc1(NR_close, fd);
}

static void execs(void)
{
    char *a1[] = { "custom-argv0", "exec-child", "two", NULL };
    show_status("exec self", run(self_path, a1));
    char *a2[] = { "true", NULL };
    show_status("exec /bin/true", run("/bin/true", a2));
    char *a3[] = { "false", NULL };
    show_status("exec /bin/false", run("/bin/false", a3));
    show_status("exec missing (100+errno)", run("/nonexistent/x", a2));
    show_status("exec /etc/passwd (100+errno)", run("/etc/passwd", a2));
    show_status("exec dir (100+errno)", run("/tmp", a2));
    /* a folder per process: the runs on each backend (and in each build
     * folder) go on at the same time */
    char dir[64] = "/tmp/mimic-lu-proc.", script[96];
    size_t dl = slen(dir);
    for (unsigned long pid = (unsigned long)sc0(NR_getpid), d = 1000000000;
         d; d /= 10) {
        dir[dl++] = (char)('0' + pid / d % 10);
    }
    dir[dl] = 0;
    sc3(NR_mkdirat, AT_FDCWD, dir, 0700);
    memcpy(script, dir, dl);
    memcpy(script + dl, "/mimic-lu-proc-a.sh", 20);
    write_file(script, "#!/bin/sh\nexit 5\n", 0755);
    show_status("exec host script", run(script, a2));
    /* a script whose interpreter is this ARM64 program */
    static char text[600];
    size_t n = slen(self_path);
    memcpy(text, "#!", 2);
    memcpy(text + 2, self_path, n);
    memcpy(text + 2 + n, " interp\n", 9);
    write_file(script, text, 0755);
    char *a4[] = { "script-argv0", "s1", NULL };
    show_status("exec arm64 script", run(script, a4));
    sc3(NR_unlinkat, AT_FDCWD, script, 0);
    write_file(script, "#!/bin/sh\nexit 5\n", 0644);
    show_status("exec non-executable (100+errno)", run(script, a2));
    sc3(NR_unlinkat, AT_FDCWD, script, 0);
    sc3(NR_unlinkat, AT_FDCWD, dir, AT_REMOVEDIR);
}

/* Reads a whole small file; returns its length. */
static long slurp(const char *path, char *buf, long size)
{
    int fd = (int)sc4(NR_openat, AT_FDCWD, path, O_RDONLY, 0);
    if (fd < 0) {
        return fd;
    }
    long n = 0, r;
    while (n < size - 1 && (r = sc3(NR_read, fd, buf + n, size - 1 - n)) > 0) {
        n += r;
    }
    buf[n] = 0;
    sc1(NR_close, fd);
    return n;
}

static unsigned long parse_hex(const char **s)
{
    unsigned long v = 0;
    for (;; (*s)++) {
        char c = **s;
        int d = c >= '0' && c <= '9' ? c - '0' :
                c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) {
            return v;
        }
        v = v * 16 + (unsigned long)d;
    }
}

static void maps(void)
{
    static char buf[65536];
    long n = slurp("/proc/self/maps", buf, sizeof(buf));
    check("maps read", n > 0);
    unsigned long here = (unsigned long)&n;
    int found_stack = 0, found_exe = 0;
    const char *line = buf;
    while (*line) {
        const char *s = line;
        unsigned long lo = parse_hex(&s);
        s++;
        unsigned long hi = parse_hex(&s);
        const char *perms = s + 1;
        const char *end = line;
        while (*end && *end != '\n') {
            end++;
        }
        if (here >= lo && here < hi) {
            found_stack = !sncmp(perms, "rw-p", 4) &&
                          !sncmp(end - 7, "[stack]", 7);
        }
        size_t pl = slen(self_path);
        if (!sncmp(perms, "r-xp", 4) && end - line > (long)pl &&
            !sncmp(end - pl, self_path, pl)) {
            found_exe = 1;
        }
        line = *end ? end + 1 : end;
    }
    check("maps stack", found_stack);
    check("maps exe", found_exe);
}

/* execveat(fd, "", AT_EMPTY_PATH) of this program through a
 * close-on-exec fd, as fexecve does */
static void fexec(void)
{
    long pid = fork_();
    if (pid == 0) {
        int fd = (int)sc4(NR_openat, AT_FDCWD, self_path,
                          O_RDONLY | O_CLOEXEC, 0);
        char *argv[] = { "fexec", "exec-child", "via-fd", NULL };
        char *envp[] = { NULL };
        long r = sc5(281 /* execveat */, fd, "", argv, envp,
                     0x1000 /* AT_EMPTY_PATH */);
        sc1(NR_exit_group, (int)(100 - r));
    }
    show_status("execveat empty path", wait_(pid));
}

static void attrs(void)
{
    char name[16] = { 0 };
    show("PR_SET_NAME", sc2(NR_prctl, 15, "lu-renamed"));
    show("PR_GET_NAME", sc2(NR_prctl, 16, name));
    puts_("name ");
    puts_(name);
    puts_("\n");
    show("PR_SET_SECCOMP refused", sc2(NR_prctl, 22, 2) < 0);
    uint64_t lim[2];
    show("prlimit64 NOFILE", sc4(NR_prlimit64, 0, 7, 0, lim));
    check("NOFILE soft <= hard", lim[0] <= lim[1]);
    uint64_t mask[16] = { 0 };
    check("sched_getaffinity", sc3(123, 0, sizeof(mask), mask) > 0 &&
          mask[0] != 0);
    unsigned cpu = 999;
    show("getcpu", sc3(168, &cpu, 0, 0));
    check("cpu number", cpu < 4096);
    show("personality query", sc1(92, 0xffffffff));
    check("membarrier query", sc3(283, 0, 0, 0) >= 0);
    show("rseq", sc4(293, 0, 32, 0, 0));
    show("umask", sc1(NR_umask, 077));
    show("umask back", sc1(NR_umask, 022));
}

static void proc(char **argv)
{
    char buf[4096];
    long n = sc4(NR_readlinkat, AT_FDCWD, "/proc/self/exe", buf, sizeof(buf));
    buf[n > 0 ? n : 0] = 0;
    check("/proc/self/exe", n > 0 && !scmp(buf, self_path));
    n = slurp("/proc/self/exe", buf, 64);
    check("open /proc/self/exe", n == 63 && !sncmp(buf, "\177ELF", 4) &&
          (unsigned char)buf[18] == 183);
    maps();
    uint64_t auxv[128];
    n = slurp("/proc/self/auxv", (char *)auxv, sizeof(auxv));
    long pagesz = 0, entry = 0;
    for (long i = 0; i + 1 < n / 8 && auxv[i]; i += 2) {
        pagesz = auxv[i] == 6 ? (long)auxv[i + 1] : pagesz;
        entry = auxv[i] == 9 ? (long)auxv[i + 1] : entry;
    }
    show("auxv AT_PAGESZ", pagesz);
    extern char _start[];
    check("auxv AT_ENTRY", entry == (long)_start);
    n = slurp("/proc/self/cmdline", buf, sizeof(buf));
    check("cmdline", n == (long)slen(argv[0]) + 1 && !scmp(buf, argv[0]));
    n = slurp("/proc/cpuinfo", buf, sizeof(buf));
    int features = 0;
    for (long i = 0; i < n; i++) {
        features |= !sncmp(buf + i, "\nFeatures\t:", 11);
    }
    check("cpuinfo Features", features);
    char uts[390];
    show("uname", sc1(NR_uname, uts));
    puts_("machine ");
    puts_(uts + 4 * 65);
    puts_("\n");
    show("getrandom", sc3(NR_getrandom, buf, 16, 0));
}

static int exec_child(int argc, char **argv)
{
    show("exec child argc", argc);
    puts_("argv0 ");
    puts_(argv[0]);
    puts_("\nargv2 ");
    puts_(argv[2]);
    puts_("\n");
    char buf[512];
    long n = sc4(NR_readlinkat, AT_FDCWD, "/proc/self/exe", buf, sizeof(buf));
    buf[n > 0 ? n : 0] = 0;
    check("child /proc/self/exe", ends_with(buf, "/lu-proc"));
    return 7;
}

static int interp_mode(int argc, char **argv)
{
    show("interp argc", argc);
    puts_("interp argv0 ");
    puts_(basename_(argv[0]));
    puts_("\ninterp argv1 ");
    puts_(argv[1]);
    puts_("\ninterp argv2 ");
    puts_(basename_(argv[2]));
    puts_("\ninterp argv3 ");
    puts_(argv[3]);
    puts_("\n");
    return 9;
}

int test_main(int argc, char **argv, char **envp)
{
    if (argc > 1 && !scmp(argv[1], "exec-child")) {
        return exec_child(argc, argv);
    }
    if (argc > 1 && !scmp(argv[1], "interp")) {
        return interp_mode(argc, argv);
    }
    long n = sc4(NR_readlinkat, AT_FDCWD, "/proc/self/exe", self_buf,
                 sizeof(self_buf) - 1);
    self_buf[n > 0 ? n : 0] = 0;
    self_path = self_buf;
    forks();
    vfork_test();
    execs();
    fexec();
    attrs();
    proc(argv);
    return failures;
}
