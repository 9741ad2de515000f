/* SPDX-License-Identifier: MIT */
/*
 * Arm PrimeCell UART (PL011, DDI 0183): the 'virt' board's console.
 * Transmit is instantaneous (bytes go straight to the chardev); receive
 * goes through a 16-entry FIFO filled from the chardev as room allows.
 */
#ifndef DEVICES_PL011_H
#define DEVICES_PL011_H

#include "system/chardev.h"
#include "system/devfdt.h"
#include "system/irq.h"
#include "system/memory.h"

#define PL011_SIZE 0x1000

typedef struct PL011 PL011;

/* chr may be NULL (output dropped, no input). */
PL011 *pl011_create(AddressSpace *as, uint64_t base, IRQLine irq,
                    Chardev *chr);
void pl011_reset(PL011 *s);
void pl011_free(PL011 *s);
/* The node ("arm,pl011", "arm,primecell"); returns its offset. */
int pl011_fdt_add(PL011 *s, void *fdt, const DeviceFdtCtx *ctx);

#endif
