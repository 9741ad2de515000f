// SPDX-License-Identifier: MIT
// print_hex64: writes x0 as 16 hex digits and a newline to stdout.
// Clobbers x0-x5, x8; keeps x30 (uses the stack).
.text
.global print_hex64
print_hex64:
    sub sp, sp, #32
    mov x3, x0
    mov x4, #15
1:  and x5, x3, #0xf
    cmp x5, #10
    add x2, x5, #'0'
    add x1, x5, #('a' - 10)
    csel x5, x2, x1, lt
    strb w5, [sp, x4]
    lsr x3, x3, #4
    subs x4, x4, #1
    b.ge 1b
    mov x5, #10
    strb w5, [sp, #16]
    mov x0, #1
    mov x1, sp
    mov x2, #17
    mov x8, #64
    svc #0
    add sp, sp, #32
    ret
