/* SPDX-License-Identifier: MIT */
/*
 * The virtio-mmio transport, version 2 (virtio v1.2, 4.2.2): one register
 * window per slot, an interrupt line, and at most one device.  An empty
 * slot reads DeviceID 0, which drivers skip.
 */
#ifndef DEVICES_VIRTIO_MMIO_H
#define DEVICES_VIRTIO_MMIO_H

#include "system/devfdt.h"
#include "system/irq.h"
#include "virtio.h"

#define VIRTIO_MMIO_SIZE 0x200

typedef struct VirtIOMMIO VirtIOMMIO;

VirtIOMMIO *virtio_mmio_create(AddressSpace *as, uint64_t base, IRQLine irq);
/* Puts a device in an empty slot; false if the slot is taken. */
bool virtio_mmio_plug(VirtIOMMIO *t, VirtIODevice *vdev);
VirtIODevice *virtio_mmio_device(VirtIOMMIO *t);
void virtio_mmio_reset(VirtIOMMIO *t);
/* Frees the transport and its device. */
void virtio_mmio_free(VirtIOMMIO *t);
int virtio_mmio_fdt_add(VirtIOMMIO *t, void *fdt, const DeviceFdtCtx *ctx);

#endif
