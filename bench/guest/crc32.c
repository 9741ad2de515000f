/* SPDX-License-Identifier: MIT */
/*
 * CRC-32 benchmark: a bit-at-a-time loop (shift, test, conditional xor:
 * flags feeding branches and selects) and a table-driven loop (byte loads,
 * indexed loads, xors) over a pseudo-random buffer, n passes.
 */
#include "rt.h"

static uint8_t buf[16384];
static uint32_t table[256];

static uint32_t crc_bitwise(const uint8_t *p, size_t len, uint32_t crc)
{
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
        }
    }
    return ~crc;
}

static uint32_t crc_table(const uint8_t *p, size_t len, uint32_t crc)
{
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

static int bench_main(long n)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = (uint8_t)rt_rand();
    }
    uint32_t a = 0, b = 0;
    for (long r = 0; r < n; r++) {
        a = crc_bitwise(buf, sizeof(buf), a);
        b = crc_table(buf, sizeof(buf), b);
        b = crc_table(buf, sizeof(buf), b);
    }
    rt_show("crc-bitwise", a);
    rt_show("crc-table", b);
    return 0;
}
