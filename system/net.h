/* SPDX-License-Identifier: MIT */
/*
 * Host network backends for a guest NIC: frames the guest sends go to
 * net_send, frames for the guest arrive through the attached client's
 * receive callback.
 *
 *  user     libslirp user-mode networking (-netdev user): the guest is
 *           10.0.2.15 on 10.0.2.0/24 behind a NAT, gateway 10.0.2.2, DNS
 *           10.0.2.3, DHCP; hostfwd=tcp:HOSTADDR:PORT-:GUESTPORT forwards
 *           a host port into the guest.
 *  capture  keeps what the guest sent and injects frames on request: for
 *           unit tests.
 */
#ifndef SYSTEM_NET_H
#define SYSTEM_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "main-loop.h"

typedef struct NetBackend NetBackend;

typedef struct NetClient {
    /* A frame for the guest.  The client may drop it (no buffers). */
    void (*receive)(void *opaque, const uint8_t *frame, size_t len);
    void *opaque;
} NetClient;

/* opts: the -netdev user options after "user," without id=, e.g.
 * "hostfwd=tcp:127.0.0.1:2222-:22" (several hostfwd= allowed). */
NetBackend *net_user_new(MainLoop *ml, const char *opts, char *err,
                         size_t errlen);
NetBackend *net_capture_new(void);
void net_free(NetBackend *nb);

void net_attach(NetBackend *nb, const NetClient *client);
void net_send(NetBackend *nb, const uint8_t *frame, size_t len);

/* capture backend */
size_t net_capture_take(NetBackend *nb, uint8_t *buf, size_t max);
void net_capture_inject(NetBackend *nb, const uint8_t *frame, size_t len);

#endif
