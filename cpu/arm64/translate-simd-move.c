/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD moves and bitwise operations kept inline (Arm ARM C4.1.69:
 * "Advanced SIMD copy", "modified immediate", the logical "three same"
 * forms, "scalar copy"), and the permutes, EXT and TBL/TBX that go through
 * helpers.
 */
#include "translate-simd.h"
#include "decode-a64.h"

/* v (an element of size esz) copied to every element of a 64-bit value */
TCGv gen_dup_to_64(TCGv v, int esz)
{
    static const uint64_t ones[4] = {
        0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1
    };
    TCGv t = tcg_temp_new();
    if (esz == 3) {
        tcg_gen_mov_i64(t, v);
        return t;
    }
    tcg_gen_extract_i64(t, v, 0, 8u << esz);
    tcg_gen_muli_i64(t, t, (int64_t)ones[esz]);
    return t;
}

void gen_dup_reg(int rd, TCGv v, int esz, bool q)
{
    TCGv t = gen_dup_to_64(v, esz);
    gen_vreg_write_d(rd, 0, t);
    if (q) {
        gen_vreg_write_d(rd, 1, t);
    } else {
        gen_vreg_clear_high(rd);
    }
}

/* ---- bitwise three same: inline on the 64-bit halves ---- */

typedef void LogicFn(TCGv d, TCGv n, TCGv m, TCGv old);

static void logic_and(TCGv d, TCGv n, TCGv m, TCGv o) { tcg_gen_and_i64(d, n, m); }
static void logic_bic(TCGv d, TCGv n, TCGv m, TCGv o) { tcg_gen_andc_i64(d, n, m); }
static void logic_orr(TCGv d, TCGv n, TCGv m, TCGv o) { tcg_gen_or_i64(d, n, m); }
static void logic_orn(TCGv d, TCGv n, TCGv m, TCGv o) { tcg_gen_orc_i64(d, n, m); }
static void logic_eor(TCGv d, TCGv n, TCGv m, TCGv o) { tcg_gen_xor_i64(d, n, m); }

/* BSL: d = m ^ ((m ^ n) & d) */
static void logic_bsl(TCGv d, TCGv n, TCGv m, TCGv o)
{
    tcg_gen_xor_i64(d, m, n);
    tcg_gen_and_i64(d, d, o);
    tcg_gen_xor_i64(d, d, m);
}

/* BIT: d = d ^ ((d ^ n) & m) */
static void logic_bit(TCGv d, TCGv n, TCGv m, TCGv o)
{
    tcg_gen_xor_i64(d, o, n);
    tcg_gen_and_i64(d, d, m);
    tcg_gen_xor_i64(d, d, o);
}

/* BIF: d = d ^ ((d ^ n) & ~m) */
static void logic_bif(TCGv d, TCGv n, TCGv m, TCGv o)
{
    tcg_gen_xor_i64(d, o, n);
    tcg_gen_andc_i64(d, d, m);
    tcg_gen_xor_i64(d, d, o);
}

static bool do_logic(DisasContext *s, int64_t q, int64_t rd, int64_t rn,
                     int64_t rm, LogicFn *fn, bool uses_old)
{
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv res[2];
    for (int h = 0; h <= q; h++) {
        TCGv n = gen_vreg_read_d((int)rn, h), m = gen_vreg_read_d((int)rm, h);
        TCGv old = uses_old ? gen_vreg_read_d((int)rd, h) : NULL;
        res[h] = tcg_temp_new();
        fn(res[h], n, m, old);
    }
    for (int h = 0; h <= q; h++) {
        gen_vreg_write_d((int)rd, h, res[h]);
    }
    if (!q) {
        gen_vreg_clear_high((int)rd);
    }
    return true;
}

#define TRANS_LOGIC(NAME, FN, OLD)                                           \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a)                        \
    {                                                                        \
        return do_logic(s, a->q, a->rd, a->rn, a->rm, FN, OLD);              \
    }

TRANS_LOGIC(AND_v, logic_and, false)
TRANS_LOGIC(BIC_v, logic_bic, false)
TRANS_LOGIC(ORR_v, logic_orr, false)
TRANS_LOGIC(ORN_v, logic_orn, false)
TRANS_LOGIC(EOR_v, logic_eor, false)
TRANS_LOGIC(BSL_v, logic_bsl, true)
TRANS_LOGIC(BIT_v, logic_bit, true)
TRANS_LOGIC(BIF_v, logic_bif, true)

bool trans_NOT_v(DisasContext *s, arg_NOT_v *a)
{
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv res[2];
    for (int h = 0; h <= a->q; h++) {
        res[h] = tcg_temp_new();
        tcg_gen_not_i64(res[h], gen_vreg_read_d((int)a->rn, h));
    }
    for (int h = 0; h <= a->q; h++) {
        gen_vreg_write_d((int)a->rd, h, res[h]);
    }
    if (!a->q) {
        gen_vreg_clear_high((int)a->rd);
    }
    return true;
}

/* ---- modified immediate ---- */

/* AdvSIMDExpandImm(op, cmode, imm8): the 64-bit pattern, repeated for Q=1. */
static uint64_t simd_expand_imm(int op, int cmode, uint64_t imm8)
{
    uint64_t imm = 0;
    switch (cmode >> 1) {
    case 0: imm = imm8 * 0x0000000100000001ull; break;
    case 1: imm = (imm8 << 8) * 0x0000000100000001ull; break;
    case 2: imm = (imm8 << 16) * 0x0000000100000001ull; break;
    case 3: imm = (imm8 << 24) * 0x0000000100000001ull; break;
    case 4: imm = imm8 * 0x0001000100010001ull; break;
    case 5: imm = (imm8 << 8) * 0x0001000100010001ull; break;
    case 6:
        imm = (cmode & 1) ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff;
        imm *= 0x0000000100000001ull;
        break;
    default:
        if (!(cmode & 1) && !op) {
            imm = imm8 * 0x0101010101010101ull;
        } else if (!(cmode & 1)) {
            for (int i = 0; i < 8; i++) {
                if ((imm8 >> i) & 1) {
                    imm |= 0xffull << (i * 8);
                }
            }
        } else if (!op) {
            /* FMOV single: imm8<7>:NOT(b6):Replicate(b6,5):imm8<5:0>:Zeros(19) */
            uint64_t b6 = (imm8 >> 6) & 1;
            uint64_t v = (imm8 >> 7) << 31 | (b6 ^ 1) << 30 |
                         (b6 ? 0x1full << 25 : 0) | (imm8 & 0x3f) << 19;
            imm = v * 0x0000000100000001ull;
        } else {
            uint64_t b6 = (imm8 >> 6) & 1;
            imm = (imm8 >> 7) << 63 | (b6 ^ 1) << 62 |
                  (b6 ? 0xffull << 54 : 0) | (imm8 & 0x3f) << 48;
        }
        break;
    }
    return imm;
}

bool trans_MOVI_v(DisasContext *s, arg_MOVI_v *a)
{
    int cmode = (int)a->cmode, op = (int)a->op;
    uint64_t imm8 = (uint64_t)(a->abc << 5 | a->defgh);
    if (cmode == 15 && op && !a->q) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    uint64_t imm = simd_expand_imm(op, cmode, imm8);
    bool orr_bic = (cmode < 12) && (cmode & 1);
    int rd = (int)a->rd;
    if (!orr_bic) {
        if (op && cmode != 14 && cmode != 15) {
            imm = ~imm;  /* MVNI */
        }
        gen_vreg_write_d(rd, 0, tcg_constant((int64_t)imm));
        gen_vreg_write_d(rd, 1, tcg_constant(a->q ? (int64_t)imm : 0));
        return true;
    }
    TCGv res[2];
    for (int h = 0; h <= a->q; h++) {
        res[h] = tcg_temp_new();
        if (op) {
            tcg_gen_andi_i64(res[h], gen_vreg_read_d(rd, h), (int64_t)~imm);
        } else {
            tcg_gen_ori_i64(res[h], gen_vreg_read_d(rd, h), (int64_t)imm);
        }
    }
    for (int h = 0; h <= a->q; h++) {
        gen_vreg_write_d(rd, h, res[h]);
    }
    if (!a->q) {
        gen_vreg_clear_high(rd);
    }
    return true;
}

/* ---- copy ---- */

/* imm5 of the copy class: element size (lowest set bit) and index; false
 * for the reserved xxxx0-with-no-bit forms and sizes above max. */
static bool copy_shape(int64_t imm5, int max_esz, int *esz, int *idx)
{
    if ((imm5 & 0xf) == 0) {
        return false;
    }
    *esz = __builtin_ctz((unsigned)imm5);
    if (*esz > max_esz) {
        return false;
    }
    *idx = (int)(imm5 >> (*esz + 1));
    return true;
}

bool trans_DUP_elt(DisasContext *s, arg_DUP_elt *a)
{
    int esz, idx;
    if (!copy_shape(a->imm5, 3, &esz, &idx) || (esz == 3 && !a->q)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv t = tcg_temp_new();
    gen_vreg_ld_elt(t, (int)a->rn, idx, esz, false);
    gen_dup_reg((int)a->rd, t, esz, a->q);
    return true;
}

bool trans_DUP_gen(DisasContext *s, arg_DUP_gen *a)
{
    int esz, idx;
    if (!copy_shape(a->imm5, 3, &esz, &idx) || (esz == 3 && !a->q)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    gen_dup_reg((int)a->rd, read_cpu_reg(s, (int)a->rn, true), esz, a->q);
    return true;
}

bool trans_INS_gen(DisasContext *s, arg_INS_gen *a)
{
    int esz, idx;
    if (!copy_shape(a->imm5, 3, &esz, &idx)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    gen_vreg_st_elt(read_cpu_reg(s, (int)a->rn, true), (int)a->rd, idx, esz);
    return true;
}

bool trans_INS_elt(DisasContext *s, arg_INS_elt *a)
{
    int esz, idx;
    if (!copy_shape(a->imm5, 3, &esz, &idx)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv t = tcg_temp_new();
    gen_vreg_ld_elt(t, (int)a->rn, (int)(a->imm4 >> esz), esz, false);
    gen_vreg_st_elt(t, (int)a->rd, idx, esz);
    return true;
}

bool trans_UMOV(DisasContext *s, arg_UMOV *a)
{
    int esz, idx;
    if (!copy_shape(a->imm5, 3, &esz, &idx) || (esz == 3) != a->q) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv t = tcg_temp_new();
    gen_vreg_ld_elt(t, (int)a->rn, idx, esz, false);
    tcg_gen_mov_i64(cpu_reg(s, (int)a->rd), t);
    return true;
}

bool trans_SMOV(DisasContext *s, arg_SMOV *a)
{
    int esz, idx;
    if (!copy_shape(a->imm5, 2, &esz, &idx) || (esz == 2 && !a->q)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv t = tcg_temp_new();
    gen_vreg_ld_elt(t, (int)a->rn, idx, esz, true);
    if (!a->q) {
        tcg_gen_ext32u_i64(t, t);
    }
    tcg_gen_mov_i64(cpu_reg(s, (int)a->rd), t);
    return true;
}

bool trans_DUP_s(DisasContext *s, arg_DUP_s *a)
{
    int esz, idx;
    if (!copy_shape(a->imm5, 3, &esz, &idx)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv t = tcg_temp_new();
    gen_vreg_ld_elt(t, (int)a->rn, idx, esz, false);
    gen_vreg_write_scalar((int)a->rd, t, esz);
    return true;
}

/* ---- permutes, EXT, TBL/TBX (helpers) ---- */

static bool do_perm(DisasContext *s, const TCGHelperInfo *h, int64_t q,
                    int64_t size, int64_t rd, int64_t rn, int64_t rm)
{
    if (size == 3 && !q) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(h, q, (int)size, (int)rd, (int)rn, (int)rm, 0);
    }
    return true;
}

#define TRANS_PERM(NAME, HELPER)                                             \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a)                        \
    {                                                                        \
        return do_perm(s, &helper_info_simd_##HELPER, a->q, a->size, a->rd,  \
                       a->rn, a->rm);                                        \
    }

TRANS_PERM(UZP1, uzp1)
TRANS_PERM(UZP2, uzp2)
TRANS_PERM(TRN1, trn1)
TRANS_PERM(TRN2, trn2)
TRANS_PERM(ZIP1, zip1)
TRANS_PERM(ZIP2, zip2)

bool trans_EXT(DisasContext *s, arg_EXT *a)
{
    if (!a->q && (a->imm4 & 8)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop3(&helper_info_simd_ext, a->q, 0, (int)a->rd, (int)a->rn,
                 (int)a->rm, a->imm4);
    }
    return true;
}

bool trans_TBL_TBX(DisasContext *s, arg_TBL_TBX *a)
{
    if (fp_access_check(s)) {
        gen_vop3(a->tbx ? &helper_info_simd_tbx : &helper_info_simd_tbl, a->q,
                 0, (int)a->rd, (int)a->rn, (int)a->rm, a->len);
    }
    return true;
}
