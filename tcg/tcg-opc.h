/* SPDX-License-Identifier: MIT */
/*
 * The IR op table: the single source of every IR opcode's name, operand
 * counts and flags.  The builder, the optimizer, liveness, the dumper, the
 * interpreter and the x86-64 backend all expand this X-macro.
 *
 *   DEF(name, oargs, iargs, cargs, flags)
 *
 * oargs/iargs are temps (outputs first), cargs are constants.  Every op
 * carries a width (TCG_TYPE_I32 or TCG_TYPE_I64) in TCGOp.type: an I32 op
 * reads the low 32 bits of its inputs and zero-extends its result to 64 bits,
 * which is exactly the AArch64 W-register rule (bswap64 and [s]extract
 * are the exceptions that may read above bit 31; the optimizer relies on
 * every other I32 op ignoring the upper halves).  Semantics that differ from
 * C are spelled out here because both backends must agree bit for bit:
 *   - shift and rotate counts are taken modulo the width;
 *   - div/divu/rem/remu by zero give 0 (rem: the dividend); INT_MIN / -1
 *     gives INT_MIN and rem 0 (the AArch64 rule, so the translator needs no
 *     extra code);
 *   - clz/ctz of 0 give the width;
 *   - setcond gives 0 or 1; movcond: out = cond(a, b) ? t : f;
 *   - add2/sub2 (I64 only): (lo, hi) = (al, ah) +/- (bl, bh), 128-bit;
 *     used for carry/borrow chains;
 *   - extract/sextract: field (pos, len) of the input, zero/sign extended;
 *     deposit: a with b's low len bits inserted at pos.
 */

/* Control flow within a block. */
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END)
DEF(br, 0, 0, 1, TCG_OPF_BB_END)
DEF(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH) /* cond, label */

/* Moves and conditionals. */
DEF(mov, 1, 1, 0, 0)
DEF(movi, 1, 0, 1, 0)
DEF(setcond, 1, 2, 1, 0)  /* cond */
DEF(movcond, 1, 4, 1, 0)  /* out = cond(in0, in1) ? in2 : in3 */

/* Loads and stores relative to a host pointer temp (normally env). */
DEF(ld8u, 1, 1, 1, 0)
DEF(ld8s, 1, 1, 1, 0)
DEF(ld16u, 1, 1, 1, 0)
DEF(ld16s, 1, 1, 1, 0)
DEF(ld32u, 1, 1, 1, 0)
DEF(ld32s, 1, 1, 1, 0)
DEF(ld, 1, 1, 1, 0)
DEF(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)

/* Arithmetic and logic. */
DEF(add, 1, 2, 0, 0)
DEF(sub, 1, 2, 0, 0)
DEF(mul, 1, 2, 0, 0)
DEF(muluh, 1, 2, 0, 0)
DEF(mulsh, 1, 2, 0, 0)
DEF(div, 1, 2, 0, 0)
DEF(divu, 1, 2, 0, 0)
DEF(rem, 1, 2, 0, 0)
DEF(remu, 1, 2, 0, 0)
DEF(and, 1, 2, 0, 0)
DEF(or, 1, 2, 0, 0)
DEF(xor, 1, 2, 0, 0)
DEF(andc, 1, 2, 0, 0)
DEF(orc, 1, 2, 0, 0)
DEF(eqv, 1, 2, 0, 0)
DEF(shl, 1, 2, 0, 0)
DEF(shr, 1, 2, 0, 0)
DEF(sar, 1, 2, 0, 0)
DEF(rotl, 1, 2, 0, 0)
DEF(rotr, 1, 2, 0, 0)
DEF(neg, 1, 1, 0, 0)
DEF(not, 1, 1, 0, 0)
DEF(clz, 1, 1, 0, 0)
DEF(ctz, 1, 1, 0, 0)
DEF(ctpop, 1, 1, 0, 0)
DEF(bswap16, 1, 1, 0, 0)  /* swaps the low two bytes, zero-extends */
DEF(bswap32, 1, 1, 0, 0)  /* swaps the low four bytes, zero-extends */
DEF(bswap64, 1, 1, 0, 0)
DEF(ext8s, 1, 1, 0, 0)
DEF(ext8u, 1, 1, 0, 0)
DEF(ext16s, 1, 1, 0, 0)
DEF(ext16u, 1, 1, 0, 0)
DEF(ext32s, 1, 1, 0, 0)
DEF(ext32u, 1, 1, 0, 0)
DEF(extract, 1, 1, 2, 0)   /* pos, len */
DEF(sextract, 1, 1, 2, 0)  /* pos, len */
DEF(deposit, 1, 2, 2, 0)   /* pos, len */
DEF(add2, 2, 4, 0, 0)
DEF(sub2, 2, 4, 0, 0)

/* Guest memory: cargs are the MemOp, the MMU index and a signed 32-bit
 * offset added to the address input (mod 2^64; the optimizer folds
 * constant additions into it).  May fault, so the register allocator
 * syncs globals before them. */
DEF(qemu_ld, 1, 1, 3, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
DEF(qemu_st, 0, 2, 3, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)  /* TCG_MO_* barrier kind */

/* Helper call: oargs/iargs come from the TCGHelperInfo (see TCGOp.call). */
DEF(call, 0, 0, 0, TCG_OPF_CALL_CLOBBER | TCG_OPF_VARARGS)

/* Block structure. */
DEF(insn_start, 0, 0, 2, TCG_OPF_NOT_PRESENT) /* guest pc, extra word */
DEF(goto_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS) /* slot 0/1 */
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_BB_EXIT | TCG_OPF_SIDE_EFFECTS)
/* Indirect jump: in0 = guest pc; carg = the tb flags the next block must
 * have.  Looks up the per-CPU jump cache inline, jumps on a hit, exits to
 * the exec loop on a miss. */
DEF(goto_lookup, 0, 1, 1, TCG_OPF_BB_END | TCG_OPF_BB_EXIT | TCG_OPF_SIDE_EFFECTS)

/* The global out0's value is dead: nothing reads it before it is written
 * again, so it need not reach the CPU state (liveness and the backends
 * drop the ops and stores that only fed it). */
DEF(discard, 1, 0, 0, TCG_OPF_NOT_PRESENT)

DEF(nop, 0, 0, 0, TCG_OPF_NOT_PRESENT)
