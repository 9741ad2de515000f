/* SPDX-License-Identifier: MIT */
/*
 * GICv2 register files: the distributor (GICD, IHI 0048B 4.3) and the
 * memory-mapped CPU interface (GICC, 4.4).  Banked registers (SGI/PPI
 * state, GICC_*) belong to the CPU that makes the access.
 */
#include "gic-internal.h"
#include "util/log.h"

enum {
    GICD_CTLR = 0x000, GICD_TYPER = 0x004, GICD_IIDR = 0x008,
    GICD_IGROUPR = 0x080, GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180,
    GICD_ISPENDR = 0x200, GICD_ICPENDR = 0x280, GICD_ISACTIVER = 0x300,
    GICD_ICACTIVER = 0x380, GICD_IPRIORITYR = 0x400, GICD_ITARGETSR = 0x800,
    GICD_ICFGR = 0xc00, GICD_SGIR = 0xf00, GICD_CPENDSGIR = 0xf10,
    GICD_SPENDSGIR = 0xf20, GICD_PIDR2 = 0xfe8,
};

enum {
    GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_BPR = 0x08, GICC_IAR = 0x0c,
    GICC_EOIR = 0x10, GICC_RPR = 0x14, GICC_HPPIR = 0x18, GICC_ABPR = 0x1c,
    GICC_AIAR = 0x20, GICC_AEOIR = 0x24, GICC_AHPPIR = 0x28,
    GICC_APR0 = 0xd0, GICC_NSAPR0 = 0xe0, GICC_IIDR = 0xfc,
    GICC_DIR = 0x1000,
};

static int requester_cpu(GICState *s, MemTxAttrs attrs)
{
    /* DMA and debug peeks see CPU 0's bank */
    return attrs.requester >= 0 && attrs.requester < s->num_cpus
           ? attrs.requester : 0;
}

static const GICBitReg bitregs[] = {
    GIC_REG_IGROUPR, GIC_REG_ISENABLER, GIC_REG_ICENABLER, GIC_REG_ISPENDR,
    GIC_REG_ICPENDR, GIC_REG_ISACTIVER, GIC_REG_ICACTIVER,
};

/* 0x080..0x3ff: seven bitmap register arrays of 0x80 bytes each */
static bool is_bitreg(uint64_t off)
{
    return off >= GICD_IGROUPR && off < GICD_IPRIORITYR;
}

/* Byte-accessible: priorities, targets, SGI pending by source. */
static uint8_t gicd_read_byte(GICState *s, int cpu, uint64_t off)
{
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) {
        return gic_prio_read(s, cpu, (int)(off - GICD_IPRIORITYR));
    }
    if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400) {
        int intid = (int)(off - GICD_ITARGETSR);
        if (intid < GIC_INTERNAL) {
            return (uint8_t)(1u << cpu);   /* read-only: this CPU */
        }
        return intid < s->num_irqs ? s->targets[intid] : 0;
    }
    if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10) {
        return s->cpu[cpu].sgi_src[off & 0xf];
    }
    return 0;
}

static void gicd_write_byte(GICState *s, int cpu, uint64_t off, uint8_t v)
{
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) {
        gic_prio_write(s, cpu, (int)(off - GICD_IPRIORITYR), v);
    } else if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400) {
        int intid = (int)(off - GICD_ITARGETSR);
        if (intid >= GIC_INTERNAL && intid < s->num_irqs) {
            s->targets[intid] = v & (uint8_t)((1u << s->num_cpus) - 1);
            gic_update(s);
        }
    } else if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10) {
        GICCpu *c = &s->cpu[cpu];
        int sgi = (int)(off & 0xf);
        if (off < GICD_SPENDSGIR) {
            c->sgi_src[sgi] &= (uint8_t)~v;
        } else {
            c->sgi_src[sgi] |= v;
        }
        if (c->sgi_src[sgi]) {
            c->bank.pend |= 1u << sgi;
        } else {
            c->bank.pend &= ~(1u << sgi);
        }
        gic_update(s);
    }
}

static bool is_byte_reg(uint64_t off)
{
    return (off >= GICD_IPRIORITYR && off < GICD_ICFGR) ||
           (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10);
}

static uint32_t gicd_read_word(GICState *s, int cpu, uint64_t off)
{
    if (is_bitreg(off)) {
        return gic_bitreg_read(s, cpu, bitregs[(off - GICD_IGROUPR) / 0x80],
                               (int)((off & 0x7f) / 4));
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        return gic_icfgr_read(s, cpu, (int)((off - GICD_ICFGR) / 4));
    }
    switch (off) {
    case GICD_CTLR:
        return s->dist_ctlr;
    case GICD_TYPER:
        return (uint32_t)(s->num_irqs / 32 - 1) |
               (uint32_t)(s->num_cpus - 1) << 5;
    case GICD_IIDR:
        return 0x43b;   /* Arm, product 0: no driver quirk applies */
    case GICD_PIDR2:
        return 0x2b;            /* ArchRev 2 */
    }
    return 0;
}

static void gicd_sgir(GICState *s, int cpu, uint32_t v)
{
    int sgi = v & 0xf;
    uint32_t targets = (v >> 16) & 0xff;
    switch ((v >> 24) & 3) {
    case 1:     /* all but self */
        targets = ((1u << s->num_cpus) - 1) & ~(1u << cpu);
        break;
    case 2:     /* self */
        targets = 1u << cpu;
        break;
    case 3:
        return;
    }
    for (int t = 0; t < s->num_cpus; t++) {
        if ((targets >> t) & 1) {
            gic_pend_sgi(s, t, sgi, cpu);
        }
    }
}

static void gicd_write_word(GICState *s, int cpu, uint64_t off, uint32_t v)
{
    if (is_bitreg(off)) {
        gic_bitreg_write(s, cpu, bitregs[(off - GICD_IGROUPR) / 0x80],
                         (int)((off & 0x7f) / 4), v);
    } else if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        gic_icfgr_write(s, cpu, (int)((off - GICD_ICFGR) / 4), v);
    } else if (off == GICD_CTLR) {
        s->dist_ctlr = v & 3;
        gic_update(s);
    } else if (off == GICD_SGIR) {
        gicd_sgir(s, cpu, v);
    } else {
        log_guest_error("gicv2: write to GICD+0x%llx\n",
                        (unsigned long long)off);
    }
}

static uint64_t gicd_read(void *opaque, uint64_t off, unsigned size,
                          MemTxAttrs attrs)
{
    GICState *s = opaque;
    int cpu = requester_cpu(s, attrs);
    if (is_byte_reg(off)) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            v |= (uint64_t)gicd_read_byte(s, cpu, off + i) << (8 * i);
        }
        return v;
    }
    if (size != 4 || (off & 3)) {
        return 0;   /* word registers are word-accessible only */
    }
    return gicd_read_word(s, cpu, off);
}

static void gicd_write(void *opaque, uint64_t off, uint64_t v, unsigned size,
                       MemTxAttrs attrs)
{
    GICState *s = opaque;
    int cpu = requester_cpu(s, attrs);
    if (is_byte_reg(off)) {
        for (unsigned i = 0; i < size; i++) {
            gicd_write_byte(s, cpu, off + i, (uint8_t)(v >> (8 * i)));
        }
        return;
    }
    if (size == 4 && !(off & 3)) {
        gicd_write_word(s, cpu, off, (uint32_t)v);
    }
}

/* ---- CPU interface ---- */

static uint64_t gicc_read(void *opaque, uint64_t off, unsigned size,
                          MemTxAttrs attrs)
{
    GICState *s = opaque;
    int cpu = requester_cpu(s, attrs);
    GICCpu *c = &s->cpu[cpu];
    int rp;
    switch (off) {
    case GICC_CTLR:
        return c->ctlr;
    case GICC_PMR:
        return c->pmr;
    case GICC_BPR:
        return c->bpr0;
    case GICC_ABPR:
        return c->bpr1;
    case GICC_IAR:
    case GICC_AIAR:
        return attrs.debug ? GIC_SPURIOUS
                           : (uint64_t)gic_acknowledge(s, cpu, -1);
    case GICC_RPR:
        rp = gic_running_priority(s, cpu);
        return rp == GIC_IDLE_PRIO ? 0xff : (uint64_t)rp;
    case GICC_HPPIR:
    case GICC_AHPPIR: {
        int id = gic_highest_pending(s, cpu, -1);
        if (id < GIC_NR_SGI && c->sgi_src[id]) {
            id |= __builtin_ctz(c->sgi_src[id]) << 10;
        }
        return (uint64_t)id;
    }
    case GICC_APR0:
        return c->apr0 | c->apr1;
    case GICC_IIDR:
        return 0x0202143b;      /* GICv2, Arm */
    }
    return 0;
}

static void gicc_write(void *opaque, uint64_t off, uint64_t v, unsigned size,
                       MemTxAttrs attrs)
{
    GICState *s = opaque;
    int cpu = requester_cpu(s, attrs);
    GICCpu *c = &s->cpu[cpu];
    switch (off) {
    case GICC_CTLR:
        c->ctlr = (uint32_t)v & (GICC_CTLR_ENABLE_GRP0 |
                                 GICC_CTLR_ENABLE_GRP1 | (1u << 2) |
                                 GICC_CTLR_FIQEN | GICC_CTLR_CBPR |
                                 GICC_CTLR_EOIMODE);
        break;
    case GICC_PMR:
        c->pmr = (uint32_t)v & GIC_PRIO_MASK;
        break;
    case GICC_BPR:
        c->bpr0 = (uint32_t)v & 7;
        if (c->bpr0 < 2) {
            c->bpr0 = 2;
        }
        break;
    case GICC_ABPR:
        c->bpr1 = (uint32_t)v & 7;
        if (c->bpr1 < 3) {
            c->bpr1 = 3;
        }
        break;
    case GICC_EOIR:
    case GICC_AEOIR:
        gic_end_of_interrupt(s, cpu, (int)(v & 0x3ff), -1);
        return;
    case GICC_DIR:
        gic_deactivate(s, cpu, (int)(v & 0x3ff));
        return;
    case GICC_APR0:
        c->apr0 = (uint32_t)v;
        c->apr1 = 0;
        break;
    default:
        return;
    }
    gic_update(s);
}

static const MemoryRegionOps gicd_ops = {
    .read_attrs = gicd_read, .write_attrs = gicd_write, .max_access = 4,
};
static const MemoryRegionOps gicc_ops = {
    .read_attrs = gicc_read, .write_attrs = gicc_write, .max_access = 4,
};

bool gicv2_map(GICState *s)
{
    s->mr_dist = memory_map_mmio(s->as, "gic-dist", s->dist_base,
                                 GICV2_DIST_SIZE, &gicd_ops, s);
    s->mr_cpu = memory_map_mmio(s->as, "gic-cpu", s->cpu_base,
                                GICV2_CPU_SIZE, &gicc_ops, s);
    return s->mr_dist && s->mr_cpu;
}
