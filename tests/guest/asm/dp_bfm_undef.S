// SPDX-License-Identifier: MIT
// SBFM/BFM/UBFM with sf = 0 and immr<5> or imms<5> set are UNDEFINED
// (Arm ARM C6.2, "Bitfield Move"): the valid 32-bit neighbours print their
// results, then the first reserved form must die of SIGILL (status 132).
#include "dp-macros.inc"

.text
.global _start
_start:
    movz x19, #0x8765, lsl #16
    movk x19, #0x4321
    mov x20, #-1
    .inst 0x33003274         // bfxil w20, w19, #0, #13
    PRINT_REG x20
    .inst 0x13007e74         // asr w20, w19, #0 (sbfm #0, #31)
    PRINT_REG x20
    .inst 0x531f7e74         // lsr w20, w19, #31 (ubfm #31, #31)
    PRINT_REG x20
    .inst 0x33323274         // bfm w20, w19, #50, #12: immr<5> set
    PRINT_REG x20
    .inst 0x5300fa74         // ubfm w20, w19, #0, #62: imms<5> set
    PRINT_REG x20
    SYS_EXIT 0
