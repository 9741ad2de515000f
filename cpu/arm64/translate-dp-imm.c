/* SPDX-License-Identifier: MIT */
/*
 * Data processing with immediates (Arm ARM C4.1.66): PC-relative
 * addressing, add/sub, logical, move wide, bitfield and extract.
 */
#include "translate.h"
#include "decode-a64.h"

bool trans_ADR(DisasContext *s, arg_ADR *a)
{
    tcg_gen_movi_i64(cpu_reg(s, (int)a->rd), (int64_t)(s->pc_curr +
                                                        (uint64_t)a->imm));
    return true;
}

bool trans_ADRP(DisasContext *s, arg_ADRP *a)
{
    uint64_t base = s->pc_curr & ~0xfffull;
    tcg_gen_movi_i64(cpu_reg(s, (int)a->rd),
                     (int64_t)(base + ((uint64_t)a->imm << 12)));
    return true;
}

bool trans_ADD_imm(DisasContext *s, arg_ADD_imm *a)
{
    bool sf = a->sf;
    TCGv rn = read_cpu_reg_sp(s, (int)a->rn, sf);
    TCGv imm = tcg_constant(a->imm << (a->sh ? 12 : 0));
    if (a->setflags) {
        TCGv rd = cpu_reg(s, (int)a->rd);
        if (a->sub) {
            gen_sub_cc(sf, rd, rn, imm);
        } else {
            gen_add_cc(sf, rd, rn, imm);
        }
        return true;
    }
    TCGv rd = cpu_reg_sp(s, (int)a->rd);
    if (sf) {
        (a->sub ? tcg_gen_sub_i64 : tcg_gen_add_i64)(rd, rn, imm);
    } else {
        (a->sub ? tcg_gen_sub_i32 : tcg_gen_add_i32)(rd, rn, imm);
    }
    return true;
}

bool trans_MOVW(DisasContext *s, arg_MOVW *a)
{
    if (a->opc == 1 || (!a->sf && a->hw >= 2)) {
        return false;
    }
    int pos = (int)a->hw * 16;
    TCGv rd = cpu_reg(s, (int)a->rd);
    uint64_t imm = (uint64_t)a->imm << pos;
    switch (a->opc) {
    case 0: /* MOVN */
        imm = ~imm;
        if (!a->sf) {
            imm &= 0xffffffffull;
        }
        tcg_gen_movi_i64(rd, (int64_t)imm);
        break;
    case 2: /* MOVZ */
        tcg_gen_movi_i64(rd, (int64_t)imm);
        break;
    default: /* MOVK */
        tcg_gen_deposit_i64(rd, rd, tcg_constant(a->imm), (unsigned)pos, 16);
        if (!a->sf) {
            tcg_gen_ext32u_i64(rd, rd);
        }
        break;
    }
    return true;
}

/* DecodeBitMasks() (Arm ARM J1, shared pseudocode): returns false for the
 * reserved encodings.  wmask is the logical-immediate value; tmask is the
 * bitfield "top" mask. */
static bool decode_bit_masks(int n, int imms, int immr, bool immediate,
                             int datasize, uint64_t *wmask, uint64_t *tmask)
{
    unsigned nimms = (unsigned)((n << 6) | (~imms & 0x3f));
    /* HighestSetBit of zero is the reserved encoding (and clz(0) is
     * undefined), so test before counting */
    if (nimms == 0) {
        return false;
    }
    int len = 31 - __builtin_clz(nimms);
    if (len < 1) {
        return false;
    }
    int esize = 1 << len;
    if (esize > datasize) {
        return false;
    }
    int levels = esize - 1;
    if (immediate && (imms & levels) == levels) {
        return false;
    }
    int S = imms & levels, R = immr & levels, d = (S - R) & levels;
    uint64_t emask = esize == 64 ? ~0ull : (1ull << esize) - 1;
    uint64_t welem = (S + 1 == 64) ? ~0ull : (1ull << (S + 1)) - 1;
    uint64_t telem = (d + 1 == 64) ? ~0ull : (1ull << (d + 1)) - 1;
    /* rotate welem right by R within esize */
    if (R) {
        welem = ((welem >> R) | (welem << (esize - R))) & emask;
    }
    uint64_t w = 0, t = 0;
    for (int i = 0; i < 64; i += esize) {
        w |= welem << i;
        t |= telem << i;
    }
    if (datasize == 32) {
        w &= 0xffffffffull;
        t &= 0xffffffffull;
    }
    *wmask = w;
    *tmask = t;
    return true;
}

bool trans_LOGIC_imm(DisasContext *s, arg_LOGIC_imm *a)
{
    uint64_t imm, tmask;
    if (!a->sf && a->n) {
        return false;
    }
    if (!decode_bit_masks((int)a->n, (int)a->imms, (int)a->immr, true,
                          a->sf ? 64 : 32, &imm, &tmask)) {
        return false;
    }
    TCGv rn = read_cpu_reg(s, (int)a->rn, a->sf);
    /* ANDS writes ZR for 31; the others write SP */
    TCGv rd = a->opc == 3 ? cpu_reg(s, (int)a->rd) : cpu_reg_sp(s, (int)a->rd);
    TCGv c = tcg_constant((int64_t)imm);
    switch (a->opc) {
    case 0: case 3: tcg_gen_and_i64(rd, rn, c); break;
    case 1: tcg_gen_or_i64(rd, rn, c); break;
    default: tcg_gen_xor_i64(rd, rn, c); break;
    }
    if (!a->sf) {
        tcg_gen_ext32u_i64(rd, rd);
    }
    if (a->opc == 3) {
        gen_logic_cc(a->sf, rd);
    }
    return true;
}

/* SBFM / BFM / UBFM (opc 0 / 1 / 2), with the common aliases reaching the
 * cheap extract/deposit ops. */
bool trans_BFM(DisasContext *s, arg_BFM *a)
{
    int bits = a->sf ? 64 : 32;
    uint64_t wmask, tmask;
    /* SBFM/BFM/UBFM: sf == 0 with immr<5> or imms<5> set is UNDEFINED
     * (decode_bit_masks does not see immr<5>) */
    if (a->opc == 3 || a->n != a->sf ||
        (!a->sf && (a->immr >= 32 || a->imms >= 32)) ||
        !decode_bit_masks((int)a->n, (int)a->imms, (int)a->immr, false, bits,
                          &wmask, &tmask)) {
        return false;
    }
    int r = (int)a->immr, sbit = (int)a->imms;
    TCGv rd = cpu_reg(s, (int)a->rd);
    TCGv src = read_cpu_reg(s, (int)a->rn, a->sf);
    TCGv res = tcg_temp_new();

    if (sbit >= r) {
        /* field src[s:r] goes to the bottom */
        int len = sbit - r + 1;
        if (a->opc == 0) {
            tcg_gen_sextract_i64(res, src, (unsigned)r, (unsigned)len);
        } else if (a->opc == 2) {
            tcg_gen_extract_i64(res, src, (unsigned)r, (unsigned)len);
        } else {
            TCGv f = tcg_temp_new();
            tcg_gen_extract_i64(f, src, (unsigned)r, (unsigned)len);
            tcg_gen_deposit_i64(res, cpu_reg(s, (int)a->rd), f, 0,
                                (unsigned)len);
        }
    } else {
        /* field src[s:0] goes to bit (bits - r) */
        int len = sbit + 1, pos = bits - r;
        if (a->opc == 1) {
            tcg_gen_deposit_i64(res, cpu_reg(s, (int)a->rd), src,
                                (unsigned)pos, (unsigned)len);
        } else if (a->opc == 2 && pos + len == bits) {
            /* LSL: the shift drops the bits above the field anyway */
            (a->sf ? tcg_gen_shli_i64 : tcg_gen_shli_i32)(res, src, pos);
        } else {
            TCGv f = tcg_temp_new();
            if (a->opc == 0) {
                tcg_gen_sextract_i64(f, src, 0, (unsigned)len);
            } else {
                tcg_gen_extract_i64(f, src, 0, (unsigned)len);
            }
            tcg_gen_shli_i64(res, f, pos);
        }
    }
    if (a->sf) {
        tcg_gen_mov_i64(rd, res);
    } else {
        tcg_gen_ext32u_i64(rd, res);
    }
    return true;
}

bool trans_EXTR(DisasContext *s, arg_EXTR *a)
{
    int bits = a->sf ? 64 : 32;
    if (a->n != a->sf || (!a->sf && a->imms >= 32)) {
        return false;
    }
    TCGv rd = cpu_reg(s, (int)a->rd);
    TCGv rn = read_cpu_reg(s, (int)a->rn, a->sf);
    TCGv rm = read_cpu_reg(s, (int)a->rm, a->sf);
    int lsb = (int)a->imms;
    if (lsb == 0) {
        tcg_gen_mov_i64(rd, rm);
        return true;
    }
    if (a->rn == a->rm) {
        /* ROR (immediate): one host rotate */
        (a->sf ? tcg_gen_rotri_i64 : tcg_gen_rotri_i32)(rd, rn, lsb);
        return true;
    }
    TCGv lo = tcg_temp_new(), hi = tcg_temp_new();
    tcg_gen_shri_i64(lo, rm, lsb);
    tcg_gen_shli_i64(hi, rn, bits - lsb);
    tcg_gen_or_i64(rd, lo, hi);
    if (!a->sf) {
        tcg_gen_ext32u_i64(rd, rd);
    }
    return true;
}
