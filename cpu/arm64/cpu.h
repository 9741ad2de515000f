/* SPDX-License-Identifier: MIT */
/*
 * AArch64 CPU state: the struct generated code addresses as env.  Guest
 * registers are TCG globals backed by these fields (translate.c maps them).
 */
#ifndef CPU_ARM64_CPU_H
#define CPU_ARM64_CPU_H

#include <stdint.h>
#include <stdbool.h>
#include "tcg/tb.h"
#include "cpu-sys.h"

/* Exception codes handed from the exec loop to its caller. */
enum {
    EXCP_NONE = -1,
    EXCP_INTERRUPT = 0x10000, /* exit_request was set */
    EXCP_HLT,                 /* WFI in system mode */
    EXCP_DEBUG,               /* breakpoint, watchpoint or single step */
    EXCP_SYSCALL,             /* SVC #0 in user mode; pc is after the SVC */
    EXCP_UDEF,                /* undefined instruction; pc is the insn */
    EXCP_BKPT,                /* BRK #imm */
    EXCP_SEGV,                /* data/insn abort in user mode */
    EXCP_BUS,                 /* alignment fault in user mode */
    EXCP_YIELD,
    EXCP_PREFETCH,            /* instruction fetch from a bad address */
    /* system mode */
    EXCP_SYNC,                /* synchronous exception to EL1: ESR in
                                 syndrome, FAR in fault_addr, pc = insn */
    EXCP_HVC,                 /* HVC/SMC (PSCI firmware calls); pc is */
    EXCP_SMC,                 /* after the insn, syndrome = imm16 */
};

/*
 * TB flags (a64_get_tb_cpu_state): what a translation depends on besides
 * the pc.  The debug bits sit at the top, out of the way of ISA state.
 */
#define A64_TBFLAG_WATCH   (1u << 31)  /* watchpoints: check loads/stores */
#define A64_TBFLAG_NODEBUG (1u << 30)  /* one insn ignoring bps/watchpoints */

typedef struct ARMVectorReg {
    uint64_t d[2];            /* d[0] is the low 64 bits */
} __attribute__((aligned(16))) ARMVectorReg;

typedef struct CPUARMState {
    TCGCPUCommon common;      /* must be first: generated code relies on it */

    uint64_t xregs[32];       /* x0..x30, xregs[31] is SP */
    uint64_t pc;
    /* NZCV kept apart so each flag is one cheap op:
     * N = bit 63 of nf; Z = (zf == 0); C = cf (0/1); V = bit 63 of vf.
     * 32-bit flag-setting ops store sign-extended results. */
    uint64_t nf, zf, cf, vf;
    /* Lazy NZCV (translate-flags.c): unless cc_op is CC_OP_FLAGS, the
     * flags are those of operation cc_op on cc_a and cc_b (LOGIC: the
     * result in cc_a) and nf..vf are stale.  Use arm_get_nzcv. */
    uint64_t cc_a, cc_b, cc_op;

    ARMVectorReg vregs[32];
    uint32_t fpcr, fpsr;

    uint64_t tpidr_el0, tpidrro_el0;
    uint64_t hwcap, hwcap2;   /* what this CPU model implements (AT_HWCAP) */
    uint64_t features;        /* bit per ArmFeature (cpu-features.h) */

    /* exclusive monitor (LDXR/STXR): address, size and loaded values */
    uint64_t excl_addr;       /* -1 when no reservation */
    uint64_t excl_val, excl_val2;

    /* User mode: a tagged address faulted in generated code, so this CPU's
     * translations clear the top byte of data addresses from now on
     * (gen_clean_addr, arm_user_tbi_fault). */
    bool tbi_mask;

    /* fault details for EXCP_SEGV/EXCP_BUS */
    uint64_t fault_addr;
    uint32_t fault_is_write;
    uint32_t syndrome;        /* BRK immediate, SVC immediate, ... */

    /* Reads one instruction word for the translator; returns false when
     * the address may not be executed (the insn then raises a prefetch
     * abort when reached).  Set by the mode (user / system). */
    bool (*fetch_code)(struct CPUARMState *env, uint64_t pc, uint32_t *insn);

    void *opaque;             /* owner: linux-user process/thread state */

    ARMSysState sys;          /* system mode only (cpu-sys.h) */
} CPUARMState;

/* TB flags (the translation's dependence on CPU state). */
#define A64_TBF_TBI_MASK (1u << 29)  /* user mode: env->tbi_mask */

/* Top-byte-ignore (Arm ARM D8.8) for EL0 data addresses under Linux. */
#define A64_TBI_ADDR_MASK 0x00ffffffffffffffull

/* Called by the user-mode host fault handler for a fault at host_pc whose
 * address is not a guest address (outside the guest window, or a
 * non-canonical x86 address): if generated code made it with an unmasked
 * data address, the CPU switches to masking translations and retries the
 * instruction (does not return).  Returns false otherwise. */
bool arm_user_tbi_fault(CPUARMState *env, uintptr_t host_pc);

enum {
    CC_OP_FLAGS = 0,          /* nf..vf hold NZCV */
    CC_OP_SUB64, CC_OP_SUB32, CC_OP_ADD64, CC_OP_ADD32,
    CC_OP_LOGIC64, CC_OP_LOGIC32,
};

/* NZCV (bits 31..28) of the lazy form (cpu.c). */
uint32_t arm_lazy_nzcv(const CPUARMState *env);

/* NZCV as the architecture packs it (bits 31..28). */
static inline uint32_t arm_get_nzcv(const CPUARMState *env)
{
    if (env->cc_op != CC_OP_FLAGS) {
        return arm_lazy_nzcv(env);
    }
    return (uint32_t)((env->nf >> 63) << 31 | (env->zf == 0) << 30 |
                      (env->cf & 1) << 29 | (env->vf >> 63) << 28);
}

static inline void arm_set_nzcv(CPUARMState *env, uint32_t nzcv)
{
    env->nf = (nzcv >> 31) & 1 ? ~0ull : 0;
    env->zf = (nzcv >> 30) & 1 ? 0 : 1;
    env->cf = (nzcv >> 29) & 1;
    env->vf = (nzcv >> 28) & 1 ? ~0ull : 0;
    env->cc_op = CC_OP_FLAGS;
}

#endif
