/* SPDX-License-Identifier: MIT */
/*
 * Floating-point helpers with irregular shapes: pairwise and across-lanes
 * reductions, multiplies by element, the scalar fused multiply-adds,
 * precision conversions (FCVT, FCVTN/L/XN), compares that produce NZCV,
 * and conversions between FP and general registers.
 */
#include "helper-fp.h"

/* ---- per-element dispatch on raw bits of any width ---- */

enum { FOP_ADD, FOP_MAX, FOP_MIN, FOP_MAXNM, FOP_MINNM, FOP_MUL, FOP_MULX,
       FOP_FMLA, FOP_FMLS };

static uint64_t fp_binop(int op, int esz, uint64_t a, uint64_t b, uint64_t c,
                         ARMFPStatus *st)
{
#define FP_BIN_CASES(S, T)                                                   \
    switch (op) {                                                            \
    case FOP_ADD: return fast_add_##S((T)a, (T)b, st);                       \
    case FOP_MAX: return arm_fp_max_##S((T)a, (T)b, st);                     \
    case FOP_MIN: return arm_fp_min_##S((T)a, (T)b, st);                     \
    case FOP_MAXNM: return arm_fp_maxnm_##S((T)a, (T)b, st);                 \
    case FOP_MINNM: return arm_fp_minnm_##S((T)a, (T)b, st);                 \
    case FOP_MUL: return fast_mul_##S((T)a, (T)b, st);                       \
    case FOP_MULX: return arm_fp_mulx_##S((T)a, (T)b, st);                   \
    case FOP_FMLA: return fast_muladd_##S((T)a, (T)b, (T)c, 0, st);          \
    default:                                                                 \
        return fast_muladd_##S((T)a, (T)b, (T)c, ARM_FP_NEG_PRODUCT, st);   \
    }
    switch (esz) {
    case 1: FP_BIN_CASES(h, uint16_t)
    case 2: FP_BIN_CASES(s, uint32_t)
    default: FP_BIN_CASES(d, uint64_t)
    }
#undef FP_BIN_CASES
}

/* Pairwise: pairs of the concatenation Vm:Vn; data bit 0 the scalar form
 * (one result from the two elements of Vn). */
static void do_fp_pairwise(CPUARMState *env, uint64_t desc, int op)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);
    int nelem = oprsz >> esz, nout = (desc_data(desc) & 1) ? 1 : nelem;
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d = {{0}};
    for (int i = 0; i < nout; i++) {
        const SimdVec *src = i < nelem / 2 || nout == 1 ? &n : &m;
        int j = (2 * i) % nelem;
        vset(&d, i, esz, fp_binop(op, esz, vget(src, j, esz),
                                  vget(src, j + 1, esz), 0, &st));
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, nout == 1 ? 1 << esz : oprsz);
}

DEF_SIMD_HELPER(faddp) { do_fp_pairwise(env, desc, FOP_ADD); }
DEF_SIMD_HELPER(fmaxp) { do_fp_pairwise(env, desc, FOP_MAX); }
DEF_SIMD_HELPER(fminp) { do_fp_pairwise(env, desc, FOP_MIN); }
DEF_SIMD_HELPER(fmaxnmp) { do_fp_pairwise(env, desc, FOP_MAXNM); }
DEF_SIMD_HELPER(fminnmp) { do_fp_pairwise(env, desc, FOP_MINNM); }

/* Reduce() of the Arm ARM: the halves are reduced first, then combined,
 * which fixes the order NaNs and flags come out in. */
static uint64_t fp_reduce(int op, int esz, const SimdVec *v, int lo, int cnt,
                          ARMFPStatus *st)
{
    if (cnt == 1) {
        return vget(v, lo, esz);
    }
    uint64_t a = fp_reduce(op, esz, v, lo, cnt / 2, st);
    uint64_t b = fp_reduce(op, esz, v, lo + cnt / 2, cnt / 2, st);
    return fp_binop(op, esz, a, b, 0, st);
}

static void do_fp_across(CPUARMState *env, uint64_t desc, int op)
{
    int esz = desc_esz(desc);
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), d = {{0}};
    vset(&d, 0, esz, fp_reduce(op, esz, &n, 0, desc_oprsz(desc) >> esz, &st));
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, 1 << esz);
}

DEF_SIMD_HELPER(fmaxv) { do_fp_across(env, desc, FOP_MAX); }
DEF_SIMD_HELPER(fminv) { do_fp_across(env, desc, FOP_MIN); }
DEF_SIMD_HELPER(fmaxnmv) { do_fp_across(env, desc, FOP_MAXNM); }
DEF_SIMD_HELPER(fminnmv) { do_fp_across(env, desc, FOP_MINNM); }

/* By element: Vm's element (data bits 15:8) against each element of Vn. */
static void do_fp_idx(CPUARMState *env, uint64_t desc, int op)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);
    int idx = (desc_data(desc) >> 8) & 0xff;
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d = simd_get(env, desc_rd(desc));
    uint64_t b = vget(&m, idx, esz);
    for (int i = 0; i < oprsz >> esz; i++) {
        vset(&d, i, esz, fp_binop(op, esz, vget(&n, i, esz), b,
                                  vget(&d, i, esz), &st));
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, oprsz);
}

DEF_SIMD_HELPER(fmul_idx) { do_fp_idx(env, desc, FOP_MUL); }
DEF_SIMD_HELPER(fmulx_idx) { do_fp_idx(env, desc, FOP_MULX); }
DEF_SIMD_HELPER(fmla_idx) { do_fp_idx(env, desc, FOP_FMLA); }
DEF_SIMD_HELPER(fmls_idx) { do_fp_idx(env, desc, FOP_FMLS); }

/* FMADD/FMSUB/FNMADD/FNMSUB: Vd = +-(Vn * Vm) +- Va, one rounding. */
static void do_fmadd(CPUARMState *env, uint64_t desc, unsigned neg)
{
    int esz = desc_esz(desc);
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec a = simd_get(env, desc_ra(desc)), d = {{0}};
    switch (esz) {
    case 1: d.h[0] = fast_muladd_h(n.h[0], m.h[0], a.h[0], neg, &st); break;
    case 2: d.s[0] = fast_muladd_s(n.s[0], m.s[0], a.s[0], neg, &st); break;
    default: d.d[0] = fast_muladd_d(n.d[0], m.d[0], a.d[0], neg, &st); break;
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, 1 << esz);
}

DEF_SIMD_HELPER(fmadd) { do_fmadd(env, desc, 0); }
DEF_SIMD_HELPER(fmsub) { do_fmadd(env, desc, ARM_FP_NEG_PRODUCT); }
DEF_SIMD_HELPER(fnmadd)
{
    do_fmadd(env, desc, ARM_FP_NEG_PRODUCT | ARM_FP_NEG_ADDEND);
}
DEF_SIMD_HELPER(fnmsub) { do_fmadd(env, desc, ARM_FP_NEG_ADDEND); }

/* Precision conversion of one value: from esz to tesz (1 half .. 3 double). */
static uint64_t fp_convert(uint64_t v, int esz, int tesz, ARMFPStatus *st)
{
    switch (esz * 4 + tesz) {
    case 1 * 4 + 2: return arm_fp_cvt_h_to_s((uint16_t)v, st);
    case 1 * 4 + 3: return arm_fp_cvt_h_to_d((uint16_t)v, st);
    case 2 * 4 + 1: return arm_fp_cvt_s_to_h((uint32_t)v, st);
    case 2 * 4 + 3: return arm_fp_cvt_s_to_d((uint32_t)v, st);
    case 3 * 4 + 1: return arm_fp_cvt_d_to_h(v, st);
    case 3 * 4 + 2: return arm_fp_cvt_d_to_s(v, st);
    default: return v;
    }
}

/* FCVT (scalar): esz the source, data the destination size. */
DEF_SIMD_HELPER(fcvt_prec)
{
    int esz = desc_esz(desc), tesz = desc_data(desc);
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), d = {{0}};
    vset(&d, 0, tesz, fp_convert(vget(&n, 0, esz), esz, tesz, &st));
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, 1 << tesz);
}

/* FCVTN/FCVTN2 and FCVTXN/FCVTXN2: esz the destination size; data bit 0
 * the "2" form, bit 1 the scalar FCVTXN. */
static void do_fcvt_narrow(CPUARMState *env, uint64_t desc, bool odd)
{
    int esz = desc_esz(desc), data = desc_data(desc);
    int part = data & 1, nout = (data & 2) ? 1 : 8 >> esz;
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), d = {{0}};
    if (part) {
        d = simd_get(env, desc_rd(desc));
    }
    for (int i = 0; i < nout; i++) {
        uint64_t v = vget(&n, i, esz + 1);
        vset(&d, part * nout + i, esz,
             odd ? arm_fp_cvtxn_d_to_s(v, &st) : fp_convert(v, esz + 1, esz, &st));
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, (data & 2) ? 1 << esz : (part ? 16 : 8));
}

DEF_SIMD_HELPER(fcvtn) { do_fcvt_narrow(env, desc, false); }
DEF_SIMD_HELPER(fcvtxn) { do_fcvt_narrow(env, desc, true); }

/* FCVTL/FCVTL2: esz the source size; data bit 0 the "2" form. */
DEF_SIMD_HELPER(fcvtl)
{
    int esz = desc_esz(desc), part = desc_data(desc) & 1, nout = 8 >> esz;
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), d;
    for (int i = 0; i < nout; i++) {
        vset(&d, i, esz + 1,
             fp_convert(vget(&n, part * nout + i, esz), esz, esz + 1, &st));
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, 16);
}

/* FCMP/FCMPE: NZCV in bits 3:0.  data bit 0 compare with +0, bit 1 the
 * signalling (E) form. */
static unsigned fp_compare(CPUARMState *env, uint64_t desc)
{
    int esz = desc_esz(desc), data = desc_data(desc);
    bool zero = data & 1, sig = (data >> 1) & 1;
    ARMFPStatus st = fp_status(env);
    SimdVec vn = simd_get(env, desc_rn(desc)), vm = simd_get(env, desc_rm(desc));
    uint64_t a = vget(&vn, 0, esz), b = zero ? 0 : vget(&vm, 0, esz);
    unsigned r;
    switch (esz) {
    case 1: r = arm_fp_compare_h((uint16_t)a, (uint16_t)b, sig, &st); break;
    case 2: r = arm_fp_compare_s((uint32_t)a, (uint32_t)b, sig, &st); break;
    default: r = arm_fp_compare_d(a, b, sig, &st); break;
    }
    fp_status_put(env, &st);
    return r;
}

DEF_SIMD_HELPER_R(fcmp) { return fp_compare(env, desc); }

/* FCCMP/FCCMPE: x is whether the condition holds; otherwise the NZCV of
 * data bits 7:4. */
DEF_SIMD_HELPER_XR(fccmp)
{
    if (!x) {
        return (uint64_t)(desc_data(desc) >> 4) & 0xf;
    }
    return fp_compare(env, desc);
}

/* FCVT{N,P,M,Z,A}{S,U} and FCVTZ{S,U} (fixed point) to a general register.
 * data: bits 2:0 rounding, bit 3 unsigned, bit 4 64-bit result, bits 15:8
 * fbits.  A 32-bit result comes back zero-extended. */
DEF_SIMD_HELPER_R(fcvt_to_gpr)
{
    int esz = desc_esz(desc), data = desc_data(desc);
    int fbits = (data >> 8) & 0xff;
    bool uns = (data >> 3) & 1, is64 = (data >> 4) & 1;
    ARMFPRounding rm = fp_data_rounding(env, data & 7);
    ARMFPStatus st = fp_status(env);
    uint64_t a = env->vregs[desc_rn(desc)].d[0], r;
#define CVT_CASES(S, T)                                                      \
    if (is64) {                                                              \
        r = uns ? arm_fp_to_u64_##S((T)a, fbits, rm, &st)                    \
                : (uint64_t)arm_fp_to_s64_##S((T)a, fbits, rm, &st);         \
    } else {                                                                 \
        r = uns ? arm_fp_to_u32_##S((T)a, fbits, rm, &st)                    \
                : (uint32_t)arm_fp_to_s32_##S((T)a, fbits, rm, &st);         \
    }
    switch (esz) {
    case 1: CVT_CASES(h, uint16_t) break;
    case 2: CVT_CASES(s, uint32_t) break;
    default: CVT_CASES(d, uint64_t) break;
    }
#undef CVT_CASES
    fp_status_put(env, &st);
    return r;
}

/* SCVTF/UCVTF from a general register x into Vd (esz), rest cleared.
 * data: bit 3 unsigned, bit 4 64-bit source, bits 15:8 fbits. */
DEF_SIMD_HELPER_X(cvtf_from_gpr)
{
    int esz = desc_esz(desc), data = desc_data(desc);
    int fbits = (data >> 8) & 0xff;
    bool uns = (data >> 3) & 1, is64 = (data >> 4) & 1;
    ARMFPStatus st = fp_status(env);
    SimdVec d = {{0}};
    uint64_t r;
#define CVTF_CASES(S)                                                        \
    if (is64) {                                                              \
        r = uns ? arm_fp_from_u64_##S(x, fbits, &st)                         \
                : arm_fp_from_s64_##S((int64_t)x, fbits, &st);               \
    } else {                                                                 \
        r = uns ? arm_fp_from_u32_##S((uint32_t)x, fbits, &st)               \
                : arm_fp_from_s32_##S((int32_t)x, fbits, &st);               \
    }
    switch (esz) {
    case 1: CVTF_CASES(h) break;
    case 2: CVTF_CASES(s) break;
    default: CVTF_CASES(d) break;
    }
#undef CVTF_CASES
    fp_status_put(env, &st);
    d.d[0] = r;
    simd_put(env, desc_rd(desc), d, 1 << esz);
}

/* FJCVTZS: the 32-bit result, with the Z flag in bit 32. */
DEF_SIMD_HELPER_R(fjcvtzs)
{
    ARMFPStatus st = fp_status(env);
    bool z;
    uint32_t r = arm_fp_jcvtzs(env->vregs[desc_rn(desc)].d[0], &z, &st);
    fp_status_put(env, &st);
    return (uint64_t)r | (uint64_t)z << 32;
}

/* ---- complex arithmetic (FEAT_FCMA) ---- */

/* FPNeg on raw bits: the sign flips, NaNs included. */
static uint64_t fp_negbits(uint64_t v, int esz)
{
    return v ^ (1ull << ((8 << esz) - 1));
}

/* FCMLA: rotation data bits 1:0; by element, data bits 15:8 are the pair
 * of Vm used for every pair of Vn.  Each result is FPMulAdd(Vd element,
 * op1, op2) with the operands the rotation picks. */
static void do_fcmla(CPUARMState *env, uint64_t desc, bool by_idx)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc), data = desc_data(desc);
    int rot = data & 3, idx = (data >> 8) & 0xff;
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d = simd_get(env, desc_rd(desc));
    for (int e = 0; e < (oprsz >> esz) / 2; e++) {
        int mi = by_idx ? idx : e;
        uint64_t mr = vget(&m, 2 * mi, esz), mim = vget(&m, 2 * mi + 1, esz);
        uint64_t nr = vget(&n, 2 * e, esz), ni = vget(&n, 2 * e + 1, esz);
        uint64_t e1, e2, e3, e4;
        switch (rot) {
        case 0: e1 = mr; e2 = nr; e3 = mim; e4 = nr; break;
        case 1: e1 = fp_negbits(mim, esz); e2 = ni; e3 = mr; e4 = ni; break;
        case 2:
            e1 = fp_negbits(mr, esz);
            e2 = nr;
            e3 = fp_negbits(mim, esz);
            e4 = nr;
            break;
        default: e1 = mim; e2 = ni; e3 = fp_negbits(mr, esz); e4 = ni; break;
        }
        uint64_t r0 = fp_binop(FOP_FMLA, esz, e2, e1, vget(&d, 2 * e, esz), &st);
        uint64_t r1 = fp_binop(FOP_FMLA, esz, e4, e3, vget(&d, 2 * e + 1, esz),
                               &st);
        vset(&d, 2 * e, esz, r0);
        vset(&d, 2 * e + 1, esz, r1);
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, oprsz);
}

DEF_SIMD_HELPER(fcmla) { do_fcmla(env, desc, false); }
DEF_SIMD_HELPER(fcmla_idx) { do_fcmla(env, desc, true); }

/* FCADD: data bit 0 selects the 270-degree rotation (else 90). */
DEF_SIMD_HELPER(fcadd)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);
    bool rot270 = desc_data(desc) & 1;
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d = {{0}};
    for (int e = 0; e < (oprsz >> esz) / 2; e++) {
        uint64_t mr = vget(&m, 2 * e, esz), mim = vget(&m, 2 * e + 1, esz);
        uint64_t e2 = rot270 ? mim : fp_negbits(mim, esz);
        uint64_t e4 = rot270 ? fp_negbits(mr, esz) : mr;
        uint64_t r0 = fp_binop(FOP_ADD, esz, vget(&n, 2 * e, esz), e2, 0, &st);
        uint64_t r1 = fp_binop(FOP_ADD, esz, vget(&n, 2 * e + 1, esz), e4, 0,
                               &st);
        vset(&d, 2 * e, esz, r0);
        vset(&d, 2 * e + 1, esz, r1);
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, oprsz);
}

/* ---- FMLAL/FMLSL (FEAT_FHM): single += half * half, one rounding ---- */

/*
 * A half operand of FPMulAddH as a single with the same value: exact, with
 * FPCR.FZ16 flushing denormals (no IDC).  FPUnpack ignores FPCR.AHP (only
 * conversions use the alternative format).  NaNs are handled before.
 */
static uint32_t fhm_widen(uint16_t h, uint32_t fpcr)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31;
    int exp = (h >> 10) & 0x1f;
    uint32_t frac = h & 0x3ff;
    if (exp == 0) {
        if (frac == 0 || (fpcr & ARM_FPCR_FZ16)) {
            return sign;
        }
        /* 2^-14 * frac/2^10: normalise into single */
        int sh = __builtin_clz(frac) - 21;     /* leading one to bit 10 */
        frac = (frac << sh) & 0x3ff;
        return sign | (uint32_t)(127 - 14 - sh) << 23 | frac << 13;
    }
    if (exp == 0x1f) {
        return sign | 0x7f800000u;             /* infinity */
    }
    return sign | (uint32_t)(exp - 15 + 127) << 23 | frac << 13;
}

static bool fhm_is_nan16(uint16_t h)
{
    return (h & 0x7c00) == 0x7c00 && (h & 0x3ff);
}

static bool fhm_is_inf16(uint16_t h)
{
    return (h & 0x7fff) == 0x7c00;
}

static bool fhm_is_zero16(uint16_t h, uint32_t fpcr)
{
    return (h & 0x7c00) == 0 && ((h & 0x3ff) == 0 || (fpcr & ARM_FPCR_FZ16));
}

/* FPMulAddH(acc, a, b): FPProcessNaNs3H, then the fused operation. */
static uint32_t fhm_muladd(uint32_t acc, uint16_t a, uint16_t b,
                           ARMFPStatus *st)
{
    uint32_t fpcr = st->fpcr;
    bool nan_acc = (acc & 0x7f800000u) == 0x7f800000u && (acc & 0x7fffffu);
    bool snan_acc = nan_acc && !(acc & 0x400000u);
    bool nan_a = fhm_is_nan16(a), snan_a = nan_a && !(a & 0x200);
    bool nan_b = fhm_is_nan16(b), snan_b = nan_b && !(b & 0x200);
    if ((fpcr & ARM_FPCR_FZ) && (acc & 0x7f800000u) == 0 && (acc & 0x7fffffu)) {
        /* FPUnpack of the addend flushes it (and says so) before any NaN
         * is looked at */
        st->fpsr |= ARM_FPSR_IDC;
    }
    if (nan_acc || nan_a || nan_b) {
        uint32_t r;
        if (snan_acc || (!snan_a && !snan_b && nan_acc)) {
            r = acc | 0x400000u;
        } else {
            uint16_t h = snan_a || (!snan_b && nan_a) ? a : b;
            r = (uint32_t)(h >> 15) << 31 | 0x7fc00000u | (uint32_t)(h & 0x1ff) << 13;
        }
        if (snan_acc || snan_a || snan_b) {
            st->fpsr |= ARM_FPSR_IOC;
        }
        bool inf_zero = (fhm_is_inf16(a) && fhm_is_zero16(b, fpcr)) ||
                        (fhm_is_zero16(a, fpcr) && fhm_is_inf16(b));
        if (!snan_acc && nan_acc && !nan_a && !nan_b && inf_zero) {
            st->fpsr |= ARM_FPSR_IOC;
            return 0x7fc00000u;
        }
        return (fpcr & ARM_FPCR_DN) ? 0x7fc00000u : r;
    }
    return arm_fp_muladd_s(fhm_widen(a, fpcr), fhm_widen(b, fpcr), acc, 0, st);
}

/* data: bit 0 the "2" form (upper halves), bit 1 FMLSL, bit 2 by element,
 * bits 15:8 the element index of Vm. */
DEF_SIMD_HELPER(fmlal)
{
    int oprsz = desc_oprsz(desc), data = desc_data(desc), nout = oprsz / 4;
    int part = data & 1, idx = (data >> 8) & 0xff;
    ARMFPStatus st = fp_status(env);
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d = simd_get(env, desc_rd(desc));
    for (int i = 0; i < nout; i++) {
        uint16_t a = n.h[part * nout + i];
        uint16_t b = (data & 4) ? m.h[idx] : m.h[part * nout + i];
        if (data & 2) {
            a ^= 0x8000;
        }
        d.s[i] = fhm_muladd(d.s[i], a, b, &st);
    }
    fp_status_put(env, &st);
    simd_put(env, desc_rd(desc), d, oprsz);
}
