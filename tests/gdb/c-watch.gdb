# SPDX-License-Identifier: MIT
# A watchpoint on a C global: gdb reports the old and new value at the
# statement after the store, each time the loop changes it; a read
# watchpoint on another global.
#@ allow-skip: yes
#@ expect: Hardware watchpoint 1: counter
#@ expect: Old value = 0\nNew value = 1\n
#@ expect: ^main \(\) at .*basic.c:\d+
#@ expect: Old value = 1\nNew value = 2\n
#@ expect: Hardware read watchpoint 2: table\[2\]
#@ expect: Value = 3\n
#@ expect: ^leaf \(n=10\) at .*basic.c:\d+
#@ expect: Value returned is \$1 = 20
#@ expect: ^\$2 = 13
#@ stdout: ^hello from the guest: total=35 counter=3$
#@ exit: 35
watch counter
continue
continue
delete
rwatch table[2]
continue
finish
p depth_reached
delete
continue

