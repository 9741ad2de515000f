// SPDX-License-Identifier: MIT
// Top-byte-ignore (Arm ARM D8.8): Linux enables TBI0, so EL0 data
// addresses may carry a tag in bits 63:56.  The same routine first runs on
// plain pointers (mimic translates it without masking) and then on tagged
// ones (the first tagged access faults on the host and the translation is
// redone with masking): loads, stores, pairs, writeback (which keeps the
// tag), register offsets, exclusives and atomics all see the same memory.
#include "macros.inc"
#include "ldst-util.inc"

.arch armv8.1-a
.text
.global _start
_start:
    adrp x20, buf
    add x20, x20, :lo12:buf
    mov x21, x20                     // untagged
    bl access
    mov x22, #0x5a
    orr x21, x20, x22, lsl #56       // tag 0x5a
    bl access
    mov x22, #0xff
    orr x21, x20, x22, lsl #56       // tag 0xff (bit 63 set)
    bl access
    mov x22, #0x80
    orr x21, x20, x22, lsl #56       // tag 0x80
    bl access
    SYS_EXIT 0

// access: x21 = pointer to buf (maybe tagged); prints what it reads and
// the written-back pointers.
access:
    mov x29, x30
    mov x10, #0x1111
    movk x10, #0x2222, lsl #16
    movk x10, #0x3333, lsl #32
    movk x10, #0x4444, lsl #48
    str x10, [x21]
    strb w10, [x21, #8]
    strh w10, [x21, #10]
    str w10, [x21, #12]
    ldr x11, [x21]
    SHOW x11
    ldrb w11, [x21, #8]
    SHOW x11
    ldrsh x11, [x21, #10]
    SHOW x11
    ldr w11, [x21, #12]
    SHOW x11
    stp x10, x21, [x21, #16]
    ldp x11, x12, [x21, #16]
    SHOW x11
    SHOW x12
    mov x13, x21
    ldr x11, [x13, #8]!              // pre-index: tag kept in x13
    SHOW x13
    ldr x11, [x13], #-8              // post-index
    SHOW x13
    SHOW x11
    mov x14, #24
    ldr x11, [x21, x14]              // register offset
    SHOW x11
    add x15, x21, #32
    mov x11, #7
    stxr w16, x11, [x15]             // no reservation: fails
    SHOW x16
    ldxr x11, [x15]
    add x11, x11, #1
    stxr w16, x11, [x15]
    SHOW x16
    ldr x11, [x20, #32]
    SHOW x11
    mov x11, #5
    ldadd x11, x12, [x15]            // LSE atomic
    SHOW x12
    ldr x11, [x20, #32]
    SHOW x11
    mov x30, x29
    ret

    LDST_UTIL_CODE

.data
    .balign 64
buf:
    .fill 64, 1, 0
