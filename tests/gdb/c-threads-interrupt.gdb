# SPDX-License-Identifier: MIT
# Ctrl-C with four threads spinning stops all of them (all-stop): the
# counters do not move while gdb holds the process; each thread's own
# registers show it in spin(); the program then ends normally.
#@ allow-skip: yes
#@ interrupt-after: RUNNING
#@ expect: (Program|Thread \d+) received signal SIGINT, Interrupt.
#@ expect: ^  Id   Target Id +Frame *\n(?:[ *] \d +Thread \d+ .*spin .*\n){4}(?![ *] \d)
#@ expect: ^\$1 = 1
#@ expect: ^\$2 = 1
#@ expect: \[Switching to thread 3 
#@ expect: ^#0 .*spin \(arg=0x[123]\)
#@ stdout: ^all stopped$
#@ exit: 0
echo RUNNING\n
continue
info threads
set $a = counts[0] + counts[1] + counts[2] + counts[3]
shell sleep 0.5
p counts[0] + counts[1] + counts[2] + counts[3] == $a
p counts[1] > 0 && counts[2] > 0 && counts[3] > 0
thread 3
bt 1
set var stop = 1
continue
