/* SPDX-License-Identifier: MIT */
/*
 * The system register table (Arm ARM D23, "AArch64 System Register
 * Descriptions") for the registers EL0 code may touch, and the ID space
 * as Linux's MRS emulation answers it (Documentation/arch/arm64/
 * cpu-feature-registers.rst): op0=3 op1=0 CRn=0 with CRm 0 (MIDR, MPIDR,
 * REVIDR only) or CRm 2..7 (sanitised values; registers Linux does not
 * track read as 0).  Everything else is UNDEF (SIGILL), which is what an
 * EL0 access to an EL1 register, a PMU or timer register Linux keeps
 * private, or a register of a feature we do not advertise gives.
 */
#include "sysreg.h"
#include "cpu-features.h"

#define F(x) ARM_FEAT_##x
#define ENV(field) offsetof(CPUARMState, field)

static const ArmSysReg arm_sysregs[] = {
    { .name = "NZCV", .op0 = 3, .op1 = 3, .crn = 4, .crm = 2, .op2 = 0,
      .kind = SR_NZCV, .read = true, .write = true, .feature = -1 },
    { .name = "FPCR", .op0 = 3, .op1 = 3, .crn = 4, .crm = 4, .op2 = 0,
      .kind = SR_HELPER, .read = true, .write = true, .feature = F(FP),
      .end_block = true, .readfn = &helper_info_get_fpcr,
      .writefn = &helper_info_set_fpcr },
    { .name = "FPSR", .op0 = 3, .op1 = 3, .crn = 4, .crm = 4, .op2 = 1,
      .kind = SR_HELPER, .read = true, .write = true, .feature = F(FP),
      .readfn = &helper_info_get_fpsr, .writefn = &helper_info_set_fpsr },
    { .name = "TPIDR_EL0", .op0 = 3, .op1 = 3, .crn = 13, .crm = 0, .op2 = 2,
      .kind = SR_ENV64, .read = true, .write = true, .feature = -1,
      .offset = ENV(tpidr_el0) },
    /* read-only at EL0: the kernel's per-thread value */
    { .name = "TPIDRRO_EL0", .op0 = 3, .op1 = 3, .crn = 13, .crm = 0,
      .op2 = 3, .kind = SR_ENV64, .read = true, .feature = -1,
      .offset = ENV(tpidrro_el0) },
    { .name = "CTR_EL0", .op0 = 3, .op1 = 3, .crn = 0, .crm = 0, .op2 = 1,
      .kind = SR_CONST, .read = true, .feature = -1, .value = ARM_CTR_EL0 },
    { .name = "DCZID_EL0", .op0 = 3, .op1 = 3, .crn = 0, .crm = 0, .op2 = 7,
      .kind = SR_CONST, .read = true, .feature = -1,
      .value = ARM_DCZID_EL0 },
    { .name = "CNTFRQ_EL0", .op0 = 3, .op1 = 3, .crn = 14, .crm = 0,
      .op2 = 0, .kind = SR_CONST, .read = true, .feature = -1,
      .value = ARM_CNTFRQ },
    /* Linux lets EL0 read the virtual counter only (CNTKCTL_EL1.EL0VCTEN);
     * CNTPCT_EL0 and the timer registers trap to SIGILL. */
    { .name = "CNTVCT_EL0", .op0 = 3, .op1 = 3, .crn = 14, .crm = 0,
      .op2 = 2, .kind = SR_HELPER, .read = true, .feature = -1,
      .readfn = &helper_info_cntvct },
    { .name = "CNTVCTSS_EL0", .op0 = 3, .op1 = 3, .crn = 14, .crm = 0,
      .op2 = 6, .kind = SR_HELPER, .read = true, .feature = F(ECV),
      .readfn = &helper_info_cntvct },
};

/* The ID space: MIDR/MPIDR/REVIDR at CRm 0, the feature registers at
 * CRm 2..7 (AArch32 ones read 0: there is no AArch32 EL0). */
static const ArmSysReg *sysreg_id_space(const CPUARMState *env, int crm,
                                        int op2, ArmSysReg *tmp)
{
    *tmp = (ArmSysReg){ .name = "ID register", .op0 = 3, .crm = (uint8_t)crm,
                        .op2 = (uint8_t)op2, .kind = SR_CONST, .read = true,
                        .feature = -1 };
    if (crm == 0) {
        switch (op2) {
        case 0: tmp->name = "MIDR_EL1"; tmp->value = ARM_MIDR; return tmp;
        case 5: tmp->name = "MPIDR_EL1"; tmp->value = ARM_MPIDR_EL0;
            return tmp;
        case 6: tmp->name = "REVIDR_EL1"; tmp->value = 0; return tmp;
        default: return NULL;
        }
    }
    if (crm < 2 || crm > 7) {
        return NULL;
    }
    ArmIdReg r = arm_idreg_find(crm, op2);
    tmp->value = r == ARM_ID_NONE ? 0 : arm_idreg_value(env, r, true);
    return tmp;
}

const ArmSysReg *a64_sysreg_lookup(const CPUARMState *env, int op0, int op1,
                                   int crn, int crm, int op2,
                                   ArmSysReg *tmp)
{
    if (op0 == 3 && op1 == 0 && crn == 0) {
        return sysreg_id_space(env, crm, op2, tmp);
    }
    for (size_t i = 0; i < sizeof(arm_sysregs) / sizeof(arm_sysregs[0]);
         i++) {
        const ArmSysReg *r = &arm_sysregs[i];
        if (r->op0 == op0 && r->op1 == op1 && r->crn == crn &&
            r->crm == crm && r->op2 == op2) {
            if (r->feature >= 0 && !arm_feature(env, (ArmFeature)r->feature)) {
                return NULL;
            }
            return r;
        }
    }
    return NULL;
}
