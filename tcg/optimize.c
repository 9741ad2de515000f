/* SPDX-License-Identifier: MIT */
/*
 * Forward optimizer: constant propagation and folding, copy propagation,
 * zero-extension tracking and a few algebraic identities, in one linear
 * pass.  Dead code is removed afterwards by tcg_liveness.
 *
 * Facts about a temp (its constant value, the temp it copies, the temp
 * whose low half it zero-extends) carry the version of their source, so
 * redefining a temp invalidates every fact that depends on it in O(1).
 * Facts are dropped at labels (a label can be reached from several
 * places) by bumping an epoch, and facts that involve a global at helper
 * calls that may write globals by bumping a second epoch.
 */
#include <string.h>
#include "tcg-op.h"
#include "eval.h"

typedef struct TempInfo {
    uint32_t epoch;      /* facts below are valid iff == OptState.epoch */
    uint32_t gepoch;     /* 0, or must equal OptState.gepoch (globals) */
    uint32_t ver;        /* bumped whenever the temp is redefined */
    bool is_const;
    bool zext;           /* the upper 32 bits are known to be zero */
    uint64_t val;
    int copy_of;         /* -1, or a temp with the same value ... */
    uint32_t copy_ver;   /* ... as long as it still has this version */
    int low_of;          /* -1, or a temp whose low 32 bits this has */
    uint32_t low_ver;
    int add_of;          /* -1, or a temp this equals plus add_val */
    uint32_t add_ver;
    int64_t add_val;
} TempInfo;

typedef struct OptState {
    TCGContext *s;
    uint32_t epoch, gepoch;
    TempInfo info[TCG_MAX_TEMPS];
} OptState;

static bool is_global(OptState *o, int t)
{
    return o->s->temps[t].kind == TEMP_GLOBAL;
}

static __attribute__((noinline)) TempInfo *info_reset(OptState *o, int t)
{
    TempInfo *i = &o->info[t];
    i->epoch = o->epoch;
    i->gepoch = is_global(o, t) ? o->gepoch : 0;
    i->is_const = o->s->temps[t].kind == TEMP_CONST;
    i->val = (uint64_t)o->s->temps[t].val;
    i->zext = i->is_const && i->val <= 0xffffffffull;
    i->copy_of = i->low_of = i->add_of = -1;
    return i;
}

/* The temp's facts, reset if a label or a call made them stale (the
 * common case is one compare: this runs several times per input). */
static inline __attribute__((always_inline)) TempInfo *info(OptState *o,
                                                            int t)
{
    TempInfo *i = &o->info[t];
    if (__builtin_expect(i->epoch == o->epoch &&
                         (!i->gepoch || i->gepoch == o->gepoch), 1)) {
        return i;
    }
    return info_reset(o, t);
}

static bool is_const(OptState *o, int t) { return info(o, t)->is_const; }
static uint64_t const_val(OptState *o, int t) { return info(o, t)->val; }

static int copy_src(OptState *o, int t)
{
    TempInfo *i = info(o, t);
    if (i->copy_of >= 0 && o->info[i->copy_of].ver == i->copy_ver) {
        return i->copy_of;
    }
    return -1;
}

static int add_src(OptState *o, int t, int64_t *val)
{
    TempInfo *i = info(o, t);
    if (i->add_of >= 0 && o->info[i->add_of].ver == i->add_ver) {
        *val = i->add_val;
        return i->add_of;
    }
    return -1;
}

/* A guest memory op whose address is base + constant takes the constant
 * as its offset (x86: one addressing mode).  MO_ALIGN offsets must keep
 * the alignment (tcg-opc.h), so the address register alone tells it. */
static void fold_mem_offset(OptState *o, TCGOp *op)
{
    int64_t add;
    int base = add_src(o, (int)op->args[1], &add);
    if (base < 0) {
        return;
    }
    MemOp mop = (MemOp)op->args[2];
    int64_t off = (int64_t)(int32_t)op->args[4] + add;
    int64_t amask = (mop & MO_ALIGN) ? (1 << (mop & MO_SIZE)) - 1 : 0;
    if (off != (int32_t)off || (off & amask)) {
        return;
    }
    op->args[1] = (TCGArg)base;
    op->args[4] = (TCGArg)(uint32_t)(int32_t)off;
}

static int low_src(OptState *o, int t)
{
    TempInfo *i = info(o, t);
    if (i->low_of >= 0 && o->info[i->low_of].ver == i->low_ver) {
        return i->low_of;
    }
    return -1;
}

/* t gets a new value: drop its facts and everything derived from it. */
static TempInfo *redefine(OptState *o, int t)
{
    TempInfo *i = info(o, t);
    i->ver++;
    i->is_const = i->zext = false;
    i->copy_of = i->low_of = i->add_of = -1;
    i->gepoch = is_global(o, t) ? o->gepoch : 0;
    return i;
}

/* A fact about t that mentions src: tie it to the global epoch if either
 * is a global (a call may change them). */
static void depends_on(OptState *o, TempInfo *i, int src)
{
    if (is_global(o, src)) {
        i->gepoch = o->gepoch;
    }
}

static void set_args(TCGOp *op, TCGOpcode opc, TCGType type, int no, int ni,
                     int nargs)
{
    op->opc = opc;
    op->type = type;
    op->nb_oargs = (uint8_t)no;
    op->nb_iargs = (uint8_t)ni;
    op->nargs = (uint8_t)nargs;
}

static void make_movi(TCGOp *op, uint64_t v)
{
    set_args(op, INDEX_op_movi, TCG_TYPE_I64, 1, 0, 2);
    op->args[1] = v;
}

static void make_mov(TCGOp *op, TCGArg src)
{
    set_args(op, INDEX_op_mov, TCG_TYPE_I64, 1, 1, 2);
    op->args[1] = src;
}

static void make_ext32u(TCGOp *op, TCGArg src)
{
    set_args(op, INDEX_op_ext32u, TCG_TYPE_I64, 1, 1, 2);
    op->args[1] = src;
}

/* out = in for the op's width: a mov, or a zero-extension for I32 unless
 * the upper half is known to be zero already. */
static void make_copy(OptState *o, TCGOp *op, TCGArg src)
{
    if (op->type == TCG_TYPE_I64 || info(o, (int)src)->zext) {
        make_mov(op, src);
    } else {
        make_ext32u(op, src);
    }
}

static bool commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add: case INDEX_op_mul: case INDEX_op_muluh:
    case INDEX_op_mulsh: case INDEX_op_and: case INDEX_op_or:
    case INDEX_op_xor: case INDEX_op_eqv:
        return true;
    default:
        return false;
    }
}

/* Algebraic identities of binary ops with a constant second input or two
 * equal inputs.  Returns true if the op was rewritten. */
static bool fold_binary(OptState *o, TCGOp *op)
{
    if (op->nb_oargs != 1 || op->nb_iargs != 2 || op->nargs != 3) {
        return false;
    }
    TCGArg a = op->args[1], b = op->args[2];
    uint64_t mask = op->type == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
    if (a == b) {
        switch (op->opc) {
        case INDEX_op_and: case INDEX_op_or:
            make_copy(o, op, a);
            return true;
        case INDEX_op_sub: case INDEX_op_xor:
            make_movi(op, 0);
            return true;
        default:
            return false;
        }
    }
    if (!is_const(o, (int)b)) {
        return false;
    }
    uint64_t v = const_val(o, (int)b) & mask;
    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_or:
    case INDEX_op_xor: case INDEX_op_shl: case INDEX_op_shr:
    case INDEX_op_sar: case INDEX_op_rotl: case INDEX_op_rotr:
        if (v == 0 || (op->opc >= INDEX_op_shl && op->opc <= INDEX_op_rotr &&
                       (v & (mask == ~0ull ? 63 : 31)) == 0)) {
            make_copy(o, op, a);
            return true;
        }
        break;
    case INDEX_op_and:
        if (v == mask) {
            make_copy(o, op, a);
            return true;
        }
        if (v == 0) {
            make_movi(op, 0);
            return true;
        }
        break;
    case INDEX_op_mul:
        if (v == 0) {
            make_movi(op, 0);
            return true;
        }
        if (v == 1) {
            make_copy(o, op, a);
            return true;
        }
        break;
    default:
        break;
    }
    /* x - c = x + (-c): add has a three-operand host form (lea); the new
     * constant needs room for a temp */
    if (op->opc == INDEX_op_sub && o->s->nb_temps < TCG_MAX_TEMPS - 1 &&
        (op->type == TCG_TYPE_I32 || (int64_t)(0 - v) == (int32_t)(0 - v))) {
        op->opc = INDEX_op_add;
        op->args[2] = temp_arg(tcg_constant((int64_t)((0 - v) & mask)));
        return true;
    }
    return false;
}

/* Does the op's result have zero upper 32 bits whatever its inputs? */
static bool result_zext(OptState *o, const TCGOp *op)
{
    if (op->type == TCG_TYPE_I32 && op->opc != INDEX_op_call) {
        return true;
    }
    switch (op->opc) {
    case INDEX_op_setcond: case INDEX_op_ext8u: case INDEX_op_ext16u:
    case INDEX_op_ext32u: case INDEX_op_ld8u: case INDEX_op_ld16u:
    case INDEX_op_ld32u: case INDEX_op_bswap16: case INDEX_op_bswap32:
    case INDEX_op_clz: case INDEX_op_ctz: case INDEX_op_ctpop:
        return true;
    case INDEX_op_extract:
        return op->args[2] + op->args[3] <= 32;
    case INDEX_op_shr:
        return is_const(o, (int)op->args[2]) &&
               (const_val(o, (int)op->args[2]) & 63) >= 32;
    case INDEX_op_and:
        return (is_const(o, (int)op->args[2]) &&
                const_val(o, (int)op->args[2]) <= 0xffffffffull) ||
               info(o, (int)op->args[1])->zext ||
               info(o, (int)op->args[2])->zext;
    case INDEX_op_qemu_ld:
        return (op->args[2] & MO_SIZE) <= MO_32 && !(op->args[2] & MO_SIGN);
    default:
        return false;
    }
}

/* Copies and constants into the inputs; for I32 ops and extensions, the
 * original of a zero-extended value (only its low half is read). */
static void propagate_inputs(OptState *o, TCGContext *s, TCGOp *op)
{
    int no = op->nb_oargs, ni = op->nb_iargs;
    bool low_only = op->type == TCG_TYPE_I32;
    switch (op->opc) {
    case INDEX_op_call: case INDEX_op_bswap64: case INDEX_op_extract:
    case INDEX_op_sextract:
        /* these may read above bit 31 even in their I32 form */
        low_only = false;
        break;
    case INDEX_op_ext32u: case INDEX_op_ext32s:
        low_only = true;
        break;
    default:
        break;
    }
    for (int k = no; k < no + ni; k++) {
        int t = (int)op->args[k];
        int c = copy_src(o, t);
        if (c >= 0) {
            t = c;
        }
        int l = low_only ? low_src(o, t) : -1;
        if (l >= 0) {
            t = l;
        }
        op->args[k] = (TCGArg)t;
        TempInfo *i = info(o, t);
        if (i->is_const && s->temps[t].kind != TEMP_CONST &&
            s->nb_temps < TCG_MAX_TEMPS - 1) {
            op->args[k] = temp_arg(tcg_constant((int64_t)i->val));
        }
    }
    if (op->opc == INDEX_op_qemu_ld || op->opc == INDEX_op_qemu_st) {
        fold_mem_offset(o, op);
    }
}

/* ri = src + val (a chain of such additions collapses to one). */
static void record_add(OptState *o, TempInfo *ri, int src, int64_t val)
{
    int64_t more;
    int base = add_src(o, src, &more);
    if (base >= 0 && (int64_t)(int32_t)(val + more) == val + more &&
        base != (int)(ri - o->info)) {
        src = base;
        val += more;
    }
    ri->add_of = src;
    ri->add_ver = o->info[src].ver;
    ri->add_val = val;
    depends_on(o, ri, src);
}

/* Rewrites and records facts for one op with outputs. */
static void optimize_outputs(OptState *o, TCGOp *op)
{
    int no = op->nb_oargs, ni = op->nb_iargs;
    uint64_t in[6], out[2];
    bool all_const = op->opc != INDEX_op_call && no == 1 && ni <= 4;
    for (int k = 0; k < ni && all_const; k++) {
        all_const = is_const(o, (int)op->args[no + k]);
        in[k] = all_const ? const_val(o, (int)op->args[no + k]) : 0;
    }
    if (all_const && tcg_eval_op((TCGOpcode)op->opc, (TCGType)op->type, in,
                                 &op->args[no + ni], out)) {
        make_movi(op, out[0]);
    } else {
        if (commutative((TCGOpcode)op->opc) && ni == 2 &&
            is_const(o, (int)op->args[1]) && !is_const(o, (int)op->args[2])) {
            TCGArg t = op->args[1];
            op->args[1] = op->args[2];
            op->args[2] = t;
        }
        fold_binary(o, op);
        /* ext32u of a value already zero-extended is a copy */
        if (op->opc == INDEX_op_ext32u && info(o, (int)op->args[1])->zext) {
            make_mov(op, op->args[1]);
        }
        /* an I32 mov zero-extends */
        if (op->opc == INDEX_op_mov && op->type == TCG_TYPE_I32) {
            make_copy(o, op, op->args[1]);
        }
    }
    bool zext = result_zext(o, op);
    for (int k = 0; k < no; k++) {
        redefine(o, (int)op->args[k]);
    }
    int r = (int)op->args[0];
    TempInfo *ri = &o->info[r];
    if (no == 1 && op->opc == INDEX_op_movi) {
        ri->is_const = true;
        ri->val = op->args[1];
        ri->zext = ri->val <= 0xffffffffull;
        return;
    }
    if (no == 1) {
        ri->zext = zext;
    }
    if (op->opc == INDEX_op_mov) {
        int src = (int)op->args[1];
        if (r != src && o->s->temps[src].kind != TEMP_FIXED) {
            ri->copy_of = src;
            ri->copy_ver = o->info[src].ver;
            ri->zext = info(o, src)->zext;
            depends_on(o, ri, src);
        }
    } else if (op->opc == INDEX_op_ext32u && (int)op->args[1] != r) {
        int src = (int)op->args[1];
        ri->low_of = src;
        ri->low_ver = o->info[src].ver;
        depends_on(o, ri, src);
    } else if (op->opc == INDEX_op_add && op->type == TCG_TYPE_I64 &&
               (int)op->args[1] != r && is_const(o, (int)op->args[2])) {
        record_add(o, ri, (int)op->args[1],
                   (int64_t)const_val(o, (int)op->args[2]));
    }
}

void tcg_optimize(TCGContext *s)
{
    static __thread OptState o;
    o.s = s;
    /* a fresh epoch invalidates every fact of the previous block; version
     * counters may keep running */
    o.epoch++;
    o.gepoch++;
    if (o.epoch == 0) {
        memset(o.info, 0, sizeof(o.info));
        o.epoch = o.gepoch = 1;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];

        if (op->opc == INDEX_op_set_label) {
            o.epoch++;
            continue;
        }
        if (op->opc == INDEX_op_nop || op->opc == INDEX_op_insn_start) {
            continue;
        }
        propagate_inputs(&o, s, op);
        if (op->opc == INDEX_op_call &&
            !(op->call->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
            o.gepoch++;
        }
        if (def->flags & TCG_OPF_BB_END) {
            o.epoch++;
        }
        /* a host store into the CPU state may change a global's field */
        if (def->nb_oargs == 0 && op->nb_iargs == 2 &&
            (op->opc == INDEX_op_st || op->opc == INDEX_op_st32 ||
             op->opc == INDEX_op_st16 || op->opc == INDEX_op_st8) &&
            s->temps[op->args[1]].kind == TEMP_FIXED) {
            o.gepoch++;
        }
        if (op->nb_oargs > 0) {
            optimize_outputs(&o, op);
        }
    }
}
