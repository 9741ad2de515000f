# SPDX-License-Identifier: MIT
"""An Xvfb server for the display tests, and fake keyboard and mouse
input into it through the XTEST extension (libXtst through ctypes, so no
X development headers or xdotool are needed).  The screen is also dumped
to a file (-fbdir) that pngread.read_xwd reads."""
import ctypes
import ctypes.util
import os
import subprocess
import time

import guestlib


class XServer:
    def __init__(self, tmp, width=1280, height=1024):
        guestlib.need_tool('Xvfb', '(package xvfb)')
        self.fbdir = os.path.join(tmp, 'xfb')
        os.makedirs(self.fbdir, exist_ok=True)
        r, w = os.pipe()
        self.proc = subprocess.Popen(
            ['Xvfb', '-displayfd', str(w), '-screen', '0',
             f'{width}x{height}x24', '-nolisten', 'tcp', '-fbdir',
             self.fbdir], pass_fds=(w,), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(w)
        num = b''
        while not num.endswith(b'\n'):
            c = os.read(r, 1)
            if not c:
                break
            num += c
        os.close(r)
        if not num.strip():
            self.proc.kill()
            guestlib.skip('Xvfb did not start')
        self.display = ':' + num.decode().strip()
        self._x11 = self._xtst = self._dpy = None

    def env(self):
        env = dict(os.environ)
        env['DISPLAY'] = self.display
        for k in ('WAYLAND_DISPLAY', 'SDL_VIDEODRIVER'):
            env.pop(k, None)
        return env

    def screen_file(self):
        files = os.listdir(self.fbdir)
        return os.path.join(self.fbdir, files[0]) if files else None

    # ---- XTEST ----

    def _open(self):
        if self._dpy:
            return
        x11 = ctypes.CDLL(ctypes.util.find_library('X11') or 'libX11.so.6')
        name = ctypes.util.find_library('Xtst') or 'libXtst.so.6'
        try:
            xtst = ctypes.CDLL(name)
        except OSError:
            guestlib.skip('no libXtst (XTEST) to fake input with')
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XStringToKeysym.restype = ctypes.c_ulong
        x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XFlush.argtypes = [ctypes.c_void_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint,
                                           ctypes.c_int, ctypes.c_ulong]
        xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint,
                                              ctypes.c_int, ctypes.c_ulong]
        xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int,
                                              ctypes.c_int, ctypes.c_int,
                                              ctypes.c_ulong]
        self._dpy = x11.XOpenDisplay(self.display.encode())
        if not self._dpy:
            raise RuntimeError('cannot open ' + self.display)
        self._x11, self._xtst = x11, xtst

    def find_window(self, width, height):
        """(x, y) of a mapped top-level window of that size, or None.  No
        window manager runs, so top-level windows are the root's children
        and their geometry is relative to the screen."""
        self._open()
        x11, c = self._x11, ctypes
        x11.XDefaultRootWindow.restype = c.c_ulong
        x11.XDefaultRootWindow.argtypes = [c.c_void_p]
        x11.XQueryTree.argtypes = [c.c_void_p, c.c_ulong,
                                   c.POINTER(c.c_ulong),
                                   c.POINTER(c.c_ulong),
                                   c.POINTER(c.POINTER(c.c_ulong)),
                                   c.POINTER(c.c_uint)]
        x11.XGetGeometry.argtypes = [c.c_void_p, c.c_ulong,
                                     c.POINTER(c.c_ulong)] + \
            [c.POINTER(c.c_int)] * 2 + [c.POINTER(c.c_uint)] * 4
        x11.XFree.argtypes = [c.c_void_p]
        root = x11.XDefaultRootWindow(self._dpy)
        r, parent = c.c_ulong(), c.c_ulong()
        kids, n = c.POINTER(c.c_ulong)(), c.c_uint()
        if not x11.XQueryTree(self._dpy, root, c.byref(r), c.byref(parent),
                              c.byref(kids), c.byref(n)):
            return None
        found = None
        for i in range(n.value):
            x, y = c.c_int(), c.c_int()
            w, h, b, d = c.c_uint(), c.c_uint(), c.c_uint(), c.c_uint()
            if x11.XGetGeometry(self._dpy, kids[i], c.byref(r), c.byref(x),
                                c.byref(y), c.byref(w), c.byref(h),
                                c.byref(b), c.byref(d)) and \
                    (w.value, h.value) == (width, height):
                found = (x.value, y.value)
        if kids:
            x11.XFree(kids)
        return found

    def key(self, keysym, down):
        self._open()
        code = self._x11.XKeysymToKeycode(
            self._dpy, self._x11.XStringToKeysym(keysym.encode()))
        self._xtst.XTestFakeKeyEvent(self._dpy, code, 1 if down else 0, 0)
        self._x11.XFlush(self._dpy)

    def type(self, keysyms, delay=0.15):
        for k in keysyms:
            self.key(k, True)
            time.sleep(delay)
            self.key(k, False)
            time.sleep(delay)

    def move(self, x, y):
        self._open()
        self._xtst.XTestFakeMotionEvent(self._dpy, 0, x, y, 0)
        self._x11.XFlush(self._dpy)

    def click(self, button=1, delay=0.15):
        self._open()
        self._xtst.XTestFakeButtonEvent(self._dpy, button, 1, 0)
        self._x11.XFlush(self._dpy)
        time.sleep(delay)
        self._xtst.XTestFakeButtonEvent(self._dpy, button, 0, 0)
        self._x11.XFlush(self._dpy)

    def close(self):
        if self._dpy:
            self._x11.XCloseDisplay(self._dpy)
            self._dpy = None
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
