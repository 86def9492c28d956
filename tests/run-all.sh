#!/bin/bash
# tests/run-all.sh - every test of the project, as CI runs it:
#   1. the host suite (unit, bad-input and dry-run fixture tests, and the
#      fuzz harnesses replaying their seeds and regression inputs) with
#      ASan and UBSan, in an unprivileged user namespace; then each
#      libFuzzer harness (tests/fuzz/) for 15 seconds;
#   2. static cross builds for ppc64le, ppc64 (big-endian) and m68k, and the
#      unit tests of the two big-endian builds (and ppc64le) under QEMU user
#      mode (those tests make no kexec calls);
#   3. the VM tests: real kernels load and boot the next under QEMU.
# Closes with "N passed, N failed" over all of them.
# Options: --no-vm skips step 3.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
vm=1
[ "${1:-}" = --no-vm ] && vm=0
cd "$src"
tests/setup.sh || { echo "tests/run-all.sh: setup failed" >&2; exit 1; }

total_pass=0
total_fail=0
stage() {
	local name=$1; shift
	local out
	out=$(mktemp)
	echo "=== $name"
	"$@" 2>&1 | tee "$out"
	local rc=${PIPESTATUS[0]}
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	if [ -n "$line" ]; then
		total_pass=$((total_pass + $(echo "$line" | awk '{print $1}')))
		total_fail=$((total_fail + $(echo "$line" | awk '{print $3}')))
	fi
	if [ "$rc" -ne 0 ] && [ -z "$line" -o "${line#* passed, 0 failed}" != "$line" ]; then
		echo "FAIL: stage $name exited with status $rc"
		total_fail=$((total_fail + 1))
	fi
	rm -f "$out"
}

stage "fetch logic (tests/lib/debfetch.sh)" tests/check-fetch.sh
stage "build" tests/build.sh host ppc64le ppc64 m68k
stage "host suite" make -C build/host check
stage "fuzz harnesses, 15 s each" \
	nice -n 10 make -C build/host fuzz FUZZ_SECONDS=15
stage "ppc64 (big-endian) unit tests under qemu-user" \
	tests/run.sh --build build/ppc64 --wrapper qemu-ppc64-static
stage "m68k unit tests under qemu-user" \
	tests/run.sh --build build/m68k --wrapper qemu-m68k-static
stage "ppc64le unit tests under qemu-user" \
	tests/run.sh --build build/ppc64le --wrapper qemu-ppc64le-static
if [ $vm = 1 ]; then
	stage "VM tests" env KEXEC_PPC64LE="$src/build/ppc64le/kexec/kexec" \
		KEXEC_PPC64="$src/build/ppc64/kexec/kexec" \
		KEXEC_M68K="$src/build/m68k/kexec/kexec" tests/vm/run.sh
fi
echo "=== all stages"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
