/* SPDX-License-Identifier: MIT */
/*
 * gdb-fake.h - a fake debug target for gdbstub tests: a few threads with
 * AArch64-shaped registers, 64 KB of memory at FAKE_BASE, a breakpoint list,
 * and a toy "CPU" that advances the pc by 4 per instruction.  Just enough
 * behaviour to drive every packet and a real gdb-multiarch session.
 *
 * Toy instruction semantics (32-bit words in memory):
 *   FAKE_INSN_SPIN  ("b .")     loops until interrupted (Ctrl-C tests)
 *   FAKE_INSN_EXIT  ("svc #0")  exits with code x0 & 0xff
 *   FAKE_INSN_STORE ("str x0, [x1]") stores 8 bytes; a write or access
 *                   watchpoint over them stops *before* the store, as
 *                   AArch64 hardware does (gdb then steps over it)
 *   anything else               does nothing (a NOP)
 */
#ifndef MIMIC_TESTS_GDB_FAKE_H
#define MIMIC_TESTS_GDB_FAKE_H

#include <stdatomic.h>
#include "frontends/gdbstub.h"

#define FAKE_BASE 0x400000ull
#define FAKE_MEM_SIZE 0x10000u
#define FAKE_MAX_THREADS 4
#define FAKE_MAX_BPS 64
#define FAKE_INSN_NOP 0xd503201fu
#define FAKE_INSN_SPIN 0x14000000u
#define FAKE_INSN_EXIT 0xd4000001u
#define FAKE_INSN_STORE 0xf9000020u
#define FAKE_EXIT_ADDR (FAKE_BASE + 0x200)   /* where a default run ends */
#define FAKE_SPIN_ADDR (FAKE_BASE + 0x300)
#define FAKE_STORE_ADDR (FAKE_BASE + 0x180)

typedef struct FakeCpu {
    uint64_t x[31], sp, pc;
    uint32_t cpsr, fpsr, fpcr;
    uint8_t v[32][16];
} FakeCpu;

typedef struct FakeBp {
    int type;
    uint64_t addr, len;
} FakeBp;

typedef struct FakeTarget {
    int nthreads;
    FakeCpu cpu[FAKE_MAX_THREADS];
    uint8_t mem[FAKE_MEM_SIZE];
    FakeBp bp[FAKE_MAX_BPS];
    int nbp;
    atomic_int interrupt_req;
    /* What the stub asked for, for tests to inspect. */
    GdbResumeAction last_actions[GDB_MAX_RESUME_ACTIONS];
    int last_n, resumes, detached, killed;
    atomic_int interrupts;       /* called from the reader thread */
    /* If set, resume returns this instead of simulating. */
    bool force;
    GdbStopReason forced;
} FakeTarget;

void fake_init(FakeTarget *ft, int nthreads);
extern const GdbTargetOps fake_ops;

#endif
