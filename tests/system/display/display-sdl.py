#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""-display sdl end to end under Xvfb, with the bare-metal framebuffer
guest (fbguest.py): the monitor's screendump must equal the guest's
picture pixel for pixel, and Xvfb's own screen (its -fbdir dump) must
show the same picture in the SDL window, drawn by mimic's refresh
timer.  The screendump is kept as display-sdl-fb.png in OUTDIR.

usage: display-sdl.py MIMIC OUTDIR
"""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fbguest  # noqa: E402
import guestlib  # noqa: E402
import pngread  # noqa: E402

failures = 0


def check(cond, what, detail=''):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures += 1
        if detail:
            print('     ' + str(detail))


def find_window(rows, w, h):
    """Top-left of the guest picture on the X screen, or None."""
    want = b''.join(bytes(fbguest.pixel(x, 0)) for x in range(32))
    for y in range(h):
        i = rows[y].find(want)
        while i >= 0:
            if i % 3 == 0:
                return i // 3, y
            i = rows[y].find(want, i + 1)
    return None


def run(mimic, outdir, tmp):
    elf = fbguest.build(tmp)
    fbdir = os.path.join(tmp, 'xfb')
    os.mkdir(fbdir)
    xvfb = ['xvfb-run', '-a', '-s', f'-screen 0 1280x1024x24 -fbdir {fbdir}']
    env = dict(os.environ)
    env.pop('SDL_VIDEODRIVER', None)
    m = guestlib.Machine(xvfb[0], xvfb[1:] + [mimic, '-display', 'sdl',
                                              '-kernel', elf], tmp, env=env)
    try:
        time.sleep(3)       # the guest draws; the window refreshes
        check(m.cmd('info display').strip() == 'framebuffer: 1024x768',
              '-display sdl turns the framebuffer on')
        out = m.cmd('info qtree')
        check('virtio-keyboard' in out and 'virtio-tablet' in out,
              '-display sdl adds a keyboard and a tablet')
        shot = os.path.join(tmp, 'shot.png')
        check(m.cmd('screendump ' + shot).strip() == '', 'screendump')
        w, h, rows = pngread.read_png(shot)
        check((w, h) == (1024, 768), f'screendump size {w}x{h}')
        bad = [(x, y) for y in range(0, h, 7) for x in range(0, w, 5)
               if rows[y][3 * x:3 * x + 3] != bytes(fbguest.pixel(x, y))]
        check(not bad, 'screendump holds the guest picture', bad[:5])
        shutil.copy(shot, os.path.join(outdir, 'display-sdl-fb.png'))
        time.sleep(0.5)
        screens = os.listdir(fbdir)
        check(screens, 'Xvfb wrote its screen')
        if screens:
            sw, sh, srows = pngread.read_xwd(os.path.join(fbdir, screens[0]))
            at = find_window(srows, sw, sh)
            check(at is not None, f'the SDL window shows the picture at {at}')
            if at:
                x0, y0 = at
                bad = [(x, y) for y in range(0, 768, 11)
                       for x in range(0, 1024, 13)
                       if srows[y0 + y][3 * (x0 + x):3 * (x0 + x) + 3]
                       != bytes(fbguest.pixel(x, y))]
                check(not bad, 'window pixels equal the guest picture',
                      bad[:5])
        m.cmd('stop')
        check(m.cmd('info status').strip() == 'VM status: paused',
              'paused, window still served')
    finally:
        rc = m.quit()
    check(rc == 0, f'quit: exit status {rc}')


def main():
    mimic, outdir = sys.argv[1], sys.argv[2]
    guestlib.need_tool('xvfb-run', '(package xvfb)')
    with tempfile.TemporaryDirectory() as tmp:
        guestlib.need_cpu(mimic, tmp)
        guestlib.need_sdl(mimic, tmp)
        run(mimic, outdir, tmp)
    print(f'{failures} failures' if failures else 'passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
