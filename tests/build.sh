#!/bin/bash
# tests/build.sh TARGET... - configure and build out of tree in build/TARGET.
#   host     the build machine, with ASan and UBSan (the host test suite)
#   ppc64le  static, for ppc64le guests (libraries from Debian's ppc64el
#            packages, unpacked into a private sysroot)
#   ppc64    static, big-endian: libfdt built from Debian's kernel source,
#            zlib, liblzma and libzstd from Debian's source packages
#            (tests/cross-deps.sh; Debian has no packages for this target)
#   m68k     static (likewise)
# Environment: KX_CACHE (default ~/.cache/kexec-loader) for the sysroot
# and the built libraries,
# JOBS (default: number of CPUs).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
cache=${KX_CACHE:-$HOME/.cache/kexec-loader}
jobs=${JOBS:-$(nproc)}
{ [ -x "$src/configure" ] && [ "$src/configure" -nt "$src/configure.ac" ]; } ||
	(cd "$src" && autoreconf -fi)

build_one() {
	local t=$1 dir=$src/build/$1
	local -a args
	case $t in
	host)    args=(--enable-sanitizers) ;;
	ppc64le) read -r cpp ld < <("$src/tests/cross-sysroot.sh" ppc64el \
			"$cache/sysroot-ppc64el" | tail -n 1)
		 args=(--host=powerpc64le-linux-gnu --enable-static "$cpp" "$ld") ;;
	ppc64|m68k)
		local tri=powerpc64-linux-gnu
		[ "$t" = m68k ] && tri=m68k-linux-gnu
		read -r cpp ld < <("$src/tests/cross-deps.sh" "$tri" \
			"$cache/deps-$tri" | tail -n 1)
		args=(--host="$tri" --enable-static --with-zlib --with-lzma \
		      --with-zstd "$cpp" "$ld") ;;
	*) echo "tests/build.sh: unknown target $t" >&2; return 2 ;;
	esac
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ "$src/configure" -nt "$dir/Makefile" ] ||
	   [ "$src/Makefile.in" -nt "$dir/Makefile" ]; then
		(cd "$dir" && "$src/configure" "${args[@]}" >configure.log 2>&1) ||
			{ tail -n 30 "$dir/configure.log" >&2; return 1; }
	fi
	make -C "$dir" -j"$jobs" all unit-tests >"$dir/make.log" 2>&1 ||
		{ tail -n 40 "$dir/make.log" >&2; return 1; }
	echo "built $t: $dir/kexec/kexec"
}

for t in "$@"; do
	build_one "$t"
done
