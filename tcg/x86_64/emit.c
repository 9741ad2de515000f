/* SPDX-License-Identifier: MIT */
/*
 * x86-64 instruction encoder (see emit.h): prefixes, REX, ModRM/SIB and
 * the handful of instruction forms the backend needs.  Intel SDM vol. 2,
 * section 2.1 (instruction format), 2.2.1 (REX) and 2.3 (VEX).
 */
#include "emit.h"

/* Legacy prefixes, REX and opcode bytes.  r, rm and index are register
 * numbers or R_NONE; they only contribute their REX extension bits. */
static void x86_opc(CodeBuf *cb, int opc, int r, int rm, int index)
{
    int rex = 0;
    if (opc & P_66) {
        cb_byte(cb, 0x66);
    }
    if (opc & P_F3) {
        cb_byte(cb, 0xf3);
    }
    if (opc & P_F2) {
        cb_byte(cb, 0xf2);
    }
    if (opc & P_W) {
        rex |= 8;
    }
    if (r >= 0 && (r & 8)) {
        rex |= 4;
    }
    if (index >= 0 && (index & 8)) {
        rex |= 2;
    }
    if (rm >= 0 && (rm & 8)) {
        rex |= 1;
    }
    /* spl/bpl/sil/dil exist only with a REX prefix (else ah/ch/dh/bh) */
    if (((opc & P_BYTE_R) && r >= 4) || ((opc & P_BYTE_RM) && rm >= 4)) {
        rex |= 0x40;
    }
    if (rex) {
        cb_byte(cb, 0x40 | rex);
    }
    if (opc & (P_0F | P_0F38 | P_0F3A)) {
        cb_byte(cb, 0x0f);
        if (opc & P_0F38) {
            cb_byte(cb, 0x38);
        } else if (opc & P_0F3A) {
            cb_byte(cb, 0x3a);
        }
    }
    cb_byte(cb, opc & 0xff);
}

void x86_rr(CodeBuf *cb, int opc, int r, int rm)
{
    x86_opc(cb, opc, r, rm, R_NONE);
    cb_byte(cb, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

void x86_rm(CodeBuf *cb, int opc, int r, int base, int index, int shift,
            int32_t disp)
{
    x86_opc(cb, opc, r, base, index);
    int reg = (r & 7) << 3;
    if (base == R_NONE) {
        /* [index*scale + disp32] or [disp32]: SIB with no base */
        cb_byte(cb, 0x04 | reg);
        cb_byte(cb, (shift << 6) | ((index == R_NONE ? 4 : index & 7) << 3)
                    | 5);
        cb_u32(cb, (uint32_t)disp);
        return;
    }
    int mod;
    if (disp == 0 && (base & 7) != R_BP) {
        mod = 0x00;           /* rbp/r13 as base always need a disp */
    } else if (fits_s8(disp)) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index != R_NONE || (base & 7) == R_SP) {
        /* rsp/r12 as base are encoded only through a SIB byte */
        cb_byte(cb, mod | reg | 4);
        cb_byte(cb, (shift << 6) | ((index == R_NONE ? 4 : index & 7) << 3)
                    | (base & 7));
    } else {
        cb_byte(cb, mod | reg | (base & 7));
    }
    if (mod == 0x40) {
        cb_byte(cb, (uint8_t)disp);
    } else if (mod == 0x80) {
        cb_u32(cb, (uint32_t)disp);
    }
}

void x86_rip(CodeBuf *cb, int opc, int r, uintptr_t target, int imm_bytes)
{
    x86_opc(cb, opc, r, R_NONE, R_NONE);
    cb_byte(cb, 0x05 | ((r & 7) << 3));
    uintptr_t end = cb_rx(cb) + 4 + (uintptr_t)imm_bytes;
    cb_u32(cb, (uint32_t)(target - end));
}

void x86_vex_rr(CodeBuf *cb, int opc, int r, int v, int rm)
{
    int mmmmm = (opc & P_0F3A) ? 3 : (opc & P_0F38) ? 2 : 1;
    int pp = (opc & P_66) ? 1 : (opc & P_F3) ? 2 : (opc & P_F2) ? 3 : 0;
    cb_byte(cb, 0xc4);
    cb_byte(cb, ((r & 8) ? 0 : 0x80) | 0x40 | ((rm & 8) ? 0 : 0x20) | mmmmm);
    cb_byte(cb, ((opc & P_W) ? 0x80 : 0) | ((~v & 15) << 3) | pp);
    cb_byte(cb, opc & 0xff);
    cb_byte(cb, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

void x86_mov_rr(CodeBuf *cb, bool w, int dst, int src)
{
    x86_rr(cb, OPC_MOVL_GvEv | (w ? P_W : 0), dst, src);
}

void x86_movi_keep_flags(CodeBuf *cb, int r, uint64_t v)
{
    if (v <= 0xffffffffu) {
        /* mov r32, imm32 zero-extends */
        x86_opc(cb, OPC_MOVL_Iv + (r & 7), R_NONE, r, R_NONE);
        cb_u32(cb, (uint32_t)v);
    } else if (fits_s32((int64_t)v)) {
        x86_rr(cb, OPC_MOVL_EvIz | P_W, 0, r);
        cb_u32(cb, (uint32_t)v);
    } else {
        x86_opc(cb, (OPC_MOVL_Iv + (r & 7)) | P_W, R_NONE, r, R_NONE);
        cb_u64(cb, v);
    }
}

void x86_movi(CodeBuf *cb, int r, uint64_t v)
{
    if (v == 0) {
        x86_arith_rr(cb, ARITH_XOR, false, r, r);
    } else {
        x86_movi_keep_flags(cb, r, v);
    }
}

void x86_ld(CodeBuf *cb, bool w, int r, int base, int32_t disp)
{
    x86_rm(cb, OPC_MOVL_GvEv | (w ? P_W : 0), r, base, R_NONE, 0, disp);
}

void x86_st(CodeBuf *cb, bool w, int r, int base, int32_t disp)
{
    x86_rm(cb, OPC_MOVL_EvGv | (w ? P_W : 0), r, base, R_NONE, 0, disp);
}

void x86_arith_rr(CodeBuf *cb, int arith, bool w, int dst, int src)
{
    x86_rr(cb, ((arith << 3) | 3) | (w ? P_W : 0), dst, src);
}

void x86_arith_ri(CodeBuf *cb, int arith, bool w, int dst, int32_t imm)
{
    if (fits_s8(imm)) {
        x86_rr(cb, OPC_ARITH_EvIb | (w ? P_W : 0), arith, dst);
        cb_byte(cb, (uint8_t)imm);
    } else {
        x86_rr(cb, OPC_ARITH_EvIz | (w ? P_W : 0), arith, dst);
        cb_u32(cb, (uint32_t)imm);
    }
}

void x86_shift_ri(CodeBuf *cb, int shift, bool w, int r, int count)
{
    if (count == 1) {
        x86_rr(cb, OPC_SHIFT_1 | (w ? P_W : 0), shift, r);
    } else {
        x86_rr(cb, OPC_SHIFT_Ib | (w ? P_W : 0), shift, r);
        cb_byte(cb, (uint8_t)count);
    }
}

void x86_shift_rcl(CodeBuf *cb, int shift, bool w, int r)
{
    x86_rr(cb, OPC_SHIFT_cl | (w ? P_W : 0), shift, r);
}

void x86_grp3(CodeBuf *cb, int ext, bool w, int r)
{
    x86_rr(cb, OPC_GRP3_Ev | (w ? P_W : 0), ext, r);
}

void x86_lea(CodeBuf *cb, bool w, int r, int base, int index, int shift,
             int32_t disp)
{
    x86_rm(cb, OPC_LEA | (w ? P_W : 0), r, base, index, shift, disp);
}

void x86_test_ri(CodeBuf *cb, bool w, int r, uint32_t imm)
{
    if (imm <= 0xff) {
        /* only ZF is consumed, so a byte test is as good and shorter */
        x86_rr(cb, OPC_GRP3_Eb | P_BYTE_RM, EXT3_TEST, r);
        cb_byte(cb, imm);
    } else {
        x86_rr(cb, OPC_GRP3_Ev | (w ? P_W : 0), EXT3_TEST, r);
        cb_u32(cb, imm);
    }
}

size_t x86_jcc32(CodeBuf *cb, int cc, uintptr_t target)
{
    cb_byte(cb, 0x0f);
    cb_byte(cb, 0x80 + cc);
    size_t field = cb->pos;
    cb_u32(cb, 0);
    if (target) {
        x86_patch_rel32(cb, field, target);
    }
    return field;
}

size_t x86_jmp32(CodeBuf *cb, uintptr_t target)
{
    cb_byte(cb, OPC_JMP_long);
    size_t field = cb->pos;
    cb_u32(cb, 0);
    if (target) {
        x86_patch_rel32(cb, field, target);
    }
    return field;
}

void x86_patch_rel32(CodeBuf *cb, size_t field, uintptr_t target)
{
    cb_patch32(cb, field, (uint32_t)(target - (cb->rx + field + 4)));
}

/* Helpers live in the binary, the code cache in an mmap: when they are
 * more than 2 GB apart the call goes through rax, which is never an
 * argument register. */
void x86_call(CodeBuf *cb, uintptr_t target)
{
    int64_t rel = (int64_t)(target - (cb_rx(cb) + 5));
    if (fits_s32(rel)) {
        cb_byte(cb, OPC_CALL_Jz);
        cb_u32(cb, (uint32_t)rel);
    } else {
        x86_movi_keep_flags(cb, R_AX, target);
        x86_rr(cb, OPC_GRP5, EXT5_CALLN, R_AX);
    }
}

void x86_push(CodeBuf *cb, int r)
{
    x86_opc(cb, 0x50 + (r & 7), R_NONE, r, R_NONE);
}

void x86_pop(CodeBuf *cb, int r)
{
    x86_opc(cb, 0x58 + (r & 7), R_NONE, r, R_NONE);
}

/* The recommended multi-byte nops (SDM vol. 2, NOP). */
void x86_nops(CodeBuf *cb, int n)
{
    static const uint8_t nops[8][8] = {
        { 0 },
        { 0x90 },
        { 0x66, 0x90 },
        { 0x0f, 0x1f, 0x00 },
        { 0x0f, 0x1f, 0x40, 0x00 },
        { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
    };
    while (n > 0) {
        int k = n > 7 ? 7 : n;
        for (int i = 0; i < k; i++) {
            cb_byte(cb, nops[k][i]);
        }
        n -= k;
    }
}

size_t x86_jcc8(CodeBuf *cb, int cc)
{
    cb_byte(cb, OPC_JCC_short + cc);
    cb_byte(cb, 0);
    return cb->pos - 1;
}

size_t x86_jmp8(CodeBuf *cb)
{
    cb_byte(cb, OPC_JMP_short);
    cb_byte(cb, 0);
    return cb->pos - 1;
}

void x86_land8(CodeBuf *cb, size_t at)
{
    cb->rw[at] = (uint8_t)(cb->pos - (at + 1));
}

void x86_bswap(CodeBuf *cb, bool w, int r)
{
    x86_opc(cb, (OPC_BSWAP + (r & 7)) | (w ? P_W : 0), R_NONE, r, R_NONE);
}
