/* SPDX-License-Identifier: MIT */
/*
 * AArch64 scalar floating point, bit-exact with the Arm ARM pseudocode
 * (shared/functions/float/...): FPAdd, FPMulAdd, FPRoundInt, FPToFixed,
 * FPConvert, FPRecipEstimate and friends, for half (_h), single (_s) and
 * double (_d) precision.
 *
 * This is the exact slow path behind the FP helpers that translated code
 * calls: values are raw IEEE bit patterns, FPCR comes in and FPSR cumulative
 * flags go out through an ARMFPStatus.  The library is pure integer code: it
 * never touches the host's MXCSR or rounding mode, so callers need not save
 * anything around it, and results cannot depend on the host.
 *
 * Only the base architecture behaviour is modelled: FPCR.AH, FIZ and NEP
 * (FEAT_AFP) are ignored, as are the trap enables (no trapped exceptions).
 */
#ifndef CPU_ARM64_FPU_H
#define CPU_ARM64_FPU_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ARMFPStatus {
    uint32_t fpcr;              /* read: AHP, DN, FZ, RMode, FZ16 */
    uint32_t fpsr;              /* cumulative flags are ORed in */
} ARMFPStatus;

/* FPCR fields the library reads. */
#define ARM_FPCR_AHP        (1u << 26)
#define ARM_FPCR_DN         (1u << 25)
#define ARM_FPCR_FZ         (1u << 24)
#define ARM_FPCR_RMODE_SHIFT 22
#define ARM_FPCR_RMODE_MASK (3u << ARM_FPCR_RMODE_SHIFT)
#define ARM_FPCR_FZ16       (1u << 19)

/* FPSR cumulative exception flags. */
#define ARM_FPSR_IOC        (1u << 0)   /* invalid operation */
#define ARM_FPSR_DZC        (1u << 1)   /* divide by zero */
#define ARM_FPSR_OFC        (1u << 2)   /* overflow */
#define ARM_FPSR_UFC        (1u << 3)   /* underflow */
#define ARM_FPSR_IXC        (1u << 4)   /* inexact */
#define ARM_FPSR_IDC        (1u << 7)   /* input denormal (flushed) */
#define ARM_FPSR_QC         (1u << 27)  /* saturation: SIMD integer only */

/*
 * FPRounding.  The first four values equal the FPCR.RMode encoding, so
 * arm_fp_rounding_mode() is a plain extraction.
 */
typedef enum ARMFPRounding {
    ARM_FPRM_TIEEVEN = 0,       /* RN */
    ARM_FPRM_POSINF = 1,        /* RP */
    ARM_FPRM_NEGINF = 2,        /* RM */
    ARM_FPRM_ZERO = 3,          /* RZ */
    ARM_FPRM_TIEAWAY = 4,       /* FCVTA*, FRINTA */
    ARM_FPRM_ODD = 5,           /* FCVTXN */
} ARMFPRounding;

/* FPRoundingMode(): the rounding mode FPCR selects. */
static inline ARMFPRounding arm_fp_rounding_mode(uint32_t fpcr)
{
    return (ARMFPRounding)((fpcr & ARM_FPCR_RMODE_MASK) >> ARM_FPCR_RMODE_SHIFT);
}

/* Negation flags for arm_fp_muladd_*: both applied to the raw operands
 * before anything else, as the FMSUB/FNMADD/FNMSUB pseudocode does with
 * FPNeg, so a NaN operand that gets propagated has its sign flipped. */
#define ARM_FP_NEG_PRODUCT  1u  /* negate a (the first multiplicand) */
#define ARM_FP_NEG_ADDEND   2u  /* negate c */

/*
 * Generated prototypes: each entry exists for h (uint16_t), s (uint32_t)
 * and d (uint64_t).
 */
#define ARM_FP_DECLARE_ALL(SFX, T)                                           \
    T arm_fp_add_##SFX(T a, T b, ARMFPStatus *st);                           \
    T arm_fp_sub_##SFX(T a, T b, ARMFPStatus *st);                           \
    T arm_fp_mul_##SFX(T a, T b, ARMFPStatus *st);                           \
    T arm_fp_mulx_##SFX(T a, T b, ARMFPStatus *st);                          \
    T arm_fp_div_##SFX(T a, T b, ARMFPStatus *st);                           \
    T arm_fp_sqrt_##SFX(T a, ARMFPStatus *st);                               \
    /* a*b + c, single rounding; FMADD Rd = muladd(Rn, Rm, Ra, 0) */         \
    T arm_fp_muladd_##SFX(T a, T b, T c, unsigned neg, ARMFPStatus *st);     \
    T arm_fp_min_##SFX(T a, T b, ARMFPStatus *st);                           \
    T arm_fp_max_##SFX(T a, T b, ARMFPStatus *st);                           \
    T arm_fp_minnm_##SFX(T a, T b, ARMFPStatus *st);                         \
    T arm_fp_maxnm_##SFX(T a, T b, ARMFPStatus *st);                         \
    T arm_fp_abs_##SFX(T a);                                                 \
    T arm_fp_neg_##SFX(T a);                                                 \
    /* FCMP/FCMPE: NZCV in bits 3..0; signal=true raises IOC on qNaN too */  \
    unsigned arm_fp_compare_##SFX(T a, T b, bool signal, ARMFPStatus *st);   \
    /* FRINT<N,A,P,M,Z,X,I>: exact=true (FRINTX) raises IXC */               \
    T arm_fp_roundint_##SFX(T a, ARMFPRounding rm, bool exact,               \
                            ARMFPStatus *st);                                \
    /* FCVT<N,A,P,M,Z><S,U> and fixed point (fbits 0..M) */                  \
    int32_t arm_fp_to_s32_##SFX(T a, int fbits, ARMFPRounding rm,            \
                                ARMFPStatus *st);                            \
    uint32_t arm_fp_to_u32_##SFX(T a, int fbits, ARMFPRounding rm,           \
                                 ARMFPStatus *st);                           \
    int64_t arm_fp_to_s64_##SFX(T a, int fbits, ARMFPRounding rm,            \
                                ARMFPStatus *st);                            \
    uint64_t arm_fp_to_u64_##SFX(T a, int fbits, ARMFPRounding rm,           \
                                 ARMFPStatus *st);                           \
    /* SCVTF/UCVTF (fbits 0..64), rounding per FPCR */                       \
    T arm_fp_from_s32_##SFX(int32_t v, int fbits, ARMFPStatus *st);          \
    T arm_fp_from_u32_##SFX(uint32_t v, int fbits, ARMFPStatus *st);         \
    T arm_fp_from_s64_##SFX(int64_t v, int fbits, ARMFPStatus *st);          \
    T arm_fp_from_u64_##SFX(uint64_t v, int fbits, ARMFPStatus *st);         \
    T arm_fp_recpe_##SFX(T a, ARMFPStatus *st);   /* FRECPE */               \
    T arm_fp_rsqrte_##SFX(T a, ARMFPStatus *st);  /* FRSQRTE */              \
    T arm_fp_recps_##SFX(T a, T b, ARMFPStatus *st);  /* FRECPS 2-a*b */     \
    T arm_fp_rsqrts_##SFX(T a, T b, ARMFPStatus *st); /* FRSQRTS (3-a*b)/2 */\
    T arm_fp_recpx_##SFX(T a, ARMFPStatus *st);   /* FRECPX */

ARM_FP_DECLARE_ALL(h, uint16_t)
ARM_FP_DECLARE_ALL(s, uint32_t)
ARM_FP_DECLARE_ALL(d, uint64_t)

/* 16-bit integer results (FCVT*S/U Hd, Hn; FEAT_FP16 vector forms). */
int16_t arm_fp_to_s16_h(uint16_t a, int fbits, ARMFPRounding rm, ARMFPStatus *st);
uint16_t arm_fp_to_u16_h(uint16_t a, int fbits, ARMFPRounding rm, ARMFPStatus *st);

/* FRINT32Z/FRINT32X/FRINT64Z/FRINT64X (FEAT_FRINTTS): pass ZERO for the Z
 * forms and arm_fp_rounding_mode(fpcr) for the X forms. */
uint32_t arm_fp_roundint32_s(uint32_t a, ARMFPRounding rm, ARMFPStatus *st);
uint32_t arm_fp_roundint64_s(uint32_t a, ARMFPRounding rm, ARMFPStatus *st);
uint64_t arm_fp_roundint32_d(uint64_t a, ARMFPRounding rm, ARMFPStatus *st);
uint64_t arm_fp_roundint64_d(uint64_t a, ARMFPRounding rm, ARMFPStatus *st);

/* FCVT between precisions, rounding per FPCR; a half result or operand
 * uses the alternative format when FPCR.AHP is set.  FZ16 never applies. */
uint32_t arm_fp_cvt_h_to_s(uint16_t a, ARMFPStatus *st);
uint64_t arm_fp_cvt_h_to_d(uint16_t a, ARMFPStatus *st);
uint16_t arm_fp_cvt_s_to_h(uint32_t a, ARMFPStatus *st);
uint64_t arm_fp_cvt_s_to_d(uint32_t a, ARMFPStatus *st);
uint16_t arm_fp_cvt_d_to_h(uint64_t a, ARMFPStatus *st);
uint32_t arm_fp_cvt_d_to_s(uint64_t a, ARMFPStatus *st);
/* FCVTXN: double to single rounding to odd, whatever FPCR.RMode says. */
uint32_t arm_fp_cvtxn_d_to_s(uint64_t a, ARMFPStatus *st);

/* FJCVTZS: JavaScript ToInt32; *z receives the Z flag (N, C, V are 0). */
uint32_t arm_fp_jcvtzs(uint64_t a, bool *z, ARMFPStatus *st);

/* URECPE/URSQRTE: the integer estimates that share the FP tables. */
uint32_t arm_fp_urecpe(uint32_t a);
uint32_t arm_fp_ursqrte(uint32_t a);

#endif
