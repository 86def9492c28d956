#!/bin/bash
# tests/run.sh - the host test suite: unit tests, bad-input cases and
# dry-run fixture tests.  Everything runs inside an unprivileged user
# namespace, where the kernel refuses kexec_load and reboot even if a bug
# reached them.  Prints one line per test and closes with
# "N passed, N failed".
#
# Usage: tests/run.sh [--build DIR] [--src DIR] [--wrapper CMD] [--unit-only]
#   --wrapper CMD  run unit-test programs under CMD (e.g. qemu-ppc64-static
#                  for a cross build); implies --unit-only.
set -u
build=.
src=$(cd "$(dirname "$0")/.." && pwd)
wrapper=
unit_only=0
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--src) src=$2; shift 2 ;;
	--wrapper) wrapper=$2; unit_only=1; shift 2 ;;
	--unit-only) unit_only=1; shift ;;
	*) echo "usage: $0 [--build DIR] [--src DIR] [--wrapper CMD] [--unit-only]" >&2; exit 2 ;;
	esac
done
build=$(cd "$build" && pwd)
src=$(cd "$src" && pwd)

# Re-enter inside a user namespace; refuse to run the suite outside one.
if [ -z "${KX_IN_USERNS:-}" ]; then
	if ! unshare --user --map-root-user true 2>/dev/null; then
		echo "tests/run.sh: unprivileged user namespaces are unavailable;" \
		     "refusing to run the suite outside one" >&2
		exit 1
	fi
	# A file the suite can not read inside the namespace, for the
	# bad-input case: a user namespace's root may override permissions
	# only on files whose owner is mapped into it.  As root, a file
	# chowned to nobody; otherwise a root-owned file only root may read.
	unreadable=
	if [ "$(id -u)" = 0 ]; then
		udir=$(mktemp -d "${TMPDIR:-/tmp}/kx-unreadable.XXXXXX")
		chmod 755 "$udir"
		echo secret > "$udir/vmlinux"
		chmod 600 "$udir/vmlinux"
		chown 65534:65534 "$udir/vmlinux" && unreadable=$udir/vmlinux
	else
		for f in /etc/shadow /etc/gshadow; do
			if [ -e "$f" ] && ! [ -r "$f" ]; then unreadable=$f; break; fi
		done
	fi
	KX_UNREADABLE=$unreadable KX_IN_USERNS=1 unshare --user --map-root-user "$0" \
		--build "$build" --src "$src" ${wrapper:+--wrapper "$wrapper"} \
		$([ $unit_only = 1 ] && echo --unit-only)
	rc=$?
	if [ -n "${udir:-}" ]; then rm -rf "$udir"; fi
	exit $rc
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export KX_UNREADABLE=${KX_UNREADABLE:-}
export KX_BUILD=$build KX_SRC=$src KEXEC=$build/kexec/kexec
log=$(mktemp -d "${TMPDIR:-/tmp}/kx-tests.XXXXXX")
pass=0
fail=0

# Run one program, echo its PASS:/FAIL: lines, count them; a program that
# exits non-zero without a FAIL line counts as one failure.
run_prog() {
	local name=$1; shift
	local out=$log/$(basename "$name").out
	"$@" >"$out" 2>&1
	local rc=$?
	local p f
	p=$(grep -c '^PASS:' "$out")
	f=$(grep -c '^FAIL:' "$out")
	grep -E '^(PASS|FAIL):' "$out" | sed "s|^|[$(basename "$name")] |"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "[$(basename "$name")] FAIL: exited with status $rc"
		sed 's/^/    /' "$out" | tail -n 30
		f=1
	elif [ "$f" -gt 0 ]; then
		grep -v -E '^(PASS|FAIL):' "$out" | sed 's/^/    /' | tail -n 40
	fi
	pass=$((pass + p))
	fail=$((fail + f))
}

for t in "$build"/tests/unit/test-*; do
	[ -x "$t" ] || continue
	case $t in *.c|*.o|*.d) continue ;; esac
	run_prog "$t" $wrapper "$t"
done

if [ $unit_only = 0 ]; then
	for s in "$src"/tests/bad-input.sh "$src"/tests/fixtures-*.sh \
		 "$src"/tests/check-*.sh; do
		[ -f "$s" ] || continue
		run_prog "$s" bash "$s"
	done
fi

rm -rf "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
