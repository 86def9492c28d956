#!/bin/bash
# tests/bench/vm-bench.sh - memory and speed of a real load, measured in a
# ppc64le pseries guest under QEMU (TCG).  Prints figures; judges nothing.
#
#   1. kexec -l of Debian's uncompressed vmlinux (~44 MB) with a 64 MiB
#      initrd, RUNS times with the purgatory checks and RUNS times with
#      --no-checks, alternating: wall time and peak anonymous memory (RssAnon
#      polled by tests/bench/kexec-bench.c) of each run.
#   2. kexec -e to the new kernel's first console line, with and without
#      checks, alternating over EXEC_RUNS boots of each: the time from the
#      old kernel's "Starting switchover sequence" to the next console line,
#      stamped on the host as the lines arrive.
# The medians and their ratios close the output.
#
#   --phases N: instead, the switch phase by phase against kexec-tools
#      (tests/bench/kexec-tools.sh builds it from Debian's source): N boots
#      of each loader, alternating, in a 3 GiB guest, --no-checks, with -d
#      (both purgatories then print a line on entry).  Per boot: the copy
#      (switchover line to purgatory's line), the new kernel's early boot
#      (purgatory's line to the new kernel's first line), and their sum;
#      then the medians.  doc/performance.md quotes it.
#
# Usage: tests/bench/vm-bench.sh [RUNS [EXEC_RUNS]]   (defaults 5 and 3)
#        tests/bench/vm-bench.sh --phases [N]        (default 3)
# Environment: as tests/vm/run.sh (KEXEC_PPC64LE, KT_CACHE, KT_WORK);
# CHECKSUM=sha256 measures the SHA-256 purgatory instead of XXH64.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
phases=0
if [ "${1:-}" = --phases ]; then
	phases=${2:-3}
	export KT_MEM=${KT_MEM:-3G}
fi
runs=${1:-5}
exec_runs=${2:-3}
sum=${CHECKSUM:-xxh64}
work=$KT_WORK/bench
mkdir -p "$work"

kdir=$(kt_kernel_dir ppc64le) || exit 1
# Not in a subshell: kt_kexec_bin records the binary for kt_stage.
kt_kexec_bin ppc64le >/dev/null || exit 1
vmlinux=$kdir/vmlinux
bench=$work/kexec-bench
powerpc64le-linux-gnu-gcc -static -O2 -Wall -Wextra -o "$bench" \
	"$KT_REPO/tests/bench/kexec-bench.c" || exit 1
[ -f "$work/initrd64" ] || head -c $((64 << 20)) /dev/urandom >"$work/initrd64"

load_args="-l /boot/vmlinux --initrd=/boot/initrd --checksum=$sum --command-line=\"console=hvc0 panic=1\""

# stage NAME SCRIPT: an initramfs with the kernel, the initrd and SCRIPT.
stage() {
	local root=$work/$1.root
	kt_stage "$root" ppc64le
	cp "$vmlinux" "$root/boot/vmlinux"
	cp "$work/initrd64" "$root/boot/initrd"
	cp "$bench" "$root/sbin/kexec-bench"
	[ -z "${ref:-}" ] || cp "$ref" "$root/sbin/kexec-tools"
	printf '%s\n' "$2" >"$root/kt/gen1"
	kt_pack "$root" "$work/$1.cpio.gz"
	rm -rf "$root"
}

# Boot and stamp every console line with the host's clock.
boot_stamped() {	# name timeout
	kt_qemu_args pseries "$vmlinux" "$work/$1.cpio.gz" "console=hvc0"
	# No buffering filter between QEMU and the clock: a line is stamped
	# when QEMU writes it.
	timeout -k 5 "$2" "${QEMU[@]}" </dev/null 2>&1 |
		while IFS= read -r line; do
			printf '%s %s\n' "$EPOCHREALTIME" "${line%$'\r'}"
		done >"$work/$1.log"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'; }

# ---- the switch phase by phase, against kexec-tools ----
if [ "$phases" != 0 ]; then
	ref=$("$KT_REPO/tests/bench/kexec-tools.sh" ppc64le) || exit 1
	for i in $(seq "$phases"); do
		for who in ours kexec-tools; do
			bin=/sbin/kexec
			[ $who = ours ] || bin=/sbin/kexec-tools
			echo "vm-bench: switch phases, $who, boot $i of $phases" >&2
			stage "phase-$who" "run 0 $bin ${load_args/--checksum=$sum /} --no-checks -d
run never $bin -e"
			boot_stamped "phase-$who" 400
			awk -v who=$who '/Starting switchover sequence/ {a = $1}
			     a && !b && /I.m in purgatory|kexec purgatory: entered/ {b = $1}
			     b && !c && NF > 1 && /^[0-9.]+ \[ *0\.0+\]/ {c = $1}
			     END {if (c) printf "PHASES %s copy=%.3f early=%.3f total=%.3f\n", who, b - a, c - b, c - a
				  else print "PHASES " who " incomplete"}' \
				"$work/phase-$who.log" | tee -a "$work/phases.txt.new"
		done
	done
	mv "$work/phases.txt.new" "$work/phases.txt"
	for who in ours kexec-tools; do
		for f in copy early total; do
			printf '%s median %s=%s\n' "$who" "$f" "$(grep "^PHASES $who " "$work/phases.txt" |
				sed -n "s/.* $f=\([0-9.]*\).*/\1/p" | median)"
		done
	done
	exit 0
fi

# ---- 1. load time and memory ----
script="quiet"
for i in $(seq "$runs"); do
	script+=$'\n'"run 0 /sbin/kexec-bench checks 1 /sbin/kexec $load_args"
	script+=$'\n'"run 0 /sbin/kexec-bench nochecks 1 /sbin/kexec $load_args --no-checks"
done
script+=$'\n'"poweroff"
stage load "$script"
echo "vm-bench: measuring kexec -l ($runs runs each way, checksum $sum)" >&2
boot_stamped load 900
grep -a 'BENCH .* run=' "$work/load.log" | sed 's/^[0-9.]* //' |
	sed 's/^KT-OUT //' >"$work/load.txt"
if [ ! -s "$work/load.txt" ]; then
	echo "vm-bench: no load figures; see $work/load.log" >&2
	exit 1
fi

# ---- 2. exec to the first console line of the new kernel ----
exec_once() {	# label extra-args
	stage "exec-$1" "run 0 /sbin/kexec $load_args $2
run never /sbin/kexec -e"
	boot_stamped "exec-$1" 300
	awk '/Starting switchover sequence/ {t0=$1; next}
	     t0 && NF > 1 {printf "%.3f\n", $1 - t0; exit}' "$work/exec-$1.log"
}
for i in $(seq "$exec_runs"); do
	echo "vm-bench: kexec -e, run $i of $exec_runs each way" >&2
	echo "checks $(exec_once checks '')" >>"$work/exec.txt.new"
	echo "nochecks $(exec_once nochecks --no-checks)" >>"$work/exec.txt.new"
done
mv "$work/exec.txt.new" "$work/exec.txt"

# ---- figures ----
field() { grep "BENCH $1 " "$work/load.txt" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"; }
lc=$(field checks wall | median)
ln=$(field nochecks wall | median)
mc=$(field checks peak_anon_kib | median)
mn=$(field nochecks peak_anon_kib | median)
mmax=$(field checks peak_anon_kib | sort -n | tail -n 1)
ec=$(awk '$1 == "checks" {print $2}' "$work/exec.txt" | median)
en=$(awk '$1 == "nochecks" {print $2}' "$work/exec.txt" | median)
cat "$work/load.txt"
sed 's/^/EXEC /' "$work/exec.txt"
echo "kernel $(stat -c %s "$vmlinux") bytes, initrd $((64 << 20)) bytes, checksum $sum"
echo "kexec -l median wall: ${lc}s with checks, ${ln}s without; ratio $(awk "BEGIN {printf \"%.2f\", $lc / $ln}")"
echo "kexec -l peak anonymous memory: median ${mc} KiB with checks (max ${mmax} KiB), ${mn} KiB without"
echo "kexec -e to first new-kernel line, median: ${ec}s with checks, ${en}s without; ratio $(awk "BEGIN {printf \"%.2f\", $ec / $en}")"
