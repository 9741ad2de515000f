# SPDX-License-Identifier: MIT
# A signal with a guest handler: gdb stops before delivery; "continue"
# passes it and the handler runs (a breakpoint there, and bt through the
# signal frame); the second one is suppressed with "signal 0", so the
# handler runs once.
#@ allow-skip: yes
#@ expect: Program received signal SIGUSR1, User defined signal 1.
#@ expect: Breakpoint 1, handler \(sig=10\) at .*sighandler.c:\d+
#@ expect: ^#1  <signal handler called>
#@ expect: main \(\) at .*sighandler.c:\d+
#@ expect: Program received signal SIGUSR1, User defined signal 1.
#@ stdout: ^handled=10$
#@ exit: 0
break handler
continue
continue
bt
continue
signal 0
