/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for virtio-gpu in 2D mode (virtio v1.2, 5.7) on fake guest
 * RAM, driven the way Linux's virtio-gpu driver does: display info and
 * EDID, a resource with split backing, transfers, set scanout and flush
 * making it the display (over a framebuffer-like source), pixel format
 * conversion, the error responses, fences, a resize config event, the
 * cursor queue, and unref/reset handing the display back.
 */
#include "devices/edid.h"
#include "devices/virtio-devices.h"
#include "devices/virtio-gpu-proto.h"
#include "vq-driver.h"

#define REQ (VQ_RAM + 0x10000)
#define RESP (VQ_RAM + 0x11000)
#define BACK1 (VQ_RAM + 0x100000)   /* backing, two pieces */
#define BACK2 (VQ_RAM + 0x200000)
#define W 64
#define H 32

static Display *disp;
static VqRing ctrl, cursor;

static VirtIODevice *make_gpu(AddressSpace *as, void *arg)
{
    return virtio_gpu_new(as, disp, 800, 600);
}

/* A plain source below the GPU, like the simple framebuffer. */
static uint32_t fb_pixels[4];
static bool fb_surface(void *opaque, DisplaySurface *s)
{
    *s = (DisplaySurface){ (const uint8_t *)fb_pixels, 2, 2, 8 };
    return true;
}
static const DisplaySourceOps fb_ops = { .name = "fb",
                                         .surface = fb_surface };

static void hdr(uint64_t a, uint32_t type)
{
    memset(vq_host(a), 0, 24);
    vq_put32(a, type);
}

/* Sends a request of len bytes at REQ; returns the response type. */
static uint32_t send(uint32_t len, uint32_t resp_len)
{
    VqBuf b[2] = { { REQ, len, false }, { RESP, resp_len, true } };
    memset(vq_host(RESP), 0xee, resp_len);
    vq_add(&ctrl, b, 2, true);
    int64_t n = vq_used(&ctrl, NULL);
    CHECK(n >= 24);
    return vq_get32(RESP);
}

static uint32_t create_2d(uint32_t id, uint32_t fmt, uint32_t w, uint32_t h)
{
    hdr(REQ, VIRTIO_GPU_CMD_RESOURCE_CREATE_2D);
    vq_put32(REQ + 24, id);
    vq_put32(REQ + 28, fmt);
    vq_put32(REQ + 32, w);
    vq_put32(REQ + 36, h);
    return send(40, 24);
}

static void rect(uint64_t a, uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
    vq_put32(a, x);
    vq_put32(a + 4, y);
    vq_put32(a + 8, w);
    vq_put32(a + 12, h);
}

static uint32_t transfer(uint32_t id, uint32_t x, uint32_t y, uint32_t w,
                         uint32_t h, uint64_t off)
{
    hdr(REQ, VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D);
    rect(REQ + 24, x, y, w, h);
    vq_put64(REQ + 40, off);
    vq_put32(REQ + 48, id);
    return send(56, 24);
}

static uint32_t set_scanout(uint32_t scanout, uint32_t id, uint32_t w,
                            uint32_t h)
{
    hdr(REQ, VIRTIO_GPU_CMD_SET_SCANOUT);
    rect(REQ + 24, 0, 0, w, h);
    vq_put32(REQ + 40, scanout);
    vq_put32(REQ + 44, id);
    return send(48, 24);
}

/* The guest's pixel (x, y) of the W x H image in the split backing. */
static uint8_t *guest_px(uint32_t x, uint32_t y)
{
    uint64_t off = 4ull * (y * W + x), half = 4ull * W * H / 2;
    return off < half ? vq_host(BACK1 + off) : vq_host(BACK2 + off - half);
}

static void test_display_info(void)
{
    hdr(REQ, VIRTIO_GPU_CMD_GET_DISPLAY_INFO);
    CHECK_EQ(send(24, 408), VIRTIO_GPU_RESP_OK_DISPLAY_INFO);
    CHECK_EQ(vq_get32(RESP + 24 + 8), 800);     /* pmodes[0].r.width */
    CHECK_EQ(vq_get32(RESP + 24 + 12), 600);
    CHECK_EQ(vq_get32(RESP + 24 + 16), 1);      /* enabled */
    CHECK_EQ(vq_get32(RESP + 48 + 16), 0);      /* scanout 1: off */
    /* EDID: 128 bytes, valid header and checksum, 800x600 preferred */
    hdr(REQ, VIRTIO_GPU_CMD_GET_EDID);
    vq_put32(REQ + 24, 0);
    CHECK_EQ(send(32, 24 + 8 + 1024), VIRTIO_GPU_RESP_OK_EDID);
    CHECK_EQ(vq_get32(RESP + 24), 128);
    const uint8_t *e = vq_host(RESP + 32);
    uint8_t sum = 0;
    for (int i = 0; i < 128; i++) {
        sum = (uint8_t)(sum + e[i]);
    }
    CHECK_EQ(sum, 0);
    CHECK(e[0] == 0 && e[1] == 0xff && e[7] == 0);
    CHECK_EQ(e[18], 1);
    CHECK_EQ(e[19], 4);
    CHECK_EQ(e[56] | (e[58] >> 4) << 8, 800);   /* DTD h active */
    CHECK_EQ(e[59] | (e[61] >> 4) << 8, 600);   /* DTD v active */
    CHECK(!memcmp(e + 72 + 5, "mimic\n", 6));
    vq_put32(REQ + 24, 3);
    CHECK_EQ(send(32, 24), VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID);
}

static void test_resource(void)
{
    DisplaySurface s;
    /* the framebuffer-like source shows until a scanout is set */
    CHECK(display_surface(disp, &s));
    CHECK_EQ(s.width, 2);
    CHECK_STR(display_source_name(disp), "fb");
    CHECK_EQ(create_2d(1, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, W, H),
             VIRTIO_GPU_RESP_OK_NODATA);
    CHECK_EQ(create_2d(1, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, W, H),
             VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);     /* in use */
    CHECK_EQ(create_2d(0, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, W, H),
             VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
    CHECK_EQ(create_2d(2, 99, W, H), VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER);
    CHECK_EQ(create_2d(2, 2, 0, H), VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER);
    CHECK_EQ(create_2d(2, 2, 16384, 16384),
             VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY);            /* 1 GB */
    /* a transfer before the backing exists fails */
    CHECK_EQ(transfer(1, 0, 0, W, H, 0),
             VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
    /* backing in two pieces, split mid-image */
    uint32_t half = 4 * W * H / 2;
    hdr(REQ, VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING);
    vq_put32(REQ + 24, 1);
    vq_put32(REQ + 28, 2);
    vq_put64(REQ + 32, BACK1);
    vq_put32(REQ + 40, half);
    vq_put64(REQ + 48, BACK2);
    vq_put32(REQ + 56, half);
    CHECK_EQ(send(64, 24), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK_EQ(send(64, 24), VIRTIO_GPU_RESP_ERR_UNSPEC);     /* twice */
    for (uint32_t y = 0; y < H; y++) {
        for (uint32_t x = 0; x < W; x++) {
            uint8_t *p = guest_px(x, y);
            p[0] = (uint8_t)x;          /* B */
            p[1] = (uint8_t)y;          /* G */
            p[2] = (uint8_t)(x ^ y);    /* R */
            p[3] = 0;                   /* X */
        }
    }
    CHECK_EQ(transfer(1, 0, 0, W, H, 0), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK_EQ(transfer(1, 1, 1, W, H, 0),
             VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER);        /* outside */
    CHECK_EQ(transfer(7, 0, 0, 1, 1, 0),
             VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
    CHECK_EQ(set_scanout(1, 1, W, H), VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID);
    CHECK_EQ(set_scanout(0, 9, W, H),
             VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
    CHECK_EQ(set_scanout(0, 1, W + 1, H),
             VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER);
    uint64_t serial = display_serial(disp);
    CHECK_EQ(set_scanout(0, 1, W, H), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK(display_serial(disp) != serial);
    CHECK(display_surface(disp, &s));
    CHECK_STR(display_source_name(disp), "virtio-gpu");
    CHECK_EQ(s.width, W);
    CHECK_EQ(s.height, H);
    CHECK_EQ(s.stride, 4 * W);
    uint32_t px;
    memcpy(&px, s.pixels + 5 * s.stride + 4 * 40, 4);
    CHECK_EQ(px & 0xffffff, (uint32_t)(40 ^ 5) << 16 | 5 << 8 | 40);
    /* a partial update: only the rectangle changes, from offset */
    guest_px(3, 30)[2] = 0xab;
    guest_px(4, 30)[2] = 0xcd;
    guest_px(3, 31)[2] = 0xef;
    CHECK_EQ(transfer(1, 3, 30, 1, 2, 4 * (30 * W + 3)),
             VIRTIO_GPU_RESP_OK_NODATA);
    memcpy(&px, s.pixels + 30 * s.stride + 4 * 3, 4);
    CHECK_EQ(px >> 16 & 0xff, 0xab);
    memcpy(&px, s.pixels + 31 * s.stride + 4 * 3, 4);
    CHECK_EQ(px >> 16 & 0xff, 0xef);
    memcpy(&px, s.pixels + 30 * s.stride + 4 * 4, 4);
    CHECK_EQ(px >> 16 & 0xff, 4 ^ 30);      /* not transferred */
    /* flush of the scanout's resource: the display redraws */
    serial = display_serial(disp);
    hdr(REQ, VIRTIO_GPU_CMD_RESOURCE_FLUSH);
    rect(REQ + 24, 0, 0, W, H);
    vq_put32(REQ + 40, 1);
    CHECK_EQ(send(48, 24), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK(display_serial(disp) != serial);
    vq_put32(REQ + 40, 5);
    CHECK_EQ(send(48, 24), VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
}

static void test_formats_and_fences(void)
{
    /* R8G8B8A8: bytes R, G, B, A in memory, shown as 0xAARRGGBB */
    CHECK_EQ(create_2d(3, VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM, 2, 1),
             VIRTIO_GPU_RESP_OK_NODATA);
    uint64_t bk = VQ_RAM + 0x300000;
    hdr(REQ, VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING);
    vq_put32(REQ + 24, 3);
    vq_put32(REQ + 28, 1);
    vq_put64(REQ + 32, bk);
    vq_put32(REQ + 40, 8);
    CHECK_EQ(send(48, 24), VIRTIO_GPU_RESP_OK_NODATA);
    memcpy(vq_host(bk), "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
    CHECK_EQ(transfer(3, 0, 0, 2, 1, 0), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK_EQ(set_scanout(0, 3, 2, 1), VIRTIO_GPU_RESP_OK_NODATA);
    DisplaySurface s;
    CHECK(display_surface(disp, &s));
    uint32_t px[2];
    memcpy(px, s.pixels, 8);
    CHECK_EQ(px[0], 0x44112233);
    CHECK_EQ(px[1], 0x88556677);
    /* a fenced request: the response carries the fence back */
    hdr(REQ, VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING);
    vq_put32(REQ + 4, VIRTIO_GPU_FLAG_FENCE);
    vq_put64(REQ + 8, 0x123456789ull);
    vq_put32(REQ + 24, 3);
    CHECK_EQ(send(32, 24), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK_EQ(vq_get32(RESP + 4), VIRTIO_GPU_FLAG_FENCE);
    CHECK_EQ(vq_get32(RESP + 8), 0x23456789);
    CHECK_EQ(vq_get32(RESP + 12), 1);
    CHECK_EQ(send(32, 24), VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
    /* a backing outside RAM is refused */
    hdr(REQ, VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING);
    vq_put32(REQ + 24, 3);
    vq_put32(REQ + 28, 1);
    vq_put64(REQ + 32, 0x1000);
    vq_put32(REQ + 40, 8);
    CHECK_EQ(send(48, 24), VIRTIO_GPU_RESP_ERR_UNSPEC);
    /* unknown and short commands */
    hdr(REQ, 0x0999);
    CHECK_EQ(send(24, 24), VIRTIO_GPU_RESP_ERR_UNSPEC);
    hdr(REQ, VIRTIO_GPU_CMD_SET_SCANOUT);
    CHECK_EQ(send(30, 24), VIRTIO_GPU_RESP_ERR_UNSPEC);
    /* back to resource 1 */
    CHECK_EQ(set_scanout(0, 1, W, H), VIRTIO_GPU_RESP_OK_NODATA);
}

static void test_resize(TestIRQ *irq)
{
    vq_wr(VQ_INT_ACK, 3);
    uint32_t gen = vq_rd(VQ_CONFIG_GEN);
    display_ui_resize(disp, 1280, 720);
    CHECK_EQ(vq_rd(VQ_CONFIG), 1);              /* events_read: DISPLAY */
    CHECK_EQ(vq_rd(VQ_INT_STATUS) & 2, 2);      /* config interrupt */
    CHECK_EQ(irq->level, 1);
    CHECK(vq_rd(VQ_CONFIG_GEN) != gen);
    vq_wr(VQ_INT_ACK, 2);
    vq_wr(VQ_CONFIG + 4, 1);                    /* events_clear */
    CHECK_EQ(vq_rd(VQ_CONFIG), 0);
    CHECK_EQ(vq_rd(VQ_CONFIG + 4), 0);
    CHECK_EQ(vq_rd(VQ_CONFIG + 8), 1);          /* num_scanouts */
    hdr(REQ, VIRTIO_GPU_CMD_GET_DISPLAY_INFO);
    CHECK_EQ(send(24, 408), VIRTIO_GPU_RESP_OK_DISPLAY_INFO);
    CHECK_EQ(vq_get32(RESP + 24 + 8), 1280);
    CHECK_EQ(vq_get32(RESP + 24 + 12), 720);
    /* the same size again is no event; tiny sizes are clamped */
    display_ui_resize(disp, 1280, 720);
    CHECK_EQ(vq_rd(VQ_CONFIG), 0);
    display_ui_resize(disp, 10, 10);
    send(24, 408);
    CHECK_EQ(vq_get32(RESP + 24 + 8), 64);
}

static void test_cursor(void)
{
    DisplayCursor c;
    CHECK(!display_cursor(disp, &c));
    uint64_t r = VQ_RAM + 0x12000;
    memset(vq_host(r), 0, 56);
    vq_put32(r, VIRTIO_GPU_CMD_UPDATE_CURSOR);
    vq_put32(r + 28, 10);       /* x */
    vq_put32(r + 32, 20);       /* y */
    vq_put32(r + 40, 1);        /* resource 1 (64x32) */
    vq_put32(r + 44, 2);        /* hot spot */
    vq_put32(r + 48, 3);
    VqBuf b = { r, 56, false };
    vq_add(&cursor, &b, 1, true);
    CHECK_EQ(vq_used(&cursor, NULL), 0);
    CHECK(display_cursor(disp, &c));
    CHECK(c.x == 10 && c.y == 20 && c.hot_x == 2 && c.hot_y == 3);
    CHECK(c.width == 64 && c.height == 32);
    CHECK_EQ(c.pixels[5 * 64 + 40] & 0xff, 40);
    vq_put32(r, VIRTIO_GPU_CMD_MOVE_CURSOR);
    vq_put32(r + 28, 99);
    vq_put32(r + 40, 0);
    vq_add(&cursor, &b, 1, true);
    CHECK(display_cursor(disp, &c));
    CHECK_EQ(c.x, 99);
    vq_put32(r, VIRTIO_GPU_CMD_UPDATE_CURSOR);
    vq_add(&cursor, &b, 1, true);               /* resource 0: hide */
    CHECK(!display_cursor(disp, &c));
}

static void test_unref_and_reset(void)
{
    hdr(REQ, VIRTIO_GPU_CMD_RESOURCE_UNREF);
    vq_put32(REQ + 24, 1);
    CHECK_EQ(send(32, 24), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK_STR(display_source_name(disp), "fb");     /* handed back */
    CHECK_EQ(send(32, 24), VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
    CHECK_EQ(set_scanout(0, 3, 2, 1), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK_STR(display_source_name(disp), "virtio-gpu");
    CHECK_EQ(set_scanout(0, 0, 0, 0), VIRTIO_GPU_RESP_OK_NODATA);
    CHECK_STR(display_source_name(disp), "fb");
    CHECK_EQ(set_scanout(0, 3, 2, 1), VIRTIO_GPU_RESP_OK_NODATA);
    vq_wr(VQ_STATUS, 0);        /* device reset drops every resource */
    CHECK_STR(display_source_name(disp), "fb");
}

int main(void)
{
    TestIRQ irq = { 0 };
    disp = display_new();
    display_add_source(disp, &fb_ops, NULL, DISPLAY_PRIO_FRAMEBUFFER);
    VirtIOMMIO *t = vq_setup(make_gpu, NULL, &irq);
    CHECK_EQ(vq_rd(VQ_DEVICE_ID), 16);
    uint64_t f = vq_init((1ull << 32) | (1u << VIRTIO_GPU_F_EDID));
    CHECK(f & (1u << VIRTIO_GPU_F_EDID));
    CHECK(!(f & 1));                            /* no virgl */
    vq_ring_setup(&ctrl, VIRTIO_GPU_CTRLQ, VQ_RAM + 0x1000);
    vq_ring_setup(&cursor, VIRTIO_GPU_CURSORQ, VQ_RAM + 0x2000);
    vq_driver_ok();
    CHECK_EQ(vq_rd(VQ_CONFIG + 8), 1);
    CHECK_EQ(vq_rd(VQ_CONFIG + 12), 0);         /* no capsets */
    test_display_info();
    test_resource();
    test_formats_and_fences();
    test_resize(&irq);
    test_cursor();
    test_unref_and_reset();
    virtio_mmio_free(t);
    address_space_free(vq_as);
    display_free(disp);
    return check_summary();
}
