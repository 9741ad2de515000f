/* SPDX-License-Identifier: MIT */
/* What the program mains need from cpu/arm64 to run an AArch64 CPU. */
#ifndef CPU_ARM64_CPU_HOOKS_H
#define CPU_ARM64_CPU_HOOKS_H

#include "tcg/exec.h"
#include "cpu.h"

extern const TCGTargetHooks a64_target_hooks;
extern const TCGTargetHooks a64_sys_target_hooks;  /* system mode */
CPUARMState *arm_cpu_new(void);

#endif
