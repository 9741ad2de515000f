// SPDX-License-Identifier: MIT
// ADD/SUB/ADDS/SUBS (shifted and extended register) and ADC/ADCS/SBC/
// SBCS: results and NZCV for edge values, every shift and extend kind,
// SP as operand and destination.
#include "dp-macros.inc"

#define EDGES 0, 1, 0xffffffffffffffff, 0x8000000000000000, \
              0x7fffffffffffffff, 0x80000000, 0x7fffffff, 0xffffffff

.text
.global _start
_start:
    // flag-setting forms on every pair of edge values, both widths
.irp a, EDGES
.irp b, EDGES
    RUN 0, \a, \b, adds x12, x10, x11
    RUN 0, \a, \b, subs x12, x10, x11
    RUN 0, \a, \b, adds w12, w10, w11
    RUN 0, \a, \b, subs w12, w10, w11
.endr
.endr
    // shifted operand: LSL/LSR/ASR by 0, 1, 31, 32, 63
.irp b, 0xffffffffffffffff, 0x8000000000000001, 0x00000000c0000001
    RUN 0, 0x1234, \b, add x12, x10, x11, lsl #1
    RUN 0, 0x1234, \b, add x12, x10, x11, lsl #63
    RUN 0, 0x1234, \b, sub x12, x10, x11, lsr #1
    RUN 0, 0x1234, \b, sub x12, x10, x11, lsr #32
    RUN 0, 0x1234, \b, add x12, x10, x11, lsr #63
    RUN 0, 0x1234, \b, add x12, x10, x11, asr #1
    RUN 0, 0x1234, \b, add x12, x10, x11, asr #63
    RUN 0, 0x1234, \b, adds x12, x10, x11, asr #0
    RUN 0, 0x1234, \b, subs x12, x10, x11, lsl #31
    RUN 0, 0x1234, \b, add w12, w10, w11, lsl #31
    RUN 0, 0x1234, \b, add w12, w10, w11, lsr #31
    RUN 0, 0x1234, \b, add w12, w10, w11, asr #31
    RUN 0, 0x1234, \b, sub w12, w10, w11, asr #1
    RUN 0, 0x1234, \b, adds w12, w10, w11, lsr #16
    RUN 0, 0x1234, \b, subs w12, w10, w11, asr #30
    RUN 0, 0x1234, \b, cmp w10, w11, lsl #3
    RUN 0, 0x1234, \b, cmn x10, x11, asr #2
    RUN 0, 0x1234, \b, neg x12, x11, lsl #4
    RUN 0, 0x1234, \b, negs w12, w11
.endr
    // extended register: every extend with shifts 0..4
.irp b, 0xfedcba9876543281, 0x0123456789abcdef
.irp sh, 0, 1, 2, 3, 4
    RUN 0, 0x10000, \b, add x12, x10, w11, uxtb #\sh
    RUN 0, 0x10000, \b, add x12, x10, w11, uxth #\sh
    RUN 0, 0x10000, \b, add x12, x10, w11, uxtw #\sh
    RUN 0, 0x10000, \b, add x12, x10, x11, uxtx #\sh
    RUN 0, 0x10000, \b, sub x12, x10, w11, sxtb #\sh
    RUN 0, 0x10000, \b, sub x12, x10, w11, sxth #\sh
    RUN 0, 0x10000, \b, adds x12, x10, w11, sxtw #\sh
    RUN 0, 0x10000, \b, subs x12, x10, x11, sxtx #\sh
    RUN 0, 0x10000, \b, add w12, w10, w11, sxtb #\sh
    RUN 0, 0x10000, \b, subs w12, w10, w11, uxth #\sh
.endr
.endr
    // SP as Rn and Rd of the extended forms (and WSP zero-extension);
    // print_hex64 needs the stack, so results are printed after SP is back
    mov x20, sp
    LI x10, 0x0000ffff00001000
    LI x11, 0xfffffffffffffff0
    add sp, x10, w11, sxtw #0
    mov x21, sp
    add wsp, w10, w11, uxtb #2
    mov x22, sp
    mov sp, x10
    add x23, sp, x11, sxtx #1
    sub x24, sp, w11, uxth
    cmp sp, x10
    mrs x25, nzcv
    subs x26, sp, w11, uxtw #4
    mrs x27, nzcv
    mov sp, x20
.irp r, x21, x22, x23, x24, x25, x26, x27
    PRINT_REG \r
.endr
    // ADC/ADCS/SBC/SBCS with carry in clear and set
.irp c, 0, 0x20000000
.irp a, 0, 0xffffffffffffffff, 0x7fffffffffffffff, 0x80000000
.irp b, 0, 1, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffff
    RUN \c, \a, \b, adcs x12, x10, x11
    RUN \c, \a, \b, sbcs x12, x10, x11
    RUN \c, \a, \b, adcs w12, w10, w11
    RUN \c, \a, \b, sbcs w12, w10, w11
.endr
    RUN \c, \a, 0x123456789, adc x12, x10, x11
    RUN \c, \a, 0x123456789, sbc x12, x10, x11
    RUN \c, \a, 0x123456789, adc w12, w10, w11
    RUN \c, \a, 0x123456789, sbc w12, w10, w11
    RUN \c, \a, 0x123456789, ngc x12, x11
    RUN \c, \a, 0x123456789, ngcs w12, w11
.endr
.endr
    SYS_EXIT 0
