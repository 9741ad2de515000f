/* SPDX-License-Identifier: MIT */
/*
 * NZCV computation and condition codes (Arm ARM C1.2.4, "Condition code").
 * Flags live in four globals (see cpu.h): N is bit 63 of NF, Z is NF==0
 * style "ZF == 0", C is CF (0/1) and V is bit 63 of VF.  32-bit forms
 * sign-extend so that the same tests work for both widths.
 */
#include "translate.h"

void gen_set_nz(TCGv result, bool sf)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_NF, result);
        tcg_gen_mov_i64(cpu_ZF, result);
    } else {
        tcg_gen_ext32s_i64(cpu_NF, result);
        tcg_gen_ext32u_i64(cpu_ZF, result);
    }
}

void gen_logic_cc(bool sf, TCGv result)
{
    gen_set_nz(result, sf);
    tcg_gen_movi_i64(cpu_CF, 0);
    tcg_gen_movi_i64(cpu_VF, 0);
}

/* V = (result ^ a) & ~(a ^ b) for addition, sign in bit 63 (or 31). */
static void gen_overflow(bool sf, bool sub, TCGv res, TCGv a, TCGv b)
{
    TCGv t = tcg_temp_new();
    tcg_gen_xor_i64(cpu_VF, res, a);
    tcg_gen_xor_i64(t, a, b);
    if (sub) {
        tcg_gen_and_i64(cpu_VF, cpu_VF, t);
    } else {
        tcg_gen_andc_i64(cpu_VF, cpu_VF, t);
    }
    if (!sf) {
        tcg_gen_ext32s_i64(cpu_VF, cpu_VF);
    }
}

void gen_add_cc(bool sf, TCGv dest, TCGv a, TCGv b)
{
    TCGv res = tcg_temp_new();
    if (sf) {
        TCGv zero = tcg_constant(0);
        tcg_gen_add2_i64(res, cpu_CF, a, zero, b, zero);
    } else {
        TCGv a32 = tcg_temp_new(), b32 = tcg_temp_new();
        tcg_gen_ext32u_i64(a32, a);
        tcg_gen_ext32u_i64(b32, b);
        tcg_gen_add_i64(res, a32, b32);
        tcg_gen_shri_i64(cpu_CF, res, 32);
        a = a32;
        b = b32;
    }
    gen_overflow(sf, false, res, a, b);
    gen_set_nz(res, sf);
    if (sf) {
        tcg_gen_mov_i64(dest, res);
    } else {
        tcg_gen_ext32u_i64(dest, res);
    }
}

void gen_sub_cc(bool sf, TCGv dest, TCGv a, TCGv b)
{
    TCGv res = tcg_temp_new();
    if (sf) {
        tcg_gen_sub_i64(res, a, b);
        tcg_gen_setcond_i64(TCG_COND_GEU, cpu_CF, a, b);
    } else {
        tcg_gen_sub_i32(res, a, b);
        tcg_gen_setcond_i32(TCG_COND_GEU, cpu_CF, a, b);
    }
    gen_overflow(sf, true, res, a, b);
    gen_set_nz(res, sf);
    tcg_gen_mov_i64(dest, res);
}

void gen_adc_cc(bool sf, TCGv dest, TCGv a, TCGv b)
{
    TCGv res = tcg_temp_new();
    if (sf) {
        TCGv zero = tcg_constant(0), t = tcg_temp_new(), c = tcg_temp_new();
        tcg_gen_add2_i64(t, c, a, zero, cpu_CF, zero);
        tcg_gen_add2_i64(res, cpu_CF, t, c, b, zero);
    } else {
        TCGv a32 = tcg_temp_new(), b32 = tcg_temp_new();
        tcg_gen_ext32u_i64(a32, a);
        tcg_gen_ext32u_i64(b32, b);
        tcg_gen_add_i64(res, a32, b32);
        tcg_gen_add_i64(res, res, cpu_CF);
        tcg_gen_shri_i64(cpu_CF, res, 32);
        a = a32;
        b = b32;
    }
    gen_overflow(sf, false, res, a, b);
    gen_set_nz(res, sf);
    if (sf) {
        tcg_gen_mov_i64(dest, res);
    } else {
        tcg_gen_ext32u_i64(dest, res);
    }
}

/* ConditionHolds() for cc 0..15 into a 0/1 temp. */
void gen_setcond_cc(int cc, TCGv dest)
{
    TCGv t = tcg_temp_new(), u = tcg_temp_new();
    TCGv zero = tcg_constant(0);
    switch (cc >> 1) {
    case 0: /* EQ */
        tcg_gen_setcond_i64(TCG_COND_EQ, dest, cpu_ZF, zero);
        break;
    case 1: /* CS */
        tcg_gen_setcond_i64(TCG_COND_NE, dest, cpu_CF, zero);
        break;
    case 2: /* MI */
        tcg_gen_setcond_i64(TCG_COND_LT, dest, cpu_NF, zero);
        break;
    case 3: /* VS */
        tcg_gen_setcond_i64(TCG_COND_LT, dest, cpu_VF, zero);
        break;
    case 4: /* HI: C && !Z */
        tcg_gen_setcond_i64(TCG_COND_NE, t, cpu_CF, zero);
        tcg_gen_setcond_i64(TCG_COND_NE, u, cpu_ZF, zero);
        tcg_gen_and_i64(dest, t, u);
        break;
    case 5: /* GE: N == V */
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        tcg_gen_setcond_i64(TCG_COND_GE, dest, t, zero);
        break;
    case 6: /* GT: !Z && N == V */
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        tcg_gen_setcond_i64(TCG_COND_GE, t, t, zero);
        tcg_gen_setcond_i64(TCG_COND_NE, u, cpu_ZF, zero);
        tcg_gen_and_i64(dest, t, u);
        break;
    default: /* AL, NV */
        tcg_gen_movi_i64(dest, 1);
        return;
    }
    if (cc & 1) {
        tcg_gen_xori_i64(dest, dest, 1);
    }
}

void gen_brcond_cc(int cc, TCGLabel *l)
{
    TCGv zero = tcg_constant(0);
    TCGCond c;
    TCGv v;
    switch (cc >> 1) {
    case 0: v = cpu_ZF; c = TCG_COND_EQ; break;
    case 1: v = cpu_CF; c = TCG_COND_NE; break;
    case 2: v = cpu_NF; c = TCG_COND_LT; break;
    case 3: v = cpu_VF; c = TCG_COND_LT; break;
    case 7:
        tcg_gen_br(l);
        return;
    default: {
        v = tcg_temp_new();
        gen_setcond_cc(cc & ~1, v);
        c = TCG_COND_NE;
        break;
    }
    }
    if (cc & 1) {
        c = tcg_invert_cond(c);
    }
    tcg_gen_brcond_i64(c, v, zero, l);
}
