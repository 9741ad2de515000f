// SPDX-License-Identifier: MIT
// Guest for gdbstub tests: raises SIGILL (an undefined instruction), then
// SIGTRAP (BRK), then SIGSEGV (a call to address 0); gdb moves the pc past
// each (back to the caller for the last).  Exits with x19: 3 when it got
// past all three.
.text
.global _start
.type _start, %function
_start:
    mov x19, #1
.global undefined
undefined:
    .inst 0x00000000        // UDF #0
    mov x19, #2
.global breakpoint
breakpoint:
    brk #0x7
    mov x0, #0
.global call_null
call_null:
    blr x0
    mov x19, #3
    add x0, x19, #0
    mov x8, #93
    svc #0
