#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-options.sh - kexec-tools' command line as its callers use it
# (Debian's and Fedora's kdump services, init scripts): dry-run loads
# against captured system state that must succeed, with the plan or the
# command line they must produce.  The refusals are in bad-input.sh.
# Prints "PASS: name" or "FAIL: name: why".
#
# Environment (from tests/run.sh): KEXEC (the loader), KX_SRC (the tree).
set -u
src=${KX_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
kexec=${KEXEC:-$src/kexec/kexec}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kx-opts.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
. "$src/tests/lib/ppc64-kernels.sh"

pseries=$src/tests/fixtures/ppc64/pseries-le-2G-smp2
crash=$src/tests/fixtures/ppc64/pseries-le-4G-smp4-crashkernel512M
m68k=$src/tests/fixtures/m68k/virt-256M

# ok NAME PATTERN -- ARGS...: run kexec ARGS; pass when it exits 0, says
# nothing on stderr, and its standard output matches PATTERN (grep -E).
ok() {
	local name=$1 pat=$2
	shift 3
	"$kexec" "$@" >"$TMP/out" 2>"$TMP/err"
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: $name: exit status $rc: $(head -c 300 "$TMP/err")"
	elif [ -s "$TMP/err" ]; then
		echo "FAIL: $name: stderr: $(head -c 300 "$TMP/err")"
	elif ! grep -qE -- "$pat" "$TMP/out"; then
		echo "FAIL: $name: output does not match /$pat/: $(head -c 300 "$TMP/out")"
	else
		echo "PASS: $name"
	fi
}

make_kernel powerpc64le-linux-gnu "$TMP/vmlinux" || { echo "FAIL: setup: no test kernel"; exit 1; }
make_relocatable "$TMP/vmlinux" le
K=$TMP/vmlinux
head -c 4096 /dev/zero > "$TMP/initrd"

# Debian's kdump-config with KDUMP_KERNEL an ELF vmlinux.
ok args-linux-panic 'cmdline: .*maxcpus=1' -- --root="$crash" -p --args-linux \
	--command-line="maxcpus=1 irqpoll" --initrd="$TMP/initrd" "$K"
ok args-linux-load 'cmdline: .*quiet' -- --root="$pseries" -l --args-linux \
	--append=quiet "$K"
