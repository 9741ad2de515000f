/* SPDX-License-Identifier: MIT */
/*
 * Helpers called from generated code for exceptions and exits.
 */
#include "translate.h"
#include "tcg/exec.h"

void helper_exception(CPUARMState *env, uint64_t excp, uint64_t syndrome)
{
    env->common.exception_index = (int32_t)excp;
    env->syndrome = (uint32_t)syndrome;
    tcg_cpu_loop_exit(env);
}

const TCGHelperInfo helper_info_exception = TCG_HELPER_INFO(
    helper_exception, 0, false, 3, TCG_CALL_ARG_PTR, TCG_CALL_ARG_I64,
    TCG_CALL_ARG_I64);

/* Lazy NZCV into the explicit form (translate-flags.c): called where a
 * block reads flags it did not set, when cc_op says they are lazy. */
void helper_flags_sync(CPUARMState *env)
{
    arm_set_nzcv(env, arm_get_nzcv(env));
}

const TCGHelperInfo helper_info_flags_sync = TCG_HELPER_INFO(
    helper_flags_sync, 0, false, 1, TCG_CALL_ARG_PTR);
