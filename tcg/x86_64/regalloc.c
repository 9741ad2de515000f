/* SPDX-License-Identifier: MIT */
/*
 * Register allocator of the x86-64 backend.  One forward pass over the
 * block: every op's temp arguments are placed according to the op's
 * constraints (x86.h, built from the strings in ops.c), the op's emitter
 * runs, and the outputs become the new homes of their temps.
 *
 * State: each temp is in at most one host register (TCGTemp.reg) and has
 * a memory copy (env field for globals, a frame slot for block temps)
 * that is current when TS_MEM is set.  Globals are loaded on first use and
 * written back only when dirty: at basic-block ends, before guest memory
 * ops (so a fault sees exact guest state), and before helper calls that
 * may read or write them.  At a label every value is in memory (all paths
 * into it synced first), so the register file starts empty there.
 */
#include <stdio.h>
#include <stdlib.h>
#include "x86.h"

/* Allocation orders: long-lived globals prefer callee-saved registers
 * (they survive helper calls), block temps the caller-saved ones; rax,
 * rcx and rdx come late because div, mul and shifts want them. */
static const int8_t order_globals[] = {
    R_BX, R_12, R_13, R_14, R_15, R_10, R_11, R_9, R_8, R_SI, R_DI,
    R_AX, R_DX, R_CX,
};
static const int8_t order_temps[] = {
    R_10, R_11, R_9, R_8, R_SI, R_DI, R_AX, R_DX, R_CX, R_BX, R_12,
    R_13, R_14, R_15,
};
#define NB_ORDER ((int)sizeof(order_globals))

static TCGTemp *reg_t(X86Ctx *x, int r)
{
    return x->reg_temp[r] < 0 ? NULL : &x->s->temps[x->reg_temp[r]];
}

static void reg_assign(X86Ctx *x, int r, TCGTemp *t)
{
    x->reg_temp[r] = (int16_t)(t - x->s->temps);
    t->reg = r;
}

static void reg_release(X86Ctx *x, int r)
{
    TCGTemp *t = reg_t(x, r);
    if (t) {
        t->reg = -1;
        x->reg_temp[r] = -1;
    }
}

int32_t ra_slot_off(X86Ctx *x, TCGTemp *t)
{
    if (t->slot < 0) {
        if (x->next_slot >= FRAME_SLOTS) {
            x->failed = true;
            return 0;
        }
        t->slot = x->next_slot++;
    }
    return t->slot * 8;
}

/* Writes register r (holding t) to t's memory copy. */
static void temp_store(X86Ctx *x, TCGTemp *t, int r)
{
    if (t->kind == TEMP_GLOBAL) {
        x86_st(&x->cb, true, r, REG_ENV, t->mem_offset);
    } else {
        x86_st(&x->cb, true, r, R_SP, ra_slot_off(x, t));
    }
    t->state |= TS_MEM;
}

/* Puts t's value into r without changing where t lives. */
static void temp_load_into(X86Ctx *x, TCGTemp *t, int r)
{
    switch (t->kind) {
    case TEMP_CONST:
        x86_movi(&x->cb, r, (uint64_t)t->val);
        break;
    case TEMP_FIXED:
        x86_mov_rr(&x->cb, true, r, REG_ENV);
        break;
    case TEMP_GLOBAL:
        if (t->reg >= 0) {
            x86_mov_rr(&x->cb, true, r, t->reg);
        } else {
            x86_ld(&x->cb, true, r, REG_ENV, t->mem_offset);
        }
        break;
    default:
        if (t->reg >= 0) {
            x86_mov_rr(&x->cb, true, r, t->reg);
        } else {
            x86_ld(&x->cb, true, r, R_SP, ra_slot_off(x, t));
        }
        break;
    }
}

static bool temp_clean(const TCGTemp *t) { return t->state & TS_MEM; }

/* Frees register r: its value goes to memory unless already there. */
static void reg_spill(X86Ctx *x, int r)
{
    TCGTemp *t = reg_t(x, r);
    if (t) {
        if (!temp_clean(t)) {
            temp_store(x, t, r);
        }
        reg_release(x, r);
    }
}

static int reg_find_free(X86Ctx *x, uint16_t cand, const int8_t *order)
{
    for (int i = 0; i < NB_ORDER; i++) {
        int r = order[i];
        if ((cand & (1u << r)) && x->reg_temp[r] < 0) {
            return r;
        }
    }
    return -1;
}

/* A register from allowed that is not locked; spills a victim if none is
 * free, preferring one whose memory copy is current (no store). */
static int reg_pick(X86Ctx *x, uint16_t allowed, bool global)
{
    const int8_t *order = global ? order_globals : order_temps;
    uint16_t cand = allowed & x->alloc_regs & ~x->locked;
    int r = reg_find_free(x, cand, order);
    if (r >= 0) {
        return r;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < NB_ORDER; i++) {
            r = order[i];
            if ((cand & (1u << r)) && (pass || temp_clean(reg_t(x, r)))) {
                reg_spill(x, r);
                return r;
            }
        }
    }
    fprintf(stderr, "mimic: x86 backend: no register left (mask %#x)\n",
            allowed);
    abort();
}

/* Empties register r (not locked) by moving its value to a free register
 * outside avoid, or by spilling it. */
static void reg_evict(X86Ctx *x, int r, uint16_t avoid)
{
    TCGTemp *t = reg_t(x, r);
    if (!t) {
        return;
    }
    uint16_t cand = x->alloc_regs & ~x->locked & ~avoid & ~(1u << r);
    int r2 = reg_find_free(x, cand, t->kind == TEMP_GLOBAL ? order_globals
                                                           : order_temps);
    if (r2 >= 0) {
        x86_mov_rr(&x->cb, true, r2, r);
        reg_release(x, r);
        reg_assign(x, r2, t);
    } else {
        reg_spill(x, r);
    }
}

void ra_begin_block(X86Ctx *x)
{
    TCGContext *s = x->s;
    for (int r = 0; r < 16; r++) {
        x->reg_temp[r] = -1;
    }
    for (int i = 0; i < s->nb_temps; i++) {
        s->temps[i].reg = -1;
        s->temps[i].slot = -1;
        s->temps[i].state = TS_MEM;
    }
    s->temps[0].reg = REG_ENV;  /* TEMP_FIXED env, never in reg_temp */
    x->locked = 0;
    x->next_slot = 0;
}

void ra_sync_globals(X86Ctx *x)
{
    for (int r = 0; r < 16; r++) {
        TCGTemp *t = reg_t(x, r);
        if (t && t->kind == TEMP_GLOBAL && !temp_clean(t)) {
            temp_store(x, t, r);
        }
    }
}

void ra_sync_all(X86Ctx *x, uint16_t skip)
{
    for (int r = 0; r < 16; r++) {
        TCGTemp *t = reg_t(x, r);
        if (t && !(skip & (1u << r)) && !temp_clean(t)) {
            temp_store(x, t, r);
        }
    }
}

void ra_forget_all(X86Ctx *x)
{
    for (int r = 0; r < 16; r++) {
        reg_release(x, r);
    }
}

/* ---- per-op helpers ---- */

static bool arg_dead(const TCGOp *op, int k) { return op->life & (1u << k); }

/* Liveness marks only the last mention of a repeated input as dying. */
static bool temp_dies(const TCGOp *op, TCGArg t)
{
    for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
        if (op->args[k] == t && arg_dead(op, k)) {
            return true;
        }
    }
    return false;
}

static bool temp_is_output(const TCGOp *op, TCGArg t)
{
    for (int k = 0; k < op->nb_oargs; k++) {
        if (op->args[k] == t) {
            return true;
        }
    }
    return false;
}

/* Liveness says the global input's value is not needed after this op,
 * not even in env. */
static bool global_dead_after(const TCGOp *op, TCGArg t)
{
    for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
        if (op->args[k] == t && (op->gdead & (1u << k))) {
            return true;
        }
    }
    return false;
}

/* Drops t's register because t is not read again in this block.  A dirty
 * global is written back first, unless this op overwrites it anyway or
 * nothing will look at env before its next write. */
static void temp_retire(X86Ctx *x, const TCGOp *op, TCGTemp *t)
{
    if (t->reg < 0 || t->kind == TEMP_FIXED || t->kind == TEMP_CONST) {
        return;
    }
    TCGArg ti = (TCGArg)(t - x->s->temps);
    if (t->kind == TEMP_GLOBAL && !temp_clean(t) &&
        !temp_is_output(op, ti) && !global_dead_after(op, ti)) {
        temp_store(x, t, t->reg);
    }
    if (t->kind == TEMP_GLOBAL) {
        t->state |= TS_MEM;
    }
    reg_release(x, t->reg);
}

/* discard: the global's register copy goes without a store. */
void ra_discard(X86Ctx *x, TCGOp *op)
{
    TCGTemp *t = arg_temp(op->args[0]);
    if (t->reg >= 0) {
        reg_release(x, t->reg);
    }
    t->state |= TS_MEM;
}

static bool const_ok(const X86ArgCons *ac, int64_t v, TCGType type)
{
    if (ac->flags & CONS_CONST_ANY) {
        return true;
    }
    if (ac->flags & CONS_ADDR) {
        return fits_s32(v);
    }
    if (ac->flags & CONS_CONST_S32) {
        return type == TCG_TYPE_I32 || fits_s32(v);
    }
    return false;
}

static bool single_reg(uint16_t m) { return m && !(m & (m - 1)); }

/* Moves the home of the temp in r to a new register and rewrites the
 * op's other input slots that used r; r keeps its value for the op. */
static void relocate(X86Ctx *x, X86Args *a, int r, int skip_slot,
                     uint16_t avoid)
{
    TCGTemp *t = reg_t(x, r);
    uint16_t saved = x->locked;
    x->locked |= avoid | (1u << r);
    int r2 = reg_pick(x, x->alloc_regs, t->kind == TEMP_GLOBAL);
    x->locked = saved | (1u << r2);
    x86_mov_rr(&x->cb, true, r2, r);
    reg_release(x, r);
    reg_assign(x, r2, t);
    const TCGOp *op = x->op;
    for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
        if (k != skip_slot && !a->is_const[k] && a->v[k] == r) {
            a->v[k] = r2;
        }
    }
}

/* Makes fixed register r available for input slot k. */
static void make_room(X86Ctx *x, X86Args *a, int r, int k)
{
    if (x->reg_temp[r] < 0) {
        return;
    }
    if (x->locked & (1u << r)) {
        relocate(x, a, r, k, 0);
        x->locked &= ~(1u << r);
    } else {
        reg_evict(x, r, 0);
    }
}

/* Pass 1 leaves inputs that already sit in a fitting register there (and
 * takes constants as immediates); pass 2 loads the others, fixed-register
 * constraints first so that "any register" inputs do not take their spot.
 * A loaded register becomes the temp's home only if the op leaves it
 * intact; otherwise it is a copy. */
static uint16_t place_inputs(X86Ctx *x, const X86OpCons *c, X86Args *a)
{
    const TCGOp *op = x->op;
    int no = op->nb_oargs, ni = op->nb_iargs;
    uint16_t in_regs = 0;
    bool done[TCG_MAX_OP_ARGS] = { false };

    for (int k = no; k < no + ni; k++) {
        TCGTemp *t = arg_temp(op->args[k]);
        const X86ArgCons *ac = &c->args[k];
        a->is_const[k] = false;
        if (t->kind == TEMP_CONST && const_ok(ac, t->val, op->type)) {
            a->is_const[k] = true;
            a->v[k] = t->val;
            done[k] = true;
        } else if (t->reg >= 0 && ((ac->regs & (1u << t->reg)) ||
                   (t->kind == TEMP_FIXED && ac->alias < 0 &&
                    !single_reg(ac->regs)))) {
            a->v[k] = t->reg;
            x->locked |= 1u << t->reg;
            done[k] = true;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int k = no; k < no + ni; k++) {
            const X86ArgCons *ac = &c->args[k];
            if (done[k] || single_reg(ac->regs) != (pass == 0)) {
                continue;
            }
            TCGTemp *t = arg_temp(op->args[k]);
            int r;
            if (single_reg(ac->regs)) {
                r = __builtin_ctz(ac->regs);
                make_room(x, a, r, k);
            } else {
                r = reg_pick(x, ac->regs, t->kind == TEMP_GLOBAL);
            }
            bool keeps = ac->alias < 0 && !(c->clobber & (1u << r));
            int old = t->reg;
            temp_load_into(x, t, r);
            if (keeps && (t->kind == TEMP_GLOBAL || t->kind == TEMP_TB)) {
                if (old >= 0 && !(x->locked & (1u << old))) {
                    reg_release(x, old);
                    reg_assign(x, r, t);
                } else if (old < 0) {
                    reg_assign(x, r, t);
                }
            }
            a->v[k] = r;
            x->locked |= 1u << r;
            done[k] = true;
        }
    }
    for (int k = no; k < no + ni; k++) {
        if (!a->is_const[k]) {
            in_regs |= 1u << a->v[k];
        }
    }
    return in_regs;
}

/* An input aliased to an output donates its register: directly when its
 * temp dies here and no other slot reads that register, else after the
 * temp's home moved elsewhere.  Returns the output registers fixed so. */
static void place_aliases(X86Ctx *x, const X86OpCons *c, X86Args *a,
                          int *out_reg)
{
    const TCGOp *op = x->op;
    int no = op->nb_oargs, ni = op->nb_iargs;
    for (int k = no; k < no + ni; k++) {
        int o = c->args[k].alias;
        if (o < 0) {
            continue;
        }
        int r = (int)a->v[k];
        TCGTemp *t = reg_t(x, r);
        if (t) {
            bool shared = false;
            for (int j = no; j < no + ni; j++) {
                shared |= j != k && !a->is_const[j] && a->v[j] == r;
            }
            if (temp_dies(op, op->args[k]) && !shared) {
                temp_retire(x, op, t);
            } else {
                relocate(x, a, r, k, c->clobber);
            }
        }
        out_reg[o] = r;
    }
}

/* Clobbered registers (fixed outputs included) are emptied; an input that
 * lives there and survives the op gets a new home. */
static void place_clobbers(X86Ctx *x, const X86OpCons *c, X86Args *a)
{
    for (uint16_t m = c->clobber; m; m &= m - 1) {
        int r = __builtin_ctz(m);
        TCGTemp *t = reg_t(x, r);
        if (t && (x->locked & (1u << r))) {
            if (temp_dies(x->op, (TCGArg)(t - x->s->temps))) {
                temp_retire(x, x->op, t);
            } else {
                relocate(x, a, r, -1, c->clobber);
                /* the slot of this input still reads r: the value is
                 * there until the emitter clobbers it */
                for (int k = x->op->nb_oargs;
                     k < x->op->nb_oargs + x->op->nb_iargs; k++) {
                    if (arg_temp(x->op->args[k]) == t &&
                        (c->args[k].regs & (1u << r))) {
                        a->v[k] = r;
                    }
                }
            }
        } else if (t) {
            reg_evict(x, r, c->clobber);
        }
        x->locked |= 1u << r;
    }
}

static int pick_output(X86Ctx *x, const X86ArgCons *ac, TCGTemp *t,
                       uint16_t in_regs, uint16_t freed, int pref)
{
    uint16_t allowed = ac->regs & x->alloc_regs;
    if (single_reg(ac->regs)) {
        return __builtin_ctz(ac->regs);
    }
    if (ac->flags & CONS_NEWREG) {
        freed = 0;
        allowed &= ~in_regs;
    }
    /* a consumed input register first (two-address forms need no mov) */
    if (pref >= 0 && (freed & allowed & (1u << pref))) {
        return pref;
    }
    for (int r = 0; r < 16; r++) {
        if (freed & allowed & (1u << r)) {
            return r;
        }
    }
    if (t->reg >= 0 && (allowed & (1u << t->reg)) &&
        !(x->locked & (1u << t->reg))) {
        return t->reg;
    }
    return reg_pick(x, allowed, t->kind == TEMP_GLOBAL);
}

/* Global output k's value is needed neither by a read nor in env (an
 * overwrite or a discard comes before the next sync point). */
static bool out_overwritten(X86Ctx *x, const TCGOp *op, int k)
{
    (void)x;
    return op->gdead & (1u << k);
}

/* Output k of op (now in t's register) is not read again in this block.
 * A global still has to reach env, unless a later write replaces it
 * before anything could observe env. */
static void retire_output(X86Ctx *x, const TCGOp *op, int k, TCGTemp *t)
{
    if (t->kind == TEMP_GLOBAL) {
        if (!out_overwritten(x, op, k)) {
            temp_store(x, t, t->reg);
        }
        t->state |= TS_MEM;
    }
    reg_release(x, t->reg);
}

static void finish_outputs(X86Ctx *x, const X86Args *a)
{
    const TCGOp *op = x->op;
    for (int k = 0; k < op->nb_oargs; k++) {
        TCGTemp *t = arg_temp(op->args[k]);
        int r = (int)a->v[k];
        if (t->reg >= 0 && t->reg != r) {
            reg_release(x, t->reg);
        }
        reg_release(x, r);
        reg_assign(x, r, t);
        t->state &= ~TS_MEM;
        if (arg_dead(op, k)) {
            retire_output(x, op, k, t);
        }
    }
}

/* The generic path: constraints in, emitter called, outputs recorded. */
void ra_op(X86Ctx *x, TCGOp *op)
{
    const X86OpCons *c = &x86_cons[op->opc];
    int no = op->nb_oargs, ni = op->nb_iargs;
    X86Args a;
    int out_reg[2] = { -1, -1 };

    x->op = op;
    x->locked = 0;
    uint16_t in_regs = place_inputs(x, c, &a);
    place_aliases(x, c, &a, out_reg);
    place_clobbers(x, c, &a);
    if (c->sync_globals) {
        ra_sync_globals(x);
    }
    /* inputs not read after this op free their registers for outputs;
     * registers that held copies are free as well */
    uint16_t freed = 0;
    for (int k = no; k < no + ni; k++) {
        if (a.is_const[k]) {
            continue;
        }
        TCGTemp *t = arg_temp(op->args[k]);
        int r = (int)a.v[k];
        if (x->reg_temp[r] < 0 || reg_t(x, r) != t) {
            if (r != REG_ENV && !(x->reg_temp[r] >= 0)) {
                freed |= 1u << r;
            }
            continue;
        }
        if (temp_dies(op, op->args[k])) {
            temp_retire(x, op, t);
            freed |= 1u << r;
        }
    }
    for (int i = 0; i < 2; i++) {
        if (out_reg[i] >= 0) {
            freed &= ~(1u << out_reg[i]);
        }
    }
    freed &= ~c->clobber;
    if (op->opc == INDEX_op_brcond) {
        ra_sync_all(x, 0);
    }
    for (int k = 0; k < no; k++) {
        int r = out_reg[k];
        if (r < 0) {
            int pref = ni && !a.is_const[no] ? (int)a.v[no] : -1;
            r = pick_output(x, &c->args[k], arg_temp(op->args[k]), in_regs,
                            freed, pref);
        }
        freed &= ~(1u << r);
        x->locked |= 1u << r;
        a.v[k] = r;
        a.is_const[k] = false;
    }
    x->locked |= in_regs;
    for (int i = 0; i < c->nb_scratch; i++) {
        a.scratch[i] = reg_pick(x, x->alloc_regs, false);
        x->locked |= 1u << a.scratch[i];
    }
    /* what a slow path must preserve: homes other than the outputs' */
    a.live_regs = 0;
    for (int r = 0; c->sync_globals && r < 16; r++) {
        if (x->reg_temp[r] >= 0 && !temp_is_output(op, (TCGArg)
                                                   x->reg_temp[r])) {
            a.live_regs |= 1u << r;
        }
    }
    for (int k = no + ni; k < op->nargs; k++) {
        a.v[k] = (int64_t)op->args[k];
        a.is_const[k] = true;
    }
    x86_emit_fn[op->opc](x, (TCGType)op->type, &a);
    finish_outputs(x, &a);
    x->locked = 0;
}

/* The output of mov/movi: register r now holds t's new value. */
static void set_output(X86Ctx *x, const TCGOp *op, TCGTemp *t, int r)
{
    if (t->reg >= 0 && t->reg != r) {
        reg_release(x, t->reg);
    }
    reg_assign(x, r, t);
    t->state &= ~TS_MEM;
    if (arg_dead(op, 0)) {
        retire_output(x, op, 0, t);
    }
}

/* A dead global output that must reach env but needs no register: store
 * the value straight from where it is (src register, or an imm32 when
 * src < 0).  Returns false if the caller must go the register way. */
static bool dead_global_store(X86Ctx *x, const TCGOp *op, TCGTemp *t,
                              int src, uint64_t v)
{
    if (!arg_dead(op, 0) || t->kind != TEMP_GLOBAL ||
        (src < 0 && !fits_s32((int64_t)v) && !out_overwritten(x, op, 0))) {
        return false;
    }
    if (t->reg >= 0) {
        reg_release(x, t->reg);
    }
    t->state |= TS_MEM;
    if (out_overwritten(x, op, 0)) {
        return true;
    }
    if (src >= 0) {
        x86_st(&x->cb, true, src, REG_ENV, t->mem_offset);
    } else {
        x86_rm(&x->cb, OPC_MOVL_EvIz | P_W, 0, REG_ENV, R_NONE, 0,
               t->mem_offset);
        cb_u32(&x->cb, (uint32_t)v);
    }
    return true;
}

static void movi_value(X86Ctx *x, const TCGOp *op, TCGTemp *t, uint64_t v)
{
    x->locked = 0;
    if (dead_global_store(x, op, t, -1, v)) {
        return;
    }
    int r = t->reg >= 0 ? t->reg : reg_pick(x, x->alloc_regs,
                                           t->kind == TEMP_GLOBAL);
    x86_movi(&x->cb, r, v);
    set_output(x, op, t, r);
}

void ra_movi(X86Ctx *x, TCGOp *op)
{
    uint64_t v = op->args[1];
    movi_value(x, op, arg_temp(op->args[0]),
               op->type == TCG_TYPE_I32 ? (uint32_t)v : v);
}

/* mov hands the input's register over when the input dies here; an I32
 * mov also zero-extends. */
void ra_mov(X86Ctx *x, TCGOp *op)
{
    TCGTemp *o = arg_temp(op->args[0]), *i = arg_temp(op->args[1]);
    bool w = op->type == TCG_TYPE_I64;
    x->op = op;
    x->locked = 0;
    if (i->kind == TEMP_CONST) {
        movi_value(x, op, o, w ? (uint64_t)i->val : (uint32_t)i->val);
        return;
    }
    if (i == o && w) {
        return;
    }
    /* an input that stays live gets a register of its own first, so the
     * copy does not leave it to be loaded again later */
    if (i->reg < 0 && i != o && !arg_dead(op, 1) &&
        (i->kind == TEMP_GLOBAL || i->kind == TEMP_TB)) {
        int ri = reg_pick(x, x->alloc_regs, i->kind == TEMP_GLOBAL);
        temp_load_into(x, i, ri);
        reg_assign(x, ri, i);
        i->state |= TS_MEM;
    }
    if (w && i->reg >= 0 && i != o && !arg_dead(op, 1) &&
        dead_global_store(x, op, o, i->reg, 0)) {
        return;
    }
    bool dies = arg_dead(op, 1) && i != o;
    int r;
    if (i->reg >= 0 && i->kind != TEMP_FIXED && (dies || i == o)) {
        r = i->reg;
        if (i != o) {
            temp_retire(x, op, i);
        }
        if (!w) {
            x86_mov_rr(&x->cb, false, r, r);
        }
    } else {
        if (i->reg >= 0) {
            x->locked = 1u << i->reg;
        }
        r = o->reg >= 0 && o != i ? o->reg
            : reg_pick(x, x->alloc_regs, o->kind == TEMP_GLOBAL);
        if (i->reg >= 0) {
            x86_mov_rr(&x->cb, w, r, i->reg);
        } else {
            int base = i->kind == TEMP_GLOBAL ? REG_ENV : R_SP;
            int32_t off = i->kind == TEMP_GLOBAL ? i->mem_offset
                                                 : ra_slot_off(x, i);
            x86_ld(&x->cb, w, r, base, off);
        }
        if (dies) {
            temp_retire(x, op, i);
        }
    }
    set_output(x, op, o, r);
    x->locked = 0;
}

/* Host loads and stores relative to env may touch a field that backs a
 * global: a load must see the register copy, a store must not be undone
 * by a later write-back. */
void ra_env_access(X86Ctx *x, TCGOp *op, bool store, int size)
{
    int32_t off = (int32_t)op->args[2];
    for (int r = 0; r < 16; r++) {
        TCGTemp *t = reg_t(x, r);
        if (!t || t->kind != TEMP_GLOBAL || t->mem_offset >= off + size ||
            t->mem_offset + 8 <= off) {
            continue;
        }
        if (!temp_clean(t)) {
            temp_store(x, t, r);
        }
        if (store && arg_temp(op->args[0]) != t) {
            reg_release(x, r);
        }
    }
}

/* Resolves simultaneous register moves dst[i] <- src[i] (distinct dsts);
 * cycles are broken with xchg. */
void ra_parallel_moves(CodeBuf *cb, const int *dst, const int *src, int n)
{
    int d[TCG_MAX_CALL_ARGS + 2], sr[TCG_MAX_CALL_ARGS + 2];
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (dst[i] != src[i]) {
            d[m] = dst[i];
            sr[m++] = src[i];
        }
    }
    while (m > 0) {
        int pick = -1;
        for (int i = 0; i < m && pick < 0; i++) {
            bool blocked = false;
            for (int j = 0; j < m; j++) {
                blocked |= j != i && sr[j] == d[i];
            }
            if (!blocked) {
                pick = i;
            }
        }
        if (pick >= 0) {
            x86_mov_rr(cb, true, d[pick], sr[pick]);
        } else {
            /* every pending dst is someone's src: a cycle */
            pick = 0;
            x86_rr(cb, OPC_XCHG | P_W, d[0], sr[0]);
            for (int j = 1; j < m; j++) {
                if (sr[j] == d[0]) {
                    sr[j] = sr[0];
                }
            }
        }
        d[pick] = d[m - 1];
        sr[pick] = sr[m - 1];
        m--;
    }
}

static const int call_arg_regs[TCG_MAX_CALL_ARGS] = {
    R_DI, R_SI, R_DX, R_CX, R_8, R_9,
};

/* Caller-saved registers are about to be clobbered: values that outlive
 * the call move to a free callee-saved register or to memory.  Register
 * contents stay as they are, so the argument moves still find them. */
static void call_evacuate(X86Ctx *x, const TCGOp *op, bool drop_globals)
{
    for (int r = 0; r < 16; r++) {
        TCGTemp *t = reg_t(x, r);
        if (!t || !(CALL_CLOBBERED & (1u << r))) {
            continue;
        }
        TCGArg ti = (TCGArg)(t - x->s->temps);
        if (temp_dies(op, ti)) {
            temp_retire(x, op, t);
            continue;
        }
        int r2 = -1;
        if (!(t->kind == TEMP_GLOBAL && drop_globals)) {
            r2 = reg_find_free(x, x->alloc_regs & CALLEE_SAVED,
                               order_globals);
        }
        if (r2 >= 0) {
            x86_mov_rr(&x->cb, true, r2, r);
            reg_release(x, r);
            reg_assign(x, r2, t);
        } else {
            reg_spill(x, r);
        }
    }
}

void ra_call(X86Ctx *x, TCGOp *op)
{
    const TCGHelperInfo *h = op->call;
    int no = op->nb_oargs, ni = op->nb_iargs;
    int dst[TCG_MAX_CALL_ARGS], src[TCG_MAX_CALL_ARGS], nmov = 0;
    bool writes = !(h->flags & TCG_CALL_NO_WRITE_GLOBALS);

    x->op = op;
    x->locked = 0;
    /* a helper that reads globals must see them, one that writes some
     * must not have its writes undone by our later write-back */
    if ((h->flags & TCG_CALL_NO_RWG) != TCG_CALL_NO_RWG) {
        ra_sync_globals(x);
    }
    for (int i = 0; i < ni; i++) {
        TCGTemp *t = arg_temp(op->args[no + i]);
        if (t->reg >= 0) {
            dst[nmov] = call_arg_regs[i];
            src[nmov++] = t->reg;
        }
    }
    call_evacuate(x, op, writes);
    ra_parallel_moves(&x->cb, dst, src, nmov);
    for (int i = 0; i < ni; i++) {
        TCGTemp *t = arg_temp(op->args[no + i]);
        int r = call_arg_regs[i];
        bool from_reg = false;
        for (int j = 0; j < nmov; j++) {
            from_reg |= dst[j] == r;
        }
        if (!from_reg) {
            int save = t->reg;
            t->reg = -1;   /* load from memory even if homed meanwhile */
            temp_load_into(x, t, r);
            t->reg = save;
        }
        if (h->arg_kind[i] == TCG_CALL_ARG_I32) {
            x86_mov_rr(&x->cb, false, r, r);
        }
    }
    /* inputs that die here release their callee-saved homes */
    for (int i = 0; i < ni; i++) {
        TCGTemp *t = arg_temp(op->args[no + i]);
        if (temp_dies(op, op->args[no + i]) && t->reg >= 0) {
            temp_retire(x, op, t);
        }
    }
    x86_call(&x->cb, (uintptr_t)h->func);
    x->call_ret_off = x->cb.pos;
    if (writes) {
        for (int r = 0; r < 16; r++) {
            TCGTemp *t = reg_t(x, r);
            if (t && t->kind == TEMP_GLOBAL) {
                reg_release(x, r);
            }
        }
    }
    if (no) {
        set_output(x, op, arg_temp(op->args[0]), R_AX);
    }
}

static uint16_t cons_reg(char ch)
{
    const uint16_t all = 0xffff & ~((1u << R_SP) | (1u << REG_ENV));
    switch (ch) {
    case 'r': return all;
    case 'N': return all & ~((1u << R_AX) | (1u << R_DX));
    case 'a': return 1u << R_AX;
    case 'b': return 1u << R_BX;
    case 'c': return 1u << R_CX;
    case 'd': return 1u << R_DX;
    case 'S': return 1u << R_SI;
    case 'D': return 1u << R_DI;
    default: return 0;
    }
}

/* Turns an op's constraint strings into the form the allocator reads:
 *   r any register   a b c d S D that register   N any but rax/rdx
 *   0 1 same register as output 0/1 (inputs)
 *   e constant fitting a sign-extended imm32 (any for I32 ops)
 *   i any constant   A constant address fitting imm32
 *   & output distinct from every input register */
bool ra_parse_cons(const X86OpDef *d, const TCGOpDef *def, X86OpCons *c,
                   TCGType type)
{
    int n = def->nb_oargs + def->nb_iargs;
    (void)type;
    if (n > X86_MAX_CONS_ARGS || !d->emit) {
        return false;
    }
    *c = (X86OpCons){ .nb_scratch = d->nb_scratch,
                      .sync_globals = d->sync_globals };
    for (int k = 0; k < n; k++) {
        X86ArgCons *ac = &c->args[k];
        ac->alias = -1;
        for (const char *p = d->cons[k] ? d->cons[k] : ""; *p; p++) {
            switch (*p) {
            case '0': case '1':
                ac->alias = (int8_t)(*p - '0');
                ac->regs = c->args[ac->alias].regs;
                break;
            case 'e': ac->flags |= CONS_CONST_S32; break;
            case 'i': ac->flags |= CONS_CONST_ANY; break;
            case 'A': ac->flags |= CONS_ADDR; break;
            case '&': ac->flags |= CONS_NEWREG; break;
            default:
                ac->regs |= cons_reg(*p);
                break;
            }
        }
        if (k < def->nb_oargs && single_reg(ac->regs)) {
            c->clobber |= ac->regs;
        }
    }
    for (const char *p = d->clobber ? d->clobber : ""; *p; p++) {
        c->clobber |= cons_reg(*p);
    }
    return true;
}
