// SPDX-License-Identifier: MIT
// posix_spawn runs its child with vfork, which shares the parent's
// memory until the exec; the child resets handlers and the mask for the
// new program.  The parent's own handlers and mask must be untouched.
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static volatile sig_atomic_t runs;

static void h(int sig)
{
    runs++;
}

int main(void)
{
    signal(SIGUSR1, h);
    sigset_t b, cur;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR2);
    sigprocmask(SIG_BLOCK, &b, NULL);
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
    pid_t pid;
    char *argv[] = { "true", NULL };
    int r = posix_spawn(&pid, "/bin/true", NULL, &at, argv, environ);
    int st = -1;
    waitpid(pid, &st, 0);
    raise(SIGUSR1);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("spawn %d, child status %d, parent handler runs %d, "
           "SIGUSR2 still blocked %d\n", r, WEXITSTATUS(st), (int)runs,
           sigismember(&cur, SIGUSR2));
    return 0;
}
