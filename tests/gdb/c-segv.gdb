# SPDX-License-Identifier: MIT
# A guest SIGSEGV reaches gdb at the faulting line, before delivery; the
# faulting address is where the null pointer points; passed on, it kills
# the program.
#@ allow-skip: yes
#@ args: segv
#@ expect: Program received signal SIGSEGV, Segmentation fault.
#@ expect: ^0x[0-9a-f]+ in segv \(\) at .*faults.c:\d+|^segv \(\) at .*faults.c:\d+
#@ expect: \*null_pointer = 42;
#@ expect: ^\$1 = \(int \*\) 0x0
#@ expect: ^#0 .*segv \(\) at .*\n#1 .*main \(argc=2, argv=0x[0-9a-f]+\) at
#@ expect: Program terminated with signal SIGSEGV, Segmentation fault.
#@ reject: survived the null pointer
#@ exit: signal 11
continue
p null_pointer
bt
continue
