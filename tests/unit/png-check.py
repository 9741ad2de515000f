#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks mimic's PNG writer (frontends/png.c) with an independent decoder:
runs png-write, then parses each file's chunks (lengths, CRCs, order),
inflates the IDAT stream with Python's zlib, undoes the scanline filters
and compares every pixel with the pattern png-write drew.

usage: png-check.py PNG_WRITE_BINARY
"""
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def chunks(data):
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'bad signature'
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack('>I', data[pos:pos + 4])
        ctype = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(ctype + body) == crc, f'bad CRC in {ctype}'
        yield ctype, body
        pos += 12 + length


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode(path):
    data = open(path, 'rb').read()
    got = list(chunks(data))
    types = [t for t, _ in got]
    assert types[0] == b'IHDR' and types[-1] == b'IEND', types
    w, h, depth, ctype, comp, filt, inter = struct.unpack('>IIBBBBB',
                                                          got[0][1])
    assert (depth, ctype, comp, filt, inter) == (8, 2, 0, 0, 0)
    raw = zlib.decompress(b''.join(b for t, b in got if t == b'IDAT'))
    row = 3 * w
    assert len(raw) == h * (row + 1), 'wrong amount of image data'
    rows, prev = [], bytearray(row)
    for y in range(h):
        ft = raw[y * (row + 1)]
        line = bytearray(raw[y * (row + 1) + 1:(y + 1) * (row + 1)])
        for i in range(row):
            a = line[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ft]
            line[i] = (line[i] + pred) & 0xff
        rows.append(line)
        prev = line
    return w, h, rows


def check(path, w_want, h_want):
    w, h, rows = decode(path)
    assert (w, h) == (w_want, h_want), f'{path}: size {w}x{h}'
    for y in range(h):
        for x in range(w):
            want = ((x * 7 + y) & 0xff, ((y * 13) ^ x) & 0xff, (x * y) & 0xff)
            got = tuple(rows[y][3 * x:3 * x + 3])
            assert got == want, f'{path}: pixel ({x},{y}) {got} != {want}'
    print(f'{os.path.basename(path)}: {w}x{h}, every pixel right')


def main():
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.argv[1], d], check=True)
        check(os.path.join(d, 'pattern.png'), 37, 23)
        check(os.path.join(d, 'wide.png'), 1024, 768)
    return 0


if __name__ == '__main__':
    sys.exit(main())
