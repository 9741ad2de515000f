/* SPDX-License-Identifier: MIT */
/*
 * IR builder: appends ops to the current context.  Running out of room
 * sets tcg_ctx->overflow instead of failing; the block is then retranslated
 * with fewer instructions.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "tcg-op.h"
#include "debug.h"

static TCGOp overflow_op;

TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, int nargs, ...)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_ops >= TCG_MAX_OPS) {
        s->overflow = true;
        return &overflow_op;
    }
    TCGOp *op = &s->ops[s->nb_ops++];
    const TCGOpDef *def = &tcg_op_defs[opc];
    op->opc = opc;
    op->type = type;
    op->nargs = nargs;
    op->nb_oargs = def->nb_oargs;
    op->nb_iargs = def->nb_iargs;
    op->life = 0;
    op->call = NULL;
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++) {
        op->args[i] = va_arg(ap, TCGArg);
    }
    va_end(ap);
    return op;
}

TCGv tcg_temp_new(void)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_temps >= TCG_MAX_TEMPS) {
        s->overflow = true;
        return &s->temps[s->nb_temps - 1];
    }
    TCGTemp *t = &s->temps[s->nb_temps++];
    t->kind = TEMP_TB;
    t->type = TCG_TYPE_I64;
    t->dead = false;
    t->reg = -1;
    t->slot = -1;
    t->state = 0;
    t->name = NULL;
    return t;
}

/* Temps are cheap and per block; freeing is a hint only. */
void tcg_temp_free(TCGv t) { (void)t; }

TCGv tcg_constant(int64_t val)
{
    TCGContext *s = tcg_ctx;
    /* Reuse an existing constant of this block: keeps the temp count low in
     * long blocks that use the same immediates. */
    for (int i = s->nb_temps - 1; i >= s->nb_globals && i > s->nb_temps - 64;
         i--) {
        if (s->temps[i].kind == TEMP_CONST && s->temps[i].val == val) {
            return &s->temps[i];
        }
    }
    TCGv t = tcg_temp_new();
    t->kind = TEMP_CONST;
    t->val = val;
    return t;
}

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_labels >= TCG_MAX_LABELS) {
        s->overflow = true;
        return &s->labels[TCG_MAX_LABELS - 1];
    }
    TCGLabel *l = &s->labels[s->nb_labels];
    l->id = s->nb_labels++;
    l->op_index = -1;
    l->used = false;
    l->host_off = -1;
    l->nb_relocs = 0;
    return l;
}

void gen_set_label(TCGLabel *l)
{
    l->op_index = tcg_ctx->nb_ops;
    tcg_emit_op(INDEX_op_set_label, TCG_TYPE_I64, 1, (TCGArg)l->id);
}

#define A(t) temp_arg(t)

#define DEF_BIN(op) \
    void tcg_gen_##op##_i64(TCGv r, TCGv a, TCGv b) \
    { tcg_emit_op(INDEX_op_##op, TCG_TYPE_I64, 3, A(r), A(a), A(b)); } \
    void tcg_gen_##op##_i32(TCGv r, TCGv a, TCGv b) \
    { tcg_emit_op(INDEX_op_##op, TCG_TYPE_I32, 3, A(r), A(a), A(b)); } \
    void tcg_gen_##op##i_i64(TCGv r, TCGv a, int64_t b) \
    { tcg_gen_##op##_i64(r, a, tcg_constant(b)); } \
    void tcg_gen_##op##i_i32(TCGv r, TCGv a, int64_t b) \
    { tcg_gen_##op##_i32(r, a, tcg_constant(b)); }
#define DEF_UN(op) \
    void tcg_gen_##op##_i64(TCGv r, TCGv a) \
    { tcg_emit_op(INDEX_op_##op, TCG_TYPE_I64, 2, A(r), A(a)); } \
    void tcg_gen_##op##_i32(TCGv r, TCGv a) \
    { tcg_emit_op(INDEX_op_##op, TCG_TYPE_I32, 2, A(r), A(a)); }
TCG_BINOPS(DEF_BIN)
TCG_UNOPS(DEF_UN)

void tcg_gen_movi_i64(TCGv r, int64_t v)
{
    tcg_emit_op(INDEX_op_movi, TCG_TYPE_I64, 2, A(r), (TCGArg)v);
}

void tcg_gen_movi_i32(TCGv r, int64_t v)
{
    tcg_emit_op(INDEX_op_movi, TCG_TYPE_I64, 2, A(r), (TCGArg)(uint32_t)v);
}

void tcg_gen_setcond_i64(TCGCond c, TCGv r, TCGv a, TCGv b)
{
    tcg_emit_op(INDEX_op_setcond, TCG_TYPE_I64, 4, A(r), A(a), A(b),
                (TCGArg)c);
}

void tcg_gen_setcond_i32(TCGCond c, TCGv r, TCGv a, TCGv b)
{
    tcg_emit_op(INDEX_op_setcond, TCG_TYPE_I32, 4, A(r), A(a), A(b),
                (TCGArg)c);
}

void tcg_gen_setcondi_i64(TCGCond c, TCGv r, TCGv a, int64_t b)
{
    tcg_gen_setcond_i64(c, r, a, tcg_constant(b));
}

void tcg_gen_movcond_i64(TCGCond c, TCGv r, TCGv a, TCGv b, TCGv t, TCGv f)
{
    tcg_emit_op(INDEX_op_movcond, TCG_TYPE_I64, 6, A(r), A(a), A(b), A(t),
                A(f), (TCGArg)c);
}

void tcg_gen_movcond_i32(TCGCond c, TCGv r, TCGv a, TCGv b, TCGv t, TCGv f)
{
    tcg_emit_op(INDEX_op_movcond, TCG_TYPE_I32, 6, A(r), A(a), A(b), A(t),
                A(f), (TCGArg)c);
}

void tcg_gen_extract_i64(TCGv r, TCGv a, unsigned pos, unsigned len)
{
    tcg_emit_op(INDEX_op_extract, TCG_TYPE_I64, 4, A(r), A(a), (TCGArg)pos,
                (TCGArg)len);
}

void tcg_gen_sextract_i64(TCGv r, TCGv a, unsigned pos, unsigned len)
{
    tcg_emit_op(INDEX_op_sextract, TCG_TYPE_I64, 4, A(r), A(a), (TCGArg)pos,
                (TCGArg)len);
}

void tcg_gen_deposit_i64(TCGv r, TCGv a, TCGv b, unsigned pos, unsigned len)
{
    tcg_emit_op(INDEX_op_deposit, TCG_TYPE_I64, 5, A(r), A(a), A(b),
                (TCGArg)pos, (TCGArg)len);
}

void tcg_gen_add2_i64(TCGv rl, TCGv rh, TCGv al, TCGv ah, TCGv bl, TCGv bh)
{
    tcg_emit_op(INDEX_op_add2, TCG_TYPE_I64, 6, A(rl), A(rh), A(al), A(ah),
                A(bl), A(bh));
}

void tcg_gen_sub2_i64(TCGv rl, TCGv rh, TCGv al, TCGv ah, TCGv bl, TCGv bh)
{
    tcg_emit_op(INDEX_op_sub2, TCG_TYPE_I64, 6, A(rl), A(rh), A(al), A(ah),
                A(bl), A(bh));
}

void tcg_gen_br(TCGLabel *l)
{
    l->used = true;
    tcg_emit_op(INDEX_op_br, TCG_TYPE_I64, 1, (TCGArg)l->id);
}

void tcg_gen_brcond_i64(TCGCond c, TCGv a, TCGv b, TCGLabel *l)
{
    l->used = true;
    tcg_emit_op(INDEX_op_brcond, TCG_TYPE_I64, 4, A(a), A(b), (TCGArg)c,
                (TCGArg)l->id);
}

void tcg_gen_brcond_i32(TCGCond c, TCGv a, TCGv b, TCGLabel *l)
{
    l->used = true;
    tcg_emit_op(INDEX_op_brcond, TCG_TYPE_I32, 4, A(a), A(b), (TCGArg)c,
                (TCGArg)l->id);
}

void tcg_gen_brcondi_i64(TCGCond c, TCGv a, int64_t b, TCGLabel *l)
{
    tcg_gen_brcond_i64(c, a, tcg_constant(b), l);
}

#define DEF_LD(fn, opc) \
    void fn(TCGv r, TCGv base, intptr_t off) \
    { tcg_emit_op(INDEX_op_##opc, TCG_TYPE_I64, 3, A(r), A(base), \
                  (TCGArg)off); }
#define DEF_ST(fn, opc) \
    void fn(TCGv v, TCGv base, intptr_t off) \
    { tcg_emit_op(INDEX_op_##opc, TCG_TYPE_I64, 3, A(v), A(base), \
                  (TCGArg)off); }
DEF_LD(tcg_gen_ld_i64, ld)
DEF_LD(tcg_gen_ld32u, ld32u)
DEF_LD(tcg_gen_ld32s, ld32s)
DEF_LD(tcg_gen_ld16u, ld16u)
DEF_LD(tcg_gen_ld8u, ld8u)
DEF_ST(tcg_gen_st_i64, st)
DEF_ST(tcg_gen_st32, st32)
DEF_ST(tcg_gen_st16, st16)
DEF_ST(tcg_gen_st8, st8)

/* Watchpoints (tcg/debug.h): the check runs before the access so that a
 * hit leaves memory and registers as they were before the instruction. */
static void gen_mem_watch(TCGv addr, MemOp mop, bool is_write)
{
    if (tcg_ctx->mem_watch) {
        uint64_t info = (1u << (mop & MO_SIZE)) | (is_write ? 0x100 : 0);
        tcg_gen_call3(&tcg_debug_watch_info, NULL, tcg_ctx->env, addr,
                      tcg_constant((int64_t)info));
    }
}

void tcg_gen_qemu_ld(TCGv r, TCGv addr, int mmu_idx, MemOp mop)
{
    gen_mem_watch(addr, mop, false);
    tcg_emit_op(INDEX_op_qemu_ld, TCG_TYPE_I64, 5, A(r), A(addr),
                (TCGArg)mop, (TCGArg)mmu_idx, (TCGArg)0);
}

void tcg_gen_qemu_st(TCGv v, TCGv addr, int mmu_idx, MemOp mop)
{
    gen_mem_watch(addr, mop, true);
    tcg_emit_op(INDEX_op_qemu_st, TCG_TYPE_I64, 5, A(v), A(addr),
                (TCGArg)mop, (TCGArg)mmu_idx, (TCGArg)0);
}

void tcg_gen_mb(int kind)
{
    tcg_emit_op(INDEX_op_mb, TCG_TYPE_I64, 1, (TCGArg)kind);
}

void tcg_gen_callN(const TCGHelperInfo *info, TCGv ret, int nargs, TCGv *args)
{
    if (nargs != info->nargs || (ret != NULL) != info->has_ret) {
        fprintf(stderr, "mimic: internal error: bad call to helper %s\n",
                info->name);
        abort();
    }
    TCGOp *op = tcg_emit_op(INDEX_op_call, TCG_TYPE_I64, 0);
    int n = 0;
    if (ret) {
        op->args[n++] = A(ret);
    }
    for (int i = 0; i < nargs; i++) {
        op->args[n++] = A(args[i]);
    }
    op->nargs = n;
    op->nb_oargs = ret ? 1 : 0;
    op->nb_iargs = nargs;
    op->call = info;
}

void tcg_gen_insn_start(uint64_t pc, uint64_t extra)
{
    tcg_emit_op(INDEX_op_insn_start, TCG_TYPE_I64, 2, (TCGArg)pc,
                (TCGArg)extra);
}

void tcg_gen_goto_tb(int slot)
{
    tcg_emit_op(INDEX_op_goto_tb, TCG_TYPE_I64, 1, (TCGArg)slot);
}

void tcg_gen_exit_tb(TranslationBlock *tb, int slot)
{
    tcg_emit_op(INDEX_op_exit_tb, TCG_TYPE_I64, 1,
                tb ? (TCGArg)((uintptr_t)tb | (uintptr_t)slot) : (TCGArg)0);
}

void tcg_gen_goto_lookup(TCGv pc)
{
    tcg_emit_op(INDEX_op_goto_lookup, TCG_TYPE_I64, 2, A(pc),
                (TCGArg)tcg_ctx->tb_flags);
}

void tcg_gen_discard(TCGv global)
{
    tcg_emit_op(INDEX_op_discard, TCG_TYPE_I64, 1, A(global));
}
