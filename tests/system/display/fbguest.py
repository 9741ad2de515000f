# SPDX-License-Identifier: MIT
"""A bare-metal guest for the display tests: fills the 1024x768
simple-framebuffer at 0x1000_0000 with a pattern, then waits for
interrupts forever.  pattern() gives the same picture on the host side.
"""
import guestlib

W, H = 1024, 768

ASM = """
    .global _start
_start:
    movz x0, #0x1000, lsl #16       // the framebuffer
    mov  x1, #0                     // pixel index
    movz x3, #0
    movk x3, #0xc, lsl #16          // 1024 * 768 pixels
1:  and  w2, w1, #0xff              // blue: index
    lsr  w4, w1, #2
    and  w4, w4, #0xff00            // green: row / 4
    orr  w2, w2, w4
    lsr  w4, w1, #10
    eor  w4, w4, w1                 // red: row ^ index
    and  w4, w4, #0xff
    orr  w2, w2, w4, lsl #16
    str  w2, [x0, x1, lsl #2]
    add  x1, x1, #1
    cmp  x1, x3
    b.ne 1b
    .global idle
idle:
    wfi
    b    idle
"""


def build(tmp):
    return guestlib.tiny_guest(tmp, 'fbguest', ASM)


def pixel(x, y):
    """(r, g, b) of the guest's pixel at (x, y)."""
    i = y * W + x
    return (((i >> 10) ^ i) & 0xff, (i >> 10) & 0xff, i & 0xff)
