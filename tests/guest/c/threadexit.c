// SPDX-License-Identifier: MIT
// The main thread leaves with pthread_exit while another thread still
// runs: the process lives on until that thread ends, and exits with
// status 0.  On the way, SIGCHLD from a forked child reaches a handler.
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t chld;

static void h(int sig)
{
    chld++;
}

static void *worker(void *arg)
{
    usleep(50000);
    printf("worker done after main left\n");
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGCHLD, h);
    sigset_t b, old;
    sigemptyset(&b);
    sigaddset(&b, SIGCHLD);
    sigprocmask(SIG_BLOCK, &b, &old);
    pid_t pid = fork();
    if (pid == 0) {
        _exit(4);
    }
    while (!chld) {
        sigsuspend(&old);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    int st;
    waitpid(pid, &st, 0);
    printf("SIGCHLD %d, child status %d\n", (int)chld, WEXITSTATUS(st));
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_exit(NULL);
}
