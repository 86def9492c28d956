# tests/lib/ppc64-fixtures.sh - building --root trees from device-tree
# blobs and reading values back, for the ppc64 fixture scripts (sourced).

# ---- a dtb as a /proc/device-tree directory ----

dtb_to_dir() {	# dtb node dir
	local dtb=$1 node=$2 dir=$3 p n hex
	mkdir -p "$dir"
	for p in $(fdtget -p "$dtb" "$node"); do
		hex=$(fdtget -t bx "$dtb" "$node" "$p")
		printf "$(printf '%s' "$hex" | sed -E 's/([0-9a-f]+)/\\x\1/g; s/ //g')" \
			> "$dir/$p"
	done
	for n in $(fdtget -l "$dtb" "$node"); do
		dtb_to_dir "$dtb" "${node%/}/$n" "$dir/$n"
	done
}

# ---- reading fixture values ----

# Big-endian integer of a property file (4 or 8 bytes), in decimal.
prop_num() {
	[ -f "$1" ] || { echo 0; return; }
	echo $((16#$(od -An -tx1 -v -N8 "$1" | tr -d ' \n')))
}

# "start end" pairs (decimal) of a reg property with 2+2 cells.
reg_ranges() {
	{ od -An -tx1 -v "$1" | tr -d ' \n' | fold -w32; echo; } |
		while read -r e; do
			[ -n "$e" ] || continue
			s=$((16#${e:0:16})); l=$((16#${e:16:16}))
			echo "$s $((s + l))"
		done
}

# Memory reservations of a dtb: "start end" (decimal).
rsv_ranges() {
	fdtdump -s "$1" 2>/dev/null | sed -n 's|^/memreserve/ \(0x[0-9a-f]*\) \(0x[0-9a-f]*\);|\1 \2|p' |
		while read -r a s; do echo "$((a)) $((a + s))"; done
}

# Segments of a JSON plan: "role mem memsz bufsz" (decimal).
plan_segments() {
	grep -o '"role":"[a-z]*","mem":"0x[0-9a-f]*","memsz":"0x[0-9a-f]*","bufsz":"0x[0-9a-f]*"' "$1" |
		sed -E 's/"role":"([a-z]*)","mem":"(0x[0-9a-f]*)","memsz":"(0x[0-9a-f]*)","bufsz":"(0x[0-9a-f]*)"/\1 \2 \3 \4/' |
		while read -r r m z b; do echo "$r $((m)) $((z)) $((b))"; done
}

