/* SPDX-License-Identifier: MIT */
/*
 * The IR builder: the only tcg/ header a guest front end (cpu/) includes.
 * Every value is a 64-bit temp; the _i32 builders emit the I32 form of an
 * op (inputs' low halves, result zero-extended), the _i64 builders the I64
 * form.  See tcg-opc.h for exact op semantics.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg.h"
#include "tb.h"

TCGv tcg_temp_new(void);
void tcg_temp_free(TCGv t);
TCGv tcg_constant(int64_t val);
TCGLabel *gen_new_label(void);
void gen_set_label(TCGLabel *l);

/* Raw op emission (used by the wrappers below). */
TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, int nargs, ...);

#define TCG_BINOPS(X) X(add) X(sub) X(mul) X(muluh) X(mulsh) X(div) X(divu) \
    X(rem) X(remu) X(and) X(or) X(xor) X(andc) X(orc) X(eqv) X(shl) X(shr) \
    X(sar) X(rotl) X(rotr)
#define TCG_UNOPS(X) X(neg) X(not) X(clz) X(ctz) X(ctpop) X(bswap16) \
    X(bswap32) X(bswap64) X(ext8s) X(ext8u) X(ext16s) X(ext16u) X(ext32s) \
    X(ext32u) X(mov)

#define DECL_BIN(op) \
    void tcg_gen_##op##_i64(TCGv r, TCGv a, TCGv b); \
    void tcg_gen_##op##_i32(TCGv r, TCGv a, TCGv b); \
    void tcg_gen_##op##i_i64(TCGv r, TCGv a, int64_t b); \
    void tcg_gen_##op##i_i32(TCGv r, TCGv a, int64_t b);
#define DECL_UN(op) \
    void tcg_gen_##op##_i64(TCGv r, TCGv a); \
    void tcg_gen_##op##_i32(TCGv r, TCGv a);
TCG_BINOPS(DECL_BIN)
TCG_UNOPS(DECL_UN)
#undef DECL_BIN
#undef DECL_UN

void tcg_gen_movi_i64(TCGv r, int64_t v);
void tcg_gen_movi_i32(TCGv r, int64_t v);
void tcg_gen_setcond_i64(TCGCond c, TCGv r, TCGv a, TCGv b);
void tcg_gen_setcond_i32(TCGCond c, TCGv r, TCGv a, TCGv b);
void tcg_gen_setcondi_i64(TCGCond c, TCGv r, TCGv a, int64_t b);
void tcg_gen_movcond_i64(TCGCond c, TCGv r, TCGv a, TCGv b, TCGv t, TCGv f);
void tcg_gen_movcond_i32(TCGCond c, TCGv r, TCGv a, TCGv b, TCGv t, TCGv f);
void tcg_gen_extract_i64(TCGv r, TCGv a, unsigned pos, unsigned len);
void tcg_gen_sextract_i64(TCGv r, TCGv a, unsigned pos, unsigned len);
void tcg_gen_deposit_i64(TCGv r, TCGv a, TCGv b, unsigned pos, unsigned len);
void tcg_gen_add2_i64(TCGv rl, TCGv rh, TCGv al, TCGv ah, TCGv bl, TCGv bh);
void tcg_gen_sub2_i64(TCGv rl, TCGv rh, TCGv al, TCGv ah, TCGv bl, TCGv bh);

void tcg_gen_br(TCGLabel *l);
void tcg_gen_brcond_i64(TCGCond c, TCGv a, TCGv b, TCGLabel *l);
void tcg_gen_brcond_i32(TCGCond c, TCGv a, TCGv b, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond c, TCGv a, int64_t b, TCGLabel *l);

/* CPU state access: base is normally tcg_ctx->env. */
void tcg_gen_ld_i64(TCGv r, TCGv base, intptr_t off);
void tcg_gen_ld32u(TCGv r, TCGv base, intptr_t off);
void tcg_gen_ld32s(TCGv r, TCGv base, intptr_t off);
void tcg_gen_ld16u(TCGv r, TCGv base, intptr_t off);
void tcg_gen_ld8u(TCGv r, TCGv base, intptr_t off);
void tcg_gen_st_i64(TCGv v, TCGv base, intptr_t off);
void tcg_gen_st32(TCGv v, TCGv base, intptr_t off);
void tcg_gen_st16(TCGv v, TCGv base, intptr_t off);
void tcg_gen_st8(TCGv v, TCGv base, intptr_t off);

/* Guest memory. */
void tcg_gen_qemu_ld(TCGv r, TCGv addr, int mmu_idx, MemOp mop);
void tcg_gen_qemu_st(TCGv v, TCGv addr, int mmu_idx, MemOp mop);
void tcg_gen_mb(int kind);

/* Helper calls: args are temps; ret may be NULL. */
void tcg_gen_callN(const TCGHelperInfo *info, TCGv ret, int nargs, TCGv *args);
#define tcg_gen_call0(i, r) tcg_gen_callN(i, r, 0, NULL)
#define tcg_gen_call1(i, r, a) tcg_gen_callN(i, r, 1, (TCGv[]){a})
#define tcg_gen_call2(i, r, a, b) tcg_gen_callN(i, r, 2, (TCGv[]){a, b})
#define tcg_gen_call3(i, r, a, b, c) tcg_gen_callN(i, r, 3, (TCGv[]){a, b, c})
#define tcg_gen_call4(i, r, a, b, c, d) \
    tcg_gen_callN(i, r, 4, (TCGv[]){a, b, c, d})
#define tcg_gen_call5(i, r, a, b, c, d, e) \
    tcg_gen_callN(i, r, 5, (TCGv[]){a, b, c, d, e})
#define tcg_gen_call6(i, r, a, b, c, d, e, f) \
    tcg_gen_callN(i, r, 6, (TCGv[]){a, b, c, d, e, f})

/* Declares a helper: DEF_HELPER(name, flags, has_ret, nargs, kinds...).
 * Helpers take uint64_t (or void * for env) arguments and return uint64_t
 * or void. */
#define TCG_HELPER_INFO(fn, fl, ret, n, ...) \
    { .func = (void *)(fn), .name = #fn, .flags = (fl), .has_ret = (ret), \
      .nargs = (n), .arg_kind = { __VA_ARGS__ } }

/* Block structure. */
void tcg_gen_insn_start(uint64_t pc, uint64_t extra);
void tcg_gen_goto_tb(int slot);
void tcg_gen_exit_tb(TranslationBlock *tb, int slot); /* tb NULL: plain */
void tcg_gen_goto_lookup(TCGv pc);
/* The global's value is dead until its next write (see tcg-opc.h). */
void tcg_gen_discard(TCGv global);

#endif
