/* SPDX-License-Identifier: MIT */
/*
 * Processes through glibc: fork/waitpid statuses, pipes, posix_spawn of
 * this program and of host programs, system() and popen() (the host's
 * /bin/sh), execv, malloc of large blocks (mmap, mremap), the main
 * thread's stack from pthread_getattr_np (/proc/self/maps), sysconf,
 * uname and getrandom.  Needs mimic's exec of ARM64 programs and real
 * vfork: checked against lu-libc-proc.expected.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static int failures;

static void check(const char *what, int ok)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    failures += !ok;
}

static void status(const char *what, int st)
{
    if (WIFEXITED(st)) {
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    } else if (WIFSIGNALED(st)) {
        printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    }
}

static void forks(void)
{
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        dprintf(p[1], "child says %d", 6 * 7);
        _exit(17);
    }
    close(p[1]);
    char buf[32] = { 0 };
    read(p[0], buf, sizeof(buf) - 1);
    close(p[0]);
    printf("pipe: %s\n", buf);
    int st;
    check("waitpid", waitpid(pid, &st, 0) == pid);
    status("fork", st);
    pid = fork();
    if (pid == 0) {
        abort();
    }
    waitpid(pid, &st, 0);
    status("abort", st);
    check("ECHILD", waitpid(-1, &st, WNOHANG) < 0 && errno == ECHILD);
}

static void spawns(const char *self)
{
    pid_t pid;
    int st;
    char *args[] = { "spawned", "child", NULL };
    check("posix_spawn self", posix_spawn(&pid, self, NULL, NULL, args,
                                          environ) == 0);
    waitpid(pid, &st, 0);
    status("spawned self", st);
    char *targs[] = { "true", NULL };
    check("posix_spawnp true", posix_spawnp(&pid, "true", NULL, NULL, targs,
                                            environ) == 0);
    waitpid(pid, &st, 0);
    status("spawned true", st);
    int r = posix_spawn(&pid, "/nonexistent", NULL, NULL, targs, environ);
    printf("posix_spawn missing: %s\n", strerror(r));
    status("system exit 3", system("exit 3"));
    FILE *f = popen("echo from the shell", "r");
    char line[64] = { 0 };
    fgets(line, sizeof(line), f);
    printf("popen: %s", line);
    status("pclose", pclose(f));
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *eargs[] = { "exec'd", "child", NULL };
        execv(self, eargs);
        _exit(99);
    }
    waitpid(pid, &st, 0);
    status("execv self", st);
}

static void memory(void)
{
    char *big = malloc(64 << 20);
    check("malloc 64M", big != NULL);
    memset(big, 0x5a, 64 << 20);
    big = realloc(big, 256 << 20);
    check("realloc 256M", big && big[(64 << 20) - 1] == 0x5a);
    free(big);
    void **small = calloc(10000, sizeof(void *));
    for (int i = 0; i < 10000; i++) {
        small[i] = malloc((size_t)(i % 200) + 1);
    }
    for (int i = 0; i < 10000; i += 2) {
        free(small[i]);
    }
    check("many mallocs", small[9999] != NULL);
    pthread_attr_t attr;
    void *addr;
    size_t size;
    check("pthread_getattr_np", pthread_getattr_np(pthread_self(), &attr) == 0 &&
          pthread_attr_getstack(&attr, &addr, &size) == 0);
    char here;
    check("stack contains a local", (char *)addr < &here &&
          &here < (char *)addr + size);
    struct rlimit rl;
    check("RLIMIT_STACK", getrlimit(RLIMIT_STACK, &rl) == 0 &&
          rl.rlim_cur > 0);
}

static void identity(void)
{
    struct utsname u;
    uname(&u);
    printf("machine %s\n", u.machine);
    unsigned char r[32];
    check("getrandom", getrandom(r, sizeof(r), 0) == sizeof(r));
    check("nprocs", sysconf(_SC_NPROCESSORS_ONLN) >= 1);
    check("pagesize", sysconf(_SC_PAGESIZE) == 4096);
    check("pids", getpid() > 1 && getppid() > 0 && getpid() != getppid());
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("child argv0 %s\n", argv[0]);
        return 5;
    }
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    self[n > 0 ? n : 0] = 0;
    forks();
    spawns(self);
    memory();
    identity();
    return failures;
}
