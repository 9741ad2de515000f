/* SPDX-License-Identifier: MIT */
/*
 * Forward optimizer: constant propagation and folding, copy propagation
 * and a few algebraic identities.  Facts are dropped at labels (a label can
 * be reached from several places), and for globals at helper calls that may
 * write them.  Dead code is removed afterwards by tcg_liveness.
 */
#include <string.h>
#include "tcg-op.h"
#include "eval.h"

typedef struct OptState {
    bool is_const[TCG_MAX_TEMPS];
    uint64_t val[TCG_MAX_TEMPS];
    int copy_of[TCG_MAX_TEMPS];  /* -1, or the temp this one equals */
} OptState;

static void forget(OptState *o, TCGContext *s, int t)
{
    o->is_const[t] = false;
    o->copy_of[t] = -1;
    /* temps that were copies of t no longer are */
    for (int i = 1; i < s->nb_temps; i++) {
        if (o->copy_of[i] == t) {
            o->copy_of[i] = -1;
        }
    }
}

static void forget_all(OptState *o, TCGContext *s, bool globals_only)
{
    for (int i = 1; i < s->nb_temps; i++) {
        if (s->temps[i].kind == TEMP_CONST) {
            continue;
        }
        if (!globals_only || s->temps[i].kind == TEMP_GLOBAL) {
            o->is_const[i] = false;
            o->copy_of[i] = -1;
        }
        if (o->copy_of[i] >= 0 && s->temps[o->copy_of[i]].kind == TEMP_GLOBAL
            && globals_only) {
            o->copy_of[i] = -1;
        }
    }
}

static void make_movi(TCGOp *op, uint64_t v)
{
    TCGArg out = op->args[0];
    op->opc = INDEX_op_movi;
    op->type = TCG_TYPE_I64;
    op->nargs = 2;
    op->nb_oargs = 1;
    op->nb_iargs = 0;
    op->args[0] = out;
    op->args[1] = v;
}

static void make_mov(TCGOp *op, TCGArg src)
{
    TCGArg out = op->args[0];
    op->opc = INDEX_op_mov;
    op->type = TCG_TYPE_I64;
    op->nargs = 2;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[0] = out;
    op->args[1] = src;
}

/* x op identity -> mov, for 64-bit ops only (32-bit ones still truncate) */
static bool fold_identity(OptState *o, TCGOp *op)
{
    if (op->type != TCG_TYPE_I64 || op->nb_iargs != 2 || op->nb_oargs != 1) {
        return false;
    }
    TCGArg b = op->args[2];
    if (!o->is_const[b]) {
        return false;
    }
    uint64_t v = o->val[b];
    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_or:
    case INDEX_op_xor: case INDEX_op_shl: case INDEX_op_shr:
    case INDEX_op_sar: case INDEX_op_rotl: case INDEX_op_rotr:
        if (v == 0) {
            make_mov(op, op->args[1]);
            return true;
        }
        break;
    case INDEX_op_and:
        if (v == ~0ull) {
            make_mov(op, op->args[1]);
            return true;
        }
        break;
    default:
        break;
    }
    return false;
}

void tcg_optimize(TCGContext *s)
{
    static __thread OptState o;
    for (int i = 0; i < s->nb_temps; i++) {
        o.is_const[i] = s->temps[i].kind == TEMP_CONST;
        o.val[i] = (uint64_t)s->temps[i].val;
        o.copy_of[i] = -1;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int no = op->nb_oargs, ni = op->nb_iargs;

        if (op->opc == INDEX_op_set_label) {
            forget_all(&o, s, false);
            continue;
        }
        /* propagate copies and constants into inputs */
        for (int k = no; k < no + ni; k++) {
            int t = (int)op->args[k];
            if (o.copy_of[t] >= 0) {
                op->args[k] = (TCGArg)o.copy_of[t];
                t = o.copy_of[t];
            }
            if (o.is_const[t] && s->temps[t].kind != TEMP_CONST &&
                s->nb_temps < TCG_MAX_TEMPS - 1) {
                TCGv c = tcg_constant((int64_t)o.val[t]);
                op->args[k] = temp_arg(c);
                o.is_const[temp_idx(c)] = true;
                o.val[temp_idx(c)] = o.val[t];
                o.copy_of[temp_idx(c)] = -1;
            }
        }
        if (op->opc == INDEX_op_call) {
            if (!(op->call->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
                forget_all(&o, s, true);
            }
        }
        if (def->flags & TCG_OPF_BB_END) {
            forget_all(&o, s, false);
        }
        if (no == 0) {
            continue;
        }
        /* fold when every input is constant */
        bool all_const = op->opc != INDEX_op_call;
        uint64_t in[6], out[2];
        for (int k = 0; k < ni && all_const; k++) {
            int t = (int)op->args[no + k];
            all_const = o.is_const[t];
            in[k] = o.val[t];
        }
        if (all_const && no == 1 && ni <= 4 &&
            tcg_eval_op((TCGOpcode)op->opc, (TCGType)op->type, in,
                        &op->args[no + ni], out)) {
            int r = (int)op->args[0];
            make_movi(op, out[0]);
            forget(&o, s, r);
            o.is_const[r] = true;
            o.val[r] = out[0];
            continue;
        }
        fold_identity(&o, op);
        for (int k = 0; k < no; k++) {
            forget(&o, s, (int)op->args[k]);
        }
        if (op->opc == INDEX_op_mov) {
            int r = (int)op->args[0], src = (int)op->args[1];
            if (r != src && s->temps[src].kind != TEMP_FIXED) {
                /* a global only mirrors a temp until either changes */
                o.copy_of[r] = src;
            }
        }
    }
}
