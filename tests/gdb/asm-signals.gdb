# SPDX-License-Identifier: MIT
# Guest signals reach gdb before delivery.  SIGILL suppressed with
# "signal 0" comes back (the instruction runs again); moving the pc past
# it (and "signal 0" again, as "continue" would pass SIGILL) goes on.  BRK
# gives SIGTRAP, which gdb does not pass on.  A call to address 0 gives
# SIGSEGV at pc 0; returning to the caller by hand and suppressing it
# lets the program finish.
#@ expect: Program received signal SIGILL, Illegal instruction.
#@ expect: ^undefined \(\) at
#@ expect: Program received signal SIGILL, Illegal instruction.
#@ expect: ^undefined \(\) at
#@ expect: Program received signal SIGTRAP, Trace/breakpoint trap.
#@ expect: ^breakpoint \(\) at
#@ expect: ^\$1 = 2
#@ expect: Program received signal SIGSEGV, Segmentation fault.
#@ expect: ^0x0+ in \?\? \(\)
#@ expect: ^\$2 = \(void \(\*\)\(\)\) 0x0
#@ expect: exited with code 03
#@ exit: 3
continue
signal 0
set $pc = $pc + 4
signal 0
p $x19
set $pc = $pc + 4
continue
p $pc
set $pc = $x30
signal 0
