# SPDX-License-Identifier: MIT
# A guest signal gdb passes on ("continue" after SIGILL) is delivered: with
# no handler the program dies of it, and gdb hears so (X packet).
#@ expect: Program received signal SIGILL, Illegal instruction.
#@ expect: Program terminated with signal SIGILL, Illegal instruction.
#@ exit: signal 4
continue
continue
