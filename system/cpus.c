/* SPDX-License-Identifier: MIT */
/*
 * The system-mode vCPUs (the vcpu.h seam): creates the -smp CPUs of the
 * -cpu model, wires them to the board (physical memory, GIC outputs and
 * GICv3 CPU interface, timer PPIs, code-page marks) and runs them.
 *
 * All vCPUs take turns on this one host thread, round robin: a vCPU runs
 * until its time slice ends, it waits (WFI), yields (WFE/YIELD) or powers
 * off; between turns the board's main loop polls its file descriptors
 * and timers, so device callbacks never race guest code.  A ticker thread
 * bounds each turn: at the end of the slice, at the next guest timer
 * deadline or main-loop timer, it sets the running vCPU's exit request,
 * which generated code tests at every block entry.  When every vCPU
 * waits, the thread sleeps in main_loop_wait until the next deadline or
 * an event.  PSCI calls (HVC or SMC, per the device tree's conduit) are
 * served by psci.c.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cpus.h"
#include "cpu/arm64/cpu-hooks.h"
#include "cpu/arm64/sys.h"
#include "tcg/exec.h"
#include "util/log.h"

#define SLICE_NS 10000000ull    /* a vCPU's turn: 10 ms */

bool vcpu_available(void)
{
    return true;
}

/* ---- the board as the CPUs see it ---- */

static void *board_ram_ptr(void *opaque, uint64_t pa, bool *ro)
{
    VirtMachine *m = opaque;
    MemoryRegion *mr = m->ram;
    if (!mr || pa < mr->base || pa - mr->base >= mr->size) {
        mr = address_space_lookup(m->as, pa);
        if (!mr || mr->kind == MR_MMIO) {
            return NULL;
        }
    }
    /* the whole 4K page must be backed, the TLB caches it as one */
    if (((pa | (MEM_PAGE_SIZE - 1)) - mr->base) >= mr->size) {
        return NULL;
    }
    *ro = mr->kind == MR_ROM;
    return mr->host + (pa - mr->base);
}

static bool board_mmio_read(void *opaque, int cpu, uint64_t pa,
                            unsigned size, uint64_t *val)
{
    VirtMachine *m = opaque;
    return address_space_read(m->as, pa, size, val, MEMTXATTRS_CPU(cpu)) ==
           MEMTX_OK;
}

static bool board_mmio_write(void *opaque, int cpu, uint64_t pa,
                             unsigned size, uint64_t val)
{
    VirtMachine *m = opaque;
    return address_space_write(m->as, pa, size, val, MEMTXATTRS_CPU(cpu)) ==
           MEMTX_OK;
}

static void board_code_page_mark(void *opaque, uint64_t pa, bool is_code)
{
    VirtMachine *m = opaque;
    memory_set_code_page(m->as, pa, is_code);
}

static void board_ram_written(void *opaque, uint64_t pa, uint64_t len)
{
    a64_phys_written(opaque, pa, len);
}

static void board_timer_irq(void *opaque, int cpu, int timer, bool level)
{
    VirtMachine *m = opaque;
    IRQLine l = virt_timer_irq(m, cpu, timer == ARM_TIMER_VIRT ?
                               VIRT_TIMER_VIRT : VIRT_TIMER_PHYS_NS);
    irq_set_level(&l, level);
}

static GICv3ICCReg icc_reg(uint32_t key)
{
    return gicv3_icc_lookup((int)(key >> 14) & 3, (int)(key >> 11) & 7,
                            (int)(key >> 7) & 15, (int)(key >> 3) & 15,
                            (int)key & 7);
}

static bool board_icc_read(void *opaque, int cpu, uint32_t key,
                           uint64_t *val)
{
    VirtMachine *m = opaque;
    GICv3ICCReg r = icc_reg(key);
    if (!gicv3_icc_readable(r)) {
        return false;
    }
    *val = gicv3_icc_read(m->gic, cpu, r);
    return true;
}

static bool board_icc_write(void *opaque, int cpu, uint32_t key,
                            uint64_t val)
{
    VirtMachine *m = opaque;
    GICv3ICCReg r = icc_reg(key);
    if (!gicv3_icc_writable(r)) {
        return false;
    }
    gicv3_icc_write(m->gic, cpu, r, val);
    return true;
}

/* GIC output -> CPU input; line 0 is IRQ, 1 is FIQ. */
static void cpu_irq_set(void *opaque, int line, int level)
{
    a64_set_irq_line(opaque, line == 1, level != 0);
}

/* ---- the ticker: bounds a vCPU's turn ---- */

static void *ticker_main(void *opaque)
{
    VCPUs *v = opaque;
    pthread_mutex_lock(&v->lock);
    for (;;) {
        uint64_t at = v->tick_at;
        if (at == UINT64_MAX) {
            pthread_cond_wait(&v->cond, &v->lock);
            continue;
        }
        struct timespec ts = { .tv_sec = (time_t)(at / 1000000000u),
                               .tv_nsec = (long)(at % 1000000000u) };
        pthread_cond_timedwait(&v->cond, &v->lock, &ts);
        if (v->tick_at == at && a64_host_ns() >= at) {
            v->tick_at = UINT64_MAX;
            CPUARMState *env = v->running;
            if (env) {
                __atomic_store_n(&env->common.exit_request, 1,
                                 __ATOMIC_RELEASE);
            }
        }
    }
    return NULL;
}

static void ticker_arm(VCPUs *v, uint64_t at)
{
    /* every exception returns to the loop: do not wake the ticker when
     * nothing changed (if it has just fired, tick_at is UINT64_MAX) */
    if (__atomic_load_n(&v->tick_at, __ATOMIC_ACQUIRE) == at) {
        return;
    }
    pthread_mutex_lock(&v->lock);
    v->tick_at = at;
    pthread_cond_signal(&v->cond);
    pthread_mutex_unlock(&v->lock);
}

static void vcpus_kick(void *opaque)
{
    VCPUs *v = opaque;
    CPUARMState *env = v->running;
    if (env) {
        __atomic_store_n(&env->common.exit_request, 1, __ATOMIC_RELEASE);
    }
}

/* ---- creation ---- */

static bool vcpus_exec_init(const VCPUConfig *cfg)
{
    static bool done;
    if (done) {
        return true;
    }
    TCGExecConfig ec = {
        .backend = cfg->backend && !strcmp(cfg->backend, "interp") ?
                   &tcg_backend_interp : &tcg_backend_x86_64,
        .mem_model = TCG_MEM_SOFTMMU,
        .code_size = 256u << 20,
        .max_insns = cfg->one_insn_per_tb ? 1 : 0,
    };
    if (cfg->backend && strcmp(cfg->backend, "interp") &&
        strcmp(cfg->backend, "jit")) {
        fprintf(stderr, "mimic-system-aarch64: unknown backend '%s' "
                "(jit or interp)\n", cfg->backend);
        return false;
    }
    tcg_exec_init(&a64_sys_target_hooks, &ec);
    if (log_enabled(LOG_STATS)) {
        atexit(tcg_print_stats);
    }
    done = true;
    return true;
}

static VCPUs *vcpus_create(VirtMachine *m, const VCPUConfig *cfg)
{
    if (!vcpus_exec_init(cfg)) {
        return NULL;
    }
    VCPUs *v = calloc(1, sizeof(*v));
    if (!v) {
        return NULL;
    }
    v->m = m;
    v->board = (ARMBoard){
        .opaque = m,
        .ram_ptr = board_ram_ptr,
        .mmio_read = board_mmio_read,
        .mmio_write = board_mmio_write,
        .code_page_mark = board_code_page_mark,
        .timer_irq = board_timer_irq,
        .counter_base_ns = a64_host_ns(),
    };
    if (gic_version(m->gic) == 3) {
        v->board.icc_read = board_icc_read;
        v->board.icc_write = board_icc_write;
    }
    m->as->on_ram_write = board_ram_written;
    m->as->on_ram_write_opaque = &v->board;
    v->n = m->cfg.smp;
    for (int i = 0; i < v->n; i++) {
        CPUARMState *env = a64_sys_cpu_new(cfg->model, i, &v->board);
        if (!env) {
            fprintf(stderr, "mimic-system-aarch64: unknown CPU model '%s' "
                    "(cortex-a57, cortex-a72 or max)\n", cfg->model);
            free(v);
            return NULL;
        }
        env->sys.mpidr = 1ull << 31 | m->mpidr[i];
        v->cpu[i].env = env;
        gic_connect_cpu(m->gic, i, irq_line(cpu_irq_set, env, 0),
                        irq_line(cpu_irq_set, env, 1));
    }
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&v->cond, &ca);
    pthread_mutex_init(&v->lock, NULL);
    v->tick_at = UINT64_MAX;
    pthread_t t;
    if (pthread_create(&t, NULL, ticker_main, v)) {
        fprintf(stderr, "mimic-system-aarch64: cannot start a thread\n");
        free(v);
        return NULL;
    }
    pthread_detach(t);
    m->kick_opaque = v;
    m->kick = vcpus_kick;
    return v;
}

/* CPU 0 starts at the kernel entry with x0..x3 from the boot layout; the
 * others wait for PSCI CPU_ON. */
static void vcpus_boot(VCPUs *v)
{
    VirtMachine *m = v->m;
    tb_flush();
    for (int i = 0; i < v->n; i++) {
        VCPU *c = &v->cpu[i];
        a64_sys_cpu_reset(c->env, 0, 0);
        c->on = false;
        c->halted = false;
    }
    VCPU *c0 = &v->cpu[0];
    a64_sys_cpu_reset(c0->env, m->boot.entry, m->boot.regs[0]);
    for (int r = 1; r < 4; r++) {
        c0->env->xregs[r] = m->boot.regs[r];
    }
    c0->on = true;
    v->current = 0;
}

/* ---- running ---- */

static void vcpus_update_timers(VCPUs *v)
{
    for (int i = 0; i < v->n; i++) {
        if (v->cpu[i].on) {
            a64_timer_update(v->cpu[i].env);
        }
    }
}

/* Host time of the next event: a guest timer or a main-loop timer. */
static uint64_t vcpus_next_deadline(VCPUs *v)
{
    uint64_t best = UINT64_MAX;
    for (int i = 0; i < v->n; i++) {
        if (v->cpu[i].on) {
            uint64_t d = a64_timer_deadline_ns(v->cpu[i].env);
            best = d < best ? d : best;
        }
    }
    int64_t ml = main_loop_next_deadline(v->m->ml);
    if (ml >= 0) {
        uint64_t d = a64_host_ns() + (uint64_t)ml;
        best = d < best ? d : best;
    }
    return best;
}

static bool vcpu_runnable(VCPU *c)
{
    return c->on && (!c->halted || a64_interrupt_pending(c->env));
}

static VCPU *vcpus_pick(VCPUs *v)
{
    for (int k = 1; k <= v->n; k++) {
        int i = (v->current + k) % v->n;
        if (vcpu_runnable(&v->cpu[i])) {
            v->current = i;
            return &v->cpu[i];
        }
    }
    return NULL;
}

/* What tcg_cpu_exec returned: false ends the turn. */
static bool vcpu_handle(VCPUs *v, VCPU *c, int r)
{
    CPUARMState *env = c->env;
    switch (r) {
    case EXCP_INTERRUPT:
        return true;
    case EXCP_HLT:
        if (!a64_interrupt_pending(env)) {
            c->halted = true;
            return false;
        }
        return true;
    case EXCP_YIELD:
        return v->n == 1;
    case EXCP_HVC:
    case EXCP_SMC:
        psci_call(v, c, r == EXCP_SMC);
        return c->on;
    default:
        if (a64_do_exception(env, r)) {
            return true;
        }
        fprintf(stderr, "mimic-system-aarch64: CPU %d: unexpected exit %d "
                "at pc 0x%llx\n", env->sys.cpu_index, r,
                (unsigned long long)env->pc);
        virt_request(v->m, VIRT_REQ_QUIT);
        v->error = true;
        return false;
    }
}

/* One turn of c: until the slice ends or c waits, yields or stops. */
static void vcpu_turn(VCPUs *v, VCPU *c)
{
    CPUARMState *env = c->env;
    uint64_t end = a64_host_ns() + SLICE_NS;
    v->running = env;
    for (;;) {
        uint64_t next = vcpus_next_deadline(v);
        ticker_arm(v, next < end ? next : end);
        if (a64_check_interrupts(env)) {
            c->halted = false;
        }
        bool more = vcpu_handle(v, c, tcg_cpu_exec(env));
        vcpus_update_timers(v);
        if (!more || v->m->request || a64_host_ns() >= end) {
            break;
        }
        if (main_loop_next_deadline(v->m->ml) == 0) {
            main_loop_run_timers(v->m->ml);
        }
    }
    v->running = NULL;
    env->common.exit_request = 0;
}

int vcpu_run(VirtMachine *m, const VCPUConfig *cfg)
{
    VCPUs *v = m->kick_opaque ? m->kick_opaque : vcpus_create(m, cfg);
    if (!v) {
        return -1;
    }
    vcpus_boot(v);
    for (;;) {
        VirtRequest req = virt_take_request(m);
        if (req != VIRT_REQ_NONE) {
            ticker_arm(v, UINT64_MAX);
            return v->error ? -1 : (int)req;
        }
        vcpus_update_timers(v);
        VCPU *c = vcpus_pick(v);
        if (!c) {
            /* everyone waits: sleep until an event or the next deadline */
            uint64_t d = vcpus_next_deadline(v), now = a64_host_ns();
            main_loop_wait(m->ml, d == UINT64_MAX ? -1 :
                                  d > now ? (int64_t)(d - now) : 0);
            continue;
        }
        vcpu_turn(v, c);
        main_loop_wait(m->ml, 0);
    }
}
