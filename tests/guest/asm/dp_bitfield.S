// SPDX-License-Identifier: MIT
// Bitfield moves (SBFM, BFM, UBFM) through their aliases (LSL, LSR, ASR,
// UBFX, SBFX, UBFIZ, SBFIZ, BFI, BFXIL, UXT*, SXT*) and EXTR/ROR, 32 and
// 64 bits, on edge-case inputs.  BFI/BFXIL merge into x12 = 0x5555...
#include "dp-macros.inc"

.text
.global _start
_start:
.irp a, 0, 1, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, \
        0x00000000ffffffff, 0x0000000080000001, 0x123456789abcdef0, \
        0xfedcba9876543210
    RUN1 \a, lsl x12, x10, #0
    RUN1 \a, lsl x12, x10, #1
    RUN1 \a, lsl x12, x10, #3
    RUN1 \a, lsl x12, x10, #31
    RUN1 \a, lsl x12, x10, #32
    RUN1 \a, lsl x12, x10, #63
    RUN1 \a, lsl w12, w10, #0
    RUN1 \a, lsl w12, w10, #1
    RUN1 \a, lsl w12, w10, #17
    RUN1 \a, lsl w12, w10, #31
    RUN1 \a, lsr x12, x10, #1
    RUN1 \a, lsr x12, x10, #63
    RUN1 \a, lsr w12, w10, #1
    RUN1 \a, lsr w12, w10, #31
    RUN1 \a, asr x12, x10, #1
    RUN1 \a, asr x12, x10, #63
    RUN1 \a, asr w12, w10, #5
    RUN1 \a, asr w12, w10, #31
    RUN1 \a, ubfx x12, x10, #4, #8
    RUN1 \a, ubfx x12, x10, #60, #4
    RUN1 \a, ubfx w12, w10, #28, #4
    RUN1 \a, sbfx x12, x10, #4, #8
    RUN1 \a, sbfx x12, x10, #1, #63
    RUN1 \a, sbfx w12, w10, #31, #1
    RUN1 \a, ubfiz x12, x10, #8, #16
    RUN1 \a, ubfiz x12, x10, #62, #2
    RUN1 \a, ubfiz w12, w10, #31, #1
    RUN1 \a, sbfiz x12, x10, #8, #16
    RUN1 \a, sbfiz w12, w10, #4, #12
    RUN1 \a, bfi x12, x10, #8, #16
    RUN1 \a, bfi x12, x10, #0, #64
    RUN1 \a, bfi w12, w10, #31, #1
    RUN1 \a, bfxil x12, x10, #8, #16
    RUN1 \a, bfxil w12, w10, #0, #32
    RUN1 \a, uxtb w12, w10
    RUN1 \a, uxth w12, w10
    RUN1 \a, sxtb x12, w10
    RUN1 \a, sxth w12, w10
    RUN1 \a, sxtw x12, w10
    RUN1 \a, extr x12, x10, x10, #13
    RUN1 \a, extr w12, w10, w10, #31
    RUN1 \a, ror x12, x10, #1
.endr
    SYS_EXIT 0
