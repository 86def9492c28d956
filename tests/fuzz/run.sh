#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tests/fuzz/run.sh - run the libFuzzer harnesses (built by "make
# fuzz-build" in DIR/tests/fuzz/fuzz-NAME) for a bounded time each, one
# after the other, with ASan and UBSan, leak detection, a 2 GiB memory
# limit and a 10 s limit per input.  Prints "PASS: NAME: ..." with the
# executions and coverage, or "FAIL: NAME: ..." with the finding, and
# closes with "N passed, N failed".
#
# Usage: tests/fuzz/run.sh [--build DIR] [--src DIR] [--seconds N] [NAME...]
# The corpus of each harness grows in DIR/tests/fuzz/corpus/NAME (seeded
# from DIR/tests/fuzz/seeds/NAME and the regression inputs); a finding is
# written to DIR/tests/fuzz/findings/NAME/: add it to
# tests/fuzz/regressions/NAME/ once fixed, so make check replays it.
set -u
BUILD=.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_EACH=60
while [ $# -gt 0 ]; do
	case $1 in
	--build) BUILD=$2; shift 2 ;;
	--src) SRC=$2; shift 2 ;;
	--seconds) SECONDS_EACH=$2; shift 2 ;;
	-*) echo "usage: $0 [--build DIR] [--src DIR] [--seconds N] [NAME...]" >&2
	    exit 2 ;;
	*) break ;;
	esac
done
BUILD=$(cd "$BUILD" && pwd)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for h in "$SRC"/tests/fuzz/fuzz-*.c; do
		h=${h##*/fuzz-}
		names+=("${h%.c}")
	done
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0
fail=0
for n in "${names[@]}"; do
	bin=$BUILD/tests/fuzz/fuzz-$n
	corpus=$BUILD/tests/fuzz/corpus/$n
	findings=$BUILD/tests/fuzz/findings/$n
	log=$BUILD/tests/fuzz/log-$n.txt
	if [ ! -x "$bin" ]; then
		echo "FAIL: $n: $bin is not built (make fuzz-build)"
		fail=$((fail + 1))
		continue
	fi
	mkdir -p "$corpus" "$findings"
	dirs=("$corpus")
	for d in "$BUILD/tests/fuzz/seeds/$n" "$SRC/tests/fuzz/regressions/$n"; do
		[ -d "$d" ] && dirs+=("$d")
	done
	start=$(date +%s)
	"$bin" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
		-timeout=10 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$findings/" "${dirs[@]}" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	stats=$(grep -E '^#[0-9]+' "$log" | tail -n 1 |
		grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+')
	if [ "$rc" -eq 0 ] && ! grep -qE '^==[0-9]+==ERROR|runtime error:' "$log"; then
		echo "PASS: $n: ${took}s, ${execs:-?} executions, ${stats:-no stats}"
		pass=$((pass + 1))
	else
		what=$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|broken:' "$log")
		echo "FAIL: $n: exit $rc after ${took}s: ${what:-see $log}"
		ls "$findings" | sed 's/^/    finding: /'
		tail -n 30 "$log" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
