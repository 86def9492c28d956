#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-vmcore-dmesg.sh - kdump/vmcore-dmesg, and vmcore-dump --dmesg, on
# the crash dumps tests/unit/test-vmcore-log writes (--write DIR): both
# printk formats, ELF64 and ELF32, both byte orders, printed exactly as
# expected; then the refusals, each one line on stderr naming the file,
# with the exit status doc/vmcore-dmesg.8 gives.  Prints "PASS: name" or
# "FAIL: name: why".
#
# Uses $KX_BUILD (set by tests/run.sh), else the current directory.

set -u
B=${KX_BUILD:-.}
TOOL=$B/kdump/vmcore-dmesg
DUMP=$B/kdump/vmcore-dump
GEN=$B/tests/unit/test-vmcore-log
TMP=$(mktemp -d /tmp/vmcore-dmesg.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
NFAIL=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; NFAIL=$((NFAIL + 1)); }

for f in "$TOOL" "$DUMP" "$GEN"; do
	[ -x "$f" ] || { fail vmcore-dmesg "$f not built"; exit 1; }
done
"$GEN" --write "$TMP" || { fail vmcore-dmesg/generate "test-vmcore-log --write failed"; exit 1; }

# Every good core: exactly the expected lines, nothing on stderr, status 0.
for exp in "$TMP"/*.expected; do
	n=$(basename "$exp" .expected)
	"$TOOL" "$TMP/$n.core" > "$TMP/out" 2> "$TMP/err"
	st=$?
	if [ "$st" = 0 ] && cmp -s "$TMP/out" "$exp" && [ ! -s "$TMP/err" ]; then
		pass "vmcore-dmesg/$n"
	else
		fail "vmcore-dmesg/$n" "status $st: $(head -n1 "$TMP/err")$(diff "$exp" "$TMP/out" | head -n 4 | tr '\n' ' ')"
	fi
done

# Refusals: status, one line on stderr naming the file, nothing on stdout.
refuse() {	# name file status want-text
	local st
	"$TOOL" "$2" > "$TMP/out" 2> "$TMP/err"
	st=$?
	if [ "$st" = "$3" ] && [ "$(wc -l < "$TMP/err")" = 1 ] &&
	   grep -q -F -- "$2" "$TMP/err" && grep -q -- "$4" "$TMP/err" &&
	   [ ! -s "$TMP/out" ]; then
		pass "vmcore-dmesg/$1"
	else
		fail "vmcore-dmesg/$1" "status $st (want $3): $(head -n2 "$TMP/err" | tr '\n' ' ')"
	fi
}
refuse missing "$TMP/nonexistent" 3 "No such file"
head -c 5000 /dev/urandom | tr '\177' x > "$TMP/junk"
refuse not-elf "$TMP/junk" 3 "not an ELF core file"
: > "$TMP/empty"
refuse empty "$TMP/empty" 3 "empty"
refuse not-core "$TMP/exec.core" 3 "not a core file"
refuse truncated "$TMP/truncated.core" 3 "runs past the end"
refuse no-vmcoreinfo "$TMP/no-vmcoreinfo.core" 5 "no VMCOREINFO note"
refuse no-log "$TMP/no-log.core" 5 "no printk log symbols"

# A damaged log: the records before the damage, then one line, status 6.
"$TOOL" "$TMP/damaged.core" > "$TMP/out" 2> "$TMP/err"
st=$?
if [ "$st" = 6 ] && [ "$(wc -l < "$TMP/err")" = 1 ] &&
   grep -q "do not lead from log_first_idx" "$TMP/err" &&
   grep -q "first kept record" "$TMP/out"; then
	pass vmcore-dmesg/damaged
else
	fail vmcore-dmesg/damaged "status $st: $(head -n1 "$TMP/err")"
fi

# Standard output closed: a write error, status 4.
"$TOOL" "$TMP/prb-64le.core" >&- 2> "$TMP/err"
st=$?
[ "$st" = 4 ] && [ "$(wc -l < "$TMP/err")" = 1 ] && pass vmcore-dmesg/write-error ||
	fail vmcore-dmesg/write-error "status $st: $(head -n1 "$TMP/err")"

# Usage: status 2; --help: 0.
"$TOOL" a b > /dev/null 2>&1
st=$?
[ "$st" = 2 ] && pass vmcore-dmesg/usage || fail vmcore-dmesg/usage "status $st"
"$TOOL" --help > /dev/null 2>&1 && pass vmcore-dmesg/help || fail vmcore-dmesg/help "status $?"

# vmcore-dump --dmesg: the log beside the dump, the dump unchanged.
if "$DUMP" --source "$TMP/prb-32be.core" --dmesg "$TMP/dmesg.txt" "$TMP/dump" > "$TMP/msg" 2>&1 &&
   cmp -s "$TMP/dmesg.txt" "$TMP/prb-32be.expected" &&
   cmp -s "$TMP/dump" "$TMP/prb-32be.core" &&
   grep -q "saved 5 log records" "$TMP/msg"; then
	pass vmcore-dump/dmesg
else
	fail vmcore-dump/dmesg "$(head -n2 "$TMP/msg" | tr '\n' ' ')"
fi
# No log in the core: the dump is still saved, status 5, one line.
"$DUMP" --source "$TMP/no-log.core" --dmesg "$TMP/dmesg2.txt" "$TMP/dump2" > /dev/null 2> "$TMP/err"
st=$?
if [ "$st" = 5 ] && cmp -s "$TMP/dump2" "$TMP/no-log.core" &&
   [ "$(wc -l < "$TMP/err")" = 1 ] && grep -q "no printk log symbols" "$TMP/err"; then
	pass vmcore-dump/dmesg-no-log
else
	fail vmcore-dump/dmesg-no-log "status $st: $(head -n1 "$TMP/err")"
fi
[ "$NFAIL" = 0 ]
