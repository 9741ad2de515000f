/* SPDX-License-Identifier: MIT */
/*
 * Private to the system-mode vCPU side (cpus.c, psci.c): the vCPUs of a
 * machine and their run state.  The board sees only vcpu.h.
 */
#ifndef SYSTEM_CPUS_H
#define SYSTEM_CPUS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "vcpu.h"
#include "cpu/arm64/cpu.h"

typedef struct VCPU {
    CPUARMState *env;
    bool on;            /* powered up (PSCI) */
    bool halted;        /* in WFI: runs again on a pending interrupt */
} VCPU;

typedef struct VCPUs {
    VirtMachine *m;
    ARMBoard board;
    VCPU cpu[VIRT_MAX_CPUS];
    int n;
    int current;        /* round-robin position */
    bool error;
    /* the ticker thread: sets running's exit request at tick_at */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint64_t tick_at;
    CPUARMState *volatile running;
} VCPUs;

/* PSCI (Arm DEN 0022) and SMCCC (Arm DEN 0028) firmware calls: c made
 * an HVC (smc false) or SMC whose immediate is in env->syndrome. */
void psci_call(VCPUs *v, VCPU *c, bool smc);

#endif
