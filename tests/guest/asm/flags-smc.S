// SPDX-License-Identifier: MIT
// Self-modifying code against the flag look-ahead: a block whose
// successor starts by rewriting NZCV drops its own flags; when the
// successor (on the next page) is then rewritten to read them, the block
// must be translated again: its dependency range covers the successor's
// first bytes.  The code runs from two RWX pages: CMP and B end the first
// page, the successor starts the second; copy, run, patch, run again.
// Checked against flags-smc.expected: qemu-aarch64 7.2 does not notice
// code rewritten through a second mapping.
#include "macros.inc"

.text
.global _start
_start:
    // the code is written through one view of a memfd and run through
    // another (as JITs do), so only the cache maintenance below tells
    // mimic which bytes changed
    adr x0, memfd_name          // memfd_create("smc", 0)
    mov x1, #0
    mov x8, #279
    svc #0
    mov x22, x0
    mov x1, #8192               // ftruncate(fd, 8192)
    mov x8, #46
    svc #0
    mov x0, #0                  // mmap(0, 8192, R|X, SHARED, fd, 0)
    mov x1, #8192
    mov x2, #5
    mov x3, #1
    mov x4, x22
    mov x5, #0
    mov x8, #222
    svc #0
    add x20, x0, #4088          // entry: the last two words of page 1
    mov x0, #0                  // mmap(0, 8192, R|W, SHARED, fd, 0)
    mov x1, #8192
    mov x2, #3
    mov x3, #1
    mov x4, x22
    mov x5, #0
    mov x8, #222
    svc #0
    add x23, x0, #4088          // the same bytes, writable
    adr x21, tmpl               // copy the template
    mov x9, #0
1:  ldr w10, [x21, x9]
    str w10, [x23, x9]
    add x9, x9, #4
    cmp x9, #(tmpl_end - tmpl)
    b.ne 1b
    add x10, x20, #0            // the first copy: both lines
    dc cvau, x10
    dsb ish
    ic ivau, x10
    bl sync_code
    bl run                      // x4 = (5 == 5) = 1
    PRINT_REG x4
    bl run
    PRINT_REG x4
    ldr w10, nop_word           // the successor's CMP becomes a NOP
    str w10, [x23, #8]
    bl sync_code
    bl run                      // x4 = (1 == 2) = 0: the first CMP's flags
    PRINT_REG x4
    ldr w10, cset_lt_word       // its CSET EQ becomes CSET LT
    str w10, [x23, #12]
    bl sync_code
    bl run                      // x4 = (1 < 2) = 1
    PRINT_REG x4
    SYS_EXIT 0

run:
    mov x19, x30
    mov x0, #1
    mov x1, #2
    mov x2, #5
    mov x3, #5
    mov x4, #7
    cmp x4, x4                  // Z set: what stale flags would show
    blr x20
    mov x30, x19
    ret

sync_code:                      // DC CVAU, IC IVAU over the second
    add x10, x20, #8            // page's first line (the only one the
    dc cvau, x10                // patches change)
    dsb ish
    ic ivau, x10
    dsb ish
    isb
    ret

.balign 4
tmpl:
    cmp x0, x1                  // page 1, +4088
    b 4f                        // +4092: the block ends; look at +4096
4:  cmp x2, x3                  // page 2, +4096: rewritten later
    cset x4, eq                 // +4100: rewritten later
    ret
tmpl_end:
nop_word:
    nop
cset_lt_word:
    cset x4, lt
memfd_name:
    .asciz "smc"
