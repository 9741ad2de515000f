/* SPDX-License-Identifier: MIT */
/*
 * Linux user mode: one guest process running on the host kernel.  The
 * guest address space is a window reserved at start-up; every guest
 * address is an offset into it (host = guest_base + guest address).
 */
#ifndef LINUX_USER_USER_H
#define LINUX_USER_USER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <pthread.h>
#include "cpu/arm64/cpu.h"

typedef struct UserConfig {
    const char *prog;          /* path of the guest program */
    int argc;
    char **argv;               /* guest argv (argv[0] included) */
    char **envp;               /* guest environment */
    const char *sysroot;       /* -L */
    uint64_t stack_size;       /* -s */
    uint64_t reserve;          /* -R: bytes of guest address space */
    bool strace;
    const char *gdb_spec;      /* -g: PORT, HOST:PORT or a socket path */
    const char *argv0;         /* -0: argv[0] for the guest, else argv[0] */
    /* options a guest execve of another ARM64 program passes on to the
     * new mimic (-L, -backend, -d, -strace, ...), NULL-terminated */
    char **exec_opts;
} UserConfig;

/* The CPU of one guest thread, as process-wide code sees it: the debugger
 * lists and stops these, a gdb interrupt or exit_group reaches each one
 * (cpu-list.c keeps them all).  Thread code embeds one per thread. */
typedef struct LinuxCpu {
    CPUARMState *env;
    int tid;                   /* guest thread id, as gettid() returns */
    struct LinuxCpu *next;
    struct GdbUserThread *gdb; /* gdb-user.c's state, NULL without -g */
} LinuxCpu;

#define GUEST_PAGE_SIZE 4096ull
#define GUEST_PAGE_MASK (~(GUEST_PAGE_SIZE - 1))

/* Guest view of each page of the window (mmap.c). */
enum {
    PAGE_VALID = 0x01,         /* mapped */
    PAGE_READ = 0x02,          /* the guest's PROT_* */
    PAGE_WRITE = 0x04,
    PAGE_EXEC = 0x08,
    PAGE_CODE = 0x10,          /* translated from: host copy write-protected
                                * while the guest may write it */
    PAGE_ANON = 0x20,
    PAGE_SHARED = 0x40,
};

typedef struct GuestVma GuestVma;

/* The guest's memory map: page flags plus names for /proc/self/maps. */
typedef struct LinuxMem {
    /* mm_lock serializes changes to the map (mmap, munmap, brk, ...);
     * page_lock, always taken last, covers page flags and the host
     * protection derived from them (the translator takes it under the
     * code-cache lock while marking code pages) */
    pthread_mutex_t mm_lock, page_lock;
    uint8_t **chunks;          /* one byte per page, 1 GB per chunk */
    size_t nchunks;
    uint64_t mmap_top;         /* top-down search starts below this */
    uint64_t mmap_next;        /* lowest address handed out so far */
    GuestVma *vmas;            /* sorted, non-overlapping named ranges */
    size_t nvmas, cap;
} LinuxMem;

typedef struct LinuxProcess {
    UserConfig cfg;
    uintptr_t guest_base;
    uint64_t reserve;          /* window size */
    LinuxMem mem;
    uint64_t brk_start, brk;   /* program break */
    uint64_t entry, load_bias;
    uint64_t phdr, phnum, interp_base;
    uint64_t stack_top, stack_bottom;
    uint64_t arg_start, arg_end;   /* argv strings, for /proc/self/cmdline */
    uint64_t env_start, env_end;   /* environment strings */
    uint64_t auxv_addr, auxv_len;  /* guest copy, for /proc/self/auxv */
    uint64_t saved_auxv[64];       /* as first given (the kernel's copy) */
    uint64_t start_code, end_code; /* the program's text, /proc/self/stat */
    uint64_t start_data, end_data; /* and its data */
    /* per-thread state until threads arrive (lu-sig moves these) */
    uint64_t clear_child_tid, robust_list, robust_len;
    bool vfork_child;          /* shares memory with a waiting parent */
    uint32_t personality;
    CPUARMState *cpu0;         /* the first CPU (its feature bits) */
    char exe_path[4096];       /* absolute host path of the guest program */
    char mimic_path[4096];     /* this emulator, for re-exec on execve */
    struct LinuxTasks *tasks;  /* signals and threads (task.h) */

    /* The CPU of every guest thread, first the initial one
     * (cpu-list.c); walk the list only under cpus_lock. */
    pthread_mutex_t cpus_lock;
    LinuxCpu *cpus;
    int ncpus;
    LinuxCpu main_cpu;
    struct GdbUser *gdb;       /* -g: the debugger link (gdb-user.c) */
} LinuxProcess;

static inline void *g2h(const LinuxProcess *p, uint64_t addr)
{
    return (void *)(p->guest_base + (uintptr_t)addr);
}

/* guest-mem.c */
bool guest_mem_reserve(LinuxProcess *p, uint64_t size);
bool guest_addr_valid(const LinuxProcess *p, uint64_t addr, uint64_t len);

/* cpu-list.c: registration of guest threads' CPUs. */
void linux_cpu_add(LinuxProcess *p, LinuxCpu *t);
void linux_cpu_remove(LinuxProcess *p, LinuxCpu *t);
/* The thread running on env, or NULL. */
LinuxCpu *linux_cpu_of(LinuxProcess *p, const CPUARMState *env);
/* In a fork child, before it runs guest code: env's thread is the only
 * one left. */
void linux_cpus_after_fork_child(LinuxProcess *p, CPUARMState *env);
/* mmap.c: the guest memory map.  All functions are thread safe. */
bool linux_mem_init(LinuxProcess *p);
int linux_page_flags(LinuxProcess *p, uint64_t addr);
/* Nonzero when every byte of [addr, addr+len) is mapped readable (and
 * writable if write): syscalls answer -EFAULT otherwise. */
int linux_access_ok(LinuxProcess *p, uint64_t addr, uint64_t len,
                    bool write);
/* Before mimic or the host kernel writes guest memory: drops the
 * translations of code pages in the range and their write protection. */
void linux_prepare_guest_write(LinuxProcess *p, uint64_t addr, uint64_t len);
/* From the host SIGSEGV handler: a guest write hit a write-protected code
 * page.  Invalidates that page's translations, makes it writable again and
 * returns true (retry the access); false if it is a real fault. */
bool linux_handle_code_write(LinuxProcess *p, uint64_t guest_addr);
/* Guest mmap semantics; return the address or -errno. */
int64_t linux_mmap(LinuxProcess *p, uint64_t addr, uint64_t len, int prot,
                   int flags, int fd, uint64_t off);
int64_t linux_munmap(LinuxProcess *p, uint64_t addr, uint64_t len);
int64_t linux_mprotect(LinuxProcess *p, uint64_t addr, uint64_t len,
                       int prot);
int64_t linux_mremap(LinuxProcess *p, uint64_t old, uint64_t old_len,
                     uint64_t new_len, int flags, uint64_t new_addr);
int64_t linux_brk(LinuxProcess *p, uint64_t want);
/* Names a range for /proc/self/maps: a file (with its offset) or a
 * label like "[stack]". */
void linux_mem_name(LinuxProcess *p, uint64_t start, uint64_t end,
                    const char *name, uint64_t offset, uint64_t dev,
                    uint64_t ino);
/* Writes the guest's /proc/self/maps into a host fd. */
void linux_mem_write_maps(LinuxProcess *p, int fd);
/* Instruction fetch for the translator (env->fetch_code). */
bool linux_fetch_code(CPUARMState *env, uint64_t pc, uint32_t *insn);
/* A minimal host SIGSEGV handler for code-page writes; the signal code
 * (lu-sig) replaces it with the full one, which calls
 * linux_handle_code_write first. */
void linux_host_signals_init(LinuxProcess *p);

/* Guest pointers for syscalls: the host address of a checked range, or
 * NULL (answer -EFAULT).  The write form also prepares code pages. */
void *lu_rptr(LinuxProcess *p, uint64_t addr, uint64_t len);
void *lu_wptr(LinuxProcess *p, uint64_t addr, uint64_t len);
/* A NUL-terminated guest string, checked; NULL if it runs into an
 * unreadable page or is longer than max. */
const char *lu_str(LinuxProcess *p, uint64_t addr, size_t max);

/* elfload.c: maps the program (and its interpreter), builds the stack.
 * Returns 0, or the exit status a shell would give (126/127) after
 * printing why. */
int linux_load_program(LinuxProcess *p, CPUARMState *env);

/* syscall.c */
int64_t linux_do_syscall(LinuxProcess *p, CPUARMState *env, int num,
                         uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                         uint64_t a4, uint64_t a5);

/* main.c: the whole run; returns the exit status */
struct TCGExecConfig;
int linux_user_main(UserConfig *cfg, const struct TCGExecConfig *ec);

/* cpu-loop.c: runs the guest until it exits; returns the exit status. */
int linux_cpu_loop(LinuxProcess *p, CPUARMState *env);

/* syscall-proc.c: process exit.  linux_exit_group ends every thread;
 * linux_exit_thread only the caller (the thread code, lu-sig, provides
 * the real one; the default here ends the process). */
__attribute__((noreturn)) void linux_exit_group(LinuxProcess *p, int status);
__attribute__((noreturn)) void linux_exit_thread(LinuxProcess *p,
                                                 CPUARMState *env,
                                                 int status);
/* clone with CLONE_VM and without CLONE_VFORK: a new guest thread (the
 * thread code provides it; the default answers -ENOSYS). */
int64_t linux_clone_thread(LinuxProcess *p, CPUARMState *env,
                           uint64_t flags, uint64_t newsp, uint64_t ptid,
                           uint64_t tls, uint64_t ctid);

/* path.c: guest paths as the host sees them (sysroot, /proc). */
/* Resolves an absolute guest path to its sysroot copy when one exists
 * (libraries, the loader cache); returns path or buf. */
const char *linux_sysroot_path(LinuxProcess *p, const char *path, char *buf,
                               size_t len);
/* /proc/self/... files mimic answers itself: returns an open fd, -errno,
 * or 1 when the path is not one of them. */
int linux_proc_open(LinuxProcess *p, const char *path, int host_flags);
/* readlink of /proc/self/exe and friends: length, or -1 if not ours. */
int64_t linux_proc_readlink(LinuxProcess *p, const char *path, char *buf,
                            size_t len);

#endif
