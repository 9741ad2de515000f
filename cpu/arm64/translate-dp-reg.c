/* SPDX-License-Identifier: MIT */
/*
 * Data processing with register operands (Arm ARM C4.1.67): add/subtract
 * (shifted, extended, with carry), logical, conditional compare and
 * select, 1-, 2- and 3-source operations.  Patterns: a64-dp-reg.decode.
 *
 * 32-bit forms use the _i32 IR ops, whose results are zero-extended: that
 * is the W-register write rule, so no explicit ext32u is needed after
 * them.  Values computed with 64-bit ops are truncated before a W write.
 */
#include "translate.h"
#include "cpu-features.h"
#include "decode-a64.h"

/* Writes a 64-bit result to Rd (ZR discards), truncating for W. */
static void gen_write_rd(DisasContext *s, int rd, TCGv val, bool sf)
{
    if (rd == 31) {
        return;
    }
    if (sf) {
        tcg_gen_mov_i64(cpu_X[rd], val);
    } else {
        tcg_gen_ext32u_i64(cpu_X[rd], val);
    }
}

/* ShiftReg() (Arm ARM J1 shared pseudocode): LSL/LSR/ASR/ROR by a
 * constant; the source is a zero-extended W value when !sf. */
static TCGv gen_shift_imm(TCGv src, bool sf, int type, int amount)
{
    if (amount == 0) {
        return src;
    }
    TCGv r = tcg_temp_new();
    if (sf) {
        switch (type) {
        case 0: tcg_gen_shli_i64(r, src, amount); break;
        case 1: tcg_gen_shri_i64(r, src, amount); break;
        case 2: tcg_gen_sari_i64(r, src, amount); break;
        default: tcg_gen_rotri_i64(r, src, amount); break;
        }
    } else {
        switch (type) {
        case 0: tcg_gen_shli_i32(r, src, amount); break;
        case 1: tcg_gen_shri_i32(r, src, amount); break;
        case 2: tcg_gen_sari_i32(r, src, amount); break;
        default: tcg_gen_rotri_i32(r, src, amount); break;
        }
    }
    return r;
}

/* Rd = Rn +/- op2, with or without flags; rd_sp selects SP for 31 in the
 * non-flag-setting forms. */
static void gen_addsub(DisasContext *s, bool sf, bool sub, bool setflags,
                       int rd, bool rd_sp, TCGv rn, TCGv op2)
{
    if (setflags) {
        TCGv d = cpu_reg(s, rd);
        if (sub) {
            gen_sub_cc(sf, d, rn, op2);
        } else {
            gen_add_cc(sf, d, rn, op2);
        }
        return;
    }
    TCGv d = rd_sp ? cpu_reg_sp(s, rd) : cpu_reg(s, rd);
    if (sf) {
        (sub ? tcg_gen_sub_i64 : tcg_gen_add_i64)(d, rn, op2);
    } else {
        (sub ? tcg_gen_sub_i32 : tcg_gen_add_i32)(d, rn, op2);
    }
}

/* ADD/ADDS/SUB/SUBS (shifted register), C6.2.5 and friends. */
bool trans_ADD_sreg(DisasContext *s, arg_ADD_sreg *a)
{
    bool sf = a->sf;
    if (a->shift == 3 || (!sf && a->imm >= 32)) {
        return false;
    }
    TCGv rn = read_cpu_reg(s, (int)a->rn, sf);
    TCGv op2 = gen_shift_imm(read_cpu_reg(s, (int)a->rm, sf), sf,
                             (int)a->shift, (int)a->imm);
    gen_addsub(s, sf, a->sub, a->setflags, (int)a->rd, false, rn, op2);
    return true;
}

/* ExtendReg() (Arm ARM J1): UXTB..SXTX of Xm, then LSL #0..4. */
bool trans_ADD_ereg(DisasContext *s, arg_ADD_ereg *a)
{
    bool sf = a->sf;
    if (a->imm > 4) {
        return false;
    }
    TCGv rn = read_cpu_reg_sp(s, (int)a->rn, true);
    TCGv rm = read_cpu_reg(s, (int)a->rm, true);
    TCGv op2 = tcg_temp_new();
    unsigned len = 8u << (a->option & 3);
    if (len == 64) {
        tcg_gen_mov_i64(op2, rm);
    } else if (a->option & 4) {
        tcg_gen_sextract_i64(op2, rm, 0, len);
    } else {
        tcg_gen_extract_i64(op2, rm, 0, len);
    }
    if (a->imm) {
        tcg_gen_shli_i64(op2, op2, a->imm);
    }
    gen_addsub(s, sf, a->sub, a->setflags, (int)a->rd, true, rn, op2);
    return true;
}

/* ADC/ADCS/SBC/SBCS: SBC is Rn + NOT(Rm) + C (AddWithCarry). */
bool trans_ADC(DisasContext *s, arg_ADC *a)
{
    bool sf = a->sf;
    TCGv rn = read_cpu_reg(s, (int)a->rn, sf);
    TCGv rm = read_cpu_reg(s, (int)a->rm, sf);
    if (a->sub) {
        TCGv t = tcg_temp_new();
        tcg_gen_not_i64(t, rm);
        rm = t;
    }
    if (a->setflags) {
        gen_adc_cc(sf, cpu_reg(s, (int)a->rd), rn, rm);
        return true;
    }
    TCGv t = tcg_temp_new();
    gen_flags_materialize();
    tcg_gen_add_i64(t, rn, rm);
    tcg_gen_add_i64(t, t, cpu_CF);
    gen_write_rd(s, (int)a->rd, t, sf);
    return true;
}

/* AND BIC ORR ORN EOR EON ANDS BICS (shifted register). */
bool trans_LOGIC_sreg(DisasContext *s, arg_LOGIC_sreg *a)
{
    bool sf = a->sf;
    if (!sf && a->imm >= 32) {
        return false;
    }
    TCGv rn = read_cpu_reg(s, (int)a->rn, sf);
    TCGv op2 = gen_shift_imm(read_cpu_reg(s, (int)a->rm, sf), sf,
                             (int)a->shift, (int)a->imm);
    TCGv rd = cpu_reg(s, (int)a->rd);
    static void (*const ops[2][4])(TCGv, TCGv, TCGv) = {
        { tcg_gen_and_i32, tcg_gen_or_i32, tcg_gen_xor_i32, tcg_gen_and_i32 },
        { tcg_gen_andc_i32, tcg_gen_orc_i32, tcg_gen_eqv_i32,
          tcg_gen_andc_i32 },
    };
    static void (*const ops64[2][4])(TCGv, TCGv, TCGv) = {
        { tcg_gen_and_i64, tcg_gen_or_i64, tcg_gen_xor_i64, tcg_gen_and_i64 },
        { tcg_gen_andc_i64, tcg_gen_orc_i64, tcg_gen_eqv_i64,
          tcg_gen_andc_i64 },
    };
    (sf ? ops64 : ops)[a->invert][a->opc](rd, rn, op2);
    if (a->opc == 3) {
        gen_logic_cc(sf, rd);
    }
    return true;
}

/* CCMN/CCMP: flags of the comparison if cond holds, else #nzcv. */
static void gen_ccmp(DisasContext *s, bool sf, bool sub, int cond, int nzcv,
                     TCGv rn, TCGv op2)
{
    TCGv scratch = tcg_temp_new();
    if (cond >= 14) {
        (sub ? gen_sub_cc : gen_add_cc)(sf, scratch, rn, op2);
        return;
    }
    /* the condition reads the old flags: capture it first */
    TCGv hold = tcg_temp_new();
    gen_setcond_cc(cond, hold);
    gen_ccmp_cc(sf, sub, hold, nzcv, rn, op2);
    (void)s;
}

bool trans_CCMP_reg(DisasContext *s, arg_CCMP_reg *a)
{
    gen_ccmp(s, a->sf, a->sub, (int)a->cond, (int)a->nzcv,
             read_cpu_reg(s, (int)a->rn, a->sf),
             read_cpu_reg(s, (int)a->rm, a->sf));
    return true;
}

bool trans_CCMP_imm(DisasContext *s, arg_CCMP_imm *a)
{
    gen_ccmp(s, a->sf, a->sub, (int)a->cond, (int)a->nzcv,
             read_cpu_reg(s, (int)a->rn, a->sf), tcg_constant(a->imm));
    return true;
}

/* CSEL/CSINC/CSINV/CSNEG: Rd = cond ? Rn : f(Rm).  The select is 64-bit
 * even for W forms: the flags may come from a 64-bit operation, and only
 * the whole NF/ZF/VF values carry them. */
bool trans_CSEL(DisasContext *s, arg_CSEL *a)
{
    bool sf = a->sf;
    int rd = (int)a->rd;
    if (rd == 31) {
        return true;
    }
    TCGv rn = read_cpu_reg(s, (int)a->rn, sf);
    if (a->cond >= 14) {
        gen_write_rd(s, rd, rn, sf);
        return true;
    }
    TCGv rm = read_cpu_reg(s, (int)a->rm, sf);
    TCGv other = rm;
    if (a->inv || a->inc) {
        other = tcg_temp_new();
        if (a->inv && a->inc) {
            tcg_gen_neg_i64(other, rm);
        } else if (a->inv) {
            tcg_gen_not_i64(other, rm);
        } else {
            tcg_gen_addi_i64(other, rm, 1);
        }
    }
    /* a compare of the same width selects directly; otherwise the
     * condition becomes a 0/1 value first */
    A64Cond c = a64_cond((int)a->cond);
    TCGType type = sf ? TCG_TYPE_I64 : TCG_TYPE_I32;
    if (c.type != type) {
        TCGv t = tcg_temp_new();
        gen_setcond_cc((int)a->cond, t);
        c = (A64Cond){ TCG_COND_NE, t, tcg_constant(0), type };
    }
    if (c.cond == TCG_COND_ALWAYS || c.cond == TCG_COND_NEVER) {
        gen_write_rd(s, rd, c.cond == TCG_COND_ALWAYS ? rn : other, sf);
    } else if (sf) {
        tcg_gen_movcond_i64(c.cond, cpu_X[rd], c.a, c.b, rn, other);
    } else {
        tcg_gen_movcond_i32(c.cond, cpu_X[rd], c.a, c.b, rn, other);
    }
    return true;
}

/* RBIT: bytes reversed, then bits within each byte. */
bool trans_RBIT(DisasContext *s, arg_RBIT *a)
{
    static const uint64_t masks[3] = {
        0x0f0f0f0f0f0f0f0full, 0x3333333333333333ull, 0x5555555555555555ull,
    };
    TCGv x = tcg_temp_new(), hi = tcg_temp_new(), lo = tcg_temp_new();
    tcg_gen_bswap64_i64(x, read_cpu_reg(s, (int)a->rn, a->sf));
    for (int i = 0, sh = 4; i < 3; i++, sh >>= 1) {
        tcg_gen_shri_i64(hi, x, sh);
        tcg_gen_andi_i64(hi, hi, (int64_t)masks[i]);
        tcg_gen_andi_i64(lo, x, (int64_t)masks[i]);
        tcg_gen_shli_i64(lo, lo, sh);
        tcg_gen_or_i64(x, hi, lo);
    }
    if (!a->sf) {
        /* the W value sat in the low half: its reverse is in the high */
        tcg_gen_shri_i64(x, x, 32);
    }
    gen_write_rd(s, (int)a->rd, x, true);
    return true;
}

bool trans_REV16(DisasContext *s, arg_REV16 *a)
{
    TCGv rn = read_cpu_reg(s, (int)a->rn, a->sf);
    TCGv hi = tcg_temp_new(), lo = tcg_temp_new();
    int64_t m = a->sf ? 0x00ff00ff00ff00ffll : 0x00ff00ffll;
    tcg_gen_shri_i64(hi, rn, 8);
    tcg_gen_andi_i64(hi, hi, m);
    tcg_gen_andi_i64(lo, rn, m);
    tcg_gen_shli_i64(lo, lo, 8);
    tcg_gen_or_i64(hi, hi, lo);
    gen_write_rd(s, (int)a->rd, hi, a->sf);
    return true;
}

bool trans_REV_w(DisasContext *s, arg_REV_w *a)
{
    TCGv t = tcg_temp_new();
    tcg_gen_bswap32_i64(t, read_cpu_reg(s, (int)a->rn, false));
    gen_write_rd(s, (int)a->rd, t, true);
    return true;
}

bool trans_REV32(DisasContext *s, arg_REV32 *a)
{
    TCGv t = tcg_temp_new();
    tcg_gen_bswap64_i64(t, read_cpu_reg(s, (int)a->rn, true));
    tcg_gen_rotri_i64(t, t, 32);
    gen_write_rd(s, (int)a->rd, t, true);
    return true;
}

bool trans_REV_x(DisasContext *s, arg_REV_x *a)
{
    TCGv t = tcg_temp_new();
    tcg_gen_bswap64_i64(t, read_cpu_reg(s, (int)a->rn, true));
    gen_write_rd(s, (int)a->rd, t, true);
    return true;
}

bool trans_CLZ(DisasContext *s, arg_CLZ *a)
{
    TCGv t = tcg_temp_new();
    (a->sf ? tcg_gen_clz_i64 : tcg_gen_clz_i32)(
        t, read_cpu_reg(s, (int)a->rn, a->sf));
    gen_write_rd(s, (int)a->rd, t, true);
    return true;
}

/* CLS(x) = CLZ(x EOR (x ASR 1)) - 1: the xor marks where the bits stop
 * matching the sign. */
bool trans_CLS(DisasContext *s, arg_CLS *a)
{
    TCGv rn = read_cpu_reg(s, (int)a->rn, a->sf), t = tcg_temp_new();
    if (a->sf) {
        tcg_gen_sari_i64(t, rn, 1);
        tcg_gen_xor_i64(t, t, rn);
        tcg_gen_clz_i64(t, t);
        tcg_gen_subi_i64(t, t, 1);
    } else {
        tcg_gen_sari_i32(t, rn, 1);
        tcg_gen_xor_i32(t, t, rn);
        tcg_gen_clz_i32(t, t);
        tcg_gen_subi_i32(t, t, 1);
    }
    gen_write_rd(s, (int)a->rd, t, true);
    return true;
}

/* UDIV/SDIV: the IR's division already gives 0 for /0 and INT_MIN for
 * INT_MIN / -1, as A64 requires. */
bool trans_DIV(DisasContext *s, arg_DIV *a)
{
    TCGv rn = read_cpu_reg(s, (int)a->rn, a->sf);
    TCGv rm = read_cpu_reg(s, (int)a->rm, a->sf);
    TCGv t = tcg_temp_new();
    if (a->sf) {
        (a->sgn ? tcg_gen_div_i64 : tcg_gen_divu_i64)(t, rn, rm);
    } else {
        (a->sgn ? tcg_gen_div_i32 : tcg_gen_divu_i32)(t, rn, rm);
    }
    gen_write_rd(s, (int)a->rd, t, true);
    return true;
}

/* LSLV/LSRV/ASRV/RORV: the IR takes shift counts modulo the width, which
 * is the A64 rule (Rm MOD datasize). */
bool trans_SHIFTV(DisasContext *s, arg_SHIFTV *a)
{
    static void (*const ops32[4])(TCGv, TCGv, TCGv) = {
        tcg_gen_shl_i32, tcg_gen_shr_i32, tcg_gen_sar_i32, tcg_gen_rotr_i32,
    };
    static void (*const ops64[4])(TCGv, TCGv, TCGv) = {
        tcg_gen_shl_i64, tcg_gen_shr_i64, tcg_gen_sar_i64, tcg_gen_rotr_i64,
    };
    TCGv rn = read_cpu_reg(s, (int)a->rn, a->sf);
    TCGv rm = read_cpu_reg(s, (int)a->rm, a->sf);
    TCGv t = tcg_temp_new();
    (a->sf ? ops64 : ops32)[a->type](t, rn, rm);
    gen_write_rd(s, (int)a->rd, t, true);
    return true;
}

/* CRC32 polynomials, bit-reflected (Arm ARM C6.2.x CRC32B...CRC32CX). */
#define CRC32_POLY  0xedb88320u
#define CRC32C_POLY 0x82f63b78u

static uint32_t crc_table[2][256];

__attribute__((constructor)) static void crc_init_tables(void)
{
    for (int k = 0; k < 2; k++) {
        uint32_t poly = k ? CRC32C_POLY : CRC32_POLY;
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int b = 0; b < 8; b++) {
                c = (c >> 1) ^ ((c & 1) ? poly : 0);
            }
            crc_table[k][i] = c;
        }
    }
}

static uint64_t crc_update(int k, uint64_t acc, uint64_t val, uint64_t bytes)
{
    uint32_t c = (uint32_t)acc;
    for (uint64_t i = 0; i < bytes; i++) {
        c = (c >> 8) ^ crc_table[k][(c ^ (uint8_t)(val >> (8 * i))) & 0xff];
    }
    return c;
}

static uint64_t helper_crc32(uint64_t acc, uint64_t val, uint64_t bytes)
{
    return crc_update(0, acc, val, bytes);
}

static uint64_t helper_crc32c(uint64_t acc, uint64_t val, uint64_t bytes)
{
    return crc_update(1, acc, val, bytes);
}

static const TCGHelperInfo helper_info_crc32 = TCG_HELPER_INFO(
    helper_crc32, TCG_CALL_PURE, true, 3, TCG_CALL_ARG_I64, TCG_CALL_ARG_I64,
    TCG_CALL_ARG_I64);
static const TCGHelperInfo helper_info_crc32c = TCG_HELPER_INFO(
    helper_crc32c, TCG_CALL_PURE, true, 3, TCG_CALL_ARG_I64,
    TCG_CALL_ARG_I64, TCG_CALL_ARG_I64);

/* CRC32{B,H,W,X} and CRC32C{B,H,W,X}: X only with sf=1, the rest sf=0. */
bool trans_CRC32(DisasContext *s, arg_CRC32 *a)
{
    if (!arm_feature(s->env, ARM_FEAT_CRC32) || a->sf != (a->sz == 3)) {
        return false;
    }
    TCGv t = tcg_temp_new();
    tcg_gen_call3(a->c ? &helper_info_crc32c : &helper_info_crc32, t,
                  read_cpu_reg(s, (int)a->rn, false),
                  read_cpu_reg(s, (int)a->rm, true),
                  tcg_constant(1 << a->sz));
    gen_write_rd(s, (int)a->rd, t, false);
    return true;
}

/* MADD/MSUB: Rd = Ra +/- Rn * Rm. */
bool trans_MADD(DisasContext *s, arg_MADD *a)
{
    bool sf = a->sf;
    TCGv p = tcg_temp_new();
    TCGv ra = read_cpu_reg(s, (int)a->ra, sf);
    if (sf) {
        tcg_gen_mul_i64(p, read_cpu_reg(s, (int)a->rn, true),
                        read_cpu_reg(s, (int)a->rm, true));
        (a->sub ? tcg_gen_sub_i64 : tcg_gen_add_i64)(p, ra, p);
    } else {
        tcg_gen_mul_i32(p, read_cpu_reg(s, (int)a->rn, false),
                        read_cpu_reg(s, (int)a->rm, false));
        (a->sub ? tcg_gen_sub_i32 : tcg_gen_add_i32)(p, ra, p);
    }
    gen_write_rd(s, (int)a->rd, p, true);
    return true;
}

/* SMADDL/SMSUBL/UMADDL/UMSUBL: 32x32->64 product added to Xa. */
bool trans_SMADDL(DisasContext *s, arg_SMADDL *a)
{
    TCGv n = tcg_temp_new(), m = tcg_temp_new();
    TCGv xn = read_cpu_reg(s, (int)a->rn, true);
    TCGv xm = read_cpu_reg(s, (int)a->rm, true);
    if (a->uns) {
        tcg_gen_ext32u_i64(n, xn);
        tcg_gen_ext32u_i64(m, xm);
    } else {
        tcg_gen_ext32s_i64(n, xn);
        tcg_gen_ext32s_i64(m, xm);
    }
    tcg_gen_mul_i64(n, n, m);
    (a->sub ? tcg_gen_sub_i64 : tcg_gen_add_i64)(
        n, read_cpu_reg(s, (int)a->ra, true), n);
    gen_write_rd(s, (int)a->rd, n, true);
    return true;
}

/* SMULH/UMULH: high 64 bits of the 128-bit product. */
bool trans_SMULH(DisasContext *s, arg_SMULH *a)
{
    TCGv t = tcg_temp_new();
    (a->uns ? tcg_gen_muluh_i64 : tcg_gen_mulsh_i64)(
        t, read_cpu_reg(s, (int)a->rn, true),
        read_cpu_reg(s, (int)a->rm, true));
    gen_write_rd(s, (int)a->rd, t, true);
    return true;
}
