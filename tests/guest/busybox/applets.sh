# SPDX-License-Identifier: MIT
# A busybox script of many applets, run by run-busybox.py twice: by the
# arm64 busybox under mimic and by the host's amd64 busybox; the outputs
# must be identical.  $BB is the busybox binary, $1 a scratch folder.
# Only deterministic output: no pids, times, sizes of host files.
set -e
T=$1
cd "$T"
echo "== echo/printf"
$BB echo hello world
$BB echo -n no-newline; $BB echo
$BB printf '%s=%d %5.2f %x %o %c|\n' answer 42 3.14159 255 8 Z
$BB printf '%-6s|%6s|\n' ab cd
echo "== seq/sort/uniq/wc"
$BB seq 1 12 > nums
$BB seq 10 -3 -5
$BB sort -n -r nums | $BB head -n 4
$BB sort nums | $BB tr '\n' ' '; echo
printf 'b\na\nb\nc\na\nb\n' | $BB sort | $BB uniq -c
$BB wc -l < nums
$BB wc nums | $BB sed "s|$T/||"
echo "== sed/awk/grep/cut/tr"
printf 'alpha beta\ngamma delta\nepsilon zeta\n' > words
$BB sed -n '2p' words
$BB sed 's/a/A/g; s/^\(.\)/[\1]/' words
$BB awk '{ n += length($2); print NR ": " $2 } END { print "total", n }' words
$BB awk 'BEGIN { for (i = 1; i <= 5; i++) s = s i*i " "; print s; printf "%.3f %d\n", 22 / 7, 2 * 2 * 2 }'
$BB grep -n 'e[lp]' words
$BB grep -c a words
$BB grep -v gamma words | $BB cut -d' ' -f2
$BB cut -c1-3 words
echo 'Hello, World' | $BB tr 'a-z' 'A-Z'
echo 'aaabbbccc' | $BB tr -s 'abc'
echo 'hello 123 world' | $BB tr -d '0-9'
echo "== head/tail/cat/tee"
$BB head -n 3 nums | $BB tail -n 1
$BB tail -n 2 nums
$BB cat words nums | $BB wc -l
echo teed | $BB tee copy1 copy2 > /dev/null
$BB cat copy1 copy2
echo "== md5sum/sha256sum/sha1sum/sha512sum"
$BB md5sum words | $BB cut -d' ' -f1
$BB sha256sum nums | $BB cut -d' ' -f1
$BB sha1sum words | $BB cut -d' ' -f1
printf 'abc' | $BB sha512sum | $BB cut -c1-32
$BB crc32 < words 2>/dev/null || echo "crc32: none"
echo "== expr/test"
$BB expr 6 \* 7
$BB expr length "mimic"
$BB expr 100 / 7 % 5
if $BB test 3 -lt 5 && $BB test -f words && ! $BB test -d words; then echo tests-true; fi
$BB test abc = abd || echo tests-false
[ -s nums ] && echo nonempty
echo "== basename/dirname/date"
$BB basename /usr/lib/libfoo.so.1 .1
$BB dirname /usr/lib/libfoo.so.1
$BB date -u -d @0 '+%Y-%m-%d %H:%M:%S %a'
$BB date -u -d @1234567890
$BB date -u -d '2000-02-29 12:34:56' +%s
echo "== ls/find/xargs/mkdir/mv/rm"
$BB mkdir -p d1/d2/d3
$BB touch d1/f1 d1/d2/f2 d1/d2/d3/f3
$BB ls d1
$BB ls -1 d1/d2
$BB find d1 | $BB sort
$BB find d1 -type f -name 'f*' | $BB sort | $BB xargs $BB basename -a
$BB find d1 -type d | $BB sort | $BB xargs -n1 $BB echo dir:
$BB mv d1/f1 d1/g1
$BB ls d1
$BB rm -r d1
[ -e d1 ] || echo removed
echo "== misc"
$BB yes x | $BB head -n 3
$BB rev words
$BB fold -w 5 words
$BB od -A x -t x1 words | $BB head -n 2
$BB printf 'z\ny\nx\n' | $BB sort | $BB paste -s -d,
$BB seq 5 | $BB sort -r | $BB sort -n | $BB tr '\n' ' '; echo
$BB factor 360 97 1001
$BB hexdump -C words | $BB head -n 2
echo "3 4 + 2 *" | $BB dc 2>/dev/null || echo 'dc: none'
$BB printf '%s\n' one two three | $BB nl
$BB echo "x=$($BB expr 2 + 3), subshell=$( (echo inner) )"
for i in 1 2 3; do printf '%s,' "$i"; done; echo
n=0; while [ $n -lt 5 ]; do n=$((n + 1)); done; echo "loop $n"
case foo.tar.gz in *.gz) echo gz ;; *) echo other ;; esac
$BB sh -c 'exit 3' || echo "exit status $?"
$BB false || echo "false status $?"
echo "== end"
