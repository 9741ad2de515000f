/* SPDX-License-Identifier: MIT */
/*
 * virtio-console (virtio v1.2, 5.3) with a single port and no multiport
 * control queue: queue 0 carries input to the guest, queue 1 output from
 * it.  Linux shows the port as /dev/hvc0.  The host end is a chardev.
 */
#include <stdlib.h>
#include "virtio-devices.h"

enum { CONSOLE_RXQ = 0, CONSOLE_TXQ = 1 };

typedef struct VirtIOConsole {
    VirtIODevice vdev;
    Chardev *chr;
    VirtQueueElement rx;        /* an input buffer taken from the driver */
    bool rx_held;
    VirtQueueElement tx;
} VirtIOConsole;

static void console_tx(VirtIOConsole *c)
{
    VirtIODevice *vdev = &c->vdev;
    bool any = false;
    while (virtqueue_pop(vdev, CONSOLE_TXQ, &c->tx)) {
        for (int i = 0; i < c->tx.out_num; i++) {
            if (c->chr) {
                chardev_write(c->chr, c->tx.out[i].iov_base,
                              (int)c->tx.out[i].iov_len);
            }
        }
        virtqueue_push(vdev, CONSOLE_TXQ, &c->tx, 0);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, CONSOLE_TXQ);
    }
}

static void console_notify(VirtIODevice *vdev, int q)
{
    VirtIOConsole *c = (VirtIOConsole *)vdev;
    if (q == CONSOLE_TXQ) {
        console_tx(c);
    } else if (c->chr) {
        chardev_accept_input(c->chr);   /* new input buffers */
    }
}

/* Room in the next input buffer the driver gave us. */
static int console_can_read(void *opaque)
{
    VirtIOConsole *c = opaque;
    if (!c->rx_held) {
        if (!virtio_driver_ok(&c->vdev) ||
            !virtqueue_pop(&c->vdev, CONSOLE_RXQ, &c->rx)) {
            return 0;
        }
        c->rx_held = true;
    }
    return c->rx.in_len > 0x10000 ? 0x10000 : (int)c->rx.in_len;
}

static void console_receive(void *opaque, const uint8_t *buf, int len)
{
    VirtIOConsole *c = opaque;
    if (!c->rx_held) {
        return;
    }
    size_t n = iov_from_buf(c->rx.in, c->rx.in_num, 0, buf, (size_t)len);
    virtqueue_push(&c->vdev, CONSOLE_RXQ, &c->rx, (uint32_t)n);
    c->rx_held = false;
    virtio_notify(&c->vdev, CONSOLE_RXQ);
}

static void console_reset(VirtIODevice *vdev)
{
    ((VirtIOConsole *)vdev)->rx_held = false;
}

static void console_free(VirtIODevice *vdev)
{
    free(vdev);
}

static const VirtIODeviceClass virtio_console_class = {
    .name = "console",
    .device_id = VIRTIO_ID_CONSOLE,
    .num_queues = 2,
    .queue_max = 128,
    .config_size = 12,      /* cols, rows, max_nr_ports, emerg_wr */
    .queue_notify = console_notify,
    .reset = console_reset,
    .free = console_free,
};

VirtIODevice *virtio_console_new(AddressSpace *as, Chardev *chr)
{
    VirtIOConsole *c = calloc(1, sizeof(*c));
    c->chr = chr;
    virtio_init(&c->vdev, &virtio_console_class, as);
    virtio_stl(c->vdev.config + 4, 1);      /* max_nr_ports */
    if (chr) {
        CharFrontend fe = { .can_read = console_can_read,
                            .read = console_receive, .opaque = c,
                            .name = "virtio-console" };
        chardev_attach(chr, &fe);
    }
    return &c->vdev;
}
