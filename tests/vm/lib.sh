# Shared helpers for tests/vm/run.sh, capture.sh and demo.sh (sourced).
#
# Environment:
#   KT_CACHE      kernel cache (default ~/.cache/kexec-loader), see kernels.sh
#   KT_WORK       scratch and logs (default ${TMPDIR:-/tmp}/kexec-loader-vm)
#   KEXEC_PPC64LE, KEXEC_PPC64, KEXEC_M68K
#                 static kexec binaries; unset: built from the repo top with
#                 ./configure --host=<triplet> --enable-static in build-<triplet>/
#   KT_EXTRA_PPC64LE, KT_EXTRA_PPC64, KT_EXTRA_M68K
#                 optional directory copied over every initramfs root of that
#                 target (e.g. shared libraries for a dynamic binary)

KT_VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KT_REPO=$(cd "$KT_VM_DIR/../.." && pwd)
KT_WORK=${KT_WORK:-${TMPDIR:-/tmp}/kexec-loader-vm}
mkdir -p "$KT_WORK"

kt_note() { echo "[vm] $*" >&2; }

kt_triplet() {
	case $1 in
	ppc64le) echo powerpc64le-linux-gnu ;;
	ppc64) echo powerpc64-linux-gnu ;;
	m68k) echo m68k-linux-gnu ;;
	*) return 1 ;;
	esac
}

kt_upper() { echo "$1" | tr a-z- A-Z_; }

# kt_kernel_dir <target>: prepare (or find cached) kernel, print its dir.
declare -A KT_KDIR
kt_kernel_dir() {
	local t=$1 v
	if [ -z "${KT_KDIR[$t]:-}" ]; then
		v=$("$KT_VM_DIR/kernels.sh" --print "$t" 2> >(grep -v ': cached ' >&2)) || return 1
		eval "$v"
		v=KT_KDIR_$(kt_upper "$t")
		KT_KDIR[$t]=${!v}
	fi
	echo "${KT_KDIR[$t]}"
}

# kt_init_bin <target>: the static init, rebuilt when init.c changes.
kt_init_bin() {
	local t=$1 tri out
	tri=$(kt_triplet "$t")
	out=$KT_WORK/bin/init-$tri
	mkdir -p "$KT_WORK/bin"
	if [ ! -x "$out" ] || [ "$KT_VM_DIR/init.c" -nt "$out" ]; then
		"$tri-gcc" -static -Os -Wall -Wextra -o "$out.tmp" "$KT_VM_DIR/init.c" >&2 &&
			"$tri-strip" "$out.tmp" && mv "$out.tmp" "$out" || {
			kt_note "cannot build init for $t"; return 1; }
	fi
	echo "$out"
}

# kt_kexec_bin <target>: path of the static kexec binary for the target.
declare -A KT_KEXEC
kt_kexec_bin() {
	local t=$1 tri var b bdir log
	if [ -n "${KT_KEXEC[$t]:-}" ]; then echo "${KT_KEXEC[$t]}"; return; fi
	var=KEXEC_$(kt_upper "$t")
	if [ -n "${!var:-}" ]; then
		[ -x "${!var}" ] || { kt_note "$var=${!var} is not an executable"; return 1; }
		KT_KEXEC[$t]=${!var}
		echo "${!var}"; return
	fi
	tri=$(kt_triplet "$t")
	bdir=$KT_REPO/build-$tri
	log=$KT_WORK/build-kexec-$tri.log
	if [ ! -f "$KT_REPO/configure" ]; then
		if [ -f "$KT_REPO/configure.ac" ]; then
			kt_note "no ./configure yet; running autoreconf -fi in $KT_REPO"
			(cd "$KT_REPO" && autoreconf -fi) >"$log" 2>&1 || {
				kt_note "autoreconf failed, see $log"; return 1; }
		else
			kt_note "no configure script in $KT_REPO: set $var to a static kexec binary"
			return 1
		fi
	fi
	if [ ! -f "$bdir/Makefile" ] || [ "$KT_REPO/configure" -nt "$bdir/Makefile" ] ||
	   { [ -f "$KT_REPO/Makefile.in" ] && [ "$KT_REPO/Makefile.in" -nt "$bdir/Makefile" ]; }; then
		# A new configure or Makefile.in: start from an empty build tree, so
		# no stale object or stamp of the old rules survives.
		rm -rf "$bdir"
		mkdir -p "$bdir"
		kt_note "configuring kexec for $tri in $bdir"
		(cd "$bdir" && "$KT_REPO/configure" --host="$tri" --enable-static) >>"$log" 2>&1 || {
			kt_note "configure for $tri failed, see $log"; return 1; }
	fi
	kt_note "building kexec for $tri"
	make -C "$bdir" -j"$(nproc)" >>"$log" 2>&1 || {
		kt_note "make for $tri failed, see $log"; return 1; }
	b=$(find "$bdir" -type f -name kexec -perm -u+x | head -1)
	if [ -z "$b" ]; then
		# A Makefile whose first rule is not "all" builds nothing by default.
		make -C "$bdir" -j"$(nproc)" all >>"$log" 2>&1 || {
			kt_note "make all for $tri failed, see $log"; return 1; }
		b=$(find "$bdir" -type f -name kexec -perm -u+x | head -1)
	fi
	[ -n "$b" ] || { kt_note "no kexec binary found under $bdir"; return 1; }
	if ! file -L "$b" | grep -q 'statically linked\|static-pie'; then
		kt_note "$b is not statically linked"; return 1
	fi
	KT_KEXEC[$t]=$b
	echo "$b"
}

kt_token() { od -An -N8 -tx8 /dev/urandom | tr -d ' \n'; }

# kt_stage <dir> <target>: fresh initramfs root with init and kexec.
kt_stage() {
	local d=$1 t=$2 var
	rm -rf "$d"
	mkdir -p "$d"/{sbin,boot,kt,dev,proc,sys,tmp,lib/modules}
	cp "$(kt_init_bin "$t")" "$d/init"
	if [ -n "${KT_KEXEC[$t]:-}" ]; then
		cp "${KT_KEXEC[$t]}" "$d/sbin/kexec"
		# vmcore-dump and vmcore-dmesg of the same build, for the
		# capture kernel.
		for var in vmcore-dump vmcore-dmesg; do
			var=$(dirname "$(dirname "${KT_KEXEC[$t]}")")/kdump/$var
			if [ -x "$var" ]; then cp "$var" "$d/sbin/"; fi
		done
	fi
	var=KT_EXTRA_$(kt_upper "$t")
	if [ -n "${!var:-}" ]; then cp -a "${!var}/." "$d/"; fi
}

# kt_pack <dir> <out.cpio.gz>
kt_pack() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$2"
}

# kt_qemu_args <machine> <kernel> <initrd> <append> [extra...]
# Machines: pseries (LE or BE kernel), powernv9, m68k-virt.  Memory and CPUs
# come from KT_MEM / KT_SMP when set.
kt_qemu_args() {
	local m=$1 k=$2 i=$3 a=$4
	shift 4
	case $m in
	pseries)
		QEMU=(qemu-system-ppc64
			-M pseries,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off
			-cpu POWER9 -m "${KT_MEM:-2G}" -smp "${KT_SMP:-2}") ;;
	powernv9)
		QEMU=(qemu-system-ppc64 -M powernv9 -m "${KT_MEM:-2G}" -smp "${KT_SMP:-2}") ;;
	m68k-virt)
		QEMU=(qemu-system-m68k -M virt -m "${KT_MEM:-256M}") ;;
	*) kt_note "unknown machine $m"; return 1 ;;
	esac
	# No display and no network card: their option ROMs (seabios,
	# ipxe-qemu, only Recommends of the emulators) are never needed.
	QEMU+=(-vga none -nic none -nographic -no-reboot -kernel "$k" -append "$a")
	[ -z "$i" ] || QEMU+=(-initrd "$i")
	QEMU+=("$@")
}

# kt_boot <log> <timeout-secs> <visible 0|1>: run "${QEMU[@]}" with a hard
# timeout, console to <log> (and the terminal when visible).  Returns QEMU's
# status, 124 on timeout.
kt_boot() {
	local log=$1 secs=$2 vis=$3 rc
	printf '%q ' "${QEMU[@]}" >"${log%.log}.cmd"
	echo >>"${log%.log}.cmd"
	if [ "$vis" = 1 ]; then
		timeout -k 5 "$secs" "${QEMU[@]}" </dev/null 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
	else
		timeout -k 5 "$secs" "${QEMU[@]}" </dev/null >"$log" 2>&1
		rc=$?
	fi
	return $rc
}

# Marker lines of a console log, carriage returns removed.
kt_markers() { tr -d '\r' <"$1" | grep -a -o 'KT-[A-Z0-9-]*\( .*\)\?$'; }
