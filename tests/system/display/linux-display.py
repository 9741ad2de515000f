#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Debian's arm64 kernel with the display and input devices.

  linux-display.py fbcon MIMIC OUTDIR [mimic options...]
      -display sdl under Xvfb with the simple framebuffer: once the kernel
      has handed its console to fbcon (console=tty0), a screendump through
      the monitor must be 1024x768 and hold console text (several colours,
      thousands of non-background pixels).  Kept as linux-fbcon.png.
  linux-display.py input MIMIC OUTDIR [mimic options...]
      A virtio keyboard and tablet: the initramfs loads virtio_mmio,
      virtio_input and evdev; a guest program (evread.c) reads each one's
      /dev/input/event* while a shell reads a line from tty1.  The
      monitor's sendkey types "hi" and Enter, which must arrive as key
      events and as the line "hi"; mouse_move and mouse_button must
      arrive as absolute position and button events.
  linux-display.py sdl-input MIMIC OUTDIR [mimic options...]
      Typing into the window: -display sdl on an Xvfb server of the
      test's own, with the keyboard and tablet -display sdl adds; keys and
      a click faked through XTEST must reach evdev in the guest, and the
      typed line the console.
  linux-display.py gpu MIMIC OUTDIR [mimic options...]
      virtio-gpu without the simple framebuffer, under Xvfb: the initramfs
      loads virtio-gpu and its DRM modules; fbcon takes the virtio-gpu
      framebuffer, the display shows its scanout (info display), and the
      screendump holds console text.  Kept as linux-virtio-gpu.png.

Exits 77 (skipped) without the guest kernel, busybox, the cross compiler,
Xvfb (fbcon, gpu) or a system-mode CPU.
"""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import guestlib  # noqa: E402
import pngread  # noqa: E402
import xserver  # noqa: E402

failures = 0
HERE = os.path.dirname(os.path.abspath(__file__))


def check(cond, what, detail=''):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures += 1
        if detail:
            print('     ' + str(detail).replace('\n', '\n     '))


INIT_HEAD = """#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in /lib/modules/*.ko; do insmod $m; done
echo MIMIC-INIT-UP
"""

INIT_TAIL = """
echo MIMIC-INIT-DONE
poweroff -f
"""

INIT = {
    'fbcon': """
echo "mimic display test: text on the framebuffer console" > /dev/tty0
sleep 1000
""",
    'input': """
/evread "mimic virtio keyboard" 28 &
/evread "mimic virtio tablet" 272 &
read -r line < /dev/tty1
echo "TTY-LINE:[$line]"
wait
""",
'sdl-input': """
/evread "mimic virtio keyboard" 28 &
/evread "mimic virtio tablet" 272 &
read -r line < /dev/tty1
echo "TTY-LINE:[$line]"
wait
""",
    'gpu': """
i=0
while [ ! -e /dev/dri/card0 ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i+1)); done
ls /dev/dri
cat /proc/fb
echo "mimic display test: text on virtio-gpu" > /dev/tty0
echo MIMIC-GPU-UP
sleep 1000
""",
}

MODULES = {
    'fbcon': [],
    'input': ['virtio_mmio', 'virtio_input', 'evdev'],
    'sdl-input': ['virtio_mmio', 'virtio_input', 'evdev'],
    'gpu': ['virtio_mmio', 'virtio-gpu'],
}


def build_initrd(mode, tmp):
    files = {'/init': ((INIT_HEAD + INIT[mode] + INIT_TAIL).encode(), 0o755),
             '/bin/busybox': (guestlib.busybox(), 0o755)}
    for i, ko in enumerate(guestlib.module_closure(MODULES[mode])):
        # numbered so the shell glob loads them dependencies first
        files[f'/lib/modules/{i:02d}-{os.path.basename(ko)}'] = (ko, 0o644)
    if mode in ('input', 'sdl-input'):
        files['/evread'] = (guestlib.cross_compile(
            os.path.join(HERE, 'evread.c'), os.path.join(tmp, 'evread'),
            ['-static', '-O2']), 0o755)
    return guestlib.make_initramfs(os.path.join(tmp, 'initrd'), files,
                                   dirs=('bin', 'dev', 'proc', 'sys', 'tmp',
                                         'lib', 'lib/modules'))


def boot(mimic, mode, tmp, extra, sdl, fb=True):
    initrd = build_initrd(mode, tmp)
    args = ['-M', 'virt,framebuffer=' + ('on' if fb else 'off'), '-m', '512M',
            '-kernel', guestlib.kernel_image(), '-initrd', initrd,
            '-append', 'console=tty0 console=ttyAMA0 panic=0', '-no-reboot',
            *extra]
    env = dict(os.environ)
    if sdl:
        env.pop('SDL_VIDEODRIVER', None)
        return guestlib.Machine('xvfb-run', ['-a', '-s',
                                             '-screen 0 1280x1024x24',
                                             mimic, '-display', 'sdl',
                                             *args], tmp, env=env)
    return guestlib.Machine(mimic, ['-display', 'none', *args], tmp, env=env)


def check_text_shot(m, path, what, outdir, keep):
    out = m.cmd('screendump ' + path)
    check(out.strip() == '', f'{what}: screendump', out)
    if not os.path.exists(path):
        return
    shutil.copy(path, os.path.join(outdir, keep))
    w, h, rows = pngread.read_png(path)
    check((w, h) == (1024, 768), f'{what}: picture is {w}x{h}')
    colours, ink = pngread.count_colours(rows)
    check(colours >= 2 and ink > 2000,
          f'{what}: console text ({colours} colours, {ink} lit pixels)')


def test_fbcon(mimic, outdir, tmp, extra):
    guestlib.need_tool('xvfb-run', '(package xvfb)')
    guestlib.need_sdl(mimic, tmp)
    m = boot(mimic, 'fbcon', tmp, extra, sdl=True)
    try:
        up = m.wait_serial('Run /init as init process', 900)
        check(up, 'the kernel reached init', m.serial()[-2000:])
        check('simplefb registered' in m.serial(), 'simplefb bound')
        time.sleep(3)
        check(m.cmd('info display').strip() == 'framebuffer: 1024x768',
              'the display shows the framebuffer')
        check_text_shot(m, os.path.join(tmp, 'fbcon.png'), 'fbcon', outdir,
                        'linux-fbcon.png')
    finally:
        m.quit()


def test_input(mimic, outdir, tmp, extra):
    m = boot(mimic, 'input', tmp,
             ['-device', 'virtio-keyboard-device',
              '-device', 'virtio-tablet-device', *extra], sdl=False)
    try:
        ready = m.wait_serial('EVREAD READY', 900)
        time.sleep(1)
        log = m.serial()
        check(ready and log.count('EVREAD READY') == 2,
              'the guest found the virtio keyboard and tablet', log[-3000:])
        if ready:
            for k in ('h', 'i', 'ret'):
                m.cmd(f'sendkey {k} 50')
                time.sleep(0.3)
            # the display is 1024x768: (512, 767) is the bottom middle
            m.cmd('mouse_move 512 767')
            m.cmd('mouse_button 1')
            m.cmd('mouse_button 0')
            m.wait_serial('TTY-LINE:', 120)
            time.sleep(1)
        log = m.serial()
        for code, name in ((35, 'h'), (23, 'i'), (28, 'Enter')):
            check(f'KEY {code} 1' in log and f'KEY {code} 0' in log,
                  f'evdev saw {name} pressed and released', log[-1500:])
        check('TTY-LINE:[hi]' in log, 'the console read the line "hi"',
              log[-1500:])
        check(f'ABS 0 {512 * 32767 // 1023}' in log and 'ABS 1 32767' in log,
              'evdev saw the tablet move', log[-1500:])
        check('KEY 272 1' in log and 'KEY 272 0' in log,
              'evdev saw the left button pressed and released', log[-1500:])
    finally:
        m.quit()


def test_sdl_input(mimic, outdir, tmp, extra):
    guestlib.need_sdl(mimic, tmp)
    x = xserver.XServer(tmp)
    initrd = build_initrd('sdl-input', tmp)
    m = None
    try:
        m = guestlib.Machine(mimic, [
            '-display', 'sdl', '-m', '512M', '-kernel',
            guestlib.kernel_image(), '-initrd', initrd, '-append',
            'console=tty0 console=ttyAMA0 panic=0', '-no-reboot', *extra],
            tmp, env=x.env())
        ready = m.wait_serial('EVREAD READY', 900)
        time.sleep(1)
        log = m.serial()
        check(ready and log.count('EVREAD READY') == 2,
              'the guest found the keyboard and tablet -display sdl added',
              log[-3000:])
        # the pointer over the window gives it the keyboard (no window
        # manager: the focus follows the pointer)
        at = x.find_window(1024, 768)
        check(at is not None, f'the 1024x768 window is on the screen at {at}')
        x0, y0 = at or (128, 128)
        x.move(x0 + 512, y0 + 767)      # the middle of the bottom row
        time.sleep(0.5)
        x.click(1)                      # grabs, and the tablet clicks
        time.sleep(0.5)
        x.type(['h', 'i', 'Return'])
        m.wait_serial('TTY-LINE:', 120)
        time.sleep(1)
        log = m.serial()
        for code, name in ((35, 'h'), (23, 'i'), (28, 'Enter')):
            check(f'KEY {code} 1' in log and f'KEY {code} 0' in log,
                  f'a key typed in the window: {name}', log[-1500:])
        check('TTY-LINE:[hi]' in log, 'the console read the typed line',
              log[-1500:])
        check('KEY 272 1' in log and 'KEY 272 0' in log,
              'a click in the window reached the tablet', log[-1500:])
        check(f'ABS 0 {512 * 32767 // 1023}' in log and 'ABS 1 32767' in log,
              'the pointer position reached the tablet', log[-1500:])
    finally:
        if m:
            m.quit()
        x.close()


def test_gpu(mimic, outdir, tmp, extra):
    guestlib.need_tool('xvfb-run', '(package xvfb)')
    guestlib.need_sdl(mimic, tmp)
    # without the simple framebuffer, so that fbcon takes virtio-gpu's
    m = boot(mimic, 'gpu', tmp, ['-device', 'virtio-gpu-device', *extra],
             sdl=True, fb=False)
    try:
        up = m.wait_serial('MIMIC-GPU-UP', 900)
        log = m.serial()
        check(up and 'card0' in log, 'virtio-gpu bound (/dev/dri/card0)',
              log[-3000:])
        check('virtio_gpudrmfb' in log, 'fbcon on virtio-gpu\'s fbdev',
              log[-1500:])
        time.sleep(3)
        out = m.cmd('info display').strip()
        check(out.startswith('virtio-gpu: '), 'the display follows the '
              'virtio-gpu scanout', out)
        check_text_shot(m, os.path.join(tmp, 'gpu.png'), 'virtio-gpu',
                        outdir, 'linux-virtio-gpu.png')
    finally:
        m.quit()


def main():
    mode, mimic, outdir, extra = (sys.argv[1], sys.argv[2], sys.argv[3],
                                  sys.argv[4:])
    guestlib.kernel_image()
    guestlib.busybox()
    with tempfile.TemporaryDirectory() as tmp:
        guestlib.need_cpu(mimic, tmp)
        {'fbcon': test_fbcon, 'input': test_input,
         'sdl-input': test_sdl_input,
         'gpu': test_gpu}[mode](mimic, outdir, tmp, extra)
    print(f'{failures} failures' if failures else 'passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
