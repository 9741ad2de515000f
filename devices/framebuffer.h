/* SPDX-License-Identifier: MIT */
/*
 * A linear framebuffer the guest finds through a "simple-framebuffer"
 * device-tree node: plain RAM outside the /memory node, 32 bits per pixel
 * in the a8r8g8b8 format (a little-endian 0xAARRGGBB word per pixel).
 * The display front end reads the pixels directly.
 */
#ifndef DEVICES_FRAMEBUFFER_H
#define DEVICES_FRAMEBUFFER_H

#include <stdint.h>
#include "system/memory.h"

typedef struct FrameBuffer {
    AddressSpace *as;
    MemoryRegion *mr;
    uint64_t base, size;
    uint32_t width, height, stride;
    uint8_t *pixels;
} FrameBuffer;

FrameBuffer *framebuffer_create(AddressSpace *as, uint64_t base,
                                uint32_t width, uint32_t height);
void framebuffer_free(FrameBuffer *fb);
/* Clears the picture (board reset). */
void framebuffer_reset(FrameBuffer *fb);
int framebuffer_fdt_add(FrameBuffer *fb, void *fdt);

#endif
