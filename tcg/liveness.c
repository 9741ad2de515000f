/* SPDX-License-Identifier: MIT */
/*
 * Liveness and dead-code elimination, one backward pass.
 *
 * Branches inside a block only go forward (the front ends never emit a
 * backward label), so "used by any later op" is a safe over-approximation
 * of liveness across basic-block boundaries, and exact within one.
 * op->life bit i set means: arg i is an input whose value is not needed
 * after this op, or an output nobody reads.
 *
 * Globals also have a home in the CPU state that must be current at every
 * sync point (tcg_op_syncs_globals: block ends, guest memory ops, helper
 * calls that see globals).  op->gdead bit i says a global arg's value is
 * needed neither by a later read nor at a later sync point, because an
 * overwrite or a discard comes first: its store can be dropped, and an op
 * whose every output is dead in this sense is removed.
 */
#include <string.h>
#include "tcg.h"

static bool op_removable(const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    if (op->opc == INDEX_op_call) {
        return (op->call->flags & TCG_CALL_NO_SIDE_EFFECTS) && op->nb_oargs;
    }
    return !(def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END |
                           TCG_OPF_NOT_PRESENT | TCG_OPF_CALL_CLOBBER)) &&
           op->nb_oargs > 0;
}

typedef struct LiveState {
    bool live[TCG_MAX_TEMPS];        /* read later (temps and globals) */
    bool used_later[TCG_MAX_TEMPS];  /* read anywhere later (temps) */
    bool need[TCG_MAX_TEMPS];        /* global: read or synced later */
    /* temps whose live went false since the last block end seen: only
     * they need live = used_later at the next one */
    int killed[TCG_MAX_TEMPS];
    int nb_killed;
} LiveState;

static bool outputs_dead(LiveState *l, TCGContext *s, const TCGOp *op)
{
    for (int k = 0; k < op->nb_oargs; k++) {
        TCGArg a = op->args[k];
        if (s->temps[a].kind == TEMP_GLOBAL ? l->need[a] : l->live[a]) {
            return false;
        }
    }
    return true;
}

void tcg_liveness(TCGContext *s)
{
    static __thread LiveState l;
    int n = s->nb_temps, ng = s->nb_globals;
    memset(l.live, 0, (size_t)n);
    memset(l.used_later, 0, (size_t)n);
    /* the block's end syncs every global */
    memset(l.need, 1, (size_t)ng);
    l.nb_killed = 0;

    for (int i = s->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        if (def->flags & TCG_OPF_BB_END) {
            if (l.nb_killed > TCG_MAX_TEMPS) {
                for (int t = ng; t < n; t++) {
                    l.live[t] = l.used_later[t];
                }
            }
            for (int k = 0; k < l.nb_killed && k < TCG_MAX_TEMPS; k++) {
                int t = l.killed[k];
                l.live[t] = l.used_later[t];
            }
            l.nb_killed = 0;
        }
        int no = op->nb_oargs, ni = op->nb_iargs;
        if (op_removable(op) && outputs_dead(&l, s, op)) {
            op->opc = INDEX_op_nop;
            op->nargs = 0;
            op->nb_oargs = op->nb_iargs = 0;
            continue;
        }
        op->life = 0;
        op->gdead = 0;
        for (int k = 0; k < no; k++) {
            TCGArg a = op->args[k];
            if (!l.live[a]) {
                op->life |= 1u << k;
            }
            if (a < (TCGArg)ng && !l.need[a]) {
                op->gdead |= 1u << k;
            }
            if (l.live[a] && a >= (TCGArg)ng) {
                /* past the end of the list: the next block end redoes
                 * every temp */
                if (l.nb_killed < TCG_MAX_TEMPS) {
                    l.killed[l.nb_killed] = (int)a;
                }
                l.nb_killed++;
            }
            l.live[a] = false;
            if (a < (TCGArg)ng) {
                l.need[a] = false;
            }
        }
        /* outputs are written after the sync that comes before the op */
        if (tcg_op_syncs_globals(op)) {
            memset(l.need, 1, (size_t)ng);
        }
        /* last mention first, so a repeated input dies at its last use */
        for (int k = no + ni - 1; k >= no; k--) {
            TCGArg a = op->args[k];
            if (s->temps[a].kind == TEMP_CONST || s->temps[a].kind ==
                TEMP_FIXED) {
                continue;
            }
            if (!l.live[a]) {
                op->life |= 1u << k;
                l.live[a] = true;
            }
            if (a < (TCGArg)ng && !l.need[a]) {
                op->gdead |= 1u << k;
            }
            if (a < (TCGArg)ng) {
                l.need[a] = true;
            }
            l.used_later[a] = true;
        }
    }
}
