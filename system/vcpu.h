/* SPDX-License-Identifier: MIT */
/*
 * The seam between the board and the system-mode CPU side.  The program
 * main builds and loads the machine, then calls vcpu_run, which creates
 * the CPUs (model, one per -smp), connects them to the board (see
 * virt.h), starts CPU 0 at m->boot with the others off until PSCI
 * CPU_ON, and runs them until the board has a request.
 *
 * system/vcpu-stub.c is the placeholder used until cpu/arm64 implements
 * system mode; the real implementation replaces that file in
 * system/meson.build (system_vcpu_src).
 */
#ifndef SYSTEM_VCPU_H
#define SYSTEM_VCPU_H

#include <stdbool.h>
#include "virt.h"

typedef struct VCPUConfig {
    const char *model;          /* -cpu: cortex-a57, cortex-a72, max */
    const char *backend;        /* -backend: NULL (default), jit, interp */
    const char *gdb;            /* -gdb/-s endpoint, e.g. "tcp::1234" */
    bool start_stopped;         /* -S: wait for gdb (or cont) */
    bool one_insn_per_tb;
} VCPUConfig;

/* Whether this build can run guest code in system mode. */
bool vcpu_available(void);
/* Runs until the board has a request; returns it (VIRT_REQ_POWEROFF,
 * VIRT_REQ_RESET or VIRT_REQ_QUIT), or -1 after printing why the CPUs
 * cannot run.  After VIRT_REQ_RESET the caller resets the board
 * (virt_reset) and calls vcpu_run again, which restarts from m->boot. */
int vcpu_run(VirtMachine *m, const VCPUConfig *cfg);

#endif
