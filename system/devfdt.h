/* SPDX-License-Identifier: MIT */
/*
 * What a device needs to write its own device-tree node: small libfdt
 * helpers for the usual properties, and a context from the board for the
 * parts the device cannot know (how the board's interrupt controller
 * encodes an interrupt, the phandle of the APB clock).
 *
 * Nodes go under the root of a tree opened for writing (fdt_open_into);
 * the board packs it at the end.  Every helper returns 0 or a negative
 * libfdt error.
 */
#ifndef SYSTEM_DEVFDT_H
#define SYSTEM_DEVFDT_H

#include <stdint.h>
#include "irq.h"

typedef struct DeviceFdtCtx {
    uint32_t apb_pclk;      /* phandle of the fixed APB clock (0: none) */
    /* Writes "interrupts" for an input of the board's interrupt
     * controller; trigger is IRQ_TYPE_*. */
    int (*set_irq)(void *opaque, void *fdt, int node, const IRQLine *irq,
                   unsigned trigger);
    void *opaque;
} DeviceFdtCtx;

/* Returns the first negative value from an fdt call. */
#define FDT_TRY(expr)                                                      \
    do {                                                                   \
        int fdt_try_ = (expr);                                             \
        if (fdt_try_ < 0) {                                                \
            return fdt_try_;                                               \
        }                                                                  \
    } while (0)

/* Adds "/name@base" (lower-case hex); returns its offset or an error. */
int devfdt_add_node(void *fdt, const char *name, uint64_t base);
/* reg = <base size> with 2 address and 2 size cells. */
int devfdt_set_reg(void *fdt, int node, uint64_t base, uint64_t size);
/* compatible from a string list "a\0b" of total length len (incl. the
 * final NUL): pass a string literal with DEVFDT_STRLIST. */
int devfdt_set_strlist(void *fdt, int node, const char *prop,
                       const char *list, int len);
#define DEVFDT_STRLIST(s) (s), (int)sizeof(s)
int devfdt_set_irq(const DeviceFdtCtx *ctx, void *fdt, int node,
                   const IRQLine *irq, unsigned trigger);
/* clocks/clock-names for an AMBA PrimeCell: "apb_pclk", or with
 * uartclk "uartclk", "apb_pclk" (PL011). */
int devfdt_set_primecell_clocks(const DeviceFdtCtx *ctx, void *fdt, int node,
                                bool uartclk);

#endif
