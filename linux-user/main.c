/* SPDX-License-Identifier: MIT */
/*
 * Starts a guest process: reserves the guest window, creates the CPU,
 * loads the program and enters the CPU loop.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "user.h"
#include "gdb-user.h"
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
    memcpy(insn, g2h(p, pc), 4);
    return true;
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
    pthread_mutex_init(&p->cpus_lock, NULL);
    p->main_cpu.env = env;
    p->main_cpu.tid = getpid();
    linux_cpu_add(p, &p->main_cpu);
    int r = linux_load_program(p, env);
    if (r) {
        return r;
    }
    if (cfg->gdb_spec && !gdb_user_start(p, cfg->gdb_spec)) {
        return 1;
    }
    return linux_cpu_loop(p, env);
}
