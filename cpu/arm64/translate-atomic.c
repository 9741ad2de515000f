/* SPDX-License-Identifier: MIT */
/*
 * Exclusives, load-acquire/store-release and FEAT_LSE atomics (Arm ARM
 * C4.1.68: "Load/store exclusive", "Load/store ordered", "Compare and swap
 * (pair)", "Atomic memory operations"; B2.9 for the exclusive monitor).
 * Plain loads give LDXR/LDAR/LDAPR; the stores that must be atomic with a
 * comparison (STXR, CAS, LD<op>) call helper-atomic.c, which uses host
 * atomics.  All of these need natural alignment (pairs: the pair's size),
 * enforced with MO_ALIGN or in the helper: FEAT_LSE2 is not implemented.
 */
#include "translate.h"
#include "decode-a64.h"
#include "translate-ldst.h"
#include "helper-atomic.h"

/* Helpers that touch guest memory may fault: the pc must name this insn. */
static void gen_pc_for_helper(DisasContext *s)
{
    tcg_gen_movi_i64(cpu_pc, (int64_t)s->pc_curr);
}

static TCGv gen_base_addr(DisasContext *s, int rn)
{
    return gen_clean_addr(s, cpu_reg_sp(s, rn));
}

/* LDXR/LDAXR: the reservation is the clean address and the value. */
static TCGv gen_load_exclusive(DisasContext *s, TCGv addr, MemOp size)
{
    TCGv val = tcg_temp_new();
    tcg_gen_qemu_ld(val, addr, s->mem_idx, size | MO_ALIGN);
    tcg_gen_mov_i64(cpu_excl_addr, addr);
    tcg_gen_mov_i64(cpu_excl_val, val);
    return val;
}

/* STXR/STLXR: Ws = 0 on success, 1 on failure (see helper_stxr). */
static void gen_store_exclusive(DisasContext *s, int rs, TCGv addr,
                                TCGv val, MemOp size)
{
    TCGv status = tcg_temp_new();
    gen_pc_for_helper(s);
    tcg_gen_call4(&helper_info_stxr, status, tcg_ctx->env, addr, val,
                  tcg_constant(size));
    tcg_gen_mov_i64(cpu_reg(s, rs), status);
}

/* LDXR/LDAXR/STXR/STLXR, all sizes. */
bool trans_LDST_EXCL(DisasContext *s, arg_LDST_EXCL *a)
{
    MemOp size = (MemOp)a->size;
    TCGv addr = gen_base_addr(s, (int)a->rn);
    if (a->load) {
        tcg_gen_mov_i64(cpu_reg(s, (int)a->rt),
                        gen_load_exclusive(s, addr, size));
        if (a->lasr) {
            gen_load_acquire_barrier();
        }
        return true;
    }
    if (a->lasr) {
        gen_store_release_barrier_before();
    }
    gen_store_exclusive(s, (int)a->rs, addr, read_cpu_reg(s, (int)a->rt, true),
                        size);
    return true;
}

/* LDXP/LDAXP/STXP/STLXP.  A W pair is one 8-byte access (and one 8-byte
 * reservation value); an X pair is 16 bytes, 16-byte aligned. */
bool trans_LDST_EXCLP(DisasContext *s, arg_LDST_EXCLP *a)
{
    int rt = (int)a->rt, rt2 = (int)a->rt2;
    TCGv addr = gen_base_addr(s, (int)a->rn);
    if (a->load) {
        if (a->sz == 0) {
            TCGv val = gen_load_exclusive(s, addr, MO_64);
            tcg_gen_extract_i64(cpu_reg(s, rt), val, 0, 32);
            tcg_gen_extract_i64(cpu_reg(s, rt2), val, 32, 32);
        } else {
            gen_pc_for_helper(s);
            tcg_gen_call2(&helper_info_ldxp, NULL, tcg_ctx->env, addr);
            /* Rt2 written last: it wins when Rt == Rt2 (UNPREDICTABLE) */
            tcg_gen_mov_i64(cpu_reg(s, rt), cpu_excl_val);
            tcg_gen_mov_i64(cpu_reg(s, rt2), cpu_excl_val2);
        }
        if (a->lasr) {
            gen_load_acquire_barrier();
        }
        return true;
    }
    if (a->lasr) {
        gen_store_release_barrier_before();
    }
    if (a->sz == 0) {
        TCGv val = tcg_temp_new();
        tcg_gen_deposit_i64(val, read_cpu_reg(s, rt, true),
                            read_cpu_reg(s, rt2, true), 32, 32);
        gen_store_exclusive(s, (int)a->rs, addr, val, MO_64);
        return true;
    }
    TCGv status = tcg_temp_new();
    gen_pc_for_helper(s);
    tcg_gen_call4(&helper_info_stxp, status, tcg_ctx->env, addr,
                  read_cpu_reg(s, rt, true), read_cpu_reg(s, rt2, true));
    tcg_gen_mov_i64(cpu_reg(s, (int)a->rs), status);
    return true;
}

/* LDAR/STLR, all sizes (RCsc: see translate-ldst.h). */
bool trans_LDST_ORD(DisasContext *s, arg_LDST_ORD *a)
{
    MemOp mop = (MemOp)a->size | MO_ALIGN;
    TCGv addr = gen_base_addr(s, (int)a->rn);
    if (a->load) {
        tcg_gen_qemu_ld(cpu_reg(s, (int)a->rt), addr, s->mem_idx, mop);
        gen_load_acquire_barrier();
    } else {
        gen_store_release_barrier_before();
        tcg_gen_qemu_st(read_cpu_reg(s, (int)a->rt, true), addr, s->mem_idx,
                        mop);
        gen_store_release_barrier_after();
    }
    return true;
}

/* CAS{A}{L}{B,H}: Rs = old memory value (zero-extended for W and below). */
bool trans_CAS(DisasContext *s, arg_CAS *a)
{
    TCGv addr = gen_base_addr(s, (int)a->rn);
    TCGv old = tcg_temp_new();
    gen_pc_for_helper(s);
    tcg_gen_call5(&helper_info_cas, old, tcg_ctx->env, addr,
                  read_cpu_reg(s, (int)a->rs, true),
                  read_cpu_reg(s, (int)a->rt, true), tcg_constant(a->size));
    tcg_gen_mov_i64(cpu_reg(s, (int)a->rs), old);
    return true;
}

/* CASP{A}{L}: Rs and Rt must be even (else UNDEFINED).  A W pair is one
 * 8-byte compare-and-swap; an X pair goes through helper_casp, which reads
 * and writes the register pairs in env. */
bool trans_CASP(DisasContext *s, arg_CASP *a)
{
    int rs = (int)a->rs, rt = (int)a->rt;
    if ((rs | rt) & 1) {
        return false;
    }
    TCGv addr = gen_base_addr(s, (int)a->rn);
    gen_pc_for_helper(s);
    if (a->sz == 1) {
        tcg_gen_call3(&helper_info_casp, NULL, tcg_ctx->env, addr,
                      tcg_constant(rs | rt << 5));
        return true;
    }
    TCGv cmp = tcg_temp_new(), val = tcg_temp_new(), old = tcg_temp_new();
    tcg_gen_deposit_i64(cmp, read_cpu_reg(s, rs, true),
                        read_cpu_reg(s, rs + 1, true), 32, 32);
    tcg_gen_deposit_i64(val, read_cpu_reg(s, rt, true),
                        read_cpu_reg(s, rt + 1, true), 32, 32);
    tcg_gen_call5(&helper_info_cas, old, tcg_ctx->env, addr, cmp, val,
                  tcg_constant(MO_64));
    tcg_gen_extract_i64(cpu_reg(s, rs), old, 0, 32);
    tcg_gen_extract_i64(cpu_reg(s, rs + 1), old, 32, 32);
    return true;
}

/* LDAPR{B,H} (FEAT_LRCPC): an acquire load that may pass earlier STLRs. */
static bool gen_ldapr(DisasContext *s, arg_ATOMIC *a)
{
    TCGv addr = gen_base_addr(s, (int)a->rn);
    tcg_gen_qemu_ld(cpu_reg(s, (int)a->rt), addr, s->mem_idx,
                    (MemOp)a->size | MO_ALIGN);
    gen_load_acquire_barrier();
    return true;
}

/* LD<op>{A}{L}{B,H}, SWP{A}{L}{B,H}, and their ST<op> aliases (Rt = ZR):
 * Rt = old memory value, zero-extended. */
bool trans_ATOMIC(DisasContext *s, arg_ATOMIC *a)
{
    int op;
    if (a->o3 == 0) {
        op = (int)a->opc;
    } else if (a->opc == 0) {
        op = A64_ATOMIC_SWP;
    } else if (a->opc == 4 && a->acq && !a->rel && a->rs == 31) {
        return gen_ldapr(s, a);
    } else {
        /* LD64B/ST64B* (FEAT_LS64) and unallocated */
        return false;
    }
    TCGv addr = gen_base_addr(s, (int)a->rn);
    TCGv old = tcg_temp_new();
    gen_pc_for_helper(s);
    tcg_gen_call4(&helper_info_atomic, old, tcg_ctx->env, addr,
                  read_cpu_reg(s, (int)a->rs, true),
                  tcg_constant(A64_ATOMIC_DESC(op, (int)a->size)));
    tcg_gen_mov_i64(cpu_reg(s, (int)a->rt), old);
    return true;
}
