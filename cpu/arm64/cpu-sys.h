/* SPDX-License-Identifier: MIT */
/*
 * System-mode CPU state (env->sys): PSTATE beyond NZCV, the EL1 system
 * registers, the generic timer, the interrupt lines the GIC drives, the
 * softmmu TLB side data, and the seam to the board (ARMBoard: physical
 * memory, timer and GICv3 CPU-interface wiring).  All zero and unused in
 * user mode.  cpu/arm64 never includes system/ or devices/: the board
 * reaches the CPU only through the hooks declared here, which
 * system/cpus.c fills.
 */
#ifndef CPU_ARM64_CPU_SYS_H
#define CPU_ARM64_CPU_SYS_H

#include <stdbool.h>
#include <stdint.h>
#include "tcg/tb.h"

/* PSTATE as SPSR_EL1 lays it out (Arm ARM C5.2.18).  NZCV lives in the
 * flag globals, everything else in env->sys.pstate. */
#define PSTATE_SP        (1u << 0)    /* SPSel: SP_ELx rather than SP_EL0 */
#define PSTATE_EL_SHIFT  2
#define PSTATE_EL_MASK   (3u << 2)
#define PSTATE_M_MASK    0x1fu        /* M[4:0]: nRW, EL, SP */
#define PSTATE_F         (1u << 6)
#define PSTATE_I         (1u << 7)
#define PSTATE_A         (1u << 8)
#define PSTATE_D         (1u << 9)
#define PSTATE_DAIF      (0xfu << 6)
#define PSTATE_IL        (1u << 20)
#define PSTATE_SS        (1u << 21)
#define PSTATE_PAN       (1u << 22)
#define PSTATE_NZCV      (0xfu << 28)

/* Translation-block flags in system mode (a64_rebuild_hflags).  User mode
 * runs with flags 0: EL0, everything enabled, Linux's view. */
#define A64F_SYS         (1u << 0)    /* system mode */
#define A64F_EL_SHIFT    1            /* 2 bits: current EL */
#define A64F_MMU_SHIFT   3            /* 2 bits: MMU index for data */
#define A64F_FPEN        (1u << 5)    /* FP/SIMD usable (CPACR_EL1.FPEN) */
#define A64F_TBI0        (1u << 6)    /* top byte ignored, TTBR0 half */
#define A64F_TBI1        (1u << 7)    /* top byte ignored, TTBR1 half */
#define A64F_SS_ACTIVE   (1u << 8)    /* software step active */
#define A64F_PSTATE_SS   (1u << 9)    /* PSTATE.SS (step one insn) */
#define A64F_SPSEL       (1u << 10)   /* PSTATE.SP */
#define A64F_UCI         (1u << 11)   /* SCTLR_EL1: EL0 cache maintenance */
#define A64F_DZE         (1u << 12)   /* EL0 DC ZVA */
#define A64F_UCT         (1u << 13)   /* EL0 CTR_EL0 reads */
#define A64F_UMA         (1u << 14)   /* EL0 DAIF access */
#define A64F_NTWI        (1u << 15)   /* EL0 WFI does not trap */
#define A64F_NTWE        (1u << 16)   /* EL0 WFE does not trap */
#define A64F_EL0PCT      (1u << 17)   /* CNTKCTL_EL1: EL0 reads CNTPCT */
#define A64F_EL0VCT      (1u << 18)   /* EL0 reads CNTVCT */
#define A64F_EL0VT       (1u << 19)   /* EL0 uses the virtual timer */
#define A64F_EL0PT       (1u << 20)   /* EL0 uses the physical timer */

static inline int a64f_el(uint32_t f) { return (int)(f >> A64F_EL_SHIFT) & 3; }
static inline int a64f_mmu(uint32_t f)
{
    return (int)(f >> A64F_MMU_SHIFT) & 3;
}

/* Softmmu TLB indices: one stage-1 EL1&0 regime seen three ways. */
enum {
    ARM_MMU_EL0 = 0,      /* EL0 accesses, and LDTR/STTR at EL1 */
    ARM_MMU_EL1 = 1,      /* EL1 */
    ARM_MMU_EL1_PAN = 2,  /* EL1 with PSTATE.PAN: no data access to EL0 pages */
    ARM_MMU_COUNT = 3,
};

/* Exception classes (ESR_ELx.EC, Arm ARM D23.2.41) we raise. */
enum {
    EC_UNCATEGORIZED = 0x00,
    EC_WFX = 0x01,
    EC_FP_ACCESS = 0x07,
    EC_ILLEGAL_STATE = 0x0e,
    EC_SVC64 = 0x15,
    EC_HVC64 = 0x16,
    EC_SMC64 = 0x17,
    EC_SYSREG = 0x18,
    EC_INSN_ABORT_LOWER = 0x20,
    EC_INSN_ABORT_SAME = 0x21,
    EC_PC_ALIGN = 0x22,
    EC_DATA_ABORT_LOWER = 0x24,
    EC_DATA_ABORT_SAME = 0x25,
    EC_SP_ALIGN = 0x26,
    EC_SERROR = 0x2f,
    EC_SOFTSTEP_LOWER = 0x32,
    EC_SOFTSTEP_SAME = 0x33,
    EC_BRK64 = 0x3c,
};

#define ESR_IL (1u << 25)
static inline uint32_t esr_make(int ec, uint32_t iss)
{
    return (uint32_t)ec << 26 | ESR_IL | (iss & 0x1ffffff);
}

/* Fault status codes (DFSC/IFSC) of a failed translation. */
enum {
    FSC_ADDR_SIZE = 0x00,   /* + level */
    FSC_TRANSLATION = 0x04, /* + level */
    FSC_ACCESS_FLAG = 0x08, /* + level */
    FSC_PERMISSION = 0x0c,  /* + level */
    FSC_EXTERNAL = 0x10,    /* synchronous external abort */
    FSC_ALIGNMENT = 0x21,
};

/* The generic timers each CPU has at EL1 (Arm ARM D11.2). */
enum { ARM_TIMER_PHYS = 0, ARM_TIMER_VIRT = 1, ARM_TIMER_COUNT = 2 };
typedef struct ARMGenericTimer {
    uint64_t ctl;       /* ENABLE, IMASK (ISTATUS is computed) */
    uint64_t cval;
    bool level;         /* output line as last driven */
} ARMGenericTimer;

#define ARM_MAX_CPUS 128

/* System registers by encoding: op0:op1:CRn:CRm:op2 in 16 bits. */
#define ARM_SYSREG_KEY(op0, op1, crn, crm, op2) \
    ((uint32_t)(op0) << 14 | (uint32_t)(op1) << 11 | (uint32_t)(crn) << 7 | \
     (uint32_t)(crm) << 3 | (uint32_t)(op2))

/*
 * The board as the CPU sees it (one per machine, shared by its CPUs).
 * system/cpus.c fills it from system/memory.h and the interrupt
 * controller.  Physical addresses throughout.
 */
typedef struct ARMBoard {
    void *opaque;
    /* Host pointer to the byte at pa if it is RAM (or ROM: *read_only),
     * valid up to the end of its 4K page; NULL for devices and holes. */
    void *(*ram_ptr)(void *opaque, uint64_t pa, bool *read_only);
    /* Device access by CPU cpu (size 1/2/4/8 bytes); false: nothing
     * answers there, which the CPU turns into a synchronous external
     * abort. */
    bool (*mmio_read)(void *opaque, int cpu, uint64_t pa, unsigned size,
                      uint64_t *val);
    bool (*mmio_write)(void *opaque, int cpu, uint64_t pa, unsigned size,
                       uint64_t val);
    /* Optional: told when a RAM page starts or stops holding translated
     * code, so that the board's DMA writes to it come back through
     * a64_phys_written. */
    void (*code_page_mark)(void *opaque, uint64_t pa, bool is_code);
    /* Generic timer outputs, the PPIs of the interrupt controller. */
    void (*timer_irq)(void *opaque, int cpu, int timer, bool level);
    /* GICv3 CPU interface: the ICC_* register at key (ARM_SYSREG_KEY) of
     * cpu; false if there is none (the access is then UNDEF).  NULL when
     * the board has no GICv3 system-register interface. */
    bool (*icc_read)(void *opaque, int cpu, uint32_t key, uint64_t *val);
    bool (*icc_write)(void *opaque, int cpu, uint32_t key, uint64_t val);
    /* The counter (CNTPCT) is host CLOCK_MONOTONIC ns minus this. */
    uint64_t counter_base_ns;

    /* Kept by cpu/arm64: the machine's CPUs (a64_sys_cpu_new registers
     * them) and which physical pages hold translated code (tlb.c). */
    struct CPUARMState *cpus[ARM_MAX_CPUS];
    int nb_cpus;
    uint64_t **code_pages;
} ARMBoard;

/* Per-entry side data of the softmmu TLB: where the page really is. */
typedef struct ARMTLBAux {
    uint64_t va;        /* virtual page address (the entry's tag) */
    uint64_t pa;        /* physical page address */
    uint8_t prot;       /* ARM_PROT_* the walk granted */
    bool ram;           /* host pointer valid (addend) */
} ARMTLBAux;

enum { ARM_PROT_R = 1, ARM_PROT_W = 2, ARM_PROT_X = 4 };

typedef struct ARMSysState {
    uint32_t pstate;          /* PSTATE_* except NZCV */
    uint32_t hflags;          /* TB flags, rebuilt on each relevant change */
    uint64_t sp_el[2];        /* SP_EL0, SP_EL1 when not selected */

    /* EL1 system registers (Arm ARM D23.2) */
    uint64_t sctlr_el1, actlr_el1, cpacr_el1;
    uint64_t ttbr0_el1, ttbr1_el1, tcr_el1, mair_el1, amair_el1;
    uint64_t spsr_el1, elr_el1, esr_el1, far_el1, afsr0_el1, afsr1_el1;
    uint64_t vbar_el1, par_el1, contextidr_el1, tpidr_el1;
    uint64_t cntkctl_el1, csselr_el1;
    /* debug: registers Linux resets and saves, with no effect here but
     * MDSCR_EL1.SS (software step) */
    uint64_t mdscr_el1, mdccint_el1, oslsr_el1, osdlr_el1, dbgclaim;
    uint64_t dbgbvr[16], dbgbcr[16], dbgwvr[16], dbgwcr[16];

    ARMGenericTimer timer[ARM_TIMER_COUNT];

    /* identification (the -cpu model) */
    uint64_t midr, mpidr, revidr;
    int cpu_index;

    /* interrupt inputs, driven by the interrupt controller (any thread) */
    volatile int irq_line, fiq_line;

    /* softmmu TLB: [mmu_idx][index] entries and their side data */
    CPUTLBEntry (*tlb)[TLB_SIZE];
    ARMTLBAux aux[TLB_NB_MMU_MODES][TLB_SIZE];
    /* a block (> 4K) mapping in the TLB: a TLBI by VA inside it must drop
     * every entry (they are cached as 4K pages) */
    uint64_t large_addr[TLB_NB_MMU_MODES], large_mask[TLB_NB_MMU_MODES];

    ARMBoard *board;
} ARMSysState;

#endif
