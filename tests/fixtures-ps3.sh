#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# fixtures-ps3.sh - dry-run loads against the PS3 fixtures
# (tests/fixtures/ps3/<name>/, see the README there): the plan (every
# segment in the boot region, above the running kernel and the new
# kernel's copy of itself, below mem=, outside a crash region, packed low)
# and the generated tree, property by property with fdtget (root, memory,
# cpus and os-area properties byte-identical to the running system's;
# /chosen bootargs and 8-byte initrd properties; no property the running
# kernel wrote about itself; the reservation map exactly the new initrd;
# version 17; the boot CPU of the boot blob).  Then petitboot's calls, the
# images PS3 users boot, and every PS3 refusal (one stderr line, the
# documented exit status).  Never loads anything: every run uses --root,
# which implies --dry-run.  Prints "PASS: name" or "FAIL: name: why".
#
# Usage: tests/fixtures-ps3.sh [--build DIR] [--src DIR]
#   KEEP=1 keeps the scratch folder (trees, plans, dumped segments).

BUILD=.
SRC=$(cd "$(dirname "$0")/.." && pwd)
while [ $# -gt 0 ]; do
	case $1 in
	--build) BUILD=$2; shift 2 ;;
	--src) SRC=$2; shift 2 ;;
	*) echo "usage: $0 [--build DIR] [--src DIR]" >&2; exit 2 ;;
	esac
done
KEXEC=${KEXEC:-$BUILD/kexec/kexec}
FIX=$SRC/tests/fixtures/ps3
TMP=$(mktemp -d /tmp/fixtures-ps3.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
NFAIL=0
RM=$((0x08000000))		# the boot region: memory/reg of every fixture
ALIGN=$((0x10000))		# the loader's segment alignment (64 KiB pages)

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; NFAIL=$((NFAIL + 1)); }
verdict() { [ -z "$2" ] && pass "$1" || fail "$1" "$2"; }

. "$SRC/tests/lib/ppc64-kernels.sh"
. "$SRC/tests/lib/ppc64-fixtures.sh"

# ---- inputs ----

# A FreeBSD-like kernel: ELF64 big-endian ET_DYN with two PT_LOADs at
# physical 0x100000 and 0x10f0000 (FreeBSD/powerpc64's layout), the second
# with 8 MiB of bss, so the block spans about 24 MiB.
make_freebsd() {	# output
	cat > "$TMP/f.S" <<'EOF'
	.section .text
	.globl _start
_start:	b	_start
	.ascii	"FBSD-TEXT"
	.section .data
	.ascii	"FBSD-DATA"
	.section .bss
	.space	0x800000
EOF
	cat > "$TMP/f.lds" <<'EOF'
ENTRY(_start)
PHDRS { text PT_LOAD; data PT_LOAD; }
SECTIONS {
	. = 0xc000000000100000;
	.text : AT(0x100000) { *(.text) } :text
	. = 0xc0000000010f0000;
	.data : AT(0x10f0000) { *(.data) } :data
	.bss : { *(.bss) } :data
	/DISCARD/ : { *(.note*) *(.comment) }
}
EOF
	powerpc64-linux-gnu-gcc -c "$TMP/f.S" -o "$TMP/f.o" &&
		powerpc64-linux-gnu-ld -T "$TMP/f.lds" "$TMP/f.o" -o "$1" &&
		make_relocatable "$1" be
}

# FreeBSD's loader.ps3 stand-in: an ELF32 big-endian EM_PPC executable.
make_loader32() {	# output
	printf '\t.globl _start\n_start:\tb _start\n' > "$TMP/l.S"
	powerpc64-linux-gnu-gcc -m32 -c "$TMP/l.S" -o "$TMP/l.o" &&
		powerpc64-linux-gnu-ld -m elf32ppc -Ttext=0x100000 -e _start \
			"$TMP/l.o" -o "$1"
}

make_inputs() {
	make_kernel powerpc64-linux-gnu "$TMP/vmlinux" || return 1
	make_relocatable "$TMP/vmlinux" be
	make_kernel powerpc64le-linux-gnu "$TMP/vmlinux-le" || return 1
	make_relocatable "$TMP/vmlinux-le" le
	gzip -9 -c "$TMP/vmlinux" > "$TMP/vmlinux.gz"
	make_freebsd "$TMP/kernel.freebsd" || return 1
	make_loader32 "$TMP/loader.ps3" || return 1
	head -c 300000 /dev/zero | tr '\0' 'i' > "$TMP/initrd"
	truncate -s 70M "$TMP/initrd-70M"
	truncate -s 62M "$TMP/initrd-62M"
	# The kernel's stock ps3.dtb: the wrapper has not filled in the
	# memory size, no os-area properties.
	sed 's/0x00000000 0x08000000>/0x00000000 0x00000000>/' \
		"$FIX/stage1-otheros/boot.dts" |
		dtc -q -I dts -O dtb -o "$TMP/ps3.dtb" - || return 1
	printf '/dts-v1/;\n/ { compatible = "ibm,pseries"; #address-cells = <2>; #size-cells = <2>; chosen { }; };\n' |
		dtc -q -I dts -O dtb -o "$TMP/pseries.dtb" - || return 1
	printf '/dts-v1/;\n/ { compatible = "sony,ps3"; #address-cells = <1>; #size-cells = <1>; chosen { }; };\n' |
		dtc -q -I dts -O dtb -o "$TMP/cells.dtb" -
}

# ---- a fixture as a --root tree ----

build_root() {	# fixture-dir root
	local f=$1 r=$2 cpu=0 size
	mkdir -p "$r/proc" "$r/sys/firmware" "$r/sys/kernel"
	[ -f "$f/boot-cpu" ] && cpu=$(cat "$f/boot-cpu")
	# The loader's reservation of its own tree has the blob's own size:
	# compile once to learn it (the value does not change the size).
	sed 's/0xTOTALSIZE/0x1/' "$f/boot.dts" |
		dtc -q -I dts -O dtb -b "$cpu" -o "$r/sys/firmware/fdt" - || return 1
	size=$(stat -c %s "$r/sys/firmware/fdt")
	sed "s/0xTOTALSIZE/$(printf '0x%x' "$size")/" "$f/boot.dts" |
		dtc -q -I dts -O dtb -b "$cpu" -o "$r/sys/firmware/fdt" - || return 1
	dtc -q -I dts -O dtb -o "$TMP/running.dtb" "$f/running.dts" || return 1
	dtb_to_dir "$TMP/running.dtb" / "$r/proc/device-tree"
	cp "$f/cmdline" "$f/meminfo" "$f/iomem" "$r/proc/"
	echo 0 > "$r/sys/kernel/kexec_loaded"
}

# ---- checks ----

hex_of_file() { od -An -tx1 -v "$1" | tr -d ' \n'; }
hex_of_prop() {
	local b
	for b in $(fdtget -t bx "$1" "$2" "$3" 2>/dev/null); do
		printf '%02x' "0x$b"
	done
}

# A property of the new tree byte-identical to the running system's.
same_prop() {	# dtb node prop root -> "" or a reason
	local dir=$4/proc/device-tree${2%/}
	[ -f "$dir/$3" ] || { echo " $2 $3 missing in the fixture;"; return; }
	[ "$(hex_of_prop "$1" "$2" "$3")" = "$(hex_of_file "$dir/$3")" ] ||
		echo " $2 $3 differs;"
}

# Segments: every one inside [floor, end) and outside a crash region,
# packed low from the floor, the larger of the running kernel's end and
# the end of the new kernel's copy of itself at its link address.
check_plan() {	# name root plan [link-address]
	local dt=$2/proc/device-tree ke ml cb ce top floor why="" r m z b
	local prev=-1 kz link=${4:-0}
	ke=$(prop_num "$dt/chosen/linux,kernel-end")
	ml=$(prop_num "$dt/chosen/linux,memory-limit")
	cb=$(prop_num "$dt/chosen/linux,crashkernel-base")
	ce=$((cb + $(prop_num "$dt/chosen/linux,crashkernel-size")))
	top=$RM
	[ "$ml" -gt 0 ] && [ "$ml" -lt "$top" ] && top=$ml
	kz=$(plan_segments "$3" | awk '$1 == "kernel" { print $3 }')
	kz=$((link + ${kz:-0}))
	floor=$ke
	[ "$kz" -gt "$floor" ] && floor=$kz
	while read -r r m z b; do
		[ "$m" -ge "$floor" ] || why="$why $r below the floor $floor;"
		[ "$((m + z))" -le "$top" ] || why="$why $r ends above $top;"
		[ "$m" -lt "$ce" ] && [ "$cb" -lt "$((m + z))" ] &&
			why="$why $r in the crash region;"
		if [ "$prev" = -1 ]; then
			[ "$m" = "$(((floor + ALIGN - 1) / ALIGN * ALIGN))" ] ||
				why="$why first segment at $m, not at the floor;"
		elif [ "$((m - prev))" -ge "$ALIGN" ] &&
		     ! { [ "$prev" -le "$cb" ] && [ "$m" -ge "$ce" ]; }; then
			why="$why gap of $((m - prev)) before $r;"
		fi
		prev=$((m + z))
	done < <(plan_segments "$3" | sort -n -k2)
	verdict "$1/plan" "$why"
}

# The new tree, property by property.
check_tree() {	# name root plan outdir cmdline
	local dtb=$4/2-dtb.bin dt=$2/proc/device-tree why="" p v im iz n
	dtb=$(ls "$4"/*-dtb.bin 2>/dev/null | head -n1)
	[ -n "$dtb" ] || { fail "$1/tree" "no dtb dumped"; return; }
	for p in model compatible "#address-cells" "#size-cells" \
		 linux,rtc_diff linux,av_multi_out; do
		why="$why$(same_prop "$dtb" / "$p" "$2")"
	done
	[ "$(hex_of_prop "$dtb" / linux,rtc_diff | wc -c)" = 16 ] ||
		why="$why linux,rtc_diff not 8 bytes;"
	[ "$(hex_of_prop "$dtb" / linux,av_multi_out | wc -c)" = 8 ] ||
		why="$why linux,av_multi_out not 4 bytes;"
	for p in $(ls "$dt/memory"); do
		why="$why$(same_prop "$dtb" /memory "$p" "$2")"
	done
	[ "$(fdtget -l "$dtb" /cpus)" = cpu@0 ] || why="$why cpus not just cpu@0;"
	for p in $(ls "$dt/cpus/cpu@0"); do
		why="$why$(same_prop "$dtb" /cpus/cpu@0 "$p" "$2")"
	done
	v=$(fdtget "$dtb" /chosen bootargs 2>/dev/null)
	[ "$v" = "$5" ] || why="$why bootargs '$v' != '$5';"
	read -r im iz < <(plan_segments "$3" | awk '$1 == "initrd" { print $2, $4 }')
	for p in linux,initrd-start linux,initrd-end; do
		[ "$(hex_of_prop "$dtb" /chosen "$p" | wc -c)" = 16 ] ||
			why="$why $p not 8 bytes;"
	done
	v=$(hex_of_prop "$dtb" /chosen linux,initrd-start)
	[ "$((16#${v:-0}))" = "$im" ] || why="$why initrd-start 0x$v != $im;"
	v=$(hex_of_prop "$dtb" /chosen linux,initrd-end)
	[ "$((16#${v:-0}))" = "$((im + iz))" ] || why="$why initrd-end 0x$v;"
	for p in linux,kernel-end linux,memory-limit linux,crashkernel-base \
		 linux,crashkernel-size linux,htab-base linux,htab-size \
		 linux,stdout-path stdout-path linux,usable-memory; do
		fdtget "$dtb" /chosen "$p" >/dev/null 2>&1 && why="$why /chosen $p kept;"
	done
	for n in rtas ibm,opal reserved-memory aliases; do
		fdtget -l "$dtb" / | grep -qx "$n" && why="$why /$n added;"
	done
	v=$(rsv_ranges "$dtb" | tr '\n' ' ')
	[ "$v" = "$im $((im + iz)) " ] ||
		why="$why reservations '$v', not just the initrd $im-$((im + iz));"
	fdtdump -s "$dtb" 2>/dev/null | grep -q '^// version:[[:space:]]*17$' ||
		why="$why not version 17;"
	v=$(fdtdump -s "$2/sys/firmware/fdt" 2>/dev/null |
	    sed -n 's|^// boot_cpuid_phys:[[:space:]]*||p')
	fdtdump -s "$dtb" 2>/dev/null | grep -q "^// boot_cpuid_phys:[[:space:]]*$v\$" ||
		why="$why boot cpu not $v;"
	verdict "$1/tree" "$why"
}

# The purgatory's parameter block (include/purgatory-params.h; big-endian
# in a BE purgatory): no console, and a failure reboots through lv1.
check_purgatory_params() {	# name outdir
	local p off console halt
	p=$(ls "$2"/*-purgatory.bin 2>/dev/null | head -n1)
	off=$(grep -obUa KXPARAMS "$p" 2>/dev/null | head -n1 | cut -d: -f1)
	if [ -z "$off" ]; then
		fail "$1/purgatory" "no parameter block in $p"
		return
	fi
	# magic, version, size, flags, algo, nr_regions, 16 regions of 48
	# bytes: console at 816, arch[7] (KX_PPC64_HALT) at 888.
	console=$(od -An -tx1 -v -j $((off + 816)) -N8 "$p" | tr -d ' \n')
	halt=$(od -An -tx1 -v -j $((off + 888)) -N8 "$p" | tr -d ' \n')
	verdict "$1/purgatory" "$( [ "$console" = 0000000000000000 ] ||
		echo " console $console;"
		[ "$halt" = 0000000000000001 ] || echo " halt $halt, not lv1 reboot;")"
}

# kexec -l with the running tree, as petitboot calls it without --dtb.
run_fixture() {	# name root
	local name=$1 root=$2 out=$TMP/out-$1 cmdline
	cmdline="$(tr -s ' \n' ' ' < "$root/proc/cmdline" | sed 's/^ *//; s/ *$//')"
	cmdline="${cmdline:+$cmdline }kx-test=1"
	rm -rf "$out"; mkdir -p "$out"
	if ! "$KEXEC" --root="$root" --initrd="$TMP/initrd" --reuse-cmdline \
		--append="kx-test=1" --plan-format=json --dump-segments="$out" \
		-l "$TMP/vmlinux" > "$TMP/plan.json" 2> "$TMP/err"; then
		fail "$name/dry-run" "$(head -n1 "$TMP/err")"
		return
	fi
	pass "$name/dry-run"
	check_plan "$name" "$root" "$TMP/plan.json"
	check_tree "$name" "$root" "$TMP/plan.json" "$out" "$cmdline"
	check_purgatory_params "$name" "$out"
}

# petitboot: kexec -l --initrd=I --dtb=D --append=ARGS IMAGE, with the
# literal "" it passes for no arguments; then kexec -e.
check_petitboot() {	# name root dtb-file
	local name=$1 root=$2 file=$3 out=$TMP/out-pb-$1 dtb why="" p
	rm -rf "$out"; mkdir -p "$out"
	if ! "$KEXEC" --root="$root" -l --initrd="$TMP/initrd" \
		--dtb="$file" --append='""' --plan-format=json \
		--dump-segments="$out" "$TMP/vmlinux" > "$TMP/plan-pb.json" \
		2> "$TMP/err"; then
		fail "$name/petitboot-dtb" "$(head -n1 "$TMP/err")"
		return
	fi
	dtb=$(ls "$out"/*-dtb.bin)
	# ps3.dtb has memory size 0 and no os-area values, a saved boot blob
	# has kexec-tools' reservations: the running system's boot region and
	# values are used, and only the new initrd is reserved.
	for p in reg device_type; do
		why="$why$(same_prop "$dtb" /memory "$p" "$root")"
	done
	for p in linux,rtc_diff linux,av_multi_out model compatible; do
		why="$why$(same_prop "$dtb" / "$p" "$root")"
	done
	[ "$(fdtget "$dtb" /chosen bootargs)" = '""' ] ||
		why="$why bootargs '$(fdtget "$dtb" /chosen bootargs)';"
	[ "$(rsv_ranges "$dtb" | wc -l)" = 1 ] || why="$why reservations;"
	verdict "$name/petitboot-dtb" "$why"
	check_plan "$name/petitboot-dtb" "$root" "$TMP/plan-pb.json"

	# kexec -e after the load: a dry run says what it would do.
	echo 1 > "$root/sys/kernel/kexec_loaded"
	if "$KEXEC" --root="$root" -e > "$TMP/out" 2> "$TMP/err" &&
	   grep -q 'would sync' "$TMP/out"; then
		pass "$name/petitboot-exec"
	else
		fail "$name/petitboot-exec" "$(head -n1 "$TMP/err")"
	fi
	echo 0 > "$root/sys/kernel/kexec_loaded"
}

# expect NAME STATUS PATTERN -- ARGS (tests/lib/expect.sh), counted.
kexec=$KEXEC
. "$SRC/tests/lib/expect.sh"
refuse() { expect "$@" || NFAIL=$((NFAIL + 1)); }

# The images PS3 users boot.
check_images() {	# root
	local root=$1 out=$TMP/out-img why="" r m z b k
	# gzip'd vmlinux: the same plan as the vmlinux.
	"$KEXEC" --root="$root" --initrd="$TMP/initrd" --plan-format=json \
		-l "$TMP/vmlinux" > "$TMP/a.json" 2>&1
	if "$KEXEC" --root="$root" --initrd="$TMP/initrd" --plan-format=json \
		-l "$TMP/vmlinux.gz" > "$TMP/b.json" 2> "$TMP/err" &&
	   cmp -s "$TMP/a.json" "$TMP/b.json"; then
		pass "image/vmlinux.gz"
	else
		fail "image/vmlinux.gz" "$(head -n1 "$TMP/err")"
	fi

	# FreeBSD's kernel: its two PT_LOADs as one block, in the boot region.
	rm -rf "$out"; mkdir -p "$out"
	if ! "$KEXEC" --root="$root" --initrd="$TMP/initrd" --plan-format=json \
		--dump-segments="$out" -l "$TMP/kernel.freebsd" \
		> "$TMP/plan-fb.json" 2> "$TMP/err"; then
		fail "image/freebsd" "$(head -n1 "$TMP/err")"
		return
	fi
	[ "$(plan_segments "$TMP/plan-fb.json" | grep -c '^kernel ')" = 1 ] ||
		why="$why not one kernel segment;"
	read -r r m z b < <(plan_segments "$TMP/plan-fb.json" | grep '^kernel ')
	[ "$z" -ge $((0x10f0000 - 0x100000 + 0x800000)) ] ||
		why="$why kernel memsz $z does not span both PT_LOADs;"
	k=$(ls "$out"/*-kernel.bin)
	[ "$(dd if="$k" bs=1 skip=4 count=9 2>/dev/null)" = FBSD-TEXT ] ||
		why="$why first PT_LOAD not at the block's start;"
	[ "$(dd if="$k" bs=1 skip=$((0x10f0000 - 0x100000)) count=9 2>/dev/null)" = FBSD-DATA ] ||
		why="$why second PT_LOAD not at its offset 0xff0000;"
	verdict "image/freebsd" "$why"
	check_plan "image/freebsd" "$root" "$TMP/plan-fb.json" $((0x100000))
}

check_refusals() {
	local s1=$TMP/root-stage1-otheros s2=$TMP/root-stage2-kexec
	local ck=$TMP/root-stage2-crashkernel m96=$TMP/root-stage2-mem96M
	refuse ps3/refuse-crash-kernel 4 'PS3: crash kernels are not supported' -- \
		--root="$ck" -p "$TMP/vmlinux"
	refuse ps3/refuse-crash-kernel-file 4 'PS3: crash kernels are not supported' -- \
		--root="$ck" -s -p "$TMP/vmlinux"
	refuse ps3/refuse-little-endian 3 "$TMP/vmlinux-le: a little-endian kernel; ps3 runs big-endian kernels only" -- \
		--root="$s1" -l "$TMP/vmlinux-le"
	refuse ps3/refuse-foreign-dtb 3 "$TMP/pseries.dtb: not a PS3 device tree" -- \
		--root="$s1" --dtb="$TMP/pseries.dtb" -l "$TMP/vmlinux"
	refuse ps3/refuse-dtb-cells 3 "$TMP/cells.dtb: #address-cells/#size-cells differ from the running PS3's <2 2>" -- \
		--root="$s1" --dtb="$TMP/cells.dtb" -l "$TMP/vmlinux"
	refuse ps3/refuse-loader.ps3 3 "$TMP/loader.ps3: .*not a 64-bit PowerPC kernel" -- \
		--root="$s1" -l "$TMP/loader.ps3"
	# Beyond mem=: 62 MiB above the 27 MiB floor passes 96 MiB.
	refuse ps3/refuse-beyond-mem 5 'no room|does not fit|not inside' -- \
		--root="$m96" --initrd="$TMP/initrd-62M" -l "$TMP/vmlinux"
	# os-area values of a size the kernel would BUG_ON.
	cp -r "$s1" "$TMP/root-badrtc"
	printf '\0\0\0\1' > "$TMP/root-badrtc/proc/device-tree/linux,rtc_diff"
	refuse ps3/refuse-os-area-size 4 'linux,rtc_diff is 4 bytes, the PS3 kernel needs 8' -- \
		--root="$TMP/root-badrtc" -l "$TMP/vmlinux"
	# 8 MiB + 70 MiB: over half of the tree's 128 MiB, under half of
	# MemTotal (~209 MiB): the kernel takes it.
	if "$KEXEC" --root="$s2" --initrd="$TMP/initrd-70M" \
		--plan-format=json -l "$TMP/vmlinux" > "$TMP/big.json" \
		2> "$TMP/err"; then
		pass "ps3/8M-kernel-70M-initrd"
		check_plan "ps3/8M-kernel-70M-initrd" "$s2" "$TMP/big.json"
	else
		fail "ps3/8M-kernel-70M-initrd" "$(head -n1 "$TMP/err")"
	fi
	# Without /proc/meminfo the tree's RAM is all the loader knows.
	cp -r "$s2" "$TMP/root-nomeminfo"
	rm "$TMP/root-nomeminfo/proc/meminfo"
	refuse ps3/half-of-ram-from-the-tree 5 'more than half of the 0x8000000 bytes' -- \
		--root="$TMP/root-nomeminfo" --initrd="$TMP/initrd-70M" -l "$TMP/vmlinux"
}

if [ ! -x "$KEXEC" ]; then
	fail "fixtures-ps3" "$KEXEC not built"
	exit 1
fi
if ! make_inputs > "$TMP/err" 2>&1; then
	fail "fixtures-ps3/inputs" "$(head -n1 "$TMP/err")"
	exit 1
fi
for d in "$FIX"/*/; do
	[ -f "$d/running.dts" ] || continue
	n=$(basename "$d")
	if ! build_root "$d" "$TMP/root-$n" 2> "$TMP/err"; then
		fail "$n/build" "$(head -n1 "$TMP/err")"
		continue
	fi
	run_fixture "$n" "$TMP/root-$n"
done
check_petitboot stage1-otheros "$TMP/root-stage1-otheros" "$TMP/ps3.dtb"
cp "$TMP/root-stage2-kexec/sys/firmware/fdt" "$TMP/saved.dtb"
check_petitboot stage2-kexec "$TMP/root-stage2-kexec" "$TMP/saved.dtb"
check_images "$TMP/root-stage1-otheros"
check_refusals
[ "$NFAIL" = 0 ]
