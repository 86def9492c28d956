#!/bin/bash
# VM tests for kexec-loader: real kexec_load + exec inside QEMU guests.
#
#   tests/vm/run.sh [-v] [-l] [CASE|PATTERN|TARGET ...]
#
#   -v        stream the guest consoles to the terminal as well as the logs
#   -l        list the cases and exit
#   CASE      a case name (see -l); a shell pattern ('ppc64le-*'); or one of
#             ppc64le, ppc64be, powernv, m68k for all cases of that kind.
#             No case: all of them.
#
# Prints "PASS name (secs)" or "FAIL name: reason (log)" per case and, last,
# "N passed, N failed"; exits non-zero when anything failed.
#
# The kexec binaries come from KEXEC_PPC64LE, KEXEC_PPC64, KEXEC_M68K (static
# binaries), else they are built from the repo top (see lib.sh).  Kernels come
# from tests/vm/kernels.sh (cached).  Logs: $KT_WORK/<case>/console.log.
#
# KT_TIMEOUT_SCALE=2 doubles every per-case time limit (busy machines).
# KT_KEXEC_CONTROL=PATH loads the crash kernel of the kdump cases with that
# static binary instead (a control such as kexec-tools; see oops-rate.sh).
#
# No kexec call ever runs on the build machine: the binaries only run inside
# the QEMU guests, started with -no-reboot and a hard timeout per boot.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ALL_CASES=(
	ppc64le-basic ppc64le-cmdline ppc64le-gzip ppc64le-xz ppc64le-zstd
	ppc64le-3gen ppc64le-failed-load ppc64le-nolost ppc64le-nolost-fs ppc64le-kdump
	ppc64be-basic ppc64be-3gen ppc64be-kdump ppc64be-file ppc64be-file-crash
	powernv-basic powernv-kdump
	m68k-basic m68k-3gen m68k-failed-load m68k-gzip m68k-xz m68k-zstd
	ppc64be-gzip ppc64be-xz ppc64be-zstd
	ppc64le-badsum ppc64be-badsum powernv-badsum m68k-badsum
	ppc64le-race ppc64le-lowmem ppc64le-unload-crash
	ppc64le-reuseinitrd ppc64le-shutdown
	ppc64le-debian-kexec ppc64le-debian-kdump
)

# ------------------------------------------------------------------ cases
# A case function sets:
#   C_TARGET   ppc64le | ppc64 | m68k      (kernel and kexec binary)
#   C_KERNEL   another kernel of tests/vm/kernels.sh for that binary
#              (ppc64kf: the BE kernel with kexec_file_load)
#   C_MACHINE  pseries | powernv9 | m68k-virt
#   C_GENS     number of initramfs generations in the chain
#   C_APPEND   the first kernel's command line
#   C_TIMEOUT  hard limit for the whole QEMU run, seconds
#   C_SCRIPT   function <gen>: prints /kt/gen<gen>
#   C_FILES    function <gen> <rootdir>: extra files for that generation
#   C_JUDGE    function: prints a reason and returns 1 on failure
#   C_SMP, C_MEM, C_DISK (1: attach a virtio-blk disk of C_DISK_MB MiB,
#              disk.img, the guest's /dev/vda), C_DISK2 (1: and a second
#              one of 1 MiB, disk2.img, /dev/vdb)
#   C_NEWCMD, C_WANTCMD  cmdline cases: the --command-line given, and the
#              line the second kernel must get (default: C_NEWCMD)
#   C_PREP     function run before the initramfs chain is built (e.g. to
#              prepare files or the disk image); sets REASON (why) and
#              returns 1 on failure

defaults() {
	C_TARGET=ppc64le C_MACHINE=pseries C_GENS=2 C_TIMEOUT=180
	C_APPEND="console=hvc0 kt.case=$1"
	C_SCRIPT=script_chain C_FILES=files_chain C_JUDGE=judge_chain
	C_SMP=2 C_MEM='' C_DISK=0 C_DISK_MB=1 C_DISK2=0 C_NEWCMD='' C_KERNEL='' C_WANTCMD='' C_FS='' C_PREP=''
}

# A boot loader's BOOT_IMAGE= on the first line: --reuse-cmdline drops it.
case_ppc64le_basic() { C_APPEND="BOOT_IMAGE=/boot/vmlinux-kt $C_APPEND"; }
case_ppc64le_3gen() { C_GENS=3; C_TIMEOUT=300; }
case_ppc64le_failed_load() { C_SCRIPT=script_failed_load C_FILES=files_failed_load C_JUDGE=judge_failed_load; }
# --reuseinitrd: the first kernel keeps its initrd (retain_initrd) and the
# second boots with it, from where it lies.
case_ppc64le_reuseinitrd() {
	C_APPEND="$C_APPEND retain_initrd"
	C_SCRIPT=script_reuseinitrd C_FILES=files_reuseinitrd C_JUDGE=judge_reuseinitrd
}
# No action: kexec loads, then runs /sbin/shutdown -r now by its fixed path,
# with no PATH in its environment (as an init script may have).
case_ppc64le_shutdown() { C_SCRIPT=script_shutdown C_FILES=files_shutdown C_JUDGE=judge_shutdown; }
case_ppc64le_nolost() { C_DISK=1 C_SCRIPT=script_nolost C_FILES=files_nolost C_JUDGE=judge_nolost; }
# The same on a file system: an ext4 file created and written (kept open,
# no sync) just before kexec -e; the next kernel mounts it and finds the
# data, and so does the host (debugfs) in the image.
case_ppc64le_nolost_fs() { case_ppc64le_nolost; C_FS=ext4 C_DISK_MB=64; }
# A crash kernel: kexec -p, a line written to /dev/kmsg, a panic; the
# capture kernel prints the crashed kernel's log with vmcore-dmesg and saves
# /proc/vmcore to a disk and that log to a second one (vmcore-dump
# --dmesg), which the host then reads.  The panic happens on the CPU given
# (KDUMP_CPU overrides): on LE on CPU 1, so the capture kernel boots on a
# CPU other than 0 and brings up the one the crash parked; on BE on CPU 0
# (on the self-built BE kernel that second CPU fails now and then, with this
# loader and with kexec-tools alike: tests/vm/README.md, oops-rate.sh).
case_ppc64le_kdump() {
	C_MEM=1G C_APPEND="$C_APPEND crashkernel=$KDUMP_MB"M C_DISK=1 C_DISK_MB=1024 C_DISK2=1
	C_SCRIPT=script_kdump C_FILES=files_kdump C_JUDGE=judge_kdump C_TIMEOUT=300
	C_CRASH_CPU=${KDUMP_CPU:-1}
}
case_ppc64be_kdump() { case_ppc64le_kdump; C_TARGET=ppc64 C_CRASH_CPU=${KDUMP_CPU:-0}; }
# (powernv9 shows no second virtio-blk disk: the log is only printed there.)
case_powernv_kdump() { case_ppc64le_kdump; C_MACHINE=powernv9 C_DISK2=0; }
KDUMP_MB=320
cmdline_case() {
	# --command-line, no initrd: the second kernel has no userspace, so it is
	# judged by its own "Kernel command line:" and its failure to mount root;
	# panic=1 makes it reboot, which ends QEMU.
	C_GENS=1 C_TIMEOUT=150 C_IMAGE=$1
	C_NEWCMD="console=hvc0 kt.gen=2 kt.image=$1 panic=1"
	C_SCRIPT=script_cmdline C_FILES=files_cmdline C_JUDGE=judge_cmdline
}
# The first kernel has a root= the new line lacks: kept (kexec-tools' ppc64
# rule, from /proc/device-tree/chosen/bootargs).
case_ppc64le_cmdline() {
	cmdline_case vmlinux
	C_APPEND="$C_APPEND root=/dev/kt-old-root"
	C_WANTCMD="$C_NEWCMD root=/dev/kt-old-root"
}
case_ppc64le_gzip() { cmdline_case vmlinux.gz; }
case_ppc64le_xz() { cmdline_case vmlinux.xz; }
case_ppc64le_zstd() { cmdline_case vmlinux.zst; }
case_ppc64be_basic() { C_TARGET=ppc64 C_TIMEOUT=150; }
case_ppc64be_3gen() { C_TARGET=ppc64 C_GENS=3 C_TIMEOUT=240; }
# A kernel with kexec_file_load: a gzip'd vmlinux is refused by -s with a
# message and loaded by the default (-a) through the fallback; -s loads
# through the kernel's own loader, the default picks it too, -u unloads it,
# and -c still loads through kexec_load with this project's purgatory; each
# of those boots.
case_ppc64be_file() {
	C_TARGET=ppc64 C_KERNEL=ppc64kf C_GENS=3 C_TIMEOUT=240
	C_SCRIPT=script_file C_FILES=files_file
}
# Debian's crash kernel calls on that kernel: "kexec -s -p" and
# "kexec -s -p -u", then the automatic choice for -p and -p -u.
case_ppc64be_file_crash() {
	C_TARGET=ppc64 C_KERNEL=ppc64kf C_GENS=1 C_TIMEOUT=120
	C_APPEND="$C_APPEND crashkernel=256M" C_SCRIPT=script_file_crash
	C_FILES=files_file_crash
}
case_powernv_basic() { C_MACHINE=powernv9 C_TIMEOUT=240; }
m68k_case() { C_TARGET=m68k C_MACHINE=m68k-virt C_APPEND="console=ttyGF0 kt.case=$1" C_SMP='' C_TIMEOUT=90; }
case_m68k_basic() { m68k_case m68k-basic; C_JUDGE=judge_m68k; }
case_m68k_3gen() { m68k_case m68k-3gen; C_GENS=3 C_JUDGE=judge_m68k C_TIMEOUT=120; }
# The static BE and m68k binaries decompress too (libraries built from
# Debian's sources): the next kernel is /boot/vmlinux compressed.
comp_case() { C_FILES=files_comp C_COMP=$1; }
files_comp() {
	local g=$1 d=$2
	if [ "$g" -lt "$C_GENS" ]; then
		case $C_COMP in
		gzip) gzip -6nc "$KDIR/vmlinux" ;;
		xz) xz -T1 --check=crc32 -c "$KDIR/vmlinux" ;;
		zstd) zstd -q -12 -c "$KDIR/vmlinux" ;;
		esac >"$d/boot/vmlinux"
	fi
}
case_m68k_gzip() { m68k_case m68k-gzip; C_JUDGE=judge_m68k; comp_case gzip; }
case_m68k_xz() { m68k_case m68k-xz; C_JUDGE=judge_m68k; comp_case xz; }
case_m68k_zstd() { m68k_case m68k-zstd; C_JUDGE=judge_m68k; comp_case zstd; }
case_ppc64be_gzip() { case_ppc64be_basic; comp_case gzip; }
case_ppc64be_xz() { case_ppc64be_basic; comp_case xz; }
case_ppc64be_zstd() { case_ppc64be_basic; comp_case zstd; }
case_m68k_failed_load() { m68k_case m68k-failed-load; C_SCRIPT=script_failed_load C_FILES=files_failed_load C_JUDGE=judge_failed_load; }

# A wrong checksum (the loader's KEXEC_TEST_CORRUPT_DIGEST, which the
# kernel hands to init's environment from the command line): purgatory must
# name the segment and stop; the second generation must never boot.  The
# guest then sits in purgatory until the time limit.
badsum_case() { C_APPEND="$C_APPEND KEXEC_TEST_CORRUPT_DIGEST=1" C_JUDGE=judge_badsum C_TIMEOUT=$1; }
case_ppc64le_badsum() { badsum_case 60; }
case_ppc64be_badsum() { C_TARGET=ppc64; badsum_case 60; }
case_powernv_badsum() { C_MACHINE=powernv9; badsum_case 90; }
case_m68k_badsum() { m68k_case m68k-badsum; badsum_case 30; }

# Debian 12's own scripts, unpacked from its ppc64el packages
# (tests/vm/debian-userland.sh) and run as shipped; /sbin/kexec is this
# project's.  The test only writes the configuration an administrator
# writes: /etc/default/kexec and /etc/default/kdump-tools.
#
# kexec-tools' init scripts: "kexec-load stop" loads the kernel, initrd and
# APPEND named in /etc/default/kexec, "kexec stop" executes it; the second
# kernel must have exactly APPEND as its command line and the initrd's
# token.
case_ppc64le_debian_kexec() {
	C_PREP=prep_debian C_SCRIPT=script_debian_kexec C_FILES=files_debian_kexec
	C_JUDGE=judge_debian_kexec C_TIMEOUT=240
}
# kdump-tools: kdump-config status, load, show, unload, load again with
# KDUMP_KERNEL first the usual /var/lib/kdump/vmlinuz symlink, then the
# vmlinux itself (an ELF file: kdump-config adds --args-linux), a line
# written to /dev/kmsg, a crash; the capture kernel mounts an ext4 disk on
# /var/crash and runs "kdump-config savecore" (makedumpfile); the host
# reads the dump and the dmesg file from the disk image.
case_ppc64le_debian_kdump() {
	C_MEM=1G C_APPEND="$C_APPEND crashkernel=$KDUMP_MB"M C_DISK=1 C_DISK_MB=512
	C_PREP=prep_debian_kdump C_SCRIPT=script_debian_kdump C_FILES=files_debian_kdump
	C_JUDGE=judge_debian_kdump C_TIMEOUT=360
}
# What kdump-config appends to the capture kernel's line by default, with
# nr_cpus=1 for its maxcpus=1, plus the generation for init.  (With
# maxcpus=1 the capture kernel, running on the CPU that crashed, hung in
# virtio_blk's probe once the disk was found; the cause is not known.)
DEBIAN_KDUMP_APPEND="reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1 irqpoll noirqdistrib usbcore.nousb kt.gen=2"

# Faults beyond bad files.
# A load racing another: while a load of the next kernel with a large
# initrd is inside kexec_load, a second load (a tiny ELF) gets EBUSY from
# the kernel: it must fail with exit status 6 and one line naming the
# cause, and the first load must be whole: generation 2 boots from it.
case_ppc64le_race() {
	C_SCRIPT=script_race C_FILES=files_race C_PAD_MB=48 C_TIMEOUT=240
}
# Memory pressure: a 1 GiB guest, an initrd of 296 MiB (gzip'd cpio plus
# zeros, which the kernel's unpacker skips).  The initrd lives in the first
# kernel's rootfs and the kernel copies it into its own pages at the load:
# a loader that reads it into its own memory as well needs a third copy,
# which does not fit; this loader maps the files and must succeed.  With
# KT_KEXEC_CONTROL set (a copying loader, e.g. kexec-tools) that binary
# tries the same load first and must fail.
case_ppc64le_lowmem() {
	C_MEM=1G C_SMP=1 C_SCRIPT=script_lowmem C_FILES=files_race C_PAD_MB=296
	C_TIMEOUT=240
}
# Unloading with a crash image loaded: -u unloads the kexec -l image only,
# -p -u the crash image only; then the crash image (loaded again) must
# still be the one a panic boots.
case_ppc64le_unload_crash() {
	C_MEM=1G C_APPEND="$C_APPEND crashkernel=${KDUMP_MB}M" C_SCRIPT=script_unload_crash
	C_FILES=files_unload_crash C_JUDGE=judge_unload_crash C_TIMEOUT=240
}

# ------------------------------------------------------------- scripts
# Generation g loads generation g+1 with --reuse-cmdline and two appended
# words, so the expected command line of g+1 is that of g plus
# " kt.gen=<g+1> kt.note=hop<g>".
append_words() { echo "kt.gen=$(($1 + 1)) kt.note=hop$1"; }

load_next() {
	echo "run 0 /sbin/kexec -l /boot/vmlinux --initrd=/boot/next.cpio.gz --reuse-cmdline --append=\"$(append_words "$1")\""
	echo "checkfile /sys/kernel/kexec_loaded 1"
}
exec_next() { echo "run never /sbin/kexec -e"; }

script_chain() {
	local g=$1
	echo "# generation $g of $C_GENS ($CASE)"
	if [ "$g" -lt "$C_GENS" ]; then load_next "$g"; exec_next; fi
	echo "poweroff"
}

files_chain() {
	local g=$1 d=$2
	if [ "$g" -lt "$C_GENS" ]; then kt_link "$KDIR/vmlinux" "$d/boot/vmlinux"; fi
}

kt_link() { ln "$1" "$2" 2>/dev/null || cp "$1" "$2"; }

script_file() {
	local g=$1 w
	w=$(append_words "$g")
	case $g in
	1)
		# A compressed vmlinux: the kernel's own loader refuses it
		# (named), the automatic choice falls back to kexec_load.
		echo "run nonzero /sbin/kexec -s -l /boot/vmlinux.gz"
		echo "outhas kexec_file_load: the kernel's own loader does not know this image format"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "run 0 /sbin/kexec -d -l /boot/vmlinux.gz --reuse-cmdline"
		echo "outhas falling back to kexec_load"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		echo "run 0 /sbin/kexec -u"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "run 0 /sbin/kexec -s -l /boot/vmlinux --initrd=/boot/next.cpio.gz --reuse-cmdline --append=\"$w\""
		echo "checkfile /sys/kernel/kexec_loaded 1"
		exec_next ;;
	2)
		echo "run 0 /sbin/kexec -d -l /boot/vmlinux --initrd=/boot/next.cpio.gz --reuse-cmdline --append=kt.auto=1"
		echo "outhas loaded with kexec_file_load"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		echo "run 0 /sbin/kexec -u"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "run 0 /sbin/kexec -c -d -l /boot/vmlinux --initrd=/boot/next.cpio.gz --reuse-cmdline --append=\"$w\""
		echo "outhas purgatory"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		exec_next ;;
	*) echo poweroff ;;
	esac
}

script_file_crash() {
	echo "run 0 /sbin/kexec -s -p /boot/vmlinux --reuse-cmdline --append=kt.crash=1"
	echo "checkfile /sys/kernel/kexec_crash_loaded 1"
	echo "run 0 /sbin/kexec -s -p -u"
	echo "checkfile /sys/kernel/kexec_crash_loaded 0"
	echo "run 0 /sbin/kexec -d -p /boot/vmlinux --initrd=/boot/vmlinux --command-line=kt.crash=2"
	echo "outhas loaded with kexec_file_load"
	echo "checkfile /sys/kernel/kexec_crash_loaded 1"
	echo "run 0 /sbin/kexec -p -u"
	echo "checkfile /sys/kernel/kexec_crash_loaded 0"
	echo poweroff
}

files_file() {
	files_chain "$@"
	if [ "$1" = 1 ]; then gzip -1c "$KDIR/vmlinux" >"$2/boot/vmlinux.gz"; fi
}

files_file_crash() { kt_link "$KDIR/vmlinux" "$2/boot/vmlinux"; }

script_failed_load() {
	local g=$1
	if [ "$g" = 1 ]; then
		load_next 1
		# Two bad images after the good load: neither may disturb it.
		echo "run nonzero /sbin/kexec -l /boot/truncated --initrd=/boot/next.cpio.gz --append=kt.bad=1"
		echo "outnonempty"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		echo "run nonzero /sbin/kexec -l /boot/junk --append=kt.bad=2"
		echo "outnonempty"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		exec_next
	else
		if [ "$C_TARGET" = m68k ]; then echo poweroff; return; fi
		# Unload, then exec must refuse with a message.
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "run 0 /sbin/kexec -l /boot/vmlinux --reuse-cmdline --append=kt.gen=3"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		echo "run 0 /sbin/kexec -u"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "run nonzero /sbin/kexec -e"
		echo "outnonempty"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "poweroff"
	fi
}

files_failed_load() {
	local g=$1 d=$2
	if [ "$g" = 1 ] || [ "$C_TARGET" != m68k ]; then
		kt_link "$KDIR/vmlinux" "$d/boot/vmlinux"
	fi
	if [ "$g" = 1 ]; then
		head -c 65536 "$KDIR/vmlinux" >"$d/boot/truncated"
		head -c 4096 /dev/urandom >"$d/boot/junk"
	fi
}

script_nolost() {
	local g=$1 m
	for m in $(cat "$KDIR/modules/order" 2>/dev/null); do echo "insmod /lib/modules/$m.ko"; done
	echo "waitfor /dev/vda 30"
	local f=/dev/vda
	if [ -n "$C_FS" ]; then echo "mount /dev/vda /mnt $C_FS"; f=/mnt/kt-data; fi
	if [ "$g" = 1 ]; then
		# Load first, so that the write is as fresh as can be at exec.
		load_next 1
		echo "writefile -k $f $DISK_MAGIC"
		echo "checkfile $f $DISK_MAGIC"
		exec_next
	else
		echo "checkfile $f $DISK_MAGIC"
		echo poweroff
	fi
}

files_nolost() {
	local g=$1 d=$2
	files_chain "$@"
	if [ -d "$KDIR/modules" ]; then cp "$KDIR"/modules/*.ko "$d/lib/modules/" 2>/dev/null || true; fi
	# (run_case's truncate to the same size keeps the file system)
	if [ "$g" = 1 ] && [ -n "$C_FS" ]; then
		truncate -s "${C_DISK_MB}M" "$CDIR/disk.img"
		mkfs."$C_FS" -q -F "$CDIR/disk.img" >/dev/null
	fi
}

# KT_KEXEC_CONTROL=PATH: the crash kernel is loaded by that binary instead
# (a control, e.g. kexec-tools from tests/bench/kexec-tools.sh), with the
# options every loader knows: --initrd and an explicit --command-line (the
# first kernel's line minus crashkernel=, as --reuse-cmdline gives).
script_kdump() {
	local g=$1 m
	if [ "$g" = 1 ] && [ -n "${KT_KEXEC_CONTROL:-}" ]; then
		m=$(sed -E 's/(^| )crashkernel=[^ ]*//' <<<"$C_APPEND")
		echo "run 0 /sbin/kexec-control -p /boot/vmlinux --initrd=/boot/next.cpio.gz --command-line=\"$m kt.gen=2 nr_cpus=1\""
	elif [ "$g" = 1 ]; then
		echo "run 0 /sbin/kexec -p /boot/vmlinux --initrd=/boot/next.cpio.gz --reuse-cmdline --append=\"kt.gen=2 nr_cpus=1\""
	fi
	if [ "$g" = 1 ]; then
		echo "checkfile /sys/kernel/kexec_crash_loaded 1"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "writefile /dev/kmsg $(kmsg_line)"
		echo "plant $PLANT"
		echo "oncpu $C_CRASH_CPU"
		echo "sysrq c"
		echo "echo the crash returned"
		echo poweroff
	else
		echo "vmcorehas $PLANT"
		echo "run 0 /sbin/vmcore-dmesg /proc/vmcore"
		echo "outhas $(kmsg_line)"
		echo "outhas $PANIC_MSG"
		for m in $(cat "$KDIR/modules/order" 2>/dev/null); do echo "insmod /lib/modules/$m.ko"; done
		echo "waitfor /dev/vda 30"
		if [ "$C_DISK2" = 1 ]; then
			echo "waitfor /dev/vdb 30"
			echo "run 0 /sbin/vmcore-dump --dmesg=/dev/vdb /dev/vda"
		else
			echo "run 0 /sbin/vmcore-dump /dev/vda"
		fi
		echo poweroff
	fi
}

# The line gen 1 writes to /dev/kmsg before the crash (lower case: the
# console echoes it, and it must not look like a marker).
kmsg_line() { echo "kt-kmsg $KMSG_TOKEN before the crash"; }
PANIC_MSG="Kernel panic - not syncing: sysrq triggered crash"

files_kdump() {
	local g=$1 d=$2
	if [ "$g" = 1 ]; then
		kt_link "$KDIR/vmlinux" "$d/boot/vmlinux"
		if [ -n "${KT_KEXEC_CONTROL:-}" ]; then cp "$KT_KEXEC_CONTROL" "$d/sbin/kexec-control"; fi
	elif [ -d "$KDIR/modules" ]; then
		cp "$KDIR"/modules/*.ko "$d/lib/modules/" 2>/dev/null || true
	fi
}

script_race() {
	local g=$1
	if [ "$g" = 1 ]; then
		echo "race 5 6 \"another kexec load or exec is in progress\" -- /sbin/kexec -l /boot/vmlinux --initrd=/boot/next.cpio.gz --reuse-cmdline --append=\"$(append_words 1)\" -- /sbin/kexec -l /boot/tiny --append=kt.racer=1"
		echo "outhas kexec: kexec_load: device or resource busy: another kexec load or exec is in progress"
		echo "outlines 1"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		exec_next
	else
		echo poweroff
	fi
}

# The next generation's archive padded with C_PAD_MB MiB of zeros (the
# kernel's initramfs unpacker skips zeros between archives); on the first
# generation a tiny ELF for the racing load.
files_race() {
	local g=$1 d=$2
	files_chain "$@"
	if [ "$g" = 1 ]; then
		truncate -s +"$C_PAD_MB"M "$CDIR/gen2.cpio.gz"
		printf '.globl _start\n_start:\n b _start\n .space 65532\n' >"$CDIR/tiny.S"
		powerpc64le-linux-gnu-gcc -nostdlib -static -Wl,-N -Wl,-Ttext=0 \
			-Wl,--build-id=none -Wl,--no-warn-rwx-segments \
			-o "$d/boot/tiny" "$CDIR/tiny.S"
		if [ -n "${KT_KEXEC_CONTROL:-}" ]; then cp "$KT_KEXEC_CONTROL" "$d/sbin/kexec-control"; fi
	fi
}

script_lowmem() {
	local g=$1
	if [ "$g" = 1 ]; then
		echo "cat /proc/meminfo"
		if [ -n "${KT_KEXEC_CONTROL:-}" ]; then
			echo "run nonzero /sbin/kexec-control -l /boot/vmlinux --initrd=/boot/next.cpio.gz --command-line=\"$C_APPEND $(append_words 1)\""
			echo "checkfile /sys/kernel/kexec_loaded 0"
		fi
		load_next 1
		exec_next
	else
		echo poweroff
	fi
}

script_unload_crash() {
	local g=$1 crash
	crash="/sbin/kexec -p /boot/vmlinux --initrd=/boot/next.cpio.gz --reuse-cmdline --append=\"kt.gen=2 nr_cpus=1\""
	if [ "$g" = 1 ]; then
		echo "run 0 $crash"
		echo "run 0 /sbin/kexec -l /boot/vmlinux --reuse-cmdline --append=kt.normal=1"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		echo "checkfile /sys/kernel/kexec_crash_loaded 1"
		echo "run 0 /sbin/kexec -u"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "checkfile /sys/kernel/kexec_crash_loaded 1"
		echo "run 0 /sbin/kexec -l /boot/vmlinux --reuse-cmdline --append=kt.normal=2"
		echo "run 0 /sbin/kexec -p -u"
		echo "checkfile /sys/kernel/kexec_crash_loaded 0"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		echo "run 0 $crash"
		echo "run 0 /sbin/kexec -u"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "checkfile /sys/kernel/kexec_crash_loaded 1"
		echo "sysrq c"
		echo "echo the crash returned"
		echo poweroff
	else
		echo poweroff
	fi
}

files_unload_crash() { if [ "$1" = 1 ]; then kt_link "$KDIR/vmlinux" "$2/boot/vmlinux"; fi; }

script_cmdline() {
	echo "run 0 /sbin/kexec -l /boot/$C_IMAGE --command-line=\"$C_NEWCMD\""
	echo "checkfile /sys/kernel/kexec_loaded 1"
	exec_next
}

script_reuseinitrd() {
	echo "# generation $1 ($CASE)"
	if [ "$1" = 1 ]; then
		echo "run 0 /sbin/kexec -l /boot/vmlinux --reuseinitrd --reuse-cmdline --append=\"$(append_words 1)\""
		echo "checkfile /sys/kernel/kexec_loaded 1"
		exec_next
	fi
	echo poweroff
}

script_shutdown() {
	echo "# generation $1 ($CASE)"
	if [ "$1" = 1 ]; then
		echo "unsetenv PATH"
		echo "run never /sbin/kexec /boot/vmlinux --initrd=/boot/next.cpio.gz --reuse-cmdline --append=\"$(append_words 1)\""
	fi
	echo poweroff
}

files_shutdown() {
	files_chain "$@"
	[ "$1" != 1 ] || cp "$2/init" "$2/sbin/shutdown"
}

# The second generation's script goes into the first initrd, which it
# boots with.
files_reuseinitrd() {
	[ "$1" = 1 ] || return 0
	kt_link "$KDIR/vmlinux" "$2/boot/vmlinux"
	script_reuseinitrd 2 >"$2/kt/gen2"
}

files_cmdline() { kt_link "$KDIR/$C_IMAGE" "$2/boot/$C_IMAGE"; }

# The Debian userland (cached) and, for kdump, an ext4 disk (no journal,
# no metadata checksums).
prep_debian() {
	DEBIAN_DIR=$("$KT_VM_DIR/debian-userland.sh" "$KDIR" 2>"$CDIR/debian-userland.log") ||
		why "tests/vm/debian-userland.sh failed: $(tail -n 1 "$CDIR/debian-userland.log")" || return 1
	KREL=$(cat "$KDIR/release")
}
prep_debian_kdump() {
	prep_debian || return 1
	truncate -s "${C_DISK_MB}M" "$CDIR/disk.img"
	mkfs.ext4 -q -F -O ^has_journal,^metadata_csum -L kdump "$CDIR/disk.img" >"$CDIR/mkfs.log" 2>&1 ||
		why "mkfs.ext4 failed: $(tail -n 1 "$CDIR/mkfs.log")"
}

# The Debian tree under the initramfs root, with this project's kexec as
# /sbin/kexec (kt_stage copied it; Debian's would overwrite it).
stage_debian() {
	local d=$1
	cp -a "$DEBIAN_DIR/root/." "$d/"
	cp "${KT_KEXEC[$C_TARGET]}" "$d/sbin/kexec"
}

script_debian_kexec() {
	if [ "$1" = 1 ]; then
		echo "run 0 /sbin/kexec --version"
		echo "outhas kexec-loader"
		echo "checkfile /sys/kernel/kexec_loaded 0"
		echo "run 0 /etc/init.d/kexec-load stop"
		echo "checkfile /sys/kernel/kexec_loaded 1"
		echo "run never /etc/init.d/kexec stop"
	fi
	echo poweroff
}

files_debian_kexec() {
	local g=$1 d=$2
	[ "$g" = 1 ] || return 0
	stage_debian "$d"
	kt_link "$KDIR/vmlinux" "$d/boot/vmlinux"
	# What debconf's questions leave in /etc/default/kexec, with the
	# kernel, initrd and command line of generation 2.
	cat >"$d/etc/default/kexec" <<-EOF
	# Defaults for kexec initscript (written by tests/vm/run.sh)
	LOAD_KEXEC=true
	KERNEL_IMAGE="/boot/vmlinux"
	INITRD="/boot/next.cpio.gz"
	APPEND="$C_APPEND $(append_words 1)"
	USE_GRUB_CONFIG=false
	EOF
}

judge_debian_kexec() {
	chain_checks 2 || return 1
	has_marker "KT-RUN rc=0 /etc/init.d/kexec-load stop" || why "kexec-load stop failed" || return 1
	has_marker "KT-EXEC /etc/init.d/kexec stop" || why "kexec stop did not run" || return 1
}

# /etc/default/kdump-tools as an administrator writes it; $1 is KDUMP_KERNEL.
kdump_tools_defaults() {
	cat <<-EOF
	# kdump-tools configuration (written by tests/vm/run.sh)
	USE_KDUMP=1
	KDUMP_KERNEL=$1
	KDUMP_INITRD=/var/lib/kdump/initrd.img
	KDUMP_COREDIR="/var/crash"
	KDUMP_CMDLINE_APPEND="$DEBIAN_KDUMP_APPEND"
	EOF
}

script_debian_kdump() {
	local g=$1 m
	if [ "$g" = 1 ]; then
		echo "run 0 /sbin/kexec --version"
		echo "outhas kexec-loader"
		echo "run 0 /usr/sbin/kdump-config status"
		echo "outhas current state   : Not ready to kdump"
		# KDUMP_KERNEL=/var/lib/kdump/vmlinuz, the link load makes.
		echo "run 0 /usr/sbin/kdump-config load"
		echo "checkfile /sys/kernel/kexec_crash_loaded 1"
		echo "run 0 /usr/sbin/kdump-config show"
		echo "outhas current state:    ready to kdump"
		echo "outhas /sbin/kexec -p --command-line="
		echo "run 0 /usr/sbin/kdump-config status"
		echo "outhas current state   : ready to kdump"
		echo "run 0 /usr/sbin/kdump-config unload"
		echo "checkfile /sys/kernel/kexec_crash_loaded 0"
		echo "run 0 /usr/sbin/kdump-config status"
		echo "outhas current state   : Not ready to kdump"
		# KDUMP_KERNEL=/boot/vmlinux-<release>: an ELF file.
		echo "run 0 /bin/cp /etc/default/kdump-tools.vmlinux /etc/default/kdump-tools"
		echo "run 0 /usr/sbin/kdump-config load"
		echo "checkfile /sys/kernel/kexec_crash_loaded 1"
		echo "run 0 /usr/sbin/kdump-config show"
		echo "outhas /sbin/kexec -p --args-linux --command-line="
		echo "outhas current state:    ready to kdump"
		echo "run 0 /bin/sh -c \"echo $(kmsg_line) >/dev/kmsg\""
		echo "sysrq c"
		echo "echo the crash returned"
	else
		# Debian's virtio and ext4 modules (debian-userland.sh).
		for m in $(cat "$DEBIAN_DIR/modules"); do echo "insmod $m"; done
		echo "waitfor /dev/vda 30"
		echo "mount /dev/vda /var/crash ext4"
		echo "run 0 /usr/sbin/kdump-config savecore"
		echo "umount /var/crash"
	fi
	echo poweroff
}
# The line written to /dev/kmsg before the crash (lower case: not a marker).
kmsg_line() { echo "kt-last-words-$PLANT"; }

files_debian_kdump() {
	local g=$1 d=$2
	stage_debian "$d"
	kdump_tools_defaults /var/lib/kdump/vmlinuz >"$d/etc/default/kdump-tools"
	if [ "$g" = 1 ]; then
		kdump_tools_defaults "/boot/vmlinux-$KREL" >"$d/etc/default/kdump-tools.vmlinux"
		# Where Debian's packages put them: the kernel in /boot, the
		# kdump initrd (kdump-tools' kernel hook builds it) in
		# /var/lib/kdump; kdump-config load makes the links.
		kt_link "$KDIR/vmlinux" "$d/boot/vmlinux-$KREL"
		mkdir -p "$d/var/lib/kdump"
		ln -s /boot/next.cpio.gz "$d/var/lib/kdump/initrd.img-$KREL"
		# As a previous load left it: with the sysctl overrides
		# unchanged, load keeps that initrd (it would delete it and
		# call mkinitramfs otherwise).
		cp "$d/etc/kdump/sysctl.conf" "$d/var/lib/kdump/latest_sysctls-$KREL"
	else
		mkdir -p "$d/var/crash"
	fi
}

# ------------------------------------------------------------- judging
# mval <gen> <KEY>: value of the first KT-<KEY> marker of that generation.
mval() {
	awk -v g="$1" -v k="KT-$2" '
		$1 == "KT-BOOT" { cur = substr($2, 5) }
		cur == g && $1 == k { sub(/^[^ ]+ ?/, ""); print; exit }' "$MARKERS"
}
has_marker() { grep -q -a -x -- "$1" "$MARKERS"; }

why() { REASON=$*; return 1; }

common_checks() {
	local want=$1 seq f
	f=$(grep -a -m1 '^KT-FAIL' "$MARKERS")
	[ -z "$f" ] || why "guest: ${f#KT-FAIL }" || return 1
	[ "$QRC" != 124 ] && [ "$QRC" != 137 ] || why "timeout after ${C_TIMEOUT}s (boots seen: $(boot_seq))" || return 1
	seq=$(boot_seq)
	[ "$seq" = "$want" ] || why "generations booted: '$seq', expected '$want'; console ended with: $(last_line)" || return 1
}
last_line() { tr -d '\r' <"$LOG" | grep -a -v '^[[:space:]]*$' | tail -n 1 | cut -c1-120; }
boot_seq() { awk '$1 == "KT-BOOT" { printf "%s%s", s, substr($2, 5); s = " " }' "$MARKERS"; }

# Every generation 2..C_GENS came from the previous one's --initrd and
# --reuse-cmdline --append; the last one finished its script.
chain_checks() {
	local n=$1 g prev want got
	local seq="1"
	for ((g = 2; g <= n; g++)); do seq="$seq $g"; done
	common_checks "$seq" || return 1
	[ "$(mval 1 TOKEN)" = "${TOKENS[1]}" ] || why "gen 1 token '$(mval 1 TOKEN)' is not the QEMU initrd's" || return 1
	for ((g = 2; g <= n; g++)); do
		# --reuse-cmdline drops a boot loader's BOOT_IMAGE=.
		prev=$(mval $((g - 1)) CMDLINE | sed -E 's/(^| )BOOT_IMAGE=[^ ]*//; s/^ //')
		want="$prev $(append_words $((g - 1)))"
		got=$(mval $g CMDLINE)
		[ "$got" = "$want" ] || why "gen $g cmdline '$got', expected '$want'" || return 1
		got=$(mval $g TOKEN)
		[ "$got" = "${TOKENS[$g]}" ] || why "gen $g token '$got', expected '${TOKENS[$g]}' (initrd not passed?)" || return 1
		got=$(mval $g KEXEC-LOADED)
		[ "$got" = 0 ] || why "gen $g starts with kexec_loaded=$got" || return 1
		if [ -n "$C_SMP" ]; then
			got=$(mval $g CPUS)
			[ "$got" = "$C_SMP" ] || why "gen $g has $got CPUs online, expected $C_SMP" || return 1
		fi
	done
	awk -v g="$n" '$1 == "KT-BOOT" { cur = substr($2, 5) } cur == g && $1 == "KT-DONE" { f = 1 } END { exit !f }' "$MARKERS" ||
		why "gen $n did not finish its script" || return 1
}

judge_chain() { chain_checks "$C_GENS"; }

judge_failed_load() { chain_checks 2; }

judge_shutdown() {
	chain_checks 2 || return 1
	has_marker "KT-SHUTDOWN -r now" || why "no KT-SHUTDOWN -r now: kexec did not run /sbin/shutdown -r now"
}

judge_reuseinitrd() {
	local want got
	common_checks "1 2" || return 1
	[ "$(mval 1 TOKEN)" = "${TOKENS[1]}" ] || why "gen 1 token '$(mval 1 TOKEN)' is not the QEMU initrd's" || return 1
	got=$(mval 2 TOKEN)
	[ "$got" = "${TOKENS[1]}" ] || why "gen 2 token '$got', expected the first initrd's '${TOKENS[1]}'" || return 1
	want="$(mval 1 CMDLINE) $(append_words 1)"
	got=$(mval 2 CMDLINE)
	[ "$got" = "$want" ] || why "gen 2 cmdline '$got', expected '$want'" || return 1
	awk '$1 == "KT-BOOT" { cur = substr($2, 5) } cur == 2 && $1 == "KT-DONE" { f = 1 } END { exit !f }' "$MARKERS" ||
		why "gen 2 did not finish its script"
}

judge_nolost() {
	chain_checks 2 || return 1
	if [ -n "$C_FS" ]; then
		debugfs -R "cat /kt-data" "$CDIR/disk.img" 2>/dev/null | grep -a -F "$DISK_MAGIC" >/dev/null ||
			why "the file system on the host lacks the file written before kexec -e"
		return
	fi
	head -c 4096 "$CDIR/disk.img" | grep -a -F "$DISK_MAGIC" >/dev/null ||
		why "the disk image on the host lacks the data written before kexec -e"
}

# The capture kernel: booted from the crash with the old line minus
# crashkernel=, plus the appended words and elfcorehdr=; its own initrd;
# held to the crash region; found the first kernel's planted memory in
# /proc/vmcore; and saved a dump whose headers and contents the host can
# read from the disk.
judge_kdump() {
	common_checks "1 2" || return 1
	local want got mem size pat
	want=$(mval 1 CMDLINE | sed -E 's/(^| )crashkernel=[^ ]*//')
	got=$(mval 2 CMDLINE)
	# (kexec-tools as the control writes "elfcorehdr=<n>K", older ones add "savemaxmem=<n>M")
	[[ $got =~ ^"$want kt.gen=2 nr_cpus=1 elfcorehdr=0x"[0-9a-f]+$ ]] ||
	{ [ -n "${KT_KEXEC_CONTROL:-}" ] && [[ $got =~ ^"$want kt.gen=2 nr_cpus=1 elfcorehdr="[0-9]+K(" savemaxmem="[0-9]+M)?$ ]]; } ||
		why "capture kernel cmdline '$got', expected '$want kt.gen=2 nr_cpus=1 elfcorehdr=0x...'" || return 1
	[ "$(mval 2 TOKEN)" = "${TOKENS[2]}" ] || why "capture kernel token '$(mval 2 TOKEN)' (initrd not passed?)" || return 1
	mem=$(mval 2 MEMTOTAL)
	[[ $mem =~ ^[0-9]+$ ]] && [ "$mem" -lt $((KDUMP_MB * 1024)) ] ||
		why "capture kernel MemTotal $mem kB: not held to the ${KDUMP_MB} MiB crash region" || return 1
	grep -a -q '^KT-PASS /proc/vmcore holds the planted pattern' "$MARKERS" ||
		why "no planted pattern in /proc/vmcore" || return 1
	# vmcore-dmesg in the capture kernel: the crashed kernel's log, with
	# the line written to /dev/kmsg and the panic, as timestamped lines.
	has_marker "KT-RUN rc=0 /sbin/vmcore-dmesg /proc/vmcore" || why "vmcore-dmesg failed: $(grep -a -m1 '^KT-OUT' "$MARKERS")" || return 1
	grep -a -q -E "^KT-OUT \[ *[0-9]+\.[0-9]{6}\] $(kmsg_line)\$" "$MARKERS" ||
		why "vmcore-dmesg did not print the line written to /dev/kmsg ('$(kmsg_line)')" || return 1
	grep -a -q -E "^KT-OUT \[ *[0-9]+\.[0-9]{6}\] $PANIC_MSG\$" "$MARKERS" ||
		why "vmcore-dmesg did not print '$PANIC_MSG'" || return 1
	if [ "$C_DISK2" = 1 ]; then
		has_marker "KT-RUN rc=0 /sbin/vmcore-dump --dmesg=/dev/vdb /dev/vda" || why "vmcore-dump failed: $(grep -a -m1 '^KT-OUT' "$MARKERS")" || return 1
		# The log vmcore-dump saved beside the dump, from the second disk.
		tr -d '\0' <"$CDIR/disk2.img" | grep -a -F "] $(kmsg_line)" >/dev/null ||
			why "the log saved by vmcore-dump --dmesg lacks '$(kmsg_line)'" || return 1
		tr -d '\0' <"$CDIR/disk2.img" | grep -a -F "] $PANIC_MSG" >/dev/null ||
			why "the log saved by vmcore-dump --dmesg lacks '$PANIC_MSG'" || return 1
	else
		has_marker "KT-RUN rc=0 /sbin/vmcore-dump /dev/vda" || why "vmcore-dump failed: $(grep -a -m1 '^KT-OUT' "$MARKERS")" || return 1
	fi
	size=$(mval 2 VMCORE-SIZE)
	grep -a -q "saved $size bytes from /proc/vmcore" "$MARKERS" ||
		why "vmcore-dump did not save the $size bytes of /proc/vmcore" || return 1
	# The host's view of the saved dump.
	head -c 4 "$CDIR/disk.img" | grep -a $'^\x7fELF' >/dev/null || why "no ELF dump on the disk" || return 1
	readelf -hW "$CDIR/disk.img" 2>/dev/null | grep 'Type:.*CORE' >/dev/null || why "the dump is not an ELF core" || return 1
	got=$(readelf -lW "$CDIR/disk.img" 2>/dev/null | grep -c '^  NOTE')
	[ "$got" -ge 1 ] || why "the dump has no notes" || return 1
	got=$(readelf -nW "$CDIR/disk.img" 2>/dev/null | grep -c 'NT_PRSTATUS')
	[ "$got" -ge 1 ] || why "the dump has no CPU registers (NT_PRSTATUS)" || return 1
	readelf -nW "$CDIR/disk.img" 2>/dev/null | grep 'VMCOREINFO' >/dev/null || why "the dump has no VMCOREINFO note" || return 1
	# The first 64 KiB (the crash kernel overwrites them; purgatory saved
	# them to the backup segment, which the dump reads): not zeros.
	local off0
	off0=$(readelf -lW "$CDIR/disk.img" 2>/dev/null | awk '$1 == "LOAD" && $4 ~ /^0x0+$/ { print $2; exit }')
	[ -n "$off0" ] || why "the dump has no load of physical address 0" || return 1
	got=$(dd if="$CDIR/disk.img" iflag=skip_bytes,count_bytes skip=$((off0)) count=65536 2>/dev/null | tr -d '\0' | wc -c)
	[ "$got" -gt 4096 ] || why "the dump's first 64 KiB are ${got} non-zero bytes: purgatory did not save them" || return 1
	# The planted memory, where the guest found it in /proc/vmcore.
	local at
	pat="KT-PLANT:$(rev <<<"$PLANT");"
	at=$(sed -n 's/^KT-PASS \/proc\/vmcore holds the planted pattern at \([0-9]*\)$/\1/p' "$MARKERS" | head -n1)
	got=$(dd if="$CDIR/disk.img" iflag=skip_bytes,count_bytes skip="$at" count=${#pat} 2>/dev/null)
	[ "$got" = "$pat" ] || why "the saved dump lacks the planted memory at $at ('$got')" || return 1
}

# The capture kernel: booted from the crash with kdump-config's line (the
# old one minus crashkernel=, plus KDUMP_CMDLINE_APPEND) and elfcorehdr=,
# its own initrd; kdump-config savecore succeeded; on the disk the host
# finds <stamp>/dump.<stamp> (makedumpfile's flattened format holding a
# kdump-compressed dump of the crashed kernel's release) and
# <stamp>/dmesg.<stamp> with the crashed kernel's last lines.
judge_debian_kdump() {
	common_checks "1 2" || return 1
	local want got dir stamp f rel
	want=$(mval 1 CMDLINE | sed -E 's/(^| )crashkernel=[^ ]*//')
	got=$(mval 2 CMDLINE)
	[[ $got =~ ^"$want $DEBIAN_KDUMP_APPEND elfcorehdr=0x"[0-9a-f]+$ ]] ||
		why "capture kernel cmdline '$got', expected '$want $DEBIAN_KDUMP_APPEND elfcorehdr=0x...'" || return 1
	[ "$(mval 2 TOKEN)" = "${TOKENS[2]}" ] || why "capture kernel token '$(mval 2 TOKEN)' (initrd not passed?)" || return 1
	has_marker "KT-RUN rc=0 /usr/sbin/kdump-config savecore" || why "kdump-config savecore failed" || return 1
	# The disk, read with e2fsprogs' debugfs (no mount).
	dir=$CDIR/crash
	rm -rf "$dir"; mkdir -p "$dir"
	debugfs -R "rdump / $dir" "$CDIR/disk.img" >"$CDIR/debugfs.log" 2>&1 ||
		why "debugfs cannot read the disk: $(tail -n 1 "$CDIR/debugfs.log")" || return 1
	stamp=$(cd "$dir" && ls -d 2[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9] 2>/dev/null | head -n 1)
	[ -n "$stamp" ] || why "no <stamp> directory on the disk: $(ls "$dir" | tr '\n' ' ')" || return 1
	f=$dir/$stamp/dump.$stamp
	[ -s "$f" ] || why "no dump.$stamp on the disk (makedumpfile failed?): $(ls "$dir/$stamp" | tr '\n' ' ')" || return 1
	[ "$(head -c 12 "$f")" = makedumpfile ] || why "dump.$stamp is not in makedumpfile's flattened format" || return 1
	# The first data block (after the 4 KiB flat header and a 16-byte
	# block header) is the kdump header: "KDUMP   ", version, utsname.
	[ "$(dd if="$f" bs=1 skip=4112 count=8 2>/dev/null)" = "KDUMP   " ] ||
		why "dump.$stamp holds no kdump-compressed header" || return 1
	rel=$(mval 1 KERNEL)
	dd if="$f" bs=1 skip=4112 count=512 2>/dev/null | tr '\0' '\n' | grep -x -F "$rel" >/dev/null ||
		why "dump.$stamp does not name the crashed kernel's release $rel" || return 1
	f=$dir/$stamp/dmesg.$stamp
	[ -s "$f" ] || why "no dmesg.$stamp on the disk" || return 1
	grep -q -F "$(kmsg_line)" "$f" || why "dmesg.$stamp lacks the line written to /dev/kmsg before the crash" || return 1
	grep -q 'sysrq: Trigger a crash' "$f" || why "dmesg.$stamp lacks the sysrq crash" || return 1
	grep -q 'Kernel panic' "$f" || why "dmesg.$stamp lacks the panic" || return 1
}

# The crash image left by -u (and loaded again after -p -u) is the one the
# panic boots: generation 2 with the crash line and its own initrd.
judge_unload_crash() {
	common_checks "1 2" || return 1
	local want got
	want=$(mval 1 CMDLINE | sed -E 's/(^| )crashkernel=[^ ]*//')
	got=$(mval 2 CMDLINE)
	[[ $got =~ ^"$want kt.gen=2 nr_cpus=1 elfcorehdr=0x"[0-9a-f]+$ ]] ||
		why "capture kernel cmdline '$got', expected '$want kt.gen=2 nr_cpus=1 elfcorehdr=0x...'" || return 1
	[ "$(mval 2 TOKEN)" = "${TOKENS[2]}" ] || why "capture kernel token '$(mval 2 TOKEN)' (initrd not passed?)" || return 1
	awk '$1 == "KT-BOOT" { cur = substr($2, 5) } cur == 2 && $1 == "KT-DONE" { f = 1 } END { exit !f }' "$MARKERS" ||
		why "the capture kernel did not finish its script" || return 1
}

judge_m68k() {
	chain_checks "$C_GENS" || return 1
	# The memory chunk must have been handed on: MemTotal within 2 %.
	local g m1 mg
	m1=$(mval 1 MEMTOTAL)
	for ((g = 2; g <= C_GENS; g++)); do
		mg=$(mval $g MEMTOTAL)
		[[ $mg =~ ^[0-9]+$ ]] && [ $((mg * 100)) -ge $((m1 * 98)) ] && [ $((mg * 100)) -le $((m1 * 102)) ] ||
			why "gen $g MemTotal $mg kB, first kernel had $m1 kB" || return 1
	done
}

judge_badsum() {
	local f
	f=$(grep -a -m1 '^KT-FAIL' "$MARKERS")
	[ -z "$f" ] || why "guest: ${f#KT-FAIL }" || return 1
	has_marker "KT-PASS /sys/kernel/kexec_loaded holds '1'" ||
		why "the load did not succeed" || return 1
	[ "$(boot_seq)" = 1 ] || why "generations booted: '$(boot_seq)'; a corrupt image must not boot" || return 1
	tr -d '\r' <"$LOG" | grep -a 'kexec purgatory: checksum mismatch in segment 0x0*1 ' >/dev/null ||
		why "purgatory did not report the mismatch; console ended with: $(last_line)" || return 1
}

judge_cmdline() {
	common_checks 1 || return 1
	has_marker "KT-RUN rc=0 /sbin/kexec -l /boot/$C_IMAGE --command-line=\"$C_NEWCMD\"" ||
		why "kexec -l of $C_IMAGE did not succeed" || return 1
	# The second kernel: its command line (exactly), no initramfs unpacked,
	# and it got as far as trying to mount a root file system.
	# (Trailing blanks are tolerated: the reference kexec-tools adds one.)
	tr -d '\r' <"$LOG" | sed 's/ *$//' | awk -v s="Kernel command line: ${C_WANTCMD:-$C_NEWCMD}" '
		!seen && length($0) >= length(s) && substr($0, length($0) - length(s) + 1) == s { seen = 1; next }
		seen && /Trying to unpack rootfs|Unpacking initramfs/ { initrd = 1 }
		seen && /VFS: (Unable to mount|Cannot open) root/ { root = 1 }
		END { exit seen ? (initrd ? 3 : (root ? 0 : 4)) : 2 }'
	case $? in
	0) return 0 ;;
	2) why "no second kernel with 'Kernel command line: ${C_WANTCMD:-$C_NEWCMD}'" ;;
	3) why "the second kernel unpacked an initramfs; none was given" ;;
	*) why "the second kernel did not get to mounting root" ;;
	esac
}

# ------------------------------------------------------------- running
run_case() {
	CASE=$1
	local fn=case_${CASE//-/_} g root kexec start
	REASON=
	defaults "$CASE"
	"$fn"
	CDIR=$KT_WORK/$CASE
	LOG=$CDIR/console.log
	MARKERS=$CDIR/markers
	rm -rf "$CDIR"; mkdir -p "$CDIR"
	start=$SECONDS
	# (command substitutions run in subshells: remember the answers here)
	KDIR=$(kt_kernel_dir "${C_KERNEL:-$C_TARGET}") || { REASON="no ${C_KERNEL:-$C_TARGET} kernel (tests/vm/kernels.sh)"; return 1; }
	KT_KDIR[${C_KERNEL:-$C_TARGET}]=$KDIR
	[ -z "${NO_KEXEC[$C_TARGET]:-}" ] || { REASON=${NO_KEXEC[$C_TARGET]}; return 1; }
	kexec=$(kt_kexec_bin "$C_TARGET") || {
		REASON="no kexec binary for $C_TARGET (set KEXEC_$(kt_upper "$C_TARGET"), build log $KT_WORK/build-kexec-$(kt_triplet "$C_TARGET").log)"
		NO_KEXEC[$C_TARGET]=$REASON   # do not retry the build for every case
		return 1; }
	KT_KEXEC[$C_TARGET]=$kexec
	kt_init_bin "$C_TARGET" >/dev/null || { REASON="cannot build init for $C_TARGET"; return 1; }
	if [ -n "$C_PREP" ]; then "$C_PREP" || return 1; fi
	DISK_MAGIC=kt-disk-$(kt_token)
	PLANT=$(kt_token)
	KMSG_TOKEN=$(kt_token)
	TOKENS=()
	for ((g = C_GENS; g >= 1; g--)); do
		root=$CDIR/root$g
		kt_stage "$root" "$C_TARGET"
		TOKENS[$g]=$(kt_token)
		echo "${TOKENS[$g]}" >"$root/token"
		"$C_SCRIPT" "$g" >"$root/kt/gen$g"
		"$C_FILES" "$g" "$root"
		if [ "$g" -lt "$C_GENS" ]; then mv "$CDIR/gen$((g + 1)).cpio.gz" "$root/boot/next.cpio.gz"; fi
		kt_pack "$root" "$CDIR/gen$g.cpio.gz"
		rm -rf "$root"
	done
	local extra=()
	if [ "$C_DISK" = 1 ]; then
		truncate -s "${C_DISK_MB}M" "$CDIR/disk.img"
		extra=(-drive "file=$CDIR/disk.img,format=raw,if=none,id=d0" -device virtio-blk-pci,drive=d0)
	fi
	if [ "$C_DISK2" = 1 ]; then
		truncate -s 1M "$CDIR/disk2.img"
		extra+=(-drive "file=$CDIR/disk2.img,format=raw,if=none,id=d1" -device virtio-blk-pci,drive=d1)
	fi
	KT_SMP=${C_SMP:-1} KT_MEM=$C_MEM kt_qemu_args "$C_MACHINE" "$KDIR/vmlinux" "$CDIR/gen1.cpio.gz" "$C_APPEND" "${extra[@]}"
	[ "$VISIBLE" = 1 ] && kt_note "booting $CASE (limit ${C_TIMEOUT}s): ${QEMU[*]}"
	# KT_TIMEOUT_SCALE stretches every limit on a slow or busy machine.
	C_TIMEOUT=$(awk -v t="$C_TIMEOUT" -v s="${KT_TIMEOUT_SCALE:-1}" 'BEGIN { printf "%d", t * s + 0.5 }')
	kt_boot "$LOG" "$C_TIMEOUT" "$VISIBLE"
	QRC=$?
	kt_markers "$LOG" >"$MARKERS"
	ELAPSED=$((SECONDS - start))
	"$C_JUDGE"
}

declare -A NO_KEXEC
VISIBLE=0
sel=()
while [ $# -gt 0 ]; do
	case $1 in
	-v) VISIBLE=1 ;;
	-l) printf '%s\n' "${ALL_CASES[@]}"; exit 0 ;;
	-h|--help) sed -n '2,22p' "$0"; exit 0 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) sel+=("$1") ;;
	esac
	shift
done

cases=()
if [ ${#sel[@]} = 0 ]; then
	cases=("${ALL_CASES[@]}")
else
	for s in "${sel[@]}"; do
		case $s in ppc64le|ppc64be|powernv|m68k) s="$s-*" ;; esac
		found=0
		for c in "${ALL_CASES[@]}"; do
			# shellcheck disable=SC2053
			if [[ $c == $s ]]; then cases+=("$c"); found=1; fi
		done
		[ $found = 1 ] || { echo "run.sh: no case matches '$s' (try -l)" >&2; exit 2; }
	done
fi

passed=0 failed=0
for c in "${cases[@]}"; do
	if run_case "$c"; then
		echo "PASS $c (${ELAPSED}s)"
		passed=$((passed + 1))
	else
		echo "FAIL $c: $REASON ($LOG)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
