# SPDX-License-Identifier: MIT
"""Reads the PNG pictures mimic's screendump writes (8-bit RGB; every
filter type) and Xvfb's screen dump (-fbdir: an XWD file), for the
display tests.  Pictures come back as (width, height, rows) with rows of
bytes R, G, B per pixel."""
import struct
import zlib


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', f'{path}: not a PNG'
    pos, idat, ihdr = 8, b'', None
    while pos < len(data):
        (n,) = struct.unpack('>I', data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])
        assert zlib.crc32(kind + body) == crc, f'{path}: bad CRC'
        if kind == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, ctype = ihdr[:4]
    assert (depth, ctype) == (8, 2), f'{path}: not 8-bit RGB'
    raw = zlib.decompress(idat)
    stride, rows, prev = 3 * w, [], bytearray(3 * w)
    for y in range(h):
        base = y * (stride + 1)
        ft, line = raw[base], bytearray(raw[base + 1:base + 1 + stride])
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            c = prev[i - 3] if i >= 3 else 0
            line[i] = (line[i] + [0, a, prev[i], (a + prev[i]) // 2,
                                  _paeth(a, prev[i], c)][ft]) & 0xff
        rows.append(bytes(line))
        prev = line
    return w, h, rows


def read_xwd(path):
    """Xvfb's -fbdir screen file: an XWD header, colormap, then pixels
    (TrueColor, 32 bits per pixel)."""
    data = open(path, 'rb').read()
    f = struct.unpack('>25I', data[:100])
    hsize, w, h = f[0], f[4], f[5]
    byte_order, bpp, bpl = f[7], f[11], f[12]
    masks, ncolors = f[14:17], f[19]
    assert bpp == 32, f'{path}: {bpp} bits per pixel'
    pix = hsize + 12 * ncolors
    endian = '<' if byte_order == 0 else '>'
    shifts = [(m & -m).bit_length() - 1 for m in masks]
    rows = []
    for y in range(h):
        words = struct.unpack(f'{endian}{w}I',
                              data[pix + y * bpl:pix + y * bpl + 4 * w])
        line = bytearray()
        for v in words:
            line += bytes(((v & m) >> s) & 0xff
                          for m, s in zip(masks, shifts))
        rows.append(bytes(line))
    return w, h, rows


def count_colours(rows, background=None):
    """Distinct colours, and pixels unlike the background (default: the
    most common colour)."""
    hist = {}
    for r in rows:
        for i in range(0, len(r), 3):
            px = r[i:i + 3]
            hist[px] = hist.get(px, 0) + 1
    if background is None:
        background = max(hist, key=hist.get)
    total = sum(hist.values())
    return len(hist), total - hist.get(background, 0)
