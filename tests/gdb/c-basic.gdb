# SPDX-License-Identifier: MIT
# A C program under gdb: break on a function, arguments and locals,
# globals of several types, bt across frames (recursion), finish with the
# returned value, step into and next over calls, up/down, x/8i, registers,
# and a global written by gdb changing the program's output and status.
#@ allow-skip: yes
#@ expect: Breakpoint 1, add \(a=0, b=3\) at .*basic.c:\d+
#@ expect: ^a = 0\nb = 3
#@ expect: ^\$1 = 3
#@ expect: ^#0  add \(a=0, b=3\) at .*basic.c:\d+\n#1  0x[0-9a-f]+ in main \(\) at .*basic.c:\d+
#@ expect: Value returned is \$2 = 3
#@ expect: counter = counter \+ 1;
#@ expect: ^\$3 = 3
#@ expect: ^i = 1\np = \{x = 3, y = 4\}\ntotal = 3
#@ expect: ^\$4 = \{x = 3, y = 4\}
#@ expect: ^\$5 = \{1, 2, 3, 4\}
#@ expect: ^\$6 = 0x[0-9a-f]+ "hello from the guest"
#@ expect: ^\$7 = 0x1
#@ expect: Breakpoint 1, add \(a=1, b=3\)
#@ expect: return sum;
#@ expect: ^\$8 = 4
#@ expect: Breakpoint 2, leaf \(n=10\)
#@ expect: ^#0  leaf \(n=10\) at .*\n#1  0x[0-9a-f]+ in recurse \(n=0\) at .*\n#2  0x[0-9a-f]+ in recurse \(n=1\) at .*\n#3  0x[0-9a-f]+ in recurse \(n=2\) at .*\n#4  0x[0-9a-f]+ in recurse \(n=3\) at .*\n#5  0x[0-9a-f]+ in main \(\) at
#@ expect: ^#2  0x[0-9a-f]+ in recurse \(n=1\)
#@ expect: ^\$9 = 1
#@ expect: ^#1  0x[0-9a-f]+ in recurse \(n=0\)
#@ expect: ^\$10 = 0
#@ expect: ^=> 0x[0-9a-f]+ <leaf\+\d+>:\s+\S+
#@ expect: ^x0 +0xa +10
#@ expect: ^pc +0x[0-9a-f]+ +0x[0-9a-f]+ <leaf\+\d+>
#@ expect: ^\$11 = \(void \*\) 0x[0-9a-f]+
#@ stdout: ^hello from the guest: total=35 counter=100$
#@ exit: 35
break add
continue
info args
p a + b
bt
finish
next
next
p total
info locals
p p
p table
p greeting
p/x counter
step
step
next
p sum
delete
break leaf
continue
bt
up 2
p n
down
p n
frame 0
x/8i $pc
info registers x0 pc cpsr
p $sp
delete
set var counter = 100
continue
