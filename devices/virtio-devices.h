/* SPDX-License-Identifier: MIT */
/*
 * Constructors of the virtio device types.  Each returns a VirtIODevice to
 * plug into a transport (virtio_mmio_plug), or NULL with a reason in err.
 */
#ifndef DEVICES_VIRTIO_DEVICES_H
#define DEVICES_VIRTIO_DEVICES_H

#include <stddef.h>
#include "system/chardev.h"
#include "system/display.h"
#include "system/input.h"
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

/* virtio-input: events come from the input router (NULL: none). */
typedef enum VirtIOInputKind {
    VIRTIO_INPUT_KEYBOARD,      /* virtio-keyboard-device */
    VIRTIO_INPUT_TABLET,        /* virtio-tablet-device: absolute pointer */
    VIRTIO_INPUT_MOUSE,         /* virtio-mouse-device: relative pointer */
} VirtIOInputKind;
VirtIODevice *virtio_input_new(AddressSpace *as, Input *in,
                               VirtIOInputKind kind);
/* The LED bits (1 << LED_*) the driver last set through the statusq. */
uint32_t virtio_input_leds(VirtIODevice *vdev);

/* virtio-gpu (2D) showing its scanout on disp (may be NULL); width x
 * height is the mode offered until the window says otherwise. */
VirtIODevice *virtio_gpu_new(AddressSpace *as, Display *disp, uint32_t width,
                             uint32_t height);

#endif
