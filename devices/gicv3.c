/* SPDX-License-Identifier: MIT */
/*
 * GICv3 memory-mapped register files (IHI 0069): the distributor (GICD,
 * 12.9) with affinity routing always enabled and GICD_CTLR.DS = 1, and the
 * redistributors (GICR, 12.10/12.11), one RD_base + SGI_base frame pair per
 * CPU, laid out back to back.  SGI/PPI state lives in the redistributor;
 * the distributor's copies of those registers read as zero.
 */
#include "gic-internal.h"
#include "util/log.h"

enum {
    GICD_CTLR = 0x0000, GICD_TYPER = 0x0004, GICD_IIDR = 0x0008,
    GICD_TYPER2 = 0x000c, GICD_STATUSR = 0x0010,
    GICD_IGROUPR = 0x0080, GICD_IPRIORITYR = 0x0400, GICD_ITARGETSR = 0x0800,
    GICD_ICFGR = 0x0c00, GICD_IGRPMODR = 0x0d00, GICD_IROUTER = 0x6000,
    GICD_PIDR2 = 0xffe8,
};

enum {
    GICR_CTLR = 0x0000, GICR_IIDR = 0x0004, GICR_TYPER = 0x0008,
    GICR_STATUSR = 0x0010, GICR_WAKER = 0x0014, GICR_PIDR2 = 0xffe8,
    GICR_SGI_BASE = 0x10000,
    /* offsets inside the SGI_base frame */
    GICR_IGROUPR0 = 0x0080, GICR_IPRIORITYR = 0x0400, GICR_ICFGR0 = 0x0c00,
    GICR_ICFGR1 = 0x0c04, GICR_IGRPMODR0 = 0x0d00,
};

#define GICD_CTLR_DS (1u << 6)
#define GICD_CTLR_ARE (1u << 4)
#define GICR_WAKER_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define PIDR2_ARCH_V3 0x3b
/* Arm as implementer, product 0, r0p0: matches none of the Linux driver's
 * errata workarounds, which key on real products' IIDRs */
#define GIC_IIDR 0x43b

static const GICBitReg bitregs[] = {
    GIC_REG_IGROUPR, GIC_REG_ISENABLER, GIC_REG_ICENABLER, GIC_REG_ISPENDR,
    GIC_REG_ICPENDR, GIC_REG_ISACTIVER, GIC_REG_ICACTIVER,
};

/* ---- distributor ---- */

static uint32_t gicd_read32(GICState *s, uint64_t off)
{
    if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
        int word = (int)((off & 0x7f) / 4);
        /* word 0 (SGIs/PPIs) is in the redistributors with ARE = 1 */
        return word ? gic_bitreg_read(s, 0, bitregs[(off - 0x80) / 0x80],
                                      word) : 0;
    }
    if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
        int intid = (int)(off - GICD_IPRIORITYR);
        uint32_t v = 0;
        for (int i = 0; i < 4 && intid >= GIC_INTERNAL; i++) {
            v |= (uint32_t)gic_prio_read(s, 0, intid + i) << (8 * i);
        }
        return v;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        int index = (int)((off - GICD_ICFGR) / 4);
        return index >= 2 ? gic_icfgr_read(s, 0, index) : 0;
    }
    switch (off) {
    case GICD_CTLR:
        return s->dist_ctlr | GICD_CTLR_DS | GICD_CTLR_ARE;
    case GICD_TYPER:
        /* ITLinesNumber, IDbits = 9 (10-bit INTIDs), No1N (bit 25): 1-of-N
         * routing is not offered */
        return (uint32_t)(s->num_irqs / 32 - 1) | (9u << 19) | (1u << 25);
    case GICD_IIDR:
        return GIC_IIDR;
    case GICD_PIDR2:
        return PIDR2_ARCH_V3;
    }
    return 0;
}

static void gicd_write32(GICState *s, uint64_t off, uint32_t v)
{
    if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
        int word = (int)((off & 0x7f) / 4);
        if (word) {
            gic_bitreg_write(s, 0, bitregs[(off - 0x80) / 0x80], word, v);
        }
    } else if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
        int intid = (int)(off - GICD_IPRIORITYR);
        for (int i = 0; i < 4 && intid >= GIC_INTERNAL; i++) {
            gic_prio_write(s, 0, intid + i, (uint8_t)(v >> (8 * i)));
        }
    } else if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        int index = (int)((off - GICD_ICFGR) / 4);
        if (index >= 2) {
            gic_icfgr_write(s, 0, index, v);
        }
    } else if (off == GICD_CTLR) {
        s->dist_ctlr = v & 3;
        gic_update(s);
    } else if (off < GICD_ITARGETSR || off >= GICD_IGRPMODR + 0x80) {
        log_guest_error("gicv3: write to GICD+0x%llx\n",
                        (unsigned long long)off);
    }
}

static bool is_irouter(GICState *s, uint64_t off, int *intid)
{
    if (off < GICD_IROUTER + 8 * GIC_INTERNAL || off >= GICD_IROUTER + 0x2000) {
        return false;
    }
    *intid = (int)((off - GICD_IROUTER) / 8);
    return *intid < s->num_irqs;
}

/* IROUTER is 64-bit and may be accessed as two words; IPRIORITYR may be
 * accessed by byte. */
static uint64_t gicd_read(void *opaque, uint64_t off, unsigned size)
{
    GICState *s = opaque;
    int intid;
    if (is_irouter(s, off & ~7ull, &intid)) {
        uint64_t v = s->irouter[intid];
        return size == 8 ? v : (uint32_t)(v >> ((off & 4) * 8));
    }
    if (size == 1 && off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
        return gic_prio_read(s, 0, (int)(off - GICD_IPRIORITYR));
    }
    if (size == 8) {
        return gicd_read32(s, off) | (uint64_t)gicd_read32(s, off + 4) << 32;
    }
    return gicd_read32(s, off & ~3ull) >> ((off & 3) * 8);
}

static void gicd_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    GICState *s = opaque;
    int intid;
    if (is_irouter(s, off & ~7ull, &intid)) {
        uint64_t mask = 0xff8000ffffffull;   /* Aff3, IRM, Aff2..Aff0 */
        uint64_t cur = s->irouter[intid];
        if (size == 8) {
            cur = v;
        } else if (off & 4) {
            cur = (cur & 0xffffffffull) | (v << 32);
        } else {
            cur = (cur & ~0xffffffffull) | (uint32_t)v;
        }
        s->irouter[intid] = cur & mask;
        gic_update(s);
        return;
    }
    if (size == 1 && off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
        int id = (int)(off - GICD_IPRIORITYR);
        if (id >= GIC_INTERNAL) {
            gic_prio_write(s, 0, id, (uint8_t)v);
        }
        return;
    }
    if (size == 8) {
        gicd_write32(s, off, (uint32_t)v);
        gicd_write32(s, off + 4, (uint32_t)(v >> 32));
    } else if (size == 4) {
        gicd_write32(s, off, (uint32_t)v);
    }
}

/* ---- redistributors ---- */

static uint64_t gicr_typer(GICState *s, int cpu)
{
    uint64_t m = s->cpu[cpu].mpidr;
    uint64_t aff = (m & 0xffffff) | ((m >> 8) & 0xff000000ull);
    uint64_t v = aff << 32 | (uint64_t)cpu << 8;
    if (cpu == s->num_cpus - 1) {
        v |= 1u << 4;   /* Last */
    }
    return v;
}

static uint64_t gicr_rd_read(GICState *s, int cpu, uint64_t off,
                             unsigned size)
{
    GICCpu *c = &s->cpu[cpu];
    switch (off) {
    case GICR_TYPER:
        return size == 8 ? gicr_typer(s, cpu) : (uint32_t)gicr_typer(s, cpu);
    case GICR_TYPER + 4:
        return gicr_typer(s, cpu) >> 32;
    case GICR_IIDR:
        return GIC_IIDR;
    case GICR_WAKER:
        return c->sleep ? GICR_WAKER_SLEEP | GICR_WAKER_CHILDREN_ASLEEP : 0;
    case GICR_PIDR2:
        return PIDR2_ARCH_V3;
    }
    return 0;   /* CTLR (no LPIs), STATUSR, PROPBASER, PENDBASER */
}

static uint64_t gicr_sgi_read(GICState *s, int cpu, uint64_t off,
                              unsigned size)
{
    if (off >= GICR_IGROUPR0 && off < GICR_IPRIORITYR && !(off & 0x7f)) {
        return gic_bitreg_read(s, cpu, bitregs[(off - 0x80) / 0x80], 0);
    }
    if (off >= GICR_IPRIORITYR && off < GICR_IPRIORITYR + GIC_INTERNAL) {
        int intid = (int)(off - GICR_IPRIORITYR);
        uint64_t v = 0;
        for (unsigned i = 0; i < size && intid + (int)i < GIC_INTERNAL; i++) {
            v |= (uint64_t)gic_prio_read(s, cpu, intid + (int)i) << (8 * i);
        }
        return v;
    }
    if (off == GICR_ICFGR0 || off == GICR_ICFGR1) {
        return gic_icfgr_read(s, cpu, (int)(off - GICR_ICFGR0) / 4);
    }
    return 0;
}

static void gicr_sgi_write(GICState *s, int cpu, uint64_t off, uint64_t v,
                           unsigned size)
{
    if (off >= GICR_IGROUPR0 && off < GICR_IPRIORITYR && !(off & 0x7f)) {
        gic_bitreg_write(s, cpu, bitregs[(off - 0x80) / 0x80], 0,
                         (uint32_t)v);
    } else if (off >= GICR_IPRIORITYR &&
               off < GICR_IPRIORITYR + GIC_INTERNAL) {
        int intid = (int)(off - GICR_IPRIORITYR);
        for (unsigned i = 0; i < size && intid + (int)i < GIC_INTERNAL; i++) {
            gic_prio_write(s, cpu, intid + (int)i, (uint8_t)(v >> (8 * i)));
        }
    } else if (off == GICR_ICFGR1) {
        gic_icfgr_write(s, cpu, 1, (uint32_t)v);
    }
}

static uint64_t gicr_read(void *opaque, uint64_t off, unsigned size)
{
    GICState *s = opaque;
    int cpu = (int)(off / GICV3_REDIST_SIZE);
    uint64_t frame_off = off % GICV3_REDIST_SIZE;
    if (cpu >= s->num_cpus) {
        return 0;
    }
    if (frame_off >= GICR_SGI_BASE) {
        return gicr_sgi_read(s, cpu, frame_off - GICR_SGI_BASE, size);
    }
    return gicr_rd_read(s, cpu, frame_off, size);
}

static void gicr_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    GICState *s = opaque;
    int cpu = (int)(off / GICV3_REDIST_SIZE);
    uint64_t frame_off = off % GICV3_REDIST_SIZE;
    if (cpu >= s->num_cpus) {
        return;
    }
    if (frame_off >= GICR_SGI_BASE) {
        gicr_sgi_write(s, cpu, frame_off - GICR_SGI_BASE, v, size);
    } else if (frame_off == GICR_WAKER) {
        s->cpu[cpu].sleep = v & GICR_WAKER_SLEEP;
        gic_update(s);
    }
}

static const MemoryRegionOps gicd_ops = {
    .read = gicd_read, .write = gicd_write, .max_access = 8,
};
static const MemoryRegionOps gicr_ops = {
    .read = gicr_read, .write = gicr_write, .max_access = 8,
};

bool gicv3_map(GICState *s)
{
    s->mr_dist = memory_map_mmio(s->as, "gic-dist", s->dist_base,
                                 GICV3_DIST_SIZE, &gicd_ops, s);
    s->mr_redist = memory_map_mmio(s->as, "gic-redist", s->redist_base,
                                   (uint64_t)s->num_cpus * GICV3_REDIST_SIZE,
                                   &gicr_ops, s);
    return s->mr_dist && s->mr_redist;
}
