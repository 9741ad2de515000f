/* SPDX-License-Identifier: MIT */
/* Disassembly through capstone for logs and the gdb monitor. */
#ifndef UTIL_DISAS_H
#define UTIL_DISAS_H

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

void disas_host(FILE *f, const void *code, size_t size);
/* Prints each instruction as "0x<pc>:  <hex word>  <mnemonic> <operands>". */
void disas_arm64(FILE *f, const uint8_t *code, size_t size, uint64_t pc);
/* One instruction into buf; returns false if capstone does not know it. */
int disas_arm64_one(uint32_t insn, uint64_t pc, char *buf, size_t len);

#endif
