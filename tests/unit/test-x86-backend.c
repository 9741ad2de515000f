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
#include "tcg/code-cache.h"
#include "tcg/tb-maint.h"
#include "tcg/x86_64/x86.h"
#include "util/disas.h"
#include "x86-test.h"

const TCGOpcode bin_ops[] = {
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

const TCGOpcode un_ops[] = {
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

/* The access at addr: from R[1] (or a constant) minus off, with off in
 * the op's offset carg. */
static void gen_mem(int shape, MemOp mop, uint64_t addr, int32_t off)
{
    block_begin();
    tcg_gen_addi_i64(R[3], R[3], 1);     /* dirty: must be synced first */
    TCGv t = tcg_temp_new();
    tcg_gen_mov_i64(t, R[6]);
    TCGv a = shape & 1 ? tcg_constant((int64_t)(addr - (uint64_t)off)) : R[1];
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
    tcg_ctx->ops[tcg_ctx->nb_ops - 1].args[4] = (TCGArg)(uint32_t)off;
    tcg_gen_add_i64(R[4], R[0], R[3]);
    tcg_gen_add_i64(R[7], t, R[1]);
    block_end();
}

/* A block at the temp limit: the optimizer rewrites x - c as x + (-c),
 * which needs a new constant temp; with none left it must not use a
 * random temp instead (it once did). */
static void test_temp_limit(void)
{
    Pair p;
    block_begin();
    TCGv last = NULL;
    while (tcg_ctx->nb_temps < TCG_MAX_TEMPS - 4) {
        TCGv t = tcg_temp_new();
        tcg_gen_addi_i64(t, last ? last : R[2], 3);
        last = t;
    }
    tcg_gen_mov_i64(R[3], last);
    for (int i = 0; i < 8; i++) {
        tcg_gen_subi_i64(R[1], R[1], 0x1000 + 7 * i);
    }
    block_end();
    bool ok = compile_pair(&p, true);
    check(ok, "temp limit: compile");
    if (ok) {
        sweep(&p, "temp limit", 8);
    }
}

void test_guest_mem(bool softmmu)
{
    uint64_t addrs[32];
    int na = mem_addrs(softmmu, addrs);
    char what[96];
    Pair p;
    static const int32_t offs[] = { 0, -8, 24, 0x7ffffff8, INT32_MIN };
    mem_init();
    for (size_t oi = 0; oi < sizeof(offs) / sizeof(offs[0]); oi++) {
    int32_t off = offs[oi];
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
            snprintf(what, sizeof(what), "%s mem %s memop %#x offset %d",
                     softmmu ? "softmmu" : "guest_base",
                     shape >> 1 == 0 ? "ld" : shape >> 1 == 1 ? "st"
                                                          : "st const",
                     mop, off);
            bool ok = true;
            for (int i = 0; i < na && ok; i++) {
                if (i == 0 || (shape & 1)) {
                    gen_mem(shape, (MemOp)mop, addrs[i], off);
                    ok = compile_pair(&p, false);
                }
                FakeCPU in;
                fill_random(&in);
                in.r[1] = addrs[i] - (uint64_t)off;
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
    }
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
    for (int round = 0; round < 3; round++) {
        /* round 2: the same op tests through the optimizer */
        optimize_all = round == 2;
        if (round == 2) {
            x86_features_override = false;
            setup(&tcg_backend_x86_64, TCG_MEM_GUEST_BASE);
        }
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
        test_temp_limit();
        test_guest_mem(false);
        test_random(false, nprogs);
    }
    optimize_all = false;
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

