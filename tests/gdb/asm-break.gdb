# SPDX-License-Identifier: MIT
# Breakpoints (software and hardware), backtrace, finish, stepi over a
# branch and over SVC (the write is performed within the step), x/i,
# registers, monitor commands; gdb -batch then detaches and the program
# finishes on its own.
#@ expect: ^_start \(\) at .*calls.S:\d+
#@ expect: Breakpoint 1, leaf \(\) at .*calls.S
#@ expect: ^#0  leaf \(\) at
#@ expect: ^#1  0x[0-9a-f]+ in compute \(\) at
#@ expect: ^#2  0x[0-9a-f]+ in _start \(\) at
#@ expect: ^x0 +0x5 +5
#@ expect: ^compute \(\) at
#@ expect: ^\$1 = 12
#@ expect: Hardware assisted breakpoint 2 at
#@ expect: Breakpoint 2, do_write \(\) at
#@ expect: ^=> 0x[0-9a-f]+ <do_write\+16>:\s+svc\s+#0x0
#@ expect: ^\$2 = 17
#@ expect: ^\$3 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <do_write\+20>
#@ expect: ^=> 0x[0-9a-f]+ <do_write\+20>:\s+ret
#@ expect: ^x21 +0xf +15
#@ expect: ^sp +0x[0-9a-f]+
#@ expect: ^pc +0x[0-9a-f]+ +0x[0-9a-f]+ <do_write\+20>
#@ expect: ^cpsr +0x0
#@ expect: ^fpcr +0x0
#@ expect: ^\$4 = \{d = \{f = \{0, 0\}
#@ expect: stats +translation statistics
#@ expect: blocks translated +\d+
#@ expect: breakpoints 2, watchpoints 0
#@ expect: ^\* 1 +Thread \d+ .*do_write
#@ expect: Inferior 1 \(Remote target\) detached
#@ stdout: ^gdb test program$
#@ exit: 15
break leaf
continue
bt
info registers x0 x19 x30
finish
p $x0
hbreak do_write
continue
stepi 4
x/2i $pc
stepi
p $x0
p $pc
x/1i $pc
info registers
p $v0
monitor help
monitor stats
info threads
