/* SPDX-License-Identifier: MIT */
/*
 * The monitor's info subcommands: version, status, registers, cpus,
 * mtree (the physical memory map), qtree (the board's devices with their
 * addresses and interrupts) and display.
 */
#include <inttypes.h>
#include <string.h>
#include "config.h"
#include "monitor-int.h"

static void info_version(Monitor *mon, FILE *out, char *args)
{
    fprintf(out, "mimic %s\n", MIMIC_VERSION);
}

static void info_status(Monitor *mon, FILE *out, char *args)
{
    fprintf(out, "VM status: %s\n", virt_state_name(mon->env.m));
}

static const char *no_cpu_state =
    "the system-mode CPU does not provide its state to the monitor";

static void info_registers(Monitor *mon, FILE *out, char *args)
{
    void (*dump)(void *, FILE *, int) = MON_HOOK(mon, dump_cpu);
    if (!dump) {
        fprintf(out, "info registers: not available (%s)\n", no_cpu_state);
        return;
    }
    if (!strcmp(args, "-a")) {
        for (int i = 0; i < mon->env.m->cfg.smp; i++) {
            fprintf(out, "CPU#%d\n", i);
            dump(MON_HOOK_OPAQUE(mon), out, i);
        }
    } else if (*args) {
        fprintf(out, "info registers: unknown option '%s' (-a for every "
                "CPU)\n", args);
    } else {
        dump(MON_HOOK_OPAQUE(mon), out, mon->cpu);
    }
}

static void info_cpus(Monitor *mon, FILE *out, char *args)
{
    bool (*get)(void *, int, VirtCPUInfo *) = MON_HOOK(mon, cpu_info);
    for (int i = 0; i < mon->env.m->cfg.smp; i++) {
        VirtCPUInfo ci;
        fprintf(out, "%c CPU #%d:", i == mon->cpu ? '*' : ' ', i);
        if (!get || !get(MON_HOOK_OPAQUE(mon), i, &ci)) {
            fprintf(out, " %s (state not available)\n",
                    mon->env.m->cfg.cpu_model);
            continue;
        }
        fprintf(out, " pc=0x%016" PRIx64 " EL%d %s\n", ci.pc, ci.el,
                !ci.on ? "(off)" : ci.halted ? "(halted)" : "");
    }
}

static void info_mtree(Monitor *mon, FILE *out, char *args)
{
    address_space_dump(mon->env.m->as, out);
}

static void qtree_irq(FILE *out, int spi)
{
    fprintf(out, ", irq SPI %d (INTID %d)", spi, spi + 32);
}

static const char *virtio_status_name(uint32_t st)
{
    if (st & VIRTIO_STATUS_FAILED) {
        return "failed";
    }
    if (st & VIRTIO_STATUS_NEEDS_RESET) {
        return "needs reset";
    }
    if (st & VIRTIO_STATUS_DRIVER_OK) {
        return "driver ok";
    }
    return st ? "initialising" : "no driver";
}

static void qtree_virtio(VirtMachine *m, FILE *out)
{
    int empty = 0;
    for (int i = 0; i < VIRT_MMIO_SLOTS; i++) {
        VirtIODevice *vdev = m->mmio[i] ? virtio_mmio_device(m->mmio[i])
                                        : NULL;
        if (!vdev) {
            empty++;
            continue;
        }
        fprintf(out, "  dev: virtio-mmio@%08llx, version 2",
                (unsigned long long)(VIRT_MMIO + 0x200ull * i));
        qtree_irq(out, VIRT_SPI_MMIO + i);
        fprintf(out, "\n    virtio-%s (device id %u), status 0x%02x "
                "(%s)\n", vdev->cls->name, vdev->cls->device_id,
                vdev->status, virtio_status_name(vdev->status));
    }
    if (empty) {
        fprintf(out, "  (%d empty virtio-mmio slots)\n", empty);
    }
}

static void info_qtree(Monitor *mon, FILE *out, char *args)
{
    VirtMachine *m = mon->env.m;
    int gv = gic_version(m->gic);
    fprintf(out, "machine: virt, %d x %s, %llu MB RAM at 0x%llx\n",
            m->cfg.smp, m->cfg.cpu_model,
            (unsigned long long)(m->cfg.ram_size >> 20),
            (unsigned long long)VIRT_RAM);
    fprintf(out, "  dev: gic-v%d, distributor 0x%08llx", gv,
            (unsigned long long)VIRT_GIC_DIST);
    if (gv == 2) {
        fprintf(out, ", cpu interface 0x%08llx\n",
                (unsigned long long)VIRT_GIC_CPU);
    } else {
        fprintf(out, ", redistributors 0x%08llx (%d x 128 KB)\n",
                (unsigned long long)VIRT_GIC_REDIST, m->cfg.smp);
    }
    fprintf(out, "  dev: pl011@%08llx", (unsigned long long)VIRT_UART);
    qtree_irq(out, VIRT_SPI_UART);
    fprintf(out, "\n  dev: pl031@%08llx", (unsigned long long)VIRT_RTC);
    qtree_irq(out, VIRT_SPI_RTC);
    fprintf(out, "\n  dev: pl061@%08llx", (unsigned long long)VIRT_GPIO);
    qtree_irq(out, VIRT_SPI_GPIO);
    fprintf(out, "\n    gpio-keys power button on line %d\n",
            VIRT_POWER_BUTTON_LINE);
    if (m->fb) {
        fprintf(out, "  dev: simple-framebuffer@%08llx, %ux%u a8r8g8b8, "
                "%llu KB\n", (unsigned long long)m->fb->base, m->fb->width,
                m->fb->height, (unsigned long long)(m->fb->size >> 10));
    }
    qtree_virtio(m, out);
}

static void info_display(Monitor *mon, FILE *out, char *args)
{
    DisplaySurface s;
    if (!mon->env.display || !display_surface(mon->env.display, &s)) {
        fprintf(out, "no display\n");
        return;
    }
    fprintf(out, "%s: %ux%u\n", display_source_name(mon->env.display),
            s.width, s.height);
}

typedef struct InfoCmd {
    const char *name, *help;
    void (*fn)(Monitor *mon, FILE *out, char *args);
} InfoCmd;

static const InfoCmd info_cmds[] = {
    { "version", "mimic's version", info_version },
    { "status", "running, paused or powered off", info_status },
    { "registers", "the current CPU's registers (-a: every CPU)",
      info_registers },
    { "cpus", "each CPU's pc, exception level and state", info_cpus },
    { "mtree", "the physical memory map", info_mtree },
    { "qtree", "the devices, their addresses and interrupts", info_qtree },
    { "display", "the display source and its size", info_display },
    { NULL, NULL, NULL },
};

void monitor_info_help(FILE *out)
{
    for (const InfoCmd *c = info_cmds; c->name; c++) {
        char head[40];
        snprintf(head, sizeof(head), "info %s", c->name);
        fprintf(out, "%-28s -- %s\n", head, c->help);
    }
}

void monitor_cmd_info(Monitor *mon, FILE *out, char *args)
{
    size_t n = strcspn(args, " \t");
    char *rest = args + n;
    while (*rest == ' ' || *rest == '\t') {
        rest++;
    }
    if (n == 0) {
        monitor_info_help(out);
        return;
    }
    for (const InfoCmd *c = info_cmds; c->name; c++) {
        if (strlen(c->name) == n && !strncmp(c->name, args, n)) {
            c->fn(mon, out, rest);
            return;
        }
    }
    fprintf(out, "info: unknown subcommand '%.*s' (info alone lists them)\n",
            (int)n, args);
}
