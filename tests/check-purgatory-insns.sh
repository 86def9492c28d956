#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-purgatory-insns.sh - fail if a ppc64 purgatory object uses floating
# point, AltiVec/VMX or VSX instructions, or if its PS3 failure path is not
# the lv1 call it must be.
#
# Purgatory runs before the new kernel has enabled any of those facilities:
# one such instruction is a facility-unavailable interrupt with nobody to
# handle it, i.e. a silent hang (GCC 12 auto-vectorisation did this to the
# reference purgatory).
#
# The PS3 failure path (purgatory/arch/ppc64/halt.c): kx_arch_halt() must
# load r3 = 255 (lv1_panic, arch/powerpc/include/asm/lv1call.h) and r4 = 1
# (reboot) before its call to kx_ppc64_lv1_call, and that must do
# "mr r11,r3; mr r3,r4; sc 1": lv1 takes the call number in r11 and the
# argument in r3 (arch/powerpc/platforms/ps3/hvcall.S).
#
# Usage: check-purgatory-insns.sh [BUILD_DIR | OBJECT...]
#   BUILD_DIR (default .) checks obj/purgatory-ppc64le.ro and
#   obj/purgatory-ppc64be.ro in it.  Prints one line per offending
#   instruction and exits 1; exits 0 when clean; 77 (skip) when no objdump
#   for powerpc is installed.

set -u

if [ $# -eq 0 ] || { [ $# -eq 1 ] && [ -d "$1" ]; }; then
	dir=${1:-.}
	set -- "$dir/obj/purgatory-ppc64le.ro" "$dir/obj/purgatory-ppc64be.ro"
fi

objdump=
for o in powerpc64le-linux-gnu-objdump powerpc64-linux-gnu-objdump \
	 multiarch-objdump; do
	if command -v "$o" >/dev/null 2>&1; then
		objdump=$o
		break
	fi
done
if [ -z "$objdump" ]; then
	echo "SKIP: no powerpc objdump installed" >&2
	exit 77
fi

# Mnemonics of the FP, VMX and VSX facilities (loads/stores, arithmetic,
# moves between register files, status and control register access).
bad='^(f[a-z]|lf[ds]|lfiw|lfq|stf[ds]|stfiw|stfq|mffs|mtfs|mcrfs'
bad="$bad"'|v[a-z]|lv[a-z]|stv[a-z]|mtvscr|mfvscr|dss|dst'
bad="$bad"'|xx|xs|xv|lxv|lxs|lxsd|stxv|stxs|lxvd|mtvsr|mfvsr|mtfprw|mffpr)'

status=0
for f in "$@"; do
	if [ ! -f "$f" ]; then
		echo "FAIL: $f: no such file" >&2
		status=1
		continue
	fi
	# objdump lines: "  addr:	bytes 	mnemonic operands"
	hits=$("$objdump" -d --no-show-raw-insn "$f" 2>&1 |
	       awk -F'\t' -v bad="$bad" '
		/^[0-9a-f]+ <.*>:$/ { fn = $0 }
		NF >= 2 && $1 ~ /^ *[0-9a-f]+:$/ {
			split($2, w, " ")
			if (w[1] ~ bad)
				print fn " " $1 " " $2
		}')
	if [ -n "$hits" ]; then
		echo "FAIL: $f uses FP/vector instructions:"
		echo "$hits"
		status=1
	else
		echo "PASS: $f has no FP/vector instructions"
	fi

	# The lv1 call and its call site, as "mnemonic operands" lines.
	body() {
		"$objdump" -dr --no-show-raw-insn "$f" 2>/dev/null |
			awk -F'\t' -v fn="<$1>:" '
			$0 ~ fn { on = 1; next }
			on && /^$/ { exit }
			on && $1 ~ /^ *[0-9a-f]+:$/ {
				gsub(/ +/, " ", $2); print $2 " " $3 }
			on && /R_PPC64_REL24/ { print "call " $NF }'
	}
	lv1=$(body kx_ppc64_lv1_call | tr '\n' ';')
	site=$(body kx_arch_halt | awk '
		/^li r3,/ { r3 = $2 } /^li r4,/ { r4 = $2 }
		/^call kx_ppc64_lv1_call/ { print r3 " " r4; exit }')
	case $lv1 in
	*"mr r11,r3 ;mr r3,r4 ;sc 1 ;"*) lv1=ok ;;
	esac
	if [ "$lv1" = ok ] &&
	   [ "$site" = "r3,255 r4,1" ]; then
		echo "PASS: $f: PS3 halt calls lv1_panic(1) (r11 = 255, r3 = 1, sc 1)"
	else
		echo "FAIL: $f: PS3 halt: lv1 call '$lv1', call site '$site'"
		status=1
	fi
done
exit $status
