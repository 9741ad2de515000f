/* SPDX-License-Identifier: MIT */
/*
 * A small PNG writer for the monitor's screendump: 8-bit RGB, no
 * interlacing, compressed with zlib.
 */
#ifndef FRONTENDS_PNG_H
#define FRONTENDS_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes an x8r8g8b8 picture (little-endian 0xXXRRGGBB words, `stride`
 * bytes per row) to path.  false with a reason in err. */
bool png_write_xrgb(const char *path, const uint8_t *pixels, uint32_t width,
                    uint32_t height, uint32_t stride, char *err,
                    size_t errlen);

#endif
