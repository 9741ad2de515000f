/* SPDX-License-Identifier: MIT */
/*
 * Starts a guest process: reserves the guest window, creates the CPU,
 * loads the program and enters the CPU loop.
 */
#include <stdio.h>
#include <string.h>
#include "user.h"
#include "task.h"
#include "cpu/arm64/cpu-hooks.h"
#include "tcg/exec.h"

static LinuxProcess process;

/* Instruction fetch for the translator: only inside the guest window. */
static bool user_fetch_code(CPUARMState *env, uint64_t pc, uint32_t *insn)
{
    LinuxProcess *p = env->opaque;
    if ((pc & 3) || !guest_addr_valid(p, pc, 4)) {
        return false;
    }
    /* guarded: an unmapped page must not fault inside the translator */
    return linux_copy_from_guest(p, insn, pc, 4);
}

int linux_user_main(UserConfig *cfg, const TCGExecConfig *ec)
{
    LinuxProcess *p = &process;
    p->cfg = *cfg;
    if (!guest_mem_reserve(p, cfg->reserve)) {
        return 1;
    }
    tcg_exec_init(&a64_target_hooks, ec);
    CPUARMState *env = arm_cpu_new();
    env->opaque = p;
    env->fetch_code = user_fetch_code;
    env->common.guest_base = p->guest_base;
    tcg_cpu_init(env);
    int r = linux_load_program(p, env);
    if (r) {
        return r;
    }
    linux_host_signals_init(p);
    return linux_cpu_loop(p, env);
}
