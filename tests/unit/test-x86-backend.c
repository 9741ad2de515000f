/* SPDX-License-Identifier: MIT */
/*
 * Unit test of the x86-64 backend (tcg/x86_64): IR built directly with
 * tcg-op.h for a tiny fake target (TCGCPUCommon plus sixteen 64-bit
 * "registers" as globals) runs on the x86-64 backend and on the
 * interpreter, and the resulting states must agree bit for bit.
 *
 * Covered: every op in both widths on edge and random inputs, operand
 * shapes that stress the register allocator (aliasing, constants, dying
 * temps), register pressure, helper calls, labels, guest memory in both
 * memory models (TLB hit, miss to an MMIO slow path, page-crossing
 * accesses, alignment faults), chaining and unchaining, indirect-branch
 * lookup, exit requests, precise state after a faulting helper and after
 * a SIGSEGV on an unmapped guest address, and random programs.
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
#include "tcg/tcg-op.h"
#include "tcg/exec.h"
#include "tcg/code-cache.h"
#include "tcg/tb-maint.h"
#include "tcg/x86_64/x86.h"
#include "util/disas.h"

typedef struct FakeCPU {
    TCGCPUCommon common;
    uint64_t r[16];
    uint64_t pc;
    uint64_t field[4];     /* plain CPU-state words for host ld/st */
    /* what the memory hooks saw (compared between backends) */
    uint64_t fault_addr, slow_calls, mmio_last;
    uint32_t fault_memop;
} FakeCPU;

static TCGv R[16], PC;
static FakeCPU cpu;
static int passed, failed;

static void check(bool ok, const char *fmt, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failed <= 300) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "FAIL: ");
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, "\n");
        va_end(ap);
    }
}

/* ---- a fake target for the exec loop ---- */

typedef void BlockGen(uint64_t pc);
static BlockGen *block_gen;
static TranslationBlock *cur_tb;

static void hook_state(void *env, uint64_t *pc, uint32_t *flags)
{
    *pc = ((FakeCPU *)env)->pc;
    *flags = 0;
}

static void hook_set_pc(void *env, uint64_t pc)
{
    ((FakeCPU *)env)->pc = pc;
}

static void hook_translate(TCGContext *s, TranslationBlock *tb, void *env,
                           int max)
{
    cur_tb = tb;
    block_gen(tb->pc);
    tb->size = 4;
    tb->icount = 1;
}

static void hook_restore(void *env, const uint64_t data[2])
{
    ((FakeCPU *)env)->pc = data[0];
}

static void hook_globals(TCGContext *s)
{
    static const char *names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
        "r11", "r12", "r13", "r14", "r15",
    };
    for (int i = 0; i < 16; i++) {
        R[i] = tcg_global_mem_new(offsetof(FakeCPU, r[i]), names[i]);
    }
    PC = tcg_global_mem_new(offsetof(FakeCPU, pc), "pc");
}

static const TCGTargetHooks hooks = {
    .get_tb_cpu_state = hook_state,
    .set_pc = hook_set_pc,
    .translate = hook_translate,
    .restore_state = hook_restore,
    .init_globals = hook_globals,
};

static void setup(const TCGBackend *be, TCGMemModel model)
{
    static bool cpu_ready;
    TCGExecConfig cfg = {
        .backend = be, .mem_model = model, .code_size = 16 << 20,
        .max_insns = 16,
    };
    if (cpu_ready) {
        tb_flush();
    }
    tcg_exec_init(&hooks, &cfg);
    if (!cpu_ready) {
        tcg_cpu_init(&cpu);
        cpu_ready = true;
    }
}

/* ---- running one block on both backends ---- */

static uint8_t interp_buf[1 << 20];

/* Compiled blocks for both backends from the ops now in tcg_ctx. */
typedef struct Pair {
    TranslationBlock ti, tx;
    long xsize;
} Pair;

static bool compile_pair(Pair *p, bool optimize)
{
    TCGContext *s = tcg_ctx;
    memset(p, 0, sizeof(*p));
    for (int i = 0; i < 2; i++) {
        p->tx.jmp_insn_offset[i] = p->tx.jmp_reset_offset[i] = UINT32_MAX;
    }
    if (getenv("X86_TEST_DUMPALL")) {
        fprintf(stderr, "--- before optimization\n");
        tcg_dump_ops(s, stderr);
    }
    if (optimize) {
        tcg_optimize(s);
    }
    tcg_liveness(s);
    p->ti.tc_ptr = interp_buf;
    if (tcg_backend_interp.gen_code(s, &p->ti, interp_buf, interp_buf,
                                    sizeof(interp_buf)) < 0) {
        return false;
    }
    code_cache.used = code_cache.prologue_size;
    void *rx = (char *)code_cache.rx + code_cache.used;
    p->xsize = tcg_backend_x86_64.gen_code(s, &p->tx, code_cache_rw(rx), rx,
                                           code_cache.size - code_cache.used);
    p->tx.tc_ptr = rx;
    p->tx.tc_size = (uint32_t)p->xsize;
    if (getenv("X86_TEST_DUMPALL") && p->xsize > 0) {
        tcg_dump_ops(s, stderr);
        disas_host(stderr, p->tx.tc_ptr, p->tx.tc_size);
    }
    return p->xsize > 0;
}

static void run_block(const TCGBackend *be, TranslationBlock *tb,
                      FakeCPU *c)
{
    memcpy(cpu.r, c->r, sizeof(c->r));
    cpu.pc = c->pc;
    memcpy(cpu.field, c->field, sizeof(c->field));
    cpu.fault_addr = cpu.slow_calls = cpu.mmio_last = 0;
    cpu.fault_memop = 0;
    if (sigsetjmp(cpu.common.jmp_env, 0) == 0) {
        be->exec(&cpu, tb);
    }
    memcpy(c->r, cpu.r, sizeof(c->r));
    c->pc = cpu.pc;
    memcpy(c->field, cpu.field, sizeof(c->field));
    c->fault_addr = cpu.fault_addr;
    c->fault_memop = cpu.fault_memop;
    c->slow_calls = cpu.slow_calls;
    c->mmio_last = cpu.mmio_last;
}

static bool same_state(const FakeCPU *a, const FakeCPU *b)
{
    return !memcmp(a->r, b->r, sizeof(a->r)) && a->pc == b->pc &&
           !memcmp(a->field, b->field, sizeof(a->field)) &&
           a->fault_addr == b->fault_addr &&
           a->fault_memop == b->fault_memop &&
           a->slow_calls == b->slow_calls && a->mmio_last == b->mmio_last;
}

static void report_diff(const char *what, const FakeCPU *in,
                        const FakeCPU *a, const FakeCPU *b)
{
    for (int i = 0; i < 16; i++) {
        if (a->r[i] != b->r[i]) {
            check(false, "%s: r%d interp %#llx x86 %#llx (r1=%#llx "
                  "r2=%#llx r3=%#llx)", what, i,
                  (unsigned long long)a->r[i], (unsigned long long)b->r[i],
                  (unsigned long long)in->r[1], (unsigned long long)in->r[2],
                  (unsigned long long)in->r[3]);
            return;
        }
    }
    check(false, "%s: pc/fields/faults differ: fault %#llx/%#llx slow "
          "%llu/%llu mmio %#llx/%#llx", what,
          (unsigned long long)a->fault_addr, (unsigned long long)b->fault_addr,
          (unsigned long long)a->slow_calls, (unsigned long long)b->slow_calls,
          (unsigned long long)a->mmio_last, (unsigned long long)b->mmio_last);
}

/* Guest memory that both backends see: reset before each run and
 * compared after. */
static uint8_t *guest_mem;
static size_t guest_mem_size;

/* Runs the compiled pair on input state in; true if both agree. */
static bool run_pair(Pair *p, const FakeCPU *in, const char *what)
{
    static uint8_t snap[4][4096], after[4][4096];
    FakeCPU a = *in, b = *in;
    if (guest_mem) {
        memcpy(snap, guest_mem, guest_mem_size);
    }
    run_block(&tcg_backend_interp, &p->ti, &a);
    if (guest_mem) {
        memcpy(after, guest_mem, guest_mem_size);
        memcpy(guest_mem, snap, guest_mem_size);
    }
    run_block(&tcg_backend_x86_64, &p->tx, &b);
    if (guest_mem && memcmp(after, guest_mem, guest_mem_size)) {
        check(false, "%s: guest memory differs", what);
        return false;
    }
    if (!same_state(&a, &b)) {
        report_diff(what, in, &a, &b);
        if (getenv("X86_TEST_DUMP")) {
            tcg_dump_ops(tcg_ctx, stderr);
            disas_host(stderr, p->tx.tc_ptr, p->tx.tc_size);
        }
        return false;
    }
    return true;
}

static void block_begin(void)
{
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start(0x1000, 0);
}

static void block_end(void)
{
    tcg_gen_exit_tb(NULL, 0);
}

/* ---- every op, both widths ---- */

static const uint64_t edge[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256,
    0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001,
    0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull,
    0xffffffff80000000ull, 0xdeadbeefcafebabeull, 0x123456789abcdef0ull,
};
#define NB_EDGE ((int)(sizeof(edge) / sizeof(edge[0])))

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A random value that is often "interesting". */
static uint64_t rnd_val(void)
{
    switch (rnd() % 4) {
    case 0: return edge[rnd() % NB_EDGE];
    case 1: return rnd() & 0xff;
    case 2: return edge[rnd() % NB_EDGE] ^ (rnd() << 32);
    default: return rnd();
    }
}

static void fill_random(FakeCPU *c)
{
    memset(c, 0, sizeof(*c));
    for (int i = 0; i < 16; i++) {
        c->r[i] = rnd_val();
    }
    for (int i = 0; i < 4; i++) {
        c->field[i] = rnd();
    }
}

#define A(t) temp_arg(t)

/* Runs the compiled block on all edge pairs in (r1, r2) plus random
 * states; one check per call. */
static void sweep(Pair *p, const char *what, int nb_random)
{
    bool ok = true;
    FakeCPU in;
    for (int i = 0; i < NB_EDGE && ok; i++) {
        for (int j = 0; j < NB_EDGE && ok; j++) {
            fill_random(&in);
            in.r[1] = edge[i];
            in.r[2] = edge[j];
            ok = run_pair(p, &in, what);
        }
    }
    for (int i = 0; i < nb_random && ok; i++) {
        fill_random(&in);
        ok = run_pair(p, &in, what);
    }
    check(ok, "%s", what);
}

static const TCGOpcode bin_ops[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_muluh,
    INDEX_op_mulsh, INDEX_op_div, INDEX_op_divu, INDEX_op_rem,
    INDEX_op_remu, INDEX_op_and, INDEX_op_or, INDEX_op_xor, INDEX_op_andc,
    INDEX_op_orc, INDEX_op_eqv, INDEX_op_shl, INDEX_op_shr, INDEX_op_sar,
    INDEX_op_rotl, INDEX_op_rotr,
};

static void gen_bin(TCGOpcode opc, TCGType type, int shape, uint64_t k)
{
    TCGv a = R[1], b = R[2], o = R[0];
    block_begin();
    switch (shape) {
    case 0: tcg_emit_op(opc, type, 3, A(o), A(a), A(b)); break;
    case 1: tcg_emit_op(opc, type, 3, A(a), A(a), A(b)); break;
    case 2: tcg_emit_op(opc, type, 3, A(b), A(a), A(b)); break;
    case 3: tcg_emit_op(opc, type, 3, A(o), A(a), A(a)); break;
    case 4:
        tcg_emit_op(opc, type, 3, A(o), A(a), A(tcg_constant((int64_t)k)));
        break;
    case 5:
        tcg_emit_op(opc, type, 3, A(o), A(tcg_constant((int64_t)k)), A(b));
        break;
    case 6: {
        TCGv t = tcg_temp_new(), u = tcg_temp_new();
        tcg_gen_mov_i64(t, a);
        tcg_gen_mov_i64(u, b);
        tcg_emit_op(opc, type, 3, A(t), A(t), A(u));
        tcg_gen_mov_i64(o, t);
        break;
    }
    default:
        tcg_emit_op(opc, type, 3, A(o), A(a), A(b));
        tcg_gen_add_i64(R[3], a, b);
        tcg_gen_xor_i64(R[4], o, a);
        break;
    }
    block_end();
}

static void test_binops(void)
{
    char what[96];
    Pair p;
    for (size_t i = 0; i < sizeof(bin_ops) / sizeof(bin_ops[0]); i++) {
        for (int type = 0; type < 2; type++) {
            const char *name = tcg_op_defs[bin_ops[i]].name;
            for (int shape = 0; shape < 8; shape++) {
                snprintf(what, sizeof(what), "%s_i%d shape %d", name,
                         type ? 64 : 32, shape);
                if (shape == 4 || shape == 5) {
                    bool ok = true;
                    for (int k = 0; k < NB_EDGE && ok; k++) {
                        gen_bin(bin_ops[i], (TCGType)type, shape, edge[k]);
                        ok = compile_pair(&p, false);
                        for (int j = 0; j < NB_EDGE && ok; j++) {
                            FakeCPU in;
                            fill_random(&in);
                            in.r[1] = in.r[2] = edge[j];
                            ok = run_pair(&p, &in, what);
                        }
                    }
                    check(ok, "%s", what);
                    continue;
                }
                gen_bin(bin_ops[i], (TCGType)type, shape, 0);
                if (!compile_pair(&p, false)) {
                    check(false, "%s: compile", what);
                    continue;
                }
                sweep(&p, what, 64);
            }
        }
    }
}

static const TCGOpcode un_ops[] = {
    INDEX_op_neg, INDEX_op_not, INDEX_op_clz, INDEX_op_ctz, INDEX_op_ctpop,
    INDEX_op_bswap16, INDEX_op_bswap32, INDEX_op_bswap64, INDEX_op_ext8s,
    INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u, INDEX_op_ext32s,
    INDEX_op_ext32u, INDEX_op_mov,
};

static void gen_un(TCGOpcode opc, TCGType type, int shape, uint64_t k)
{
    block_begin();
    switch (shape) {
    case 0: tcg_emit_op(opc, type, 2, A(R[0]), A(R[1])); break;
    case 1: tcg_emit_op(opc, type, 2, A(R[1]), A(R[1])); break;
    case 2:
        tcg_emit_op(opc, type, 2, A(R[0]), A(tcg_constant((int64_t)k)));
        break;
    case 3: {
        TCGv t = tcg_temp_new();
        tcg_gen_mov_i64(t, R[1]);
        tcg_emit_op(opc, type, 2, A(t), A(t));
        tcg_gen_mov_i64(R[0], t);
        break;
    }
    default:
        tcg_emit_op(opc, type, 2, A(R[0]), A(R[1]));
        tcg_gen_addi_i64(R[3], R[1], 1);
        break;
    }
    block_end();
}

static void test_unops(void)
{
    char what[96];
    Pair p;
    for (size_t i = 0; i < sizeof(un_ops) / sizeof(un_ops[0]); i++) {
        for (int type = 0; type < 2; type++) {
            for (int shape = 0; shape < 5; shape++) {
                snprintf(what, sizeof(what), "%s_i%d shape %d",
                         tcg_op_defs[un_ops[i]].name, type ? 64 : 32, shape);
                bool ok = true;
                int nk = shape == 2 ? NB_EDGE : 1;
                for (int k = 0; k < nk && ok; k++) {
                    gen_un(un_ops[i], (TCGType)type, shape, edge[k]);
                    ok = compile_pair(&p, false);
                    for (int j = 0; j < NB_EDGE + 32 && ok; j++) {
                        FakeCPU in;
                        fill_random(&in);
                        if (j < NB_EDGE) {
                            in.r[1] = edge[j];
                        }
                        ok = run_pair(&p, &in, what);
                    }
                }
                check(ok, "%s", what);
            }
        }
    }
}

/* ---- conditions ---- */

static void gen_cond(TCGOpcode opc, TCGType type, TCGCond c, int shape,
                     uint64_t k)
{
    block_begin();
    TCGv b = shape == 1 ? tcg_constant((int64_t)k) : shape == 2 ? R[1]
                                                                : R[2];
    if (opc == INDEX_op_setcond) {
        tcg_emit_op(opc, type, 4, A(shape == 3 ? R[1] : R[0]), A(R[1]),
                    A(b), (TCGArg)c);
    } else if (opc == INDEX_op_movcond) {
        TCGv t = shape == 3 ? tcg_constant((int64_t)k) : R[3];
        TCGv f = shape == 4 ? tcg_constant(-5) : R[4];
        TCGv o = shape == 2 ? R[4] : shape == 5 ? R[3] : R[0];
        tcg_emit_op(opc, type, 6, A(o), A(R[1]), A(b), A(t), A(f),
                    (TCGArg)c);
    } else {
        TCGLabel *l = gen_new_label();
        TCGv t = tcg_temp_new();
        tcg_gen_movi_i64(R[0], 1);
        tcg_gen_addi_i64(t, R[5], 3);
        l->used = true;
        tcg_emit_op(INDEX_op_brcond, type, 4, A(R[1]), A(b), (TCGArg)c,
                    (TCGArg)l->id);
        tcg_gen_movi_i64(R[0], 2);
        tcg_gen_add_i64(t, t, R[1]);
        gen_set_label(l);
        tcg_gen_addi_i64(R[3], R[0], 10);
        tcg_gen_mov_i64(R[6], t);
    }
    block_end();
}

static void test_conds(void)
{
    static const TCGOpcode ops[] = {
        INDEX_op_setcond, INDEX_op_movcond, INDEX_op_brcond,
    };
    char what[96];
    Pair p;
    for (int o = 0; o < 3; o++) {
        for (int type = 0; type < 2; type++) {
            for (int c = 0; c <= TCG_COND_TSTNE; c++) {
                int shapes = ops[o] == INDEX_op_movcond ? 6 : 4;
                for (int shape = 0; shape < shapes; shape++) {
                    snprintf(what, sizeof(what), "%s_i%d %s shape %d",
                             tcg_op_defs[ops[o]].name, type ? 64 : 32,
                             tcg_cond_name((TCGCond)c), shape);
                    bool ok = true;
                    int nk = shape == 1 || shape == 3 ? NB_EDGE : 1;
                    for (int k = 0; k < nk && ok; k++) {
                        gen_cond(ops[o], (TCGType)type, (TCGCond)c, shape,
                                 edge[k]);
                        ok = compile_pair(&p, false);
                        for (int j = 0; j < NB_EDGE && ok; j++) {
                            FakeCPU in;
                            fill_random(&in);
                            in.r[1] = edge[j];
                            in.r[2] = edge[(j * 7 + k) % NB_EDGE];
                            if (j & 1) {
                                in.r[2] = in.r[1] ^ (rnd() << 32);
                            }
                            ok = run_pair(&p, &in, what);
                        }
                    }
                    check(ok, "%s", what);
                }
            }
        }
    }
}

/* ---- bit fields and double-word arithmetic ---- */

static void test_fields(void)
{
    char what[96];
    Pair p;
    for (int type = 0; type < 2; type++) {
        int bits = type ? 64 : 32;
        bool ok[3] = { true, true, true };
        for (int pos = 0; pos < bits; pos++) {
            for (int len = 1; pos + len <= bits; len++) {
                for (int o = 0; o < 3; o++) {
                    for (int shape = 0; shape < (o == 2 ? 4 : 1) && ok[o];
                         shape++) {
                        block_begin();
                        if (o < 2) {
                            tcg_emit_op(o ? INDEX_op_sextract
                                          : INDEX_op_extract, (TCGType)type,
                                        4, A(R[0]), A(R[1]), (TCGArg)pos,
                                        (TCGArg)len);
                        } else {
                            TCGv a = shape == 3 ? tcg_constant(0x55aa) : R[1];
                            TCGv b = shape == 2 ? tcg_constant(-3) : R[2];
                            TCGv d = shape == 1 ? R[1] : R[0];
                            tcg_emit_op(INDEX_op_deposit, (TCGType)type, 5,
                                        A(d), A(a), A(b), (TCGArg)pos,
                                        (TCGArg)len);
                        }
                        block_end();
                        snprintf(what, sizeof(what), "%s_i%d pos %d len %d "
                                 "shape %d", o == 0 ? "extract" : o == 1 ?
                                 "sextract" : "deposit", bits, pos, len,
                                 shape);
                        ok[o] = compile_pair(&p, false);
                        for (int j = 0; j < 6 && ok[o]; j++) {
                            FakeCPU in;
                            fill_random(&in);
                            in.r[1] = j == 0 ? ~0ull : j == 1 ? 0 : rnd();
                            in.r[2] = j == 2 ? ~0ull : rnd();
                            ok[o] = run_pair(&p, &in, what);
                        }
                    }
                }
            }
        }
        check(ok[0], "extract_i%d", bits);
        check(ok[1], "sextract_i%d", bits);
        check(ok[2], "deposit_i%d", bits);
    }
}

static void test_add2(void)
{
    char what[64];
    Pair p;
    for (int o = 0; o < 2; o++) {
        TCGOpcode opc = o ? INDEX_op_sub2 : INDEX_op_add2;
        for (int shape = 0; shape < 7; shape++) {
            TCGv *r = R;
            TCGv args[6][6] = {
                { r[0], r[3], r[1], r[2], r[4], r[5] },
                { r[1], r[2], r[1], r[2], r[4], r[5] },
                { r[0], r[3], r[1], r[2], r[1], r[2] },
                { r[0], r[3], r[1], r[2], NULL, NULL },
                { r[0], r[3], r[1], r[1], r[2], r[1] },
                { r[2], r[1], r[1], r[2], r[4], r[5] },
            };
            block_begin();
            TCGv *g = args[shape % 6];
            TCGv bl = g[4] ? g[4] : tcg_constant(-1);
            TCGv bh = g[5] ? g[5] : tcg_constant(0x7fffffff);
            if (shape == 6) {
                /* temps that die, and the high input in the low output */
                TCGv t = tcg_temp_new(), u = tcg_temp_new();
                tcg_gen_mov_i64(t, r[1]);
                tcg_gen_mov_i64(u, r[2]);
                tcg_emit_op(opc, TCG_TYPE_I64, 6, A(u), A(t), A(t), A(u),
                            A(u), A(t));
                tcg_gen_mov_i64(r[0], t);
                tcg_gen_mov_i64(r[3], u);
            } else {
                tcg_emit_op(opc, TCG_TYPE_I64, 6, A(g[0]), A(g[1]), A(g[2]),
                            A(g[3]), A(bl), A(bh));
            }
            block_end();
            snprintf(what, sizeof(what), "%s shape %d",
                     tcg_op_defs[opc].name, shape);
            if (!compile_pair(&p, false)) {
                check(false, "%s: compile", what);
                continue;
            }
            sweep(&p, what, 200);
        }
    }
}

/* ---- host loads and stores on env, including fields of globals ---- */

static void test_host_ldst(void)
{
    static const TCGOpcode lds[] = {
        INDEX_op_ld8u, INDEX_op_ld8s, INDEX_op_ld16u, INDEX_op_ld16s,
        INDEX_op_ld32u, INDEX_op_ld32s, INDEX_op_ld,
    };
    static const TCGOpcode sts[] = {
        INDEX_op_st8, INDEX_op_st16, INDEX_op_st32, INDEX_op_st,
    };
    Pair p;
    char what[64];
    TCGv env = tcg_ctx->env;
    for (int i = 0; i < 7; i++) {
        for (int off = 0; off < 8; off += 3) {
            block_begin();
            tcg_emit_op(lds[i], TCG_TYPE_I64, 3, A(R[0]), A(env),
                        (TCGArg)(offsetof(FakeCPU, field[1]) + off));
            /* a field that backs a global, while its value is dirty */
            tcg_gen_addi_i64(R[2], R[2], 0x1234);
            tcg_emit_op(lds[i], TCG_TYPE_I64, 3, A(R[3]), A(env),
                        (TCGArg)(offsetof(FakeCPU, r[2]) + off));
            block_end();
            snprintf(what, sizeof(what), "%s off %d", tcg_op_defs[lds[i]].name,
                     off);
            check(compile_pair(&p, false), "%s compile", what);
            sweep(&p, what, 16);
        }
    }
    for (int i = 0; i < 4; i++) {
        for (int shape = 0; shape < 3; shape++) {
            block_begin();
            TCGv v = shape == 1 ? tcg_constant(-0x1234567) : R[1];
            tcg_emit_op(sts[i], TCG_TYPE_I64, 3, A(v), A(env),
                        (TCGArg)offsetof(FakeCPU, field[2]));
            if (shape == 2) {
                /* store into a global's field: later reads must see it */
                tcg_gen_addi_i64(R[4], R[4], 1);
                tcg_emit_op(sts[i], TCG_TYPE_I64, 3, A(R[1]), A(env),
                            (TCGArg)offsetof(FakeCPU, r[4]));
                tcg_gen_addi_i64(R[5], R[4], 1);
            }
            block_end();
            snprintf(what, sizeof(what), "%s shape %d",
                     tcg_op_defs[sts[i]].name, shape);
            check(compile_pair(&p, false), "%s compile", what);
            sweep(&p, what, 16);
        }
    }
}

/* ---- register pressure, calls, labels ---- */

static void test_pressure(void)
{
    Pair p;
    enum { N = 40 };
    for (int variant = 0; variant < 2; variant++) {
        TCGv t[N];
        block_begin();
        for (int i = 0; i < N; i++) {
            t[i] = tcg_temp_new();
            tcg_gen_muli_i64(t[i], R[i % 16], i + 3);
            tcg_gen_xor_i64(R[(i + 5) % 16], R[(i + 5) % 16], t[i]);
            if (variant && i % 7 == 3) {
                /* a label in the middle: everything goes to memory */
                TCGLabel *l = gen_new_label();
                tcg_gen_brcondi_i64(TCG_COND_EQ, t[i], 5, l);
                tcg_gen_addi_i64(R[1], R[1], 1);
                gen_set_label(l);
            }
        }
        for (int i = 0; i < N; i++) {
            tcg_gen_add_i64(R[i % 16], R[i % 16], t[N - 1 - i]);
            tcg_gen_rotli_i64(R[(i + 3) % 16], t[i], i);
        }
        block_end();
        check(compile_pair(&p, false), "pressure compile");
        sweep(&p, variant ? "pressure with labels" : "pressure", 100);
    }
}

static uint64_t helper_mix6(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                            uint64_t e, uint64_t f)
{
    return a * 1 + b * 3 + c * 5 + d * 7 + e * 11 + f * 13 +
           ((a ^ f) >> 3);
}

static uint64_t helper_read_r5(void *env)
{
    return ((FakeCPU *)env)->r[5] * 3;
}

static void helper_write_r6(void *env, uint64_t v)
{
    ((FakeCPU *)env)->r[6] = v + 100;
}

static const TCGHelperInfo info_mix6 = TCG_HELPER_INFO(
    helper_mix6, TCG_CALL_PURE, true, 6, TCG_CALL_ARG_I64, TCG_CALL_ARG_I32,
    TCG_CALL_ARG_I64, TCG_CALL_ARG_I32, TCG_CALL_ARG_I64, TCG_CALL_ARG_I64);
static const TCGHelperInfo info_read_r5 = TCG_HELPER_INFO(
    helper_read_r5, TCG_CALL_NO_WRITE_GLOBALS, true, 1, TCG_CALL_ARG_PTR);
static const TCGHelperInfo info_write_r6 = TCG_HELPER_INFO(
    helper_write_r6, 0, false, 2, TCG_CALL_ARG_PTR, TCG_CALL_ARG_I64);

static void test_calls(void)
{
    Pair p;
    for (int shape = 0; shape < 5; shape++) {
        TCGv t[12];
        block_begin();
        for (int i = 0; i < 12; i++) {
            t[i] = tcg_temp_new();
            tcg_gen_addi_i64(t[i], R[i], i * 0x10001);
        }
        tcg_gen_addi_i64(R[5], R[5], 7);        /* dirty before the call */
        switch (shape) {
        case 0:
            tcg_gen_call6(&info_mix6, R[0], R[1], R[2], R[3], R[4], R[7],
                          R[8]);
            break;
        case 1: /* arguments already in each other's argument registers */
            tcg_gen_call6(&info_mix6, R[0], t[5], t[4], t[3], t[2], t[1],
                          t[0]);
            tcg_gen_call6(&info_mix6, R[9], t[0], t[1], t[2], t[3], t[4],
                          t[5]);
            break;
        case 2:
            tcg_gen_call6(&info_mix6, t[0], tcg_constant(-1),
                          tcg_constant(-2), R[1], R[1],
                          tcg_constant(0x123456789ll), t[1]);
            tcg_gen_mov_i64(R[0], t[0]);
            break;
        case 3:
            tcg_gen_call1(&info_read_r5, R[0], tcg_ctx->env);
            break;
        default:
            tcg_gen_call2(&info_write_r6, NULL, tcg_ctx->env, R[7]);
            tcg_gen_addi_i64(R[7], R[6], 1);
            break;
        }
        for (int i = 0; i < 12; i++) {
            tcg_gen_xor_i64(R[(i + 1) % 16], R[(i + 1) % 16], t[i]);
        }
        block_end();
        char what[32];
        snprintf(what, sizeof(what), "call shape %d", shape);
        check(compile_pair(&p, false), "%s compile", what);
        sweep(&p, what, 50);
    }
}

static void test_labels(void)
{
    Pair p;
    for (int opt = 0; opt < 2; opt++) {
        block_begin();
        TCGv t = tcg_temp_new(), u = tcg_temp_new();
        TCGLabel *l1 = gen_new_label(), *l2 = gen_new_label();
        TCGLabel *l3 = gen_new_label();
        tcg_gen_mov_i64(t, R[1]);
        tcg_gen_movi_i64(u, 0);
        tcg_gen_brcond_i64(TCG_COND_LTU, R[1], R[2], l1);
        tcg_gen_sub_i64(t, t, R[2]);
        tcg_gen_movi_i64(u, 1);
        tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, l2);
        tcg_gen_addi_i64(R[3], R[3], 5);
        tcg_gen_br(l3);
        gen_set_label(l1);
        tcg_gen_add_i64(t, t, R[2]);
        tcg_gen_movi_i64(u, 2);
        gen_set_label(l2);
        tcg_gen_shli_i64(t, t, 1);
        gen_set_label(l3);
        tcg_gen_mov_i64(R[0], t);
        tcg_gen_mov_i64(R[4], u);
        block_end();
        check(compile_pair(&p, opt), "labels compile");
        sweep(&p, opt ? "labels optimized" : "labels", 100);
    }
}

/* ---- guest memory ---- */

#define GUEST_USER_BASE 0x10000ull     /* user mode: 3 pages, then none */
#define GUEST_RAM_BASE 0x40000000ull   /* system mode: same bytes */
#define GUEST_MMIO_PAGE 0x9000ull
static CPUTLBEntry test_tlb[TLB_NB_MMU_MODES][TLB_SIZE];
static bool hooks_restore;          /* exec-loop tests: restore and leave */
static uintptr_t last_fault_ra;

static uint64_t mem_value(const uint8_t *p, MemOp mop)
{
    int size = 1 << (mop & MO_SIZE);
    uint64_t v = 0;
    for (int i = 0; i < size; i++) {
        int k = (mop & MO_BSWAP) ? size - 1 - i : i;
        v |= (uint64_t)p[i] << (8 * k);
    }
    if ((mop & MO_SIGN) && size < 8) {
        v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
    }
    return v;
}

static void mem_store(uint8_t *p, uint64_t v, MemOp mop)
{
    int size = 1 << (mop & MO_SIZE);
    for (int i = 0; i < size; i++) {
        int k = (mop & MO_BSWAP) ? size - 1 - i : i;
        p[i] = (uint8_t)(v >> (8 * k));
    }
}

/* The slow path must preserve the block's live caller-saved registers. */
static void clobber_regs(void)
{
    __asm__ volatile("mov $0xbad1, %%r8\n\tmov $0xbad2, %%r9\n\t"
                     "mov $0xbad3, %%r10\n\tmov $0xbad4, %%r11\n\t"
                     "mov $0xbad5, %%rcx\n\tmov $0xbad6, %%rdx\n\t"
                     "mov $0xbad7, %%rsi\n\tmov $0xbad8, %%rdi\n\t"
                     "mov $0xbad9, %%rax" ::: "r8", "r9", "r10", "r11",
                     "rcx", "rdx", "rsi", "rdi", "rax");
}

static __attribute__((noreturn)) void mem_fault(void *env, uint64_t addr,
                                                uint32_t memop, uintptr_t ra)
{
    FakeCPU *c = env;
    c->fault_addr = addr;
    c->fault_memop = memop;
    if (ra) {
        last_fault_ra = ra;
    }
    if (hooks_restore) {
        c->common.exception_index = 13;
        tcg_cpu_loop_exit_restore(env, ra);
    }
    tcg_cpu_loop_exit(env);
}

static uint8_t *ram_ptr(uint64_t addr, unsigned size)
{
    if (addr >= GUEST_RAM_BASE && addr + size <= GUEST_RAM_BASE + 0x3000) {
        return guest_mem + (addr - GUEST_RAM_BASE);
    }
    return NULL;
}

static uint64_t hook_slow_ld(void *env, uint64_t addr, uint32_t memop,
                             uint32_t mmu_idx, uintptr_t ra)
{
    FakeCPU *c = env;
    unsigned size = 1u << (memop & MO_SIZE);
    clobber_regs();
    c->slow_calls++;
    if ((memop & MO_ALIGN) && (addr & (size - 1))) {
        mem_fault(env, addr, memop, ra);
    }
    uint8_t *p = ram_ptr(addr, size);
    if (p) {
        return mem_value(p, (MemOp)memop);
    }
    if (addr >> 12 == GUEST_MMIO_PAGE) {
        uint64_t pattern = addr * 0x9e3779b97f4a7c15ull;
        c->mmio_last = addr;
        return mem_value((uint8_t *)&pattern, (MemOp)memop);
    }
    mem_fault(env, addr, memop, ra);
}

static void hook_slow_st(void *env, uint64_t addr, uint64_t val,
                         uint32_t memop, uint32_t mmu_idx, uintptr_t ra)
{
    FakeCPU *c = env;
    unsigned size = 1u << (memop & MO_SIZE);
    clobber_regs();
    c->slow_calls++;
    if ((memop & MO_ALIGN) && (addr & (size - 1))) {
        mem_fault(env, addr, memop, ra);
    }
    uint8_t *p = ram_ptr(addr, size);
    if (p) {
        mem_store(p, val, (MemOp)memop);
    } else if (addr >> 12 == GUEST_MMIO_PAGE) {
        uint8_t b[8] = { 0 };
        mem_store(b, val, (MemOp)memop);
        c->mmio_last = addr ^ mem_value(b, (MemOp)(memop & MO_SIZE));
    } else {
        mem_fault(env, addr, memop, ra);
    }
}

static void hook_unaligned(void *env, uint64_t addr, uint32_t memop,
                           uintptr_t ra)
{
    mem_fault(env, addr, memop, ra);
}

static void mem_init(void)
{
    static uint8_t *region;
    if (!region) {
        region = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        mprotect(region + 3 * 4096, 4096, PROT_NONE);
    }
    guest_mem = region;
    guest_mem_size = 3 * 4096;
    for (size_t i = 0; i < guest_mem_size; i++) {
        guest_mem[i] = (uint8_t)(i * 37 + (i >> 8));
    }
    cpu.common.guest_base = (uintptr_t)region - GUEST_USER_BASE;
    cpu.common.slow_ld = hook_slow_ld;
    cpu.common.slow_st = hook_slow_st;
    cpu.common.raise_unaligned = hook_unaligned;
    cpu.common.tlb = test_tlb;
    memset(test_tlb, 0xff, sizeof(test_tlb));  /* all invalid */
    for (int pg = 0; pg < 2; pg++) {
        uint64_t va = GUEST_RAM_BASE + 0x1000 * (uint64_t)pg;
        CPUTLBEntry *e = &test_tlb[1][(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
        e->addr_read = e->addr_write = va;
        e->addend = (uintptr_t)region + 0x1000 * (uintptr_t)pg - va;
    }
    CPUTLBEntry *e = &test_tlb[1][GUEST_MMIO_PAGE & (TLB_SIZE - 1)];
    e->addr_read = e->addr_write = (GUEST_MMIO_PAGE << 12) | TLB_MMIO;
    e->addend = 0;
}

/* Addresses worth trying: aligned, misaligned, page-crossing, a RAM page
 * missing from the TLB, MMIO. */
static int mem_addrs(bool softmmu, uint64_t *out)
{
    uint64_t base = softmmu ? GUEST_RAM_BASE : GUEST_USER_BASE;
    static const uint64_t offs[] = {
        0, 1, 2, 3, 4, 6, 7, 8, 0x7f9, 0xffc, 0xffd, 0xffe, 0xfff, 0x1000,
        0x1ff8, 0x1ffd, 0x2000, 0x2003, 0x2ff8,
    };
    int n = 0;
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        out[n++] = base + offs[i];
    }
    if (softmmu) {
        out[n++] = (GUEST_MMIO_PAGE << 12) + 0x10;
        out[n++] = (GUEST_MMIO_PAGE << 12) + 0x13;
    }
    return n;
}

static void gen_mem(int shape, MemOp mop, uint64_t addr)
{
    block_begin();
    tcg_gen_addi_i64(R[3], R[3], 1);     /* dirty: must be synced first */
    TCGv t = tcg_temp_new();
    tcg_gen_mov_i64(t, R[6]);
    TCGv a = shape & 1 ? tcg_constant((int64_t)addr) : R[1];
    switch (shape >> 1) {
    case 0:
        tcg_gen_qemu_ld(R[0], a, 1, mop);
        break;
    case 1:
        tcg_gen_qemu_st(R[2], a, 1, mop);
        break;
    default:
        tcg_gen_qemu_st(tcg_constant(0x1122334455667788ll), a, 1, mop);
        break;
    }
    tcg_gen_add_i64(R[4], R[0], R[3]);
    tcg_gen_add_i64(R[7], t, R[1]);
    block_end();
}

static void test_guest_mem(bool softmmu)
{
    uint64_t addrs[32];
    int na = mem_addrs(softmmu, addrs);
    char what[96];
    Pair p;
    mem_init();
    for (int mop = 0; mop < 64; mop++) {
        if ((mop & MO_SIGN) && (mop & MO_SIZE) == MO_64) {
            continue;
        }
        if ((mop & MO_SIZE) > MO_64) {
            continue;
        }
        for (int shape = 0; shape < 6; shape++) {
            if ((mop & MO_SIGN) && shape >= 2) {
                continue;
            }
            snprintf(what, sizeof(what), "%s mem %s memop %#x",
                     softmmu ? "softmmu" : "guest_base",
                     shape >> 1 == 0 ? "ld" : shape >> 1 == 1 ? "st"
                                                          : "st const",
                     mop);
            bool ok = true;
            for (int i = 0; i < na && ok; i++) {
                if (i == 0 || (shape & 1)) {
                    gen_mem(shape, (MemOp)mop, addrs[i]);
                    ok = compile_pair(&p, false);
                }
                FakeCPU in;
                fill_random(&in);
                in.r[1] = addrs[i];
                last_fault_ra = 0;
                ok = ok && run_pair(&p, &in, what);
                if (ok && last_fault_ra) {
                    /* the fault's host pc must map to insn 0 */
                    uintptr_t off = last_fault_ra - (uintptr_t)p.tx.tc_ptr;
                    ok = off < tcg_ctx->insn_end_off[0];
                    check(ok, "%s: fault retaddr outside the insn", what);
                }
            }
            check(ok, "%s", what);
        }
    }
    guest_mem = NULL;
}

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

static void test_chaining(void)
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
    TranslationBlock *a = tb_lookup_hash(0x1000, 0);
    TranslationBlock *b = tb_lookup_hash(0x2000, 0);
    check(a && b && a->jmp_dest[0] == b && b->jmp_dest[0] == a,
          "chain links recorded");
    if (!a || !b) {
        return;
    }
    check(a->jmp_insn_offset[0] % 4 == 0 &&
          ((uintptr_t)a->tc_ptr + a->jmp_insn_offset[0]) % 4 == 0,
          "patched rel32 is 4-byte aligned");

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

static void test_lookup(void)
{
    block_gen = gen_loop_blocks;
    reset_regs(0x4000);
    int e = tcg_cpu_exec(&cpu);
    check(e == 7 && cpu.r[2] == 5, "lookup loop: r2 %llu",
          (unsigned long long)cpu.r[2]);
    TranslationBlock *d = tb_lookup_hash(0x4000, 0);
    if (!d) {
        check(false, "lookup block exists");
        return;
    }
    /* every iteration after the first is an inline jump-cache hit */
    reset_regs(0x4000);
    uintptr_t r = exec_direct(d);
    check(r == 0 && cpu.r[2] == 5, "lookup hits stay in generated code "
          "(r2 %llu)", (unsigned long long)cpu.r[2]);
    d->invalid = true;
    reset_regs(0x4000);
    r = exec_direct(d);
    check(r == 0 && cpu.r[2] == 1, "lookup misses an invalid block");
    d->invalid = false;

    reset_regs(0x4100);
    e = tcg_cpu_exec(&cpu);
    check(e == 7 && cpu.r[2] == 3, "lookup miss loop");
    TranslationBlock *f = tb_lookup_hash(0x4100, 0);
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
            tcg_gen_call6(&info_mix6, rp_dst(g), a, b, c2, c3, c4, c5);
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
        tcg_gen_movi_i64(rp_dst(g), (int64_t)rnd_val());
        break;
    default:
        tcg_gen_insn_start(0x1000 + 4 * (uint64_t)tcg_ctx->nb_insns, 0);
        break;
    }
}

static void test_random(bool softmmu, int nprogs)
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

static void test_restore(bool softmmu)
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

int main(int argc, char **argv)
{
    /* X86_TEST_SEED / X86_TEST_RANDOM_N / X86_TEST_RANDOM_OPS: longer
     * random campaigns by hand */
    const char *seed = getenv("X86_TEST_SEED");
    const char *nrand = getenv("X86_TEST_RANDOM_N");
    int nprogs = nrand ? atoi(nrand) : 400;
    if (seed) {
        rng_state = strtoull(seed, NULL, 0) | 1;
    }
    setup(&tcg_backend_x86_64, TCG_MEM_GUEST_BASE);
    for (int round = 0; round < 2; round++) {
        if (round == 1) {
            /* the fallbacks for hosts without lzcnt, BMI, popcnt, movbe */
            x86_features_override = true;
            x86_features = (X86Features){ 0 };
            setup(&tcg_backend_x86_64, TCG_MEM_GUEST_BASE);
        }
        test_binops();
        test_unops();
        test_conds();
        test_fields();
        test_add2();
        test_host_ldst();
        test_pressure();
        test_calls();
        test_labels();
        test_guest_mem(false);
        test_random(false, nprogs);
    }
    x86_features_override = false;
    setup(&tcg_backend_x86_64, TCG_MEM_GUEST_BASE);
    test_chaining();
    test_lookup();
    test_restore(false);
    for (int round = 0; round < 2; round++) {
        x86_features_override = round == 1;
        setup(&tcg_backend_x86_64, TCG_MEM_SOFTMMU);
        test_guest_mem(true);
        test_random(true, nprogs);
        test_restore(true);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
