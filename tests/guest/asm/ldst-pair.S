// SPDX-License-Identifier: MIT
// Load/store pair (Arm ARM C4.1.68): LDP/STP of W and X registers, LDPSW,
// LDNP/STNP, in offset, pre-index and post-index forms, with SP as base,
// ZR as data, unaligned pairs, and the CONSTRAINED UNPREDICTABLE cases as
// qemu-aarch64 resolves them.
#include "macros.inc"
#include "ldst-util.inc"

.text
.global _start
_start:
    adrp x19, src
    add x19, x19, :lo12:src
    adrp x21, buf
    add x21, x21, :lo12:buf

    // ---- loads ----
    movn x6, #0
    movn x7, #0
    ldp w6, w7, [x19]
    SHOW x6
    SHOW x7
    ldp x6, x7, [x19, #8]
    SHOW x6
    SHOW x7
    ldpsw x6, x7, [x19]
    SHOW x6
    SHOW x7
    ldpsw x6, x7, [x19, #8]
    SHOW x6
    SHOW x7
    ldnp w6, w7, [x19, #4]
    SHOW x6
    SHOW x7
    ldnp x6, x7, [x19, #16]
    SHOW x6
    SHOW x7
    ldp x6, x7, [x19, #-512]         // most negative X offset
    SHOW x6
    ldp w6, w7, [x19, #252]          // largest W offset
    SHOW x6
    ldp x6, x7, [x19, #504]          // largest X offset
    SHOW x7
    add x20, x19, #1
    ldp x6, x7, [x20]                // unaligned pair
    SHOW x6
    SHOW x7
    ldp w6, w7, [x20, #4]
    SHOW x6
    SHOW x7

    // ---- writeback ----
    add x22, x19, #0
    ldp x6, x7, [x22], #16
    SHOW x6
    SHOW x7
    SHOW x22
    ldp w6, w7, [x22, #-8]!
    SHOW x6
    SHOW x7
    SHOW x22
    ldpsw x6, x7, [x22, #8]!
    SHOW x6
    SHOW x7
    SHOW x22
    ldpsw x6, x7, [x22], #-16
    SHOW x6
    SHOW x7
    SHOW x22

    // ---- stores ----
    ldr x9, =0x1122334455667788
    ldr x10, =0x99aabbccddeeff00
    stp x9, x10, [x21]
    stp w10, w9, [x21, #16]
    stnp w9, w9, [x21, #24]
    ldp x6, x7, [x21]
    SHOW x6
    SHOW x7
    ldp x6, x7, [x21, #16]
    SHOW x6
    SHOW x7
    add x22, x21, #32
    stp x10, x9, [x22, #-16]!
    SHOW x22
    stp w9, w10, [x22], #24
    SHOW x22
    stnp x9, x10, [x21, #40]
    stp xzr, x9, [x21, #56]
    add x23, x21, #3
    stp w9, wzr, [x23]               // unaligned
    ldp x6, x7, [x21]
    SHOW x6
    SHOW x7
    ldp x6, x7, [x21, #16]
    SHOW x6
    SHOW x7
    ldp x6, x7, [x21, #32]
    SHOW x6
    SHOW x7
    ldp x6, x7, [x21, #48]
    SHOW x6
    SHOW x7
    ldr x6, [x21, #64]
    SHOW x6

    // ---- SP as base, load to XZR ----
    sub sp, sp, #64
    stp x9, x10, [sp, #-16]!
    stp x10, x9, [sp, #16]
    ldp x6, x7, [sp], #16
    SHOW x6
    SHOW x7
    ldp xzr, x7, [sp]
    SHOW x7
    ldp w6, wzr, [sp, #4]
    SHOW x6
    add sp, sp, #64

    // ---- CONSTRAINED UNPREDICTABLE, qemu's choices ----
    // ldp x6, x6, [x19]: Rt gets the first element
    .inst 0xa9401a66
    SHOW x6
    // ldp x22, x7, [x22], #16 with x22 = src: writeback wins
    add x22, x19, #0
    .inst 0xa8c11ed6
    SHOW x22
    SHOW x7
    // stp x22, x9, [x22, #-16]! with x22 = buf+16: stores the old base
    add x22, x21, #16
    .inst 0xa9bf26d6
    SHOW x22
    ldr x6, [x21]
    SHOW x6

    SYS_EXIT 0
    .ltorg
    LDST_UTIL_CODE

.data
    .balign 4096
pre:
    .fill 512, 1, 0xa7
src:
    .byte 0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8
    .byte 0x71, 0x62, 0x53, 0x44, 0x35, 0x26, 0x17, 0x08
    .byte 0x19, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f, 0x80
    .byte 0xe1, 0xd2, 0xc3, 0xb4, 0x05, 0x16, 0x27, 0x38
    .fill 512, 1, 0x3c
    .balign 16
buf:
    .space 128
