/* SPDX-License-Identifier: MIT */
/*
 * System mode: PSTATE and the TB flags derived from it, exception entry
 * to EL1 (synchronous, IRQ, FIQ) and exception return, the interrupt
 * lines.  The exec loop hands exceptions out of generated code as codes
 * (cpu.h EXCP_*); a64_do_exception turns them into the architectural
 * exception (Arm ARM D1.3 "Exceptions", pseudocode AArch64.TakeException
 * and AArch64.ExceptionReturn).  There is no EL2 or EL3: every exception
 * is taken to EL1.
 */
#include "sys.h"
#include "cpu-features.h"
#include "tcg/exec.h"
#include "tcg/tcg-op.h"
#include "util/log.h"

#define SCTLR_M      (1ull << 0)
#define SCTLR_UMA    (1ull << 9)
#define SCTLR_DZE    (1ull << 14)
#define SCTLR_UCT    (1ull << 15)
#define SCTLR_NTWI   (1ull << 16)
#define SCTLR_NTWE   (1ull << 18)
#define SCTLR_SPAN   (1ull << 23)
#define SCTLR_UCI    (1ull << 26)
#define TCR_TBI0     (1ull << 37)
#define TCR_TBI1     (1ull << 38)
#define MDSCR_SS     (1ull << 0)
#define MDSCR_KDE    (1ull << 13)
#define OSLSR_OSLK   (1ull << 1)

uint32_t a64_pstate_get(const CPUARMState *env)
{
    return (env->sys.pstate & ~PSTATE_NZCV) | arm_get_nzcv(env);
}

/* The SP register selected by EL and PSTATE.SP: 0 = SP_EL0, 1 = SP_EL1. */
static int sp_index(uint32_t pstate)
{
    return ((pstate & PSTATE_EL_MASK) && (pstate & PSTATE_SP)) ? 1 : 0;
}

/* Software step is active (Arm ARM D2.12.2): MDSCR_EL1.SS set and debug
 * exceptions enabled from the current EL, which for EL0 needs only the
 * OS lock clear and for EL1 also KDE and PSTATE.D clear. */
static bool ss_active(const CPUARMState *env, int el)
{
    const ARMSysState *st = &env->sys;
    if (!(st->mdscr_el1 & MDSCR_SS) || (st->oslsr_el1 & OSLSR_OSLK)) {
        return false;
    }
    return el == 0 ||
           ((st->mdscr_el1 & MDSCR_KDE) && !(st->pstate & PSTATE_D));
}

void a64_rebuild_hflags(CPUARMState *env)
{
    const ARMSysState *st = &env->sys;
    int el = a64_el(env);
    uint32_t f = A64F_SYS | (uint32_t)el << A64F_EL_SHIFT;
    int mmu = el == 0 ? ARM_MMU_EL0 :
              (st->pstate & PSTATE_PAN) ? ARM_MMU_EL1_PAN : ARM_MMU_EL1;
    f |= (uint32_t)mmu << A64F_MMU_SHIFT;
    /* CPACR_EL1.FPEN: 0b11 no trap, 0b01 trap EL0 only, else trap both */
    unsigned fpen = (unsigned)(st->cpacr_el1 >> 20) & 3;
    if (fpen == 3 || (fpen == 1 && el == 1)) {
        f |= A64F_FPEN;
    }
    f |= (st->tcr_el1 & TCR_TBI0) ? A64F_TBI0 : 0;
    f |= (st->tcr_el1 & TCR_TBI1) ? A64F_TBI1 : 0;
    if (ss_active(env, el)) {
        f |= A64F_SS_ACTIVE;
        f |= (st->pstate & PSTATE_SS) ? A64F_PSTATE_SS : 0;
    }
    f |= (st->pstate & PSTATE_SP) ? A64F_SPSEL : 0;
    f |= (st->sctlr_el1 & SCTLR_UCI) ? A64F_UCI : 0;
    f |= (st->sctlr_el1 & SCTLR_DZE) ? A64F_DZE : 0;
    f |= (st->sctlr_el1 & SCTLR_UCT) ? A64F_UCT : 0;
    f |= (st->sctlr_el1 & SCTLR_UMA) ? A64F_UMA : 0;
    f |= (st->sctlr_el1 & SCTLR_NTWI) ? A64F_NTWI : 0;
    f |= (st->sctlr_el1 & SCTLR_NTWE) ? A64F_NTWE : 0;
    /* CNTKCTL_EL1 EL0PCTEN, EL0VCTEN, EL0VTEN, EL0PTEN */
    f |= (st->cntkctl_el1 & 1) ? A64F_EL0PCT : 0;
    f |= (st->cntkctl_el1 & 2) ? A64F_EL0VCT : 0;
    f |= (st->cntkctl_el1 & (1u << 8)) ? A64F_EL0VT : 0;
    f |= (st->cntkctl_el1 & (1u << 9)) ? A64F_EL0PT : 0;
    env->sys.hflags = f;
}

void a64_pstate_set(CPUARMState *env, uint32_t val)
{
    uint32_t old = env->sys.pstate;
    uint32_t keep = PSTATE_M_MASK | PSTATE_DAIF | PSTATE_IL | PSTATE_SS |
                    (arm_feature(env, ARM_FEAT_PAN) ? PSTATE_PAN : 0);
    uint32_t new = val & keep;
    int from = sp_index(old), to = sp_index(new);
    if (from != to) {
        env->sys.sp_el[from] = env->xregs[31];
        env->xregs[31] = env->sys.sp_el[to];
    }
    env->sys.pstate = new;
    arm_set_nzcv(env, val);
    a64_rebuild_hflags(env);
}

bool a64_interrupt_deliverable(const CPUARMState *env)
{
    uint32_t p = env->sys.pstate;
    return (env->sys.irq_line && !(p & PSTATE_I)) ||
           (env->sys.fiq_line && !(p & PSTATE_F));
}

void a64_set_irq_line(CPUARMState *env, bool fiq, bool level)
{
    volatile int *line = fiq ? &env->sys.fiq_line : &env->sys.irq_line;
    int old = *line;
    *line = level;
    if (level && !old) {
        /* on a rising edge the vCPU leaves generated code at the next
         * block entry and its loop decides; a masked line only matters
         * for WFI (receivers ignore repeated levels) */
        __atomic_store_n(&env->common.exit_request, 1, __ATOMIC_RELEASE);
    }
}

/* AArch64.TakeException with target EL1: vector offset from the EL and
 * SP the exception comes from (Arm ARM D1.3.1, "Exception vectors"). */
void a64_take_exception(CPUARMState *env, int type, uint32_t esr,
                        uint64_t far, bool far_valid)
{
    ARMSysState *st = &env->sys;
    uint32_t old = a64_pstate_get(env);
    uint64_t off = (uint64_t)type * 0x80;
    if (log_enabled(LOG_INT)) {
        static const char *const kind[4] = { "sync", "IRQ", "FIQ", "SError" };
        log_printf("cpu %d: %s exception from EL%d at pc 0x%llx: ESR 0x%08x "
                   "FAR 0x%llx\n", st->cpu_index, kind[type], a64_el(env),
                   (unsigned long long)env->pc,
                   type == A64_EXC_SYNC ? esr : 0,
                   (unsigned long long)(far_valid ? far : 0));
    }
    if (a64_el(env) == 0) {
        off += 0x400;
    } else if (old & PSTATE_SP) {
        off += 0x200;
    }
    st->spsr_el1 = old;
    st->elr_el1 = env->pc;
    if (type == A64_EXC_SYNC) {
        st->esr_el1 = esr;
        if (far_valid) {
            st->far_el1 = far;
        }
    }
    uint32_t new = PSTATE_DAIF | 1u << PSTATE_EL_SHIFT | PSTATE_SP |
                   (old & PSTATE_NZCV);
    /* FEAT_PAN: SCTLR_EL1.SPAN == 0 sets PSTATE.PAN on entry to EL1 */
    if (arm_feature(env, ARM_FEAT_PAN)) {
        new |= old & PSTATE_PAN;
        if (!(st->sctlr_el1 & SCTLR_SPAN)) {
            new |= PSTATE_PAN;
        }
    }
    a64_pstate_set(env, new);
    env->excl_addr = ~0ull;
    env->pc = st->vbar_el1 + off;
}

bool a64_check_interrupts(CPUARMState *env)
{
    uint32_t p = env->sys.pstate;
    if (env->sys.fiq_line && !(p & PSTATE_F)) {
        a64_take_exception(env, A64_EXC_FIQ, 0, 0, false);
        return true;
    }
    if (env->sys.irq_line && !(p & PSTATE_I)) {
        a64_take_exception(env, A64_EXC_IRQ, 0, 0, false);
        return true;
    }
    return false;
}

/* Instruction abort for the pc the translator could not fetch: walk
 * again to learn why (translation, access flag or permission fault). */
static void take_prefetch_abort(CPUARMState *env)
{
    int el = a64_el(env);
    ARMWalk w;
    int fsc;
    if (!a64_mmu_walk(env, env->pc, el ? ARM_MMU_EL1 : ARM_MMU_EL0, &w)) {
        fsc = w.fsc;
    } else if (!(w.prot & ARM_PROT_X)) {
        fsc = FSC_PERMISSION + w.level;
    } else {
        fsc = FSC_EXTERNAL;  /* mapped, but not to RAM */
    }
    int ec = el ? EC_INSN_ABORT_SAME : EC_INSN_ABORT_LOWER;
    a64_take_exception(env, A64_EXC_SYNC, esr_make(ec, (uint32_t)fsc),
                       env->pc, true);
}

/* A stepped instruction completed: the step state machine moves to
 * active-pending (PSTATE.SS = 0).  For SVC/HVC/SMC this happens before
 * their exception, so SPSR.SS reads 0 in the handler. */
void a64_ss_advance(CPUARMState *env)
{
    if (env->sys.hflags & A64F_SS_ACTIVE) {
        env->sys.pstate &= ~PSTATE_SS;
        a64_rebuild_hflags(env);
    }
}

bool a64_do_exception(CPUARMState *env, int excp)
{
    uint32_t imm = env->syndrome & 0xffff;
    switch (excp) {
    case EXCP_UDEF:
        a64_take_exception(env, A64_EXC_SYNC, esr_make(EC_UNCATEGORIZED, 0),
                           0, false);
        return true;
    case EXCP_SYSCALL:  /* pc already after the SVC: the preferred return */
        a64_ss_advance(env);
        a64_take_exception(env, A64_EXC_SYNC, esr_make(EC_SVC64, imm), 0,
                           false);
        return true;
    case EXCP_BKPT:
        a64_take_exception(env, A64_EXC_SYNC, esr_make(EC_BRK64, imm), 0,
                           false);
        return true;
    case EXCP_PREFETCH:
        take_prefetch_abort(env);
        return true;
    case EXCP_BUS: {    /* MO_ALIGN fault raised by a memory helper */
        int ec = a64_el(env) ? EC_DATA_ABORT_SAME : EC_DATA_ABORT_LOWER;
        uint32_t iss = FSC_ALIGNMENT | (env->fault_is_write ? 1u << 6 : 0);
        a64_take_exception(env, A64_EXC_SYNC, esr_make(ec, iss),
                           env->fault_addr, true);
        return true;
    }
    case EXCP_SYNC: {
        int ec = (int)(env->syndrome >> 26);
        bool far = ec == EC_INSN_ABORT_LOWER || ec == EC_INSN_ABORT_SAME ||
                   ec == EC_DATA_ABORT_LOWER || ec == EC_DATA_ABORT_SAME ||
                   ec == EC_PC_ALIGN;
        a64_take_exception(env, A64_EXC_SYNC, env->syndrome,
                           env->fault_addr, far);
        return true;
    }
    default:
        return false;
    }
}

void a64_raise_sync(CPUARMState *env, uint32_t esr, uint64_t far,
                    uintptr_t ra)
{
    env->syndrome = esr;
    env->fault_addr = far;
    env->common.exception_index = EXCP_SYNC;
    tcg_cpu_loop_exit_restore(env, ra);
}

void a64_raise_abort(CPUARMState *env, uint64_t va, bool insn, bool write,
                     int fsc, uintptr_t ra)
{
    bool lower = a64_el(env) == 0;
    int ec = insn ? (lower ? EC_INSN_ABORT_LOWER : EC_INSN_ABORT_SAME)
                  : (lower ? EC_DATA_ABORT_LOWER : EC_DATA_ABORT_SAME);
    uint32_t iss = (uint32_t)fsc | (write && !insn ? 1u << 6 : 0);
    a64_raise_sync(env, esr_make(ec, iss), va, ra);
}

/* AArch64.ExceptionReturn from EL1 (Arm ARM D1.4 and "Illegal return
 * events from AArch64 state"): a return to AArch32, to an EL above 1, or
 * to EL0 with SP_EL1 selected is illegal -- PSTATE.IL is set and the EL
 * and SP stay, the rest of SPSR is restored. */
void helper_eret(CPUARMState *env)
{
    uint32_t spsr = (uint32_t)env->sys.spsr_el1;
    uint32_t m = spsr & PSTATE_M_MASK;
    bool illegal = (m & 0x10) || ((m >> PSTATE_EL_SHIFT) & 3) > 1 ||
                   m == 1 || m == 2 || m == 3;
    if (illegal) {
        spsr = (spsr & ~PSTATE_M_MASK) | (env->sys.pstate & PSTATE_M_MASK) |
               PSTATE_IL;
    }
    /* with software step active, SPSR.SS decides whether the next
     * instruction is stepped (active-not-pending) or not */
    a64_pstate_set(env, spsr);
    env->pc = env->sys.elr_el1;
    env->excl_addr = ~0ull;
    if (a64_interrupt_deliverable(env)) {
        env->common.exit_request = 1;
    }
}

const TCGHelperInfo helper_info_eret = TCG_HELPER_INFO(
    helper_eret, 0, false, 1, TCG_CALL_ARG_PTR);

/* The step exception after a stepped instruction (Arm ARM D2.12.3): pc
 * already holds the next instruction, the preferred return address.
 * PSTATE.SS is cleared, ISV set, EX 0 (the exclusives are not told
 * apart). */
void helper_ss_step(CPUARMState *env)
{
    int ec = a64_el(env) ? EC_SOFTSTEP_SAME : EC_SOFTSTEP_LOWER;
    env->sys.pstate &= ~PSTATE_SS;
    a64_rebuild_hflags(env);
    env->syndrome = esr_make(ec, 1u << 24 | 0x22);
    env->common.exception_index = EXCP_SYNC;
    tcg_cpu_loop_exit(env);
}

const TCGHelperInfo helper_info_ss_step = TCG_HELPER_INFO(
    helper_ss_step, 0, false, 1, TCG_CALL_ARG_PTR);
