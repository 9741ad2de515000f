#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""mimic benchmark: real workloads under mimic, qemu-aarch64 and natively.

For each workload the same job runs as Debian's arm64 program under mimic
and under qemu-aarch64 (from the fetched sysroot), and as Debian's amd64
program natively, runs alternated.  Reported per workload: median wall
time, `perf stat` instructions where the machine supports it, peak RSS,
and the ratios mimic/qemu and mimic/native, with geometric means.  Writes
a markdown table (stdout and --markdown FILE) and an SVG chart (--svg).

  bench/run.py [--reps 3] [--only NAME,...] [--markdown docs/performance.md]
               [--svg docs/performance.svg] [--mimic build/mimic-aarch64]
"""
import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUESTS = os.environ.get('MIMIC_GUESTS',
                        os.path.expanduser('~/.cache/mimic/guests'))
SYSROOT = os.path.join(GUESTS, 'sysroot')

LUA_SCRIPT = '''
local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end
local t = {}
for i = 1, 200000 do t[#t+1] = tostring(i * 7 % 1000) end
table.sort(t)
local s = table.concat(t, ",", 1, 1000)
print(fib(27), #s)
'''
PY_SCRIPT = '''
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
d = {}
for i in range(200000):
    d[str(i)] = i * 3
words = sorted(d, key=lambda k: d[k] % 1013)
print(fib(24), len(words), sum(d.values()))
'''
SQL_SCRIPT = '''
CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, v INTEGER);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<200000)
INSERT INTO t(name, v) SELECT 'name' || x, (x * 7919) % 10007 FROM c;
CREATE INDEX tv ON t(v);
SELECT count(*), sum(v), max(name) FROM t WHERE v BETWEEN 100 AND 5000;
SELECT v, count(*) FROM t GROUP BY v ORDER BY count(*) DESC, v LIMIT 3;
'''


def make_input(path, size=16 << 20):
    """Deterministic, moderately compressible data."""
    if os.path.exists(path) and os.path.getsize(path) == size:
        return
    words = [b'alpha', b'beta', b'gamma', b'delta', b'mimic', b'qemu',
             b'arm64', b'x86', b'\n', b' ', b'0123456789']
    out, x = bytearray(), 12345
    while len(out) < size:
        x = (x * 1103515245 + 12345) & 0x7fffffff
        out += words[x % len(words)]
        if x % 7 == 0:
            out += bytes([x & 0xff])
    with open(path, 'wb') as f:
        f.write(out[:size])


def workloads(tmp):
    data = os.path.join(tmp, 'input.bin')
    make_input(data)
    xzfile = os.path.join(tmp, 'input.xz')
    if not os.path.exists(xzfile):
        subprocess.run(['xz', '-6', '-k', '-c', data],
                       stdout=open(xzfile, 'wb'), check=True)
    for name, text in (('bench.lua', LUA_SCRIPT), ('bench.py', PY_SCRIPT),
                       ('bench.sql', SQL_SCRIPT)):
        with open(os.path.join(tmp, name), 'w') as f:
            f.write(text)
    bb_arm = os.path.join(SYSROOT, 'bin', 'busybox')
    bb_host = shutil.which('busybox') or '/bin/busybox'
    S = lambda p: os.path.join(SYSROOT, p.lstrip('/'))
    # name: (arm64 argv, native argv, stdin file or None)
    return {
        'sha256sum': ([bb_arm, 'sha256sum', data], [bb_host, 'sha256sum', data], None),
        'md5sum': ([bb_arm, 'md5sum', data], [bb_host, 'md5sum', data], None),
        'gzip-9': ([bb_arm, 'gzip', '-9', '-c', data], [bb_host, 'gzip', '-9', '-c', data], None),
        'bzip2': ([bb_arm, 'bzip2', '-c', data], [bb_host, 'bzip2', '-c', data], None),
        'xz-6-compress': ([S('/usr/bin/xz'), '-6', '-c', data], ['xz', '-6', '-c', data], None),
        'xz-decompress': ([S('/usr/bin/xz'), '-d', '-c', xzfile], ['xz', '-d', '-c', xzfile], None),
        'lua': ([S('/usr/bin/lua5.4'), os.path.join(tmp, 'bench.lua')],
                ['lua5.4', os.path.join(tmp, 'bench.lua')], None),
        'python3': ([S('/usr/bin/python3.11'), os.path.join(tmp, 'bench.py')],
                    ['/usr/bin/python3', os.path.join(tmp, 'bench.py')], None),
        'sqlite3': ([S('/usr/bin/sqlite3'), ':memory:'], ['sqlite3', ':memory:'],
                    os.path.join(tmp, 'bench.sql')),
        'python3-startup': ([S('/usr/bin/python3.11'), '-c', 'pass'],
                            ['/usr/bin/python3', '-c', 'pass'], None),
    }


def perf_supported():
    try:
        p = subprocess.run(['perf', 'stat', '-x,', '-e', 'instructions', 'true'],
                           capture_output=True, text=True)
    except FileNotFoundError:
        return False
    return p.returncode == 0 and 'not supported' not in p.stderr


def run_once(argv, stdin, use_perf):
    perf_out = None
    if use_perf:
        perf_out = tempfile.mktemp()
        argv = ['perf', 'stat', '-x,', '-e', 'instructions', '-o', perf_out] + argv
    fin = open(stdin, 'rb') if stdin else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=fin, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors='replace')
    insns = None
    if perf_out and os.path.exists(perf_out):
        for line in open(perf_out):
            parts = line.split(',')
            if len(parts) > 2 and parts[2].startswith('instructions'):
                try:
                    insns = int(parts[0])
                except ValueError:
                    pass
        os.unlink(perf_out)
    if p.returncode != 0:
        return None, err.strip().splitlines()[-1:] or ['failed']
    return (wall, ru.ru_maxrss, insns), None


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def svg_chart(rows, path):
    w, bar, gap = 760, 14, 10
    h = 40 + len(rows) * (2 * bar + gap)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           'font-family="sans-serif" font-size="12">',
           '<text x="10" y="18">time ratio (lower is better): '
           '<tspan fill="#c33">mimic/qemu</tspan>, '
           '<tspan fill="#36c">mimic/native</tspan></text>']
    scale = (w - 250) / max([r[k] or 0 for r in rows for k in ('vq', 'vn')] + [1])
    y = 34
    for r in rows:
        out.append(f'<text x="10" y="{y + bar + 4}">{r["name"]}</text>')
        for k, color, dy in (('vq', '#c33', 0), ('vn', '#36c', bar)):
            v = r[k]
            if v:
                out.append(f'<rect x="150" y="{y + dy}" width="{v * scale:.1f}" '
                           f'height="{bar - 2}" fill="{color}"/>')
                out.append(f'<text x="{155 + v * scale:.1f}" y="{y + dy + 11}">'
                           f'{v:.2f}</text>')
        y += 2 * bar + gap
    out.append('</svg>')
    with open(path, 'w') as f:
        f.write('\n'.join(out) + '\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', default=os.path.join(ROOT, 'build', 'mimic-aarch64'))
    ap.add_argument('--qemu', default='qemu-aarch64')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--only')
    ap.add_argument('--markdown')
    ap.add_argument('--svg')
    a = ap.parse_args()
    tmp = os.path.join(tempfile.gettempdir(), 'mimic-bench')
    os.makedirs(tmp, exist_ok=True)
    wl = workloads(tmp)
    if a.only:
        wl = {k: v for k, v in wl.items() if k in a.only.split(',')}
    use_perf = perf_supported()
    runners = {
        'mimic': lambda arm, nat: [a.mimic, '-L', SYSROOT] + arm,
        'qemu': lambda arm, nat: [a.qemu, '-L', SYSROOT] + arm,
        'native': lambda arm, nat: nat,
    }
    rows = []
    for name, (arm, nat, stdin) in wl.items():
        res = {k: [] for k in runners}
        errors = {}
        for _ in range(a.reps):
            for k, mk in runners.items():
                r, err = run_once(mk(arm, nat), stdin, use_perf)
                if r:
                    res[k].append(r)
                else:
                    errors[k] = err
        med = {}
        for k in runners:
            if res[k]:
                med[k] = (statistics.median(x[0] for x in res[k]),
                          max(x[1] for x in res[k]),
                          statistics.median(x[2] for x in res[k])
                          if res[k][0][2] else None)
        row = {'name': name, 'med': med, 'errors': errors}
        m = med.get('mimic')
        row['vq'] = m[0] / med['qemu'][0] if m and 'qemu' in med else None
        row['vn'] = m[0] / med['native'][0] if m and 'native' in med else None
        rows.append(row)
        print(f'{name}: ' + ', '.join(f'{k} {v[0]:.3f}s' for k, v in med.items())
              + (f' (failed: {", ".join(errors)})' if errors else ''),
              file=sys.stderr)
    lines = ['| workload | mimic s | qemu s | native s | mimic/qemu | mimic/native '
             '| mimic RSS MB | qemu RSS MB | mimic Minsn | qemu Minsn |',
             '|---|---|---|---|---|---|---|---|---|---|']
    fmt = lambda v, f='{:.3f}': f.format(v) if v is not None else 'n/a'
    for r in rows:
        md = r['med']
        g = lambda k, i: md[k][i] if k in md else None
        mb = lambda v: v / 1024 if v else None
        mi = lambda v: v / 1e6 if v else None
        name = r['name'] + (' (failed: ' + ', '.join(
            f'{k}: {" ".join(e)}' for k, e in r['errors'].items()) + ')'
            if r['errors'] else '')
        lines.append(f'| {name} | {fmt(g("mimic", 0))} | {fmt(g("qemu", 0))} | '
                     f'{fmt(g("native", 0))} | {fmt(r["vq"], "{:.2f}")} | '
                     f'{fmt(r["vn"], "{:.2f}")} | {fmt(mb(g("mimic", 1)), "{:.0f}")} | '
                     f'{fmt(mb(g("qemu", 1)), "{:.0f}")} | {fmt(mi(g("mimic", 2)), "{:.0f}")} | '
                     f'{fmt(mi(g("qemu", 2)), "{:.0f}")} |')
    gq = geomean([r['vq'] for r in rows])
    gn = geomean([r['vn'] for r in rows])
    lines.append(f'| **geometric mean** | | | | {fmt(gq, "{:.2f}")} | '
                 f'{fmt(gn, "{:.2f}")} | | | | |')
    cpu = platform.processor() or ''
    try:
        for line in open('/proc/cpuinfo'):
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    except OSError:
        pass
    header = (f'Machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}; '
              f'{a.reps} runs each, alternated, median; perf instructions: '
              f'{"yes" if use_perf else "not supported on this machine"}.\n')
    table = header + '\n' + '\n'.join(lines) + '\n'
    print(table)
    if a.markdown:
        with open(a.markdown, 'w') as f:
            f.write('# mimic performance\n\nMade by `bench/run.py` '
                    f'on {time.strftime("%Y-%m-%d")}.\n\n' + table +
                    ('\n![chart](performance.svg)\n' if a.svg else ''))
    if a.svg:
        svg_chart(rows, a.svg)
    return 0


if __name__ == '__main__':
    sys.exit(main())
