/* SPDX-License-Identifier: MIT */
/*
 * The system-mode CPU as the rest of mimic sees it: exception entry and
 * return (exception.c), the stage-1 MMU (mmu.c), the softmmu TLB and
 * guest memory access (tlb.c), the generic timer (timer.c), the EL1
 * system registers (sysreg-el1.c) and CPU set-up (cpu-sys.c).
 * system/cpus.c drives a CPU through these; the translator's helpers
 * use them too.
 */
#ifndef CPU_ARM64_SYS_H
#define CPU_ARM64_SYS_H

#include <stdbool.h>
#include <stdint.h>
#include "cpu.h"

/* Host return address inside a helper called from generated code (see
 * a64_raise_sync); only meaningful in the helper's own body. */
#define A64_GETPC() ((uintptr_t)__builtin_return_address(0))

/* ---- cpu-sys.c: set-up ---- */

/* Creates a system-mode CPU of the model named (NULL: "max"), index idx
 * on board b.  Returns NULL for an unknown model. */
CPUARMState *a64_sys_cpu_new(const char *model, int idx, ARMBoard *b);
/* Architectural reset, then entry at EL1h (MMU off, DAIF masked) at pc
 * with x0 = arg: how the boot CPU and CPU_ON'd CPUs start. */
void a64_sys_cpu_reset(CPUARMState *env, uint64_t pc, uint64_t arg);
/* MPIDR_EL1 of CPU idx (the device tree's cpu@ reg). */
uint64_t a64_sys_mpidr(int idx);
/* The names -cpu accepts, NULL-terminated. */
extern const char *const a64_cpu_model_names[];

/* ---- exception.c ---- */

static inline int a64_el(const CPUARMState *env)
{
    return (int)(env->sys.pstate >> PSTATE_EL_SHIFT) & 3;
}
/* PSTATE in SPSR layout, NZCV included. */
uint32_t a64_pstate_get(const CPUARMState *env);
/* Sets all of PSTATE from an SPSR-layout value: banks SP when EL or
 * SPSel change, rebuilds the TB flags. */
void a64_pstate_set(CPUARMState *env, uint32_t val);
/* Recomputes env->sys.hflags after a change of state it depends on. */
void a64_rebuild_hflags(CPUARMState *env);

enum { A64_EXC_SYNC = 0, A64_EXC_IRQ = 1, A64_EXC_FIQ = 2, A64_EXC_SERROR = 3 };
/* AArch64.TakeException to EL1: return address env->pc. */
void a64_take_exception(CPUARMState *env, int type, uint32_t esr,
                        uint64_t far, bool far_valid);
/* Turns what tcg_cpu_exec returned into the architectural exception;
 * false for codes that are not CPU exceptions (HVC/SMC, WFI, ...). */
bool a64_do_exception(CPUARMState *env, int excp);
/* Software step: the stepped instruction completed (PSTATE.SS = 0). */
void a64_ss_advance(CPUARMState *env);
/* Takes a pending unmasked IRQ/FIQ; true if one was taken. */
bool a64_check_interrupts(CPUARMState *env);
/* An interrupt is pending, masked or not (WFI wakes on it). */
static inline bool a64_interrupt_pending(const CPUARMState *env)
{
    return env->sys.irq_line || env->sys.fiq_line;
}
/* Pending and not masked by PSTATE.I/F. */
bool a64_interrupt_deliverable(const CPUARMState *env);
/* IRQ/FIQ input from the interrupt controller (any thread). */
void a64_set_irq_line(CPUARMState *env, bool fiq, bool level);
/* Raises a synchronous exception from a helper: restores the guest pc
 * of the instruction at host return address ra (0 from the interpreter)
 * and leaves generated code. */
__attribute__((noreturn))
void a64_raise_sync(CPUARMState *env, uint32_t esr, uint64_t far,
                    uintptr_t ra);
/* The data or instruction abort for a failed access (fsc: FSC_*). */
__attribute__((noreturn))
void a64_raise_abort(CPUARMState *env, uint64_t va, bool insn, bool write,
                     int fsc, uintptr_t ra);

/* ---- mmu.c: VMSAv8-64 stage 1, 4K granule ---- */

enum { ARM_ACC_READ = 0, ARM_ACC_WRITE = 1, ARM_ACC_EXEC = 2 };

typedef struct ARMWalk {
    uint64_t pa;          /* physical address of va */
    uint64_t size;        /* bytes the descriptor maps (4K, 2M, 1G) */
    uint8_t prot;         /* ARM_PROT_* for the mmu index walked */
    uint8_t attr;         /* MAIR_EL1 attribute byte */
    uint8_t sh;           /* shareability */
    uint8_t level;        /* level of the leaf, or of the fault */
    bool ng;
    int fsc;              /* fault: FSC_* (with level), else -1 */
} ARMWalk;

/* Translates va for mmu_idx; false with w->fsc on a translation, access
 * flag, address size or walk external fault.  Permissions are reported
 * in w->prot, not checked. */
bool a64_mmu_walk(CPUARMState *env, uint64_t va, int mmu_idx, ARMWalk *w);
/* Effective address after top-byte-ignore for the EL1&0 regime. */
uint64_t a64_mmu_clean_addr(const CPUARMState *env, uint64_t va);

/* ---- tlb.c: softmmu TLB and guest memory ---- */

void a64_tlb_init(CPUARMState *env);
void a64_tlb_flush(CPUARMState *env);
void a64_tlb_flush_page(CPUARMState *env, uint64_t va);
/* Guest memory from C (helpers, gdb): size bytes within one page. */
void *a64_sys_host_ptr(CPUARMState *env, uint64_t va, unsigned size,
                       bool write, uintptr_t ra);
/* Physical address of va for access acc, or false (no fault raised). */
bool a64_sys_translate(CPUARMState *env, uint64_t va, int acc, uint64_t *pa);
/* The code of the physical page holding pa was translated / written. */
void a64_code_page_note(CPUARMState *env, uint64_t pa);
void a64_phys_written(ARMBoard *b, uint64_t pa, uint64_t len);
uint64_t a64_slow_ld(void *env, uint64_t addr, uint32_t memop,
                     uint32_t mmu_idx, uintptr_t ra);
void a64_slow_st(void *env, uint64_t addr, uint64_t val, uint32_t memop,
                 uint32_t mmu_idx, uintptr_t ra);
bool a64_sys_fetch_code(CPUARMState *env, uint64_t pc, uint32_t *insn);
uint64_t a64_sys_get_phys_pc(void *env, uint64_t pc);

/* ---- timer.c: the generic timer ---- */

uint64_t a64_cntpct(const CPUARMState *env);
uint64_t a64_cntvct(const CPUARMState *env);
/* Drives the timer outputs from the current count. */
void a64_timer_update(CPUARMState *env);
/* Host CLOCK_MONOTONIC ns at which a timer of env next fires, or
 * UINT64_MAX. */
uint64_t a64_timer_deadline_ns(const CPUARMState *env);
uint64_t a64_host_ns(void);
uint64_t a64_timer_read_ctl(CPUARMState *env, int t);
uint64_t a64_timer_read_tval(CPUARMState *env, int t);
/* reg: 0 CTL, 1 CVAL, 2 TVAL */
void a64_timer_write(CPUARMState *env, int t, int reg, uint64_t v);

#endif
