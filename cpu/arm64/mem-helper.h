/* SPDX-License-Identifier: MIT */
/*
 * Guest memory as seen from C helpers (exclusives, atomics, and later the
 * SIMD structure loads): the one place that turns a guest virtual address
 * into a host pointer, and the alignment fault.  Generated code does not use
 * this; it accesses memory through qemu_ld/qemu_st ops.
 */
#ifndef CPU_ARM64_MEM_HELPER_H
#define CPU_ARM64_MEM_HELPER_H

#include <stdbool.h>
#include <stdint.h>
#include "cpu.h"

/* Host return address inside a helper: identifies the guest instruction
 * when the helper was called from x86-64 generated code (the interpreter
 * restores from its own record and ignores it).  Use it in the helper
 * body itself, not in a function it calls. */
#define GETPC() ((uintptr_t)__builtin_return_address(0))

/* Host address of size bytes of guest memory at addr (a clean address, see
 * gen_clean_addr).  User mode: guest_base + addr; a bad address then faults
 * on the host access, which the signal code attributes to env->pc, so the
 * translator stores the pc before calling any helper that gets here.
 * System mode will translate through its TLB and raise the data abort. */
void *a64_host_ptr(CPUARMState *env, uint64_t addr, unsigned size,
                   bool write, uintptr_t ra);

/* Alignment fault (user mode: SIGBUS BUS_ADRALN).  Also installed as
 * env->common.raise_unaligned for MO_ALIGN qemu_ld/qemu_st ops. */
__attribute__((noreturn))
void a64_raise_unaligned(void *env, uint64_t addr, uint32_t memop,
                         uintptr_t retaddr);

/* Raises the alignment fault unless addr is a multiple of align. */
static inline void a64_check_align(CPUARMState *env, uint64_t addr,
                                   unsigned align, uintptr_t ra)
{
    if (addr & (align - 1)) {
        a64_raise_unaligned(env, addr, 0, ra);
    }
}

#endif
