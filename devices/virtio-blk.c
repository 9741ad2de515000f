/* SPDX-License-Identifier: MIT */
/*
 * virtio-blk (virtio v1.2, 5.2) on a raw image file: read, write, flush
 * (fdatasync) and get-id requests, done synchronously with preadv/pwritev
 * straight into the guest's buffers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "virtio-devices.h"

#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9

enum {
    VIRTIO_BLK_T_IN = 0, VIRTIO_BLK_T_OUT = 1, VIRTIO_BLK_T_FLUSH = 4,
    VIRTIO_BLK_T_GET_ID = 8,
};
enum { VIRTIO_BLK_S_OK = 0, VIRTIO_BLK_S_IOERR = 1, VIRTIO_BLK_S_UNSUPP = 2 };

#define SECTOR 512
#define BLK_QUEUE_SIZE 256
#define BLK_ID_BYTES 20

typedef struct VirtIOBlk {
    VirtIODevice vdev;
    int fd;
    bool read_only;
    uint64_t size;      /* bytes, a multiple of SECTOR */
    char id[BLK_ID_BYTES + 1];
    VirtQueueElement elem;
} VirtIOBlk;

/* Data part of a request: after the 16-byte header (out) or before the
 * status byte (in). */
static uint8_t blk_rw(VirtIOBlk *b, VirtQueueElement *e, uint32_t type,
                      uint64_t sector, uint32_t *written)
{
    struct iovec iov[VIRTQ_MAX_SG];
    bool is_write = type == VIRTIO_BLK_T_OUT;
    size_t len = is_write ? e->out_len - 16 : e->in_len - 1;
    int n = is_write ? iov_slice(e->out, e->out_num, 16, len, iov, VIRTQ_MAX_SG)
                     : iov_slice(e->in, e->in_num, 0, len, iov, VIRTQ_MAX_SG);
    if (len % SECTOR || sector > b->size / SECTOR ||
        len > b->size - sector * SECTOR) {
        return VIRTIO_BLK_S_IOERR;
    }
    if (is_write && b->read_only) {
        return VIRTIO_BLK_S_IOERR;
    }
    off_t pos = (off_t)(sector * SECTOR);
    size_t done = 0;
    while (done < len) {
        struct iovec part[VIRTQ_MAX_SG];
        int k = iov_slice(iov, n, done, len - done, part, VIRTQ_MAX_SG);
        ssize_t r = is_write ? pwritev(b->fd, part, k, pos + (off_t)done)
                             : preadv(b->fd, part, k, pos + (off_t)done);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            return VIRTIO_BLK_S_IOERR;
        }
        if (r == 0) {
            if (is_write) {
                return VIRTIO_BLK_S_IOERR;
            }
            /* past the end of a shorter file: zeros */
            static const uint8_t zero[4096];
            while (done < len) {
                size_t z = len - done < sizeof(zero) ? len - done
                                                     : sizeof(zero);
                iov_from_buf(iov, n, done, zero, z);
                done += z;
            }
            break;
        }
        done += (size_t)r;
    }
    if (!is_write) {
        *written = (uint32_t)len;
    }
    return VIRTIO_BLK_S_OK;
}

static uint8_t blk_request(VirtIOBlk *b, VirtQueueElement *e,
                           uint32_t *written)
{
    uint8_t hdr[16];
    if (iov_to_buf(e->out, e->out_num, 0, hdr, 16) != 16) {
        return VIRTIO_BLK_S_IOERR;
    }
    uint32_t type = (uint32_t)hdr[0] | (uint32_t)hdr[1] << 8 |
                    (uint32_t)hdr[2] << 16 | (uint32_t)hdr[3] << 24;
    uint64_t sector = 0;
    for (int i = 15; i >= 8; i--) {
        sector = sector << 8 | hdr[i];
    }
    switch (type) {
    case VIRTIO_BLK_T_IN:
    case VIRTIO_BLK_T_OUT:
        return blk_rw(b, e, type, sector, written);
    case VIRTIO_BLK_T_FLUSH:
        return fdatasync(b->fd) == 0 ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
    case VIRTIO_BLK_T_GET_ID: {
        uint8_t id[BLK_ID_BYTES] = { 0 };
        memcpy(id, b->id, strlen(b->id));
        size_t room = e->in_len - 1;
        *written = (uint32_t)iov_from_buf(e->in, e->in_num, 0, id,
                                          room < BLK_ID_BYTES ? room
                                                              : BLK_ID_BYTES);
        return VIRTIO_BLK_S_OK;
    }
    }
    return VIRTIO_BLK_S_UNSUPP;
}

static void blk_notify(VirtIODevice *vdev, int q)
{
    VirtIOBlk *b = (VirtIOBlk *)vdev;
    VirtQueueElement *e = &b->elem;
    bool any = false;
    while (virtqueue_pop(vdev, q, e)) {
        uint32_t written = 0;
        uint8_t status = VIRTIO_BLK_S_IOERR;
        if (e->in_len >= 1 && e->out_len >= 16) {
            status = blk_request(b, e, &written);
        }
        if (e->in_len >= 1) {
            iov_from_buf(e->in, e->in_num, e->in_len - 1, &status, 1);
            written = (uint32_t)(status == VIRTIO_BLK_S_OK ? written : 0) + 1;
            if (written > e->in_len) {
                written = (uint32_t)e->in_len;
            }
        }
        virtqueue_push(vdev, q, e, written);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, q);
    }
}

static void blk_free(VirtIODevice *vdev)
{
    VirtIOBlk *b = (VirtIOBlk *)vdev;
    fsync(b->fd);
    close(b->fd);
    free(b);
}

static const VirtIODeviceClass virtio_blk_class = {
    .name = "blk",
    .device_id = VIRTIO_ID_BLOCK,
    .features = 1ull << VIRTIO_BLK_F_SEG_MAX | 1ull << VIRTIO_BLK_F_BLK_SIZE |
                1ull << VIRTIO_BLK_F_FLUSH,
    .num_queues = 1,
    .queue_max = BLK_QUEUE_SIZE,
    .config_size = 36,
    .queue_notify = blk_notify,
    .free = blk_free,
};

void virtio_blk_flush(VirtIODevice *vdev)
{
    fdatasync(((VirtIOBlk *)vdev)->fd);
}

VirtIODevice *virtio_blk_new(AddressSpace *as, const char *path,
                             bool read_only, char *err, size_t errlen)
{
    int fd = open(path, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    struct stat st;
    if (fd < 0) {
        snprintf(err, errlen, "cannot open disk image %s: %s", path,
                 strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < SECTOR) {
        snprintf(err, errlen, "disk image %s: not a regular file of at "
                 "least 512 bytes", path);
        close(fd);
        return NULL;
    }
    VirtIOBlk *b = calloc(1, sizeof(*b));
    b->fd = fd;
    b->read_only = read_only;
    b->size = (uint64_t)st.st_size / SECTOR * SECTOR;
    /* GET_ID: the image's file name, as much as fits */
    const char *base = strrchr(path, '/');
    snprintf(b->id, sizeof(b->id), "%s", base ? base + 1 : path);
    virtio_init(&b->vdev, &virtio_blk_class, as);
    if (read_only) {
        b->vdev.host_features |= 1ull << VIRTIO_BLK_F_RO;
    }
    /* 5.2.4: capacity in 512-byte sectors, seg_max, blk_size */
    uint8_t *cfg = b->vdev.config;
    virtio_stq(cfg + 0, b->size / SECTOR);
    virtio_stl(cfg + 12, VIRTQ_MAX_SG - 2);
    virtio_stl(cfg + 20, SECTOR);
    return &b->vdev;
}
