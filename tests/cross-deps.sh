#!/bin/bash
# tests/cross-deps.sh TRIPLET BASE - build static zlib, liblzma and libzstd
# for a target Debian has no packages for (powerpc64-linux-gnu,
# m68k-linux-gnu) from Debian's own source packages, into the prefix
# BASE-KEY, and print the configure flags that use it.
#
# KEY changes with the source versions the archive offers, this script and
# the compiler, so a new version is a new entry and never a stale hit.  The
# sources come through apt with a private state directory (BASE.apt) and the
# system's own archives (tests/lib/debfetch.sh): each version is tried newest
# first, and apt checks what it downloads against the signed index.
#
# Only the static libraries are built (no programs, no shared objects);
# the unit tests compress their test data with them, so the encoders stay.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/debfetch.sh"
triplet=$1
base=$2
jobs=${JOBS:-$(nproc)}
pkgs="zlib xz-utils libzstd"

df_init "$base.apt"
df_update
key=$({
	for p in $pkgs; do echo "$p $(df_versions source "$p" | tr '\n' ' ')"; done
	cat "$0"; "$triplet-gcc" --version | head -n 1
} | sha256sum | cut -c1-12)
dir=$base-$key

if [ ! -f "$dir/.complete" ]; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	df_fetch source "$work/src" $pkgs >"$work/versions" || exit 1
	log=$dir.log
	mkdir -p "$(dirname "$dir")"
	: >"$log"
	stage=$work/stage
	cd "$work/src"
	orig() { ls "$1"_*.orig.tar.* | grep -v '\.asc$' | head -n 1; }

	# zlib: its own configure; CHOST picks the cross tools.
	mkdir z && tar -xf "$(orig zlib)" -C z --strip-components=1
	(cd z && CHOST=$triplet CFLAGS="-O2 -fPIC" ./configure --static \
		--prefix="$dir" && make -j"$jobs" libz.a &&
		make install DESTDIR="$stage") \
		>>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }

	# liblzma: the release tarball's configure, the library alone.
	mkdir x && tar -xf "$(orig xz-utils)" -C x --strip-components=1
	(cd x && ./configure --host="$triplet" --prefix="$dir" \
		--disable-shared --enable-static \
		--disable-xz --disable-xzdec --disable-lzmadec \
		--disable-lzmainfo --disable-lzma-links --disable-scripts \
		--disable-doc --disable-nls --disable-threads &&
		make -j"$jobs" -C src/liblzma &&
		make -C src/liblzma install DESTDIR="$stage") \
		>>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }

	# libzstd: its Makefile, the static library alone.
	mkdir s && tar -xf "$(orig libzstd)" -C s --strip-components=1
	(cd s/lib && make -j"$jobs" CC="$triplet-gcc" AR="$triplet-ar" \
		ZSTD_LIB_DICTBUILDER=0 ZSTD_LIB_DEPRECATED=0 \
		ZSTD_LEGACY_SUPPORT=0 ZSTD_MULTITHREAD_SUPPORT=0 \
		CFLAGS="-O2" libzstd.a &&
		mkdir -p "$stage$dir/include" "$stage$dir/lib" &&
		cp zstd.h zstd_errors.h zdict.h "$stage$dir/include/" &&
		cp libzstd.a "$stage$dir/lib/") \
		>>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
	cp "$work/versions" "$stage$dir/versions"
	touch "$stage$dir/.complete"
	# A finished build appears at once, never half-made.
	rm -rf "$dir"
	mv "$stage$dir" "$dir"
fi
echo "CPPFLAGS=-I$dir/include LDFLAGS=-L$dir/lib"
