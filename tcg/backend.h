/* SPDX-License-Identifier: MIT */
/*
 * The contract every backend folder implements (tcg/x86_64, tcg/interp).
 * The core hands a backend an optimized op list with liveness; the backend
 * writes something executable into the code cache and knows how to run and
 * chain it.
 */
#ifndef TCG_BACKEND_H
#define TCG_BACKEND_H

#include "tcg.h"
#include "tb.h"

typedef struct TCGBackend {
    const char *name;
    /* true if blocks are host machine code (out_asm, host-pc restores) */
    bool host_code;
    /* One-time set-up (prologue emission etc.); code is the RW view of the
     * code cache start, returns the bytes it used there. */
    size_t (*init)(void *rw, void *rx, size_t size);
    /* Generates the block from tcg_ctx's ops into rw (executing at rx).
     * Fills tb->jmp_*_offset and tcg_ctx->insn_end_off/insn_data.
     * Returns bytes used, or -1 if size was too small. */
    long (*gen_code)(TCGContext *s, TranslationBlock *tb, void *rw, void *rx,
                     size_t size);
    /* Runs code from tb until it exits; returns the exit value (tb|slot or
     * a TB_EXIT_* code, see tb.h). */
    uintptr_t (*exec)(void *env, TranslationBlock *tb);
    /* Points tb's exit slot n at dest's code (or back at its reset target
     * when dest is NULL).  Must be one atomic store for the x86 backend. */
    void (*set_jump)(TranslationBlock *tb, int n, TranslationBlock *dest);
} TCGBackend;

extern const TCGBackend tcg_backend_x86_64;
extern const TCGBackend tcg_backend_interp;

/* Settings every backend reads. */
extern TCGMemModel tcg_mem_model;

#endif
