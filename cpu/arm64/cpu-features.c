/* SPDX-License-Identifier: MIT */
/*
 * The CPU model's identification: feature bits, hwcaps and ID register
 * values, all derived from the ARM_FEATURES table in cpu-features.h.
 * The system-register translator (sysreg.c) answers MRS from here and the
 * ELF loader passes env->hwcap/hwcap2 as AT_HWCAP/AT_HWCAP2.
 *
 * Fixed identification values (constants in cpu-features.h):
 *   MIDR_EL1   0x000f06d0: implementer 0x00 ("reserved for software use",
 *              so no software applies a real core's errata), architecture
 *              0xf (features in ID registers), part number 0x06d ('m').
 *   MPIDR_EL1  what Linux shows EL0: only the RES1 bit 31.
 *   REVIDR_EL1 0 (Linux shows IMPLEMENTATION DEFINED registers as 0).
 *   CTR_EL0    0x8444c004: IminLine = DminLine = 4 (64-byte lines), L1Ip
 *              PIPT, ERG = CWG = 4 (64 bytes).  IDC and DIC stay 0: code
 *              changes must be followed by IC IVAU, which is what tells
 *              the translator to drop stale blocks.
 *   DCZID_EL0  4: DC ZVA zeroes 64 bytes and is permitted (DZP = 0).
 *   CNTFRQ_EL0 1 GHz, so the virtual counter is host CLOCK_MONOTONIC in
 *              nanoseconds with no scaling (and FEAT_ECV's 1 GHz rule for
 *              Armv8.6 holds).
 */
#include <string.h>
#include "cpu-features.h"

typedef struct ArmFeatureDesc {
    const char *name;
    bool on;
    uint8_t reg, shift, val, ni;
    bool el0_visible;
    uint8_t hwcap_word, hwcap_bit;
} ArmFeatureDesc;

static const ArmFeatureDesc arm_features[ARM_FEAT_COUNT] = {
#define X(n, on_, reg_, sh, v, ni_, el0, hw, bit) \
    [ARM_FEAT_##n] = { .name = #n, .on = (on_), .reg = ARM_ID_##reg_, \
                       .shift = (sh), .val = (v), .ni = (ni_), \
                       .el0_visible = (el0), .hwcap_word = (hw), \
                       .hwcap_bit = (bit) },
    ARM_FEATURES(X)
#undef X
};

static const struct { uint8_t crm, op2; } arm_idreg_enc[ARM_ID_COUNT] = {
#define X(name, crm_, op2_) [ARM_ID_##name] = { (crm_), (op2_) },
    ARM_IDREGS(X)
#undef X
};

/*
 * Fields that no feature row describes.  Full view: ID_AA64PFR0 EL0 and
 * EL1 AArch64-only, no EL2/EL3; ID_AA64MMFR0 48-bit PA, 16-bit ASIDs, 4K
 * and 64K granules (no 16K), no stage 2; ID_AA64DFR0 Armv8 debug with 6
 * breakpoints, 4 watchpoints, 2 context comparators, no PMU.  System mode
 * may refine these.
 */
static const uint64_t arm_idreg_base[ARM_ID_COUNT] = {
    [ARM_ID_PFR0] = 0x11,
    [ARM_ID_MMFR0] = 0x0000011100000025ull,
    [ARM_ID_DFR0] = 0x10305006,
};

/*
 * What Linux's MRS emulation shows EL0 in hidden fields: their "safe"
 * value from arch/arm64/kernel/cpufeature.c (PFR0 EL0/EL1 AArch64-only,
 * MMFR0 TGran4/TGran64 "not implemented", DFR0 DebugVer 6); every other
 * hidden field reads 0.
 */
static const uint64_t arm_idreg_el0_fixed[ARM_ID_COUNT] = {
    [ARM_ID_PFR0] = 0x11,
    [ARM_ID_MMFR0] = 0xff000000ull,
    [ARM_ID_DFR0] = 0x6,
};

/* Value of the field (reg, shift): the highest "val" of its enabled
 * features, else its "ni".  Returns false if no feature owns it. */
static bool arm_field_value(const CPUARMState *env, int reg, int shift,
                            uint64_t *out)
{
    bool owned = false, any = false;
    uint64_t v = 0;
    for (int f = 0; f < ARM_FEAT_COUNT; f++) {
        const ArmFeatureDesc *d = &arm_features[f];
        if (d->reg != reg || d->shift != shift) {
            continue;
        }
        if (!owned) {
            v = d->ni;
            owned = true;
        }
        if (arm_feature(env, (ArmFeature)f) && (!any || d->val > v)) {
            v = d->val;
            any = true;
        }
    }
    *out = v;
    return owned;
}

uint64_t arm_idreg_value(const CPUARMState *env, ArmIdReg reg, bool el0)
{
    if (reg >= ARM_ID_COUNT) {
        return 0;
    }
    uint64_t v = el0 ? arm_idreg_el0_fixed[reg] : arm_idreg_base[reg];
    for (int shift = 0; shift < 64; shift += 4) {
        uint64_t field;
        if (!arm_field_value(env, reg, shift, &field)) {
            continue;
        }
        /* a field's visibility is that of the features sharing it */
        bool visible = false;
        for (int f = 0; f < ARM_FEAT_COUNT; f++) {
            if (arm_features[f].reg == reg && arm_features[f].shift == shift) {
                visible |= arm_features[f].el0_visible;
            }
        }
        if (el0 && !visible) {
            continue;
        }
        v = (v & ~(0xfull << shift)) | (field << shift);
    }
    return v;
}

ArmIdReg arm_idreg_find(int crm, int op2)
{
    for (int r = 0; r < ARM_ID_COUNT; r++) {
        if (arm_idreg_enc[r].crm == crm && arm_idreg_enc[r].op2 == op2) {
            return (ArmIdReg)r;
        }
    }
    return ARM_ID_NONE;
}

void arm_cpu_features_init(CPUARMState *env)
{
    env->features = 0;
    env->hwcap = 0;
    env->hwcap2 = 0;
    for (int f = 0; f < ARM_FEAT_COUNT; f++) {
        const ArmFeatureDesc *d = &arm_features[f];
        if (!d->on) {
            continue;
        }
        env->features |= 1ull << f;
        if (d->hwcap_word == 1) {
            env->hwcap |= 1ull << d->hwcap_bit;
        } else if (d->hwcap_word == 2) {
            env->hwcap2 |= 1ull << d->hwcap_bit;
        }
    }
}

/* Cortex-A57 and -A72 are Armv8.0: of what mimic implements they have
 * FP, Advanced SIMD, CRC32 and the crypto extension (AES, PMULL, SHA1,
 * SHA256; advertised only once implemented).  "max" is everything. */
#define V80_FEATURES ((1ull << ARM_FEAT_FP) | (1ull << ARM_FEAT_ASIMD) | \
                      (1ull << ARM_FEAT_CRC32) | (1ull << ARM_FEAT_AES) | \
                      (1ull << ARM_FEAT_PMULL) | (1ull << ARM_FEAT_SHA1) | \
                      (1ull << ARM_FEAT_SHA256) | (1ull << ARM_FEAT_CPUID))

static const ArmCpuModel arm_cpu_models[] = {
    { "max", ARM_MIDR, 0, ~0ull },
    /* implementer Arm (0x41), variant 1, part 0xd07, revision 0 */
    { "cortex-a57", 0x411fd070ull, 0, V80_FEATURES },
    /* variant 0, part 0xd08, revision 3 */
    { "cortex-a72", 0x410fd083ull, 0, V80_FEATURES },
};

const char *const a64_cpu_model_names[] = { "max", "cortex-a57",
                                            "cortex-a72", NULL };

const ArmCpuModel *arm_cpu_model_find(const char *name)
{
    for (size_t i = 0; i < sizeof(arm_cpu_models) / sizeof(arm_cpu_models[0]);
         i++) {
        if (!strcmp(arm_cpu_models[i].name, name)) {
            return &arm_cpu_models[i];
        }
    }
    return NULL;
}

void arm_cpu_features_init_model(CPUARMState *env, const ArmCpuModel *m)
{
    arm_cpu_features_init(env);
    env->features &= m->features;
    env->hwcap = env->hwcap2 = 0;
    for (int f = 0; f < ARM_FEAT_COUNT; f++) {
        const ArmFeatureDesc *d = &arm_features[f];
        if (!arm_feature(env, (ArmFeature)f)) {
            continue;
        }
        if (d->hwcap_word == 1) {
            env->hwcap |= 1ull << d->hwcap_bit;
        } else if (d->hwcap_word == 2) {
            env->hwcap2 |= 1ull << d->hwcap_bit;
        }
    }
}

/*
 * System-mode fields no feature row owns (Arm ARM D23.2):
 *  ID_AA64PFR0  EL0, EL1 AArch64 only (1), EL2 and EL3 not implemented
 *               (0): Linux stays at EL1; GIC (27:24) = 1 with a GICv3
 *               CPU interface; CSV2 (59:56) and CSV3 (63:60) = 1, so
 *               Linux applies neither branch-predictor hardening nor
 *               kernel unmapping (KPTI), which would cost a TLB flush per
 *               kernel entry here.
 *  ID_AA64MMFR0 PARange 48 bits, 16-bit ASIDs, TGran4 supported,
 *               TGran16 and TGran64 not (the only granule the MMU walks).
 *  ID_AA64DFR0  Armv8 debug, 6 breakpoints, 4 watchpoints, 2 context
 *               comparators (their registers hold values only), no PMU.
 */
uint64_t arm_idreg_value_sys(const CPUARMState *env, ArmIdReg reg,
                             bool gicv3)
{
    uint64_t v = arm_idreg_value(env, reg, false);
    switch (reg) {
    case ARM_ID_PFR0:
        v = (v & ~0xffffull) | 0x11;
        v = (v & ~(0xfull << 24)) | (gicv3 ? 1ull << 24 : 0);
        v = (v & ~(0xffull << 56)) | 0x11ull << 56;
        break;
    case ARM_ID_MMFR0:
        v = (v & ~0xffffffffull) | 0x0f000025ull;
        v &= ~(0xfffull << 32);
        break;
    default:
        break;
    }
    return v;
}
