/* SPDX-License-Identifier: MIT */
/*
 * Interface between the SIMD&FP translator and its C helpers
 * (helper-simd*.c, helper-fp*.c): the operation descriptor, the vector
 * value type the helpers compute on, and the list of helpers.
 *
 * Every vector helper has the shape  void fn(CPUARMState *env, uint64_t desc)
 * (optionally with one more 64-bit value, optionally returning one); the
 * descriptor names the registers, the operation size and the element size,
 * so one helper serves the 64-bit, 128-bit and scalar forms alike.
 */
#ifndef CPU_ARM64_HELPER_SIMD_H
#define CPU_ARM64_HELPER_SIMD_H

#include <stdint.h>
#include "cpu.h"
#include "tcg/tcg-op.h"

/*
 * Descriptor layout:
 *   4:0 rd   9:5 rn   14:10 rm   19:15 ra (a fourth register or a count)
 *   22:20 oprsz_log2: bytes computed (0..4: 1, 2, 4, 8, 16); every byte of
 *         Vd above them is written as zero
 *   24:23 esz: element size log2 (0..3)
 *   63:32 data: operation-specific immediate (shift, index, flags)
 */
#define SIMD_DESC_RN_SHIFT 5
#define SIMD_DESC_RM_SHIFT 10
#define SIMD_DESC_RA_SHIFT 15
#define SIMD_DESC_OPRSZ_SHIFT 20
#define SIMD_DESC_ESZ_SHIFT 23
#define SIMD_DESC_DATA_SHIFT 32

static inline int desc_rd(uint64_t d) { return (int)(d & 31); }
static inline int desc_rn(uint64_t d) { return (int)((d >> 5) & 31); }
static inline int desc_rm(uint64_t d) { return (int)((d >> 10) & 31); }
static inline int desc_ra(uint64_t d) { return (int)((d >> 15) & 31); }
static inline int desc_oprsz(uint64_t d) { return 1 << ((d >> 20) & 7); }
static inline int desc_esz(uint64_t d) { return (int)((d >> 23) & 3); }
static inline int32_t desc_data(uint64_t d) { return (int32_t)(d >> 32); }

/* One 128-bit register as the helpers see it (little-endian host: index
 * i is architectural element i). */
typedef union SimdVec {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t s[4];
    uint64_t d[2];
    int8_t sb[16];
    int16_t sh[8];
    int32_t ss[4];
    int64_t sd[2];
} SimdVec;

/*
 * The helper list.  X(name) declares helper_info_simd_<name>:
 *   SIMD_HELPERS      void fn(env, desc)
 *   SIMD_HELPERS_X    void fn(env, desc, uint64_t x)
 *   SIMD_HELPERS_R    uint64_t fn(env, desc)
 *   SIMD_HELPERS_XR   uint64_t fn(env, desc, uint64_t x)
 */
#define SIMD_HELPERS(X) \
    /* loads/stores: structure (de)interleave in registers */ \
    X(ld_deinterleave) \
    /* permutes */ \
    X(tbl) X(tbx) X(zip1) X(zip2) X(uzp1) X(uzp2) X(trn1) X(trn2) X(ext) \
    /* integer three-same */ \
    X(add) X(sub) X(mul) X(pmul) X(mla) X(mls) \
    X(cmeq) X(cmtst) X(cmge) X(cmgt) X(cmhs) X(cmhi) \
    X(smax) X(smin) X(umax) X(umin) X(smaxp) X(sminp) X(umaxp) X(uminp) \
    X(addp) X(sabd) X(uabd) X(saba) X(uaba) X(shadd) X(uhadd) X(srhadd) \
    X(urhadd) X(shsub) X(uhsub) \
    X(sqadd) X(uqadd) X(sqsub) X(uqsub) X(sshl) X(ushl) X(srshl) X(urshl) \
    X(sqshl) X(uqshl) X(sqrshl) X(uqrshl) X(sqdmulh) X(sqrdmulh) \
    X(sqrdmlah) X(sqrdmlsh) \
    X(sdot) X(udot) X(usdot) X(smmla) X(ummla) X(usmmla) \
    /* two-register misc */ \
    X(rev16) X(rev32) X(rev64) X(saddlp) X(uaddlp) X(sadalp) X(uadalp) \
    X(suqadd) X(usqadd) X(cls) X(clz) X(cnt) X(not) X(rbit) X(sqabs) \
    X(sqneg) X(abs) X(neg) X(cmgt0) X(cmge0) X(cmeq0) X(cmle0) X(cmlt0) \
    X(xtn) X(sqxtn) X(uqxtn) X(sqxtun) X(shll) X(urecpe) X(ursqrte) \
    /* across lanes */ \
    X(addv) X(saddlv) X(uaddlv) X(smaxv) X(sminv) X(umaxv) X(uminv) \
    /* three different */ \
    X(saddl) X(uaddl) X(ssubl) X(usubl) X(saddw) X(uaddw) X(ssubw) \
    X(usubw) X(addhn) X(raddhn) X(subhn) X(rsubhn) X(sabal) X(uabal) \
    X(sabdl) X(uabdl) X(smlal) X(umlal) X(smlsl) X(umlsl) X(smull) \
    X(umull) X(sqdmlal) X(sqdmlsl) X(sqdmull) X(pmull) \
    /* shifts by immediate */ \
    X(sshr) X(ushr) X(ssra) X(usra) X(srshr) X(urshr) X(srsra) X(ursra) \
    X(sri) X(shl) X(sli) X(sqshlu) X(sqshli) X(uqshli) X(shrn) X(rshrn) \
    X(sqshrun) X(sqrshrun) X(sqshrn) X(sqrshrn) X(uqshrn) X(uqrshrn) \
    X(sshll) X(ushll) \
    /* by element */ \
    X(mul_idx) X(mla_idx) X(mls_idx) X(smull_idx) X(umull_idx) \
    X(smlal_idx) X(umlal_idx) X(smlsl_idx) X(umlsl_idx) X(sqdmull_idx) \
    X(sqdmlal_idx) X(sqdmlsl_idx) X(sqdmulh_idx) X(sqrdmulh_idx) \
    X(sqrdmlah_idx) X(sqrdmlsh_idx) X(sdot_idx) X(udot_idx) \
    X(usdot_idx) X(sudot_idx) \
    /* floating point (helper-fp*.c) */ \
    X(fadd) X(fsub) X(fmul) X(fdiv) X(fmax) X(fmin) X(fmaxnm) X(fminnm) \
    X(fmulx) X(fabd) X(fnmul) X(frecps) X(frsqrts) X(fmla) X(fmls) \
    X(faddp) X(fmaxp) X(fminp) X(fmaxnmp) X(fminnmp) \
    X(fcmeq) X(fcmge) X(fcmgt) X(facge) X(facgt) \
    X(fcmeq0) X(fcmge0) X(fcmgt0) X(fcmle0) X(fcmlt0) \
    X(fmadd) X(fmsub) X(fnmadd) X(fnmsub) \
    X(fabs) X(fneg) X(fsqrt) X(frecpe) X(frsqrte) X(frecpx) \
    X(frint) X(frint32) X(fcvt_to_int) X(cvtf_from_int) \
    X(fcvt_prec) X(fcvtn) X(fcvtl) X(fcvtxn) \
    X(fmaxv) X(fminv) X(fmaxnmv) X(fminnmv) \
    X(fmul_idx) X(fmla_idx) X(fmls_idx) X(fmulx_idx) \
    X(fcmla) X(fcadd) X(fcmla_idx) X(fmlal) \
    /* crypto */ \
    X(aese) X(aesd) X(aesmc) X(aesimc) \
    X(sha1c) X(sha1p) X(sha1m) X(sha1su0) X(sha1h) X(sha1su1) \
    X(sha256h) X(sha256h2) X(sha256su0) X(sha256su1) \
    X(eor3) X(bcax) X(rax1) X(xar) \
    X(sha512h) X(sha512h2) X(sha512su0) X(sha512su1)

#define SIMD_HELPERS_X(X) \
    X(cvtf_from_gpr)

#define SIMD_HELPERS_R(X) \
    X(fcmp) X(fcvt_to_gpr) X(fjcvtzs)

#define SIMD_HELPERS_XR(X) \
    X(st_interleave_chunk) X(fccmp)

#define SIMD_DECLARE_INFO(name) extern const TCGHelperInfo helper_info_simd_##name;
SIMD_HELPERS(SIMD_DECLARE_INFO)
SIMD_HELPERS_X(SIMD_DECLARE_INFO)
SIMD_HELPERS_R(SIMD_DECLARE_INFO)
SIMD_HELPERS_XR(SIMD_DECLARE_INFO)
#undef SIMD_DECLARE_INFO

/* Definitions: DEF_SIMD_HELPER(name) { body using env, desc } */
#define DEF_SIMD_HELPER(name) \
    static void helper_simd_##name(CPUARMState *env, uint64_t desc); \
    const TCGHelperInfo helper_info_simd_##name = TCG_HELPER_INFO( \
        helper_simd_##name, TCG_CALL_NO_RWG, false, 2, TCG_CALL_ARG_PTR, \
        TCG_CALL_ARG_I64); \
    static void helper_simd_##name(CPUARMState *env, uint64_t desc)

#define DEF_SIMD_HELPER_X(name) \
    static void helper_simd_##name(CPUARMState *env, uint64_t desc, \
                                   uint64_t x); \
    const TCGHelperInfo helper_info_simd_##name = TCG_HELPER_INFO( \
        helper_simd_##name, TCG_CALL_NO_RWG, false, 3, TCG_CALL_ARG_PTR, \
        TCG_CALL_ARG_I64, TCG_CALL_ARG_I64); \
    static void helper_simd_##name(CPUARMState *env, uint64_t desc, uint64_t x)

#define DEF_SIMD_HELPER_R(name) \
    static uint64_t helper_simd_##name(CPUARMState *env, uint64_t desc); \
    const TCGHelperInfo helper_info_simd_##name = TCG_HELPER_INFO( \
        helper_simd_##name, TCG_CALL_NO_RWG, true, 2, TCG_CALL_ARG_PTR, \
        TCG_CALL_ARG_I64); \
    static uint64_t helper_simd_##name(CPUARMState *env, uint64_t desc)

#define DEF_SIMD_HELPER_XR(name) \
    static uint64_t helper_simd_##name(CPUARMState *env, uint64_t desc, \
                                       uint64_t x); \
    const TCGHelperInfo helper_info_simd_##name = TCG_HELPER_INFO( \
        helper_simd_##name, TCG_CALL_NO_RWG, true, 3, TCG_CALL_ARG_PTR, \
        TCG_CALL_ARG_I64, TCG_CALL_ARG_I64); \
    static uint64_t helper_simd_##name(CPUARMState *env, uint64_t desc, \
                                       uint64_t x)

/* Reading operands and writing the result of a helper. */
static inline SimdVec simd_get(const CPUARMState *env, int r)
{
    SimdVec v;
    v.d[0] = env->vregs[r].d[0];
    v.d[1] = env->vregs[r].d[1];
    return v;
}

/* Writes the first oprsz bytes of v to Vd and zeroes the rest. */
static inline void simd_put(CPUARMState *env, int r, SimdVec v, int oprsz)
{
    if (oprsz < 16) {
        if (oprsz < 8) {
            v.d[0] &= (1ull << (oprsz * 8)) - 1;
        }
        v.d[1] = 0;
    }
    env->vregs[r].d[0] = v.d[0];
    env->vregs[r].d[1] = v.d[1];
}

/* Element i of size 1 << esz, zero-extended (or sign-extended). */
static inline uint64_t vget(const SimdVec *v, int i, int esz)
{
    switch (esz) {
    case 0: return v->b[i];
    case 1: return v->h[i];
    case 2: return v->s[i];
    default: return v->d[i];
    }
}

static inline int64_t vgets(const SimdVec *v, int i, int esz)
{
    switch (esz) {
    case 0: return v->sb[i];
    case 1: return v->sh[i];
    case 2: return v->ss[i];
    default: return v->sd[i];
    }
}

static inline void vset(SimdVec *v, int i, int esz, uint64_t x)
{
    switch (esz) {
    case 0: v->b[i] = (uint8_t)x; break;
    case 1: v->h[i] = (uint16_t)x; break;
    case 2: v->s[i] = (uint32_t)x; break;
    default: v->d[i] = x; break;
    }
}

/* FP descriptors' rounding field: an ARMFPRounding (fpu.h: 0 nearest even,
 * 1 +inf, 2 -inf, 3 zero, 4 nearest away, 5 odd) or this for FPCR.RMode. */
#define SIMD_FP_RM_FPCR 7

/* FPSR.QC, the sticky saturation flag of the integer SIMD ops. */
#define SIMD_FPSR_QC (1u << 27)

#endif
