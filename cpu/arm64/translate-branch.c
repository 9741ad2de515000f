/* SPDX-License-Identifier: MIT */
/*
 * Branches and exception-generating instructions (Arm ARM C4.1.65).
 */
#include "translate.h"
#include "decode-a64.h"

bool trans_B(DisasContext *s, arg_B *a)
{
    gen_goto_tb(s, 0, s->pc_curr + (uint64_t)(a->imm * 4));
    return true;
}

bool trans_BL(DisasContext *s, arg_BL *a)
{
    tcg_gen_movi_i64(cpu_X[30], (int64_t)s->pc_next);
    gen_goto_tb(s, 0, s->pc_curr + (uint64_t)(a->imm * 4));
    return true;
}

/* Conditional branches: fall through is slot 0, taken is slot 1. */
static void gen_cond_branch(DisasContext *s, TCGLabel *taken, int64_t off)
{
    gen_goto_tb(s, 0, s->pc_next);
    gen_set_label(taken);
    gen_goto_tb(s, 1, s->pc_curr + (uint64_t)off);
}

bool trans_B_cond(DisasContext *s, arg_B_cond *a)
{
    if (a->cond >= 14) {
        gen_goto_tb(s, 0, s->pc_curr + (uint64_t)(a->imm * 4));
        return true;
    }
    TCGLabel *taken = gen_new_label();
    gen_brcond_cc((int)a->cond, taken);
    gen_cond_branch(s, taken, a->imm * 4);
    return true;
}

bool trans_CBZ(DisasContext *s, arg_CBZ *a)
{
    TCGLabel *taken = gen_new_label();
    TCGv v = read_cpu_reg(s, (int)a->rt, a->sf);
    tcg_gen_brcondi_i64(a->nz ? TCG_COND_NE : TCG_COND_EQ, v, 0, taken);
    gen_cond_branch(s, taken, a->imm * 4);
    return true;
}

bool trans_TBZ(DisasContext *s, arg_TBZ *a)
{
    TCGLabel *taken = gen_new_label();
    unsigned bit = (unsigned)(a->b5 << 5 | a->b40);
    TCGv v = read_cpu_reg(s, (int)a->rt, true);
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
