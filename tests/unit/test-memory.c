/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for system/memory.c (address space, RAM, MMIO dispatch,
 * code-page hook), system/main-loop.c (timers, fds, notify) and
 * system/chardev.c (buffer backend, Ctrl-A escapes, flow control).
 */
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "system/chardev.h"
#include "system/main-loop.h"
#include "system/memory.h"

/* A device that records its last access and answers offset + size. */
typedef struct FakeDev {
    uint64_t last_off, last_val;
    unsigned last_size;
    int reads, writes;
    int last_requester;
} FakeDev;

static uint64_t fake_read(void *opaque, uint64_t off, unsigned size)
{
    FakeDev *d = opaque;
    d->reads++;
    d->last_off = off;
    d->last_size = size;
    return 0x1000 + off * 0x10 + size;
}

static void fake_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    FakeDev *d = opaque;
    d->writes++;
    d->last_off = off;
    d->last_val = v;
    d->last_size = size;
}

static uint64_t fake_read_attrs(void *opaque, uint64_t off, unsigned size,
                                MemTxAttrs attrs)
{
    ((FakeDev *)opaque)->last_requester = attrs.requester;
    return fake_read(opaque, off, size);
}

static const MemoryRegionOps fake_ops = { .read = fake_read,
                                          .write = fake_write };
static const MemoryRegionOps fake_ops32 = { .read = fake_read,
                                            .write = fake_write,
                                            .max_access = 4 };
static const MemoryRegionOps fake_ops_attrs = { .read_attrs = fake_read_attrs,
                                                .write = fake_write };

typedef struct HookLog {
    int calls;
    uint64_t addr, len;
} HookLog;

static void hook(void *opaque, uint64_t paddr, uint64_t len)
{
    HookLog *h = opaque;
    h->calls++;
    h->addr = paddr;
    h->len = len;
}

static void test_map_and_lookup(void)
{
    AddressSpace *as = address_space_new();
    FakeDev d = { 0 };
    MemoryRegion *ram = memory_map_ram(as, "ram", 0x40000000, 1 << 20);
    CHECK(ram != NULL);
    /* many small regions, inserted out of order */
    for (int i = 31; i >= 0; i--) {
        CHECK(memory_map_mmio(as, "dev", 0x0a000000 + 0x200ull * i, 0x200,
                              &fake_ops, &d) != NULL);
    }
    CHECK_EQ(as->nregions, 33);
    for (int i = 0; i < as->nregions - 1; i++) {
        CHECK(as->map[i]->base < as->map[i + 1]->base);
    }
    CHECK(address_space_lookup(as, 0x0a000000)->base == 0x0a000000);
    CHECK(address_space_lookup(as, 0x0a0001ff)->base == 0x0a000000);
    CHECK(address_space_lookup(as, 0x0a003e10)->base == 0x0a003e00);
    CHECK(address_space_lookup(as, 0x0a004000) == NULL);
    CHECK(address_space_lookup(as, 0x3fffffff) == NULL);
    CHECK(address_space_lookup(as, 0x40000000) == ram);
    CHECK(address_space_lookup(as, 0x400fffff) == ram);
    CHECK(address_space_lookup(as, 0x40100000) == NULL);
    CHECK(address_space_lookup(as, 0) == NULL);
    CHECK(address_space_lookup(as, ~0ull) == NULL);
    /* overlaps and empty ranges are refused */
    fprintf(stderr, "(two overlap messages expected)\n");
    CHECK(memory_map_mmio(as, "x", 0x0a0001f0, 0x20, &fake_ops, &d) == NULL);
    CHECK(memory_map_mmio(as, "x", 0x3ffff000, 0x2000, &fake_ops, &d) == NULL);
    CHECK(memory_map_mmio(as, "x", 0x1000, 0, &fake_ops, &d) == NULL);
    CHECK(memory_map_mmio(as, "x", ~0ull - 0xf, 0x20, &fake_ops, &d) == NULL);
    CHECK_EQ(as->nregions, 33);
    /* unmap */
    memory_unmap(as, address_space_lookup(as, 0x0a000200));
    CHECK(address_space_lookup(as, 0x0a000200) == NULL);
    CHECK(address_space_lookup(as, 0x0a000400) != NULL);
    address_space_free(as);
}

static void test_ram_access(void)
{
    AddressSpace *as = address_space_new();
    memory_map_ram(as, "ram", 0x40000000, 0x10000);
    uint64_t avail = 0;
    uint8_t *p = address_space_ram_ptr(as, 0x40000100, &avail);
    CHECK(p != NULL);
    CHECK_EQ(avail, 0x10000 - 0x100);
    CHECK(address_space_ram_ptr(as, 0x3ffffff0, NULL) == NULL);
    CHECK_EQ(address_space_write(as, 0x40000100, 8, 0x1122334455667788ull,
                                 MEMTXATTRS_CPU(0)), MEMTX_OK);
    CHECK_EQ(p[0], 0x88);
    CHECK_EQ(p[7], 0x11);
    uint64_t v = 0;
    CHECK_EQ(address_space_read(as, 0x40000102, 2, &v, MEMTXATTRS_CPU(0)),
             MEMTX_OK);
    CHECK_EQ(v, 0x5566);
    CHECK_EQ(address_space_read(as, 0x50000000, 4, &v, MEMTXATTRS_CPU(0)),
             MEMTX_DECODE_ERROR);
    CHECK_EQ(v, 0);
    CHECK_EQ(address_space_write(as, 0x50000000, 4, 1, MEMTXATTRS_CPU(0)),
             MEMTX_DECODE_ERROR);
    /* bulk copy with a hole: the hole reads as zeros, result is an error */
    uint8_t buf[0x20];
    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(address_space_rw(as, 0x4000fff0, buf, sizeof(buf), false),
             MEMTX_DECODE_ERROR);
    CHECK_EQ(buf[0x10], 0);
    CHECK_EQ(buf[0x1f], 0);
    memset(buf, 0x5a, sizeof(buf));
    CHECK_EQ(address_space_rw(as, 0x40000200, buf, sizeof(buf), true),
             MEMTX_OK);
    CHECK_EQ(p[0x100], 0x5a);
    CHECK_EQ(p[0x11f], 0x5a);
    CHECK_EQ(p[0x120], 0);
    /* ROM: loaders write it, the CPU cannot */
    static uint8_t rom[0x1000];
    CHECK(memory_map_host(as, "rom", MR_ROM, 0, sizeof(rom), rom) != NULL);
    CHECK_EQ(address_space_rw(as, 0x10, buf, 4, true), MEMTX_OK);
    CHECK_EQ(rom[0x10], 0x5a);
    CHECK_EQ(address_space_write(as, 0x10, 1, 0x77, MEMTXATTRS_CPU(0)),
             MEMTX_OK);
    CHECK_EQ(rom[0x10], 0x5a);
    /* map: RAM only, trimmed at the region's end */
    uint64_t len = 0x100;
    CHECK(address_space_map(as, 0x4000ff80, &len, true) == p - 0x100 + 0xff80);
    CHECK_EQ(len, 0x80);
    len = 0x10;
    CHECK(address_space_map(as, 0x10, &len, true) == NULL);
    address_space_free(as);
}

static void test_mmio_dispatch(void)
{
    AddressSpace *as = address_space_new();
    FakeDev d = { 0 }, d32 = { 0 }, da = { 0 };
    memory_map_mmio(as, "d", 0x1000, 0x100, &fake_ops, &d);
    memory_map_mmio(as, "d32", 0x2000, 0x100, &fake_ops32, &d32);
    memory_map_mmio(as, "da", 0x3000, 0x100, &fake_ops_attrs, &da);
    uint64_t v;
    CHECK_EQ(address_space_read(as, 0x1010, 4, &v, MEMTXATTRS_CPU(0)),
             MEMTX_OK);
    CHECK_EQ(v, 0x1000 + 0x10 * 0x10 + 4);
    CHECK_EQ(d.last_off, 0x10);
    /* 8-byte access to a 4-byte device: two reads, little-endian */
    CHECK_EQ(address_space_read(as, 0x2008, 8, &v, MEMTXATTRS_CPU(0)),
             MEMTX_OK);
    CHECK_EQ(d32.reads, 2);
    CHECK_EQ(v, (uint64_t)(0x1000 + 0xc * 0x10 + 4) << 32 |
                (0x1000 + 0x8 * 0x10 + 4));
    address_space_write(as, 0x2000, 8, 0xaaaabbbbccccddddull,
                        MEMTXATTRS_CPU(0));
    CHECK_EQ(d32.writes, 2);
    CHECK_EQ(d32.last_off, 4);
    CHECK_EQ(d32.last_val, 0xaaaabbbb);
    /* narrow values are masked to the access size */
    address_space_write(as, 0x1004, 2, 0x12345678, MEMTXATTRS_CPU(0));
    CHECK_EQ(d.last_val, 0x5678);
    CHECK_EQ(d.last_size, 2);
    /* requester reaches the attrs callbacks */
    address_space_read(as, 0x3000, 4, &v, MEMTXATTRS_CPU(3));
    CHECK_EQ(da.last_requester, 3);
    /* bulk copy over MMIO uses naturally aligned pieces */
    uint8_t buf[7];
    d.reads = 0;
    address_space_rw(as, 0x1001, buf, 7, false);
    CHECK_EQ(d.reads, 3);   /* 1 @1, 2 @2, 4 @4 */
    CHECK_EQ(d.last_off, 4);
    CHECK_EQ(d.last_size, 4);
    /* an access straddling two regions is split into bytes */
    memory_map_ram(as, "ram", 0x1100, 0x100);
    d.reads = 0;
    CHECK_EQ(address_space_read(as, 0x10fe, 4, &v, MEMTXATTRS_CPU(0)),
             MEMTX_OK);
    CHECK_EQ(d.reads, 2);
    CHECK_EQ(v & 0xffff, ((0x1000 + 0xff * 0x10 + 1) & 0xff) << 8 |
                         ((0x1000 + 0xfe * 0x10 + 1) & 0xff));
    char dump[1024] = "";
    FILE *f = fmemopen(dump, sizeof(dump), "w");
    address_space_dump(as, f);
    fclose(f);
    CHECK(strstr(dump, "0000000000002000-00000000000020ff (i/o): d32") !=
          NULL);
    CHECK(strstr(dump, "0000000000001100-00000000000011ff (ram): ram") !=
          NULL);
    address_space_free(as);
}

static void test_code_pages(void)
{
    AddressSpace *as = address_space_new();
    HookLog h = { 0 };
    as->on_ram_write = hook;
    as->on_ram_write_opaque = &h;
    memory_map_ram(as, "ram", 0x40000000, 0x100000);
    uint8_t buf[16] = { 1 };
    address_space_rw(as, 0x40002000, buf, 16, true);
    CHECK_EQ(h.calls, 0);     /* no code page yet */
    memory_set_code_page(as, 0x40002000, true);
    CHECK(memory_is_code_page(as, 0x40002fff));
    CHECK(!memory_is_code_page(as, 0x40003000));
    address_space_rw(as, 0x40001ff8, buf, 16, true);   /* touches it */
    CHECK_EQ(h.calls, 1);
    CHECK_EQ(h.addr, 0x40001ff8);
    CHECK_EQ(h.len, 16);
    address_space_rw(as, 0x40002000, buf, 16, false);  /* reads: no */
    CHECK_EQ(h.calls, 1);
    address_space_write(as, 0x40002010, 4, 0, MEMTXATTRS_CPU(0));
    CHECK_EQ(h.calls, 2);
    address_space_write(as, 0x40003010, 4, 0, MEMTXATTRS_CPU(0));
    CHECK_EQ(h.calls, 2);
    /* DMA through map/unmap reports the bytes written */
    uint64_t len = 0x2000;
    void *p = address_space_map(as, 0x40001000, &len, true);
    address_space_unmap(as, p, 0x40001000, 0x1000, true);
    CHECK_EQ(h.calls, 2);
    address_space_unmap(as, p, 0x40001000, 0x1001, true);
    CHECK_EQ(h.calls, 3);
    /* far pages use other bitmap words */
    memory_set_code_page(as, 0x400ff000, true);
    address_space_rw(as, 0x40080000, buf, 16, true);
    CHECK_EQ(h.calls, 3);
    memory_set_code_page(as, 0x40002000, false);
    address_space_rw(as, 0x40002000, buf, 16, true);
    CHECK_EQ(h.calls, 3);
    address_space_free(as);
}

/* ---- main loop ---- */

typedef struct TimerLog {
    int order[8], n;
} TimerLog;

static TimerLog tlog;
static void t1(void *o) { tlog.order[tlog.n++] = 1; (void)o; }
static void t2(void *o) { tlog.order[tlog.n++] = 2; (void)o; }

static int64_t fake_now;
static int64_t fake_clock(void *o) { (void)o; return fake_now; }

static void fd_readable(void *opaque, int fd, int revents)
{
    char c;
    if (read(fd, &c, 1) == 1) {
        (*(int *)opaque)++;
    }
}

static void test_main_loop(void)
{
    MainLoop *ml = main_loop_new();
    int64_t now = main_loop_clock_ns(ml, ML_CLOCK_HOST);
    MLTimer *a = ml_timer_new(ml, ML_CLOCK_HOST, t1, NULL);
    MLTimer *b = ml_timer_new(ml, ML_CLOCK_HOST, t2, NULL);
    ml_timer_mod(a, now + 20000000);
    ml_timer_mod(b, now + 5000000);
    CHECK(ml_timer_pending(a));
    int64_t d = main_loop_next_deadline(ml);
    CHECK(d > 0 && d <= 5000000);
    while (tlog.n < 2) {
        main_loop_wait(ml, -1);   /* blocks until the timers are due */
    }
    CHECK_EQ(tlog.order[0], 2);
    CHECK_EQ(tlog.order[1], 1);
    CHECK(main_loop_clock_ns(ml, ML_CLOCK_HOST) - now >= 20000000);
    CHECK(!ml_timer_pending(a));
    CHECK_EQ(main_loop_next_deadline(ml), -1);
    /* virtual clock: stops while paused; a custom clock drives timers */
    main_loop_pause_virtual(ml, true);
    int64_t v0 = main_loop_clock_ns(ml, ML_CLOCK_VIRTUAL);
    usleep(2000);
    CHECK_EQ(main_loop_clock_ns(ml, ML_CLOCK_VIRTUAL), v0);
    main_loop_pause_virtual(ml, false);
    main_loop_set_virtual_clock(ml, fake_clock, NULL, NULL);
    MLTimer *c = ml_timer_new(ml, ML_CLOCK_VIRTUAL, t1, NULL);
    fake_now = 1000;
    ml_timer_mod(c, 5000);
    CHECK(!main_loop_run_timers(ml));
    fake_now = 5000;
    CHECK(main_loop_run_timers(ml));
    CHECK_EQ(tlog.n, 3);
    /* fds and notify */
    int p[2];
    CHECK(pipe(p) == 0);
    int got = 0;
    main_loop_add_fd(ml, p[0], NULL, fd_readable, &got);
    CHECK(!main_loop_wait(ml, 0));
    CHECK(write(p[1], "x", 1) == 1);
    CHECK(main_loop_wait(ml, 1000000000));
    CHECK_EQ(got, 1);
    main_loop_notify(ml);
    CHECK(main_loop_wait(ml, 1000000000));     /* returns at once */
    main_loop_remove_fd(ml, p[0]);
    CHECK(write(p[1], "y", 1) == 1);
    main_loop_wait(ml, 0);
    CHECK_EQ(got, 1);
    close(p[0]);
    close(p[1]);
    ml_timer_free(a);
    ml_timer_free(b);
    ml_timer_free(c);
    main_loop_free(ml);
}

/* ---- chardev ---- */

typedef struct FakeFE {
    uint8_t got[64];
    int n, room;
} FakeFE;

static int fe_can_read(void *o)
{
    FakeFE *f = o;
    return f->room - f->n;
}

static void fe_read(void *o, const uint8_t *buf, int len)
{
    FakeFE *f = o;
    memcpy(f->got + f->n, buf, (size_t)len);
    f->n += len;
}

static int quits;
static void on_quit(void *o) { quits++; (void)o; }

static void test_chardev(void)
{
    Chardev *chr = chardev_new_buffer(true);
    FakeFE fe = { .room = 4 };
    CharFrontend cfe = { fe_can_read, fe_read, &fe, "test" };
    CHECK(chardev_attach(chr, &cfe));
    chardev_set_quit_handler(chr, on_quit, NULL);
    /* flow control: only what the frontend has room for */
    chardev_buffer_feed(chr, (const uint8_t *)"abcdef", 6);
    CHECK_EQ(fe.n, 4);
    CHECK_EQ(chardev_buffer_pending(chr), 2);
    fe.room = 64;
    chardev_accept_input(chr);
    CHECK_EQ(fe.n, 6);
    CHECK(!memcmp(fe.got, "abcdef", 6));
    /* escapes: C-a C-a is a literal C-a, C-a x quits, C-a h helps */
    chardev_buffer_feed(chr, (const uint8_t *)"\x01\x01z\x01x\x01h", 7);
    CHECK_EQ(fe.n, 8);
    CHECK_EQ(fe.got[6], 0x01);
    CHECK_EQ(fe.got[7], 'z');
    CHECK_EQ(quits, 1);
    uint8_t out[512];
    size_t n = chardev_buffer_take(chr, out, sizeof(out) - 1);
    out[n] = 0;
    CHECK(strstr((char *)out, "C-a x    exit emulator") != NULL);
    chardev_write(chr, (const uint8_t *)"hello", 5);
    n = chardev_buffer_take(chr, out, sizeof(out));
    CHECK_EQ(n, 5);
    CHECK(!memcmp(out, "hello", 5));
    chardev_close(chr);
    /* without the mux a C-a is data */
    chr = chardev_new_buffer(false);
    fe.n = 0;
    chardev_attach(chr, &cfe);
    CHECK(!chardev_attach(chr, &cfe));   /* one frontend only */
    chardev_buffer_feed(chr, (const uint8_t *)"\x01x", 2);
    CHECK_EQ(fe.n, 2);
    CHECK_EQ(quits, 1);
    chardev_close(chr);
    char err[128];
    CHECK(chardev_open(NULL, "bogus", err, sizeof(err)) == NULL);
    CHECK(strstr(err, "unknown character device") != NULL);
}

int main(void)
{
    test_map_and_lookup();
    test_ram_access();
    test_mmio_dispatch();
    test_code_pages();
    test_main_loop();
    test_chardev();
    return check_summary();
}
