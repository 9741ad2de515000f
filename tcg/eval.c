/* SPDX-License-Identifier: MIT */
/*
 * Reference semantics of the pure IR ops (see tcg-opc.h for the rules).
 */
#include "eval.h"

static uint64_t bswap(uint64_t v, int bytes)
{
    uint64_t r = 0;
    for (int i = 0; i < bytes; i++) {
        r = (r << 8) | ((v >> (8 * i)) & 0xff);
    }
    return r;
}

static uint64_t mulh(uint64_t a, uint64_t b, bool sign, bool w32)
{
    if (w32) {
        if (sign) {
            return (uint64_t)(((int64_t)(int32_t)a * (int32_t)b) >> 32);
        }
        return ((uint64_t)(uint32_t)a * (uint32_t)b) >> 32;
    }
    if (sign) {
        return (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64);
    }
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

static uint64_t sdiv(int64_t a, int64_t b, int64_t min, bool rem)
{
    if (b == 0) {
        return rem ? (uint64_t)a : 0;
    }
    if (a == min && b == -1) {
        return rem ? 0 : (uint64_t)a;
    }
    return rem ? (uint64_t)(a % b) : (uint64_t)(a / b);
}

static uint64_t udiv(uint64_t a, uint64_t b, bool rem)
{
    if (b == 0) {
        return rem ? a : 0;
    }
    return rem ? a % b : a / b;
}

static uint64_t shifted(TCGOpcode opc, uint64_t a, uint64_t b, int bits)
{
    unsigned n = (unsigned)(b & (uint64_t)(bits - 1));
    uint64_t mask = bits == 64 ? ~0ull : 0xffffffffull;
    a &= mask;
    switch (opc) {
    case INDEX_op_shl: return a << n;
    case INDEX_op_shr: return a >> n;
    case INDEX_op_sar:
        return bits == 64 ? (uint64_t)((int64_t)a >> n)
                          : (uint64_t)(uint32_t)((int32_t)a >> n);
    case INDEX_op_rotl:
        return n ? (a << n) | (a >> (bits - n)) : a;
    default: /* rotr */
        return n ? (a >> n) | (a << (bits - n)) : a;
    }
}

bool tcg_eval_op(TCGOpcode opc, TCGType type, const uint64_t *in,
                 const TCGArg *c, uint64_t *out)
{
    bool w32 = type == TCG_TYPE_I32;
    int bits = w32 ? 32 : 64;
    uint64_t a = in[0], b = in[1], r;

    switch (opc) {
    case INDEX_op_mov: r = a; break;
    case INDEX_op_movi: r = c[0]; break;
    case INDEX_op_setcond: r = tcg_cond_eval((TCGCond)c[0], a, b, type); break;
    case INDEX_op_movcond:
        r = tcg_cond_eval((TCGCond)c[0], a, b, type) ? in[2] : in[3];
        break;
    case INDEX_op_add: r = a + b; break;
    case INDEX_op_sub: r = a - b; break;
    case INDEX_op_mul: r = a * b; break;
    case INDEX_op_muluh: r = mulh(a, b, false, w32); break;
    case INDEX_op_mulsh: r = mulh(a, b, true, w32); break;
    case INDEX_op_div:
    case INDEX_op_rem:
        r = w32 ? sdiv((int32_t)a, (int32_t)b, INT32_MIN, opc == INDEX_op_rem)
                : sdiv((int64_t)a, (int64_t)b, INT64_MIN, opc == INDEX_op_rem);
        break;
    case INDEX_op_divu:
    case INDEX_op_remu:
        r = w32 ? udiv((uint32_t)a, (uint32_t)b, opc == INDEX_op_remu)
                : udiv(a, b, opc == INDEX_op_remu);
        break;
    case INDEX_op_and: r = a & b; break;
    case INDEX_op_or: r = a | b; break;
    case INDEX_op_xor: r = a ^ b; break;
    case INDEX_op_andc: r = a & ~b; break;
    case INDEX_op_orc: r = a | ~b; break;
    case INDEX_op_eqv: r = ~(a ^ b); break;
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        r = shifted(opc, a, b, bits);
        break;
    case INDEX_op_neg: r = -a; break;
    case INDEX_op_not: r = ~a; break;
    case INDEX_op_clz:
        if (w32) {
            r = (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : 32;
        } else {
            r = a ? (uint64_t)__builtin_clzll(a) : 64;
        }
        break;
    case INDEX_op_ctz:
        if (w32) {
            r = (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : 32;
        } else {
            r = a ? (uint64_t)__builtin_ctzll(a) : 64;
        }
        break;
    case INDEX_op_ctpop:
        r = (uint64_t)__builtin_popcountll(w32 ? (uint32_t)a : a);
        break;
    case INDEX_op_bswap16: r = bswap(a, 2); break;
    case INDEX_op_bswap32: r = bswap(a, 4); break;
    case INDEX_op_bswap64: r = bswap(a, 8); break;
    case INDEX_op_ext8s: r = (uint64_t)(int8_t)a; break;
    case INDEX_op_ext8u: r = (uint8_t)a; break;
    case INDEX_op_ext16s: r = (uint64_t)(int16_t)a; break;
    case INDEX_op_ext16u: r = (uint16_t)a; break;
    case INDEX_op_ext32s: r = (uint64_t)(int32_t)a; break;
    case INDEX_op_ext32u: r = (uint32_t)a; break;
    case INDEX_op_extract:
    case INDEX_op_sextract: {
        unsigned pos = (unsigned)c[0], len = (unsigned)c[1];
        uint64_t v = a >> pos;
        if (len < 64) {
            v &= (1ull << len) - 1;
            if (opc == INDEX_op_sextract && (v >> (len - 1)) & 1) {
                v |= ~0ull << len;
            }
        }
        r = v;
        break;
    }
    case INDEX_op_deposit: {
        unsigned pos = (unsigned)c[0], len = (unsigned)c[1];
        uint64_t m = (len < 64 ? (1ull << len) - 1 : ~0ull) << pos;
        r = (a & ~m) | ((b << pos) & m);
        break;
    }
    case INDEX_op_add2: {
        unsigned __int128 x = ((unsigned __int128)in[1] << 64) | in[0];
        unsigned __int128 y = ((unsigned __int128)in[3] << 64) | in[2];
        x += y;
        out[0] = (uint64_t)x;
        out[1] = (uint64_t)(x >> 64);
        return true;
    }
    case INDEX_op_sub2: {
        unsigned __int128 x = ((unsigned __int128)in[1] << 64) | in[0];
        unsigned __int128 y = ((unsigned __int128)in[3] << 64) | in[2];
        x -= y;
        out[0] = (uint64_t)x;
        out[1] = (uint64_t)(x >> 64);
        return true;
    }
    default:
        return false;
    }
    out[0] = w32 ? (uint32_t)r : r;
    return true;
}
