# SPDX-License-Identifier: MIT
# Registers and memory written from gdb change what the program does: x19
# feeds the exit status, msg is what it prints.
#@ expect: Breakpoint 1, compute \(\)
#@ expect: ^\$1 = 30
#@ expect: ^0x[0-9a-f]+:\s+"GDB test program\\n"
#@ expect: exited with code 050
#@ stdout: ^GDB test program$
#@ exit: 40
break compute
continue
set $x19 = 30
p $x19
set {char}&msg = 'G'
set {char}((char *)&msg + 1) = 'D'
set {char}((char *)&msg + 2) = 'B'
x/s &msg
continue
