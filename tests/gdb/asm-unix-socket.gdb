# SPDX-License-Identifier: MIT
# The stub on a Unix socket; the program's exit status reaches gdb.
#@ socket: unix
#@ expect: ^pc +0x[0-9a-f]+ +0x[0-9a-f]+ <_start>
#@ expect: Inferior 1 \(Remote target\) exited with code 017
#@ stdout: ^gdb test program$
#@ exit: 15
info registers pc
continue
