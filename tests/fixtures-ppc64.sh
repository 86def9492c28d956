#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# fixtures-ppc64.sh - dry-run ppc64 loads against captured system states
# (tests/fixtures/ppc64/<name>/: proc/device-tree, proc/cmdline,
# sys/firmware/fdt) and hand-made ones (tests/fixtures/ppc64-synth/<name>/
# tree.dts + cmdline + optional sys/, turned into the same layout here),
# then check the
# plan and the dumped device tree.  Prints "PASS: name" or
# "FAIL: name: why" per assertion group.  Never loads anything: every run
# uses --root, which implies --dry-run.
#
# Usage: tests/fixtures-ppc64.sh [--build DIR] [--src DIR]

BUILD=.
SRC=$(cd "$(dirname "$0")/.." && pwd)
while [ $# -gt 0 ]; do
	case $1 in
	--build) BUILD=$2; shift 2 ;;
	--src) SRC=$2; shift 2 ;;
	*) echo "usage: $0 [--build DIR] [--src DIR]" >&2; exit 2 ;;
	esac
done
KEXEC=$BUILD/kexec/kexec
TMP=$(mktemp -d /tmp/fixtures-ppc64.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
NFAIL=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; NFAIL=$((NFAIL + 1)); }

# ---- inputs: test kernels (8 MiB bss, two PT_LOADs) and an initrd ----

. "$(dirname "${BASH_SOURCE[0]}")/lib/ppc64-kernels.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib/ppc64-fixtures.sh"

make_inputs() {
	make_kernel powerpc64le-linux-gnu "$TMP/vmlinux-le" || return 1
	make_kernel powerpc64-linux-gnu "$TMP/vmlinux-be" || return 1
	make_relocatable "$TMP/vmlinux-le" le
	make_relocatable "$TMP/vmlinux-be" be
	head -c 300000 /dev/zero | tr '\0' 'i' > "$TMP/initrd"
	# A boot wrapper: ELF32 PowerPC with the kernel in a section.
	printf 'x' > "$TMP/payload"
	powerpc64-linux-gnu-gcc -m32 -c -x c /dev/null -o "$TMP/w.o" &&
		powerpc64-linux-gnu-objcopy --add-section \
			.kernel:vmlinux.strip="$TMP/payload" "$TMP/w.o" \
			"$TMP/zImage.pseries" || return 1
}

synth_root() {	# synth-dir root
	mkdir -p "$2/proc" "$2/sys/firmware"
	dtc -q -I dts -O dtb -o "$2/sys/firmware/fdt" "$1/tree.dts" || return 1
	dtb_to_dir "$2/sys/firmware/fdt" / "$2/proc/device-tree"
	cp "$1/cmdline" "$2/proc/cmdline"
	if [ -d "$1/sys" ]; then cp -r "$1/sys/." "$2/sys/"; fi
}

# The first memory node's first reg entry: the real-mode area.
rma_end() {
	local f
	for f in "$1"/proc/device-tree/memory@0/reg "$1"/proc/device-tree/memory/reg; do
		[ -f "$f" ] && { reg_ranges "$f" | head -n1 | cut -d' ' -f2; return; }
	done
	echo 0
}

# ---- assertion groups ----

# Every segment above linux,kernel-end; MMU-off ones below the RMA end; the
# initrd low when it fits; PS3: everything in the boot region.
check_placement() {	# name root plan
	local ke re why="" r m z b
	ke=$(prop_num "$2/proc/device-tree/chosen/linux,kernel-end")
	re=$(rma_end "$2")
	while read -r r m z b; do
		[ "$m" -ge "$ke" ] || why="$why $r below kernel-end;"
		case $r in kernel|dtb|purgatory)
			[ "$((m + z))" -le "$re" ] || why="$why $r above the RMA end;" ;;
		initrd)
			# Low (memory the system has used), when that leaves
			# 16 MiB of the RMA for the segments after it.
			[ "$((re - ke))" -le "$((z + 0x1000000))" ] ||
			[ "$((m + z))" -le "$((re - 0x1000000))" ] ||
				why="$why initrd not low though it fits;" ;;
		esac
		if grep -q 'sony,ps3' "$2/proc/device-tree/compatible" 2>/dev/null &&
		   [ "$((m + z))" -gt "$re" ]; then
			why="$why $r outside the PS3 boot region;"
		fi
	done < <(plan_segments "$3")
	[ -z "$why" ] && pass "$1/placement" || fail "$1/placement" "$why"
}

# No segment in RTAS or in a boot reservation other than the old initrd.
check_reservations() {	# name root plan
	local dt=$2/proc/device-tree rb rs is ie why="" r m z b s e
	rb=$(prop_num "$dt/rtas/linux,rtas-base")
	rs=$(prop_num "$dt/rtas/rtas-size")
	is=$(prop_num "$dt/chosen/linux,initrd-start")
	ie=$(prop_num "$dt/chosen/linux,initrd-end")
	while read -r r m z b; do
		if [ "$rs" -gt 0 ] && [ "$m" -lt "$((rb + rs))" ] &&
		   [ "$rb" -lt "$((m + z))" ]; then
			why="$why $r overlaps RTAS;"
		fi
		while read -r s e; do
			[ "$s" -ge "$((is & ~0xffff))" ] && [ "$s" -lt "$ie" ] && continue
			[ "$m" -lt "$e" ] && [ "$s" -lt "$((m + z))" ] &&
				why="$why $r overlaps reservation $s-$e;"
		done < <([ -f "$2/sys/firmware/fdt" ] && rsv_ranges "$2/sys/firmware/fdt")
	done < <(plan_segments "$3")
	[ -z "$why" ] && pass "$1/reservations" || fail "$1/reservations" "$why"
}

# The dumped tree: bootargs, initrd, dropped properties, reservations,
# header.
check_tree() {	# name root plan outdir cmdline
	local dtb why="" im iz v
	dtb=$(ls "$4"/*-dtb.bin 2>/dev/null | head -n1)
	[ -n "$dtb" ] || { fail "$1/tree" "no dtb segment dumped"; return; }
	v=$(fdtget "$dtb" /chosen bootargs 2>/dev/null)
	[ "$v" = "$5" ] || why="$why bootargs '$v' != '$5';"
	read -r im iz < <(plan_segments "$3" | awk '$1 == "initrd" { print $2, $4 }')
	v=$(fdtget -t x "$dtb" /chosen linux,initrd-start 2>/dev/null | tr -d ' ')
	[ "$((16#${v:-0}))" = "$im" ] || why="$why initrd-start 0x$v != $im;"
	v=$(fdtget -t x "$dtb" /chosen linux,initrd-end 2>/dev/null | tr -d ' ')
	[ "$((16#${v:-0}))" = "$((im + iz))" ] || why="$why initrd-end 0x$v;"
	for v in linux,kernel-end linux,crashkernel-base linux,htab-base linux,memory-limit; do
		fdtget "$dtb" /chosen "$v" >/dev/null 2>&1 && why="$why $v kept;"
	done
	rsv_ranges "$dtb" | awk -v s="$im" -v e="$((im + iz))" \
		'$1 <= s && e <= $2 { f = 1 } END { exit !f }' ||
		why="$why no initrd reservation;"
	v=$(prop_num "$2/proc/device-tree/rtas/linux,rtas-base")
	if [ "$v" -gt 0 ] && ! rsv_ranges "$dtb" | awk -v b="$v" '$1 <= b && b < $2 { f = 1 } END { exit !f }'; then
		why="$why no RTAS reservation;"
	fi
	fdtdump -s "$dtb" 2>/dev/null | grep -q '^// version:[[:space:]]*17$' ||
		why="$why not version 17;"
	if [ -f "$2/sys/firmware/fdt" ]; then
		v=$(fdtdump -s "$2/sys/firmware/fdt" 2>/dev/null | sed -n 's|^// boot_cpuid_phys:[[:space:]]*||p')
		fdtdump -s "$dtb" 2>/dev/null | grep -q "^// boot_cpuid_phys:[[:space:]]*$v\$" ||
			why="$why boot cpu not $v;"
	fi
	[ -z "$why" ] && pass "$1/tree" || fail "$1/tree" "$why"
}

# PS3: the properties os-area.c needs, with their sizes.
check_ps3_tree() {	# name outdir
	local dtb why=""
	dtb=$(ls "$2"/*-dtb.bin | head -n1)
	[ "$(fdtget -t bx "$dtb" / linux,rtc_diff | wc -w)" = 8 ] ||
		why="$why linux,rtc_diff;"
	[ "$(fdtget -t bx "$dtb" / linux,av_multi_out | wc -w)" = 4 ] ||
		why="$why linux,av_multi_out;"
	[ -z "$why" ] && pass "$1/ps3-properties" || fail "$1/ps3-properties" "$why"
}

# -p: everything inside the crash region; the capture kernel's pieces
# (backup, ELF core header, elfcorehdr=, usable memory, reservations).
check_panic() {	# name root kernel
	local dt=$2/proc/device-tree cb cs ce out=$TMP/out-panic why="" r m z b
	local bm=-1 bz=0 bb=-1 em=-1 eb=0 hdr dtb v n
	cb=$(prop_num "$dt/chosen/linux,crashkernel-base")
	cs=$(prop_num "$dt/chosen/linux,crashkernel-size")
	ce=$((cb + cs))
	rm -rf "$out"; mkdir -p "$out"
	if ! "$KEXEC" --root="$2" --initrd="$TMP/initrd" --reuse-cmdline \
		--dry-run --plan-format=json --dump-segments="$out" \
		-p "$3" > "$TMP/plan-panic.json" 2> "$TMP/err"; then
		fail "$1/panic" "$(head -n1 "$TMP/err")"
		return
	fi
	while read -r r m z b; do
		[ "$m" -ge "$cb" ] && [ "$((m + z))" -le "$ce" ] ||
			why="$why $r outside the crash region;"
		case $r in
		backup) bm=$m bz=$z bb=$b ;;
		elfcorehdr) em=$m eb=$b ;;
		esac
	done < <(plan_segments "$TMP/plan-panic.json")
	grep -q '"cmdline":"[^"]*crashkernel=' "$TMP/plan-panic.json" &&
		why="$why crashkernel= passed on;"
	[ -z "$why" ] && pass "$1/panic" || { fail "$1/panic" "$why"; return; }

	# The backup: 64 KiB, nothing loaded (purgatory fills it).
	why=""
	[ "$bz" = 65536 ] && [ "$bb" = 0 ] || why="$why backup $bm+$bz bufsz $bb;"
	grep -q "\"cmdline\":\"[^\"]* elfcorehdr=$(printf '0x%x' "$em")\"" \
		"$TMP/plan-panic.json" || why="$why no elfcorehdr=$(printf '0x%x' "$em") at the end;"
	# The ELF core header: a note per CPU with crash notes (+ vmcoreinfo),
	# the first 64 KiB read from the backup, and none of the crash
	# kernel's own segments in the dump (only firmware memory, such as
	# RTAS, may lie in the crash region).
	hdr=$(ls "$out"/*-elfcorehdr.bin 2>/dev/null)
	n=$(ls "$2"/sys/devices/system/cpu/cpu*/crash_notes 2>/dev/null | wc -l)
	[ -f "$2/sys/kernel/vmcoreinfo" ] && n=$((n + 1))
	v=$(readelf -lW "$hdr" 2>/dev/null | grep -c '^  NOTE')
	[ "$v" = "$n" ] || why="$why $v notes, not $n;"
	readelf -hW "$hdr" 2>/dev/null | grep -q 'Type:.*CORE' || why="$why not an ELF core header;"
	local o first="" sm sz
	while read -r o m z; do
		o=$((o)) m=$((m)) z=$((z))
		[ "$m" = 0 ] && first="$o $z"
		[ "$m" = 0 ] && continue
		while read -r r sm sz b; do
			[ "$m" -lt "$((sm + sz))" ] && [ "$sm" -lt "$((m + z))" ] &&
				why="$why the dump covers the $r segment;"
		done < <(plan_segments "$TMP/plan-panic.json")
	done < <(readelf -lW "$hdr" 2>/dev/null | awk '$1 == "LOAD" { print $2, $4, $5 }')
	[ "$first" = "$bm 65536" ] || why="$why first 64 KiB not from the backup ($first);"
	[ -z "$why" ] && pass "$1/panic-elfcorehdr" || fail "$1/panic-elfcorehdr" "$why"

	# The tree: memory limited to [0, crash end) (+ firmware), the
	# crashed kernel's memory, backup and header reserved.
	why=""
	dtb=$(ls "$out"/*-dtb.bin 2>/dev/null)
	for v in $(fdtget -l "$dtb" / | grep '^memory'); do
		fdtget -t x "$dtb" "/$v" linux,usable-memory > "$TMP/um" 2>/dev/null ||
			{ why="$why /$v has no linux,usable-memory;"; continue; }
		read -r a b c d < "$TMP/um"
		[ "$((16#$a$b))" = 0 ] && [ "$((16#$c$d))" -ge "$ce" ] ||
			why="$why /$v usable '$(cat "$TMP/um")';"
	done
	# One count and that many (base, size) pairs per assigned LMB, all
	# of them inside [0, crash end).
	local drc=/ibm,dynamic-reconfiguration-memory cells i k
	if fdtget "$dtb" "$drc" ibm,lmb-size >/dev/null 2>&1; then
		if cells=($(fdtget -t x "$dtb" "$drc" linux,drconf-usable-memory 2>/dev/null)); then
			i=0
			while [ "$i" -lt "${#cells[@]}" ]; do
				k=$((16#${cells[i]}${cells[i + 1]})); i=$((i + 2))
				while [ "$k" -gt 0 ] && [ "$i" -lt "${#cells[@]}" ]; do
					m=$((16#${cells[i]}${cells[i + 1]}))
					z=$((16#${cells[i + 2]}${cells[i + 3]}))
					[ "$((m + z))" -le "$ce" ] || why="$why drconf usable $m+$z;"
					i=$((i + 4)) k=$((k - 1))
				done
			done
			[ "$k" = 0 ] || why="$why drconf-usable-memory truncated;"
		else
			why="$why no linux,drconf-usable-memory;"
		fi
	fi
	rsv_ranges "$dtb" | awk -v s=65536 -v e="$cb" '$1 <= s && e <= $2 { f = 1 } END { exit !f }' ||
		why="$why crashed kernel not reserved;"
	rsv_ranges "$dtb" | awk -v s="$bm" -v e="$((em + eb))" '$1 <= s && e <= $2 { f = 1 } END { exit !f }' ||
		why="$why backup and header not reserved;"
	[ -z "$why" ] && pass "$1/panic-tree" || fail "$1/panic-tree" "$why"
}

run_fixture() {	# name root
	local name=$1 root=$2 kernel=$TMP/vmlinux-le out=$TMP/out-$1 cmdline
	case $name in *-be*|*ps3*|*drconf*) kernel=$TMP/vmlinux-be ;; esac
	cmdline="$(tr -s ' \n' ' ' < "$root/proc/cmdline" | sed 's/ *$//') kx-test=1"
	rm -rf "$out"; mkdir -p "$out"
	if ! "$KEXEC" --root="$root" --initrd="$TMP/initrd" --reuse-cmdline \
		--append="kx-test=1" --dry-run --plan-format=json \
		--dump-segments="$out" -l "$kernel" > "$TMP/plan.json" \
		2> "$TMP/err"; then
		fail "$name/dry-run" "$(head -n1 "$TMP/err")"
		return
	fi
	pass "$name/dry-run"
	check_placement "$name" "$root" "$TMP/plan.json"
	check_reservations "$name" "$root" "$TMP/plan.json"
	check_tree "$name" "$root" "$TMP/plan.json" "$out" "$cmdline"
	grep -q 'sony,ps3' "$root/proc/device-tree/compatible" 2>/dev/null &&
		check_ps3_tree "$name" "$out"
	[ -f "$root/proc/device-tree/chosen/linux,crashkernel-size" ] &&
		check_panic "$name" "$root" "$kernel"
}

# Refusals: a boot wrapper and a foreign ELF, with exit status 3.
check_refusals() {
	local root=$1 st
	"$KEXEC" --root="$root" -l "$TMP/zImage.pseries" > /dev/null 2> "$TMP/err"
	st=$?
	if [ $st = 3 ] && grep -q 'zImage.pseries.*vmlinux instead' "$TMP/err"; then
		pass "refuse/zimage-wrapper"
	else
		fail "refuse/zimage-wrapper" "status $st: $(head -n1 "$TMP/err")"
	fi
	"$KEXEC" --root="$root" -l "$KEXEC" > /dev/null 2> "$TMP/err"
	st=$?
	if [ $st = 3 ] && grep -q 'x86-64\|AArch64\|not a 64-bit PowerPC' "$TMP/err"; then
		pass "refuse/foreign-elf"
	else
		fail "refuse/foreign-elf" "status $st: $(head -n1 "$TMP/err")"
	fi
}

if [ ! -x "$KEXEC" ]; then
	fail "fixtures-ppc64" "$KEXEC not built"
	exit 1
fi
if ! make_inputs > "$TMP/err" 2>&1; then
	fail "fixtures-ppc64/inputs" "$(head -n1 "$TMP/err")"
	exit 1
fi
last=""
for d in "$SRC"/tests/fixtures/ppc64/*/; do
	[ -d "$d/proc/device-tree" ] || continue
	run_fixture "$(basename "$d")" "${d%/}"
	last=${d%/}
done
for d in "$SRC"/tests/fixtures/ppc64-synth/*/; do
	[ -f "$d/tree.dts" ] || continue
	n=$(basename "$d")
	if ! synth_root "$d" "$TMP/root-$n" 2> "$TMP/err"; then
		fail "$n/build" "$(head -n1 "$TMP/err")"
		continue
	fi
	run_fixture "synth-$n" "$TMP/root-$n"
	last=$TMP/root-$n
done
[ -n "$last" ] && check_refusals "$last"
[ "$NFAIL" = 0 ]
