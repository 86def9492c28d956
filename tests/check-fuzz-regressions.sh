#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-fuzz-regressions.sh - every fuzz harness, built without libFuzzer
# (tests/fuzz/replay-NAME, this build's compiler and sanitizers), run on
# its committed regression inputs (tests/fuzz/regressions/NAME/, each a
# finding of the fuzzer that is fixed) and on its seeds.  Prints
# "PASS: NAME: FILE" per input; a crash, leak or sanitizer report fails
# the harness.
#
# Uses $KX_BUILD and $KX_SRC (set by tests/run.sh).
set -u
BUILD=${KX_BUILD:-.}
SRC=${KX_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kx-replay.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
NFAIL=0

"$SRC/tests/fuzz/seeds.sh" --build "$BUILD" --src "$SRC" --out "$TMP/seeds" \
	>/dev/null
for h in "$SRC"/tests/fuzz/fuzz-*.c; do
	n=${h##*/fuzz-}
	n=${n%.c}
	bin=$BUILD/tests/fuzz/replay-$n
	if [ ! -x "$bin" ]; then
		echo "FAIL: $n: $bin is not built (make replay-tests)"
		NFAIL=$((NFAIL + 1))
		continue
	fi
	dirs=("$TMP/seeds/$n")
	[ -d "$SRC/tests/fuzz/regressions/$n" ] &&
		dirs+=("$SRC/tests/fuzz/regressions/$n")
	if ! timeout 300 "$bin" "${dirs[@]}" >"$TMP/$n.out" 2>&1; then
		grep '^PASS:' "$TMP/$n.out"
		echo "FAIL: $n: replay stopped (crash, leak or timeout) after" \
		     "the inputs above"
		grep -v '^PASS:' "$TMP/$n.out" | tail -n 30 | sed 's/^/    /'
		NFAIL=$((NFAIL + 1))
	else
		cat "$TMP/$n.out"
	fi
done
[ "$NFAIL" -eq 0 ]
