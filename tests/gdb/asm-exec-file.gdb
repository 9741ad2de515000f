# SPDX-License-Identifier: MIT
# gdb given no program file finds it through the stub (qXfer:exec-file)
# and reads the process's auxiliary vector (qXfer:auxv).
#@ no-file: yes
#@ expect: Reading symbols from /.*gdb-calls
#@ expect: ^_start \(\) at .*calls.S
#@ expect: ^6 +AT_PAGESZ +System page size +4096
#@ expect: ^9 +AT_ENTRY +Entry point of program +0x[0-9a-f]+\n
#@ expect: Breakpoint 1, leaf \(\)
#@ exit: 15
info auxv
break leaf
continue
