/* SPDX-License-Identifier: MIT */
/*
 * Guest memory access for C helpers: guest address to host pointer, and
 * the alignment fault raised for MO_ALIGN accesses (exclusives, ordered
 * accesses, atomics).  See mem-helper.h.
 */
#include "mem-helper.h"
#include "sys.h"
#include "tcg/exec.h"
#include "tcg/debug.h"

void *a64_host_ptr(CPUARMState *env, uint64_t addr, unsigned size,
                   bool write, uintptr_t ra)
{
    /* gdb watchpoints see helper accesses too; a hit does not return */
    if (tcg_debug_watching(env->common.debug)) {
        tcg_debug_check_access(env, addr, size, write, ra);
    }
    if (env->sys.hflags & A64F_SYS) {
        /* through the TLB: a fault is the guest's data abort */
        return a64_sys_host_ptr(env, addr, size, write, ra);
    }
    (void)size;
    (void)write;
    (void)ra;
    /* translations may pass the tagged address (gen_clean_addr) */
    return (void *)(env->common.guest_base +
                    (uintptr_t)(addr & A64_TBI_ADDR_MASK));
}

bool arm_user_tbi_fault(CPUARMState *env, uintptr_t host_pc)
{
    if (env->tbi_mask || tcg_mem_model != TCG_MEM_GUEST_BASE ||
        !tcg_in_code_cache(host_pc) || !tcg_restore_state(env, host_pc)) {
        return false;
    }
    /* the insn's state is restored (guest registers are written back
     * before every guest memory access); run it again, masking */
    env->tbi_mask = true;
    env->common.exception_index = TCG_EXCP_INTERRUPT;
    tcg_cpu_loop_exit(env);
}

/* Arm ARM D8.7 / AArch64.Abort with an Alignment fault: for user mode this
 * is SIGBUS with si_addr = the faulting address, which the CPU loop turns
 * into the guest signal. */
void a64_raise_unaligned(void *envp, uint64_t addr, uint32_t memop,
                         uintptr_t retaddr)
{
    CPUARMState *env = envp;
    (void)memop;
    if (env->sys.hflags & A64F_SYS) {
        a64_raise_abort(env, addr, false, false, FSC_ALIGNMENT, retaddr);
    }
    env->fault_addr = addr & A64_TBI_ADDR_MASK;
    env->fault_is_write = 0;
    env->common.exception_index = EXCP_BUS;
    tcg_cpu_loop_exit_restore(env, retaddr);
}
