#!/bin/sh
# SPDX-License-Identifier: MIT
# gdb-fake-session.sh - runs the real gdb-multiarch against gdb-fake-target
# and checks that registers, memory, breakpoints, stepping, vector registers
# and detach come out right.  Usage: gdb-fake-session.sh PATH/gdb-fake-target
# Exits 77 (meson's "skipped") when gdb-multiarch is not installed.
set -u
fake=$1
command -v gdb-multiarch >/dev/null 2>&1 || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; kill $pid 2>/dev/null' EXIT

"$fake" 0 >"$tmp/fake.out" 2>&1 &
pid=$!
port=
for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$(awk '/listening on port/ {print $4}' "$tmp/fake.out")
    [ -n "$port" ] && break
    sleep 0.2
done
[ -n "$port" ] || { echo "fake target did not start"; exit 1; }

timeout 60 gdb-multiarch -nx -batch \
    -ex "target remote 127.0.0.1:$port" \
    -ex 'info registers' -ex 'p/x $pc' -ex 'x/4xw 0x400000' \
    -ex 'set $x0=5' -ex 'p $x0' -ex 'p $v0.b.u' \
    -ex 'break *0x400040' -ex 'continue' -ex 'stepi' -ex 'p/x $pc' \
    -ex 'info threads' -ex 'monitor info' -ex detach \
    >"$tmp/gdb.out" 2>&1
wait $pid

fail=0
expect() {
    grep -qF -- "$1" "$tmp/gdb.out" || { echo "missing: $1"; fail=1; }
}
expect 'cpsr           0x60000000          [ C Z ]'
expect '$1 = 0x400000'
expect '0x400000:	0xd503201f	0xd503201f	0xd503201f	0xd503201f'
expect '$2 = 5'
expect '$3 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}'
expect 'hit Breakpoint 1, 0x0000000000400040'
expect '$4 = 0x400044'
expect 'Thread 2'
expect 'fake target: 2 threads'
expect '[Inferior 1 (Remote target) detached]'
if grep -qiE 'too long|protocol error|internal-error' "$tmp/gdb.out"; then
    echo "gdb complained"; fail=1
fi
grep -q 'session ended: detached' "$tmp/fake.out" || { echo "no detach"; fail=1; }
[ $fail -eq 0 ] || cat "$tmp/gdb.out"
exit $fail
