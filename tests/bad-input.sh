#!/bin/bash
# tests/bad-input.sh - every kind of bad input gets exactly one line on
# stderr, naming the file or limit at fault, and the documented exit status
# (doc/kexec.8).  All loads here are dry runs against captured system state
# (--root), except the one that checks a real load is refused when the
# backend is not this machine's.
#
# Environment (from tests/run.sh): KEXEC (the loader), KX_SRC (the tree).
set -u
src=${KX_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
kexec=${KEXEC:-$src/kexec/kexec}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kx-bad.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
. "$src/tests/lib/ppc64-kernels.sh"
. "$src/tests/lib/expect.sh"

pseries=$src/tests/fixtures/ppc64/pseries-le-2G-smp2
m68k=$src/tests/fixtures/m68k/virt-256M

make_kernel powerpc64le-linux-gnu "$TMP/vmlinux" || { echo "FAIL: setup: no test kernel"; exit 1; }
make_relocatable "$TMP/vmlinux" le
K=$TMP/vmlinux
dry=(--root="$pseries" -l)

# Image files.
expect missing-kernel 3 "$TMP/nope: No such file" -- "${dry[@]}" "$TMP/nope"
mkdir "$TMP/dir"
expect directory 3 "$TMP/dir: .*[Ii]s a directory" -- "${dry[@]}" "$TMP/dir"
: > "$TMP/empty"
expect empty-file 3 "$TMP/empty: .*empty" -- "${dry[@]}" "$TMP/empty"
# Unreadable: tests/run.sh prepares a file this namespace may not read.
if [ -n "${KX_UNREADABLE:-}" ]; then
	expect unreadable-file 3 "$KX_UNREADABLE: Permission denied" -- "${dry[@]}" "$KX_UNREADABLE"
else
	echo "FAIL: unreadable-file: tests/run.sh could not prepare an unreadable file"
fi
head -c 100 "$K" > "$TMP/trunc"
expect truncated-elf 3 "$TMP/trunc: .*truncated" -- "${dry[@]}" "$TMP/trunc"
cp "$K" "$TMP/hostile"
printf '\377\377\377\377\377\377\377\177' |
	dd of="$TMP/hostile" bs=1 seek=32 conv=notrunc 2>/dev/null	# e_phoff
expect hostile-phoff 3 "$TMP/hostile: " -- "${dry[@]}" "$TMP/hostile"
cp "$K" "$TMP/manyph"
printf '\377\377' | dd of="$TMP/manyph" bs=1 seek=56 conv=notrunc 2>/dev/null	# e_phnum
expect hostile-phnum 3 "$TMP/manyph: " -- "${dry[@]}" "$TMP/manyph"
expect wrong-arch-elf 3 "/bin/true: .*(x86|machine|architecture)" -- "${dry[@]}" /bin/true
head -c 65536 /dev/urandom > "$TMP/random"
expect not-a-kernel 3 "$TMP/random: " -- "${dry[@]}" "$TMP/random"
gzip -c "$K" > "$TMP/full.gz"
head -c $(($(wc -c < "$TMP/full.gz") / 2)) "$TMP/full.gz" > "$TMP/cut.gz"
expect truncated-gzip 3 "$TMP/cut.gz: .*gzip" -- "${dry[@]}" "$TMP/cut.gz"
{ printf '\x28\xb5\x2f\xfd'; head -c 4000 /dev/urandom; } > "$TMP/bad.zst"
expect corrupt-zstd 3 "$TMP/bad.zst: .*zstd" -- "${dry[@]}" "$TMP/bad.zst"
# A uImage header whose CRC is wrong.
{ printf '\x27\x05\x19\x56'; head -c 60 /dev/zero; head -c 100 "$K"; } > "$TMP/uImage"
expect uimage-bad-crc 3 "$TMP/uImage: .*CRC" -- "${dry[@]}" "$TMP/uImage"
# A zImage boot wrapper needs Open Firmware: use the vmlinux.
printf 'x' > "$TMP/payload"
powerpc64-linux-gnu-gcc -m32 -c -x c /dev/null -o "$TMP/w.o" &&
	powerpc64-linux-gnu-objcopy --add-section .kernel:vmlinux.strip="$TMP/payload" \
		"$TMP/w.o" "$TMP/zImage.pseries"
expect zimage-wrapper 3 "$TMP/zImage.pseries: .*vmlinux" -- "${dry[@]}" "$TMP/zImage.pseries"

# Other input files.
expect missing-initrd 3 "$TMP/no-initrd: No such file" -- "${dry[@]}" "$K" --initrd="$TMP/no-initrd"
expect initrd-directory 3 "$TMP/dir: .*[Ii]s a directory" -- "${dry[@]}" "$K" --initrd="$TMP/dir"
head -c 3000 /dev/urandom > "$TMP/bad.dtb"
expect corrupt-dtb 3 "$TMP/bad.dtb: " -- "${dry[@]}" "$K" --dtb="$TMP/bad.dtb"
head -c 10 "$m68k/proc/bootinfo" > "$TMP/short.bi"
expect truncated-bootinfo 3 "$TMP/short.bi: " -- --root="$m68k" --bootinfo="$TMP/short.bi" -l "$TMP/vmlinux"

# Limits.
long=$(head -c 2100 /dev/zero | tr '\0' 'a')
expect cmdline-too-long 5 "command line is 2100 bytes.*at most 2047" -- "${dry[@]}" "$K" --command-line="$long"
long=$(head -c 300 /dev/zero | tr '\0' 'a')
expect m68k-cmdline-too-long 5 "at most 255" -- --root="$m68k" -l "$K" --command-line="$long"
truncate -s 3G "$TMP/huge-initrd"
expect initrd-does-not-fit 5 "no room for the initrd" -- "${dry[@]}" "$K" --initrd="$TMP/huge-initrd"
expect mem-max-too-low 5 "no room for the" -- "${dry[@]}" "$K" --mem-max=0x100000

# System state.
mkdir -p "$TMP/root-nocmd"
cp -r "$pseries/proc" "$pseries/sys" "$TMP/root-nocmd/" 2>/dev/null
rm -f "$TMP/root-nocmd/proc/cmdline"
expect missing-proc-cmdline 4 "root-nocmd/proc/cmdline: No such file" -- --root="$TMP/root-nocmd" -l "$K" --reuse-cmdline
mkdir -p "$TMP/root-empty/proc"
expect missing-device-tree 4 "root-empty/proc/device-tree" -- --root="$TMP/root-empty" --arch=ppc64 -l "$K"
mkdir -p "$TMP/root-m68k-nobi/proc"
expect missing-bootinfo 4 "root-m68k-nobi/proc/bootinfo" -- --root="$TMP/root-m68k-nobi" --arch=m68k -l "$K"

# Crash kernels (-p).
crash=$src/tests/fixtures/ppc64/pseries-le-4G-smp4-crashkernel512M
expect panic-no-crash-region 4 "no crash kernel region.*crashkernel=" -- --root="$pseries" -p "$K"
mkdir -p "$TMP/root-nonotes"
cp -r "$crash/proc" "$crash/sys" "$TMP/root-nonotes/" 2>/dev/null
rm -f "$TMP"/root-nonotes/sys/devices/system/cpu/cpu*/crash_notes
expect panic-no-crash-notes 4 "crash_notes: none found" -- --root="$TMP/root-nonotes" -p "$K"
mkdir -p "$TMP/root-badnotes"
cp -r "$crash/." "$TMP/root-badnotes/"
echo 12xyz > "$TMP/root-badnotes/sys/devices/system/cpu/cpu1/crash_notes"
expect panic-bad-crash-notes 4 "cpu1/crash_notes: not a crash notes address" -- --root="$TMP/root-badnotes" -p "$K"
long=$(head -c 2030 /dev/zero | tr '\0' 'a')
expect panic-cmdline-no-room-for-elfcorehdr 5 "with elfcorehdr=, the kernel takes at most 2047" -- --root="$crash" -p "$K" --command-line="$long"

# Bounds on hostile system state and files (issue 12): each refused at
# once with one line, however large the work it asks for.
# be32 V...: each V as 4 big-endian bytes.
be32() {
	local v
	for v in "$@"; do
		printf "\\$(printf '%03o' $((v >> 24 & 255)))\\$(printf '%03o' $((v >> 16 & 255)))"
		printf "\\$(printf '%03o' $((v >> 8 & 255)))\\$(printf '%03o' $((v & 255)))"
	done
}
# drconf_root DIR LMB-SIZE-HI LMB-SIZE-LO COUNT: the crash fixture with an
# ibm,dynamic-memory-v2 run of COUNT assigned LMBs from 1 GiB.
drconf_root() {
	local dir=$1 dr
	mkdir -p "$dir"
	cp -r "$crash/." "$dir/"
	dr=$dir/proc/device-tree/ibm,dynamic-reconfiguration-memory
	mkdir -p "$dr"
	be32 "$2" "$3" > "$dr/ibm,lmb-size"
	be32 1 "$4" 0 0x40000000 0x80000001 0 8 > "$dr/ibm,dynamic-memory-v2"
}
drconf_root "$TMP/root-lmb4k" 0 0x1000 0xffffffff
expect panic-drconf-tiny-lmbs 4 "ibm,lmb-size .*power of two of at least 16 MiB" -- --root="$TMP/root-lmb4k" -p "$K"
drconf_root "$TMP/root-lmbmany" 0 0x10000000 0xffffffff
expect panic-drconf-lmbs-past-physmem 4 "ibm,dynamic-memory-v2 describes LMBs .* past 51 bits" -- --root="$TMP/root-lmbmany" -p "$K"
expect load-drconf-lmbs-past-physmem 4 "ibm,dynamic-memory-v2 describes LMBs" -- --root="$TMP/root-lmbmany" -l "$K"
# The same in a --dtb; and 2^27 - 64 LMBs of 16 MiB from 1 GiB (up to 2
# PiB): a count cell each is 1 GiB, more than the 512 MiB crash region.
drdtb() {	# out lmb-size count
	printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n chosen { };\n memory@0 { device_type = "memory"; reg = <0 0 0 0x40000000>; };\n ibm,dynamic-reconfiguration-memory { ibm,lmb-size = <0 %s>;\n ibm,dynamic-memory-v2 = <1 %s 0 0x40000000 0x80000001 0 8>; }; };\n' \
		"$2" "$3" | dtc -q -I dts -O dtb -o "$1" -
}
drdtb "$TMP/lmb4k.dtb" 0x1000 0xffffffff
expect panic-dtb-drconf-tiny-lmbs 3 "lmb4k.dtb: .*ibm,lmb-size" -- --root="$crash" -p "$K" --dtb="$TMP/lmb4k.dtb"
drdtb "$TMP/lmb2p.dtb" 0x1000000 0x7ffffc0
expect panic-dtb-drconf-too-many-lmbs 5 "lmb2p.dtb: linux,drconf-usable-memory for 134217664 LMBs would take more than the crash kernel's 536870912 bytes" -- --root="$crash" -p "$K" --dtb="$TMP/lmb2p.dtb"
# 40,000 reservation entries in a --dtb: kept, each once, in one pass.
# (dtc's parser runs out of stack on that many /memreserve/ lines: a few
# lines of C on libfdt write the blob)
cat > "$TMP/rsv.c" <<'EOF'
#include <stdio.h>
#include <libfdt.h>
static char buf[1 << 20];
int main(int argc, char **argv)
{
	FILE *f = fopen(argv[1], "wb");
	fdt64_t reg[2] = { 0, cpu_to_fdt64(0x80000000) };
	int i, ok = f && !fdt_create(buf, sizeof(buf));

	for (i = 0; ok && i < 40000; i++)
		ok = !fdt_add_reservemap_entry(buf,
				0x100000000ULL + i * 0x20000ULL, 0x10000);
	ok = ok && !fdt_finish_reservemap(buf) && !fdt_begin_node(buf, "") &&
	     !fdt_property_u32(buf, "#address-cells", 2) &&
	     !fdt_property_u32(buf, "#size-cells", 2) &&
	     !fdt_begin_node(buf, "chosen") && !fdt_end_node(buf) &&
	     !fdt_begin_node(buf, "memory@0") &&
	     !fdt_property_string(buf, "device_type", "memory") &&
	     !fdt_property(buf, "reg", reg, sizeof(reg)) &&
	     !fdt_end_node(buf) &&
	     !fdt_end_node(buf) && !fdt_finish(buf);
	return ok && fwrite(buf, fdt_totalsize(buf), 1, f) == 1 &&
	       !fclose(f) ? 0 : 1;
}
EOF
cc -o "$TMP/rsv" "$TMP/rsv.c" -lfdt && "$TMP/rsv" "$TMP/rsv40k.dtb"
mkdir -p "$TMP/seg40k"
if "$kexec" --root="$pseries" -l "$K" --dtb="$TMP/rsv40k.dtb" \
		--dump-segments="$TMP/seg40k" >/dev/null 2>"$TMP/err"; then
	n=$(for f in "$TMP"/seg40k/*; do
		dtc -q -I dtb -O dts "$f" 2>/dev/null; done | grep -c '^/memreserve/[[:space:]]*0x0000000[12]')
	if [ "$n" -eq 40000 ]; then
		echo "PASS: dtb-40000-reservations"
	else
		echo "FAIL: dtb-40000-reservations: $n of the 40000 entries in the new tree"
	fi
else
	echo "FAIL: dtb-40000-reservations: $(head -c 300 "$TMP/err")"
fi
# m68k: a valid bootinfo of 65530 bytes, a 200-character command line and
# an initrd would make a bootinfo past BI_FILE_MAX.
cc -O1 -o "$TMP/m68k-synth" "$src/tests/fixtures/m68k-synth/m68k-synth.c" &&
	"$TMP/m68k-synth" vmlinux linux61 "$TMP/vmlinux-m68k"
{ head -c $(($(wc -c < "$m68k/proc/bootinfo") - 2)) "$m68k/proc/bootinfo"
  for i in 1 2; do printf '\217\377\177\240'; head -c $((0x7fa0 - 4)) /dev/zero; done
  printf '\000\000'; } > "$TMP/big.bi"
head -c 4096 /dev/zero > "$TMP/initrd-m68k"
expect m68k-bootinfo-past-limit 5 "big.bi: the new bootinfo.* would be [0-9]+ bytes; a bootinfo is at most 65536 \(BI_FILE_MAX\)" -- --root="$m68k" --bootinfo="$TMP/big.bi" -l "$TMP/vmlinux-m68k" --initrd="$TMP/initrd-m68k" --command-line="$(head -c 200 /dev/zero | tr '\0' c)"
# A --dtb whose one property has length -12: libfdt's walks come back to
# it forever (found by fuzz-ppc64-dtinfo); refused when the tree is read.
printf '/dts-v1/;\n/ { a = <1>; chosen { }; };\n' | dtc -q -I dts -O dtb -o "$TMP/neglen.dtb" -
printf '\377\377\377\364' | dd of="$TMP/neglen.dtb" bs=1 seek=68 conv=notrunc 2>/dev/null
expect dtb-property-length-minus-12 3 "neglen.dtb: device tree is truncated or corrupt" -- "${dry[@]}" "$K" --dtb="$TMP/neglen.dtb"
# A kernel with 100,000 PT_LOADs (extended numbering): their overlap
# check is sorted, not pairwise (that took minutes).
cat > "$TMP/manyload.c" <<'EOF'
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void put(unsigned char *p, uint64_t v, int n)
{
	while (n--) {
		*p++ = v & 255;
		v >>= 8;
	}
}
int main(int argc, char **argv)
{
	unsigned long n = 100000, i;
	size_t size = 128 + n * 56;
	unsigned char *b = calloc(1, size), *p;
	FILE *f = fopen(argv[1], "wb");

	if (!b || !f)
		return 1;
	memcpy(b, "\177ELF\2\1\1", 7);
	put(b + 16, 2, 2); put(b + 18, 21, 2); put(b + 20, 1, 4);
	put(b + 24, 0xc000000000000000ULL, 8);
	put(b + 32, 128, 8); put(b + 40, 64, 8);
	put(b + 52, 64, 2); put(b + 54, 56, 2); put(b + 56, 0xffff, 2);
	put(b + 58, 64, 2); put(b + 60, 1, 2);
	put(b + 64 + 44, n, 4);	/* PN_XNUM: e_phnum in section 0 */
	for (i = 0, p = b + 128; i < n; i++, p += 56) {
		put(p, 1, 4); put(p + 4, 7, 4);
		put(p + 16, 0xc000000000000000ULL + i * 0x10000, 8);
		put(p + 24, i * 0x10000, 8);
		put(p + 40, 0x10000, 8);
	}
	return fwrite(b, size, 1, f) == 1 && !fclose(f) ? 0 : 1;
}
EOF
cc -o "$TMP/manyload" "$TMP/manyload.c" && "$TMP/manyload" "$TMP/manyload.elf"
expect elf-100000-pt-loads 3 "manyload.elf: PT_LOAD segments overlap, wrap or span more than 1 GiB" -- "${dry[@]}" "$TMP/manyload.elf"
# /proc/cmdline of 100,000 bytes: read and edited in linear time, then
# refused as too long.
mkdir -p "$TMP/root-longcmd"
cp -r "$pseries/." "$TMP/root-longcmd/"
head -c 100000 /dev/zero | tr '\0' 'x' > "$TMP/root-longcmd/proc/cmdline"
expect reuse-cmdline-too-long 5 "the command line is 100000 bytes; the ppc64 kernel accepts at most 2047" -- --root="$TMP/root-longcmd" -l "$K" --reuse-cmdline

# Options and actions.
expect unknown-option 2 "--bogus: unknown option" -- --bogus
expect unknown-arch 2 "--arch=vax: unknown" -- --arch=vax --dry-run -l "$K"
expect missing-argument 2 "--initrd: unknown option, or its argument is missing" -- "${dry[@]}" "$K" --initrd
expect two-kernels 2 "unexpected argument" -- "${dry[@]}" "$K" "$K"
expect dtb-with-file-syscall 2 "--dtb can not be used with -s" -- "${dry[@]}" "$K" -s --dtb="$TMP/bad.dtb"
expect arch-option-mismatch 2 "--bootinfo is a m68k option" -- "${dry[@]}" "$K" --bootinfo=x
expect no-kernel 2 "no kernel image given" -- --root="$pseries" -l
mkdir -p "$TMP/root-unloaded/sys/kernel"
cp -r "$pseries/proc" "$TMP/root-unloaded/"
echo 0 > "$TMP/root-unloaded/sys/kernel/kexec_loaded"
expect exec-nothing-loaded 7 "no kernel is loaded" -- --root="$TMP/root-unloaded" --arch=ppc64 -e

# A real load with a backend that is not this machine's is refused before
# anything is read.
case $(uname -m) in
ppc64*) other=m68k ;;
*) other=ppc64 ;;
esac
expect wrong-machine-real-load 8 "the $other backend is not this machine's" -- --arch=$other -l "$K"
expect wrong-machine-exec 8 "not this machine's" -- --arch=$other -e
expect wrong-machine-unload 8 "not this machine's" -- --arch=$other -u

# kexec-tools options of other architectures: one line, not "unknown".
for o in load-preserve-context load-jump-back-helper load-live-update \
	 exec-live-update force-dtb; do
	expect "foreign-$o" 2 "^kexec: --$o: not supported on this architecture \(a kexec-tools option for (x86|Xen) only\)$" -- \
		"${dry[@]}" "--$o" "$K"
done
expect foreign-entry 2 "^kexec: --entry: not supported on this architecture" -- "${dry[@]}" --entry=0x1000 "$K"
expect foreign-entry-separate 2 "^kexec: --entry: not supported on this architecture" -- "${dry[@]}" --entry 0x1000 "$K"

# --hotplug: the crash kernel only, and the running kernel must support it.
expect hotplug-without-p 2 "--hotplug applies to the crash kernel" -- "${dry[@]}" --hotplug "$K"
expect hotplug-unsupported 4 "--hotplug: the running kernel has no crash hotplug support.*CONFIG_CRASH_HOTPLUG" -- \
	--root="$crash" -p --hotplug "$K"
mkdir -p "$TMP/root-hp"
cp -r "$crash/." "$TMP/root-hp/"
echo none > "$TMP/root-hp/sys/kernel/crash_elfcorehdr_size"
expect hotplug-bad-size 4 "crash_elfcorehdr_size: not a size" -- --root="$TMP/root-hp" -p --hotplug "$K"

# --reuseinitrd: the running kernel must have kept its initrd.
expect reuseinitrd-not-kept 4 "--reuseinitrd: the running kernel has freed its initrd.*retain_initrd" -- \
	"${dry[@]}" --reuseinitrd "$K"
expect reuseinitrd-with-initrd 2 "--reuseinitrd and --initrd: choose one" -- \
	"${dry[@]}" --reuseinitrd --initrd="$K" "$K"
expect reuseinitrd-panic 2 "--reuseinitrd with -p" -- --root="$crash" -p --reuseinitrd "$K"
expect reuseinitrd-file-syscall 2 "--reuseinitrd can not be used with -s" -- "${dry[@]}" -s --reuseinitrd "$K"
mkdir -p "$TMP/root-noinitrd"
cp -r "$pseries/." "$TMP/root-noinitrd/"
echo "console=hvc0 retain_initrd" > "$TMP/root-noinitrd/proc/cmdline"
rm -f "$TMP"/root-noinitrd/proc/device-tree/chosen/linux,initrd-*
expect reuseinitrd-no-initrd 4 "--reuseinitrd: .*/chosen has no valid linux,initrd-start/-end" -- \
	--root="$TMP/root-noinitrd" -l --reuseinitrd "$K"
mkdir -p "$TMP/root-m68k-retain"
cp -r "$m68k/." "$TMP/root-m68k-retain/"
echo "console=ttyGF0 retain_initrd" > "$TMP/root-m68k-retain/proc/cmdline"
${CC:-cc} -std=gnu11 -O2 -o "$TMP/m68k-synth" "$src/tests/fixtures/m68k-synth/m68k-synth.c" &&
	"$TMP/m68k-synth" bootinfo atari "$TMP/atari.bi"
expect reuseinitrd-m68k-no-ramdisk 4 "--reuseinitrd: $TMP/atari.bi has no BI_RAMDISK record" -- \
	--root="$TMP/root-m68k-retain" --bootinfo="$TMP/atari.bi" -l --reuseinitrd "$K"

# m68k boots with a bootinfo: --dtb is refused, not ignored.
expect m68k-dtb 2 "--dtb: Linux/m68k boots with a bootinfo, not a device tree" -- \
	--root="$m68k" -l --dtb="$TMP/bad.dtb" "$K"

# -t: an unknown name still fails; kexec-tools' names work (check-options.sh).
expect m68k-type-ppc64-name 3 "not a elf-ppc64 image, or no such type for m68k" -- \
	--root="$m68k" -l -t elf-ppc64 "$K"
