# SPDX-License-Identifier: MIT
# gdb dies while the program runs (blocked in a read): the program is let
# go, and once its input comes it finishes normally -- nothing left parked.
#@ kill-gdb-after: RUNNING
#@ stdin-after-gdb: hello after gdb
#@ stdout: ^hello after gdb$
#@ exit: 0
echo RUNNING\n
continue
