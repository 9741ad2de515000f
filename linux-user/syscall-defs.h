/* SPDX-License-Identifier: MIT */
/*
 * The system call table: each area file (syscall-file.c, syscall-mem.c,
 * ...) exports an array of entries; syscall.c gathers them into one table
 * indexed by the AArch64 syscall number (asm-generic/unistd.h).
 */
#ifndef LINUX_USER_SYSCALL_DEFS_H
#define LINUX_USER_SYSCALL_DEFS_H

#include "user.h"

typedef int64_t (*SyscallFn)(LinuxProcess *p, CPUARMState *env,
                             const uint64_t a[6]);

typedef struct SyscallEntry {
    int num;
    const char *name;
    /* argument formats for -strace, one char per argument:
     * d signed decimal, u unsigned, x hex, s guest string, p pointer,
     * f fd, o octal mode, F open flags */
    const char *args;
    SyscallFn fn;
} SyscallEntry;

#define SYSCALL_END { -1, NULL, NULL, NULL }

/* Area tables (each ends with SYSCALL_END). */
extern const SyscallEntry syscalls_basic[];
extern const SyscallEntry syscalls_interim[];
extern const SyscallEntry syscalls_signal[];
extern const SyscallEntry syscalls_thread[];
extern const SyscallEntry syscalls_time[];
extern const SyscallEntry syscalls_net[];
extern const SyscallEntry syscalls_poll[];

#endif
