/* SPDX-License-Identifier: MIT */
/*
 * simple-framebuffer (Linux binding
 * Documentation/devicetree/bindings/display/simple-framebuffer.yaml): the
 * memory is real and writable, so fbcon's first blit works, and it is not
 * part of /memory, so the kernel never uses it as RAM.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "framebuffer.h"
#include "system/devfdt.h"

FrameBuffer *framebuffer_create(AddressSpace *as, uint64_t base,
                                uint32_t width, uint32_t height)
{
    if (!width || !height || width > 8192 || height > 8192) {
        return NULL;
    }
    FrameBuffer *fb = calloc(1, sizeof(*fb));
    fb->as = as;
    fb->base = base;
    fb->width = width;
    fb->height = height;
    fb->stride = width * 4;
    fb->size = ((uint64_t)fb->stride * height + MEM_PAGE_SIZE - 1) &
               ~(MEM_PAGE_SIZE - 1);
    void *p = mmap(NULL, fb->size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        free(fb);
        return NULL;
    }
    fb->pixels = p;
    fb->mr = memory_map_host(as, "framebuffer", MR_RAM, base, fb->size, p);
    if (!fb->mr) {
        munmap(p, fb->size);
        free(fb);
        return NULL;
    }
    return fb;
}

void framebuffer_reset(FrameBuffer *fb)
{
    memset(fb->pixels, 0, fb->size);
}

void framebuffer_free(FrameBuffer *fb)
{
    if (fb) {
        memory_unmap(fb->as, fb->mr);
        munmap(fb->pixels, fb->size);
        free(fb);
    }
}

int framebuffer_fdt_add(FrameBuffer *fb, void *fdt)
{
    int node = devfdt_add_node(fdt, "framebuffer", fb->base);
    FDT_TRY(node);
    FDT_TRY(fdt_setprop_string(fdt, node, "compatible", "simple-framebuffer"));
    FDT_TRY(devfdt_set_reg(fdt, node, fb->base, fb->size));
    FDT_TRY(fdt_setprop_u32(fdt, node, "width", fb->width));
    FDT_TRY(fdt_setprop_u32(fdt, node, "height", fb->height));
    FDT_TRY(fdt_setprop_u32(fdt, node, "stride", fb->stride));
    FDT_TRY(fdt_setprop_string(fdt, node, "format", "a8r8g8b8"));
    return node;
}
