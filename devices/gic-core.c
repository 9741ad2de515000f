/* SPDX-License-Identifier: MIT */
/*
 * GIC distribution logic common to GICv2 and GICv3: interrupt inputs,
 * pending/active/enable state, choosing each CPU's highest-priority
 * pending interrupt, acknowledge, priority drop and deactivation, and the
 * device-tree node.  The register files are in gicv2.c, gicv3.c and
 * gicv3-cpuif.c.
 *
 * References: GICv2 architecture spec (IHI 0048B) 3.2 "General handling
 * of interrupts", 3.3 "Interrupt prioritization"; GICv3 (IHI 0069) 4.1
 * "Interrupt lifecycle", 4.8 "Interrupt prioritization".
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gic-internal.h"
#include "system/devfdt.h"

/* ---- inputs ---- */

static void word_set_level(GICWord *w, uint32_t bit, int level)
{
    bool old = w->level & bit;
    if (level) {
        w->level |= bit;
        if (!old && (w->edge & bit)) {
            w->pend |= bit;     /* rising edge latches */
        }
    } else {
        w->level &= ~bit;
    }
}

static void gic_set_spi(void *opaque, int intid, int level)
{
    GICState *s = opaque;
    if (intid < GIC_INTERNAL || intid >= s->num_irqs) {
        return;
    }
    word_set_level(&s->spi[intid / 32], 1u << (intid % 32), level);
    gic_update(s);
}

/* line = cpu * 32 + INTID */
static void gic_set_ppi(void *opaque, int line, int level)
{
    GICState *s = opaque;
    int cpu = line / 32, intid = line % 32;
    if (cpu >= s->num_cpus || intid < GIC_NR_SGI) {
        return;
    }
    word_set_level(&s->cpu[cpu].bank, 1u << intid, level);
    gic_update(s);
}

IRQLine gic_spi(GICState *s, int spi)
{
    return irq_line(gic_set_spi, s, GIC_INTERNAL + spi);
}

IRQLine gic_ppi(GICState *s, int cpu, int ppi)
{
    return irq_line(gic_set_ppi, s, cpu * 32 + GIC_NR_SGI + ppi);
}

void gic_connect_cpu(GICState *s, int cpu, IRQLine irq, IRQLine fiq)
{
    if (cpu < 0 || cpu >= s->num_cpus) {
        return;
    }
    s->cpu[cpu].irq_out = irq;
    s->cpu[cpu].fiq_out = fiq;
    irq_set_level(&irq, s->cpu[cpu].irq_level);
    irq_set_level(&fiq, s->cpu[cpu].fiq_level);
}

/* ---- targets and priorities ---- */

bool gic_spi_targets(GICState *s, int intid, int cpu)
{
    if (s->version == 2) {
        return (s->targets[intid] >> cpu) & 1;
    }
    uint64_t r = s->irouter[intid];
    if (r & (1ull << 31)) {
        return true;    /* 1 of N: offered to all, the first ack wins */
    }
    const uint64_t aff = 0xff00ffffffull;
    return (r & aff) == (s->cpu[cpu].mpidr & aff);
}

int gic_running_priority(GICState *s, int cpu)
{
    uint32_t apr = s->cpu[cpu].apr0 | s->cpu[cpu].apr1;
    return apr ? __builtin_ctz(apr) << 3 : GIC_IDLE_PRIO;
}

/* Group priority: the part of the priority that decides preemption
 * (GICv2 3.3.3 / GICv3 4.8.3, binary point). */
static int group_prio(const GICState *s, const GICCpu *c, int prio, int grp)
{
    bool cbpr = s->version == 2 ? c->ctlr & GICC_CTLR_CBPR
                                : c->ctlr & ICC_CTLR_CBPR;
    uint32_t mask = grp == 0 || cbpr ? 0xffu << (c->bpr0 + 1)
                                     : 0xffu << c->bpr1;
    return prio & (int)mask & 0xff;
}

static bool group_enabled(const GICState *s, const GICCpu *c, int grp)
{
    if (!((s->dist_ctlr >> grp) & 1)) {
        return false;
    }
    if (s->version == 2) {
        return (c->ctlr >> grp) & 1;
    }
    return grp ? c->igrpen1 : c->igrpen0;
}

/* The best pending, enabled, inactive interrupt for cpu in the given
 * groups (bit 0: group 0, bit 1: group 1). */
static int best_pending(GICState *s, int cpu, unsigned groups, int *prio)
{
    GICCpu *c = &s->cpu[cpu];
    int best = GIC_SPURIOUS, bestp = GIC_IDLE_PRIO;
    for (int w = 0; w < s->nwords; w++) {
        GICWord *W = w ? &s->spi[w] : &c->bank;
        uint32_t cand = (W->pend | (W->level & ~W->edge)) & W->enabled &
                        ~W->active;
        if (!(groups & 1)) {
            cand &= W->group;
        }
        if (!(groups & 2)) {
            cand &= ~W->group;
        }
        while (cand) {
            int bit = __builtin_ctz(cand);
            cand &= cand - 1;
            int intid = w * 32 + bit;
            if (w && !gic_spi_targets(s, intid, cpu)) {
                continue;
            }
            int p = *gic_prio_ptr(s, cpu, intid);
            if (p < bestp) {
                best = intid;
                bestp = p;
            }
        }
    }
    *prio = bestp;
    return best;
}

static int intid_group(GICState *s, int cpu, int intid)
{
    return (gic_word(s, cpu, intid)->group >> (intid % 32)) & 1;
}

/* Would this pending interrupt be signalled (mask and preemption)? */
static bool can_signal(GICState *s, int cpu, int intid, int prio)
{
    GICCpu *c = &s->cpu[cpu];
    if (intid == GIC_SPURIOUS || prio >= (int)c->pmr) {
        return false;
    }
    int grp = intid_group(s, cpu, intid);
    return group_prio(s, c, prio, grp) < gic_running_priority(s, cpu);
}

static void update_cpu(GICState *s, int cpu)
{
    GICCpu *c = &s->cpu[cpu];
    unsigned groups = (group_enabled(s, c, 0) ? 1 : 0) |
                      (group_enabled(s, c, 1) ? 2 : 0);
    c->hppi = best_pending(s, cpu, groups, &c->hppi_prio);
    bool sig = can_signal(s, cpu, c->hppi, c->hppi_prio);
    if (s->version == 3 && c->sleep) {
        sig = false;
    }
    bool fiq = false;
    if (sig && intid_group(s, cpu, c->hppi) == 0) {
        fiq = s->version == 3 || (c->ctlr & GICC_CTLR_FIQEN);
    }
    int irq_level = sig && !fiq, fiq_level = sig && fiq;
    if (irq_level != c->irq_level) {
        c->irq_level = irq_level;
        irq_set_level(&c->irq_out, irq_level);
    }
    if (fiq_level != c->fiq_level) {
        c->fiq_level = fiq_level;
        irq_set_level(&c->fiq_out, fiq_level);
    }
}

void gic_update(GICState *s)
{
    for (int cpu = 0; cpu < s->num_cpus; cpu++) {
        update_cpu(s, cpu);
    }
}

int gic_highest_pending(GICState *s, int cpu, int group)
{
    GICCpu *c = &s->cpu[cpu];
    int intid = c->hppi;
    if (intid != GIC_SPURIOUS && group >= 0 &&
        intid_group(s, cpu, intid) != group) {
        return GIC_SPURIOUS;
    }
    return intid;
}

/* ---- the interrupt lifecycle ---- */

int gic_acknowledge(GICState *s, int cpu, int group)
{
    GICCpu *c = &s->cpu[cpu];
    int intid = gic_highest_pending(s, cpu, group);
    if (!can_signal(s, cpu, intid, c->hppi_prio)) {
        return GIC_SPURIOUS;
    }
    int grp = intid_group(s, cpu, intid);
    GICWord *w = gic_word(s, cpu, intid);
    uint32_t bit = 1u << (intid % 32);
    int ret = intid;
    if (s->version == 2 && intid < GIC_NR_SGI) {
        /* GICv2 4.4.4: the source CPU comes back in bits 12:10 and the
         * SGI stays pending while other sources remain */
        int src = c->sgi_src[intid] ? __builtin_ctz(c->sgi_src[intid]) : 0;
        c->sgi_src[intid] &= (uint8_t)~(1u << src);
        if (!c->sgi_src[intid]) {
            w->pend &= ~bit;
        }
        ret |= src << 10;
    } else {
        w->pend &= ~bit;
    }
    w->active |= bit;
    int gp = group_prio(s, c, c->hppi_prio, grp);
    if (grp == 0) {
        c->apr0 |= 1u << (gp >> 3);
    } else {
        c->apr1 |= 1u << (gp >> 3);
    }
    gic_update(s);
    return ret;
}

void gic_deactivate(GICState *s, int cpu, int intid)
{
    if (intid < 0 || intid >= s->num_irqs) {
        return;
    }
    gic_word(s, cpu, intid)->active &= ~(1u << (intid % 32));
    gic_update(s);
}

void gic_end_of_interrupt(GICState *s, int cpu, int intid, int group)
{
    GICCpu *c = &s->cpu[cpu];
    (void)group;
    if (intid >= GIC_MAX_IRQS) {
        return;
    }
    /* Priority drop: the highest active priority (lowest bit). */
    uint32_t apr = c->apr0 | c->apr1;
    if (apr) {
        uint32_t low = apr & -apr;
        if (c->apr0 & low) {
            c->apr0 &= ~low;
        } else {
            c->apr1 &= ~low;
        }
    }
    bool split = s->version == 2 ? c->ctlr & GICC_CTLR_EOIMODE
                                 : c->ctlr & ICC_CTLR_EOIMODE;
    if (!split) {
        gic_deactivate(s, cpu, intid);
    } else {
        gic_update(s);
    }
}

void gic_pend_sgi(GICState *s, int target, int intid, int source)
{
    if (target < 0 || target >= s->num_cpus || intid >= GIC_NR_SGI) {
        return;
    }
    GICCpu *c = &s->cpu[target];
    c->bank.pend |= 1u << intid;
    if (s->version == 2) {
        c->sgi_src[intid] |= (uint8_t)(1u << source);
    }
    gic_update(s);
}

/* ---- register helpers shared by GICD and GICR ---- */

uint32_t gic_bitreg_read(GICState *s, int cpu, GICBitReg reg, int word)
{
    if (word < 0 || word >= s->nwords) {
        return 0;
    }
    GICWord *w = word ? &s->spi[word] : &s->cpu[cpu].bank;
    switch (reg) {
    case GIC_REG_IGROUPR:
        return w->group;
    case GIC_REG_ISENABLER:
    case GIC_REG_ICENABLER:
        return w->enabled;
    case GIC_REG_ISPENDR:
    case GIC_REG_ICPENDR:
        return w->pend | (w->level & ~w->edge);
    case GIC_REG_ISACTIVER:
    case GIC_REG_ICACTIVER:
        return w->active;
    }
    return 0;
}

void gic_bitreg_write(GICState *s, int cpu, GICBitReg reg, int word,
                      uint32_t v)
{
    if (word < 0 || word >= s->nwords) {
        return;
    }
    GICCpu *c = &s->cpu[cpu];
    GICWord *w = word ? &s->spi[word] : &c->bank;
    /* GICv2 4.3.7/4.3.8: SGI pending bits are changed through
     * GICD_SPENDSGIR/CPENDSGIR only */
    uint32_t pend_mask = s->version == 2 && word == 0 ? 0xffff0000u : ~0u;
    switch (reg) {
    case GIC_REG_IGROUPR:
        w->group = v;
        break;
    case GIC_REG_ISENABLER:
        w->enabled |= v;
        break;
    case GIC_REG_ICENABLER:
        w->enabled &= ~v;
        break;
    case GIC_REG_ISPENDR:
        w->pend |= v & pend_mask;
        break;
    case GIC_REG_ICPENDR:
        w->pend &= ~(v & pend_mask);
        break;
    case GIC_REG_ISACTIVER:
        w->active |= v;
        break;
    case GIC_REG_ICACTIVER:
        w->active &= ~v;
        break;
    }
    gic_update(s);
}

uint32_t gic_icfgr_read(GICState *s, int cpu, int index)
{
    int first = index * 16;
    if (index < 0 || first >= s->num_irqs) {
        return 0;
    }
    if (first < GIC_NR_SGI) {
        return 0xaaaaaaaau;     /* SGIs are edge-triggered, read-only */
    }
    GICWord *w = gic_word(s, cpu, first);
    uint32_t v = 0;
    for (int i = 0; i < 16; i++) {
        if ((w->edge >> ((first + i) % 32)) & 1) {
            v |= 2u << (2 * i);
        }
    }
    return v;
}

void gic_icfgr_write(GICState *s, int cpu, int index, uint32_t v)
{
    int first = index * 16;
    if (index < 0 || first >= s->num_irqs || first < GIC_NR_SGI) {
        return;
    }
    GICWord *w = gic_word(s, cpu, first);
    for (int i = 0; i < 16; i++) {
        uint32_t bit = 1u << ((first + i) % 32);
        if ((v >> (2 * i + 1)) & 1) {
            w->edge |= bit;
        } else {
            w->edge &= ~bit;
        }
    }
    gic_update(s);
}

uint8_t gic_prio_read(GICState *s, int cpu, int intid)
{
    if (intid < 0 || intid >= s->num_irqs) {
        return 0;
    }
    return *gic_prio_ptr(s, cpu, intid);
}

void gic_prio_write(GICState *s, int cpu, int intid, uint8_t v)
{
    if (intid < 0 || intid >= s->num_irqs) {
        return;
    }
    *gic_prio_ptr(s, cpu, intid) = v & GIC_PRIO_MASK;
    gic_update(s);
}

/* ---- life cycle ---- */

void gic_reset(GICState *s)
{
    s->dist_ctlr = 0;
    for (int w = 0; w < s->nwords; w++) {
        uint32_t level = s->spi[w].level;   /* inputs keep their level */
        memset(&s->spi[w], 0, sizeof(s->spi[w]));
        s->spi[w].level = level;
    }
    memset(s->prio, 0, (size_t)s->num_irqs);
    if (s->targets) {
        memset(s->targets, 0, (size_t)s->num_irqs);
    }
    if (s->irouter) {
        memset(s->irouter, 0, sizeof(*s->irouter) * (size_t)s->num_irqs);
    }
    for (int i = 0; i < s->num_cpus; i++) {
        GICCpu *c = &s->cpu[i];
        uint32_t level = c->bank.level;   /* inputs keep their level */
        memset(&c->bank, 0, sizeof(c->bank));
        c->bank.level = level;
        c->bank.edge = 0xffff;
        memset(c->prio, 0, sizeof(c->prio));
        memset(c->sgi_src, 0, sizeof(c->sgi_src));
        c->ctlr = 0;
        c->pmr = 0;
        c->bpr0 = 2;    /* the minimum for 5 priority bits */
        c->bpr1 = 3;
        c->apr0 = c->apr1 = 0;
        c->igrpen0 = c->igrpen1 = false;
        c->sleep = true;
    }
    gic_update(s);
}

int gic_version(const GICState *s)
{
    return s->version;
}

static bool gic_check_config(const GICConfig *cfg)
{
    int maxcpu = cfg->version == 2 ? GICV2_MAX_CPUS : GICV3_MAX_CPUS;
    if (cfg->version != 2 && cfg->version != 3) {
        fprintf(stderr, "mimic: GIC version %d is not supported (2 or 3)\n",
                cfg->version);
        return false;
    }
    if (cfg->num_cpus < 1 || cfg->num_cpus > maxcpu) {
        fprintf(stderr, "mimic: GICv%d supports 1 to %d CPUs, not %d\n",
                cfg->version, maxcpu, cfg->num_cpus);
        return false;
    }
    if (cfg->num_irqs < 64 || cfg->num_irqs > 1024 || cfg->num_irqs % 32) {
        fprintf(stderr, "mimic: bad GIC interrupt count %d\n",
                cfg->num_irqs);
        return false;
    }
    return true;
}

GICState *gic_create(AddressSpace *as, const GICConfig *cfg)
{
    if (!gic_check_config(cfg)) {
        return NULL;
    }
    GICState *s = calloc(1, sizeof(*s));
    s->version = cfg->version;
    s->num_cpus = cfg->num_cpus;
    s->num_irqs = cfg->num_irqs > GIC_MAX_IRQS ? GIC_MAX_IRQS : cfg->num_irqs;
    s->nwords = (s->num_irqs + 31) / 32;
    s->dist_base = cfg->dist_base;
    s->cpu_base = cfg->cpu_base;
    s->redist_base = cfg->redist_base;
    s->as = as;
    s->spi = calloc((size_t)s->nwords, sizeof(*s->spi));
    s->prio = calloc((size_t)s->num_irqs, 1);
    s->cpu = calloc((size_t)s->num_cpus, sizeof(*s->cpu));
    if (s->version == 2) {
        s->targets = calloc((size_t)s->num_irqs, 1);
    } else {
        s->irouter = calloc((size_t)s->num_irqs, sizeof(*s->irouter));
    }
    for (int i = 0; i < s->num_cpus; i++) {
        s->cpu[i].mpidr = cfg->mpidr ? cfg->mpidr[i] : (uint64_t)i;
        s->cpu[i].hppi = GIC_SPURIOUS;
    }
    gic_reset(s);
    if (!(s->version == 2 ? gicv2_map(s) : gicv3_map(s))) {
        gic_free(s);
        return NULL;
    }
    return s;
}

void gic_free(GICState *s)
{
    if (!s) {
        return;
    }
    if (s->as) {
        if (s->mr_dist) {
            memory_unmap(s->as, s->mr_dist);
        }
        if (s->mr_cpu) {
            memory_unmap(s->as, s->mr_cpu);
        }
        if (s->mr_redist) {
            memory_unmap(s->as, s->mr_redist);
        }
    }
    free(s->spi);
    free(s->prio);
    free(s->targets);
    free(s->irouter);
    free(s->cpu);
    free(s);
}

/* ---- device tree ---- */

int gic_fdt_add(GICState *s, void *fdt, uint32_t phandle)
{
    int node = devfdt_add_node(fdt, "intc", s->dist_base);
    FDT_TRY(node);
    fdt32_t reg[8];
    uint64_t b[2], sz[2];
    b[0] = s->dist_base;
    sz[0] = GICV2_DIST_SIZE;
    if (s->version == 2) {
        FDT_TRY(fdt_setprop_string(fdt, node, "compatible",
                                   "arm,cortex-a15-gic"));
        b[1] = s->cpu_base;
        sz[1] = GICV2_CPU_SIZE;
    } else {
        FDT_TRY(fdt_setprop_string(fdt, node, "compatible", "arm,gic-v3"));
        FDT_TRY(fdt_setprop_u32(fdt, node, "#redistributor-regions", 1));
        b[1] = s->redist_base;
        sz[1] = (uint64_t)s->num_cpus * GICV3_REDIST_SIZE;
    }
    for (int i = 0; i < 2; i++) {
        reg[i * 4 + 0] = cpu_to_fdt32((uint32_t)(b[i] >> 32));
        reg[i * 4 + 1] = cpu_to_fdt32((uint32_t)b[i]);
        reg[i * 4 + 2] = cpu_to_fdt32((uint32_t)(sz[i] >> 32));
        reg[i * 4 + 3] = cpu_to_fdt32((uint32_t)sz[i]);
    }
    FDT_TRY(fdt_setprop(fdt, node, "reg", reg, sizeof(reg)));
    FDT_TRY(fdt_setprop_u32(fdt, node, "#interrupt-cells", 3));
    FDT_TRY(fdt_setprop(fdt, node, "interrupt-controller", NULL, 0));
    FDT_TRY(fdt_setprop_u32(fdt, node, "#address-cells", 2));
    FDT_TRY(fdt_setprop_u32(fdt, node, "#size-cells", 2));
    FDT_TRY(fdt_setprop(fdt, node, "ranges", NULL, 0));
    FDT_TRY(fdt_setprop_u32(fdt, node, "phandle", phandle));
    return node;
}
