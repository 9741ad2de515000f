/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 backend's face to the core (tcg/backend.h): the prologue
 * and epilogue that exec() enters and leaves generated code through, the
 * gen_code driver that walks the op list, the block-structure ops (labels,
 * branches, insn_start, goto_tb, exit_tb, goto_lookup) and the patching
 * of direct jumps between blocks.
 *
 * Every block starts with a test of env->common.exit_request; a chained
 * jump or an indirect-branch hit enters the next block there too, so a
 * loop of chained blocks still notices exit requests.
 */
#include <cpuid.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include "x86.h"
#include "tcg/backend.h"
#include "tcg/code-cache.h"

X86Features x86_features;
bool x86_features_override;
TCGMemModel x86_mem_model;
uintptr_t x86_epilogue;
static uintptr_t (*x86_prologue)(void *env, const void *code);
static __thread X86Ctx *x86_ctx;

static void x86_detect_features(void)
{
    unsigned a, b, c, d;
    X86Features *f = &x86_features;
    *f = (X86Features){ 0 };
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        f->popcnt = c & bit_POPCNT;
        f->movbe = c & bit_MOVBE;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        f->bmi1 = b & bit_BMI;
        f->bmi2 = b & bit_BMI2;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        f->lzcnt = c & bit_LZCNT;
    }
}

static const int saved_regs[] = { R_BP, R_BX, R_12, R_13, R_14, R_15 };
#define NB_SAVED ((int)(sizeof(saved_regs) / sizeof(saved_regs[0])))

static void emit_epilogue(CodeBuf *cb)
{
    x86_rr(cb, OPC_ARITH_EvIz | P_W, ARITH_ADD, R_SP);
    cb_u32(cb, FRAME_SIZE);
    for (int i = NB_SAVED - 1; i >= 0; i--) {
        x86_pop(cb, saved_regs[i]);
    }
    cb_byte(cb, 0xc3);
}

/* prologue(env, code): saves the callee-saved registers, loads env and
 * guest_base, reserves the spill frame (rsp stays 16-byte aligned: the
 * return address plus six pushes is 56 bytes, FRAME_SIZE is 8 mod 16) and
 * jumps to the block.  exit_tb jumps to the epilogue with rax set. */
static size_t x86_init(void *rw, void *rx, size_t size)
{
    CodeBuf cb = { .rw = rw, .rx = (uintptr_t)rx, .size = size };
    _Static_assert((FRAME_SIZE + 8 * NB_SAVED + 8) % 16 == 0,
                   "generated code must run with an aligned stack");
    if (!x86_features_override) {
        x86_detect_features();
    }
    x86_mem_model = tcg_mem_model;
    x86_init_ops();
    x86_prologue = (uintptr_t (*)(void *, const void *))rx;
    for (int i = 0; i < NB_SAVED; i++) {
        x86_push(&cb, saved_regs[i]);
    }
    x86_mov_rr(&cb, true, REG_ENV, R_DI);
    if (x86_mem_model == TCG_MEM_GUEST_BASE) {
        x86_ld(&cb, true, REG_GUEST_BASE, R_DI,
               offsetof(TCGCPUCommon, guest_base));
    }
    x86_rr(&cb, OPC_ARITH_EvIz | P_W, ARITH_SUB, R_SP);
    cb_u32(&cb, FRAME_SIZE);
    x86_rr(&cb, OPC_GRP5, EXT5_JMPN, R_SI);

    x86_epilogue = cb_rx(&cb);
    emit_epilogue(&cb);
    return cb.pos;
}

/* Leaves generated code with rax already set: a jump to the shared
 * epilogue, or a copy of it when a code cache over 2 GB puts the block
 * out of rel32 range. */
void x86_jmp_epilogue(CodeBuf *cb)
{
    if (fits_s32((int64_t)(x86_epilogue - (cb_rx(cb) + 5)))) {
        x86_jmp32(cb, x86_epilogue);
    } else {
        emit_epilogue(cb);
    }
}

static uintptr_t x86_exec(void *env, TranslationBlock *tb)
{
    return x86_prologue(env, tb->tc_ptr);
}

/* Patches slot n's jmp rel32 with one aligned 4-byte store, so a thread
 * running the block sees either the old or the new target. */
static void x86_set_jump(TranslationBlock *tb, int n, TranslationBlock *dest)
{
    uintptr_t field = (uintptr_t)tb->tc_ptr + tb->jmp_insn_offset[n];
    uintptr_t reset = (uintptr_t)tb->tc_ptr + tb->jmp_reset_offset[n];
    uintptr_t target = dest ? (uintptr_t)dest->tc_ptr : reset;
    if (!fits_s32((int64_t)(target - (field + 4)))) {
        target = reset;   /* out of rel32 range: stay unchained */
    }
    int32_t rel = (int32_t)(target - (field + 4));
    __atomic_store_n((int32_t *)code_cache_rw((void *)field), rel,
                     __ATOMIC_RELEASE);
}

/* ---- labels ---- */

void x86_branch_to_label(X86Ctx *x, int cc, int label)
{
    if (cc >= 0 && label == x->fuse_label) {
        /* the jcc's rel32 must be 4-byte aligned to be patched */
        x86_nops(&x->cb, (int)((4 - ((cb_rx(&x->cb) + 2) & 3)) & 3));
    }
    size_t field = cc < 0 ? x86_jmp32(&x->cb, 0) : x86_jcc32(&x->cb, cc, 0);
    if (cc >= 0 && label == x->fuse_label) {
        x->fuse_field = field;
    }
    if (x->label_bound[label] >= 0) {
        x86_patch_rel32(&x->cb, field, x->cb.rx + (size_t)x->label_bound[label]);
        return;
    }
    if (x->nb_relocs >= X86_MAX_RELOCS) {
        x->failed = true;
        return;
    }
    x->relocs[x->nb_relocs].field = field;
    x->relocs[x->nb_relocs].next = x->label_head[label];
    x->label_head[label] = x->nb_relocs++;
}

static void bind_label(X86Ctx *x, int label)
{
    x->label_bound[label] = (intptr_t)x->cb.pos;
    for (int i = x->label_head[label]; i >= 0; i = x->relocs[i].next) {
        x86_patch_rel32(&x->cb, x->relocs[i].field, cb_rx(&x->cb));
    }
    x->label_head[label] = -1;
}

/* ---- block structure ---- */

/* goto_tb n: a jmp whose rel32 is 4-byte aligned so set_jump can patch
 * it atomically; unchained it jumps to the next instruction, where the
 * front end stores the pc and exits with tb|n. */
static void emit_goto_tb(X86Ctx *x, int n)
{
    CodeBuf *cb = &x->cb;
    ra_sync_globals(x);
    if (x->fuse_field != SIZE_MAX && x->last_bound == x->fuse_label &&
        cb->pos == (size_t)x->label_bound[x->fuse_label]) {
        /* the conditional branch to here is the slot's jump: chained,
         * the taken path goes straight to the next block */
        x->tb->jmp_insn_offset[n & 1] = (uint32_t)x->fuse_field;
        x->tb->jmp_reset_offset[n & 1] = (uint32_t)cb->pos;
        x->fuse_field = SIZE_MAX;
        x->fuse_label = -1;
        return;
    }
    int pad = (int)((4 - ((cb_rx(cb) + 1) & 3)) & 3);
    x86_nops(cb, pad);
    size_t field = x86_jmp32(cb, 0);
    x86_patch_rel32(cb, field, cb_rx(cb));
    x->tb->jmp_insn_offset[n & 1] = (uint32_t)field;
    x->tb->jmp_reset_offset[n & 1] = (uint32_t)cb->pos;
}

static void emit_exit_tb(X86Ctx *x, uintptr_t val)
{
    ra_sync_globals(x);
    x86_movi(&x->cb, R_AX, val);
    x86_jmp_epilogue(&x->cb);
    x->unreachable = true;
}

/* Indirect branch: probe env->common.jmp_cache at tb_jmp_cache_hash(pc)
 * and jump into the block if its pc and flags match (the cache holds only
 * valid, non-single-step blocks, and empty slots point at a block whose
 * pc matches nothing); exit to the loop with 0 otherwise.  10 host
 * instructions on a hit. */
void x86_emit_goto_lookup(X86Ctx *x, TCGType type, const X86Args *a)
{
    CodeBuf *cb = &x->cb;
    int pc = (int)a->v[0], t1 = a->scratch[0], t2 = a->scratch[1];
    if (x->tb->cflags & CF_SINGLE_STEP) {
        /* one instruction per exec: never run on into another block */
        x86_arith_rr(cb, ARITH_XOR, false, R_AX, R_AX);
        x86_jmp_epilogue(cb);
        x->unreachable = true;
        return;
    }
    _Static_assert(TB_JMP_CACHE_SIZE - 1 <= 0x7fffffff, "imm32 mask");
    x86_mov_rr(cb, true, t1, pc);
    x86_shift_ri(cb, SHIFT_SHR, true, t1, 2);
    x86_arith_ri(cb, ARITH_AND, false, t1, TB_JMP_CACHE_SIZE - 1);
    x86_ld(cb, true, t2, REG_ENV, offsetof(TCGCPUCommon, jmp_cache));
    x86_rm(cb, OPC_MOVL_GvEv | P_W, t1, t2, t1, 3, 0);
    x86_rm(cb, ((ARITH_CMP << 3) | 3) | P_W, pc, t1, R_NONE, 0,
           offsetof(TranslationBlock, pc));
    size_t miss0 = x86_jcc32(cb, CC_NE, 0);
    x86_rm(cb, OPC_ARITH_EvIz, ARITH_CMP, t1, R_NONE, 0,
           offsetof(TranslationBlock, flags));
    cb_u32(cb, (uint32_t)a->v[1]);
    size_t miss1 = x86_jcc32(cb, CC_NE, 0);
    x86_rm(cb, OPC_GRP5, EXT5_JMPN, t1, R_NONE, 0,
           offsetof(TranslationBlock, tc_ptr));
    x86_patch_rel32(cb, miss0, cb_rx(cb));
    x86_patch_rel32(cb, miss1, cb_rx(cb));
    x86_arith_rr(cb, ARITH_XOR, false, R_AX, R_AX);
    x86_jmp_epilogue(cb);
    x->unreachable = true;
}

static void emit_insn_start(X86Ctx *x, const TCGOp *op)
{
    TCGContext *s = x->s;
    if (s->nb_insns >= TCG_MAX_INSNS) {
        x->failed = true;
        return;
    }
    /* a helper's return address must fall inside its own insn */
    if (s->nb_insns > 0 && x->cb.pos == x->call_ret_off) {
        x86_nops(&x->cb, 1);
    }
    if (s->nb_insns > 0) {
        s->insn_end_off[s->nb_insns - 1] = (uint32_t)x->cb.pos;
    }
    s->insn_data[s->nb_insns][0] = op->args[0];
    s->insn_data[s->nb_insns][1] = op->args[1];
    s->nb_insns++;
}

static void emit_set_label(X86Ctx *x, int label)
{
    if (!x->unreachable) {
        ra_sync_all(x, 0);
    }
    bind_label(x, label);
    x->last_bound = label;
    ra_forget_all(x);
    x->unreachable = false;
}

static void emit_host_ldst(X86Ctx *x, TCGOp *op)
{
    static const int8_t size[NB_OPS] = {
        [INDEX_op_ld8u] = 1, [INDEX_op_ld8s] = 1, [INDEX_op_ld16u] = 2,
        [INDEX_op_ld16s] = 2, [INDEX_op_ld32u] = 4, [INDEX_op_ld32s] = 4,
        [INDEX_op_ld] = 8, [INDEX_op_st8] = 1, [INDEX_op_st16] = 2,
        [INDEX_op_st32] = 4, [INDEX_op_st] = 8,
    };
    bool store = tcg_op_defs[op->opc].nb_oargs == 0;
    if (arg_temp(op->args[1])->kind == TEMP_FIXED) {
        ra_env_access(x, op, store, size[op->opc]);
    }
    ra_op(x, op);
}

/* A brcond that is the only branch to a label whose first op is goto_tb
 * (an A64 conditional branch's taken side): its jcc can be the slot. */
static bool fusable_branch(X86Ctx *x, const TCGOp *op)
{
    TCGContext *s = x->s;
    int label = (int)op->args[3];
    TCGCond c = (TCGCond)op->args[2];
    if (x->label_refs[label] != 1 || c == TCG_COND_ALWAYS ||
        c == TCG_COND_NEVER || (x->tb->cflags & CF_SINGLE_STEP)) {
        return false;
    }
    for (int i = s->labels[label].op_index + 1; i < s->nb_ops; i++) {
        if (s->ops[i].opc != INDEX_op_nop) {
            return s->ops[i].opc == INDEX_op_goto_tb;
        }
    }
    return false;
}

static void emit_one(X86Ctx *x, TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_nop:
        break;
    case INDEX_op_discard:
        ra_discard(x, op);
        break;
    case INDEX_op_insn_start:
        emit_insn_start(x, op);
        break;
    case INDEX_op_set_label:
        emit_set_label(x, (int)op->args[0]);
        break;
    case INDEX_op_br:
        ra_sync_all(x, 0);
        x86_branch_to_label(x, -1, (int)op->args[0]);
        x->unreachable = true;
        break;
    case INDEX_op_mov:
        ra_mov(x, op);
        break;
    case INDEX_op_movi:
        ra_movi(x, op);
        break;
    case INDEX_op_call:
        ra_call(x, op);
        break;
    case INDEX_op_goto_tb:
        emit_goto_tb(x, (int)op->args[0]);
        break;
    case INDEX_op_exit_tb:
        emit_exit_tb(x, (uintptr_t)op->args[0]);
        break;
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
    case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
    case INDEX_op_ld: case INDEX_op_st8: case INDEX_op_st16:
    case INDEX_op_st32: case INDEX_op_st:
        emit_host_ldst(x, op);
        break;
    case INDEX_op_brcond:
        x->fuse_label = fusable_branch(x, op) ? (int)op->args[3] : -1;
        x->fuse_field = SIZE_MAX;
        ra_op(x, op);
        break;
    default:
        if (!x86_emit_fn[op->opc]) {
            fprintf(stderr, "mimic: x86 backend: no emitter for %s\n",
                    tcg_op_defs[op->opc].name);
            abort();
        }
        ra_op(x, op);
        break;
    }
}

static X86Ctx *ctx_get(void)
{
    if (!x86_ctx) {
        x86_ctx = calloc(1, sizeof(X86Ctx));
        if (!x86_ctx) {
            fprintf(stderr, "mimic: out of memory for the x86 backend\n");
            exit(1);
        }
    }
    return x86_ctx;
}

/* -d stats: add the block's instruction count and 1 to the CPU's
 * counters (flags are free at block entry). */
static void emit_count_insns(X86Ctx *x)
{
    x86_rm(&x->cb, OPC_ARITH_EvIz | P_W, ARITH_ADD, REG_ENV, R_NONE, 0,
           offsetof(TCGCPUCommon, insn_count));
    cb_u32(&x->cb, x->tb->icount);
    x86_rm(&x->cb, OPC_ARITH_EvIb | P_W, ARITH_ADD, REG_ENV, R_NONE, 0,
           offsetof(TCGCPUCommon, block_count));
    cb_byte(&x->cb, 1);
}

/* Worst-case bytes of one op plus its share of block-end code. */
#define OP_MARGIN 1024

static long x86_gen_code(TCGContext *s, TranslationBlock *tb, void *rw,
                         void *rx, size_t size)
{
    X86Ctx *x = ctx_get();
    x->cb = (CodeBuf){ .rw = rw, .rx = (uintptr_t)rx, .size = size };
    x->s = s;
    x->tb = tb;
    x->unreachable = false;
    x->failed = false;
    x->call_ret_off = (size_t)-1;
    x->stub_reserve = 0;
    x->nb_stubs = 0;
    x->nb_relocs = 0;
    for (int i = 0; i < s->nb_labels; i++) {
        x->label_head[i] = -1;
        x->label_bound[i] = -1;
        x->label_refs[i] = 0;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        int l = op->opc == INDEX_op_brcond ? (int)op->args[3] :
                op->opc == INDEX_op_br ? (int)op->args[0] : -1;
        if (l >= 0 && x->label_refs[l] < 2) {
            x->label_refs[l]++;
        }
    }
    x->fuse_label = -1;
    x->fuse_field = SIZE_MAX;
    x->last_bound = -1;
    x->alloc_regs = 0xffff & ~((1u << R_SP) | (1u << REG_ENV));
    if (x86_mem_model == TCG_MEM_GUEST_BASE) {
        x->alloc_regs &= ~(1u << REG_GUEST_BASE);
    }
    s->nb_insns = 0;
    ra_begin_block(x);

    if (!(tb->cflags & CF_NO_EXIT_CHECK)) {
        X86Stub *st = x86_new_stub(x, STUB_EXIT_REQ);
        x86_rm(&x->cb, OPC_ARITH_EvIb, ARITH_CMP, REG_ENV, R_NONE, 0,
               offsetof(TCGCPUCommon, exit_request));
        cb_byte(&x->cb, 0);
        st->jumps[st->nb_jumps++] = x86_jcc32(&x->cb, CC_NE, 0);
    }
    if (tb->cflags & CF_COUNT_INSNS) {
        emit_count_insns(x);
    }
    for (int i = 0; i < s->nb_ops; i++) {
        if (x->cb.pos + x->stub_reserve + OP_MARGIN > size || x->failed) {
            return -1;
        }
        emit_one(x, &s->ops[i]);
    }
    if (x->cb.pos + x->stub_reserve + OP_MARGIN > size || x->failed) {
        return -1;
    }
    x86_emit_stubs(x);
    if (s->nb_insns > 0) {
        s->insn_end_off[s->nb_insns - 1] = (uint32_t)x->cb.pos;
    }
    return (long)x->cb.pos;
}

const TCGBackend tcg_backend_x86_64 = {
    .name = "x86_64",
    .host_code = true,
    .init = x86_init,
    .gen_code = x86_gen_code,
    .exec = x86_exec,
    .set_jump = x86_set_jump,
};
