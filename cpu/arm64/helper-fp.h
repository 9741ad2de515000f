/* SPDX-License-Identifier: MIT */
/*
 * Private to helper-fp*.c: moving FPCR/FPSR in and out of the exact FP
 * library's ARMFPStatus, and the rounding-mode encoding that translated
 * code passes in descriptors.
 */
#ifndef CPU_ARM64_HELPER_FP_H
#define CPU_ARM64_HELPER_FP_H

#include "helper-simd.h"
#include "fpu.h"

static inline ARMFPStatus fp_status(const CPUARMState *env)
{
    ARMFPStatus st = { .fpcr = env->fpcr, .fpsr = env->fpsr };
    return st;
}

static inline void fp_status_put(CPUARMState *env, const ARMFPStatus *st)
{
    env->fpsr = st->fpsr;
}

static inline ARMFPRounding fp_data_rounding(const CPUARMState *env, int rm)
{
    return rm == SIMD_FP_RM_FPCR ? arm_fp_rounding_mode(env->fpcr)
                            : (ARMFPRounding)rm;
}

#endif
