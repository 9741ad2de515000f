/* SPDX-License-Identifier: MIT */
/*
 * GICv3 CPU interface: the ICC_*_EL1 system registers (IHI 0069, 12.2),
 * reached by the CPU side's MRS/MSR handling through gicv3_icc_read and
 * gicv3_icc_write.  One security state (DS = 1), 5 priority bits, 16-bit
 * INTID field width, no extended ranges.
 */
#include "gic-internal.h"

typedef struct ICCRegInfo {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;
    bool rd, wr;
} ICCRegInfo;

static const ICCRegInfo icc_regs[ICC_NUM_REGS] = {
    [ICC_PMR_EL1] = { "ICC_PMR_EL1", 3, 0, 4, 6, 0, true, true },
    [ICC_IAR0_EL1] = { "ICC_IAR0_EL1", 3, 0, 12, 8, 0, true, false },
    [ICC_EOIR0_EL1] = { "ICC_EOIR0_EL1", 3, 0, 12, 8, 1, false, true },
    [ICC_HPPIR0_EL1] = { "ICC_HPPIR0_EL1", 3, 0, 12, 8, 2, true, false },
    [ICC_BPR0_EL1] = { "ICC_BPR0_EL1", 3, 0, 12, 8, 3, true, true },
    [ICC_AP0R0_EL1] = { "ICC_AP0R0_EL1", 3, 0, 12, 8, 4, true, true },
    [ICC_AP0R1_EL1] = { "ICC_AP0R1_EL1", 3, 0, 12, 8, 5, true, true },
    [ICC_AP0R2_EL1] = { "ICC_AP0R2_EL1", 3, 0, 12, 8, 6, true, true },
    [ICC_AP0R3_EL1] = { "ICC_AP0R3_EL1", 3, 0, 12, 8, 7, true, true },
    [ICC_AP1R0_EL1] = { "ICC_AP1R0_EL1", 3, 0, 12, 9, 0, true, true },
    [ICC_AP1R1_EL1] = { "ICC_AP1R1_EL1", 3, 0, 12, 9, 1, true, true },
    [ICC_AP1R2_EL1] = { "ICC_AP1R2_EL1", 3, 0, 12, 9, 2, true, true },
    [ICC_AP1R3_EL1] = { "ICC_AP1R3_EL1", 3, 0, 12, 9, 3, true, true },
    [ICC_DIR_EL1] = { "ICC_DIR_EL1", 3, 0, 12, 11, 1, false, true },
    [ICC_RPR_EL1] = { "ICC_RPR_EL1", 3, 0, 12, 11, 3, true, false },
    [ICC_SGI1R_EL1] = { "ICC_SGI1R_EL1", 3, 0, 12, 11, 5, false, true },
    [ICC_ASGI1R_EL1] = { "ICC_ASGI1R_EL1", 3, 0, 12, 11, 6, false, true },
    [ICC_SGI0R_EL1] = { "ICC_SGI0R_EL1", 3, 0, 12, 11, 7, false, true },
    [ICC_IAR1_EL1] = { "ICC_IAR1_EL1", 3, 0, 12, 12, 0, true, false },
    [ICC_EOIR1_EL1] = { "ICC_EOIR1_EL1", 3, 0, 12, 12, 1, false, true },
    [ICC_HPPIR1_EL1] = { "ICC_HPPIR1_EL1", 3, 0, 12, 12, 2, true, false },
    [ICC_BPR1_EL1] = { "ICC_BPR1_EL1", 3, 0, 12, 12, 3, true, true },
    [ICC_CTLR_EL1] = { "ICC_CTLR_EL1", 3, 0, 12, 12, 4, true, true },
    [ICC_SRE_EL1] = { "ICC_SRE_EL1", 3, 0, 12, 12, 5, true, true },
    [ICC_IGRPEN0_EL1] = { "ICC_IGRPEN0_EL1", 3, 0, 12, 12, 6, true, true },
    [ICC_IGRPEN1_EL1] = { "ICC_IGRPEN1_EL1", 3, 0, 12, 12, 7, true, true },
};

GICv3ICCReg gicv3_icc_lookup(int op0, int op1, int crn, int crm, int op2)
{
    for (int i = 0; i < ICC_NUM_REGS; i++) {
        const ICCRegInfo *r = &icc_regs[i];
        if (r->op0 == op0 && r->op1 == op1 && r->crn == crn &&
            r->crm == crm && r->op2 == op2) {
            return (GICv3ICCReg)i;
        }
    }
    return ICC_NONE;
}

const char *gicv3_icc_name(GICv3ICCReg reg)
{
    return reg >= 0 && reg < ICC_NUM_REGS ? icc_regs[reg].name : "?";
}

bool gicv3_icc_readable(GICv3ICCReg reg)
{
    return reg >= 0 && reg < ICC_NUM_REGS && icc_regs[reg].rd;
}

bool gicv3_icc_writable(GICv3ICCReg reg)
{
    return reg >= 0 && reg < ICC_NUM_REGS && icc_regs[reg].wr;
}

/* ICC_CTLR_EL1 read-only fields: PRIbits = 4 (5 bits), IDbits = 0 (16
 * bits), SEIS = 0, A3V = 0 (every CPU of the board has Aff3 = 0) */
#define ICC_CTLR_RO (4u << 8)
#define ICC_CTLR_RW (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE)

/* ICC_SGI1R_EL1 (12.2.21): the targets are the CPUs in the named
 * Aff3.Aff2.Aff1 cluster whose Aff0 is RS*16 + a TargetList bit, or every
 * CPU but the sender when IRM is set. */
static void icc_generate_sgi(GICState *s, int cpu, uint64_t v)
{
    int intid = (int)((v >> 24) & 0xf);
    bool irm = (v >> 40) & 1;
    uint64_t cluster = ((v >> 16) & 0xff) << 8 | ((v >> 32) & 0xff) << 16 |
                       ((v >> 48) & 0xffull) << 32;
    int rs = (int)((v >> 44) & 0xf);
    uint32_t list = (uint32_t)(v & 0xffff);
    for (int t = 0; t < s->num_cpus; t++) {
        uint64_t m = s->cpu[t].mpidr;
        if (irm) {
            if (t != cpu) {
                gic_pend_sgi(s, t, intid, cpu);
            }
            continue;
        }
        uint64_t tcluster = m & 0xff00ffff00ull;
        int aff0 = (int)(m & 0xff);
        if (tcluster == cluster && aff0 / 16 == rs &&
            ((list >> (aff0 % 16)) & 1)) {
            gic_pend_sgi(s, t, intid, cpu);
        }
    }
}

uint64_t gicv3_icc_read(GICState *s, int cpu, GICv3ICCReg reg)
{
    if (s->version != 3 || cpu < 0 || cpu >= s->num_cpus) {
        return 0;
    }
    GICCpu *c = &s->cpu[cpu];
    int rp;
    switch (reg) {
    case ICC_PMR_EL1:
        return c->pmr;
    case ICC_IAR0_EL1:
        return (uint64_t)gic_acknowledge(s, cpu, 0);
    case ICC_IAR1_EL1:
        return (uint64_t)gic_acknowledge(s, cpu, 1);
    case ICC_HPPIR0_EL1:
        return (uint64_t)gic_highest_pending(s, cpu, 0);
    case ICC_HPPIR1_EL1:
        return (uint64_t)gic_highest_pending(s, cpu, 1);
    case ICC_BPR0_EL1:
        return c->bpr0;
    case ICC_BPR1_EL1:
        return (c->ctlr & ICC_CTLR_CBPR) ? (c->bpr0 + 1 > 7 ? 7 : c->bpr0 + 1)
                                         : c->bpr1;
    case ICC_AP0R0_EL1:
        return c->apr0;
    case ICC_AP1R0_EL1:
        return c->apr1;
    case ICC_RPR_EL1:
        rp = gic_running_priority(s, cpu);
        return rp == GIC_IDLE_PRIO ? 0xff : (uint64_t)rp;
    case ICC_CTLR_EL1:
        return (c->ctlr & ICC_CTLR_RW) | ICC_CTLR_RO;
    case ICC_SRE_EL1:
        return 7;   /* SRE, DFB, DIB: system registers only */
    case ICC_IGRPEN0_EL1:
        return c->igrpen0;
    case ICC_IGRPEN1_EL1:
        return c->igrpen1;
    default:
        return 0;   /* AP0R1..3, AP1R1..3 (unused with 5 bits), write-only */
    }
}

static uint32_t clamp_bpr(uint64_t v, uint32_t min)
{
    uint32_t b = (uint32_t)(v & 7);
    return b < min ? min : b;
}

void gicv3_icc_write(GICState *s, int cpu, GICv3ICCReg reg, uint64_t v)
{
    if (s->version != 3 || cpu < 0 || cpu >= s->num_cpus) {
        return;
    }
    GICCpu *c = &s->cpu[cpu];
    switch (reg) {
    case ICC_PMR_EL1:
        c->pmr = (uint32_t)v & GIC_PRIO_MASK;
        break;
    case ICC_EOIR0_EL1:
    case ICC_EOIR1_EL1:
        gic_end_of_interrupt(s, cpu, (int)(v & 0xffffff),
                             reg == ICC_EOIR1_EL1);
        return;
    case ICC_DIR_EL1:
        gic_deactivate(s, cpu, (int)(v & 0xffffff));
        return;
    case ICC_BPR0_EL1:
        c->bpr0 = clamp_bpr(v, 2);
        break;
    case ICC_BPR1_EL1:
        if (!(c->ctlr & ICC_CTLR_CBPR)) {
            c->bpr1 = clamp_bpr(v, 3);
        }
        break;
    case ICC_AP0R0_EL1:
        c->apr0 = (uint32_t)v;
        break;
    case ICC_AP1R0_EL1:
        c->apr1 = (uint32_t)v;
        break;
    case ICC_SGI0R_EL1:
    case ICC_SGI1R_EL1:
    case ICC_ASGI1R_EL1:
        icc_generate_sgi(s, cpu, v);
        return;
    case ICC_CTLR_EL1:
        c->ctlr = (uint32_t)v & ICC_CTLR_RW;
        break;
    case ICC_IGRPEN0_EL1:
        c->igrpen0 = v & 1;
        break;
    case ICC_IGRPEN1_EL1:
        c->igrpen1 = v & 1;
        break;
    default:
        return;
    }
    gic_update(s);
}
