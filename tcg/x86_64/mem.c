/* SPDX-License-Identifier: MIT */
/*
 * Guest memory access for the x86-64 backend (qemu_ld / qemu_st) and the
 * out-of-line code emitted after the block body.
 *
 * User mode (TCG_MEM_GUEST_BASE): one mov with [guest_base + addr]
 * addressing; MO_ALIGN adds a test and a branch to a stub that calls
 * env->common.raise_unaligned (which does not return).
 *
 * System mode (TCG_MEM_SOFTMMU): an inline TLB probe.  The entry index
 * comes from the page number, the entry's addr_read/addr_write must equal
 * the page of the access's last byte (so a page-crossing access misses,
 * and so does any entry with flag bits set), then host = addr + addend.
 * A miss jumps to a stub at the end of the block that saves the live
 * caller-saved registers, calls env->common.slow_ld/slow_st and jumps
 * back.  The retaddr passed is the address of the inline access
 * instruction, which lies inside the guest instruction's host code, so
 * tcg_restore_state finds the right guest pc.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include "x86.h"

#define TLB_ENTRY_BITS 5
_Static_assert(sizeof(CPUTLBEntry) == 1 << TLB_ENTRY_BITS,
               "the TLB index computation assumes 32-byte entries");

#define STUB_MAX_BYTES 160

X86Stub *x86_new_stub(X86Ctx *x, int kind)
{
    if (x->nb_stubs >= X86_MAX_STUBS) {
        x->failed = true;
        x->nb_stubs = 0;  /* keep going; gen_code returns -1 */
    }
    X86Stub *st = &x->stubs[x->nb_stubs++];
    *st = (X86Stub){ .kind = (uint8_t)kind, .data = -1, .addr = -1 };
    x->stub_reserve += STUB_MAX_BYTES;
    return st;
}

X86OpDef x86_qemu_ld_def(void)
{
    bool user = x86_mem_model == TCG_MEM_GUEST_BASE;
    return (X86OpDef){ .cons = { "r", user ? "rA" : "r" },
                       .nb_scratch = user ? 0 : 3, .sync_globals = true,
                       .emit = x86_emit_qemu_ld };
}

X86OpDef x86_qemu_st_def(void)
{
    bool user = x86_mem_model == TCG_MEM_GUEST_BASE;
    return (X86OpDef){ .cons = { "ri", user ? "rA" : "r" },
                       .nb_scratch = user ? 1 : 3, .sync_globals = true,
                       .emit = x86_emit_qemu_st };
}

/* The access's offset carg (tcg-opc.h). */
static int32_t mem_off(const X86Args *a)
{
    return (int32_t)a->v[4];
}

/* Softmmu: the effective address in a register (a scratch one when the
 * op carries an offset). */
static int soft_addr(X86Ctx *x, const X86Args *a)
{
    int32_t off = mem_off(a);
    if (!off) {
        return (int)a->v[1];
    }
    x86_lea(&x->cb, true, a->scratch[2], (int)a->v[1], R_NONE, 0, off);
    return a->scratch[2];
}

/* The access itself: [base + index + disp] into d, per memop.  Returns
 * the buffer offset of the instruction that touches memory. */
static size_t emit_load(CodeBuf *cb, TCGType type, MemOp mop, int d,
                        int base, int index, int32_t disp)
{
    bool w = type == TCG_TYPE_I64, sign = mop & MO_SIGN;
    bool swap = mop & MO_BSWAP;
    int wq = w ? P_W : 0;
    size_t at = cb->pos;
    switch (mop & MO_SIZE) {
    case MO_8:
        x86_rm(cb, sign ? OPC_MOVSBL | wq : OPC_MOVZBL, d, base, index, 0,
               disp);
        break;
    case MO_16:
        x86_rm(cb, sign && !swap ? OPC_MOVSWL | wq : OPC_MOVZWL, d, base,
               index, 0, disp);
        if (swap) {
            x86_rr(cb, OPC_SHIFT_Ib | P_66, SHIFT_ROL, d);
            cb_byte(cb, 8);
            if (sign) {
                x86_rr(cb, OPC_MOVSWL | wq, d, d);
            }
        }
        break;
    case MO_32:
        if (swap) {
            if (x86_features.movbe) {
                x86_rm(cb, OPC_MOVBE_GyMy, d, base, index, 0, disp);
            } else {
                x86_rm(cb, OPC_MOVL_GvEv, d, base, index, 0, disp);
                x86_bswap(cb, false, d);
            }
            if (sign && w) {
                x86_rr(cb, OPC_MOVSLQ | P_W, d, d);
            }
        } else {
            x86_rm(cb, sign && w ? OPC_MOVSLQ | P_W : OPC_MOVL_GvEv, d, base,
                   index, 0, disp);
        }
        break;
    default:
        if (swap && x86_features.movbe) {
            x86_rm(cb, OPC_MOVBE_GyMy | P_W, d, base, index, 0, disp);
        } else {
            x86_rm(cb, OPC_MOVL_GvEv | P_W, d, base, index, 0, disp);
            if (swap) {
                x86_bswap(cb, true, d);
            }
        }
        if (!w) {
            x86_mov_rr(cb, false, d, d);
        }
        break;
    }
    return at;
}

static uint64_t bswap_size(uint64_t v, int size)
{
    switch (size) {
    case MO_16: return __builtin_bswap16((uint16_t)v);
    case MO_32: return __builtin_bswap32((uint32_t)v);
    case MO_64: return __builtin_bswap64(v);
    default: return v & 0xff;
    }
}

/* Stores a constant or register value; t is a scratch register (byte
 * swaps without movbe, 64-bit constants that no imm32 encodes). */
static size_t emit_store(CodeBuf *cb, MemOp mop, bool is_const, int64_t v,
                         int t, int base, int index, int32_t disp)
{
    int size = mop & MO_SIZE;
    bool swap = (mop & MO_BSWAP) && size != MO_8;
    static const int reg_opc[4] = {
        OPC_MOVB_EvGv | P_BYTE_R, OPC_MOVL_EvGv | P_66, OPC_MOVL_EvGv,
        OPC_MOVL_EvGv | P_W,
    };
    static const int imm_opc[4] = {
        OPC_MOVB_EvIz, OPC_MOVL_EvIz | P_66, OPC_MOVL_EvIz,
        OPC_MOVL_EvIz | P_W,
    };
    int r = (int)v;
    size_t at;
    if (is_const) {
        uint64_t u = swap ? bswap_size((uint64_t)v, size) : (uint64_t)v;
        if (size < MO_64 || fits_s32((int64_t)u)) {
            at = cb->pos;
            x86_rm(cb, imm_opc[size], 0, base, index, 0, disp);
            if (size == MO_8) {
                cb_byte(cb, (uint8_t)u);
            } else if (size == MO_16) {
                cb_byte(cb, (uint8_t)u);
                cb_byte(cb, (uint8_t)(u >> 8));
            } else {
                cb_u32(cb, (uint32_t)u);
            }
            return at;
        }
        x86_movi(cb, t, u);
        r = t;
    } else if (swap && x86_features.movbe) {
        at = cb->pos;
        x86_rm(cb, OPC_MOVBE_MyGy | (size == MO_16 ? P_66 : 0) |
               (size == MO_64 ? P_W : 0), r, base, index, 0, disp);
        return at;
    } else if (swap) {
        x86_mov_rr(cb, size == MO_64, t, r);
        if (size == MO_16) {
            x86_rr(cb, OPC_SHIFT_Ib | P_66, SHIFT_ROL, t);
            cb_byte(cb, 8);
        } else {
            x86_bswap(cb, size == MO_64, t);
        }
        r = t;
    }
    at = cb->pos;
    x86_rm(cb, reg_opc[size], r, base, index, 0, disp);
    return at;
}

/* MO_ALIGN in user mode: misaligned addresses go to a raising stub.  The
 * optimizer only folds offsets that keep the alignment, so testing the
 * address register suffices. */
static void user_align_check(X86Ctx *x, const X86Args *a, MemOp mop,
                             X86Stub **stub)
{
    unsigned mask = (1u << (mop & MO_SIZE)) - 1;
    uint64_t ea = (uint64_t)a->v[1] + (uint64_t)(int64_t)mem_off(a);
    *stub = NULL;
    if (!(mop & MO_ALIGN) || !mask || (a->is_const[1] && !(ea & mask))) {
        return;
    }
    if (mem_off(a) & mask) {
        fprintf(stderr, "mimic: x86 backend: MO_ALIGN access with an "
                "unaligned offset\n");
        abort();
    }
    X86Stub *st = x86_new_stub(x, STUB_UNALIGNED);
    st->memop = mop;
    st->disp = mem_off(a);
    if (a->is_const[1]) {
        st->data_const = ea;
        st->jumps[st->nb_jumps++] = x86_jmp32(&x->cb, 0);
    } else {
        st->addr = (int8_t)a->v[1];
        x86_test_ri(&x->cb, true, st->addr, mask);
        st->jumps[st->nb_jumps++] = x86_jcc32(&x->cb, CC_NE, 0);
    }
    *stub = st;
}

/* Softmmu probe: leaves host = addr + addend's addend in t1, or jumps to
 * the stub.  t0 and t1 are scratch. */
static void tlb_probe(X86Ctx *x, X86Stub *st, int addr, MemOp mop,
                      int mmu_idx, bool write, int t0, int t1)
{
    CodeBuf *cb = &x->cb;
    int size = 1 << (mop & MO_SIZE);
    bool aligned = (mop & MO_ALIGN) && size > 1;
    int32_t base = mmu_idx * (int32_t)(TLB_SIZE * sizeof(CPUTLBEntry));
    int32_t cmp_off = write ? offsetof(CPUTLBEntry, addr_write)
                            : offsetof(CPUTLBEntry, addr_read);
    if (aligned) {
        /* the slow path raises the alignment fault */
        x86_test_ri(cb, true, addr, (uint32_t)size - 1);
        st->jumps[st->nb_jumps++] = x86_jcc32(cb, CC_NE, 0);
    }
    x86_mov_rr(cb, true, t0, addr);
    x86_shift_ri(cb, SHIFT_SHR, true, t0, TLB_PAGE_BITS - TLB_ENTRY_BITS);
    x86_arith_ri(cb, ARITH_AND, false, t0,
                 (TLB_SIZE - 1) << TLB_ENTRY_BITS);
    x86_rm(cb, ((ARITH_ADD << 3) | 3) | P_W, t0, REG_ENV, R_NONE, 0,
           offsetof(TCGCPUCommon, tlb));
    if (size > 1 && !aligned) {
        x86_lea(cb, true, t1, addr, R_NONE, 0, size - 1);
    } else {
        x86_mov_rr(cb, true, t1, addr);
    }
    x86_arith_ri(cb, ARITH_AND, true, t1, -(1 << TLB_PAGE_BITS));
    x86_rm(cb, ((ARITH_CMP << 3) | 3) | P_W, t1, t0, R_NONE, 0,
           base + cmp_off);
    st->jumps[st->nb_jumps++] = x86_jcc32(cb, CC_NE, 0);
    x86_ld(cb, true, t1, t0, base + offsetof(CPUTLBEntry, addend));
}

void x86_emit_qemu_ld(X86Ctx *x, TCGType type, const X86Args *a)
{
    MemOp mop = (MemOp)a->v[2];
    int mmu_idx = (int)a->v[3];
    X86Stub *st;
    if (x86_mem_model == TCG_MEM_GUEST_BASE) {
        user_align_check(x, a, mop, &st);
        bool c = a->is_const[1];
        size_t at = emit_load(&x->cb, type, mop, (int)a->v[0],
                              REG_GUEST_BASE, c ? R_NONE : (int)a->v[1],
                              (c ? (int32_t)a->v[1] : 0) + mem_off(a));
        if (st) {
            st->insn_off = at;
        }
        return;
    }
    st = x86_new_stub(x, STUB_SLOW_LD);
    st->type = (uint8_t)type;
    st->addr = (int8_t)soft_addr(x, a);
    st->data = (int8_t)a->v[0];
    st->memop = mop;
    st->mmu_idx = (uint32_t)mmu_idx;
    st->save_regs = a->live_regs & CALL_CLOBBERED;
    tlb_probe(x, st, st->addr, mop, mmu_idx, false, a->scratch[0],
              a->scratch[1]);
    st->insn_off = emit_load(&x->cb, type, mop, st->data, a->scratch[1],
                             st->addr, 0);
    st->ret_off = x->cb.pos;
}

void x86_emit_qemu_st(X86Ctx *x, TCGType type, const X86Args *a)
{
    MemOp mop = (MemOp)a->v[2];
    int mmu_idx = (int)a->v[3];
    X86Stub *st;
    if (x86_mem_model == TCG_MEM_GUEST_BASE) {
        user_align_check(x, a, mop, &st);
        bool c = a->is_const[1];
        size_t at = emit_store(&x->cb, mop, a->is_const[0], a->v[0],
                               a->scratch[0], REG_GUEST_BASE,
                               c ? R_NONE : (int)a->v[1],
                               (c ? (int32_t)a->v[1] : 0) + mem_off(a));
        if (st) {
            st->insn_off = at;
        }
        return;
    }
    st = x86_new_stub(x, STUB_SLOW_ST);
    st->addr = (int8_t)soft_addr(x, a);
    if (a->is_const[0]) {
        st->data_const = (uint64_t)a->v[0];
    } else {
        st->data = (int8_t)a->v[0];
    }
    st->memop = mop;
    st->mmu_idx = (uint32_t)mmu_idx;
    st->save_regs = a->live_regs & CALL_CLOBBERED;
    tlb_probe(x, st, st->addr, mop, mmu_idx, true, a->scratch[0],
              a->scratch[1]);
    /* t0 (the entry pointer) is free again: the store's scratch */
    st->insn_off = emit_store(&x->cb, mop, a->is_const[0], a->v[0],
                              a->scratch[0], a->scratch[1], st->addr, 0);
    st->ret_off = x->cb.pos;
}

/* ---- out-of-line stubs ---- */

static void stub_bind(X86Ctx *x, const X86Stub *st)
{
    for (int i = 0; i < st->nb_jumps; i++) {
        x86_patch_rel32(&x->cb, st->jumps[i], cb_rx(&x->cb));
    }
}

/* Pushes the registers in mask keeping rsp 16-byte aligned for a call;
 * returns whether an extra 8 bytes were reserved. */
static bool stub_save(CodeBuf *cb, uint16_t mask)
{
    int n = 0;
    for (int r = 0; r < 16; r++) {
        if (mask & (1u << r)) {
            x86_push(cb, r);
            n++;
        }
    }
    if (n & 1) {
        x86_arith_ri(cb, ARITH_SUB, true, R_SP, 8);
    }
    return n & 1;
}

static void stub_restore(CodeBuf *cb, uint16_t mask, bool pad)
{
    if (pad) {
        x86_arith_ri(cb, ARITH_ADD, true, R_SP, 8);
    }
    for (int r = 15; r >= 0; r--) {
        if (mask & (1u << r)) {
            x86_pop(cb, r);
        }
    }
}

/* call [env + off]: the hooks are per-CPU function pointers */
static void call_env_hook(CodeBuf *cb, size_t off)
{
    x86_rm(cb, OPC_GRP5, EXT5_CALLN, REG_ENV, R_NONE, 0, (int32_t)off);
}

static void stub_slow_ld(X86Ctx *x, const X86Stub *st)
{
    CodeBuf *cb = &x->cb;
    bool pad = stub_save(cb, st->save_regs);
    x86_mov_rr(cb, true, R_SI, st->addr);
    x86_mov_rr(cb, true, R_DI, REG_ENV);
    x86_movi(cb, R_DX, st->memop);
    x86_movi(cb, R_CX, st->mmu_idx);
    x86_rip(cb, OPC_LEA | P_W, R_8, x->cb.rx + st->insn_off, 0);
    call_env_hook(cb, offsetof(TCGCPUCommon, slow_ld));
    x86_mov_rr(cb, st->type == TCG_TYPE_I64, st->data, R_AX);
    stub_restore(cb, st->save_regs, pad);
    x86_jmp32(cb, x->cb.rx + st->ret_off);
}

static void stub_slow_st(X86Ctx *x, const X86Stub *st)
{
    CodeBuf *cb = &x->cb;
    bool pad = stub_save(cb, st->save_regs);
    if (st->data >= 0) {
        int dst[2] = { R_SI, R_DX }, src[2] = { st->addr, st->data };
        ra_parallel_moves(cb, dst, src, 2);
    } else {
        x86_mov_rr(cb, true, R_SI, st->addr);
        x86_movi(cb, R_DX, st->data_const);
    }
    x86_mov_rr(cb, true, R_DI, REG_ENV);
    x86_movi(cb, R_CX, st->memop);
    x86_movi(cb, R_8, st->mmu_idx);
    x86_rip(cb, OPC_LEA | P_W, R_9, x->cb.rx + st->insn_off, 0);
    call_env_hook(cb, offsetof(TCGCPUCommon, slow_st));
    stub_restore(cb, st->save_regs, pad);
    x86_jmp32(cb, x->cb.rx + st->ret_off);
}

static void stub_unaligned(X86Ctx *x, const X86Stub *st)
{
    CodeBuf *cb = &x->cb;
    if (st->addr >= 0) {
        x86_lea(cb, true, R_SI, st->addr, R_NONE, 0, st->disp);
    } else {
        x86_movi(cb, R_SI, st->data_const);
    }
    x86_mov_rr(cb, true, R_DI, REG_ENV);
    x86_movi(cb, R_DX, st->memop);
    x86_rip(cb, OPC_LEA | P_W, R_CX, x->cb.rx + st->insn_off, 0);
    call_env_hook(cb, offsetof(TCGCPUCommon, raise_unaligned));
    cb_byte(cb, 0x0f);   /* ud2: raise_unaligned does not return */
    cb_byte(cb, 0x0b);
}

void x86_emit_stubs(X86Ctx *x)
{
    for (int i = 0; i < x->nb_stubs; i++) {
        const X86Stub *st = &x->stubs[i];
        stub_bind(x, st);
        switch (st->kind) {
        case STUB_EXIT_REQ:
            x86_movi(&x->cb, R_AX,
                     (uintptr_t)x->tb | TB_EXIT_REQUESTED);
            x86_jmp_epilogue(&x->cb);
            break;
        case STUB_SLOW_LD:
            stub_slow_ld(x, st);
            break;
        case STUB_SLOW_ST:
            stub_slow_st(x, st);
            break;
        default:
            stub_unaligned(x, st);
            break;
        }
    }
}
