#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Command-line and device-tree checks of mimic-system-aarch64.

1. Options: -help/-version work, bad flags and unavailable features exit 1
   with a clear message.
2. -M virt,dumpdtb=F -kernel Image writes a DTB that dtc (if installed)
   reads back.
3. The generated DTB against QEMU's (qemu-system-aarch64 -M virt,dumpdtb,
   used as an oracle of what Linux expects; skipped without it): every
   node QEMU has for a device mimic implements must exist at the same path
   with the same properties, phandles compared by the node they point at.
   Deliberate differences are listed in KNOWN_DIFFERENCES.

Usage: system-cli.py path/to/mimic-system-aarch64
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

failures = 0


def check(cond, what):
    global failures
    if cond:
        print(f"ok   {what}")
    else:
        failures += 1
        print(f"FAIL {what}")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, **kw)


# ---- a minimal flattened device tree reader ----

def parse_fdt(blob):
    """Returns {path: {prop: bytes}} for a DTB."""
    magic, total, off_struct, off_strings = struct.unpack(">IIII", blob[:16])
    assert magic == 0xd00dfeed, "bad DTB magic"
    nodes, stack, pos = {}, [], off_struct
    while True:
        (tok,) = struct.unpack(">I", blob[pos:pos + 4])
        pos += 4
        if tok == 1:        # FDT_BEGIN_NODE
            end = blob.index(b"\0", pos)
            name = blob[pos:end].decode()
            pos = (end + 4) & ~3
            stack.append(name)
            path = "/" + "/".join(s for s in stack if s)
            nodes[path] = {}
        elif tok == 2:      # FDT_END_NODE
            stack.pop()
        elif tok == 3:      # FDT_PROP
            length, nameoff = struct.unpack(">II", blob[pos:pos + 8])
            pos += 8
            end = blob.index(b"\0", off_strings + nameoff)
            pname = blob[off_strings + nameoff:end].decode()
            path = "/" + "/".join(s for s in stack if s)
            nodes[path][pname] = blob[pos:pos + length]
            pos = (pos + length + 3) & ~3
        elif tok == 4:      # FDT_NOP
            continue
        elif tok == 9:      # FDT_END
            return nodes


def phandles(nodes):
    return {struct.unpack(">I", p["phandle"])[0]: path
            for path, p in nodes.items() if "phandle" in p}


def normalise(nodes, prop, value):
    """Replaces phandle cells by the path of the node they name."""
    ph = phandles(nodes)
    cells = [struct.unpack(">I", value[i:i + 4])[0]
             for i in range(0, len(value) - len(value) % 4, 4)]
    if prop in ("clocks", "interrupt-parent"):
        return tuple(ph.get(c, c) for c in cells)
    if prop == "gpios":
        return (ph.get(cells[0], cells[0]),) + tuple(cells[1:])
    return value


# Nodes of QEMU's tree for devices mimic does not model.
NOT_MODELLED = ("/flash@", "/fw-cfg@", "/platform-bus@", "/pcie@", "/pmu",
                "/cpus/cpu-map", "/intc@8000000/v2m@", "/intc@8000000/its@")
# (path prefix, property): why mimic differs on purpose.
KNOWN_DIFFERENCES = {
    ("/virtio_mmio@", "interrupts"):
        "level-triggered (4) rather than QEMU's edge (1): the transport's "
        "line is a level (InterruptStatus != 0)",
    ("/intc@8000000", "reg"):
        "GICv3: the redistributor region is sized by -smp, not fixed",
    ("/chosen", "rng-seed"): "random",
    ("/chosen", "kaslr-seed"): "random",
    ("/", "model"): "names mimic",
    ("/cpus/cpu@", "phandle"): "numbering",
}


def known(path, prop):
    for (prefix, p), _ in KNOWN_DIFFERENCES.items():
        if p == prop and (path == prefix or
                          (prefix.endswith("@") and path.startswith(prefix))):
            return True
    return prop == "phandle"


def compare_with_qemu(mimic, kernel, tmp, gic, smp):
    qdtb = os.path.join(tmp, f"q{gic}.dtb")
    mdtb = os.path.join(tmp, f"m{gic}.dtb")
    r = run(["qemu-system-aarch64", "-M", f"virt,gic-version={gic},"
             f"dumpdtb={qdtb}", "-cpu", "cortex-a57", "-m", "1G",
             "-smp", str(smp), "-display", "none"])
    if r.returncode or not os.path.exists(qdtb):
        print(f"SKIP qemu dumpdtb failed: {r.stderr.strip()}")
        return
    r = run([mimic, "-M", f"virt,gic-version={gic},dumpdtb={mdtb}", "-cpu",
             "cortex-a57", "-m", "1G", "-smp", str(smp), "-kernel", kernel])
    check(r.returncode == 0, f"mimic dumpdtb gic-version={gic}")
    q = parse_fdt(open(qdtb, "rb").read())
    m = parse_fdt(open(mdtb, "rb").read())
    for path, props in sorted(q.items()):
        if any(path.startswith(n) for n in NOT_MODELLED):
            continue
        check(path in m, f"gicv{gic}: node {path} exists")
        if path not in m:
            continue
        for prop, qval in sorted(props.items()):
            if known(path, prop):
                continue
            mval = m[path].get(prop)
            same = mval is not None and (
                normalise(q, prop, qval) == normalise(m, prop, mval))
            check(same, f"gicv{gic}: {path} {prop}")
            if not same:
                print(f"     qemu  {qval!r}\n     mimic {mval!r}")


def test_options(mimic, kernel, tmp):
    r = run([mimic, "-version"])
    check(r.returncode == 0 and "version" in r.stdout, "-version")
    r = run([mimic, "-help"])
    check(r.returncode == 0 and "-kernel" in r.stdout, "-help")
    bad = [
        (["-bogus"], "unknown option"),
        (["-M", "pc", "-kernel", kernel], "unknown machine"),
        (["-M", "virt,secure=on", "-kernel", kernel], "unknown option"),
        (["-cpu", "cortex-a53", "-kernel", kernel], "unknown CPU model"),
        (["-display", "sdl", "-kernel", kernel], "not available yet"),
        (["-kernel", kernel, "-device", "virtio-keyboard-device"],
         "not available yet"),
        (["-kernel", kernel, "-device", "virtio-tablet-device"],
         "not available yet"),
        (["-kernel", kernel, "-device", "e1000"], "unknown device"),
        (["-kernel", kernel, "-drive", "file=x.img,format=qcow2"],
         "only format=raw"),
        (["-kernel", kernel, "-drive", "file=/nonexistent.img,format=raw"],
         "cannot open disk image"),
        (["-kernel", kernel, "-smp", "9"], "1 to 8 CPUs"),
        (["-kernel", kernel, "-m", "lots"], "bad -m size"),
        (["-kernel", kernel, "-netdev", "tap,id=n0"], "only 'user'"),
        (["-kernel", kernel, "-netdev", "user,id=n0,hostfwd=tcp:nonsense"],
         "bad hostfwd"),
        (["-kernel", kernel, "-device", "virtio-net-device,netdev=nope"],
         "netdev=ID"),
        (["-kernel", kernel, "-monitor", "stdio"], "not available yet"),
        (["-kernel", kernel, "-serial", "tcp:1234"],
         "unknown character device"),
        (["-kernel", "/nonexistent"], "cannot open"),
        (["-kernel", "/etc/hostname"], "not an arm64 Linux Image"),
        ([], "no -kernel"),
        (["-kernel"], "needs an argument"),
        (["-enable-kvm", "-kernel", kernel], "no KVM"),
        (["-backend", "tci", "-kernel", kernel], "unknown backend"),
    ]
    for args, msg in bad:
        r = run([mimic] + args)
        check(r.returncode == 1 and msg in r.stderr,
              f"{' '.join(args) or '(no options)'} -> exit 1, '{msg}'")
        if r.returncode != 1 or msg not in r.stderr:
            print(f"     exit {r.returncode}: {r.stderr.strip()}")


def test_dumpdtb(mimic, kernel, tmp):
    dtb = os.path.join(tmp, "virt.dtb")
    disk = os.path.join(tmp, "disk.img")
    with open(disk, "wb") as f:
        f.truncate(1 << 20)
    r = run([mimic, "-M", f"virt,dumpdtb={dtb}", "-m", "512M", "-smp", "4",
             "-kernel", kernel, "-append", "console=ttyAMA0",
             "-drive", f"file={disk},format=raw,if=virtio",
             "-netdev", "user,id=n0", "-device",
             "virtio-net-device,netdev=n0", "-device", "virtio-rng-device",
             "-nographic"])
    check(r.returncode == 0 and "dtb dumped" in r.stderr, "dumpdtb exits 0")
    nodes = parse_fdt(open(dtb, "rb").read())
    check(nodes["/chosen"]["bootargs"] == b"console=ttyAMA0\0", "bootargs")
    check(len([p for p in nodes if p.startswith("/cpus/cpu@")]) == 4,
          "four cpu nodes")
    if shutil.which("dtc"):
        r = run(["dtc", "-I", "dtb", "-O", "dts", dtb])
        check(r.returncode == 0 and "pl011@9000000" in r.stdout,
              "dtc reads the DTB")
        check("Warning" not in r.stderr, "dtc gives no warnings")
    else:
        print("SKIP dtc not installed (apt-get install device-tree-compiler)")


def main():
    mimic = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        # a minimal arm64 Image header is all dumpdtb needs
        kernel = os.path.join(tmp, "Image")
        hdr = bytearray(0x10000)
        struct.pack_into("<QQQ", hdr, 8, 0, 0x200000, 0xa)
        hdr[0x38:0x3c] = b"ARM\x64"
        open(kernel, "wb").write(hdr)
        test_options(mimic, kernel, tmp)
        test_dumpdtb(mimic, kernel, tmp)
        if shutil.which("qemu-system-aarch64"):
            compare_with_qemu(mimic, kernel, tmp, 2, 2)
            compare_with_qemu(mimic, kernel, tmp, 3, 2)
        else:
            print("SKIP qemu-system-aarch64 not installed")
    print(f"{'FAILED' if failures else 'passed'}: {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
