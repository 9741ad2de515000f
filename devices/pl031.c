/* SPDX-License-Identifier: MIT */
/*
 * PL031 RTC model (Arm DDI 0224B, PrimeCell RTC TRM): RTCDR counts seconds
 * from the host's time of day at power-on, advancing with the machine's
 * virtual clock (so it stops while the machine is paused); RTCLR sets it;
 * RTCMR raises the interrupt when the count reaches it.
 */
#include <stdlib.h>
#include <time.h>
#include "pl031.h"
#include "util/log.h"

enum {
    RTCDR = 0x00, RTCMR = 0x04, RTCLR = 0x08, RTCCR = 0x0c, RTCIMSC = 0x10,
    RTCRIS = 0x14, RTCMIS = 0x18, RTCICR = 0x1c, RTCPERIPHID0 = 0xfe0,
};

#define NS_PER_SEC 1000000000ll

/* part 0x031, designer Arm, revision 1 */
static const uint8_t pl031_id[8] = {
    0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

struct PL031 {
    AddressSpace *as;
    MainLoop *ml;
    MemoryRegion *mr;
    MLTimer *timer;
    uint64_t base;
    IRQLine irq;
    /* count = tick_offset + virtual seconds */
    int64_t tick_offset;
    uint32_t mr_match, lr, cr, imsc, ris;
};

static int64_t virt_ns(PL031 *s)
{
    return main_loop_clock_ns(s->ml, ML_CLOCK_VIRTUAL);
}

static uint32_t pl031_count(PL031 *s)
{
    return (uint32_t)(s->tick_offset + virt_ns(s) / NS_PER_SEC);
}

static void pl031_update(PL031 *s)
{
    irq_set_level(&s->irq, (s->ris & s->imsc & 1) != 0);
}

static void pl031_alarm(void *opaque)
{
    PL031 *s = opaque;
    s->ris |= 1;
    pl031_update(s);
}

/* Arms the match timer for the next second boundary at which the count
 * equals RTCMR (the counter wraps at 2^32). */
static void pl031_arm(PL031 *s)
{
    int64_t now = virt_ns(s);
    uint32_t ticks = s->mr_match - pl031_count(s);
    if (ticks == 0) {
        ml_timer_del(s->timer);
        pl031_alarm(s);
        return;
    }
    int64_t next_sec = (now / NS_PER_SEC + 1) * NS_PER_SEC;
    ml_timer_mod(s->timer, next_sec + (int64_t)(ticks - 1) * NS_PER_SEC);
}

static uint64_t pl031_read(void *opaque, uint64_t off, unsigned size)
{
    PL031 *s = opaque;
    if (off >= RTCPERIPHID0 && off < RTCPERIPHID0 + 0x20) {
        return (off & 3) ? 0 : pl031_id[(off - RTCPERIPHID0) / 4];
    }
    switch (off) {
    case RTCDR: return pl031_count(s);
    case RTCMR: return s->mr_match;
    case RTCLR: return s->lr;
    case RTCCR: return s->cr;
    case RTCIMSC: return s->imsc;
    case RTCRIS: return s->ris;
    case RTCMIS: return s->ris & s->imsc;
    }
    log_guest_error("pl031: read of offset 0x%llx\n", (unsigned long long)off);
    return 0;
}

static void pl031_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    PL031 *s = opaque;
    uint32_t w = (uint32_t)v;
    switch (off) {
    case RTCLR:
        s->lr = w;
        s->tick_offset += (int64_t)w - pl031_count(s);
        pl031_arm(s);
        break;
    case RTCMR:
        s->mr_match = w;
        pl031_arm(s);
        break;
    case RTCCR:
        s->cr |= w & 1;     /* once started the RTC cannot be stopped */
        break;
    case RTCIMSC:
        s->imsc = w & 1;
        break;
    case RTCICR:
        s->ris &= ~(w & 1);
        break;
    default:
        log_guest_error("pl031: write of offset 0x%llx\n",
                        (unsigned long long)off);
        return;
    }
    pl031_update(s);
}

static const MemoryRegionOps pl031_ops = {
    .read = pl031_read, .write = pl031_write, .max_access = 4,
};

void pl031_reset(PL031 *s)
{
    s->tick_offset = (int64_t)time(NULL) - virt_ns(s) / NS_PER_SEC;
    s->mr_match = s->lr = s->imsc = s->ris = 0;
    s->cr = 1;
    ml_timer_del(s->timer);
    pl031_update(s);
}

PL031 *pl031_create(AddressSpace *as, MainLoop *ml, uint64_t base,
                    IRQLine irq)
{
    PL031 *s = calloc(1, sizeof(*s));
    s->as = as;
    s->ml = ml;
    s->base = base;
    s->irq = irq;
    s->mr = memory_map_mmio(as, "pl031", base, PL031_SIZE, &pl031_ops, s);
    if (!s->mr) {
        free(s);
        return NULL;
    }
    s->timer = ml_timer_new(ml, ML_CLOCK_VIRTUAL, pl031_alarm, s);
    pl031_reset(s);
    return s;
}

void pl031_free(PL031 *s)
{
    if (s) {
        ml_timer_free(s->timer);
        memory_unmap(s->as, s->mr);
        free(s);
    }
}

int pl031_fdt_add(PL031 *s, void *fdt, const DeviceFdtCtx *ctx)
{
    int node = devfdt_add_node(fdt, "pl031", s->base);
    FDT_TRY(node);
    FDT_TRY(devfdt_set_strlist(fdt, node, "compatible",
                               DEVFDT_STRLIST("arm,pl031\0arm,primecell")));
    FDT_TRY(devfdt_set_reg(fdt, node, s->base, PL031_SIZE));
    FDT_TRY(devfdt_set_irq(ctx, fdt, node, &s->irq, IRQ_TYPE_LEVEL_HIGH));
    FDT_TRY(devfdt_set_primecell_clocks(ctx, fdt, node, false));
    return node;
}
