/* SPDX-License-Identifier: MIT */
/*
 * Where the pieces of a direct Linux boot go in guest RAM, and the
 * register values the primary CPU starts with (Linux arm64 boot protocol,
 * Documentation/arch/arm64/booting.rst):
 *
 *   kernel  RAM base (2 MB aligned) + text_offset, occupying image_size
 *   initrd  after the kernel, 2 MB aligned
 *   DTB     after the initrd in its own 2 MB aligned, 2 MB slot
 *   x0 = DTB address, x1 = x2 = x3 = 0, pc = kernel entry
 *
 * ELF kernels go where their program headers say; the initrd and DTB
 * then follow the highest segment if it is in RAM, else start at the
 * RAM base.
 */
#ifndef LOADERS_LINUX_BOOT_H
#define LOADERS_LINUX_BOOT_H

#include "kernel.h"

#define BOOT_DTB_MAX (2u << 20)     /* booting.rst: at most 2 megabytes */
#define BOOT_ALIGN (2u << 20)

typedef struct BootLayout {
    uint64_t kernel_base;   /* where Image offset 0 goes (Image only) */
    uint64_t kernel_end;
    uint64_t entry;
    uint64_t initrd_start, initrd_size;
    uint64_t dtb_addr;      /* 2 MB slot reserved from here */
    uint64_t regs[4];       /* x0..x3 */
} BootLayout;

/* initrd_size may be 0.  Fails when the pieces do not fit in RAM or an
 * ELF segment lies outside it. */
bool linux_boot_plan(const KernelImage *k, uint64_t ram_base,
                     uint64_t ram_size, uint64_t initrd_size,
                     BootLayout *out, char *err, size_t errlen);

#endif
