#!/bin/bash
# tests/vm/oops-rate.sh [-n PAIRS] [CASE] - how often the capture kernel of
# a kdump case oopses, with this project's loader and with kexec-tools as a
# control, in alternating runs of the same case on the same machine.
#
#   -n PAIRS   pairs of runs (default 10): ours, control, ours, control, ...
#   CASE       default ppc64be-kdump; the panic CPU is KDUMP_CPU (default 1,
#              the CPU whose bring-up in the capture kernel oopsed)
#
# A run counts as a failure of the capture kernel when its console shows,
# after the first kernel's panic, an oops (see oopses below) or a hang: an
# RCU stall ("rcu_sched detected stalls", "didn't respond to backtrace
# IPI") or the case's time limit.
#
# The control is kexec-tools built static from Debian's source package by
# tests/bench/kexec-tools.sh (or KT_CONTROL_BIN); it loads the crash kernel
# through run.sh's KT_KEXEC_CONTROL.  Each run's console is searched, after
# the first kernel's panic, for what a capture kernel must never print:
# "Oops", "BUG:", "stack corrupted", "Kernel panic", "Unable to handle",
# "Unrecoverable".  Prints one line per run, then per loader
# "<loader>: <o> oopses, <h> hangs in <runs> runs (<passes> passed the case)".
# Logs: $KT_WORK/oops-rate/<loader>-<n>/<case>/console.log.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pairs=10
while getopts n: o; do
	case $o in
	n) pairs=$OPTARG ;;
	*) sed -n '2,20p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
case=${1:-ppc64be-kdump}
case $case in
ppc64be-*) target=ppc64 ;;
*) target=ppc64le ;;
esac
export KDUMP_CPU=${KDUMP_CPU:-1}
base=${KT_WORK:-${TMPDIR:-/tmp}/kexec-loader-vm}/oops-rate
mkdir -p "$base"
control=${KT_CONTROL_BIN:-}
if [ -z "$control" ]; then
	control=$("$here/../bench/kexec-tools.sh" "$target" | tail -n 1) ||
		{ echo "oops-rate.sh: no kexec-tools for $target" >&2; exit 1; }
fi
[ -x "$control" ] || { echo "oops-rate.sh: $control is not executable" >&2; exit 1; }

# oopses <console.log>: the capture kernel's alarms, one per line.
oopses() {
	tr -d '\r' <"$1" | awk '
		!p && /sysrq triggered crash/ { p = 1; next }
		p && /Oops|BUG:|stack corrupted|Kernel panic|Unable to handle|Unrecoverable/' 
}

# hangs <console.log>: RCU stall reports after the first kernel's panic.
hangs() {
	tr -d '\r' <"$1" | awk '
		!p && /sysrq triggered crash/ { p = 1; next }
		p && /detected stalls on CPUs|did(n.t| not) respond to backtrace IPI/'
}

declare -A runs oops pass hang
for who in ours control; do runs[$who]=0 oops[$who]=0 pass[$who]=0 hang[$who]=0; done
for ((i = 1; i <= pairs; i++)); do
	for who in ours control; do
		dir=$base/$who-$i
		rm -rf "$dir"
		if [ "$who" = control ]; then
			out=$(KT_WORK=$dir KT_KEXEC_CONTROL=$control "$here/run.sh" "$case" 2>&1)
		else
			out=$(KT_WORK=$dir KT_KEXEC_CONTROL= "$here/run.sh" "$case" 2>&1)
		fi
		verdict=$(grep -E '^(PASS|FAIL) ' <<<"$out" | head -n 1)
		log=$dir/$case/console.log
		n=0 h=0
		[ -f "$log" ] && n=$(oopses "$log" | wc -l) && h=$(hangs "$log" | wc -l)
		case $verdict in *timeout*) h=$((h + 1)) ;; esac
		runs[$who]=$((runs[$who] + 1))
		[ "$n" = 0 ] || oops[$who]=$((oops[$who] + 1))
		[ "$n" != 0 ] || [ "$h" = 0 ] || hang[$who]=$((hang[$who] + 1))
		case $verdict in PASS*) pass[$who]=$((pass[$who] + 1)) ;; esac
		first=$([ -f "$log" ] && oopses "$log" | head -n 1 | cut -c1-100)
		[ "$n" = 0 ] && n= || n=", $n oops lines"
		[ "$h" = 0 ] || n="$n, $h hang reports"
		echo "run $i $who: ${verdict%% (*}$n${first:+: $first}"
	done
done
for who in ours control; do
	echo "$who: ${oops[$who]} oopses, ${hang[$who]} hangs in ${runs[$who]} runs (${pass[$who]} passed the case)"
done
