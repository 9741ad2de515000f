// SPDX-License-Identifier: MIT
// Instructions of features mimic advertises that the qemu oracle (7.2)
// lacks or rejects, so checked against sys_features.expected only:
// DC CVAP (FEAT_DPB), DC CVADP (FEAT_DPB2), CNTVCTSS_EL0 (FEAT_ECV), and
// the ID register fields that advertise them.
#include "dp-macros.inc"
.arch armv8.6-a

.text
.global _start
_start:
    mov x20, sp
    dc cvap, x20
    dc cvadp, x20
    mrs x20, id_aa64isar1_el1
    ubfx x21, x20, #0, #4         // DPB >= 2
    cmp x21, #2
    cset x21, hs
    PRINT_REG x21
    // the self-synchronised counter agrees with CNTVCT_EL0
    mrs x20, cntvct_el0
    mrs x21, cntvctss_el0
    mrs x22, cntvct_el0
    cmp x21, x20
    cset x23, hs
    PRINT_REG x23
    cmp x22, x21
    cset x23, hs
    PRINT_REG x23
    mrs x20, id_aa64mmfr0_el1
    lsr x21, x20, #60             // ECV
    PRINT_REG x21
    SYS_EXIT 0
