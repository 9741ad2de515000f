/* SPDX-License-Identifier: MIT */
/*
 * The system registers MRS/MSR can reach, described as data: how each is
 * read and written, whether EL0 may, and which feature it needs.
 * translate-system.c turns a description into IR; sysreg.c holds the
 * table; helper-system.c the helpers some registers need.
 */
#ifndef CPU_ARM64_SYSREG_H
#define CPU_ARM64_SYSREG_H

#include <stddef.h>
#include "tcg/tcg-op.h"
#include "cpu.h"

typedef enum ArmSysRegKind {
    SR_CONST,    /* value known when translating */
    SR_ENV64,    /* a uint64_t field of CPUARMState at .offset */
    SR_NZCV,     /* PSTATE.NZCV, built from the flag globals */
    SR_HELPER,   /* .read / .write helpers (env[, value]) */
    /* system mode (sysreg-el1.c) */
    SR_SYS,      /* helper_sysreg_read/write(env, key[, value]), key in
                    .value */
    SR_RAZWI,    /* reads as zero, writes ignored */
    SR_TRAP,     /* the access traps to EL1: .value is the ESR */
} ArmSysRegKind;

typedef struct ArmSysReg {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;
    uint8_t kind;           /* ArmSysRegKind */
    bool read, write;       /* allowed at EL0 */
    int8_t feature;         /* ArmFeature needed, or -1 */
    bool end_block;         /* a write changes how later code translates */
    size_t offset;          /* SR_ENV64 */
    uint64_t value;         /* SR_CONST */
    const TCGHelperInfo *readfn, *writefn;
} ArmSysReg;

/* The register at this encoding as EL0 sees it under Linux, or NULL if
 * an access is UNDEF.  Registers computed on the fly (the ID space) are
 * built in *tmp, which the result may point to. */
const ArmSysReg *a64_sysreg_lookup(const CPUARMState *env, int op0, int op1,
                                   int crn, int crm, int op2,
                                   ArmSysReg *tmp);

/* System mode (sysreg-el1.c): the register at this encoding for an MRS
 * (write false) or MSR of Xrt from the state in tb_flags, or NULL if the
 * access is UNDEF.  The .read/.write of the result say which direction
 * the current EL may use; kind SR_TRAP means the access is trapped. */
const ArmSysReg *a64_sysreg_lookup_sys(const CPUARMState *env,
                                       uint32_t tb_flags, int op0, int op1,
                                       int crn, int crm, int op2, bool write,
                                       int rt, ArmSysReg *tmp);
extern const TCGHelperInfo helper_info_sysreg_read, helper_info_sysreg_write;

/* Helpers (helper-system.c). */
extern const TCGHelperInfo helper_info_get_fpcr, helper_info_set_fpcr;
extern const TCGHelperInfo helper_info_get_fpsr, helper_info_set_fpsr;
extern const TCGHelperInfo helper_info_cntvct;
extern const TCGHelperInfo helper_info_ic_ivau;

#endif
