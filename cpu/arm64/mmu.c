/* SPDX-License-Identifier: MIT */
/*
 * The stage-1 MMU of the EL1&0 translation regime (Arm ARM D8,
 * "The AArch64 Virtual Memory System Architecture"; pseudocode
 * AArch64.S1Translate, AArch64.S1Walk, AArch64.S1DirectBasePermissions):
 * the 4K granule only (the ID registers say so), 48-bit VA and PA, levels
 * 0 to 3, table and block descriptors, hierarchical APTable/XNTable/
 * PXNTable, AP[2:1], UXN/PXN, WXN, PAN, E0PD, the access flag (a fault:
 * hardware AF/DBM management is not advertised).  The softmmu TLB
 * (tlb.c) calls this on a miss; AT (sysreg-el1.c) and the prefetch-abort
 * path call it directly.  Permissions are computed here, checked by the
 * caller that knows the access.
 */
#include <string.h>
#include "sys.h"
#include "cpu-features.h"

#define SCTLR_M      (1ull << 0)
#define SCTLR_WXN    (1ull << 19)
#define TCR_EPD0     (1ull << 7)
#define TCR_EPD1     (1ull << 23)
#define TCR_TBI0     (1ull << 37)
#define TCR_TBI1     (1ull << 38)
#define TCR_E0PD0    (1ull << 55)
#define TCR_E0PD1    (1ull << 56)
#define PA_BITS      48
#define PA_MASK      ((1ull << PA_BITS) - 1)
#define DESC_OA_MASK 0x0000fffffffff000ull

/* AddrTop(): bit 55 picks the half; with TBI the top byte is not part of
 * the address, and the half's sign fills it. */
uint64_t a64_mmu_clean_addr(const CPUARMState *env, uint64_t va)
{
    bool hi = (va >> 55) & 1;
    uint64_t tbi = hi ? TCR_TBI1 : TCR_TBI0;
    if (!(env->sys.tcr_el1 & tbi)) {
        return va;
    }
    return hi ? va | 0xff00000000000000ull : va & 0x00ffffffffffffffull;
}

/* Reads a descriptor; false if the table is not in RAM. */
static bool read_desc(const CPUARMState *env, uint64_t pa, uint64_t *desc)
{
    const ARMBoard *b = env->sys.board;
    bool ro;
    void *p = b->ram_ptr(b->opaque, pa, &ro);
    if (!p) {
        return false;
    }
    *desc = __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
    return true;
}

static bool walk_fault(ARMWalk *w, int fsc, int level)
{
    w->fsc = fsc + level;
    w->level = (uint8_t)level;
    return false;
}

/* The MMU disabled (SCTLR_EL1.M == 0): flat, data as Device-nGnRnE,
 * everything permitted (AArch64.S1DisabledOutput). */
static bool walk_disabled(uint64_t va, ARMWalk *w)
{
    if (va > PA_MASK) {
        return walk_fault(w, FSC_ADDR_SIZE, 0);
    }
    w->pa = va;
    w->size = 1ull << 12;
    w->prot = ARM_PROT_R | ARM_PROT_W | ARM_PROT_X;
    w->attr = 0;
    w->level = 0;
    return true;
}

/* Permissions of a leaf (Arm ARM D8.4, "Memory access control"), given
 * the hierarchical restrictions collected from the table descriptors. */
static uint8_t leaf_prot(const CPUARMState *env, uint64_t desc, int mmu_idx,
                         unsigned ap_table, bool xn_table, bool pxn_table)
{
    unsigned ap = (unsigned)(desc >> 6) & 3;  /* AP[2:1] */
    bool el0_rd = (ap & 1) && !(ap_table & 1);
    bool ro = (ap & 2) || (ap_table & 2);
    bool el0_wr = el0_rd && !ro;
    bool uxn = ((desc >> 54) & 1) || xn_table;
    bool pxn = ((desc >> 53) & 1) || pxn_table || el0_wr;
    bool wxn = env->sys.sctlr_el1 & SCTLR_WXN;
    uint8_t prot;
    if (mmu_idx == ARM_MMU_EL0) {
        prot = (el0_rd ? ARM_PROT_R : 0) | (el0_wr ? ARM_PROT_W : 0);
        if (!uxn && !(wxn && el0_wr)) {
            prot |= ARM_PROT_X;
        }
        return prot;
    }
    prot = ARM_PROT_R | (ro ? 0 : ARM_PROT_W);
    if (!pxn && !(wxn && !ro)) {
        prot |= ARM_PROT_X;
    }
    /* PSTATE.PAN: no data access from EL1 to what EL0 can read */
    if (mmu_idx == ARM_MMU_EL1_PAN && el0_rd) {
        prot &= ARM_PROT_X;
    }
    return prot;
}

/* The TTBR half va selects and its translation controls; false with a
 * level 0 translation fault if va may not be translated at all. */
static bool walk_setup(const CPUARMState *env, uint64_t va, int mmu_idx,
                       uint64_t *ttbr, int *inputsize, ARMWalk *w)
{
    uint64_t tcr = env->sys.tcr_el1;
    bool hi = (va >> 55) & 1;
    unsigned txsz = (unsigned)(hi ? tcr >> 16 : tcr) & 0x3f;
    bool tbi = tcr & (hi ? TCR_TBI1 : TCR_TBI0);
    /* T0SZ/T1SZ outside 16..39 act as the nearest limit (no FEAT_LVA,
     * no FEAT_TTST) */
    txsz = txsz < 16 ? 16 : txsz > 39 ? 39 : txsz;
    *inputsize = 64 - (int)txsz;
    /* the bits above the input size, up to the top (55 with TBI), must
     * all equal bit 55 */
    int top = tbi ? 55 : 63;
    uint64_t above = (va >> *inputsize) &
                     ((1ull << (top - *inputsize + 1)) - 1);
    uint64_t want = hi ? (1ull << (top - *inputsize + 1)) - 1 : 0;
    if (above != want || (tcr & (hi ? TCR_EPD1 : TCR_EPD0))) {
        return walk_fault(w, FSC_TRANSLATION, 0);
    }
    /* FEAT_E0PD: EL0 may not use this half; faults like a level 0 miss */
    if (mmu_idx == ARM_MMU_EL0 && arm_feature(env, ARM_FEAT_E0PD) &&
        (tcr & (hi ? TCR_E0PD1 : TCR_E0PD0))) {
        return walk_fault(w, FSC_TRANSLATION, 0);
    }
    *ttbr = hi ? env->sys.ttbr1_el1 : env->sys.ttbr0_el1;
    return true;
}

bool a64_mmu_walk(CPUARMState *env, uint64_t va, int mmu_idx, ARMWalk *w)
{
    memset(w, 0, sizeof(*w));
    w->fsc = -1;
    if (!(env->sys.sctlr_el1 & SCTLR_M)) {
        return walk_disabled(va, w);
    }
    uint64_t ttbr;
    int inputsize;
    if (!walk_setup(env, va, mmu_idx, &ttbr, &inputsize, w)) {
        return false;
    }
    /* 4K granule: 9 bits per level, the first level takes the rest */
    int level = 3 - (inputsize - 12 - 1) / 9;
    int first_bits = inputsize - 12 - 9 * (3 - level);
    uint64_t table = ttbr & PA_MASK & ~((8ull << first_bits) - 1);
    unsigned ap_table = 0;
    bool xn_table = false, pxn_table = false;
    for (;;) {
        int shift = 12 + 9 * (3 - level);
        int bits = level == 3 - (inputsize - 12 - 1) / 9 ? first_bits : 9;
        uint64_t idx = (va >> shift) & ((1ull << bits) - 1);
        uint64_t desc;
        if (!read_desc(env, table + idx * 8, &desc)) {
            /* synchronous external abort on a translation table walk */
            return walk_fault(w, 0x14, level);
        }
        if (!(desc & 1) || (level == 3 && !(desc & 2)) ||
            (level == 0 && !(desc & 2))) {
            return walk_fault(w, FSC_TRANSLATION, level);
        }
        /* output address bits above 48 (in a leaf, bits 51:50 are DBM
         * and GP, which Linux sets as software bits) */
        bool is_table = level < 3 && (desc & 2);
        if ((desc >> PA_BITS) & (is_table ? 0xf : 0x3)) {
            return walk_fault(w, FSC_ADDR_SIZE, level);
        }
        if (is_table) {
            ap_table |= (unsigned)(desc >> 61) & 3;
            xn_table |= (desc >> 60) & 1;
            pxn_table |= (desc >> 59) & 1;
            table = desc & DESC_OA_MASK;
            level++;
            continue;
        }
        /* block (levels 1, 2) or page (level 3) */
        if (!(desc & (1u << 10))) {
            return walk_fault(w, FSC_ACCESS_FLAG, level);
        }
        uint64_t size = 1ull << shift;
        w->pa = (desc & DESC_OA_MASK & ~(size - 1)) | (va & (size - 1));
        w->size = size;
        w->level = (uint8_t)level;
        w->prot = leaf_prot(env, desc, mmu_idx, ap_table, xn_table,
                            pxn_table);
        w->attr = (uint8_t)(env->sys.mair_el1 >> (8 * ((desc >> 2) & 7)));
        w->sh = (uint8_t)((desc >> 8) & 3);
        w->ng = (desc >> 11) & 1;
        return true;
    }
}
