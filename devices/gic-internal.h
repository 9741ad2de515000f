/* SPDX-License-Identifier: MIT */
/*
 * GIC state shared by gic-core.c (distribution logic), gicv2.c (GICv2
 * MMIO), gicv3.c (GICv3 distributor and redistributors) and
 * gicv3-cpuif.c (ICC_* registers).  Not for use outside devices/gic*.
 *
 * Interrupt state is kept as 32-bit words, one bit per INTID, so finding
 * the highest-priority pending interrupt scans words, not interrupts.
 * Word 0 (SGIs and PPIs) is banked per CPU; the SPI words are global.
 */
#ifndef DEVICES_GIC_INTERNAL_H
#define DEVICES_GIC_INTERNAL_H

#include "gic.h"

#define GIC_PRIO_MASK 0xf8      /* 5 priority bits */
#define GIC_IDLE_PRIO 0x100     /* running priority with nothing active */

/* One word (32 INTIDs) of per-interrupt state. */
typedef struct GICWord {
    uint32_t enabled;
    uint32_t pend;      /* latched pending: edges, ISPENDR, SGIs */
    uint32_t level;     /* current input level */
    uint32_t active;
    uint32_t group;     /* 1 = group 1 */
    uint32_t edge;      /* 1 = edge-triggered (ICFGR bit 1) */
} GICWord;

typedef struct GICCpu {
    GICWord bank;               /* INTIDs 0..31 */
    uint8_t prio[GIC_INTERNAL];
    uint8_t sgi_src[GIC_NR_SGI];  /* v2: pending SGIs by source CPU */
    /* CPU interface */
    uint32_t ctlr;              /* v2 GICC_CTLR; v3 ICC_CTLR_EL1 */
    uint32_t pmr;
    uint32_t bpr0, bpr1;
    uint32_t apr0, apr1;        /* active priorities, bit = prio >> 3 */
    bool igrpen0, igrpen1;      /* v3 */
    /* v3 redistributor */
    uint64_t mpidr;
    bool sleep;                 /* GICR_WAKER.ProcessorSleep */
    /* outputs */
    IRQLine irq_out, fiq_out;
    int irq_level, fiq_level;
    /* best candidate after the last update */
    int hppi;                   /* INTID or GIC_SPURIOUS */
    int hppi_prio;              /* 0x100 when none */
} GICCpu;

struct GICState {
    int version;
    int num_cpus, num_irqs, nwords;
    uint64_t dist_base, cpu_base, redist_base;
    uint32_t dist_ctlr;         /* bit 0 EnableGrp0, bit 1 EnableGrp1 */
    GICWord *spi;               /* [nwords], word 0 unused */
    uint8_t *prio;              /* [num_irqs], SPIs only */
    uint8_t *targets;           /* v2 ITARGETSR, [num_irqs] */
    uint64_t *irouter;          /* v3 GICD_IROUTER, [num_irqs] */
    GICCpu *cpu;
    MemoryRegion *mr_dist, *mr_cpu, *mr_redist;
    AddressSpace *as;
};

/* GICv2 GICC_CTLR / GICv3 ICC_CTLR_EL1 bits used by the core */
#define GICC_CTLR_ENABLE_GRP0 (1u << 0)
#define GICC_CTLR_ENABLE_GRP1 (1u << 1)
#define GICC_CTLR_FIQEN (1u << 3)
#define GICC_CTLR_CBPR (1u << 4)
#define GICC_CTLR_EOIMODE (1u << 9)
#define ICC_CTLR_CBPR (1u << 0)
#define ICC_CTLR_EOIMODE (1u << 1)

static inline GICWord *gic_word(GICState *s, int cpu, int intid)
{
    return intid < GIC_INTERNAL ? &s->cpu[cpu].bank : &s->spi[intid / 32];
}

static inline uint8_t *gic_prio_ptr(GICState *s, int cpu, int intid)
{
    return intid < GIC_INTERNAL ? &s->cpu[cpu].prio[intid] : &s->prio[intid];
}

/* Register kinds shared by GICD/GICR bitmaps. */
typedef enum GICBitReg {
    GIC_REG_IGROUPR, GIC_REG_ISENABLER, GIC_REG_ICENABLER,
    GIC_REG_ISPENDR, GIC_REG_ICPENDR, GIC_REG_ISACTIVER, GIC_REG_ICACTIVER,
} GICBitReg;

/* gic-core.c */
uint32_t gic_bitreg_read(GICState *s, int cpu, GICBitReg reg, int word);
void gic_bitreg_write(GICState *s, int cpu, GICBitReg reg, int word,
                      uint32_t value);
uint32_t gic_icfgr_read(GICState *s, int cpu, int index);
void gic_icfgr_write(GICState *s, int cpu, int index, uint32_t value);
uint8_t gic_prio_read(GICState *s, int cpu, int intid);
void gic_prio_write(GICState *s, int cpu, int intid, uint8_t value);
/* Recomputes every CPU's candidate and output lines. */
void gic_update(GICState *s);
/* Does INTID (an SPI) target cpu? */
bool gic_spi_targets(GICState *s, int intid, int cpu);
/* group: 0, 1, or -1 for "either" (GICv2). Returns INTID or 1023. */
int gic_acknowledge(GICState *s, int cpu, int group);
void gic_end_of_interrupt(GICState *s, int cpu, int intid, int group);
void gic_deactivate(GICState *s, int cpu, int intid);
int gic_running_priority(GICState *s, int cpu);
/* Highest pending for cpu that an IAR of group (-1 either) would take,
 * ignoring the priority mask; 1023 if none. */
int gic_highest_pending(GICState *s, int cpu, int group);
/* Pends SGI intid on target from source (source matters for v2 only). */
void gic_pend_sgi(GICState *s, int target, int intid, int source);

/* gicv2.c / gicv3.c: map the MMIO regions */
bool gicv2_map(GICState *s);
bool gicv3_map(GICState *s);

#endif
