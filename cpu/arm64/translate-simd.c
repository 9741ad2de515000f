/* SPDX-License-Identifier: MIT */
/*
 * A64 SIMD&FP translation: common pieces shared by translate-simd-*.c and
 * translate-fp*.c (Arm ARM C4.1.69 "Data Processing -- Scalar
 * Floating-Point and Advanced SIMD" and the V=1 loads/stores of C4.1.68).
 *
 * Design
 * ------
 * State: the 32 V registers are env->vregs[32] (ARMVectorReg, 16 bytes,
 * d[0] the low half).  They are not TCG globals: generated code reaches
 * them with ld/st ops at constant env offsets (vreg_off()), and helpers
 * reach them through env.  Element i of size 1<<esz sits at byte
 * i<<esz of the register, because host and guest are both little-endian.
 *
 * Inline IR: simple moves stay in IR — FMOV, INS/UMOV/SMOV/DUP with general
 * registers, MOVI, loads/stores of B/H/S/D/Q registers (64-bit qemu_ld/st
 * halves for Q), element loads/stores of the structure forms.
 *
 * Helpers: everything else calls a C helper through one funnel, gen_vop*
 * (below).  A helper receives env and a 64-bit descriptor (helper-simd.h)
 * naming rd/rn/rm/ra, the operation size (1..16 bytes) and the element
 * size, plus an immediate; it computes on SimdVec copies and writes Vd.
 * The same helper therefore serves the 64-bit vector, 128-bit vector and
 * scalar ("one element") forms.  A later inline host-SIMD path replaces
 * gen_vop's helper call by host vector ops for the helpers it knows, and
 * nothing else needs to change.
 *
 * Zeroing: any write of a B/H/S/D register, and any 64-bit vector result,
 * clears the rest of the 128-bit register (Arm ARM: "V[] = ... the upper
 * bits are cleared").  Helpers do this in simd_put(); inline code through
 * gen_vreg_write_scalar()/gen_vreg_clear_high().
 *
 * Floating point: helpers build an ARMFPStatus from env->fpcr/fpsr, call
 * the exact library (fpu.h) and store the flags back into env->fpsr; the
 * common single/double operations take an exact host fast path first
 * (helper-fp.h).  FPSR.QC (integer saturation) is ORed in by the
 * saturating helpers.
 */
#include "translate-simd.h"

void gen_vreg_ld_elt(TCGv t, int r, int idx, int esz, bool sign)
{
    intptr_t off = vreg_elt_off(r, idx, esz);
    switch (esz) {
    case 0:
        tcg_gen_ld8u(t, tcg_ctx->env, off);
        if (sign) {
            tcg_gen_ext8s_i64(t, t);
        }
        break;
    case 1:
        tcg_gen_ld16u(t, tcg_ctx->env, off);
        if (sign) {
            tcg_gen_ext16s_i64(t, t);
        }
        break;
    case 2:
        (sign ? tcg_gen_ld32s : tcg_gen_ld32u)(t, tcg_ctx->env, off);
        break;
    default:
        tcg_gen_ld_i64(t, tcg_ctx->env, off);
        break;
    }
}

void gen_vreg_st_elt(TCGv t, int r, int idx, int esz)
{
    intptr_t off = vreg_elt_off(r, idx, esz);
    switch (esz) {
    case 0: tcg_gen_st8(t, tcg_ctx->env, off); break;
    case 1: tcg_gen_st16(t, tcg_ctx->env, off); break;
    case 2: tcg_gen_st32(t, tcg_ctx->env, off); break;
    default: tcg_gen_st_i64(t, tcg_ctx->env, off); break;
    }
}

TCGv gen_vreg_read_d(int r, int half)
{
    TCGv t = tcg_temp_new();
    tcg_gen_ld_i64(t, tcg_ctx->env, vreg_off(r) + half * 8);
    return t;
}

void gen_vreg_write_d(int r, int half, TCGv v)
{
    tcg_gen_st_i64(v, tcg_ctx->env, vreg_off(r) + half * 8);
}

void gen_vreg_clear_high(int r)
{
    tcg_gen_st_i64(tcg_constant(0), tcg_ctx->env, vreg_off(r) + 8);
}

void gen_vreg_write_scalar(int r, TCGv v, int esz)
{
    TCGv t = v;
    if (esz < 3) {
        t = tcg_temp_new();
        tcg_gen_extract_i64(t, v, 0, 8u << esz);
    }
    tcg_gen_st_i64(t, tcg_ctx->env, vreg_off(r));
    gen_vreg_clear_high(r);
}

/* ---- the vector-operation funnel ---- */

void gen_vop(const TCGHelperInfo *h, uint64_t desc)
{
    tcg_gen_call2(h, NULL, tcg_ctx->env, tcg_constant((int64_t)desc));
}

void gen_vop_x(const TCGHelperInfo *h, uint64_t desc, TCGv x)
{
    tcg_gen_call3(h, NULL, tcg_ctx->env, tcg_constant((int64_t)desc), x);
}

TCGv gen_vop_ret(const TCGHelperInfo *h, uint64_t desc)
{
    TCGv r = tcg_temp_new();
    tcg_gen_call2(h, r, tcg_ctx->env, tcg_constant((int64_t)desc));
    return r;
}

TCGv gen_vop_x_ret(const TCGHelperInfo *h, uint64_t desc, TCGv x)
{
    TCGv r = tcg_temp_new();
    tcg_gen_call3(h, r, tcg_ctx->env, tcg_constant((int64_t)desc), x);
    return r;
}

/* ---- addresses ---- */

/* Xn|SP + offset, in a fresh temp (the caller may write it back). */
TCGv gen_simd_addr(DisasContext *s, int rn, int64_t offset)
{
    TCGv t = tcg_temp_new();
    tcg_gen_addi_i64(t, cpu_reg_sp(s, rn), offset);
    return t;
}
