/* SPDX-License-Identifier: MIT */
/*
 * System instructions reachable from EL0 (Arm ARM C4.1.65): hints,
 * barriers, CLREX, DC/IC cache maintenance, MRS/MSR and UDF.  Patterns:
 * a64-system.decode; register descriptions: sysreg.c.
 */
#include "translate.h"
#include "cpu-features.h"
#include "sysreg.h"
#include "sys.h"
#include "decode-a64.h"
#include "util/log.h"

/* The hint space (C6.2.x HINT): every encoding executes, and those of
 * features we lack are NOPs by definition -- which is why BTI and the PAC
 * hints (PACIASP, AUTIASP, XPACLRI, ...) are NOPs while FEAT_BTI and
 * FEAT_PAuth are not advertised.  WFI/WFE/YIELD have nothing to wait for
 * in user mode: the host schedules guest threads. */
bool trans_HINT(DisasContext *s, arg_HINT *a)
{
    if (s->tb_flags & A64F_SYS) {
        return a64_trans_hint_sys(s, (int)a->crm, (int)a->op2);
    }
    return true;
}

/* ClearExclusiveLocal(): drop the reservation of LDXR/LDAXR. */
bool trans_CLREX(DisasContext *s, arg_CLREX *a)
{
    (void)s;
    (void)a;
    tcg_gen_movi_i64(cpu_excl_addr, -1);
    return true;
}

/* The ordering a DMB/DSB option asks for: CRm<1:0> = 01 loads (LD),
 * 10 stores (ST), 11 all; 00 is reserved and acts as a full barrier.
 * The shareability domain (CRm<3:2>) changes nothing for us. */
static int barrier_kind(int crm)
{
    switch (crm & 3) {
    case 1: return TCG_MO_LD_LD | TCG_MO_LD_ST;
    case 2: return TCG_MO_ST_ST;
    default: return TCG_MO_ALL;
    }
}

bool trans_DMB(DisasContext *s, arg_DMB *a)
{
    (void)s;
    tcg_gen_mb(barrier_kind((int)a->crm));
    return true;
}

/* DSB (including SSBB and PSSBB, options 0000 and 0100): there is no
 * outstanding maintenance to wait for, so it orders like DMB. */
bool trans_DSB(DisasContext *s, arg_DSB *a)
{
    (void)s;
    tcg_gen_mb(barrier_kind((int)a->crm));
    return true;
}

/* ISB: later instructions are fetched anew, so code changed (and made
 * visible with IC IVAU) before it is seen.  Ending the block does that:
 * the chained successor is looked up again if it was invalidated. */
bool trans_ISB(DisasContext *s, arg_ISB *a)
{
    (void)a;
    s->is_jmp = DISAS_TOO_MANY;
    return true;
}

/* SB (FEAT_SB): a speculation barrier; nothing speculates here. */
bool trans_SB(DisasContext *s, arg_SB *a)
{
    (void)a;
    return arm_feature(s->env, ARM_FEAT_SB);
}

/* DC ZVA: zero the DCZID-sized block holding Xt.  Aligned 8-byte stores
 * in order: the block lies in one page, so a fault comes from the first
 * store, before anything was written. */
static void gen_dc_zva(DisasContext *s, int rt)
{
    TCGv base = tcg_temp_new(), zero = tcg_constant(0);
    tcg_gen_andi_i64(base, cpu_reg(s, rt), -(int64_t)ARM_DCZ_BYTES);
    for (int off = 0; off < ARM_DCZ_BYTES; off += 8) {
        TCGv p = base;
        if (off) {
            p = tcg_temp_new();
            tcg_gen_addi_i64(p, base, off);
        }
        tcg_gen_qemu_st(zero, p, s->mem_idx, MO_64);
    }
}

static void gen_ic_ivau(DisasContext *s, int rt)
{
    tcg_gen_call2(&helper_info_ic_ivau, NULL, tcg_ctx->env, cpu_reg(s, rt));
    tcg_gen_movi_i64(cpu_pc, (int64_t)s->pc_next);
    s->is_jmp = DISAS_EXIT;
}

/* SYS: the DC and IC operations EL0 may use (Linux sets SCTLR_EL1.UCI and
 * DZE).  The clean/invalidate-by-VA forms have no effect on an emulated
 * coherent memory and never fault here. */
bool trans_SYS(DisasContext *s, arg_SYS *a)
{
    if (s->tb_flags & A64F_SYS) {
        bool handled;
        if (!a64_trans_sys_sys(s, a, &handled)) {
            return false;
        }
        if (!handled) {
            gen_dc_zva(s, (int)a->rt);
        }
        return true;
    }
    if (a->op1 != 3 || a->crn != 7 || a->op2 != 1) {
        return false;
    }
    switch (a->crm) {
    case 4:  /* DC ZVA */
        gen_dc_zva(s, (int)a->rt);
        return true;
    case 5:  /* IC IVAU */
        gen_ic_ivau(s, (int)a->rt);
        return true;
    case 10: /* DC CVAC */
    case 11: /* DC CVAU */
    case 14: /* DC CIVAC */
        return true;
    case 12: /* DC CVAP */
        return arm_feature(s->env, ARM_FEAT_DPB);
    case 13: /* DC CVADP */
        return arm_feature(s->env, ARM_FEAT_DPB2);
    default:
        return false;
    }
}

static const ArmSysReg *sysreg_for(DisasContext *s, int o0, int op1, int crn,
                                   int crm, int op2, bool write, int rt,
                                   ArmSysReg *tmp)
{
    const ArmSysReg *r;
    if (s->tb_flags & A64F_SYS) {
        r = a64_sysreg_lookup_sys(s->env, s->tb_flags, 2 | o0, op1, crn, crm,
                                  op2, write, rt, tmp);
    } else {
        r = a64_sysreg_lookup(s->env, 2 | o0, op1, crn, crm, op2, tmp);
    }
    if (r && (write ? r->write : r->read)) {
        return r;
    }
    if (log_enabled(LOG_UNIMP)) {
        log_printf("%s of system register S%d_%d_C%d_C%d_%d (%s) at 0x%llx: "
                   "UNDEF at EL%d\n", write ? "MSR" : "MRS", 2 | o0, op1, crn,
                   crm, op2, r ? r->name : "unknown",
                   (unsigned long long)s->pc_curr, a64f_el(s->tb_flags));
    }
    return NULL;
}

/* PSTATE.NZCV packed as bits 31:28 from the flag globals. */
static void gen_read_nzcv(TCGv dst)
{
    TCGv t = tcg_temp_new();
    tcg_gen_shri_i64(dst, cpu_NF, 63);
    tcg_gen_shli_i64(dst, dst, 31);
    tcg_gen_setcondi_i64(TCG_COND_EQ, t, cpu_ZF, 0);
    tcg_gen_shli_i64(t, t, 30);
    tcg_gen_or_i64(dst, dst, t);
    tcg_gen_shli_i64(t, cpu_CF, 29);
    tcg_gen_or_i64(dst, dst, t);
    tcg_gen_shri_i64(t, cpu_VF, 63);
    tcg_gen_shli_i64(t, t, 28);
    tcg_gen_or_i64(dst, dst, t);
}

static void gen_write_nzcv(TCGv src)
{
    TCGv t = tcg_temp_new();
    tcg_gen_shli_i64(cpu_NF, src, 32);           /* N: bit 31 -> 63 */
    tcg_gen_andi_i64(t, src, 1 << 30);
    tcg_gen_xori_i64(cpu_ZF, t, 1 << 30);        /* Z set -> ZF == 0 */
    tcg_gen_extract_i64(cpu_CF, src, 29, 1);
    tcg_gen_shli_i64(cpu_VF, src, 35);           /* V: bit 28 -> 63 */
}

bool trans_MRS(DisasContext *s, arg_MRS *a)
{
    ArmSysReg tmp;
    const ArmSysReg *r = sysreg_for(s, (int)a->o0, (int)a->op1, (int)a->crn,
                                    (int)a->crm, (int)a->op2, false,
                                    (int)a->rt, &tmp);
    if (!r) {
        return false;
    }
    if (r->kind == SR_TRAP) {
        gen_exception_insn(s, EXCP_SYNC, (uint32_t)r->value);
        return true;
    }
    TCGv rt = cpu_reg(s, (int)a->rt);
    switch (r->kind) {
    case SR_CONST:
        tcg_gen_movi_i64(rt, (int64_t)r->value);
        break;
    case SR_ENV64:
        tcg_gen_ld_i64(rt, tcg_ctx->env, (intptr_t)r->offset);
        break;
    case SR_NZCV:
        gen_read_nzcv(rt);
        break;
    case SR_RAZWI:
        tcg_gen_movi_i64(rt, 0);
        break;
    case SR_SYS:
        tcg_gen_call2(&helper_info_sysreg_read, rt, tcg_ctx->env,
                      tcg_constant((int64_t)r->value));
        break;
    default:
        tcg_gen_call1(r->readfn, rt, tcg_ctx->env);
        break;
    }
    return true;
}

bool trans_MSR(DisasContext *s, arg_MSR *a)
{
    ArmSysReg tmp;
    const ArmSysReg *r = sysreg_for(s, (int)a->o0, (int)a->op1, (int)a->crn,
                                    (int)a->crm, (int)a->op2, true,
                                    (int)a->rt, &tmp);
    if (!r) {
        return false;
    }
    if (r->kind == SR_TRAP) {
        gen_exception_insn(s, EXCP_SYNC, (uint32_t)r->value);
        return true;
    }
    TCGv v = read_cpu_reg(s, (int)a->rt, true);
    switch (r->kind) {
    case SR_ENV64:
        tcg_gen_st_i64(v, tcg_ctx->env, (intptr_t)r->offset);
        break;
    case SR_NZCV:
        gen_write_nzcv(v);
        break;
    case SR_HELPER:
        tcg_gen_call2(r->writefn, NULL, tcg_ctx->env, v);
        break;
    case SR_SYS:
        tcg_gen_call3(&helper_info_sysreg_write, NULL, tcg_ctx->env,
                      tcg_constant((int64_t)r->value), v);
        break;
    case SR_RAZWI:
        break;
    default:
        return false;
    }
    if (r->end_block) {
        tcg_gen_movi_i64(cpu_pc, (int64_t)s->pc_next);
        s->is_jmp = DISAS_EXIT;
    }
    return true;
}

/* UDF #imm16: permanently undefined. */
bool trans_UDF(DisasContext *s, arg_UDF *a)
{
    (void)s;
    (void)a;
    return false;
}
