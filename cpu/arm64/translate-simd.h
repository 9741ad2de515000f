/* SPDX-License-Identifier: MIT */
/*
 * Shared pieces of the A64 SIMD&FP translator (translate-simd*.c,
 * translate-fp*.c): where vector registers live in env, inline element
 * moves, and the single funnel through which every vector operation is
 * emitted (gen_vop*).  The design is described in translate-simd.c.
 */
#ifndef CPU_ARM64_TRANSLATE_SIMD_H
#define CPU_ARM64_TRANSLATE_SIMD_H

#include "translate.h"
#include "helper-simd.h"
#include "cpu-features.h"

/* Byte offset in env of V register r, and of element idx of size 1<<esz. */
static inline intptr_t vreg_off(int r)
{
    return (intptr_t)offsetof(CPUARMState, vregs) + (intptr_t)r * 16;
}

static inline intptr_t vreg_elt_off(int r, int idx, int esz)
{
    /* the host is little-endian, like the guest's element numbering */
    return vreg_off(r) + ((intptr_t)idx << esz);
}

/* Element moves between env and temps (esz 0..3); loads zero-extend
 * unless sign is set. */
void gen_vreg_ld_elt(TCGv t, int r, int idx, int esz, bool sign);
void gen_vreg_st_elt(TCGv t, int r, int idx, int esz);
TCGv gen_vreg_read_d(int r, int half);
void gen_vreg_write_d(int r, int half, TCGv v);
/* Zeroes bits 127:64 (the rule for every write of a D/S/H/B register or a
 * 64-bit vector result). */
void gen_vreg_clear_high(int r);
/* Vd = zero-extended v (an element of size esz); the rest is cleared. */
void gen_vreg_write_scalar(int r, TCGv v, int esz);
/* v (an element of size esz) copied to every element of 64 bits; Vd set
 * to that (and cleared above 64 bits unless q). */
TCGv gen_dup_to_64(TCGv v, int esz);
void gen_dup_reg(int rd, TCGv v, int esz, bool q);
/* The register width of a vector form: 8 or 16 bytes. */
static inline int vec_oprsz_log2(bool q) { return q ? 4 : 3; }

/*
 * The vector-operation funnel.  A descriptor names the registers and the
 * shape; the helper (see helper-simd.h) does the work on env.  A later
 * inline host-SIMD path hooks in here, keyed on the helper.
 */
static inline uint64_t simd_desc(int rd, int rn, int rm, int ra, int oprsz_log2,
                                 int esz, int64_t data)
{
    return (uint64_t)rd | (uint64_t)rn << SIMD_DESC_RN_SHIFT |
           (uint64_t)rm << SIMD_DESC_RM_SHIFT |
           (uint64_t)ra << SIMD_DESC_RA_SHIFT |
           (uint64_t)oprsz_log2 << SIMD_DESC_OPRSZ_SHIFT |
           (uint64_t)esz << SIMD_DESC_ESZ_SHIFT |
           (uint64_t)(uint32_t)data << SIMD_DESC_DATA_SHIFT;
}

void gen_vop(const TCGHelperInfo *h, uint64_t desc);
void gen_vop_x(const TCGHelperInfo *h, uint64_t desc, TCGv x);
TCGv gen_vop_ret(const TCGHelperInfo *h, uint64_t desc);
TCGv gen_vop_x_ret(const TCGHelperInfo *h, uint64_t desc, TCGv x);

/* Vector forms (Q selects 64/128 bits), element size esz. */
static inline void gen_vop3(const TCGHelperInfo *h, bool q, int esz, int rd,
                            int rn, int rm, int64_t data)
{
    gen_vop(h, simd_desc(rd, rn, rm, 0, vec_oprsz_log2(q), esz, data));
}

/* Scalar forms: one element of size esz, the rest of Vd cleared. */
static inline void gen_sop3(const TCGHelperInfo *h, int esz, int rd, int rn,
                            int rm, int64_t data)
{
    gen_vop(h, simd_desc(rd, rn, rm, 0, esz, esz, data));
}

/* Guest address helpers for SIMD&FP loads and stores. */
TCGv gen_simd_addr(DisasContext *s, int rn, int64_t offset);

/* Optional features (cpu-features.h) gate their encodings: UNDEF unless
 * advertised. */
static inline bool simd_have(DisasContext *s, ArmFeature f)
{
    return arm_feature(s->env, f);
}

/* AArch64.CheckFPAdvSIMDEnabled, after the encoding is known to be valid:
 * false when the access traps (system mode, CPACR_EL1.FPEN); the exception
 * is then raised and the trans_ function returns true. */
static inline bool fp_access_check(DisasContext *s)
{
    return a64_fp_access_check(s);
}

#endif
