/* SPDX-License-Identifier: MIT */
/*
 * Flag liveness across block exits.  A block ends with its NZCV in the
 * four flag globals; storing them costs several host instructions per
 * flag-setting guest instruction.  Compilers rarely keep flags live across
 * a branch, so before a block exit the translator looks at the first
 * instructions of each successor: if they write all of N, Z, C and V
 * before anything reads them, and before anything that could fault, trap
 * or branch, the flags are dead at the exit and the block discards them
 * instead of storing them.
 *
 * The guest cannot tell: the successor overwrites the flags before it
 * could observe them, and nothing in between can stop there (an exception
 * or a signal frame would show them).  Exceptions to that, accepted and
 * documented in docs/performance.md: an asynchronous signal or exit request
 * taken exactly at the successor's entry records the stale NZCV in the
 * signal frame; -d exact (and debugging) turns the look-ahead off.
 *
 * The successor's bytes become part of what the block depends on
 * (tb->dep_lo/dep_hi), so rewriting them invalidates the block.
 *
 * Encodings: Arm ARM C4.1 (A64 instruction set encoding), the data
 * processing groups C4.1.86 and C4.1.87.
 */
#include "translate.h"
#include "tcg/exec.h"
#include "util/log.h"

enum {
    FL_NONE,    /* neither reads nor writes NZCV; cannot fault or branch */
    FL_WRITE,   /* writes all of NZCV without reading them */
    FL_READ,    /* a conditional instruction, ADC/SBC: reads them */
    FL_STOP,    /* anything we do not look into */
};

#define LOOKAHEAD_INSNS 16

static unsigned bits(uint32_t insn, int lo, int len)
{
    return (insn >> lo) & ((1u << len) - 1);
}

/* DecodeBitMasks() has no result for these (a reserved encoding). */
static bool logic_imm_valid(bool sf, unsigned n, unsigned imms)
{
    if (!sf && n) {
        return false;
    }
    unsigned v = (n << 6) | (~imms & 0x3f);
    if (v == 0) {
        return false;
    }
    int len = 31 - __builtin_clz(v);
    if (len < 1) {
        return false;
    }
    unsigned levels = (1u << len) - 1;
    return (imms & levels) != levels;
}

/* Data Processing -- Immediate (C4.1.86). */
static int class_dp_imm(uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned op = bits(insn, 23, 6);     /* bits 28:23 */
    unsigned opc = bits(insn, 29, 2), n = bits(insn, 22, 1);
    unsigned immr = bits(insn, 16, 6), imms = bits(insn, 10, 6);
    if ((op >> 1) == 0x10) {             /* 10000x: ADR, ADRP */
        return FL_NONE;
    }
    switch (op) {
    case 0x22:                           /* add/subtract (immediate) */
        return (insn >> 29) & 1 ? FL_WRITE : FL_NONE;
    case 0x24:                           /* logical (immediate) */
        if (!logic_imm_valid(sf, n, imms)) {
            return FL_STOP;
        }
        return opc == 3 ? FL_WRITE : FL_NONE;
    case 0x25:                           /* move wide */
        if (opc == 1 || (!sf && bits(insn, 22, 2) >= 2)) {
            return FL_STOP;
        }
        return FL_NONE;
    case 0x26:                           /* bitfield */
        if (opc == 3 || n != sf || (!sf && (immr >= 32 || imms >= 32))) {
            return FL_STOP;
        }
        return FL_NONE;
    case 0x27:                           /* extract */
        if (opc != 0 || bits(insn, 21, 1) || n != sf ||
            (!sf && imms >= 32)) {
            return FL_STOP;
        }
        return FL_NONE;
    default:
        return FL_STOP;
    }
}

/* Data-processing (1 and 2 source, 3 source). */
static int class_dp_src(uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opcode = bits(insn, 10, 6);
    if (bits(insn, 24, 5) == 0x1b) {     /* 3 source */
        unsigned op54 = bits(insn, 29, 2), op31 = bits(insn, 21, 3);
        bool o0 = bits(insn, 15, 1);
        if (op54 != 0) {
            return FL_STOP;
        }
        if (op31 == 0 || (sf && (op31 == 1 || op31 == 5))) {
            return FL_NONE;              /* MADD MSUB [SU]MADDL [SU]MSUBL */
        }
        return sf && !o0 && (op31 == 2 || op31 == 6) ? FL_NONE : FL_STOP;
    }
    if (bits(insn, 21, 8) != 0xd6 || bits(insn, 29, 1)) {
        return FL_STOP;
    }
    if (bits(insn, 30, 1)) {             /* 1 source */
        if (bits(insn, 16, 5) != 0 || opcode > 5 || (!sf && opcode == 3)) {
            return FL_STOP;
        }
        return FL_NONE;                  /* RBIT REV16 REV32/REV REV CLZ CLS */
    }
    /* 2 source: UDIV SDIV LSLV LSRV ASRV RORV */
    return opcode == 2 || opcode == 3 || (opcode >= 8 && opcode <= 11)
           ? FL_NONE : FL_STOP;
}

/* Data Processing -- Register (C4.1.87). */
static int class_dp_reg(uint32_t insn)
{
    bool sf = insn >> 31;
    bool s_bit = bits(insn, 29, 1);
    unsigned imm6 = bits(insn, 10, 6);
    if (!bits(insn, 28, 1)) {
        if (!bits(insn, 24, 1)) {        /* logical (shifted register) */
            if (!sf && imm6 >= 32) {
                return FL_STOP;
            }
            return bits(insn, 29, 2) == 3 ? FL_WRITE : FL_NONE;
        }
        if (!bits(insn, 21, 1)) {        /* add/subtract (shifted register) */
            if (bits(insn, 22, 2) == 3 || (!sf && imm6 >= 32)) {
                return FL_STOP;
            }
        } else if (bits(insn, 22, 2) != 0 || bits(insn, 10, 3) > 4) {
            return FL_STOP;              /* add/subtract (extended register) */
        }
        return s_bit ? FL_WRITE : FL_NONE;
    }
    if (bits(insn, 24, 1) || bits(insn, 21, 4) == 6) {
        return class_dp_src(insn);
    }
    switch (bits(insn, 21, 4)) {
    case 0:                              /* ADC/SBC (RMIF, SETF: stop) */
        return bits(insn, 10, 6) == 0 ? FL_READ : FL_STOP;
    case 2: case 4:                      /* CCMP/CCMN, CSEL family */
        return FL_READ;
    default:
        return FL_STOP;
    }
}

static int a64_flag_class(uint32_t insn)
{
    if (insn == 0xd503201f) {            /* NOP */
        return FL_NONE;
    }
    if ((insn & 0xff000010) == 0x54000000) {   /* B.cond */
        return FL_READ;
    }
    if ((insn & 0x5f200400) == 0x1e200400) {   /* FCCMP(E), FCSEL */
        return FL_READ;
    }
    if (bits(insn, 26, 3) == 4) {        /* op0 100x */
        return class_dp_imm(insn);
    }
    if (bits(insn, 25, 3) == 5) {        /* op0 x101 */
        return class_dp_reg(insn);
    }
    return FL_STOP;
}

/* The byte range a look-ahead may read: in user mode up to a page either
 * side of the block (its dependency range stays small), in system mode
 * only the block's own page (translations are tied to one page there). */
static bool lookahead_range_ok(DisasContext *s, uint64_t pc, uint64_t end)
{
    uint64_t page = s->pc_first & ~0xfffull;
    if (tcg_mem_model == TCG_MEM_SOFTMMU) {
        return pc >= page && end <= page + 0x1000;
    }
    return pc + 0x1000 >= page && end <= page + 0x2000 && pc < end;
}

int a64_flags_use_at(DisasContext *s, uint64_t pc)
{
    /* a debugger may stop at any block boundary and look */
    if (s->tb->cflags & (CF_SINGLE_STEP | CF_NOCHAIN) ||
        s->env->common.debug || log_enabled(LOG_EXACT | LOG_CPU | LOG_EXEC)) {
        return FLAGS_UNKNOWN;
    }
    for (int i = 0; i < LOOKAHEAD_INSNS; i++) {
        uint64_t at = pc + 4 * (uint64_t)i;
        uint32_t insn;
        if (!lookahead_range_ok(s, at, at + 4) ||
            !s->env->fetch_code(s->env, at, &insn)) {
            return FLAGS_UNKNOWN;
        }
        int c = a64_flag_class(insn);
        if (c == FL_STOP) {
            return FLAGS_UNKNOWN;
        }
        if (c == FL_READ) {
            return FLAGS_READ;
        }
        if (c == FL_WRITE) {
            if (pc < s->dep_lo) {
                s->dep_lo = pc;
            }
            if (at + 4 > s->dep_hi) {
                s->dep_hi = at + 4;
            }
            return FLAGS_DEAD;
        }
    }
    return FLAGS_UNKNOWN;
}
