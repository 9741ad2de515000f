/* SPDX-License-Identifier: MIT */
/*
 * virtio-mmio transport, version 2 ("modern", virtio v1.2 4.2.2): device
 * identification, feature negotiation in 32-bit windows, split-queue
 * set-up, notification, interrupt status/acknowledge and the device
 * config space at 0x100.  The legacy (version 1) layout is not offered.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>
#include "virtio-mmio.h"
#include "util/log.h"

enum {
    MMIO_MAGIC = 0x000, MMIO_VERSION = 0x004, MMIO_DEVICE_ID = 0x008,
    MMIO_VENDOR_ID = 0x00c, MMIO_DEVICE_FEATURES = 0x010,
    MMIO_DEVICE_FEATURES_SEL = 0x014, MMIO_DRIVER_FEATURES = 0x020,
    MMIO_DRIVER_FEATURES_SEL = 0x024, MMIO_QUEUE_SEL = 0x030,
    MMIO_QUEUE_NUM_MAX = 0x034, MMIO_QUEUE_NUM = 0x038,
    MMIO_QUEUE_READY = 0x044, MMIO_QUEUE_NOTIFY = 0x050,
    MMIO_INTERRUPT_STATUS = 0x060, MMIO_INTERRUPT_ACK = 0x064,
    MMIO_STATUS = 0x070, MMIO_QUEUE_DESC_LOW = 0x080,
    MMIO_QUEUE_DESC_HIGH = 0x084, MMIO_QUEUE_DRIVER_LOW = 0x090,
    MMIO_QUEUE_DRIVER_HIGH = 0x094, MMIO_QUEUE_DEVICE_LOW = 0x0a0,
    MMIO_QUEUE_DEVICE_HIGH = 0x0a4, MMIO_SHM_SEL = 0x0ac,
    MMIO_SHM_LEN_LOW = 0x0b0, MMIO_SHM_LEN_HIGH = 0x0b4,
    MMIO_SHM_BASE_LOW = 0x0b8, MMIO_SHM_BASE_HIGH = 0x0bc,
    MMIO_CONFIG_GENERATION = 0x0fc, MMIO_CONFIG = 0x100,
};

#define VIRTIO_MMIO_MAGIC 0x74726976u     /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x4d494d43u    /* "MIMC" */

struct VirtIOMMIO {
    AddressSpace *as;
    MemoryRegion *mr;
    uint64_t base;
    IRQLine irq;
    VirtIODevice *vdev;
    uint32_t dev_features_sel, drv_features_sel, queue_sel;
};

static void mmio_update_irq(void *opaque)
{
    VirtIOMMIO *t = opaque;
    irq_set_level(&t->irq, t->vdev && t->vdev->isr != 0);
}

static VirtQueue *cur_queue(VirtIOMMIO *t)
{
    if (!t->vdev || t->queue_sel >= (uint32_t)t->vdev->cls->num_queues) {
        return NULL;
    }
    return &t->vdev->vq[t->queue_sel];
}

static uint64_t config_read(VirtIODevice *vdev, uint64_t off, unsigned size)
{
    uint64_t v = 0;
    if (off + size > vdev->cls->config_size) {
        return 0;
    }
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)vdev->config[off + i] << (8 * i);
    }
    return v;
}

static uint64_t queue_reg_read(VirtIOMMIO *t, uint64_t off)
{
    VirtQueue *vq = cur_queue(t);
    if (!vq) {
        return 0;
    }
    switch (off) {
    case MMIO_QUEUE_NUM_MAX: return vq->num_max;
    case MMIO_QUEUE_NUM: return vq->num;
    case MMIO_QUEUE_READY: return vq->ready;
    case MMIO_QUEUE_DESC_LOW: return (uint32_t)vq->desc;
    case MMIO_QUEUE_DESC_HIGH: return vq->desc >> 32;
    case MMIO_QUEUE_DRIVER_LOW: return (uint32_t)vq->avail;
    case MMIO_QUEUE_DRIVER_HIGH: return vq->avail >> 32;
    case MMIO_QUEUE_DEVICE_LOW: return (uint32_t)vq->used;
    case MMIO_QUEUE_DEVICE_HIGH: return vq->used >> 32;
    }
    return 0;
}

static uint64_t mmio_read(void *opaque, uint64_t off, unsigned size)
{
    VirtIOMMIO *t = opaque;
    VirtIODevice *vdev = t->vdev;
    if (off >= MMIO_CONFIG) {
        return vdev ? config_read(vdev, off - MMIO_CONFIG, size) : 0;
    }
    if (size != 4) {
        log_guest_error("virtio-mmio: %u-byte read at 0x%llx\n", size,
                        (unsigned long long)off);
        return 0;
    }
    switch (off) {
    case MMIO_MAGIC: return VIRTIO_MMIO_MAGIC;
    case MMIO_VERSION: return 2;
    case MMIO_DEVICE_ID: return vdev ? vdev->cls->device_id : 0;
    case MMIO_VENDOR_ID: return VIRTIO_MMIO_VENDOR;
    }
    if (!vdev) {
        return 0;
    }
    switch (off) {
    case MMIO_DEVICE_FEATURES:
        return t->dev_features_sel < 2
               ? (uint32_t)(vdev->host_features >> (32 * t->dev_features_sel))
               : 0;
    case MMIO_INTERRUPT_STATUS: return vdev->isr;
    case MMIO_STATUS: return vdev->status;
    case MMIO_CONFIG_GENERATION: return vdev->config_generation;
    case MMIO_SHM_LEN_LOW:
    case MMIO_SHM_LEN_HIGH:
        return 0xffffffffu;     /* no shared memory regions */
    }
    return queue_reg_read(t, off);
}

static void set_addr_half(uint64_t *a, bool high, uint32_t v)
{
    *a = high ? (*a & 0xffffffffull) | (uint64_t)v << 32
              : (*a & ~0xffffffffull) | v;
}

static void queue_reg_write(VirtIOMMIO *t, uint64_t off, uint32_t v)
{
    VirtQueue *vq = cur_queue(t);
    if (!vq) {
        return;
    }
    /* 4.2.2.3: the ring set-up registers are written while not ready */
    if (vq->ready && off != MMIO_QUEUE_READY) {
        return;
    }
    switch (off) {
    case MMIO_QUEUE_NUM:
        if (v >= 1 && v <= vq->num_max) {
            vq->num = (uint16_t)v;
        }
        break;
    case MMIO_QUEUE_READY:
        vq->ready = v & 1;
        if (vq->ready) {
            vq->last_avail = 0;
            vq->used_idx = 0;
        }
        break;
    case MMIO_QUEUE_DESC_LOW: set_addr_half(&vq->desc, false, v); break;
    case MMIO_QUEUE_DESC_HIGH: set_addr_half(&vq->desc, true, v); break;
    case MMIO_QUEUE_DRIVER_LOW: set_addr_half(&vq->avail, false, v); break;
    case MMIO_QUEUE_DRIVER_HIGH: set_addr_half(&vq->avail, true, v); break;
    case MMIO_QUEUE_DEVICE_LOW: set_addr_half(&vq->used, false, v); break;
    case MMIO_QUEUE_DEVICE_HIGH: set_addr_half(&vq->used, true, v); break;
    }
}

/* 3.1.1: FEATURES_OK sticks only if the driver chose a subset of what
 * was offered, including VERSION_1 (this transport is modern only). */
static void write_status(VirtIOMMIO *t, uint32_t v)
{
    VirtIODevice *vdev = t->vdev;
    uint32_t old = vdev->status;
    if (v == 0) {
        virtio_reset(vdev);
        return;
    }
    if ((v & VIRTIO_STATUS_FEATURES_OK) &&
        !(old & VIRTIO_STATUS_FEATURES_OK)) {
        if ((vdev->driver_features & ~vdev->host_features) ||
            !virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
            v &= ~(uint32_t)VIRTIO_STATUS_FEATURES_OK;
        }
    }
    vdev->status = (v & 0xff) | (old & VIRTIO_STATUS_NEEDS_RESET);
    if (vdev->cls->status_changed && vdev->status != old) {
        vdev->cls->status_changed(vdev, old);
    }
}

static void config_write(VirtIODevice *vdev, uint64_t off, uint64_t v,
                         unsigned size)
{
    if (!vdev->cls->config_write || off + size > vdev->cls->config_size) {
        return;
    }
    for (unsigned i = 0; i < size; i++) {
        vdev->config[off + i] = (uint8_t)(v >> (8 * i));
    }
    vdev->cls->config_write(vdev, (uint32_t)off, size);
}

static void mmio_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    VirtIOMMIO *t = opaque;
    VirtIODevice *vdev = t->vdev;
    if (!vdev) {
        return;
    }
    if (off >= MMIO_CONFIG) {
        config_write(vdev, off - MMIO_CONFIG, v, size);
        return;
    }
    if (size != 4) {
        log_guest_error("virtio-mmio: %u-byte write at 0x%llx\n", size,
                        (unsigned long long)off);
        return;
    }
    uint32_t w = (uint32_t)v;
    switch (off) {
    case MMIO_DEVICE_FEATURES_SEL: t->dev_features_sel = w; break;
    case MMIO_DRIVER_FEATURES_SEL: t->drv_features_sel = w; break;
    case MMIO_DRIVER_FEATURES:
        if (t->drv_features_sel < 2 &&
            !(vdev->status & VIRTIO_STATUS_FEATURES_OK)) {
            int sh = 32 * (int)t->drv_features_sel;
            vdev->driver_features = (vdev->driver_features &
                                     ~(0xffffffffull << sh)) |
                                    (uint64_t)w << sh;
        }
        break;
    case MMIO_QUEUE_SEL: t->queue_sel = w; break;
    case MMIO_QUEUE_NOTIFY:
        if (w < (uint32_t)vdev->cls->num_queues && vdev->vq[w].ready &&
            virtio_driver_ok(vdev)) {
            vdev->cls->queue_notify(vdev, (int)w);
        }
        break;
    case MMIO_INTERRUPT_ACK:
        vdev->isr &= ~w;
        mmio_update_irq(t);
        break;
    case MMIO_STATUS:
        write_status(t, w);
        break;
    case MMIO_SHM_SEL:
        break;
    default:
        queue_reg_write(t, off, w);
        break;
    }
}

static const MemoryRegionOps virtio_mmio_ops = {
    .read = mmio_read, .write = mmio_write, .max_access = 4,
};

VirtIOMMIO *virtio_mmio_create(AddressSpace *as, uint64_t base, IRQLine irq)
{
    VirtIOMMIO *t = calloc(1, sizeof(*t));
    t->as = as;
    t->base = base;
    t->irq = irq;
    t->mr = memory_map_mmio(as, "virtio-mmio", base, VIRTIO_MMIO_SIZE,
                            &virtio_mmio_ops, t);
    if (!t->mr) {
        free(t);
        return NULL;
    }
    return t;
}

bool virtio_mmio_plug(VirtIOMMIO *t, VirtIODevice *vdev)
{
    if (t->vdev) {
        return false;
    }
    t->vdev = vdev;
    vdev->transport = t;
    vdev->update_irq = mmio_update_irq;
    snprintf(t->mr->name, sizeof(t->mr->name), "virtio-mmio (%s)",
             vdev->cls->name);
    return true;
}

VirtIODevice *virtio_mmio_device(VirtIOMMIO *t)
{
    return t->vdev;
}

void virtio_mmio_reset(VirtIOMMIO *t)
{
    t->dev_features_sel = t->drv_features_sel = t->queue_sel = 0;
    if (t->vdev) {
        virtio_reset(t->vdev);
    }
    mmio_update_irq(t);
}

void virtio_mmio_free(VirtIOMMIO *t)
{
    if (t) {
        virtio_free(t->vdev);
        memory_unmap(t->as, t->mr);
        free(t);
    }
}

int virtio_mmio_fdt_add(VirtIOMMIO *t, void *fdt, const DeviceFdtCtx *ctx)
{
    int node = devfdt_add_node(fdt, "virtio_mmio", t->base);
    FDT_TRY(node);
    FDT_TRY(fdt_setprop_string(fdt, node, "compatible", "virtio,mmio"));
    FDT_TRY(devfdt_set_reg(fdt, node, t->base, VIRTIO_MMIO_SIZE));
    FDT_TRY(devfdt_set_irq(ctx, fdt, node, &t->irq, IRQ_TYPE_LEVEL_HIGH));
    FDT_TRY(fdt_setprop(fdt, node, "dma-coherent", NULL, 0));
    return node;
}
