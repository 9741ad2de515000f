/* SPDX-License-Identifier: MIT */
/*
 * Linux user mode: one guest process running on the host kernel.  The
 * guest address space is a window reserved at start-up; every guest
 * address is an offset into it (host = guest_base + guest address).
 */
#ifndef LINUX_USER_USER_H
#define LINUX_USER_USER_H

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

typedef struct LinuxProcess {
    UserConfig cfg;
    uintptr_t guest_base;
    uint64_t reserve;          /* window size */
    uint64_t brk_start, brk;   /* program break */
    uint64_t mmap_base;        /* next hint for guest mmap */
    uint64_t entry, load_bias;
    uint64_t phdr, phnum, interp_base;
    uint64_t stack_top;
    uint64_t auxv_addr, auxv_len;  /* guest copy, for /proc/self/auxv */
    char exe_path[4096];

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

#endif
