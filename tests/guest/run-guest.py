#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs one ARM64 guest program under mimic and checks it.

  run-guest.py --mimic BUILD/mimic-aarch64 --backend jit|interp
               [--oracle qemu-aarch64] [--expect FILE] [--status N]
               [--stdin FILE] [--arg ...] PROGRAM

Checks, in order: the exit status (default 0; death by signal N counts as
128 + N, as in a shell), stdout against --expect if
given, and stdout + status against the oracle (qemu-aarch64 running the
same binary) if given.  Prints which backend ran.  Exit 0 = pass.
"""
import argparse
import subprocess
import sys


def run(cmd, stdin_data, timeout):
    try:
        p = subprocess.run(cmd, input=stdin_data, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b'', b'timeout'
    # killed by signal N: report 128 + N, as a shell does
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    return status, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', required=True)
    ap.add_argument('--backend', default='jit')
    ap.add_argument('--oracle')
    ap.add_argument('--expect')
    ap.add_argument('--status', type=int, default=0)
    ap.add_argument('--stdin')
    ap.add_argument('--timeout', type=float, default=60)
    ap.add_argument('--mimic-opt', action='append', default=[])
    ap.add_argument('--arg', action='append', default=[])
    ap.add_argument('program')
    a = ap.parse_args()
    stdin_data = open(a.stdin, 'rb').read() if a.stdin else b''
    cmd = [a.mimic, '-backend', a.backend] + a.mimic_opt + [a.program] + a.arg
    print(f'backend: {a.backend}')
    print('running: ' + ' '.join(cmd))
    status, out, err = run(cmd, stdin_data, a.timeout)
    sys.stdout.write(out.decode(errors='replace')[-4000:])
    sys.stderr.write(err.decode(errors='replace')[-4000:])
    ok = True
    if status != a.status:
        print(f'FAIL: exit status {status}, expected {a.status}')
        ok = False
    if a.expect:
        want = open(a.expect, 'rb').read()
        if out != want:
            print('FAIL: output differs from ' + a.expect)
            ok = False
    if a.oracle:
        ostatus, oout, _ = run([a.oracle, a.program] + a.arg, stdin_data,
                               a.timeout)
        if (ostatus, oout) != (status, out):
            print(f'FAIL: differs from {a.oracle} (status {ostatus})')
            for i, (x, y) in enumerate(zip(out.splitlines(),
                                           oout.splitlines())):
                if x != y:
                    print(f'  first difference, line {i + 1}:')
                    print(f'    mimic: {x.decode(errors="replace")}')
                    print(f'    {a.oracle}: {y.decode(errors="replace")}')
                    break
            ok = False
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
