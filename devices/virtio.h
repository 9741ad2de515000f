/* SPDX-License-Identifier: MIT */
/*
 * Virtio 1.x devices (OASIS virtio v1.2) independent of the transport:
 * the device state every virtio device embeds, split virtqueues (2.7) read
 * from and written to guest memory, and the class a device type fills in.
 * The transport (virtio-mmio.c) owns the register interface and the
 * interrupt line and reaches the device through VirtIODeviceClass.
 *
 * A device handles a notification by popping elements (descriptor chains
 * mapped to host iovecs), doing the work, pushing them back with the
 * number of bytes written, and calling virtio_notify.  Everything runs
 * synchronously on the thread that made the notification.
 */
#ifndef DEVICES_VIRTIO_H
#define DEVICES_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include "system/memory.h"

/* Device types (5) */
enum {
    VIRTIO_ID_NET = 1, VIRTIO_ID_BLOCK = 2, VIRTIO_ID_CONSOLE = 3,
    VIRTIO_ID_RNG = 4, VIRTIO_ID_GPU = 16, VIRTIO_ID_INPUT = 18,
};

/* Reserved feature bits (6) */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32

/* Device status (2.1) */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* Interrupt status bits (4.2.2 InterruptStatus) */
#define VIRTIO_ISR_QUEUE 1
#define VIRTIO_ISR_CONFIG 2

#define VIRTIO_MAX_QUEUES 8
#define VIRTQ_MAX_SIZE 1024
#define VIRTQ_MAX_SG 256        /* buffers per chain we accept */

typedef struct VirtQueue {
    uint16_t num;               /* size set by the driver */
    uint16_t num_max;
    bool ready;
    uint64_t desc, avail, used; /* guest-physical ring addresses */
    uint16_t last_avail;        /* next avail entry to take */
    uint16_t used_idx;          /* our copy of used->idx */
} VirtQueue;

/* One descriptor chain: out = device-readable buffers, in = device-
 * writable buffers, each as host iovecs plus their guest addresses. */
typedef struct VirtQueueElement {
    uint16_t head;
    int out_num, in_num;
    size_t out_len, in_len;
    struct iovec out[VIRTQ_MAX_SG], in[VIRTQ_MAX_SG];
    uint64_t in_addr[VIRTQ_MAX_SG];
} VirtQueueElement;

typedef struct VirtIODevice VirtIODevice;

typedef struct VirtIODeviceClass {
    const char *name;
    uint32_t device_id;
    uint64_t features;          /* device-specific offered features */
    int num_queues;
    uint16_t queue_max;
    uint32_t config_size;
    void (*queue_notify)(VirtIODevice *vdev, int queue);
    /* optional */
    void (*reset)(VirtIODevice *vdev);
    void (*status_changed)(VirtIODevice *vdev, uint32_t old_status);
    void (*config_write)(VirtIODevice *vdev, uint32_t offset, unsigned size);
    void (*free)(VirtIODevice *vdev);
} VirtIODeviceClass;

struct VirtIODevice {
    const VirtIODeviceClass *cls;
    AddressSpace *as;
    uint64_t host_features;     /* cls->features | transport features */
    uint64_t driver_features;
    uint32_t status;
    uint32_t isr;
    uint32_t config_generation;
    uint8_t config[256];        /* device config space, little-endian */
    VirtQueue vq[VIRTIO_MAX_QUEUES];
    /* set by the transport */
    void (*update_irq)(void *transport);
    void *transport;
};

/* For device constructors: fills the common part. */
void virtio_init(VirtIODevice *vdev, const VirtIODeviceClass *cls,
                 AddressSpace *as);
/* Device reset (status 0 written, or board reset). */
void virtio_reset(VirtIODevice *vdev);
void virtio_free(VirtIODevice *vdev);
bool virtio_has_feature(const VirtIODevice *vdev, int bit);
bool virtio_driver_ok(const VirtIODevice *vdev);

/* Takes the next available chain; false when there is none or the chain
 * is malformed (then the device is marked NEEDS_RESET). */
bool virtqueue_pop(VirtIODevice *vdev, int q, VirtQueueElement *elem);
/* Is a chain available? */
bool virtqueue_has_avail(VirtIODevice *vdev, int q);
/* Returns a chain to the driver, `written` bytes having been stored in
 * its in buffers. */
void virtqueue_push(VirtIODevice *vdev, int q, const VirtQueueElement *elem,
                    uint32_t written);
/* Interrupts the driver about used buffers unless it asked not to. */
void virtio_notify(VirtIODevice *vdev, int q);
/* The config space changed: new generation and a config interrupt. */
void virtio_config_changed(VirtIODevice *vdev);

/* Copies between iovecs and a flat buffer, starting `offset` bytes into
 * the iovecs; return the bytes copied. */
size_t iov_to_buf(const struct iovec *iov, int n, size_t offset, void *buf,
                  size_t len);
size_t iov_from_buf(const struct iovec *iov, int n, size_t offset,
                    const void *buf, size_t len);
/* Builds in `dst` the part of `src` from offset to offset+len; returns the
 * count of iovecs. */
int iov_slice(const struct iovec *src, int n, size_t offset, size_t len,
              struct iovec *dst, int max);

static inline void virtio_stl(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static inline void virtio_stw(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void virtio_stq(uint8_t *p, uint64_t v)
{
    virtio_stl(p, (uint32_t)v);
    virtio_stl(p + 4, (uint32_t)(v >> 32));
}

#endif
