// SPDX-License-Identifier: MIT
// UDF: permanently undefined, so the program dies of SIGILL (exit status
// 132 as a shell reports it) after printing its first line.
#include "dp-macros.inc"

.text
.global _start
_start:
    mov x19, #1
    PRINT_REG x19
    udf #0x1234
    mov x19, #2
    PRINT_REG x19
    SYS_EXIT 0
