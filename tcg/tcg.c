/* SPDX-License-Identifier: MIT */
/*
 * TCG context: op definitions table, temps, labels, condition helpers and
 * the IR dumper used by -d op / op_opt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include "tcg.h"

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) [INDEX_op_##n] = { #n, o, i, c, f },
#include "tcg-opc.h"
#undef DEF
};

__thread TCGContext *tcg_ctx;

/* Globals are registered once per context; every context of a process
 * must register the same globals in the same order (front ends do this in
 * their per-thread init). */
TCGContext *tcg_context_new(void)
{
    TCGContext *s = calloc(1, sizeof(*s));
    if (!s) {
        fprintf(stderr, "mimic: out of memory for the TCG context\n");
        exit(1);
    }
    TCGTemp *env = &s->temps[0];
    env->kind = TEMP_FIXED;
    env->type = TCG_TYPE_I64;
    env->name = "env";
    s->env = env;
    s->nb_globals = 1;
    s->nb_temps = 1;
    return s;
}

TCGv tcg_global_mem_new(int32_t offset, const char *name)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_globals != s->nb_temps || s->nb_globals >= TCG_MAX_TEMPS / 2) {
        fprintf(stderr, "mimic: internal error: globals after temps\n");
        abort();
    }
    TCGTemp *t = &s->temps[s->nb_globals++];
    s->nb_temps = s->nb_globals;
    t->kind = TEMP_GLOBAL;
    t->type = TCG_TYPE_I64;
    t->mem_offset = offset;
    t->name = name;
    return t;
}

void tcg_func_start(TCGContext *s)
{
    s->nb_temps = s->nb_globals;
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->nb_insns = 0;
    s->overflow = false;
    s->mem_watch = false;
    for (int i = 0; i < s->nb_globals; i++) {
        s->temps[i].reg = -1;
        s->temps[i].slot = -1;
        s->temps[i].state = 0;
    }
}

TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;
    }
}

bool tcg_cond_eval(TCGCond c, uint64_t a, uint64_t b, TCGType type)
{
    if (type == TCG_TYPE_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
    }
    int64_t sa = type == TCG_TYPE_I32 ? (int32_t)a : (int64_t)a;
    int64_t sb = type == TCG_TYPE_I32 ? (int32_t)b : (int64_t)b;
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    case TCG_COND_TSTEQ: return (a & b) == 0;
    case TCG_COND_TSTNE: return (a & b) != 0;
    }
    return false;
}

const char *tcg_cond_name(TCGCond c)
{
    static const char *const names[] = {
        "never", "always", "eq", "ne", "lt", "ge", "le", "gt",
        "ltu", "geu", "leu", "gtu", "tsteq", "tstne",
    };
    return (unsigned)c < sizeof(names) / sizeof(names[0]) ? names[c] : "?";
}

static void dump_temp(FILE *f, TCGContext *s, TCGArg a)
{
    TCGTemp *t = &s->temps[a];
    switch (t->kind) {
    case TEMP_GLOBAL:
    case TEMP_FIXED:
        fprintf(f, "%s", t->name);
        break;
    case TEMP_CONST:
        fprintf(f, "$0x%" PRIx64, (uint64_t)t->val);
        break;
    default:
        fprintf(f, "tmp%d", (int)a - s->nb_globals);
        break;
    }
}

static void dump_op(FILE *f, TCGContext *s, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int no = op->nb_oargs, ni = op->nb_iargs;
    int nc = op->nargs - no - ni;

    if (op->opc == INDEX_op_insn_start) {
        fprintf(f, " ---- %016" PRIx64 " %016" PRIx64 "\n",
                (uint64_t)op->args[0], (uint64_t)op->args[1]);
        return;
    }
    if (op->opc == INDEX_op_call) {
        fprintf(f, " call %s", op->call->name);
    } else {
        fprintf(f, " %s%s", def->name,
                op->opc == INDEX_op_set_label || op->opc == INDEX_op_br ||
                op->opc == INDEX_op_insn_start || op->opc == INDEX_op_nop ||
                op->opc == INDEX_op_goto_tb || op->opc == INDEX_op_exit_tb ||
                op->opc == INDEX_op_mb ? "" :
                op->type == TCG_TYPE_I32 ? "_i32" : "_i64");
    }
    const char *sep = " ";
    for (int i = 0; i < no + ni; i++) {
        fputs(sep, f);
        dump_temp(f, s, op->args[i]);
        sep = ",";
    }
    for (int i = 0; i < nc; i++) {
        TCGArg c = op->args[no + ni + i];
        fputs(sep, f);
        sep = ",";
        if ((op->opc == INDEX_op_brcond && i == 0) ||
            ((op->opc == INDEX_op_setcond || op->opc == INDEX_op_movcond) &&
             i == 0)) {
            fputs(tcg_cond_name((TCGCond)c), f);
        } else if ((op->opc == INDEX_op_brcond && i == 1) ||
                   op->opc == INDEX_op_br || op->opc == INDEX_op_set_label) {
            fprintf(f, "$L%d", (int)c);
        } else {
            fprintf(f, "$0x%" PRIx64, (uint64_t)c);
        }
    }
    if (op->life) {
        fprintf(f, "  dead:");
        for (int i = 0; i < 8; i++) {
            if (op->life & (1u << i)) {
                fprintf(f, " %d", i);
            }
        }
    }
    fputc('\n', f);
}

void tcg_dump_ops(TCGContext *s, void *file)
{
    FILE *f = file;
    for (int i = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc != INDEX_op_nop) {
            dump_op(f, s, &s->ops[i]);
        }
    }
}
