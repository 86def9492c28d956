#!/bin/bash
# tests/vm/debian-userland.sh KDIR - a ppc64el userland unpacked from Debian
# 12's own packages (dpkg -x, nothing rewritten), for the ppc64le-debian-*
# VM cases: Debian's kexec-tools, kdump-tools and makedumpfile with what
# their scripts run (dash as /bin/sh, coreutils, grep, sed, file, ...), plus
# the virtio disk and ext4 modules of the guest kernel in KDIR
# (tests/vm/kernels.sh) so the capture kernel can mount the dump disk.
#
# Prints the cache directory: <dir>/root is the tree to copy over an
# initramfs root, <dir>/modules lists the module files (paths inside the
# root) in load order (from their depends= fields), <dir>/packages the
# package versions.
#
# The packages come through a private apt state (the lists that
# tests/vm/kernels.sh keeps in <cache>/apt-ppc64el; the system's apt
# configuration is never touched).  The entry is keyed by the package
# versions, the kernel release and this script, so a new Debian point
# release or a change here builds a new one; otherwise it is reused.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${KT_CACHE:-$HOME/.cache/kexec-loader}
KDIR=${1:?usage: debian-userland.sh KDIR}
say() { echo "debian-userland.sh: $*" >&2; }
die() { echo "debian-userland.sh: error: $*" >&2; exit 1; }

# What the scripts run (read /etc/init.d/kexec, /etc/init.d/kexec-load,
# /usr/sbin/kdump-config and /lib/lsb/init-functions) and the libraries of
# those programs.  Left out on purpose: bsdutils' logger and procps'
# sysctl (both pull in libsystemd; kdump-config only logs through the one
# and warns without the other) and perl (makedumpfile-R.pl only).
PKGS=(
	kexec-tools kdump-tools makedumpfile
	libc6 libgcc-s1 dash coreutils grep sed mawk findutils diffutils
	debianutils sysvinit-utils file libmagic1 libmagic-mgc bsdextrautils
	libsmartcols1 libtinfo6 libdw1 libelf1 liblzo2-2 zlib1g libbz2-1.0
	liblzma5 libzstd1 libselinux1 libpcre2-8-0 libacl1 libattr1 libgmp10
	util-linux
)
# Of these packages only the files named (kdump-config runs rev; the rest of
# util-linux would pull in libsystemd, libudev, libcap-ng, ...).
declare -A ONLY=([util-linux]="./usr/bin/rev")
# Modules the capture kernel loads: the virtio disk and ext4, with what
# they depend on (all in the kernel's package; built-in ones are skipped);
# ext4 asks the crypto API for crc32c when it mounts, not through depends=.
MODULES="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk crc16 mbcache jbd2 crc32c_generic ext4"

LISTS=$CACHE/apt-ppc64el/lists
APTO=(-oAPT::Architecture=ppc64el -oAPT::Architectures=ppc64el
	-oDir::State::Lists="$LISTS" -oDir::Cache="$CACHE/apt-ppc64el/cache"
	-oDebug::NoLocking=1)
mkdir -p "$LISTS/partial" "$CACHE/apt-ppc64el/cache/archives/partial"
if ! ls "$LISTS"/*_Packages* >/dev/null 2>&1; then
	say "apt-get update (private lists)"
	apt-get -q "${APTO[@]}" update >&2 || say "apt-get update reported errors, trying the lists we have"
fi

# One apt-cache call (each call parses the lists again).
avail=$(apt-cache "${APTO[@]}" show --no-all-versions "${PKGS[@]}" 2>/dev/null |
	awk '/^Package: /{p=$2} /^Version: /{print p "=" $2}')
versions=$(for p in "${PKGS[@]}"; do
	v=$(grep -m1 "^$p=" <<<"$avail") || { echo "no ppc64el package $p in the lists" >&2; exit 1; }
	echo "$v"
done) || die "cannot resolve the packages"
rel=$(cat "$KDIR/release")
key=$( { echo "$versions"; echo "$rel"; cat "$HERE/debian-userland.sh"; } | sha256sum | cut -c1-12)
dir=$CACHE/debian/ppc64el-$key
if [ -f "$dir/.kt-done" ]; then echo "$dir"; exit 0; fi

debs=$CACHE/debian/debs
mkdir -p "$debs"
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp/root"
trap 'rm -rf "$dir.tmp"' EXIT
say "unpacking Debian's ppc64el packages into $dir"
while IFS= read -r pv; do
	# apt names the file <package>_<version, ':' as %3a>_<arch>.deb
	p=${pv%%=*} v=${pv#*=}
	v=${v//:/%3a}
	f=$(ls "$debs/${p}_${v}_ppc64el.deb" "$debs/${p}_${v}_all.deb" 2>/dev/null | head -n 1 || true)
	if [ -z "$f" ]; then
		(cd "$debs" && apt-get -q "${APTO[@]}" download "$pv" >&2) || die "download of $pv failed"
		f=$(ls "$debs/${p}_${v}_ppc64el.deb" "$debs/${p}_${v}_all.deb" 2>/dev/null | head -n 1 || true)
		[ -n "$f" ] || die "$pv: no .deb after the download"
	fi
	if [ -n "${ONLY[$p]:-}" ]; then
		# shellcheck disable=SC2086
		dpkg-deb --fsys-tarfile "$f" | tar -C "$dir.tmp/root" -x ${ONLY[$p]} ||
			die "$p lacks ${ONLY[$p]}"
	else
		dpkg -x "$f" "$dir.tmp/root"
	fi
done <<<"$versions"
r=$dir.tmp/root
# What dpkg's maintainer scripts would have done: /bin/sh is dash, awk is
# mawk (alternatives).
[ -e "$r/bin/sh" ] || ln -s dash "$r/bin/sh"
[ -e "$r/usr/bin/awk" ] || ln -s mawk "$r/usr/bin/awk"
# Documentation, translations and character-set converters: not run.
rm -rf "$r"/usr/share/{doc,man,info,locale,lintian,bug,bash-completion,zsh,i18n} \
	"$r"/usr/lib/powerpc64le-linux-gnu/gconv

# Every shared library an ELF file of the tree needs must be in the tree.
missing=$(find "$r" -type f -perm -u+x -print0 | while IFS= read -r -d '' f; do
	{ readelf -dW "$f" 2>/dev/null || true; } | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | while read -r lib; do
		for d in lib/powerpc64le-linux-gnu usr/lib/powerpc64le-linux-gnu lib64; do
			[ -e "$r/$d/$lib" ] && continue 2
		done
		echo "${f#"$r"} needs $lib"
	done
done)
[ -z "$missing" ] || die "libraries missing from the package list: $missing"

# The modules of the guest kernel, in an order that loads.
kdeb=$(ls "$CACHE/debs/linux-image-${rel}_"*"_ppc64el.deb" 2>/dev/null | head -n 1 || true)
[ -n "$kdeb" ] || die "no linux-image-$rel deb in $CACHE/debs (run tests/vm/kernels.sh ppc64le)"
pats=()
for m in $MODULES; do pats+=("*/$m.ko*"); done
dpkg-deb --fsys-tarfile "$kdeb" | tar -C "$r" -x --wildcards "${pats[@]}" 2>/dev/null || true
declare -A KO
for m in $MODULES; do
	f=$(cd "$r" && find lib/modules -name "$m.ko*" | head -n 1)
	[ -n "$f" ] || continue        # built into the kernel
	case $f in
	*.ko.xz) xz -d "$r/$f"; f=${f%.xz} ;;
	*.ko.zst) zstd -q -d --rm "$r/$f"; f=${f%.zst} ;;
	esac
	KO[$m]=/$f
done
order=()
add_module() {
	local m=$1 dep x
	for x in "${order[@]}"; do [ "$x" = "$m" ] && return 0; done
	[ -n "${KO[$m]:-}" ] || die "module $m (needed) is not in $kdeb's list here: add it to MODULES"
	for dep in $(tr '\0' '\n' <"$r${KO[$m]}" | sed -n 's/^depends=//p' | tr ',' ' '); do
		add_module "$dep"
	done
	order+=("$m")
}
for m in $MODULES; do [ -z "${KO[$m]:-}" ] || add_module "$m"; done
for m in "${order[@]}"; do echo "${KO[$m]}"; done >"$dir.tmp/modules"
echo "$versions" >"$dir.tmp/packages"
touch "$dir.tmp/.kt-done"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
trap - EXIT
say "done: $(du -sh "$dir/root" | cut -f1) in $dir"
echo "$dir"
