#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run-fuzz.sh: the fuzz suite's test for one harness.  Replays every input
# in regressions/NAME (crashes found before, which must stay fixed), then
# fuzzes for a short fixed-seed run starting from corpus/NAME.
# Usage: run-fuzz.sh HARNESS NAME SRCDIR WORKDIR
#   MIMIC_FUZZ_SECONDS  length of the run (default 20)
set -euo pipefail
exe=$1 name=$2 src=$3 work=$4
secs=${MIMIC_FUZZ_SECONDS:-20}
# a UBSan report is a crash, with its stack; memory leaked by one input
# is a bug (libFuzzer checks each input when LeakSanitizer is on)
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1

# a fresh work corpus each time keeps CI runs comparable; the seed corpus
# in the source tree is only read
rm -rf "$work/corpus"
mkdir -p "$work/corpus" "$work/artifacts"
# libFuzzer's own failure code, 77, would read as "skipped" to meson
opts=(-timeout=10 -rss_limit_mb=4096 -error_exitcode=1 -timeout_exitcode=1
      -artifact_prefix="$work/artifacts/")
[[ -f $src/$name.dict ]] && opts+=(-dict="$src/$name.dict")

shopt -s nullglob
regressions=("$src/regressions/$name"/*)
if ((${#regressions[@]})); then
  echo "replaying ${#regressions[@]} regression inputs"
  "$exe" "${opts[@]}" "${regressions[@]}"
fi
echo "fuzzing for $secs s (seed 1)"
exec "$exe" "${opts[@]}" -seed=1 -max_total_time="$secs" -print_final_stats=1 \
  "$work/corpus" "$src/corpus/$name"
