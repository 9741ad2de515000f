# SPDX-License-Identifier: MIT
# A running loop stopped by Ctrl-C (SIGINT to gdb), changed, and resumed.
#@ interrupt-after: RUNNING
#@ expect: Program received signal SIGINT
#@ expect: ^\$1 = 1
#@ expect: exited with code 07
#@ stdout: ^done$
#@ exit: 7
echo RUNNING\n
continue
p $x19 > 100
set $x20 = 1
continue
