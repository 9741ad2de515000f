/* SPDX-License-Identifier: MIT */
/*
 * Translation micro-benchmark for the TCG backends: builds synthetic
 * blocks of typical shape (integer ALU work on guest registers, guest
 * memory access, branches, helper calls) directly with tcg-op.h, and
 * times optimizer + liveness + code generation.  Reports IR ops per
 * second, host bytes per second and host bytes per IR op, for the x86-64
 * backend in both memory models (and the interpreter for reference).
 *
 *   tcg-microbench [iterations]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tcg/tcg-op.h"
#include "tcg/exec.h"
#include "tcg/code-cache.h"

typedef struct BenchCPU {
    TCGCPUCommon common;
    uint64_t r[32];
    uint64_t pc, nzcv;
} BenchCPU;

static TCGv R[32], PC, NZCV;
static BenchCPU cpu;

static void hook_state(void *env, uint64_t *pc, uint32_t *flags)
{
    *pc = 0;
    *flags = 0;
}

static void hook_set_pc(void *env, uint64_t pc) { (void)env; (void)pc; }
static void hook_translate(TCGContext *s, TranslationBlock *tb, void *env,
                           int max) { }
static void hook_restore(void *env, const uint64_t d[2]) { }

static void hook_globals(TCGContext *s)
{
    static char names[32][8];
    for (int i = 0; i < 32; i++) {
        snprintf(names[i], sizeof(names[i]), "x%d", i);
        R[i] = tcg_global_mem_new(offsetof(BenchCPU, r[i]), names[i]);
    }
    PC = tcg_global_mem_new(offsetof(BenchCPU, pc), "pc");
    NZCV = tcg_global_mem_new(offsetof(BenchCPU, nzcv), "nzcv");
}

static const TCGTargetHooks hooks = {
    .get_tb_cpu_state = hook_state, .set_pc = hook_set_pc,
    .translate = hook_translate, .restore_state = hook_restore,
    .init_globals = hook_globals,
};

static uint64_t helper_dummy(uint64_t a, uint64_t b) { return a ^ b; }
static const TCGHelperInfo info_dummy = TCG_HELPER_INFO(
    helper_dummy, TCG_CALL_NO_RWG, true, 2, TCG_CALL_ARG_I64,
    TCG_CALL_ARG_I64);

/* One guest-instruction-sized slice of IR per call, by workload. */
static void gen_insn(int kind, int i)
{
    TCGv t = tcg_temp_new(), u = tcg_temp_new();
    int a = i % 31, b = (i * 7 + 3) % 31, d = (i * 13 + 5) % 31;
    tcg_gen_insn_start(0x400000 + 4 * (uint64_t)i, 0);
    switch (kind) {
    case 0:                                   /* add/sub with flags */
        tcg_gen_add_i64(t, R[a], R[b]);
        tcg_gen_setcond_i64(TCG_COND_LTU, u, t, R[a]);
        tcg_gen_deposit_i64(NZCV, NZCV, u, 29, 1);
        tcg_gen_mov_i64(R[d], t);
        break;
    case 1:                                   /* load/store pairs */
        tcg_gen_addi_i64(t, R[a], 16 * (i % 8));
        tcg_gen_qemu_ld(R[d], t, 1, MO_UQ);
        tcg_gen_addi_i64(u, t, 8);
        tcg_gen_qemu_st(R[b], u, 1, MO_UL);
        break;
    case 2: {                                 /* compare and branch */
        TCGLabel *l = gen_new_label();
        tcg_gen_brcond_i64(TCG_COND_LT, R[a], R[b], l);
        tcg_gen_xori_i64(R[d], R[d], 0x55);
        tcg_gen_shli_i32(R[a], R[a], 3);
        gen_set_label(l);
        break;
    }
    default:                                  /* a helper call */
        tcg_gen_extract_i64(t, R[a], 8, 12);
        tcg_gen_call2(&info_dummy, R[d], t, R[b]);
        break;
    }
}

static void gen_block(int kind, int insns)
{
    tcg_func_start(tcg_ctx);
    for (int i = 0; i < insns; i++) {
        gen_insn(kind == 4 ? i % 4 : kind, i);
    }
    tcg_gen_goto_tb(0);
    tcg_gen_movi_i64(PC, 0x500000);
    tcg_gen_exit_tb(NULL, 0);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void bench(const TCGBackend *be, const char *model, int kind,
                  int iters)
{
    static const char *names[] = { "alu", "memory", "branch", "call",
                                   "mixed" };
    static uint8_t buf[1 << 20];
    TranslationBlock tb;
    double t_front = 0, t_back = 0;
    uint64_t ops = 0, bytes = 0;
    for (int it = 0; it < iters; it++) {
        memset(&tb, 0, sizeof(tb));
        double t0 = now();
        gen_block(kind, 32);
        tcg_optimize(tcg_ctx);
        tcg_liveness(tcg_ctx);
        double t1 = now();
        void *rx = (char *)code_cache.rx + code_cache.prologue_size;
        bool host = be->host_code;
        long n = be->gen_code(tcg_ctx, &tb, host ? code_cache_rw(rx) : buf,
                              host ? rx : buf, host ? 1 << 20 : sizeof(buf));
        double t2 = now();
        if (n < 0) {
            fprintf(stderr, "gen_code failed\n");
            exit(1);
        }
        for (int i = 0; i < tcg_ctx->nb_ops; i++) {
            ops += tcg_ctx->ops[i].opc != INDEX_op_nop &&
                   tcg_ctx->ops[i].opc != INDEX_op_insn_start;
        }
        bytes += (uint64_t)n;
        t_front += t1 - t0;
        t_back += t2 - t1;
    }
    printf("%-7s %-10s %-7s %8.1f %9.1f %8.1f %8.1f\n", be->name, model,
           names[kind], (double)ops / t_back * 1e-6,
           (double)bytes / t_back * 1e-6, (double)bytes / (double)ops,
           (double)ops / (t_front + t_back) * 1e-6);
}

int main(int argc, char **argv)
{
    int iters = argc > 1 ? atoi(argc > 1 ? argv[1] : "20000") : 20000;
    static const struct {
        const TCGBackend *be;
        TCGMemModel model;
        const char *name;
    } runs[] = {
        { &tcg_backend_x86_64, TCG_MEM_GUEST_BASE, "guest_base" },
        { &tcg_backend_x86_64, TCG_MEM_SOFTMMU, "softmmu" },
        { &tcg_backend_interp, TCG_MEM_GUEST_BASE, "-" },
    };
    printf("%-7s %-10s %-7s %8s %9s %8s %8s\n", "backend", "memory",
           "block", "Mops/s", "MB/s", "B/op", "pipe");
    printf("(Mops/s and MB/s: code generation alone; pipe: Mops/s "
           "through optimizer, liveness and code generation)\n");
    for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
        TCGExecConfig cfg = { .backend = runs[r].be,
                              .mem_model = runs[r].model,
                              .code_size = 32 << 20 };
        if (r > 0) {
            tb_flush();
        }
        tcg_exec_init(&hooks, &cfg);
        if (r == 0) {
            tcg_cpu_init(&cpu);
        }
        for (int k = 0; k < 5; k++) {
            bench(runs[r].be, runs[r].name, k, iters);
        }
    }
    return 0;
}
