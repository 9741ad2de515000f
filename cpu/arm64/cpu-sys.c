/* SPDX-License-Identifier: MIT */
/*
 * Creating and resetting a system-mode CPU: the -cpu model's
 * identification and features, the softmmu TLB, the link to the board,
 * and the state a kernel expects at entry (Linux arm64 boot protocol,
 * Documentation/arch/arm64/booting.rst: EL1, MMU off, DAIF masked,
 * x0 = device tree).  PSCI CPU_ON starts secondaries the same way.
 */
#include <string.h>
#include "sys.h"
#include "cpu-features.h"
#include "cpu-hooks.h"
#include "tcg/exec.h"

/* SCTLR_EL1 at reset: the RES1 bits of Armv8.0 (29, 28, 23, 22, 20,
 * 11), MMU and caches off. */
#define SCTLR_RESET 0x30d00800ull
/* OSLSR_EL1: OSLM = 0b10 (OS lock implemented), OSLK = 1 after reset */
#define OSLSR_RESET 0xaull

uint64_t a64_sys_mpidr(int idx)
{
    /* bit 31 RES1; Aff0 = CPU in a cluster of 16 (the GICv3 SGI target
     * list width), Aff1 = cluster */
    return 1ull << 31 | (uint64_t)(idx / 16) << 8 | (uint64_t)(idx % 16);
}

CPUARMState *a64_sys_cpu_new(const char *model, int idx, ARMBoard *b)
{
    const ArmCpuModel *m = arm_cpu_model_find(model ? model : "max");
    if (!m || idx < 0 || idx >= ARM_MAX_CPUS || b->nb_cpus >= ARM_MAX_CPUS) {
        return NULL;
    }
    CPUARMState *env = arm_cpu_new();
    arm_cpu_features_init_model(env, m);
    env->sys.board = b;
    env->sys.cpu_index = idx;
    env->sys.midr = m->midr;
    env->sys.revidr = m->revidr;
    env->sys.mpidr = a64_sys_mpidr(idx);
    env->fetch_code = a64_sys_fetch_code;
    a64_tlb_init(env);
    tcg_cpu_init(env);
    b->cpus[b->nb_cpus++] = env;
    a64_sys_cpu_reset(env, 0, 0);
    return env;
}

void a64_sys_cpu_reset(CPUARMState *env, uint64_t pc, uint64_t arg)
{
    ARMSysState *st = &env->sys;
    memset(env->xregs, 0, sizeof(env->xregs));
    memset(env->vregs, 0, sizeof(env->vregs));
    env->fpcr = env->fpsr = 0;
    env->tpidr_el0 = env->tpidrro_el0 = 0;
    env->excl_addr = ~0ull;
    env->syndrome = 0;
    env->fault_addr = 0;
    arm_set_nzcv(env, 0);

    st->sp_el[0] = st->sp_el[1] = 0;
    st->sctlr_el1 = SCTLR_RESET;
    st->actlr_el1 = 0;
    /* FP/SIMD enabled, as firmware leaves it for a directly booted
     * kernel (Linux sets CPACR_EL1 itself early anyway) */
    st->cpacr_el1 = 3ull << 20;
    st->ttbr0_el1 = st->ttbr1_el1 = st->tcr_el1 = 0;
    st->mair_el1 = st->amair_el1 = 0;
    st->spsr_el1 = st->elr_el1 = st->esr_el1 = st->far_el1 = 0;
    st->afsr0_el1 = st->afsr1_el1 = 0;
    st->vbar_el1 = st->par_el1 = st->contextidr_el1 = st->tpidr_el1 = 0;
    st->cntkctl_el1 = st->csselr_el1 = 0;
    st->mdscr_el1 = st->mdccint_el1 = st->osdlr_el1 = st->dbgclaim = 0;
    st->oslsr_el1 = OSLSR_RESET;
    memset(st->dbgbvr, 0, sizeof(st->dbgbvr));
    memset(st->dbgbcr, 0, sizeof(st->dbgbcr));
    memset(st->dbgwvr, 0, sizeof(st->dbgwvr));
    memset(st->dbgwcr, 0, sizeof(st->dbgwcr));
    for (int t = 0; t < ARM_TIMER_COUNT; t++) {
        st->timer[t].ctl = 0;
        st->timer[t].cval = 0;
    }
    /* EL1h with every interrupt masked */
    st->pstate = PSTATE_DAIF | 1u << PSTATE_EL_SHIFT | PSTATE_SP;
    env->xregs[31] = 0;
    env->xregs[0] = arg;
    env->pc = pc;
    a64_rebuild_hflags(env);
    a64_tlb_flush(env);
    if (st->board) {
        a64_timer_update(env);
    }
}
