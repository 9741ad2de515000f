/* SPDX-License-Identifier: MIT */
/*
 * The softmmu TLB of a system-mode CPU and every guest memory access that
 * leaves the inline fast path: one direct-mapped table of 4K entries per
 * MMU index (tcg/tb.h CPUTLBEntry: page tags for read/write/fetch with
 * flag bits in the low bits, addend = host - guest for RAM), filled from
 * the page walk (mmu.c) on a miss.  Here live:
 *  - the slow paths the generated code calls (env->common.slow_ld/st):
 *    miss, fault (data abort with the pc restored), MMIO dispatch to the
 *    board, accesses that cross a page, MO_ALIGN faults;
 *  - instruction fetch for the translator and the physical pc that keys
 *    a block (an unexecutable pc becomes an instruction abort when the
 *    exec loop reaches it, never at translation);
 *  - code-page protection: pages holding translated code have
 *    TLB_NOTDIRTY in every write entry, so the first write takes the slow
 *    path and drops the blocks of that physical page (DMA writes come in
 *    through a64_phys_written);
 *  - flushes (TLBI, TTBR/SCTLR/TCR changes), which also clear the jump
 *    cache: it is keyed by virtual pc.
 * ASIDs are not kept in entries: a change of ASID or table base flushes.
 */
#include <stdlib.h>
#include <string.h>
#include "sys.h"
#include "tcg/exec.h"

#define PAGE_SIZE  (1ull << TLB_PAGE_BITS)
#define PAGE_MASK  (~(PAGE_SIZE - 1))
#define TLB_FLAGS  (TLB_MMIO | TLB_NOTDIRTY)
#define TLB_EMPTY  (~0ull)

static inline unsigned tlb_index(uint64_t va)
{
    return (unsigned)(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1);
}

/* The tag matches va's page (flag bits aside; an empty tag never does). */
static inline bool tlb_hit(uint64_t tag, uint64_t va)
{
    return (tag & ~(uint64_t)TLB_FLAGS) == (va & PAGE_MASK);
}

static void jmp_cache_clear(CPUARMState *env)
{
    tcg_cpu_jmp_cache_clear(env);
}

void a64_tlb_init(CPUARMState *env)
{
    size_t bytes = sizeof(CPUTLBEntry) * TLB_SIZE * TLB_NB_MMU_MODES;
    env->sys.tlb = aligned_alloc(64, bytes);
    if (!env->sys.tlb) {
        abort();
    }
    env->common.tlb = env->sys.tlb;
    env->common.slow_ld = a64_slow_ld;
    env->common.slow_st = a64_slow_st;
    memset(env->sys.tlb, 0xff, bytes);
    a64_tlb_flush(env);
}

/* Only the ARM_MMU_COUNT indices in use are cleared: a context switch
 * (TTBR write) flushes, so this is on a hot path. */
void a64_tlb_flush(CPUARMState *env)
{
    memset(env->sys.tlb, 0xff, sizeof(CPUTLBEntry) * TLB_SIZE * ARM_MMU_COUNT);
    memset(env->sys.aux, 0, sizeof(ARMTLBAux) * TLB_SIZE * ARM_MMU_COUNT);
    memset(env->sys.large_mask, 0, sizeof(env->sys.large_mask));
    jmp_cache_clear(env);
}

static void tlb_entry_clear(CPUARMState *env, int idx, unsigned i)
{
    CPUTLBEntry *e = &env->sys.tlb[idx][i];
    e->addr_read = e->addr_write = e->addr_code = TLB_EMPTY;
    env->sys.aux[idx][i].va = TLB_EMPTY;
}

void a64_tlb_flush_page(CPUARMState *env, uint64_t va)
{
    uint64_t page = va & PAGE_MASK;
    for (int idx = 0; idx < ARM_MMU_COUNT; idx++) {
        uint64_t m = env->sys.large_mask[idx];
        if (m && (va & m) == env->sys.large_addr[idx]) {
            /* inside a block mapping cached as many 4K entries */
            for (unsigned i = 0; i < TLB_SIZE; i++) {
                tlb_entry_clear(env, idx, i);
            }
            env->sys.large_mask[idx] = 0;
            continue;
        }
        if (env->sys.aux[idx][tlb_index(va)].va == page) {
            tlb_entry_clear(env, idx, tlb_index(va));
        }
    }
    jmp_cache_clear(env);
}

/* ---- pages holding translated code (one bitmap per machine) ---- */

#define CODE_L1_SHIFT 30     /* 1 GB of physical pages per leaf */
#define CODE_L1_SIZE  (1u << (48 - CODE_L1_SHIFT))
#define CODE_LEAF_WORDS (1u << (CODE_L1_SHIFT - TLB_PAGE_BITS - 6))

static uint64_t *code_word(ARMBoard *b, uint64_t pa, bool alloc)
{
    if (pa >> 48) {
        return NULL;
    }
    if (!b->code_pages) {
        if (!alloc) {
            return NULL;
        }
        b->code_pages = calloc(CODE_L1_SIZE, sizeof(uint64_t *));
        if (!b->code_pages) {
            abort();
        }
    }
    uint64_t **leaf = &b->code_pages[pa >> CODE_L1_SHIFT];
    if (!*leaf) {
        if (!alloc) {
            return NULL;
        }
        *leaf = calloc(CODE_LEAF_WORDS, sizeof(uint64_t));
        if (!*leaf) {
            abort();
        }
    }
    uint64_t page = (pa >> TLB_PAGE_BITS) &
                    ((1ull << (CODE_L1_SHIFT - TLB_PAGE_BITS)) - 1);
    return &(*leaf)[page >> 6];
}

static inline uint64_t code_bit(uint64_t pa)
{
    return 1ull << ((pa >> TLB_PAGE_BITS) & 63);
}

static bool code_page_test(ARMBoard *b, uint64_t pa)
{
    uint64_t *w = code_word(b, pa, false);
    return w && (*w & code_bit(pa));
}

/* A block is being translated from the page holding pa: from now on
 * writes to it must take the slow path, in every CPU's TLB. */
void a64_code_page_note(CPUARMState *env, uint64_t pa)
{
    ARMBoard *b = env->sys.board;
    uint64_t *w = code_word(b, pa, true);
    if (!w || (*w & code_bit(pa))) {
        return;
    }
    *w |= code_bit(pa);
    uint64_t page = pa & PAGE_MASK;
    if (b->code_page_mark) {
        b->code_page_mark(b->opaque, page, true);
    }
    for (int c = 0; c < b->nb_cpus; c++) {
        CPUARMState *o = b->cpus[c];
        for (int idx = 0; idx < ARM_MMU_COUNT; idx++) {
            for (unsigned i = 0; i < TLB_SIZE; i++) {
                CPUTLBEntry *e = &o->sys.tlb[idx][i];
                if (o->sys.aux[idx][i].ram && o->sys.aux[idx][i].pa == page &&
                    e->addr_write != TLB_EMPTY) {
                    e->addr_write |= TLB_NOTDIRTY;
                }
            }
        }
    }
}

/* Drops the translations of every code page in [pa, pa + len). */
void a64_phys_written(ARMBoard *b, uint64_t pa, uint64_t len)
{
    if (!len || !b->code_pages) {
        return;
    }
    for (uint64_t p = pa & PAGE_MASK; p < pa + len; p += PAGE_SIZE) {
        uint64_t *w = code_word(b, p, false);
        if (w && (*w & code_bit(p))) {
            *w &= ~code_bit(p);
            tb_invalidate_phys_page(p);
            if (b->code_page_mark) {
                b->code_page_mark(b->opaque, p, false);
            }
        }
    }
}

/* ---- filling ---- */

/* Remembers a block mapping so that a TLBI by VA inside it drops all. */
static void tlb_note_large(CPUARMState *env, int idx, uint64_t va,
                           uint64_t size)
{
    uint64_t mask = ~(size - 1);
    uint64_t old = env->sys.large_mask[idx];
    if (old) {
        mask &= old;
        while ((va & mask) != (env->sys.large_addr[idx] & mask)) {
            mask <<= 1;
        }
    }
    env->sys.large_mask[idx] = mask;
    env->sys.large_addr[idx] = va & mask;
}

static void tlb_set(CPUARMState *env, uint64_t va, int idx, const ARMWalk *w)
{
    ARMBoard *b = env->sys.board;
    uint64_t page = va & PAGE_MASK, pa = w->pa & PAGE_MASK;
    unsigned i = tlb_index(va);
    CPUTLBEntry *e = &env->sys.tlb[idx][i];
    ARMTLBAux *aux = &env->sys.aux[idx][i];
    bool ro = false;
    void *host = b->ram_ptr(b->opaque, pa, &ro);
    uint64_t rflag = 0, wflag = 0;
    if (!host) {
        rflag = wflag = TLB_MMIO;
    } else if (ro) {
        wflag = TLB_MMIO;       /* ROM: writes go to the board */
    } else if (code_page_test(b, pa)) {
        wflag = TLB_NOTDIRTY;
    }
    if (w->size > PAGE_SIZE) {
        tlb_note_large(env, idx, va, w->size);
    }
    e->addr_read = (w->prot & ARM_PROT_R) ? page | rflag : TLB_EMPTY;
    e->addr_write = (w->prot & ARM_PROT_W) ? page | wflag : TLB_EMPTY;
    e->addr_code = (w->prot & ARM_PROT_X) ? page : TLB_EMPTY;
    e->addend = host ? (uintptr_t)host - (uintptr_t)page : 0;
    *aux = (ARMTLBAux){ .va = page, .pa = pa, .prot = w->prot,
                        .ram = host != NULL };
}

/* Walks and fills for an access of kind acc, or raises its abort. */
static CPUTLBEntry *tlb_fill(CPUARMState *env, uint64_t va, int idx, int acc,
                             uintptr_t ra)
{
    ARMWalk w;
    bool insn = acc == ARM_ACC_EXEC, write = acc == ARM_ACC_WRITE;
    if (!a64_mmu_walk(env, va, idx, &w)) {
        a64_raise_abort(env, va, insn, write, w.fsc, ra);
    }
    if (!(w.prot & (1u << acc))) {
        a64_raise_abort(env, va, insn, write, FSC_PERMISSION + w.level, ra);
    }
    tlb_set(env, va, idx, &w);
    return &env->sys.tlb[idx][tlb_index(va)];
}

static CPUTLBEntry *tlb_lookup(CPUARMState *env, uint64_t va, int idx,
                               int acc, uintptr_t ra)
{
    CPUTLBEntry *e = &env->sys.tlb[idx][tlb_index(va)];
    uint64_t tag = acc == ARM_ACC_READ ? e->addr_read :
                   acc == ARM_ACC_WRITE ? e->addr_write : e->addr_code;
    return tlb_hit(tag, va) ? e : tlb_fill(env, va, idx, acc, ra);
}

/* First write to a page with translated code: its blocks go. */
static void tlb_notdirty(CPUARMState *env, CPUTLBEntry *e, int idx,
                         uint64_t va)
{
    ARMBoard *b = env->sys.board;
    uint64_t pa = env->sys.aux[idx][tlb_index(va)].pa;
    if (code_page_test(b, pa)) {
        a64_phys_written(b, pa, 1);
    }
    e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
}

/* ---- the slow paths ---- */

static uint64_t ld_host(const void *p, unsigned size)
{
    switch (size) {
    case 1: return *(const uint8_t *)p;
    case 2: { uint16_t x; memcpy(&x, p, 2); return x; }
    case 4: { uint32_t x; memcpy(&x, p, 4); return x; }
    default: { uint64_t x; memcpy(&x, p, 8); return x; }
    }
}

static void st_host(void *p, unsigned size, uint64_t v)
{
    switch (size) {
    case 1: *(uint8_t *)p = (uint8_t)v; break;
    case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
    case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
    default: memcpy(p, &v, 8); break;
    }
}

static uint64_t bswap_size(uint64_t v, unsigned size)
{
    return size == 1 ? v : __builtin_bswap64(v) >> (64 - 8 * size);
}

/* One access inside one page. */
static uint64_t ld_page(CPUARMState *env, uint64_t va, unsigned size, int idx,
                        uintptr_t ra)
{
    CPUTLBEntry *e = tlb_lookup(env, va, idx, ARM_ACC_READ, ra);
    if (!(e->addr_read & TLB_MMIO)) {
        return ld_host((void *)(uintptr_t)(va + e->addend), size);
    }
    const ARMBoard *b = env->sys.board;
    uint64_t pa = env->sys.aux[idx][tlb_index(va)].pa | (va & ~PAGE_MASK);
    uint64_t v;
    if (!b->mmio_read(b->opaque, env->sys.cpu_index, pa, size, &v)) {
        a64_raise_abort(env, va, false, false, FSC_EXTERNAL, ra);
    }
    return v;
}

static void st_page(CPUARMState *env, uint64_t va, unsigned size, uint64_t v,
                    int idx, uintptr_t ra)
{
    CPUTLBEntry *e = tlb_lookup(env, va, idx, ARM_ACC_WRITE, ra);
    if (e->addr_write & TLB_MMIO) {
        const ARMBoard *b = env->sys.board;
        uint64_t pa = env->sys.aux[idx][tlb_index(va)].pa |
                      (va & ~PAGE_MASK);
        if (!b->mmio_write(b->opaque, env->sys.cpu_index, pa, size, v)) {
            a64_raise_abort(env, va, false, true, FSC_EXTERNAL, ra);
        }
        return;
    }
    if (e->addr_write & TLB_NOTDIRTY) {
        tlb_notdirty(env, e, idx, va);
    }
    st_host((void *)(uintptr_t)(va + e->addend), size, v);
}

static bool crosses_page(uint64_t va, unsigned size)
{
    return (va & ~PAGE_MASK) + size > PAGE_SIZE;
}

uint64_t a64_slow_ld(void *envp, uint64_t addr, uint32_t memop,
                     uint32_t mmu_idx, uintptr_t ra)
{
    CPUARMState *env = envp;
    unsigned size = 1u << (memop & MO_SIZE);
    int idx = (int)mmu_idx;
    if ((memop & MO_ALIGN) && (addr & (size - 1))) {
        a64_raise_abort(env, addr, false, false, FSC_ALIGNMENT, ra);
    }
    uint64_t v = 0;
    if (crosses_page(addr, size)) {
        /* byte by byte: a fault names the first byte it hits */
        for (unsigned i = 0; i < size; i++) {
            v |= ld_page(env, addr + i, 1, idx, ra) << (8 * i);
        }
    } else {
        v = ld_page(env, addr, size, idx, ra);
    }
    if (memop & MO_BSWAP) {
        v = bswap_size(v, size);
    }
    if ((memop & MO_SIGN) && size < 8) {
        int sh = 64 - 8 * (int)size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return v;
}

void a64_slow_st(void *envp, uint64_t addr, uint64_t val, uint32_t memop,
                 uint32_t mmu_idx, uintptr_t ra)
{
    CPUARMState *env = envp;
    unsigned size = 1u << (memop & MO_SIZE);
    int idx = (int)mmu_idx;
    if ((memop & MO_ALIGN) && (addr & (size - 1))) {
        a64_raise_abort(env, addr, false, true, FSC_ALIGNMENT, ra);
    }
    if (memop & MO_BSWAP) {
        val = bswap_size(val, size);
    }
    if (!crosses_page(addr, size)) {
        st_page(env, addr, size, val, idx, ra);
        return;
    }
    /* both pages must be writable before any byte is written */
    tlb_lookup(env, addr, idx, ARM_ACC_WRITE, ra);
    tlb_lookup(env, (addr + size - 1) & PAGE_MASK, idx, ARM_ACC_WRITE, ra);
    for (unsigned i = 0; i < size; i++) {
        st_page(env, addr + i, 1, val >> (8 * i), idx, ra);
    }
}

/* ---- from C helpers ---- */

void *a64_sys_host_ptr(CPUARMState *env, uint64_t va, unsigned size,
                       bool write, uintptr_t ra)
{
    int idx = a64f_mmu(env->sys.hflags);
    int acc = write ? ARM_ACC_WRITE : ARM_ACC_READ;
    if (crosses_page(va, size)) {
        a64_raise_abort(env, va, false, write, FSC_ALIGNMENT, ra);
    }
    CPUTLBEntry *e = tlb_lookup(env, va, idx, ARM_ACC_READ, ra);
    if (write) {
        e = tlb_lookup(env, va, idx, acc, ra);
    }
    uint64_t tag = write ? e->addr_write : e->addr_read;
    if (tag & TLB_MMIO) {
        /* atomics and exclusives on device memory: not supported */
        a64_raise_abort(env, va, false, write, FSC_EXTERNAL, ra);
    }
    if (write && (tag & TLB_NOTDIRTY)) {
        tlb_notdirty(env, e, idx, va);
    }
    return (void *)(uintptr_t)(va + e->addend);
}

bool a64_sys_translate(CPUARMState *env, uint64_t va, int acc, uint64_t *pa)
{
    ARMWalk w;
    int idx = a64_el(env) ? ARM_MMU_EL1 : ARM_MMU_EL0;
    if (!a64_mmu_walk(env, va, idx, &w)) {
        return false;
    }
    *pa = w.pa;
    return acc < 0 || (w.prot & (1u << acc));
}

/* ---- instruction fetch ---- */

/* Host pointer to the code at pc, or NULL if it cannot be executed.
 * Fetches use the EL1 index at EL1: PAN does not restrict them. */
static void *code_ptr(CPUARMState *env, uint64_t pc, uint64_t *pa)
{
    int idx = a64_el(env) ? ARM_MMU_EL1 : ARM_MMU_EL0;
    unsigned i = tlb_index(pc);
    CPUTLBEntry *e = &env->sys.tlb[idx][i];
    if (!tlb_hit(e->addr_code, pc)) {
        ARMWalk w;
        if (!a64_mmu_walk(env, pc, idx, &w) || !(w.prot & ARM_PROT_X)) {
            return NULL;
        }
        tlb_set(env, pc, idx, &w);
    }
    ARMTLBAux *aux = &env->sys.aux[idx][i];
    if (!aux->ram) {
        return NULL;
    }
    *pa = aux->pa | (pc & ~PAGE_MASK);
    return (void *)(uintptr_t)(pc + e->addend);
}

bool a64_sys_fetch_code(CPUARMState *env, uint64_t pc, uint32_t *insn)
{
    uint64_t pa;
    void *p = (pc & 3) ? NULL : code_ptr(env, pc, &pa);
    if (!p) {
        return false;
    }
    memcpy(insn, p, 4);
    return true;
}

/* Keys the block at pc; an unexecutable pc raises its exception now
 * (the exec loop is about to run it), from outside generated code. */
uint64_t a64_sys_get_phys_pc(void *envp, uint64_t pc)
{
    CPUARMState *env = envp;
    uint64_t pa;
    if (pc & 3) {
        env->syndrome = esr_make(EC_PC_ALIGN, 0);
        env->fault_addr = pc;
        env->common.exception_index = EXCP_SYNC;
        tcg_cpu_loop_exit(env);
    }
    if (!code_ptr(env, pc, &pa)) {
        env->common.exception_index = EXCP_PREFETCH;
        tcg_cpu_loop_exit(env);
    }
    return pa;
}
