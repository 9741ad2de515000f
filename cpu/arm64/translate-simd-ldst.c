/* SPDX-License-Identifier: MIT */
/*
 * SIMD&FP loads and stores (the V=1 forms of Arm ARM C4.1.68): LDR/STR of
 * B/H/S/D/Q registers in every addressing mode, LDP/STP/LDNP/STNP, and the
 * Advanced SIMD structure loads and stores (LD1-LD4, ST1-ST4, lanes,
 * LD1R-LD4R).  Everything is inline IR except the (de)interleaving of the
 * multi-structure forms, which helpers do on the registers.
 *
 * Every load reads all of its memory before it writes any register, so a
 * fault leaves the registers as they were.
 */
#include "translate-simd.h"
#include "decode-a64.h"

/* Loads (or stores) register rt as a 1 << size byte access at addr. */
static void gen_ldst_vreg(DisasContext *s, bool load, int rt, TCGv addr,
                          int size)
{
    TCGv a = gen_clean_addr(s, addr);
    if (size < 4) {
        TCGv t = tcg_temp_new();
        if (load) {
            tcg_gen_qemu_ld(t, a, s->mem_idx, (MemOp)size);
            gen_vreg_write_d(rt, 0, t);
            gen_vreg_clear_high(rt);
        } else {
            gen_vreg_ld_elt(t, rt, 0, size, false);
            tcg_gen_qemu_st(t, a, s->mem_idx, (MemOp)size);
        }
        return;
    }
    TCGv a8 = tcg_temp_new();
    tcg_gen_addi_i64(a8, a, 8);
    if (load) {
        TCGv lo = tcg_temp_new(), hi = tcg_temp_new();
        tcg_gen_qemu_ld(lo, a, s->mem_idx, MO_64);
        tcg_gen_qemu_ld(hi, a8, s->mem_idx, MO_64);
        gen_vreg_write_d(rt, 0, lo);
        gen_vreg_write_d(rt, 1, hi);
    } else {
        tcg_gen_qemu_st(gen_vreg_read_d(rt, 0), a, s->mem_idx, MO_64);
        tcg_gen_qemu_st(gen_vreg_read_d(rt, 1), a8, s->mem_idx, MO_64);
    }
}

/* size:opc of the single-register forms: B/H/S/D (opc 0x) or Q (size 0,
 * opc 1x). */
static bool ldst_v_shape(int64_t size, int64_t opc, int *sz, bool *load)
{
    if (opc & 2) {
        if (size != 0) {
            return false;
        }
        *sz = 4;
    } else {
        *sz = (int)size;
    }
    *load = opc & 1;
    return true;
}

bool trans_LDST_v_uimm(DisasContext *s, arg_LDST_v_uimm *a)
{
    int sz;
    bool load;
    if (!ldst_v_shape(a->size, a->opc, &sz, &load)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv addr = gen_simd_addr(s, (int)a->rn, a->imm << sz);
    gen_ldst_vreg(s, load, (int)a->rt, addr, sz);
    return true;
}

/* Unscaled, post-index and pre-index share this: the access is at
 * Xn + (pre ? imm : 0); writeback stores Xn + imm. */
static bool do_ldst_v_imm9(DisasContext *s, int64_t size, int64_t opc,
                           int64_t imm, int rn, int rt, bool wback, bool post)
{
    int sz;
    bool load;
    if (!ldst_v_shape(size, opc, &sz, &load)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv addr = gen_simd_addr(s, rn, post ? 0 : imm);
    gen_ldst_vreg(s, load, rt, addr, sz);
    if (wback) {
        if (post) {
            tcg_gen_addi_i64(addr, addr, imm);
        }
        tcg_gen_mov_i64(cpu_reg_sp(s, rn), addr);
    }
    return true;
}

bool trans_LDST_v_unscaled(DisasContext *s, arg_LDST_v_unscaled *a)
{
    return do_ldst_v_imm9(s, a->size, a->opc, a->imm, (int)a->rn, (int)a->rt,
                          false, false);
}

bool trans_LDST_v_post(DisasContext *s, arg_LDST_v_post *a)
{
    return do_ldst_v_imm9(s, a->size, a->opc, a->imm, (int)a->rn, (int)a->rt,
                          true, true);
}

bool trans_LDST_v_pre(DisasContext *s, arg_LDST_v_pre *a)
{
    return do_ldst_v_imm9(s, a->size, a->opc, a->imm, (int)a->rn, (int)a->rt,
                          true, false);
}

/* ExtendReg(m, option, shift) for register-offset addressing. */
static TCGv gen_extend_offset(DisasContext *s, int rm, int option, int shift)
{
    TCGv t = tcg_temp_new();
    TCGv m = read_cpu_reg(s, rm, true);
    switch (option) {
    case 2: tcg_gen_ext32u_i64(t, m); break;  /* UXTW */
    case 6: tcg_gen_ext32s_i64(t, m); break;  /* SXTW */
    default: tcg_gen_mov_i64(t, m); break;    /* LSL / SXTX */
    }
    if (shift) {
        tcg_gen_shli_i64(t, t, shift);
    }
    return t;
}

bool trans_LDST_v_reg(DisasContext *s, arg_LDST_v_reg *a)
{
    int sz;
    bool load;
    if (!(a->option & 2) || !ldst_v_shape(a->size, a->opc, &sz, &load)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv off = gen_extend_offset(s, (int)a->rm, (int)a->option,
                                 a->shift ? sz : 0);
    TCGv addr = tcg_temp_new();
    tcg_gen_add_i64(addr, cpu_reg_sp(s, (int)a->rn), off);
    gen_ldst_vreg(s, load, (int)a->rt, addr, sz);
    return true;
}

bool trans_LDR_v_lit(DisasContext *s, arg_LDR_v_lit *a)
{
    if (a->opc == 3) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv addr = tcg_temp_new();
    tcg_gen_movi_i64(addr, (int64_t)(s->pc_curr + (uint64_t)(a->imm * 4)));
    gen_ldst_vreg(s, true, (int)a->rt, addr, (int)a->opc + 2);
    return true;
}

/* LDP/STP family; mode: 0 no-allocate/offset, 1 post-index, 2 pre-index. */
static bool do_ldstp_v(DisasContext *s, int64_t opc, bool load, int64_t imm,
                       int rt, int rt2, int rn, int mode)
{
    if (opc == 3) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    int sz = (int)opc + 2;
    int64_t off = (int64_t)((uint64_t)imm << sz);  /* imm is signed */
    TCGv addr = gen_simd_addr(s, rn, mode == 1 ? 0 : off);
    TCGv a1 = gen_clean_addr(s, addr);
    TCGv a2 = tcg_temp_new();
    tcg_gen_addi_i64(a2, a1, 1 << sz);
    if (load) {
        /* both transfers complete before either register is written */
        int n = sz == 4 ? 2 : 1;
        TCGv v[2][2];
        for (int r = 0; r < 2; r++) {
            for (int h = 0; h < n; h++) {
                TCGv ea = r ? a2 : a1;
                if (h) {
                    ea = tcg_temp_new();
                    tcg_gen_addi_i64(ea, r ? a2 : a1, 8);
                }
                v[r][h] = tcg_temp_new();
                tcg_gen_qemu_ld(v[r][h], ea, s->mem_idx,
                                (MemOp)(sz == 4 ? MO_64 : sz));
            }
        }
        for (int r = 0; r < 2; r++) {
            int reg = r ? rt2 : rt;
            gen_vreg_write_d(reg, 0, v[r][0]);
            if (n == 2) {
                gen_vreg_write_d(reg, 1, v[r][1]);
            } else {
                gen_vreg_clear_high(reg);
            }
        }
    } else {
        gen_ldst_vreg(s, false, rt, a1, sz);
        gen_ldst_vreg(s, false, rt2, a2, sz);
    }
    if (mode) {
        if (mode == 1) {
            tcg_gen_addi_i64(addr, addr, off);
        }
        tcg_gen_mov_i64(cpu_reg_sp(s, rn), addr);
    }
    return true;
}

bool trans_LDSTP_v_noalloc(DisasContext *s, arg_LDSTP_v_noalloc *a)
{
    return do_ldstp_v(s, a->opc, a->load, a->imm, (int)a->rt, (int)a->rt2,
                      (int)a->rn, 0);
}

bool trans_LDSTP_v_post(DisasContext *s, arg_LDSTP_v_post *a)
{
    return do_ldstp_v(s, a->opc, a->load, a->imm, (int)a->rt, (int)a->rt2,
                      (int)a->rn, 1);
}

bool trans_LDSTP_v_off(DisasContext *s, arg_LDSTP_v_off *a)
{
    return do_ldstp_v(s, a->opc, a->load, a->imm, (int)a->rt, (int)a->rt2,
                      (int)a->rn, 0);
}

bool trans_LDSTP_v_pre(DisasContext *s, arg_LDSTP_v_pre *a)
{
    return do_ldstp_v(s, a->opc, a->load, a->imm, (int)a->rt, (int)a->rt2,
                      (int)a->rn, 2);
}

/* Post-index writeback of the structure forms: Xm, or the transfer size
 * when Rm is 31. */
static void gen_struct_wback(DisasContext *s, int rn, int rm, TCGv base,
                             int total)
{
    TCGv xn = cpu_reg_sp(s, rn);
    if (rm == 31) {
        tcg_gen_addi_i64(xn, base, total);
    } else {
        tcg_gen_add_i64(xn, base, cpu_reg(s, rm));
    }
}

/*
 * LD1-LD4/ST1-ST4 (multiple structures), Arm ARM "Advanced SIMD load/store
 * multiple structures".  The memory image is moved as 64-bit chunks into
 * (or out of) the consecutive registers; for 2-4 element structures a
 * helper de-interleaves the registers afterwards (or produces each
 * interleaved chunk for a store).
 */
static bool do_ldst_multi(DisasContext *s, int q, bool load, int opcode,
                          int size, int rn, int rt, int rm, bool post)
{
    int rpt, selem;
    switch (opcode) {
    case 0: rpt = 1; selem = 4; break;
    case 2: rpt = 4; selem = 1; break;
    case 4: rpt = 1; selem = 3; break;
    case 6: rpt = 3; selem = 1; break;
    case 7: rpt = 1; selem = 1; break;
    case 8: rpt = 1; selem = 2; break;
    case 10: rpt = 2; selem = 1; break;
    default: return false;
    }
    if ((size == 3 && !q && selem != 1) || (!post && rm != 0)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    int nregs = rpt * selem, halves = q ? 2 : 1;
    int nchunks = nregs * halves;
    TCGv base = tcg_temp_new();
    tcg_gen_mov_i64(base, cpu_reg_sp(s, rn));
    TCGv addr = gen_clean_addr(s, base);
    uint64_t desc = simd_desc(rt, 0, 0, selem, vec_oprsz_log2(q), size, 0);

    if (load) {
        TCGv v[8];
        for (int c = 0; c < nchunks; c++) {
            TCGv ea = tcg_temp_new();
            tcg_gen_addi_i64(ea, addr, c * 8);
            v[c] = tcg_temp_new();
            tcg_gen_qemu_ld(v[c], ea, s->mem_idx, MO_64);
        }
        for (int c = 0; c < nchunks; c++) {
            gen_vreg_write_d((rt + c / halves) % 32, c % halves, v[c]);
        }
        for (int r = 0; r < nregs && !q; r++) {
            gen_vreg_clear_high((rt + r) % 32);
        }
        if (selem > 1) {
            gen_vop(&helper_info_simd_ld_deinterleave, desc);
        }
    } else {
        for (int c = 0; c < nchunks; c++) {
            TCGv ea = tcg_temp_new();
            tcg_gen_addi_i64(ea, addr, c * 8);
            TCGv val;
            if (selem > 1) {
                val = gen_vop_x_ret(&helper_info_simd_st_interleave_chunk,
                                    desc, tcg_constant(c));
            } else {
                val = gen_vreg_read_d((rt + c / halves) % 32, c % halves);
            }
            tcg_gen_qemu_st(val, ea, s->mem_idx, MO_64);
        }
    }
    if (post) {
        gen_struct_wback(s, rn, rm, base, nchunks * 8);
    }
    return true;
}

bool trans_LDST_multi(DisasContext *s, arg_LDST_multi *a)
{
    return do_ldst_multi(s, (int)a->q, a->load, (int)a->opcode, (int)a->size,
                         (int)a->rn, (int)a->rt, 0, false);
}

bool trans_LDST_multi_post(DisasContext *s, arg_LDST_multi_post *a)
{
    return do_ldst_multi(s, (int)a->q, a->load, (int)a->opcode, (int)a->size,
                         (int)a->rn, (int)a->rt, (int)a->rm, true);
}

/*
 * LD1-LD4/ST1-ST4 (single structure) and LD1R-LD4R, Arm ARM "Advanced
 * SIMD load/store single structure": selem elements at consecutive
 * addresses, one per register, at one lane (or replicated).
 */
static bool do_ldst_single(DisasContext *s, int q, bool load, int r,
                           int opcode, int sbit, int size, int rn, int rt,
                           int rm, bool post)
{
    int scale = opcode >> 1, selem = ((opcode & 1) << 1 | r) + 1;
    bool replicate = false;
    int index = 0;
    switch (scale) {
    case 3:
        if (!load || sbit) {
            return false;
        }
        scale = size;
        replicate = true;
        break;
    case 0:
        index = q << 3 | sbit << 2 | size;
        break;
    case 1:
        if (size & 1) {
            return false;
        }
        index = q << 2 | sbit << 1 | size >> 1;
        break;
    default:
        if (size & 2) {
            return false;
        }
        if (!(size & 1)) {
            index = q << 1 | sbit;
        } else {
            if (sbit) {
                return false;
            }
            index = q;
            scale = 3;
        }
        break;
    }
    if (!post && rm != 0) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    TCGv base = tcg_temp_new();
    tcg_gen_mov_i64(base, cpu_reg_sp(s, rn));
    TCGv addr = gen_clean_addr(s, base);
    int ebytes = 1 << scale;
    TCGv v[4];
    for (int e = 0; e < selem; e++) {
        TCGv ea = tcg_temp_new();
        tcg_gen_addi_i64(ea, addr, e * ebytes);
        v[e] = tcg_temp_new();
        if (load) {
            tcg_gen_qemu_ld(v[e], ea, s->mem_idx, (MemOp)scale);
        } else {
            gen_vreg_ld_elt(v[e], (rt + e) % 32, index, scale, false);
            tcg_gen_qemu_st(v[e], ea, s->mem_idx, (MemOp)scale);
        }
    }
    for (int e = 0; e < selem && load; e++) {
        if (replicate) {
            gen_dup_reg((rt + e) % 32, v[e], scale, q);
        } else {
            gen_vreg_st_elt(v[e], (rt + e) % 32, index, scale);
        }
    }
    if (post) {
        gen_struct_wback(s, rn, rm, base, selem * ebytes);
    }
    return true;
}

bool trans_LDST_single(DisasContext *s, arg_LDST_single *a)
{
    return do_ldst_single(s, (int)a->q, a->load, (int)a->r, (int)a->opcode,
                          (int)a->s, (int)a->size, (int)a->rn, (int)a->rt,
                          0, false);
}

bool trans_LDST_single_post(DisasContext *s, arg_LDST_single_post *a)
{
    return do_ldst_single(s, (int)a->q, a->load, (int)a->r, (int)a->opcode,
                          (int)a->s, (int)a->size, (int)a->rn, (int)a->rt,
                          (int)a->rm, true);
}
