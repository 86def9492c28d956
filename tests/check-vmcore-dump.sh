#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-vmcore-dump.sh - kdump/vmcore-dump on hand-made ELF core files:
# a sparse copy to a regular file, a full copy to a character device, and
# the refusals (missing, not ELF, not a core, truncated) with their exit
# statuses.  Prints "PASS: name" or "FAIL: name: why".
#
# Uses $KX_BUILD/kdump/vmcore-dump (set by tests/run.sh), else ./kdump/.

set -u
TOOL=${KX_BUILD:-.}/kdump/vmcore-dump
TMP=$(mktemp -d /tmp/vmcore-dump.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
NFAIL=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; NFAIL=$((NFAIL + 1)); }

[ -x "$TOOL" ] || { fail vmcore-dump "$TOOL not built"; exit 1; }

# le N BYTES: N as BYTES little-endian bytes, as printf escapes.
le() {
	local v=$1 n=$2 s=""
	while [ "$n" -gt 0 ]; do
		s="$s\\$(printf '%03o' $((v & 255)))"
		v=$((v >> 8)) n=$((n - 1))
	done
	printf '%s' "$s"
}

# core TYPE FILE: an ELF64 LE header, one PT_LOAD of 4 MiB at 0x1000
# (1 MiB of a pattern, 2 MiB of zeros, 1 MiB of a pattern: the copy
# works in aligned 1 MiB blocks, one of which is then all zero).
core() {
	local type=$1 f=$2
	{
		printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000'
		printf "$(le "$type" 2)$(le 21 2)$(le 1 4)$(le 0 8)$(le 64 8)$(le 0 8)"
		printf "$(le 0 4)$(le 64 2)$(le 56 2)$(le 1 2)$(le 64 2)$(le 0 2)$(le 0 2)"
		printf "$(le 1 4)$(le 7 4)$(le 4096 8)$(le 0 8)$(le 0 8)"
		printf "$(le 4194304 8)$(le 4194304 8)$(le 0 8)"
	} > "$f"
	head -c $((4096 - 120)) /dev/zero >> "$f"
	yes kx-vmcore-pattern | head -c 1048576 >> "$f"
	head -c 2097152 /dev/zero >> "$f"
	yes kx-vmcore-pattern | head -c 1048576 >> "$f"
}

core 4 "$TMP/core"

# A regular file: the same bytes, the zero MiB a hole.
if "$TOOL" --source "$TMP/core" "$TMP/out" > "$TMP/msg" 2>&1 &&
   cmp -s "$TMP/core" "$TMP/out" &&
   grep -q "saved $(stat -c %s "$TMP/core") bytes" "$TMP/msg"; then
	pass vmcore-dump/regular-file
else
	fail vmcore-dump/regular-file "$(head -n1 "$TMP/msg")"
fi
blocks=$(stat -c %b "$TMP/out" 2>/dev/null || echo 0)
if [ "$((blocks * 512))" -lt "$(stat -c %s "$TMP/core")" ]; then
	pass vmcore-dump/sparse
else
	fail vmcore-dump/sparse "$((blocks * 512)) bytes allocated for a file with 2 MiB of zeros"
fi

# A character device: written through, no truncate, no fsync error.
if "$TOOL" --source "$TMP/core" /dev/null > "$TMP/msg" 2>&1; then
	pass vmcore-dump/device
else
	fail vmcore-dump/device "$(head -n1 "$TMP/msg")"
fi

# Refusals: exit 3 with a message naming the source.
refuse() {	# name source want-text
	local st
	"$TOOL" --source "$2" "$TMP/out2" > /dev/null 2> "$TMP/err"
	st=$?
	if [ "$st" = 3 ] && grep -q -- "$3" "$TMP/err" && [ "$(wc -l < "$TMP/err")" = 1 ]; then
		pass "vmcore-dump/$1"
	else
		fail "vmcore-dump/$1" "status $st: $(head -n1 "$TMP/err")"
	fi
}
refuse missing "$TMP/nonexistent" "nonexistent"
head -c 5000 /dev/urandom | tr '\177' x > "$TMP/junk"
refuse not-elf "$TMP/junk" "not an ELF core file"
core 2 "$TMP/exec"
refuse not-core "$TMP/exec" "not a core file"
head -c 2097152 "$TMP/core" > "$TMP/cut"
refuse load-past-end "$TMP/cut" "segment 0 .*runs past the end"
head -c 40 "$TMP/core" > "$TMP/short"
refuse truncated "$TMP/short" "short"

# Usage: exit 2.
"$TOOL" > /dev/null 2>&1
st=$?
[ "$st" = 2 ] && pass vmcore-dump/usage || fail vmcore-dump/usage "status $st"
[ "$NFAIL" = 0 ]
