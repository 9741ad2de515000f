# SPDX-License-Identifier: MIT
"""Shared pieces of the system-mode tests: locating the guest files from
scripts/fetch-guests, building an initramfs (cpio "newc", written here so
no cpio tool is needed), cross-compiling small static guest programs, and
running mimic-system-aarch64 with its monitor on a unix socket.

Tests exit 77 (meson's "skipped") when something they need is missing:
the guest cache, the cross compiler, Xvfb, or a build whose system-mode
CPU does not run guests yet.
"""
import os
import shutil
import socket
import subprocess
import sys
import time

SKIP = 77
GUESTS = os.environ.get('MIMIC_GUESTS',
                        os.path.expanduser('~/.cache/mimic/guests'))
KERNEL_DIR = os.path.join(GUESTS, 'kernel')
CROSS_CC = 'aarch64-linux-gnu-gcc'


def skip(why):
    print(f'SKIP: {why}')
    sys.exit(SKIP)


def tiny_guest(tmp, name, asm):
    """A bare-metal AArch64 ELF at the start of RAM from assembly text."""
    src = os.path.join(tmp, name + '.S')
    with open(src, 'w') as f:
        f.write(asm)
    return cross_compile(src, os.path.join(tmp, name + '.elf'),
                         ['-nostdlib', '-static', '-Wl,-Ttext=0x40080000',
                          '-Wl,--build-id=none'])


POWEROFF_ASM = """
    .global _start
_start:
    movz x0, #0x0008
    movk x0, #0x8400, lsl #16       // PSCI SYSTEM_OFF
    hvc  #0
1:  b 1b
"""


def need_cpu(mimic, tmp):
    """Skips unless this build's system mode runs guest code: a guest
    that only powers off must make mimic exit 0."""
    elf = tiny_guest(tmp, 'poweroff', POWEROFF_ASM)
    r = subprocess.run([mimic, '-M', 'virt', '-kernel', elf, '-serial',
                        'null', '-monitor', 'none'], capture_output=True,
                       text=True, timeout=120, stdin=subprocess.DEVNULL)
    if 'not implemented yet' in r.stderr:
        skip('the system-mode CPU is not in this build yet')
    if r.returncode != 0:
        raise RuntimeError(f'a guest that powers off: exit {r.returncode}: '
                           f'{r.stderr}')


def need_sdl(mimic, tmp):
    """Skips when this mimic was built without SDL2."""
    r = subprocess.run([mimic, '-display', 'sdl', '-kernel', '/nonexistent'],
                       capture_output=True, text=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    if 'built without SDL2' in r.stderr:
        skip('this mimic was built without SDL2')


def need_tool(name, why=''):
    path = shutil.which(name)
    if not path:
        skip(f'{name} is not installed {why}'.strip())
    return path


def kernel_image():
    img = os.path.join(KERNEL_DIR, 'Image')
    if not os.path.exists(img):
        skip('no guest kernel (run scripts/fetch-guests kernel)')
    return img


def kernel_module(rel):
    """Path of a module under lib/modules/VER/kernel/, e.g.
    'drivers/input/evdev.ko'."""
    p = os.path.join(KERNEL_DIR, 'modules', 'kernel', rel)
    if not os.path.exists(p):
        skip(f'no kernel module {rel} (run scripts/fetch-guests kernel)')
    return p


def module_closure(names):
    """The .ko files to insmod for the named modules, dependencies first
    (read from each module's .modinfo "depends=", as modprobe would from
    modules.dep, which the package does not ship)."""
    import re
    root = os.path.join(KERNEL_DIR, 'modules', 'kernel')
    if not os.path.isdir(root):
        skip('no kernel modules (run scripts/fetch-guests kernel)')
    index = {}
    for d, _, fs in os.walk(root):
        for f in fs:
            if f.endswith('.ko'):
                index[f[:-3].replace('-', '_')] = os.path.join(d, f)
    order = []

    def visit(name):
        name = name.replace('-', '_')
        if name in (os.path.basename(p)[:-3].replace('-', '_')
                    for p in order):
            return
        if name not in index:
            skip(f'no kernel module {name}')
        data = open(index[name], 'rb').read()
        m = re.search(rb'depends=([^\0]*)\0', data)
        for dep in (m.group(1).decode().split(',') if m else []):
            if dep:
                visit(dep)
        order.append(index[name])

    for n in names:
        visit(n)
    return order


def busybox():
    p = os.path.join(GUESTS, 'sysroot', 'bin', 'busybox')
    if not os.path.exists(p):
        skip('no busybox (run scripts/fetch-guests base)')
    return p


def cross_compile(src, out, extra=()):
    need_tool(CROSS_CC, '(the aarch64 cross compiler)')
    subprocess.run([CROSS_CC, *extra, '-o', out, src], check=True)
    return out


# ---- initramfs: cpio newc (the format Linux's initramfs unpacker reads:
# Documentation/driver-api/early-userspace/buffer-format.rst) ----

def _cpio_entry(name, mode, data=b'', ino=1, nlink=1):
    name_b = name.encode() + b'\0'
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0,
              len(name_b), 0]
    hdr = b'070701' + b''.join(b'%08X' % f for f in fields)
    out = hdr + name_b
    out += b'\0' * (-len(out) % 4)
    out += data
    out += b'\0' * (-len(out) % 4)
    return out


def make_initramfs(path, files, dirs=('bin', 'dev', 'proc', 'sys', 'tmp')):
    """files: {guest path: (host file or bytes, mode)}.  Also makes a
    /dev/console node, which the kernel opens for init's stdio."""
    blob = b''
    ino = 100
    for d in dirs:
        blob += _cpio_entry(d, 0o040755, ino=ino, nlink=2)
        ino += 1
    # character device 5:1 (console): rdevmajor/rdevminor fields
    name_b = b'dev/console\0'
    fields = [ino, 0o020600, 0, 0, 1, 0, 0, 0, 0, 5, 1, len(name_b), 0]
    ent = b'070701' + b''.join(b'%08X' % f for f in fields) + name_b
    blob += ent + b'\0' * (-len(ent) % 4)
    ino += 1
    for gpath, (src, mode) in sorted(files.items()):
        data = src if isinstance(src, bytes) else open(src, 'rb').read()
        blob += _cpio_entry(gpath.lstrip('/'), 0o100000 | mode, data, ino)
        ino += 1
    blob += _cpio_entry('TRAILER!!!', 0, ino=0)
    with open(path, 'wb') as f:
        f.write(blob)
    return path


# ---- running mimic with a monitor socket ----

class Machine:
    """mimic-system-aarch64 with its monitor on a unix socket and the
    serial console in a file."""

    def __init__(self, mimic, args, tmp, env=None):
        """mimic may be a wrapper (xvfb-run) whose arguments start args."""
        self.sock_path = os.path.join(tmp, 'monitor.sock')
        self.serial_path = os.path.join(tmp, 'serial.log')
        cmd = [mimic, *args, '-serial', f'file:{self.serial_path}',
               '-monitor', f'unix:{self.sock_path},server,nowait']
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        self.sock = None
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError('mimic exited early: ' +
                                   self.proc.stderr.read().decode())
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(self.sock_path)
                self.sock = s
                break
            except OSError:
                time.sleep(0.1)
        if not self.sock:
            raise RuntimeError('no monitor socket')
        self.read_until('(mimic) ')

    def read_until(self, marker, timeout=60):
        buf = b''
        self.sock.settimeout(timeout)
        while not buf.endswith(marker.encode()):
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError('monitor closed: ' + buf.decode())
            buf += chunk
        return buf.decode()

    def cmd(self, line, timeout=60):
        """Runs a monitor command; returns its output without the prompt."""
        self.sock.sendall(line.encode() + b'\n')
        out = self.read_until('(mimic) ', timeout)
        return out[:-len('(mimic) ')]

    def serial(self):
        try:
            with open(self.serial_path, 'rb') as f:
                return f.read().decode(errors='replace')
        except OSError:
            return ''

    def wait_serial(self, text, timeout):
        """Waits for text on the console; gives up early if mimic exits or
        the kernel panics."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            log = self.serial()
            if text in log:
                return True
            if self.proc.poll() is not None or 'Kernel panic' in log:
                return False
            time.sleep(0.5)
        return False

    def quit(self):
        try:
            self.sock.sendall(b'quit\n')
        except OSError:
            pass
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.sock.close()
        return rc
