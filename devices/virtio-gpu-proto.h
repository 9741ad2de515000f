/* SPDX-License-Identifier: MIT */
/*
 * virtio-gpu wire constants (virtio v1.2, 5.7.6): queue numbers, feature
 * bits, command and response types, flags and formats.  Requests and
 * responses are little-endian structures read at fixed offsets:
 *
 *   ctrl_hdr (24)      type, flags, fence_id (u64), ctx_id, ring_idx, pad
 *   rect (16)          x, y, width, height
 *   RESOURCE_CREATE_2D hdr, resource_id, format, width, height
 *   RESOURCE_UNREF     hdr, resource_id, pad
 *   SET_SCANOUT        hdr, rect, scanout_id, resource_id
 *   RESOURCE_FLUSH     hdr, rect, resource_id, pad
 *   TRANSFER_TO_HOST_2D hdr, rect, offset (u64), resource_id, pad
 *   ATTACH_BACKING     hdr, resource_id, nr_entries, then nr_entries x
 *                      mem_entry (addr u64, length, pad)
 *   DETACH_BACKING     hdr, resource_id, pad
 *   GET_EDID           hdr, scanout, pad -> hdr, size, pad, edid[1024]
 *   DISPLAY_INFO resp  hdr, 16 x (rect, enabled, flags)
 *   UPDATE/MOVE_CURSOR hdr, pos (scanout_id, x, y, pad), resource_id,
 *                      hot_x, hot_y, pad
 */
#ifndef DEVICES_VIRTIO_GPU_PROTO_H
#define DEVICES_VIRTIO_GPU_PROTO_H

#include <stdint.h>

enum { VIRTIO_GPU_CTRLQ = 0, VIRTIO_GPU_CURSORQ = 1 };

#define VIRTIO_GPU_F_EDID 1
#define VIRTIO_GPU_EVENT_DISPLAY 1
#define VIRTIO_GPU_MAX_SCANOUTS 16
#define VIRTIO_GPU_FLAG_FENCE 1
#define VIRTIO_GPU_FLAG_INFO_RING_IDX 2

enum {
    VIRTIO_GPU_CMD_GET_DISPLAY_INFO = 0x0100,
    VIRTIO_GPU_CMD_RESOURCE_CREATE_2D,
    VIRTIO_GPU_CMD_RESOURCE_UNREF,
    VIRTIO_GPU_CMD_SET_SCANOUT,
    VIRTIO_GPU_CMD_RESOURCE_FLUSH,
    VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D,
    VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING,
    VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING,
    VIRTIO_GPU_CMD_GET_CAPSET_INFO,
    VIRTIO_GPU_CMD_GET_CAPSET,
    VIRTIO_GPU_CMD_GET_EDID,

    VIRTIO_GPU_CMD_UPDATE_CURSOR = 0x0300,
    VIRTIO_GPU_CMD_MOVE_CURSOR,

    VIRTIO_GPU_RESP_OK_NODATA = 0x1100,
    VIRTIO_GPU_RESP_OK_DISPLAY_INFO,
    VIRTIO_GPU_RESP_OK_CAPSET_INFO,
    VIRTIO_GPU_RESP_OK_CAPSET,
    VIRTIO_GPU_RESP_OK_EDID,

    VIRTIO_GPU_RESP_ERR_UNSPEC = 0x1200,
    VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY,
    VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID,
    VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID,
    VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID,
    VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER,
};

enum {
    VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM = 1,
    VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM = 2,
    VIRTIO_GPU_FORMAT_A8R8G8B8_UNORM = 3,
    VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM = 4,
    VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM = 67,
    VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM = 68,
    VIRTIO_GPU_FORMAT_A8B8G8R8_UNORM = 121,
    VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM = 134,
};

typedef struct GPURect {
    uint32_t x, y, width, height;
} GPURect;

#endif
