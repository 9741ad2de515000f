# SPDX-License-Identifier: MIT
# detach removes the breakpoints (the second one is never reported) and
# the program runs to its end.
#@ expect: Breakpoint 1, compute \(\)
#@ expect: \[Inferior 1 \(Remote target\) detached\]
#@ reject: Breakpoint 2,
#@ stdout: ^gdb test program$
#@ exit: 15
break compute
break do_write
continue
detach
