/* SPDX-License-Identifier: MIT */
/*
 * The 'virt' board: a machine in the style of QEMU's -M virt, with the
 * memory map Linux and existing device trees expect.
 *
 *   0x0800_0000  GIC distributor            (64 KB)
 *   0x0801_0000  GICv2 CPU interface        (64 KB)
 *   0x080a_0000  GICv3 redistributors       (128 KB per CPU, up to 123)
 *   0x0900_0000  PL011 UART                 SPI 1
 *   0x0901_0000  PL031 RTC                  SPI 2
 *   0x0903_0000  PL061 GPIO (power button)  SPI 7
 *   0x0a00_0000  32 virtio-mmio slots, 0x200 apart, SPIs 16..47
 *   0x1000_0000  framebuffer (optional, simple-framebuffer)
 *   0x4000_0000  RAM (-m)
 *
 * The board owns the address space, the devices, the device tree and the
 * boot images.  The CPU side (cpu/arm64 system mode) plugs in through:
 *   - virt->as: the physical address space (TLB fills, MMIO slow path);
 *   - gic_connect_cpu(virt->gic, ...) and, on GICv3, gicv3_icc_read/write;
 *   - virt_timer_irq(): the generic timer's PPI lines per CPU;
 *   - virt->mpidr[], virt->boot, virt->psci_conduit;
 *   - virt_request(): PSCI SYSTEM_OFF / SYSTEM_RESET;
 *   - virt->ml: main_loop_wait between time slices and while all vCPUs wait;
 *     the generic timer should count ML_CLOCK_VIRTUAL (main_loop_clock_ns)
 *     and arm ML_CLOCK_VIRTUAL timers, so that it stops with the RTC when
 *     the machine is paused.
 * Devices are not thread-safe: MMIO accesses, main_loop_wait and the GIC
 * functions must come from one thread at a time (today the single vCPU
 * thread; a multi-threaded CPU side needs one lock around them).
 */
#ifndef SYSTEM_VIRT_H
#define SYSTEM_VIRT_H

#include <stdbool.h>
#include <stdint.h>
#include "devices/framebuffer.h"
#include "devices/gic.h"
#include "devices/pl011.h"
#include "devices/pl031.h"
#include "devices/pl061.h"
#include "devices/virtio-mmio.h"
#include "loaders/kernel.h"
#include "loaders/linux-boot.h"
#include "system/chardev.h"
#include "system/main-loop.h"
#include "system/memory.h"

#define VIRT_GIC_DIST 0x08000000ull
#define VIRT_GIC_CPU 0x08010000ull
#define VIRT_GIC_REDIST 0x080a0000ull
#define VIRT_GIC_REDIST_MAX 0x00f60000ull
#define VIRT_UART 0x09000000ull
#define VIRT_RTC 0x09010000ull
#define VIRT_GPIO 0x09030000ull
#define VIRT_MMIO 0x0a000000ull
#define VIRT_MMIO_SLOTS 32
#define VIRT_FB 0x10000000ull
#define VIRT_RAM 0x40000000ull
#define VIRT_RAM_MAX (255ull << 30)

/* SPI numbers (INTID - 32) */
#define VIRT_SPI_UART 1
#define VIRT_SPI_RTC 2
#define VIRT_SPI_GPIO 7
#define VIRT_SPI_MMIO 16
#define VIRT_NUM_IRQS 288           /* 32 internal + 256 SPIs */

#define VIRT_MAX_CPUS 123           /* redistributor space */
#define VIRT_POWER_BUTTON_LINE 3    /* PL061 line of the gpio-keys button */

/* Generic timer PPIs (ppi number, INTID - 16), as in the "arm,armv8-timer"
 * node: secure physical, non-secure physical, virtual, hypervisor. */
typedef enum VirtTimer {
    VIRT_TIMER_PHYS_S = 13,
    VIRT_TIMER_PHYS_NS = 14,
    VIRT_TIMER_VIRT = 11,
    VIRT_TIMER_HYP = 10,
} VirtTimer;

typedef enum VirtRequest {
    VIRT_REQ_NONE,
    VIRT_REQ_POWEROFF,      /* PSCI SYSTEM_OFF */
    VIRT_REQ_RESET,         /* PSCI SYSTEM_RESET */
    VIRT_REQ_QUIT,          /* Ctrl-A x, monitor quit: leave now */
} VirtRequest;

typedef struct VirtConfig {
    MainLoop *ml;
    uint64_t ram_size;
    int smp;
    int gic_version;            /* 2 or 3 */
    const char *cpu_model;      /* cortex-a57, cortex-a72, max */
    bool psci_smc;              /* conduit: smc instead of hvc */
    Chardev *serial;            /* PL011 backend (NULL: none) */
    bool framebuffer;
    uint32_t fb_width, fb_height;
    /* boot */
    const char *kernel, *initrd, *append, *dtb_file;
} VirtConfig;

typedef struct VirtMachine {
    VirtConfig cfg;
    MainLoop *ml;
    AddressSpace *as;
    MemoryRegion *ram;
    GICState *gic;
    PL011 *uart;
    PL031 *rtc;
    PL061 *gpio;
    FrameBuffer *fb;
    VirtIOMMIO *mmio[VIRT_MMIO_SLOTS];
    MLTimer *button_timer;
    uint64_t mpidr[VIRT_MAX_CPUS];  /* MPIDR_EL1 affinity fields per CPU */
    const char *psci_conduit;       /* "hvc" or "smc" */
    /* boot images, kept for resets */
    KernelImage kernel;
    bool have_kernel;
    uint8_t *initrd;
    size_t initrd_size;
    void *fdt;                      /* the packed DTB given to the guest */
    BootLayout boot;                /* entry and x0..x3 of CPU 0 */
    /* run control */
    volatile int request;           /* VirtRequest */
    void (*kick)(void *opaque);     /* set by the CPU side: leave the
                                       guest now (exit_request) */
    void *kick_opaque;
} VirtMachine;

/* Builds the board: RAM and every device.  NULL with a reason on error. */
VirtMachine *virt_create(const VirtConfig *cfg, char *err, size_t errlen);
void virt_free(VirtMachine *m);

/* Puts a virtio device in the lowest free slot. */
bool virt_add_virtio(VirtMachine *m, VirtIODevice *vdev, char *err,
                     size_t errlen);

/* Generates the device tree (or loads -dtb), loads kernel, initrd and DTB
 * into RAM and fills m->boot.  Call after every device is added. */
bool virt_load(VirtMachine *m, char *err, size_t errlen);
/* -M virt,dumpdtb=FILE: the DTB as the guest would get it. */
bool virt_dump_dtb(VirtMachine *m, const char *path, char *err,
                   size_t errlen);

/* System reset: devices to their reset state, boot images copied again.
 * The CPU side resets the CPUs and starts CPU 0 at m->boot. */
void virt_reset(VirtMachine *m);

/* From PSCI, the monitor or the console: asks the run loop to stop. */
void virt_request(VirtMachine *m, VirtRequest req);
/* The pending request (and clears it). */
VirtRequest virt_take_request(VirtMachine *m);
/* Presses the power button (system_powerdown): the guest decides. */
void virt_powerdown(VirtMachine *m);

IRQLine virt_timer_irq(VirtMachine *m, int cpu, VirtTimer timer);
/* The device-tree compatible of a -cpu model, NULL if unknown. */
const char *virt_cpu_compatible(const char *model);

/* virt-fdt.c: builds the board's device tree into a new buffer. */
void *virt_build_fdt(VirtMachine *m, char *err, size_t errlen);

#endif
