/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for virtio-mmio and the virtio devices, with a small driver
 * written here against the virtio v1.2 spec: the 4.2.3 initialisation
 * sequence, split virtqueues in fake guest RAM, notification and the
 * interrupt handshake.  virtio-blk runs on a temporary image file
 * (reads, writes that reach the file, flush, get-id, errors), virtio-rng
 * on the host's entropy, virtio-console on a buffer chardev, virtio-net
 * on the capture network backend.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "devices/virtio-devices.h"
#include "devices/virtio-mmio.h"

#define RAM 0x40000000ull
#define SLOT(n) (0x0a000000ull + 0x200ull * (n))
#define QSIZE 16

enum { MAGIC = 0, VERSION = 4, DEVICE_ID = 8, DEV_FEAT = 0x10,
       DEV_FEAT_SEL = 0x14, DRV_FEAT = 0x20, DRV_FEAT_SEL = 0x24,
       QUEUE_SEL = 0x30, QUEUE_NUM_MAX = 0x34, QUEUE_NUM = 0x38,
       QUEUE_READY = 0x44, QUEUE_NOTIFY = 0x50, INT_STATUS = 0x60,
       INT_ACK = 0x64, STATUS = 0x70, QUEUE_DESC = 0x80, QUEUE_DRIVER = 0x90,
       QUEUE_DEVICE = 0xa0, SHM_LEN_LOW = 0xb0, CONFIG = 0x100 };

static AddressSpace *as;
static uint8_t *ram;

static uint32_t rd(uint64_t a)
{
    uint64_t v = 0;
    address_space_read(as, a, 4, &v, MEMTXATTRS_CPU(0));
    return (uint32_t)v;
}

static void wr(uint64_t a, uint32_t v)
{
    address_space_write(as, a, 4, v, MEMTXATTRS_CPU(0));
}

/* ---- a tiny split-ring driver ---- */

typedef struct Ring {
    uint64_t slot;
    int q;
    uint64_t desc, avail, used;
    uint16_t next_desc, avail_idx, used_seen;
} Ring;

typedef struct Buf {
    uint64_t addr;
    uint32_t len;
    bool device_writes;
} Buf;

static void put16(uint64_t a, uint16_t v) { memcpy(ram + (a - RAM), &v, 2); }
static void put32(uint64_t a, uint32_t v) { memcpy(ram + (a - RAM), &v, 4); }
static void put64(uint64_t a, uint64_t v) { memcpy(ram + (a - RAM), &v, 8); }
static uint16_t get16(uint64_t a)
{
    uint16_t v;
    memcpy(&v, ram + (a - RAM), 2);
    return v;
}
static uint32_t get32(uint64_t a)
{
    uint32_t v;
    memcpy(&v, ram + (a - RAM), 4);
    return v;
}

/* 4.2.3.2: queue set-up */
static void ring_setup(Ring *r, uint64_t slot, int q, uint64_t mem)
{
    *r = (Ring){ .slot = slot, .q = q, .desc = mem,
                 .avail = mem + 16 * QSIZE, .used = mem + 0x400 };
    wr(slot + QUEUE_SEL, (uint32_t)q);
    CHECK(rd(slot + QUEUE_NUM_MAX) >= QSIZE);
    CHECK_EQ(rd(slot + QUEUE_READY), 0);
    wr(slot + QUEUE_NUM, QSIZE);
    wr(slot + QUEUE_DESC, (uint32_t)r->desc);
    wr(slot + QUEUE_DESC + 4, (uint32_t)(r->desc >> 32));
    wr(slot + QUEUE_DRIVER, (uint32_t)r->avail);
    wr(slot + QUEUE_DRIVER + 4, 0);
    wr(slot + QUEUE_DEVICE, (uint32_t)r->used);
    wr(slot + QUEUE_DEVICE + 4, 0);
    wr(slot + QUEUE_READY, 1);
    CHECK_EQ(rd(slot + QUEUE_READY), 1);
    CHECK_EQ(rd(slot + QUEUE_DESC), (uint32_t)r->desc);
}

static void write_desc(uint64_t table, unsigned i, const Buf *b, int next)
{
    uint64_t d = table + 16ull * i;
    put64(d, b->addr);
    put32(d + 8, b->len);
    put16(d + 12, (uint16_t)((next >= 0 ? 1 : 0) | (b->device_writes ? 2 : 0)));
    put16(d + 14, (uint16_t)(next >= 0 ? next : 0));
}

/* Adds a chain to the avail ring; notify says whether to kick. */
static void ring_add(Ring *r, const Buf *bufs, int n, bool notify)
{
    uint16_t head = r->next_desc;
    for (int i = 0; i < n; i++) {
        unsigned idx = (r->next_desc + i) % QSIZE;
        write_desc(r->desc, idx, &bufs[i],
                   i + 1 < n ? (int)((idx + 1) % QSIZE) : -1);
    }
    r->next_desc = (uint16_t)((r->next_desc + n) % QSIZE);
    put16(r->avail + 4 + 2 * (r->avail_idx % QSIZE), head);
    r->avail_idx++;
    put16(r->avail + 2, r->avail_idx);
    if (notify) {
        wr(r->slot + QUEUE_NOTIFY, (uint32_t)r->q);
    }
}

/* One indirect descriptor pointing at a table of n buffers. */
static void ring_add_indirect(Ring *r, uint64_t table, const Buf *bufs,
                              int n)
{
    for (int i = 0; i < n; i++) {
        write_desc(table, (unsigned)i, &bufs[i], i + 1 < n ? i + 1 : -1);
    }
    uint16_t head = r->next_desc;
    uint64_t d = r->desc + 16ull * head;
    put64(d, table);
    put32(d + 8, (uint32_t)(16 * n));
    put16(d + 12, 4);   /* INDIRECT */
    put16(d + 14, 0);
    r->next_desc = (uint16_t)((r->next_desc + 1) % QSIZE);
    put16(r->avail + 4 + 2 * (r->avail_idx % QSIZE), head);
    r->avail_idx++;
    put16(r->avail + 2, r->avail_idx);
    wr(r->slot + QUEUE_NOTIFY, (uint32_t)r->q);
}

/* Next used element: returns its length, -1 if none. */
static int64_t ring_used(Ring *r)
{
    if (get16(r->used + 2) == r->used_seen) {
        return -1;
    }
    uint64_t e = r->used + 4 + 8ull * (r->used_seen % QSIZE);
    r->used_seen++;
    return get32(e + 4);
}

/* 4.2.3.1 / 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK */
static bool driver_init(uint64_t slot, uint64_t want)
{
    wr(slot + STATUS, 0);
    wr(slot + STATUS, 1);
    wr(slot + STATUS, 3);
    wr(slot + DEV_FEAT_SEL, 0);
    uint64_t f = rd(slot + DEV_FEAT);
    wr(slot + DEV_FEAT_SEL, 1);
    f |= (uint64_t)rd(slot + DEV_FEAT) << 32;
    uint64_t use = f & want;
    wr(slot + DRV_FEAT_SEL, 0);
    wr(slot + DRV_FEAT, (uint32_t)use);
    wr(slot + DRV_FEAT_SEL, 1);
    wr(slot + DRV_FEAT, (uint32_t)(use >> 32));
    wr(slot + STATUS, 3 | 8);
    return rd(slot + STATUS) & 8;
}

static void driver_ok(uint64_t slot)
{
    wr(slot + STATUS, 3 | 8 | 4);
}

#define F_VERSION_1 (1ull << 32)
#define F_INDIRECT (1ull << 28)

/* ---- virtio-blk ---- */

static char img_path[] = "/tmp/mimic-test-blk-XXXXXX";

static int make_image(void)
{
    int fd = mkstemp(img_path);
    uint8_t sector[512];
    for (int s = 0; s < 128; s++) {
        memset(sector, s, sizeof(sector));
        CHECK(write(fd, sector, 512) == 512);
    }
    return fd;
}

/* header at h, data at d (len), status at st */
static void blk_request(Ring *r, uint32_t type, uint64_t sector, uint64_t h,
                        uint64_t d, uint32_t len, uint64_t st, bool split)
{
    put32(h, type);
    put32(h + 4, 0);
    put64(h + 8, sector);
    put16(st, 0xffff);
    bool dw = type != 1;
    Buf b[4] = { { h, 16, false } };
    int n = 1;
    if (len && split) {
        b[n++] = (Buf){ d, len / 2, dw };
        b[n++] = (Buf){ d + len / 2, len - len / 2, dw };
    } else if (len) {
        b[n++] = (Buf){ d, len, dw };
    }
    b[n++] = (Buf){ st, 1, true };
    ring_add(r, b, n, true);
}

static void test_blk(VirtIOMMIO *t, TestIRQ *irq)
{
    uint64_t slot = SLOT(0);
    CHECK_EQ(rd(slot + MAGIC), 0x74726976);
    CHECK_EQ(rd(slot + VERSION), 2);
    CHECK_EQ(rd(slot + DEVICE_ID), 2);
    CHECK_EQ(rd(slot + SHM_LEN_LOW), 0xffffffff);
    /* FEATURES_OK does not stick without VERSION_1 */
    CHECK(!driver_init(slot, 0));
    CHECK(driver_init(slot, F_VERSION_1 | F_INDIRECT | (1u << 9)));
    /* config: capacity 128 sectors (read as two 32-bit halves), blk_size */
    CHECK_EQ(rd(slot + CONFIG), 128);
    CHECK_EQ(rd(slot + CONFIG + 4), 0);
    CHECK_EQ(rd(slot + CONFIG + 20), 512);
    uint64_t c8 = 0;
    address_space_read(as, slot + CONFIG, 1, &c8, MEMTXATTRS_CPU(0));
    CHECK_EQ(c8, 128);
    Ring r;
    ring_setup(&r, slot, 0, RAM + 0x1000);
    driver_ok(slot);
    CHECK_EQ(rd(slot + STATUS), 15);
    uint64_t h = RAM + 0x4000, d = RAM + 0x5000, st = RAM + 0x4800;
    /* write sectors 3-4 */
    memset(ram + 0x5000, 0xab, 1024);
    blk_request(&r, 1, 3, h, d, 1024, st, false);
    CHECK_EQ(ring_used(&r), 1);
    CHECK_EQ(ram[0x4800], 0);
    CHECK_EQ(irq->level, 1);
    CHECK_EQ(rd(slot + INT_STATUS), 1);
    wr(slot + INT_ACK, 1);
    CHECK_EQ(irq->level, 0);
    uint8_t back[1024];
    int rfd = open(img_path, O_RDONLY);
    CHECK(pread(rfd, back, 1024, 3 * 512) == 1024);
    close(rfd);
    CHECK(back[0] == 0xab && back[1023] == 0xab);
    /* read sectors 2-3 into two buffers */
    blk_request(&r, 0, 2, h, d, 1024, st, true);
    CHECK_EQ(ring_used(&r), 1025);
    CHECK_EQ(ram[0x4800], 0);
    CHECK(ram[0x5000] == 2 && ram[0x51ff] == 2 && ram[0x5200] == 0xab);
    /* flush, get-id */
    blk_request(&r, 4, 0, h, 0, 0, st, false);
    CHECK_EQ(ring_used(&r), 1);
    CHECK_EQ(ram[0x4800], 0);
    memset(ram + 0x5000, 0, 32);
    blk_request(&r, 8, 0, h, d, 20, st, false);
    CHECK_EQ(ring_used(&r), 21);
    CHECK(!memcmp(ram + 0x5000, "mimic-test-blk-", 15));
    /* past the end, unknown type */
    blk_request(&r, 0, 127, h, d, 1024, st, false);
    CHECK_EQ(ring_used(&r), 1);
    CHECK_EQ(ram[0x4800], 1);   /* IOERR */
    blk_request(&r, 99, 0, h, d, 512, st, false);
    CHECK_EQ(ring_used(&r), 1);
    CHECK_EQ(ram[0x4800], 2);   /* UNSUPP */
    /* an indirect chain */
    put32(h, 0);
    put64(h + 8, 5);
    Buf ib[3] = { { h, 16, false }, { d, 512, true }, { st, 1, true } };
    ring_add_indirect(&r, RAM + 0x6000, ib, 3);
    CHECK_EQ(ring_used(&r), 513);
    CHECK(ram[0x5000] == 5 && ram[0x4800] == 0);
    /* the driver asks for no interrupts */
    wr(slot + INT_ACK, rd(slot + INT_STATUS));
    put16(r.avail, 1);
    blk_request(&r, 4, 0, h, 0, 0, st, false);
    CHECK_EQ(ring_used(&r), 1);
    CHECK_EQ(irq->level, 0);
    put16(r.avail, 0);
    /* a buffer outside RAM breaks the device until reset */
    Buf bad[3] = { { h, 16, false }, { 0x1000, 512, true }, { st, 1, true } };
    put32(h, 0);
    ring_add(&r, bad, 3, true);
    CHECK_EQ(ring_used(&r), -1);
    CHECK(rd(slot + STATUS) & 64);      /* NEEDS_RESET */
    wr(slot + STATUS, 0);
    CHECK_EQ(rd(slot + STATUS), 0);
    wr(slot + QUEUE_SEL, 0);
    CHECK_EQ(rd(slot + QUEUE_READY), 0);
    virtio_mmio_reset(t);
}

static void test_rng(void)
{
    uint64_t slot = SLOT(1);
    CHECK_EQ(rd(slot + DEVICE_ID), 4);
    CHECK(driver_init(slot, F_VERSION_1));
    Ring r;
    ring_setup(&r, slot, 0, RAM + 0x8000);
    driver_ok(slot);
    memset(ram + 0x9000, 0, 64);
    Buf b = { RAM + 0x9000, 64, true };
    ring_add(&r, &b, 1, true);
    CHECK_EQ(ring_used(&r), 64);
    int zeros = 0;
    for (int i = 0; i < 64; i++) {
        zeros += ram[0x9000 + i] == 0;
    }
    CHECK(zeros < 16);
}

static void test_console(Chardev *chr)
{
    uint64_t slot = SLOT(2);
    CHECK_EQ(rd(slot + DEVICE_ID), 3);
    CHECK(driver_init(slot, F_VERSION_1));
    Ring rx, tx;
    ring_setup(&rx, slot, 0, RAM + 0xa000);
    ring_setup(&tx, slot, 1, RAM + 0xb000);
    driver_ok(slot);
    memcpy(ram + 0xc000, "hello", 5);
    Buf b = { RAM + 0xc000, 5, false };
    ring_add(&tx, &b, 1, true);
    CHECK_EQ(ring_used(&tx), 0);
    uint8_t out[16];
    CHECK_EQ(chardev_buffer_take(chr, out, sizeof(out)), 5);
    CHECK(!memcmp(out, "hello", 5));
    /* input waits for a buffer */
    chardev_buffer_feed(chr, (const uint8_t *)"abc", 3);
    CHECK_EQ(chardev_buffer_pending(chr), 3);
    Buf in = { RAM + 0xd000, 64, true };
    ring_add(&rx, &in, 1, true);
    CHECK_EQ(ring_used(&rx), 3);
    CHECK(!memcmp(ram + 0xd000, "abc", 3));
    CHECK_EQ(chardev_buffer_pending(chr), 0);
}

static void test_net(NetBackend *nb)
{
    uint64_t slot = SLOT(3);
    CHECK_EQ(rd(slot + DEVICE_ID), 1);
    CHECK(driver_init(slot, F_VERSION_1 | (1u << 5)));
    uint64_t mac_lo = rd(slot + CONFIG);
    CHECK_EQ(mac_lo, 0x12005452);
    Ring rx, tx;
    ring_setup(&rx, slot, 0, RAM + 0x10000);
    ring_setup(&tx, slot, 1, RAM + 0x11000);
    driver_ok(slot);
    /* transmit: the 12-byte header is stripped */
    memset(ram + 0x12000, 0, 12);
    for (int i = 0; i < 60; i++) {
        ram[0x1200c + i] = (uint8_t)i;
    }
    Buf b[2] = { { RAM + 0x12000, 12, false }, { RAM + 0x1200c, 60, false } };
    ring_add(&tx, b, 2, true);
    CHECK_EQ(ring_used(&tx), 0);
    uint8_t frame[128];
    CHECK_EQ(net_capture_take(nb, frame, sizeof(frame)), 60);
    CHECK(frame[0] == 0 && frame[59] == 59);
    /* receive: a frame that arrives before any buffer waits */
    net_capture_inject(nb, frame, 60);
    Buf in = { RAM + 0x13000, 2048, true };
    ring_add(&rx, &in, 1, true);
    CHECK_EQ(ring_used(&rx), 72);
    CHECK_EQ(get16(RAM + 0x13000 + 10), 1);    /* num_buffers */
    CHECK(ram[0x1300c] == 0 && ram[0x1300c + 59] == 59);
    ring_add(&rx, &in, 1, false);
    frame[0] = 0xee;
    net_capture_inject(nb, frame, 60);
    CHECK_EQ(ring_used(&rx), 72);
    CHECK_EQ(ram[0x1300c], 0xee);
}

int main(void)
{
    as = address_space_new();
    MemoryRegion *mr = memory_map_ram(as, "ram", RAM, 1 << 20);
    ram = mr->host;
    TestIRQ irq[5] = { 0 };
    VirtIOMMIO *t[5];
    for (int i = 0; i < 5; i++) {
        t[i] = virtio_mmio_create(as, SLOT(i),
                                  irq_line(test_irq_set, &irq[i], 48 + i));
    }
    int fd = make_image();
    char err[256];
    VirtIODevice *blk = virtio_blk_new(as, img_path, false, err, sizeof(err));
    CHECK(blk != NULL);
    CHECK(virtio_mmio_plug(t[0], blk));
    CHECK(!virtio_mmio_plug(t[0], blk));
    CHECK(virtio_mmio_plug(t[1], virtio_rng_new(as)));
    Chardev *chr = chardev_new_buffer(false);
    CHECK(virtio_mmio_plug(t[2], virtio_console_new(as, chr)));
    NetBackend *nb = net_capture_new();
    CHECK(virtio_mmio_plug(t[3], virtio_net_new(as, nb, NULL, 0)));
    CHECK(virtio_blk_new(as, "/nonexistent.img", false, err,
                         sizeof(err)) == NULL);
    CHECK(strstr(err, "cannot open disk image") != NULL);
    /* an empty slot: right magic and version, device ID 0 */
    CHECK_EQ(rd(SLOT(4) + MAGIC), 0x74726976);
    CHECK_EQ(rd(SLOT(4) + VERSION), 2);
    CHECK_EQ(rd(SLOT(4) + DEVICE_ID), 0);
    test_blk(t[0], &irq[0]);
    test_rng();
    test_console(chr);
    test_net(nb);
    for (int i = 0; i < 5; i++) {
        virtio_mmio_free(t[i]);
    }
    net_free(nb);
    chardev_close(chr);
    close(fd);
    unlink(img_path);
    address_space_free(as);
    return check_summary();
}
