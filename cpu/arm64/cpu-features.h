/* SPDX-License-Identifier: MIT */
/*
 * The CPU model: which architectural features mimic implements, in ONE
 * table.  From it come the ID register values (the full view for system
 * mode and the view Linux gives EL0 through its MRS emulation), the
 * AT_HWCAP/AT_HWCAP2 words, and the feature tests the translators make
 * before accepting an optional encoding.  To advertise a feature you have
 * implemented, set its "on" column to 1 -- nothing else needs editing.
 */
#ifndef CPU_ARM64_CPU_FEATURES_H
#define CPU_ARM64_CPU_FEATURES_H

#include <stdbool.h>
#include <stdint.h>
#include "cpu.h"

/* The AArch64 ID registers (Arm ARM D23.2), all at op0=3 op1=0 CRn=0. */
#define ARM_IDREGS(X) \
    X(PFR0, 4, 0) X(PFR1, 4, 1) X(PFR2, 4, 2) X(ZFR0, 4, 4) X(SMFR0, 4, 5) \
    X(DFR0, 5, 0) X(DFR1, 5, 1) X(AFR0, 5, 4) X(AFR1, 5, 5)                \
    X(ISAR0, 6, 0) X(ISAR1, 6, 1) X(ISAR2, 6, 2) X(ISAR3, 6, 3)            \
    X(MMFR0, 7, 0) X(MMFR1, 7, 1) X(MMFR2, 7, 2) X(MMFR3, 7, 3)            \
    X(MMFR4, 7, 4)

typedef enum ArmIdReg {
#define X(name, crm, op2) ARM_ID_##name,
    ARM_IDREGS(X)
#undef X
    ARM_ID_COUNT,
    ARM_ID_NONE = ARM_ID_COUNT, /* a feature with no ID field (CPUID) */
} ArmIdReg;

/*
 * The feature table.  Columns:
 *   name  FEAT_ name (ARM_FEAT_<name>)
 *   on    1 = implemented and advertised
 *   reg   ID_AA64<reg>_EL1 holding the feature's field (NONE: no field)
 *   sh    the field's lowest bit (fields are 4 bits wide)
 *   val   field value meaning "implemented"; features sharing a field
 *         (AES/PMULL, LSE levels, ...) give the field the highest enabled
 *   ni    field value when no feature of that field is on (0, or 0xf for
 *         the signed FP/AdvSIMD fields)
 *   el0   1 = Linux shows the field to EL0 (cpu-feature-registers.rst);
 *         hidden fields read as their "not implemented" value there
 *   hw    AT_HWCAP word (1 or 2; 0 = none) and bit of the Linux hwcap
 * Field positions and hwcap bits: Arm ARM D23.2 and Linux's
 * arch/arm64/include/uapi/asm/hwcap.h.
 */
#define ARM_FEATURES(X) \
/*    name      on  reg    sh  val  ni  el0  hw bit */                     \
    X(FP,        1, PFR0,  16,  0, 0xf, 1,   1,  0)                        \
    X(FP16,      0, PFR0,  16,  1, 0xf, 1,   1,  9)                        \
    X(ASIMD,     1, PFR0,  20,  0, 0xf, 1,   1,  1)                        \
    X(ASIMDHP,   0, PFR0,  20,  1, 0xf, 1,   1, 10)                        \
    X(SVE,       0, PFR0,  32,  1,  0,  1,   1, 22)                        \
    X(DIT,       0, PFR0,  48,  1,  0,  1,   1, 24)                        \
    X(BTI,       0, PFR1,   0,  1,  0,  1,   2, 17)                        \
    X(SSBS,      0, PFR1,   4,  2,  0,  1,   1, 28)                        \
    X(MTE,       0, PFR1,   8,  2,  0,  1,   2, 18)                        \
    X(AES,       0, ISAR0,  4,  1,  0,  1,   1,  3)                        \
    X(PMULL,     0, ISAR0,  4,  2,  0,  1,   1,  4)                        \
    X(SHA1,      0, ISAR0,  8,  1,  0,  1,   1,  5)                        \
    X(SHA256,    0, ISAR0, 12,  1,  0,  1,   1,  6)                        \
    X(SHA512,    0, ISAR0, 12,  2,  0,  1,   1, 21)                        \
    X(CRC32,     1, ISAR0, 16,  1,  0,  1,   1,  7)                        \
    X(LSE,       1, ISAR0, 20,  2,  0,  1,   1,  8)                        \
    X(RDM,       0, ISAR0, 28,  1,  0,  1,   1, 12)                        \
    X(SHA3,      0, ISAR0, 32,  1,  0,  1,   1, 17)                        \
    X(SM3,       0, ISAR0, 36,  1,  0,  1,   1, 18)                        \
    X(SM4,       0, ISAR0, 40,  1,  0,  1,   1, 19)                        \
    X(DOTPROD,   0, ISAR0, 44,  1,  0,  1,   1, 20)                        \
    X(FHM,       0, ISAR0, 48,  1,  0,  1,   1, 23)                        \
    X(FLAGM,     0, ISAR0, 52,  1,  0,  1,   1, 27)                        \
    X(FLAGM2,    0, ISAR0, 52,  2,  0,  1,   2,  7)                        \
    X(RNG,       0, ISAR0, 60,  1,  0,  1,   2, 16)                        \
    X(DPB,       1, ISAR1,  0,  1,  0,  1,   1, 16)                        \
    X(DPB2,      1, ISAR1,  0,  2,  0,  1,   2,  0)                        \
    X(PAUTH,     0, ISAR1,  8,  1,  0,  1,   1, 30)                        \
    X(PACG,      0, ISAR1, 28,  1,  0,  1,   1, 31)                        \
    X(JSCVT,     0, ISAR1, 12,  1,  0,  1,   1, 13)                        \
    X(FCMA,      0, ISAR1, 16,  1,  0,  1,   1, 14)                        \
    X(LRCPC,     1, ISAR1, 20,  1,  0,  1,   1, 15)                        \
    X(LRCPC2,    1, ISAR1, 20,  2,  0,  1,   1, 26)                        \
    X(FRINTTS,   0, ISAR1, 32,  1,  0,  1,   2,  8)                        \
    X(SB,        1, ISAR1, 36,  1,  0,  1,   1, 29)                        \
    X(BF16,      0, ISAR1, 44,  1,  0,  1,   2, 14)                        \
    X(DGH,       0, ISAR1, 48,  1,  0,  1,   2, 15)                        \
    X(I8MM,      0, ISAR1, 52,  1,  0,  1,   2, 13)                        \
    X(WFXT,      0, ISAR2,  0,  2,  0,  1,   2, 31)                        \
    X(MOPS,      0, ISAR2, 16,  1,  0,  1,   2, 43)                        \
    X(CSSC,      0, ISAR2, 52,  1,  0,  1,   2, 34)                        \
    X(ECV,       1, MMFR0, 60,  1,  0,  1,   2, 19)                        \
    X(LSE2,      0, MMFR2, 32,  1,  0,  1,   1, 25)                        \
    X(PAN,       1, MMFR1, 20,  1,  0,  0,   0,  0)                        \
    X(E0PD,      1, MMFR2, 60,  1,  0,  0,   0,  0)                        \
    X(CPUID,     1, NONE,   0,  0,  0,  0,   1, 11)

typedef enum ArmFeature {
#define X(name, on, reg, sh, val, ni, el0, hw, bit) ARM_FEAT_##name,
    ARM_FEATURES(X)
#undef X
    ARM_FEAT_COUNT,
} ArmFeature;

_Static_assert(ARM_FEAT_COUNT <= 64, "features must fit env->features");

/* The identification registers outside the ID_AA64 block (see the .c). */
#define ARM_MIDR         0x000f06d0ull  /* software implementer, part 'm' */
#define ARM_MPIDR_EL0    0x80000000ull  /* what Linux shows EL0 */
#define ARM_CTR_EL0      0x8444c004ull  /* 64-byte I and D lines */
#define ARM_DCZID_EL0    4ull           /* DC ZVA zeroes 64 bytes */
#define ARM_DCZ_BYTES    64
#define ARM_CNTFRQ       1000000000ull  /* 1 GHz: counter = nanoseconds */

/* Fills env->features, env->hwcap and env->hwcap2 from the table. */
void arm_cpu_features_init(CPUARMState *env);

/* The -cpu models: identification and the subset of the implemented
 * features each one advertises (cpu-features.c). */
typedef struct ArmCpuModel {
    const char *name;
    uint64_t midr, revidr;
    uint64_t features;   /* ARM_FEAT_* bits; ~0 = all implemented */
} ArmCpuModel;

const ArmCpuModel *arm_cpu_model_find(const char *name);
/* arm_cpu_features_init restricted to the model's features. */
void arm_cpu_features_init_model(CPUARMState *env, const ArmCpuModel *m);
/* Value of an ID register for system mode: the feature fields, plus
 * what user mode does not show -- EL2/EL3 absent, the GICv3 system
 * register interface when the board has one, CSV2/CSV3 (no speculation
 * here), the 4K granule only, no PMU. */
uint64_t arm_idreg_value_sys(const CPUARMState *env, ArmIdReg reg,
                             bool gicv3);

static inline bool arm_feature(const CPUARMState *env, ArmFeature f)
{
    return (env->features >> f) & 1;
}

/* Value of ID register reg: the full (EL1) view, or what Linux gives an
 * EL0 MRS. */
uint64_t arm_idreg_value(const CPUARMState *env, ArmIdReg reg, bool el0);
/* The ID register at (CRm, op2) of op0=3 op1=0 CRn=0, or ARM_ID_NONE. */
ArmIdReg arm_idreg_find(int crm, int op2);

#endif
