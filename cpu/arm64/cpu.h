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

    ARMVectorReg vregs[32];
    uint32_t fpcr, fpsr;

    uint64_t tpidr_el0, tpidrro_el0;
    uint64_t hwcap, hwcap2;   /* what this CPU model implements (AT_HWCAP) */
    uint64_t features;        /* bit per ArmFeature (cpu-features.h) */

    /* exclusive monitor (LDXR/STXR): address, size and loaded values */
    uint64_t excl_addr;       /* -1 when no reservation */
    uint64_t excl_val, excl_val2;

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

/* NZCV as the architecture packs it (bits 31..28). */
static inline uint32_t arm_get_nzcv(const CPUARMState *env)
{
    return (uint32_t)((env->nf >> 63) << 31 | (env->zf == 0) << 30 |
                      (env->cf & 1) << 29 | (env->vf >> 63) << 28);
}

static inline void arm_set_nzcv(CPUARMState *env, uint32_t nzcv)
{
    env->nf = (nzcv >> 31) & 1 ? ~0ull : 0;
    env->zf = (nzcv >> 30) & 1 ? 0 : 1;
    env->cf = (nzcv >> 29) & 1;
    env->vf = (nzcv >> 28) & 1 ? ~0ull : 0;
}

#endif
