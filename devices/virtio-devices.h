/* SPDX-License-Identifier: MIT */
/*
 * Constructors of the virtio device types.  Each returns a VirtIODevice to
 * plug into a transport (virtio_mmio_plug), or NULL with a reason in err.
 */
#ifndef DEVICES_VIRTIO_DEVICES_H
#define DEVICES_VIRTIO_DEVICES_H

#include <stddef.h>
#include "system/chardev.h"
#include "system/net.h"
#include "virtio.h"

/* virtio-blk over a raw image file (opened read-write unless read_only). */
VirtIODevice *virtio_blk_new(AddressSpace *as, const char *path,
                             bool read_only, char *err, size_t errlen);
/* Pushes writes to stable storage (at power-off). */
void virtio_blk_flush(VirtIODevice *vdev);

/* virtio-rng: entropy from the host's getrandom. */
VirtIODevice *virtio_rng_new(AddressSpace *as);

/* virtio-console (single port, hvc0 in Linux) on a chardev. */
VirtIODevice *virtio_console_new(AddressSpace *as, Chardev *chr);

/* virtio-net on a host network backend; mac may be NULL (a fixed
 * locally administered address 52:54:00:12:34:(56 + index)). */
VirtIODevice *virtio_net_new(AddressSpace *as, NetBackend *backend,
                             const uint8_t *mac, int index);

#endif
