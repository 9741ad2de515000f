/* SPDX-License-Identifier: MIT */
/*
 * Bytecode interpreter benchmark: a small stack machine dispatched
 * through a switch (an indirect branch per bytecode), as scripting
 * language interpreters do.  The bytecode program counts the Collatz
 * steps of every start value from i down to 1.
 */
#include "rt.h"

enum { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_SHR, OP_LT,
       OP_ODD, OP_JNZ, OP_JZ, OP_JMP, OP_HALT };

static int64_t run(const int64_t *code, int64_t *vars)
{
    int64_t stack[64];
    int sp = 0;
    long pc = 0;
    for (;;) {
        switch (code[pc++]) {
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_LOAD: stack[sp++] = vars[code[pc++]]; break;
        case OP_STORE: vars[code[pc++]] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_ODD: stack[sp - 1] &= 1; break;
        case OP_JNZ: pc = stack[--sp] ? code[pc] : pc + 1; break;
        case OP_JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
        case OP_JMP: pc = code[pc]; break;
        case OP_HALT: return vars[1];
        default: return -1;
        }
    }
}

static int64_t code[128];
static long len;

static long emit(int64_t op) { code[len] = op; return len++; }
static long emit2(int64_t op, int64_t arg) { emit(op); return emit(arg); }

/* vars: 0 = i, 1 = acc, 2 = x */
static void assemble(void)
{
    emit2(OP_PUSH, 0);
    emit2(OP_STORE, 1);
    long outer = len;
    emit2(OP_LOAD, 0);
    emit2(OP_STORE, 2);
    long inner = len;
    emit2(OP_LOAD, 2);
    emit2(OP_PUSH, 2);
    emit(OP_LT);
    long to_done = emit2(OP_JNZ, 0);
    emit2(OP_LOAD, 2);
    emit(OP_ODD);
    long to_even = emit2(OP_JZ, 0);
    emit2(OP_LOAD, 2);
    emit2(OP_PUSH, 3);
    emit(OP_MUL);
    emit2(OP_PUSH, 1);
    emit(OP_ADD);
    emit2(OP_STORE, 2);
    long to_count = emit2(OP_JMP, 0);
    code[to_even] = len;
    emit2(OP_LOAD, 2);
    emit2(OP_PUSH, 1);
    emit(OP_SHR);
    emit2(OP_STORE, 2);
    code[to_count] = len;
    emit2(OP_LOAD, 1);
    emit2(OP_PUSH, 1);
    emit(OP_ADD);
    emit2(OP_STORE, 1);
    emit2(OP_JMP, inner);
    code[to_done] = len;
    emit2(OP_LOAD, 0);
    emit2(OP_PUSH, 1);
    emit(OP_SUB);
    emit2(OP_STORE, 0);
    emit2(OP_LOAD, 0);
    emit2(OP_JNZ, outer);
    emit(OP_HALT);
}

static int bench_main(long n)
{
    assemble();
    uint64_t sum = 0;
    for (long r = 0; r < n; r++) {
        int64_t vars[3] = { 2000 + r % 7, 0, 0 };
        sum = sum * 1000003 + (uint64_t)run(code, vars);
    }
    rt_show("interp", sum);
    return 0;
}
