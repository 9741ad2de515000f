# SPDX-License-Identifier: MIT
# stepi runs exactly one instruction: inside an LDXR/STXR pair (stopped
# after the LDXR; the exclusive monitor survives the steps, so the store
# succeeds: w2 = 0, one round), over a taken and a not-taken conditional
# branch, and over SVC (exit).  (Asked to step at an LDXR, gdb itself
# runs to the end of the exclusive sequence, so the steps start after it.)
#@ expect: Breakpoint 1, retry \(\)
#@ expect: ^\$1 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <retry\+8>
#@ expect: ^\$2 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <retry\+12>
#@ expect: ^\$3 = 0
#@ expect: ^\$4 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <branches>
#@ expect: ^\$5 = 1
#@ expect: ^\$6 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <branches\+12>
#@ expect: ^\$7 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <branches\+20>
#@ expect: ^\$8 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <branches\+28>
#@ expect: exited with code 052
#@ exit: 42
break *((char *)&retry + 4)
continue
stepi
p $pc
stepi
p $pc
p $w2
stepi 2
p $pc
p $x3
stepi 2
p $pc
stepi 2
p $pc
stepi 2
p $pc
stepi
