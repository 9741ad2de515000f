// SPDX-License-Identifier: MIT
// Logical (shifted register): AND BIC ORR ORN EOR EON ANDS BICS with
// LSL/LSR/ASR/ROR, both widths, and the NZCV of ANDS/BICS/TST.
#include "dp-macros.inc"

.text
.global _start
_start:
.irp a, 0, 0xffffffffffffffff, 0x8000000080000000, 0x0123456789abcdef
.irp b, 0, 0xffffffffffffffff, 0xf0f0f0f00f0f0f0f, 0x00000000ffff0001
    RUN 0x30000000, \a, \b, and x12, x10, x11
    RUN 0x30000000, \a, \b, bic x12, x10, x11, lsl #4
    RUN 0x30000000, \a, \b, orr x12, x10, x11, lsr #63
    RUN 0x30000000, \a, \b, orn x12, x10, x11, asr #17
    RUN 0x30000000, \a, \b, eor x12, x10, x11, ror #1
    RUN 0x30000000, \a, \b, eon x12, x10, x11, ror #63
    RUN 0x30000000, \a, \b, ands x12, x10, x11
    RUN 0x30000000, \a, \b, bics x12, x10, x11, ror #32
    RUN 0x30000000, \a, \b, and w12, w10, w11, ror #31
    RUN 0x30000000, \a, \b, bic w12, w10, w11
    RUN 0x30000000, \a, \b, orr w12, w10, w11, asr #31
    RUN 0x30000000, \a, \b, orn w12, w10, w11
    RUN 0x30000000, \a, \b, eor w12, w10, w11, lsl #31
    RUN 0x30000000, \a, \b, eon w12, w10, w11, lsr #1
    RUN 0x30000000, \a, \b, ands w12, w10, w11, ror #16
    RUN 0x30000000, \a, \b, bics w12, w10, w11, asr #5
    RUN 0xf0000000, \a, \b, tst x10, x11, lsl #1
    RUN 0xf0000000, \a, \b, tst w10, w11
.endr
.endr
    RUN 0, 0, 0x8000000000000001, mvn x12, x11, ror #1
    RUN 0, 0, 0x8000000000000001, mvn w12, w11
    RUN 0, 0, 0x8000000000000001, mov x12, x11
    RUN 0, 0, 0x8000000000000001, mov w12, w11
    SYS_EXIT 0
