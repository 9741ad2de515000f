// SPDX-License-Identifier: MIT
// Bare-metal system test, entry and exception plumbing: the arm64 Image
// header (Linux Documentation/arch/arm64/booting.rst) that the loader
// reads, the EL1 vector table, and the frames the C handlers (test.c)
// see.  The EL0 code the test drops to lives in .el0.text, a page of its
// own that test.c maps for EL0.

    .section .text.head, "ax"
    .globl _head
_head:
    b       start                  // code0
    .long   0                      // code1
    .quad   0x80000                // text_offset
    .quad   _end - _head           // image_size
    .quad   2                      // flags: little-endian, 4K pages
    .quad   0, 0, 0                // res2..res4
    .ascii  "ARM\x64"              // magic
    .long   0                      // res5

start:
    // x0 = device tree; EL1, MMU off, interrupts masked
    ldr     x1, =stack_top
    mov     sp, x1
    adr     x1, vectors
    msr     vbar_el1, x1
    isb
    bl      test_main
1:  wfi
    b       1b

// Frame layout (see struct frame in test.c): x0..x30, elr, spsr, esr, far
#define FRAME 288
.macro entry kind
    .balign 0x80
    sub     sp, sp, #FRAME
    stp     x0, x1, [sp, #0]
    mov     x0, #\kind
    b       save_and_call
.endm

    .balign 2048
vectors:
    entry 0     // current EL, SP_EL0: sync
    entry 1     //   IRQ
    entry 2     //   FIQ
    entry 3     //   SError
    entry 4     // current EL, SP_ELx: sync
    entry 5     //   IRQ
    entry 6     //   FIQ
    entry 7     //   SError
    entry 8     // lower EL, AArch64: sync
    entry 9     //   IRQ
    entry 10    //   FIQ
    entry 11    //   SError
    entry 12    // lower EL, AArch32
    entry 13
    entry 14
    entry 15

save_and_call:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    mrs     x2, elr_el1
    stp     x30, x2, [sp, #240]
    mrs     x2, spsr_el1
    mrs     x3, esr_el1
    stp     x2, x3, [sp, #256]
    mrs     x2, far_el1
    str     x2, [sp, #272]
    mov     x1, sp
    bl      handle_exception       // (kind, frame)
    ldp     x2, x3, [sp, #248]     // elr, spsr (possibly changed)
    msr     elr_el1, x2
    ldr     x2, [sp, #256]
    msr     spsr_el1, x2
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #FRAME
    eret

// Drops to EL0 at x0 with SP_EL0 = x1, x0, x1 = x2, x3 and SPSR_EL1 = x4
// (EL0t; SS set to single-step the first instruction); returns when
// the EL0 code makes SVC #0 (the handler resumes at el0_return, which
// restores the EL1 state saved here).
    .globl  run_el0
run_el0:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    ldr     x6, =el1_saved_sp
    mov     x7, sp
    str     x7, [x6]
    msr     sp_el0, x1
    msr     elr_el1, x0
    msr     spsr_el1, x4
    mov     x0, x2
    mov     x1, x3
    eret
    .globl  el0_return
el0_return:
    ldr     x2, =el1_saved_sp
    ldr     x2, [x2]
    mov     sp, x2
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret

// The EL0 program: x0 = a page it may write, x1 = a page only EL1 may
// touch.  Prints through SVC #1 (x0 = value), ends with SVC #0.
    .section .el0.text, "ax"
    .globl  el0_code
el0_code:
    mov     x19, x0
    mov     x20, x1
    mov     x2, #0x55
    str     x2, [x19]              // allowed
    ldr     x0, [x19]
    svc     #1                     // prints 0x55
    mov     x0, sp
    and     x0, x0, #0xfff
    svc     #1                     // SP_EL0 as given (page offset)
    ldr     x0, [x20]              // EL1-only page: data abort, skipped
    mrs     x0, currentel          // UNDEF at EL0, skipped
    mrs     x0, cntvct_el0         // allowed (CNTKCTL_EL1.EL0VCTEN)
    cmp     x0, #0
    cset    x0, ne
    svc     #1                     // 1
    svc     #0
1:  b       1b

// Single-stepped from EL1: each instruction ends in a step exception.
    .globl  el0_step
el0_step:
    mov     x0, #1
    add     x0, x0, #2
    b       2f
    mov     x0, #99
2:  svc     #0
3:  b       3b

    .bss
    .balign 16
    .globl  el1_saved_sp
el1_saved_sp:
    .quad   0
    .balign 4096
stack:
    .space  16384
stack_top:
