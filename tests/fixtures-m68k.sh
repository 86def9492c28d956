#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tests/fixtures-m68k.sh - dry-run m68k loads against captured and
# hand-built system states, and check the dumped segments: the bootinfo is
# decoded (tests/fixtures/m68k-synth/m68k-synth.c, independent of the
# loader) and its records asserted.
#
# Environment (set by tests/run.sh): KEXEC (the loader), KX_SRC (source
# tree), CC (host compiler, default cc).  Prints "PASS: name" or
# "FAIL: name: why" per assertion group.

src=${KX_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
kexec=${KEXEC:-${KX_BUILD:-.}/kexec/kexec}
cc=${CC:-cc}
fix=$src/tests/fixtures/m68k
syn=$src/tests/fixtures/m68k-synth
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kx-m68k.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; failed=1; }

if [ ! -x "$kexec" ]; then
	fail m68k-setup "no loader at $kexec"
	exit 1
fi
if ! "$cc" -std=gnu11 -O2 -o "$tmp/m68k-synth" "$syn/m68k-synth.c"; then
	fail m68k-setup "can not build m68k-synth with $cc"
	exit 1
fi
tool=$tmp/m68k-synth
for k in linux61 nobv noatari x86; do
	"$tool" vmlinux $k "$tmp/vmlinux-$k" || fail m68k-setup "vmlinux $k"
done
gzip -9 -n -c "$tmp/vmlinux-linux61" > "$tmp/vmlinux.gz"
head -c 300000 /dev/urandom > "$tmp/initrd"
initrd_size=300000

# Fields of the segment with a role, from the JSON plan.
seg_field() {	# json role field
	tr '{' '\n' < "$1" | grep "\"role\":\"$2\"" | head -n 1 |
		sed -n "s/.*\"$3\":\"\\([^\"]*\\)\".*/\\1/p"
}

# Run a dry load; $1 is a tag for the output files, the rest are options.
# Sets rc; output in $tmp/$1.json, $tmp/$1.err, segments in $tmp/$1.d/.
dry() {
	local tag=$1; shift
	rm -rf "$tmp/$tag.d"
	mkdir -p "$tmp/$tag.d"
	"$kexec" --dry-run --plan-format=json --dump-segments="$tmp/$tag.d" \
		"$@" > "$tmp/$tag.json" 2> "$tmp/$tag.err"
	rc=$?
}

# Decode the dumped bootinfo segment of a run into $tmp/$1.bi.
decode_bi() {
	local f
	f=$(ls "$tmp/$1.d/"*-bootinfo.bin 2>/dev/null | head -n 1)
	[ -n "$f" ] && "$tool" decode "$f" > "$tmp/$1.bi"
}

# --- The captured QEMU virt guest ---------------------------------------
root=$fix/virt-256M
if [ -f "$root/proc/bootinfo" ]; then
	old=$(tr -d '\n' < "$root/proc/cmdline")
	dry virt --root="$root" --initrd="$tmp/initrd" --reuse-cmdline \
		--append="root=/dev/vda rw" -l "$tmp/vmlinux-linux61"
	if [ $rc -ne 0 ]; then
		fail m68k-virt-load "exit $rc: $(head -c 300 "$tmp/virt.err")"
	elif ! grep -q '"arch":"m68k"' "$tmp/virt.json"; then
		fail m68k-virt-load "plan is not an m68k one"
	else
		pass m68k-virt-load
	fi
	if ! decode_bi virt; then
		fail m68k-virt-bootinfo "no decodable bootinfo segment"
	else
		b=$tmp/virt.bi
		want="cmdline $old root=/dev/vda rw"
		rd_mem=$(seg_field "$tmp/virt.json" initrd mem)
		why=
		grep -qxF "$want" "$b" || why="command line is '$(grep ^cmdline "$b")'"
		grep -qx "ramdisk $(printf '0x%x 0x%x' "$rd_mem" $initrd_size)" "$b" ||
			why="$why; ramdisk record '$(grep ^ramdisk "$b")' vs segment $rd_mem"
		grep -qx 'rng 32 nonzero' "$b" || why="$why; no fresh RNG seed"
		grep -qx last "$b" || why="$why; no BI_LAST"
		"$tool" decode "$root/proc/bootinfo" | grep '^rec' > "$tmp/old.rec"
		grep '^rec' "$b" | cmp -s - "$tmp/old.rec" ||
			why="$why; kept records differ from /proc/bootinfo"
		[ "$(grep -c '^rec 0x800' "$b")" = 6 ] || why="$why; virt records lost"
		[ -z "$why" ] && pass m68k-virt-bootinfo ||
			fail m68k-virt-bootinfo "${why#; }"
	fi
	# Layout: first page not loaded, bootinfo at _end, ramdisk at the top.
	kmem=$(seg_field "$tmp/virt.json" kernel mem)
	bmem=$(seg_field "$tmp/virt.json" bootinfo mem)
	rd_memsz=$(seg_field "$tmp/virt.json" initrd memsz)
	why=
	[ "$kmem" = 0x1000 ] || why="kernel at $kmem, not 0x1000"
	[ "$bmem" = 0x6000 ] || why="$why; bootinfo at $bmem, not _end 0x6000"
	[ $((rd_mem + rd_memsz)) = $((0x10000000)) ] ||
		why="$why; ramdisk ends at $(printf 0x%x $((rd_mem + rd_memsz)))"
	[ $((rd_mem % 4096)) = 0 ] || why="$why; ramdisk not page aligned"
	kf=$(ls "$tmp/virt.d/"*-kernel.bin 2>/dev/null | head -n 1)
	tail -c +4097 "$tmp/vmlinux-linux61" | head -c 8192 > "$tmp/ktext"
	head -c 8192 "$kf" 2>/dev/null | cmp -s - "$tmp/ktext" ||
		why="$why; kernel segment is not the image from 0x1000"
	[ -z "$why" ] && pass m68k-virt-layout || fail m68k-virt-layout "${why#; }"
	# No spurious warnings (bootversion, 4 MiB) for virt.
	if [ -s "$tmp/virt.err" ]; then
		fail m68k-virt-no-warnings "$(head -n 2 "$tmp/virt.err")"
	else
		pass m68k-virt-no-warnings
	fi
	# A gzip'd vmlinux loads the same kernel bytes.
	dry virtgz --root="$root" --reuse-cmdline -l "$tmp/vmlinux.gz"
	a=$(seg_field "$tmp/virt.json" kernel sha256)
	g=$(seg_field "$tmp/virtgz.json" kernel sha256)
	[ $rc -eq 0 ] && [ -n "$a" ] && [ "$a" = "$g" ] &&
		pass m68k-virt-gzip || fail m68k-virt-gzip "exit $rc, sha $g vs $a"
	# Without an initrd: no ramdisk record, old line kept with --reuse.
	dry virtnord --root="$root" --reuse-cmdline -l "$tmp/vmlinux-linux61"
	decode_bi virtnord
	if [ $rc -eq 0 ] && ! grep -q '^ramdisk' "$tmp/virtnord.bi" &&
	   grep -qxF "cmdline $old" "$tmp/virtnord.bi"; then
		pass m68k-virt-no-initrd
	else
		fail m68k-virt-no-initrd "exit $rc; $(grep -E '^(ramdisk|cmdline)' "$tmp/virtnord.bi" | tr '\n' ' ')"
	fi
else
	echo "m68k: no captured fixture under $fix/virt-256M (skipped)" >&2
fi

# --- Refusals --------------------------------------------------------------
r=$syn/virt
dry x86 --root="$r" -l "$tmp/vmlinux-x86"
[ $rc -eq 3 ] && grep -q 'not an m68k kernel' "$tmp/x86.err" &&
	pass m68k-wrong-arch || fail m68k-wrong-arch "exit $rc: $(cat "$tmp/x86.err")"
dry panic --root="$r" -p "$tmp/vmlinux-linux61"
[ $rc -ne 0 ] && grep -q 'no crash kernel' "$tmp/panic.err" &&
	pass m68k-no-kdump || fail m68k-no-kdump "exit $rc: $(cat "$tmp/panic.err")"
long=$(printf 'x%.0s' $(seq 1 250))
dry long --root="$r" --reuse-cmdline --append="$long" -l "$tmp/vmlinux-linux61"
[ $rc -eq 5 ] && pass m68k-cmdline-too-long ||
	fail m68k-cmdline-too-long "exit $rc: $(cat "$tmp/long.err")"
head -c 100 "$r/proc/bootinfo" > "$tmp/bad-bootinfo"
dry badfile --root="$r" --bootinfo="$tmp/bad-bootinfo" -l "$tmp/vmlinux-linux61"
[ $rc -eq 3 ] && grep -q 'bad-bootinfo' "$tmp/badfile.err" &&
	[ "$(wc -l < "$tmp/badfile.err")" -eq 1 ] &&
	pass m68k-bad-bootinfo-file || fail m68k-bad-bootinfo-file "exit $rc: $(cat "$tmp/badfile.err")"
mkdir -p "$tmp/badroot/proc"
cp "$tmp/bad-bootinfo" "$tmp/badroot/proc/bootinfo"
echo > "$tmp/badroot/proc/cmdline"
dry badroot --root="$tmp/badroot" --arch=m68k -l "$tmp/vmlinux-linux61"
[ $rc -eq 4 ] && grep -q 'proc/bootinfo' "$tmp/badroot.err" &&
	pass m68k-bad-proc-bootinfo || fail m68k-bad-proc-bootinfo "exit $rc: $(cat "$tmp/badroot.err")"

# --- Hand-built machines ---------------------------------------------------
dry atari --root="$syn/atari" --initrd="$tmp/initrd" --reuse-cmdline \
	-l "$tmp/vmlinux-linux61"
decode_bi atari
rd_mem=$(seg_field "$tmp/atari.json" initrd mem)
rd_memsz=$(seg_field "$tmp/atari.json" initrd memsz)
if [ $rc -eq 0 ] && [ "$(grep -c '^rec 0x0005' "$tmp/atari.bi")" = 2 ] &&
   grep -q '^rec 0x8000' "$tmp/atari.bi" &&
   [ $((rd_mem + rd_memsz)) = $((4 << 20)) ]; then
	pass m68k-atari-two-chunks
else
	fail m68k-atari-two-chunks "exit $rc, ramdisk $rd_mem+$rd_memsz: $(cat "$tmp/atari.err")"
fi
dry amiga --root="$syn/amiga" --reuse-cmdline -l "$tmp/vmlinux-linux61"
[ $rc -eq 0 ] && [ "$(seg_field "$tmp/amiga.json" kernel mem)" = 0x7001000 ] &&
	pass m68k-amiga-fast-ram-base || fail m68k-amiga-fast-ram-base "exit $rc: $(cat "$tmp/amiga.err")"
dry mac --root="$syn/mac" --reuse-cmdline -l "$tmp/vmlinux-nobv"
decode_bi mac
[ $rc -eq 0 ] && grep -qx 'cmdline root=/dev/sda5 console=ttyS0' "$tmp/mac.bi" &&
	! grep -q . "$tmp/mac.err" &&
	pass m68k-mac-no-bootversion || fail m68k-mac-no-bootversion "exit $rc: $(cat "$tmp/mac.err")"
dry noatari --root="$syn/atari" -l "$tmp/vmlinux-noatari"
[ $rc -eq 0 ] && grep -q 'does not list machine type 2' "$tmp/noatari.err" &&
	pass m68k-bootversion-warning || fail m68k-bootversion-warning "exit $rc: $(cat "$tmp/noatari.err")"

# --- The purgatory's instructions -----------------------------------------
# No FPU, MMU or cache (F-line) instruction, and no 64-bit mul/div form:
# the 68060 lacks those and no kernel runs in purgatory to emulate them.
ro=${KX_BUILD:-$(dirname "$(dirname "$kexec")")}/obj/purgatory-m68k.ro
if [ -f "$ro" ] && command -v m68k-linux-gnu-objdump >/dev/null 2>&1; then
	m68k-linux-gnu-objdump -d "$ro" | awk -F'\t' '
		NF >= 3 && $1 ~ /:$/ {
			split($2, w, " ")
			if (w[1] ~ /^f/ ||
			    (w[1] ~ /^4c[0-7]/ && w[2] ~ /^.[4567cdef]/))
				print $0
		}' > "$tmp/bad-insns"
	[ -s "$tmp/bad-insns" ] &&
		fail m68k-purgatory-insns "$(head -n 3 "$tmp/bad-insns" | tr '\t' ' ')" ||
		pass m68k-purgatory-insns
else
	echo "m68k: no purgatory object or objdump; instruction check skipped" >&2
fi

exit $failed
