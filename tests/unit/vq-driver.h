/* SPDX-License-Identifier: MIT */
/*
 * A tiny virtio-mmio driver for device unit tests (virtio-input,
 * virtio-gpu), written from the virtio v1.2 spec: the 3.1.1 / 4.2.3
 * initialisation sequence, split virtqueues (2.7) in fake guest RAM, and
 * byte access to the config space.  Header-only: each test includes it
 * once.
 */
#ifndef TESTS_UNIT_VQ_DRIVER_H
#define TESTS_UNIT_VQ_DRIVER_H

#include "check.h"
#include "devices/virtio-mmio.h"

#define VQ_RAM 0x40000000ull
#define VQ_RAM_SIZE (4u << 20)
#define VQ_SLOT 0x0a000000ull
#define VQ_SIZE 16

enum { VQ_VERSION = 4, VQ_DEVICE_ID = 8, VQ_DEV_FEAT = 0x10,
       VQ_DEV_FEAT_SEL = 0x14, VQ_DRV_FEAT = 0x20, VQ_DRV_FEAT_SEL = 0x24,
       VQ_QUEUE_SEL = 0x30, VQ_QUEUE_NUM = 0x38, VQ_QUEUE_READY = 0x44,
       VQ_QUEUE_NOTIFY = 0x50, VQ_INT_STATUS = 0x60, VQ_INT_ACK = 0x64,
       VQ_STATUS = 0x70, VQ_QUEUE_DESC = 0x80, VQ_QUEUE_DRIVER = 0x90,
       VQ_QUEUE_DEVICE = 0xa0, VQ_CONFIG_GEN = 0xfc, VQ_CONFIG = 0x100 };

static AddressSpace *vq_as;
static uint8_t *vq_ram;

static inline uint32_t vq_rd(uint64_t off)
{
    uint64_t v = 0;
    address_space_read(vq_as, VQ_SLOT + off, 4, &v, MEMTXATTRS_CPU(0));
    return (uint32_t)v;
}

static inline void vq_wr(uint64_t off, uint32_t v)
{
    address_space_write(vq_as, VQ_SLOT + off, 4, v, MEMTXATTRS_CPU(0));
}

static inline uint8_t vq_cfg8(unsigned off)
{
    uint64_t v = 0;
    address_space_read(vq_as, VQ_SLOT + VQ_CONFIG + off, 1, &v,
                       MEMTXATTRS_CPU(0));
    return (uint8_t)v;
}

static inline void vq_cfg_wr8(unsigned off, uint8_t v)
{
    address_space_write(vq_as, VQ_SLOT + VQ_CONFIG + off, 1, v,
                        MEMTXATTRS_CPU(0));
}

static inline uint8_t *vq_host(uint64_t a)
{
    return vq_ram + (a - VQ_RAM);
}
static inline void vq_put16(uint64_t a, uint16_t v)
{
    memcpy(vq_host(a), &v, 2);
}
static inline void vq_put32(uint64_t a, uint32_t v)
{
    memcpy(vq_host(a), &v, 4);
}
static inline void vq_put64(uint64_t a, uint64_t v)
{
    memcpy(vq_host(a), &v, 8);
}
static inline uint16_t vq_get16(uint64_t a)
{
    uint16_t v;
    memcpy(&v, vq_host(a), 2);
    return v;
}
static inline uint32_t vq_get32(uint64_t a)
{
    uint32_t v;
    memcpy(&v, vq_host(a), 4);
    return v;
}

/* Maps RAM and one transport at VQ_SLOT with dev plugged in. */
static inline VirtIOMMIO *vq_setup(VirtIODevice *(*make)(AddressSpace *,
                                                        void *),
                                   void *arg, TestIRQ *irq)
{
    vq_as = address_space_new();
    vq_ram = memory_map_ram(vq_as, "ram", VQ_RAM, VQ_RAM_SIZE)->host;
    VirtIOMMIO *t = virtio_mmio_create(vq_as, VQ_SLOT,
                                       irq_line(test_irq_set, irq, 48));
    virtio_mmio_plug(t, make(vq_as, arg));
    return t;
}

/* 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK */
static inline uint64_t vq_init(uint64_t want)
{
    vq_wr(VQ_STATUS, 0);
    vq_wr(VQ_STATUS, 1);
    vq_wr(VQ_STATUS, 3);
    vq_wr(VQ_DEV_FEAT_SEL, 0);
    uint64_t f = vq_rd(VQ_DEV_FEAT);
    vq_wr(VQ_DEV_FEAT_SEL, 1);
    f |= (uint64_t)vq_rd(VQ_DEV_FEAT) << 32;
    uint64_t use = f & want;
    vq_wr(VQ_DRV_FEAT_SEL, 0);
    vq_wr(VQ_DRV_FEAT, (uint32_t)use);
    vq_wr(VQ_DRV_FEAT_SEL, 1);
    vq_wr(VQ_DRV_FEAT, (uint32_t)(use >> 32));
    vq_wr(VQ_STATUS, 3 | 8);
    CHECK(vq_rd(VQ_STATUS) & 8);
    return f;
}

static inline void vq_driver_ok(void)
{
    vq_wr(VQ_STATUS, 3 | 8 | 4);
}

typedef struct VqRing {
    int q;
    uint64_t desc, avail, used;
    uint16_t next_desc, avail_idx, used_seen;
} VqRing;

typedef struct VqBuf {
    uint64_t addr;
    uint32_t len;
    bool device_writes;
} VqBuf;

static inline void vq_ring_setup(VqRing *r, int q, uint64_t mem)
{
    *r = (VqRing){ .q = q, .desc = mem, .avail = mem + 16 * VQ_SIZE,
                   .used = mem + 0x400 };
    memset(vq_host(mem), 0, 0x800);
    vq_wr(VQ_QUEUE_SEL, (uint32_t)q);
    vq_wr(VQ_QUEUE_NUM, VQ_SIZE);
    vq_wr(VQ_QUEUE_DESC, (uint32_t)r->desc);
    vq_wr(VQ_QUEUE_DESC + 4, 0);
    vq_wr(VQ_QUEUE_DRIVER, (uint32_t)r->avail);
    vq_wr(VQ_QUEUE_DRIVER + 4, 0);
    vq_wr(VQ_QUEUE_DEVICE, (uint32_t)r->used);
    vq_wr(VQ_QUEUE_DEVICE + 4, 0);
    vq_wr(VQ_QUEUE_READY, 1);
}

/* Adds a chain to the avail ring; notify says whether to kick. */
static inline void vq_add(VqRing *r, const VqBuf *bufs, int n, bool notify)
{
    uint16_t head = r->next_desc;
    for (int i = 0; i < n; i++) {
        unsigned idx = (r->next_desc + i) % VQ_SIZE;
        uint64_t d = r->desc + 16ull * idx;
        bool more = i + 1 < n;
        vq_put64(d, bufs[i].addr);
        vq_put32(d + 8, bufs[i].len);
        vq_put16(d + 12, (uint16_t)((more ? 1 : 0) |
                                    (bufs[i].device_writes ? 2 : 0)));
        vq_put16(d + 14, (uint16_t)(more ? (idx + 1) % VQ_SIZE : 0));
    }
    r->next_desc = (uint16_t)((r->next_desc + n) % VQ_SIZE);
    vq_put16(r->avail + 4 + 2 * (r->avail_idx % VQ_SIZE), head);
    r->avail_idx++;
    vq_put16(r->avail + 2, r->avail_idx);
    if (notify) {
        vq_wr(VQ_QUEUE_NOTIFY, (uint32_t)r->q);
    }
}

/* The buffer address of descriptor id. */
static inline uint64_t vq_desc_addr(const VqRing *r, uint32_t id)
{
    uint64_t v;
    memcpy(&v, vq_host(r->desc + 16ull * id), 8);
    return v;
}

/* The next used element: its length (and head id), -1 if none. */
static inline int64_t vq_used(VqRing *r, uint32_t *id)
{
    if (vq_get16(r->used + 2) == r->used_seen) {
        return -1;
    }
    uint64_t e = r->used + 4 + 8ull * (r->used_seen % VQ_SIZE);
    r->used_seen++;
    if (id) {
        *id = vq_get32(e);
    }
    return vq_get32(e + 4);
}

#endif
