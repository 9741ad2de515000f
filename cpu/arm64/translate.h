/* SPDX-License-Identifier: MIT */
/*
 * Shared state of the A64 translator: the DisasContext handed to every
 * trans_* function, the TCG globals that mirror guest registers, and small
 * helpers for register access and block ends.  Split translate-*.c files
 * (one per Arm ARM encoding group) include this.
 */
#ifndef CPU_ARM64_TRANSLATE_H
#define CPU_ARM64_TRANSLATE_H

#include <stddef.h>
#include "tcg/tcg-op.h"
#include "cpu.h"

/* How the current instruction ends the block. */
enum {
    DISAS_NEXT = 0,      /* go on with the next instruction */
    DISAS_TOO_MANY,      /* block full: chain to pc_next */
    DISAS_JUMP,          /* cpu_pc holds the target: indirect lookup */
    DISAS_EXIT,          /* cpu_pc written: back to the exec loop */
    DISAS_NORETURN,      /* an exception was raised */
    DISAS_CHAINED,       /* direct jumps already emitted */
};

typedef struct DisasContext {
    TranslationBlock *tb;
    CPUARMState *env;
    uint64_t pc_first;   /* first insn of the block */
    uint64_t pc_curr;    /* current insn */
    uint64_t pc_next;    /* following insn */
    uint32_t insn;
    int is_jmp;
    int mem_idx;         /* MMU index for loads and stores */
    int unpriv_mem_idx;  /* LDTR/STTR: EL0 permissions (ARM_MMU_EL0) */
    uint32_t tb_flags;
    int insn_count;
    /* guest code read by the flag look-ahead beyond the block
     * (translate-lookahead.c); dep_hi == 0: none */
    uint64_t dep_lo, dep_hi;
} DisasContext;

/* TCG globals (registered once per translating thread). */
extern __thread TCGv cpu_X[32];   /* [31] is SP */
extern __thread TCGv cpu_pc, cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
extern __thread TCGv cpu_cc_a, cpu_cc_b, cpu_cc_op;   /* lazy NZCV */
extern __thread TCGv cpu_excl_addr, cpu_excl_val, cpu_excl_val2;

/* Register 31 as the zero register: reads give 0, writes are dropped. */
TCGv cpu_reg(DisasContext *s, int r);
/* Register 31 as SP. */
TCGv cpu_reg_sp(DisasContext *s, int r);
/* Value of Xr/Wr (ZR for 31); a 32-bit read gives the zero-extended W. */
TCGv read_cpu_reg(DisasContext *s, int r, bool sf);
TCGv read_cpu_reg_sp(DisasContext *s, int r, bool sf);

/* Data address for a load or store: applies top-byte-ignore (Arm ARM
 * AddrTop()); every guest memory access uses it (translate-ldst.c). */
TCGv gen_clean_addr(DisasContext *s, TCGv addr);

/* Block exits. */
void gen_goto_tb(DisasContext *s, int n, uint64_t dest);
void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome);
/* excp raised with pc already pointing after the instruction */
void gen_exception_next(DisasContext *s, int excp, uint32_t syndrome);
bool unallocated_encoding(DisasContext *s);
/* cpu_pc = value (and the block ends with an indirect lookup) */
void gen_jump_reg(DisasContext *s, TCGv target);

/* NZCV helpers (translate-flags.c). */
void gen_set_nz(TCGv result, bool sf);
void gen_add_cc(bool sf, TCGv dest, TCGv a, TCGv b);
void gen_sub_cc(bool sf, TCGv dest, TCGv a, TCGv b);
void gen_adc_cc(bool sf, TCGv dest, TCGv a, TCGv b);
void gen_logic_cc(bool sf, TCGv result);
/* CCMP/CCMN: flags of a - b (sub) or a + b if hold != 0, else nzcv */
void gen_ccmp_cc(bool sf, bool sub, TCGv hold, int nzcv, TCGv a, TCGv b);
/* A64 condition code (0..15) as a branch on cpu flags. */
void gen_brcond_cc(int cc, TCGLabel *l);
/* dest = cond holds ? 1 : 0 */
void gen_setcond_cc(int cc, TCGv dest);
/* ConditionHolds(cc) as cond(a, b) at width type: from the operands of
 * the block's last flag setter when it decides the condition, else from
 * the flag globals.  ALWAYS/NEVER are possible. */
typedef struct A64Cond {
    TCGCond cond;
    TCGv a, b;
    TCGType type;
} A64Cond;
A64Cond a64_cond(int cc);
void gen_brcond_a64(A64Cond c, TCGLabel *l);
/* Copies a flag global the condition reads, so the flags may be
 * discarded before the branch. */
void a64_cond_detach(A64Cond *c);
/* NZCV as the four explicit globals (translate-flags.c explains the
 * lazy form); code that reads or writes cpu_NF..cpu_VF itself may call
 * this first (the driver would otherwise translate it twice). */
void gen_flags_materialize(void);
/* Per block and per instruction bookkeeping of the flag state: see
 * translate-flags.c. */
void gen_flags_forget(void);
void gen_flags_insn_begin(void);
bool gen_flags_insn_end(int op_start);
void gen_flags_redo(void);
void gen_flags_discard(void);
/* Before leaving the block to dest0 (and dest1, or UINT64_MAX): discards
 * NZCV when every successor writes them before it could read or expose
 * them, hands them over explicit when one reads them at once. */
void gen_flags_exit(DisasContext *s, uint64_t dest0, uint64_t dest1);
/* What the code at pc does with NZCV first (translate-lookahead.c). */
enum { FLAGS_DEAD, FLAGS_READ, FLAGS_UNKNOWN };
int a64_flags_use_at(DisasContext *s, uint64_t pc);

/* System mode (translate-el1.c).  a64_fp_access_check: FP/SIMD usable?
 * If not, it raised the trap to EL1 and the insn must emit nothing else. */
bool a64_fp_access_check(DisasContext *s);
/* gen_clean_addr in system mode: TBI as TCR_EL1 sets it (tb_flags). */
TCGv gen_clean_addr_sys(DisasContext *s, TCGv addr);
bool a64_trans_hint_sys(DisasContext *s, int crm, int op2);
struct arg_SYS;
bool a64_trans_sys_sys(DisasContext *s, struct arg_SYS *a, bool *handled);

/* Helpers callable from generated code (helper.c). */
extern const TCGHelperInfo helper_info_exception;
void helper_exception(CPUARMState *env, uint64_t excp, uint64_t syndrome);
extern const TCGHelperInfo helper_info_flags_sync;
void helper_flags_sync(CPUARMState *env);

#endif
