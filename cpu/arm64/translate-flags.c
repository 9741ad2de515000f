/* SPDX-License-Identifier: MIT */
/*
 * NZCV computation and condition codes (Arm ARM C1.2.4, "Condition code").
 *
 * Flags have two forms in the CPU state (cpu.h):
 *   - explicit: four globals, N = bit 63 of NF, Z = (ZF == 0), C = CF
 *     (0/1), V = bit 63 of VF (32-bit forms sign-extend), with cc_op = 0;
 *   - lazy: cc_op names the operation (SUB, ADD, LOGIC; 32 or 64 bits)
 *     and cc_a/cc_b hold its operands; NF..VF are stale.
 * A compare, an addition or a logical operation only records its operands
 * (two or three stores at most, often none: liveness drops them when a
 * later setter comes first), instead of computing four flag words.
 *
 * Within a block the translator knows which form holds:
 *   FS_UNKNOWN  at block entry: either form, cc_op tells at run time;
 *   FS_RECORD   after a setter of this block, whose operands are in
 *               temps: a consumer in the same block tests them directly
 *               (SUBS + B.GT is one host compare and jump);
 *   FS_GLOBALS  the explicit form (after a materialization or a direct
 *               write of all four globals).
 * Code that reads the flag globals goes through a64_cond/gen_setcond_cc,
 * which materialize when they must.  The driver checks every instruction
 * afterwards (gen_flags_insn_end): one that read or partly wrote the flag
 * globals itself while they were not explicit is translated again after a
 * materialization, so other translators need not know about the lazy
 * form.  C code reads and writes flags with arm_get_nzcv/arm_set_nzcv.
 */
#include <limits.h>
#include "translate.h"

enum { FS_UNKNOWN, FS_GLOBALS, FS_RECORD };
enum { CC_SUB, CC_ADD, CC_LOGIC };

#define MAX_API_RANGES 16

typedef struct FlagState {
    int state;
    /* FS_RECORD: SUB a - b; ADD res = a + b; LOGIC res */
    int kind;
    bool sf;
    TCGv a, b, res;
    bool res_kept;          /* res also went to a register (not CMP) */
    /* CCMP/CCMN: the above if hold != 0, else the constant nzcv */
    bool ccmp;
    TCGv hold;
    int nzcv;
    /* per instruction (see gen_flags_insn_end) */
    int setter_end;         /* op index after this insn's last setter */
    int globals_from;       /* op index from which NF..VF are valid */
    int nb_ranges;          /* ops emitted here, exempt from the check */
    int range_lo[MAX_API_RANGES], range_hi[MAX_API_RANGES];
} FlagState;

static __thread FlagState fs, fs_saved;

static int api_begin(void)
{
    return tcg_ctx->nb_ops;
}

static void api_end(int lo)
{
    int hi = tcg_ctx->nb_ops;
    if (hi == lo) {
        return;
    }
    if (fs.nb_ranges > 0 && fs.range_hi[fs.nb_ranges - 1] == lo) {
        fs.range_hi[fs.nb_ranges - 1] = hi;
    } else if (fs.nb_ranges < MAX_API_RANGES) {
        fs.range_lo[fs.nb_ranges] = lo;
        fs.range_hi[fs.nb_ranges++] = hi;
    } else {
        /* out of room: treat the whole insn as checked already */
        fs.range_hi[fs.nb_ranges - 1] = hi;
    }
}

/* NF, ZF, CF and VF are consecutive globals (translate.c). */
static bool is_flag(TCGv t)
{
    return t >= cpu_NF && t <= cpu_VF;
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

/* ---- materialization ---- */

/* V = (result ^ a) & ~(a ^ b) for addition, & (a ^ b) for subtraction,
 * sign in bit 63 (or 31). */
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

static void gen_nz(TCGv res, bool sf)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_NF, res);
        tcg_gen_mov_i64(cpu_ZF, res);
    } else {
        tcg_gen_ext32s_i64(cpu_NF, res);
        tcg_gen_ext32u_i64(cpu_ZF, res);
    }
}

/* CCMP's fallback flags when its condition failed: the explicit words
 * for NZCV = nzcv, where hold is 0. */
static void gen_ccmp_select(void)
{
    int n = fs.nzcv;
    TCGv zero = tcg_constant(0);
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_NF, fs.hold, zero, cpu_NF,
                        tcg_constant((n & 8) ? -1 : 0));
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_ZF, fs.hold, zero, cpu_ZF,
                        tcg_constant((n & 4) ? 0 : 1));
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_CF, fs.hold, zero, cpu_CF,
                        tcg_constant((n & 2) ? 1 : 0));
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_VF, fs.hold, zero, cpu_VF,
                        tcg_constant((n & 1) ? -1 : 0));
}

/* The explicit form from this block's record. */
static void gen_materialize_record(void)
{
    bool sf = fs.sf;
    switch (fs.kind) {
    case CC_SUB:
        if (sf) {
            tcg_gen_setcond_i64(TCG_COND_GEU, cpu_CF, fs.a, fs.b);
        } else {
            tcg_gen_setcond_i32(TCG_COND_GEU, cpu_CF, fs.a, fs.b);
        }
        gen_overflow(sf, true, fs.res, fs.a, fs.b);
        break;
    case CC_ADD:
        /* res is the 64-bit sum (of the zero-extended halves for W) */
        if (sf) {
            tcg_gen_setcond_i64(TCG_COND_LTU, cpu_CF, fs.res, fs.a);
        } else {
            tcg_gen_shri_i64(cpu_CF, fs.res, 32);
        }
        gen_overflow(sf, false, fs.res, fs.a, fs.b);
        break;
    default:
        tcg_gen_movi_i64(cpu_CF, 0);
        tcg_gen_movi_i64(cpu_VF, 0);
        break;
    }
    gen_nz(fs.res, sf);
    if (fs.ccmp) {
        gen_ccmp_select();
    }
    tcg_gen_movi_i64(cpu_cc_op, CC_OP_FLAGS);
}

/* The explicit form whatever the state; NF..VF are valid afterwards. */
void gen_flags_materialize(void)
{
    int lo = api_begin();
    if (fs.state == FS_RECORD) {
        gen_materialize_record();
    } else if (fs.state == FS_UNKNOWN) {
        /* lazy in env only if cc_op says so: the helper is rarely run */
        TCGLabel *done = gen_new_label();
        tcg_gen_brcondi_i64(TCG_COND_EQ, cpu_cc_op, CC_OP_FLAGS, done);
        tcg_gen_call1(&helper_info_flags_sync, NULL, tcg_ctx->env);
        gen_set_label(done);
    }
    fs.state = FS_GLOBALS;
    api_end(lo);
    fs.globals_from = tcg_ctx->nb_ops;
}

/* ---- setters ---- */

static void cc_record(int kind, bool sf, TCGv a, TCGv b, TCGv res,
                      int lo)
{
    static const uint8_t ops[3][2] = {
        { CC_OP_SUB32, CC_OP_SUB64 }, { CC_OP_ADD32, CC_OP_ADD64 },
        { CC_OP_LOGIC32, CC_OP_LOGIC64 },
    };
    fs.state = FS_RECORD;
    fs.kind = kind;
    fs.sf = sf;
    fs.a = a;
    fs.b = b;
    fs.res = res;
    fs.res_kept = false;
    fs.ccmp = false;
    /* the lazy form in env: a fault or an exit from here on sees it */
    if (kind == CC_LOGIC) {
        tcg_gen_mov_i64(cpu_cc_a, res);
    } else {
        tcg_gen_mov_i64(cpu_cc_a, a);
        tcg_gen_mov_i64(cpu_cc_b, b);
    }
    tcg_gen_movi_i64(cpu_cc_op, ops[kind][sf]);
    api_end(lo);
    fs.setter_end = tcg_ctx->nb_ops;
    fs.globals_from = INT_MAX;
}

/* N and Z from result, C and V kept. */
void gen_set_nz(TCGv result, bool sf)
{
    gen_flags_materialize();
    int lo = api_begin();
    gen_nz(result, sf);
    api_end(lo);
}

void gen_logic_cc(bool sf, TCGv result)
{
    int lo = api_begin();
    cc_record(CC_LOGIC, sf, NULL, NULL, cc_copy(result), lo);
}

void gen_add_cc(bool sf, TCGv dest, TCGv a, TCGv b)
{
    int lo = api_begin();
    TCGv res = tcg_temp_new();
    TCGv ca = cc_copy(a), cb = cc_copy(b);
    if (sf) {
        tcg_gen_add_i64(res, a, b);
        tcg_gen_mov_i64(dest, res);
    } else {
        TCGv a32 = tcg_temp_new(), b32 = tcg_temp_new();
        tcg_gen_ext32u_i64(a32, ca);
        tcg_gen_ext32u_i64(b32, cb);
        tcg_gen_add_i64(res, a32, b32);
        tcg_gen_ext32u_i64(dest, res);
        ca = a32;
        cb = b32;
    }
    /* a + k with a constant k other than 0 and the most negative value
     * sets exactly the flags of a - (-k) (CMN w0, #1 is CMP w0, #-1) */
    uint64_t mask = sf ? ~0ull : 0xffffffffull;
    if (b->kind == TEMP_CONST) {
        uint64_t k = (uint64_t)b->val & mask;
        if (k != 0 && k != (mask >> 1) + 1) {
            cc_record(CC_SUB, sf, ca, tcg_constant((int64_t)((0 - k) & mask)),
                      res, lo);
            return;
        }
    }
    cc_record(CC_ADD, sf, ca, cb, res, lo);
}

void gen_sub_cc(bool sf, TCGv dest, TCGv a, TCGv b)
{
    int lo = api_begin();
    TCGv res = tcg_temp_new();
    TCGv ca = cc_copy(a), cb = cc_copy(b);
    if (sf) {
        tcg_gen_sub_i64(res, a, b);
    } else {
        tcg_gen_sub_i32(res, a, b);
    }
    tcg_gen_mov_i64(dest, res);
    cc_record(CC_SUB, sf, ca, cb, res, lo);
    fs.res_kept = dest->kind == TEMP_GLOBAL;
}

/* CCMP/CCMN (Arm ARM C6.2.62): the flags of a - b (or a + b) if hold is
 * non-zero, else nzcv.  The record keeps both; in the CPU state the
 * condition selects between the comparison's lazy form and nzcv's
 * explicit one (cc_op = 0). */
void gen_ccmp_cc(bool sf, bool sub, TCGv hold, int nzcv, TCGv a, TCGv b)
{
    TCGv scratch = tcg_temp_new();
    TCGv h = cc_copy(hold);
    (sub ? gen_sub_cc : gen_add_cc)(sf, scratch, a, b);
    int lo = api_begin();
    fs.hold = h;
    fs.nzcv = nzcv;
    gen_ccmp_select();
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_cc_op, h, tcg_constant(0),
                        cpu_cc_op, tcg_constant(CC_OP_FLAGS));
    api_end(lo);
    fs.ccmp = true;
    fs.setter_end = tcg_ctx->nb_ops;
}

/* ConditionHolds(cc) (Arm ARM J1.2.4) on constant NZCV bits. */
static bool cond_const(int cc, int nzcv)
{
    bool n = nzcv & 8, z = nzcv & 4, c = nzcv & 2, v = nzcv & 1, r;
    switch (cc >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = !z && n == v; break;
    default: return true;
    }
    return (cc & 1) ? !r : r;
}

/* ADCS/SBCS read C, so they compute the explicit form. */
void gen_adc_cc(bool sf, TCGv dest, TCGv a, TCGv b)
{
    gen_flags_materialize();
    int lo = api_begin();
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
    gen_nz(res, sf);
    if (sf) {
        tcg_gen_mov_i64(dest, res);
    } else {
        tcg_gen_ext32u_i64(dest, res);
    }
    api_end(lo);
    fs.globals_from = tcg_ctx->nb_ops;
}

/* ---- conditions ---- */

/* ConditionHolds() for an even cc from the flag globals, into 0/1. */
static void gen_setcond_flags(int cc, TCGv dest)
{
    TCGv t = tcg_temp_new(), u = tcg_temp_new();
    TCGv zero = tcg_constant(0);
    switch (cc >> 1) {
    case 4: /* HI: C && !Z */
        tcg_gen_setcond_i64(TCG_COND_NE, t, cpu_CF, zero);
        tcg_gen_setcond_i64(TCG_COND_NE, u, cpu_ZF, zero);
        tcg_gen_and_i64(dest, t, u);
        break;
    case 5: /* GE: N == V */
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        tcg_gen_setcond_i64(TCG_COND_GE, dest, t, zero);
        break;
    default: /* GT: !Z && N == V */
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        tcg_gen_setcond_i64(TCG_COND_GE, t, t, zero);
        tcg_gen_setcond_i64(TCG_COND_NE, u, cpu_ZF, zero);
        tcg_gen_and_i64(dest, t, u);
        break;
    }
}

/* The condition from the record, if it decides it: base is cc >> 1 (EQ
 * CS MI VS HI GE GT), the caller inverts. */
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
    if (fs.state != FS_RECORD) {
        return false;
    }
    c->type = fs.sf ? TCG_TYPE_I64 : TCG_TYPE_I32;
    c->b = zero;
    switch (fs.kind) {
    case CC_SUB:
        if (base == 3) {            /* VS: from VF */
            return false;
        }
        /* Z and N from the result when it is at hand anyway (SUBS),
         * else compare the operands (CMP needs no subtraction then) */
        c->cond = sub_conds[base];
        if (base == 2 || (base == 0 && fs.res_kept)) {
            c->a = fs.res;
        } else {
            c->a = fs.a;
            c->b = fs.b;
        }
        return true;
    case CC_ADD:
        if (base == 0 || base == 2) {
            c->cond = base ? TCG_COND_LT : TCG_COND_EQ;
            c->a = fs.res;
            return true;
        }
        if (base == 1) {            /* carry: the sum wrapped below a */
            c->cond = TCG_COND_LTU;
            c->a = fs.res;
            c->b = fs.a;
            return true;
        }
        return false;
    default:                        /* LOGIC: C = V = 0 */
        c->cond = logic_conds[base];
        c->a = fs.res;
        return true;
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
    if (fs.state == FS_RECORD && fs.ccmp) {
        /* hold ? the comparison's condition : the constant one */
        if (cond_from_record(base, &c)) {
            int lo = api_begin();
            TCGv t = tcg_temp_new();
            if (cc_code & 1) {
                c.cond = tcg_invert_cond(c.cond);
            }
            if (c.cond == TCG_COND_ALWAYS || c.cond == TCG_COND_NEVER) {
                tcg_gen_movi_i64(t, c.cond == TCG_COND_ALWAYS);
            } else if (c.type == TCG_TYPE_I32) {
                tcg_gen_setcond_i32(c.cond, t, c.a, c.b);
            } else {
                tcg_gen_setcond_i64(c.cond, t, c.a, c.b);
            }
            tcg_gen_movcond_i64(TCG_COND_NE, t, fs.hold, tcg_constant(0), t,
                                tcg_constant(cond_const(cc_code, fs.nzcv)));
            api_end(lo);
            return (A64Cond){ TCG_COND_NE, t, tcg_constant(0),
                              TCG_TYPE_I64 };
        }
        gen_flags_materialize();
    }
    if (!cond_from_record(base, &c)) {
        gen_flags_materialize();
        int lo = api_begin();
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
        api_end(lo);
    }
    if (cc_code & 1) {
        c.cond = tcg_invert_cond(c.cond);
    }
    return c;
}

void gen_setcond_cc(int cc_code, TCGv dest)
{
    A64Cond c = a64_cond(cc_code);
    int lo = api_begin();
    if (c.cond == TCG_COND_ALWAYS || c.cond == TCG_COND_NEVER) {
        tcg_gen_movi_i64(dest, c.cond == TCG_COND_ALWAYS);
    } else if (c.type == TCG_TYPE_I32) {
        tcg_gen_setcond_i32(c.cond, dest, c.a, c.b);
    } else {
        tcg_gen_setcond_i64(c.cond, dest, c.a, c.b);
    }
    api_end(lo);
}

void gen_brcond_a64(A64Cond c, TCGLabel *l)
{
    int lo = api_begin();
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (c.cond == TCG_COND_NEVER) {
        /* nothing */
    } else if (c.type == TCG_TYPE_I32) {
        tcg_gen_brcond_i32(c.cond, c.a, c.b, l);
    } else {
        tcg_gen_brcond_i64(c.cond, c.a, c.b, l);
    }
    api_end(lo);
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
        int lo = api_begin();
        TCGv t = tcg_temp_new();
        tcg_gen_mov_i64(t, c->a);
        c->a = t;
        api_end(lo);
    }
}

/* ---- block and instruction bookkeeping ---- */

void gen_flags_forget(void)
{
    fs.state = FS_UNKNOWN;
}

void gen_flags_insn_begin(void)
{
    fs.setter_end = -1;
    fs.globals_from = fs.state == FS_GLOBALS ? 0 : INT_MAX;
    fs.nb_ranges = 0;
    fs_saved = fs;
}

void gen_flags_redo(void)
{
    fs = fs_saved;
    gen_flags_materialize();
    gen_flags_insn_begin();
}

/* Drops NZCV (all forms) at a block exit: no successor can see them. */
void gen_flags_discard(void)
{
    int lo = api_begin();
    tcg_gen_discard(cpu_NF);
    tcg_gen_discard(cpu_ZF);
    tcg_gen_discard(cpu_CF);
    tcg_gen_discard(cpu_VF);
    tcg_gen_discard(cpu_cc_a);
    tcg_gen_discard(cpu_cc_b);
    tcg_gen_discard(cpu_cc_op);
    api_end(lo);
    fs.state = FS_UNKNOWN;
}

static bool in_api_range(int i)
{
    for (int r = 0; r < fs.nb_ranges; r++) {
        if (i >= fs.range_lo[r] && i < fs.range_hi[r]) {
            return true;
        }
    }
    return false;
}

/* Checks the ops the instruction emitted outside this file.  Returns
 * false if it read the flag globals, or wrote some of them or wrote them
 * under a condition, while they were not explicit: the caller then drops
 * the ops, calls gen_flags_redo and translates the instruction again.
 * A write of all four makes them explicit (cc_op = 0).  A label after a
 * setter of this instruction means the setter may not have run. */
bool gen_flags_insn_end(int op_start)
{
    TCGContext *s = tcg_ctx;
    unsigned written = 0;
    bool label = false, label_after_setter = false;
    TCGArg lo = temp_arg(cpu_NF), hi = temp_arg(cpu_VF);
    for (int i = op_start; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        bool touches = op->opc == INDEX_op_set_label;
        for (int k = 0; k < op->nb_oargs + op->nb_iargs && !touches; k++) {
            touches = op->args[k] >= lo && op->args[k] <= hi;
        }
        if (!touches || in_api_range(i)) {
            continue;
        }
        if (op->opc == INDEX_op_set_label) {
            label = true;
            label_after_setter |= fs.setter_end >= 0 && i >= fs.setter_end;
        }
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            TCGv t = arg_temp(op->args[k]);
            if (!is_flag(t) || i >= fs.globals_from) {
                continue;
            }
            if (k >= op->nb_oargs) {
                return false;
            }
            written |= t == cpu_NF ? 1 : t == cpu_ZF ? 2 : t == cpu_CF ? 4 : 8;
        }
    }
    if (written) {
        if (written != 15 || label) {
            return false;
        }
        tcg_gen_movi_i64(cpu_cc_op, CC_OP_FLAGS);
        fs.state = FS_GLOBALS;
    } else if (label_after_setter) {
        fs.state = FS_UNKNOWN;
    }
    return true;
}

/* Before a block exit to dest0 (and dest1 for two-way branches, or
 * UINT64_MAX): drop NZCV if no successor can see them; if one will read
 * them at once, hand them over in the explicit form. */
void gen_flags_exit(DisasContext *s, uint64_t dest0, uint64_t dest1)
{
    int u0 = a64_flags_use_at(s, dest0);
    int u1 = dest1 == UINT64_MAX ? FLAGS_DEAD : a64_flags_use_at(s, dest1);
    if (u0 == FLAGS_DEAD && u1 == FLAGS_DEAD) {
        gen_flags_discard();
    } else if ((u0 == FLAGS_READ || u1 == FLAGS_READ) &&
               fs.state == FS_RECORD) {
        gen_flags_materialize();
    }
}
