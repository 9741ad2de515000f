/* SPDX-License-Identifier: MIT */
/*
 * AArch64 registers in gdb's numbering (the target description the gdbstub
 * serves): 0-30 x0-x30, 31 sp, 32 pc, 33 cpsr, 34-65 v0-v31, 66 fpsr,
 * 67 fpcr.  Shared by the user-mode and system-mode debug targets.
 */
#ifndef CPU_ARM64_GDB_REGS_H
#define CPU_ARM64_GDB_REGS_H

#include <stdint.h>
#include "cpu.h"

#define A64_GDB_NUM_REGS 68

/* Writes the register's bytes (little-endian) into buf; returns its size,
 * or 0 if there is no such register. */
int a64_gdb_read_reg(const CPUARMState *env, int regno, uint8_t *buf);
/* 0 on success, -1 if there is no such register. */
int a64_gdb_write_reg(CPUARMState *env, int regno, const uint8_t *buf);

#endif
