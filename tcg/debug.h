/* SPDX-License-Identifier: MIT */
/*
 * Debugger support in the translator, independent of the guest ISA: the
 * breakpoints and watchpoints of one address space (a user-mode process or
 * a machine), shared by every CPU that runs in it.
 *
 * Breakpoints never patch guest memory.  The front end asks
 * tcg_debug_bp_at() while translating each instruction and raises
 * TCG_EXCP_DEBUG before one that has a breakpoint.  Watchpoints: while any
 * is set the front end translates with its watch TB flag and sets
 * TCGContext.mem_watch, which makes every tcg_gen_qemu_ld/st call
 * tcg_debug_check_access() before the access.  A hit stops the CPU before
 * the access with the guest state of the start of the instruction, which is
 * how AArch64 debug hardware reports it (gdb then steps over the access
 * with the watchpoint removed and compares values).
 *
 * Each list exists twice: "requested" is what the debugger asked for
 * (changed while the CPUs are stopped) and "active" is what translations
 * and checks use.  tcg_debug_sync(), called before the CPUs resume, makes
 * the requested state active and invalidates the translations of exactly
 * the addresses whose breakpoint state changed.  gdb removes every
 * breakpoint at each stop and inserts them again at each resume; with two
 * copies that round trip invalidates nothing.
 */
#ifndef TCG_DEBUG_H
#define TCG_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct TCGDebug TCGDebug;

/* Kinds of breakpoint and watchpoint. */
enum {
    TCG_BP_SW = 1,           /* gdb Z0 */
    TCG_BP_HW = 2,           /* gdb Z1: the same mechanism */
    TCG_WATCH_WRITE = 1,     /* gdb Z2 */
    TCG_WATCH_READ = 2,      /* gdb Z3 */
    TCG_WATCH_ACCESS = 3,    /* gdb Z4 */
};

/* Exit code of tcg_cpu_exec for a breakpoint or watchpoint hit; the
 * front end's own number for the same event must equal it. */
#define TCG_EXCP_DEBUG 0x10002

/* Most breakpoints / watchpoints one address space may hold. */
#define TCG_DEBUG_MAX_BP 4096
#define TCG_DEBUG_MAX_WP 256

TCGDebug *tcg_debug_new(void);
void tcg_debug_free(TCGDebug *d);

/* Requests; 0 on success, -1 when full (insert) or absent (remove).  The
 * same address may be inserted more than once (sw and hw, or twice): each
 * insert needs its remove. */
int tcg_debug_bp_insert(TCGDebug *d, uint64_t pc, int kind);
int tcg_debug_bp_remove(TCGDebug *d, uint64_t pc, int kind);
/* len 1..2^63; kind TCG_WATCH_*. */
int tcg_debug_wp_insert(TCGDebug *d, uint64_t addr, uint64_t len, int kind);
int tcg_debug_wp_remove(TCGDebug *d, uint64_t addr, uint64_t len, int kind);
/* Drops every request (the debugger detached). */
void tcg_debug_clear(TCGDebug *d);
/* Makes the requests active and invalidates what they change.  Call with
 * no CPU inside translated code of this address space. */
void tcg_debug_sync(TCGDebug *d);

/* For the translator (active state). */
bool tcg_debug_bp_at(TCGDebug *d, uint64_t pc);
/* TCG_BP_SW / TCG_BP_HW bits of the breakpoints at pc (for stop reasons). */
int tcg_debug_bp_kinds(TCGDebug *d, uint64_t pc);
bool tcg_debug_watching(const TCGDebug *d);
/* Counts for monitor commands. */
void tcg_debug_counts(TCGDebug *d, int *nbp, int *nwp);

/*
 * Checks one guest access of size bytes against the active watchpoints.
 * On a hit records it in the CPU's TCGCPUCommon (watch_hit_*) and leaves
 * generated code with TCG_EXCP_DEBUG, the guest state put back to the
 * start of the instruction (retaddr: the host return address inside
 * generated code, 0 from the interpreter).  Returns only if nothing hit.
 */
void tcg_debug_check_access(void *env, uint64_t addr, unsigned size,
                            bool is_write, uintptr_t retaddr);

/* The helper tcg_gen_qemu_ld/st call when TCGContext.mem_watch is set:
 * (env, addr, size | is_write << 8). */
extern const struct TCGHelperInfo tcg_debug_watch_info;

#endif
