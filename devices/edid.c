/* SPDX-License-Identifier: MIT */
/*
 * EDID 1.4 base block (VESA E-EDID Release A2, section 3): header,
 * vendor/product, basic display parameters, sRGB chromaticity, one
 * detailed timing descriptor for the preferred mode (reduced blanking in
 * the style of CVT-RB), the monitor name, and the checksum.
 */
#include <string.h>
#include "edid.h"

#define EDID_DPI 96             /* for the physical size fields */
#define EDID_HBLANK 160         /* CVT reduced blanking */
#define EDID_HFRONT 48
#define EDID_HSYNC 32
#define EDID_VFRONT 3
#define EDID_VSYNC 6
#define EDID_VBLANK_MIN 23

/* 3.4: chromaticity as 10-bit binary fractions */
static uint16_t chroma(double v)
{
    return (uint16_t)(v * 1024 + 0.5);
}

static void set_chromaticity(uint8_t *p)
{
    /* sRGB (IEC 61966-2-1) primaries and D65 white point */
    uint16_t rx = chroma(0.640), ry = chroma(0.330);
    uint16_t gx = chroma(0.300), gy = chroma(0.600);
    uint16_t bx = chroma(0.150), by = chroma(0.060);
    uint16_t wx = chroma(0.3127), wy = chroma(0.3290);
    p[0] = (uint8_t)((rx & 3) << 6 | (ry & 3) << 4 | (gx & 3) << 2 |
                     (gy & 3));
    p[1] = (uint8_t)((bx & 3) << 6 | (by & 3) << 4 | (wx & 3) << 2 |
                     (wy & 3));
    p[2] = (uint8_t)(rx >> 2);
    p[3] = (uint8_t)(ry >> 2);
    p[4] = (uint8_t)(gx >> 2);
    p[5] = (uint8_t)(gy >> 2);
    p[6] = (uint8_t)(bx >> 2);
    p[7] = (uint8_t)(by >> 2);
    p[8] = (uint8_t)(wx >> 2);
    p[9] = (uint8_t)(wy >> 2);
}

/* 3.10.2: an 18-byte detailed timing descriptor */
static void set_timing(uint8_t *d, uint32_t w, uint32_t h)
{
    uint32_t hblank = EDID_HBLANK;
    uint32_t vblank = h / 20 > EDID_VBLANK_MIN ? h / 20 : EDID_VBLANK_MIN;
    uint64_t clock = (uint64_t)(w + hblank) * (h + vblank) * 60 / 10000;
    uint32_t wmm = w * 254 / (EDID_DPI * 10), hmm = h * 254 / (EDID_DPI * 10);
    if (clock > 0xffff) {
        clock = 0xffff;     /* a lower refresh rate; the size is right */
    }
    if (clock == 0) {
        clock = 1;
    }
    d[0] = (uint8_t)clock;
    d[1] = (uint8_t)(clock >> 8);
    d[2] = (uint8_t)w;
    d[3] = (uint8_t)hblank;
    d[4] = (uint8_t)((w >> 8 & 0xf) << 4 | (hblank >> 8 & 0xf));
    d[5] = (uint8_t)h;
    d[6] = (uint8_t)vblank;
    d[7] = (uint8_t)((h >> 8 & 0xf) << 4 | (vblank >> 8 & 0xf));
    d[8] = EDID_HFRONT;
    d[9] = EDID_HSYNC;
    d[10] = (uint8_t)(EDID_VFRONT << 4 | EDID_VSYNC);
    d[11] = 0;
    d[12] = (uint8_t)wmm;
    d[13] = (uint8_t)hmm;
    d[14] = (uint8_t)((wmm >> 8 & 0xf) << 4 | (hmm >> 8 & 0xf));
    d[15] = d[16] = 0;
    /* digital separate sync, +hsync -vsync as CVT-RB uses */
    d[17] = 0x18 | 0x02;
}

/* 3.10.3: a display descriptor with tag and up to 13 bytes of text */
static void set_text(uint8_t *d, uint8_t tag, const char *text)
{
    memset(d, 0, 18);
    d[3] = tag;
    size_t n = strlen(text);
    memset(d + 5, ' ', 13);
    memcpy(d + 5, text, n);
    if (n < 13) {
        d[5 + n] = '\n';
    }
}

void edid_build(uint8_t out[128], uint32_t width, uint32_t height)
{
    static const uint8_t header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff,
                                       0xff, 0 };
    /* the 12-bit fields of the timing descriptor */
    uint32_t w = width > 4095 ? 4095 : width;
    uint32_t h = height > 4095 ? 4095 : height;
    memset(out, 0, 128);
    memcpy(out, header, 8);
    /* 3.4: manufacturer "MIM" in 5-bit letters, big-endian */
    uint16_t mfg = (uint16_t)(('M' - '@') << 10 | ('I' - '@') << 5 |
                              ('M' - '@'));
    out[8] = (uint8_t)(mfg >> 8);
    out[9] = (uint8_t)mfg;
    out[10] = 1;                /* product code */
    out[16] = 1;                /* week */
    out[17] = 2024 - 1990;      /* year */
    out[18] = 1;                /* EDID 1.4 */
    out[19] = 4;
    out[20] = 0x80 | 0x20 | 0x05;   /* digital, 8 bits/colour, DisplayPort */
    out[21] = (uint8_t)((w * 254 / (EDID_DPI * 10) + 5) / 10);   /* cm */
    out[22] = (uint8_t)((h * 254 / (EDID_DPI * 10) + 5) / 10);
    out[23] = 120;              /* gamma 2.2 */
    out[24] = 0x06;             /* sRGB default, preferred mode is native */
    set_chromaticity(out + 25);
    for (int i = 38; i < 54; i++) {
        out[i] = 1;             /* no standard timings */
    }
    set_timing(out + 54, w, h);
    set_text(out + 72, 0xfc, "mimic");
    out[90 + 3] = 0x10;         /* two dummy descriptors (all zero) */
    out[108 + 3] = 0x10;
    uint8_t sum = 0;
    for (int i = 0; i < 127; i++) {
        sum = (uint8_t)(sum + out[i]);
    }
    out[127] = (uint8_t)(0x100 - sum);
}
