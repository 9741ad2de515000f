/* SPDX-License-Identifier: MIT */
/*
 * The AArch64 CPU as the TCG exec loop sees it: the target hooks (block
 * keying, pc restore, translation) and CPU state set-up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cpu.h"
#include "cpu-hooks.h"
#include "mem-helper.h"
#include "cpu-features.h"
#include "sys.h"
#include "tcg/debug.h"
#include "util/disas.h"

_Static_assert(EXCP_DEBUG == TCG_EXCP_DEBUG, "debug exits must agree");

void a64_translate(TCGContext *tc, TranslationBlock *tb, void *env,
                   int max_insns);
void a64_init_globals(TCGContext *s);

static void a64_get_tb_cpu_state(void *envp, uint64_t *pc, uint32_t *flags)
{
    CPUARMState *env = envp;
    *pc = env->pc;
    *flags = env->sys.hflags;  /* 0 in user mode */
    if (env->tbi_mask) {
        *flags |= A64_TBF_TBI_MASK;
    }
    if (env->common.debug) {
        /* resuming from a debug stop: the one-insn block runs unchecked */
        if (env->common.debug_skip) {
            *flags |= A64_TBFLAG_NODEBUG;
        } else if (tcg_debug_watching(env->common.debug)) {
            *flags |= A64_TBFLAG_WATCH;
        }
    }
}

static void a64_set_pc(void *envp, uint64_t pc)
{
    ((CPUARMState *)envp)->pc = pc;
}

static void a64_restore_state(void *envp, const uint64_t data[2])
{
    ((CPUARMState *)envp)->pc = data[0];
}

static int a64_disas_log(FILE *f, void *envp, uint64_t pc, uint32_t size)
{
    CPUARMState *env = envp;
    for (uint32_t off = 0; off < size; off += 4) {
        uint32_t insn;
        if (!env->fetch_code(env, pc + off, &insn)) {
            break;
        }
        disas_arm64(f, (const uint8_t *)&insn, 4, pc + off);
    }
    return 0;
}

/* Arm ARM J1.1.3 AddWithCarry(): NZCV of x + y (a subtraction is
 * x + NOT(y) + 1) at the given width. */
static uint32_t nzcv_addsub(uint64_t x, uint64_t y, bool sub, int bits)
{
    uint64_t mask = bits == 64 ? ~0ull : 0xffffffffull;
    uint64_t sign = 1ull << (bits - 1);
    x &= mask;
    y &= mask;
    uint64_t r = (sub ? x - y : x + y) & mask;
    bool c = sub ? x >= y : r < x;
    bool v = sub ? ((x ^ y) & (x ^ r) & sign) : (~(x ^ y) & (x ^ r) & sign);
    return (uint32_t)(!!(r & sign) << 31 | (r == 0) << 30 | c << 29 |
                      v << 28);
}

uint32_t arm_lazy_nzcv(const CPUARMState *env)
{
    uint64_t a = env->cc_a, b = env->cc_b;
    switch (env->cc_op) {
    case CC_OP_SUB64: return nzcv_addsub(a, b, true, 64);
    case CC_OP_SUB32: return nzcv_addsub(a, b, true, 32);
    case CC_OP_ADD64: return nzcv_addsub(a, b, false, 64);
    case CC_OP_ADD32: return nzcv_addsub(a, b, false, 32);
    case CC_OP_LOGIC64:
        return (uint32_t)((a >> 63) << 31 | (a == 0) << 30);
    case CC_OP_LOGIC32:
        return (uint32_t)(((a >> 31) & 1) << 31 | ((uint32_t)a == 0) << 30);
    default:
        return 0;
    }
}

static void a64_dump_state(FILE *f, void *envp)
{
    CPUARMState *env = envp;
    uint32_t nzcv = arm_get_nzcv(env);
    fprintf(f, "PC=%016llx ", (unsigned long long)env->pc);
    for (int i = 0; i < 32; i++) {
        fprintf(f, "%s%c%02d=%016llx", i % 4 ? " " : "\n", i == 31 ? 'S' : 'X',
                i, (unsigned long long)env->xregs[i]);
    }
    fprintf(f, "\nNZCV=%c%c%c%c FPCR=%08x FPSR=%08x\n",
            nzcv & (1u << 31) ? 'N' : '-', nzcv & (1u << 30) ? 'Z' : '-',
            nzcv & (1u << 29) ? 'C' : '-', nzcv & (1u << 28) ? 'V' : '-',
            env->fpcr, env->fpsr);
    if (env->sys.hflags & A64F_SYS) {
        const ARMSysState *st = &env->sys;
        /* the SP not in use is in its bank */
        uint64_t sp0 = (st->pstate & PSTATE_EL_MASK) &&
                       (st->pstate & PSTATE_SP) ? st->sp_el[0]
                                                : env->xregs[31];
        uint64_t sp1 = (st->pstate & PSTATE_EL_MASK) &&
                       (st->pstate & PSTATE_SP) ? env->xregs[31]
                                                : st->sp_el[1];
        fprintf(f, "EL%d PSTATE=%08x SP_EL0=%016llx SP_EL1=%016llx\n"
                "ELR=%016llx SPSR=%08llx ESR=%08llx FAR=%016llx\n"
                "SCTLR=%08llx TCR=%016llx TTBR0=%016llx TTBR1=%016llx\n",
                a64_el(env), a64_pstate_get(env), (unsigned long long)sp0,
                (unsigned long long)sp1, (unsigned long long)st->elr_el1,
                (unsigned long long)st->spsr_el1,
                (unsigned long long)st->esr_el1,
                (unsigned long long)st->far_el1,
                (unsigned long long)st->sctlr_el1,
                (unsigned long long)st->tcr_el1,
                (unsigned long long)st->ttbr0_el1,
                (unsigned long long)st->ttbr1_el1);
    }
}

const TCGTargetHooks a64_target_hooks = {
    .dump_state = a64_dump_state,
    .get_tb_cpu_state = a64_get_tb_cpu_state,
    .set_pc = a64_set_pc,
    .translate = a64_translate,
    .restore_state = a64_restore_state,
    .init_globals = a64_init_globals,
    .disas_log = a64_disas_log,
};

/* System mode: blocks are keyed by physical pc too (tlb.c). */
const TCGTargetHooks a64_sys_target_hooks = {
    .dump_state = a64_dump_state,
    .get_tb_cpu_state = a64_get_tb_cpu_state,
    .set_pc = a64_set_pc,
    .translate = a64_translate,
    .restore_state = a64_restore_state,
    .init_globals = a64_init_globals,
    .disas_log = a64_disas_log,
    .get_phys_pc = a64_sys_get_phys_pc,
};

CPUARMState *arm_cpu_new(void)
{
    /* aligned_alloc wants a size that is a multiple of the alignment */
    CPUARMState *env = aligned_alloc(64, (sizeof(CPUARMState) + 63) & ~(size_t)63);
    if (!env) {
        fprintf(stderr, "mimic: out of memory for a CPU\n");
        exit(1);
    }
    memset(env, 0, sizeof(*env));
    env->excl_addr = ~0ull;
    env->common.raise_unaligned = a64_raise_unaligned;
    arm_set_nzcv(env, 0);
    arm_cpu_features_init(env);
    return env;
}
