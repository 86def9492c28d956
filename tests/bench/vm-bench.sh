#!/bin/bash
# tests/bench/vm-bench.sh - this loader against kexec-tools, side by side,
# in one run, in guests under QEMU (TCG).  Prints figures and the ratios
# against the project's targets; judges nothing by its exit status.
#
# The reference is kexec-tools built static from Debian's own source
# package by tests/bench/kexec-tools.sh.  Both binaries go into the same
# initramfs and run alternately in the same guest kind, so a drifting host
# affects both alike.
#
#   1. Load: one boot runs, LOAD_RUNS times, in turn:
#        ours with its default checks (XXH64), kexec-tools with its
#        default checks (SHA-256), both with --no-checks, and ours with
#        --checksum=sha256,
#      each "kexec -l KERNEL --initrd=... --command-line=..." under
#      tests/bench/kexec-bench.c: wall time and peak anonymous memory
#      (RssAnon polled every 200 us).  An unload (not timed) follows each.
#   2. Exec: EXEC_RUNS rounds; a round boots a fresh guest per loader and
#      mode (checks: default against default; nochecks: both --no-checks;
#      sha256: ours --checksum=sha256 against kexec-tools' SHA-256), loads,
#      prints a marker and runs "kexec -e".  The exec time runs from that
#      marker to the new kernel's first console line (the first line
#      after the old kernel's last one that is not purgatory's), stamped on
#      the host as QEMU writes each line.  "switch" is the part from the
#      old kernel's last line.
# The medians, ours over kexec-tools', close the output.
#
# Targets (TARGET): ppc64le and ppc64 (pseries, POWER9, 3 GiB, 2 CPUs,
# 64 MiB initrd), m68k (virt, 512 MiB, 16 MiB initrd; kexec-tools has no
# purgatory on m68k, so its "checks" modes check nothing: compare
# nochecks).  Kernel: the VM suite's (tests/vm/kernels.sh).
#
#   --phases N: instead, the switch phase by phase (ppc64 only): N boots of
#      each loader, alternating, --no-checks, with -d (both purgatories
#      then print a line on entry).  Per boot: the copy (switchover line to
#      purgatory's line), the new kernel's early boot (purgatory's line to
#      the new kernel's first line), and their sum; then the medians.
#
#   --listing N: instead, how long listing the network interfaces takes
#      at kexec -e (tests/bench/ifdown-listing.c): N boots, each running
#      the two ways in turn, 3 times each, the first way alternating from
#      boot to boot: glibc's if_nameindex() (netlink, as kexec-tools) and
#      reading /proc/net/dev (as this loader).  Prints the medians of each
#      way's first call when it ran first in its boot, when it ran second,
#      and of its repeated calls.
#
# Usage: tests/bench/vm-bench.sh [TARGET [LOAD_RUNS [EXEC_RUNS]]]
#            (defaults ppc64le 5 5)
#        tests/bench/vm-bench.sh --phases [N [TARGET]]   (defaults 3 ppc64le)
#        tests/bench/vm-bench.sh --listing [N [TARGET]]  (defaults 6 ppc64le)
# Environment: as tests/vm/run.sh (KEXEC_PPC64LE, KT_CACHE, KT_WORK).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
phases=0
listing=0
if [ "${1:-}" = --phases ]; then
	phases=${2:-3}
	target=${3:-ppc64le}
elif [ "${1:-}" = --listing ]; then
	listing=${2:-6}
	target=${3:-ppc64le}
else
	target=${1:-ppc64le}
	load_runs=${2:-5}
	exec_runs=${3:-5}
fi
case $target in
ppc64le|ppc64)
	machine=pseries; mem=3G; con=hvc0; initrd_mib=64
	qemu=qemu-system-ppc64
	last='Starting switchover sequence' ;;
m68k)
	machine=m68k-virt; mem=512M; con=ttyGF0; initrd_mib=16
	qemu=qemu-system-m68k
	last='Will call new kernel at' ;;
*) echo "usage: $0 [ppc64le|ppc64|m68k [LOAD_RUNS [EXEC_RUNS]]]" >&2; exit 2 ;;
esac
export KT_MEM=${KT_MEM:-$mem}
work=$KT_WORK/bench-$target
mkdir -p "$work"

kdir=$(kt_kernel_dir "$target") || exit 1
# Not in a subshell: kt_kexec_bin records the binary for kt_stage.
kt_kexec_bin "$target" >/dev/null || exit 1
ref=$("$KT_REPO/tests/bench/kexec-tools.sh" "$target" | tail -n 1) || exit 1
vmlinux=$kdir/vmlinux
tri=$(kt_triplet "$target")
bench=$work/kexec-bench
"$tri-gcc" -static -O2 -Wall -Wextra -o "$bench" \
	"$KT_REPO/tests/bench/kexec-bench.c" || exit 1
"$tri-gcc" -static -O2 -Wall -Wextra -o "$work/ifdown-listing" \
	"$KT_REPO/tests/bench/ifdown-listing.c" || exit 1
initrd=$work/initrd$initrd_mib
[ -f "$initrd" ] || head -c $((initrd_mib << 20)) /dev/urandom >"$initrd"

args="-l /boot/vmlinux --initrd=/boot/initrd --command-line=\"console=$con panic=1\""
declare -A mode_ours=([checks]="" [nochecks]="--no-checks" [sha256]="--checksum=sha256")
declare -A mode_kt=([checks]="" [nochecks]="--no-checks" [sha256]="")

# stage NAME SCRIPT: an initramfs with both loaders, the kernel, the initrd
# and SCRIPT as the init's command script.
stage() {
	local root=$work/$1.root
	kt_stage "$root" "$target"
	cp "$vmlinux" "$root/boot/vmlinux"
	cp "$initrd" "$root/boot/initrd"
	cp "$bench" "$root/sbin/kexec-bench"
	cp "$work/ifdown-listing" "$root/sbin/ifdown-listing"
	cp "$ref" "$root/sbin/kexec-tools"
	printf '%s\n' "$2" >"$root/kt/gen1"
	kt_pack "$root" "$work/$1.cpio.gz"
	rm -rf "$root"
}

# boot NAME TIMEOUT: boot it, every console line stamped with the host's
# clock as QEMU writes it (no buffering filter in between).
boot() {
	kt_qemu_args "$machine" "$vmlinux" "$work/$1.cpio.gz" "console=$con"
	timeout -k 5 "$2" "${QEMU[@]}" </dev/null 2>&1 |
		while IFS= read -r line; do
			printf '%s %s\n' "$EPOCHREALTIME" "${line%$'\r'}"
		done >"$work/$1.log"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a != "" && b > 0) printf "%.3f", a / b; else printf "-"}'; }

describe() {
	echo "target $target: $machine, $KT_MEM, kernel $(stat -c %s "$vmlinux") bytes ($(cat "$kdir/release" 2>/dev/null || echo '?')), initrd $((initrd_mib << 20)) bytes"
	echo "ours: $(kt_kexec_bin "$target")"
	echo "kexec-tools: $(head -n 1 "$(dirname "$ref")/BUILD-INFO" 2>/dev/null || echo "$ref")"
	echo "host: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $($qemu --version | head -n 1)"
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
}

# ---- listing the interfaces at kexec -e ----
if [ "$listing" != 0 ]; then
	describe
	: >"$work/listing.txt.new"
	for i in $(seq "$listing"); do
		first=netlink second=procfs
		[ $((i % 2)) = 1 ] || { first=procfs; second=netlink; }
		echo "vm-bench: interface listing, boot $i of $listing ($first first)" >&2
		stage listing "quiet
run 0 /sbin/ifdown-listing $first 3
run 0 /sbin/ifdown-listing $second 3
poweroff"
		boot listing 300
		grep -a 'KT-OUT LIST ' "$work/listing.log" | sed 's/^[0-9.]* KT-OUT //' |
			awk -v first=$first -v boot=$i '{print $0, "boot=" boot, "pos=" ($2 == first ? "first" : "second")}' |
			tee -a "$work/listing.txt.new"
	done
	mv "$work/listing.txt.new" "$work/listing.txt"
	for m in netlink procfs; do
		for what in "first call, first in its boot:run=1 .*pos=first" \
			    "first call, second in its boot:run=1 .*pos=second" \
			    "repeated calls:run=[23] "; do
			printf '%s median %s: %s us\n' "$m" "${what%%:*}" \
				"$(grep "^LIST $m " "$work/listing.txt" | grep -E "${what#*:}" |
				   sed -n 's/.* us=\([0-9]*\).*/\1/p' | median)"
		done
	done
	exit 0
fi

# ---- the switch phase by phase ----
if [ "$phases" != 0 ]; then
	[ "$target" != m68k ] || { echo "vm-bench: --phases needs a ppc64 target" >&2; exit 2; }
	describe
	: >"$work/phases.txt.new"
	for i in $(seq "$phases"); do
		for who in ours kexec-tools; do
			bin=/sbin/kexec
			[ $who = ours ] || bin=/sbin/kexec-tools
			echo "vm-bench: switch phases, $who, boot $i of $phases" >&2
			stage "phase-$who" "run 0 $bin $args --no-checks -d
run never $bin -e"
			boot "phase-$who" 400
			awk -v who=$who '/Starting switchover sequence/ {a = $1}
			     a && !b && /I.m in purgatory|kexec purgatory: entered/ {b = $1}
			     b && !c && NF > 1 && !/purgatory/ {c = $1}
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

describe

# ---- 1. load time and memory ----
script="quiet"
for i in $(seq "$load_runs"); do
	for m in checks kexec-tools:checks nochecks kexec-tools:nochecks sha256; do
		case $m in
		kexec-tools:*) m=${m#*:}
			script+=$'\n'"run 0 /sbin/kexec-bench kexec-tools-$m 1 /sbin/kexec-tools $args ${mode_kt[$m]}" ;;
		*)	script+=$'\n'"run 0 /sbin/kexec-bench ours-$m 1 /sbin/kexec $args ${mode_ours[$m]}" ;;
		esac
		# Each load starts from nothing loaded, so none pays for
		# freeing the one before.
		script+=$'\n'"run 0 /sbin/kexec -u"
	done
done
script+=$'\n'"poweroff"
stage load "$script"
echo "vm-bench: $target: kexec -l, $load_runs runs of each" >&2
boot load $((300 + load_runs * 120))
grep -a 'BENCH .* run=' "$work/load.log" | sed 's/^[0-9.]* //; s/^KT-OUT //' >"$work/load.txt"
if [ "$(grep -c . "$work/load.txt")" -ne $((load_runs * 5)) ] || grep -qv ' rc=0$' "$work/load.txt"; then
	cat "$work/load.txt"
	echo "vm-bench: $target: not every load ran and succeeded; see $work/load.log" >&2
	exit 1
fi

# ---- 2. kexec -e to the new kernel's first line ----
exec_once() {	# who mode
	local bin=/sbin/kexec extra=${mode_ours[$2]}
	if [ "$1" = kexec-tools ]; then bin=/sbin/kexec-tools; extra=${mode_kt[$2]}; fi
	stage "exec-$1-$2" "run 0 $bin $args $extra
echo EXEC-START
run never $bin -e"
	boot "exec-$1-$2" $([ "$target" = m68k ] && echo 400 || echo 200)
	awk -v last="$last" -v tag="$1-$2" '
	     /KT-ECHO EXEC-START/ {s = $1; next}
	     s && index($0, last) {l = $1; next}
	     l && NF > 1 && !/purgatory/ {f = $1; exit}
	     END {if (f) printf "EXEC %s exec=%.3f switch=%.3f\n", tag, f - s, f - l
		  else print "EXEC " tag " incomplete"}' "$work/exec-$1-$2.log"
}
: >"$work/exec.txt.new"
for i in $(seq "$exec_runs"); do
	for m in checks nochecks sha256; do
		for who in ours kexec-tools; do
			echo "vm-bench: $target: kexec -e, round $i of $exec_runs, $m, $who" >&2
			exec_once $who $m | tee -a "$work/exec.txt.new"
		done
	done
done
mv "$work/exec.txt.new" "$work/exec.txt"

# ---- figures ----
lf() { grep "^BENCH $1 " "$work/load.txt" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p" | median; }
ef() { grep "^EXEC $1 " "$work/exec.txt" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p" | median; }
cat "$work/load.txt"
echo
printf '%-44s %12s %12s %7s  %s\n' "median ($load_runs loads, $exec_runs boots each)" ours kexec-tools ratio target
row() {	# what ours theirs unit target
	local r
	r=$(ratio "$2" "$3")
	printf '%-44s %12s %12s %7s  %s\n' "$1" "$2$4" "$3$4" "$r" "$5"
}
tgt() { awk -v r="$1" -v t="$2" 'BEGIN {if (r == "-") print "<= " t ": no figure"; else if (r + 0 <= t) print "<= " t ": met"; else print "<= " t ": MISSED"}'; }
r=$(ratio "$(lf ours-checks wall)" "$(lf kexec-tools-checks wall)")
row "load, checks (default against default)" "$(lf ours-checks wall)" "$(lf kexec-tools-checks wall)" s "$(tgt "$r" 0.3)"
row "load, --no-checks" "$(lf ours-nochecks wall)" "$(lf kexec-tools-nochecks wall)" s ""
row "load, SHA-256 against SHA-256" "$(lf ours-sha256 wall)" "$(lf kexec-tools-checks wall)" s ""
r=$(ratio "$(lf ours-checks peak_anon_kib)" "$(lf kexec-tools-checks peak_anon_kib)")
row "peak anonymous memory, checks" "$(lf ours-checks peak_anon_kib)" "$(lf kexec-tools-checks peak_anon_kib)" K "$(tgt "$r" 0.01)"
row "peak anonymous memory, --no-checks" "$(lf ours-nochecks peak_anon_kib)" "$(lf kexec-tools-nochecks peak_anon_kib)" K ""
for m in checks nochecks sha256; do
	case $m in
	checks) what="exec, checks (default against default)"; t=0.5 ;;
	nochecks) what="exec, --no-checks"; t=1.0 ;;
	sha256) what="exec, SHA-256 against SHA-256"; t=1.0 ;;
	esac
	[ "$target" != m68k ] || [ $m = nochecks ] || t=
	r=$(ratio "$(ef ours-$m exec)" "$(ef kexec-tools-$m exec)")
	row "$what" "$(ef ours-$m exec)" "$(ef kexec-tools-$m exec)" s "${t:+$(tgt "$r" $t)}"
	row "  of which from the old kernel's last line" "$(ef ours-$m switch)" "$(ef kexec-tools-$m switch)" s ""
done
[ "$target" != m68k ] ||
	echo "(m68k: kexec-tools has no purgatory here; its checks and sha256 rows check nothing)"
exit 0
