# tests/lib/expect.sh - the one-line-refusal check of the host tests
# (sourced).

# expect NAME STATUS PATTERN -- ARGS...: run kexec ARGS; pass when the exit
# status is STATUS and stderr is one line matching PATTERN (grep -E);
# returns 1 when it failed.  Needs $kexec (the loader) and $TMP.
expect() {
	local name=$1 want=$2 pat=$3
	shift 4
	"$kexec" "$@" >"$TMP/out" 2>"$TMP/err"
	local rc=$? lines
	lines=$(wc -l < "$TMP/err")
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL: $name: exit status $rc, expected $want: $(head -c 300 "$TMP/err")"
	elif [ "$lines" -ne 1 ]; then
		echo "FAIL: $name: $lines lines on stderr, expected 1: $(head -c 300 "$TMP/err")"
	elif ! grep -qE -- "$pat" "$TMP/err"; then
		echo "FAIL: $name: stderr does not match /$pat/: $(cat "$TMP/err")"
	else
		echo "PASS: $name"
		return 0
	fi
	return 1
}
