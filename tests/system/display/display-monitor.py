#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A scripted monitor session against a running guest (the bare-metal
framebuffer guest of fbguest.py), over the monitor's unix socket:
info status/registers/cpus/qtree/mtree/display, x/i at $pc through the
CPU's translation, xp of the framebuffer, stop and cont, sendkey into a
virtio keyboard, system_reset, screendump and quit.

usage: display-monitor.py MIMIC
"""
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fbguest  # noqa: E402
import guestlib  # noqa: E402

failures = 0


def check(cond, what, detail=''):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures += 1
        if detail:
            print('     ' + detail.replace('\n', '\n     '))


def session(mimic, tmp):
    elf = fbguest.build(tmp)
    m = guestlib.Machine(mimic, ['-M', 'virt,framebuffer=on', '-kernel', elf,
                                 '-device', 'virtio-keyboard-device'], tmp)
    try:
        time.sleep(2)       # the guest draws, then waits in WFI
        out = m.cmd('info status')
        check(out.strip() == 'VM status: running', 'info status: running',
              out)
        out = m.cmd('info registers')
        pc = re.search(r'PC=([0-9a-f]{16})', out)
        check(pc is not None and 'X00=0000000010000000' in out,
              'info registers: PC and x0 (the framebuffer base)', out)
        out = m.cmd('info cpus')
        check(re.search(r'\* CPU #0: pc=0x0000000040080\w+ EL1', out)
              is not None, 'info cpus', out)
        out = m.cmd('x/2i $pc - 4')
        check('wfi' in out and 'b #0x' in out, 'x/2i: wfi, b idle', out)
        out = m.cmd('xp/4xw 0x10000000')
        want = ' '.join('0x%08x' % (r << 16 | g << 8 | b) for r, g, b in
                        (fbguest.pixel(x, 0) for x in range(4)))
        check(out.strip() == '0000000010000000: ' + want,
              'xp of the framebuffer', out)
        out = m.cmd('x/1xw 0x10000000 + 4096 * 5')
        r, g, b = fbguest.pixel(0, 5)
        check(out.strip().endswith('0x%08x' % (r << 16 | g << 8 | b)),
              'x with an expression (MMU off: virtual is physical)', out)
        out = m.cmd('info qtree')
        check('virtio-keyboard (device id 18)' in out and
              'simple-framebuffer@10000000, 1024x768' in out,
              'info qtree', out)
        check('(ram)' in m.cmd('info mtree'), 'info mtree')
        check(m.cmd('info display').strip() == 'framebuffer: 1024x768',
              'info display')
        m.cmd('stop')
        out1 = m.cmd('info cpus')
        check(m.cmd('info status').strip() == 'VM status: paused',
              'stop: paused')
        time.sleep(0.5)
        check(m.cmd('info cpus') == out1, 'stop: the CPU stays put')
        m.cmd('cont')
        check(m.cmd('info status').strip() == 'VM status: running', 'cont')
        check(m.cmd('sendkey ctrl-alt-delete').strip() == '',
              'sendkey to the keyboard (no driver: dropped quietly)')
        check('unknown command' in m.cmd('launch missiles'),
              'a bad command')
        shot = os.path.join(tmp, 'shot.png')
        check(m.cmd('screendump ' + shot).strip() == '' and
              open(shot, 'rb').read(8) == b'\x89PNG\r\n\x1a\n', 'screendump')
        # reset: the board clears the framebuffer, the guest draws again
        m.cmd('system_reset')
        time.sleep(2)
        out = m.cmd('xp/1xw 0x10000000 + 8')
        r, g, b = fbguest.pixel(2, 0)
        check(out.strip().endswith('0x%08x' % (r << 16 | g << 8 | b)),
              'system_reset: the guest ran again', out)
        check(m.cmd('info status').strip() == 'VM status: running',
              'running after the reset')
    finally:
        rc = m.quit()
    check(rc == 0, f'quit: exit status {rc}')


def main():
    mimic = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        guestlib.need_cpu(mimic, tmp)
        session(mimic, tmp)
    print(f'{failures} failures' if failures else 'passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
