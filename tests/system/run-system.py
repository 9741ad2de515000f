#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""System-mode test runner: runs mimic-system-aarch64 and checks the guest's
console output and mimic's exit status.

  run-system.py bare MIMIC IMAGE EXPECTED [mimic options...]
      Boots a bare-metal Image; its console output must equal EXPECTED and
      the exit status must be 0 (the image powers off through PSCI).

  run-system.py kernel MIMIC [--smp N] [mimic options...]
      Boots Debian's arm64 kernel (scripts/fetch-guests kernel; MIMIC_GUESTS
      overrides ~/.cache/mimic/guests) with an initramfs built here from the
      guest busybox-static: /init mounts proc and sysfs, prints uname -a,
      /proc/cpuinfo and the online CPUs, and powers off with sysrq 'o'.
      Checks those lines, N processors, a clean power-off and exit status 0,
      and prints the time from start to exit.  Exits 77 (skipped) when the
      kernel or busybox is not there.
"""
import gzip
import io
import os
import stat
import subprocess
import sys
import tempfile
import time

SKIP = 77


def run(cmd, timeout):
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace')
        sys.stdout.write(out[-4000:])
        print(f'FAIL: no power-off within {timeout} s')
        sys.exit(1)
    elapsed = time.monotonic() - start
    return (p.returncode, p.stdout.decode('utf-8', 'replace'),
            p.stderr.decode('utf-8', 'replace'), elapsed)


def bare(argv):
    mimic, image, expected = argv[:3]
    cmd = [mimic, '-M', 'virt', '-m', '256M', '-nographic',
           '-kernel', image] + argv[3:]
    rc, out, err, _ = run(cmd, 120)
    want = open(expected).read()
    ok = True
    if out != want:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(
            want.splitlines(True), out.splitlines(True), 'expected', 'got'))
        ok = False
    if rc != 0:
        print(f'FAIL: exit status {rc}\n{err}')
        ok = False
    if ok:
        print('ok: console output as expected, exit status 0')
    return 0 if ok else 1


# ---- the initramfs: a newc cpio archive written here (no cpio needed) ----

def cpio_entry(buf, name, mode, data=b'', rdev=(0, 0), ino=[1]):
    ino[0] += 1
    namez = name.encode() + b'\0'
    hdr = '070701' + ''.join('%08x' % v for v in (
        ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
        len(namez), 0))
    buf.write(hdr.encode() + namez)
    buf.write(b'\0' * (-(110 + len(namez)) % 4))
    buf.write(data)
    buf.write(b'\0' * (-len(data) % 4))


INIT = b'''#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
echo "mimic-test: uname: $(/bin/busybox uname -a)"
/bin/busybox cat /proc/cpuinfo
echo "mimic-test: cpus online: $(/bin/busybox cat /sys/devices/system/cpu/online)"
echo "mimic-test: done"
echo o > /proc/sysrq-trigger
/bin/busybox sleep 30
'''


def make_initramfs(busybox, path):
    buf = io.BytesIO()
    d = stat.S_IFDIR | 0o755
    for name in ('bin', 'dev', 'proc', 'sys'):
        cpio_entry(buf, name, d)
    cpio_entry(buf, 'dev/console', stat.S_IFCHR | 0o600, rdev=(5, 1))
    cpio_entry(buf, 'bin/busybox', stat.S_IFREG | 0o755,
               open(busybox, 'rb').read())
    cpio_entry(buf, 'init', stat.S_IFREG | 0o755, INIT)
    cpio_entry(buf, 'TRAILER!!!', 0)
    with open(path, 'wb') as f:
        f.write(gzip.compress(buf.getvalue(), 6))


def kernel(argv):
    mimic = argv[0]
    args = argv[1:]
    smp = 1
    if '--smp' in args:
        i = args.index('--smp')
        smp = int(args[i + 1])
        args = args[:i] + ['-smp', str(smp)] + args[i + 2:]
    timeout = 900
    if '--timeout' in args:
        i = args.index('--timeout')
        timeout = int(args[i + 1])
        args = args[:i] + args[i + 2:]
    guests = os.environ.get('MIMIC_GUESTS',
                            os.path.expanduser('~/.cache/mimic/guests'))
    image = os.path.join(guests, 'kernel', 'Image')
    if not os.path.exists(image):
        image = os.path.join(guests, 'kernel', 'vmlinuz')
    busybox = os.path.join(guests, 'sysroot', 'bin', 'busybox')
    for f in (image, busybox):
        if not os.path.exists(f):
            print(f'skipped: {f} missing (run scripts/fetch-guests base '
                  'kernel)')
            return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, 'initrd.gz')
        make_initramfs(busybox, initrd)
        cmd = [mimic, '-M', 'virt', '-m', '1G', '-nographic', '-no-reboot',
               '-kernel', image, '-initrd', initrd,
               '-append', 'console=ttyAMA0 panic=-1'] + args
        rc, out, err, elapsed = run(cmd, timeout)
    lines = out.splitlines()
    problems = []
    for want in ('mimic-test: uname: Linux ', 'mimic-test: done',
                 'reboot: Power down'):
        if not any(want in l for l in lines):
            problems.append(f'no line with {want!r}')
    if not any('aarch64' in l for l in lines if 'uname:' in l):
        problems.append('uname -a does not say aarch64')
    procs = sum(1 for l in lines if l.startswith('processor'))
    if procs != smp:
        problems.append(f'/proc/cpuinfo lists {procs} processors, not {smp}')
    online = '0' if smp == 1 else f'0-{smp - 1}'
    if f'mimic-test: cpus online: {online}' not in lines:
        problems.append(f'online CPUs are not {online}')
    for bad in ('Kernel panic', 'Oops', 'Internal error', 'BUG:',
                'WARNING:'):
        if any(bad in l for l in lines):
            problems.append(f'the kernel reported {bad!r}')
    if rc != 0:
        problems.append(f'exit status {rc}')
    if problems:
        sys.stdout.write(out[-6000:])
        sys.stdout.write(err[-2000:])
        for p in problems:
            print('FAIL:', p)
        return 1
    print(f'ok: {smp} CPU(s), powered off; boot to exit took '
          f'{elapsed:.1f} s')
    return 0


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ('bare', 'kernel'):
        print(__doc__)
        return 2
    return (bare if sys.argv[1] == 'bare' else kernel)(sys.argv[2:])


if __name__ == '__main__':
    sys.exit(main())
