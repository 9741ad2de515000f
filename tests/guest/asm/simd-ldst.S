// SPDX-License-Identifier: MIT
// SIMD&FP loads and stores: LDR/STR of B/H/S/D/Q in every addressing mode
// (unsigned offset, unscaled, pre/post-index, register offset, literal),
// LDP/STP/LDNP/STNP, LD1-LD4/ST1-ST4 (multiple structures), the lane
// forms, LD1R-LD4R, post-index by immediate and by register, register
// lists that wrap from V31 to V0, and the clearing of the bits above a
// B/H/S/D load.  Prints the registers and memory it touched.
#include "macros.inc"
.arch armv8-a

// PV n: print Vn as two 64-bit halves (low first)
.macro PV n
    mov x0, v\n\().d[0]
    bl print_hex64
    mov x0, v\n\().d[1]
    bl print_hex64
.endm

// POISON: every V register = 0xeeee...
.macro POISON
    movi v0.16b, #0xee
    mov v1.16b, v0.16b
    mov v2.16b, v0.16b
    mov v3.16b, v0.16b
    mov v4.16b, v0.16b
    mov v5.16b, v0.16b
    mov v6.16b, v0.16b
    mov v7.16b, v0.16b
    mov v8.16b, v0.16b
    mov v9.16b, v0.16b
    mov v10.16b, v0.16b
    mov v11.16b, v0.16b
    mov v12.16b, v0.16b
    mov v13.16b, v0.16b
    mov v14.16b, v0.16b
    mov v15.16b, v0.16b
    mov v16.16b, v0.16b
    mov v17.16b, v0.16b
    mov v18.16b, v0.16b
    mov v19.16b, v0.16b
    mov v20.16b, v0.16b
    mov v21.16b, v0.16b
    mov v22.16b, v0.16b
    mov v23.16b, v0.16b
    mov v24.16b, v0.16b
    mov v25.16b, v0.16b
    mov v26.16b, v0.16b
    mov v27.16b, v0.16b
    mov v28.16b, v0.16b
    mov v29.16b, v0.16b
    mov v30.16b, v0.16b
    mov v31.16b, v0.16b
.endm

// PMEM off, n: print n 64-bit words of out+off
.macro PMEM off, n
    adr x25, out
    add x25, x25, #\off
    mov x26, #\n
77: ldr x0, [x25], #8
    bl print_hex64
    subs x26, x26, #1
    b.ne 77b
.endm

// CLEAR: zero the 256-byte out buffer
.macro CLEAR
    adr x25, out
    mov x26, #32
78: str xzr, [x25], #8
    subs x26, x26, #1
    b.ne 78b
.endm

.text
.global _start
_start:
    // buf[i] = i * 7 + 3
    adr x20, buf
    mov x1, #0
1:  mov x2, #7
    mul x2, x1, x2
    add x2, x2, #3
    strb w2, [x20, x1]
    add x1, x1, #1
    cmp x1, #256
    b.ne 1b
    add x20, x20, #64          // x20 = buf + 64 (room for negative offsets)
    adr x21, out

    // ---- single registers: unsigned offset ----
    POISON
    ldr b1, [x20, #5]
    ldr h2, [x20, #6]
    ldr s3, [x20, #12]
    ldr d4, [x20, #24]
    ldr q5, [x20, #48]
    PV 1
    PV 2
    PV 3
    PV 4
    PV 5
    // unscaled and negative
    POISON
    ldur b1, [x20, #-1]
    ldur h2, [x20, #-3]
    ldur s3, [x20, #-7]
    ldur d4, [x20, #-13]
    ldur q5, [x20, #-64]
    ldur q6, [x20, #255]
    PV 1
    PV 2
    PV 3
    PV 4
    PV 5
    PV 6
    // pre and post index
    mov x22, x20
    ldr q7, [x22, #16]!
    ldr d8, [x22], #-8
    ldr s9, [x22, #-4]!
    ldr h10, [x22], #3
    ldr b11, [x22, #1]!
    sub x0, x22, x20
    bl print_hex64
    PV 7
    PV 8
    PV 9
    PV 10
    PV 11
    // register offset
    mov x23, #3
    mov x24, #-2
    ldr b12, [x20, x23]
    ldr h13, [x20, x23, lsl #1]
    ldr s14, [x20, w24, sxtw #2]
    ldr d15, [x20, w23, uxtw #3]
    ldr q16, [x20, x23, lsl #4]
    ldr q17, [x20, x24, sxtx]
    PV 12
    PV 13
    PV 14
    PV 15
    PV 16
    PV 17
    // literal
    ldr s18, lit
    ldr d19, lit
    ldr q20, lit
    PV 18
    PV 19
    PV 20

    // stores in every mode
    CLEAR
    ldr q1, [x20]
    ldr q2, [x20, #16]
    str b1, [x21, #1]
    str h1, [x21, #4]
    str s2, [x21, #8]
    str d2, [x21, #16]
    str q1, [x21, #32]
    stur q2, [x21, #49]
    mov x22, x21
    add x22, x22, #80
    str d1, [x22, #8]!
    str s2, [x22], #12
    str h2, [x22, #-2]!
    str b2, [x22], #1
    mov x23, #13
    str q2, [x21, x23, lsl #4]
    str s1, [x21, w23, uxtw #2]
    sub x0, x22, x21
    bl print_hex64
    PMEM 0, 32

    // ---- pairs ----
    POISON
    ldp s1, s2, [x20, #4]
    ldp d3, d4, [x20, #-16]
    ldp q5, q6, [x20, #32]
    mov x22, x20
    ldp q7, q8, [x22, #-32]!
    ldp d9, d10, [x22], #24
    ldnp s11, s12, [x22, #8]
    ldnp q13, q14, [x22, #-16]
    sub x0, x22, x20
    bl print_hex64
    .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14
    PV \r
    .endr
    CLEAR
    stp s1, s2, [x21]
    stp d3, d4, [x21, #8]
    mov x22, x21
    stp q5, q6, [x22, #32]!
    stp d7, d8, [x22], #40
    stnp q9, q10, [x22, #16]
    stnp s11, s12, [x22, #-8]
    sub x0, x22, x21
    bl print_hex64
    PMEM 0, 20

    // ---- LD1/ST1 multiple ----
    POISON
    ld1 {v1.8b}, [x20]
    ld1 {v2.16b, v3.16b}, [x20]
    ld1 {v4.4h, v5.4h, v6.4h}, [x20]
    ld1 {v7.2d, v8.2d, v9.2d, v10.2d}, [x20]
    ld1 {v30.4s, v31.4s, v0.4s}, [x20]
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,30,31
    PV \r
    .endr
    // LD2/LD3/LD4 de-interleave
    POISON
    ld2 {v1.16b, v2.16b}, [x20]
    ld2 {v3.4h, v4.4h}, [x20]
    ld3 {v5.8h, v6.8h, v7.8h}, [x20]
    ld3 {v8.2s, v9.2s, v10.2s}, [x20]
    ld4 {v11.4s, v12.4s, v13.4s, v14.4s}, [x20]
    ld4 {v15.8b, v16.8b, v17.8b, v18.8b}, [x20]
    ld2 {v19.2d, v20.2d}, [x20]
    ld4 {v30.16b, v31.16b, v0.16b, v1.16b}, [x20]
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,30,31
    PV \r
    .endr
    // post-index, immediate and register
    mov x22, x20
    ld1 {v1.16b, v2.16b}, [x22], #32
    ld3 {v3.4h, v4.4h, v5.4h}, [x22], #24
    mov x23, #-40
    ld2 {v6.4s, v7.4s}, [x22], x23
    sub x0, x22, x20
    bl print_hex64
    .irp r, 1,2,3,4,5,6,7
    PV \r
    .endr
    // stores
    CLEAR
    ldr q1, [x20]
    ldr q2, [x20, #16]
    ldr q3, [x20, #32]
    ldr q4, [x20, #48]
    st2 {v1.16b, v2.16b}, [x21]
    mov x22, x21
    add x22, x22, #32
    st3 {v2.4h, v3.4h, v4.4h}, [x22], #24
    st4 {v1.4s, v2.4s, v3.4s, v4.4s}, [x22]
    add x22, x22, #64
    mov x23, #16
    st1 {v4.2d}, [x22], x23
    st1 {v1.8b, v2.8b, v3.8b}, [x22]
    sub x0, x22, x21
    bl print_hex64
    PMEM 0, 32
    CLEAR
    mov v31.16b, v4.16b
    mov v0.16b, v3.16b
    st2 {v31.2d, v0.2d}, [x21]
    add x22, x21, #32
    st4 {v31.8b, v0.8b, v1.8b, v2.8b}, [x22]
    add x22, x21, #64
    st3 {v31.16b, v0.16b, v1.16b}, [x22]
    PMEM 0, 14

    // ---- lanes and replicate ----
    POISON
    ld1 {v1.b}[5], [x20]
    ld1 {v2.h}[7], [x20]
    ld1 {v3.s}[2], [x20]
    ld1 {v4.d}[1], [x20]
    ld2 {v5.b, v6.b}[15], [x20]
    ld3 {v7.h, v8.h, v9.h}[3], [x20]
    ld4 {v10.s, v11.s, v12.s, v13.s}[1], [x20]
    ld2 {v31.d, v0.d}[0], [x20]
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,31
    PV \r
    .endr
    POISON
    ld1r {v1.8b}, [x20]
    ld1r {v2.8h}, [x20]
    ld1r {v3.2s}, [x20]
    ld1r {v4.2d}, [x20]
    ld2r {v5.16b, v6.16b}, [x20]
    ld3r {v7.4h, v8.4h, v9.4h}, [x20]
    ld4r {v10.4s, v11.4s, v12.4s, v13.4s}, [x20]
    ld1r {v14.1d}, [x20]
    .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14
    PV \r
    .endr
    mov x22, x20
    ld1 {v1.s}[3], [x22], #4
    ld2 {v2.h, v3.h}[1], [x22], #4
    ld3r {v4.8b, v5.8b, v6.8b}, [x22], #3
    mov x23, #9
    ld4 {v7.b, v8.b, v9.b, v10.b}[9], [x22], x23
    ld4r {v11.2d, v12.2d, v13.2d, v14.2d}, [x22], x23
    sub x0, x22, x20
    bl print_hex64
    .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14
    PV \r
    .endr
    CLEAR
    ldr q1, [x20]
    ldr q2, [x20, #16]
    ldr q3, [x20, #32]
    ldr q4, [x20, #48]
    st1 {v1.b}[3], [x21]
    add x22, x21, #2
    st1 {v2.h}[5], [x22]
    mov x22, x21
    add x22, x22, #8
    st1 {v3.s}[3], [x22], #4
    st1 {v4.d}[1], [x22], #8
    st2 {v1.b, v2.b}[14], [x22], #2
    st3 {v2.s, v3.s, v4.s}[2], [x22]
    add x22, x22, #12
    mov x23, #24
    st4 {v1.h, v2.h, v3.h, v4.h}[6], [x22], x23
    st4 {v1.d, v2.d, v3.d, v4.d}[1], [x22]
    sub x0, x22, x21
    bl print_hex64
    PMEM 0, 16

    SYS_EXIT 0

.balign 16
lit:
    .quad 0x0123456789abcdef, 0xfedcba9876543210

.data
.balign 16
buf: .skip 512
out: .skip 256
