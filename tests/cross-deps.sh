#!/bin/bash
# tests/cross-deps.sh TRIPLET DIR - build static zlib, liblzma and libzstd
# for a target Debian has no packages for (powerpc64-linux-gnu,
# m68k-linux-gnu) from Debian's own source packages, into the prefix DIR.
# The sources come through apt with a private state directory and a
# deb-src list derived from the system's own, so the system's apt
# configuration is never touched.  Prints the configure flags that use DIR.
#
# Only the static libraries are built (no programs, no shared objects);
# the unit tests compress their test data with them, so the encoders stay.
set -eu
triplet=$1
dir=$2
stamp=$dir/.complete
jobs=${JOBS:-$(nproc)}
pkgs="zlib xz-utils libzstd"

if [ ! -f "$stamp" ]; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	mkdir -p "$work/lists/partial" "$work/cache/archives/partial" \
		"$work/etc" "$work/src" "$dir"
	# deb-src entries for the same archives as the system's deb ones.
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		sed 's/^Types:.*/Types: deb-src/' "$f" >"$work/etc/$(basename "$f")"
	done
	if [ -f /etc/apt/sources.list ]; then
		sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list \
			>"$work/etc/system.list"
	fi
	o="-oDir::Etc::SourceList=/dev/null -oDir::Etc::SourceParts=$work/etc"
	o="$o -oDir::State::Lists=$work/lists -oDir::Cache=$work/cache"
	o="$o -oDebug::NoLocking=1 -oAPT::Sandbox::User=root"
	apt-get $o update >"$work/update.log" 2>&1 || true
	(cd "$work/src" && apt-get $o source --download-only $pkgs \
		>"$work/source.log" 2>&1) ||
		{ cat "$work/update.log" "$work/source.log" >&2; exit 1; }
	log=$dir.log
	: >"$log"
	cd "$work/src"
	orig() { ls "$1"_*.orig.tar.* | grep -v '\.asc$' | head -n 1; }

	# zlib: its own configure; CHOST picks the cross tools.
	mkdir z && tar -xf "$(orig zlib)" -C z --strip-components=1
	(cd z && CHOST=$triplet CFLAGS="-O2 -fPIC" ./configure --static \
		--prefix="$dir" && make -j"$jobs" libz.a && make install) \
		>>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }

	# liblzma: the release tarball's configure, the library alone.
	mkdir x && tar -xf "$(orig xz-utils)" -C x --strip-components=1
	(cd x && ./configure --host="$triplet" --prefix="$dir" \
		--disable-shared --enable-static \
		--disable-xz --disable-xzdec --disable-lzmadec \
		--disable-lzmainfo --disable-lzma-links --disable-scripts \
		--disable-doc --disable-nls --disable-threads &&
		make -j"$jobs" -C src/liblzma && make -C src/liblzma install) \
		>>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }

	# libzstd: its Makefile, the static library alone.
	mkdir s && tar -xf "$(orig libzstd)" -C s --strip-components=1
	(cd s/lib && make -j"$jobs" CC="$triplet-gcc" AR="$triplet-ar" \
		ZSTD_LIB_DICTBUILDER=0 ZSTD_LIB_DEPRECATED=0 \
		ZSTD_LEGACY_SUPPORT=0 ZSTD_MULTITHREAD_SUPPORT=0 \
		CFLAGS="-O2" libzstd.a &&
		mkdir -p "$dir/include" "$dir/lib" &&
		cp zstd.h zstd_errors.h zdict.h "$dir/include/" &&
		cp libzstd.a "$dir/lib/") \
		>>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
	touch "$stamp"
fi
echo "CPPFLAGS=-I$dir/include LDFLAGS=-L$dir/lib"
