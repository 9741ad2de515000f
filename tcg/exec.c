/* SPDX-License-Identifier: MIT */
/*
 * The execution loop: find or translate the block for the CPU's current
 * (pc, flags), chain it to the block that exited into it, run it, and
 * return to the caller only for exceptions, syscalls and exit requests.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include "exec.h"
#include "tb-maint.h"
#include "code-cache.h"
#include "util/log.h"
#include "util/disas.h"

static const TCGTargetHooks *hooks;
static TCGExecConfig config;
TCGMemModel tcg_mem_model;

/*
 * The exclusive section: freeing the code cache (tb_flush) is only safe
 * when no CPU runs generated code or holds a block pointer.  CPUs count
 * themselves in while inside tcg_cpu_exec; the flusher asks every CPU to
 * leave (exit_request, honoured at the next block entry), waits until
 * none is inside, flushes, and lets them back in.  CPUs blocked in
 * syscalls are outside and never delay it.
 */
static pthread_mutex_t excl_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t excl_left = PTHREAD_COND_INITIALIZER;
static pthread_cond_t excl_resume = PTHREAD_COND_INITIALIZER;
static int excl_running;       /* CPUs inside tcg_cpu_exec */
static bool excl_active;
static TCGCPUCommon **excl_cpus;
static int excl_nb_cpus, excl_cap;

static void exec_enter(void)
{
    pthread_mutex_lock(&excl_lock);
    while (excl_active) {
        pthread_cond_wait(&excl_resume, &excl_lock);
    }
    excl_running++;
    pthread_mutex_unlock(&excl_lock);
}

static void exec_leave(void)
{
    pthread_mutex_lock(&excl_lock);
    excl_running--;
    if (excl_active) {
        pthread_cond_broadcast(&excl_left);
    }
    pthread_mutex_unlock(&excl_lock);
}

/* self_running: the caller is a CPU inside tcg_cpu_exec. */
static void exclusive_start(TCGCPUCommon *self, bool self_running)
{
    pthread_mutex_lock(&excl_lock);
    if (self_running) {
        excl_running--;
    }
    while (excl_active) {
        /* someone else flushes: wait for it, counted out */
        pthread_cond_broadcast(&excl_left);
        pthread_cond_wait(&excl_resume, &excl_lock);
    }
    excl_active = true;
    for (int i = 0; i < excl_nb_cpus; i++) {
        if (excl_cpus[i] != self) {
            __atomic_store_n(&excl_cpus[i]->exit_request, 1,
                             __ATOMIC_RELEASE);
        }
    }
    while (excl_running > 0) {
        pthread_cond_wait(&excl_left, &excl_lock);
    }
    pthread_mutex_unlock(&excl_lock);
}

static void exclusive_end(bool self_running)
{
    pthread_mutex_lock(&excl_lock);
    excl_active = false;
    if (self_running) {
        excl_running++;
    }
    pthread_cond_broadcast(&excl_resume);
    pthread_mutex_unlock(&excl_lock);
}

static void excl_register(TCGCPUCommon *c, bool add)
{
    pthread_mutex_lock(&excl_lock);
    if (add) {
        if (excl_nb_cpus == excl_cap) {
            excl_cap = excl_cap ? 2 * excl_cap : 16;
            excl_cpus = realloc(excl_cpus, sizeof(*excl_cpus) *
                                (size_t)excl_cap);
            if (!excl_cpus) {
                fprintf(stderr, "mimic: out of memory\n");
                exit(1);
            }
        }
        excl_cpus[excl_nb_cpus++] = c;
    } else {
        for (int i = 0; i < excl_nb_cpus; i++) {
            if (excl_cpus[i] == c) {
                excl_cpus[i] = excl_cpus[--excl_nb_cpus];
                break;
            }
        }
    }
    pthread_mutex_unlock(&excl_lock);
}

/* The code cache is full (caller holds tb_lock, is a running CPU). */
static void tb_flush_from_cpu(TCGCPUCommon *self)
{
    uint64_t seen = __atomic_load_n(&tcg_stats.flushes, __ATOMIC_ACQUIRE);
    pthread_mutex_unlock(&tb_lock);
    exclusive_start(self, true);
    pthread_mutex_lock(&tb_lock);
    if (tcg_stats.flushes == seen) {
        tb_flush_locked();     /* nobody beat us to it */
    }
    exclusive_end(true);
}

void tcg_exec_init(const TCGTargetHooks *h, const TCGExecConfig *cfg)
{
    hooks = h;
    config = *cfg;
    if (config.max_insns <= 0 || config.max_insns > TCG_MAX_INSNS) {
        config.max_insns = TCG_MAX_INSNS;
    }
    /* -d cpu prints the state at every block entry: back to the loop */
    if (log_enabled(LOG_NOCHAIN | LOG_CPU)) {
        config.nochain = true;
    }
    config.count_insns = log_enabled(LOG_STATS);
    tcg_mem_model = cfg->mem_model;
    if (!code_cache_init(cfg->code_size)) {
        exit(1);
    }
    size_t n = config.backend->init(code_cache.rw, code_cache.rx,
                                    code_cache.size);
    code_cache.prologue_size = code_cache.used = (n + 63) & ~(size_t)63;
}

const TCGExecConfig *tcg_exec_config(void) { return &config; }

/* -d stats: the CPUs whose counters are summed at exit, and the totals
 * of CPUs that are gone. */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
#define MAX_STATS_CPUS 4096
static TCGCPUCommon *stats_cpus[MAX_STATS_CPUS];
static int nb_stats_cpus;
static uint64_t retired_insns, retired_blocks;

static void stats_register(TCGCPUCommon *c, bool add)
{
    pthread_mutex_lock(&stats_lock);
    if (add && nb_stats_cpus < MAX_STATS_CPUS) {
        stats_cpus[nb_stats_cpus++] = c;
    }
    for (int i = 0; !add && i < nb_stats_cpus; i++) {
        if (stats_cpus[i] == c) {
            retired_insns += c->insn_count;
            retired_blocks += c->block_count;
            stats_cpus[i] = stats_cpus[--nb_stats_cpus];
        }
    }
    pthread_mutex_unlock(&stats_lock);
}

void tcg_cpu_init(void *env)
{
    TCGCPUCommon *c = env;
    stats_register(c, true);
    c->jmp_cache = calloc(TB_JMP_CACHE_SIZE, sizeof(TranslationBlock *));
    if (!c->jmp_cache) {
        fprintf(stderr, "mimic: out of memory\n");
        exit(1);
    }
    tb_jmp_cache_reset(c->jmp_cache);
    c->exception_index = -1;
    tb_register_jmp_cache(c->jmp_cache);
    excl_register(c, true);
    if (!tcg_ctx) {
        tcg_ctx = tcg_context_new();
        hooks->init_globals(tcg_ctx);
    }
}

void tcg_cpu_free(void *env)
{
    TCGCPUCommon *c = env;
    stats_register(c, false);
    excl_register(c, false);
    tb_unregister_jmp_cache(c->jmp_cache);
    free(c->jmp_cache);
    c->jmp_cache = NULL;
}

void tcg_cpu_jmp_cache_clear(void *env)
{
    TCGCPUCommon *c = env;
    if (c->jmp_cache) {
        tb_jmp_cache_reset(c->jmp_cache);
    }
}

void tcg_thread_exit(void)
{
    free(tcg_ctx);
    tcg_ctx = NULL;
}

static void log_block(TranslationBlock *tb, void *env, bool after_opt)
{
    if (!log_filter_pass(tb->pc)) {
        return;
    }
    if (!after_opt && log_enabled(LOG_OP)) {
        log_printf("OP:\n");
        tcg_dump_ops(tcg_ctx, log_file ? log_file : stderr);
        log_printf("\n");
    }
    if (after_opt && log_enabled(LOG_OP_OPT)) {
        log_printf("OP after optimization and liveness analysis:\n");
        tcg_dump_ops(tcg_ctx, log_file ? log_file : stderr);
        log_printf("\n");
    }
}

/* Translates one block; caller holds tb_lock. */
static TranslationBlock *tb_gen_code(void *env, uint64_t pc,
                                     uint64_t phys_pc, uint32_t flags,
                                     uint32_t cflags)
{
    TCGContext *s = tcg_ctx;
    const TCGBackend *be = config.backend;
    int max = (cflags & CF_SINGLE_STEP) ? 1 : config.max_insns;
    TranslationBlock *tb = tb_alloc();
    tb->pc = pc;
    tb->phys_pc = phys_pc;
    tb->flags = flags;
    tb->cflags = cflags | (config.nochain ? CF_NOCHAIN : 0) |
                 (config.count_insns ? CF_COUNT_INSNS : 0);

    for (;;) {
        tb->jmp_insn_offset[0] = tb->jmp_insn_offset[1] = UINT32_MAX;
        tb->jmp_reset_offset[0] = tb->jmp_reset_offset[1] = UINT32_MAX;
        tcg_func_start(s);
        s->tb_flags = flags;
        hooks->translate(s, tb, env, max);
        if (s->overflow && max > 1) {
            max /= 2;
            continue;
        }
        if (log_enabled(LOG_IN_ASM) && hooks->disas_log &&
            log_filter_pass(pc)) {
            log_printf("IN: \n");
            hooks->disas_log(log_file ? log_file : stderr, env, pc, tb->size);
            log_printf("\n");
        }
        log_block(tb, env, false);
        tcg_optimize(s);
        if (s->overflow && max > 1) {
            /* the optimizer ran out of temps: retry smaller */
            max /= 2;
            continue;
        }
        tcg_liveness(s);
        log_block(tb, env, true);
        tcg_stats.ir_ops += (uint64_t)s->nb_ops;

        size_t room = code_cache.size - code_cache.used;
        void *rx = (char *)code_cache.rx + code_cache.used;
        long n = room < 4096 ? -1 :
                 be->gen_code(s, tb, code_cache_rw(rx), rx, room);
        if (n < 0) {
            if (s->nb_ops > TCG_MAX_OPS / 2 && max > 1 && room >= 4096 * 64) {
                max /= 2;
                continue;
            }
            tb_flush_from_cpu(env);
            continue;
        }
        tb->tc_ptr = rx;
        tb->tc_size = (uint32_t)n;
        code_cache.used += ((size_t)n + 15) & ~(size_t)15;
        break;
    }
    tb->nb_insns = (uint32_t)s->nb_insns;
    tb->insn_end_off = malloc(sizeof(uint32_t) * (size_t)s->nb_insns + 1);
    tb->insn_data = malloc(sizeof(uint64_t[2]) * (size_t)s->nb_insns + 1);
    memcpy(tb->insn_end_off, s->insn_end_off,
           sizeof(uint32_t) * (size_t)s->nb_insns);
    memcpy(tb->insn_data, s->insn_data,
           sizeof(uint64_t[2]) * (size_t)s->nb_insns);
    tcg_stats.tbs_translated++;
    tcg_stats.code_bytes += tb->tc_size;
    if (log_enabled(LOG_OUT_ASM) && log_filter_pass(pc) &&
        be->host_code) {
        log_printf("OUT: [size=%u]\n", tb->tc_size);
        disas_host(log_file ? log_file : stderr, tb->tc_ptr, tb->tc_size);
        log_printf("\n");
    }
    tb_insert(tb);
    return tb;
}

static void log_block_entry(void *env, TranslationBlock *tb, uint64_t pc,
                            uint32_t flags)
{
    if (!log_filter_pass(pc)) {
        return;
    }
    if (log_enabled(LOG_EXEC)) {
        log_printf("Trace: [%p/%016" PRIx64 "/%08x]\n", tb->tc_ptr, pc,
                   flags);
    }
    if (log_enabled(LOG_CPU) && hooks->dump_state) {
        hooks->dump_state(log_file ? log_file : stderr, env);
    }
}

void tcg_print_stats(void)
{
    pthread_mutex_lock(&stats_lock);
    tcg_stats.guest_insns = retired_insns;
    tcg_stats.blocks_executed = retired_blocks;
    for (int i = 0; i < nb_stats_cpus; i++) {
        tcg_stats.guest_insns += stats_cpus[i]->insn_count;
        tcg_stats.blocks_executed += stats_cpus[i]->block_count;
    }
    pthread_mutex_unlock(&stats_lock);
    log_printf("mimic stats: backend %s\n"
               "  blocks translated   %" PRIu64 " (%" PRIu64 " IR ops, %"
               PRIu64 " bytes of code)\n"
               "  blocks executed     %" PRIu64 "\n"
               "  guest instructions  %" PRIu64 "\n"
               "  chained jumps       %" PRIu64 "\n"
               "  invalidated blocks  %" PRIu64 ", flushes %" PRIu64 "\n",
               config.backend->name, tcg_stats.tbs_translated,
               tcg_stats.ir_ops, tcg_stats.code_bytes,
               tcg_stats.blocks_executed, tcg_stats.guest_insns,
               tcg_stats.chains, tcg_stats.invalidated, tcg_stats.flushes);
}

static TranslationBlock *tb_find(void *env, uint64_t pc, uint32_t flags,
                                 uint32_t cflags)
{
    TCGCPUCommon *c = env;
    uint32_t h = tb_jmp_cache_hash(pc);
    TranslationBlock *tb = c->jmp_cache[h];
    if (tb && tb->pc == pc && tb->flags == flags && !tb->invalid &&
        (tb->cflags & CF_SINGLE_STEP) == (cflags & CF_SINGLE_STEP)) {
        return tb;
    }
    /* system mode: the jump cache is keyed by virtual pc only, so the
     * target clears it whenever its virtual-to-physical mapping changes */
    uint64_t phys_pc = hooks->get_phys_pc ? hooks->get_phys_pc(env, pc) : pc;
    tb = tb_lookup_hash(pc, phys_pc, flags, cflags);
    if (!tb) {
        pthread_mutex_lock(&tb_lock);
        tb = tb_lookup_hash(pc, phys_pc, flags, cflags);
        if (!tb) {
            tb = tb_gen_code(env, pc, phys_pc, flags, cflags);
        }
        pthread_mutex_unlock(&tb_lock);
    }
    if (!(cflags & CF_SINGLE_STEP)) {
        c->jmp_cache[h] = tb;
    }
    return tb;
}

int tcg_cpu_exec_cflags(void *env, uint32_t cflags);

int tcg_cpu_exec(void *env)
{
    return tcg_cpu_exec_cflags(env, 0);
}

/* cflags = CF_SINGLE_STEP runs exactly one instruction (gdb stepping). */
int tcg_cpu_exec_cflags(void *env, uint32_t cflags)
{
    TCGCPUCommon *c = env;
    TranslationBlock *volatile last = NULL;
    volatile int slot = 0;

    exec_enter();
    if (sigsetjmp(c->jmp_env, 0)) {
        /* a helper or fault handler left generated code */
        int e = c->exception_index;
        c->exception_index = -1;
        exec_leave();
        return e;
    }
    for (;;) {
        if (c->exit_request) {
            c->exit_request = 0;
            exec_leave();
            return TCG_EXCP_INTERRUPT;
        }
        uint64_t pc;
        uint32_t flags;
        hooks->get_tb_cpu_state(env, &pc, &flags);
        uint64_t flushes = __atomic_load_n(&tcg_stats.flushes,
                                           __ATOMIC_ACQUIRE);
        TranslationBlock *tb = tb_find(env, pc, flags, cflags);
        if (flushes != tcg_stats.flushes) {
            last = NULL;       /* freed by a flush inside tb_find */
        }
        if (last && !(last->cflags & CF_NOCHAIN) && !(cflags & CF_SINGLE_STEP)) {
            tb_add_jump(config.backend, (TranslationBlock *)last, slot, tb);
        }
        if (log_enabled(LOG_EXEC | LOG_CPU)) {
            log_block_entry(env, tb, pc, flags);
        }
        uintptr_t ret = config.backend->exec(env, tb);
        last = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
        slot = (int)(ret & TB_EXIT_MASK);
        if (slot == TB_EXIT_REQUESTED) {
            /* the block never started: resume at its first insn */
            if (last) {
                hooks->set_pc(env, last->pc);
            }
            last = NULL;
        }
        if (cflags & CF_SINGLE_STEP) {
            exec_leave();
            return TCG_EXCP_INTERRUPT;
        }
    }
}

bool tcg_in_code_cache(uintptr_t host_pc)
{
    return code_cache_contains(host_pc);
}

bool tcg_restore_state(void *env, uintptr_t host_pc)
{
    TCGCPUCommon *c = env;
    if (!config.backend->host_code) {
        hooks->restore_state(env, c->interp_insn_data);
        return true;
    }
    if (!code_cache_contains(host_pc)) {
        return false;
    }
    TranslationBlock *tb = tb_find_by_host_pc(host_pc);
    if (!tb) {
        return false;
    }
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->tc_ptr);
    for (uint32_t i = 0; i < tb->nb_insns; i++) {
        if (off < tb->insn_end_off[i]) {
            hooks->restore_state(env, tb->insn_data[i]);
            return true;
        }
    }
    return false;
}

void tcg_cpu_loop_exit(void *env)
{
    siglongjmp(((TCGCPUCommon *)env)->jmp_env, 1);
}

void tcg_cpu_loop_exit_restore(void *env, uintptr_t host_pc)
{
    tcg_restore_state(env, host_pc);
    tcg_cpu_loop_exit(env);
}

/* From outside generated code (the caller is not a running CPU). */
void tb_flush(void)
{
    exclusive_start(NULL, false);
    pthread_mutex_lock(&tb_lock);
    tb_flush_locked();
    pthread_mutex_unlock(&tb_lock);
    exclusive_end(false);
}

/* fork() in user mode: the child must not inherit tb_lock held by
 * another thread, nor share the code region with its parent. */
void tcg_fork_prepare(void)
{
    pthread_mutex_lock(&tb_lock);
    pthread_mutex_lock(&excl_lock);
}

void tcg_fork_done(bool child)
{
    if (child) {
        code_cache_unshare();
        /* the forking thread was in a syscall, outside generated code;
         * the other threads did not come along (their CPUs stay listed:
         * an exit request to them is harmless) */
        excl_running = 0;
        excl_active = false;
        pthread_cond_init(&excl_left, NULL);
        pthread_cond_init(&excl_resume, NULL);
    }
    pthread_mutex_unlock(&excl_lock);
    pthread_mutex_unlock(&tb_lock);
}

void tb_invalidate_range(uint64_t start, uint64_t end)
{
    pthread_mutex_lock(&tb_lock);
    tb_invalidate_range_locked(config.backend, start, end);
    pthread_mutex_unlock(&tb_lock);
}

bool tb_invalidate_phys_page(uint64_t phys)
{
    pthread_mutex_lock(&tb_lock);
    bool any = tb_invalidate_phys_page_locked(config.backend, phys);
    pthread_mutex_unlock(&tb_lock);
    return any;
}
