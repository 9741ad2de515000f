// SPDX-License-Identifier: MIT
// TPIDRRO_EL0 is read-only at EL0: MSR to it is UNDEF, so SIGILL.
#include "dp-macros.inc"

.text
.global _start
_start:
    mrs x20, tpidrro_el0
    PRINT_REG x20
    mov x20, #7
    msr tpidrro_el0, x20
    mrs x20, tpidrro_el0
    PRINT_REG x20
    SYS_EXIT 0
