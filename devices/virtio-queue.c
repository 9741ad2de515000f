/* SPDX-License-Identifier: MIT */
/*
 * Split virtqueues (virtio v1.2, 2.7): walking descriptor chains
 * (including indirect tables, 2.7.5.3) into host iovecs, and returning
 * them through the used ring.  Ring fields are read and written through
 * the address space, so a bad guest address marks the device broken
 * instead of touching host memory.
 */
#include <stdlib.h>
#include <string.h>
#include "virtio.h"
#include "util/log.h"

#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2
#define VIRTQ_DESC_F_INDIRECT 4
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

typedef struct VirtqDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} VirtqDesc;

static uint16_t ld16(VirtIODevice *vdev, uint64_t addr)
{
    uint8_t b[2] = { 0, 0 };
    address_space_rw(vdev->as, addr, b, 2, false);
    return (uint16_t)(b[0] | b[1] << 8);
}

static void st16(VirtIODevice *vdev, uint64_t addr, uint16_t v)
{
    uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
    address_space_rw(vdev->as, addr, b, 2, true);
}

static void st32(VirtIODevice *vdev, uint64_t addr, uint32_t v)
{
    uint8_t b[4];
    virtio_stl(b, v);
    address_space_rw(vdev->as, addr, b, 4, true);
}

static bool read_desc(VirtIODevice *vdev, uint64_t table, unsigned i,
                      VirtqDesc *d)
{
    uint8_t b[16];
    if (address_space_rw(vdev->as, table + 16ull * i, b, 16, false)) {
        return false;
    }
    d->addr = 0;
    for (int k = 7; k >= 0; k--) {
        d->addr = d->addr << 8 | b[k];
    }
    d->len = (uint32_t)b[8] | (uint32_t)b[9] << 8 | (uint32_t)b[10] << 16 |
             (uint32_t)b[11] << 24;
    d->flags = (uint16_t)(b[12] | b[13] << 8);
    d->next = (uint16_t)(b[14] | b[15] << 8);
    return true;
}

static void mark_broken(VirtIODevice *vdev, const char *why)
{
    log_guest_error("virtio-%s: %s\n", vdev->cls->name, why);
    vdev->status |= VIRTIO_STATUS_NEEDS_RESET;
}

/* Maps one buffer, split where it crosses a region boundary. */
static bool map_buffer(VirtIODevice *vdev, VirtQueueElement *e,
                       const VirtqDesc *d)
{
    bool is_write = d->flags & VIRTQ_DESC_F_WRITE;
    uint64_t addr = d->addr, left = d->len;
    while (left) {
        int *num = is_write ? &e->in_num : &e->out_num;
        if (*num >= VIRTQ_MAX_SG) {
            return false;
        }
        uint64_t len = left;
        void *p = address_space_map(vdev->as, addr, &len, is_write);
        if (!p || !len) {
            return false;
        }
        if (is_write) {
            e->in[*num] = (struct iovec){ p, (size_t)len };
            e->in_addr[*num] = addr;
            e->in_len += len;
        } else {
            e->out[*num] = (struct iovec){ p, (size_t)len };
            e->out_len += len;
        }
        (*num)++;
        addr += len;
        left -= len;
    }
    return true;
}

/* Walks a chain in `table` (num entries) starting at `i`. */
static bool walk_chain(VirtIODevice *vdev, VirtQueueElement *e,
                       uint64_t table, unsigned num, unsigned i,
                       bool indirect_ok)
{
    for (unsigned steps = 0; ; steps++) {
        VirtqDesc d;
        if (i >= num || steps >= num || !read_desc(vdev, table, i, &d)) {
            return false;
        }
        if (d.flags & VIRTQ_DESC_F_INDIRECT) {
            /* 2.7.5.3.1: one indirect table, not chained, not nested */
            if (!indirect_ok || (d.flags & VIRTQ_DESC_F_NEXT) ||
                d.len % 16 || d.len == 0 || d.len / 16 > 0xffff) {
                return false;
            }
            return walk_chain(vdev, e, d.addr, d.len / 16, 0, false);
        }
        if ((d.flags & VIRTQ_DESC_F_WRITE) == 0 && e->in_num) {
            return false;   /* readable after writable is not allowed */
        }
        if (!map_buffer(vdev, e, &d)) {
            return false;
        }
        if (!(d.flags & VIRTQ_DESC_F_NEXT)) {
            return true;
        }
        i = d.next;
    }
}

bool virtqueue_has_avail(VirtIODevice *vdev, int q)
{
    VirtQueue *vq = &vdev->vq[q];
    if (!vq->ready || (vdev->status & VIRTIO_STATUS_NEEDS_RESET)) {
        return false;
    }
    return ld16(vdev, vq->avail + 2) != vq->last_avail;
}

bool virtqueue_pop(VirtIODevice *vdev, int q, VirtQueueElement *e)
{
    VirtQueue *vq = &vdev->vq[q];
    if (!virtqueue_has_avail(vdev, q)) {
        return false;
    }
    uint16_t avail_idx = ld16(vdev, vq->avail + 2);
    if ((uint16_t)(avail_idx - vq->last_avail) > vq->num) {
        mark_broken(vdev, "avail index ran ahead of the ring");
        return false;
    }
    uint16_t head = ld16(vdev, vq->avail + 4 + 2ull * (vq->last_avail %
                                                       vq->num));
    e->head = head;
    e->out_num = e->in_num = 0;
    e->out_len = e->in_len = 0;
    if (!walk_chain(vdev, e, vq->desc, vq->num, head,
                    virtio_has_feature(vdev, VIRTIO_F_INDIRECT_DESC))) {
        mark_broken(vdev, "bad descriptor chain");
        return false;
    }
    vq->last_avail++;
    return true;
}

void virtqueue_push(VirtIODevice *vdev, int q, const VirtQueueElement *e,
                    uint32_t written)
{
    VirtQueue *vq = &vdev->vq[q];
    /* tell the code-page hook what the device stored */
    uint64_t left = written;
    for (int i = 0; i < e->in_num && left; i++) {
        uint64_t n = e->in[i].iov_len < left ? e->in[i].iov_len : left;
        address_space_unmap(vdev->as, e->in[i].iov_base, e->in_addr[i], n,
                            true);
        left -= n;
    }
    uint64_t slot = vq->used + 4 + 8ull * (vq->used_idx % vq->num);
    st32(vdev, slot, e->head);
    st32(vdev, slot + 4, written);
    vq->used_idx++;
    st16(vdev, vq->used + 2, vq->used_idx);
}

void virtio_notify(VirtIODevice *vdev, int q)
{
    VirtQueue *vq = &vdev->vq[q];
    if (ld16(vdev, vq->avail) & VIRTQ_AVAIL_F_NO_INTERRUPT) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_QUEUE;
    if (vdev->update_irq) {
        vdev->update_irq(vdev->transport);
    }
}

void virtio_config_changed(VirtIODevice *vdev)
{
    vdev->config_generation++;
    if (vdev->status & VIRTIO_STATUS_DRIVER_OK) {
        vdev->isr |= VIRTIO_ISR_CONFIG;
        if (vdev->update_irq) {
            vdev->update_irq(vdev->transport);
        }
    }
}

/* ---- device common ---- */

void virtio_init(VirtIODevice *vdev, const VirtIODeviceClass *cls,
                 AddressSpace *as)
{
    vdev->cls = cls;
    vdev->as = as;
    vdev->host_features = cls->features |
                          (1ull << VIRTIO_F_VERSION_1) |
                          (1ull << VIRTIO_F_INDIRECT_DESC);
    for (int i = 0; i < cls->num_queues && i < VIRTIO_MAX_QUEUES; i++) {
        vdev->vq[i].num_max = cls->queue_max;
    }
    virtio_reset(vdev);
}

void virtio_reset(VirtIODevice *vdev)
{
    vdev->driver_features = 0;
    vdev->status = 0;
    vdev->isr = 0;
    for (int i = 0; i < VIRTIO_MAX_QUEUES; i++) {
        VirtQueue *vq = &vdev->vq[i];
        uint16_t max = vq->num_max;
        memset(vq, 0, sizeof(*vq));
        vq->num_max = max;
        vq->num = max;
    }
    if (vdev->cls->reset) {
        vdev->cls->reset(vdev);
    }
    if (vdev->update_irq) {
        vdev->update_irq(vdev->transport);
    }
}

void virtio_free(VirtIODevice *vdev)
{
    if (vdev && vdev->cls->free) {
        vdev->cls->free(vdev);
    }
}

bool virtio_has_feature(const VirtIODevice *vdev, int bit)
{
    return (vdev->driver_features >> bit) & 1;
}

bool virtio_driver_ok(const VirtIODevice *vdev)
{
    return (vdev->status & VIRTIO_STATUS_DRIVER_OK) &&
           !(vdev->status & VIRTIO_STATUS_NEEDS_RESET);
}

/* ---- iovec helpers ---- */

size_t iov_to_buf(const struct iovec *iov, int n, size_t offset, void *buf,
                  size_t len)
{
    size_t done = 0;
    for (int i = 0; i < n && done < len; i++) {
        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        size_t k = iov[i].iov_len - offset;
        if (k > len - done) {
            k = len - done;
        }
        memcpy((uint8_t *)buf + done, (uint8_t *)iov[i].iov_base + offset, k);
        done += k;
        offset = 0;
    }
    return done;
}

size_t iov_from_buf(const struct iovec *iov, int n, size_t offset,
                    const void *buf, size_t len)
{
    size_t done = 0;
    for (int i = 0; i < n && done < len; i++) {
        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        size_t k = iov[i].iov_len - offset;
        if (k > len - done) {
            k = len - done;
        }
        memcpy((uint8_t *)iov[i].iov_base + offset, (const uint8_t *)buf + done,
               k);
        done += k;
        offset = 0;
    }
    return done;
}

int iov_slice(const struct iovec *src, int n, size_t offset, size_t len,
              struct iovec *dst, int max)
{
    int k = 0;
    for (int i = 0; i < n && len && k < max; i++) {
        if (offset >= src[i].iov_len) {
            offset -= src[i].iov_len;
            continue;
        }
        size_t piece = src[i].iov_len - offset;
        if (piece > len) {
            piece = len;
        }
        dst[k].iov_base = (uint8_t *)src[i].iov_base + offset;
        dst[k].iov_len = piece;
        k++;
        len -= piece;
        offset = 0;
    }
    return k;
}
