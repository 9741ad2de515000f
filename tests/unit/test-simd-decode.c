// SPDX-License-Identifier: MIT
// Decoder-level checks of the SIMD&FP encodings: reserved size/Q
// combinations and unallocated opcodes
// must be UNDEF, their valid neighbours must translate.
//   test-simd-decode            runs the built-in table
//   test-simd-decode FILE       prints "hex 0|1" (1 = translates) for each
//                               hex word in FILE, for fuzzing by hand
//                               against a disassembler
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cpu/arm64/translate.h"
#include "cpu/arm64/decode-a64.h"
#include "cpu/arm64/cpu-features.h"

void a64_init_globals(TCGContext *s);

static CPUARMState *env;

static bool translates(uint32_t insn)
{
    TranslationBlock tb;
    memset(&tb, 0, sizeof(tb));
    tcg_func_start(tcg_ctx);
    DisasContext ctx = {
        .tb = &tb, .env = env, .pc_first = 0x10000, .pc_curr = 0x10000,
        .pc_next = 0x10004, .insn = insn,
    };
    bool ok = a64_decode(&ctx, insn);
    return ok && ctx.is_jmp != DISAS_NORETURN;
}

static const struct {
    uint32_t insn;
    bool valid;
    const char *what;
} cases[] = {
    { 0x4ee08400, true, "add v0.2d" },
    { 0x0ee08400, false, "add v0.1d (size 3, Q 0)" },
    { 0x4e60d400, true, "fadd v0.2d" },
    { 0x0e60d400, false, "fadd 1D" },
    { 0x4c408c00, true, "ld2 {v0.2d, v1.2d}" },
    { 0x0c408c00, false, "ld2 .1d" },
    { 0x0d404000, true, "ld1 {v0.h}[0]" },
    { 0x0d404400, false, "ld1 lane .h with size<0> = 1" },
    { 0x0d40c000, true, "ld1r {v0.8b}" },
    { 0x0d40d000, false, "ld1r with S = 1" },
    { 0x0d00c000, false, "st1r does not exist" },
    { 0x3dc00000, true, "ldr q0, [x0]" },
    { 0x7dc00000, false, "ldr q with size 01" },
    { 0x3ce00800 | 0x400, false, "unscaled with bits 11:10 = 10 and bit 21" },
    { 0x3ce04800, true, "ldr q0, [x0, w0, uxtw]" },
    { 0x3ce00800, false, "ldr q, register offset, option 000" },
    { 0xdc000000, false, "ldr (literal) simd opc 11" },
    { 0xac400000, true, "ldnp q0, q0, [x0]" },
    { 0xec400000, false, "ldnp simd opc 11" },
    { 0x9e670000, true, "fmov d0, x0" },
    { 0x1e670000, false, "fmov d0, w0 (sf 0, type 1)" },
    { 0x9eaf0000, true, "fmov v0.d[1], x0" },
    { 0x1e224020, false, "fcvt s0, s1 (same type)" },
    { 0x1e22c020, true, "fcvt d0, s1" },
    { 0x1ee22820, true, "fadd h0, h1, h2 (FEAT_FP16)" },
    { 0x1ee84000, false, "frint32z on a half (type 11)" },
    { 0x1ee24020, true, "fcvt s0, h1 (base FP)" },
    { 0x1ea22820, false, "fadd with type 10" },
    { 0x6f00f400, true, "fmov v0.2d, #imm" },
    { 0x2f00f400, false, "fmov 1D immediate" },
    { 0x4e083c00, true, "mov x0, v0.d[0]" },
    { 0x0e083c00, false, "umov of a D element with Q 0" },
    { 0x4e042c00, true, "smov x0, v0.s[0]" },
    { 0x0e042c00, false, "smov w0, v0.s[0]" },
    { 0x0e002c00, false, "smov with imm5 = 0" },
    { 0x0ee12800, false, "xtn with size 3" },
    { 0x0f088400, true, "shrn v0.8b, v0.8h, #8" },
    { 0x0f408400, false, "shrn with immh<3> set" },
    { 0x0e60b400, true, "sqdmulh v0.4h" },
    { 0x0e20b400, false, "sqdmulh .8b" },
    { 0x0ee0e000, true, "pmull v0.1q (FEAT_PMULL)" },
    { 0x0e60e000, false, "pmull .4s from .4h" },
    { 0x6e004000, true, "ext v0.16b, #8" },
    { 0x2e004000, false, "ext .8b with index 8" },
    { 0x1e188000, true, "fcvtzs w0, s0, #32" },
    { 0x1e180000, false, "fcvtzs w0, s0 with scale < 32" },
    { 0x4e080400, true, "dup v0.2d, v0.d[0]" },
    { 0x0e080400, false, "dup .1d" },
    { 0x4f400400, true, "sshr v0.2d, #64" },
    { 0x0f400400, false, "sshr .1d" },
    { 0x5f7f0400, true, "sshr d0, d0, #1" },
    { 0x5f3f0400, false, "sshr s0 (scalar sshr is D only)" },
    { 0x5e20b400, false, "sqdmulh b0" },
    { 0x5ee08400, true, "add d0" },
    { 0x5ea08400, false, "add s0 (scalar add is D only)" },
    { 0x6e70c800, false, "fmaxnmv with sz = 1" },
    { 0x2e30f800, false, "fmaxnmv .2s (Q = 0)" },
    { 0x6e30c800, true, "fmaxnmv s0, v0.4s" },
    { 0x4ee1c800, false, "urecpe with sz = 1" },
    { 0x4ea1c800, true, "urecpe v0.4s" },
    { 0x1e26c000, false, "frint with rmode 101" },
    { 0x4e284800, true, "aese v0.16b, v0.16b" },
    { 0x5e280800, true, "sha1h" },
    { 0x0e809400, true, "sdot v0.2s" },
    { 0x0e409400, false, "sdot with size 01" },
    { 0x1e7e0000, true, "fjcvtzs w0, d0" },
    { 0x0e003000, true, "tbx v0.8b, {v0.16b, v1.16b}" },
    { 0x0e000800, false, "uzp opcode 000" },
    { 0x4e001800, true, "uzp1 v0.16b" },
    { 0x0f00e400, true, "movi v0.8b, #0" },
    { 0x0f00fc00, true, "fmov v0.4h, #2.0 (FEAT_FP16)" },
};

static int run_table(void)
{
    int pass = 0, fail = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool got = translates(cases[i].insn);
        if (got == cases[i].valid) {
            pass++;
        } else {
            fail++;
            printf("FAIL %08x %s: %s\n", cases[i].insn, cases[i].what,
                   got ? "translates" : "UNDEF");
        }
    }
    printf("%d passed, %d failed\n", pass, fail);
    return fail != 0;
}

int main(int argc, char **argv)
{
    env = aligned_alloc(64, sizeof(*env));
    memset(env, 0, sizeof(*env));
    arm_cpu_features_init(env);
    tcg_ctx = tcg_context_new();
    a64_init_globals(tcg_ctx);
    if (argc < 2) {
        return run_table();
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    unsigned w;
    while (fscanf(f, "%x", &w) == 1) {
        printf("%08x %d\n", w, translates(w));
    }
    fclose(f);
    return 0;
}
