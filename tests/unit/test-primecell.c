/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the PrimeCell devices, through their registers: PL011
 * UART (IDs, TX, RX FIFO, flags, interrupts), PL031 RTC (time, load,
 * match interrupt on a test-driven virtual clock), PL061 GPIO (masked
 * data, edge and level interrupts).  Expected values are from the TRMs
 * (DDI 0183, DDI 0224, DDI 0190).
 */
#include <time.h>
#include "check.h"
#include "devices/pl011.h"
#include "devices/pl031.h"
#include "devices/pl061.h"

#define UART 0x09000000ull
#define RTC 0x09010000ull
#define GPIO 0x09030000ull

static AddressSpace *as;

static uint32_t rd(uint64_t addr)
{
    uint64_t v = 0;
    CHECK_EQ(address_space_read(as, addr, 4, &v, MEMTXATTRS_CPU(0)),
             MEMTX_OK);
    return (uint32_t)v;
}

static void wr(uint64_t addr, uint32_t v)
{
    address_space_write(as, addr, 4, v, MEMTXATTRS_CPU(0));
}

/* Linux's AMBA bus: periphid = ID0 | ID1 << 8 | ID2 << 16 | ID3 << 24 and
 * cellid = 0xb105f00d */
static void check_ids(uint64_t base, uint32_t periphid)
{
    uint32_t pid = 0, cid = 0;
    for (int i = 0; i < 4; i++) {
        pid |= (rd(base + 0xfe0 + 4 * i) & 0xff) << (8 * i);
        cid |= (rd(base + 0xff0 + 4 * i) & 0xff) << (8 * i);
    }
    CHECK_EQ(pid, periphid);
    CHECK_EQ(cid, 0xb105f00d);
}

enum { DR = 0x00, FR = 0x18, IBRD = 0x24, FBRD = 0x28, LCR_H = 0x2c,
       CR = 0x30, IFLS = 0x34, IMSC = 0x38, RIS = 0x3c, MIS = 0x40,
       ICR = 0x44 };
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_OE (1u << 10)

static void test_pl011(void)
{
    Chardev *chr = chardev_new_buffer(false);
    TestIRQ irq = { 0 };
    PL011 *u = pl011_create(as, UART, irq_line(test_irq_set, &irq, 33), chr);
    CHECK(u != NULL);
    /* Linux's pl011 driver matches 0x00041011 under mask 0x000fffff */
    check_ids(UART, 0x00141011);
    CHECK_EQ(rd(UART + FR), 0x90);     /* TXFE | RXFE */
    CHECK_EQ(rd(UART + CR), 0x300);
    CHECK_EQ(rd(UART + IFLS), 0x12);
    wr(UART + IBRD, 0x1234567);
    CHECK_EQ(rd(UART + IBRD), 0x4567);
    wr(UART + FBRD, 0xff);
    CHECK_EQ(rd(UART + FBRD), 0x3f);
    /* TX: bytes reach the chardev, TX interrupt when unmasked */
    wr(UART + CR, 0x301);
    wr(UART + DR, 'h');
    wr(UART + DR, 'i');
    uint8_t out[8];
    CHECK_EQ(chardev_buffer_take(chr, out, sizeof(out)), 2);
    CHECK(out[0] == 'h' && out[1] == 'i');
    CHECK(rd(UART + RIS) & INT_TX);
    CHECK_EQ(irq.level, 0);
    wr(UART + IMSC, INT_TX);
    CHECK_EQ(irq.level, 1);
    CHECK_EQ(rd(UART + MIS), INT_TX);
    wr(UART + ICR, INT_TX);
    CHECK_EQ(irq.level, 0);
    CHECK_EQ(rd(UART + RIS) & INT_TX, 0);
    /* RX without FIFO: one character at a time */
    wr(UART + IMSC, INT_RX | INT_RT);
    chardev_buffer_feed(chr, (const uint8_t *)"ab", 2);
    CHECK_EQ(chardev_buffer_pending(chr), 1);
    CHECK_EQ(rd(UART + FR) & 0x50, 0x40);  /* RXFF, not RXFE */
    CHECK_EQ(irq.level, 1);
    CHECK(rd(UART + RIS) & INT_RX);
    /* reading makes room, and the waiting 'b' comes in at once */
    CHECK_EQ(rd(UART + DR), 'a');
    CHECK_EQ(chardev_buffer_pending(chr), 0);
    CHECK_EQ(irq.level, 1);
    CHECK_EQ(rd(UART + DR), 'b');
    CHECK_EQ(irq.level, 0);
    CHECK_EQ(rd(UART + FR) & 0x10, 0x10);
    /* FIFO on, trigger 1/2 (8 of 16): below it only RT fires */
    wr(UART + LCR_H, 0x70);    /* FEN, 8 bits */
    chardev_buffer_feed(chr, (const uint8_t *)"0123456", 7);
    CHECK_EQ(rd(UART + RIS) & (INT_RX | INT_RT), INT_RT);
    CHECK_EQ(irq.level, 1);
    chardev_buffer_feed(chr, (const uint8_t *)"789abcdefXYZ", 12);
    CHECK_EQ(chardev_buffer_pending(chr), 3);   /* FIFO full at 16 */
    CHECK_EQ(rd(UART + RIS) & INT_RX, INT_RX);
    CHECK_EQ(rd(UART + FR) & 0x40, 0x40);
    /* each read makes room for one waiting byte: 19 come out in order;
     * once fewer than 8 remain RX drops and RT stays */
    char got[20] = { 0 };
    for (int i = 0; i < 19; i++) {
        got[i] = (char)rd(UART + DR);
        if (i == 10) {
            CHECK_EQ(rd(UART + RIS) & (INT_RX | INT_RT), INT_RX | INT_RT);
        }
        if (i == 11) {
            CHECK_EQ(rd(UART + RIS) & (INT_RX | INT_RT), INT_RT);
        }
    }
    CHECK_STR(got, "0123456789abcdefXYZ");
    CHECK_EQ(rd(UART + RIS) & (INT_RX | INT_RT), 0);
    CHECK_EQ(irq.level, 0);
    chardev_buffer_feed(chr, (const uint8_t *)"YZ", 2);
    /* loopback: TX goes to RX */
    wr(UART + CR, 0x381);
    wr(UART + DR, 'L');
    CHECK_EQ(chardev_buffer_take(chr, out, sizeof(out)), 0);
    CHECK_EQ(rd(UART + DR), 'Y');
    CHECK_EQ(rd(UART + DR), 'Z');
    CHECK_EQ(rd(UART + DR), 'L');
    /* an 8-bit access works as Linux's earlycon does */
    address_space_write(as, UART + DR, 1, 'E', MEMTXATTRS_CPU(0));
    CHECK_EQ(rd(UART + DR), 'E');
    pl011_reset(u);
    CHECK_EQ(rd(UART + IMSC), 0);
    CHECK_EQ(irq.level, 0);
    chardev_close(chr);
    pl011_free(u);
}

enum { RTCDR = 0, RTCMR = 4, RTCLR = 8, RTCCR = 0xc, RTCIMSC = 0x10,
       RTCRIS = 0x14, RTCMIS = 0x18, RTCICR = 0x1c };

static int64_t vclock;
static int64_t test_clock(void *o) { (void)o; return vclock; }

static void test_pl031(void)
{
    MainLoop *ml = main_loop_new();
    TestIRQ irq = { 0 };
    PL031 *r = pl031_create(as, ml, RTC, irq_line(test_irq_set, &irq, 34));
    check_ids(RTC, 0x00141031);
    /* host time of day */
    int64_t now = (int64_t)time(NULL);
    int64_t dr = rd(RTC + RTCDR);
    CHECK(dr >= now - 1 && dr <= now + 1);
    CHECK_EQ(rd(RTC + RTCCR), 1);
    /* drive the virtual clock by hand from here */
    vclock = 500000000;   /* 0.5 s */
    main_loop_set_virtual_clock(ml, test_clock, NULL, NULL);
    wr(RTC + RTCLR, 1000);
    CHECK_EQ(rd(RTC + RTCDR), 1000);
    CHECK_EQ(rd(RTC + RTCLR), 1000);
    vclock += 2000000000;
    CHECK_EQ(rd(RTC + RTCDR), 1002);
    /* match at 1005: 2.5 s from now (the next second boundary is 0.5 s
     * away, then two more) */
    wr(RTC + RTCIMSC, 1);
    wr(RTC + RTCMR, 1005);
    CHECK_EQ(rd(RTC + RTCMR), 1005);
    vclock += 2400000000;
    main_loop_run_timers(ml);
    CHECK_EQ(rd(RTC + RTCDR), 1004);
    CHECK_EQ(irq.level, 0);
    vclock += 100000000;
    main_loop_run_timers(ml);
    CHECK_EQ(rd(RTC + RTCDR), 1005);
    CHECK_EQ(rd(RTC + RTCRIS), 1);
    CHECK_EQ(rd(RTC + RTCMIS), 1);
    CHECK_EQ(irq.level, 1);
    wr(RTC + RTCICR, 1);
    CHECK_EQ(irq.level, 0);
    CHECK_EQ(rd(RTC + RTCRIS), 0);
    /* a match equal to the count fires at once; masked it stays latent */
    wr(RTC + RTCIMSC, 0);
    wr(RTC + RTCMR, 1005);
    CHECK_EQ(rd(RTC + RTCRIS), 1);
    CHECK_EQ(irq.level, 0);
    wr(RTC + RTCIMSC, 1);
    CHECK_EQ(irq.level, 1);
    pl031_free(r);
    main_loop_free(ml);
}

enum { GPIODIR = 0x400, GPIOIS = 0x404, GPIOIBE = 0x408, GPIOIEV = 0x40c,
       GPIOIE = 0x410, GPIORIS = 0x414, GPIOMIS = 0x418, GPIOIC = 0x41c };

static void test_pl061(void)
{
    TestIRQ irq = { 0 };
    PL061 *g = pl061_create(as, GPIO, irq_line(test_irq_set, &irq, 39));
    check_ids(GPIO, 0x00041061);
    /* data register: address bits 9:2 mask the lines */
    wr(GPIO + GPIODIR, 0x0f);
    wr(GPIO + (0xff << 2), 0xff);
    CHECK_EQ(pl061_outputs(g), 0x0f);
    wr(GPIO + (0x01 << 2), 0x00);       /* only line 0 changes */
    CHECK_EQ(pl061_outputs(g), 0x0e);
    CHECK_EQ(rd(GPIO + (0x03 << 2)), 0x02);
    pl061_set_input(g, 5, 1);
    CHECK_EQ(rd(GPIO + (0xff << 2)), 0x2e);
    CHECK_EQ(rd(GPIO + (0x0f << 2)), 0x0e);
    /* interrupts: all lines inputs, latched edges cleared */
    wr(GPIO + GPIODIR, 0);
    wr(GPIO + GPIOIC, 0xff);
    CHECK_EQ(rd(GPIO + GPIORIS), 0);
    /* rising-edge interrupt on line 4 */
    wr(GPIO + GPIOIEV, 0x10);
    wr(GPIO + GPIOIE, 0x10);
    pl061_set_input(g, 4, 1);
    CHECK_EQ(rd(GPIO + GPIORIS), 0x10);
    CHECK_EQ(irq.level, 1);
    pl061_set_input(g, 4, 0);           /* falling: latched stays */
    CHECK_EQ(irq.level, 1);
    wr(GPIO + GPIOIC, 0x10);
    CHECK_EQ(irq.level, 0);
    pl061_set_input(g, 4, 0);
    CHECK_EQ(irq.level, 0);
    /* both edges on line 3 (gpio-keys power button) */
    wr(GPIO + GPIOIBE, 0x08);
    wr(GPIO + GPIOIE, 0x08);
    pl061_set_input(g, 3, 1);
    CHECK_EQ(irq.raises, 2);
    wr(GPIO + GPIOIC, 0x08);
    pl061_set_input(g, 3, 0);
    CHECK_EQ(irq.raises, 3);
    wr(GPIO + GPIOIC, 0x08);
    /* level-high on line 6: follows the pin */
    wr(GPIO + GPIOIS, 0x40);
    wr(GPIO + GPIOIEV, 0x40);
    wr(GPIO + GPIOIE, 0x40);
    CHECK_EQ(irq.level, 0);
    pl061_set_input(g, 6, 1);
    CHECK_EQ(rd(GPIO + GPIOMIS), 0x40);
    CHECK_EQ(irq.level, 1);
    wr(GPIO + GPIOIC, 0x40);            /* level: clearing does not stick */
    CHECK_EQ(irq.level, 1);
    pl061_set_input(g, 6, 0);
    CHECK_EQ(irq.level, 0);
    pl061_free(g);
}

int main(void)
{
    as = address_space_new();
    test_pl011();
    test_pl031();
    test_pl061();
    address_space_free(as);
    return check_summary();
}
