/* SPDX-License-Identifier: MIT */
/*
 * Placeholder for the system-mode CPU side (see vcpu.h): the board can be
 * built, loaded and its device tree dumped, but no guest code runs yet.
 */
#include <stdio.h>
#include "vcpu.h"

bool vcpu_available(void)
{
    return false;
}

int vcpu_run(VirtMachine *m, const VCPUConfig *cfg)
{
    (void)m;
    fprintf(stderr, "mimic-system-aarch64: the system-mode CPU (%s) is not "
            "implemented yet: the board and kernel were set up, nothing "
            "runs\n", cfg->model);
    return -1;
}
