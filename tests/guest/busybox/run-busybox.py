#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Debian's arm64 busybox under mimic against the host's amd64 busybox.

  run-busybox.py --mimic BUILD/mimic-aarch64 [--backend B] SCRIPT

Runs SCRIPT with `busybox sh SCRIPT DIR` twice, each in a fresh scratch
folder: the arm64 busybox (from scripts/fetch-guests, in
$MIMIC_GUESTS/sysroot, default ~/.cache/mimic/guests) under mimic, and
/bin/busybox (Debian's busybox-static, amd64) natively.  Stdout and the
exit status must match.  Missing guests are a failure, not a skip.
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, bb, script, timeout):
    tmp = tempfile.mkdtemp(prefix='mimic-bb-')
    env = dict(os.environ, BB=bb, LC_ALL='C', TZ='UTC')
    try:
        p = subprocess.run(cmd + [bb, 'sh', script, tmp], env=env,
                           capture_output=True, timeout=timeout)
        out, err = p.stdout, p.stderr
        status = p.returncode
    except subprocess.TimeoutExpired:
        status, out, err = None, b'', b'timeout'
    shutil.rmtree(tmp, ignore_errors=True)
    return status, out.replace(tmp.encode(), b'$T'), err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', required=True)
    ap.add_argument('--backend', default='interp')
    ap.add_argument('--host-busybox', default='/bin/busybox')
    ap.add_argument('--timeout', type=float, default=600)
    ap.add_argument('script')
    a = ap.parse_args()
    guests = os.environ.get('MIMIC_GUESTS',
                            os.path.expanduser('~/.cache/mimic/guests'))
    sysroot = os.path.join(guests, 'sysroot')
    bb = os.path.join(sysroot, 'bin', 'busybox')
    if not os.path.exists(bb):
        print(f'FAIL: {bb} is missing: run scripts/fetch-guests base')
        return 1
    if not os.path.exists(a.host_busybox):
        print(f'FAIL: {a.host_busybox} is missing: install busybox-static')
        return 1
    script = os.path.abspath(a.script)
    mimic = [a.mimic, '-backend', a.backend, '-L', sysroot]
    print('running: ' + ' '.join(mimic + [bb, 'sh', script, 'DIR']))
    mstat, mout, merr = run(mimic, bb, script, a.timeout)
    hstat, hout, herr = run([], a.host_busybox, script, a.timeout)
    sys.stdout.write(mout.decode(errors='replace')[-3000:])
    sys.stderr.write(merr.decode(errors='replace')[-3000:])
    ok = True
    if (mstat, mout) != (hstat, hout):
        print(f'FAIL: differs from the host busybox (status {mstat} under '
              f'mimic, {hstat} native)')
        diff = difflib.unified_diff(
            hout.decode(errors='replace').splitlines(),
            mout.decode(errors='replace').splitlines(),
            'host busybox', 'mimic', lineterm='')
        for line in list(diff)[:60]:
            print('  ' + line)
        ok = False
    if hstat != 0:
        print(f'FAIL: the script itself fails natively (status {hstat}): '
              + herr.decode(errors='replace')[-500:])
        ok = False
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
