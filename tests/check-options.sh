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
. "$src/tests/lib/expect.sh"

pseries=$src/tests/fixtures/ppc64/pseries-le-2G-smp2
crash=$src/tests/fixtures/ppc64/pseries-le-4G-smp4-crashkernel512M
m68k=$src/tests/fixtures/m68k/virt-256M

make_kernel powerpc64le-linux-gnu "$TMP/vmlinux" || { echo "FAIL: setup: no test kernel"; exit 1; }
make_relocatable "$TMP/vmlinux" le
K=$TMP/vmlinux
head -c 4096 /dev/zero > "$TMP/initrd"

# Debian's kdump-config with KDUMP_KERNEL an ELF vmlinux.
ok args-linux-panic 'cmdline: .*maxcpus=1' -- --root="$crash" -p --args-linux \
	--command-line="maxcpus=1 irqpoll" --initrd="$TMP/initrd" "$K"
ok args-linux-load 'cmdline: .*quiet' -- --root="$pseries" -l --args-linux \
	--append=quiet "$K"

# plan ARGS...: the JSON plan of a dry run, in $TMP/plan.
plan() { "$kexec" --plan-format=json "$@" > "$TMP/plan" 2>"$TMP/err"; }

# A running kernel booted by a boot loader with root= and BOOT_IMAGE=, and
# with its initrd kept (the captured pseries tree has linux,initrd-*).
R=$TMP/root
cp -r "$pseries" "$R"
printf 'root=/dev/sda2 console=hvc0\0' > "$R/proc/device-tree/chosen/bootargs"
echo "BOOT_IMAGE=/boot/vmlinux-6.1 root=/dev/sda2 ro console=hvc0 retain_initrd" > "$R/proc/cmdline"

RC=$TMP/root-crash
cp -r "$crash" "$RC"
printf 'root=/dev/sda2 console=hvc0 crashkernel=512M\0' > "$RC/proc/device-tree/chosen/bootargs"

# ppc64: the old root= when the new line has none, as kexec-tools.
ok keep-old-root 'cmdline: +"quiet root=/dev/sda2"$' -- --root="$R" -l --append=quiet "$K"
ok keep-old-root-panic 'cmdline: +"quiet root=/dev/sda2 elfcorehdr=0x[0-9a-f]+"$' -- --root="$RC" -p --append=quiet "$K"
ok dt-no-old-root 'cmdline: +"quiet"$' -- --root="$R" -l --append=quiet --dt-no-old-root "$K"
ok new-root-wins 'cmdline: +"root=/dev/vda1"$' -- --root="$R" -l --append=root=/dev/vda1 "$K"
ok dtb-no-old-root 'cmdline: +"quiet"$' -- --root="$R" -l --append=quiet --dtb="$R/sys/firmware/fdt" "$K"

# --reuse-cmdline drops BOOT_IMAGE= (and keeps the rest, root= included).
ok reuse-drops-boot-image 'cmdline: +"root=/dev/sda2 ro console=hvc0 retain_initrd quiet"$' -- \
	--root="$R" -l --reuse-cmdline --append=quiet "$K"

# Options with no effect here, as in kexec-tools on ppc64.
ok elf64-core-headers 'elfcorehdr=' -- --root="$crash" -p --elf64-core-headers "$K"
ok no-cma-dry-run 'cmdline:' -- --root="$pseries" -l --no-cma "$K"

# seg_ends FILE: "role end" per segment of a JSON plan (end = mem + memsz).
seg_ends() {
	sed -nE 's/.*"role":"([a-z]+)","mem":"(0x[0-9a-f]+)","memsz":"(0x[0-9a-f]+)".*/\1 \2 \3/p' "$1" |
	while read -r role mem memsz; do
		printf '%s 0x%x\n' "$role" $((mem + memsz))
	done
}

# --mem-max is the last byte a segment may use (inclusive, as kexec-tools):
# the plan's highest end minus one keeps the plan; one byte less moves it.
plan --root="$pseries" -l --initrd="$TMP/initrd" "$K"
top=0
for e in $(seg_ends "$TMP/plan" | cut -d' ' -f2); do
	[ $((e)) -gt $((top)) ] && top=$e
done
plan --root="$pseries" -l --initrd="$TMP/initrd" --mem-max=$(printf '0x%x' $((top - 1))) "$K"
cp "$TMP/plan" "$TMP/plan-incl"
plan --root="$pseries" -l --initrd="$TMP/initrd" "$K"
if [ $((top)) -eq 0 ]; then
	echo "FAIL: mem-max-inclusive: no segments in the plan"
elif ! cmp -s "$TMP/plan" "$TMP/plan-incl"; then
	echo "FAIL: mem-max-inclusive: --mem-max=top-1 changed the plan: $(diff "$TMP/plan" "$TMP/plan-incl" | head -c 300)"
else
	echo "PASS: mem-max-inclusive"
fi
plan --root="$pseries" -l --initrd="$TMP/initrd" --mem-max=$(printf '0x%x' $((top - 2))) "$K"
if cmp -s "$TMP/plan" "$TMP/plan-incl"; then
	echo "FAIL: mem-max-one-less: --mem-max=top-2 left the plan as it was"
else
	echo "PASS: mem-max-one-less"
fi

# --reuseinitrd: the initrd the running kernel kept (retain_initrd), where
# its tree says: no initrd segment, nothing placed over it, and the next
# tree points at it.
dt=$R/proc/device-tree/chosen
istart=$((0x$(od -An -tx1 "$dt/linux,initrd-start" | tr -d ' \n')))
iend=$((0x$(od -An -tx1 "$dt/linux,initrd-end" | tr -d ' \n')))
mkdir -p "$TMP/dump"
plan --root="$R" -l --reuseinitrd --dump-segments="$TMP/dump" "$K"
why=
[ -s "$TMP/err" ] && why="$why; stderr: $(head -c 200 "$TMP/err")"
grep -q '"role":"initrd"' "$TMP/plan" && why="$why; an initrd segment"
while read -r role mem memsz; do
	[ $((mem)) -lt $iend ] && [ $((mem + memsz)) -gt $istart ] &&
		why="$why; the $role segment overlaps the kept initrd"
done < <(sed -nE 's/.*"role":"([a-z]+)","mem":"(0x[0-9a-f]+)","memsz":"(0x[0-9a-f]+)".*/\1 \2 \3/p' "$TMP/plan")
dtb=$(ls "$TMP"/dump/*dtb* 2>/dev/null | head -n 1)
if [ -z "$dtb" ]; then
	why="$why; no dtb dumped"
else
	[ "$(fdtget -t x "$dtb" /chosen linux,initrd-start 2>/dev/null)" = "0 $(printf '%x' $istart)" ] ||
		why="$why; linux,initrd-start is $(fdtget -t x "$dtb" /chosen linux,initrd-start 2>&1)"
	[ "$(fdtget -t x "$dtb" /chosen linux,initrd-end 2>/dev/null)" = "0 $(printf '%x' $iend)" ] ||
		why="$why; linux,initrd-end is $(fdtget -t x "$dtb" /chosen linux,initrd-end 2>&1)"
fi
[ -z "$why" ] && echo "PASS: reuseinitrd" || echo "FAIL: reuseinitrd: ${why#; }"

# --hotplug with a kernel that has crash hotplug: the ELF core header gets
# the room the kernel asks for, and neither it nor the tree (both
# rewritten by the kernel later) is checked by purgatory.
H=$TMP/root-hotplug
cp -r "$crash" "$H"
echo 1048576 > "$H/sys/kernel/crash_elfcorehdr_size"
echo 0-15 > "$H/sys/devices/system/cpu/possible"
echo 0-3 > "$H/sys/devices/system/cpu/present"
plan --root="$crash" -p "$K"
cp "$TMP/plan" "$TMP/plan-nohp"
plan --root="$H" -p --hotplug "$K"
why=
[ -s "$TMP/err" ] && why="$why; stderr: $(head -c 200 "$TMP/err")"
hdr=$(grep '"role":"elfcorehdr"' "$TMP/plan")
case $hdr in
*'"memsz":"0x100000"'*'"verified":false'*) ;;
*) why="$why; elfcorehdr: $hdr" ;;
esac
grep '"role":"dtb"' "$TMP/plan" | grep -q '"verified":false' || why="$why; the dtb is verified"
grep '"role":"kernel"' "$TMP/plan" | grep -q '"verified":true' || why="$why; the kernel is not verified"
# 12 CPUs may come: 12 KiB more free space in the tree.
old=$(sed -nE 's/.*"role":"dtb".*"bufsz":"(0x[0-9a-f]+)".*/\1/p' "$TMP/plan-nohp")
new=$(sed -nE 's/.*"role":"dtb".*"bufsz":"(0x[0-9a-f]+)".*/\1/p' "$TMP/plan")
[ -n "$old" ] && [ -n "$new" ] && [ $((new - old)) -ge 12288 ] ||
	why="$why; the tree grew from $old to $new"
grep -q '"flags":"0x150009"' "$TMP/plan" || why="$why; flags $(grep -o '"flags":"[^"]*"' "$TMP/plan")"
[ -z "$why" ] && echo "PASS: hotplug" || echo "FAIL: hotplug: ${why#; }"

# m68k: kexec-tools' type name.
if ${CC:-cc} -std=gnu11 -O2 -o "$TMP/m68k-synth" "$src/tests/fixtures/m68k-synth/m68k-synth.c" &&
   "$TMP/m68k-synth" vmlinux linux61 "$TMP/vmlinux-m68k"; then
	ok m68k-type-elf-m68k '"arch":"m68k"' -- --root="$m68k" -l -t elf-m68k \
		--plan-format=json "$TMP/vmlinux-m68k"
	ok m68k-type-vmlinux '"arch":"m68k"' -- --root="$m68k" -l -t vmlinux \
		--plan-format=json "$TMP/vmlinux-m68k"
	# --reuseinitrd: the running kernel's BI_RAMDISK goes into the new
	# bootinfo, and no segment covers it.
	M=$TMP/root-m68k
	cp -r "$m68k" "$M"
	echo "console=ttyGF0 retain_initrd" > "$M/proc/cmdline"
	old=$("$TMP/m68k-synth" decode "$M/proc/bootinfo" | grep '^ramdisk ')
	rm -rf "$TMP/dump" && mkdir "$TMP/dump"
	plan --root="$M" -l --reuseinitrd --dump-segments="$TMP/dump" "$TMP/vmlinux-m68k"
	why=
	[ -s "$TMP/err" ] && why="$why; stderr: $(head -c 200 "$TMP/err")"
	new=$("$TMP/m68k-synth" decode "$TMP"/dump/*bootinfo*.bin 2>/dev/null | grep '^ramdisk ')
	[ -n "$old" ] && [ "$new" = "$old" ] || why="$why; ramdisk '$new', expected '$old'"
	set -- $old
	while read -r role mem memsz; do
		[ $((mem)) -lt $(($2 + $3)) ] && [ $((mem + memsz)) -gt $(($2)) ] &&
			why="$why; the $role segment overlaps the kept initrd"
	done < <(sed -nE 's/.*"role":"([a-z]+)","mem":"(0x[0-9a-f]+)","memsz":"(0x[0-9a-f]+)".*/\1 \2 \3/p' "$TMP/plan")
	grep -q '"role":"initrd"' "$TMP/plan" && why="$why; an initrd segment"
	[ -z "$why" ] && echo "PASS: m68k-reuseinitrd" || echo "FAIL: m68k-reuseinitrd: ${why#; }"
else
	echo "FAIL: m68k-setup: can not build an m68k test kernel"
fi
