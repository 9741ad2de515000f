/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the translation pipeline: the A64 decoder and
 * translators (cpu/arm64), the IR optimizer and liveness pass (tcg/) and
 * each backend's code generation (tcg/interp and tcg/x86_64).
 * A guest controls every instruction word mimic translates, so no word,
 * in any sequence, may crash, assert or overflow a buffer.
 *
 * Input: one configuration byte, then up to a page of little-endian guest
 * instruction words.  The page is cut into blocks exactly as the exec loop
 * would (each block starts where the previous one ended) and every block
 * goes through the whole pipeline once per backend.  Nothing is executed:
 * helpers touch host memory through guest_base, which no sandbox contains.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cpu/arm64/cpu-hooks.h"
#include "tcg/code-cache.h"
#include "tcg/exec.h"

#define FUZZ_PAGE 4096

static CPUARMState *fuzz_env;
static uint8_t *fuzz_code;        /* exact-size copy of the page */
static size_t fuzz_code_len;
static uint64_t fuzz_code_base;
static uint8_t *fuzz_interp_buf;  /* the interpreter's "code" needs no RX */
#define FUZZ_INTERP_BUF (4u << 20)

static bool fuzz_fetch(CPUARMState *env, uint64_t pc, uint32_t *insn)
{
    uint64_t off = pc - fuzz_code_base;
    (void)env;
    if ((pc & 3) || off >= fuzz_code_len || fuzz_code_len - off < 4) {
        return false;
    }
    memcpy(insn, fuzz_code + off, 4);
    return true;
}

static void fuzz_fail(const char *what, uint64_t pc)
{
    fprintf(stderr, "fuzz-translate: %s (block at 0x%llx)\n", what,
            (unsigned long long)pc);
    abort();
}

static bool fuzz_cond_ok(TCGArg c) { return c <= TCG_COND_TSTNE; }

/* The rules of tcg-opc.h that backends rely on without checking: operand
 * ranges, labels, and every block temp written before it is read (in op
 * order; blocks only branch forward). */
static void fuzz_check_ir(TCGContext *s, uint64_t pc)
{
    static bool written[TCG_MAX_TEMPS];
    static bool label_set[TCG_MAX_LABELS], label_used[TCG_MAX_LABELS];
    memset(written, 0, sizeof(written));
    memset(label_set, 0, sizeof(label_set));
    memset(label_used, 0, sizeof(label_used));
    const TCGOp *last = NULL;
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        bool call = op->opc == INDEX_op_call;
        int no = call ? op->nb_oargs : def->nb_oargs;
        int ni = call ? op->nb_iargs : def->nb_iargs;
        const TCGArg *c = &op->args[no + ni];
        TCGArg width = op->type == TCG_TYPE_I32 ? 32 : 64;
        if (op->opc >= NB_OPS || no + ni > op->nargs) {
            fuzz_fail("malformed op", pc);
        }
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        last = op;
        for (int k = 0; k < no + ni; k++) {
            if (op->args[k] >= (TCGArg)s->nb_temps) {
                fuzz_fail("op names no temp", pc);
            }
            const TCGTemp *t = &s->temps[op->args[k]];
            if (k < no && (t->kind == TEMP_CONST || t->kind == TEMP_FIXED)) {
                fuzz_fail("op writes a constant", pc);
            }
            if (k >= no && t->kind == TEMP_TB && !written[op->args[k]]) {
                fuzz_fail("temp read before it is written", pc);
            }
        }
        for (int k = 0; k < no; k++) {
            written[op->args[k]] = true;
        }
        switch (op->opc) {
        case INDEX_op_extract: case INDEX_op_sextract:
        case INDEX_op_deposit:
            if (c[1] < 1 || c[0] >= width || c[1] > width - c[0]) {
                fuzz_fail("bit field outside the operand", pc);
            }
            break;
        case INDEX_op_setcond: case INDEX_op_movcond:
            if (!fuzz_cond_ok(c[0])) {
                fuzz_fail("bad condition", pc);
            }
            break;
        case INDEX_op_brcond:
            if (!fuzz_cond_ok(c[0])) {
                fuzz_fail("bad condition", pc);
            }
            /* fall through */
        case INDEX_op_br:
            if (c[def->nb_cargs - 1] >= (TCGArg)s->nb_labels) {
                fuzz_fail("branch to no label", pc);
            }
            label_used[c[def->nb_cargs - 1]] = true;
            break;
        case INDEX_op_set_label:
            if (c[0] >= (TCGArg)s->nb_labels || label_set[c[0]]) {
                fuzz_fail("label set twice or unknown", pc);
            }
            label_set[c[0]] = true;
            break;
        case INDEX_op_qemu_ld: case INDEX_op_qemu_st:
            if ((c[0] & MO_SIZE) > MO_64) {
                fuzz_fail("guest access wider than 64 bits", pc);
            }
            break;
        case INDEX_op_goto_tb:
            if (c[0] > 1) {
                fuzz_fail("goto_tb slot", pc);
            }
            break;
        }
    }
    for (int l = 0; l < s->nb_labels; l++) {
        if (label_used[l] && !label_set[l]) {
            fuzz_fail("branch to a label never set", pc);
        }
    }
    /* a block leaves by an exit op or a helper that does not return */
    if (!last || (last->opc != INDEX_op_exit_tb &&
                  last->opc != INDEX_op_goto_lookup &&
                  last->opc != INDEX_op_call)) {
        fuzz_fail("block does not end in an exit", pc);
    }
}

/*
 * Translates the block at pc and generates code for it with backend be,
 * retrying with fewer instructions as tb_gen_code (tcg/exec.c) does.
 * Returns the guest bytes the block covers.
 */
static uint32_t fuzz_block(const TCGBackend *be, void *rw, void *rx,
                           size_t room, uint64_t pc, uint32_t cflags,
                           int max)
{
    TCGContext *s = tcg_ctx;
    TranslationBlock tb;
    for (;;) {
        memset(&tb, 0, sizeof(tb));
        tb.pc = pc;
        tb.cflags = cflags;
        tb.jmp_insn_offset[0] = tb.jmp_insn_offset[1] = UINT32_MAX;
        tb.jmp_reset_offset[0] = tb.jmp_reset_offset[1] = UINT32_MAX;
        tcg_func_start(s);
        s->tb_flags = 0;
        a64_target_hooks.translate(s, &tb, fuzz_env, max);
        if (s->overflow) {
            if (max == 1) {
                fuzz_fail("one instruction overflows the IR", pc);
            }
            max /= 2;
            continue;
        }
        if (tb.icount < 1 || (int)tb.icount > max ||
            tb.size != 4 * tb.icount || s->nb_ops > TCG_MAX_OPS) {
            fuzz_fail("inconsistent block", pc);
        }
        fuzz_check_ir(s, pc);
        tcg_optimize(s);
        fuzz_check_ir(s, pc);
        tcg_liveness(s);
        long n = be->gen_code(s, &tb, rw, rx, room);
        if (n < 0) {
            if (max == 1) {
                fuzz_fail("one instruction overflows the code buffer", pc);
            }
            max /= 2;
            continue;
        }
        if ((size_t)n > room || s->nb_insns != (int)tb.icount) {
            fuzz_fail("backend output inconsistent", pc);
        }
        return tb.size;
    }
}

static void fuzz_init(void)
{
    /* the x86-64 backend's blocks jump to its prologue, so it needs the
     * real code cache; the interpreter gets a plain buffer */
    TCGExecConfig cfg = {
        .backend = &tcg_backend_x86_64,
        .mem_model = TCG_MEM_GUEST_BASE,
        .code_size = 16u << 20,
        .max_insns = TCG_MAX_INSNS,
    };
    tcg_exec_init(&a64_target_hooks, &cfg);
    fuzz_env = arm_cpu_new();
    fuzz_env->fetch_code = fuzz_fetch;
    tcg_cpu_init(fuzz_env);
    fuzz_interp_buf = malloc(FUZZ_INTERP_BUF);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_env) {
        fuzz_init();
    }
    if (size < 1) {
        return 0;
    }
    /* cfg bits 0-1: block shape; bit 2: the page just below 2^64, where
     * pc + 4 wraps; bits 3-7: a short block length */
    uint8_t cfg = data[0];
    uint32_t cflags = 0;
    int max = TCG_MAX_INSNS;
    switch (cfg & 3) {
    case 1: cflags = CF_SINGLE_STEP; max = 1; break;
    case 2: cflags = CF_NOCHAIN; break;
    case 3: max = 1 + (cfg >> 3); break;
    }
    fuzz_code_base = (cfg & 4) ? 0ull - FUZZ_PAGE : 0x400000;
    fuzz_code_len = size - 1 < FUZZ_PAGE ? size - 1 : FUZZ_PAGE;
    fuzz_code = malloc(fuzz_code_len ? fuzz_code_len : 1);
    memcpy(fuzz_code, data + 1, fuzz_code_len);

    void *x86_rx = (char *)code_cache.rx + code_cache.used;
    size_t x86_room = code_cache.size - code_cache.used;
    /* a block of no words still runs the translator (a prefetch abort) */
    for (uint64_t off = 0; off < fuzz_code_len || off == 0;) {
        uint64_t pc = fuzz_code_base + off;
        uint32_t len = fuzz_block(&tcg_backend_interp, fuzz_interp_buf,
                                  fuzz_interp_buf, FUZZ_INTERP_BUF, pc,
                                  cflags, max);
        fuzz_block(&tcg_backend_x86_64, code_cache_rw(x86_rx), x86_rx,
                   x86_room, pc, cflags, max);
        off += len;
    }
    free(fuzz_code);
    return 0;
}
