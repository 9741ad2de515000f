/* SPDX-License-Identifier: MIT */
/*
 * virtio-rng / entropy device (virtio v1.2, 5.4): fills each buffer the
 * driver offers with bytes from the host's getrandom.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>
#include "virtio-devices.h"

typedef struct VirtIORng {
    VirtIODevice vdev;
    VirtQueueElement elem;
} VirtIORng;

static size_t fill_random(const struct iovec *iov, int n)
{
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        size_t done = 0;
        while (done < iov[i].iov_len) {
            ssize_t r = getrandom((uint8_t *)iov[i].iov_base + done,
                                  iov[i].iov_len - done, 0);
            if (r < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return total + done;
            }
            done += (size_t)r;
        }
        total += done;
    }
    return total;
}

static void rng_notify(VirtIODevice *vdev, int q)
{
    VirtIORng *r = (VirtIORng *)vdev;
    bool any = false;
    while (virtqueue_pop(vdev, q, &r->elem)) {
        size_t n = fill_random(r->elem.in, r->elem.in_num);
        virtqueue_push(vdev, q, &r->elem, (uint32_t)n);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, q);
    }
}

static void rng_free(VirtIODevice *vdev)
{
    free(vdev);
}

static const VirtIODeviceClass virtio_rng_class = {
    .name = "rng",
    .device_id = VIRTIO_ID_RNG,
    .num_queues = 1,
    .queue_max = 64,
    .config_size = 0,
    .queue_notify = rng_notify,
    .free = rng_free,
};

VirtIODevice *virtio_rng_new(AddressSpace *as)
{
    VirtIORng *r = calloc(1, sizeof(*r));
    virtio_init(&r->vdev, &virtio_rng_class, as);
    return &r->vdev;
}
