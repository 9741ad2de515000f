#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Differential test of cpu/arm64/fpu-*.c against qemu-aarch64 as oracle.
# Builds the guest oracle (tests/unit/fpu-oracle.c, one FP instruction per
# input line) and the host checker (tests/unit/fpu-vs-qemu-host.c, which
# links the library), generates COUNT random cases per instruction with
# random FPCR (RMode, FZ, DN, FZ16, AHP), runs them through qemu and
# compares results and FPSR bit for bit.
#
# usage: tests/unit/fpu-vs-qemu.sh [COUNT_PER_OP [SEED]]
#   env: CC (host compiler), HOST_CFLAGS (e.g. -fsanitize=undefined), CROSS_CC,
#        QEMU, KEEP=1 keeps the work folder
set -eu

COUNT=${1:-2000}
SEED=${2:-12345}
CC=${CC:-gcc}
CROSS_CC=${CROSS_CC:-aarch64-linux-gnu-gcc}
QEMU=${QEMU:-qemu-aarch64}

top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/fpu-vs-qemu.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

for tool in "$CROSS_CC" "$QEMU"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "fpu-vs-qemu: $tool not found, skipping" >&2
        exit 77
    fi
done

"$CROSS_CC" -static -O2 -march=armv8.5-a+fp16 -o "$work/oracle" \
    "$top/tests/unit/fpu-oracle.c"
"$CC" -std=gnu11 -O2 -Wall -Wextra ${HOST_CFLAGS:-} -I"$top" -o "$work/host" \
    "$top/tests/unit/fpu-vs-qemu-host.c" "$top"/cpu/arm64/fpu-*.c

"$QEMU" "$work/oracle" --list > "$work/ops"
"$work/host" gen "$work/ops" "$COUNT" "$SEED" > "$work/cases"
"$QEMU" "$work/oracle" < "$work/cases" > "$work/results"
echo "fpu-vs-qemu: $(wc -l < "$work/ops") instructions x $COUNT cases, seed $SEED"
"$work/host" check "$work/cases" "$work/results"
