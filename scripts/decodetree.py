#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turns instruction pattern files into a C decoder.

Pattern file syntax (one pattern per line, '#' starts a comment):

    NAME  <pattern>  [field=LETTERS[:s]] [field=#N] ...

<pattern> is 32 characters, most significant bit first, optionally split by
spaces: '0'/'1' are fixed bits, '-' or '.' don't care, a letter marks a bit
of a field.  field=ab concatenates the bits of letters a then b (each in
pattern order, high to low); ':s' sign-extends; '#N' is a constant.  Letters
without an explicit field become a field named after the letter.

Two patterns that can match the same word are an error unless they sit in
one explicit group:

    {
      NAME1 ...      # tried first
      NAME2 ...      # tried if NAME1 does not match or its trans_ says no
    }

Each pattern calls `bool trans_NAME(DisasContext *s, arg_NAME *a)`; false
means UNDEF (or, inside a group, "try the next one").  Encodings not yet
implemented stay in the files as comments, so the gap is visible.

Usage: decodetree.py --prefix a64 --header out.h --output out.c files...
"""
import argparse
import re
import sys


class Pattern:
    def __init__(self, name, bits, fields, where):
        self.name, self.where = name, where
        self.mask = self.value = 0
        self.letters = {}
        for i, ch in enumerate(bits):
            pos = 31 - i
            if ch in '01':
                self.mask |= 1 << pos
                self.value |= int(ch) << pos
            elif ch in '-.':
                pass
            elif ch.isalpha():
                self.letters.setdefault(ch, []).append(pos)
            else:
                raise SyntaxError(f'{where}: bad pattern character {ch!r}')
        self.fields = []  # (name, [positions], signed, const)
        used = set()
        for f in fields:
            m = re.fullmatch(r'(\w+)=(#-?\d+|[A-Za-z]+)(:s)?', f)
            if not m:
                raise SyntaxError(f'{where}: bad field {f!r}')
            fname, spec, signed = m.group(1), m.group(2), bool(m.group(3))
            if spec.startswith('#'):
                self.fields.append((fname, [], False, int(spec[1:])))
                continue
            positions = []
            for ch in spec:
                if ch not in self.letters:
                    raise SyntaxError(f'{where}: letter {ch} not in pattern')
                positions += self.letters[ch]
                used.add(ch)
            self.fields.append((fname, positions, signed, None))
        for ch, pos in self.letters.items():
            if ch not in used:
                self.fields.append((ch, pos, False, None))

    def overlaps(self, other):
        common = self.mask & other.mask
        return (self.value & common) == (other.value & common)


def parse(paths):
    items = []  # Pattern or list of Pattern (a group)
    for path in paths:
        group = None
        with open(path) as f:
            for n, line in enumerate(f, 1):
                where = f'{path}:{n}'
                line = line.split('#', 1)[0].strip()
                if not line:
                    continue
                if line == '{':
                    if group is not None:
                        raise SyntaxError(f'{where}: nested group')
                    group = []
                    continue
                if line == '}':
                    if group is None:
                        raise SyntaxError(f'{where}: unmatched }}')
                    items.append(group)
                    group = None
                    continue
                toks = line.split()
                name, rest = toks[0], toks[1:]
                bits = ''.join(t for t in rest if '=' not in t)
                fields = [t for t in rest if '=' in t]
                if len(bits) != 32:
                    raise SyntaxError(f'{where}: pattern has {len(bits)} bits')
                p = Pattern(name, bits, fields, where)
                (group if group is not None else items).append(p)
        if group is not None:
            raise SyntaxError(f'{path}: unterminated group')
    return items


def check_overlaps(items):
    flat = []
    for gi, it in enumerate(items):
        for p in (it if isinstance(it, list) else [it]):
            flat.append((gi, p))
    names = {}
    for _, p in flat:
        if p.name in names:
            raise SyntaxError(f'{p.where}: duplicate name {p.name}')
        names[p.name] = p
    errors = []
    for i in range(len(flat)):
        for j in range(i + 1, len(flat)):
            (gi, a), (gj, b) = flat[i], flat[j]
            if gi != gj and a.overlaps(b):
                errors.append(f'{a.where}: {a.name} overlaps {b.name} '
                              f'({b.where}); put them in one group')
    if errors:
        raise SyntaxError('\n'.join(errors))


def field_expr(positions, signed):
    # gather runs of adjacent bits into shifts and masks
    runs = []
    for pos in positions:
        if runs and runs[-1][0] - 1 == pos:
            runs[-1][0] = pos
            runs[-1][2] += 1
        else:
            runs.append([pos, pos, 1])  # low, high, length
    total = sum(r[2] for r in runs)
    parts, shift = [], total
    for low, high, length in runs:
        shift -= length
        part = f'((insn >> {low}) & 0x{(1 << length) - 1:x}u)'
        parts.append(f'((uint64_t){part} << {shift})' if shift else
                     f'(uint64_t){part}')
    expr = ' | '.join(parts) if parts else '0'
    if signed:
        return f'(int64_t)(({expr}) << {64 - total}) >> {64 - total}'
    return f'(int64_t)({expr})'


def gen(items, prefix):
    hdr, src = [], []
    all_p = [p for it in items for p in (it if isinstance(it, list) else [it])]
    for p in all_p:
        members = ''.join(f'    int64_t {f[0]};\n' for f in p.fields)
        hdr.append(f'typedef struct arg_{p.name} {{\n{members}'
                   f'    char unused_;\n}} arg_{p.name};\n')
        hdr.append(f'bool trans_{p.name}(DisasContext *s, arg_{p.name} *a);\n')
    for p in all_p:
        src.append(f'static bool try_{p.name}(DisasContext *s, uint32_t insn)\n'
                   f'{{\n    arg_{p.name} a;\n')
        for fname, positions, signed, const in p.fields:
            val = str(const) if const is not None else field_expr(positions,
                                                                   signed)
            src.append(f'    a.{fname} = {val};\n')
        src.append(f'    a.unused_ = 0;\n    return trans_{p.name}(s, &a);\n}}\n\n')
    # bucket on bits 28..25 (the A64 top-level op0 field)
    buckets = {b: [] for b in range(16)}
    for it in items:
        group = it if isinstance(it, list) else [it]
        for b in range(16):
            if any(((b << 25) & p.mask & (0xf << 25)) ==
                   (p.value & (0xf << 25)) for p in group):
                buckets[b].append(group)
    src.append(f'bool {prefix}_decode(DisasContext *s, uint32_t insn)\n{{\n'
               f'    switch ((insn >> 25) & 0xf) {{\n')
    for b in range(16):
        src.append(f'    case {b}:\n')
        for group in buckets[b]:
            for p in group:
                src.append(f'        if ((insn & 0x{p.mask:08x}u) == '
                           f'0x{p.value:08x}u && try_{p.name}(s, insn)) '
                           f'return true;\n')
            if len(group) == 1:
                continue
        src.append('        return false;\n')
    src.append('    }\n    return false;\n}\n')
    return ''.join(hdr), ''.join(src)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--prefix', required=True)
    ap.add_argument('--header', required=True)
    ap.add_argument('--output', required=True)
    ap.add_argument('--context-header', default='cpu/arm64/translate.h')
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()
    try:
        items = parse(args.files)
        check_overlaps(items)
    except SyntaxError as e:
        print(f'decodetree: {e}', file=sys.stderr)
        sys.exit(1)
    hdr, src = gen(items, args.prefix)
    guard = re.sub(r'\W', '_', args.header.split('/')[-1]).upper()
    with open(args.header, 'w') as f:
        f.write(f'/* Generated by scripts/decodetree.py; do not edit. */\n'
                f'#ifndef {guard}\n#define {guard}\n#include <stdbool.h>\n'
                f'#include <stdint.h>\ntypedef struct DisasContext DisasContext;\n'
                f'{hdr}bool {args.prefix}_decode(DisasContext *s, uint32_t insn);\n'
                f'#endif\n')
    with open(args.output, 'w') as f:
        hname = args.header.split('/')[-1]
        f.write(f'/* Generated by scripts/decodetree.py; do not edit. */\n'
                f'#include "{args.context_header}"\n#include "{hname}"\n\n{src}')


if __name__ == '__main__':
    main()
