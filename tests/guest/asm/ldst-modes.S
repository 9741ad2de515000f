// SPDX-License-Identifier: MIT
// Single-register loads and stores (Arm ARM C4.1.68): every addressing
// mode, writeback, sign/zero extension of each size, W-register zeroing,
// unaligned plain accesses, unprivileged forms, literals, prefetches, SP
// as base, ZR as data, and top-byte-ignore.  Every value is printed and
// compared with qemu-aarch64.
#include "macros.inc"
#include "ldst-util.inc"

.text
.global _start
_start:
    adrp x19, src
    add x19, x19, :lo12:src          // x19 = src (16-byte aligned)
    add x20, x19, #16                // x20 = src + 16
    adrp x21, buf
    add x21, x21, :lo12:buf          // x21 = buf

    // ---- unsigned offset, each size and extension ----
    movn x6, #0                      // all ones: W loads must clear the top
    ldrb w6, [x19]
    SHOW x6                          // 81
    ldrsb w6, [x19]
    SHOW x6                          // 00000000ffffff81
    ldrsb x6, [x19]
    SHOW x6                          // ffffffffffffff81
    ldrsb x6, [x19, #8]
    SHOW x6                          // 71
    ldrh w6, [x19, #2]
    SHOW x6                          // b4a3
    ldrsh w6, [x19, #2]
    SHOW x6                          // 0000ffffb4a3... low 32
    ldrsh x6, [x19, #2]
    SHOW x6
    ldrsh w6, [x19, #10]
    SHOW x6                          // positive halfword
    ldr w6, [x19, #4]
    SHOW x6
    ldrsw x6, [x19, #4]
    SHOW x6
    ldrsw x6, [x19, #8]
    SHOW x6
    ldr x6, [x19, #8]
    SHOW x6
    ldr x6, [x19, #4088]             // largest X offset (inside big[])
    SHOW x6
    ldrb w6, [x19, #4095]            // largest byte offset
    SHOW x6

    // ---- unscaled, unaligned, negative offsets ----
    ldur x6, [x19, #1]
    SHOW x6
    ldur w6, [x20, #-3]
    SHOW x6
    ldursh x6, [x20, #-1]
    SHOW x6
    ldursb w6, [x20, #-256]          // most negative imm9 (inside pre[])
    SHOW x6
    ldur x6, [x19, #255]
    SHOW x6
    ldr x6, [x19, #3]                // assembler picks LDUR
    SHOW x6

    // ---- post-index and pre-index writeback ----
    add x22, x19, #0
    ldr x6, [x22], #8
    SHOW x6
    SHOW x22                         // src + 8
    ldrsb x6, [x22], #-3
    SHOW x6
    SHOW x22                         // src + 5
    ldrh w6, [x22, #3]!
    SHOW x6
    SHOW x22                         // src + 8
    ldrsw x6, [x22, #-4]!
    SHOW x6
    SHOW x22                         // src + 4
    ldrsh w6, [x22], #255
    SHOW x6
    SHOW x22
    ldr w6, [x22, #-256]!
    SHOW x6
    SHOW x22

    // ---- register offset: LSL, UXTW, SXTW, SXTX, with and without shift
    mov x23, #3
    ldrb w6, [x19, x23]
    SHOW x6
    ldrb w6, [x19, x23, lsl #0]
    SHOW x6
    ldrsh x6, [x19, x23, lsl #1]
    SHOW x6
    ldr w6, [x19, x23, lsl #2]
    SHOW x6
    ldr x6, [x19, x23, lsl #3]
    SHOW x6
    movn x24, #0                     // x24 = -1
    movk x24, #0, lsl #48            // upper half garbage for the W forms
    ldrsb w6, [x20, w24, sxtw]       // src + 15
    SHOW x6
    ldr x6, [x20, w24, sxtw #3]      // src + 8
    SHOW x6
    mov w25, #0xfffffff8 & 0xffff    // w25 = 0x0000fff8
    movk x25, #0xffff, lsl #16       // w25 = -8 as a W value
    movk x25, #0x1234, lsl #32       // garbage above
    ldr x6, [x20, w25, sxtw]         // src + 8
    SHOW x6
    mov w26, #2
    movk x26, #0x8000, lsl #48       // UXTW must drop this
    ldrh w6, [x19, w26, uxtw #1]
    SHOW x6
    ldr w6, [x19, w26, uxtw]
    SHOW x6
    movn x27, #1                     // x27 = -2
    ldr x6, [x20, x27, sxtx #3]      // src
    SHOW x6
    ldrh w6, [x20, x27, sxtx]        // src + 14
    SHOW x6

    // ---- unprivileged (same as normal at EL0) ----
    ldtr x6, [x19, #1]
    SHOW x6
    ldtrsb w6, [x19, #3]
    SHOW x6
    ldtrsh x6, [x19, #-2]
    SHOW x6
    ldtrsw x6, [x19, #12]
    SHOW x6
    ldtrb w6, [x19, #7]
    SHOW x6
    ldtrh w6, [x19, #9]
    SHOW x6

    // ---- stores of every size and mode ----
    ldr x9, =0x1122334455667788
    ldr x10, =0x99aabbccddeeff00
    stp xzr, xzr, [x21]
    stp xzr, xzr, [x21, #16]
    str x9, [x21]
    strb w10, [x21, #8]
    strh w10, [x21, #10]
    str w9, [x21, #12]
    ldr x6, [x21]
    SHOW x6
    ldr x6, [x21, #8]
    SHOW x6
    stur x10, [x21, #3]               // unaligned store
    sturh w9, [x21, #17]
    sturb w9, [x21, #19]
    stur w10, [x21, #20]
    ldr x6, [x21]
    SHOW x6
    ldr x6, [x21, #8]
    SHOW x6
    ldr x6, [x21, #16]
    SHOW x6
    add x22, x21, #0
    str x9, [x22], #8
    SHOW x22
    strh w10, [x22, #2]!
    SHOW x22
    strb w9, [x22], #-1
    SHOW x22
    str w10, [x22, #5]!
    SHOW x22
    mov x23, #1
    strb w9, [x21, x23]
    strh w9, [x21, x23, lsl #1]
    str w9, [x21, w23, uxtw #2]
    str x10, [x21, w23, sxtw #3]
    sttr x9, [x21, #16]
    sttrb w10, [x21, #24]
    sttrh w10, [x21, #26]
    sttr w10, [x21, #28]
    ldr x6, [x21]
    SHOW x6
    ldr x6, [x21, #8]
    SHOW x6
    ldr x6, [x21, #16]
    SHOW x6
    ldr x6, [x21, #24]
    SHOW x6

    // ---- ZR as data ----
    str xzr, [x21]
    strb wzr, [x21, #9]
    strh wzr, [x21, #12]
    str wzr, [x21, #20]
    ldr xzr, [x21, #24]              // a load to XZR is discarded
    ldrb wzr, [x21, #24]
    ldr x6, [x21]
    SHOW x6
    ldr x6, [x21, #8]
    SHOW x6
    ldr x6, [x21, #16]
    SHOW x6

    // ---- SP as base ----
    sub sp, sp, #64
    str x9, [sp]
    str x10, [sp, #8]
    ldr x6, [sp, #4]
    SHOW x6
    str x9, [sp, #-16]!
    ldr x6, [sp], #16
    SHOW x6
    mov x23, #8
    ldr x6, [sp, x23]
    SHOW x6
    ldrb w6, [sp, #15]
    SHOW x6
    add sp, sp, #64

    // ---- literals and prefetches ----
    ldr w6, lit
    SHOW x6
    ldr x6, lit
    SHOW x6
    ldrsw x6, lit
    SHOW x6
    ldrsw x6, lit + 4
    SHOW x6
    prfm pldl1keep, lit
    mov x7, #0
    prfm pldl1keep, [x7]             // prefetch of a bad address: no fault
    prfm pstl2strm, [x7, #8]
    prfm plil3keep, [x7, x23]
    prfum pldl1keep, [x7, #-1]
    prfm #0x1f, [x7]                 // unallocated prfop: still a NOP

    // ---- top byte ignore: tagged pointers ----
    add x22, x19, #0
    movk x22, #0x5a00, lsl #48       // tag 0x5a in bits 63:56
    ldr x6, [x22, #8]
    SHOW x6
    ldrb w6, [x22], #1               // writeback keeps the tag
    SHOW x6
    SHOW x22
    str x9, [x21, #0]
    add x23, x21, #0
    movk x23, #0xa500, lsl #48
    str x10, [x23, #8]
    ldr x6, [x21, #8]
    SHOW x6

    // ---- writeback with Rn == Rt (CONSTRAINED UNPREDICTABLE): the
    // choices qemu makes, see translate-ldst.c ----
    add x22, x19, #0
    .inst 0xf84086d6                 // ldr x22, [x22], #8: writeback wins
    SHOW x22
    add x22, x21, #16
    .inst 0xf81f8ed6                 // str x22, [x22, #-8]!: stores old base
    SHOW x22
    ldr x6, [x21, #8]
    SHOW x6
    add x22, x19, #0
    .inst 0x38401ed6                 // ldrb w22, [x22, #1]!
    SHOW x22

    SYS_EXIT 0

    .balign 8
lit:
    .word 0x89abcdef
    .word 0x7654321f
    .ltorg
    LDST_UTIL_CODE

.data
    .balign 4096
pre:
    .fill 256, 1, 0xc3
src:
    .byte 0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8
    .byte 0x71, 0x62, 0x53, 0x44, 0x35, 0x26, 0x17, 0x08
    .byte 0x19, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f, 0x80
big:
    .fill 4096, 1, 0x5e
buf:
    .space 64
