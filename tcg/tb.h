/* SPDX-License-Identifier: MIT */
/*
 * Translation blocks, the per-CPU header that generated code reads, and
 * the memory model that guest loads and stores are compiled for.
 */
#ifndef TCG_TB_H
#define TCG_TB_H

#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct TranslationBlock TranslationBlock;

struct TranslationBlock {
    uint64_t pc;           /* guest virtual pc of the first insn */
    uint64_t phys_pc;      /* system mode: physical pc (keying) */
    uint32_t flags;        /* cpu state the translation depends on */
    uint32_t cflags;       /* CF_* below */
    uint32_t size;         /* guest bytes covered */
    uint32_t icount;       /* guest instructions */
    /* more guest code the translation depends on (a front end's look
     * ahead into successors): writes there invalidate it; dep_hi == 0:
     * none */
    uint64_t dep_lo, dep_hi;
    void *tc_ptr;          /* host code (RX view) */
    uint32_t tc_size;

    /* direct chaining: slot n's patchable jump and where it jumps when
     * unchained (both offsets from tc_ptr; UINT32_MAX if unused) */
    uint32_t jmp_insn_offset[2];
    uint32_t jmp_reset_offset[2];
    TranslationBlock *jmp_dest[2];
    /* incoming edges, for unchaining when this block dies: a list of
     * (tb, slot) pairs threaded through jmp_next, tagged pointers */
    uintptr_t jmp_list_head;
    uintptr_t jmp_next[2];

    TranslationBlock *hash_next;
    TranslationBlock *page_next;  /* same physical page (tb-maint.c) */
    bool invalid;

    /* precise state: host end offset and guest data for each insn */
    uint32_t nb_insns;
    uint32_t *insn_end_off;
    uint64_t (*insn_data)[2];
};

enum {
    CF_NOCHAIN = 1,     /* never chain out of this block */
    CF_SINGLE_STEP = 2, /* one instruction, then exit (gdb stepping) */
    CF_NO_EXIT_CHECK = 4,
    CF_COUNT_INSNS = 8, /* -d stats: entry adds icount to insn_count */
};

/* Value returned by generated code: a TB pointer with the exit slot in the
 * low two bits (a chaining candidate), or a bare code below. */
#define TB_EXIT_MASK 3
#define TB_EXIT_IDX0 0
#define TB_EXIT_IDX1 1
#define TB_EXIT_REQUESTED 3

#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)

/* Hash of a guest pc into the per-CPU jump cache; the inline lookup in
 * generated code computes the same function.  Jump caches hold only
 * valid, non-single-step blocks (invalidation and flushes clear them),
 * and an empty entry points at tb_jmp_cache_empty (whose pc matches
 * nothing), so the inline lookup compares just pc and flags. */
static inline uint32_t tb_jmp_cache_hash(uint64_t pc)
{
    return (uint32_t)(pc >> 2) & (TB_JMP_CACHE_SIZE - 1);
}
extern TranslationBlock tb_jmp_cache_empty;

/* Softmmu TLB (system mode).  The inline fast path compares the page
 * address of an access with addr_read/addr_write and adds addend. */
#define TLB_PAGE_BITS 12
#define TLB_BITS 8
#define TLB_SIZE (1u << TLB_BITS)
#define TLB_NB_MMU_MODES 8
#define TLB_INVALID_MASK (1ull << 0)  /* low flag bits in addr_*: */
#define TLB_MMIO (1ull << 1)          /* force the slow path */
#define TLB_NOTDIRTY (1ull << 2)      /* code page: writes go slow */

typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;     /* host = guest vaddr + addend */
} CPUTLBEntry;

/* The first member of every guest CPU state struct.  Generated code reads
 * these fields at fixed offsets from env. */
typedef struct TCGCPUCommon {
    volatile int32_t exit_request;  /* tested at every block entry */
    int32_t exception_index;
    uintptr_t guest_base;           /* user mode: host = guest_base + addr */
    TranslationBlock **jmp_cache;   /* TB_JMP_CACHE_SIZE entries */
    CPUTLBEntry (*tlb)[TLB_SIZE];   /* system mode: [mmu_idx][index] */
    uint64_t (*slow_ld)(void *env, uint64_t addr, uint32_t memop,
                        uint32_t mmu_idx, uintptr_t retaddr);
    void (*slow_st)(void *env, uint64_t addr, uint64_t val, uint32_t memop,
                    uint32_t mmu_idx, uintptr_t retaddr);
    /* user mode: MO_ALIGN access that is not aligned (does not return) */
    void (*raise_unaligned)(void *env, uint64_t addr, uint32_t memop,
                            uintptr_t retaddr);
    /* -d stats: guest instructions and blocks executed, added up by each
     * block on entry (CF_COUNT_INSNS), so counting keeps chaining on */
    uint64_t insn_count;
    uint64_t block_count;
    sigjmp_buf jmp_env;             /* cpu_loop_exit target */
    uint64_t interp_insn_data[2];   /* interp: current insn (for restores) */

    /* Debugger support (tcg/debug.h).  debug is NULL unless a debugger
     * may attach; the front end keys translations on it (breakpoint
     * checks, watch flag) only when it is set. */
    struct TCGDebug *debug;
    /* Non-zero: the next instruction ignores breakpoints and watchpoints
     * (resuming from one); the front end puts it in its TB flags. */
    uint32_t debug_skip;
    uint32_t watch_hit_kind;        /* TCG_WATCH_* of the last hit, or 0 */
    uint64_t watch_hit_addr;        /* first watched byte it accessed */
} TCGCPUCommon;

typedef enum TCGMemModel {
    TCG_MEM_GUEST_BASE,  /* user mode */
    TCG_MEM_SOFTMMU,     /* system mode */
} TCGMemModel;

#endif
