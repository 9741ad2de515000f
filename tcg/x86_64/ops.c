/* SPDX-License-Identifier: MIT */
/*
 * Per-op emitters of the x86-64 backend and their constraints.  Each
 * emitter gets registers (or immediates) placed by regalloc.c as the
 * constraint strings in op_def() ask, and must match tcg/eval.c bit for
 * bit.  I32 ops use 32-bit x86 forms, which zero-extend their result, so
 * the upper half of an I32 output is always 0 as the IR demands.
 *
 * An output may share a register with an input that dies at the op
 * (unless its constraint says '&'), so emitters read every input before
 * writing the output, or handle the overlap.
 */
#include <stdio.h>
#include <stdlib.h>
#include "x86.h"

X86OpCons x86_cons[NB_OPS];
X86EmitFn *x86_emit_fn[NB_OPS];

#define REG(i) ((int)a->v[i])
#define ISC(i) (a->is_const[i])
#define IMM(i) ((int32_t)a->v[i])

int x86_cond_cc(TCGCond c)
{
    static const int8_t cc[] = {
        [TCG_COND_EQ] = CC_E, [TCG_COND_NE] = CC_NE,
        [TCG_COND_LT] = CC_L, [TCG_COND_GE] = CC_GE,
        [TCG_COND_LE] = CC_LE, [TCG_COND_GT] = CC_G,
        [TCG_COND_LTU] = CC_B, [TCG_COND_GEU] = CC_AE,
        [TCG_COND_LEU] = CC_BE, [TCG_COND_GTU] = CC_A,
        [TCG_COND_TSTEQ] = CC_E, [TCG_COND_TSTNE] = CC_NE,
    };
    return cc[c];
}

/* Sets flags for cond(a[ia], a[ib]).  test r,r equals cmp r,0 for every
 * condition (both leave CF = OF = 0). */
void x86_emit_cmp(X86Ctx *x, TCGType type, TCGCond c, const X86Args *a,
                  int ia, int ib)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int r = REG(ia);
    if (c == TCG_COND_TSTEQ || c == TCG_COND_TSTNE) {
        if (ISC(ib)) {
            x86_test_ri(cb, w, r, (uint32_t)a->v[ib]);
        } else {
            x86_rr(cb, OPC_TESTL | (w ? P_W : 0), REG(ib), r);
        }
    } else if (ISC(ib)) {
        if (IMM(ib) == 0) {
            x86_rr(cb, OPC_TESTL | (w ? P_W : 0), r, r);
        } else {
            x86_arith_ri(cb, ARITH_CMP, w, r, IMM(ib));
        }
    } else {
        x86_arith_rr(cb, ARITH_CMP, w, r, REG(ib));
    }
}

/* ---- moves, compares, host loads and stores ---- */

static void emit_setcond(X86Ctx *x, TCGType type, const X86Args *a)
{
    TCGCond c = (TCGCond)a->v[3];
    int d = REG(0);
    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        x86_movi(&x->cb, d, c == TCG_COND_ALWAYS);
        return;
    }
    x86_emit_cmp(x, type, c, a, 1, 2);
    x86_rr(&x->cb, OPC_SETCC + x86_cond_cc(c), 0, d);
    x86_rr(&x->cb, OPC_MOVZBL | P_BYTE_RM, d, d);
}

/* out (= f by alias) = cond(a, b) ? t : f.  A 32-bit cmov writes (and so
 * zero-extends) its destination even when the condition is false. */
static void emit_movcond(X86Ctx *x, TCGType type, const X86Args *a)
{
    TCGCond c = (TCGCond)a->v[5];
    bool w = x86_w(type);
    int d = REG(0);
    if (c == TCG_COND_ALWAYS) {
        x86_mov_rr(&x->cb, w, d, REG(3));
    } else if (c == TCG_COND_NEVER) {
        if (!w) {
            x86_mov_rr(&x->cb, false, d, d);
        }
    } else {
        x86_emit_cmp(x, type, c, a, 1, 2);
        x86_rr(&x->cb, (OPC_CMOVCC + x86_cond_cc(c)) | (w ? P_W : 0), d,
               REG(3));
    }
}

static void emit_brcond(X86Ctx *x, TCGType type, const X86Args *a)
{
    TCGCond c = (TCGCond)a->v[2];
    int label = (int)a->v[3];
    if (c == TCG_COND_NEVER) {
        return;
    }
    if (c == TCG_COND_ALWAYS) {
        x86_branch_to_label(x, -1, label);
        return;
    }
    x86_emit_cmp(x, type, c, a, 0, 1);
    x86_branch_to_label(x, x86_cond_cc(c), label);
}

static int32_t host_off(const X86Args *a, int k)
{
    if (!fits_s32(a->v[k])) {
        fprintf(stderr, "mimic: x86 backend: host ld/st offset too big\n");
        abort();
    }
    return (int32_t)a->v[k];
}

static void emit_ld_common(X86Ctx *x, int opc, const X86Args *a)
{
    x86_rm(&x->cb, opc, REG(0), REG(1), R_NONE, 0, host_off(a, 2));
}

#define W64(type) (x86_w(type) ? P_W : 0)

static void emit_ld8u(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_ld_common(x, OPC_MOVZBL, a);
}
static void emit_ld8s(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_ld_common(x, OPC_MOVSBL | W64(t), a);
}
static void emit_ld16u(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_ld_common(x, OPC_MOVZWL, a);
}
static void emit_ld16s(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_ld_common(x, OPC_MOVSWL | W64(t), a);
}
static void emit_ld32u(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_ld_common(x, OPC_MOVL_GvEv, a);
}
static void emit_ld32s(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_ld_common(x, x86_w(t) ? OPC_MOVSLQ | P_W : OPC_MOVL_GvEv, a);
}
static void emit_ld(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_ld_common(x, OPC_MOVL_GvEv | W64(t), a);
}

/* size: 0..3 for 8..64 bits; a constant value is an immediate. */
static void emit_st_common(X86Ctx *x, int size, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    int32_t off = host_off(a, 2);
    static const int reg_opc[4] = {
        OPC_MOVB_EvGv | P_BYTE_R, OPC_MOVL_EvGv | P_66, OPC_MOVL_EvGv,
        OPC_MOVL_EvGv | P_W,
    };
    static const int imm_opc[4] = {
        OPC_MOVB_EvIz, OPC_MOVL_EvIz | P_66, OPC_MOVL_EvIz,
        OPC_MOVL_EvIz | P_W,
    };
    if (!ISC(0)) {
        x86_rm(cb, reg_opc[size], REG(0), REG(1), R_NONE, 0, off);
        return;
    }
    x86_rm(cb, imm_opc[size], 0, REG(1), R_NONE, 0, off);
    if (size == 0) {
        cb_byte(cb, (uint8_t)a->v[0]);
    } else if (size == 1) {
        cb_byte(cb, (uint8_t)a->v[0]);
        cb_byte(cb, (uint8_t)(a->v[0] >> 8));
    } else {
        cb_u32(cb, (uint32_t)a->v[0]);
    }
}

static void emit_st8(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_st_common(x, 0, a);
}
static void emit_st16(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_st_common(x, 1, a);
}
static void emit_st32(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_st_common(x, 2, a);
}
static void emit_st(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_st_common(x, 3, a);
}

static void emit_mb(X86Ctx *x, TCGType t, const X86Args *a)
{
    /* x86 only lets a later load pass an earlier store */
    if (a->v[0] & TCG_MO_ST_LD) {
        cb_byte(&x->cb, 0x0f);
        cb_byte(&x->cb, 0xae);
        cb_byte(&x->cb, 0xf0);
    }
}

/* ---- arithmetic and logic ---- */

/* d = s op b for commutative ops, d possibly equal to s or b. */
static void emit_commutative(X86Ctx *x, int arith, TCGType type,
                             const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), s = REG(1);
    if (ISC(2)) {
        if (d != s) {
            x86_mov_rr(cb, w, d, s);
        }
        x86_arith_ri(cb, arith, w, d, IMM(2));
    } else if (d == REG(2)) {
        x86_arith_rr(cb, arith, w, d, s);
    } else {
        if (d != s) {
            x86_mov_rr(cb, w, d, s);
        }
        x86_arith_rr(cb, arith, w, d, REG(2));
    }
}

static void emit_add(X86Ctx *x, TCGType type, const X86Args *a)
{
    bool w = x86_w(type);
    int d = REG(0), s = REG(1);
    if (d == s || (!ISC(2) && d == REG(2))) {
        emit_commutative(x, ARITH_ADD, type, a);
    } else if (ISC(2)) {
        x86_lea(&x->cb, w, d, s, R_NONE, 0, IMM(2));
    } else {
        x86_lea(&x->cb, w, d, s, REG(2), 0, 0);
    }
}

static void emit_sub(X86Ctx *x, TCGType type, const X86Args *a)
{
    /* d == s by the "0" constraint */
    if (ISC(2)) {
        x86_arith_ri(&x->cb, ARITH_SUB, x86_w(type), REG(0), IMM(2));
    } else {
        x86_arith_rr(&x->cb, ARITH_SUB, x86_w(type), REG(0), REG(2));
    }
}

static void emit_and(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_commutative(x, ARITH_AND, t, a);
}
static void emit_or(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_commutative(x, ARITH_OR, t, a);
}
static void emit_xor(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_commutative(x, ARITH_XOR, t, a);
}

static void emit_eqv(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_commutative(x, ARITH_XOR, t, a);
    x86_grp3(&x->cb, EXT3_NOT, x86_w(t), REG(0));
}

/* andc/orc: d = s op ~b, d distinct from s and b ('&'). */
static void emit_andc_orc(X86Ctx *x, int arith, TCGType type,
                          const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), s = REG(1);
    if (ISC(2)) {
        x86_mov_rr(cb, w, d, s);
        x86_arith_ri(cb, arith, w, d, ~IMM(2));
    } else if (arith == ARITH_AND && x86_features.bmi1) {
        x86_vex_rr(cb, OPC_ANDN | (w ? P_W : 0), d, REG(2), s);
    } else {
        x86_mov_rr(cb, w, d, REG(2));
        x86_grp3(cb, EXT3_NOT, w, d);
        x86_arith_rr(cb, arith, w, d, s);
    }
}

static void emit_andc(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_andc_orc(x, ARITH_AND, t, a);
}
static void emit_orc(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_andc_orc(x, ARITH_OR, t, a);
}

static void emit_mul(X86Ctx *x, TCGType type, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    int w = x86_w(type) ? P_W : 0;
    int d = REG(0), s = REG(1);
    if (ISC(2)) {
        if (fits_s8(IMM(2))) {
            x86_rr(cb, OPC_IMUL_GvEvIb | w, d, s);
            cb_byte(cb, (uint8_t)IMM(2));
        } else {
            x86_rr(cb, OPC_IMUL_GvEvIz | w, d, s);
            cb_u32(cb, (uint32_t)IMM(2));
        }
    } else if (d == REG(2)) {
        x86_rr(cb, OPC_IMUL_GvEv | w, d, s);
    } else {
        if (d != s) {
            x86_mov_rr(cb, w, d, s);
        }
        x86_rr(cb, OPC_IMUL_GvEv | w, d, REG(2));
    }
}

/* rdx:rax = rax * b; the high half is the result (rdx by constraint). */
static void emit_muluh(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_grp3(&x->cb, EXT3_MUL, x86_w(t), REG(2));
}
static void emit_mulsh(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_grp3(&x->cb, EXT3_IMUL, x86_w(t), REG(2));
}

/* Division with the AArch64 rules: x / 0 = 0, x % 0 = x, and for the
 * signed forms x / -1 = -x (INT_MIN stays INT_MIN, which idiv would trap
 * on) and x % -1 = 0.  Dividend in rax; quotient rax, remainder rdx. */
static void emit_divrem(X86Ctx *x, TCGType type, const X86Args *a,
                        bool sign, bool rem)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int b = REG(2);
    size_t m1 = 0, done1 = 0;
    if (sign) {
        x86_arith_ri(cb, ARITH_CMP, w, b, -1);
        m1 = x86_jcc8(cb, CC_E);
    }
    x86_rr(cb, OPC_TESTL | (w ? P_W : 0), b, b);
    size_t zero = x86_jcc8(cb, CC_E);
    if (sign) {
        if (w) {
            cb_byte(cb, 0x48);
        }
        cb_byte(cb, 0x99);                          /* cqo / cdq */
        x86_grp3(cb, EXT3_IDIV, w, b);
    } else {
        x86_arith_rr(cb, ARITH_XOR, false, R_DX, R_DX);
        x86_grp3(cb, EXT3_DIV, w, b);
    }
    size_t done0 = x86_jmp8(cb);
    if (sign) {
        x86_land8(cb, m1);
        if (rem) {
            x86_arith_rr(cb, ARITH_XOR, false, R_DX, R_DX);
        } else {
            x86_grp3(cb, EXT3_NEG, w, R_AX);
        }
        done1 = x86_jmp8(cb);
    }
    x86_land8(cb, zero);
    if (rem) {
        x86_mov_rr(cb, w, R_DX, R_AX);
    } else {
        x86_arith_rr(cb, ARITH_XOR, false, R_AX, R_AX);
    }
    x86_land8(cb, done0);
    if (sign) {
        x86_land8(cb, done1);
    }
}

static void emit_div(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_divrem(x, t, a, true, false);
}
static void emit_divu(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_divrem(x, t, a, false, false);
}
static void emit_rem(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_divrem(x, t, a, true, true);
}
static void emit_remu(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_divrem(x, t, a, false, true);
}

static void emit_neg(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_grp3(&x->cb, EXT3_NEG, x86_w(t), REG(0));
}
static void emit_not(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_grp3(&x->cb, EXT3_NOT, x86_w(t), REG(0));
}

/* ---- shifts and rotates: counts modulo the width ---- */

static void emit_shift(X86Ctx *x, TCGType type, const X86Args *a, int ext)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), s = REG(1);
    if (ISC(2)) {
        int n = (int)(a->v[2] & (w ? 63 : 31));
        if (d != s || (!w && n == 0)) {
            x86_mov_rr(cb, w, d, s);
        }
        if (n) {
            x86_shift_ri(cb, ext, w, d, n);
        }
        return;
    }
    if (x86_features.bmi2 && ext != SHIFT_ROL && ext != SHIFT_ROR) {
        /* constraint ("r", "r", "ri"): shlx/shrx/sarx d, s, count */
        int opc = ext == SHIFT_SHL ? OPC_SHLX : ext == SHIFT_SHR ? OPC_SHRX
                                                                 : OPC_SARX;
        x86_vex_rr(cb, opc | (w ? P_W : 0), d, REG(2), s);
        return;
    }
    /* count in cl; a 32-bit shift by 0 might leave the upper half alone,
     * so clear it first */
    if (!w) {
        x86_mov_rr(cb, false, d, d);
    }
    x86_shift_rcl(cb, ext, w, d);
}

static void emit_shl(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_shift(x, t, a, SHIFT_SHL);
}
static void emit_shr(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_shift(x, t, a, SHIFT_SHR);
}
static void emit_sar(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_shift(x, t, a, SHIFT_SAR);
}
static void emit_rotl(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_shift(x, t, a, SHIFT_ROL);
}
static void emit_rotr(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_shift(x, t, a, SHIFT_ROR);
}

/* ---- bit counting ---- */

static void emit_clz(X86Ctx *x, TCGType type, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), s = REG(1), bits = w ? 64 : 32;
    if (x86_features.lzcnt) {
        x86_rr(cb, OPC_LZCNT | (w ? P_W : 0), d, s);
        return;
    }
    /* clz = bsr ^ (bits - 1); for 0, (2 * bits - 1) ^ (bits - 1) = bits */
    x86_rr(cb, OPC_BSR | (w ? P_W : 0), d, s);
    size_t nz = x86_jcc8(cb, CC_NE);
    x86_movi_keep_flags(cb, d, (uint64_t)(2 * bits - 1));
    x86_land8(cb, nz);
    x86_arith_ri(cb, ARITH_XOR, w, d, bits - 1);
}

static void emit_ctz(X86Ctx *x, TCGType type, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), s = REG(1);
    if (x86_features.bmi1) {
        x86_rr(cb, OPC_TZCNT | (w ? P_W : 0), d, s);
        return;
    }
    x86_rr(cb, OPC_BSF | (w ? P_W : 0), d, s);
    size_t nz = x86_jcc8(cb, CC_NE);
    x86_movi_keep_flags(cb, d, w ? 64 : 32);
    x86_land8(cb, nz);
}

/* Without popcnt: the classic SWAR sum, with two scratch registers for
 * the 64-bit masks. */
static void emit_ctpop(X86Ctx *x, TCGType type, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), s = REG(1), t = a->scratch[0], k = a->scratch[1];
    static const uint64_t m[4] = {
        0x5555555555555555ull, 0x3333333333333333ull,
        0x0f0f0f0f0f0f0f0full, 0x0101010101010101ull,
    };
    if (x86_features.popcnt) {
        x86_rr(cb, OPC_POPCNT | (w ? P_W : 0), d, s);
        return;
    }
    uint64_t mask = w ? ~0ull : 0xffffffffull;
    x86_mov_rr(cb, w, d, s);
    x86_mov_rr(cb, w, t, d);
    x86_shift_ri(cb, SHIFT_SHR, w, t, 1);
    x86_movi(cb, k, m[0] & mask);
    x86_arith_rr(cb, ARITH_AND, w, t, k);
    x86_arith_rr(cb, ARITH_SUB, w, d, t);
    x86_movi(cb, k, m[1] & mask);
    x86_mov_rr(cb, w, t, d);
    x86_shift_ri(cb, SHIFT_SHR, w, t, 2);
    x86_arith_rr(cb, ARITH_AND, w, t, k);
    x86_arith_rr(cb, ARITH_AND, w, d, k);
    x86_arith_rr(cb, ARITH_ADD, w, d, t);
    x86_mov_rr(cb, w, t, d);
    x86_shift_ri(cb, SHIFT_SHR, w, t, 4);
    x86_arith_rr(cb, ARITH_ADD, w, d, t);
    x86_movi(cb, k, m[2] & mask);
    x86_arith_rr(cb, ARITH_AND, w, d, k);
    x86_movi(cb, k, m[3] & mask);
    x86_rr(cb, OPC_IMUL_GvEv | (w ? P_W : 0), d, k);
    x86_shift_ri(cb, SHIFT_SHR, w, d, w ? 56 : 24);
}

/* ---- byte swaps and extensions ---- */

static void emit_bswap16(X86Ctx *x, TCGType t, const X86Args *a)
{
    /* movzx then a 16-bit rol by 8 (the upper bits stay 0) */
    x86_rr(&x->cb, OPC_MOVZWL, REG(0), REG(1));
    x86_rr(&x->cb, OPC_SHIFT_Ib | P_66, SHIFT_ROL, REG(0));
    cb_byte(&x->cb, 8);
}

static void emit_bswap32(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_bswap(&x->cb, false, REG(0));
}

static void emit_bswap64(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_bswap(&x->cb, true, REG(0));
    if (!x86_w(t)) {
        x86_mov_rr(&x->cb, false, REG(0), REG(0));
    }
}

static void emit_ext8s(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_rr(&x->cb, OPC_MOVSBL | P_BYTE_RM | W64(t), REG(0), REG(1));
}
static void emit_ext8u(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_rr(&x->cb, OPC_MOVZBL | P_BYTE_RM, REG(0), REG(1));
}
static void emit_ext16s(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_rr(&x->cb, OPC_MOVSWL | W64(t), REG(0), REG(1));
}
static void emit_ext16u(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_rr(&x->cb, OPC_MOVZWL, REG(0), REG(1));
}
static void emit_ext32s(X86Ctx *x, TCGType t, const X86Args *a)
{
    if (x86_w(t)) {
        x86_rr(&x->cb, OPC_MOVSLQ | P_W, REG(0), REG(1));
    } else {
        x86_mov_rr(&x->cb, false, REG(0), REG(1));
    }
}
static void emit_ext32u(X86Ctx *x, TCGType t, const X86Args *a)
{
    x86_mov_rr(&x->cb, false, REG(0), REG(1));
}

/* ---- bit fields ---- */

static void emit_extract(X86Ctx *x, TCGType type, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), s = REG(1), bits = w ? 64 : 32;
    int pos = (int)a->v[2], len = (int)a->v[3];
    if (pos == 0 && len == 8) {
        x86_rr(cb, OPC_MOVZBL | P_BYTE_RM, d, s);
    } else if (pos == 0 && len == 16) {
        x86_rr(cb, OPC_MOVZWL, d, s);
    } else if (pos == 0 && len == 32) {
        x86_mov_rr(cb, false, d, s);
    } else if (pos + len >= bits) {
        x86_mov_rr(cb, w, d, s);
        if (pos) {
            x86_shift_ri(cb, SHIFT_SHR, w, d, pos);
        }
    } else if (len < 32) {
        x86_mov_rr(cb, w, d, s);
        if (pos) {
            x86_shift_ri(cb, SHIFT_SHR, w, d, pos);
        }
        /* a 32-bit and with a positive mask clears the upper half too */
        x86_arith_ri(cb, ARITH_AND, false, d, (int32_t)((1u << len) - 1));
    } else {
        x86_mov_rr(cb, true, d, s);
        x86_shift_ri(cb, SHIFT_SHL, true, d, 64 - pos - len);
        x86_shift_ri(cb, SHIFT_SHR, true, d, 64 - len);
    }
}

static void emit_sextract(X86Ctx *x, TCGType type, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), s = REG(1), bits = w ? 64 : 32;
    int pos = (int)a->v[2], len = (int)a->v[3];
    if (pos == 0 && len == 8) {
        x86_rr(cb, OPC_MOVSBL | P_BYTE_RM | W64(type), d, s);
    } else if (pos == 0 && len == 16) {
        x86_rr(cb, OPC_MOVSWL | W64(type), d, s);
    } else if (pos == 0 && len == 32 && w) {
        x86_rr(cb, OPC_MOVSLQ | P_W, d, s);
    } else if (pos == 0 && len >= bits) {
        x86_mov_rr(cb, w, d, s);
    } else {
        x86_mov_rr(cb, w, d, s);
        if (bits - pos - len > 0) {
            x86_shift_ri(cb, SHIFT_SHL, w, d, bits - pos - len);
        }
        x86_shift_ri(cb, SHIFT_SAR, w, d, bits - len);
    }
}

/* Clears bits [pos, pos + len) of d (len < width). */
static void deposit_clear(CodeBuf *cb, bool w, int d, int pos, int len)
{
    uint64_t m = ((1ull << len) - 1) << pos;
    if (!w || fits_s32((int64_t)~m)) {
        x86_arith_ri(cb, ARITH_AND, w, d, (int32_t)~m);
        return;
    }
    /* a 64-bit mask that no imm32 encodes: rotate the field to bit 0 */
    if (pos) {
        x86_shift_ri(cb, SHIFT_ROR, true, d, pos);
    }
    x86_shift_ri(cb, SHIFT_SHR, true, d, len);
    x86_shift_ri(cb, SHIFT_SHL, true, d, len);
    if (pos) {
        x86_shift_ri(cb, SHIFT_ROL, true, d, pos);
    }
}

/* d (= a by alias) gets b's low len bits at pos; one scratch register. */
static void emit_deposit(X86Ctx *x, TCGType type, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    int d = REG(0), t = a->scratch[0], bits = w ? 64 : 32;
    int pos = (int)a->v[3], len = (int)a->v[4];
    if (len >= bits) {
        if (ISC(2)) {
            x86_movi(cb, d, w ? (uint64_t)a->v[2] : (uint32_t)a->v[2]);
        } else {
            x86_mov_rr(cb, w, d, REG(2));
        }
        return;
    }
    if (!ISC(2) && pos == 0 && (len == 8 || len == 16)) {
        x86_rr(cb, len == 8 ? OPC_MOVB_EvGv | P_BYTE_R | P_BYTE_RM
                            : OPC_MOVL_EvGv | P_66, REG(2), d);
        if (!w) {
            x86_mov_rr(cb, false, d, d);
        }
        return;
    }
    deposit_clear(cb, w, d, pos, len);
    if (ISC(2)) {
        uint64_t v = ((uint64_t)a->v[2] & ((1ull << len) - 1)) << pos;
        if (!w || fits_s32((int64_t)v)) {
            if (v) {
                x86_arith_ri(cb, ARITH_OR, w, d, (int32_t)v);
            }
        } else {
            x86_movi(cb, t, v);
            x86_arith_rr(cb, ARITH_OR, w, d, t);
        }
        return;
    }
    x86_mov_rr(cb, w, t, REG(2));
    x86_shift_ri(cb, SHIFT_SHL, w, t, bits - len);
    if (bits - len - pos) {
        x86_shift_ri(cb, SHIFT_SHR, w, t, bits - len - pos);
    }
    x86_arith_rr(cb, ARITH_OR, w, d, t);
}

/* (d0, d1) = (a0, a1) +/- (b0, b1); d0/d1 alias a0/a1, and the allocator
 * keeps b1 out of d0 (it is read after d0 is written). */
static void emit_add2_sub2(X86Ctx *x, TCGType type, const X86Args *a,
                           int lo, int hi)
{
    CodeBuf *cb = &x->cb;
    bool w = x86_w(type);
    if (ISC(4)) {
        x86_arith_ri(cb, lo, w, REG(0), IMM(4));
    } else {
        x86_arith_rr(cb, lo, w, REG(0), REG(4));
    }
    if (ISC(5)) {
        x86_arith_ri(cb, hi, w, REG(1), IMM(5));
    } else {
        x86_arith_rr(cb, hi, w, REG(1), REG(5));
    }
}

static void emit_add2(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_add2_sub2(x, t, a, ARITH_ADD, ARITH_ADC);
}
static void emit_sub2(X86Ctx *x, TCGType t, const X86Args *a)
{
    emit_add2_sub2(x, t, a, ARITH_SUB, ARITH_SBB);
}

/* ---- the constraint table ---- */

#define DEF(e, ...) (X86OpDef){ .cons = { __VA_ARGS__ }, .emit = e }

/* Conditions, host loads and stores, two-operand ALU ops. */
static X86OpDef op_def_basic(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_setcond: return DEF(emit_setcond, "r", "r", "re");
    case INDEX_op_movcond: return DEF(emit_movcond, "r", "r", "re", "r", "0");
    case INDEX_op_brcond: return DEF(emit_brcond, "r", "re");
    case INDEX_op_ld8u: return DEF(emit_ld8u, "r", "r");
    case INDEX_op_ld8s: return DEF(emit_ld8s, "r", "r");
    case INDEX_op_ld16u: return DEF(emit_ld16u, "r", "r");
    case INDEX_op_ld16s: return DEF(emit_ld16s, "r", "r");
    case INDEX_op_ld32u: return DEF(emit_ld32u, "r", "r");
    case INDEX_op_ld32s: return DEF(emit_ld32s, "r", "r");
    case INDEX_op_ld: return DEF(emit_ld, "r", "r");
    case INDEX_op_st8: return DEF(emit_st8, "ri", "r");
    case INDEX_op_st16: return DEF(emit_st16, "ri", "r");
    case INDEX_op_st32: return DEF(emit_st32, "ri", "r");
    case INDEX_op_st: return DEF(emit_st, "re", "r");
    case INDEX_op_mb: return DEF(emit_mb, NULL);
    case INDEX_op_add: return DEF(emit_add, "r", "r", "re");
    case INDEX_op_sub: return DEF(emit_sub, "r", "0", "re");
    case INDEX_op_mul: return DEF(emit_mul, "r", "r", "re");
    case INDEX_op_and: return DEF(emit_and, "r", "r", "re");
    case INDEX_op_or: return DEF(emit_or, "r", "r", "re");
    case INDEX_op_xor: return DEF(emit_xor, "r", "r", "re");
    case INDEX_op_eqv: return DEF(emit_eqv, "r", "r", "re");
    case INDEX_op_andc: return DEF(emit_andc, "&r", "r", "re");
    case INDEX_op_orc: return DEF(emit_orc, "&r", "r", "re");
    case INDEX_op_neg: return DEF(emit_neg, "r", "0");
    case INDEX_op_not: return DEF(emit_not, "r", "0");
    default:
        return (X86OpDef){ .emit = NULL };
    }
}

/* Ops with fixed registers, feature-dependent forms or scratch needs. */
static X86OpDef op_def(TCGOpcode opc)
{
    const X86Features *f = &x86_features;
    X86OpDef d;
    switch (opc) {
    case INDEX_op_muluh:
        d = DEF(emit_muluh, "d", "a", "N");
        d.clobber = "a";
        return d;
    case INDEX_op_mulsh:
        d = DEF(emit_mulsh, "d", "a", "N");
        d.clobber = "a";
        return d;
    case INDEX_op_div:
        d = DEF(emit_div, "a", "0", "N");
        d.clobber = "d";
        return d;
    case INDEX_op_divu:
        d = DEF(emit_divu, "a", "0", "N");
        d.clobber = "d";
        return d;
    case INDEX_op_rem:
        d = DEF(emit_rem, "d", "a", "N");
        d.clobber = "a";
        return d;
    case INDEX_op_remu:
        d = DEF(emit_remu, "d", "a", "N");
        d.clobber = "a";
        return d;
    case INDEX_op_shl:
        return f->bmi2 ? DEF(emit_shl, "r", "r", "ri")
                       : DEF(emit_shl, "r", "0", "ci");
    case INDEX_op_shr:
        return f->bmi2 ? DEF(emit_shr, "r", "r", "ri")
                       : DEF(emit_shr, "r", "0", "ci");
    case INDEX_op_sar:
        return f->bmi2 ? DEF(emit_sar, "r", "r", "ri")
                       : DEF(emit_sar, "r", "0", "ci");
    case INDEX_op_rotl: return DEF(emit_rotl, "r", "0", "ci");
    case INDEX_op_rotr: return DEF(emit_rotr, "r", "0", "ci");
    case INDEX_op_clz: return DEF(emit_clz, "r", "r");
    case INDEX_op_ctz: return DEF(emit_ctz, "r", "r");
    case INDEX_op_ctpop:
        d = f->popcnt ? DEF(emit_ctpop, "r", "r") : DEF(emit_ctpop, "&r", "r");
        d.nb_scratch = f->popcnt ? 0 : 2;
        return d;
    case INDEX_op_bswap16: return DEF(emit_bswap16, "r", "r");
    case INDEX_op_bswap32: return DEF(emit_bswap32, "r", "0");
    case INDEX_op_bswap64: return DEF(emit_bswap64, "r", "0");
    case INDEX_op_ext8s: return DEF(emit_ext8s, "r", "r");
    case INDEX_op_ext8u: return DEF(emit_ext8u, "r", "r");
    case INDEX_op_ext16s: return DEF(emit_ext16s, "r", "r");
    case INDEX_op_ext16u: return DEF(emit_ext16u, "r", "r");
    case INDEX_op_ext32s: return DEF(emit_ext32s, "r", "r");
    case INDEX_op_ext32u: return DEF(emit_ext32u, "r", "r");
    case INDEX_op_extract: return DEF(emit_extract, "r", "r");
    case INDEX_op_sextract: return DEF(emit_sextract, "r", "r");
    case INDEX_op_deposit:
        d = DEF(emit_deposit, "r", "0", "ri");
        d.nb_scratch = 1;
        return d;
    case INDEX_op_add2: return DEF(emit_add2, "r", "r", "0", "1", "re", "re");
    case INDEX_op_sub2: return DEF(emit_sub2, "r", "r", "0", "1", "re", "re");
    case INDEX_op_qemu_ld: return x86_qemu_ld_def();
    case INDEX_op_qemu_st: return x86_qemu_st_def();
    case INDEX_op_goto_lookup:
        d = DEF(x86_emit_goto_lookup, "r");
        d.nb_scratch = 2;
        d.sync_globals = true;
        return d;
    default:
        /* the rest, or NULL: labels, mov/movi, calls and block exits are
         * handled by the driver */
        return op_def_basic(opc);
    }
}

void x86_init_ops(void)
{
    for (int opc = 0; opc < NB_OPS; opc++) {
        X86OpDef d = op_def((TCGOpcode)opc);
        x86_emit_fn[opc] = d.emit;
        if (d.emit && !ra_parse_cons(&d, &tcg_op_defs[opc], &x86_cons[opc],
                                     TCG_TYPE_I64)) {
            fprintf(stderr, "mimic: x86 backend: bad constraints for %s\n",
                    tcg_op_defs[opc].name);
            abort();
        }
    }
}
