// SPDX-License-Identifier: MIT
// Guest for gdbstub tests: reads up to 64 bytes from stdin (blocking in
// the system call until they come), writes them back to stdout, exits 0.
.text
.global _start
.type _start, %function
_start:
    mov x0, #0
    adr x1, buf
    mov x2, #64
    mov x8, #63
    svc #0
    mov x2, x0
    mov x0, #1
    adr x1, buf
    mov x8, #64
    svc #0
    mov x0, #0
    mov x8, #93
    svc #0

.data
buf: .fill 64, 1, 0
