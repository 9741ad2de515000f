/* SPDX-License-Identifier: MIT */
/*
 * Shared harness of the x86-64 backend unit test (test-x86-backend.c,
 * test-x86-exec.c): a fake target whose CPU state is TCGCPUCommon plus
 * sixteen 64-bit registers (the globals r0..r15 and pc), a runner that
 * compiles the ops in tcg_ctx for both the x86-64 backend and the
 * interpreter and compares the results, and fake guest memory for both
 * memory models.
 */
#ifndef TESTS_UNIT_X86_TEST_H
#define TESTS_UNIT_X86_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include "tcg/tcg-op.h"
#include "tcg/exec.h"

typedef struct FakeCPU {
    TCGCPUCommon common;
    uint64_t r[16];
    uint64_t pc;
    uint64_t field[4];     /* plain CPU-state words for host ld/st */
    /* what the memory hooks saw (compared between backends) */
    uint64_t fault_addr, slow_calls, mmio_last;
    uint32_t fault_memop;
} FakeCPU;

/* Compiled blocks for both backends from the ops now in tcg_ctx. */
typedef struct Pair {
    TranslationBlock ti, tx;
    long xsize;
    /* optimized pairs: the unoptimized program on the interpreter, the
     * reference that checks the optimizer */
    TranslationBlock tr;
    bool has_ref;
} Pair;

typedef void BlockGen(uint64_t pc);

#define A(t) temp_arg(t)
#define GUEST_USER_BASE 0x10000ull     /* user mode: 3 pages, then none */
#define GUEST_RAM_BASE 0x40000000ull   /* system mode: same bytes */
#define GUEST_MMIO_PAGE 0x9000ull

extern TCGv R[16], PC;
extern FakeCPU cpu;
extern int passed, failed;
extern BlockGen *block_gen;          /* the exec loop's translator */
extern TranslationBlock *cur_tb;
extern uint8_t *guest_mem;           /* compared after runs when set */
extern size_t guest_mem_size;
extern uint64_t rng_state;
extern bool hooks_restore;           /* memory faults restore and leave */
extern uintptr_t last_fault_ra;
extern const uint64_t edge[32];
/* every compile_pair also runs the optimizer (checked against the
 * unoptimized program) */
extern bool optimize_all;
#define NB_EDGE 32
extern const TCGOpcode bin_ops[20], un_ops[15];
extern const TCGHelperInfo info_mix6, info_read_r5, info_write_r6;

void check(bool ok, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void setup(const TCGBackend *be, TCGMemModel model);
bool compile_pair(Pair *p, bool optimize);
bool run_pair(Pair *p, const FakeCPU *in, const char *what);
void block_begin(void);
void block_end(void);
uint64_t rnd(void);
uint64_t rnd_val(void);
void fill_random(FakeCPU *c);
void sweep(Pair *p, const char *what, int nb_random);
void mem_init(void);
int mem_addrs(bool softmmu, uint64_t *out);

/* test-x86-backend.c */
void test_guest_mem(bool softmmu);
/* test-x86-exec.c */
void test_chaining(void);
void test_lookup(void);
void test_random(bool softmmu, int nprogs);
void test_restore(bool softmmu);

#endif
