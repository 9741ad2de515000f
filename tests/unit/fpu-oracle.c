/* SPDX-License-Identifier: MIT */
/*
 * Guest-side oracle for tests/unit/fpu-vs-qemu.sh: an AArch64 program (run
 * under qemu-aarch64, or on real hardware) that executes one FP instruction
 * per input line with the given FPCR and prints the result and FPSR.
 *
 * Input lines:  NAME FPCR A B C      (hex; unused operands still present)
 * Output lines: RESULT FPSR          (hex)
 *
 * Each instruction runs inside one asm block that sets FPCR, clears FPSR,
 * executes, reads FPSR back and restores FPCR to 0, so the C library's own
 * FP code (strtoull, printf) neither disturbs nor sees the state under test.
 *
 * Build: aarch64-linux-gnu-gcc -static -O2 -march=armv8.5-a+fp16
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void OracleFn(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c,
                      uint64_t *res, uint64_t *fpsr);

#define ASM_HEAD "msr fpcr, %x[fc]\n\tmsr fpsr, xzr\n\t"
#define ASM_TAIL "mrs %x[fs], fpsr\n\tmsr fpcr, xzr\n\t"
#define ASM_OUTS [res] "=&r"(r), [fs] "=&r"(s)
#define ASM_INS [fc] "r"(fpcr), [a] "r"(a), [b] "r"(b), [c] "r"(c)

/* FP operands in d1..d3 (h/s forms read their low bits), result from d0. */
#define DEF_VEC(name, insn)                                                  \
    static void f_##name(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c,  \
                         uint64_t *res, uint64_t *fpsr)                      \
    {                                                                        \
        uint64_t r, s;                                                       \
        __asm__ volatile("fmov d1, %x[a]\n\tfmov d2, %x[b]\n\t"              \
                         "fmov d3, %x[c]\n\tmovi d0, #0\n\t" ASM_HEAD        \
                         insn "\n\t" ASM_TAIL "fmov %x[res], d0\n\t"         \
                         : ASM_OUTS : ASM_INS : "v0", "v1", "v2", "v3");     \
        *res = r;                                                            \
        *fpsr = s;                                                           \
    }

/* Compare: NZCV (bits 3..0) is the result. */
#define DEF_CMP(name, insn)                                                  \
    static void f_##name(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c,  \
                         uint64_t *res, uint64_t *fpsr)                      \
    {                                                                        \
        uint64_t r, s;                                                       \
        __asm__ volatile("fmov d1, %x[a]\n\tfmov d2, %x[b]\n\t" ASM_HEAD     \
                         insn "\n\t" ASM_TAIL "mrs %x[res], nzcv\n\t"        \
                         "lsr %x[res], %x[res], #28\n\t"                     \
                         : ASM_OUTS : ASM_INS : "v1", "v2", "cc");           \
        (void)c;                                                             \
        *res = r;                                                            \
        *fpsr = s;                                                           \
    }

/* FP operand in d1, integer result in x0 (w forms zero-extend). */
#define DEF_TOGP(name, insn)                                                 \
    static void f_##name(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c,  \
                         uint64_t *res, uint64_t *fpsr)                      \
    {                                                                        \
        uint64_t r, s;                                                       \
        __asm__ volatile("fmov d1, %x[a]\n\t" ASM_HEAD insn "\n\t" ASM_TAIL  \
                         "mov %x[res], x0\n\t"                               \
                         : ASM_OUTS : ASM_INS : "x0", "v1");                 \
        (void)b; (void)c;                                                    \
        *res = r;                                                            \
        *fpsr = s;                                                           \
    }

/* Integer operand in x1, FP result from d0. */
#define DEF_FROMGP(name, insn)                                               \
    static void f_##name(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c,  \
                         uint64_t *res, uint64_t *fpsr)                      \
    {                                                                        \
        uint64_t r, s;                                                       \
        __asm__ volatile("mov x1, %x[a]\n\tmovi d0, #0\n\t" ASM_HEAD insn    \
                         "\n\t" ASM_TAIL "fmov %x[res], d0\n\t"              \
                         : ASM_OUTS : ASM_INS : "x1", "v0");                 \
        (void)b; (void)c;                                                    \
        *res = r;                                                            \
        *fpsr = s;                                                           \
    }

/* FJCVTZS: w0 in bits 31..0, NZCV in bits 35..32. */
#define DEF_JS(name, insn)                                                   \
    static void f_##name(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c,  \
                         uint64_t *res, uint64_t *fpsr)                      \
    {                                                                        \
        uint64_t r, s;                                                       \
        __asm__ volatile("fmov d1, %x[a]\n\t" ASM_HEAD insn "\n\t" ASM_TAIL  \
                         "mrs x2, nzcv\n\tmov w0, w0\n\t"                    \
                         "orr %x[res], x0, x2, lsl #4\n\t"                   \
                         : ASM_OUTS : ASM_INS : "x0", "x2", "v1", "cc");     \
        (void)b; (void)c;                                                    \
        *res = r;                                                            \
        *fpsr = s;                                                           \
    }

#define P3(M, op) M(op, h) M(op, s) M(op, d)
#define P2(M, op) M(op, s) M(op, d)

/* The list of instructions: X(kind, name, asm text). */
#define BIN(op, p) X(VEC, op##_##p, #op " " #p "0, " #p "1, " #p "2")
#define UN(op, p) X(VEC, op##_##p, #op " " #p "0, " #p "1")
#define TER(op, p) X(VEC, op##_##p, #op " " #p "0, " #p "1, " #p "2, " #p "3")
#define CMP(op, p) X(CMP, op##_##p, #op " " #p "1, " #p "2")
#define TOGP_W(op, p) X(TOGP, op##_w_##p, #op " w0, " #p "1")
#define TOGP_X(op, p) X(TOGP, op##_x_##p, #op " x0, " #p "1")
#define TOGP_H(op, p) X(VEC, op##_h_##p, #op " h0, h1")
#define FROM_W(op, p) X(FROMGP, op##_##p##_w, #op " " #p "0, w1")
#define FROM_X(op, p) X(FROMGP, op##_##p##_x, #op " " #p "0, x1")
#define FROM_H(op, p) X(VEC, op##_##p##_h, #op " h0, h1")
#define FIXW(op, p, fb) X(TOGP, op##_w_##p##_##fb, #op " w0, " #p "1, #" #fb)
#define FIXX(op, p, fb) X(TOGP, op##_x_##p##_##fb, #op " x0, " #p "1, #" #fb)
#define FFW(op, p, fb) X(FROMGP, op##_##p##_w_##fb, #op " " #p "0, w1, #" #fb)
#define FFX(op, p, fb) X(FROMGP, op##_##p##_x_##fb, #op " " #p "0, x1, #" #fb)

#define FIX_ALL(M, op, p)                                                    \
    M(op, p, 1) M(op, p, 2) M(op, p, 5) M(op, p, 8) M(op, p, 11)             \
    M(op, p, 16) M(op, p, 23) M(op, p, 31) M(op, p, 32)
#define FIX_ALL64(M, op, p)                                                  \
    FIX_ALL(M, op, p) M(op, p, 33) M(op, p, 52) M(op, p, 63) M(op, p, 64)
#define FIX_P(op, p) FIX_ALL(FIXW, op, p) FIX_ALL64(FIXX, op, p)
#define FF_P(op, p) FIX_ALL(FFW, op, p) FIX_ALL64(FFX, op, p)
#define TOGP_P(op, p) TOGP_W(op, p) TOGP_X(op, p)
#define FROM_P(op, p) FROM_W(op, p) FROM_X(op, p)

#define OPS                                                                  \
    P3(BIN, fadd) P3(BIN, fsub) P3(BIN, fmul) P3(BIN, fmulx) P3(BIN, fdiv)   \
    P3(BIN, fmin) P3(BIN, fmax) P3(BIN, fminnm) P3(BIN, fmaxnm)              \
    P3(BIN, frecps) P3(BIN, frsqrts) P3(BIN, fnmul) P3(BIN, fabd)            \
    P3(UN, fsqrt) P3(UN, frecpe) P3(UN, frsqrte) P3(UN, frecpx)              \
    P3(UN, frintn) P3(UN, frinta) P3(UN, frintp) P3(UN, frintm)              \
    P3(UN, frintz) P3(UN, frintx) P3(UN, frinti) P3(UN, fabs) P3(UN, fneg)   \
    P2(UN, frint32z) P2(UN, frint32x) P2(UN, frint64z) P2(UN, frint64x)      \
    P3(TER, fmadd) P3(TER, fmsub) P3(TER, fnmadd) P3(TER, fnmsub)            \
    P3(CMP, fcmp) P3(CMP, fcmpe)                                             \
    X(VEC, fcvt_h_s, "fcvt s0, h1") X(VEC, fcvt_h_d, "fcvt d0, h1")          \
    X(VEC, fcvt_s_h, "fcvt h0, s1") X(VEC, fcvt_s_d, "fcvt d0, s1")          \
    X(VEC, fcvt_d_h, "fcvt h0, d1") X(VEC, fcvt_d_s, "fcvt s0, d1")          \
    X(VEC, fcvtxn_d_s, "fcvtxn s0, d1")                                      \
    P3(TOGP_P, fcvtns) P3(TOGP_P, fcvtnu) P3(TOGP_P, fcvtas)                 \
    P3(TOGP_P, fcvtau) P3(TOGP_P, fcvtps) P3(TOGP_P, fcvtpu)                 \
    P3(TOGP_P, fcvtms) P3(TOGP_P, fcvtmu) P3(TOGP_P, fcvtzs)                 \
    P3(TOGP_P, fcvtzu)                                                       \
    TOGP_H(fcvtns, h) TOGP_H(fcvtnu, h) TOGP_H(fcvtas, h) TOGP_H(fcvtau, h)  \
    TOGP_H(fcvtps, h) TOGP_H(fcvtpu, h) TOGP_H(fcvtms, h) TOGP_H(fcvtmu, h)  \
    TOGP_H(fcvtzs, h) TOGP_H(fcvtzu, h)                                      \
    P3(FIX_P, fcvtzs) P3(FIX_P, fcvtzu)                                      \
    P3(FROM_P, scvtf) P3(FROM_P, ucvtf) FROM_H(scvtf, h) FROM_H(ucvtf, h)    \
    P3(FF_P, scvtf) P3(FF_P, ucvtf)                                          \
    X(JS, fjcvtzs, "fjcvtzs w0, d1")                                         \
    X(VEC, urecpe, "urecpe v0.2s, v1.2s\n\tmov v0.s[1], wzr")                \
    X(VEC, ursqrte, "ursqrte v0.2s, v1.2s\n\tmov v0.s[1], wzr")

#define X(kind, name, insn) DEF_##kind(name, insn)
OPS
#undef X

static const struct {
    const char *name;
    OracleFn *fn;
} ops[] = {
#define X(kind, name, insn) { #name, f_##name },
    OPS
#undef X
};

static OracleFn *lookup(const char *name)
{
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (!strcmp(ops[i].name, name))
            return ops[i].fn;
    return NULL;
}

int main(int argc, char **argv)
{
    char line[256], name[64], last[64] = "";
    OracleFn *fn = NULL;

    if (argc > 1 && !strcmp(argv[1], "--list")) {
        for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
            printf("%s\n", ops[i].name);
        return 0;
    }
    while (fgets(line, sizeof(line), stdin)) {
        unsigned long long fpcr, a, b, c;
        uint64_t r, s;
        if (sscanf(line, "%63s %llx %llx %llx %llx", name, &fpcr, &a, &b, &c) != 5) {
            fprintf(stderr, "fpu-oracle: bad line: %s", line);
            return 2;
        }
        if (strcmp(name, last)) {
            fn = lookup(name);
            if (!fn) {
                fprintf(stderr, "fpu-oracle: unknown op %s\n", name);
                return 2;
            }
            strcpy(last, name);
        }
        fn(fpcr, a, b, c, &r, &s);
        printf("%llx %llx\n", (unsigned long long)r, (unsigned long long)s);
    }
    return 0;
}
