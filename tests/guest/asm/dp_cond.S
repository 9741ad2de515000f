// SPDX-License-Identifier: MIT
// Conditional compare (CCMP/CCMN, register and immediate) and conditional
// select (CSEL/CSINC/CSINV/CSNEG and aliases) under every condition and
// every input NZCV.
#include "dp-macros.inc"

.text
.global _start
_start:
    // CSEL family: every condition against every NZCV value
.irp f, 0x00000000, 0x10000000, 0x20000000, 0x30000000, 0x40000000, \
        0x60000000, 0x80000000, 0x90000000, 0xa0000000, 0xd0000000, \
        0xf0000000
.irp cc, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
    RUN \f, 0x1111111111111111, 0xffffffff00000002, csel x12, x10, x11, \cc
.endr
    RUN \f, 0x1111111111111111, 0xffffffff00000002, csinc x12, x10, x11, hi
    RUN \f, 0x1111111111111111, 0xffffffff00000002, csinv w12, w10, w11, ge
    RUN \f, 0x1111111111111111, 0xffffffff00000002, csneg x12, x10, x11, lt
    RUN \f, 0x1111111111111111, 0xffffffff00000002, csneg w12, w10, w11, vs
    RUN \f, 0x1111111111111111, 0xffffffff00000002, cset x12, gt
    RUN \f, 0x1111111111111111, 0xffffffff00000002, csetm w12, le
    RUN \f, 0x1111111111111111, 0xffffffff00000002, cinc w12, w11, ls
    RUN \f, 0x1111111111111111, 0x8000000000000000, cneg x12, x11, mi
.endr
    // flags from a 64-bit compare steering a 32-bit select: the low
    // halves of the operands are equal, the registers are not
    LI x10, 0x100000005
    LI x11, 0x5
    cmp x10, x11
    csel w12, wzr, w10, eq
    PRINT_REG x12
    csinc w12, w11, w10, ne
    PRINT_REG x12
    // CCMP/CCMN: condition holds (flags of the compare) or fails (#nzcv)
.irp f, 0x00000000, 0x40000000, 0x20000000, 0x90000000
.irp a, 0, 5, 0x8000000000000000, 0x7fffffff
    RUN \f, \a, 5, ccmp x10, x11, #0x3, eq
    RUN \f, \a, 5, ccmp x10, x11, #0xc, ne
    RUN \f, \a, 5, ccmn x10, x11, #0xf, cs
    RUN \f, \a, 5, ccmn w10, w11, #0x0, cc
    RUN \f, \a, 5, ccmp w10, w11, #0x8, ge
    RUN \f, \a, 5, ccmp x10, #31, #0x1, lt
    RUN \f, \a, 5, ccmn x10, #1, #0x2, mi
    RUN \f, \a, 5, ccmp w10, #0, #0x4, hi
    RUN \f, \a, 5, ccmn w10, #31, #0x7, vc
    RUN \f, \a, 5, ccmp x10, x11, #0x9, al
.endr
.endr
    SYS_EXIT 0
