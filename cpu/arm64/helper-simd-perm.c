/* SPDX-License-Identifier: MIT */
/*
 * SIMD helpers that move elements without computing on them: structure
 * (de)interleaving for LD2-LD4/ST2-ST4, table lookup, zip/unzip/transpose,
 * extract and the element reversals.  Arm ARM C7.2 (TBL, ZIP1, EXT, ...).
 */
#include <string.h>
#include "helper-simd.h"

/*
 * The memory image of an LDn/STn of selem registers starting at rt: element
 * e of register k sits at image offset (e * selem + k) << esz.  The image
 * is held in the registers themselves, oprsz bytes each, in image order.
 */
static void simd_image_get(const CPUARMState *env, int rt, int nregs,
                           int oprsz, uint8_t *img)
{
    for (int k = 0; k < nregs; k++) {
        memcpy(img + k * oprsz, env->vregs[(rt + k) % 32].d, (size_t)oprsz);
    }
}

DEF_SIMD_HELPER(ld_deinterleave)
{
    int rt = desc_rd(desc), selem = desc_ra(desc);
    int oprsz = desc_oprsz(desc), eb = 1 << desc_esz(desc);
    uint8_t img[64];
    SimdVec out[4];
    simd_image_get(env, rt, selem, oprsz, img);
    for (int k = 0; k < selem; k++) {
        for (int e = 0; e < oprsz / eb; e++) {
            memcpy(&out[k].b[e * eb], img + (e * selem + k) * eb, (size_t)eb);
        }
        simd_put(env, (rt + k) % 32, out[k], oprsz);
    }
}

/* Chunk x (8 bytes) of the interleaved image of registers rt.. */
DEF_SIMD_HELPER_XR(st_interleave_chunk)
{
    int rt = desc_rd(desc), selem = desc_ra(desc);
    int oprsz = desc_oprsz(desc), eb = 1 << desc_esz(desc);
    uint8_t img[64], out[64];
    uint64_t r;
    simd_image_get(env, rt, selem, oprsz, img);
    for (int k = 0; k < selem; k++) {
        for (int e = 0; e < oprsz / eb; e++) {
            memcpy(out + (e * selem + k) * eb, img + k * oprsz + e * eb,
                   (size_t)eb);
        }
    }
    memcpy(&r, out + x * 8, 8);
    return r;
}

/* TBL/TBX: data = number of table registers - 1. */
static void do_tbl(CPUARMState *env, uint64_t desc, bool tbx)
{
    int rn = desc_rn(desc), nregs = desc_data(desc) + 1;
    int oprsz = desc_oprsz(desc);
    uint8_t table[64];
    SimdVec idx = simd_get(env, desc_rm(desc));
    SimdVec d = simd_get(env, desc_rd(desc));
    for (int k = 0; k < nregs; k++) {
        memcpy(table + k * 16, env->vregs[(rn + k) % 32].d, 16);
    }
    for (int i = 0; i < oprsz; i++) {
        if (idx.b[i] < nregs * 16) {
            d.b[i] = table[idx.b[i]];
        } else if (!tbx) {
            d.b[i] = 0;
        }
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

DEF_SIMD_HELPER(tbl) { do_tbl(env, desc, false); }
DEF_SIMD_HELPER(tbx) { do_tbl(env, desc, true); }

/* ZIP/UZP/TRN: part selects the 1 or 2 form. */
static void do_zip(CPUARMState *env, uint64_t desc, int part)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);
    int nelem = oprsz >> esz, base = part * nelem / 2;
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d;
    for (int i = 0; i < nelem / 2; i++) {
        vset(&d, 2 * i, esz, vget(&n, base + i, esz));
        vset(&d, 2 * i + 1, esz, vget(&m, base + i, esz));
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

static void do_uzp(CPUARMState *env, uint64_t desc, int part)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);
    int nelem = oprsz >> esz;
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d;
    for (int i = 0; i < nelem; i++) {
        int j = 2 * i + part;
        vset(&d, i, esz, j < nelem ? vget(&n, j, esz) : vget(&m, j - nelem, esz));
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

static void do_trn(CPUARMState *env, uint64_t desc, int part)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);
    int nelem = oprsz >> esz;
    SimdVec n = simd_get(env, desc_rn(desc)), m = simd_get(env, desc_rm(desc));
    SimdVec d;
    for (int i = 0; i < nelem / 2; i++) {
        vset(&d, 2 * i, esz, vget(&n, 2 * i + part, esz));
        vset(&d, 2 * i + 1, esz, vget(&m, 2 * i + part, esz));
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

DEF_SIMD_HELPER(zip1) { do_zip(env, desc, 0); }
DEF_SIMD_HELPER(zip2) { do_zip(env, desc, 1); }
DEF_SIMD_HELPER(uzp1) { do_uzp(env, desc, 0); }
DEF_SIMD_HELPER(uzp2) { do_uzp(env, desc, 1); }
DEF_SIMD_HELPER(trn1) { do_trn(env, desc, 0); }
DEF_SIMD_HELPER(trn2) { do_trn(env, desc, 1); }

/* EXT: bytes imm.. of the concatenation Vm:Vn (Vn lowest). */
DEF_SIMD_HELPER(ext)
{
    int oprsz = desc_oprsz(desc), pos = desc_data(desc);
    uint8_t cat[32];
    SimdVec d;
    memcpy(cat, env->vregs[desc_rn(desc)].d, (size_t)oprsz);
    memcpy(cat + oprsz, env->vregs[desc_rm(desc)].d, (size_t)oprsz);
    memcpy(d.b, cat + pos, (size_t)oprsz);
    simd_put(env, desc_rd(desc), d, oprsz);
}

/* REV16/REV32/REV64: reverse the esz elements within each container of
 * data bytes. */
static void do_rev(CPUARMState *env, uint64_t desc, int container)
{
    int esz = desc_esz(desc), oprsz = desc_oprsz(desc);
    int per = container >> esz;
    SimdVec n = simd_get(env, desc_rn(desc)), d;
    for (int i = 0; i < (oprsz >> esz); i++) {
        int base = i - i % per;
        vset(&d, i, esz, vget(&n, base + per - 1 - i % per, esz));
    }
    simd_put(env, desc_rd(desc), d, oprsz);
}

DEF_SIMD_HELPER(rev16) { do_rev(env, desc, 2); }
DEF_SIMD_HELPER(rev32) { do_rev(env, desc, 4); }
DEF_SIMD_HELPER(rev64) { do_rev(env, desc, 8); }
