# SPDX-License-Identifier: MIT
# A C loop interrupted with Ctrl-C, a volatile global changed, resumed.
#@ allow-skip: yes
#@ args: spin
#@ interrupt-after: RUNNING
#@ expect: Program received signal SIGINT, Interrupt.
#@ expect: ^\$1 = 1
#@ stdout: ^stopped spinning$
#@ exit: 0
echo RUNNING\n
continue
p spins > 0
set var stop_spinning = 1
continue
