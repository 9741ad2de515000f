/* SPDX-License-Identifier: MIT */
/* -strace output: each syscall with decoded arguments and its result. */
#ifndef LINUX_USER_STRACE_H
#define LINUX_USER_STRACE_H

#include "syscall-defs.h"

void strace_enter(LinuxProcess *p, const SyscallEntry *e, const uint64_t *a);
void strace_exit(LinuxProcess *p, const SyscallEntry *e, const uint64_t *a,
                 int64_t ret);
void strace_unknown(LinuxProcess *p, int num, const uint64_t *a);
const SyscallEntry *syscall_lookup(int num);

#endif
