/* SPDX-License-Identifier: MIT */
/*
 * Starts a guest process: reserves the guest window, creates the CPU,
 * loads the program and enters the CPU loop.
 */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "user.h"
#include "gdb-user.h"
#include "task.h"
#include "cpu/arm64/cpu-hooks.h"
#include "tcg/exec.h"

static LinuxProcess process;

int linux_user_main(UserConfig *cfg, const TCGExecConfig *ec)
{
    LinuxProcess *p = &process;
    p->cfg = *cfg;
    ssize_t n = readlink("/proc/self/exe", p->mimic_path,
                         sizeof(p->mimic_path) - 1);
    if (n <= 0) {
        fprintf(stderr, "mimic-aarch64: cannot find its own executable\n");
        return 1;
    }
    p->mimic_path[n] = 0;
    if (!guest_mem_reserve(p, cfg->reserve) || !linux_mem_init(p)) {
        return 1;
    }
    tcg_exec_init(&a64_target_hooks, ec);
    CPUARMState *env = arm_cpu_new();
    env->opaque = p;
    env->fetch_code = linux_fetch_code;
    env->common.guest_base = p->guest_base;
    p->cpu0 = env;
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
    /* ps and /proc/self/comm show the guest program, as natively */
    const char *base = strrchr(p->exe_path, '/');
    prctl(PR_SET_NAME, base ? base + 1 : p->exe_path, 0, 0, 0);
    linux_host_signals_init(p);
    return linux_cpu_loop(p, env);
}
