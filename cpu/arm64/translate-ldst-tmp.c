/* SPDX-License-Identifier: MIT */
/*
 * TEMPORARY (branch isa-int only, to be dropped at merge): STRB with an
 * unsigned immediate offset and STRB with an LSL #0 register offset, so
 * the guest tests can print before the load/store translator lands.
 */
#include "translate.h"
#include "decode-a64.h"

bool trans_STRB_tmp_imm(DisasContext *s, arg_STRB_tmp_imm *a)
{
    TCGv addr = tcg_temp_new();
    tcg_gen_addi_i64(addr, cpu_reg_sp(s, (int)a->rn), a->imm);
    tcg_gen_qemu_st(read_cpu_reg(s, (int)a->rt, true), addr, s->mem_idx,
                    MO_8);
    return true;
}

bool trans_STRB_tmp_reg(DisasContext *s, arg_STRB_tmp_reg *a)
{
    TCGv addr = tcg_temp_new();
    tcg_gen_add_i64(addr, cpu_reg_sp(s, (int)a->rn),
                    read_cpu_reg(s, (int)a->rm, true));
    tcg_gen_qemu_st(read_cpu_reg(s, (int)a->rt, true), addr, s->mem_idx,
                    MO_8);
    return true;
}
