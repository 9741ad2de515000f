// SPDX-License-Identifier: MIT
// Hints, barriers and cache maintenance from EL0: every hint (NOP, YIELD,
// WFE, WFI, SEV, SEVL, BTI, the PAC hints, CSDB, ESB, ...) runs as a NOP,
// barriers and CLREX run, DC ZVA zeroes exactly one DCZID block, and
// code rewritten and published with DC CVAU + IC IVAU + ISB runs anew.
#include "dp-macros.inc"
.arch armv8.5-a+sb

// WRITE addr_reg, len: write(1, addr, len)
.macro WRITE addr, len
    mov x0, #1
    mov x1, \addr
    mov x2, #\len
    mov x8, #64
    svc #0
.endm

.text
.global _start
_start:
    // the hint space; x19 counts the instructions that ran
    mov x19, #0
    nop
    yield
    wfe
    wfi
    sev
    sevl
    esb
    psb csync
    csdb
    dgh
    bti
    bti c
    bti j
    bti jc
    paciasp
    autiasp
    pacibsp
    autibsp
    paciaz
    autiaz
    xpaclri
    pacia1716
    autib1716
    hint #0x7f
    hint #0x13
    add x19, x19, #1
    PRINT_REG x19
    // barriers
    dmb ish
    dmb ishld
    dmb ishst
    dmb oshld
    dmb sy
    dsb sy
    dsb ishst
    dsb nshld
    ssbb
    pssbb
    isb
    sb
    clrex
    clrex #5
    add x19, x19, #1
    PRINT_REG x19
    // DC maintenance to the PoU/PoC of a mapped address: no effect
    mov x20, sp
    dc cvau, x20
    dc cvac, x20
    dc civac, x20
    add x19, x19, #1
    PRINT_REG x19

    // DC ZVA: fill [base-64, base+BS+64) with a pattern, zero the block
    // through an address inside it, print around both edges
    sub sp, sp, #8192
    mov x20, sp
    add x20, x20, #2048
    and x20, x20, #~2047          // base: 2 KB aligned
    mrs x21, dczid_el0
    and x21, x21, #0xf
    mov x22, #4
    lsl x22, x22, x21             // BS in bytes
    sub x23, x20, #64
    add x24, x22, #128            // bytes to fill
    mov x4, #0
1:  and x5, x4, #0xf
    add x5, x5, #'A'
    strb w5, [x23, x4]
    add x4, x4, #1
    cmp x4, x24
    b.ne 1b
    add x25, x20, #40
    dc zva, x25
    sub x26, x20, #16
    WRITE x26, 80
    add x26, x20, x22
    sub x26, x26, #16
    WRITE x26, 32
    mov x5, #'\n'
    strb w5, [x23]
    WRITE x23, 1
    add sp, sp, #8192

    // self-modifying code: run, rewrite MOVZ's immediate, publish, rerun
    adrp x20, smc_code
    add x20, x20, :lo12:smc_code
    blr x20
    PRINT_REG x0
    LI x21, 0xd2800540            // movz x0, #42
    strb w21, [x20]
    lsr w21, w21, #8
    strb w21, [x20, #1]
    lsr w21, w21, #8
    strb w21, [x20, #2]
    lsr w21, w21, #8
    strb w21, [x20, #3]
    dc cvau, x20
    dsb ish
    ic ivau, x20
    dsb ish
    isb
    blr x20
    PRINT_REG x0
    SYS_EXIT 0

// writable code: the linker gives this segment RWX
.section .smc_code, "awx", @progbits
.balign 64
smc_code:
    movz x0, #1
    ret
