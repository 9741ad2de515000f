/* SPDX-License-Identifier: MIT */
/*
 * The execution engine's public face: code cache set-up, the block lookup
 * and translation path, and the loop that runs blocks until something needs
 * the caller (an exception, a syscall, an interrupt request).
 */
#ifndef TCG_EXEC_H
#define TCG_EXEC_H

#include <stdio.h>
#include "tcg.h"
#include "tb.h"
#include "backend.h"

/* What the guest front end provides. */
typedef struct TCGTargetHooks {
    /* current pc and the state bits a translation depends on */
    void (*get_tb_cpu_state)(void *env, uint64_t *pc, uint32_t *flags);
    void (*set_pc)(void *env, uint64_t pc);
    /* generates IR for one block into tcg_ctx */
    void (*translate)(TCGContext *s, TranslationBlock *tb, void *env,
                      int max_insns);
    /* puts the guest pc etc. back from an insn_start record */
    void (*restore_state)(void *env, const uint64_t data[2]);
    /* registers the target's globals in a fresh context */
    void (*init_globals)(TCGContext *s);
    /* -d cpu: prints the registers; may be NULL */
    void (*dump_state)(FILE *f, void *env);
    /* reads guest code bytes for logging; may be NULL */
    int (*disas_log)(FILE *f, void *env, uint64_t pc, uint32_t size);
    /* System mode: the physical address of the code at pc, which keys
     * the block with (pc, flags).  If pc cannot be executed it raises the
     * guest's instruction abort (tcg_cpu_loop_exit) instead of returning.
     * NULL (user mode): the physical pc is pc. */
    uint64_t (*get_phys_pc)(void *env, uint64_t pc);
} TCGTargetHooks;

/* Exit codes of tcg_cpu_exec beyond the target's own exception numbers. */
#define TCG_EXCP_INTERRUPT 0x10000

typedef struct TCGExecConfig {
    const TCGBackend *backend;
    TCGMemModel mem_model;
    size_t code_size;          /* bytes of code cache */
    int max_insns;             /* per block (1 = single-step everywhere) */
    bool nochain;              /* -d nochain */
    bool count_insns;          /* -d stats: blocks count what they run */
} TCGExecConfig;

void tcg_exec_init(const TCGTargetHooks *hooks, const TCGExecConfig *cfg);
const TCGExecConfig *tcg_exec_config(void);
/* Per-thread (per-vCPU) set-up: jump cache, TCG context. */
void tcg_cpu_init(void *env);
void tcg_cpu_free(void *env);
/* Empties the CPU's jump cache (system mode: its virtual-to-physical
 * mapping changed).  Entries are never NULL: use this, not memset. */
void tcg_cpu_jmp_cache_clear(void *env);
/* A thread that ran CPUs is ending: frees its translation context. */
void tcg_thread_exit(void);

/* Runs guest code; returns the exception index that stopped it. */
int tcg_cpu_exec(void *env);
/* With CF_SINGLE_STEP: runs exactly one guest instruction. */
int tcg_cpu_exec_cflags(void *env, uint32_t cflags);

/* From helpers: leave generated code for the exec loop.  The _restore
 * form first puts the guest state back to the start of the instruction
 * containing host_pc (0 = the interpreter's current insn). */
__attribute__((noreturn)) void tcg_cpu_loop_exit(void *env);
__attribute__((noreturn)) void tcg_cpu_loop_exit_restore(void *env,
                                                        uintptr_t host_pc);
/* Host pc inside the code cache?  Restores state if so. */
bool tcg_restore_state(void *env, uintptr_t host_pc);
bool tcg_in_code_cache(uintptr_t host_pc);

/* Around a host fork() of a user-mode process: hold the translation lock
 * across it; the child gets a private copy of the code cache. */
void tcg_fork_prepare(void);
void tcg_fork_done(bool child);

/* Translated-code maintenance.  tb_flush stops every other CPU outside
 * generated code first (the exclusive section in exec.c). */
void tb_flush(void);
void tb_invalidate_range(uint64_t start, uint64_t end);
/* System mode: drops the blocks translated from the physical page holding
 * phys (a write to it); returns whether there were any. */
bool tb_invalidate_phys_page(uint64_t phys);
/* -d stats: prints the counters to the log. */
void tcg_print_stats(void);
/* Number of guest blocks translated and flushes, for -d stats. */
typedef struct TCGStats {
    uint64_t tbs_translated, flushes, invalidated, code_bytes, ir_ops;
    uint64_t chains;
    /* with -d stats: summed from the CPUs' counters by tcg_print_stats */
    uint64_t blocks_executed, guest_insns;
} TCGStats;
extern TCGStats tcg_stats;

#endif
