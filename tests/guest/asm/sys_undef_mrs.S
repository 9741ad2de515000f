// SPDX-License-Identifier: MIT
// An EL1 system register read from EL0 (MRS SCTLR_EL1) is UNDEF: SIGILL.
#include "dp-macros.inc"

.text
.global _start
_start:
    mov x19, #1
    PRINT_REG x19
    mrs x20, sctlr_el1
    PRINT_REG x20
    SYS_EXIT 0
