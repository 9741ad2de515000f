// SPDX-License-Identifier: MIT
// Flags consumed in the same block as their setter (the translator fuses
// the compare with the branch or select), in the successor block, and
// dropped at a block exit whose successors rewrite them first.  Every
// flag-setting form (CMP, CMN, SUBS, ADDS, ANDS, TST, BICS, CCMP, CCMN;
// immediate, shifted and extended register; 32 and 64 bits; CMN #0;
// source = destination) feeds every condition through B.cond, CSET (same and other
// width), CCMP and a consumer in the next block, on edge-case operands.
// Each setter routine returns the condition masks in x13 and x16.
#include "dp-macros.inc"

// COND_MASKS name, setter...: the setter reads x10/x11 (w10/w11), may
// write x12, and leaves x13/x16/x20/x21 alone.
//   x13 bits  0..15: B.cond taken (the not-taken path rewrites the flags)
//   x13 bits 16..31: CSET Xd (as CSEL, which takes AL and NV)
//   x13 bits 32..47: CCMP under the condition
//   x13 bits 48..63: CSET in the next block
//   x16 bits  0..15: CSEL Wd
//   x16 bits 16..31: CSEL in the next block, after a load (the flags
//                    reach it in their lazy form)
//   x16 bits 32..35: NZCV by MRS in the next block after a load
//   x16 bits 36..39: NZCV by MRS in the same block
//   x16 bit  40:     C by ADC in the next block after a load
.macro COND_MASKS name, setter:vararg
\name:
    mov x13, #0
    mov x16, #0
    \setter
    b 4f
4:  ldr x9, [sp]
    mrs x15, nzcv
    orr x16, x16, x15, lsl #4
    \setter
    mrs x15, nzcv
    orr x16, x16, x15, lsl #8
    \setter
    b 5f
5:  ldr x9, [sp]
    adc x15, xzr, xzr
    orr x16, x16, x15, lsl #40
    .set bit, 0
    .irp cc, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
    \setter
    b.\cc 1f
    \setter
    b 2f
1:  orr x13, x13, #(1 << bit)
2:
    \setter
    csel x15, x21, xzr, \cc
    orr x13, x13, x15, lsl #(16 + bit)
    \setter
    ccmp x20, x20, #0, \cc
    cset x15, eq
    orr x13, x13, x15, lsl #(32 + bit)
    \setter
    b 3f
3:  csel x15, x21, xzr, \cc
    orr x13, x13, x15, lsl #(48 + bit)
    \setter
    csel w15, w21, wzr, \cc
    orr x16, x16, x15, lsl #bit
    \setter
    b 6f
6:  ldr x9, [sp]
    csel x15, x21, xzr, \cc
    orr x16, x16, x15, lsl #(16 + bit)
    .set bit, bit + 1
    .endr
    ret
.endm

// two-instruction setters (a macro argument cannot hold two)
.macro SET_subsd_x
    mov x12, x10
    subs x12, x12, x11
.endm
.macro SET_subsd_w
    mov x12, x10
    subs w12, w12, #1
.endm
.macro SET_addsd_x
    mov x12, x11
    adds x12, x10, x12
.endm
.macro SET_ccmp_x
    cmp x10, #5
    ccmp x10, x11, #4, ne
.endm
.macro SET_ccmp_w
    cmp w11, #1
    ccmp w10, w11, #0xb, hi
.endm
.macro SET_ccmn_x
    cmp x10, x11
    ccmn x10, #1, #2, ge
.endm
.macro SET_ccmn_w
    tst w10, w11
    ccmn w10, w11, #9, eq
.endm
.macro SET_ccmpi_x
    cmn x10, x11
    ccmp x11, #31, #6, cs
.endm

.text
COND_MASKS s_cmp_x,   cmp x10, x11
COND_MASKS s_cmp_w,   cmp w10, w11
COND_MASKS s_cmpi_x,  cmp x10, #5
COND_MASKS s_cmpi_w,  cmp w10, #0xfff
COND_MASKS s_cmp0_w,  cmp w10, #0
COND_MASKS s_cmpsh_x, cmp x10, x11, lsl #3
COND_MASKS s_cmpex_x, cmp x10, w11, sxtw
COND_MASKS s_cmpex_w, cmp w10, w11, uxtb #2
COND_MASKS s_cmn_x,   cmn x10, x11
COND_MASKS s_cmn_w,   cmn w10, w11
COND_MASKS s_cmni_x,  cmn x10, #1
COND_MASKS s_cmni_w,  cmn w10, #1
COND_MASKS s_cmn0_x,  cmn x10, #0
COND_MASKS s_cmn0_w,  cmn w10, #0
COND_MASKS s_subs_x,  subs x12, x10, x11
COND_MASKS s_subs_w,  subs w12, w10, w11
COND_MASKS s_subsd_x, SET_subsd_x
COND_MASKS s_subsd_w, SET_subsd_w
COND_MASKS s_adds_x,  adds x12, x10, x11
COND_MASKS s_adds_w,  adds w12, w10, w11
COND_MASKS s_addsd_x, SET_addsd_x
COND_MASKS s_ands_x,  ands x12, x10, x11
COND_MASKS s_ands_w,  ands w12, w10, w11
COND_MASKS s_tst_x,   tst x10, #0x8000000000000001
COND_MASKS s_tst_w,   tst w10, w11
COND_MASKS s_bics_x,  bics x12, x10, x11
COND_MASKS s_bics_w,  bics w12, w10, w11, lsr #1
COND_MASKS s_ccmp_x, SET_ccmp_x
COND_MASKS s_ccmp_w, SET_ccmp_w
COND_MASKS s_ccmn_x, SET_ccmn_x
COND_MASKS s_ccmn_w, SET_ccmn_w
COND_MASKS s_ccmpi_x, SET_ccmpi_x

setters:
    .quad s_cmp_x, s_cmp_w, s_cmpi_x, s_cmpi_w, s_cmp0_w, s_cmpsh_x
    .quad s_cmpex_x, s_cmpex_w, s_cmn_x, s_cmn_w, s_cmni_x, s_cmni_w
    .quad s_cmn0_x, s_cmn0_w, s_subs_x, s_subs_w, s_subsd_x, s_subsd_w
    .quad s_adds_x, s_adds_w, s_addsd_x, s_ands_x, s_ands_w, s_tst_x
    .quad s_tst_w, s_bics_x, s_bics_w, s_ccmp_x, s_ccmp_w, s_ccmn_x
    .quad s_ccmn_w, s_ccmpi_x, 0

pairs:
    .quad 0, 0
    .quad 1, 0
    .quad 0, 1
    .quad 5, 5
    .quad 0xffffffffffffffff, 1
    .quad 0x7fffffffffffffff, 0xffffffffffffffff
    .quad 0x8000000000000000, 1
    .quad 0x8000000000000000, 0x8000000000000000
    .quad 0x7fffffff, 0xffffffff
    .quad 0x80000000, 1
    .quad 0x100000005, 5
    .quad 0xffffffff, 0xffffffff00000001
    .quad 0xfffffffffffffffb, 5
    .quad 0x123456789abcdef0, 0x9abcdef0
    .quad 0xfff, 0x1000
    .quad 0xffffffff80000000, 0x7fffffff
pairs_end:

.global _start
_start:
    mov x20, #7
    mov x21, #1
    adr x22, pairs
    adr x23, pairs_end
1:  adr x24, setters
2:  ldr x25, [x24], #8
    cbz x25, 3f
    ldp x10, x11, [x22]
    blr x25
    PRINT_REG x13
    PRINT_REG x16
    b 2b
3:  add x22, x22, #16
    cmp x22, x23
    b.ne 1b

    // a counted loop whose flags are dead at the back edge but read
    // after the loop, and one whose exit path compares again first
    mov x10, #37
    mov x12, #0
4:  add x12, x12, x10
    subs x10, x10, #1
    b.ne 4b
    cset x15, eq
    mrs x14, nzcv
    PRINT_REG x12
    PRINT_REG x14
    PRINT_REG x15
    LI x10, 0x80000003
    LI x11, 0x7ffffffe
5:  sub w10, w10, #1
    cmp w10, w11
    b.gt 5b
    cmp w10, #0x1000
    mrs x14, nzcv
    PRINT_REG x10
    PRINT_REG x14
    // flags set before a taken branch and read in a block that begins
    // with plain arithmetic (the look-ahead must see the read)
    mov x15, #0x20000000          // C set: "lo" would be false
    msr nzcv, x15
    ldr x9, [sp]                  // (a load: the flags reach memory)
    mov x10, #3
    cmp x10, #4
    b 6f
6:  add x11, x10, #1
    movz x12, #5
    csinc x13, x11, x12, lo
    PRINT_REG x13
    SYS_EXIT 0
