/* SPDX-License-Identifier: MIT */
/*
 * Loads and stores of general-purpose registers (Arm ARM C4.1.68): single
 * registers in every addressing mode, pairs, PC-relative literals,
 * prefetches, and the FEAT_LRCPC2 unscaled acquire/release forms.
 * Exclusives, LDAR/STLR and atomics are in translate-atomic.c.  Every access
 * is one qemu_ld/qemu_st op on an address cleaned by gen_clean_addr().
 *
 * CONSTRAINED UNPREDICTABLE choices (Arm ARM K1.2), the ones qemu-aarch64
 * makes so that the oracle agrees:
 *  - load with writeback and Rn == Rt (Rn != SP): the written-back address
 *    wins, the loaded value is lost;
 *  - store with writeback and Rn == Rt: the value stored is Rt before the
 *    writeback;
 *  - LDP with Rt == Rt2: Rt gets the first (lower-address) element;
 *  - LDP writeback with Rn == Rt or Rt2: as for single loads.
 */
#include "translate.h"
#include "decode-a64.h"
#include "translate-ldst.h"
#include "tcg/exec.h"

/* Effective data address.  Arm ARM D8.8 "Memory tagging and top byte
 * ignore" / AddrTop(): Linux sets TCR_EL1.TBI0 (not TBI1), so for an EL0
 * address with bit 55 clear, bits 63:56 are not part of the address.  An
 * address with bit 55 set lies in the TTBR1 (kernel) half and faults for
 * EL0 whatever its top byte; clearing the top byte keeps such an address at
 * or above 2^55, far outside any user mapping, so it still faults.  Hence
 * one AND.  System mode will have to honour the TCR of the current regime
 * (tb_flags) here.  Writeback always uses the address with its tag.
 *
 * User mode on the x86-64 backend skips the AND until a tagged address
 * actually shows up: guest_base plus a tagged address is not canonical
 * on x86-64 (or lies outside the guest window), so the access faults,
 * and arm_user_tbi_fault switches the CPU to masking translations
 * (A64_TBF_TBI_MASK) and runs the instruction again.  C helpers clear
 * the tag themselves (a64_host_ptr). */
TCGv gen_clean_addr(DisasContext *s, TCGv addr)
{
    if (s->tb_flags & A64F_SYS) {
        return gen_clean_addr_sys(s, addr);
    }
    TCGv t = tcg_temp_new();
    const TCGExecConfig *cfg = tcg_exec_config();
    if (tcg_mem_model == TCG_MEM_GUEST_BASE && cfg->backend &&
        cfg->backend->host_code &&
        !(s->tb_flags & (A64_TBF_TBI_MASK | A64_TBFLAG_WATCH))) {
        tcg_gen_mov_i64(t, addr);
        return t;
    }
    tcg_gen_andi_i64(t, addr, (int64_t)A64_TBI_ADDR_MASK);
    return t;
}

/* What one encoding's size:opc pair means for a single register. */
typedef struct LdstOp {
    MemOp mop;       /* size, MO_SIGN for the sign-extending loads */
    bool load;
    bool ext32;      /* sign-extend to 32 bits then zero the top (Wt) */
    bool prefetch;   /* PRFM/PRFUM: size 11, opc 10 */
} LdstOp;

/* Arm ARM C4.1.68, "Load/store register" opc field: 00 store, 01 load,
 * 10 sign-extending load to X (PRFM for size 11), 11 to W (size < 10). */
static bool ldst_decode(int64_t size, int64_t opc, LdstOp *op)
{
    *op = (LdstOp){ .mop = (MemOp)size, .load = opc != 0 };
    switch (opc) {
    case 2:
        if (size == 3) {
            op->prefetch = true;
        } else {
            op->mop |= MO_SIGN;
        }
        return true;
    case 3:
        if (size >= 2) {
            return false;
        }
        op->mop |= MO_SIGN;
        op->ext32 = true;
        return true;
    default:
        return true;
    }
}

/* Accesses Rt at the clean address addr.  A load to XZR still reads. */
static void gen_ldst_one(DisasContext *s, const LdstOp *op, int rt,
                         TCGv addr, MemOp extra)
{
    if (op->load) {
        TCGv dest = cpu_reg(s, rt);
        tcg_gen_qemu_ld(dest, addr, s->mem_idx, op->mop | extra);
        if (op->ext32) {
            tcg_gen_ext32u_i64(dest, dest);
        }
    } else {
        tcg_gen_qemu_st(read_cpu_reg(s, rt, true), addr, s->mem_idx,
                        op->mop | extra);
    }
}

/* Base plus immediate, with optional pre/post-index writeback.  The new
 * base is computed before the access so that Rn == Rt loads see the old
 * base, and written after it so that a fault leaves Rn untouched. */
static void gen_ldst_imm(DisasContext *s, const LdstOp *op, int rt, int rn,
                         int64_t imm, bool post, bool writeback)
{
    TCGv base = cpu_reg_sp(s, rn);
    TCGv next = tcg_temp_new();
    tcg_gen_addi_i64(next, base, imm);
    TCGv addr = gen_clean_addr(s, post ? base : next);
    gen_ldst_one(s, op, rt, addr, 0);
    if (writeback) {
        tcg_gen_mov_i64(base, next);
    }
}

/* LDUR/STUR, post-index, LDTR/STTR (unprivileged), pre-index. */
bool trans_LDST_imm9(DisasContext *s, arg_LDST_imm9 *a)
{
    LdstOp op;
    if (!ldst_decode(a->size, a->opc, &op)) {
        return false;
    }
    if (op.prefetch) {
        /* PRFUM is only the unscaled form; never faults */
        return a->idx == 0;
    }
    /* Unprivileged forms: EL0 permissions also when run at EL1 (no
     * FEAT_UAO); at EL0 and in user mode that is s->mem_idx anyway. */
    bool post = a->idx == 1, writeback = a->idx == 1 || a->idx == 3;
    int mem_idx = s->mem_idx;
    if (a->idx == 2) {
        s->mem_idx = s->unpriv_mem_idx;
    }
    gen_ldst_imm(s, &op, (int)a->rt, (int)a->rn, a->imm, post, writeback);
    s->mem_idx = mem_idx;
    return true;
}

/* LDR/STR (unsigned offset), scaled by the access size. */
bool trans_LDST_uimm(DisasContext *s, arg_LDST_uimm *a)
{
    LdstOp op;
    if (!ldst_decode(a->size, a->opc, &op)) {
        return false;
    }
    if (op.prefetch) {
        return true;
    }
    gen_ldst_imm(s, &op, (int)a->rt, (int)a->rn, a->imm << a->size, false,
                 false);
    return true;
}

/* ExtendReg() (Arm ARM J1 shared pseudocode) for the register-offset
 * forms: option 010 UXTW, 011 LSL/UXTX, 110 SXTW, 111 SXTX. */
static TCGv gen_extend_reg(DisasContext *s, int rm, int option, int shift)
{
    TCGv t = tcg_temp_new();
    TCGv v = read_cpu_reg(s, rm, true);
    switch (option) {
    case 2:
        tcg_gen_ext32u_i64(t, v);
        break;
    case 6:
        tcg_gen_ext32s_i64(t, v);
        break;
    default:
        tcg_gen_mov_i64(t, v);
        break;
    }
    if (shift) {
        tcg_gen_shli_i64(t, t, shift);
    }
    return t;
}

/* LDR/STR (register offset): option<1> == 0 is unallocated. */
bool trans_LDST_reg(DisasContext *s, arg_LDST_reg *a)
{
    LdstOp op;
    if (!(a->option & 2) || !ldst_decode(a->size, a->opc, &op)) {
        return false;
    }
    if (op.prefetch) {
        return true;
    }
    TCGv off = gen_extend_reg(s, (int)a->rm, (int)a->option,
                              a->shift ? (int)a->size : 0);
    tcg_gen_add_i64(off, cpu_reg_sp(s, (int)a->rn), off);
    gen_ldst_one(s, &op, (int)a->rt, gen_clean_addr(s, off), 0);
    return true;
}

/* LDR (literal), LDRSW (literal), PRFM (literal).  The PC is never tagged,
 * so the address needs no cleaning. */
bool trans_LDR_lit(DisasContext *s, arg_LDR_lit *a)
{
    static const MemOp mops[3] = { MO_UL, MO_UQ, MO_SL };
    if (a->opc == 3) {
        return true;
    }
    TCGv addr = tcg_constant((int64_t)(s->pc_curr + (uint64_t)(a->imm * 4)));
    tcg_gen_qemu_ld(cpu_reg(s, (int)a->rt), addr, s->mem_idx, mops[a->opc]);
    return true;
}

/* LDP/STP/LDPSW/LDNP/STNP.  Both loads complete before either register
 * is written, so a fault on the second leaves Rt intact. */
bool trans_LDST_pair(DisasContext *s, arg_LDST_pair *a)
{
    MemOp mop;
    switch (a->opc) {
    case 0:
        mop = MO_UL;
        break;
    case 1:
        /* LDPSW; L=0 is STGP (FEAT_MTE), idx=00 has no LDNPSW */
        if (!a->load || a->idx == 0) {
            return false;
        }
        mop = MO_SL;
        break;
    case 2:
        mop = MO_UQ;
        break;
    default:
        return false;
    }
    int esize = 1 << (mop & MO_SIZE);
    int rt = (int)a->rt, rt2 = (int)a->rt2;
    bool post = a->idx == 1, writeback = a->idx == 1 || a->idx == 3;
    TCGv base = cpu_reg_sp(s, (int)a->rn);
    TCGv next = tcg_temp_new();
    tcg_gen_addi_i64(next, base, a->imm * esize);
    TCGv addr = gen_clean_addr(s, post ? base : next);
    TCGv addr2 = tcg_temp_new();
    tcg_gen_addi_i64(addr2, addr, esize);
    if (a->load) {
        TCGv v1 = tcg_temp_new(), v2 = tcg_temp_new();
        tcg_gen_qemu_ld(v1, addr, s->mem_idx, mop);
        tcg_gen_qemu_ld(v2, addr2, s->mem_idx, mop);
        tcg_gen_mov_i64(cpu_reg(s, rt2), v2);
        tcg_gen_mov_i64(cpu_reg(s, rt), v1);
    } else {
        tcg_gen_qemu_st(read_cpu_reg(s, rt, true), addr, s->mem_idx, mop);
        tcg_gen_qemu_st(read_cpu_reg(s, rt2, true), addr2, s->mem_idx, mop);
    }
    if (writeback) {
        tcg_gen_mov_i64(base, next);
    }
    return true;
}

/* STLUR/LDAPUR/LDAPURS* (FEAT_LRCPC2): the unscaled-offset forms of STLR
 * and LDAPR, with the same ordering and alignment as those (natural
 * alignment: FEAT_LSE2 is not implemented). */
bool trans_LDAPR_STLR_imm(DisasContext *s, arg_LDAPR_STLR_imm *a)
{
    LdstOp op;
    if (!ldst_decode(a->size, a->opc, &op) || op.prefetch) {
        return false;
    }
    TCGv addr = tcg_temp_new();
    tcg_gen_addi_i64(addr, cpu_reg_sp(s, (int)a->rn), a->imm);
    addr = gen_clean_addr(s, addr);
    if (op.load) {
        gen_ldst_one(s, &op, (int)a->rt, addr, MO_ALIGN);
        gen_load_acquire_barrier();
    } else {
        gen_store_release_barrier_before();
        gen_ldst_one(s, &op, (int)a->rt, addr, MO_ALIGN);
        gen_store_release_barrier_after();
    }
    return true;
}
