// SPDX-License-Identifier: MIT
// FEAT_LSE atomics (Arm ARM C4.1.68 "Atomic memory operations", "Compare
// and swap", "Compare and swap pair"): every LD<op> and SWP in every size
// and ordering, with operands whose signed and unsigned order differ, the
// ST<op> aliases, CAS success and failure, and CASP of W and X pairs.
// Each case prints the returned old value and the memory around the
// target, so writes past the access size would show.
#include "macros.inc"
#include "ldst-util.inc"

.arch armv8.1-a+lse

// M: reset the 16 bytes at x20; the target is x21 = x20 + 8
.macro RESET
    str x15, [x20]
    str x15, [x20, #8]
.endm

.macro SHOWMEM
    ldr x6, [x20]
    SHOW x6
    ldr x6, [x20, #8]
    SHOW x6
.endm

// one LD<op>/SWP case: \insn \rs, \rt, [x21] with Rt preset to all ones
.macro ONE insn, rs, rt
    RESET
    movn x6, #0
    \insn \rs, \rt, [x21]
    SHOW x6
    SHOWMEM
.endm

.macro ALLSIZES op, ord, opnd
    ONE \op\ord\()b, w\opnd, w6
    ONE \op\ord\()h, w\opnd, w6
    ONE \op\ord, w\opnd, w6
    ONE \op\ord, x\opnd, x6
.endm

.macro ALLORDS op, opnd
    ALLSIZES \op, , \opnd
    ALLSIZES \op, a, \opnd
    ALLSIZES \op, l, \opnd
    ALLSIZES \op, al, \opnd
.endm

.text
.global _start
_start:
    adrp x20, data
    add x20, x20, :lo12:data
    add x21, x20, #8
    ldr x15, =0xf0e1d2c3b4a59687     // memory: negative in every size
    ldr x10, =0x1a2b3c0d4a0b1c0d     // positive in every size
    ldr x11, =0xfafbfcfdfefff8f9     // negative, above memory both ways

    .irp op, ldadd, ldclr, ldeor, ldset, swp
    ALLORDS \op, 10
    .endr
    .irp op, ldsmax, ldsmin, ldumax, ldumin
    ALLORDS \op, 10
    ALLSIZES \op, al, 11
    .endr

    // ---- ST<op> aliases (Rt = ZR) ----
    RESET
    staddb w10, [x21]
    stclrlh w10, [x21]
    SHOWMEM
    RESET
    steor x10, [x21]
    stsetl w11, [x21]
    SHOWMEM
    RESET
    stsmax w10, [x21]
    stsminl x11, [x21]
    SHOWMEM
    RESET
    stumaxb w10, [x21]
    stuminlh w11, [x21]
    SHOWMEM
    RESET
    swp x10, xzr, [x21]              // SWP to XZR is not an alias
    SHOWMEM
    RESET
    ldadd xzr, x6, [x21]             // Rs = XZR adds 0
    SHOW x6
    SHOWMEM
    sub sp, sp, #16
    str x15, [sp]
    ldaddal x10, x6, [sp]            // SP as base
    ldr x7, [sp]
    add sp, sp, #16
    SHOW x6
    SHOW x7
    add x22, x21, #0
    movk x22, #0x7700, lsl #48       // tagged pointer
    RESET
    ldeoral x10, x6, [x22]
    SHOW x6
    SHOWMEM

    // ---- CAS: success (compare equal) and failure, every size ----
    .irp ord, , a, l, al
    RESET
    movn x6, #0
    movk x6, #0x9687                 // low byte/half = memory's
    cas\ord\()b w6, w10, [x21]       // upper bits of Ws ignored
    SHOW x6
    SHOWMEM
    RESET
    movn x6, #0
    movk x6, #0x9687
    cas\ord\()h w6, w10, [x21]
    SHOW x6
    SHOWMEM
    RESET
    ldr x6, =0x55555555b4a59687
    cas\ord w6, w10, [x21]
    SHOW x6
    SHOWMEM
    RESET
    add x6, x15, #0
    cas\ord x6, x10, [x21]
    SHOW x6
    SHOWMEM
    RESET
    mov x6, #0x87
    cas\ord\()b w6, w10, [x21]        // equal: succeeds
    SHOW x6
    SHOWMEM
    RESET
    mov x6, #0x88
    cas\ord\()h w6, w10, [x21]        // fails
    SHOW x6
    SHOWMEM
    RESET
    add x6, x15, #1
    cas\ord w6, w10, [x21]           // fails
    SHOW x6
    SHOWMEM
    RESET
    add x6, x15, #1
    cas\ord x6, x10, [x21]           // fails
    SHOW x6
    SHOWMEM
    .endr
    RESET
    cas xzr, x10, [x21]              // compare with 0: fails, result dropped
    SHOWMEM

    // ---- CASP ----
    ldr x16, =0x0102030405060708
    ldr x17, =0x1112131415161718
    .irp ord, , a, l, al
    RESET
    add x12, x15, #0                 // W pair: low word, high word
    lsr x13, x15, #32
    casp\ord w12, w13, w16, w17, [x21]
    SHOW x12
    SHOW x13
    SHOWMEM
    RESET
    add x12, x15, #0
    add x13, x15, #0                 // high word differs: fails
    casp\ord w12, w13, w16, w17, [x21]
    SHOW x12
    SHOW x13
    SHOWMEM
    RESET
    add x12, x15, #0
    add x13, x15, #0
    casp\ord x12, x13, x16, x17, [x20]
    SHOW x12
    SHOW x13
    SHOWMEM
    RESET
    add x12, x15, #0
    add x13, x15, #1                 // high differs: fails
    casp\ord x12, x13, x16, x17, [x20]
    SHOW x12
    SHOW x13
    SHOWMEM
    .endr

    SYS_EXIT 0
    .ltorg
    LDST_UTIL_CODE

.data
    .balign 4096
data:
    .space 64
