#!/bin/bash
# tests/cross-sysroot.sh ARCH BASE - unpack Debian's development packages of
# libfdt, zlib, liblzma and libzstd for a Debian architecture (ppc64el)
# into the sysroot BASE-KEY, and print the configure flags that use it.
# KEY changes with the package versions the archive offers; the packages
# come through apt with a private state directory (tests/lib/debfetch.sh),
# each version tried newest first, so the system's apt configuration is
# never touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/debfetch.sh"
arch=$1
base=$2
pkgs="libfdt-dev libfdt1 zlib1g-dev zlib1g liblzma-dev liblzma5 libzstd-dev libzstd1"

df_init "$base.apt" "$arch"
df_update
key=$({
	for p in $pkgs; do echo "$p $(df_versions binary "$p" | tr '\n' ' ')"; done
	cat "$0"
} | sha256sum | cut -c1-12)
dir=$base-$key
if [ ! -f "$dir/.complete" ]; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	df_fetch binary "$work/debs" $pkgs >"$work/versions" || exit 1
	mkdir -p "$work/root"
	for d in "$work"/debs/*.deb; do
		dpkg -x "$d" "$work/root"
	done
	cp "$work/versions" "$work/root/versions"
	touch "$work/root/.complete"
	mkdir -p "$(dirname "$dir")"
	rm -rf "$dir"
	mv "$work/root" "$dir"
fi
triplet=$(ls "$dir/usr/lib" | grep -- -linux-gnu | head -n 1)
echo "CPPFLAGS=-I$dir/usr/include LDFLAGS=-L$dir/usr/lib/$triplet"
