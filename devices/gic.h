/* SPDX-License-Identifier: MIT */
/*
 * Arm Generic Interrupt Controller, version 2 or 3 (Arm IHI 0048B GICv2,
 * Arm IHI 0069 GICv3), without the Security Extensions: one security
 * state, as a guest running at non-secure EL1 sees it (GICv3: GICD_CTLR.DS
 * reads 1).  No LPIs/ITS, no virtualization (GICH/GICV, ICH_*).
 *
 *  GICv2: distributor (GICD) and CPU interface (GICC) are MMIO; registers
 *         banked per CPU are chosen by the requester of the access
 *         (MemTxAttrs.requester).
 *  GICv3: distributor (GICD) and one redistributor (GICR, two 64 KB frames)
 *         per CPU are MMIO, affinity routing always on (ARE = 1); the CPU
 *         interface is the ICC_* system registers, which the CPU side
 *         forwards to gicv3_icc_read/gicv3_icc_write.
 *
 * Inputs: SPIs (INTID 32..) through gic_spi lines, PPIs (INTID 16..31) per
 * CPU through gic_ppi lines.  Outputs: per CPU an IRQ and an FIQ line the
 * CPU side connects with gic_connect_cpu; they are levels ("an interrupt
 * of sufficient priority is pending for this CPU").  Group 1 signals IRQ;
 * group 0 signals FIQ on GICv3 and on GICv2 when GICC_CTLR.FIQEn is set.
 *
 * Priorities have 5 bits (32 levels, the low 3 bits read as zero).
 */
#ifndef DEVICES_GIC_H
#define DEVICES_GIC_H

#include <stdbool.h>
#include <stdint.h>
#include "system/irq.h"
#include "system/memory.h"

typedef struct GICState GICState;

#define GIC_NR_SGI 16
#define GIC_INTERNAL 32         /* SGIs + PPIs */
#define GIC_MAX_IRQS 1020       /* INTIDs 1020..1023 are special */
#define GICV2_MAX_CPUS 8
#define GICV3_MAX_CPUS 256
#define GIC_SPURIOUS 1023

#define GICV2_DIST_SIZE 0x10000
#define GICV2_CPU_SIZE 0x10000
#define GICV3_DIST_SIZE 0x10000
#define GICV3_REDIST_SIZE 0x20000   /* per CPU: RD_base + SGI_base frames */

typedef struct GICConfig {
    int version;                /* 2 or 3 */
    int num_cpus;
    int num_irqs;               /* total INTIDs incl. the 32 internal ones,
                                   a multiple of 32 */
    uint64_t dist_base;
    uint64_t cpu_base;          /* v2: GICC */
    uint64_t redist_base;       /* v3: GICR of CPU 0; CPU n follows at
                                   n * GICV3_REDIST_SIZE */
    /* v3: affinity of each CPU as MPIDR_EL1 Aff3..Aff0 (bits 39:32, 23:0) */
    const uint64_t *mpidr;
} GICConfig;

/* Maps the registers into as.  NULL (with a message) on a bad config. */
GICState *gic_create(AddressSpace *as, const GICConfig *cfg);
void gic_free(GICState *s);
void gic_reset(GICState *s);
int gic_version(const GICState *s);

/* Input lines.  spi counts from 0 (INTID 32 + spi); ppi from 0 (INTID
 * 16 + ppi), e.g. the virtual timer is ppi 11 (INTID 27). */
IRQLine gic_spi(GICState *s, int spi);
IRQLine gic_ppi(GICState *s, int cpu, int ppi);

/* The CPU side's interrupt inputs for one CPU. */
void gic_connect_cpu(GICState *s, int cpu, IRQLine irq, IRQLine fiq);

/* The interrupt-controller node ("arm,cortex-a15-gic" or "arm,gic-v3")
 * under the root, with the given phandle.  Returns the node offset or a
 * negative libfdt error. */
int gic_fdt_add(GICState *s, void *fdt, uint32_t phandle);

/* ---- GICv3 CPU interface: the ICC_*_EL1 system registers ---- */

typedef enum GICv3ICCReg {
    ICC_PMR_EL1,
    ICC_IAR0_EL1, ICC_EOIR0_EL1, ICC_HPPIR0_EL1, ICC_BPR0_EL1,
    ICC_AP0R0_EL1, ICC_AP0R1_EL1, ICC_AP0R2_EL1, ICC_AP0R3_EL1,
    ICC_AP1R0_EL1, ICC_AP1R1_EL1, ICC_AP1R2_EL1, ICC_AP1R3_EL1,
    ICC_DIR_EL1, ICC_RPR_EL1, ICC_SGI1R_EL1, ICC_ASGI1R_EL1, ICC_SGI0R_EL1,
    ICC_IAR1_EL1, ICC_EOIR1_EL1, ICC_HPPIR1_EL1, ICC_BPR1_EL1,
    ICC_CTLR_EL1, ICC_SRE_EL1, ICC_IGRPEN0_EL1, ICC_IGRPEN1_EL1,
    ICC_NUM_REGS,
    ICC_NONE = -1,
} GICv3ICCReg;

/* The register an MRS/MSR encoding names, or ICC_NONE. */
GICv3ICCReg gicv3_icc_lookup(int op0, int op1, int crn, int crm, int op2);
const char *gicv3_icc_name(GICv3ICCReg reg);
/* Whether the register may be read / written (e.g. IAR is read-only,
 * EOIR and SGI1R write-only); the CPU side UNDEFs other directions. */
bool gicv3_icc_readable(GICv3ICCReg reg);
bool gicv3_icc_writable(GICv3ICCReg reg);
/* Access from CPU cpu.  Only valid on a GICv3. */
uint64_t gicv3_icc_read(GICState *s, int cpu, GICv3ICCReg reg);
void gicv3_icc_write(GICState *s, int cpu, GICv3ICCReg reg, uint64_t value);

#endif
