/* SPDX-License-Identifier: MIT */
/*
 * Boot layout (see linux-boot.h).
 */
#include <stdio.h>
#include <string.h>
#include "linux-boot.h"

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

bool linux_boot_plan(const KernelImage *k, uint64_t ram_base,
                     uint64_t ram_size, uint64_t initrd_size,
                     BootLayout *out, char *err, size_t errlen)
{
    uint64_t ram_end = ram_base + ram_size;
    memset(out, 0, sizeof(*out));
    uint64_t next;
    if (k->format == KERNEL_FORMAT_IMAGE) {
        /* "placed text_offset bytes from a 2MB aligned base address" */
        out->kernel_base = align_up(ram_base, BOOT_ALIGN) + k->text_offset;
        out->kernel_end = out->kernel_base + k->image_size;
        out->entry = out->kernel_base;
        if (out->kernel_end > ram_end) {
            snprintf(err, errlen, "the kernel (%llu MB) does not fit in RAM",
                     (unsigned long long)(k->image_size >> 20));
            return false;
        }
        next = out->kernel_end;
    } else {
        /* segments outside RAM are the board's business (ROM, or an
         * error when it copies them) */
        out->kernel_base = k->lo;
        out->kernel_end = k->hi;
        out->entry = k->entry;
        next = k->hi > ram_base && k->hi <= ram_end ? k->hi : ram_base;
    }
    out->initrd_start = align_up(next, BOOT_ALIGN);
    out->initrd_size = initrd_size;
    out->dtb_addr = align_up(out->initrd_start + initrd_size, BOOT_ALIGN);
    if (out->dtb_addr < out->initrd_start ||
        out->dtb_addr + BOOT_DTB_MAX > ram_end) {
        snprintf(err, errlen, "not enough RAM for the kernel, initrd and "
                 "device tree (give more with -m)");
        return false;
    }
    out->regs[0] = out->dtb_addr;
    return true;
}
