# tests/lib/expect.sh - run the loader and judge its outcome, for the
# host test scripts that source it.  $kexec names the loader and $TMP a
# scratch folder; each check prints "PASS: name" or "FAIL: name: why".

# expect NAME STATUS PATTERN -- ARGS...: run kexec ARGS; pass when the exit
# status is STATUS and stderr is one line matching PATTERN (grep -E);
# returns 1 when it failed.
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
