#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tests/fuzz/seeds.sh - the seed corpus of every harness, made from the
# fixtures (tests/fixtures/...) and from small files made here with the
# tools tests/setup.sh installs (dtc, gzip, xz, zstd, the cross
# compilers).  A tool that is missing only leaves its seeds out.
#
# Usage: tests/fuzz/seeds.sh [--build DIR] [--src DIR] --out DIR
#   writes DIR/<harness>/<seed> for each harness.
set -u
BUILD=.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=
while [ $# -gt 0 ]; do
	case $1 in
	--build) BUILD=$2; shift 2 ;;
	--src) SRC=$2; shift 2 ;;
	--out) OUT=$2; shift 2 ;;
	*) echo "usage: $0 [--build DIR] [--src DIR] --out DIR" >&2; exit 2 ;;
	esac
done
[ -n "$OUT" ] || { echo "$0: --out DIR is required" >&2; exit 2; }
FX=$SRC/tests/fixtures
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kx-seeds.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT"
for h in "$SRC"/tests/fuzz/fuzz-*.c; do
	h=${h##*/fuzz-}
	mkdir -p "$OUT/${h%.c}"
done
have() { command -v "$1" >/dev/null 2>&1; }

# ---- device trees: the captured boot trees and the hand-made ones ----
# (repacked by dtc when it is there: the captured ones carry 170 KiB of
# free space, which would only slow the fuzzer down)
for d in "$FX"/ppc64/*/; do
	n=$(basename "$d")
	[ -f "$d/sys/firmware/fdt" ] || continue
	if ! have dtc || ! dtc -q -I dtb -O dtb -o "$TMP/$n.dtb" \
			"$d/sys/firmware/fdt"; then
		cp "$d/sys/firmware/fdt" "$TMP/$n.dtb"
	fi
	cp "$TMP/$n.dtb" "$OUT/ppc64-dtinfo/$n.dtb"
	cp "$TMP/$n.dtb" "$OUT/ppc64-dtprep/$n.dtb"
done
if have dtc; then
	for d in "$FX"/ppc64-synth/*/; do
		n=$(basename "$d")
		dtc -q -I dts -O dtb -o "$TMP/$n.dtb" "$d/tree.dts" || continue
		cp "$TMP/$n.dtb" "$OUT/ppc64-dtinfo/synth-$n.dtb"
		cp "$TMP/$n.dtb" "$OUT/ppc64-dtprep/synth-$n.dtb"
	done
fi

# /proc/device-tree directories, in fuzz-ppc64-dtdir's record format
# (0 len name size16 content: a property; 1 len name: a node; 2: up),
# of which the harness reads the first 64.
dt_records() {	# dir
	local f n
	for f in "$1"/*; do
		[ -f "$f" ] || continue
		n=$(basename "$f")
		printf '\000'"\\$(printf '%03o' ${#n})"'%s' "$n"
		n=$(stat -c %s "$f")
		printf "\\$(printf '%03o' $((n >> 8 & 255)))\\$(printf '%03o' $((n & 255)))"
		head -c 65535 "$f"
	done
	for f in "$1"/*/; do
		[ -d "$f" ] || continue
		n=$(basename "$f")
		printf '\001'"\\$(printf '%03o' ${#n})"'%s' "$n"
		dt_records "$f"
		printf '\002'
	done
}
for d in "$FX"/ppc64/*/; do
	[ -d "$d/proc/device-tree" ] || continue
	dt_records "$d/proc/device-tree" | head -c 65536 \
		> "$OUT/ppc64-dtdir/$(basename "$d")"
done

# ---- m68k: bootinfo from the fixtures and the synthetic helper ----
for d in "$FX"/m68k/*/ "$FX"/m68k-synth/*/; do
	[ -f "$d/proc/bootinfo" ] || continue
	cp "$d/proc/bootinfo" "$OUT/bootinfo/$(basename "$d").bi"
done
if have cc && cc -O1 -o "$TMP/m68k-synth" "$FX/m68k-synth/m68k-synth.c" \
	2>/dev/null; then
	for m in virt atari amiga mac; do
		"$TMP/m68k-synth" bootinfo "$m" "$OUT/bootinfo/synth-$m.bi"
	done
	for v in linux61 nobv virt-listed noatari; do
		"$TMP/m68k-synth" vmlinux "$v" "$OUT/m68k-kernel/synth-$v"
	done
fi

# ---- ELF: kernels and objects for every target, core files ----
elf_seeds() {	# prefix name
	local cc=${1:+$1-}gcc
	have "$cc" || return 0
	printf 'int x = 1; int f(void) { return x; }\n' > "$TMP/e.c"
	"$cc" -O1 -c "$TMP/e.c" -o "$OUT/elf/$2.o" 2>/dev/null
	"$cc" -O1 -nostdlib -static -Wl,-e,f "$TMP/e.c" \
		-o "$OUT/elf/$2.exe" 2>/dev/null
}
elf_seeds "" host
elf_seeds powerpc64le-linux-gnu ppc64le
elf_seeds powerpc64-linux-gnu ppc64
elf_seeds m68k-linux-gnu m68k
if have powerpc64-linux-gnu-gcc; then
	. "$SRC/tests/lib/ppc64-kernels.sh"
	make_kernel powerpc64le-linux-gnu "$OUT/ppc64-kernel/vmlinux-le" \
		2>/dev/null
	make_kernel powerpc64-linux-gnu "$OUT/ppc64-kernel/vmlinux-be" \
		2>/dev/null
	if [ -f "$OUT/ppc64-kernel/vmlinux-le" ]; then
		cp "$OUT/ppc64-kernel/vmlinux-le" "$OUT/ppc64-kernel/vmlinux-dyn"
		make_relocatable "$OUT/ppc64-kernel/vmlinux-dyn" le
	fi
fi
cp "$OUT"/elf/ppc64* "$OUT/ppc64-kernel/" 2>/dev/null
cp "$OUT"/elf/m68k* "$OUT/m68k-kernel/" 2>/dev/null

# le VALUE BYTES: VALUE as little-endian bytes.
le() {
	local v=$1 n=$2
	while [ "$n" -gt 0 ]; do
		printf "\\$(printf '%03o' $((v & 255)))"
		v=$((v >> 8)) n=$((n - 1))
	done
}
# An ELF64 LE core: a PT_NOTE and a PT_LOAD of 256 bytes.
{
	printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000'
	le 4 2; le 21 2; le 1 4; le 0 8; le 64 8; le 0 8
	le 0 4; le 64 2; le 56 2; le 2 2; le 64 2; le 0 2; le 0 2
	le 4 4; le 0 4; le 176 8; le 0 8; le 0 8; le 24 8; le 24 8; le 4 8
	le 1 4; le 7 4; le 200 8; le 0 8; le 0 8; le 256 8; le 256 8; le 4096 8
	le 5 4; le 4 4; le 1 4; printf 'CORE\000\000\000\000abcd'
	head -c 256 /dev/zero | tr '\0' 'm'
} > "$OUT/vmcore/core-le"
cp "$OUT/vmcore/core-le" "$OUT/elf/core-le"

# Crash dumps with a printk log (both formats, ELF32/64, both byte
# orders), as the vmcore-dmesg unit test writes them.
mkdir -p "$TMP/cores"
if [ -x "$BUILD/tests/unit/test-vmcore-log" ] &&
   "$BUILD/tests/unit/test-vmcore-log" --write "$TMP/cores" >/dev/null; then
	cp "$TMP"/cores/*.core "$OUT/vmcore-log/"
fi
cp "$OUT/vmcore/core-le" "$OUT/vmcore-log/"

# ---- compressed data and uImages ----
printf 'a kernel image that compresses %.0s' $(seq 64) > "$TMP/plain"
have gzip && gzip -9 -c "$TMP/plain" > "$OUT/decompress/plain.gz"
have xz && xz -c --check=crc32 "$TMP/plain" > "$OUT/decompress/plain.xz"
have zstd && zstd -q -c "$TMP/plain" > "$OUT/decompress/plain.zst"
# be VALUE: VALUE as 4 big-endian bytes.
be() {
	printf "\\$(printf '%03o' $(($1 >> 24 & 255)))\\$(printf '%03o' $(($1 >> 16 & 255)))"
	printf "\\$(printf '%03o' $(($1 >> 8 & 255)))\\$(printf '%03o' $(($1 & 255)))"
}
# crc32 FILE: the IEEE CRC-32 of FILE, read from gzip's trailer.
crc32() {
	gzip -c < "$1" | tail -c 8 | head -c 4 | od -An -tu4 | tr -d ' '
}
uimage() {	# payload comp arch out
	local dcrc hcrc size
	size=$(stat -c %s "$1")
	dcrc=$(crc32 "$1")
	{ be $((0x27051956)); be 0; be 0; be "$size"; be $((0x80000))
	  be $((0x80000)); be "$dcrc"
	  printf "\\005\\$(printf '%03o' "$3")\\002\\$(printf '%03o' "$2")"
	  printf 'fuzz seed%23s' '' | tr ' ' '\0'; } > "$TMP/h"
	hcrc=$(crc32 "$TMP/h")
	{ head -c 4 "$TMP/h"; be "$hcrc"; tail -c +9 "$TMP/h"; cat "$1"; } > "$4"
}
if have gzip; then
	uimage "$TMP/plain" 0 12 "$OUT/uimage/m68k-none.uimg"
	uimage "$OUT/decompress/plain.gz" 1 7 "$OUT/uimage/ppc-gzip.uimg"
fi

# ---- sysfs texts and command lines ----
i=0
for d in "$FX"/ppc64/*/ "$FX"/ppc64-synth/*/; do
	c=$(ls -d "$d"/sys/devices/system/cpu/cpu*/ 2>/dev/null | head -n 1)
	[ -n "$c" ] && [ -f "$c/crash_notes" ] || continue
	i=$((i + 1))
	{ cat "$c/crash_notes"; printf '\0'; cat "$c/crash_notes_size"
	  printf '\0'; cat "$d/sys/kernel/vmcoreinfo" 2>/dev/null; printf '\0'
	  be 0; be 0x10000; be 0; be 0x40000000; } > "$OUT/crash-notes/notes-$i"
done
printf '1f2c0000\n\000256\n\0000x0000000004860000 10024\n\000' \
	> "$OUT/crash-notes/plain"
for f in "$FX"/*/*/proc/cmdline "$FX"/*/*/cmdline; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	{ cat "$f"; printf '\0root=/dev/vda console=hvc0'; } \
		> "$OUT/cmdline/cmdline-$i"
done
printf 'quiet crashkernel=512M  crashkernel=1G,high\tro\n\000 init=/bin/sh ' \
	> "$OUT/cmdline/crashkernel"
n=0
for d in "$OUT"/*/; do
	n=$((n + $(ls "$d" | wc -l)))
done
echo "seeds: $n files in $OUT"
