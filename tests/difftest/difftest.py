#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential testing of mimic against qemu-aarch64.

Random instruction streams are generated from the A64 pattern files
(cpu/arm64/*.decode: only implemented encodings, since unimplemented ones
are comments there), wrapped in a freestanding ARM64 program that loads a
random register state, runs them, and dumps x0-x30, sp, NZCV, FPSR, FPCR,
v0-v31 and a 64 KB scratch buffer.  The same program runs under mimic (each
backend) and qemu-aarch64; the dumps must be identical.  A mismatch is
shrunk to the first instruction whose result differs and printed with its
disassembly and the register state before it.

Loads and stores are constrained to a scratch buffer: their base register
is forced to x28 (reset from x26 after every memory instruction) and their
register offsets to x27 (a small value).  Branches and system instructions
are excluded.  An instruction that qemu rejects (SIGILL) is dropped.

  difftest.py --mimic build/mimic-aarch64 [--backend jit,interp]
              [--seed S] [--programs N | --minutes M] [--length L]
              [--regressions tests/difftest/regressions.txt]
Exit status 0 when every comparison matched.  Prints one closing line
"N passed, N failed".
"""
import argparse
import os
import random
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import decodetree  # noqa: E402

CROSS = os.environ.get('CROSS_CC', 'aarch64-linux-gnu-gcc')
OBJDUMP = os.environ.get('CROSS_OBJDUMP', 'aarch64-linux-gnu-objdump')
EXCLUDE_FILES = ('a64-branch.decode', 'a64-system.decode')
# patterns that are control flow, exceptions or host-state dependent
EXCLUDE_NAMES = {'SVC', 'BRK', 'HVC', 'SMC', 'UDF', 'LDR_lit', 'LDRV_lit',
                 'PRFM_lit'}
DUMP_SIZE = 8 * 35 + 16 * 32

INTERESTING = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
               0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
               0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
               0xfffffffffffffffe, 0x3ff0000000000000, 0x7ff0000000000000,
               0x7ff8000000000001, 0xfff0000000000000, 0x000fffffffffffff,
               0x3f800000, 0x7fc00001, 0x7f800000, 0x00800000]


def load_patterns():
    d = os.path.join(ROOT, 'cpu', 'arm64')
    files = sorted(os.path.join(d, f) for f in os.listdir(d)
                   if f.endswith('.decode') and f not in EXCLUDE_FILES)
    pats = []
    for it in decodetree.parse(files):
        for p in (it if isinstance(it, list) else [it]):
            if p.name in EXCLUDE_NAMES:
                continue
            p.is_mem = 'ldst' in p.where or 'LD' in p.name or \
                'ST' in p.name or 'CAS' in p.name or 'SWP' in p.name
            pats.append(p)
    return pats


def set_field(word, p, name, value):
    for fname, positions, _signed, const in p.fields:
        if fname != name or const is not None:
            continue
        for i, pos in enumerate(reversed(positions)):
            word = (word & ~(1 << pos)) | (((value >> i) & 1) << pos)
    return word


def gen_insn(rng, p):
    word = p.value | (rng.getrandbits(32) & ~p.mask & 0xffffffff)
    if p.is_mem:
        word = set_field(word, p, 'rn', 28)
        word = set_field(word, p, 'rm', 27)
        word = set_field(word, p, 'rs', rng.randrange(0, 26))
    return word


def rand_value(rng):
    r = rng.random()
    if r < 0.4:
        return rng.choice(INTERESTING)
    if r < 0.6:
        return rng.getrandbits(8)
    return rng.getrandbits(64)


def gen_state(rng):
    x = [rand_value(rng) for _ in range(31)]
    x[27] = rng.randrange(0, 64) * 8
    v = [rand_value(rng) | (rand_value(rng) << 64) for _ in range(32)]
    nzcv = rng.getrandbits(4) << 28
    fpcr = rng.choice([0, 0, 0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25])
    return {'x': x, 'v': v, 'nzcv': nzcv, 'fpcr': fpcr}


def program_source(insns, mem_flags, state):
    out = ['.text', '.global _start', '_start:',
           '  adr x0, init_nzcv', '  ldr x1, [x0]', '  msr nzcv, x1',
           '  ldr x1, [x0, #8]', '  msr fpcr, x1', '  msr fpsr, xzr',
           '  adr x0, init_v']
    for i in range(0, 32, 2):
        out.append(f'  ldp q{i}, q{i+1}, [x0], #32')
    out.append('  adr x0, init_x')
    for i in range(2, 30, 2):
        out.append(f'  ldp x{i}, x{i+1}, [x0, #{8*i}]')
    out += ['  ldr x30, [x0, #240]', '  adr x26, scratch', '  add x26, x26, #32768',
            '  mov x28, x26', '  ldp x0, x1, [x0]']
    out.append('insns:')
    for w, mem in zip(insns, mem_flags):
        out.append(f'  .inst 0x{w:08x}')
        if mem:
            out.append('  mov x28, x26')
    out += ['  msr tpidr_el0, x0', '  adr x0, dump', '  stp xzr, x1, [x0]']
    for i in range(2, 30, 2):
        out.append(f'  stp x{i}, x{i+1}, [x0, #{8*i}]')
    out += ['  str x30, [x0, #240]', '  mrs x1, tpidr_el0', '  str x1, [x0]',
            '  mov x1, sp', '  str x1, [x0, #248]', '  mrs x1, nzcv',
            '  str x1, [x0, #256]', '  mrs x1, fpsr', '  str x1, [x0, #264]',
            '  mrs x1, fpcr', '  str x1, [x0, #272]', '  add x0, x0, #280']
    for i in range(0, 32, 2):
        out.append(f'  stp q{i}, q{i+1}, [x0], #32')
    out += ['  mov x0, #1', '  adr x1, dump', f'  mov x2, #{DUMP_SIZE}',
            '  mov x8, #64', '  svc #0',
            '  mov x0, #1', '  adr x1, scratch', '  mov x2, #65536',
            '  mov x8, #64', '  svc #0',
            '  mov x0, #0', '  mov x8, #93', '  svc #0',
            '.data', '.balign 16', 'init_nzcv:', f'  .quad {state["nzcv"]}',
            f'  .quad {state["fpcr"]}', 'init_x:']
    out += [f'  .quad 0x{v:x}' for v in state['x']]
    out.append('init_v:')
    for v in state['v']:
        out.append(f'  .quad 0x{v & (2**64 - 1):x}, 0x{v >> 64:x}')
    out += ['.balign 16', 'scratch:']
    out += [f'  .quad 0x{(0x0123456789abcdef * (i + 1)) & (2**64-1):x}'
            for i in range(8192)]
    out += ['.balign 16', 'dump:', f'  .skip {DUMP_SIZE}']
    return '\n'.join(out) + '\n'


class Runner:
    def __init__(self, args):
        self.args = args
        self.tmp = tempfile.mkdtemp(prefix='difftest-')
        self.n = 0

    def build(self, insns, mems, state):
        self.n += 1
        src = os.path.join(self.tmp, f'p{self.n}.S')
        exe = os.path.join(self.tmp, f'p{self.n}')
        with open(src, 'w') as f:
            f.write(program_source(insns, mems, state))
        subprocess.run([CROSS, '-nostdlib', '-static', '-o', exe, src],
                       check=True)
        return exe

    def run(self, cmd):
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=20)
            return p.returncode, p.stdout
        except subprocess.TimeoutExpired:
            return 'timeout', b''

    def qemu(self, exe):
        return self.run([self.args.qemu, exe])

    def mimic(self, exe, backend):
        return self.run([self.args.mimic, '-backend', backend, exe])


def describe(dump):
    if len(dump) < DUMP_SIZE:
        return {'raw': dump.hex()}
    q = struct.unpack_from('<35Q', dump, 0)
    d = {f'x{i}': q[i] for i in range(31)}
    d.update(sp=q[31], nzcv=q[32], fpsr=q[33], fpcr=q[34])
    for i in range(32):
        lo, hi = struct.unpack_from('<2Q', dump, 280 + 16 * i)
        d[f'v{i}'] = (hi << 64) | lo
    d['scratch'] = dump[DUMP_SIZE:]
    return d


def same_dump(a, b):
    """Status and dump equal, ignoring SP (the initial stack layouts of
    mimic and qemu differ, and the random code does not set SP)."""
    if a[0] != b[0]:
        return False
    x, y = a[1], b[1]
    if len(x) >= 256 and len(y) >= 256:
        x, y = x[:248] + x[256:], y[:248] + y[256:]
    return x == y


def diff_fields(a, b):
    da, db = describe(a), describe(b)
    return [k for k in da if k != 'sp' and da.get(k) != db.get(k)]


def disasm(word):
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(struct.pack('<I', word))
        f.flush()
        p = subprocess.run([OBJDUMP, '-D', '-b', 'binary', '-m', 'aarch64',
                            f.name], capture_output=True, text=True)
    for line in p.stdout.splitlines():
        if line.strip().startswith('0:'):
            return line.split('\t', 2)[-1].strip()
    return '?'


def sigill_index(r, exe, insns, mems):
    """Index of the instruction qemu rejected: the last block qemu ran with
    one instruction per block is the faulting one."""
    log = exe + '.log'
    subprocess.run([r.args.qemu, '-singlestep', '-d', 'exec', '-D', log, exe],
                   capture_output=True, timeout=20)
    last = None
    for line in open(log, errors='replace'):
        if line.startswith('Trace'):
            last = int(line.split('/')[1], 16)
    nm = subprocess.run([CROSS.replace('gcc', 'nm'), exe], capture_output=True,
                        text=True).stdout
    base = next(int(l.split()[0], 16) for l in nm.splitlines()
                if l.endswith(' insns'))
    addr = base
    for i, mem in enumerate(mems):
        if addr == last:
            return i
        addr += 8 if mem else 4
    return None


def drop_sigill(r, insns, mems, state):
    """Removes the instructions that qemu rejects (SIGILL)."""
    while insns:
        exe = r.build(insns, mems, state)
        status, _ = r.qemu(exe)
        if status != -4:
            return insns, mems
        i = sigill_index(r, exe, insns, mems)
        if i is None:
            return [], []
        del insns[i]
        del mems[i]
    return insns, mems


def shrink(r, insns, mems, state, backend):
    """First prefix length at which mimic and qemu disagree."""
    lo, hi = 0, len(insns)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        exe = r.build(insns[:mid], mems[:mid], state)
        if same_dump(r.qemu(exe), r.mimic(exe, backend)):
            lo = mid
        else:
            hi = mid
    return hi - 1


def check_one(r, rng, pats, length, backends, log):
    state = gen_state(rng)
    chosen = [rng.choice(pats) for _ in range(length)]
    insns = [gen_insn(rng, p) for p in chosen]
    mems = [p.is_mem for p in chosen]
    insns, mems = drop_sigill(r, insns, mems, state)
    exe = r.build(insns, mems, state)
    want = r.qemu(exe)
    ok = True
    for be in backends:
        got = r.mimic(exe, be)
        if same_dump(got, want):
            continue
        ok = False
        k = shrink(r, insns, mems, state, be)
        before = r.qemu(r.build(insns[:k], mems[:k], state))[1]
        single = r.build(insns[k:k + 1], mems[k:k + 1], state)
        fields = diff_fields(r.qemu(single)[1], r.mimic(single, be)[1])
        log(f'MISMATCH ({be}): insn 0x{insns[k]:08x}  {disasm(insns[k])}')
        log(f'  qemu status {want[0]}, mimic status {got[0]}; '
            f'fields that differ: {", ".join(fields) or "(exit status)"}')
        st = describe(before)
        if 'x0' in st:
            log('  state before: ' + ' '.join(
                f'x{i}={st[f"x{i}"]:#x}' for i in range(31)) +
                f' nzcv={st["nzcv"]:#x} fpcr={st["fpcr"]:#x}')
        log(f'  regression line: {insns[k]:08x}')
    return ok, len(insns)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', default=os.path.join(ROOT, 'build',
                                                    'mimic-aarch64'))
    ap.add_argument('--qemu', default='qemu-aarch64')
    ap.add_argument('--backend', default='jit,interp')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--programs', type=int, default=20)
    ap.add_argument('--minutes', type=float)
    ap.add_argument('--length', type=int, default=40)
    ap.add_argument('--regressions',
                    default=os.path.join(ROOT, 'tests', 'difftest',
                                         'regressions.txt'))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pats = load_patterns()
    backends = a.backend.split(',')
    r = Runner(a)
    passed = failed = compared = 0
    # known past mismatches first, one instruction each
    if os.path.exists(a.regressions):
        for line in open(a.regressions):
            line = line.split('#')[0].strip()
            if not line:
                continue
            word = int(line.split()[0], 16)
            for trial in range(4):
                state = gen_state(rng)
                insns, mems = drop_sigill(r, [word], [True], state)
                exe = r.build(insns, mems, state)
                want = r.qemu(exe)
                for be in backends:
                    if same_dump(r.mimic(exe, be), want):
                        passed += 1
                    else:
                        failed += 1
                        print(f'REGRESSION ({be}): {line}  {disasm(word)}')
    deadline = time.time() + a.minutes * 60 if a.minutes else None
    n = 0
    while (deadline and time.time() < deadline) or \
            (not deadline and n < a.programs):
        ok, count = check_one(r, rng, pats, a.length, backends, print)
        compared += count * len(backends)
        passed += ok
        failed += not ok
        n += 1
    print(f'difftest: seed {a.seed}, {n} programs, {compared} instructions '
          f'compared on {",".join(backends)}')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
