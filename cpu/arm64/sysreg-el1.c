/* SPDX-License-Identifier: MIT */
/*
 * System registers in system mode (Arm ARM D23, "AArch64 System Register
 * Descriptions"): the registers Linux uses at EL1, the ones EL0 may reach
 * and the conditions (SCTLR_EL1.UCT/UMA, CNTKCTL_EL1) under which an EL0
 * access is trapped to EL1 instead, the ID space of the -cpu model, the
 * debug registers Linux resets, the generic timer and the GICv3 CPU
 * interface (forwarded to the board).  translate-system.c asks
 * a64_sysreg_lookup_sys at translation time; registers with side effects
 * go through helper_sysreg_read/write with the encoding as key.
 * Registers of features not advertised (PMU, RAS, LOR, MTE, SVE, PAuth)
 * are UNDEF.
 */
#include <stdio.h>
#include "sysreg.h"
#include "sys.h"
#include "cpu-features.h"
#include "tcg/exec.h"

#define K(op0, op1, crn, crm, op2) ARM_SYSREG_KEY(op0, op1, crn, crm, op2)
#define ENV(field) offsetof(CPUARMState, field)

enum { ACC_R0 = 1, ACC_W0 = 2, ACC_R1 = 4, ACC_W1 = 8 };
#define ACC_RW1 (ACC_R1 | ACC_W1)
#define ACC_RW  (ACC_R0 | ACC_W0 | ACC_RW1)

typedef struct SysRegDef {
    const char *name;
    uint32_t key;
    uint8_t kind;        /* ArmSysRegKind */
    uint8_t acc;         /* ACC_* */
    uint32_t el0_need;   /* A64F_* bit an EL0 access needs, else trapped */
    bool end_block;      /* a write changes the TB flags or the TLB */
    bool fp;             /* traps while FP/SIMD is disabled */
    int8_t feature;
    size_t offset;       /* SR_ENV64 */
    uint64_t value;      /* SR_CONST */
    const TCGHelperInfo *readfn, *writefn;
} SysRegDef;

#define E64(n, k, a, field) \
    { .name = n, .key = k, .kind = SR_ENV64, .acc = a, .feature = -1, \
      .offset = ENV(field) }
#define SYSR(n, k, a, need, endb) \
    { .name = n, .key = k, .kind = SR_SYS, .acc = a, .el0_need = need, \
      .end_block = endb, .feature = -1 }
#define CONST(n, k, a, need, v) \
    { .name = n, .key = k, .kind = SR_CONST, .acc = a, .el0_need = need, \
      .feature = -1, .value = v }
#define RAZWI(n, k) \
    { .name = n, .key = k, .kind = SR_RAZWI, .acc = ACC_RW1, .feature = -1 }

/* Cache geometry reported to CLIDR/CCSIDR: split 32K L1 I and D (64-byte
 * lines), unified 1M L2.  Nothing depends on it but Linux's cacheinfo. */
#define ARM_CLIDR 0x0a200023ull

static const SysRegDef sysregs[] = {
    /* PSTATE */
    { .name = "NZCV", .key = K(3, 3, 4, 2, 0), .kind = SR_NZCV,
      .acc = ACC_RW, .feature = -1 },
    SYSR("DAIF", K(3, 3, 4, 2, 1), ACC_RW, A64F_UMA, true),
    SYSR("SPSel", K(3, 0, 4, 2, 0), ACC_RW1, 0, true),
    { .name = "PAN", .key = K(3, 0, 4, 2, 3), .kind = SR_SYS,
      .acc = ACC_RW1, .end_block = true, .feature = ARM_FEAT_PAN },
    E64("SPSR_EL1", K(3, 0, 4, 0, 0), ACC_RW1, sys.spsr_el1),
    E64("ELR_EL1", K(3, 0, 4, 0, 1), ACC_RW1, sys.elr_el1),
    E64("SP_EL0", K(3, 0, 4, 1, 0), ACC_RW1, sys.sp_el[0]),
    { .name = "FPCR", .key = K(3, 3, 4, 4, 0), .kind = SR_HELPER,
      .acc = ACC_RW, .fp = true, .end_block = true, .feature = ARM_FEAT_FP,
      .readfn = &helper_info_get_fpcr, .writefn = &helper_info_set_fpcr },
    { .name = "FPSR", .key = K(3, 3, 4, 4, 1), .kind = SR_HELPER,
      .acc = ACC_RW, .fp = true, .feature = ARM_FEAT_FP,
      .readfn = &helper_info_get_fpsr, .writefn = &helper_info_set_fpsr },
    /* identification */
    E64("MIDR_EL1", K(3, 0, 0, 0, 0), ACC_R1, sys.midr),
    E64("MPIDR_EL1", K(3, 0, 0, 0, 5), ACC_R1, sys.mpidr),
    E64("REVIDR_EL1", K(3, 0, 0, 0, 6), ACC_R1, sys.revidr),
    CONST("CLIDR_EL1", K(3, 1, 0, 0, 1), ACC_R1, 0, ARM_CLIDR),
    SYSR("CCSIDR_EL1", K(3, 1, 0, 0, 0), ACC_R1, 0, false),
    CONST("AIDR_EL1", K(3, 1, 0, 0, 7), ACC_R1, 0, 0),
    E64("CSSELR_EL1", K(3, 2, 0, 0, 0), ACC_RW1, sys.csselr_el1),
    CONST("CTR_EL0", K(3, 3, 0, 0, 1), ACC_R0 | ACC_R1, A64F_UCT,
          ARM_CTR_EL0),
    /* memory system */
    SYSR("SCTLR_EL1", K(3, 0, 1, 0, 0), ACC_RW1, 0, true),
    E64("ACTLR_EL1", K(3, 0, 1, 0, 1), ACC_RW1, sys.actlr_el1),
    SYSR("CPACR_EL1", K(3, 0, 1, 0, 2), ACC_RW1, 0, true),
    SYSR("TTBR0_EL1", K(3, 0, 2, 0, 0), ACC_RW1, 0, true),
    SYSR("TTBR1_EL1", K(3, 0, 2, 0, 1), ACC_RW1, 0, true),
    SYSR("TCR_EL1", K(3, 0, 2, 0, 2), ACC_RW1, 0, true),
    E64("AFSR0_EL1", K(3, 0, 5, 1, 0), ACC_RW1, sys.afsr0_el1),
    E64("AFSR1_EL1", K(3, 0, 5, 1, 1), ACC_RW1, sys.afsr1_el1),
    E64("ESR_EL1", K(3, 0, 5, 2, 0), ACC_RW1, sys.esr_el1),
    E64("FAR_EL1", K(3, 0, 6, 0, 0), ACC_RW1, sys.far_el1),
    E64("PAR_EL1", K(3, 0, 7, 4, 0), ACC_RW1, sys.par_el1),
    E64("MAIR_EL1", K(3, 0, 10, 2, 0), ACC_RW1, sys.mair_el1),
    E64("AMAIR_EL1", K(3, 0, 10, 3, 0), ACC_RW1, sys.amair_el1),
    E64("VBAR_EL1", K(3, 0, 12, 0, 0), ACC_RW1, sys.vbar_el1),
    SYSR("ISR_EL1", K(3, 0, 12, 1, 0), ACC_R1, 0, false),
    E64("CONTEXTIDR_EL1", K(3, 0, 13, 0, 1), ACC_RW1, sys.contextidr_el1),
    E64("TPIDR_EL1", K(3, 0, 13, 0, 4), ACC_RW1, sys.tpidr_el1),
    E64("TPIDR_EL0", K(3, 3, 13, 0, 2), ACC_RW, tpidr_el0),
    E64("TPIDRRO_EL0", K(3, 3, 13, 0, 3), ACC_R0 | ACC_RW1, tpidrro_el0),
    /* generic timer */
    SYSR("CNTKCTL_EL1", K(3, 0, 14, 1, 0), ACC_RW1, 0, true),
    CONST("CNTFRQ_EL0", K(3, 3, 14, 0, 0), ACC_R0 | ACC_R1,
          A64F_EL0PCT | A64F_EL0VCT, ARM_CNTFRQ),
    SYSR("CNTPCT_EL0", K(3, 3, 14, 0, 1), ACC_R0 | ACC_R1, A64F_EL0PCT,
         false),
    SYSR("CNTVCT_EL0", K(3, 3, 14, 0, 2), ACC_R0 | ACC_R1, A64F_EL0VCT,
         false),
    { .name = "CNTPCTSS_EL0", .key = K(3, 3, 14, 0, 5), .kind = SR_SYS,
      .acc = ACC_R0 | ACC_R1, .el0_need = A64F_EL0PCT,
      .feature = ARM_FEAT_ECV },
    { .name = "CNTVCTSS_EL0", .key = K(3, 3, 14, 0, 6), .kind = SR_SYS,
      .acc = ACC_R0 | ACC_R1, .el0_need = A64F_EL0VCT,
      .feature = ARM_FEAT_ECV },
    SYSR("CNTP_TVAL_EL0", K(3, 3, 14, 2, 0), ACC_RW, A64F_EL0PT, false),
    SYSR("CNTP_CTL_EL0", K(3, 3, 14, 2, 1), ACC_RW, A64F_EL0PT, false),
    SYSR("CNTP_CVAL_EL0", K(3, 3, 14, 2, 2), ACC_RW, A64F_EL0PT, false),
    SYSR("CNTV_TVAL_EL0", K(3, 3, 14, 3, 0), ACC_RW, A64F_EL0VT, false),
    SYSR("CNTV_CTL_EL0", K(3, 3, 14, 3, 1), ACC_RW, A64F_EL0VT, false),
    SYSR("CNTV_CVAL_EL0", K(3, 3, 14, 3, 2), ACC_RW, A64F_EL0VT, false),
    /* debug: storage, except the software-step controls */
    E64("MDCCINT_EL1", K(2, 0, 0, 2, 0), ACC_RW1, sys.mdccint_el1),
    SYSR("MDSCR_EL1", K(2, 0, 0, 2, 2), ACC_RW1, 0, true),
    RAZWI("OSDTRRX_EL1", K(2, 0, 0, 0, 2)),
    RAZWI("OSDTRTX_EL1", K(2, 0, 0, 3, 2)),
    RAZWI("OSECCR_EL1", K(2, 0, 0, 6, 2)),
    CONST("MDRAR_EL1", K(2, 0, 1, 0, 0), ACC_R1, 0, 0),
    SYSR("OSLAR_EL1", K(2, 0, 1, 0, 4), ACC_W1, 0, true),
    E64("OSLSR_EL1", K(2, 0, 1, 1, 4), ACC_R1, sys.oslsr_el1),
    E64("OSDLR_EL1", K(2, 0, 1, 3, 4), ACC_RW1, sys.osdlr_el1),
    RAZWI("DBGPRCR_EL1", K(2, 0, 1, 4, 4)),
    SYSR("DBGCLAIMSET_EL1", K(2, 0, 7, 8, 6), ACC_RW1, 0, false),
    SYSR("DBGCLAIMCLR_EL1", K(2, 0, 7, 9, 6), ACC_RW1, 0, false),
    CONST("DBGAUTHSTATUS_EL1", K(2, 0, 7, 14, 6), ACC_R1, 0, 0),
    CONST("MDCCSR_EL0", K(2, 3, 0, 1, 0), ACC_R1, 0, 0),
};

/* ISS of a trapped MSR/MRS or SYS (Arm ARM D23.2.41, EC 0x18). */
static uint32_t sysreg_trap_esr(int op0, int op1, int crn, int crm, int op2,
                                int rt, bool read)
{
    uint32_t iss = (uint32_t)op0 << 20 | (uint32_t)op2 << 17 |
                   (uint32_t)op1 << 14 | (uint32_t)crn << 10 |
                   (uint32_t)rt << 5 | (uint32_t)crm << 1 | (read ? 1 : 0);
    return esr_make(EC_SYSREG, iss);
}

/* The ID space (op0=3 op1=0 CRn=0): MIDR, MPIDR, REVIDR at CRm 0, the
 * AArch32 registers (CRm 1..3) RAZ -- there is no AArch32 -- and the
 * AArch64 ones from the model; unallocated ones read as zero. */
static bool sysreg_id(const CPUARMState *env, int crm, int op2,
                      SysRegDef *d)
{
    if (crm == 0) {
        static const SysRegDef ids[] = {
            E64("MIDR_EL1", 0, ACC_R1, sys.midr),
            E64("MPIDR_EL1", 0, ACC_R1, sys.mpidr),
            E64("REVIDR_EL1", 0, ACC_R1, sys.revidr),
        };
        int i = op2 == 0 ? 0 : op2 == 5 ? 1 : op2 == 6 ? 2 : -1;
        if (i < 0) {
            return false;
        }
        *d = ids[i];
        return true;
    }
    ArmIdReg r = arm_idreg_find(crm, op2);
    bool gicv3 = env->sys.board && env->sys.board->icc_read;
    *d = (SysRegDef)CONST("ID register", 0, ACC_R1, 0,
                          r == ARM_ID_NONE || crm < 4 ? 0 :
                          arm_idreg_value_sys(env, r, gicv3));
    return true;
}

/* DBGBVR<n>/DBGBCR<n>/DBGWVR<n>/DBGWCR<n>_EL1: op0=2 op1=0 CRn=0 CRm=n
 * op2=4..7. */
static bool sysreg_dbg(int crm, int op2, SysRegDef *d)
{
    static const char *const names[4] = { "DBGBVR_EL1", "DBGBCR_EL1",
                                          "DBGWVR_EL1", "DBGWCR_EL1" };
    const size_t base[4] = { ENV(sys.dbgbvr), ENV(sys.dbgbcr),
                             ENV(sys.dbgwvr), ENV(sys.dbgwcr) };
    if (op2 < 4) {
        return false;
    }
    *d = (SysRegDef){ .name = names[op2 - 4], .kind = SR_ENV64,
                      .acc = ACC_RW1, .feature = -1,
                      .offset = base[op2 - 4] + 8 * (size_t)crm };
    return true;
}

/* The GICv3 CPU interface registers: ICC_PMR_EL1 and op1=0 CRn=12
 * CRm=8..12 (Arm GIC architecture specification, 12.2). */
static bool sysreg_icc(const CPUARMState *env, int op0, int op1, int crn,
                       int crm, SysRegDef *d)
{
    const ARMBoard *b = env->sys.board;
    bool pmr = crn == 4 && crm == 6;
    if (!b || !b->icc_read || op0 != 3 || op1 != 0 ||
        !(pmr || (crn == 12 && crm >= 8 && crm <= 12))) {
        return false;
    }
    *d = (SysRegDef)SYSR("ICC register", 0, ACC_RW1, 0, false);
    return true;
}

static bool sysreg_find(const CPUARMState *env, uint32_t flags, int op0,
                        int op1, int crn, int crm, int op2, SysRegDef *d)
{
    uint32_t key = K(op0, op1, crn, crm, op2);
    if (op0 == 3 && op1 == 0 && crn == 0) {
        return sysreg_id(env, crm, op2, d);
    }
    if (op0 == 2 && op1 == 0 && crn == 0 && sysreg_dbg(crm, op2, d)) {
        return true;
    }
    if (sysreg_icc(env, op0, op1, crn, crm, d)) {
        d->key = key;
        return true;
    }
    if (key == K(3, 0, 4, 2, 2)) {  /* CurrentEL */
        *d = (SysRegDef)CONST("CurrentEL", key, ACC_R1, 0,
                              (uint64_t)a64f_el(flags) << 2);
        return true;
    }
    if (key == K(3, 3, 0, 0, 7)) {  /* DCZID_EL0: DZP when EL0 may not */
        bool dzp = a64f_el(flags) == 0 && !(flags & A64F_DZE);
        *d = (SysRegDef)CONST("DCZID_EL0", key, ACC_R0 | ACC_R1, 0,
                              ARM_DCZID_EL0 | (dzp ? 0x10 : 0));
        return true;
    }
    for (size_t i = 0; i < sizeof(sysregs) / sizeof(sysregs[0]); i++) {
        if (sysregs[i].key == key) {
            *d = sysregs[i];
            return d->feature < 0 ||
                   arm_feature(env, (ArmFeature)d->feature);
        }
    }
    return false;
}

const ArmSysReg *a64_sysreg_lookup_sys(const CPUARMState *env,
                                       uint32_t flags, int op0, int op1,
                                       int crn, int crm, int op2, bool write,
                                       int rt, ArmSysReg *tmp)
{
    SysRegDef d;
    if (!sysreg_find(env, flags, op0, op1, crn, crm, op2, &d)) {
        return NULL;
    }
    d.key = K(op0, op1, crn, crm, op2);
    bool el0 = a64f_el(flags) == 0;
    unsigned need = el0 ? (write ? ACC_W0 : ACC_R0)
                        : (write ? ACC_W1 : ACC_R1);
    if (!(d.acc & need)) {
        return NULL;
    }
    /* SP_EL0 is UNDEF while it is the SP in use */
    if (d.key == K(3, 0, 4, 1, 0) && !(flags & A64F_SPSEL)) {
        return NULL;
    }
    *tmp = (ArmSysReg){ .name = d.name, .op0 = (uint8_t)op0,
                        .op1 = (uint8_t)op1, .crn = (uint8_t)crn,
                        .crm = (uint8_t)crm, .op2 = (uint8_t)op2,
                        .kind = d.kind, .read = !write, .write = write,
                        .feature = -1, .end_block = d.end_block,
                        .offset = d.offset, .value = d.value,
                        .readfn = d.readfn, .writefn = d.writefn };
    if (el0 && d.el0_need && !(flags & d.el0_need)) {
        tmp->kind = SR_TRAP;
        tmp->value = sysreg_trap_esr(op0, op1, crn, crm, op2, rt, !write);
    } else if (d.fp && !(flags & A64F_FPEN)) {
        tmp->kind = SR_TRAP;
        tmp->value = esr_make(EC_FP_ACCESS, 0);
    } else if (d.kind == SR_SYS) {
        tmp->value = d.key;
    }
    return tmp;
}

/* ---- helpers for the SR_SYS registers ---- */

/* CCSIDR_EL1 of the cache CSSELR_EL1 selects (see ARM_CLIDR). */
static uint64_t read_ccsidr(const CPUARMState *env)
{
    switch (env->sys.csselr_el1 & 0xf) {
    case 0: return 127u << 13 | 3u << 3 | 2;   /* L1 D: 32K, 4-way */
    case 1: return 255u << 13 | 1u << 3 | 2;   /* L1 I: 32K, 2-way */
    case 2: return 1023u << 13 | 15u << 3 | 2; /* L2: 1M, 16-way */
    default: return 0;
    }
}

static uint64_t helper_sysreg_read(CPUARMState *env, uint64_t key)
{
    const ARMBoard *b = env->sys.board;
    switch (key) {
    case K(3, 3, 4, 2, 1): return env->sys.pstate & PSTATE_DAIF;
    case K(3, 0, 4, 2, 0): return env->sys.pstate & PSTATE_SP;
    case K(3, 0, 4, 2, 3): return env->sys.pstate & PSTATE_PAN;
    case K(3, 1, 0, 0, 0): return read_ccsidr(env);
    case K(3, 0, 1, 0, 0): return env->sys.sctlr_el1;
    case K(3, 0, 1, 0, 2): return env->sys.cpacr_el1;
    case K(3, 0, 2, 0, 0): return env->sys.ttbr0_el1;
    case K(3, 0, 2, 0, 1): return env->sys.ttbr1_el1;
    case K(3, 0, 2, 0, 2): return env->sys.tcr_el1;
    case K(3, 0, 12, 1, 0):
        return (env->sys.irq_line ? PSTATE_I : 0) |
               (env->sys.fiq_line ? PSTATE_F : 0);
    case K(3, 0, 14, 1, 0): return env->sys.cntkctl_el1;
    case K(3, 3, 14, 0, 1): case K(3, 3, 14, 0, 5): return a64_cntpct(env);
    case K(3, 3, 14, 0, 2): case K(3, 3, 14, 0, 6): return a64_cntvct(env);
    case K(3, 3, 14, 2, 0): return a64_timer_read_tval(env, ARM_TIMER_PHYS);
    case K(3, 3, 14, 2, 1): return a64_timer_read_ctl(env, ARM_TIMER_PHYS);
    case K(3, 3, 14, 2, 2): return env->sys.timer[ARM_TIMER_PHYS].cval;
    case K(3, 3, 14, 3, 0): return a64_timer_read_tval(env, ARM_TIMER_VIRT);
    case K(3, 3, 14, 3, 1): return a64_timer_read_ctl(env, ARM_TIMER_VIRT);
    case K(3, 3, 14, 3, 2): return env->sys.timer[ARM_TIMER_VIRT].cval;
    case K(2, 0, 0, 2, 2): return env->sys.mdscr_el1;
    case K(2, 0, 7, 8, 6): case K(2, 0, 7, 9, 6): return env->sys.dbgclaim;
    default: {
        uint64_t v = 0;
        if (b->icc_read &&
            b->icc_read(b->opaque, env->sys.cpu_index, (uint32_t)key, &v)) {
            return v;
        }
        /* an access direction the interrupt controller does not have */
        a64_raise_sync(env, esr_make(EC_UNCATEGORIZED, 0), 0, A64_GETPC());
    }
    }
}

/* TLB contents depend on these: a change flushes them. */
static void write_mmu_reg(CPUARMState *env, uint64_t *reg, uint64_t v)
{
    if (*reg != v) {
        *reg = v;
        a64_tlb_flush(env);
    }
    a64_rebuild_hflags(env);
}

static void write_daif(CPUARMState *env, uint64_t v)
{
    env->sys.pstate = (env->sys.pstate & ~PSTATE_DAIF) |
                      ((uint32_t)v & PSTATE_DAIF);
    a64_rebuild_hflags(env);
    if (a64_interrupt_deliverable(env)) {
        env->common.exit_request = 1;
    }
}

static void helper_sysreg_write(CPUARMState *env, uint64_t key, uint64_t v)
{
    ARMSysState *st = &env->sys;
    const ARMBoard *b = st->board;
    switch (key) {
    case K(3, 3, 4, 2, 1): write_daif(env, v); return;
    case K(3, 0, 4, 2, 0):
        a64_pstate_set(env, (a64_pstate_get(env) & ~PSTATE_SP) |
                            ((uint32_t)v & PSTATE_SP));
        return;
    case K(3, 0, 4, 2, 3):
        a64_pstate_set(env, (a64_pstate_get(env) & ~PSTATE_PAN) |
                            ((uint32_t)v & PSTATE_PAN));
        return;
    case K(3, 0, 1, 0, 0): write_mmu_reg(env, &st->sctlr_el1, v); return;
    case K(3, 0, 2, 0, 0): write_mmu_reg(env, &st->ttbr0_el1, v); return;
    case K(3, 0, 2, 0, 1): write_mmu_reg(env, &st->ttbr1_el1, v); return;
    case K(3, 0, 2, 0, 2): write_mmu_reg(env, &st->tcr_el1, v); return;
    case K(3, 0, 1, 0, 2): st->cpacr_el1 = v; break;
    case K(3, 0, 14, 1, 0): st->cntkctl_el1 = v; break;
    case K(2, 0, 0, 2, 2): st->mdscr_el1 = v; break;
    case K(2, 0, 1, 0, 4):  /* OSLAR_EL1.OSLK -> OSLSR_EL1.OSLK */
        st->oslsr_el1 = (st->oslsr_el1 & ~2ull) | (v & 1) << 1;
        break;
    case K(2, 0, 7, 8, 6): st->dbgclaim |= v & 0xff; return;
    case K(2, 0, 7, 9, 6): st->dbgclaim &= ~(v & 0xff); return;
    case K(3, 3, 14, 2, 0): a64_timer_write(env, ARM_TIMER_PHYS, 2, v); return;
    case K(3, 3, 14, 2, 1): a64_timer_write(env, ARM_TIMER_PHYS, 0, v); return;
    case K(3, 3, 14, 2, 2): a64_timer_write(env, ARM_TIMER_PHYS, 1, v); return;
    case K(3, 3, 14, 3, 0): a64_timer_write(env, ARM_TIMER_VIRT, 2, v); return;
    case K(3, 3, 14, 3, 1): a64_timer_write(env, ARM_TIMER_VIRT, 0, v); return;
    case K(3, 3, 14, 3, 2): a64_timer_write(env, ARM_TIMER_VIRT, 1, v); return;
    default:
        if (b->icc_write &&
            b->icc_write(b->opaque, st->cpu_index, (uint32_t)key, v)) {
            return;
        }
        a64_raise_sync(env, esr_make(EC_UNCATEGORIZED, 0), 0, A64_GETPC());
    }
    a64_rebuild_hflags(env);
}

const TCGHelperInfo helper_info_sysreg_read = TCG_HELPER_INFO(
    helper_sysreg_read, 0, true, 2, TCG_CALL_ARG_PTR, TCG_CALL_ARG_I64);
const TCGHelperInfo helper_info_sysreg_write = TCG_HELPER_INFO(
    helper_sysreg_write, 0, false, 3, TCG_CALL_ARG_PTR, TCG_CALL_ARG_I64,
    TCG_CALL_ARG_I64);
