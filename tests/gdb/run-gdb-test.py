#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""run-gdb-test.py - one gdbstub test: gdb-multiarch against mimic-aarch64 -g.

Starts `mimic-aarch64 -g 127.0.0.1:0 PROGRAM` (the port is the system's
choice; mimic prints it), runs `gdb-multiarch -batch` with the test's script
connected to it, and checks gdb's output, the program's output and mimic's
exit status against the directives in the script:

    #@ expect: REGEX          must match gdb's output, after the previous
                              expect's match (so order is checked too)
    #@ expect-anywhere: REGEX must match gdb's output, order not checked
    #@ reject: REGEX          must not match anywhere in gdb's output
    #@ stdout: REGEX          must match the program's stdout
    #@ exit: N | signal N | running
                              mimic's exit status (default 0); 'running'
                              means still running when gdb is done
    #@ interrupt-after: TEXT  send SIGINT to gdb (which sends Ctrl-C to the
                              target) once TEXT shows in gdb's output
    #@ kill-gdb-after: TEXT   kill gdb with SIGKILL once TEXT shows
    #@ stdin-after-gdb: TEXT  the program's stdin is a pipe that gets TEXT
                              and a newline once gdb has ended
    #@ socket: unix           connect through a Unix socket instead of TCP
    #@ no-file: yes            do not give gdb the program: it asks the stub
    #@ args: A B ...          program arguments
    #@ allow-skip: yes        a failure caused by an instruction or system
                              call mimic lacks is a skip (C guests, while
                              the ISA is being completed)

Exits 0 on success, 1 with the missing pattern and all the output on
failure, 77 (meson's "skipped") when gdb-multiarch is missing, or when the
run failed because mimic does not implement an instruction the guest needs
yet and the test allows that (it then says why instead of failing).
"""
import argparse
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

BAD_GDB = [
    r"Remote communication error", r"Protocol error", r"internal-error",
    r"Ignoring packet error", r"Invalid remote reply", r"Remote failure reply",
    r"Remote connection closed", r"Couldn't get registers",
]


def parse_directives(path):
    d = {"expect": [], "expect-anywhere": [], "reject": [], "stdout": [],
         "exit": "0",
         "interrupt-after": None, "kill-gdb-after": None, "socket": "tcp",
         "args": [], "allow-skip": "no", "stdin-after-gdb": None,
         "no-file": "no"}
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*#@\s*([a-z-]+):\s?(.*?)\s*$", line)
            if not m:
                continue
            key, val = m.group(1), m.group(2)
            if key in ("expect", "expect-anywhere", "reject", "stdout"):
                d[key].append(val)
            elif key == "args":
                d["args"] = shlex.split(val)
            elif key in d:
                d[key] = val
            else:
                sys.exit(f"{path}: unknown directive '{key}'")
    return d


class Reader(threading.Thread):
    """Collects a pipe's output; calls on_text(text so far) as it grows."""

    def __init__(self, pipe, on_text=None):
        super().__init__(daemon=True)
        self.pipe, self.on_text = pipe, on_text
        self.buf, self.lock = "", threading.Lock()

    def run(self):
        for chunk in iter(lambda: self.pipe.read1(4096), b""):
            with self.lock:
                self.buf += chunk.decode("utf-8", "replace")
                text = self.buf
            if self.on_text:
                self.on_text(text)

    def text(self):
        with self.lock:
            return self.buf


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_qemu(args, d, tmp):
    """--qemu: the same script against qemu-aarch64's gdbstub, to check what
    a script expects of gdb when mimic cannot run the guest yet."""
    port = free_port()
    out = open(os.path.join(tmp, "stdout"), "wb")
    proc = subprocess.Popen([args.qemu, "-g", str(port), args.program] +
                            d["args"], stdout=out, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    err = Reader(proc.stderr)
    err.start()
    time.sleep(0.3)
    return proc, err, f"127.0.0.1:{port}"


def start_mimic(args, d, tmp):
    if args.qemu:
        return start_qemu(args, d, tmp)
    cmd = [args.mimic, "-backend", args.backend]
    sock = None
    if d["socket"] == "unix":
        sock = os.path.join(tmp, "gdb.sock")
        cmd += ["-g", sock]
    else:
        cmd += ["-g", "127.0.0.1:0"]
    cmd += [args.program] + d["args"]
    out = open(os.path.join(tmp, "stdout"), "wb")
    stdin = subprocess.PIPE if d["stdin-after-gdb"] else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE,
                            stdin=stdin)
    err = Reader(proc.stderr)
    err.start()
    deadline = time.time() + 10
    while time.time() < deadline:
        if sock and os.path.exists(sock):
            return proc, err, sock
        m = re.search(r"waiting for gdb on port (\d+)", err.text())
        if m:
            return proc, err, f"127.0.0.1:{m.group(1)}"
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    fail(f"mimic did not start listening: {err.text()}")


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def trigger(gdb, d):
    """Returns the on_text callback that fires interrupt / kill once."""
    fired = []

    def on_text(text):
        for key, sig in (("interrupt-after", signal.SIGINT),
                         ("kill-gdb-after", signal.SIGKILL)):
            want = d[key]
            if want and key not in fired and want in text:
                fired.append(key)

                def send(s=sig):
                    time.sleep(0.5)
                    try:
                        if s == signal.SIGKILL:
                            # with whatever it runs (shell sleep)
                            os.killpg(gdb[0].pid, s)
                        else:
                            os.kill(gdb[0].pid, s)
                    except ProcessLookupError:
                        pass
                threading.Thread(target=send, daemon=True).start()
    return on_text


def check(args, d, gdb_out, stdout, status, mimic_err):
    errors = []
    pos = 0
    for pat in d["expect"]:
        m = re.compile(pat, re.M).search(gdb_out, pos)
        if not m:
            where = "anywhere" if not re.search(pat, gdb_out, re.M) else \
                    "in order (it appears earlier)"
            errors.append(f"gdb output lacks /{pat}/ {where}")
            break
        pos = m.end()
    for pat in d["expect-anywhere"]:
        if not re.search(pat, gdb_out, re.M):
            errors.append(f"gdb output lacks /{pat}/")
    for pat in d["reject"] + BAD_GDB:
        if re.search(pat, gdb_out, re.M):
            errors.append(f"gdb output has /{pat}/")
    for pat in d["stdout"]:
        if not re.search(pat, stdout, re.M):
            errors.append(f"program stdout lacks /{pat}/")
    want = d["exit"]
    if want == "running":
        if status is not None:
            errors.append(f"mimic ended ({status}) but should still run")
    elif want.startswith("signal"):
        sig = int(want.split()[1])
        if status != -sig:
            errors.append(f"mimic exit {status}, want killed by signal {sig}")
    elif status != int(want):
        errors.append(f"mimic exit {status}, want {want}")
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mimic")
    ap.add_argument("--gdb", default="gdb-multiarch")
    ap.add_argument("--backend", default="interp")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print gdb's output even on success")
    ap.add_argument("--qemu", help="debug under this qemu-aarch64 instead "
                    "(to try a script out; not for the test suite)")
    ap.add_argument("script")
    ap.add_argument("program")
    args = ap.parse_args()
    if not shutil.which(args.gdb):
        print(f"SKIP: {args.gdb} not installed")
        sys.exit(77)
    d = parse_directives(args.script)
    tmp = tempfile.mkdtemp(prefix="gdbtest-")
    mimic, mimic_err, target = start_mimic(args, d, tmp)
    gdb = []
    gdb_cmd = [args.gdb, "-nx", "-batch",
               "-ex", "set pagination off", "-ex", "set confirm off",
               "-ex", "set width 0", "-ex", "set architecture aarch64",
               "-ex", f"file {args.program}",
               "-ex", f"target remote {target}", "-x", args.script]
    if d["no-file"] == "yes":
        i = gdb_cmd.index(f"file {args.program}")
        del gdb_cmd[i - 1:i + 1]
    gdb.append(subprocess.Popen(gdb_cmd, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL,
                                start_new_session=True))
    rd = Reader(gdb[0].stdout, trigger(gdb, d))
    rd.start()
    try:
        gdb[0].wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        gdb[0].kill()
        gdb[0].wait()
        rd.join(2)
        print(rd.text())
        mimic.kill()
        mimic.wait()
        fail("gdb timed out")
    rd.join(5)
    if d["stdin-after-gdb"] and not args.qemu:
        try:
            mimic.stdin.write((d["stdin-after-gdb"] + "\n").encode())
            mimic.stdin.close()
        except OSError:
            pass
    # After gdb: the program ends by itself (exit, kill) or runs on.
    status = None
    try:
        status = mimic.wait(timeout=2 if d["exit"] == "running" else 20)
    except subprocess.TimeoutExpired:
        pass
    if status is None:
        mimic.kill()
        mimic.wait()
    mimic_err.join(2)
    with open(os.path.join(tmp, "stdout"), errors="replace") as f:
        stdout = f.read()
    shutil.rmtree(tmp, ignore_errors=True)
    gdb_out = rd.text()
    errors = check(args, d, gdb_out, stdout, status, mimic_err.text())
    if args.verbose:
        print("---- gdb output ----\n" + gdb_out)
        print(f"---- program stdout (exit {status}) ----\n" + stdout)
    if not errors:
        print("PASS")
        return 0
    if d["allow-skip"] == "yes" and re.search(
            r"mimic: (illegal instruction|unsupported syscall)|"
            r"Program received signal SIGILL", mimic_err.text() + gdb_out):
        print("SKIP: the guest needs what mimic does not implement yet:")
        print(mimic_err.text())
        return 77
    for e in errors:
        print(f"FAIL: {e}")
    print("---- gdb output ----\n" + gdb_out)
    print("---- program stdout ----\n" + stdout)
    print("---- mimic stderr ----\n" + mimic_err.text())
    return 1


if __name__ == "__main__":
    sys.exit(main())
