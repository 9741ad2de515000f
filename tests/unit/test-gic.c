/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the GIC model: GICv2 through GICD/GICC MMIO as two
 * different CPUs, GICv3 through GICD/GICR MMIO and the ICC_* registers.
 * Flows: enable, pending, priority and masking, acknowledge, EOI and
 * split deactivation, preemption, level vs edge, SGIs (with the v2 source
 * CPU), PPIs, v3 affinity routing and FIQ for group 0.
 */
#include <stdlib.h>
#include "check.h"
#include "devices/gic.h"

#define DIST 0x08000000ull
#define CPUIF 0x08010000ull
#define REDIST 0x080a0000ull

static AddressSpace *as;
static GICState *gic;
static TestIRQ irq[20], fiq[20];

static uint32_t rd(int cpu, uint64_t addr)
{
    uint64_t v = 0;
    address_space_read(as, addr, 4, &v, MEMTXATTRS_CPU(cpu));
    return (uint32_t)v;
}

static void wr(int cpu, uint64_t addr, uint32_t v)
{
    address_space_write(as, addr, 4, v, MEMTXATTRS_CPU(cpu));
}

static void wr8(int cpu, uint64_t addr, uint8_t v)
{
    address_space_write(as, addr, 1, v, MEMTXATTRS_CPU(cpu));
}

static void make(int version, int ncpus)
{
    static uint64_t mpidr[20];
    for (int i = 0; i < ncpus; i++) {
        mpidr[i] = (uint64_t)(i / 16) << 8 | (uint64_t)(i % 16);
    }
    GICConfig cfg = { .version = version, .num_cpus = ncpus,
                      .num_irqs = 288, .dist_base = DIST, .cpu_base = CPUIF,
                      .redist_base = REDIST, .mpidr = mpidr };
    as = address_space_new();
    gic = gic_create(as, &cfg);
    CHECK(gic != NULL);
    memset(irq, 0, sizeof(irq));
    memset(fiq, 0, sizeof(fiq));
    for (int i = 0; i < ncpus; i++) {
        gic_connect_cpu(gic, i, irq_line(test_irq_set, &irq[i], 0),
                        irq_line(test_irq_set, &fiq[i], 0));
    }
}

static void destroy(void)
{
    gic_free(gic);
    address_space_free(as);
}

/* ---- GICv2 ---- */

enum { GICD_CTLR = 0, GICD_TYPER = 4, GICD_IGROUPR = 0x80,
       GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180, GICD_ISPENDR = 0x200,
       GICD_ICPENDR = 0x280, GICD_ISACTIVER = 0x300, GICD_IPRIORITYR = 0x400,
       GICD_ITARGETSR = 0x800, GICD_ICFGR = 0xc00, GICD_SGIR = 0xf00,
       GICD_SPENDSGIR = 0xf20 };
enum { GICC_CTLR = 0, GICC_PMR = 4, GICC_IAR = 0xc, GICC_EOIR = 0x10,
       GICC_RPR = 0x14, GICC_HPPIR = 0x18, GICC_DIR = 0x1000 };

static void v2_spi_setup(int intid, uint8_t prio, uint8_t targets, bool edge)
{
    wr8(0, DIST + GICD_IPRIORITYR + intid, prio);
    wr8(0, DIST + GICD_ITARGETSR + intid, targets);
    if (edge) {
        uint32_t cfg = rd(0, DIST + GICD_ICFGR + intid / 16 * 4);
        wr(0, DIST + GICD_ICFGR + intid / 16 * 4,
           cfg | 2u << (intid % 16 * 2));
    }
    wr(0, DIST + GICD_ISENABLER + intid / 32 * 4, 1u << (intid % 32));
}

static void test_v2_basics(void)
{
    make(2, 2);
    IRQLine l33 = gic_spi(gic, 1), l34 = gic_spi(gic, 2),
            l35 = gic_spi(gic, 3);
    CHECK_EQ(rd(0, DIST + GICD_TYPER), 0x28);   /* 9 words, 2 CPUs */
    CHECK_EQ(rd(0, DIST + GICD_ITARGETSR), 0x01010101);
    CHECK_EQ(rd(1, DIST + GICD_ITARGETSR + 28), 0x02020202);
    CHECK_EQ(rd(0, DIST + GICD_ICFGR), 0xaaaaaaaa);
    wr(0, DIST + GICD_CTLR, 1);
    for (int c = 0; c < 2; c++) {
        wr(c, CPUIF + GICC_CTLR, 1);
        wr(c, CPUIF + GICC_PMR, 0xf0);
    }
    CHECK_EQ(rd(0, CPUIF + GICC_PMR), 0xf0);
    wr(0, CPUIF + GICC_PMR, 0xff);
    CHECK_EQ(rd(0, CPUIF + GICC_PMR), 0xf8);    /* 5 priority bits */
    v2_spi_setup(33, 0xa0, 1, false);
    CHECK_EQ(rd(0, DIST + GICD_IPRIORITYR + 32), 0xa000);
    irq_raise(&l33);
    CHECK_EQ(irq[0].level, 1);
    CHECK_EQ(irq[1].level, 0);
    CHECK_EQ(rd(0, CPUIF + GICC_HPPIR), 33);
    CHECK_EQ(rd(0, DIST + GICD_ISPENDR + 4), 2);
    CHECK_EQ(rd(1, CPUIF + GICC_IAR), 1023);    /* not targeted at CPU 1 */
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 33);
    CHECK_EQ(irq[0].level, 0);                  /* active now */
    CHECK_EQ(rd(0, CPUIF + GICC_RPR), 0xa0);
    CHECK_EQ(rd(0, DIST + GICD_ISACTIVER + 4), 2);
    wr(0, CPUIF + GICC_EOIR, 33);
    CHECK_EQ(rd(0, CPUIF + GICC_RPR), 0xff);
    CHECK_EQ(irq[0].level, 1);                  /* level still high */
    irq_lower(&l33);
    CHECK_EQ(irq[0].level, 0);
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 1023);
    /* masking: priority must be strictly below PMR */
    wr(0, CPUIF + GICC_PMR, 0xa0);
    irq_raise(&l33);
    CHECK_EQ(irq[0].level, 0);
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 1023);
    CHECK_EQ(rd(0, CPUIF + GICC_HPPIR), 33);    /* HPPIR ignores the mask */
    wr(0, CPUIF + GICC_PMR, 0xf0);
    CHECK_EQ(irq[0].level, 1);
    /* disabling the distributor hides everything */
    wr(0, DIST + GICD_CTLR, 0);
    CHECK_EQ(irq[0].level, 0);
    wr(0, DIST + GICD_CTLR, 1);
    CHECK_EQ(irq[0].level, 1);
    /* preemption: 34 (0x80, edge) preempts 33 (0xa0); 35 (0x90) waits */
    v2_spi_setup(34, 0x80, 1, true);
    v2_spi_setup(35, 0x90, 1, false);
    CHECK_EQ(rd(0, DIST + GICD_ICFGR + 8), 0x20);   /* 34: bit 5 */
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 33);
    irq_pulse(&l34);
    CHECK_EQ(irq[0].level, 1);
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 34);
    CHECK_EQ(rd(0, CPUIF + GICC_RPR), 0x80);
    irq_raise(&l35);
    CHECK_EQ(irq[0].level, 0);                  /* 0x90 vs running 0x80 */
    wr(0, CPUIF + GICC_EOIR, 34);
    CHECK_EQ(irq[0].level, 1);                  /* 0x90 beats 0xa0 */
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 35);
    irq_lower(&l35);
    wr(0, CPUIF + GICC_EOIR, 35);
    irq_lower(&l33);
    wr(0, CPUIF + GICC_EOIR, 33);
    CHECK_EQ(rd(0, CPUIF + GICC_RPR), 0xff);
    CHECK_EQ(rd(0, DIST + GICD_ISACTIVER + 4), 0);
    /* an edge stays pending after the line drops; ICPENDR clears it */
    irq_pulse(&l34);
    CHECK_EQ(rd(0, DIST + GICD_ISPENDR + 4), 4);
    wr(0, DIST + GICD_ICPENDR + 4, 4);
    CHECK_EQ(irq[0].level, 0);
    /* software pending of a level interrupt */
    wr(0, DIST + GICD_ISPENDR + 4, 2);
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 33);
    wr(0, CPUIF + GICC_EOIR, 33);
    CHECK_EQ(irq[0].level, 0);
    /* both CPUs targeted: the first to acknowledge takes it */
    wr8(0, DIST + GICD_ITARGETSR + 33, 3);
    irq_raise(&l33);
    CHECK(irq[0].level && irq[1].level);
    CHECK_EQ(rd(1, CPUIF + GICC_IAR), 33);
    CHECK(!irq[0].level && !irq[1].level);
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 1023);
    irq_lower(&l33);
    wr(1, CPUIF + GICC_EOIR, 33);
    destroy();
}

static void test_v2_sgi_fiq(void)
{
    make(2, 2);
    wr(0, DIST + GICD_CTLR, 3);
    for (int c = 0; c < 2; c++) {
        wr(c, CPUIF + GICC_CTLR, 1);
        wr(c, CPUIF + GICC_PMR, 0xf0);
        wr(c, DIST + GICD_ISENABLER, 0xffff);   /* banked: SGIs */
    }
    /* CPU 0 -> CPU 1, SGI 5 */
    wr(0, DIST + GICD_SGIR, 2u << 16 | 5);
    CHECK_EQ(irq[0].level, 0);
    CHECK_EQ(irq[1].level, 1);
    CHECK_EQ(rd(1, CPUIF + GICC_HPPIR), 5);
    CHECK_EQ(rd(1, CPUIF + GICC_IAR), 5);       /* source CPU 0 */
    wr(1, CPUIF + GICC_EOIR, 5);
    /* CPU 1 -> all but self, SGI 3: arrives at CPU 0 from CPU 1 */
    wr(1, DIST + GICD_SGIR, 1u << 24 | 3);
    CHECK_EQ(irq[1].level, 0);
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 0x403);
    wr(0, CPUIF + GICC_EOIR, 0x403);
    /* SGI 7 from both CPUs to CPU 1: two acknowledges */
    wr(1, DIST + GICD_SGIR, 2u << 24 | 7);
    wr(0, DIST + GICD_SGIR, 2u << 16 | 7);
    CHECK_EQ(rd(1, DIST + GICD_SPENDSGIR + 4), 0x03000000);
    CHECK_EQ(rd(1, CPUIF + GICC_IAR), 7);
    wr(1, CPUIF + GICC_EOIR, 7);
    CHECK_EQ(rd(1, CPUIF + GICC_IAR), 0x407);
    wr(1, CPUIF + GICC_EOIR, 0x407);
    CHECK_EQ(rd(1, CPUIF + GICC_IAR), 1023);
    /* SPENDSGIR sets a pending SGI with a chosen source */
    wr8(0, DIST + GICD_SPENDSGIR + 2, 0x02);
    CHECK_EQ(rd(0, CPUIF + GICC_IAR), 0x402);
    /* split EOI: EOIR drops priority, DIR deactivates */
    wr(0, CPUIF + GICC_CTLR, 1 | 1u << 9);
    wr(0, CPUIF + GICC_EOIR, 0x402);
    CHECK_EQ(rd(0, CPUIF + GICC_RPR), 0xff);
    CHECK_EQ(rd(0, DIST + GICD_ISACTIVER), 4);
    wr(0, CPUIF + GICC_DIR, 2);
    CHECK_EQ(rd(0, DIST + GICD_ISACTIVER), 0);
    /* group 0 with FIQEn signals FIQ, group 1 IRQ */
    IRQLine l40 = gic_spi(gic, 8);
    v2_spi_setup(40, 0x40, 1, false);
    wr(0, CPUIF + GICC_CTLR, 3 | 1u << 3);      /* both groups, FIQEn */
    irq_raise(&l40);
    CHECK_EQ(fiq[0].level, 1);
    CHECK_EQ(irq[0].level, 0);
    wr(0, DIST + GICD_IGROUPR + 4, 1u << 8);
    CHECK_EQ(fiq[0].level, 0);
    CHECK_EQ(irq[0].level, 1);
    /* reset clears configuration; the input level survives */
    gic_reset(gic);
    CHECK_EQ(irq[0].level, 0);
    CHECK_EQ(rd(0, DIST + GICD_ISENABLER + 4), 0);
    CHECK_EQ(rd(0, DIST + GICD_ISPENDR + 4), 1u << 8);
    destroy();
}

/* ---- GICv3 ---- */

enum { GICD_IROUTER = 0x6000, GICD_PIDR2 = 0xffe8 };
enum { GICR_TYPER = 0x8, GICR_WAKER = 0x14, GICR_PIDR2 = 0xffe8,
       SGI = 0x10000 };

static uint64_t redist(int cpu)
{
    return REDIST + 0x20000ull * (uint64_t)cpu;
}

static void v3_cpu_on(int cpu)
{
    wr(cpu, redist(cpu) + GICR_WAKER, 0);
    gicv3_icc_write(gic, cpu, ICC_PMR_EL1, 0xf0);
    gicv3_icc_write(gic, cpu, ICC_IGRPEN1_EL1, 1);
    gicv3_icc_write(gic, cpu, ICC_IGRPEN0_EL1, 1);
}

static void test_v3_regs(void)
{
    make(3, 20);
    CHECK_EQ(rd(0, DIST + GICD_CTLR), 0x50);    /* DS | ARE */
    uint32_t typer = rd(0, DIST + GICD_TYPER);
    CHECK_EQ(typer & 0x1f, 8);
    CHECK_EQ((typer >> 19) & 0x1f, 9);
    CHECK_EQ((rd(0, DIST + GICD_PIDR2) >> 4) & 0xf, 3);
    CHECK_EQ((rd(0, redist(5) + GICR_PIDR2) >> 4) & 0xf, 3);
    uint64_t t;
    address_space_read(as, redist(17) + GICR_TYPER, 8, &t, MEMTXATTRS_DMA);
    CHECK_EQ(t, 0x0101ull << 32 | 17u << 8);
    address_space_read(as, redist(19) + GICR_TYPER, 8, &t, MEMTXATTRS_DMA);
    CHECK_EQ(t, 0x0103ull << 32 | 19u << 8 | 1u << 4);  /* Last */
    CHECK_EQ(rd(0, redist(19) + GICR_TYPER + 4), 0x0103);
    CHECK_EQ(rd(0, redist(3) + GICR_WAKER), 6);
    wr(0, redist(3) + GICR_WAKER, 0);
    CHECK_EQ(rd(0, redist(3) + GICR_WAKER), 0);
    CHECK_EQ(gicv3_icc_read(gic, 0, ICC_SRE_EL1), 7);
    CHECK_EQ((gicv3_icc_read(gic, 0, ICC_CTLR_EL1) >> 8) & 7, 4);
    gicv3_icc_write(gic, 0, ICC_BPR1_EL1, 0);
    CHECK_EQ(gicv3_icc_read(gic, 0, ICC_BPR1_EL1), 3);
    gicv3_icc_write(gic, 0, ICC_PMR_EL1, 0xff);
    CHECK_EQ(gicv3_icc_read(gic, 0, ICC_PMR_EL1), 0xf8);
    CHECK_EQ(gicv3_icc_read(gic, 0, ICC_RPR_EL1), 0xff);
    /* the distributor's SGI/PPI words are the redistributors' (RAZ/WI) */
    wr(0, DIST + GICD_ISENABLER, 0xffffffff);
    CHECK_EQ(rd(0, DIST + GICD_ISENABLER), 0);
    /* IROUTER is 64 bits, also written as two halves */
    address_space_write(as, DIST + GICD_IROUTER + 8 * 40, 8,
                        0x0000000000000102ull, MEMTXATTRS_DMA);
    CHECK_EQ(rd(0, DIST + GICD_IROUTER + 8 * 40), 0x102);
    wr(0, DIST + GICD_IROUTER + 8 * 40 + 4, 0);
    wr(0, DIST + GICD_IROUTER + 8 * 40, 0x0100);
    CHECK_EQ(rd(0, DIST + GICD_IROUTER + 8 * 40), 0x100);
    /* encodings the CPU side decodes */
    CHECK_EQ(gicv3_icc_lookup(3, 0, 12, 12, 0), ICC_IAR1_EL1);
    CHECK_EQ(gicv3_icc_lookup(3, 0, 4, 6, 0), ICC_PMR_EL1);
    CHECK_EQ(gicv3_icc_lookup(3, 0, 12, 11, 5), ICC_SGI1R_EL1);
    CHECK_EQ(gicv3_icc_lookup(3, 0, 12, 12, 5), ICC_SRE_EL1);
    CHECK_EQ(gicv3_icc_lookup(3, 4, 12, 9, 5), ICC_NONE);   /* SRE_EL2 */
    CHECK(gicv3_icc_readable(ICC_IAR1_EL1) &&
          !gicv3_icc_writable(ICC_IAR1_EL1));
    CHECK(!gicv3_icc_readable(ICC_EOIR1_EL1) &&
          gicv3_icc_writable(ICC_EOIR1_EL1));
    CHECK(!gicv3_icc_readable(ICC_SGI1R_EL1));
    CHECK_STR(gicv3_icc_name(ICC_DIR_EL1), "ICC_DIR_EL1");
    destroy();
}

static void test_v3_flows(void)
{
    make(3, 20);
    wr(0, DIST + GICD_CTLR, 3);
    v3_cpu_on(0);
    v3_cpu_on(17);
    /* SPI 72 routed to CPU 17 (Aff1 1, Aff0 1), group 1 */
    IRQLine l72 = gic_spi(gic, 40);
    wr(0, DIST + GICD_IGROUPR + 8, 1u << 8);
    wr8(0, DIST + GICD_IPRIORITYR + 72, 0xa0);
    address_space_write(as, DIST + GICD_IROUTER + 8 * 72, 8, 0x0101,
                        MEMTXATTRS_DMA);
    wr(0, DIST + GICD_ISENABLER + 8, 1u << 8);
    irq_raise(&l72);
    CHECK_EQ(irq[17].level, 1);
    CHECK_EQ(irq[0].level, 0);
    CHECK_EQ(fiq[17].level, 0);
    CHECK_EQ(gicv3_icc_read(gic, 17, ICC_HPPIR1_EL1), 72);
    CHECK_EQ(gicv3_icc_read(gic, 17, ICC_HPPIR0_EL1), 1023);
    CHECK_EQ(gicv3_icc_read(gic, 17, ICC_IAR0_EL1), 1023);
    CHECK_EQ(gicv3_icc_read(gic, 17, ICC_IAR1_EL1), 72);
    CHECK_EQ(irq[17].level, 0);
    CHECK_EQ(gicv3_icc_read(gic, 17, ICC_RPR_EL1), 0xa0);
    CHECK_EQ(gicv3_icc_read(gic, 17, ICC_AP1R0_EL1), 1u << (0xa0 >> 3));
    irq_lower(&l72);
    gicv3_icc_write(gic, 17, ICC_EOIR1_EL1, 72);
    CHECK_EQ(gicv3_icc_read(gic, 17, ICC_RPR_EL1), 0xff);
    CHECK_EQ(rd(0, DIST + GICD_ISACTIVER + 8), 0);
    /* a sleeping redistributor forwards nothing */
    wr(17, redist(17) + GICR_WAKER, 2);
    irq_raise(&l72);
    CHECK_EQ(irq[17].level, 0);
    wr(17, redist(17) + GICR_WAKER, 0);
    CHECK_EQ(irq[17].level, 1);
    irq_lower(&l72);
    /* a PPI (virtual timer, INTID 27) on CPU 0 through the redistributor */
    IRQLine vt = gic_ppi(gic, 0, 11);
    wr(0, redist(0) + SGI + GICD_IGROUPR, 1u << 27);
    wr8(0, redist(0) + SGI + GICD_IPRIORITYR + 27, 0x20);
    wr(0, redist(0) + SGI + GICD_ISENABLER, 1u << 27);
    CHECK_EQ(rd(0, redist(0) + SGI + GICD_ISENABLER), 1u << 27);
    CHECK_EQ(rd(0, redist(1) + SGI + GICD_ISENABLER), 0);
    irq_raise(&vt);
    CHECK_EQ(irq[0].level, 1);
    CHECK_EQ(irq[17].level, 0);
    CHECK_EQ(gicv3_icc_read(gic, 0, ICC_IAR1_EL1), 27);
    irq_lower(&vt);
    /* split EOI: priority drop, then ICC_DIR */
    gicv3_icc_write(gic, 0, ICC_CTLR_EL1, 2);
    gicv3_icc_write(gic, 0, ICC_EOIR1_EL1, 27);
    CHECK_EQ(gicv3_icc_read(gic, 0, ICC_RPR_EL1), 0xff);
    CHECK_EQ(rd(0, redist(0) + SGI + GICD_ISACTIVER), 1u << 27);
    gicv3_icc_write(gic, 0, ICC_DIR_EL1, 27);
    CHECK_EQ(rd(0, redist(0) + SGI + GICD_ISACTIVER), 0);
    gicv3_icc_write(gic, 0, ICC_CTLR_EL1, 0);
    destroy();
}

static void test_v3_sgi_fiq(void)
{
    make(3, 20);
    wr(0, DIST + GICD_CTLR, 3);
    for (int c = 0; c < 20; c++) {
        v3_cpu_on(c);
        wr(c, redist(c) + SGI + GICD_IGROUPR, 0xffffffff);
        wr(c, redist(c) + SGI + GICD_ISENABLER, 0xffff);
    }
    /* ICC_SGI1R: INTID 3 to Aff1 = 1, TargetList bit 1 -> CPU 17 */
    gicv3_icc_write(gic, 0, ICC_SGI1R_EL1, 1ull << 16 | 3ull << 24 | 2);
    for (int c = 0; c < 20; c++) {
        CHECK_EQ(irq[c].level, c == 17);
    }
    CHECK_EQ(gicv3_icc_read(gic, 17, ICC_IAR1_EL1), 3);
    gicv3_icc_write(gic, 17, ICC_EOIR1_EL1, 3);
    /* TargetList bits 0 and 5 of cluster 0 */
    gicv3_icc_write(gic, 17, ICC_SGI1R_EL1, 9ull << 24 | 0x21);
    CHECK(irq[0].level && irq[5].level && !irq[1].level && !irq[16].level);
    CHECK_EQ(gicv3_icc_read(gic, 0, ICC_IAR1_EL1), 9);
    CHECK_EQ(gicv3_icc_read(gic, 5, ICC_IAR1_EL1), 9);
    gicv3_icc_write(gic, 0, ICC_EOIR1_EL1, 9);
    gicv3_icc_write(gic, 5, ICC_EOIR1_EL1, 9);
    /* IRM: everyone but the sender */
    gicv3_icc_write(gic, 4, ICC_SGI1R_EL1, 1ull << 40 | 1ull << 24);
    int n = 0;
    for (int c = 0; c < 20; c++) {
        n += irq[c].level;
    }
    CHECK_EQ(n, 19);
    CHECK_EQ(irq[4].level, 0);
    /* group 0 SPI: FIQ, acknowledged through IAR0 */
    IRQLine l50 = gic_spi(gic, 18);
    wr8(0, DIST + GICD_IPRIORITYR + 50, 0x10);
    address_space_write(as, DIST + GICD_IROUTER + 8 * 50, 8, 4,
                        MEMTXATTRS_DMA);
    wr(0, DIST + GICD_ISENABLER + 4, 1u << 18);
    irq_raise(&l50);
    CHECK_EQ(fiq[4].level, 1);
    CHECK_EQ(gicv3_icc_read(gic, 4, ICC_IAR1_EL1), 1023);
    CHECK_EQ(gicv3_icc_read(gic, 4, ICC_IAR0_EL1), 50);
    CHECK_EQ(fiq[4].level, 0);
    gicv3_icc_write(gic, 4, ICC_IGRPEN0_EL1, 0);
    gicv3_icc_write(gic, 4, ICC_EOIR0_EL1, 50);
    CHECK_EQ(fiq[4].level, 0);       /* group 0 disabled on CPU 4 */
    destroy();
}

int main(void)
{
    test_v2_basics();
    test_v2_sgi_fiq();
    test_v3_regs();
    test_v3_flows();
    test_v3_sgi_fiq();
    return check_summary();
}
