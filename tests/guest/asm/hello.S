.global _start
_start:
    mov x0, #1
    adr x1, msg
    mov x2, #14
    mov x8, #64
    svc #0
    mov x19, #3
loop:
    sub x19, x19, #1
    cbnz x19, loop
    subs x3, x19, #0
    b.ne bad
    mov x0, #0
    mov x8, #93
    svc #0
bad:
    mov x0, #1
    mov x8, #93
    svc #0
msg: .ascii "Hello, mimic!\n"
