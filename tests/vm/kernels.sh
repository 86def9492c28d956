#!/bin/bash
# Prepare the guest kernels for the VM tests into a cache directory.
#
#   tests/vm/kernels.sh [--print] [ppc64le] [ppc64] [ppc64kf] [m68k]
#
# With no target names all of them are prepared (ppc64kf: the BE kernel
# with kexec_file_load as well).  Everything lands in
# ${KT_CACHE:-$HOME/.cache/kexec-loader}/kernels/<target>-<key>/ where <key>
# changes whenever the kernel source version, the config fragment or the
# compiler changes, so a second run only checks that the files are there.
#
# --print writes shell assignments (KT_KDIR_PPC64LE=..., KT_KDIR_PPC64=...,
# KT_KDIR_M68K=...) on stdout for the harness to eval; progress goes to stderr.
#
# Long builds write their log to <cache>/logs/<target>-<key>.log.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${KT_CACHE:-$HOME/.cache/kexec-loader}
SRC_TARBALL=${KT_LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
SRC_TREE=${KT_LINUX_SRC:-}
JOBS=${KT_JOBS:-$(nproc)}

print=0
targets=()
for a in "$@"; do
	case $a in
	--print) print=1 ;;
	ppc64le|ppc64|ppc64kf|m68k) targets+=("$a") ;;
	-h|--help) sed -n '2,14p' "$0"; exit 0 ;;
	*) echo "kernels.sh: unknown argument '$a'" >&2; exit 2 ;;
	esac
done
[ ${#targets[@]} -gt 0 ] || targets=(ppc64le ppc64 ppc64kf m68k)

mkdir -p "$CACHE/kernels" "$CACHE/logs" "$CACHE/debs"
say() { echo "kernels.sh: $*" >&2; }
die() { echo "kernels.sh: error: $*" >&2; exit 1; }

short_hash() { sha256sum | cut -c1-12; }

# ---------------------------------------------------------------- sources
# A kernel source tree to build from with O=: an already unpacked one
# (KT_LINUX_SRC, or /work/src/linux-source-6.1 when it matches the tarball's
# version), else the tarball unpacked once into the cache.
src_tree() {
	if [ -n "$SRC_TREE" ]; then echo "$SRC_TREE"; return; fi
	# A clean unpacked tree of the same version saves the unpacking.
	local u=/work/src/linux-source-6.1
	if [ -f "$u/Makefile" ] && [ ! -e "$u/.config" ] && [ ! -e "$u/include/config" ] &&
	   [ "$(make -s -C "$u" kernelversion 2>/dev/null)" = "$(tarball_version)" ]; then
		echo "$u"; return
	fi
	local t=$CACHE/src/linux-source-6.1
	if [ ! -f "$t/.kt-unpacked" ]; then
		[ -f "$SRC_TARBALL" ] || die "no kernel source: $SRC_TARBALL (apt-get install linux-source-6.1)"
		say "unpacking $SRC_TARBALL into $CACHE/src"
		rm -rf "$t"; mkdir -p "$CACHE/src"
		tar -C "$CACHE/src" -xf "$SRC_TARBALL"
		touch "$t/.kt-unpacked"
	fi
	echo "$t"
}

tarball_version() {
	local f
	f=$CACHE/src/version-$(src_version)
	if [ ! -s "$f" ]; then
		mkdir -p "$CACHE/src"
		tar -xOf "$SRC_TARBALL" linux-source-6.1/Makefile 2>/dev/null |
			awk '/^VERSION =/{v=$3} /^PATCHLEVEL =/{p=$3} /^SUBLEVEL =/{s=$3} END{print v"."p"."s}' >"$f"
	fi
	cat "$f"
}

src_version() {
	# The tarball's identity: size and mtime are enough to notice a new
	# linux-source package; the Makefile gives the readable version.
	local id
	id=$(stat -c '%s-%Y' "$SRC_TARBALL" 2>/dev/null || echo none)
	echo "$id"
}

# ---------------------------------------------------------------- builds
# build_kernel <target> <ARCH> <CROSS> <base-config-target> <fragment>...
build_kernel() {
	local tgt=$1 arch=$2 cross=$3 base=$4
	shift 4
	local frags=("$@")
	local key dir log src ver
	ver=$(src_version)
	key=$( { echo "$ver"; cat "${frags[@]}"; echo "$base"; "${cross}gcc" --version | head -1; } | short_hash)
	dir=$CACHE/kernels/$tgt-$key
	log=$CACHE/logs/$tgt-$key.log
	if [ -f "$dir/vmlinux" ] && [ -f "$dir/.kt-done" ]; then
		say "$tgt: cached $dir"
		echo "$dir"; return
	fi
	src=$(src_tree)
	local obj=$CACHE/build/$tgt-$key
	rm -rf "$dir"
	mkdir -p "$obj"
	# Only a finished build creates $dir, so a failed one leaves no husk.
	trap 'rm -rf "$dir.tmp"' EXIT
	say "$tgt: building (log $log), a few minutes"
	{
		set -x
		make -C "$src" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" "$base"
		"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "${frags[@]}"
		make -C "$src" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" olddefconfig
		set +x
	} >"$log" 2>&1 || die "$tgt: configuring failed, see $log"
	# Every option the fragment asks for must have survived olddefconfig.
	local bad=0 line opt want
	while IFS= read -r line; do
		case $line in CONFIG_*=*) ;; *) continue ;; esac
		opt=${line%%=*}; want=${line#*=}
		if ! grep -qx "$opt=$want" "$obj/.config"; then
			say "$tgt: $opt=$want did not stick ($(grep -E "^$opt=|# $opt is" "$obj/.config" || echo unset))"
			bad=1
		fi
	done < <(cat "${frags[@]}")
	[ $bad = 0 ] || die "$tgt: config fragment not satisfied, see $obj/.config"
	make -C "$src" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" -j"$JOBS" vmlinux >>"$log" 2>&1 \
		|| die "$tgt: build failed, see $log"
	rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
	cp "$obj/vmlinux" "$dir.tmp/vmlinux"
	cp "$obj/.config" "$dir.tmp/config"
	make -s -C "$src" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" kernelrelease >"$dir.tmp/release" 2>/dev/null || true
	touch "$dir.tmp/.kt-done"
	mv "$dir.tmp" "$dir"
	trap - EXIT
	say "$tgt: done $dir"
	echo "$dir"
}

prep_ppc64() {
	build_kernel ppc64 powerpc powerpc64-linux-gnu- tinyconfig "$HERE/configs/ppc64-be.config"
}

prep_ppc64kf() {
	build_kernel ppc64kf powerpc powerpc64-linux-gnu- tinyconfig \
		"$HERE/configs/ppc64-be.config" "$HERE/configs/ppc64-kexec-file.config"
}

prep_m68k() {
	build_kernel m68k m68k m68k-linux-gnu- virt_defconfig "$HERE/configs/m68k-virt.config"
}

# ---------------------------------------------------------------- ppc64le
# Debian's own kernel; fetched with a private apt state directory so the
# system's apt configuration is never touched (tests/lib/debfetch.sh).
. "$HERE/../lib/debfetch.sh"

# Modules the tests need from Debian's kernel, in load order: virtio-blk
# (virtio_ring first: in Debian's 6.1.192 virtio.ko needs virtio_ring's
# virtio_break_device) and ext4 for ppc64le-nolost-fs.  Only the ones
# that are modules in the deb's config are copied; built-in ones are skipped.
LE_MODULES="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk crc16 mbcache jbd2 crc32c_generic ext4"

prep_ppc64le() {
	df_init "$CACHE/apt-ppc64el" ppc64el
	local stamp=$CACHE/apt-ppc64el/updated
	# Refresh the package lists at most once a day.
	if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
		say "ppc64le: apt-get update (private lists)"
		df_update
		touch "$stamp"
	fi
	# The newest kernel the metapackage points at whose package can be
	# downloaded; an older metapackage version is the fallback.
	local meta pkg pver deb
	for meta in $(df_versions binary linux-image-powerpc64le); do
		pkg=$(apt-cache "${DF_OPTS[@]}" show "linux-image-powerpc64le=$meta" 2>/dev/null \
			| sed -n 's/^Depends: .*\(linux-image-[0-9][^ ,]*-powerpc64le\).*/\1/p' | head -1)
		[ -n "$pkg" ] || continue
		deb=$(ls "$CACHE/debs/${pkg}_"*_ppc64el.deb 2>/dev/null | head -1)
		if [ -n "$deb" ]; then
			pver=$(dpkg-deb -f "$deb" Version)
			break
		fi
		say "ppc64le: downloading $pkg"
		pver=$(df_fetch binary "$CACHE/debs" "$pkg") || continue
		pver=${pver#* }
		break
	done
	[ -n "${pver:-}" ] || die "no linux-image-powerpc64le kernel could be downloaded (see $CACHE/apt-ppc64el/fetch.log)"
	# The key also covers what this script extracts, so changing the module
	# list or the compressed copies invalidates the entry.
	local key
	key=$(sed -n '/^LE_MODULES=/p;/^prep_ppc64le()/,/^}/p' "$0" | short_hash)
	local dir=$CACHE/kernels/ppc64le-${pkg#linux-image-}-$pver-$key
	if [ -f "$dir/.kt-done" ]; then
		say "ppc64le: cached $dir"
		echo "$dir"; return
	fi
	rm -rf "$dir"; mkdir -p "$dir"
	deb=$(ls "$CACHE/debs/${pkg}_"*_ppc64el.deb | head -1)
	local x=$dir/x
	dpkg -x "$deb" "$x"
	local rel=${pkg#linux-image-}
	cp "$x/boot/vmlinux-$rel" "$dir/vmlinux"
	cp "$x/boot/config-$rel" "$dir/config"
	echo "$rel" >"$dir/release"
	mkdir -p "$dir/modules"
	local m cfg f
	: >"$dir/modules/order"
	for m in $LE_MODULES; do
		cfg=CONFIG_$(echo "$m" | tr a-z A-Z)
		case $m in virtio_ring) cfg=CONFIG_VIRTIO ;; virtio_pci_modern_dev) cfg=CONFIG_VIRTIO_PCI_LIB ;; virtio_pci_legacy_dev) cfg=CONFIG_VIRTIO_PCI_LIB_LEGACY ;;
		mbcache) cfg=CONFIG_FS_MBCACHE ;; crc32c_generic) cfg=CONFIG_CRYPTO_CRC32C ;; ext4) cfg=CONFIG_EXT4_FS ;; esac
		if grep -qx "$cfg=m" "$dir/config"; then
			f=$(find "$x/lib/modules" -name "$m.ko*" | head -1)
			[ -n "$f" ] || die "ppc64le: module $m ($cfg=m) not in the deb"
			case $f in
			*.ko.xz) xz -dc "$f" >"$dir/modules/$m.ko" ;;
			*.ko.zst) zstd -qdc "$f" >"$dir/modules/$m.ko" ;;
			*.ko.gz) gzip -dc "$f" >"$dir/modules/$m.ko" ;;
			*) cp "$f" "$dir/modules/$m.ko" ;;
			esac
			echo "$m" >>"$dir/modules/order"
		fi
	done
	rm -rf "$x"
	# Compressed copies for the compressed-kernel cases.
	gzip -9nc "$dir/vmlinux" >"$dir/vmlinux.gz"
	xz -T1 --check=crc32 -c "$dir/vmlinux" >"$dir/vmlinux.xz"
	zstd -q -12 -T0 -c "$dir/vmlinux" >"$dir/vmlinux.zst"
	touch "$dir/.kt-done"
	say "ppc64le: done $dir"
	echo "$dir"
}

declare -A out
for t in "${targets[@]}"; do
	out[$t]=$("prep_$t")
done
if [ $print = 1 ]; then
	for t in "${targets[@]}"; do
		v=KT_KDIR_$(echo "$t" | tr a-z A-Z)
		printf '%s=%q\n' "$v" "${out[$t]}"
	done
fi
