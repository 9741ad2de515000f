/* SPDX-License-Identifier: MIT */
/*
 * A64 translator driver: registers the guest globals, runs the generated
 * decoder over each instruction of a block, and ends the block.  The
 * instruction groups live in translate-*.c, one per encoding group.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "translate.h"
#include "sys.h"
#include "decode-a64.h"
#include "tcg/exec.h"
#include "tcg/debug.h"
#include "util/disas.h"
#include "util/log.h"

__thread TCGv cpu_X[32];
__thread TCGv cpu_pc, cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
__thread TCGv cpu_cc_a, cpu_cc_b, cpu_cc_op;
__thread TCGv cpu_excl_addr, cpu_excl_val, cpu_excl_val2;

static const char *const xnames[32] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
    "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21",
    "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "lr", "sp",
};

void a64_init_globals(TCGContext *s)
{
    (void)s;
    for (int i = 0; i < 32; i++) {
        cpu_X[i] = tcg_global_mem_new(
            (int32_t)offsetof(CPUARMState, xregs[i]), xnames[i]);
    }
    cpu_pc = tcg_global_mem_new(offsetof(CPUARMState, pc), "pc");
    /* NF..VF consecutive: translate-flags.c tests membership by range */
    cpu_NF = tcg_global_mem_new(offsetof(CPUARMState, nf), "NF");
    cpu_ZF = tcg_global_mem_new(offsetof(CPUARMState, zf), "ZF");
    cpu_CF = tcg_global_mem_new(offsetof(CPUARMState, cf), "CF");
    cpu_VF = tcg_global_mem_new(offsetof(CPUARMState, vf), "VF");
    cpu_cc_a = tcg_global_mem_new(offsetof(CPUARMState, cc_a), "cc_a");
    cpu_cc_b = tcg_global_mem_new(offsetof(CPUARMState, cc_b), "cc_b");
    cpu_cc_op = tcg_global_mem_new(offsetof(CPUARMState, cc_op), "cc_op");
    cpu_excl_addr = tcg_global_mem_new(offsetof(CPUARMState, excl_addr),
                                       "excl_addr");
    cpu_excl_val = tcg_global_mem_new(offsetof(CPUARMState, excl_val),
                                      "excl_val");
    cpu_excl_val2 = tcg_global_mem_new(offsetof(CPUARMState, excl_val2),
                                       "excl_val2");
}

TCGv cpu_reg(DisasContext *s, int r)
{
    (void)s;
    if (r == 31) {
        /* ZR: a scratch temp that nothing reads back */
        TCGv t = tcg_temp_new();
        tcg_gen_movi_i64(t, 0);
        return t;
    }
    return cpu_X[r];
}

TCGv cpu_reg_sp(DisasContext *s, int r)
{
    (void)s;
    return cpu_X[r];
}

TCGv read_cpu_reg(DisasContext *s, int r, bool sf)
{
    if (r == 31) {
        return tcg_constant(0);
    }
    if (sf) {
        return cpu_X[r];
    }
    TCGv t = tcg_temp_new();
    tcg_gen_ext32u_i64(t, cpu_X[r]);
    return t;
}

TCGv read_cpu_reg_sp(DisasContext *s, int r, bool sf)
{
    if (sf) {
        return cpu_X[r];
    }
    TCGv t = tcg_temp_new();
    tcg_gen_ext32u_i64(t, cpu_X[r]);
    return t;
}

/* User mode may chain anywhere: unmapping or rewriting code invalidates
 * the blocks and unchains them.  System mode stays within a guest page,
 * and software step ends every block with its exception. */
static bool use_goto_tb(DisasContext *s, uint64_t dest)
{
    if (s->tb->cflags & (CF_NOCHAIN | CF_SINGLE_STEP) ||
        (s->tb_flags & A64F_SS_ACTIVE)) {
        return false;
    }
    if (tcg_mem_model == TCG_MEM_SOFTMMU) {
        return ((s->pc_first ^ dest) & ~0xfffull) == 0;
    }
    return true;
}

extern const TCGHelperInfo helper_info_ss_step;

/* Leaves the block with cpu_pc set: an indirect lookup (lookup true) or
 * a plain exit to the exec loop; with software step active, the step
 * exception instead (Arm ARM D2.12). */
static void gen_block_exit(DisasContext *s, bool lookup)
{
    if (s->tb_flags & A64F_SS_ACTIVE) {
        tcg_gen_call1(&helper_info_ss_step, NULL, tcg_ctx->env);
        tcg_gen_exit_tb(NULL, 0);
    } else if (lookup && !(s->tb->cflags & (CF_SINGLE_STEP | CF_NOCHAIN))) {
        tcg_gen_goto_lookup(cpu_pc);
    } else {
        tcg_gen_exit_tb(NULL, 0);
    }
}

void gen_goto_tb(DisasContext *s, int n, uint64_t dest)
{
    if (use_goto_tb(s, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, (int64_t)dest);
        tcg_gen_exit_tb(s->tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, (int64_t)dest);
        gen_block_exit(s, true);
    }
    s->is_jmp = DISAS_CHAINED;
}

/* Software step with PSTATE.SS clear: the step exception is pending
 * before any instruction runs.  With it set, one instruction per block.
 * Returns true if the block is already complete. */
static bool a64_translate_step_start(DisasContext *s, int *max_insns)
{
    if (!(s->tb_flags & A64F_SS_ACTIVE)) {
        return false;
    }
    if (s->tb_flags & A64F_PSTATE_SS) {
        *max_insns = 1;
        return false;
    }
    int ec = a64f_el(s->tb_flags) ? EC_SOFTSTEP_SAME : EC_SOFTSTEP_LOWER;
    s->pc_curr = s->pc_first;
    s->pc_next = s->pc_first + 4;
    tcg_gen_insn_start(s->pc_curr, 0);
    gen_exception_insn(s, EXCP_SYNC, esr_make(ec, 0x22));
    s->tb->size = 4;
    s->tb->icount = 1;
    return true;
}

void gen_jump_reg(DisasContext *s, TCGv target)
{
    tcg_gen_mov_i64(cpu_pc, target);
    s->is_jmp = DISAS_JUMP;
}

static void gen_exception(int excp, uint32_t syndrome)
{
    tcg_gen_call3(&helper_info_exception, NULL, tcg_ctx->env,
                  tcg_constant(excp), tcg_constant(syndrome));
}

void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome)
{
    tcg_gen_movi_i64(cpu_pc, (int64_t)s->pc_curr);
    gen_exception(excp, syndrome);
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_next(DisasContext *s, int excp, uint32_t syndrome)
{
    tcg_gen_movi_i64(cpu_pc, (int64_t)s->pc_next);
    gen_exception(excp, syndrome);
    s->is_jmp = DISAS_NORETURN;
}

bool unallocated_encoding(DisasContext *s)
{
    gen_exception_insn(s, EXCP_UDEF, s->insn);
    return true;
}


static void a64_decode_insn(DisasContext *s)
{
    if (!a64_decode(s, s->insn)) {
        if (log_enabled(LOG_UNIMP)) {
            log_printf("unimplemented or undefined insn 0x%08x at "
                       "0x%llx\n", s->insn, (unsigned long long)s->pc_curr);
        }
        unallocated_encoding(s);
    }
}

/* One instruction; translated a second time, after a materialization of
 * NZCV, if it touched the flag globals while they were lazy. */
static void a64_translate_insn(DisasContext *s)
{
    DisasContext saved = *s;
    int op_start = tcg_ctx->nb_ops;
    gen_flags_insn_begin();
    a64_decode_insn(s);
    if (gen_flags_insn_end(op_start)) {
        return;
    }
    *s = saved;
    tcg_ctx->nb_ops = op_start;
    gen_flags_redo();
    op_start = tcg_ctx->nb_ops;
    a64_decode_insn(s);
    if (!gen_flags_insn_end(op_start)) {
        fprintf(stderr, "mimic: internal error: insn 0x%08x at 0x%llx "
                "misuses the flag globals\n", s->insn,
                (unsigned long long)s->pc_curr);
        abort();
    }
}

void a64_translate(TCGContext *tc, TranslationBlock *tb, void *envp,
                   int max_insns)
{
    DisasContext ctx = {
        .tb = tb,
        .env = envp,
        .pc_first = tb->pc,
        .pc_next = tb->pc,
        .tb_flags = tb->flags,
        .mem_idx = a64f_mmu(tb->flags),
        .unpriv_mem_idx = ARM_MMU_EL0,
        .dep_lo = UINT64_MAX,
    };
    DisasContext *s = &ctx;
    TCGDebug *dbg = s->env->common.debug;
    bool nodebug = (tb->flags & A64_TBFLAG_NODEBUG) != 0;

    gen_flags_forget();
    tc->mem_watch = (tb->flags & A64_TBFLAG_WATCH) != 0;
    if (nodebug) {
        max_insns = 1;
    }
    if (tb->flags & A64F_SYS) {
        /* writes to this physical page must now drop its blocks */
        a64_code_page_note(s->env, tb->phys_pc);
        if (a64_translate_step_start(s, &max_insns)) {
            return;
        }
    }
    while (s->is_jmp == DISAS_NEXT) {
        s->pc_curr = s->pc_next;
        tcg_gen_insn_start(s->pc_curr, 0);
        s->pc_next = s->pc_curr + 4;
        s->insn_count++;
        /* Breakpoints live in the translator, never in guest memory: the
         * debug exit comes before the instruction, which has not run. */
        if (dbg && !nodebug && tcg_debug_bp_at(dbg, s->pc_curr)) {
            gen_exception_insn(s, EXCP_DEBUG, 0);
            break;
        }
        if (!s->env->fetch_code(s->env, s->pc_curr, &s->insn)) {
            /* the fault belongs to this insn, raised only if reached */
            gen_exception_insn(s, EXCP_PREFETCH, 0);
            break;
        }
        a64_translate_insn(s);
        if (s->is_jmp != DISAS_NEXT) {
            break;
        }
        if (s->insn_count >= max_insns ||
            ((s->pc_next ^ s->pc_first) & ~0xfffull) != 0 ||
            tcg_ctx->nb_ops > TCG_MAX_OPS - 256) {
            s->is_jmp = DISAS_TOO_MANY;
        }
    }
    switch (s->is_jmp) {
    case DISAS_TOO_MANY:
        gen_flags_exit(s, s->pc_next, UINT64_MAX);
        gen_goto_tb(s, 0, s->pc_next);
        break;
    case DISAS_JUMP:
        gen_block_exit(s, true);
        break;
    case DISAS_EXIT:
        gen_block_exit(s, false);
        break;
    default:
        break;
    }
    tb->size = (uint32_t)(s->pc_next - s->pc_first);
    tb->icount = (uint32_t)s->insn_count;
    tb->dep_lo = s->dep_hi ? s->dep_lo : 0;
    tb->dep_hi = s->dep_hi;
}
