#!/bin/bash
# tests/cross-sysroot.sh ARCH DIR - unpack Debian's development packages of
# libfdt, zlib, liblzma and libzstd for a Debian architecture (ppc64el)
# into the sysroot DIR, without touching the system's apt configuration.
# Prints the configure flags that use it.
set -eu
arch=$1
dir=$2
stamp=$dir/.complete
if [ ! -f "$stamp" ]; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	mkdir -p "$work/lists/partial" "$work/debs" "$dir"
	o="-oAPT::Architecture=$arch -oAPT::Architectures=$arch -oDir::State::Lists=$work/lists -oDir::Cache=$work/cache -oDebug::NoLocking=1"
	mkdir -p "$work/cache/archives/partial"
	# A partial update (a mirror's security index out of sync) is fine as
	# long as the packages below can be downloaded.
	apt-get $o update >"$work/update.log" 2>&1 || true
	(cd "$work/debs" && apt-get $o download \
		libfdt-dev libfdt1 zlib1g-dev zlib1g liblzma-dev liblzma5 \
		libzstd-dev libzstd1 >"$work/download.log" 2>&1) ||
		{ cat "$work/update.log" "$work/download.log" >&2; exit 1; }
	for d in "$work"/debs/*.deb; do
		dpkg -x "$d" "$dir"
	done
	touch "$stamp"
fi
triplet=$(ls "$dir/usr/lib" | grep -- -linux-gnu | head -n 1)
echo "CPPFLAGS=-I$dir/usr/include LDFLAGS=-L$dir/usr/lib/$triplet"
