/* SPDX-License-Identifier: MIT */
/*
 * Arm PrimeCell GPIO (PL061, DDI 0190): eight lines with edge/level
 * interrupts.  The 'virt' board wires line 3 to a gpio-keys power button.
 */
#ifndef DEVICES_PL061_H
#define DEVICES_PL061_H

#include "system/devfdt.h"
#include "system/irq.h"
#include "system/memory.h"

#define PL061_SIZE 0x1000
#define PL061_LINES 8

typedef struct PL061 PL061;

PL061 *pl061_create(AddressSpace *as, uint64_t base, IRQLine irq);
void pl061_reset(PL061 *s);
void pl061_free(PL061 *s);
/* Drives input line `line` from outside (a button). */
void pl061_set_input(PL061 *s, int line, int level);
/* The pin levels the guest drives (direction = out). */
uint8_t pl061_outputs(const PL061 *s);
/* The node, a gpio-controller with the given phandle. */
int pl061_fdt_add(PL061 *s, void *fdt, const DeviceFdtCtx *ctx,
                  uint32_t phandle);

#endif
