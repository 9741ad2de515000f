/* SPDX-License-Identifier: MIT */
/*
 * The system call table: each area file (syscall-file.c, syscall-mem.c,
 * ...) exports an array of entries; syscall.c gathers them into one table
 * indexed by the AArch64 syscall number (asm-generic/unistd.h).  Also the
 * small helpers every area uses.
 */
#ifndef LINUX_USER_SYSCALL_DEFS_H
#define LINUX_USER_SYSCALL_DEFS_H

#include <errno.h>
#include <sys/uio.h>
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
    /* SC_DEFAULT: a stand-in another area's entry for the same number
     * replaces (the thread code's per-thread versions, say) */
    int flags;
} SyscallEntry;

#define SC_DEFAULT 1

#define SYSCALL_END { -1, NULL, NULL, NULL }

/* Area tables (each ends with SYSCALL_END). */
extern const SyscallEntry syscalls_fd[];
extern const SyscallEntry syscalls_file[];
extern const SyscallEntry syscalls_ioctl[];
extern const SyscallEntry syscalls_mem[];
extern const SyscallEntry syscalls_proc[];
extern const SyscallEntry syscalls_exec[];
extern const SyscallEntry syscalls_signal[];
extern const SyscallEntry syscalls_thread[];
extern const SyscallEntry syscalls_time[];
extern const SyscallEntry syscalls_net[];
extern const SyscallEntry syscalls_poll[];

/* A host call's result as the guest sees it: the value or -errno. */
static inline int64_t host_ret(int64_t r)
{
    return r < 0 ? -errno : r;
}

/* AT_FDCWD and other fd arguments arrive as 64-bit registers; the kernel
 * looks at the low 32 bits. */
static inline int guest_fd(uint64_t v)
{
    return (int)(int32_t)v;
}

/* Open flags: arm64 (asm/fcntl.h) moves four bits relative to x86-64
 * (asm-generic/fcntl.h); the rest match.  Raw values: glibc's
 * O_LARGEFILE is 0 on x86-64. */
#define ARM64_O_DIRECTORY 0040000
#define ARM64_O_NOFOLLOW 0100000
#define ARM64_O_DIRECT 0200000
#define ARM64_O_LARGEFILE 0400000
#define X86_O_DIRECT 0040000
#define X86_O_LARGEFILE 0100000
#define X86_O_DIRECTORY 0200000
#define X86_O_NOFOLLOW 0400000
#define OFLAG_MOVED 0740000

static inline int open_flags_to_host(uint64_t g)
{
    int h = (int)(g & ~(uint64_t)OFLAG_MOVED);
    h |= (g & ARM64_O_DIRECTORY) ? X86_O_DIRECTORY : 0;
    h |= (g & ARM64_O_NOFOLLOW) ? X86_O_NOFOLLOW : 0;
    h |= (g & ARM64_O_DIRECT) ? X86_O_DIRECT : 0;
    h |= (g & ARM64_O_LARGEFILE) ? X86_O_LARGEFILE : 0;
    return h;
}

static inline uint64_t open_flags_to_guest(int h)
{
    uint64_t g = (uint64_t)(unsigned)h & ~(uint64_t)OFLAG_MOVED;
    g |= (h & X86_O_DIRECTORY) ? ARM64_O_DIRECTORY : 0;
    g |= (h & X86_O_NOFOLLOW) ? ARM64_O_NOFOLLOW : 0;
    g |= (h & X86_O_DIRECT) ? ARM64_O_DIRECT : 0;
    g |= (h & X86_O_LARGEFILE) ? ARM64_O_LARGEFILE : 0;
    return g;
}

/* syscall-fd.c: a guest iovec array as host iovecs (cnt entries). */
int lu_iovec(LinuxProcess *p, uint64_t addr, uint64_t cnt, bool write,
             struct iovec *out);

/* syscall-file.c: a guest path argument as the host should see it
 * (sysroot, /proc/self/exe); NULL with *err set when unreadable. */
const char *lu_path(LinuxProcess *p, uint64_t addr, char *buf, size_t len,
                    int *err);

#endif
