// SPDX-License-Identifier: MIT
// Data-processing (1 source): RBIT, REV16, REV32, REV, CLZ, CLS, both
// widths, on edge values (CLZ/CLS of 0 and -1 included).
#include "dp-macros.inc"

.text
.global _start
_start:
.irp a, 0, 1, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, \
        0x0000000080000000, 0x000000007fffffff, 0x0123456789abcdef, \
        0xfffffffe00000001, 0x00000000ffff0000
    RUN1 \a, rbit x12, x10
    RUN1 \a, rbit w12, w10
    RUN1 \a, rev16 x12, x10
    RUN1 \a, rev16 w12, w10
    RUN1 \a, rev32 x12, x10
    RUN1 \a, rev w12, w10
    RUN1 \a, rev x12, x10
    RUN1 \a, clz x12, x10
    RUN1 \a, clz w12, w10
    RUN1 \a, cls x12, x10
    RUN1 \a, cls w12, w10
.endr
    SYS_EXIT 0
