/* SPDX-License-Identifier: MIT */
/*
 * The CPU side's answers to the monitor (VirtCPUHooks in virt.h): a
 * register dump, each vCPU's pc/EL/state, registers by name for monitor
 * expressions, and debug address translation for x.  They run on the
 * main-loop thread between time slices, when no vCPU executes.
 * system/cpus.c points m->cpu_hooks here (opaque: its VCPUs) when it
 * creates the CPUs.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "cpus.h"
#include "cpu/arm64/sys.h"

static CPUARMState *mon_env(void *opaque, int cpu)
{
    VCPUs *v = opaque;
    return cpu >= 0 && cpu < v->n ? v->cpu[cpu].env : NULL;
}

/* The SP the guest sees now: xregs[31] is the selected stack pointer. */
static void mon_dump(void *opaque, FILE *f, int cpu)
{
    CPUARMState *env = mon_env(opaque, cpu);
    if (!env) {
        return;
    }
    const ARMSysState *s = &env->sys;
    for (int i = 0; i < 31; i++) {
        fprintf(f, "X%02d=%016" PRIx64 "%s", i, env->xregs[i],
                i % 4 == 3 ? "\n" : " ");
    }
    uint32_t ps = a64_pstate_get(env);
    fprintf(f, "SP=%016" PRIx64 "\n", env->xregs[31]);
    fprintf(f, "PC=%016" PRIx64 " PSTATE=%08x %c%c%c%c EL%d%c DAIF=%x\n",
            env->pc, ps, ps >> 31 & 1 ? 'N' : '-', ps >> 30 & 1 ? 'Z' : '-',
            ps >> 29 & 1 ? 'C' : '-', ps >> 28 & 1 ? 'V' : '-', a64_el(env),
            ps & PSTATE_SP ? 'h' : 't', (ps & PSTATE_DAIF) >> 6);
    fprintf(f, "SP_EL0=%016" PRIx64 " SP_EL1=%016" PRIx64 "\n",
            s->sp_el[0], s->sp_el[1]);
    fprintf(f, "ELR_EL1=%016" PRIx64 " SPSR_EL1=%08" PRIx64 " ESR_EL1=%08"
            PRIx64 " FAR_EL1=%016" PRIx64 "\n", s->elr_el1, s->spsr_el1,
            s->esr_el1, s->far_el1);
    fprintf(f, "SCTLR_EL1=%016" PRIx64 " TCR_EL1=%016" PRIx64 " VBAR_EL1=%016"
            PRIx64 "\n", s->sctlr_el1, s->tcr_el1, s->vbar_el1);
    fprintf(f, "TTBR0_EL1=%016" PRIx64 " TTBR1_EL1=%016" PRIx64 "\n",
            s->ttbr0_el1, s->ttbr1_el1);
    fprintf(f, "FPCR=%08x FPSR=%08x\n", env->fpcr, env->fpsr);
}

static bool mon_info(void *opaque, int cpu, VirtCPUInfo *info)
{
    VCPUs *v = opaque;
    CPUARMState *env = mon_env(opaque, cpu);
    if (!env) {
        return false;
    }
    *info = (VirtCPUInfo){ .pc = env->pc, .el = a64_el(env),
                           .on = v->cpu[cpu].on,
                           .halted = v->cpu[cpu].halted };
    return true;
}

static bool mon_reg(void *opaque, int cpu, const char *name, uint64_t *val)
{
    CPUARMState *env = mon_env(opaque, cpu);
    char *end;
    if (!env) {
        return false;
    }
    if (!strcmp(name, "pc")) {
        *val = env->pc;
    } else if (!strcmp(name, "sp")) {
        *val = env->xregs[31];
    } else if (!strcmp(name, "lr")) {
        *val = env->xregs[30];
    } else if (!strcmp(name, "fp")) {
        *val = env->xregs[29];
    } else if (name[0] == 'x' && name[1]) {
        unsigned long n = strtoul(name + 1, &end, 10);
        if (*end || n > 30) {
            return false;
        }
        *val = env->xregs[n];
    } else if (!strcmp(name, "elr_el1")) {
        *val = env->sys.elr_el1;
    } else if (!strcmp(name, "far_el1")) {
        *val = env->sys.far_el1;
    } else if (!strcmp(name, "vbar_el1")) {
        *val = env->sys.vbar_el1;
    } else {
        return false;
    }
    return true;
}

static bool mon_xlate(void *opaque, int cpu, uint64_t va, uint64_t *pa)
{
    CPUARMState *env = mon_env(opaque, cpu);
    return env && a64_sys_translate(env, va, -1, pa);
}

const VirtCPUHooks vcpus_monitor_hooks = {
    .dump_cpu = mon_dump, .cpu_info = mon_info, .read_reg = mon_reg,
    .virt_to_phys = mon_xlate,
};
