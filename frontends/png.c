/* SPDX-License-Identifier: MIT */
/*
 * PNG writer (PNG specification, ISO/IEC 15948 / W3C PNG 2nd edition):
 * the signature, then chunks of length, type, data and a CRC-32 over
 * type and data; IHDR (5.x/11.2.2), one IDAT holding the zlib stream of
 * the filtered scanlines (9, 10), IEND.  Each scanline uses filter type
 * 1 (Sub), which suits flat areas and console text well.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "png.h"

static void put32be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static bool write_chunk(FILE *f, const char *type, const uint8_t *data,
                        size_t len)
{
    uint8_t hdr[8], crc[4];
    put32be(hdr, (uint32_t)len);
    memcpy(hdr + 4, type, 4);
    uLong c = crc32(0, hdr + 4, 4);
    if (len) {
        c = crc32(c, data, (uInt)len);
    }
    put32be(crc, (uint32_t)c);
    return fwrite(hdr, 1, 8, f) == 8 &&
           (len == 0 || fwrite(data, 1, len, f) == len) &&
           fwrite(crc, 1, 4, f) == 4;
}

/* The filtered image: per row a filter byte, then Sub-filtered RGB. */
static uint8_t *filter_rows(const uint8_t *pixels, uint32_t w, uint32_t h,
                            uint32_t stride, size_t *len)
{
    size_t row = 1 + 3ull * w;
    uint8_t *raw = malloc(row * h);
    if (!raw) {
        return NULL;
    }
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *src = pixels + (size_t)y * stride;
        uint8_t *dst = raw + row * y;
        uint8_t prev[3] = { 0, 0, 0 };
        dst[0] = 1;     /* Sub: each byte minus the one 3 bytes left */
        for (uint32_t x = 0; x < w; x++) {
            uint8_t rgb[3] = { src[4 * x + 2], src[4 * x + 1], src[4 * x] };
            for (int k = 0; k < 3; k++) {
                dst[1 + 3 * x + k] = (uint8_t)(rgb[k] - prev[k]);
                prev[k] = rgb[k];
            }
        }
    }
    *len = row * h;
    return raw;
}

bool png_write_xrgb(const char *path, const uint8_t *pixels, uint32_t width,
                    uint32_t height, uint32_t stride, char *err,
                    size_t errlen)
{
    static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
                                    '\n' };
    if (!width || !height || width > 0x7fffffff / 4) {
        snprintf(err, errlen, "no picture to write (%ux%u)", width, height);
        return false;
    }
    size_t raw_len = 0;
    uint8_t *raw = filter_rows(pixels, width, height, stride, &raw_len);
    uLongf zlen = compressBound((uLong)raw_len);
    uint8_t *z = raw ? malloc(zlen) : NULL;
    if (!z || compress2(z, &zlen, raw, (uLong)raw_len, 6) != Z_OK) {
        snprintf(err, errlen, "out of memory compressing the picture");
        free(raw);
        free(z);
        return false;
    }
    free(raw);
    uint8_t ihdr[13];
    put32be(ihdr, width);
    put32be(ihdr + 4, height);
    ihdr[8] = 8;        /* bits per sample */
    ihdr[9] = 2;        /* colour type: truecolour (RGB) */
    ihdr[10] = 0;       /* deflate */
    ihdr[11] = 0;       /* adaptive filtering */
    ihdr[12] = 0;       /* no interlace */
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        free(z);
        return false;
    }
    bool ok = fwrite(sig, 1, 8, f) == 8 &&
              write_chunk(f, "IHDR", ihdr, sizeof(ihdr)) &&
              write_chunk(f, "IDAT", z, zlen) &&
              write_chunk(f, "IEND", NULL, 0);
    free(z);
    if (fclose(f) != 0) {
        ok = false;
    }
    if (!ok) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    }
    return ok;
}
