/* SPDX-License-Identifier: MIT */
/*
 * The 'virt' board's device tree: the board-level nodes (/chosen, /memory,
 * /cpus, /psci, the timer, the APB clock, the power button) here, each
 * device's own node from the device.  Linux binding references are under
 * Documentation/devicetree/bindings/ (arm/cpus.yaml, arm/psci.yaml,
 * timer/arm,arch_timer.yaml, input/gpio-keys.yaml).
 *
 * libfdt's fdt_add_subnode puts a new node before its existing siblings,
 * so nodes are added last-first to come out in reading order.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include "virt.h"
#include "loaders/dtb.h"
#include "system/devfdt.h"

#define FDT_SIZE (1u << 20)

enum {
    PHANDLE_CLK = 0x8000,
    PHANDLE_GIC = 0x8001,
    PHANDLE_GPIO = 0x8002,
    PHANDLE_CPU0 = 0x8100,
};

/* GIC interrupt specifier (arm,gic.yaml): <type number flags>, type 0 SPI
 * 1 PPI; on GICv2 a PPI's flags carry the mask of CPUs it reaches. */
static void gic_cells(const VirtMachine *m, int intid, unsigned trigger,
                      fdt32_t cells[3])
{
    bool ppi = intid < 32;
    uint32_t flags = trigger;
    if (ppi && m->cfg.gic_version == 2) {
        flags |= ((1u << m->cfg.smp) - 1) << 8;
    }
    cells[0] = cpu_to_fdt32(ppi ? 1 : 0);
    cells[1] = cpu_to_fdt32((uint32_t)(ppi ? intid - 16 : intid - 32));
    cells[2] = cpu_to_fdt32(flags);
}

static int set_irq_cb(void *opaque, void *fdt, int node, const IRQLine *irq,
                      unsigned trigger)
{
    fdt32_t cells[3];
    gic_cells(opaque, irq->line, trigger, cells);
    return fdt_setprop(fdt, node, "interrupts", cells, sizeof(cells));
}

static int add_cpus(VirtMachine *m, void *fdt)
{
    int cpus = fdt_add_subnode(fdt, 0, "cpus");
    FDT_TRY(cpus);
    FDT_TRY(fdt_setprop_u32(fdt, cpus, "#address-cells", 1));
    FDT_TRY(fdt_setprop_u32(fdt, cpus, "#size-cells", 0));
    const char *compat = virt_cpu_compatible(m->cfg.cpu_model);
    for (int i = m->cfg.smp - 1; i >= 0; i--) {
        char name[32];
        snprintf(name, sizeof(name), "cpu@%llx",
                 (unsigned long long)m->mpidr[i]);
        int cpu = fdt_add_subnode(fdt, cpus, name);
        FDT_TRY(cpu);
        FDT_TRY(fdt_setprop_string(fdt, cpu, "device_type", "cpu"));
        FDT_TRY(fdt_setprop_string(fdt, cpu, "compatible", compat));
        FDT_TRY(fdt_setprop_u32(fdt, cpu, "reg", (uint32_t)m->mpidr[i]));
        FDT_TRY(fdt_setprop_string(fdt, cpu, "enable-method", "psci"));
        FDT_TRY(fdt_setprop_u32(fdt, cpu, "phandle",
                                PHANDLE_CPU0 + (uint32_t)i));
    }
    return 0;
}

/* PSCI 0.2+ function IDs are fixed by the spec; the legacy "arm,psci"
 * binding wants them listed. */
static int add_psci(VirtMachine *m, void *fdt)
{
    int node = fdt_add_subnode(fdt, 0, "psci");
    FDT_TRY(node);
    FDT_TRY(devfdt_set_strlist(fdt, node, "compatible",
            DEVFDT_STRLIST("arm,psci-1.0\0arm,psci-0.2\0arm,psci")));
    FDT_TRY(fdt_setprop_string(fdt, node, "method", m->psci_conduit));
    FDT_TRY(fdt_setprop_u32(fdt, node, "cpu_suspend", 0xc4000001));
    FDT_TRY(fdt_setprop_u32(fdt, node, "cpu_off", 0x84000002));
    FDT_TRY(fdt_setprop_u32(fdt, node, "cpu_on", 0xc4000003));
    FDT_TRY(fdt_setprop_u32(fdt, node, "migrate", 0xc4000005));
    return 0;
}

static int add_timer(VirtMachine *m, void *fdt)
{
    static const VirtTimer order[4] = {
        VIRT_TIMER_PHYS_S, VIRT_TIMER_PHYS_NS, VIRT_TIMER_VIRT,
        VIRT_TIMER_HYP,
    };
    fdt32_t cells[12];
    for (int i = 0; i < 4; i++) {
        gic_cells(m, 16 + (int)order[i], IRQ_TYPE_LEVEL_HIGH, cells + 3 * i);
    }
    int node = fdt_add_subnode(fdt, 0, "timer");
    FDT_TRY(node);
    FDT_TRY(devfdt_set_strlist(fdt, node, "compatible",
            DEVFDT_STRLIST("arm,armv8-timer\0arm,armv7-timer")));
    FDT_TRY(fdt_setprop(fdt, node, "interrupts", cells, sizeof(cells)));
    FDT_TRY(fdt_setprop(fdt, node, "always-on", NULL, 0));
    return 0;
}

static int add_clock(void *fdt)
{
    int node = fdt_add_subnode(fdt, 0, "apb-pclk");
    FDT_TRY(node);
    FDT_TRY(fdt_setprop_string(fdt, node, "compatible", "fixed-clock"));
    FDT_TRY(fdt_setprop_u32(fdt, node, "#clock-cells", 0));
    FDT_TRY(fdt_setprop_u32(fdt, node, "clock-frequency", 24000000));
    FDT_TRY(fdt_setprop_string(fdt, node, "clock-output-names",
                               "clk24mhz"));
    FDT_TRY(fdt_setprop_u32(fdt, node, "phandle", PHANDLE_CLK));
    return 0;
}

/* KEY_POWER on the PL061 line the board's powerdown presses */
static int add_power_button(void *fdt)
{
    int keys = fdt_add_subnode(fdt, 0, "gpio-keys");
    FDT_TRY(keys);
    FDT_TRY(fdt_setprop_string(fdt, keys, "compatible", "gpio-keys"));
    int key = fdt_add_subnode(fdt, keys, "poweroff");
    FDT_TRY(key);
    FDT_TRY(fdt_setprop_string(fdt, key, "label", "GPIO Key Poweroff"));
    FDT_TRY(fdt_setprop_u32(fdt, key, "linux,code", 116));
    fdt32_t gpios[3] = { cpu_to_fdt32(PHANDLE_GPIO),
                         cpu_to_fdt32(VIRT_POWER_BUTTON_LINE),
                         cpu_to_fdt32(0) };
    return fdt_setprop(fdt, key, "gpios", gpios, sizeof(gpios));
}

static int add_root_props(void *fdt)
{
    FDT_TRY(fdt_setprop_string(fdt, 0, "compatible", "linux,dummy-virt"));
    FDT_TRY(fdt_setprop_string(fdt, 0, "model", "mimic virt"));
    FDT_TRY(fdt_setprop_u32(fdt, 0, "#address-cells", 2));
    FDT_TRY(fdt_setprop_u32(fdt, 0, "#size-cells", 2));
    return fdt_setprop_u32(fdt, 0, "interrupt-parent", PHANDLE_GIC);
}

static int add_devices(VirtMachine *m, void *fdt, const DeviceFdtCtx *ctx)
{
    if (m->fb) {
        FDT_TRY(framebuffer_fdt_add(m->fb, fdt));
    }
    for (int i = VIRT_MMIO_SLOTS - 1; i >= 0; i--) {
        FDT_TRY(virtio_mmio_fdt_add(m->mmio[i], fdt, ctx));
    }
    FDT_TRY(add_power_button(fdt));
    FDT_TRY(pl061_fdt_add(m->gpio, fdt, ctx, PHANDLE_GPIO));
    FDT_TRY(pl031_fdt_add(m->rtc, fdt, ctx));
    return pl011_fdt_add(m->uart, fdt, ctx);
}

static int build(VirtMachine *m, void *fdt)
{
    DeviceFdtCtx ctx = { .apb_pclk = PHANDLE_CLK, .set_irq = set_irq_cb,
                         .opaque = m };
    FDT_TRY(add_root_props(fdt));
    int uart = add_devices(m, fdt, &ctx);
    FDT_TRY(uart);
    char stdout_path[64];
    FDT_TRY(fdt_get_path(fdt, uart, stdout_path, sizeof(stdout_path)));
    FDT_TRY(gic_fdt_add(m->gic, fdt, PHANDLE_GIC));
    FDT_TRY(add_clock(fdt));
    FDT_TRY(add_timer(m, fdt));
    FDT_TRY(add_psci(m, fdt));
    FDT_TRY(add_cpus(m, fdt));
    FDT_TRY(dtb_set_memory(fdt, VIRT_RAM, m->cfg.ram_size));
    int chosen = fdt_add_subnode(fdt, 0, "chosen");
    FDT_TRY(chosen);
    return fdt_setprop_string(fdt, chosen, "stdout-path", stdout_path);
}

void *virt_build_fdt(VirtMachine *m, char *err, size_t errlen)
{
    void *fdt = dtb_create(FDT_SIZE);
    if (!fdt) {
        snprintf(err, errlen, "out of memory for the device tree");
        return NULL;
    }
    int r = build(m, fdt);
    if (r < 0) {
        snprintf(err, errlen, "building the device tree: %s",
                 fdt_strerror(r));
        free(fdt);
        return NULL;
    }
    return fdt;
}
