// SPDX-License-Identifier: MIT
// Sockets: a TCP echo over loopback between two threads (bind to port 0,
// getsockname, listen, accept4, connect, send/recv, shutdown), UDP with
// sendto/recvfrom and sendmmsg/recvmmsg, a UNIX socketpair passing a file
// descriptor with SCM_RIGHTS and credentials with SCM_CREDENTIALS through
// sendmsg/recvmsg (several iovecs), socket options (SO_RCVTIMEO as a
// timeval, SO_REUSEADDR, SO_TYPE), and a receive timing out.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static int listener;
static unsigned short port;
static int peer_loopback;
static unsigned peer_len;

static void *echo_server(void *arg)
{
    struct sockaddr_in peer;
    socklen_t len = sizeof(peer);
    int c = accept4(listener, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
    if (c < 0) {
        printf("accept failed: %s\n", strerror(errno));
        return NULL;
    }
    /* printed by the client thread after the join (no interleaving) */
    peer_loopback = peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK);
    peer_len = (unsigned)len;
    char buf[256];
    ssize_t n;
    long total = 0;
    while ((n = recv(c, buf, sizeof(buf), 0)) > 0) {
        total += n;
        send(c, buf, (size_t)n, 0);
    }
    printf("server: echoed %ld bytes\n", total);
    close(c);
    return NULL;
}

static void test_tcp(void)
{
    listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(listener, (struct sockaddr *)&a, sizeof(a)) != 0) {
        printf("bind failed: %s\n", strerror(errno));
        return;
    }
    socklen_t len = sizeof(a);
    getsockname(listener, (struct sockaddr *)&a, &len);
    port = ntohs(a.sin_port);
    listen(listener, 4);
    pthread_t t;
    pthread_create(&t, NULL, echo_server, NULL);

    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (connect(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
        printf("connect failed: %s\n", strerror(errno));
        return;
    }
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    struct sockaddr_in pa;
    len = sizeof(pa);
    getpeername(s, (struct sockaddr *)&pa, &len);
    printf("client: peer port matches %d\n", ntohs(pa.sin_port) == port);
    const char *msgs[] = { "hello", "over", "loopback tcp" };
    for (int i = 0; i < 3; i++) {
        char buf[64] = { 0 };
        send(s, msgs[i], strlen(msgs[i]), 0);
        size_t got = 0;
        while (got < strlen(msgs[i])) {
            ssize_t n = recv(s, buf + got, sizeof(buf) - 1 - got, 0);
            if (n <= 0) {
                break;
            }
            got += (size_t)n;
        }
        printf("client: echo '%s'\n", buf);
    }
    shutdown(s, SHUT_WR);
    char b;
    printf("client: eof after shutdown %zd\n", recv(s, &b, 1, 0));
    pthread_join(t, NULL);
    printf("server: peer was loopback %d, len %u\n", peer_loopback,
           peer_len);
    close(s);
    close(listener);
}

static void test_udp(void)
{
    int r = socket(AF_INET, SOCK_DGRAM, 0);
    int w = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(r, (struct sockaddr *)&a, sizeof(a));
    socklen_t len = sizeof(a);
    getsockname(r, (struct sockaddr *)&a, &len);
    sendto(w, "datagram", 8, 0, (struct sockaddr *)&a, sizeof(a));
    char buf[32] = { 0 };
    struct sockaddr_in from;
    len = sizeof(from);
    ssize_t n = recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from,
                         &len);
    printf("udp: %zd '%s' from loopback %d\n", n, buf,
           from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));

    struct mmsghdr mm[3];
    struct iovec iov[3];
    const char *words[] = { "one", "two", "three" };
    memset(mm, 0, sizeof(mm));
    for (int i = 0; i < 3; i++) {
        iov[i].iov_base = (void *)words[i];
        iov[i].iov_len = strlen(words[i]);
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
        mm[i].msg_hdr.msg_name = &a;
        mm[i].msg_hdr.msg_namelen = sizeof(a);
    }
    printf("sendmmsg: %d\n", sendmmsg(w, mm, 3, 0));
    char rb[3][16];
    memset(rb, 0, sizeof(rb));
    struct iovec riov[3];
    memset(mm, 0, sizeof(mm));
    for (int i = 0; i < 3; i++) {
        riov[i].iov_base = rb[i];
        riov[i].iov_len = sizeof(rb[i]) - 1;
        mm[i].msg_hdr.msg_iov = &riov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    int got = recvmmsg(r, mm, 3, MSG_WAITFORONE, NULL);
    printf("recvmmsg: %d:", got);
    for (int i = 0; i < got; i++) {
        printf(" %s(%u)", rb[i], mm[i].msg_len);
    }
    printf("\n");

    struct timeval tv = { 0, 20000 }, tv2;
    setsockopt(r, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    len = sizeof(tv2);
    getsockopt(r, SOL_SOCKET, SO_RCVTIMEO, &tv2, &len);
    printf("SO_RCVTIMEO: %ld us (len %u)\n", (long)tv2.tv_usec,
           (unsigned)len);
    n = recv(r, buf, sizeof(buf), 0);
    printf("recv timeout: %zd EAGAIN %d\n", n,
           errno == EAGAIN || errno == EWOULDBLOCK);
    int type;
    len = sizeof(type);
    getsockopt(r, SOL_SOCKET, SO_TYPE, &type, &len);
    printf("SO_TYPE dgram %d\n", type == SOCK_DGRAM);
    close(r);
    close(w);
}

static void test_unix(void)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
        printf("socketpair failed\n");
        return;
    }
    int one = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
    int p[2];
    pipe(p);
    write(p[1], "through the fd", 14);
    close(p[1]);

    /* SCM_RIGHTS with a two-part message */
    char c1[] = "part one, ", c2[] = "part two";
    struct iovec iov[2] = { { c1, strlen(c1) }, { c2, strlen(c2) } };
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } ctl;
    memset(&ctl, 0, sizeof(ctl));
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2,
                        .msg_control = ctl.buf,
                        .msg_controllen = sizeof(ctl.buf) };
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &p[0], sizeof(int));
    printf("sendmsg: %zd\n", sendmsg(sv[0], &m, 0));
    close(p[0]);

    char rbuf[64] = { 0 };
    struct iovec riov = { rbuf, sizeof(rbuf) - 1 };
    union {
        char buf[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
        struct cmsghdr align;
    } rctl;
    struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1,
                         .msg_control = rctl.buf,
                         .msg_controllen = sizeof(rctl.buf) };
    ssize_t n = recvmsg(sv[1], &rm, 0);
    printf("recvmsg: %zd '%s' flags %d\n", n, rbuf, rm.msg_flags);
    int fd = -1, creds = 0;
    for (cm = CMSG_FIRSTHDR(&rm); cm; cm = CMSG_NXTHDR(&rm, cm)) {
        if (cm->cmsg_type == SCM_RIGHTS) {
            memcpy(&fd, CMSG_DATA(cm), sizeof(int));
        } else if (cm->cmsg_type == SCM_CREDENTIALS) {
            struct ucred u;
            memcpy(&u, CMSG_DATA(cm), sizeof(u));
            creds = u.pid == getpid() && u.uid == getuid();
        }
    }
    char fbuf[32] = { 0 };
    if (fd >= 0) {
        read(fd, fbuf, sizeof(fbuf) - 1);
        close(fd);
    }
    printf("passed fd reads '%s', credentials ok %d\n", fbuf, creds);

    struct ucred pc;
    socklen_t len = sizeof(pc);
    getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &pc, &len);
    printf("SO_PEERCRED: pid ok %d\n", pc.pid == getpid());
    close(sv[0]);
    close(sv[1]);

    /* a named socket */
    struct sockaddr_un ua = { .sun_family = AF_UNIX };
    snprintf(ua.sun_path, sizeof(ua.sun_path), "/tmp/mimic-sock-%d",
             (int)getpid());
    unlink(ua.sun_path);
    int l = socket(AF_UNIX, SOCK_DGRAM, 0);
    bind(l, (struct sockaddr *)&ua, sizeof(ua));
    int c = socket(AF_UNIX, SOCK_DGRAM, 0);
    n = sendto(c, "unix dgram", 10, 0, (struct sockaddr *)&ua, sizeof(ua));
    memset(rbuf, 0, sizeof(rbuf));
    n = recv(l, rbuf, sizeof(rbuf), 0);
    printf("unix dgram: %zd '%s'\n", n, rbuf);
    unlink(ua.sun_path);
    close(l);
    close(c);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_tcp();
    test_udp();
    test_unix();
    return 0;
}
