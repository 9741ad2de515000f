// SPDX-License-Identifier: MIT
// EL0 system registers through MRS/MSR: NZCV (written, read back and
// tested by conditions), TPIDR_EL0 round trip, TPIDRRO_EL0, FPCR/FPSR,
// the virtual counter (monotonic) and the identification registers,
// checked by properties because mimic's CPU model differs from qemu's.
#include "dp-macros.inc"

// BOOL xN: prints 1 if the flags say "ne", else 0 (after a compare).
.macro PRINT_NE
    cset x16, ne
    PRINT_REG x16
.endm

// FIELD reg, lsb: x16 = 4-bit field of reg at lsb
.macro FIELD reg, lsb
    ubfx x16, \reg, #\lsb, #4
.endm

.text
.global _start
_start:
    // NZCV: all 16 values (with junk in the other bits); for each, the
    // value read back and a 16-bit mask of the conditions that hold
    mov x19, #0
1:  lsl x20, x19, #28
    orr x20, x20, #0x0fffffff
    msr nzcv, x20
    mrs x21, nzcv
    mov x22, #0
.irp cc, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le
    cset x23, \cc
    lsl x22, x22, #1
    orr x22, x22, x23
.endr
    PRINT_REG x21
    PRINT_REG x22
    add x19, x19, #1
    cmp x19, #16
    b.ne 1b
    msr nzcv, xzr
    FLAGS

    // TPIDR_EL0 round trip
.irp v, 0, 0xffffffffffffffff, 0x0123456789abcdef, 0x8000000000000001
    LI x20, \v
    msr tpidr_el0, x20
    mov x20, #0
    mrs x21, tpidr_el0
    PRINT_REG x21
.endr
    msr tpidr_el0, xzr
    mrs x21, tpidr_el0
    PRINT_REG x21
    // TPIDRRO_EL0 is readable (Linux leaves it 0 for a new process)
    mrs x21, tpidrro_el0
    PRINT_REG x21

    // FPCR: AHP/DN/FZ/RMode survive; FPSR: QC and the cumulative flags
.irp v, 0x00400000, 0x00800000, 0x00c00000, 0x01000000, 0x02000000, \
        0x04000000, 0x07c00000, 0
    LI x20, \v
    msr fpcr, x20
    mrs x21, fpcr
    PRINT_REG x21
.endr
.irp v, 0x08000000, 0x80, 0x1f, 0x0800009f, 0
    LI x20, \v
    msr fpsr, x20
    mrs x21, fpsr
    PRINT_REG x21
.endr

    // CNTVCT_EL0 never goes back, and moves; CNTFRQ_EL0 is not 0
    mrs x20, cntvct_el0
    mov x19, #2000
2:  mrs x21, cntvct_el0
    cmp x21, x20
    b.lo 9f
    mov x20, x21
    subs x19, x19, #1
    b.ne 2b
    LI x22, 100000
3:  subs x22, x22, #1
    b.ne 3b
    mrs x21, cntvct_el0
    cmp x21, x20
    PRINT_NE
    mrs x20, cntfrq_el0
    cmp x20, #0
    PRINT_NE

    // identification, by property
    mrs x20, ctr_el0
    lsr x21, x20, #31             // RES1
    PRINT_REG x21
    FIELD x20, 0                  // IminLine
    cmp x16, #0
    PRINT_NE
    FIELD x20, 16                 // DminLine
    cmp x16, #0
    PRINT_NE
    mrs x20, dczid_el0
    ubfx x21, x20, #4, #1         // DZP: DC ZVA permitted
    PRINT_REG x21
    mrs x20, midr_el1
    FIELD x20, 16                 // architecture: 0xf
    PRINT_REG x16
    mrs x20, mpidr_el1
    PRINT_REG x20
    mrs x20, revidr_el1
    PRINT_REG x20
    mrs x20, id_aa64pfr0_el1
    and x21, x20, #0xff           // EL0 and EL1: AArch64 only
    PRINT_REG x21
    FIELD x20, 8                  // EL2 and EL3 hidden
    PRINT_REG x16
    FIELD x20, 16                 // FP implemented
    cmp x16, #0xf
    PRINT_NE
    FIELD x20, 20                 // AdvSIMD implemented
    cmp x16, #0xf
    PRINT_NE
    mrs x20, id_aa64isar0_el1
    FIELD x20, 16                 // CRC32
    PRINT_REG x16
    FIELD x20, 20                 // atomics (LSE)
    PRINT_REG x16
    mrs x20, id_aa64isar1_el1
    FIELD x20, 36                 // SB
    PRINT_REG x16
    mrs x20, id_aa64mmfr0_el1
    FIELD x20, 28                 // TGran4: hidden, "not implemented"
    PRINT_REG x16
    mrs x20, id_aa64dfr0_el1
    and x21, x20, #0xff           // DebugVer 6, nothing else
    PRINT_REG x21
    // unallocated ID registers in the emulated space read as zero
    mrs x20, S3_0_C0_C4_7
    PRINT_REG x20
    mrs x20, S3_0_C0_C7_7
    PRINT_REG x20
    SYS_EXIT 0
9:  SYS_EXIT 1
