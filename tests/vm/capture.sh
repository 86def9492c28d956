#!/bin/bash
# Capture what running guest kernels expose, as fixtures for --root=DIR.
#
#   tests/vm/capture.sh [-v] [-o OUTDIR] [NAME ...]
#
# Boots each configuration (all of them, or the NAMEs given; -l lists them)
# with the test init, which dumps files and directory trees base64-encoded on
# the console; they are rebuilt here in a root-like layout:
#
#   tests/fixtures/<arch>/<NAME>/proc/device-tree/...   (the live tree)
#   .../proc/iomem  .../proc/cmdline  .../proc/bootinfo (m68k)
#   .../sys/firmware/fdt  .../sys/kernel/kexec_{loaded,crash_loaded,crash_size}
#   .../sys/kernel/vmcoreinfo  .../sys/devices/system/cpu/cpuN/crash_notes{,_size}
#   .../sys/firmware/devicetree/base -> ../../../proc/device-tree
#   .../fixture-info.txt (how it was captured; not part of the system state)
#
# No kexec binary is involved.  -o puts <arch>/<NAME> under OUTDIR instead of
# tests/fixtures.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# name | arch dir | target | machine | -m | -smp | command line
CONFIGS=(
	"pseries-le-2G-smp2|ppc64|ppc64le|pseries|2G|2|console=hvc0"
	"pseries-le-4G-smp4-crashkernel512M|ppc64|ppc64le|pseries|4G|4|console=hvc0 crashkernel=512M"
	"pseries-le-2G-maxmem8G|ppc64|ppc64le|pseries|2G,slots=4,maxmem=8G|2|console=hvc0"
	"pseries-be-1G|ppc64|ppc64|pseries|1G|1|console=hvc0"
	"powernv9-le-2G-smp2|ppc64|ppc64le|powernv9|2G|2|console=hvc0"
	"virt-256M|m68k|m68k|m68k-virt|256M||console=ttyGF0"
)

FILES_COMMON="/proc/device-tree /sys/firmware/fdt /proc/iomem /proc/cmdline
/sys/kernel/kexec_loaded /sys/kernel/kexec_crash_loaded /sys/kernel/kexec_crash_size
/sys/kernel/vmcoreinfo $(for c in 0 1 2 3; do
	echo /sys/devices/system/cpu/cpu$c/crash_notes /sys/devices/system/cpu/cpu$c/crash_notes_size
done)"
FILES_M68K="/proc/bootinfo /proc/iomem /proc/cmdline
/sys/kernel/kexec_loaded /sys/kernel/kexec_crash_loaded /sys/kernel/kexec_crash_size"

VISIBLE=0
OUT=$KT_REPO/tests/fixtures
names=()
while [ $# -gt 0 ]; do
	case $1 in
	-v) VISIBLE=1 ;;
	-o) OUT=$2; shift ;;
	-l) for c in "${CONFIGS[@]}"; do echo "${c%%|*}"; done; exit 0 ;;
	-h|--help) sed -n '2,19p' "$0"; exit 0 ;;
	-*) echo "capture.sh: unknown option $1" >&2; exit 2 ;;
	*) names+=("$1") ;;
	esac
	shift
done

# decode <markers> <destdir>: rebuild the dumped files; fails on any damage.
decode() {
	local m=$1 dest=$2 tmp kind path arg n=0
	tmp=$(mktemp -d)
	# awk splits the stream: one .b64 file per dumped file, and a manifest.
	awk -v T="$tmp" '
		$1 == "KT-DUMP-DIR"  { print "D", $2 > (T "/manifest") }
		$1 == "KT-DUMP-LINK" { print "L", $2, $3 > (T "/manifest") }
		$1 == "KT-DUMP-FILE" { n++; cur = T "/" n ".b64"; printf "" > cur
		                       print "F", $2, $3, n > (T "/manifest") }
		$1 == "KT-B" && cur != "" { print $2 > cur }
		$1 == "KT-DUMP-EOF"  { close(cur); cur = "" }
		$1 == "KT-DUMP-ERR"  { print "E", $2 > (T "/manifest") }
	' "$m"
	[ -f "$tmp/manifest" ] || { rm -rf "$tmp"; echo "nothing dumped"; return 1; }
	while read -r kind path arg idx; do
		case $kind in
		D) mkdir -p "$dest$path" ;;
		L) mkdir -p "$(dirname "$dest$path")"; ln -sfn "$arg" "$dest$path" ;;
		F)
			mkdir -p "$(dirname "$dest$path")"
			base64 -d "$tmp/$idx.b64" >"$dest$path" 2>/dev/null || { echo "bad base64 for $path"; rm -rf "$tmp"; return 1; }
			[ "$(stat -c %s "$dest$path")" = "$arg" ] || { echo "size mismatch for $path"; rm -rf "$tmp"; return 1; }
			n=$((n + 1)) ;;
		E) : ;; # not present on this kernel
		esac
	done <"$tmp/manifest"
	rm -rf "$tmp"
	echo "$n files"
}

capture_one() {
	local spec=$1 name adir target machine mem smp append
	IFS='|' read -r name adir target machine mem smp append <<<"$spec"
	local dir=$KT_WORK/capture-$name root=$KT_WORK/capture-$name/root kdir log
	rm -rf "$dir"; mkdir -p "$dir"
	kdir=$(kt_kernel_dir "$target") || { echo "FAIL $name: no kernel"; return 1; }
	kt_stage "$root" "$target" || return 1
	rm -f "$root/sbin/kexec"
	echo none >"$root/token"
	local files=$FILES_COMMON f
	[ "$target" = m68k ] && files=$FILES_M68K
	{
		echo quiet
		for f in $files; do echo "dump $f"; done
		echo poweroff
	} >"$root/kt/gen1"
	kt_pack "$root" "$dir/root.cpio.gz"
	rm -rf "$root"
	KT_MEM=$mem KT_SMP=${smp:-1} kt_qemu_args "$machine" "$kdir/vmlinux" "$dir/root.cpio.gz" "$append"
	log=$dir/console.log
	local start=$SECONDS
	kt_boot "$log" 300 "$VISIBLE"
	local rc=$?
	kt_markers "$log" >"$dir/markers"
	if ! grep -q '^KT-DONE' "$dir/markers"; then
		echo "FAIL $name: the guest did not finish (qemu rc=$rc) ($log)"; return 1
	fi
	if grep -q '^KT-FAIL' "$dir/markers"; then
		echo "FAIL $name: $(grep -m1 '^KT-FAIL' "$dir/markers") ($log)"; return 1
	fi
	local dest=$OUT/$adir/$name new=$dir/fixture res
	rm -rf "$new"; mkdir -p "$new"
	res=$(decode "$dir/markers" "$new") || { echo "FAIL $name: $res ($log)"; return 1; }
	if [ -d "$new/proc/device-tree" ]; then
		mkdir -p "$new/sys/firmware/devicetree"
		ln -s ../../../proc/device-tree "$new/sys/firmware/devicetree/base"
		# Both views must describe the same tree.
		if ! dtc -q -I dtb -O dts "$new/sys/firmware/fdt" >/dev/null 2>&1 ||
		   ! dtc -q -I fs -O dts "$new/proc/device-tree" >/dev/null 2>&1; then
			echo "FAIL $name: captured tree does not parse ($log)"; return 1
		fi
	fi
	{
		echo "Captured by tests/vm/capture.sh on $(date -u +%Y-%m-%d)."
		echo "Kernel: $(mval_first KERNEL "$dir/markers")"
		echo "QEMU: $(qemu_desc)"
		echo "Command line: $append"
	} >"$new/fixture-info.txt"
	rm -rf "$dest"; mkdir -p "$(dirname "$dest")"
	mv "$new" "$dest"
	echo "PASS $name ($res, $(du -sk "$dest" | cut -f1) KiB, $((SECONDS - start))s) -> ${dest#$KT_REPO/}"
}

mval_first() { awk -v k="KT-$1" '$1 == k { sub(/^[^ ]+ ?/, ""); print; exit }' "$2"; }

# The QEMU command without host paths.
qemu_desc() {
	local a out=() skip=0
	for a in "${QEMU[@]}"; do
		if [ $skip = 1 ]; then out+=("<${a##*/}>"); skip=0; continue; fi
		case $a in -kernel|-initrd) skip=1 ;; esac
		out+=("$a")
	done
	echo "${out[*]}"
}

ok=0 bad=0
for spec in "${CONFIGS[@]}"; do
	n=${spec%%|*}
	if [ ${#names[@]} -gt 0 ]; then
		want=0
		# shellcheck disable=SC2053 # NAME may be a pattern
		for x in "${names[@]}"; do [[ $n == $x ]] && want=1; done
		[ $want = 1 ] || continue
	fi
	if capture_one "$spec"; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
done
echo "$ok captured, $bad failed"
[ $bad = 0 ]
