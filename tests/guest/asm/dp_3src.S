// SPDX-License-Identifier: MIT
// Data-processing (3 source): MADD/MSUB (both widths), SMADDL/SMSUBL/
// UMADDL/UMSUBL, SMULH/UMULH and the MUL/MNEG/SMULL/UMULL aliases.
#include "dp-macros.inc"

#define VALS 0, 1, 0xffffffffffffffff, 0x8000000000000000, \
             0x7fffffffffffffff, 0x80000000, 0xfffffffe7fffffff

.text
.global _start
_start:
    LI x13, 0x0102030405060708
.irp a, VALS
.irp b, VALS
    RUN 0, \a, \b, madd x12, x10, x11, x13
    RUN 0, \a, \b, msub x12, x10, x11, x13
    RUN 0, \a, \b, madd w12, w10, w11, w13
    RUN 0, \a, \b, msub w12, w10, w11, w13
    RUN 0, \a, \b, smaddl x12, w10, w11, x13
    RUN 0, \a, \b, smsubl x12, w10, w11, x13
    RUN 0, \a, \b, umaddl x12, w10, w11, x13
    RUN 0, \a, \b, umsubl x12, w10, w11, x13
    RUN 0, \a, \b, smulh x12, x10, x11
    RUN 0, \a, \b, umulh x12, x10, x11
.endr
.endr
    RUN 0, 0xfffffffffffffffd, 7, mul w12, w10, w11
    RUN 0, 0xfffffffffffffffd, 7, mneg x12, x10, x11
    RUN 0, 0xfffffffffffffffd, 7, smull x12, w10, w11
    RUN 0, 0xfffffffffffffffd, 7, umull x12, w10, w11
    RUN 0, 0xfffffffffffffffd, 7, smnegl x12, w10, w11
    SYS_EXIT 0
