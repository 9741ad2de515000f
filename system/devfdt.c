/* SPDX-License-Identifier: MIT */
/*
 * Device-tree helpers for device models (see devfdt.h).
 */
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include "devfdt.h"

int devfdt_add_node(void *fdt, const char *name, uint64_t base)
{
    char full[64];
    snprintf(full, sizeof(full), "%s@%llx", name, (unsigned long long)base);
    return fdt_add_subnode(fdt, 0, full);
}

int devfdt_set_reg(void *fdt, int node, uint64_t base, uint64_t size)
{
    fdt32_t cells[4] = {
        cpu_to_fdt32((uint32_t)(base >> 32)), cpu_to_fdt32((uint32_t)base),
        cpu_to_fdt32((uint32_t)(size >> 32)), cpu_to_fdt32((uint32_t)size),
    };
    return fdt_setprop(fdt, node, "reg", cells, sizeof(cells));
}

int devfdt_set_strlist(void *fdt, int node, const char *prop,
                       const char *list, int len)
{
    return fdt_setprop(fdt, node, prop, list, len);
}

int devfdt_set_irq(const DeviceFdtCtx *ctx, void *fdt, int node,
                   const IRQLine *irq, unsigned trigger)
{
    if (!ctx->set_irq) {
        return 0;
    }
    return ctx->set_irq(ctx->opaque, fdt, node, irq, trigger);
}

int devfdt_set_primecell_clocks(const DeviceFdtCtx *ctx, void *fdt, int node,
                                bool uartclk)
{
    if (!ctx->apb_pclk) {
        return 0;
    }
    fdt32_t clk[2] = { cpu_to_fdt32(ctx->apb_pclk),
                       cpu_to_fdt32(ctx->apb_pclk) };
    if (uartclk) {
        static const char names[] = "uartclk\0apb_pclk";
        FDT_TRY(fdt_setprop(fdt, node, "clocks", clk, sizeof(clk)));
        return fdt_setprop(fdt, node, "clock-names", names, sizeof(names));
    }
    static const char names[] = "apb_pclk";
    FDT_TRY(fdt_setprop(fdt, node, "clocks", clk, sizeof(clk[0])));
    return fdt_setprop(fdt, node, "clock-names", names, sizeof(names));
}
