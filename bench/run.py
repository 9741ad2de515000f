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


# bench/guest programs built by meson: name -> (scale for timed runs,
# scale for callgrind runs)
CPU_PROGRAMS = {
    'crc32': (400, 20), 'qsort': (40, 2), 'interp': (10, 1),
    'fib': (200, 10), 'hash': (2000, 100),
}


def cpu_workloads(build):
    """The CPU-bound programs of bench/guest (aarch64 and native builds)."""
    out = {}
    for name, (n, _) in CPU_PROGRAMS.items():
        arm = os.path.join(build, 'bench', name + '-arm64')
        nat = os.path.join(build, 'bench', name + '-native')
        if os.path.exists(arm) and os.path.exists(nat):
            out['cpu-' + name] = ([arm, str(n)], [nat, str(n)], None)
    return out


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
    cpu = ru.ru_utime + ru.ru_stime
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
    return (wall, ru.ru_maxrss, insns, cpu), None


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


NOTES_MARKER = '<!-- notes: kept when bench/run.py regenerates this file -->'


def callgrind_insns(argv, log):
    """Host instructions of one run under valgrind's callgrind (the whole
    process: start-up, translation and generated code)."""
    vg = ['valgrind', '--tool=callgrind', '--smc-check=all',
          '--callgrind-out-file=/dev/null', f'--log-file={log}']
    p = subprocess.run(vg + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    total = None
    for line in open(log):
        if 'Collected :' in line:
            total = int(line.split(':')[1].replace(',', '').strip())
    return total, p.stderr


def guest_insns(stats_text):
    for line in stats_text.splitlines():
        if line.strip().startswith('guest instructions'):
            return int(line.split()[-1])
    return None


def callgrind_table(a, build, tmp):
    """Host instructions per guest instruction for the bench/guest programs
    (mimic's -d stats counts the guest instructions; the same program runs
    the same guest instructions under qemu)."""
    lines = ['| program | guest Minsn | mimic host Minsn | qemu host Minsn | '
             'mimic host/guest | qemu host/guest | mimic/qemu |',
             '|---|---|---|---|---|---|---|']
    log = os.path.join(tmp, 'callgrind.log')
    # valgrind cannot reserve mimic's default 1 TB guest window
    mimic = [a.mimic, '-R', '4G']
    for name, (_, n) in CPU_PROGRAMS.items():
        if a.only and 'cpu-' + name not in a.only.split(','):
            continue
        prog = os.path.join(build, 'bench', name + '-arm64')
        if not os.path.exists(prog):
            continue
        p = subprocess.run(mimic + ['-d', 'stats', prog, str(n)],
                           capture_output=True, text=True)
        g = guest_insns(p.stderr)
        m, _ = callgrind_insns(mimic + [prog, str(n)], log)
        q, _ = callgrind_insns([a.qemu, prog, str(n)], log)
        if not (g and m and q):
            lines.append(f'| {name} | failed | | | | | |')
            continue
        lines.append(f'| {name} ({n}) | {g / 1e6:.1f} | {m / 1e6:.1f} | '
                     f'{q / 1e6:.1f} | {m / g:.2f} | {q / g:.2f} | '
                     f'{m / q:.2f} |')
        print(f'callgrind {name}: guest {g}, mimic {m}, qemu {q}',
              file=sys.stderr)
    return ('Host instructions per guest instruction (valgrind callgrind, '
            'whole process incl. start-up and translation; guest count from '
            'mimic `-d stats`):\n\n' + '\n'.join(lines) + '\n')


def measure(a, wl, use_perf):
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
                          if res[k][0][2] else None,
                          statistics.median(x[3] for x in res[k]))
        row = {'name': name, 'med': med, 'errors': errors}
        m = med.get('mimic')
        row['vq'] = m[0] / med['qemu'][0] if m and 'qemu' in med else None
        row['vn'] = m[0] / med['native'][0] if m and 'native' in med else None
        row['cq'] = (m[3] / med['qemu'][3] if m and 'qemu' in med and
                     med['qemu'][3] else None)
        rows.append(row)
        print(f'{name}: ' + ', '.join(f'{k} {v[0]:.3f}s' for k, v in med.items())
              + (f' (failed: {", ".join(errors)})' if errors else ''),
              file=sys.stderr)
    return rows


def time_table(rows):
    lines = ['| workload | mimic s | qemu s | native s | mimic/qemu | mimic/native '
             '| mimic/qemu CPU time | mimic RSS MB | qemu RSS MB | mimic Minsn | '
             'qemu Minsn |',
             '|---|---|---|---|---|---|---|---|---|---|---|']
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
                     f'{fmt(r["vn"], "{:.2f}")} | {fmt(r["cq"], "{:.2f}")} | '
                     f'{fmt(mb(g("mimic", 1)), "{:.0f}")} | '
                     f'{fmt(mb(g("qemu", 1)), "{:.0f}")} | {fmt(mi(g("mimic", 2)), "{:.0f}")} | '
                     f'{fmt(mi(g("qemu", 2)), "{:.0f}")} |')
    for label, sel in (('geometric mean', lambda r: True),
                       ('geometric mean, Debian workloads',
                        lambda r: not r['name'].startswith('cpu-'))):
        sub = [r for r in rows if sel(r)]
        if not sub:
            continue
        gq = geomean([r['vq'] for r in sub])
        gn = geomean([r['vn'] for r in sub])
        gc = geomean([r['cq'] for r in sub])
        lines.append(f'| **{label}** | | | | {fmt(gq, "{:.2f}")} | '
                     f'{fmt(gn, "{:.2f}")} | {fmt(gc, "{:.2f}")} | | | | |')
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', default=os.path.join(ROOT, 'build', 'mimic-aarch64'))
    ap.add_argument('--qemu', default='qemu-aarch64')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--only')
    ap.add_argument('--markdown')
    ap.add_argument('--svg')
    ap.add_argument('--callgrind', action='store_true',
                    help='also count host instructions per guest instruction '
                         'of the bench/guest programs under valgrind')
    a = ap.parse_args()
    build = os.path.dirname(os.path.abspath(a.mimic))
    tmp = os.path.join(tempfile.gettempdir(), 'mimic-bench')
    os.makedirs(tmp, exist_ok=True)
    wl = workloads(tmp)
    wl.update(cpu_workloads(build))
    if a.only:
        wl = {k: v for k, v in wl.items() if k in a.only.split(',')}
    use_perf = perf_supported()
    rows = measure(a, wl, use_perf)
    lines = time_table(rows)
    cpu = platform.processor() or ''
    try:
        for line in open('/proc/cpuinfo'):
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = ', load average %.1f at the start' % os.getloadavg()[0]
    except OSError:
        load = ''
    header = (f'Machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}'
              f'{load}; {a.reps} runs each, alternated, median; perf instructions: '
              f'{"yes" if use_perf else "not supported on this machine"}. '
              'CPU time is user + system time (steadier than wall time on a '
              'busy machine). cpu-* rows are the bench/guest programs.\n')
    table = header + '\n' + '\n'.join(lines) + '\n'
    if a.callgrind:
        table += '\n' + callgrind_table(a, build, tmp)
    print(table)
    if a.markdown:
        # hand-written notes below the marker survive a regeneration
        notes = ''
        if os.path.exists(a.markdown):
            old = open(a.markdown).read()
            if NOTES_MARKER in old:
                notes = '\n' + old[old.index(NOTES_MARKER):]
        with open(a.markdown, 'w') as f:
            f.write('# mimic performance\n\nMade by `bench/run.py` '
                    f'on {time.strftime("%Y-%m-%d")}.\n\n' + table +
                    ('\n![chart](performance.svg)\n' if a.svg else '') +
                    notes)
    if a.svg:
        svg_chart(rows, a.svg)
    return 0


if __name__ == '__main__':
    sys.exit(main())
