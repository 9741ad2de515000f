# SPDX-License-Identifier: MIT
# kill ends the program (SIGKILL, as for a native process).
#@ expect: Breakpoint 1, leaf \(\)
#@ expect: \[Inferior 1 \(Remote target\) killed\]
#@ exit: signal 9
break leaf
continue
kill
