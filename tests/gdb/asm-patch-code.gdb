# SPDX-License-Identifier: MIT
# Code written by gdb while it is translated and running: the loop's
# "add x19, x19, #1" becomes "mov x20, #1" (0xd2800034), which must end
# the loop, so the old translation must be dropped.
#@ interrupt-after: RUNNING
#@ expect: Program received signal SIGINT
#@ expect: ^=> 0x[0-9a-f]+ <spin>:\s+mov\s+x20, #0x1
#@ expect: exited with code 07
#@ stdout: ^done$
#@ exit: 7
echo RUNNING\n
continue
set {int}&spin = 0xd2800034
set $pc = &spin
x/1i $pc
continue
