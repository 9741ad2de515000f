/* SPDX-License-Identifier: MIT */
/*
 * PL061 GPIO model (Arm DDI 0190B, PrimeCell GPIO TRM): the data register
 * is address-masked (bits 9:2 of the offset select the lines a read or
 * write covers), interrupts are per line edge (single or both) or level.
 */
#include <libfdt.h>
#include <stdlib.h>
#include "pl061.h"
#include "util/log.h"

enum {
    GPIODATA_END = 0x400, GPIODIR = 0x400, GPIOIS = 0x404, GPIOIBE = 0x408,
    GPIOIEV = 0x40c, GPIOIE = 0x410, GPIORIS = 0x414, GPIOMIS = 0x418,
    GPIOIC = 0x41c, GPIOAFSEL = 0x420, GPIOPERIPHID0 = 0xfe0,
};

static const uint8_t pl061_id[8] = {
    0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

struct PL061 {
    AddressSpace *as;
    MemoryRegion *mr;
    uint64_t base;
    IRQLine irq;
    uint8_t out, in, dir, is, ibe, iev, ie, ris, afsel;
};

/* Line levels as the pins see them: outputs drive, inputs follow in. */
static uint8_t pins(const PL061 *s)
{
    return (uint8_t)((s->out & s->dir) | (s->in & ~s->dir));
}

/* Level-sensitive lines follow the pin; edge-sensitive ones latch. */
static void pl061_update(PL061 *s, uint8_t old_pins)
{
    uint8_t now = pins(s);
    uint8_t changed = old_pins ^ now;
    uint8_t rising = changed & now, falling = changed & old_pins;
    uint8_t edge = (uint8_t)~s->is;
    uint8_t hit = (uint8_t)((s->ibe & changed) |
                            (~s->ibe & ((s->iev & rising) |
                                        (~s->iev & falling))));
    s->ris |= hit & edge;
    uint8_t level_hit = (uint8_t)~(now ^ s->iev);   /* pin == IEV */
    s->ris = (uint8_t)((s->ris & edge) | (level_hit & s->is));
    irq_set_level(&s->irq, (s->ris & s->ie) != 0);
}

static uint64_t pl061_read(void *opaque, uint64_t off, unsigned size)
{
    PL061 *s = opaque;
    if (off < GPIODATA_END) {
        return pins(s) & (off >> 2);
    }
    if (off >= GPIOPERIPHID0 && off < GPIOPERIPHID0 + 0x20) {
        return (off & 3) ? 0 : pl061_id[(off - GPIOPERIPHID0) / 4];
    }
    switch (off) {
    case GPIODIR: return s->dir;
    case GPIOIS: return s->is;
    case GPIOIBE: return s->ibe;
    case GPIOIEV: return s->iev;
    case GPIOIE: return s->ie;
    case GPIORIS: return s->ris;
    case GPIOMIS: return s->ris & s->ie;
    case GPIOAFSEL: return s->afsel;
    }
    log_guest_error("pl061: read of offset 0x%llx\n", (unsigned long long)off);
    return 0;
}

static void pl061_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    PL061 *s = opaque;
    uint8_t b = (uint8_t)v, old = pins(s);
    if (off < GPIODATA_END) {
        uint8_t mask = (uint8_t)(off >> 2);
        s->out = (uint8_t)((s->out & ~mask) | (b & mask));
    } else {
        switch (off) {
        case GPIODIR: s->dir = b; break;
        case GPIOIS: s->is = b; break;
        case GPIOIBE: s->ibe = b; break;
        case GPIOIEV: s->iev = b; break;
        case GPIOIE: s->ie = b; break;
        case GPIOIC: s->ris &= (uint8_t)~b; break;
        case GPIOAFSEL: s->afsel = b; break;
        default:
            log_guest_error("pl061: write of offset 0x%llx\n",
                            (unsigned long long)off);
            return;
        }
    }
    pl061_update(s, old);
}

void pl061_set_input(PL061 *s, int line, int level)
{
    if (line < 0 || line >= PL061_LINES) {
        return;
    }
    uint8_t old = pins(s);
    if (level) {
        s->in |= (uint8_t)(1u << line);
    } else {
        s->in &= (uint8_t)~(1u << line);
    }
    pl061_update(s, old);
}

uint8_t pl061_outputs(const PL061 *s)
{
    return s->out & s->dir;
}

static const MemoryRegionOps pl061_ops = {
    .read = pl061_read, .write = pl061_write, .max_access = 4,
};

void pl061_reset(PL061 *s)
{
    s->out = s->dir = s->is = s->ibe = s->iev = s->ie = s->ris = 0;
    s->afsel = 0;
    irq_set_level(&s->irq, 0);
}

PL061 *pl061_create(AddressSpace *as, uint64_t base, IRQLine irq)
{
    PL061 *s = calloc(1, sizeof(*s));
    s->as = as;
    s->base = base;
    s->irq = irq;
    s->mr = memory_map_mmio(as, "pl061", base, PL061_SIZE, &pl061_ops, s);
    if (!s->mr) {
        free(s);
        return NULL;
    }
    pl061_reset(s);
    return s;
}

void pl061_free(PL061 *s)
{
    if (s) {
        memory_unmap(s->as, s->mr);
        free(s);
    }
}

int pl061_fdt_add(PL061 *s, void *fdt, const DeviceFdtCtx *ctx,
                  uint32_t phandle)
{
    int node = devfdt_add_node(fdt, "pl061", s->base);
    FDT_TRY(node);
    FDT_TRY(devfdt_set_strlist(fdt, node, "compatible",
                               DEVFDT_STRLIST("arm,pl061\0arm,primecell")));
    FDT_TRY(devfdt_set_reg(fdt, node, s->base, PL061_SIZE));
    FDT_TRY(devfdt_set_irq(ctx, fdt, node, &s->irq, IRQ_TYPE_LEVEL_HIGH));
    FDT_TRY(devfdt_set_primecell_clocks(ctx, fdt, node, false));
    FDT_TRY(fdt_setprop_u32(fdt, node, "#gpio-cells", 2));
    FDT_TRY(fdt_setprop(fdt, node, "gpio-controller", NULL, 0));
    FDT_TRY(fdt_setprop_u32(fdt, node, "phandle", phandle));
    return node;
}
