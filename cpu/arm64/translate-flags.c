/* SPDX-License-Identifier: MIT */
/*
 * NZCV computation and condition codes (Arm ARM C1.2.4, "Condition code").
 * Flags live in four globals (see cpu.h): N is bit 63 of NF, Z is NF==0
 * style "ZF == 0", C is CF (0/1) and V is bit 63 of VF.  32-bit forms
 * sign-extend so that the same tests work for both widths.
 *
 * Flag-setting instructions always compute all four globals; liveness
 * drops what nothing needs.  Besides, the last compare, addition or
 * logical operation of the block is remembered with its operands, so a
 * conditional branch, select or compare that consumes the flags in the
 * same block tests the operands directly (SUBS + B.GT becomes one host
 * compare and jump) instead of the flag words.  Anything else that writes
 * a flag global, and any label (paths merging), forgets that record
 * (gen_flags_insn_end).
 */
#include "translate.h"

/* What the flags currently equal, as far as this block knows. */
enum { CC_NONE, CC_SUB, CC_ADD, CC_LOGIC };
static __thread struct {
    int kind;
    bool sf;
    TCGv a, b, res;   /* SUB: a - b; ADD: res = a + b; LOGIC: res */
    bool res_kept;    /* res also went to a register (not CMP/CMN/TST) */
    int end;          /* ops index after the setter's own ops */
} cc;

void gen_flags_forget(void)
{
    cc.kind = CC_NONE;
}

/* A private copy of an operand: the caller's temp or global may change
 * before the consumer runs (copy propagation makes unneeded copies free). */
static TCGv cc_copy(TCGv v)
{
    if (v->kind == TEMP_CONST) {
        return v;
    }
    TCGv t = tcg_temp_new();
    tcg_gen_mov_i64(t, v);
    return t;
}

static void cc_record(int kind, bool sf, TCGv a, TCGv b, TCGv res)
{
    cc.kind = kind;
    cc.sf = sf;
    cc.a = a;
    cc.b = b;
    cc.res = res;
    cc.res_kept = false;
    cc.end = tcg_ctx->nb_ops;
}

static bool is_flag(TCGv t)
{
    return t == cpu_NF || t == cpu_ZF || t == cpu_CF || t == cpu_VF;
}

void gen_flags_insn_end(int op_start)
{
    TCGContext *s = tcg_ctx;
    int from = op_start > cc.end ? op_start : cc.end;
    for (int i = from; i < s->nb_ops && cc.kind != CC_NONE; i++) {
        const TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_set_label) {
            cc.kind = CC_NONE;
        }
        for (int k = 0; k < op->nb_oargs; k++) {
            if (is_flag(arg_temp(op->args[k]))) {
                cc.kind = CC_NONE;
            }
        }
    }
}

void gen_set_nz(TCGv result, bool sf)
{
    gen_flags_forget();
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
    TCGv res = cc_copy(result);
    gen_set_nz(res, sf);
    tcg_gen_movi_i64(cpu_CF, 0);
    tcg_gen_movi_i64(cpu_VF, 0);
    cc_record(CC_LOGIC, sf, NULL, NULL, res);
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
    TCGv ca = cc_copy(a), cb = cc_copy(b);
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
    /* a + k with a constant k other than 0 and the most negative value
     * sets exactly the flags of a - (-k) (CMN w0, #1 is CMP w0, #-1) */
    uint64_t mask = sf ? ~0ull : 0xffffffffull;
    uint64_t k = (uint64_t)cb->val & mask;
    if (cb->kind == TEMP_CONST && k != 0 && k != (mask >> 1) + 1) {
        cc_record(CC_SUB, sf, ca, tcg_constant((int64_t)((0 - k) & mask)),
                  res);
    } else {
        cc_record(CC_ADD, sf, ca, cb, res);
    }
}

void gen_sub_cc(bool sf, TCGv dest, TCGv a, TCGv b)
{
    TCGv res = tcg_temp_new();
    TCGv ca = cc_copy(a), cb = cc_copy(b);
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
    cc_record(CC_SUB, sf, ca, cb, res);
    cc.res_kept = dest->kind == TEMP_GLOBAL;
}

void gen_adc_cc(bool sf, TCGv dest, TCGv a, TCGv b)
{
    gen_flags_forget();
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

/* ConditionHolds() for cc 0..15 from the flag globals, into a 0/1 temp. */
static void gen_setcond_flags(int cc, TCGv dest)
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

/* The condition from the remembered flag setter, if it decides it:
 * base is cc >> 1 (EQ CS MI VS HI GE GT), the caller inverts. */
static bool cond_from_record(int base, A64Cond *c)
{
    TCGv zero = tcg_constant(0);
    static const TCGCond sub_conds[7] = {
        TCG_COND_EQ, TCG_COND_GEU, TCG_COND_LT, TCG_COND_NEVER,
        TCG_COND_GTU, TCG_COND_GE, TCG_COND_GT,
    };
    static const TCGCond logic_conds[7] = {
        TCG_COND_EQ, TCG_COND_NEVER, TCG_COND_LT, TCG_COND_NEVER,
        TCG_COND_NEVER, TCG_COND_GE, TCG_COND_GT,
    };
    c->type = cc.sf ? TCG_TYPE_I64 : TCG_TYPE_I32;
    switch (cc.kind) {
    case CC_SUB:
        if (base == 3) {            /* VS: from VF */
            return false;
        }
        /* Z and N from the result when it is at hand anyway (SUBS),
         * else compare the operands (CMP needs no subtraction then) */
        c->cond = sub_conds[base];
        if (base == 2 || (base == 0 && cc.res_kept)) {
            c->a = cc.res;
            c->b = zero;
        } else {
            c->a = cc.a;
            c->b = cc.b;
        }
        return true;
    case CC_ADD:
        if (base == 0 || base == 2) {
            c->cond = base ? TCG_COND_LT : TCG_COND_EQ;
            c->a = cc.res;
            c->b = zero;
            return true;
        }
        if (base == 1) {            /* carry: the sum wrapped below a */
            c->cond = TCG_COND_LTU;
            c->a = cc.res;
            c->b = cc.a;
            return true;
        }
        return false;
    case CC_LOGIC:                  /* C = V = 0 */
        c->cond = logic_conds[base];
        c->a = cc.res;
        c->b = zero;
        return true;
    default:
        return false;
    }
}

A64Cond a64_cond(int cc_code)
{
    A64Cond c = { .cond = TCG_COND_ALWAYS, .type = TCG_TYPE_I64 };
    TCGv zero = tcg_constant(0);
    c.a = c.b = zero;
    if (cc_code >= 14) {
        return c;
    }
    int base = cc_code >> 1;
    if (!cond_from_record(base, &c)) {
        c.type = TCG_TYPE_I64;
        c.b = zero;
        switch (base) {
        case 0: c.a = cpu_ZF; c.cond = TCG_COND_EQ; break;
        case 1: c.a = cpu_CF; c.cond = TCG_COND_NE; break;
        case 2: c.a = cpu_NF; c.cond = TCG_COND_LT; break;
        case 3: c.a = cpu_VF; c.cond = TCG_COND_LT; break;
        default:
            c.a = tcg_temp_new();
            gen_setcond_flags(base << 1, c.a);
            c.cond = TCG_COND_NE;
            break;
        }
    }
    if (cc_code & 1) {
        c.cond = tcg_invert_cond(c.cond);
    }
    return c;
}

void gen_setcond_cc(int cc_code, TCGv dest)
{
    A64Cond c = a64_cond(cc_code);
    if (c.cond == TCG_COND_ALWAYS || c.cond == TCG_COND_NEVER) {
        tcg_gen_movi_i64(dest, c.cond == TCG_COND_ALWAYS);
    } else if (c.type == TCG_TYPE_I32) {
        tcg_gen_setcond_i32(c.cond, dest, c.a, c.b);
    } else {
        tcg_gen_setcond_i64(c.cond, dest, c.a, c.b);
    }
}

void gen_brcond_a64(A64Cond c, TCGLabel *l)
{
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (c.cond == TCG_COND_NEVER) {
        return;
    } else if (c.type == TCG_TYPE_I32) {
        tcg_gen_brcond_i32(c.cond, c.a, c.b, l);
    } else {
        tcg_gen_brcond_i64(c.cond, c.a, c.b, l);
    }
}

void gen_brcond_cc(int cc_code, TCGLabel *l)
{
    gen_brcond_a64(a64_cond(cc_code), l);
}

/* The condition's operands as temps that stay valid after the flag
 * globals are discarded. */
void a64_cond_detach(A64Cond *c)
{
    if (is_flag(c->a)) {
        TCGv t = tcg_temp_new();
        tcg_gen_mov_i64(t, c->a);
        c->a = t;
    }
}
