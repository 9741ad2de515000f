/* SPDX-License-Identifier: MIT */
/*
 * PL011 UART model (Arm DDI 0183G, PrimeCell UART r1p5 TRM): data, flag,
 * baud-rate and line-control registers, the interrupt set (IMSC, RIS,
 * MIS, ICR), a receive FIFO and the PrimeCell identification registers
 * that Linux's AMBA bus reads before binding the driver.
 *
 * Simplifications: transmission is instantaneous, so TXFE is always set
 * and the TX interrupt is raised by every write; the receive timeout
 * (RT) interrupt fires as soon as the FIFO holds data below the trigger
 * level rather than after 32 bit periods; line settings are stored but
 * do not affect the byte stream.
 */
#include <stdlib.h>
#include "pl011.h"
#include "util/log.h"

enum {
    UARTDR = 0x00, UARTRSR = 0x04, UARTFR = 0x18, UARTILPR = 0x20,
    UARTIBRD = 0x24, UARTFBRD = 0x28, UARTLCR_H = 0x2c, UARTCR = 0x30,
    UARTIFLS = 0x34, UARTIMSC = 0x38, UARTRIS = 0x3c, UARTMIS = 0x40,
    UARTICR = 0x44, UARTDMACR = 0x48, UARTPERIPHID0 = 0xfe0,
};

/* flags (UARTFR) */
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)
/* interrupts (RIS/IMSC/MIS/ICR) */
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_ALL 0x7ffu
#define LCR_FEN (1u << 4)
#define CR_LBE (1u << 7)

#define PL011_FIFO 16

/* PeriphID0-3 then PCellID0-3 (TRM 3.3.14-3.3.15): part 0x011, designer
 * Arm (0x41), revision 1 */
static const uint8_t pl011_id[8] = {
    0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

struct PL011 {
    AddressSpace *as;
    MemoryRegion *mr;
    uint64_t base;
    IRQLine irq;
    Chardev *chr;
    uint32_t rsr, ilpr, ibrd, fbrd, lcr, cr, ifls, imsc, ris, dmacr;
    uint16_t rx[PL011_FIFO];
    int rx_head, rx_count;
};

static int fifo_depth(const PL011 *s)
{
    return (s->lcr & LCR_FEN) ? PL011_FIFO : 1;
}

/* IFLS.RXIFLSEL: 1/8, 1/4, 1/2, 3/4, 7/8 of the FIFO */
static int rx_trigger(const PL011 *s)
{
    static const int level[8] = { 2, 4, 8, 12, 14, 8, 8, 8 };
    return (s->lcr & LCR_FEN) ? level[(s->ifls >> 3) & 7] : 1;
}

static void pl011_update(PL011 *s)
{
    irq_set_level(&s->irq, (s->ris & s->imsc) != 0);
}

static void rx_push(PL011 *s, uint8_t c)
{
    if (s->rx_count >= fifo_depth(s)) {
        s->ris |= 1u << 10;     /* overrun */
        return;
    }
    s->rx[(s->rx_head + s->rx_count) % PL011_FIFO] = c;
    s->rx_count++;
    s->ris |= s->rx_count >= rx_trigger(s) ? INT_RX : INT_RT;
}

static uint32_t rx_pop(PL011 *s)
{
    if (!s->rx_count) {
        return 0;
    }
    uint32_t c = s->rx[s->rx_head];
    s->rx_head = (s->rx_head + 1) % PL011_FIFO;
    s->rx_count--;
    if (s->rx_count < rx_trigger(s)) {
        s->ris &= ~INT_RX;
    }
    if (!s->rx_count) {
        s->ris &= ~INT_RT;
    }
    return c;
}

static uint32_t pl011_flags(const PL011 *s)
{
    uint32_t fr = FR_TXFE;
    if (!s->rx_count) {
        fr |= FR_RXFE;
    }
    if (s->rx_count >= fifo_depth(s)) {
        fr |= FR_RXFF;
    }
    return fr;
}

static uint64_t pl011_read(void *opaque, uint64_t off, unsigned size)
{
    PL011 *s = opaque;
    uint32_t v;
    if (off >= UARTPERIPHID0 && off < UARTPERIPHID0 + 0x20) {
        return (off & 3) ? 0 : pl011_id[(off - UARTPERIPHID0) / 4];
    }
    switch (off) {
    case UARTDR:
        v = rx_pop(s);
        pl011_update(s);
        if (s->chr) {
            chardev_accept_input(s->chr);
        }
        return v;
    case UARTRSR: return s->rsr;
    case UARTFR: return pl011_flags(s);
    case UARTILPR: return s->ilpr;
    case UARTIBRD: return s->ibrd;
    case UARTFBRD: return s->fbrd;
    case UARTLCR_H: return s->lcr;
    case UARTCR: return s->cr;
    case UARTIFLS: return s->ifls;
    case UARTIMSC: return s->imsc;
    case UARTRIS: return s->ris;
    case UARTMIS: return s->ris & s->imsc;
    case UARTDMACR: return s->dmacr;
    }
    log_guest_error("pl011: read of offset 0x%llx\n", (unsigned long long)off);
    return 0;
}

static void pl011_tx(PL011 *s, uint8_t c)
{
    if (s->cr & CR_LBE) {
        rx_push(s, c);
    } else if (s->chr) {
        chardev_write(s->chr, &c, 1);
    }
    s->ris |= INT_TX;
}

static void pl011_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    PL011 *s = opaque;
    uint32_t w = (uint32_t)v;
    switch (off) {
    case UARTDR:
        pl011_tx(s, (uint8_t)w);
        break;
    case UARTRSR: s->rsr = 0; break;    /* any write clears the errors */
    case UARTILPR: s->ilpr = w & 0xff; break;
    case UARTIBRD: s->ibrd = w & 0xffff; break;
    case UARTFBRD: s->fbrd = w & 0x3f; break;
    case UARTLCR_H:
        if ((s->lcr ^ w) & LCR_FEN) {
            s->rx_count = 0;    /* switching the FIFO on/off flushes it */
            s->ris &= ~(INT_RX | INT_RT);
        }
        s->lcr = w & 0xff;
        break;
    case UARTCR: s->cr = w & 0xff87; break;
    case UARTIFLS: s->ifls = w & 0x3f; break;
    case UARTIMSC: s->imsc = w & INT_ALL; break;
    case UARTICR: s->ris &= ~w; break;
    case UARTDMACR: s->dmacr = w & 7; break;
    default:
        log_guest_error("pl011: write of offset 0x%llx\n",
                        (unsigned long long)off);
        return;
    }
    pl011_update(s);
}

static int pl011_can_read(void *opaque)
{
    PL011 *s = opaque;
    return fifo_depth(s) - s->rx_count;
}

static void pl011_receive(void *opaque, const uint8_t *buf, int len)
{
    PL011 *s = opaque;
    for (int i = 0; i < len; i++) {
        rx_push(s, buf[i]);
    }
    pl011_update(s);
}

static const MemoryRegionOps pl011_ops = {
    .read = pl011_read, .write = pl011_write, .max_access = 4,
};

void pl011_reset(PL011 *s)
{
    s->rsr = s->ilpr = s->ibrd = s->fbrd = s->lcr = 0;
    s->cr = 0x300;      /* TXE, RXE */
    s->ifls = 0x12;     /* 1/2 full both ways */
    s->imsc = s->ris = s->dmacr = 0;
    s->rx_head = s->rx_count = 0;
    pl011_update(s);
}

PL011 *pl011_create(AddressSpace *as, uint64_t base, IRQLine irq,
                    Chardev *chr)
{
    PL011 *s = calloc(1, sizeof(*s));
    s->as = as;
    s->base = base;
    s->irq = irq;
    s->chr = chr;
    s->mr = memory_map_mmio(as, "pl011", base, PL011_SIZE, &pl011_ops, s);
    if (!s->mr) {
        free(s);
        return NULL;
    }
    pl011_reset(s);
    if (chr) {
        CharFrontend fe = { .can_read = pl011_can_read,
                            .read = pl011_receive, .opaque = s,
                            .name = "serial" };
        chardev_attach(chr, &fe);
    }
    return s;
}

void pl011_free(PL011 *s)
{
    if (s) {
        memory_unmap(s->as, s->mr);
        free(s);
    }
}

int pl011_fdt_add(PL011 *s, void *fdt, const DeviceFdtCtx *ctx)
{
    int node = devfdt_add_node(fdt, "pl011", s->base);
    FDT_TRY(node);
    FDT_TRY(devfdt_set_strlist(fdt, node, "compatible",
                               DEVFDT_STRLIST("arm,pl011\0arm,primecell")));
    FDT_TRY(devfdt_set_reg(fdt, node, s->base, PL011_SIZE));
    FDT_TRY(devfdt_set_irq(ctx, fdt, node, &s->irq, IRQ_TYPE_LEVEL_HIGH));
    FDT_TRY(devfdt_set_primecell_clocks(ctx, fdt, node, true));
    return node;
}
