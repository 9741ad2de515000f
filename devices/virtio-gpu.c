/* SPDX-License-Identifier: MIT */
/*
 * virtio-gpu in 2D mode (virtio v1.2, 5.7): the driver creates host-side
 * resources (2D images), attaches guest memory as their backing, copies
 * rectangles from the backing into the resource (TRANSFER_TO_HOST_2D),
 * points the scanout at a resource (SET_SCANOUT) and says when a region
 * changed (RESOURCE_FLUSH).  The scanout is a display source
 * (system/display.h) that takes priority over the boot framebuffer.
 *
 * One scanout whose size follows the host window: a resize becomes a
 * VIRTIO_GPU_EVENT_DISPLAY config event; the driver then reads the new
 * mode with GET_DISPLAY_INFO (and GET_EDID, VIRTIO_GPU_F_EDID).  The
 * cursor queue's image and position are kept for the window to draw.
 * No 3D (virgl), blob resources or capability sets.
 *
 * Resources are stored converted to x8r8g8b8 so the display needs no
 * per-format code; the alpha byte is kept for cursor images.
 */
#include <stdlib.h>
#include <string.h>
#include "system/display.h"
#include "util/log.h"
#include "virtio-devices.h"
#include "edid.h"
#include "virtio-gpu-proto.h"

#define GPU_MAX_HOSTMEM (256ull << 20)
#define GPU_MAX_DIM 16384
#define GPU_MAX_BACKING 16384   /* mem entries per resource */
#define GPU_MIN_MODE 64
#define GPU_MAX_MODE 8192
#define GPU_CURSOR_DIM 64

typedef struct GPUBacking {
    uint64_t addr;
    uint32_t len;
    uint64_t start;             /* byte offset of this entry */
    uint8_t *host;
} GPUBacking;

typedef struct GPUResource {
    struct GPUResource *next;
    uint32_t id, format, width, height;
    uint32_t *pixels;
    GPUBacking *backing;
    uint32_t nbacking;
    uint64_t backing_size;
} GPUResource;

typedef struct VirtIOGPU {
    VirtIODevice vdev;
    Display *disp;
    GPUResource *resources;
    uint64_t hostmem;
    /* scanout 0 */
    uint32_t scanout_res;
    GPURect scanout_rect;
    /* the mode offered to the driver */
    uint32_t mode_w, mode_h;
    uint32_t events_read;
    /* cursor */
    uint32_t cursor[GPU_CURSOR_DIM * GPU_CURSOR_DIM];
    uint32_t cursor_w, cursor_h, hot_x, hot_y;
    int32_t cursor_x, cursor_y;
    bool cursor_on;
    VirtQueueElement elem;
    uint8_t resp[24 + 8 + 1024];    /* the largest response: EDID */
} VirtIOGPU;

/* ---- helpers ---- */

static uint32_t ld32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t ld64(const uint8_t *p)
{
    return ld32(p) | (uint64_t)ld32(p + 4) << 32;
}

static GPURect ld_rect(const uint8_t *p)
{
    return (GPURect){ ld32(p), ld32(p + 4), ld32(p + 8), ld32(p + 12) };
}

static GPUResource *find_res(VirtIOGPU *g, uint32_t id)
{
    for (GPUResource *r = g->resources; r; r = r->next) {
        if (r->id == id) {
            return r;
        }
    }
    return NULL;
}

/* Is rect r inside a w x h image (no overflow)? */
static bool rect_inside(const GPURect *r, uint32_t w, uint32_t h)
{
    return (uint64_t)r->x + r->width <= w && (uint64_t)r->y + r->height <= h;
}

/* Byte positions of B, G, R, A in a pixel of a virtio-gpu format
 * (5.7.6.8: the names give the byte order in memory); a = -1 for an
 * opaque X byte.  false for an unknown format. */
static bool format_layout(uint32_t fmt, int *b, int *g, int *r, int *a)
{
    switch (fmt) {
    case VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM:
    case VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM:
        *b = 0; *g = 1; *r = 2; *a = 3;
        break;
    case VIRTIO_GPU_FORMAT_A8R8G8B8_UNORM:
    case VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM:
        *a = 0; *r = 1; *g = 2; *b = 3;
        break;
    case VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM:
    case VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM:
        *r = 0; *g = 1; *b = 2; *a = 3;
        break;
    case VIRTIO_GPU_FORMAT_A8B8G8R8_UNORM:
    case VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM:
        *a = 0; *b = 1; *g = 2; *r = 3;
        break;
    default:
        return false;
    }
    if (fmt == VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM ||
        fmt == VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM ||
        fmt == VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM ||
        fmt == VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM) {
        *a = -1;
    }
    return true;
}

/* One row of n pixels from the guest's format into 0xAARRGGBB words. */
static void convert_row(uint32_t fmt, const uint8_t *src, uint32_t *dst,
                        uint32_t n)
{
    int b, g, r, a;
    format_layout(fmt, &b, &g, &r, &a);
    if (b == 0 && g == 1 && r == 2 && a == 3) {
        memcpy(dst, src, 4ull * n);   /* already the host layout */
        return;
    }
    for (uint32_t i = 0; i < n; i++, src += 4) {
        uint32_t alpha = a < 0 ? 0xff : src[a];
        dst[i] = alpha << 24 | (uint32_t)src[r] << 16 |
                 (uint32_t)src[g] << 8 | src[b];
    }
}

/* Copies len bytes of the backing from offset; returns bytes copied. */
static uint64_t backing_read(const GPUResource *res, uint64_t off,
                             uint8_t *dst, uint64_t len)
{
    /* binary search for the entry holding off */
    uint32_t lo = 0, hi = res->nbacking;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (res->backing[mid].start <= off) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    uint64_t done = 0;
    for (uint32_t i = lo; i < res->nbacking && done < len; i++) {
        const GPUBacking *e = &res->backing[i];
        if (off + done < e->start || off + done >= e->start + e->len) {
            continue;
        }
        uint64_t at = off + done - e->start;
        uint64_t n = e->len - at;
        n = n < len - done ? n : len - done;
        memcpy(dst + done, e->host + at, n);
        done += n;
    }
    return done;
}

/* ---- the display source ---- */

static bool gpu_surface(void *opaque, DisplaySurface *s)
{
    VirtIOGPU *g = opaque;
    GPUResource *res = g->scanout_res ? find_res(g, g->scanout_res) : NULL;
    if (!res || !g->scanout_rect.width || !g->scanout_rect.height) {
        return false;
    }
    s->stride = res->width * 4;
    s->pixels = (const uint8_t *)res->pixels +
                (uint64_t)g->scanout_rect.y * s->stride +
                (uint64_t)g->scanout_rect.x * 4;
    s->width = g->scanout_rect.width;
    s->height = g->scanout_rect.height;
    return true;
}

static void gpu_ui_resize(void *opaque, uint32_t w, uint32_t h)
{
    VirtIOGPU *g = opaque;
    w = w < GPU_MIN_MODE ? GPU_MIN_MODE : w > GPU_MAX_MODE ? GPU_MAX_MODE : w;
    h = h < GPU_MIN_MODE ? GPU_MIN_MODE : h > GPU_MAX_MODE ? GPU_MAX_MODE : h;
    if (w == g->mode_w && h == g->mode_h) {
        return;
    }
    g->mode_w = w;
    g->mode_h = h;
    /* 5.7.4.2: a display change is announced through events_read */
    g->events_read |= VIRTIO_GPU_EVENT_DISPLAY;
    virtio_stl(g->vdev.config, g->events_read);
    virtio_config_changed(&g->vdev);
}

static bool gpu_cursor(void *opaque, DisplayCursor *c)
{
    VirtIOGPU *g = opaque;
    if (!g->cursor_on) {
        return false;
    }
    *c = (DisplayCursor){ .pixels = g->cursor, .width = g->cursor_w,
                          .height = g->cursor_h, .x = g->cursor_x,
                          .y = g->cursor_y, .hot_x = g->hot_x,
                          .hot_y = g->hot_y };
    return true;
}

static const DisplaySourceOps gpu_display_ops = {
    .name = "virtio-gpu", .surface = gpu_surface,
    .ui_resize = gpu_ui_resize, .cursor = gpu_cursor,
};

/* ---- resources ---- */

static void free_res(VirtIOGPU *g, GPUResource *res)
{
    for (GPUResource **p = &g->resources; *p; p = &(*p)->next) {
        if (*p == res) {
            *p = res->next;
            break;
        }
    }
    if (g->scanout_res == res->id) {
        g->scanout_res = 0;
        if (g->disp) {
            display_touch(g->disp);
        }
    }
    g->hostmem -= 4ull * res->width * res->height;
    free(res->backing);
    free(res->pixels);
    free(res);
}

static uint32_t cmd_create_2d(VirtIOGPU *g, const uint8_t *req)
{
    uint32_t id = ld32(req + 24), fmt = ld32(req + 28);
    uint32_t w = ld32(req + 32), h = ld32(req + 36);
    int b, gr, r, a;
    if (id == 0 || find_res(g, id)) {
        return VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (!format_layout(fmt, &b, &gr, &r, &a) || !w || !h ||
        w > GPU_MAX_DIM || h > GPU_MAX_DIM) {
        return VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
    }
    uint64_t bytes = 4ull * w * h;
    if (g->hostmem + bytes > GPU_MAX_HOSTMEM) {
        return VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY;
    }
    GPUResource *res = calloc(1, sizeof(*res));
    uint32_t *px = calloc(1, bytes);
    if (!res || !px) {
        free(res);
        free(px);
        return VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY;
    }
    *res = (GPUResource){ .next = g->resources, .id = id, .format = fmt,
                          .width = w, .height = h, .pixels = px };
    g->resources = res;
    g->hostmem += bytes;
    return VIRTIO_GPU_RESP_OK_NODATA;
}

static uint32_t cmd_unref(VirtIOGPU *g, const uint8_t *req)
{
    GPUResource *res = find_res(g, ld32(req + 24));
    if (!res) {
        return VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
    }
    free_res(g, res);
    return VIRTIO_GPU_RESP_OK_NODATA;
}

static uint32_t cmd_set_scanout(VirtIOGPU *g, const uint8_t *req)
{
    GPURect r = ld_rect(req + 24);
    uint32_t scanout = ld32(req + 40), id = ld32(req + 44);
    if (scanout != 0) {
        return VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID;
    }
    if (id == 0) {      /* 5.7.6.8: resource 0 disables the scanout */
        g->scanout_res = 0;
        display_touch(g->disp);
        return VIRTIO_GPU_RESP_OK_NODATA;
    }
    GPUResource *res = find_res(g, id);
    if (!res) {
        return VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (!r.width || !r.height || !rect_inside(&r, res->width, res->height)) {
        return VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
    }
    g->scanout_res = id;
    g->scanout_rect = r;
    display_touch(g->disp);
    return VIRTIO_GPU_RESP_OK_NODATA;
}

static uint32_t cmd_flush(VirtIOGPU *g, const uint8_t *req)
{
    GPURect r = ld_rect(req + 24);
    GPUResource *res = find_res(g, ld32(req + 40));
    if (!res) {
        return VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (!rect_inside(&r, res->width, res->height)) {
        return VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
    }
    if (res->id == g->scanout_res) {
        display_touch(g->disp);
    }
    return VIRTIO_GPU_RESP_OK_NODATA;
}

static uint32_t cmd_transfer(VirtIOGPU *g, const uint8_t *req)
{
    GPURect r = ld_rect(req + 24);
    uint64_t offset = ld64(req + 40);
    GPUResource *res = find_res(g, ld32(req + 48));
    if (!res || !res->backing) {
        return VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (!rect_inside(&r, res->width, res->height)) {
        return VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
    }
    /* 5.7.6.8: the backing has the resource's layout, stride = width *
     * 4; offset is where the rectangle's first pixel sits */
    uint64_t stride = 4ull * res->width, row = 4ull * r.width;
    uint8_t *tmp = malloc(row ? row : 1);
    if (!tmp) {
        return VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY;
    }
    for (uint32_t y = 0; y < r.height; y++) {
        uint64_t n = backing_read(res, offset + stride * y, tmp, row);
        if (n < row) {
            memset(tmp + n, 0, row - n);
        }
        convert_row(res->format, tmp,
                    res->pixels + (uint64_t)(r.y + y) * res->width + r.x,
                    r.width);
    }
    free(tmp);
    return VIRTIO_GPU_RESP_OK_NODATA;
}

/* RESOURCE_ATTACH_BACKING: the entries follow the request header. */
static uint32_t cmd_attach(VirtIOGPU *g, const VirtQueueElement *e,
                           const uint8_t *req)
{
    GPUResource *res = find_res(g, ld32(req + 24));
    uint32_t n = ld32(req + 28);
    if (!res) {
        return VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (res->backing || n == 0 || n > GPU_MAX_BACKING) {
        return VIRTIO_GPU_RESP_ERR_UNSPEC;
    }
    GPUBacking *bk = calloc(n, sizeof(*bk));
    if (!bk) {
        return VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY;
    }
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t ent[16];
        if (iov_to_buf(e->out, e->out_num, 32 + 16ull * i, ent, 16) != 16) {
            free(bk);
            return VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
        }
        uint64_t len = ld32(ent + 8);
        bk[i] = (GPUBacking){ .addr = ld64(ent), .len = (uint32_t)len,
                              .start = total };
        /* the entry must be one piece of guest RAM */
        bk[i].host = address_space_map(g->vdev.as, bk[i].addr, &len, false);
        if (!bk[i].host || len < bk[i].len) {
            log_guest_error("virtio-gpu: backing 0x%llx+0x%x is not RAM\n",
                            (unsigned long long)bk[i].addr, bk[i].len);
            free(bk);
            return VIRTIO_GPU_RESP_ERR_UNSPEC;
        }
        total += bk[i].len;
    }
    res->backing = bk;
    res->nbacking = n;
    res->backing_size = total;
    return VIRTIO_GPU_RESP_OK_NODATA;
}

static uint32_t cmd_detach(VirtIOGPU *g, const uint8_t *req)
{
    GPUResource *res = find_res(g, ld32(req + 24));
    if (!res || !res->backing) {
        return VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
    }
    free(res->backing);
    res->backing = NULL;
    res->nbacking = 0;
    res->backing_size = 0;
    return VIRTIO_GPU_RESP_OK_NODATA;
}

/* ---- responses ---- */

/* Fills the response header (5.7.6.7: a fenced request is answered with
 * the fence flag and id). */
static void resp_header(uint8_t *resp, uint32_t type, const uint8_t *req)
{
    memset(resp, 0, 24);
    virtio_stl(resp, type);
    uint32_t flags = ld32(req + 4);
    if (flags & VIRTIO_GPU_FLAG_FENCE) {
        virtio_stl(resp + 4, flags & (VIRTIO_GPU_FLAG_FENCE |
                                      VIRTIO_GPU_FLAG_INFO_RING_IDX));
        memcpy(resp + 8, req + 8, 8 + 4 + 1);   /* fence, ctx, ring */
    }
}

static size_t resp_display_info(VirtIOGPU *g, uint8_t *resp)
{
    uint8_t *m = resp + 24;
    memset(m, 0, 24 * VIRTIO_GPU_MAX_SCANOUTS);
    virtio_stl(m + 8, g->mode_w);
    virtio_stl(m + 12, g->mode_h);
    virtio_stl(m + 16, 1);      /* enabled */
    return 24 + 24 * VIRTIO_GPU_MAX_SCANOUTS;
}

static size_t resp_edid(VirtIOGPU *g, uint8_t *resp)
{
    memset(resp + 24, 0, 8 + 1024);
    virtio_stl(resp + 24, 128);
    edid_build(resp + 32, g->mode_w, g->mode_h);
    return 24 + 8 + 1024;
}

/* One control request: returns the response length written to resp. */
static size_t gpu_command(VirtIOGPU *g, const VirtQueueElement *e,
                          uint8_t *resp)
{
    uint8_t req[64] = { 0 };
    size_t got = iov_to_buf(e->out, e->out_num, 0, req, sizeof(req));
    uint32_t type = ld32(req), rt = VIRTIO_GPU_RESP_ERR_UNSPEC;
    size_t len = 24;
    static const uint8_t need[] = { 24, 40, 32, 48, 48, 56, 32, 32 };
    if (got < 24) {
        log_guest_error("virtio-gpu: short request (%zu bytes)\n", got);
        resp_header(resp, rt, req);
        return len;
    }
    if (type >= VIRTIO_GPU_CMD_GET_DISPLAY_INFO &&
        type <= VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING &&
        got < need[type - VIRTIO_GPU_CMD_GET_DISPLAY_INFO]) {
        type = 0;       /* truncated: answered as unspecified */
    }
    switch (type) {
    case VIRTIO_GPU_CMD_GET_DISPLAY_INFO:
        rt = VIRTIO_GPU_RESP_OK_DISPLAY_INFO;
        len = resp_display_info(g, resp);
        break;
    case VIRTIO_GPU_CMD_RESOURCE_CREATE_2D: rt = cmd_create_2d(g, req); break;
    case VIRTIO_GPU_CMD_RESOURCE_UNREF: rt = cmd_unref(g, req); break;
    case VIRTIO_GPU_CMD_SET_SCANOUT: rt = cmd_set_scanout(g, req); break;
    case VIRTIO_GPU_CMD_RESOURCE_FLUSH: rt = cmd_flush(g, req); break;
    case VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D: rt = cmd_transfer(g, req); break;
    case VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING:
        rt = cmd_attach(g, e, req);
        break;
    case VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING:
        rt = cmd_detach(g, req);
        break;
    case VIRTIO_GPU_CMD_GET_EDID:
        if (got >= 32 && virtio_has_feature(&g->vdev, VIRTIO_GPU_F_EDID)) {
            if (ld32(req + 24) != 0) {
                rt = VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID;
            } else {
                rt = VIRTIO_GPU_RESP_OK_EDID;
                len = resp_edid(g, resp);
            }
        }
        break;
    default:
        log_guest_error("virtio-gpu: unsupported command 0x%x\n", type);
        break;
    }
    if (rt >= VIRTIO_GPU_RESP_ERR_UNSPEC) {
        log_guest_error("virtio-gpu: command 0x%x failed: 0x%x\n", type, rt);
    }
    uint8_t hdr[24];
    resp_header(hdr, rt, req);
    memcpy(resp, hdr, 24);
    return len;
}

static void gpu_ctrl(VirtIOGPU *g)
{
    VirtIODevice *vdev = &g->vdev;
    bool any = false;
    while (virtqueue_pop(vdev, VIRTIO_GPU_CTRLQ, &g->elem)) {
        size_t len = gpu_command(g, &g->elem, g->resp);
        size_t n = iov_from_buf(g->elem.in, g->elem.in_num, 0, g->resp, len);
        virtqueue_push(vdev, VIRTIO_GPU_CTRLQ, &g->elem, (uint32_t)n);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, VIRTIO_GPU_CTRLQ);
    }
}

/* ---- cursor queue (5.7.6.10) ---- */

static void cursor_update(VirtIOGPU *g, const uint8_t *req)
{
    uint32_t id = ld32(req + 40);
    GPUResource *res = id ? find_res(g, id) : NULL;
    if (!res) {
        g->cursor_on = false;
        return;
    }
    g->cursor_w = res->width < GPU_CURSOR_DIM ? res->width : GPU_CURSOR_DIM;
    g->cursor_h = res->height < GPU_CURSOR_DIM ? res->height
                                               : GPU_CURSOR_DIM;
    for (uint32_t y = 0; y < g->cursor_h; y++) {
        memcpy(g->cursor + y * g->cursor_w,
               res->pixels + (uint64_t)y * res->width, 4ull * g->cursor_w);
    }
    g->hot_x = ld32(req + 44);
    g->hot_y = ld32(req + 48);
    g->cursor_on = true;
}

static void gpu_cursorq(VirtIOGPU *g)
{
    VirtIODevice *vdev = &g->vdev;
    bool any = false;
    while (virtqueue_pop(vdev, VIRTIO_GPU_CURSORQ, &g->elem)) {
        uint8_t req[56] = { 0 };
        size_t got = iov_to_buf(g->elem.out, g->elem.out_num, 0, req,
                                sizeof(req));
        uint32_t type = ld32(req);
        if (got == sizeof(req) && ld32(req + 24) == 0 &&
            (type == VIRTIO_GPU_CMD_UPDATE_CURSOR ||
             type == VIRTIO_GPU_CMD_MOVE_CURSOR)) {
            g->cursor_x = (int32_t)ld32(req + 28);
            g->cursor_y = (int32_t)ld32(req + 32);
            if (type == VIRTIO_GPU_CMD_UPDATE_CURSOR) {
                cursor_update(g, req);
            }
        }
        virtqueue_push(vdev, VIRTIO_GPU_CURSORQ, &g->elem, 0);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, VIRTIO_GPU_CURSORQ);
    }
}

/* ---- device ---- */

static void gpu_notify(VirtIODevice *vdev, int q)
{
    VirtIOGPU *g = (VirtIOGPU *)vdev;
    if (q == VIRTIO_GPU_CTRLQ) {
        gpu_ctrl(g);
    } else {
        gpu_cursorq(g);
    }
}

/* 5.7.4: events_clear is write-to-clear against events_read. */
static void gpu_config_write(VirtIODevice *vdev, uint32_t offset,
                             unsigned size)
{
    VirtIOGPU *g = (VirtIOGPU *)vdev;
    uint32_t clear = ld32(vdev->config + 4);
    g->events_read &= ~clear;
    virtio_stl(vdev->config, g->events_read);
    virtio_stl(vdev->config + 4, 0);
    virtio_stl(vdev->config + 8, 1);    /* num_scanouts */
    virtio_stl(vdev->config + 12, 0);   /* num_capsets */
}

static void gpu_reset(VirtIODevice *vdev)
{
    VirtIOGPU *g = (VirtIOGPU *)vdev;
    while (g->resources) {
        free_res(g, g->resources);
    }
    g->scanout_res = 0;
    g->cursor_on = false;
    g->events_read = 0;
    gpu_config_write(vdev, 0, 0);
    if (g->disp) {
        display_touch(g->disp);
    }
}

static void gpu_free(VirtIODevice *vdev)
{
    VirtIOGPU *g = (VirtIOGPU *)vdev;
    g->disp = NULL;
    gpu_reset(vdev);
    free(g);
}

static const VirtIODeviceClass virtio_gpu_class = {
    .name = "gpu",
    .device_id = VIRTIO_ID_GPU,
    .features = 1ull << VIRTIO_GPU_F_EDID,
    .num_queues = 2,
    .queue_max = 256,
    .config_size = 16,
    .queue_notify = gpu_notify,
    .reset = gpu_reset,
    .config_write = gpu_config_write,
    .free = gpu_free,
};

VirtIODevice *virtio_gpu_new(AddressSpace *as, Display *disp, uint32_t width,
                             uint32_t height)
{
    VirtIOGPU *g = calloc(1, sizeof(*g));
    if (!g) {
        abort();
    }
    g->mode_w = width;
    g->mode_h = height;
    virtio_init(&g->vdev, &virtio_gpu_class, as);
    g->disp = disp;
    if (disp) {
        display_add_source(disp, &gpu_display_ops, g, DISPLAY_PRIO_GPU);
    }
    return &g->vdev;
}
