#!/bin/bash
# tests/bench/kexec-tools.sh TARGET - build kexec-tools, static, for a guest
# (TARGET: ppc64le, ppc64 or m68k) from Debian's own source package, the
# reference the benchmarks compare this loader with.  Prints the path of
# the binary.
#
# The source comes through apt with a private state directory and a
# deb-src list derived from the system's own (as tests/cross-deps.sh does),
# so the system's apt configuration is never touched.  Every version the
# archive offers is tried, newest first, because a mirror sometimes lists
# a source it then answers 404 for.  zlib and liblzma are linked only when
# the cross compiler (or this project's cached sysroot) has their static
# libraries; the benchmarks load uncompressed images, so neither matters
# for the figures.
#
# The binary is cached in KX_CACHE/kexec-tools/VERSION-TARGET/kexec
# (KX_CACHE defaults to ~/.cache/kexec-loader; VERSION without its
# epoch); it is built in a
# temporary directory and renamed into place when complete.  Nothing of
# kexec-tools is ever written into this repository.
set -eu
target=${1:?usage: tests/bench/kexec-tools.sh ppc64le|ppc64|m68k}
cache=${KX_CACHE:-$HOME/.cache/kexec-loader}
jobs=${JOBS:-$(nproc)}
case $target in
ppc64le) tri=powerpc64le-linux-gnu; sysroot=$cache/sysroot-ppc64el/usr ;;
ppc64)   tri=powerpc64-linux-gnu;   sysroot=$cache/deps-$tri ;;
m68k)    tri=m68k-linux-gnu;        sysroot=$cache/deps-$tri ;;
*) echo "tests/bench/kexec-tools.sh: unknown target $target" >&2; exit 2 ;;
esac
cc=$tri-gcc
command -v "$cc" >/dev/null ||
	{ echo "tests/bench/kexec-tools.sh: no cross compiler $cc" >&2; exit 1; }

# A binary already built for any version is reused.
for k in "$cache"/kexec-tools/*-"$target"/kexec; do
	[ -x "$k" ] || continue
	echo "$k"
	exit 0
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" \
	"$work/etc" "$cache/kexec-tools"
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
versions=$(apt-cache $o showsrc kexec-tools 2>/dev/null |
	sed -n 's/^Version: //p' | sort -u | sort -r -V)
[ -n "$versions" ] || { cat "$work/update.log" >&2
	echo "tests/bench/kexec-tools.sh: the archive offers no kexec-tools source" >&2
	exit 1; }

ver=
for v in $versions; do
	rm -rf "$work/src"
	mkdir "$work/src"
	if (cd "$work/src" && apt-get $o source "kexec-tools=$v") \
		>"$work/source.log" 2>&1; then
		ver=$v
		break
	fi
	echo "tests/bench/kexec-tools.sh: kexec-tools $v: download failed, trying an older version" >&2
done
[ -n "$ver" ] || { cat "$work/source.log" >&2
	echo "tests/bench/kexec-tools.sh: no kexec-tools source could be downloaded" >&2
	exit 1; }
srcdir=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'kexec-tools*' | head -n 1)
[ -n "$srcdir" ] || { cat "$work/source.log" >&2; exit 1; }

# A static library is usable if the compiler finds it, or it is in the
# project's cached sysroot for this target.
cppflags= ldflags=
have_static() {
	local p
	p=$("$cc" -print-file-name="$1")
	[ "$p" != "$1" ] && [ -f "$p" ] && return 0
	for p in "$sysroot/lib/$1" "$sysroot/lib/$tri/$1"; do
		if [ -f "$p" ]; then
			cppflags="-I$sysroot/include"
			ldflags="$ldflags -L$(dirname "$p")"
			return 0
		fi
	done
	return 1
}
with=()
have_static libz.a || with+=(--without-zlib)
have_static liblzma.a || with+=(--without-lzma)

log=$work/build.log
(cd "$srcdir" &&
	{ [ -x configure ] || ./bootstrap; } &&
	./configure --host="$tri" --without-xen "${with[@]}" \
		CC="$cc" CPPFLAGS="$cppflags" LDFLAGS="-static $ldflags" &&
	make -j"$jobs" build/sbin/kexec) >"$log" 2>&1 ||
	{ tail -n 40 "$log" >&2
	  echo "tests/bench/kexec-tools.sh: building kexec-tools $ver for $target failed" >&2
	  exit 1; }

dest=$cache/kexec-tools/${ver#*:}-$target
tmp=$(mktemp -d "$cache/kexec-tools/.build-XXXXXX")
cp "$srcdir/build/sbin/kexec" "$tmp/kexec"
{ echo "kexec-tools $ver (Debian source package), static, $tri"
  echo "configure: --host=$tri --without-xen ${with[*]}"; } >"$tmp/BUILD-INFO"
rm -rf "$dest"
mv "$tmp" "$dest"
echo "$dest/kexec"
