/* SPDX-License-Identifier: MIT */
/*
 * The firmware a directly booted kernel calls: PSCI 1.1 (Arm DEN 0022,
 * "Power State Coordination Interface") and the SMCCC 1.1 discovery
 * calls (Arm DEN 0028), through the conduit the device tree names ("hvc"
 * or "smc", immediate 0).  The other instruction is UNDEF, as it is on a
 * CPU without EL2/EL3.  CPU_ON starts a vCPU at EL1 like the boot CPU;
 * SYSTEM_OFF and SYSTEM_RESET become requests to the board.
 */
#include <string.h>
#include "cpus.h"
#include "cpu/arm64/sys.h"
#include "util/log.h"

enum {
    PSCI_VERSION = 0x84000000,
    PSCI_CPU_SUSPEND = 0x84000001,
    PSCI_CPU_OFF = 0x84000002,
    PSCI_CPU_ON = 0x84000003,
    PSCI_AFFINITY_INFO = 0x84000004,
    PSCI_MIGRATE_INFO_TYPE = 0x84000006,
    PSCI_SYSTEM_OFF = 0x84000008,
    PSCI_SYSTEM_RESET = 0x84000009,
    PSCI_FEATURES = 0x8400000a,
    SMCCC_VERSION = 0x80000000,
    SMCCC_ARCH_FEATURES = 0x80000001,
    FN_64BIT = 0x40000000,          /* SMC64 calling convention */
};

enum {
    PSCI_SUCCESS = 0,
    PSCI_NOT_SUPPORTED = -1,
    PSCI_INVALID_PARAMETERS = -2,
    PSCI_ALREADY_ON = -4,
};

#define PSCI_1_1 0x00010001u        /* major 1, minor 1 */
#define SMCCC_1_1 0x00010001u
#define MPIDR_AFF_MASK 0xff00ffffffull

static VCPU *psci_find(VCPUs *v, uint64_t mpidr)
{
    for (int i = 0; i < v->n; i++) {
        if ((v->cpu[i].env->sys.mpidr & MPIDR_AFF_MASK) ==
            (mpidr & MPIDR_AFF_MASK)) {
            return &v->cpu[i];
        }
    }
    return NULL;
}

static int64_t psci_cpu_on(VCPUs *v, uint64_t target, uint64_t entry,
                           uint64_t context)
{
    VCPU *t = psci_find(v, target);
    if (!t) {
        return PSCI_INVALID_PARAMETERS;
    }
    if (t->on) {
        return PSCI_ALREADY_ON;
    }
    a64_sys_cpu_reset(t->env, entry, context);
    t->on = true;
    t->halted = false;
    return PSCI_SUCCESS;
}

static bool psci_implemented(uint32_t fn)
{
    switch (fn) {
    case PSCI_VERSION: case PSCI_CPU_OFF: case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
    case PSCI_CPU_SUSPEND: case PSCI_CPU_SUSPEND | FN_64BIT:
    case PSCI_CPU_ON: case PSCI_CPU_ON | FN_64BIT:
    case PSCI_AFFINITY_INFO: case PSCI_AFFINITY_INFO | FN_64BIT:
    case SMCCC_VERSION:
        return true;
    default:
        return false;
    }
}

/* Runs function fn; c may stop running (CPU_OFF, SYSTEM_OFF/RESET). */
static int64_t psci_dispatch(VCPUs *v, VCPU *c, uint32_t fn,
                             const uint64_t a[3])
{
    CPUARMState *env = c->env;
    switch (fn) {
    case PSCI_VERSION:
        return PSCI_1_1;
    case PSCI_CPU_SUSPEND:
    case PSCI_CPU_SUSPEND | FN_64BIT:
        /* every power state as standby: wake on the next interrupt */
        c->halted = !a64_interrupt_pending(env);
        return PSCI_SUCCESS;
    case PSCI_CPU_OFF:
        c->on = false;
        return PSCI_SUCCESS;
    case PSCI_CPU_ON:
    case PSCI_CPU_ON | FN_64BIT:
        return psci_cpu_on(v, a[0], a[1], a[2]);
    case PSCI_AFFINITY_INFO:
    case PSCI_AFFINITY_INFO | FN_64BIT: {
        VCPU *t = psci_find(v, a[0]);
        if (!t || a[1] != 0) {
            return PSCI_INVALID_PARAMETERS;
        }
        return t->on ? 0 : 1;   /* ON, OFF */
    }
    case PSCI_MIGRATE_INFO_TYPE:
        return 2;               /* no Trusted OS to migrate */
    case PSCI_SYSTEM_OFF:
        c->on = false;
        virt_request(v->m, VIRT_REQ_POWEROFF);
        return PSCI_SUCCESS;
    case PSCI_SYSTEM_RESET:
        c->on = false;
        virt_request(v->m, VIRT_REQ_RESET);
        return PSCI_SUCCESS;
    case PSCI_FEATURES:
        return psci_implemented((uint32_t)a[0]) ? PSCI_SUCCESS
                                                : PSCI_NOT_SUPPORTED;
    case SMCCC_VERSION:
        return SMCCC_1_1;
    default:
        /* SMCCC_ARCH_FEATURES (no firmware workarounds), TRNG, SOC_ID,
         * vendor calls, ... */
        return PSCI_NOT_SUPPORTED;
    }
}

void psci_call(VCPUs *v, VCPU *c, bool smc)
{
    CPUARMState *env = c->env;
    bool want_smc = !strcmp(v->m->psci_conduit, "smc");
    if (smc != want_smc) {
        /* HVC without EL2, SMC without EL3: UNDEFINED at the insn */
        env->pc -= 4;
        a64_take_exception(env, A64_EXC_SYNC, esr_make(EC_UNCATEGORIZED, 0),
                           0, false);
        return;
    }
    a64_ss_advance(env);
    uint32_t fn = (uint32_t)env->xregs[0];
    uint64_t a[3] = { env->xregs[1], env->xregs[2], env->xregs[3] };
    if (!(fn & FN_64BIT)) {
        for (int i = 0; i < 3; i++) {
            a[i] = (uint32_t)a[i];
        }
    }
    int64_t r = (env->syndrome & 0xffff) ? PSCI_NOT_SUPPORTED
                                         : psci_dispatch(v, c, fn, a);
    if (log_enabled(LOG_INT)) {
        log_printf("psci: cpu %d fn 0x%08x (0x%llx, 0x%llx, 0x%llx) -> "
                   "%lld\n", env->sys.cpu_index, fn,
                   (unsigned long long)a[0], (unsigned long long)a[1],
                   (unsigned long long)a[2], (long long)r);
    }
    env->xregs[0] = (uint64_t)r;
}
