/* SPDX-License-Identifier: MIT */
/*
 * Unit test of the libslirp network backend inside the main loop: the
 * guest's ARP request for the gateway gets a reply, and a connection to a
 * hostfwd port on the host's loopback reaches the guest as a TCP SYN to
 * 10.0.2.15 on the forwarded port.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"
#include "system/net.h"

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

typedef struct Seen {
    int frames;
    bool arp_reply, syn;
    int syn_port;
} Seen;

static void receive(void *opaque, const uint8_t *f, size_t len)
{
    Seen *s = opaque;
    s->frames++;
    if (len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 2 &&
        !memcmp(f + 28, "\x0a\x00\x02\x02", 4)) {
        s->arp_reply = true;    /* 10.0.2.2 is at ... */
    }
    /* IPv4, TCP, to 10.0.2.15, SYN without ACK */
    if (len >= 54 && f[12] == 0x08 && f[13] == 0x00 && f[23] == 6 &&
        !memcmp(f + 30, "\x0a\x00\x02\x0f", 4)) {
        const uint8_t *tcp = f + 14 + (f[14] & 0xf) * 4;
        if ((tcp[13] & 0x12) == 0x02) {
            s->syn = true;
            s->syn_port = tcp[2] << 8 | tcp[3];
        }
    }
}

static void send_arp_request(NetBackend *nb)
{
    uint8_t f[42] = { 0 };
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    f[12] = 0x08, f[13] = 0x06;
    f[14] = 0, f[15] = 1, f[16] = 0x08, f[17] = 0, f[18] = 6, f[19] = 4;
    f[20] = 0, f[21] = 1;                       /* request */
    memcpy(f + 22, guest_mac, 6);
    memcpy(f + 28, "\x0a\x00\x02\x0f", 4);      /* from 10.0.2.15 */
    memcpy(f + 38, "\x0a\x00\x02\x02", 4);      /* who has 10.0.2.2 */
    net_send(nb, f, sizeof(f));
}

static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(a);
    bind(s, (struct sockaddr *)&a, sizeof(a));
    getsockname(s, (struct sockaddr *)&a, &len);
    close(s);
    return ntohs(a.sin_port);
}

int main(void)
{
    MainLoop *ml = main_loop_new();
    char err[256], opts[128];
    int port = free_port();
    snprintf(opts, sizeof(opts), "hostfwd=tcp:127.0.0.1:%d-:2222", port);
    NetBackend *nb = net_user_new(ml, opts, err, sizeof(err));
    CHECK(nb != NULL);
    if (!nb) {
        printf("  %s\n", err);
        return check_summary();
    }
    Seen seen = { 0 };
    NetClient c = { receive, &seen };
    net_attach(nb, &c);
    send_arp_request(nb);
    for (int i = 0; i < 50 && !seen.arp_reply; i++) {
        main_loop_wait(ml, 10000000);
    }
    CHECK(seen.arp_reply);
    /* the host connects to the forwarded port */
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    connect(s, (struct sockaddr *)&a, sizeof(a));
    for (int i = 0; i < 200 && !seen.syn; i++) {
        main_loop_wait(ml, 10000000);
    }
    CHECK(seen.syn);
    CHECK_EQ(seen.syn_port, 2222);
    close(s);
    /* option errors */
    CHECK(net_user_new(ml, "hostfwd=tcp:1.2.3.4", err, sizeof(err)) == NULL);
    CHECK(strstr(err, "bad hostfwd") != NULL);
    CHECK(net_user_new(ml, "restrict=on", err, sizeof(err)) == NULL);
    CHECK(strstr(err, "unknown -netdev user option") != NULL);
    net_free(nb);
    main_loop_free(ml);
    return check_summary();
}
