/* SPDX-License-Identifier: MIT */
/*
 * Arm PrimeCell real-time clock (PL031, DDI 0224): a seconds counter that
 * starts at the host's wall-clock time and runs with the machine's
 * virtual clock, plus a match interrupt.
 */
#ifndef DEVICES_PL031_H
#define DEVICES_PL031_H

#include "system/devfdt.h"
#include "system/irq.h"
#include "system/main-loop.h"
#include "system/memory.h"

#define PL031_SIZE 0x1000

typedef struct PL031 PL031;

PL031 *pl031_create(AddressSpace *as, MainLoop *ml, uint64_t base,
                    IRQLine irq);
void pl031_reset(PL031 *s);
void pl031_free(PL031 *s);
int pl031_fdt_add(PL031 *s, void *fdt, const DeviceFdtCtx *ctx);

#endif
