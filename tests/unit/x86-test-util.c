/* SPDX-License-Identifier: MIT */
/*
 * Harness of the x86-64 backend unit test (see x86-test.h): the fake
 * target, the two-backend runner and the fake guest memory with its
 * softmmu TLB and slow-path hooks.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "tcg/code-cache.h"
#include "tcg/tb-maint.h"
#include "tcg/x86_64/x86.h"
#include "util/disas.h"
#include "x86-test.h"

TCGv R[16], PC;
FakeCPU cpu;
int passed, failed;

void check(bool ok, const char *fmt, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failed <= 300) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "FAIL: ");
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, "\n");
        va_end(ap);
    }
}

/* ---- a fake target for the exec loop ---- */

BlockGen *block_gen;
TranslationBlock *cur_tb;

static void hook_state(void *env, uint64_t *pc, uint32_t *flags)
{
    *pc = ((FakeCPU *)env)->pc;
    *flags = 0;
}

static void hook_set_pc(void *env, uint64_t pc)
{
    ((FakeCPU *)env)->pc = pc;
}

static void hook_translate(TCGContext *s, TranslationBlock *tb, void *env,
                           int max)
{
    cur_tb = tb;
    block_gen(tb->pc);
    tb->size = 4;
    tb->icount = 1;
}

static void hook_restore(void *env, const uint64_t data[2])
{
    ((FakeCPU *)env)->pc = data[0];
}

static void hook_globals(TCGContext *s)
{
    static const char *names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
        "r11", "r12", "r13", "r14", "r15",
    };
    for (int i = 0; i < 16; i++) {
        R[i] = tcg_global_mem_new(offsetof(FakeCPU, r[i]), names[i]);
    }
    PC = tcg_global_mem_new(offsetof(FakeCPU, pc), "pc");
}

static const TCGTargetHooks hooks = {
    .get_tb_cpu_state = hook_state,
    .set_pc = hook_set_pc,
    .translate = hook_translate,
    .restore_state = hook_restore,
    .init_globals = hook_globals,
};

void setup(const TCGBackend *be, TCGMemModel model)
{
    static bool cpu_ready;
    TCGExecConfig cfg = {
        .backend = be, .mem_model = model, .code_size = 16 << 20,
        .max_insns = 16,
    };
    if (cpu_ready) {
        tb_flush();
    }
    tcg_exec_init(&hooks, &cfg);
    if (!cpu_ready) {
        tcg_cpu_init(&cpu);
        cpu_ready = true;
    }
}

/* ---- running one block on both backends ---- */

static uint8_t interp_buf[1 << 20], ref_buf[1 << 20];


bool optimize_all;
static const char *unoptimized_dump;

bool compile_pair(Pair *p, bool optimize)
{
    TCGContext *s = tcg_ctx;
    optimize |= optimize_all;
    memset(p, 0, sizeof(*p));
    for (int i = 0; i < 2; i++) {
        p->tx.jmp_insn_offset[i] = p->tx.jmp_reset_offset[i] = UINT32_MAX;
    }
    if (getenv("X86_TEST_DUMPALL")) {
        fprintf(stderr, "--- before optimization\n");
        tcg_dump_ops(s, stderr);
    }
    if (optimize) {
        /* the same program unoptimized: what the optimized one must do */
        tcg_liveness(s);
        if (getenv("X86_TEST_DUMP")) {
            /* shown with the optimized ops if the two disagree */
            static char *text;
            static size_t len;
            free(text);
            FILE *f = open_memstream(&text, &len);
            tcg_dump_ops(s, f);
            fclose(f);
            unoptimized_dump = text;
        }
        p->tr.tc_ptr = ref_buf;
        p->has_ref = tcg_backend_interp.gen_code(s, &p->tr, ref_buf, ref_buf,
                                                 sizeof(ref_buf)) >= 0;
        tcg_optimize(s);
    }
    tcg_liveness(s);
    p->ti.tc_ptr = interp_buf;
    if (tcg_backend_interp.gen_code(s, &p->ti, interp_buf, interp_buf,
                                    sizeof(interp_buf)) < 0) {
        return false;
    }
    code_cache.used = code_cache.prologue_size;
    void *rx = (char *)code_cache.rx + code_cache.used;
    p->xsize = tcg_backend_x86_64.gen_code(s, &p->tx, code_cache_rw(rx), rx,
                                           code_cache.size - code_cache.used);
    p->tx.tc_ptr = rx;
    p->tx.tc_size = (uint32_t)p->xsize;
    if (getenv("X86_TEST_DUMPALL") && p->xsize > 0) {
        tcg_dump_ops(s, stderr);
        disas_host(stderr, p->tx.tc_ptr, p->tx.tc_size);
    }
    return p->xsize > 0;
}

void run_block(const TCGBackend *be, TranslationBlock *tb,
                      FakeCPU *c)
{
    memcpy(cpu.r, c->r, sizeof(c->r));
    cpu.pc = c->pc;
    memcpy(cpu.field, c->field, sizeof(c->field));
    cpu.fault_addr = cpu.slow_calls = cpu.mmio_last = 0;
    cpu.fault_memop = 0;
    if (sigsetjmp(cpu.common.jmp_env, 0) == 0) {
        be->exec(&cpu, tb);
    }
    memcpy(c->r, cpu.r, sizeof(c->r));
    c->pc = cpu.pc;
    memcpy(c->field, cpu.field, sizeof(c->field));
    c->fault_addr = cpu.fault_addr;
    c->fault_memop = cpu.fault_memop;
    c->slow_calls = cpu.slow_calls;
    c->mmio_last = cpu.mmio_last;
}

bool same_state(const FakeCPU *a, const FakeCPU *b)
{
    return !memcmp(a->r, b->r, sizeof(a->r)) && a->pc == b->pc &&
           !memcmp(a->field, b->field, sizeof(a->field)) &&
           a->fault_addr == b->fault_addr &&
           a->fault_memop == b->fault_memop &&
           a->slow_calls == b->slow_calls && a->mmio_last == b->mmio_last;
}

void report_diff(const char *what, const FakeCPU *in,
                        const FakeCPU *a, const FakeCPU *b)
{
    for (int i = 0; i < 16; i++) {
        if (a->r[i] != b->r[i]) {
            check(false, "%s: r%d interp %#llx x86 %#llx (r1=%#llx "
                  "r2=%#llx r3=%#llx)", what, i,
                  (unsigned long long)a->r[i], (unsigned long long)b->r[i],
                  (unsigned long long)in->r[1], (unsigned long long)in->r[2],
                  (unsigned long long)in->r[3]);
            return;
        }
    }
    check(false, "%s: pc/fields/faults differ: fault %#llx/%#llx slow "
          "%llu/%llu mmio %#llx/%#llx", what,
          (unsigned long long)a->fault_addr, (unsigned long long)b->fault_addr,
          (unsigned long long)a->slow_calls, (unsigned long long)b->slow_calls,
          (unsigned long long)a->mmio_last, (unsigned long long)b->mmio_last);
}

/* Guest memory that both backends see: reset before each run and
 * compared after. */
uint8_t *guest_mem;
size_t guest_mem_size;

/* Runs the compiled pair on input state in; true if both agree. */
bool run_pair(Pair *p, const FakeCPU *in, const char *what)
{
    static uint8_t snap[4][4096], after[4][4096];
    FakeCPU a = *in, b = *in;
    if (guest_mem) {
        memcpy(snap, guest_mem, guest_mem_size);
    }
    run_block(&tcg_backend_interp, &p->ti, &a);
    if (guest_mem) {
        memcpy(after, guest_mem, guest_mem_size);
        memcpy(guest_mem, snap, guest_mem_size);
    }
    run_block(&tcg_backend_x86_64, &p->tx, &b);
    if (guest_mem && memcmp(after, guest_mem, guest_mem_size)) {
        check(false, "%s: guest memory differs", what);
        return false;
    }
    if (p->has_ref) {
        FakeCPU r = *in;
        if (guest_mem) {
            memcpy(guest_mem, snap, guest_mem_size);
        }
        run_block(&tcg_backend_interp, &p->tr, &r);
        if (guest_mem && memcmp(after, guest_mem, guest_mem_size)) {
            check(false, "%s: guest memory differs after optimization", what);
            return false;
        }
        if (!same_state(&r, &a)) {
            report_diff("optimizer", in, &r, &a);
            check(false, "%s: unoptimized and optimized programs differ",
                  what);
            if (getenv("X86_TEST_DUMP")) {
                fprintf(stderr, "--- unoptimized\n%s--- optimized\n",
                        unoptimized_dump ? unoptimized_dump : "");
                tcg_dump_ops(tcg_ctx, stderr);
            }
            return false;
        }
    }
    if (!same_state(&a, &b)) {
        report_diff(what, in, &a, &b);
        if (getenv("X86_TEST_DUMP")) {
            tcg_dump_ops(tcg_ctx, stderr);
            disas_host(stderr, p->tx.tc_ptr, p->tx.tc_size);
        }
        return false;
    }
    return true;
}

void block_begin(void)
{
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start(0x1000, 0);
}

void block_end(void)
{
    tcg_gen_exit_tb(NULL, 0);
}

/* ---- every op, both widths ---- */

const uint64_t edge[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256,
    0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001,
    0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull,
    0xffffffff80000000ull, 0xdeadbeefcafebabeull, 0x123456789abcdef0ull,
};

uint64_t rng_state = 0x9e3779b97f4a7c15ull;
uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A random value that is often "interesting". */
uint64_t rnd_val(void)
{
    switch (rnd() % 4) {
    case 0: return edge[rnd() % NB_EDGE];
    case 1: return rnd() & 0xff;
    case 2: return edge[rnd() % NB_EDGE] ^ (rnd() << 32);
    default: return rnd();
    }
}

void fill_random(FakeCPU *c)
{
    memset(c, 0, sizeof(*c));
    for (int i = 0; i < 16; i++) {
        c->r[i] = rnd_val();
    }
    for (int i = 0; i < 4; i++) {
        c->field[i] = rnd();
    }
}


/* Runs the compiled block on all edge pairs in (r1, r2) plus random
 * states; one check per call. */
void sweep(Pair *p, const char *what, int nb_random)
{
    bool ok = true;
    FakeCPU in;
    for (int i = 0; i < NB_EDGE && ok; i++) {
        for (int j = 0; j < NB_EDGE && ok; j++) {
            fill_random(&in);
            in.r[1] = edge[i];
            in.r[2] = edge[j];
            ok = run_pair(p, &in, what);
        }
    }
    for (int i = 0; i < nb_random && ok; i++) {
        fill_random(&in);
        ok = run_pair(p, &in, what);
    }
    check(ok, "%s", what);
}

static uint64_t helper_mix6(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                            uint64_t e, uint64_t f)
{
    return a * 1 + b * 3 + c * 5 + d * 7 + e * 11 + f * 13 +
           ((a ^ f) >> 3);
}

static uint64_t helper_read_r5(void *env)
{
    return ((FakeCPU *)env)->r[5] * 3;
}

static void helper_write_r6(void *env, uint64_t v)
{
    ((FakeCPU *)env)->r[6] = v + 100;
}

const TCGHelperInfo info_mix6 = TCG_HELPER_INFO(
    helper_mix6, TCG_CALL_PURE, true, 6, TCG_CALL_ARG_I64, TCG_CALL_ARG_I32,
    TCG_CALL_ARG_I64, TCG_CALL_ARG_I32, TCG_CALL_ARG_I64, TCG_CALL_ARG_I64);
const TCGHelperInfo info_read_r5 = TCG_HELPER_INFO(
    helper_read_r5, TCG_CALL_NO_WRITE_GLOBALS, true, 1, TCG_CALL_ARG_PTR);
const TCGHelperInfo info_write_r6 = TCG_HELPER_INFO(
    helper_write_r6, 0, false, 2, TCG_CALL_ARG_PTR, TCG_CALL_ARG_I64);

/* ---- guest memory ---- */

CPUTLBEntry test_tlb[TLB_NB_MMU_MODES][TLB_SIZE];
bool hooks_restore;          /* exec-loop tests: restore and leave */
uintptr_t last_fault_ra;

static uint64_t mem_value(const uint8_t *p, MemOp mop)
{
    int size = 1 << (mop & MO_SIZE);
    uint64_t v = 0;
    for (int i = 0; i < size; i++) {
        int k = (mop & MO_BSWAP) ? size - 1 - i : i;
        v |= (uint64_t)p[i] << (8 * k);
    }
    if ((mop & MO_SIGN) && size < 8) {
        v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
    }
    return v;
}

static void mem_store(uint8_t *p, uint64_t v, MemOp mop)
{
    int size = 1 << (mop & MO_SIZE);
    for (int i = 0; i < size; i++) {
        int k = (mop & MO_BSWAP) ? size - 1 - i : i;
        p[i] = (uint8_t)(v >> (8 * k));
    }
}

/* The slow path must preserve the block's live caller-saved registers. */
static void clobber_regs(void)
{
    __asm__ volatile("mov $0xbad1, %%r8\n\tmov $0xbad2, %%r9\n\t"
                     "mov $0xbad3, %%r10\n\tmov $0xbad4, %%r11\n\t"
                     "mov $0xbad5, %%rcx\n\tmov $0xbad6, %%rdx\n\t"
                     "mov $0xbad7, %%rsi\n\tmov $0xbad8, %%rdi\n\t"
                     "mov $0xbad9, %%rax" ::: "r8", "r9", "r10", "r11",
                     "rcx", "rdx", "rsi", "rdi", "rax");
}

static __attribute__((noreturn)) void mem_fault(void *env, uint64_t addr,
                                                uint32_t memop, uintptr_t ra)
{
    FakeCPU *c = env;
    c->fault_addr = addr;
    c->fault_memop = memop;
    if (ra) {
        last_fault_ra = ra;
    }
    if (hooks_restore) {
        c->common.exception_index = 13;
        tcg_cpu_loop_exit_restore(env, ra);
    }
    tcg_cpu_loop_exit(env);
}

static uint8_t *ram_ptr(uint64_t addr, unsigned size)
{
    if (addr >= GUEST_RAM_BASE && addr + size <= GUEST_RAM_BASE + 0x3000) {
        return guest_mem + (addr - GUEST_RAM_BASE);
    }
    return NULL;
}

static uint64_t hook_slow_ld(void *env, uint64_t addr, uint32_t memop,
                             uint32_t mmu_idx, uintptr_t ra)
{
    FakeCPU *c = env;
    unsigned size = 1u << (memop & MO_SIZE);
    clobber_regs();
    c->slow_calls++;
    if ((memop & MO_ALIGN) && (addr & (size - 1))) {
        mem_fault(env, addr, memop, ra);
    }
    uint8_t *p = ram_ptr(addr, size);
    if (p) {
        return mem_value(p, (MemOp)memop);
    }
    if (addr >> 12 == GUEST_MMIO_PAGE) {
        uint64_t pattern = addr * 0x9e3779b97f4a7c15ull;
        c->mmio_last = addr;
        return mem_value((uint8_t *)&pattern, (MemOp)memop);
    }
    mem_fault(env, addr, memop, ra);
}

static void hook_slow_st(void *env, uint64_t addr, uint64_t val,
                         uint32_t memop, uint32_t mmu_idx, uintptr_t ra)
{
    FakeCPU *c = env;
    unsigned size = 1u << (memop & MO_SIZE);
    clobber_regs();
    c->slow_calls++;
    if ((memop & MO_ALIGN) && (addr & (size - 1))) {
        mem_fault(env, addr, memop, ra);
    }
    uint8_t *p = ram_ptr(addr, size);
    if (p) {
        mem_store(p, val, (MemOp)memop);
    } else if (addr >> 12 == GUEST_MMIO_PAGE) {
        uint8_t b[8] = { 0 };
        mem_store(b, val, (MemOp)memop);
        c->mmio_last = addr ^ mem_value(b, (MemOp)(memop & MO_SIZE));
    } else {
        mem_fault(env, addr, memop, ra);
    }
}

static void hook_unaligned(void *env, uint64_t addr, uint32_t memop,
                           uintptr_t ra)
{
    mem_fault(env, addr, memop, ra);
}

void mem_init(void)
{
    static uint8_t *region;
    if (!region) {
        region = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        mprotect(region + 3 * 4096, 4096, PROT_NONE);
    }
    guest_mem = region;
    guest_mem_size = 3 * 4096;
    for (size_t i = 0; i < guest_mem_size; i++) {
        guest_mem[i] = (uint8_t)(i * 37 + (i >> 8));
    }
    cpu.common.guest_base = (uintptr_t)region - GUEST_USER_BASE;
    cpu.common.slow_ld = hook_slow_ld;
    cpu.common.slow_st = hook_slow_st;
    cpu.common.raise_unaligned = hook_unaligned;
    cpu.common.tlb = test_tlb;
    memset(test_tlb, 0xff, sizeof(test_tlb));  /* all invalid */
    for (int pg = 0; pg < 2; pg++) {
        uint64_t va = GUEST_RAM_BASE + 0x1000 * (uint64_t)pg;
        CPUTLBEntry *e = &test_tlb[1][(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
        e->addr_read = e->addr_write = va;
        e->addend = (uintptr_t)region + 0x1000 * (uintptr_t)pg - va;
    }
    CPUTLBEntry *e = &test_tlb[1][GUEST_MMIO_PAGE & (TLB_SIZE - 1)];
    e->addr_read = e->addr_write = (GUEST_MMIO_PAGE << 12) | TLB_MMIO;
    e->addend = 0;
}

/* Addresses worth trying: aligned, misaligned, page-crossing, a RAM page
 * missing from the TLB, MMIO. */
int mem_addrs(bool softmmu, uint64_t *out)
{
    uint64_t base = softmmu ? GUEST_RAM_BASE : GUEST_USER_BASE;
    static const uint64_t offs[] = {
        0, 1, 2, 3, 4, 6, 7, 8, 0x7f9, 0xffc, 0xffd, 0xffe, 0xfff, 0x1000,
        0x1ff8, 0x1ffd, 0x2000, 0x2003, 0x2ff8,
    };
    int n = 0;
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        out[n++] = base + offs[i];
    }
    if (softmmu) {
        out[n++] = (GUEST_MMIO_PAGE << 12) + 0x10;
        out[n++] = (GUEST_MMIO_PAGE << 12) + 0x13;
    }
    return n;
}

