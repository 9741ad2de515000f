/* SPDX-License-Identifier: MIT */
/*
 * virtio-net (virtio v1.2, 5.1) with one receive and one transmit queue,
 * no offloads and no control queue.  Frames carry the 12-byte
 * virtio_net_hdr_v1; the host side is a NetBackend (libslirp).  Frames
 * that arrive while the driver has posted no receive buffer wait in a
 * short backlog, then are dropped (TCP retransmits).
 */
#include <stdlib.h>
#include <string.h>
#include "virtio-devices.h"

#define VIRTIO_NET_F_MAC 5
#define VIRTIO_NET_F_STATUS 16
#define VIRTIO_NET_S_LINK_UP 1

enum { NET_RXQ = 0, NET_TXQ = 1 };

#define NET_HDR_LEN 12
#define NET_FRAME_MAX 65550
#define NET_BACKLOG 64

typedef struct PendingFrame {
    size_t len;
    uint8_t *data;
} PendingFrame;

typedef struct VirtIONet {
    VirtIODevice vdev;
    NetBackend *nb;
    VirtQueueElement elem;
    PendingFrame backlog[NET_BACKLOG];
    int bl_head, bl_count;
    uint8_t frame[NET_FRAME_MAX];
} VirtIONet;

/* Copies one frame into the next receive buffer; false if none. */
static bool net_deliver(VirtIONet *n, const uint8_t *frame, size_t len)
{
    VirtIODevice *vdev = &n->vdev;
    if (!virtio_driver_ok(vdev) || !virtqueue_pop(vdev, NET_RXQ, &n->elem)) {
        return false;
    }
    uint8_t hdr[NET_HDR_LEN] = { 0 };
    virtio_stw(hdr + 10, 1);        /* num_buffers */
    VirtQueueElement *e = &n->elem;
    uint32_t written = 0;
    if (e->in_len >= NET_HDR_LEN + len) {   /* else too big: drop it */
        iov_from_buf(e->in, e->in_num, 0, hdr, NET_HDR_LEN);
        iov_from_buf(e->in, e->in_num, NET_HDR_LEN, frame, len);
        written = (uint32_t)(NET_HDR_LEN + len);
    }
    virtqueue_push(vdev, NET_RXQ, e, written);
    virtio_notify(vdev, NET_RXQ);
    return true;
}

static void net_flush_backlog(VirtIONet *n)
{
    while (n->bl_count) {
        PendingFrame *f = &n->backlog[n->bl_head];
        if (!net_deliver(n, f->data, f->len)) {
            return;
        }
        free(f->data);
        n->bl_head = (n->bl_head + 1) % NET_BACKLOG;
        n->bl_count--;
    }
}

static void net_receive(void *opaque, const uint8_t *frame, size_t len)
{
    VirtIONet *n = opaque;
    net_flush_backlog(n);
    if (!n->bl_count && net_deliver(n, frame, len)) {
        return;
    }
    if (n->bl_count == NET_BACKLOG || !virtio_driver_ok(&n->vdev)) {
        return;
    }
    PendingFrame *f = &n->backlog[(n->bl_head + n->bl_count) % NET_BACKLOG];
    f->data = malloc(len);
    memcpy(f->data, frame, len);
    f->len = len;
    n->bl_count++;
}

static void net_tx(VirtIONet *n)
{
    VirtIODevice *vdev = &n->vdev;
    bool any = false;
    while (virtqueue_pop(vdev, NET_TXQ, &n->elem)) {
        VirtQueueElement *e = &n->elem;
        if (e->out_len > NET_HDR_LEN && e->out_len - NET_HDR_LEN <=
            NET_FRAME_MAX) {
            size_t len = iov_to_buf(e->out, e->out_num, NET_HDR_LEN, n->frame,
                                    e->out_len - NET_HDR_LEN);
            net_send(n->nb, n->frame, len);
        }
        virtqueue_push(vdev, NET_TXQ, e, 0);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, NET_TXQ);
    }
}

static void net_notify(VirtIODevice *vdev, int q)
{
    VirtIONet *n = (VirtIONet *)vdev;
    if (q == NET_TXQ) {
        net_tx(n);
    } else {
        net_flush_backlog(n);
    }
}

static void net_drop_backlog(VirtIONet *n)
{
    while (n->bl_count) {
        free(n->backlog[n->bl_head].data);
        n->bl_head = (n->bl_head + 1) % NET_BACKLOG;
        n->bl_count--;
    }
}

static void net_reset(VirtIODevice *vdev)
{
    net_drop_backlog((VirtIONet *)vdev);
}

static void vnet_free(VirtIODevice *vdev)
{
    VirtIONet *n = (VirtIONet *)vdev;
    net_drop_backlog(n);
    NetClient none = { 0 };
    net_attach(n->nb, &none);
    free(n);
}

static const VirtIODeviceClass virtio_net_class = {
    .name = "net",
    .device_id = VIRTIO_ID_NET,
    .features = 1ull << VIRTIO_NET_F_MAC | 1ull << VIRTIO_NET_F_STATUS,
    .num_queues = 2,
    .queue_max = 256,
    .config_size = 12,      /* mac, status, max_virtqueue_pairs, mtu */
    .queue_notify = net_notify,
    .reset = net_reset,
    .free = vnet_free,
};

VirtIODevice *virtio_net_new(AddressSpace *as, NetBackend *backend,
                             const uint8_t *mac, int index)
{
    VirtIONet *n = calloc(1, sizeof(*n));
    n->nb = backend;
    virtio_init(&n->vdev, &virtio_net_class, as);
    uint8_t *cfg = n->vdev.config;
    static const uint8_t def[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
    memcpy(cfg, mac ? mac : def, 6);
    if (!mac) {
        cfg[5] = (uint8_t)(cfg[5] + index);
    }
    virtio_stw(cfg + 6, VIRTIO_NET_S_LINK_UP);
    virtio_stw(cfg + 8, 1);
    NetClient client = { .receive = net_receive, .opaque = n };
    net_attach(backend, &client);
    return &n->vdev;
}
