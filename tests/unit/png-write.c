/* SPDX-License-Identifier: MIT */
/*
 * Writes test pictures with the screendump PNG writer, for png-check.py
 * to decode independently: png-write DIR writes DIR/pattern.png (37x23,
 * rows padded to test the stride) and DIR/wide.png (1024x768).
 */
#include <stdio.h>
#include <stdlib.h>
#include "frontends/png.h"

static int write_pattern(const char *dir, const char *name, uint32_t w,
                         uint32_t h, uint32_t pad)
{
    uint32_t stride = 4 * w + pad;
    uint8_t *px = malloc((size_t)stride * h);
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            uint8_t *p = px + (size_t)y * stride + 4 * x;
            p[0] = (uint8_t)(x * y);            /* B */
            p[1] = (uint8_t)((y * 13) ^ x);     /* G */
            p[2] = (uint8_t)(x * 7 + y);        /* R */
            p[3] = 0x5a;                        /* X: ignored */
        }
    }
    char path[4096], err[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    bool ok = png_write_xrgb(path, px, w, h, stride, err, sizeof(err));
    free(px);
    if (!ok) {
        fprintf(stderr, "png-write: %s\n", err);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char err[256];
    if (argc != 2) {
        fprintf(stderr, "usage: png-write DIR\n");
        return 2;
    }
    /* an empty picture and an unwritable path are errors, not crashes */
    if (png_write_xrgb("/nonexistent/x.png", (const uint8_t *)"\0\0\0\0", 1,
                       1, 4, err, sizeof(err)) ||
        png_write_xrgb("x.png", NULL, 0, 0, 0, err, sizeof(err))) {
        fprintf(stderr, "png-write: an impossible write succeeded\n");
        return 1;
    }
    return write_pattern(argv[1], "pattern.png", 37, 23, 12) ||
           write_pattern(argv[1], "wide.png", 1024, 768, 0);
}
