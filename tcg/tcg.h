/* SPDX-License-Identifier: MIT */
/*
 * TCG core types: temps, ops, labels, helper descriptions and the
 * per-thread translation context.  This header is private to tcg/ and the
 * backends; guest front ends use tcg-op.h (which includes this) and never
 * touch the fields marked "backend".
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t TCGArg;

typedef enum TCGType { TCG_TYPE_I32 = 0, TCG_TYPE_I64 = 1 } TCGType;

/* Op flags used in tcg-opc.h. */
enum {
    TCG_OPF_BB_END = 0x01,      /* ends a basic block */
    TCG_OPF_CALL_CLOBBER = 0x02, /* clobbers call-clobbered host regs */
    TCG_OPF_SIDE_EFFECTS = 0x04, /* never removed as dead */
    TCG_OPF_NOT_PRESENT = 0x08, /* emits no host code by itself */
    TCG_OPF_COND_BRANCH = 0x10,
    TCG_OPF_BB_EXIT = 0x20,     /* leaves the translation block */
    TCG_OPF_VARARGS = 0x40,     /* operand counts come from the op */
};

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/* Conditions.  The low bit inverts (EQ^1 == NE, LT^1 == GE, ...). */
typedef enum TCGCond {
    TCG_COND_NEVER = 0, TCG_COND_ALWAYS = 1,
    TCG_COND_EQ = 2, TCG_COND_NE = 3,
    TCG_COND_LT = 4, TCG_COND_GE = 5,
    TCG_COND_LE = 6, TCG_COND_GT = 7,
    TCG_COND_LTU = 8, TCG_COND_GEU = 9,
    TCG_COND_LEU = 10, TCG_COND_GTU = 11,
    TCG_COND_TSTEQ = 12, TCG_COND_TSTNE = 13, /* (a & b) == 0 / != 0 */
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c) { return (TCGCond)(c ^ 1); }
/* Condition that holds for (b, a) when c holds for (a, b). */
TCGCond tcg_swap_cond(TCGCond c);
/* Evaluates a condition on two values of the given width. */
bool tcg_cond_eval(TCGCond c, uint64_t a, uint64_t b, TCGType type);

/* Guest memory operation descriptor (the qemu_ld/qemu_st carg). */
typedef enum MemOp {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3, MO_128 = 4,
    MO_SIZE = 7,
    MO_SIGN = 8,      /* sign-extend the loaded value to the op width */
    MO_BSWAP = 16,    /* big-endian access (guest is little-endian) */
    MO_ALIGN = 32,    /* fault unless aligned to the access size */
    MO_UB = MO_8, MO_UW = MO_16, MO_UL = MO_32, MO_UQ = MO_64,
    MO_SB = MO_8 | MO_SIGN, MO_SW = MO_16 | MO_SIGN, MO_SL = MO_32 | MO_SIGN,
} MemOp;

/* Barrier kinds for the mb op. */
enum {
    TCG_MO_LD_LD = 1, TCG_MO_ST_LD = 2, TCG_MO_LD_ST = 4, TCG_MO_ST_ST = 8,
    TCG_MO_ALL = 15,
};

typedef enum TCGTempKind {
    TEMP_TB,      /* lives within one translation block (across labels) */
    TEMP_GLOBAL,  /* backed by a field of the CPU state, lives across blocks */
    TEMP_FIXED,   /* pinned to a host register (env) */
    TEMP_CONST,   /* a constant, read-only */
} TCGTempKind;

typedef struct TCGTemp {
    uint8_t kind;         /* TCGTempKind */
    uint8_t type;         /* natural width, for dumps */
    bool dead;            /* TEMP_TB freed for reuse */
    int64_t val;          /* TEMP_CONST */
    int32_t mem_offset;   /* TEMP_GLOBAL: offset in the CPU state */
    const char *name;     /* TEMP_GLOBAL / TEMP_FIXED */
    /* backend and optimizer scratch, reset per block */
    int32_t reg;          /* host register or -1 */
    int32_t slot;         /* spill slot or -1 */
    uint32_t state;
    uint32_t aux;
} TCGTemp;

typedef TCGTemp *TCGv;

/* Helper call descriptions: every argument is passed as a 64-bit integer or
 * a pointer in the host ABI; i32 values are zero-extended by the caller. */
enum {
    TCG_CALL_NO_READ_GLOBALS = 1,  /* does not read guest globals */
    TCG_CALL_NO_WRITE_GLOBALS = 2, /* does not write guest globals */
    TCG_CALL_NO_SIDE_EFFECTS = 4,  /* pure: may be removed if unused */
    TCG_CALL_NO_RWG = 3,
    TCG_CALL_PURE = 7,
};

enum { TCG_CALL_ARG_I64 = 0, TCG_CALL_ARG_I32 = 1, TCG_CALL_ARG_PTR = 2 };

#define TCG_MAX_CALL_ARGS 6
typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    uint8_t flags;
    uint8_t nargs;
    bool has_ret;                         /* returns uint64_t */
    uint8_t arg_kind[TCG_MAX_CALL_ARGS];  /* TCG_CALL_ARG_* (for libffi) */
} TCGHelperInfo;

#define TCG_MAX_OP_ARGS 10
typedef struct TCGOp {
    uint16_t opc;      /* TCGOpcode */
    uint8_t type;      /* TCGType */
    uint8_t nargs;     /* used args */
    uint8_t nb_oargs, nb_iargs; /* for calls; copied from defs otherwise */
    uint16_t life;     /* liveness: bit k set = arg k dies here (an input
                          not needed afterwards, or an output nobody
                          reads); a repeated input dies at its last slot */
    uint16_t gdead;    /* liveness, global args: bit k set = the value is
                          needed neither by a later read nor in the CPU
                          state at a later sync point (so no store) */
    const TCGHelperInfo *call; /* INDEX_op_call */
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

typedef struct TCGLabel {
    int id;
    int op_index;       /* index of its set_label op */
    bool used;
    /* backend: host offset once bound, and pending relocations */
    intptr_t host_off;
    int nb_relocs;
    int relocs[16];
} TCGLabel;

#define TCG_MAX_TEMPS 1024
#define TCG_MAX_OPS 8192
#define TCG_MAX_LABELS 512
#define TCG_MAX_INSNS 512

typedef struct TCGContext {
    /* temps: globals first (persist across blocks), then per-block temps */
    TCGTemp temps[TCG_MAX_TEMPS];
    int nb_globals;
    int nb_temps;
    TCGv env;                 /* TEMP_FIXED: the CPU state pointer */
    TCGOp ops[TCG_MAX_OPS];
    int nb_ops;
    TCGLabel labels[TCG_MAX_LABELS];
    int nb_labels;
    bool overflow;            /* ran out of ops/temps/labels: retry smaller */

    /* insn_start bookkeeping filled by the backend */
    int nb_insns;
    uint32_t insn_end_off[TCG_MAX_INSNS]; /* host offset after insn i */
    uint64_t insn_data[TCG_MAX_INSNS][2];

    /* filled by the front end for goto_lookup / restores */
    uint32_t tb_flags;
    /* set by the front end: every guest load/store first calls the
     * watchpoint check (tcg/debug.h) */
    bool mem_watch;
} TCGContext;

extern __thread TCGContext *tcg_ctx;

static inline int temp_idx(TCGv t) { return (int)(t - tcg_ctx->temps); }
static inline TCGv arg_temp(TCGArg a) { return &tcg_ctx->temps[a]; }
static inline TCGArg temp_arg(TCGv t) { return (TCGArg)temp_idx(t); }

/* Does the op need every global's current value in the CPU state (it may
 * fault, leave the block, or run a helper that sees globals)?  The
 * register allocator writes dirty globals back before such ops. */
static inline bool tcg_op_syncs_globals(const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_call:
        return (op->call->flags & TCG_CALL_NO_RWG) != TCG_CALL_NO_RWG;
    case INDEX_op_qemu_ld: case INDEX_op_qemu_st:
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
    case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
    case INDEX_op_ld: case INDEX_op_st8: case INDEX_op_st16:
    case INDEX_op_st32: case INDEX_op_st:
        return true;
    default:
        return tcg_op_defs[op->opc].flags & (TCG_OPF_BB_END | TCG_OPF_BB_EXIT);
    }
}

/* Context life cycle. */
TCGContext *tcg_context_new(void);
void tcg_func_start(TCGContext *s);
TCGv tcg_global_mem_new(int32_t offset, const char *name);

/* Passes. */
void tcg_optimize(TCGContext *s);
void tcg_liveness(TCGContext *s);
void tcg_dump_ops(TCGContext *s, void *file);
const char *tcg_cond_name(TCGCond c);

#endif
