/* SPDX-License-Identifier: MIT */
/*
 * Liveness and dead-code elimination, one backward pass.
 *
 * Branches inside a block only go forward (the front ends never emit a
 * backward label), so "used by any later op" is a safe over-approximation
 * of liveness across basic-block boundaries, and exact within one.
 * op->life bit i set means: arg i is an input whose value is not needed
 * after this op, or an output nobody reads.  Globals still have to be
 * written back at block ends, calls and guest memory ops; liveness only
 * says when their host register copy can go.
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

void tcg_liveness(TCGContext *s)
{
    static __thread bool live[TCG_MAX_TEMPS], used_later[TCG_MAX_TEMPS];
    int n = s->nb_temps;
    memset(live, 0, (size_t)n);
    memset(used_later, 0, (size_t)n);

    for (int i = s->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        if (def->flags & TCG_OPF_BB_END) {
            for (int t = s->nb_globals; t < n; t++) {
                live[t] = used_later[t];
            }
        }
        int no = op->nb_oargs, ni = op->nb_iargs;
        if (op_removable(op)) {
            bool any = false;
            for (int k = 0; k < no; k++) {
                TCGTemp *t = &s->temps[op->args[k]];
                any |= live[op->args[k]] || t->kind == TEMP_GLOBAL;
            }
            if (!any) {
                op->opc = INDEX_op_nop;
                op->nargs = 0;
                op->nb_oargs = op->nb_iargs = 0;
                continue;
            }
        }
        op->life = 0;
        for (int k = 0; k < no; k++) {
            TCGArg a = op->args[k];
            if (!live[a]) {
                op->life |= 1u << k;
            }
            live[a] = false;
        }
        /* last mention first, so a repeated input dies at its last use */
        for (int k = no + ni - 1; k >= no; k--) {
            TCGArg a = op->args[k];
            if (s->temps[a].kind == TEMP_CONST || s->temps[a].kind ==
                TEMP_FIXED) {
                continue;
            }
            if (!live[a]) {
                op->life |= 1u << k;
                live[a] = true;
            }
            used_later[a] = true;
        }
    }
}
