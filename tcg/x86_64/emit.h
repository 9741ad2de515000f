/* SPDX-License-Identifier: MIT */
/*
 * x86-64 instruction encoder: the lowest layer of the x86-64 backend.
 * Everything above it (register allocator, op emitters, memory fast paths,
 * prologue and chaining in backend.c) produces bytes only through these
 * functions.  Encodings follow the Intel SDM, vol. 2 (opcode tables and
 * the REX/ModRM/SIB/VEX formats of chapters 2 and 3).
 *
 * An opcode is an int: the low byte is the opcode byte and the P_* bits
 * above it say which prefixes and escape bytes precede it.
 */
#ifndef TCG_X86_64_EMIT_H
#define TCG_X86_64_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    R_AX, R_CX, R_DX, R_BX, R_SP, R_BP, R_SI, R_DI,
    R_8, R_9, R_10, R_11, R_12, R_13, R_14, R_15,
    R_NONE = -1,
};

/* Opcode prefix bits. */
#define P_0F      0x100     /* 0x0f escape */
#define P_0F38    0x200     /* 0x0f 0x38 escape */
#define P_0F3A    0x400     /* 0x0f 0x3a escape */
#define P_66      0x800     /* operand-size prefix (16-bit ops) */
#define P_F3      0x1000    /* rep prefix (lzcnt, tzcnt, popcnt) */
#define P_F2      0x2000
#define P_W       0x4000    /* REX.W: 64-bit operand size */
#define P_BYTE_R  0x8000    /* reg field is a byte register */
#define P_BYTE_RM 0x10000   /* rm field is a byte register */

/* Opcodes (primary bytes) used by the backend. */
enum {
    OPC_ARITH_EvIb = 0x83, OPC_ARITH_EvIz = 0x81,
    OPC_MOVB_EvGv = 0x88, OPC_MOVL_EvGv = 0x89, OPC_MOVL_GvEv = 0x8b,
    OPC_MOVB_EvIz = 0xc6, OPC_MOVL_EvIz = 0xc7,
    OPC_LEA = 0x8d, OPC_MOVL_Iv = 0xb8, OPC_MOVSLQ = 0x63,
    OPC_MOVZBL = 0xb6 | P_0F, OPC_MOVZWL = 0xb7 | P_0F,
    OPC_MOVSBL = 0xbe | P_0F, OPC_MOVSWL = 0xbf | P_0F,
    OPC_SHIFT_1 = 0xd1, OPC_SHIFT_Ib = 0xc1, OPC_SHIFT_cl = 0xd3,
    OPC_GRP3_Ev = 0xf7, OPC_GRP3_Eb = 0xf6, OPC_GRP5 = 0xff,
    OPC_TESTL = 0x85, OPC_TESTB = 0x84, OPC_XCHG = 0x87,
    OPC_IMUL_GvEv = 0xaf | P_0F, OPC_IMUL_GvEvIz = 0x69,
    OPC_IMUL_GvEvIb = 0x6b,
    OPC_BSWAP = 0xc8 | P_0F, OPC_BSF = 0xbc | P_0F, OPC_BSR = 0xbd | P_0F,
    OPC_TZCNT = 0xbc | P_0F | P_F3, OPC_LZCNT = 0xbd | P_0F | P_F3,
    OPC_POPCNT = 0xb8 | P_0F | P_F3,
    OPC_SETCC = 0x90 | P_0F | P_BYTE_RM, OPC_CMOVCC = 0x40 | P_0F,
    OPC_JCC_long = 0x80 | P_0F, OPC_JCC_short = 0x70,
    OPC_JMP_long = 0xe9, OPC_JMP_short = 0xeb, OPC_CALL_Jz = 0xe8,
    OPC_MOVBE_GyMy = 0xf0 | P_0F38, OPC_MOVBE_MyGy = 0xf1 | P_0F38,
    OPC_ANDN = 0xf2 | P_0F38, OPC_SHLX = 0xf7 | P_0F38 | P_66,
    OPC_SARX = 0xf7 | P_0F38 | P_F3, OPC_SHRX = 0xf7 | P_0F38 | P_F2,
    OPC_RORX = 0xf0 | P_0F3A | P_F2,
};

/* Group 1 arithmetic (/digit of 0x81/0x83, and (n << 3) | 3 for r, r/m). */
enum { ARITH_ADD, ARITH_OR, ARITH_ADC, ARITH_SBB, ARITH_AND, ARITH_SUB,
       ARITH_XOR, ARITH_CMP };
/* Group 2 shifts (/digit of 0xc1/0xd1/0xd3). */
enum { SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_SHL = 4, SHIFT_SHR = 5,
       SHIFT_SAR = 7 };
/* Group 3 (/digit of 0xf7). */
enum { EXT3_TEST = 0, EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4,
       EXT3_IMUL = 5, EXT3_DIV = 6, EXT3_IDIV = 7 };
/* Group 5 (/digit of 0xff). */
enum { EXT5_CALLN = 2, EXT5_JMPN = 4 };

/* Condition codes (the low nibble of jcc/setcc/cmovcc). */
enum {
    CC_O = 0, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A,
    CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G,
};

/* Where code goes: the RW alias being written and the RX address it will
 * run at (rip-relative operands and branches need the latter). */
typedef struct CodeBuf {
    uint8_t *rw;
    uintptr_t rx;
    size_t pos, size;
} CodeBuf;

static inline uintptr_t cb_rx(const CodeBuf *cb) { return cb->rx + cb->pos; }

static inline void cb_byte(CodeBuf *cb, unsigned v)
{
    cb->rw[cb->pos++] = (uint8_t)v;
}

static inline void cb_u32(CodeBuf *cb, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        cb->rw[cb->pos++] = (uint8_t)(v >> (8 * i));
    }
}

static inline void cb_u64(CodeBuf *cb, uint64_t v)
{
    cb_u32(cb, (uint32_t)v);
    cb_u32(cb, (uint32_t)(v >> 32));
}

static inline void cb_patch32(CodeBuf *cb, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        cb->rw[at + i] = (uint8_t)(v >> (8 * i));
    }
}

static inline bool fits_s8(int64_t v) { return v == (int8_t)v; }
static inline bool fits_s32(int64_t v) { return v == (int32_t)v; }

/* Raw forms: opcode with a register-direct or a memory ModRM operand.
 * base may be R_NONE (absolute disp32), index R_NONE (no index). */
void x86_rr(CodeBuf *cb, int opc, int r, int rm);
void x86_rm(CodeBuf *cb, int opc, int r, int base, int index, int shift,
            int32_t disp);
/* [rip + disp32] addressing; target is an RX address, imm_bytes the size
 * of any immediate that follows the displacement. */
void x86_rip(CodeBuf *cb, int opc, int r, uintptr_t target, int imm_bytes);
/* VEX-encoded (BMI) forms: dest r, vvvv v, rm register-direct. */
void x86_vex_rr(CodeBuf *cb, int opc, int r, int v, int rm);

/* Moves. */
void x86_mov_rr(CodeBuf *cb, bool w, int dst, int src);
void x86_movi(CodeBuf *cb, int r, uint64_t v);       /* may clobber flags */
void x86_movi_keep_flags(CodeBuf *cb, int r, uint64_t v);
void x86_ld(CodeBuf *cb, bool w, int r, int base, int32_t disp);
void x86_st(CodeBuf *cb, bool w, int r, int base, int32_t disp);

/* Arithmetic. */
void x86_arith_rr(CodeBuf *cb, int arith, bool w, int dst, int src);
void x86_arith_ri(CodeBuf *cb, int arith, bool w, int dst, int32_t imm);
void x86_shift_ri(CodeBuf *cb, int shift, bool w, int r, int count);
void x86_shift_rcl(CodeBuf *cb, int shift, bool w, int r);
void x86_grp3(CodeBuf *cb, int ext, bool w, int r);
void x86_lea(CodeBuf *cb, bool w, int r, int base, int index, int shift,
             int32_t disp);
void x86_test_ri(CodeBuf *cb, bool w, int r, uint32_t imm);

/* Control flow.  Long forms return the buffer offset of the rel32 field
 * for later patching. */
size_t x86_jcc32(CodeBuf *cb, int cc, uintptr_t target);
size_t x86_jmp32(CodeBuf *cb, uintptr_t target);
void x86_call(CodeBuf *cb, uintptr_t target);
void x86_patch_rel32(CodeBuf *cb, size_t field, uintptr_t target);
/* Short forward branches inside one emitter: jcc8/jmp8 return the rel8
 * byte's offset, land8 points it at the current position. */
size_t x86_jcc8(CodeBuf *cb, int cc);
size_t x86_jmp8(CodeBuf *cb);
void x86_land8(CodeBuf *cb, size_t at);
void x86_bswap(CodeBuf *cb, bool w, int r);
void x86_push(CodeBuf *cb, int r);
void x86_pop(CodeBuf *cb, int r);
void x86_nops(CodeBuf *cb, int n);

#endif
