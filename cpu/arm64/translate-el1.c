/* SPDX-License-Identifier: MIT */
/*
 * System-mode instructions (Arm ARM C4.1.65 and C5.3 "A64 System
 * instructions"): ERET, HVC/SMC (the PSCI firmware calls), MSR
 * (immediate) to PSTATE, WFI/WFE, and the SYS space at EL1 -- TLBI, AT,
 * DC and IC -- with the EL0 forms' traps.  In user mode each of these is
 * UNDEF, or (SYS, hints) handled by translate-system.c as before.
 * Helpers are at the end of the file.
 */
#include "translate.h"
#include "decode-a64.h"
#include "sys.h"
#include "sysreg.h"
#include "cpu-features.h"

static bool is_sys(DisasContext *s) { return s->tb_flags & A64F_SYS; }
static int cur_el(DisasContext *s) { return a64f_el(s->tb_flags); }

extern const TCGHelperInfo helper_info_eret, helper_info_msr_i,
    helper_info_tlbi, helper_info_at;

/* A state change later instructions translate against: the block ends
 * with pc at the next instruction and the exec loop looks up anew. */
static void end_block_here(DisasContext *s)
{
    tcg_gen_movi_i64(cpu_pc, (int64_t)s->pc_next);
    s->is_jmp = DISAS_EXIT;
}

bool trans_ERET(DisasContext *s, arg_ERET *a)
{
    (void)a;
    if (!is_sys(s) || cur_el(s) == 0) {
        return false;
    }
    tcg_gen_call1(&helper_info_eret, NULL, tcg_ctx->env);
    s->is_jmp = DISAS_EXIT;   /* the helper set pc */
    return true;
}

/* HVC and SMC at EL1 go to the board's firmware (PSCI); with no EL2/EL3
 * that is all they can do.  pc is after the instruction, as the
 * exception would return. */
bool trans_HVC(DisasContext *s, arg_HVC *a)
{
    if (!is_sys(s) || cur_el(s) == 0) {
        return false;
    }
    gen_exception_next(s, EXCP_HVC, (uint32_t)a->imm);
    return true;
}

bool trans_SMC(DisasContext *s, arg_SMC *a)
{
    if (!is_sys(s) || cur_el(s) == 0) {
        return false;
    }
    gen_exception_next(s, EXCP_SMC, (uint32_t)a->imm);
    return true;
}

/* MSR (immediate) (Arm ARM C6.2.x): op1:op2 picks the PSTATE field. */
bool trans_MSR_i(DisasContext *s, arg_MSR_i *a)
{
    int field = (int)(a->op1 << 3 | a->op2);
    if (!is_sys(s)) {
        return false;
    }
    switch (field) {
    case 0x05:              /* SPSel */
    case 0x04:              /* PAN */
        if (cur_el(s) == 0 ||
            (field == 0x04 && !arm_feature(s->env, ARM_FEAT_PAN))) {
            return false;
        }
        break;
    case 0x1e:              /* DAIFSet */
    case 0x1f:              /* DAIFClr */
        if (cur_el(s) == 0 && !(s->tb_flags & A64F_UMA)) {
            uint32_t iss = 0u << 20 | (uint32_t)a->op2 << 17 |
                           (uint32_t)a->op1 << 14 | 4u << 10 | 31u << 5 |
                           (uint32_t)a->crm << 1;
            gen_exception_insn(s, EXCP_SYNC, esr_make(EC_SYSREG, iss));
            return true;
        }
        break;
    default:
        return false;
    }
    tcg_gen_call3(&helper_info_msr_i, NULL, tcg_ctx->env,
                  tcg_constant(field), tcg_constant((int64_t)a->crm));
    end_block_here(s);
    return true;
}

/* WFI/WFE/YIELD in system mode (from trans_HINT).  WFI ends the block
 * and hands the vCPU back to its loop, which sleeps until an interrupt;
 * WFE and YIELD give other vCPUs a turn.  EL0 WFI/WFE trap unless
 * SCTLR_EL1.nTWI/nTWE say otherwise. */
bool a64_trans_hint_sys(DisasContext *s, int crm, int op2)
{
    if (crm != 0 || op2 < 1 || op2 > 3) {
        return true;    /* other hints are NOPs */
    }
    bool wfi = op2 == 3, wfe = op2 == 2;
    if ((wfi || wfe) && cur_el(s) == 0 &&
        !(s->tb_flags & (wfi ? A64F_NTWI : A64F_NTWE))) {
        /* ISS: CV = 1, COND = 0b1110, TI = 0 (WFI) / 1 (WFE) */
        uint32_t iss = 1u << 24 | 0xeu << 20 | (wfe ? 1 : 0);
        gen_exception_insn(s, EXCP_SYNC, esr_make(EC_WFX, iss));
        return true;
    }
    gen_exception_next(s, wfi ? EXCP_HLT : EXCP_YIELD, 0);
    return true;
}

/* DC and IC (Arm ARM C5.3): memory is coherent and code writes are
 * caught by the TLB, so everything but DC ZVA is a NOP once permitted. */
static bool trans_cache_op(DisasContext *s, arg_SYS *a, bool *handled)
{
    int op1 = (int)a->op1, crm = (int)a->crm, op2 = (int)a->op2;
    bool el0 = cur_el(s) == 0;
    *handled = true;
    if (op1 == 3 && op2 == 1) {
        uint32_t need = crm == 4 ? A64F_DZE : A64F_UCI;
        switch (crm) {
        case 4: case 5: case 10: case 11: case 14:
            break;     /* ZVA, IC IVAU, CVAC, CVAU, CIVAC */
        case 12:
            if (!arm_feature(s->env, ARM_FEAT_DPB)) {
                return false;
            }
            break;
        case 13:
            if (!arm_feature(s->env, ARM_FEAT_DPB2)) {
                return false;
            }
            break;
        default:
            return false;
        }
        if (el0 && !(s->tb_flags & need)) {
            uint32_t iss = 1u << 20 | 1u << 17 | 3u << 14 | 7u << 10 |
                           (uint32_t)a->rt << 5 | (uint32_t)crm << 1;
            gen_exception_insn(s, EXCP_SYNC, esr_make(EC_SYSREG, iss));
            return true;
        }
        *handled = crm != 4;   /* DC ZVA: translate-system.c stores */
        return true;
    }
    if (el0 || op1 != 0) {
        return false;
    }
    /* EL1: IC IALLUIS, IC IALLU, DC IVAC, DC ISW, DC CSW, DC CISW */
    return (crm == 1 && op2 == 0) || (crm == 5 && op2 == 0) ||
           (crm == 6 && (op2 == 1 || op2 == 2)) ||
           (crm == 10 && op2 == 2) || (crm == 14 && op2 == 2);
}

/* SYS in system mode.  Returns false for UNDEF; *handled false means the
 * caller still emits the operation (DC ZVA). */
bool a64_trans_sys_sys(DisasContext *s, arg_SYS *a, bool *handled)
{
    int op1 = (int)a->op1, crn = (int)a->crn, crm = (int)a->crm;
    int op2 = (int)a->op2;
    *handled = true;
    if (crn == 7 && !(op1 == 0 && (crm == 8 || crm == 9))) {
        return trans_cache_op(s, a, handled);
    }
    if (cur_el(s) == 0 || op1 != 0) {
        return false;
    }
    if (crn == 7) {             /* AT S1E1R, S1E1W, S1E0R, S1E0W */
        if (crm != 8 || op2 > 3) {
            return false;
        }
        tcg_gen_call3(&helper_info_at, NULL, tcg_ctx->env,
                      tcg_constant(op2), cpu_reg(s, (int)a->rt));
        return true;
    }
    if (crn == 8 && (crm == 3 || crm == 7) &&
        (op2 <= 3 || op2 == 5 || op2 == 7)) {
        tcg_gen_call3(&helper_info_tlbi, NULL, tcg_ctx->env,
                      tcg_constant(crm << 3 | op2), cpu_reg(s, (int)a->rt));
        /* the mapping of code that follows may have changed */
        end_block_here(s);
        return true;
    }
    return false;
}

/* FP/SIMD instructions while CPACR_EL1 disables them trap to EL1
 * (AArch64.CheckFPAdvSIMDEnabled).  Returns false after raising. */
bool a64_fp_access_check(DisasContext *s)
{
    if (!is_sys(s) || (s->tb_flags & A64F_FPEN)) {
        return true;
    }
    gen_exception_insn(s, EXCP_SYNC, esr_make(EC_FP_ACCESS, 0));
    return false;
}

/* ---- helpers ---- */

static void helper_msr_i(CPUARMState *env, uint64_t field, uint64_t imm)
{
    uint32_t p = a64_pstate_get(env);
    switch (field) {
    case 0x05: p = (p & ~PSTATE_SP) | (imm & 1 ? PSTATE_SP : 0); break;
    case 0x04: p = (p & ~PSTATE_PAN) | (imm & 1 ? PSTATE_PAN : 0); break;
    case 0x1e: p |= (uint32_t)(imm & 0xf) << 6; break;
    default: p &= ~((uint32_t)(imm & 0xf) << 6); break;
    }
    a64_pstate_set(env, p);
    if (a64_interrupt_deliverable(env)) {
        env->common.exit_request = 1;
    }
}

/* TLBI (Arm ARM D8.13): by VA the operand holds VA[55:12] in bits 43:0;
 * entries do not carry ASIDs, so the ASID forms flush everything.  The
 * inner-shareable forms reach every CPU of the machine. */
static void helper_tlbi(CPUARMState *env, uint64_t op, uint64_t xt)
{
    int crm = (int)(op >> 3), op2 = (int)(op & 7);
    ARMBoard *b = env->sys.board;
    int n = crm == 3 ? b->nb_cpus : 1;
    uint64_t va = (uint64_t)((int64_t)(xt << 20) >> 8);
    for (int i = 0; i < n; i++) {
        CPUARMState *c = crm == 3 ? b->cpus[i] : env;
        if (op2 == 0 || op2 == 2) {
            a64_tlb_flush(c);
        } else {
            a64_tlb_flush_page(c, va);
        }
    }
}

/* AT S1E1R/W, S1E0R/W (Arm ARM C5.5): translate as the named EL would
 * for a read or a write and report in PAR_EL1 (D23.2.112). */
static void helper_at(CPUARMState *env, uint64_t op, uint64_t va)
{
    int idx = op >= 2 ? ARM_MMU_EL0 : ARM_MMU_EL1;
    uint8_t need = (op & 1) ? ARM_PROT_W : ARM_PROT_R;
    ARMWalk w;
    int fsc = -1;
    if (!a64_mmu_walk(env, va, idx, &w)) {
        fsc = w.fsc;
    } else if (!(w.prot & need)) {
        fsc = FSC_PERMISSION + w.level;
    }
    if (fsc >= 0) {
        env->sys.par_el1 = 1u | (uint64_t)fsc << 1 | 1ull << 11;
        return;
    }
    env->sys.par_el1 = (uint64_t)w.attr << 56 |
                       (w.pa & 0x0000fffffffff000ull) |
                       1ull << 11 | (uint64_t)w.sh << 7;
}

const TCGHelperInfo helper_info_msr_i = TCG_HELPER_INFO(
    helper_msr_i, 0, false, 3, TCG_CALL_ARG_PTR, TCG_CALL_ARG_I64,
    TCG_CALL_ARG_I64);
const TCGHelperInfo helper_info_tlbi = TCG_HELPER_INFO(
    helper_tlbi, TCG_CALL_NO_RWG, false, 3, TCG_CALL_ARG_PTR,
    TCG_CALL_ARG_I64, TCG_CALL_ARG_I64);
const TCGHelperInfo helper_info_at = TCG_HELPER_INFO(
    helper_at, TCG_CALL_NO_RWG, false, 3, TCG_CALL_ARG_PTR,
    TCG_CALL_ARG_I64, TCG_CALL_ARG_I64);

/* AddrTop() for data addresses in the EL1&0 regime: with TBI for the half
 * bit 55 selects, the top byte becomes bit 55's copies (Arm ARM D8.8). */
TCGv gen_clean_addr_sys(DisasContext *s, TCGv addr)
{
    bool tbi0 = s->tb_flags & A64F_TBI0, tbi1 = s->tb_flags & A64F_TBI1;
    if (!tbi0 && !tbi1) {
        return addr;
    }
    TCGv t = tcg_temp_new();
    if (tbi0 && tbi1) {
        tcg_gen_sextract_i64(t, addr, 0, 56);
        return t;
    }
    /* one half only: a mask of all ones where the address stays as is */
    TCGv m = tcg_temp_new();
    tcg_gen_sextract_i64(m, addr, 55, 1);
    if (tbi0) {
        tcg_gen_ori_i64(m, m, (int64_t)0x00ffffffffffffffull);
        tcg_gen_and_i64(t, addr, m);
    } else {
        tcg_gen_andi_i64(m, m, (int64_t)0xff00000000000000ull);
        tcg_gen_or_i64(t, addr, m);
    }
    return t;
}
