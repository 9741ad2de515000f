// SPDX-License-Identifier: MIT
// Exclusives and ordered accesses (Arm ARM C4.1.68, B2.9): LDXR/STXR loops
// of every size, pairs (LDXP/STXP of W and X registers), acquire/release
// forms, STXR failures (no reservation, other address, changed value,
// monitor cleared by the previous STXR), LDAR/STLR, LDAPR and the
// FEAT_LRCPC2 unscaled forms, on tagged pointers too.
#include "macros.inc"
#include "ldst-util.inc"

.arch armv8.4-a

// INCR ldx, stx, reg-prefix: five exclusive increments of [x20] by 3
.macro INCR ldx, stx, r
    mov x12, #5
1:  \ldx \r\()6, [x20]
    add x6, x6, #3
    \stx w7, \r\()6, [x20]
    cbnz w7, 1b
    subs x12, x12, #1
    b.ne 1b
    SHOW x6
    SHOW x7
    ldr x6, [x20]
    SHOW x6
.endm

.text
.global _start
_start:
    adrp x19, data
    add x19, x19, :lo12:data
    add x20, x19, #0
    ldr x9, =0xfffffffffffffffe
    str x9, [x20]

    // ---- increment loops: carries stay within the access size ----
    INCR ldxrb, stxrb, w
    INCR ldxrh, stxrh, w
    INCR ldxr, stxr, w
    INCR ldxr, stxr, x
    INCR ldaxr, stlxr, x
    INCR ldaxrb, stlxrb, w
    add x20, x19, #0
    movk x20, #0x3c00, lsl #48       // tagged pointer
    INCR ldaxrh, stxrh, w

    // ---- failures ----
    add x20, x19, #16
    ldr x9, =0x0123456789abcdef
    str x9, [x20]
    stxr w7, x9, [x20]               // reservation was cleared: fails
    SHOW x7
    ldxr x6, [x20]
    stxr w7, x9, [x20]               // succeeds
    SHOW x7
    stxr w7, xzr, [x20]              // monitor cleared by the last STXR
    SHOW x7
    ldxr x6, [x20]
    add x21, x20, #8
    stxr w7, xzr, [x21]              // other address: fails, no store
    SHOW x7
    ldr x6, [x21]
    SHOW x6
    ldxr x6, [x20]
    add x10, x6, #1
    str x10, [x20]                   // value changed under the reservation
    stxr w7, xzr, [x20]
    SHOW x7
    ldr x6, [x20]
    SHOW x6
    ldxr w6, [x20]
    stxr wzr, w6, [x20]              // status to WZR
    ldxrb w6, [x20, #0]
    SHOW x6

    // ---- pairs ----
    add x20, x19, #32
    ldr x9, =0x1111111122222222
    ldr x10, =0x3333333344444444
    stp x9, x10, [x20]
    movn x6, #0
    movn x11, #0
    ldxp w6, w11, [x20]
    add x13, x6, #1
    add x14, x11, #2
    stxp w7, w13, w14, [x20]
    SHOW x6
    SHOW x11
    SHOW x7
    ldp x6, x11, [x20]
    SHOW x6
    SHOW x11
    ldaxp x6, x11, [x20]
    add x13, x6, #5
    add x14, x11, #7
    stlxp w7, x14, x13, [x20]        // swapped halves
    SHOW x6
    SHOW x11
    SHOW x7
    ldp x6, x11, [x20]
    SHOW x6
    SHOW x11
    ldxp x6, x11, [x20]
    str xzr, [x20, #8]               // high half changed: STXP fails
    stxp w7, x6, x11, [x20]
    SHOW x7
    ldp x6, x11, [x20]
    SHOW x6
    SHOW x11
    ldaxp w6, w11, [x20]
    str wzr, [x20, #4]
    stlxp w7, w11, w6, [x20]
    SHOW x7
    stxp w7, x6, x11, [x20]          // no reservation
    SHOW x7
    ldxp x6, x11, [x20]
    SHOW x6                          // a system call (exception return)
    stxp w7, x6, x11, [x20]          // clears the monitor: fails
    SHOW x7
    ldxr x6, [x20]
    stxr w7, x6, [x20]               // and then works again
    SHOW x6
    SHOW x7

    // ---- LDAR/STLR, LDAPR, LRCPC2 ----
    add x20, x19, #64
    ldr x9, =0x8899aabbccddeeff
    stlr x9, [x20]
    ldarb w6, [x20]
    SHOW x6
    ldarh w6, [x20, #0]
    SHOW x6
    ldar w6, [x20]
    SHOW x6
    ldar x6, [x20]
    SHOW x6
    stlrb w9, [x20, #0]
    add x21, x20, #8
    stlrh w9, [x21]
    add x21, x20, #16
    stlr w9, [x21]
    ldapr x6, [x20]
    SHOW x6
    ldaprb w6, [x20]
    SHOW x6
    add x21, x20, #8
    ldaprh w6, [x21]
    SHOW x6
    add x21, x20, #16
    ldapr w6, [x21]
    SHOW x6
    stlur x9, [x20, #24]
    stlurb w9, [x20, #33]
    stlurh w9, [x20, #34]
    stlur w9, [x20, #36]
    ldapur x6, [x20, #32]
    SHOW x6
    ldapursb x6, [x20, #24]
    SHOW x6
    ldapursb w6, [x20, #24]
    SHOW x6
    ldapursh x6, [x20, #26]
    SHOW x6
    ldapursh w6, [x20, #26]
    SHOW x6
    ldapursw x6, [x20, #28]
    SHOW x6
    ldapurb w6, [x20, #31]
    SHOW x6
    ldapurh w6, [x20, #30]
    SHOW x6
    ldapur w6, [x20, #-64]
    SHOW x6

    SYS_EXIT 0
    .ltorg
    LDST_UTIL_CODE

.data
    .balign 4096
data:
    .space 256
