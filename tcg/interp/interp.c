/* SPDX-License-Identifier: MIT */
/*
 * The portable backend: "code" is a compact copy of the optimized IR that
 * this file interprets.  It shares decoder, IR and optimizer with the JIT,
 * so running every test on both checks the x86-64 backend and its register
 * allocator.  Helpers are called through libffi with one cached ffi_cif per
 * helper signature.
 *
 * Operands are 32-bit words: two selector bits choose a base (env for
 * globals, the frame for block temps, the block's constant pool) and the
 * rest is a byte offset from it.
 */
#include <ffi.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tcg/backend.h"
#include "tcg/eval.h"
#include "tcg/exec.h"

enum { SEL_ENV = 0, SEL_FRAME = 1, SEL_CONST = 2 };
#define OPND(sel, off) (((uint32_t)(sel) << 30) | (uint32_t)(off))

typedef struct IOp {
    uint16_t opc;
    uint8_t type, nargs, no, ni;
    uint16_t size;                 /* bytes of this record */
    const TCGHelperInfo *call;
    uint64_t args[];               /* operands for temps, raw cargs */
} IOp;

typedef struct IBlock {
    TranslationBlock *tb;
    uint32_t nb_frame;             /* temps in the frame */
    uint32_t nb_labels;
    uint32_t ops_off, consts_off;  /* from the block start */
    uint32_t ops_end;
    uint32_t label_off[];          /* op record offset of each label */
} IBlock;

static size_t interp_init(void *rw, void *rx, size_t size) { return 0; }

static long interp_gen_code(TCGContext *s, TranslationBlock *tb, void *rw,
                            void *rx, size_t size)
{
    char *base = rw;
    IBlock *b = rw;
    size_t off = sizeof(IBlock) + sizeof(uint32_t) * (size_t)s->nb_labels;
    /* the constant pool and the op records hold uint64_t */
    off = (off + 7) & ~(size_t)7;
    if (off + 64 > size) {
        return -1;
    }
    b->tb = tb;
    b->nb_labels = (uint32_t)s->nb_labels;
    b->nb_frame = (uint32_t)(s->nb_temps - s->nb_globals);
    /* constant pool: one slot per temp index, only consts filled */
    b->consts_off = (uint32_t)off;
    off += sizeof(uint64_t) * (size_t)s->nb_temps;
    if (off > size) {
        return -1;
    }
    uint64_t *consts = (uint64_t *)(base + b->consts_off);
    for (int i = 0; i < s->nb_temps; i++) {
        consts[i] = (uint64_t)s->temps[i].val;
    }
    b->ops_off = (uint32_t)off;
    int insn = 0;
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_nop || op->opc == INDEX_op_discard) {
            continue;
        }
        size_t rec = sizeof(IOp) + sizeof(uint64_t) * op->nargs;
        if (off + rec + 64 > size) {
            return -1;
        }
        IOp *io = (IOp *)(base + off);
        io->opc = op->opc;
        io->type = op->type;
        io->nargs = op->nargs;
        io->no = op->nb_oargs;
        io->ni = op->nb_iargs;
        io->size = (uint16_t)rec;
        io->call = op->call;
        for (int k = 0; k < op->nargs; k++) {
            uint64_t a = op->args[k];
            if (k < op->nb_oargs + op->nb_iargs) {
                TCGTemp *t = &s->temps[a];
                switch (t->kind) {
                case TEMP_GLOBAL:
                    a = OPND(SEL_ENV, t->mem_offset);
                    break;
                case TEMP_CONST:
                    a = OPND(SEL_CONST, 8 * a);
                    break;
                case TEMP_FIXED:
                    a = 0xffffffffu; /* env itself */
                    break;
                default:
                    a = OPND(SEL_FRAME, 8 * (a - (uint64_t)s->nb_globals));
                    break;
                }
            }
            io->args[k] = a;
        }
        if (op->opc == INDEX_op_set_label) {
            b->label_off[op->args[0]] = (uint32_t)off;
        }
        if (op->opc == INDEX_op_goto_tb) {
            tb->jmp_insn_offset[op->args[0] & 1] = (uint32_t)off;
        }
        if (op->opc == INDEX_op_insn_start && insn < TCG_MAX_INSNS) {
            s->insn_data[insn][0] = op->args[0];
            s->insn_data[insn][1] = op->args[1];
            if (insn > 0) {
                s->insn_end_off[insn - 1] = (uint32_t)off;
            }
            insn++;
        }
        off += rec;
    }
    b->ops_end = (uint32_t)off;
    if (insn > 0) {
        s->insn_end_off[insn - 1] = (uint32_t)off;
    }
    s->nb_insns = insn;
    (void)rx;
    return (long)off;
}

/* ---- libffi calls, one cif per signature ---- */

typedef struct CifEntry {
    uint8_t nargs, has_ret;
    uint8_t kinds[TCG_MAX_CALL_ARGS];
    ffi_cif cif;
    ffi_type *types[TCG_MAX_CALL_ARGS];
} CifEntry;

static CifEntry cifs[64];
static int nb_cifs;
static pthread_mutex_t cif_lock = PTHREAD_MUTEX_INITIALIZER;

/* Helper descriptions are read-only, so the info -> cif mapping lives in
 * a small per-thread direct-mapped cache in front of the signature list. */
static __thread struct {
    const TCGHelperInfo *info;
    ffi_cif *cif;
} cif_cache[256];

static ffi_cif *cif_for(const TCGHelperInfo *info)
{
    unsigned slot = (unsigned)(((uintptr_t)info >> 4) & 255);
    if (cif_cache[slot].info == info) {
        return cif_cache[slot].cif;
    }
    pthread_mutex_lock(&cif_lock);
    CifEntry *e = NULL;
    for (int i = 0; i < nb_cifs; i++) {
        if (cifs[i].nargs == info->nargs && cifs[i].has_ret == info->has_ret
            && !memcmp(cifs[i].kinds, info->arg_kind, info->nargs)) {
            e = &cifs[i];
            break;
        }
    }
    if (!e) {
        if (nb_cifs == 64) {
            fprintf(stderr, "mimic: too many helper signatures\n");
            abort();
        }
        e = &cifs[nb_cifs];
        e->nargs = info->nargs;
        e->has_ret = info->has_ret;
        memcpy(e->kinds, info->arg_kind, info->nargs);
        for (int i = 0; i < info->nargs; i++) {
            e->types[i] = info->arg_kind[i] == TCG_CALL_ARG_PTR ?
                &ffi_type_pointer : info->arg_kind[i] == TCG_CALL_ARG_I32 ?
                &ffi_type_uint32 : &ffi_type_uint64;
        }
        if (ffi_prep_cif(&e->cif, FFI_DEFAULT_ABI, info->nargs,
                         info->has_ret ? &ffi_type_uint64 : &ffi_type_void,
                         e->types) != FFI_OK) {
            fprintf(stderr, "mimic: ffi_prep_cif failed for %s\n",
                    info->name);
            abort();
        }
        nb_cifs++;
    }
    pthread_mutex_unlock(&cif_lock);
    cif_cache[slot].info = info;
    cif_cache[slot].cif = &e->cif;
    return &e->cif;
}

/* ---- guest memory ---- */

static uint64_t load_host(const void *p, MemOp mop)
{
    uint64_t v;
    switch (mop & MO_SIZE) {
    case MO_8: v = *(const uint8_t *)p; break;
    case MO_16: { uint16_t x; memcpy(&x, p, 2); v = x; break; }
    case MO_32: { uint32_t x; memcpy(&x, p, 4); v = x; break; }
    default: memcpy(&v, p, 8); break;
    }
    int bits = 8 << (mop & MO_SIZE);
    if (mop & MO_BSWAP) {
        v = __builtin_bswap64(v) >> (64 - bits);
    }
    if ((mop & MO_SIGN) && bits < 64) {
        v = (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    }
    return v;
}

static void store_host(void *p, uint64_t v, MemOp mop)
{
    int bits = 8 << (mop & MO_SIZE);
    if ((mop & MO_BSWAP) && bits > 8) {
        v = __builtin_bswap64(v) >> (64 - bits);
    }
    switch (mop & MO_SIZE) {
    case MO_8: *(uint8_t *)p = (uint8_t)v; break;
    case MO_16: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
    case MO_32: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
    default: memcpy(p, &v, 8); break;
    }
}

/* Softmmu fast path: the page of the first and last byte must match a TLB
 * entry exactly (flag bits in the entry force the slow path). */
static void *tlb_host(TCGCPUCommon *c, uint64_t addr, MemOp mop, int mmu,
                      bool write)
{
    unsigned size = 1u << (mop & MO_SIZE);
    uint64_t page_mask = ~((1ull << TLB_PAGE_BITS) - 1);
    if (((addr ^ (addr + size - 1)) & page_mask) != 0) {
        return NULL;
    }
    CPUTLBEntry *e = &c->tlb[mmu][(addr >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
    uint64_t cmp = write ? e->addr_write : e->addr_read;
    if ((addr & page_mask) != cmp) {
        return NULL;
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

static uint64_t guest_ld(void *env, uint64_t addr, MemOp mop, int mmu)
{
    TCGCPUCommon *c = env;
    unsigned size = 1u << (mop & MO_SIZE);
    if ((mop & MO_ALIGN) && (addr & (size - 1)) &&
        tcg_mem_model == TCG_MEM_GUEST_BASE) {
        c->raise_unaligned(env, addr, mop, 0);
    }
    if (tcg_mem_model == TCG_MEM_GUEST_BASE) {
        return load_host((void *)(c->guest_base + (uintptr_t)addr), mop);
    }
    void *p = (mop & MO_ALIGN) && (addr & (size - 1)) ? NULL :
              tlb_host(c, addr, mop, mmu, false);
    return p ? load_host(p, mop) : c->slow_ld(env, addr, mop, (uint32_t)mmu,
                                              0);
}

static void guest_st(void *env, uint64_t addr, uint64_t v, MemOp mop, int mmu)
{
    TCGCPUCommon *c = env;
    unsigned size = 1u << (mop & MO_SIZE);
    if ((mop & MO_ALIGN) && (addr & (size - 1)) &&
        tcg_mem_model == TCG_MEM_GUEST_BASE) {
        c->raise_unaligned(env, addr, mop, 0);
    }
    if (tcg_mem_model == TCG_MEM_GUEST_BASE) {
        store_host((void *)(c->guest_base + (uintptr_t)addr), v, mop);
        return;
    }
    void *p = (mop & MO_ALIGN) && (addr & (size - 1)) ? NULL :
              tlb_host(c, addr, mop, mmu, true);
    if (p) {
        store_host(p, v, mop);
    } else {
        c->slow_st(env, addr, v, mop, (uint32_t)mmu, 0);
    }
}

/* ---- the interpreter loop ---- */

#define LOC(a) ((a) == 0xffffffffu ? (uint64_t *)&envp : \
    (uint64_t *)(bases[(a) >> 30] + ((a) & 0x3fffffffu)))
/* ld/st ops: host memory at base a[1] plus offset a[2], of any alignment
 * (as x86 allows), so through memcpy */
#define HOST_ADDR(a) ((char *)(uintptr_t)*LOC((a)[1]) + (a)[2])
#define HOST_LD(type, a) \
    ({ type v_; memcpy(&v_, HOST_ADDR(a), sizeof(v_)); v_; })
#define HOST_ST(type, a) do { \
        type v_ = (type)*LOC((a)[0]); \
        memcpy(HOST_ADDR(a), &v_, sizeof(v_)); \
    } while (0)

static uintptr_t interp_exec(void *env, TranslationBlock *tb)
{
    TCGCPUCommon *c = env;
    uint64_t frame[TCG_MAX_TEMPS];
    uint64_t envp = (uint64_t)(uintptr_t)env;

next_tb:
    if (__atomic_load_n(&c->exit_request, __ATOMIC_RELAXED)) {
        return (uintptr_t)tb | TB_EXIT_REQUESTED;
    }
    if (tb->cflags & CF_COUNT_INSNS) {
        c->insn_count += tb->icount;
        c->block_count++;
    }
    const char *blk = tb->tc_ptr;
    const IBlock *b = (const IBlock *)blk;
    char *bases[3] = { env, (char *)frame, (char *)blk + b->consts_off };
    uint32_t pos = b->ops_off;

    while (pos < b->ops_end) {
        const IOp *op = (const IOp *)(blk + pos);
        pos += op->size;
        const uint64_t *a = op->args;
        uint64_t in[6], out[2];
        switch (op->opc) {
        case INDEX_op_insn_start:
            c->interp_insn_data[0] = a[0];
            c->interp_insn_data[1] = a[1];
            continue;
        case INDEX_op_set_label:
        case INDEX_op_nop:
            continue;
        case INDEX_op_br:
            pos = b->label_off[a[0]];
            continue;
        case INDEX_op_brcond:
            if (tcg_cond_eval((TCGCond)a[2], *LOC(a[0]), *LOC(a[1]),
                              (TCGType)op->type)) {
                pos = b->label_off[a[3]];
            }
            continue;
        case INDEX_op_ld8u: *LOC(a[0]) = HOST_LD(uint8_t, a);
            continue;
        case INDEX_op_ld8s: *LOC(a[0]) = (uint64_t)HOST_LD(int8_t, a);
            continue;
        case INDEX_op_ld16u: *LOC(a[0]) = HOST_LD(uint16_t, a);
            continue;
        case INDEX_op_ld16s: *LOC(a[0]) = (uint64_t)HOST_LD(int16_t, a);
            continue;
        case INDEX_op_ld32u: *LOC(a[0]) = HOST_LD(uint32_t, a);
            continue;
        case INDEX_op_ld32s: *LOC(a[0]) = (uint64_t)HOST_LD(int32_t, a);
            continue;
        case INDEX_op_ld: *LOC(a[0]) = HOST_LD(uint64_t, a);
            continue;
        case INDEX_op_st8: HOST_ST(uint8_t, a);
            continue;
        case INDEX_op_st16: HOST_ST(uint16_t, a);
            continue;
        case INDEX_op_st32: HOST_ST(uint32_t, a);
            continue;
        case INDEX_op_st: HOST_ST(uint64_t, a);
            continue;
        case INDEX_op_qemu_ld: {
            uint64_t v = guest_ld(env, *LOC(a[1]) + (uint64_t)(int32_t)a[4],
                                  (MemOp)a[2], (int)a[3]);
            *LOC(a[0]) = v;
            continue;
        }
        case INDEX_op_qemu_st:
            guest_st(env, *LOC(a[1]) + (uint64_t)(int32_t)a[4], *LOC(a[0]),
                     (MemOp)a[2], (int)a[3]);
            continue;
        case INDEX_op_mb:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            continue;
        case INDEX_op_call: {
            void *argv[TCG_MAX_CALL_ARGS];
            uint64_t vals[TCG_MAX_CALL_ARGS];
            uint32_t v32[TCG_MAX_CALL_ARGS];
            const TCGHelperInfo *h = op->call;
            for (int i = 0; i < op->ni; i++) {
                vals[i] = *LOC(a[op->no + i]);
                v32[i] = (uint32_t)vals[i];
                argv[i] = h->arg_kind[i] == TCG_CALL_ARG_I32 ? (void *)&v32[i]
                                                             : &vals[i];
            }
            ffi_arg ret = 0;
            ffi_call(cif_for(h), FFI_FN(h->func), &ret, argv);
            if (op->no) {
                *LOC(a[0]) = (uint64_t)ret;
            }
            continue;
        }
        case INDEX_op_goto_tb: {
            TranslationBlock *d =
                __atomic_load_n(&tb->jmp_dest[a[0]], __ATOMIC_ACQUIRE);
            if (d) {
                tb = d;
                goto next_tb;
            }
            continue;
        }
        case INDEX_op_exit_tb:
            return (uintptr_t)a[0];
        case INDEX_op_goto_lookup: {
            uint64_t pc = *LOC(a[0]);
            TranslationBlock *d = c->jmp_cache[tb_jmp_cache_hash(pc)];
            if (d->pc == pc && d->flags == (uint32_t)a[1]) {
                tb = d;
                goto next_tb;
            }
            return 0;
        }
        default:
            for (int i = 0; i < op->ni; i++) {
                in[i] = *LOC(a[op->no + i]);
            }
            if (!tcg_eval_op((TCGOpcode)op->opc, (TCGType)op->type, in,
                             &a[op->no + op->ni], out)) {
                fprintf(stderr, "mimic: interp: unhandled op %s\n",
                        tcg_op_defs[op->opc].name);
                abort();
            }
            for (int i = 0; i < op->no; i++) {
                *LOC(a[i]) = out[i];
            }
            continue;
        }
    }
    /* falling off the end of a block is a front-end bug */
    fprintf(stderr, "mimic: interp: block at 0x%llx has no exit\n",
            (unsigned long long)tb->pc);
    abort();
}

static void interp_set_jump(TranslationBlock *tb, int n,
                            TranslationBlock *dest)
{
    /* interp_exec reads jmp_dest itself; nothing to patch */
    (void)tb; (void)n; (void)dest;
}

const TCGBackend tcg_backend_interp = {
    .name = "interp",
    .host_code = false,
    .init = interp_init,
    .gen_code = interp_gen_code,
    .exec = interp_exec,
    .set_jump = interp_set_jump,
};
