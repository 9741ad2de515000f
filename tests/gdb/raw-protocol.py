#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""raw-protocol.py - hostile and edge-case packets against mimic-aarch64 -g.

Speaks the GDB remote protocol directly (no gdb) to the user-mode target:
unmapped and wrapping addresses, huge lengths, writes into code and into
the PROT_NONE part of the guest window, odd watchpoints, bad thread ids,
bad checksums, then checks the program still runs correctly to its exit
and that mimic never crashed.  Usage:
    raw-protocol.py --mimic build/mimic-aarch64 GUEST
GUEST is tests/gdb/asm/calls.S built (prints a line, exits 15).
"""
import argparse
import re
import socket
import subprocess
import sys
import time

failures = []


def csum(body):
    return "%02x" % (sum(body.encode("latin-1")) & 0xff)


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.buf = b""

    def raw(self, data):
        self.s.sendall(data.encode("latin-1"))

    def read_packet(self):
        """Next packet body (acking it); skips '+' acks."""
        while True:
            m = re.match(rb"^[-+]*\$([^#]*)#([0-9a-f]{2})", self.buf, re.S)
            if m:
                self.buf = self.buf[m.end():]
                self.s.sendall(b"+")
                return m.group(1).decode("latin-1")
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk

    def cmd(self, body):
        self.raw("$%s#%s" % (body, csum(body)))
        return self.read_packet()

    def monitor(self, text):
        """qRcmd: console output ('O' packets) then the final reply."""
        self.raw("$qRcmd,%s#%s" % (text.encode().hex(),
                                   csum("qRcmd," + text.encode().hex())))
        out = ""
        while True:
            r = self.read_packet()
            if r.startswith("O") and r != "OK":
                out += bytes.fromhex(r[1:]).decode(errors="replace")
            else:
                return out, r


def check(name, got, pattern):
    if not re.fullmatch(pattern, got, re.S):
        failures.append(f"{name}: got {got[:120]!r}, want /{pattern}/")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mimic", required=True)
    ap.add_argument("--backend", default="interp")
    ap.add_argument("guest")
    args = ap.parse_args()
    proc = subprocess.Popen([args.mimic, "-backend", args.backend,
                             "-g", "127.0.0.1:0", args.guest],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    port = None
    line = proc.stderr.readline().decode()
    m = re.search(r"port (\d+)", line)
    if not m:
        proc.kill()
        print(f"FAIL: mimic did not listen: {line}")
        return 1
    port = int(m.group(1))
    c = Conn(port)
    # Registers: the pc is the entry point; read it and the whole set.
    check("?", c.cmd("?"), r"T05thread:[0-9a-f]+;.*")
    pc = c.cmd("p20")
    check("p pc", pc, r"[0-9a-f]{16}")
    entry = int.from_bytes(bytes.fromhex(pc), "little")
    check("g", c.cmd("g"), r"[0-9a-f]{%d}" % (2 * (31 * 8 + 8 + 8 + 4 +
                                                    32 * 16 + 8)))
    check("p bad regno", c.cmd("p1000"), r"E\d\d")
    check("P bad size", c.cmd("P0=12"), r"E\d\d")
    # Memory: unmapped, PROT_NONE window, beyond the window, wrapping.
    check("m 0", c.cmd("m0,10"), r"E\d\d")
    check("m window end", c.cmd("m7ffffffff0,10"), r"E\d\d|")
    check("m far", c.cmd("mffffffffffff0000,100"), r"E\d\d")
    check("m wrap", c.cmd("mfffffffffffffff0,100"), r"E\d\d|")
    check("m huge len", c.cmd("m%x,ffffffffffffffff" % entry),
          r"[0-9a-f]+")
    check("m 0 len", c.cmd("m%x,0" % entry), r"")
    check("M unmapped", c.cmd("M1000,4:00000000"), r"E\d\d")
    check("M far", c.cmd("Mffffffffffff0000,4:00000000"), r"E\d\d")
    check("X wrap", c.cmd("Xffffffffffffffff,2:ab"), r"E\d\d")
    check("M bad hex", c.cmd("M%x,4:zz000000" % entry), r"E\d\d")
    # Writing code: the first instruction, rewritten with itself.
    insn = c.cmd("m%x,4" % entry)
    check("M code", c.cmd("M%x,4:%s" % (entry, insn)), r"OK")
    check("m code", c.cmd("m%x,4" % entry), re.escape(insn))
    # Breakpoints and watchpoints with odd arguments.
    check("Z0 far", c.cmd("Z0,ffffffffffffffff,4"), r"OK|E\d\d")
    check("z0 far", c.cmd("z0,ffffffffffffffff,4"), r"OK|E\d\d")
    check("z0 never set", c.cmd("z0,1234,4"), r"E\d\d")
    check("Z2 huge", c.cmd("Z2,1000,ffffffffffffffff"), r"E\d\d")
    check("Z2 zero len", c.cmd("Z2,1000,0"), r"E\d\d")
    check("Z3 far", c.cmd("Z3,ffffffffffff0000,8"), r"E\d\d")
    check("Z9", c.cmd("Z9,1000,4"), r"")
    check("Z garbage", c.cmd("Z0,xyz"), r"E\d\d")
    # Threads.
    check("H bad", c.cmd("Hg7fffffff"), r"E\d\d")
    check("T bad", c.cmd("T7fffffff"), r"E\d\d")
    check("qC", c.cmd("qC"), r"QC[0-9a-f]+")
    # Objects and monitor.
    check("auxv", c.cmd("qXfer:auxv:read::0,1000"), r"l.+")
    check("auxv past end", c.cmd("qXfer:auxv:read::100000,10"), r"l")
    check("exec-file", c.cmd("qXfer:exec-file:read::0,1000"),
          r"l/.*" + re.escape(args.guest.split("/")[-1]))
    out, r = c.monitor("zz")
    check("monitor junk", out, r"unknown monitor command 'zz'.*")
    check("monitor junk reply", r, r"OK")
    out, r = c.monitor("threads")
    check("monitor threads", out, r"thread \d+ pc 0x%x .*" % entry)
    check("qRcmd bad hex", c.cmd("qRcmd,zz"), r"E\d\d")
    # A bad checksum gets a NAK; then a normal exchange still works.
    c.raw("$m0,4#00")
    time.sleep(0.2)
    check("after bad csum", c.cmd("qC"), r"QC[0-9a-f]+")
    # The program still runs right: continue to its exit.
    try:
        check("continue", c.cmd("vCont;c"), r"W0f")
    except (EOFError, OSError) as e:
        failures.append(f"continue: {e}")
    out, err = proc.communicate(timeout=20)
    if proc.returncode != 15:
        failures.append(f"mimic exit {proc.returncode}, want 15")
    if b"gdb test program" not in out:
        failures.append(f"program output {out!r}")
    if failures:
        failures.append(f"mimic stderr: {err.decode(errors='replace')}")
    for f in failures:
        print(f"FAIL: {f}")
    if not failures:
        print("PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
