# SPDX-License-Identifier: MIT
# Threads: a breakpoint in a worker stops every thread and names the one
# that hit it; info threads lists the three; switching threads shows each
# one's own registers and stack; the other worker then hits it too.
#@ allow-skip: yes
#@ expect: Thread \S+ hit Breakpoint 1, work \(id=[01]\) at .*threads.c:\d+
#@ expect: ^  Id   Target Id +Frame *\n(?:[ *] \d +Thread \d+ .*\n){3}(?![ *] \d)
#@ expect-anywhere: ^\* \d +Thread \d+ +work \(id=[01]\) at
#@ expect: \[Switching to thread 1 
#@ expect: in main \(\) at .*threads.c:\d+
#@ expect: Thread \S+ hit Breakpoint 1, work \(id=[01]\)
#@ expect: ^\$1 = \d+
#@ stdout: ^results 5 15$
#@ exit: 0
break work
continue
info threads
thread 1
bt
continue
p $x0
delete
continue
