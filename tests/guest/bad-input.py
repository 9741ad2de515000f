#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Bad programs given to mimic-aarch64 end as a shell would end them.

  bad-input.py --mimic BUILD/mimic-aarch64 --sample ARM64-PROGRAM

A missing file exits 127; a file that exists but cannot run (not ELF,
x86-64 ELF, truncated ARM64 ELF, not executable, a directory) exits 126;
each with one line "mimic-aarch64: PATH: reason" on stderr.
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile


def load_end(elf):
    """End of the last PT_LOAD's file bytes."""
    phoff = struct.unpack_from('<Q', elf, 32)[0]
    phnum = struct.unpack_from('<H', elf, 56)[0]
    end = 0
    for i in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from(
            '<IIQQQQ', elf, phoff + 56 * i)
        if p_type == 1 and p_filesz:
            end = max(end, p_offset + p_filesz)
    return end


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', required=True)
    ap.add_argument('--sample', required=True)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix='mimic-bad-')
    sample = open(a.sample, 'rb').read()

    def make(name, data, mode=0o755):
        path = os.path.join(tmp, name)
        with open(path, 'wb') as f:
            f.write(data)
        os.chmod(path, mode)
        return path

    cases = [
        ('missing file', os.path.join(tmp, 'no-such-program'), 127,
         'No such file or directory'),
        ('not ELF (/etc/passwd)', '/etc/passwd', 126, None),
        ('text file', make('text', b'hello\n'), 126, 'not an ELF file'),
        ('empty file', make('empty', b''), 126, 'not an ELF file'),
        ('x86-64 ELF', shutil.which('true') or '/bin/true', 126,
         'not an AArch64 program'),
        ('truncated ARM64 ELF (100 bytes)', make('trunc100', sample[:100]),
         126, 'truncated'),
        ('truncated ARM64 ELF (60 bytes)', make('trunc60', sample[:60]),
         126, 'truncated'),
        ('truncated ARM64 ELF (segments)',
         make('truncseg', sample[:load_end(sample) - 1]), 126, 'truncated'),
        ('not executable', make('noexec', sample, 0o644), 126,
         'Permission denied'),
        ('directory', tmp, 126, 'Is a directory'),
    ]
    ok = True
    for name, path, want, reason in cases:
        p = subprocess.run([a.mimic, path], capture_output=True, timeout=60)
        err = p.stderr.decode(errors='replace').strip()
        good = p.returncode == want and err.startswith(
            'mimic-aarch64: ' + path + ': ') and len(err.splitlines()) == 1
        if reason and reason not in err:
            good = False
        print(f'{"ok" if good else "FAIL"} {name}: status {p.returncode} '
              f'(want {want}): {err}')
        ok &= good
    # the sample itself must run
    p = subprocess.run([a.mimic, a.sample], capture_output=True, timeout=60)
    print(f'{"ok" if p.returncode == 0 else "FAIL"} sample runs: status '
          f'{p.returncode}')
    ok &= p.returncode == 0
    shutil.rmtree(tmp)
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
