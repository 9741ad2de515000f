# SPDX-License-Identifier: MIT
# gdb dies (SIGKILL) while the program is stopped at a breakpoint: the
# program runs on to its normal end, with no breakpoint left to hang on.
#@ kill-gdb-after: Breakpoint 1, compute
#@ expect: Breakpoint 1, compute \(\)
#@ stdout: ^gdb test program$
#@ exit: 15
break compute
break do_write
continue
shell sleep 30
