# SPDX-License-Identifier: MIT
# Write, read and access watchpoints: stops with old and new value just
# after the store (gdb steps over the access the stub reports before it,
# as AArch64 hardware does), a read watchpoint on the load, a watchpoint
# on the second word of a store pair, an access watchpoint on one byte in
# the middle of a wider variable.
#@ expect: Hardware watchpoint 1: \*\(long \*\)&counter
#@ expect: Old value = 0\nNew value = 1\n
#@ expect: ^count \(\) at .*watch.S:\d+\n\d+\s+ldr x21, \[x20\]
#@ expect: Old value = 1\nNew value = 2\n
#@ expect: ^\$1 = 2
#@ expect: breakpoint already hit 2 times
#@ expect: Hardware read watchpoint 2: \*\(long \*\)&counter\n\nValue = 2\n
#@ expect: ^\$2 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <count\+12>
#@ expect: Hardware watchpoint 3: \*\(\(long \*\)&pair \+ 1\)\n\nOld value = 0\nNew value = 34\n
#@ expect: Hardware access \(read/write\) watchpoint 4: \*\(\(char \*\)&wide \+ 5\)\n\nOld value = 0 '\\000'\nNew value = 90 'Z'
#@ expect: exited with code 03
#@ stdout: ^0000000000000003$
#@ exit: 3
watch *(long *)&counter
continue
continue
p $x19
info watchpoints
delete
rwatch *(long *)&counter
continue
p $pc
delete
watch *((long *)&pair + 1)
continue
delete
awatch *((char *)&wide + 5)
continue
delete
continue
