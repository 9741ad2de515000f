/* SPDX-License-Identifier: MIT */
/*
 * Branches and exception-generating instructions (Arm ARM C4.1.65).
 */
#include "translate.h"
#include "decode-a64.h"

bool trans_B(DisasContext *s, arg_B *a)
{
    uint64_t dest = s->pc_curr + (uint64_t)(a->imm * 4);
    gen_flags_exit(s, dest, UINT64_MAX);
    gen_goto_tb(s, 0, dest);
    return true;
}

bool trans_BL(DisasContext *s, arg_BL *a)
{
    uint64_t dest = s->pc_curr + (uint64_t)(a->imm * 4);
    tcg_gen_movi_i64(cpu_X[30], (int64_t)s->pc_next);
    gen_flags_exit(s, dest, UINT64_MAX);
    gen_goto_tb(s, 0, dest);
    return true;
}

/* Conditional branches: fall through is slot 0, taken is slot 1. */
static void gen_cond_branch(DisasContext *s, TCGLabel *taken, int64_t off)
{
    gen_goto_tb(s, 0, s->pc_next);
    gen_set_label(taken);
    gen_goto_tb(s, 1, s->pc_curr + (uint64_t)off);
}

/* B.cond: the condition is taken from the flag setter's operands when
 * it is in this block (a fused compare and branch), and NZCV are dropped
 * before the branch when neither successor can see them. */
bool trans_B_cond(DisasContext *s, arg_B_cond *a)
{
    uint64_t dest = s->pc_curr + (uint64_t)(a->imm * 4);
    if (a->cond >= 14) {
        gen_flags_exit(s, dest, UINT64_MAX);
        gen_goto_tb(s, 0, dest);
        return true;
    }
    TCGLabel *taken = gen_new_label();
    A64Cond c = a64_cond((int)a->cond);
    a64_cond_detach(&c);
    gen_flags_exit(s, s->pc_next, dest);
    gen_brcond_a64(c, taken);
    gen_cond_branch(s, taken, a->imm * 4);
    return true;
}

bool trans_CBZ(DisasContext *s, arg_CBZ *a)
{
    TCGLabel *taken = gen_new_label();
    TCGv v = read_cpu_reg(s, (int)a->rt, true);
    TCGCond c = a->nz ? TCG_COND_NE : TCG_COND_EQ;
    gen_flags_exit(s, s->pc_next, s->pc_curr + (uint64_t)(a->imm * 4));
    if (a->sf) {
        tcg_gen_brcond_i64(c, v, tcg_constant(0), taken);
    } else {
        tcg_gen_brcond_i32(c, v, tcg_constant(0), taken);
    }
    gen_cond_branch(s, taken, a->imm * 4);
    return true;
}

bool trans_TBZ(DisasContext *s, arg_TBZ *a)
{
    TCGLabel *taken = gen_new_label();
    unsigned bit = (unsigned)(a->b5 << 5 | a->b40);
    TCGv v = read_cpu_reg(s, (int)a->rt, true);
    gen_flags_exit(s, s->pc_next, s->pc_curr + (uint64_t)(a->imm * 4));
    tcg_gen_brcond_i64(a->nz ? TCG_COND_TSTNE : TCG_COND_TSTEQ, v,
                       tcg_constant((int64_t)(1ull << bit)), taken);
    gen_cond_branch(s, taken, a->imm * 4);
    return true;
}

bool trans_BR(DisasContext *s, arg_BR *a)
{
    gen_jump_reg(s, cpu_reg(s, (int)a->rn));
    return true;
}

bool trans_BLR(DisasContext *s, arg_BLR *a)
{
    /* read the target before LR changes: BLR x30 is legal */
    TCGv t = tcg_temp_new();
    tcg_gen_mov_i64(t, cpu_reg(s, (int)a->rn));
    tcg_gen_movi_i64(cpu_X[30], (int64_t)s->pc_next);
    gen_jump_reg(s, t);
    return true;
}

bool trans_RET(DisasContext *s, arg_RET *a)
{
    gen_jump_reg(s, cpu_reg(s, (int)a->rn));
    return true;
}

bool trans_SVC(DisasContext *s, arg_SVC *a)
{
    gen_exception_next(s, EXCP_SYSCALL, (uint32_t)a->imm);
    return true;
}

bool trans_BRK(DisasContext *s, arg_BRK *a)
{
    gen_exception_insn(s, EXCP_BKPT, (uint32_t)a->imm);
    return true;
}
