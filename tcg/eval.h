/* SPDX-License-Identifier: MIT */
/*
 * Reference semantics of the pure IR ops, shared by the optimizer's
 * constant folder and the interpreter so that both agree by construction.
 */
#ifndef TCG_EVAL_H
#define TCG_EVAL_H

#include "tcg.h"

/* Computes a pure op's outputs from its input values and constant args.
 * Returns false for ops that are not pure (memory, control, calls). */
bool tcg_eval_op(TCGOpcode opc, TCGType type, const uint64_t *in,
                 const TCGArg *cargs, uint64_t *out);

#endif
