/* SPDX-License-Identifier: MIT */
/*
 * Private interface between the files of the x86-64 backend:
 *   emit.c      instruction encoder
 *   regalloc.c  register allocator (reads only the constraints below),
 *               helper calls, sync/spill of globals and temps
 *   ops.c       one emitter per IR op and the constraint table
 *   mem.c       guest memory: guest_base and softmmu fast paths, slow paths
 *   backend.c   prologue/epilogue, gen_code driver, control flow, chaining
 *
 * Register conventions: env lives in rbp, guest_base in r15 (user mode
 * only; system mode allocates r15), rsp points at a frame of spill slots
 * and is 16-byte aligned inside generated code.
 */
#ifndef TCG_X86_64_X86_H
#define TCG_X86_64_X86_H

#include "tcg/tcg.h"
#include "tcg/tb.h"
#include "emit.h"

#define REG_ENV R_BP
#define REG_GUEST_BASE R_15
/* SysV caller-saved registers */
#define CALL_CLOBBERED ((1u << R_AX) | (1u << R_CX) | (1u << R_DX) | \
    (1u << R_SI) | (1u << R_DI) | (1u << R_8) | (1u << R_9) | \
    (1u << R_10) | (1u << R_11))
#define CALLEE_SAVED ((1u << R_BX) | (1u << R_BP) | (1u << R_12) | \
    (1u << R_13) | (1u << R_14) | (1u << R_15))

/* One spill slot per temp index; the frame also keeps rsp aligned. */
#define FRAME_SLOTS TCG_MAX_TEMPS
#define FRAME_SIZE (FRAME_SLOTS * 8 + 8)

/* CPU features found by cpuid (tests may clear bits to force fallbacks). */
typedef struct X86Features {
    bool lzcnt, bmi1, bmi2, popcnt, movbe;
} X86Features;
extern X86Features x86_features;
extern bool x86_features_override;  /* tests: init() keeps x86_features */

/* ---- constraints ---- */

enum {
    CONS_CONST_S32 = 1,  /* a constant that fits a sign-extended imm32 */
    CONS_CONST_ANY = 2,  /* any constant (the emitter copes) */
    CONS_NEWREG = 4,     /* output: must not share a register with inputs */
    CONS_ADDR = 8,       /* constant checked as a 64-bit address */
};

typedef struct X86ArgCons {
    uint16_t regs;       /* allowed registers */
    int8_t alias;        /* input: output index sharing its register, -1 */
    uint8_t flags;       /* CONS_* */
} X86ArgCons;

#define X86_MAX_CONS_ARGS 6
typedef struct X86OpCons {
    X86ArgCons args[X86_MAX_CONS_ARGS]; /* outputs, then inputs */
    uint16_t clobber;    /* registers the emitter destroys */
    uint8_t nb_scratch;  /* extra registers handed to the emitter */
    bool sync_globals;   /* store dirty globals first (may fault/leave) */
} X86OpCons;

/* What an emitter receives: per temp arg a register or a constant, then
 * the op's constant args unchanged. */
typedef struct X86Args {
    int64_t v[TCG_MAX_OP_ARGS];
    bool is_const[TCG_MAX_OP_ARGS];
    int scratch[3];
    uint16_t live_regs;  /* registers holding values that survive the op */
} X86Args;

typedef struct X86Ctx X86Ctx;
typedef void X86EmitFn(X86Ctx *x, TCGType type, const X86Args *a);

typedef struct X86OpDef {
    const char *cons[X86_MAX_CONS_ARGS];
    const char *clobber;
    uint8_t nb_scratch;
    bool sync_globals;
    X86EmitFn *emit;
} X86OpDef;

/* ---- out-of-line code emitted after the block body ---- */

enum { STUB_EXIT_REQ, STUB_SLOW_LD, STUB_SLOW_ST, STUB_UNALIGNED };

typedef struct X86Stub {
    uint8_t kind;
    uint8_t type;           /* TCGType of the access */
    uint16_t save_regs;     /* caller-saved registers live across */
    int8_t addr, data;      /* registers (data: -1 for a constant) */
    int32_t disp;           /* STUB_UNALIGNED: added to addr */
    uint32_t memop, mmu_idx;
    uint64_t data_const;
    size_t jumps[2];        /* rel32 fields of the branches here */
    int nb_jumps;
    size_t ret_off;         /* where to continue in the block */
    size_t insn_off;        /* an offset inside the guest insn (restores) */
} X86Stub;

#define X86_MAX_STUBS 2048
#define X86_MAX_RELOCS TCG_MAX_OPS

/* Temp state bits in TCGTemp.state. */
#define TS_MEM 1             /* the memory copy (env or slot) is current */

struct X86Ctx {
    CodeBuf cb;
    TCGContext *s;
    TranslationBlock *tb;
    TCGOp *op;
    int16_t reg_temp[16];      /* temp index held by each register, -1 */
    uint16_t alloc_regs;       /* registers the allocator may hand out */
    uint16_t locked;           /* in use by the current op */
    int next_slot;
    bool unreachable;          /* after br/exit_tb/goto_lookup */
    bool failed;               /* ran out of code space or tables */
    size_t call_ret_off;       /* offset just after the last call */
    size_t stub_reserve;       /* bytes promised to pending stubs */
    int nb_stubs;
    X86Stub stubs[X86_MAX_STUBS];
    int label_head[TCG_MAX_LABELS];     /* pending relocations, -1 */
    uint8_t label_refs[TCG_MAX_LABELS]; /* branches to each label (max 2) */
    /* a conditional branch whose only target label starts with goto_tb:
     * its jcc becomes that slot's patchable jump (backend.c) */
    int fuse_label;
    size_t fuse_field;
    int last_bound;
    intptr_t label_bound[TCG_MAX_LABELS]; /* buffer offset once bound, -1 */
    int nb_relocs;
    struct { size_t field; int next; } relocs[X86_MAX_RELOCS];
};

/* backend.c */
extern uintptr_t x86_epilogue;   /* RX address of the epilogue */
void x86_jmp_epilogue(CodeBuf *cb);
extern TCGMemModel x86_mem_model;
void x86_branch_to_label(X86Ctx *x, int cc, int label);

/* regalloc.c */
void ra_begin_block(X86Ctx *x);
void ra_discard(X86Ctx *x, TCGOp *op);
void ra_op(X86Ctx *x, TCGOp *op);
void ra_mov(X86Ctx *x, TCGOp *op);
void ra_movi(X86Ctx *x, TCGOp *op);
void ra_call(X86Ctx *x, TCGOp *op);
void ra_env_access(X86Ctx *x, TCGOp *op, bool store, int size);
void ra_sync_globals(X86Ctx *x);
void ra_sync_all(X86Ctx *x, uint16_t skip);
void ra_forget_all(X86Ctx *x);
bool ra_parse_cons(const X86OpDef *d, const TCGOpDef *def, X86OpCons *c,
                   TCGType type);
void ra_parallel_moves(CodeBuf *cb, const int *dst, const int *src, int n);
int32_t ra_slot_off(X86Ctx *x, TCGTemp *t);

/* ops.c: the constraint and emitter tables, built by x86_init_ops() from
 * the CPU features and the memory model */
extern X86OpCons x86_cons[NB_OPS];
extern X86EmitFn *x86_emit_fn[NB_OPS];
void x86_init_ops(void);
int x86_cond_cc(TCGCond c);
void x86_emit_cmp(X86Ctx *x, TCGType type, TCGCond c, const X86Args *a,
                  int ia, int ib);
/* backend.c emitters referenced by the table */
void x86_emit_goto_lookup(X86Ctx *x, TCGType type, const X86Args *a);

/* mem.c */
void x86_emit_qemu_ld(X86Ctx *x, TCGType type, const X86Args *a);
void x86_emit_qemu_st(X86Ctx *x, TCGType type, const X86Args *a);
void x86_emit_stubs(X86Ctx *x);
X86Stub *x86_new_stub(X86Ctx *x, int kind);
X86OpDef x86_qemu_ld_def(void);
X86OpDef x86_qemu_st_def(void);

static inline bool x86_w(TCGType t) { return t == TCG_TYPE_I64; }

#endif
