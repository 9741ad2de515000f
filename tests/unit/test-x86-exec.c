/* SPDX-License-Identifier: MIT */
/*
 * x86-64 backend unit test, part two: the exec loop (chaining and
 * unchaining, the inline indirect-branch lookup, exit requests), precise
 * state after faults in helpers and guest memory accesses, and random
 * IR programs compared with the interpreter.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "tcg/code-cache.h"
#include "tcg/tb-maint.h"
#include "tcg/x86_64/x86.h"
#include "util/disas.h"
#include "x86-test.h"

/* ---- the exec loop: chaining, indirect lookup, exits, restores ---- */

static void helper_stop(void *env)
{
    ((FakeCPU *)env)->common.exception_index = 7;
    tcg_cpu_loop_exit_restore(env, (uintptr_t)__builtin_return_address(0));
}

static void helper_fault(void *env)
{
    ((FakeCPU *)env)->common.exception_index = 42;
    tcg_cpu_loop_exit_restore(env, (uintptr_t)__builtin_return_address(0));
}

static const TCGHelperInfo info_stop = TCG_HELPER_INFO(
    helper_stop, 0, false, 1, TCG_CALL_ARG_PTR);
static const TCGHelperInfo info_fault = TCG_HELPER_INFO(
    helper_fault, 0, false, 1, TCG_CALL_ARG_PTR);

static void gen_exit_to(uint64_t pc, int slot)
{
    tcg_gen_goto_tb(slot);
    tcg_gen_movi_i64(PC, (int64_t)pc);
    tcg_gen_exit_tb(cur_tb, slot);
}

static void gen_loop_blocks(uint64_t pc)
{
    TCGLabel *l;
    tcg_gen_insn_start(pc, 0);
    switch (pc) {
    case 0x1000:                      /* r0++ -> 0x2000 */
        tcg_gen_addi_i64(R[0], R[0], 1);
        gen_exit_to(0x2000, 0);
        break;
    case 0x2000:                      /* r1 += r0; r0 < 10 ? 0x1000 : 0x3000 */
        l = gen_new_label();
        tcg_gen_add_i64(R[1], R[1], R[0]);
        tcg_gen_brcondi_i64(TCG_COND_GEU, R[0], 10, l);
        gen_exit_to(0x1000, 0);
        gen_set_label(l);
        gen_exit_to(0x3000, 1);
        break;
    case 0x4000:                      /* r2++ and loop through the lookup */
        l = gen_new_label();
        tcg_gen_addi_i64(R[2], R[2], 1);
        tcg_gen_brcondi_i64(TCG_COND_GEU, R[2], 5, l);
        tcg_gen_movi_i64(PC, 0x4000);
        tcg_gen_goto_lookup(PC);
        gen_set_label(l);
        tcg_gen_movi_i64(PC, 0x3000);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case 0x4100:                      /* a lookup whose flags never match */
        l = gen_new_label();
        tcg_gen_addi_i64(R[2], R[2], 1);
        tcg_gen_brcondi_i64(TCG_COND_GEU, R[2], 3, l);
        tcg_gen_movi_i64(PC, 0x4100);
        tcg_emit_op(INDEX_op_goto_lookup, TCG_TYPE_I64, 2, A(PC), 99);
        gen_set_label(l);
        tcg_gen_movi_i64(PC, 0x3000);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case 0x6000: case 0x6100:         /* a helper that faults in insn 1 */
        tcg_gen_movi_i64(R[0], 1);
        tcg_gen_insn_start(pc + 4, 0);
        if (pc == 0x6100) {
            tcg_gen_call1(&info_fault, NULL, tcg_ctx->env);
        }
        tcg_gen_addi_i64(R[1], R[0], 5);
        if (pc == 0x6000) {
            tcg_gen_call1(&info_fault, NULL, tcg_ctx->env);
        }
        tcg_gen_insn_start(pc + 8, 0);
        tcg_gen_movi_i64(R[2], 7);
        tcg_gen_movi_i64(PC, (int64_t)pc + 12);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case 0x7000:                      /* a load from unmapped memory */
        tcg_gen_movi_i64(R[0], 3);
        tcg_gen_insn_start(pc + 4, 0);
        tcg_gen_addi_i64(R[3], R[3], 1);
        tcg_gen_qemu_ld(R[1], R[5], 1, MO_UQ);
        tcg_gen_insn_start(pc + 8, 0);
        tcg_gen_movi_i64(R[2], 9);
        tcg_gen_movi_i64(PC, (int64_t)pc + 12);
        tcg_gen_exit_tb(NULL, 0);
        break;
    default:                          /* 0x3000 and anything else: stop */
        tcg_gen_call1(&info_stop, NULL, tcg_ctx->env);
        tcg_gen_exit_tb(NULL, 0);
        break;
    }
}

static void reset_regs(uint64_t pc)
{
    memset(cpu.r, 0, sizeof(cpu.r));
    cpu.pc = pc;
    cpu.common.exit_request = 0;
}

/* Runs tb directly (no exec loop); returns its exit value, or ~0 if a
 * helper left through tcg_cpu_loop_exit. */
static uintptr_t exec_direct(TranslationBlock *tb)
{
    if (sigsetjmp(cpu.common.jmp_env, 0)) {
        return ~(uintptr_t)0;
    }
    return tcg_backend_x86_64.exec(&cpu, tb);
}

void test_chaining(void)
{
    block_gen = gen_loop_blocks;
    reset_regs(0x1000);
    uint64_t chains = tcg_stats.chains;
    int e = tcg_cpu_exec(&cpu);
    check(e == 7 && cpu.r[0] == 10 && cpu.r[1] == 55 && cpu.pc == 0x3000,
          "loop: exc %d r0 %llu r1 %llu pc %#llx", e,
          (unsigned long long)cpu.r[0], (unsigned long long)cpu.r[1],
          (unsigned long long)cpu.pc);
    check(tcg_stats.chains >= chains + 3, "blocks were chained");
    TranslationBlock *a = tb_lookup_hash(0x1000, 0x1000, 0, 0);
    TranslationBlock *b = tb_lookup_hash(0x2000, 0x2000, 0, 0);
    check(a && b && a->jmp_dest[0] == b && b->jmp_dest[0] == a,
          "chain links recorded");
    if (!a || !b) {
        return;
    }
    check(a->jmp_insn_offset[0] % 4 == 0 &&
          ((uintptr_t)a->tc_ptr + a->jmp_insn_offset[0]) % 4 == 0,
          "patched rel32 is 4-byte aligned");
    /* b's taken side (slot 1) is its conditional jump itself */
    const uint8_t *bc = b->tc_ptr;
    uint32_t f1 = b->jmp_insn_offset[1];
    check(f1 != UINT32_MAX && ((uintptr_t)bc + f1) % 4 == 0 &&
          bc[f1 - 2] == 0x0f && (bc[f1 - 1] & 0xf0) == 0x80,
          "the jcc is slot 1's patchable jump");
    TranslationBlock *c = tb_lookup_hash(0x3000, 0x3000, 0, 0);
    check(c && b->jmp_dest[1] == c, "taken side chained to 0x3000");
    tcg_backend_x86_64.set_jump(b, 1, NULL);
    reset_regs(0x2000);
    cpu.r[0] = 10;
    uintptr_t r1 = exec_direct(b);
    check(r1 == ((uintptr_t)b | 1) && cpu.pc == 0x3000,
          "unchained taken side exits with tb|1");
    tcg_backend_x86_64.set_jump(b, 1, c);

    /* chained: one entry runs the whole loop inside generated code */
    reset_regs(0x1000);
    uintptr_t r = exec_direct(a);
    check(r == ~(uintptr_t)0 && cpu.r[0] == 10 && cpu.r[1] == 55,
          "chained run: r0 %llu r1 %llu", (unsigned long long)cpu.r[0],
          (unsigned long long)cpu.r[1]);

    /* unchained: the block exits to the loop with tb|0 */
    tcg_backend_x86_64.set_jump(a, 0, NULL);
    reset_regs(0x1000);
    r = exec_direct(a);
    check(r == (uintptr_t)a && cpu.r[0] == 1 && cpu.pc == 0x2000,
          "unchained run exits with tb|0 (r0 %llu)",
          (unsigned long long)cpu.r[0]);

    /* chained again, then an exit request stops the block at its entry */
    tcg_backend_x86_64.set_jump(a, 0, b);
    reset_regs(0x1000);
    r = exec_direct(a);
    check(r == ~(uintptr_t)0 && cpu.r[1] == 55, "re-chained run");
    reset_regs(0x1000);
    cpu.common.exit_request = 1;
    r = exec_direct(a);
    check(r == ((uintptr_t)a | TB_EXIT_REQUESTED) && cpu.r[0] == 0,
          "exit request honoured at block entry");
    cpu.common.exit_request = 0;
}

void test_lookup(void)
{
    block_gen = gen_loop_blocks;
    reset_regs(0x4000);
    int e = tcg_cpu_exec(&cpu);
    check(e == 7 && cpu.r[2] == 5, "lookup loop: r2 %llu",
          (unsigned long long)cpu.r[2]);
    TranslationBlock *d = tb_lookup_hash(0x4000, 0x4000, 0, 0);
    if (!d) {
        check(false, "lookup block exists");
        return;
    }
    /* every iteration after the first is an inline jump-cache hit */
    reset_regs(0x4000);
    uintptr_t r = exec_direct(d);
    check(r == 0 && cpu.r[2] == 5, "lookup hits stay in generated code "
          "(r2 %llu)", (unsigned long long)cpu.r[2]);
    /* invalidation empties the jump caches: the lookup misses */
    tb_invalidate_range(0x4000, 0x4004);
    reset_regs(0x4000);
    r = exec_direct(d);
    check(r == 0 && cpu.r[2] == 1, "lookup misses an invalid block");

    reset_regs(0x4100);
    e = tcg_cpu_exec(&cpu);
    check(e == 7 && cpu.r[2] == 3, "lookup miss loop");
    TranslationBlock *f = tb_lookup_hash(0x4100, 0x4100, 0, 0);
    reset_regs(0x4100);
    r = f ? exec_direct(f) : 1;
    check(r == 0 && cpu.r[2] == 1, "lookup with other flags misses");
}
/* ---- random programs ---- */

typedef struct RandProg {
    TCGv pool[96];
    int level[96];      /* open labels when defined; -1 for globals */
    TCGLabel *region[96]; /* the innermost open label then */
    int nb;
    TCGLabel *open[8];
    int nb_open;
    bool softmmu;
} RandProg;

/* A temp created inside a branch region is defined only until that
 * region's label. */
static bool rp_valid(RandProg *g, int k)
{
    return g->level[k] <= 0 || (g->level[k] <= g->nb_open &&
                                g->open[g->level[k] - 1] == g->region[k]);
}

static TCGv rp_src(RandProg *g)
{
    if (rnd() % 5 == 0) {
        return tcg_constant((int64_t)rnd_val());
    }
    for (;;) {
        int k = (int)(rnd() % (uint64_t)g->nb);
        if (rp_valid(g, k)) {
            return g->pool[k];
        }
    }
}

static TCGv rp_dst(RandProg *g)
{
    if (g->nb < 96 && rnd() % 3 == 0) {
        g->pool[g->nb] = tcg_temp_new();
        g->level[g->nb] = g->nb_open;
        g->region[g->nb] = g->nb_open ? g->open[g->nb_open - 1] : NULL;
        return g->pool[g->nb++];
    }
    for (;;) {
        int k = (int)(rnd() % (uint64_t)g->nb);
        if (rp_valid(g, k)) {
            return g->pool[k];
        }
    }
}

static TCGv rp_addr(RandProg *g, MemOp mop)
{
    TCGv t = tcg_temp_new();
    uint64_t base = g->softmmu ? GUEST_RAM_BASE : GUEST_USER_BASE;
    TCGv src = rp_src(g);
    tcg_gen_andi_i64(t, src, (mop & MO_ALIGN) && rnd() % 4 ? 0x1ff8 : 0x1fff);
    tcg_gen_addi_i64(t, t, (int64_t)base);
    return t;
}

static void rp_close_label(RandProg *g)
{
    gen_set_label(g->open[--g->nb_open]);
}

static void rp_other(RandProg *g, int kind, TCGType type, TCGv a, TCGv b,
                     TCGv *c);

static void rp_op(RandProg *g)
{
    int kind = (int)(rnd() % 16);
    TCGType type = rnd() & 1 ? TCG_TYPE_I64 : TCG_TYPE_I32;
    /* every source is chosen before a destination may create a temp */
    TCGv a = rp_src(g), b = rp_src(g), c2 = rp_src(g), c3 = rp_src(g);
    TCGv c4 = rp_src(g), c5 = rp_src(g), d;
    switch (kind) {
    case 0: case 1: case 2: case 3:
        d = rp_dst(g);
        tcg_emit_op(bin_ops[rnd() % (sizeof(bin_ops) / sizeof(bin_ops[0]))],
                    type, 3, A(d), A(a), A(b));
        break;
    case 4:
        d = rp_dst(g);
        tcg_emit_op(un_ops[rnd() % (sizeof(un_ops) / sizeof(un_ops[0]))],
                    type, 2, A(d), A(a));
        break;
    case 5:
        d = rp_dst(g);
        if (rnd() & 1) {
            tcg_emit_op(INDEX_op_setcond, type, 4, A(d), A(a), A(b),
                        (TCGArg)(rnd() % 14));
        } else {
            tcg_emit_op(INDEX_op_movcond, type, 6, A(d), A(a), A(b),
                        A(c2), A(c3), (TCGArg)(rnd() % 14));
        }
        break;
    case 6: {
        int bits = type ? 64 : 32, pos = (int)(rnd() % (uint64_t)bits);
        int len = 1 + (int)(rnd() % (uint64_t)(bits - pos));
        int o = (int)(rnd() % 3);
        d = rp_dst(g);
        if (o == 2) {
            tcg_emit_op(INDEX_op_deposit, type, 5, A(d), A(a), A(b),
                        (TCGArg)pos, (TCGArg)len);
        } else {
            tcg_emit_op(o ? INDEX_op_sextract : INDEX_op_extract, type, 4,
                        A(d), A(a), (TCGArg)pos, (TCGArg)len);
        }
        break;
    }
    case 7: {
        TCGv d2 = rp_dst(g);
        d = rp_dst(g);
        if (d == d2) {
            d = d2 == R[14] ? R[15] : R[14];
        }
        tcg_emit_op(rnd() & 1 ? INDEX_op_add2 : INDEX_op_sub2, TCG_TYPE_I64,
                    6, A(d), A(d2), A(a), A(b), A(c2), A(c3));
        break;
    }
    default:
        rp_other(g, kind, type, a, b, (TCGv[]){ c2, c3, c4, c5 });
        break;
    }
}

/* Branches, calls, memory, moves and instruction boundaries. */
static void rp_other(RandProg *g, int kind, TCGType type, TCGv a, TCGv b,
                     TCGv *c)
{
    switch (kind) {
    case 8:
        if (g->nb_open < 8 && rnd() % 2) {
            TCGLabel *l = gen_new_label();
            g->open[g->nb_open++] = l;
            l->used = true;
            tcg_emit_op(INDEX_op_brcond, type, 4, A(a), A(b),
                        (TCGArg)(rnd() % 14), (TCGArg)l->id);
        } else if (g->nb_open) {
            rp_close_label(g);
        }
        break;
    case 9:
        switch (rnd() % 3) {
        case 0:
            tcg_gen_call6(&info_mix6, rp_dst(g), a, b, c[0], c[1], c[2],
                          c[3]);
            break;
        case 1:
            tcg_gen_call1(&info_read_r5, rp_dst(g), tcg_ctx->env);
            break;
        default:
            tcg_gen_call2(&info_write_r6, NULL, tcg_ctx->env, a);
            break;
        }
        break;
    case 10: case 11: {
        MemOp mop = (MemOp)((rnd() % 4) |
                            (rnd() & (MO_SIGN | MO_BSWAP | MO_ALIGN)));
        if ((mop & MO_SIZE) == MO_64) {
            mop &= ~MO_SIGN;
        }
        if (rnd() % 4) {
            mop &= ~MO_ALIGN;
        }
        TCGv addr = rp_addr(g, mop);
        if (kind == 10) {
            tcg_gen_qemu_ld(rp_dst(g), addr, 1, mop);
        } else {
            tcg_gen_qemu_st(a, addr, 1, mop & ~MO_SIGN);
        }
        break;
    }
    case 12:
        if (rnd() & 1) {
            tcg_gen_ld_i64(rp_dst(g), tcg_ctx->env,
                           (intptr_t)offsetof(FakeCPU, r[rnd() % 16]));
        } else {
            tcg_gen_st32(a, tcg_ctx->env,
                         (intptr_t)offsetof(FakeCPU, r[rnd() % 16]));
        }
        break;
    case 13:
        tcg_gen_mov_i64(rp_dst(g), a);
        break;
    case 14:
        if (rnd() % 4 == 0) {
            /* a dead global: its pending value need not reach env, and
             * the next write replaces it before anything reads it */
            TCGv r = R[rnd() % 16];
            if (r == a || r == b) {
                break;
            }
            tcg_gen_discard(r);
            tcg_gen_xor_i64(r, a, b);
            break;
        }
        tcg_gen_movi_i64(rp_dst(g), (int64_t)rnd_val());
        break;
    default:
        tcg_gen_insn_start(0x1000 + 4 * (uint64_t)tcg_ctx->nb_insns, 0);
        break;
    }
}

void test_random(bool softmmu, int nprogs)
{
    Pair p;
    char what[64];
    mem_init();
    for (int n = 0; n < nprogs; n++) {
        RandProg g = { .softmmu = softmmu };
        block_begin();
        for (int i = 0; i < 16; i++) {
            g.pool[g.nb] = R[i];
            g.level[g.nb++] = -1;
        }
        static int max_ops = -1;
        if (max_ops < 0) {
            const char *e = getenv("X86_TEST_RANDOM_OPS");
            max_ops = e ? atoi(e) : 120;
        }
        int nops = 2 + (int)(rnd() % (uint64_t)max_ops);
        for (int i = 0; i < nops; i++) {
            rp_op(&g);
        }
        while (g.nb_open) {
            rp_close_label(&g);
        }
        block_end();
        snprintf(what, sizeof(what), "random %s program %d",
                 softmmu ? "softmmu" : "guest_base", n);
        bool ok = compile_pair(&p, n & 1);
        for (int k = 0; k < 6 && ok; k++) {
            FakeCPU in;
            fill_random(&in);
            ok = run_pair(&p, &in, what);
        }
        check(ok, "%s", what);
    }
    guest_mem = NULL;
}

static void segv_handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (!tcg_restore_state(&cpu, pc)) {
        static const char msg[] = "SIGSEGV outside generated code\n";
        if (write(2, msg, sizeof(msg) - 1) < 0) {
            _exit(2);
        }
        _exit(2);
    }
    cpu.common.exception_index = 11;
    siglongjmp(cpu.common.jmp_env, 1);
}

void test_restore(bool softmmu)
{
    block_gen = gen_loop_blocks;
    for (uint64_t pc = 0x6000; pc <= 0x6100 && !softmmu; pc += 0x100) {
        reset_regs(pc);
        cpu.r[2] = 0x55;
        int e = tcg_cpu_exec(&cpu);
        check(e == 42 && cpu.pc == pc + 4 && cpu.r[0] == 1 &&
              cpu.r[1] == (pc == 0x6000 ? 6 : 0) && cpu.r[2] == 0x55,
              "helper fault at %#llx: exc %d pc %#llx r0 %llu r1 %llu",
              (unsigned long long)pc, e, (unsigned long long)cpu.pc,
              (unsigned long long)cpu.r[0], (unsigned long long)cpu.r[1]);
    }
    /* a guest load that faults: SIGSEGV in user mode, the slow path's
     * fault hook in system mode; either way pc is the load's insn and
     * the globals written before it are in env */
    struct sigaction sa = { .sa_sigaction = segv_handler,
                            .sa_flags = SA_SIGINFO | SA_NODEFER };
    struct sigaction old;
    sigaction(SIGSEGV, &sa, &old);
    mem_init();
    hooks_restore = true;
    reset_regs(0x7000);
    cpu.r[3] = 41;
    cpu.r[5] = softmmu ? 0x7777000 : GUEST_USER_BASE + 0x3008;
    int e = tcg_cpu_exec(&cpu);
    check(e == (softmmu ? 13 : 11) && cpu.pc == 0x7004 && cpu.r[0] == 3 &&
          cpu.r[3] == 42 && cpu.r[2] == 0,
          "%s guest fault: exc %d pc %#llx r0 %llu r3 %llu",
          softmmu ? "softmmu" : "guest_base", e, (unsigned long long)cpu.pc,
          (unsigned long long)cpu.r[0], (unsigned long long)cpu.r[3]);
    hooks_restore = false;
    sigaction(SIGSEGV, &old, NULL);
    guest_mem = NULL;
}

