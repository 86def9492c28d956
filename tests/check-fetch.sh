#!/bin/bash
# tests/check-fetch.sh - the fetch logic of tests/lib/debfetch.sh against a
# local archive made here (apt-ftparchive, file: URIs): the newest version
# is taken; a version whose file is not served, or whose file does not
# match the index's checksum, falls back to the next; a package no version
# of which can be had fails with one line naming it and the versions tried.
# Prints one line per case and "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/debfetch.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
arch=$(dpkg --print-architecture)
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# ---- the archive: binary package kxbin and source package kxsrc, each in
# versions 1.0-1, 1.5-1 and 2.0-1 (2.0-1 with an epoch for the source).
R=$t/archive
mkdir -p "$R/pool" "$R/dists/kx/main/binary-$arch" "$R/dists/kx/main/source"
for v in 1.0-1 1.5-1 2.0-1; do
	d=$t/deb-$v
	mkdir -p "$d/DEBIAN" "$d/usr/share/kxbin"
	echo "$v" >"$d/usr/share/kxbin/version"
	printf 'Package: kxbin\nVersion: %s\nArchitecture: %s\nMaintainer: t <t@t>\nDescription: t\n' \
		"$v" "$arch" >"$d/DEBIAN/control"
	dpkg-deb -Zgzip --build "$d" "$R/pool/kxbin_${v}_$arch.deb" >/dev/null
	mkdir -p "$t/src-$v/kxsrc-${v%-*}"
	echo "$v" >"$t/src-$v/kxsrc-${v%-*}/version"
	tar -C "$t/src-$v" -czf "$R/pool/kxsrc_${v%-*}.orig.tar.gz" "kxsrc-${v%-*}"
	sv=$v
	[ "$v" = 2.0-1 ] && sv=1:$v
	f=kxsrc_${v%-*}.orig.tar.gz
	printf 'Format: 1.0\nSource: kxsrc\nBinary: kxsrc\nArchitecture: any\nVersion: %s\nMaintainer: t <t@t>\nFiles:\n %s %s %s\nChecksums-Sha256:\n %s %s %s\n' \
		"$sv" "$(md5sum <"$R/pool/$f" | cut -d' ' -f1)" \
		"$(stat -c %s "$R/pool/$f")" "$f" \
		"$(sha256sum <"$R/pool/$f" | cut -d' ' -f1)" \
		"$(stat -c %s "$R/pool/$f")" "$f" >"$R/pool/kxsrc_$v.dsc"
done
(cd "$R" && apt-ftparchive packages pool >"dists/kx/main/binary-$arch/Packages" &&
	apt-ftparchive sources pool >dists/kx/main/source/Sources 2>/dev/null &&
	apt-ftparchive -o APT::FTPArchive::Release::Suite=kx \
		-o APT::FTPArchive::Release::Components=main \
		-o APT::FTPArchive::Release::Architectures="$arch source" \
		release dists/kx >dists/kx/Release) || { echo "cannot make the archive"; exit 1; }
mkdir -p "$t/lists.d"
printf 'deb [trusted=yes] file:%s kx main\ndeb-src [trusted=yes] file:%s kx main\n' \
	"$R" "$R" >"$t/lists.d/kx.list"
export DF_SOURCES_DIR=$t/lists.d
df_init "$t/state" "$arch"
df_update

# ---- cases
got=$(df_versions source kxsrc | tr '\n' ' ')
[ "$got" = "1:2.0-1 1.5-1 1.0-1 " ] && ok "source versions newest first" ||
	bad "source versions newest first" "got '$got'"
got=$(df_versions binary kxbin | tr '\n' ' ')
[ "$got" = "2.0-1 1.5-1 1.0-1 " ] && ok "binary versions newest first" ||
	bad "binary versions newest first" "got '$got'"

out=$(df_fetch binary "$t/d1" kxbin 2>&1)
[ "$out" = "kxbin 2.0-1" ] && [ -f "$t/d1/kxbin_2.0-1_$arch.deb" ] &&
	ok "binary: the newest version" || bad "binary: the newest version" "$out"

out=$(df_fetch source "$t/s1" kxsrc 2>&1)
[ "$out" = "kxsrc 1:2.0-1" ] && [ -f "$t/s1/kxsrc_2.0.orig.tar.gz" ] &&
	ok "source: the newest version" || bad "source: the newest version" "$out"

# The newest version's file is not served (what a 404 does).
mv "$R/pool/kxbin_2.0-1_$arch.deb" "$t/held.deb"
mv "$R/pool/kxsrc_2.0.orig.tar.gz" "$t/held.tar.gz"
out=$(df_fetch binary "$t/d2" kxbin 2>&1)
[ "$out" = "kxbin 1.5-1" ] && [ -f "$t/d2/kxbin_1.5-1_$arch.deb" ] &&
	[ -z "$(ls "$t/d2" | grep 2.0)" ] &&
	ok "binary: a version not served falls back to the next" ||
	bad "binary: a version not served falls back to the next" "$out"
out=$(df_fetch source "$t/s2" kxsrc 2>&1)
[ "$out" = "kxsrc 1.5-1" ] && [ -f "$t/s2/kxsrc_1.5.orig.tar.gz" ] &&
	[ -z "$(ls "$t/s2" | grep 2.0)" ] &&
	ok "source: a version not served falls back to the next" ||
	bad "source: a version not served falls back to the next" "$out"

# The next one is served but does not match the index's checksum.
cp "$R/pool/kxbin_1.5-1_$arch.deb" "$t/good.deb"
cat "$t/held.deb" >"$R/pool/kxbin_1.5-1_$arch.deb"
cp "$R/pool/kxsrc_1.5.orig.tar.gz" "$t/good.tar.gz"
printf 'tampered' >>"$R/pool/kxsrc_1.5.orig.tar.gz"
out=$(df_fetch binary "$t/d3" kxbin 2>&1)
[ "$out" = "kxbin 1.0-1" ] && ok "binary: a checksum mismatch falls back" ||
	bad "binary: a checksum mismatch falls back" "$out"
out=$(df_fetch source "$t/s3" kxsrc 2>&1)
[ "$out" = "kxsrc 1.0-1" ] && ok "source: a checksum mismatch falls back" ||
	bad "source: a checksum mismatch falls back" "$out"

# Nothing can be had: one line naming the package and the versions tried.
rm -f "$R"/pool/kxbin_* "$R"/pool/kxsrc_*.tar.gz
out=$(df_fetch binary "$t/d4" kxbin 2>&1); rc=$?
want="debfetch: binary package kxbin: no version could be downloaded (tried 2.0-1 1.5-1 1.0-1)"
[ $rc = 1 ] && [ "$out" = "$want" ] && ok "binary: none served: one line, status 1" ||
	bad "binary: none served: one line, status 1" "status $rc: $out"
out=$(df_fetch source "$t/s4" kxsrc 2>&1); rc=$?
want="debfetch: source package kxsrc: no version could be downloaded (tried 1:2.0-1 1.5-1 1.0-1)"
[ $rc = 1 ] && [ "$out" = "$want" ] && ok "source: none served: one line, status 1" ||
	bad "source: none served: one line, status 1" "status $rc: $out"
out=$(df_fetch binary "$t/d5" kxnone 2>&1); rc=$?
want="debfetch: binary package kxnone: the archive offers no version of it"
[ $rc = 1 ] && [ "$out" = "$want" ] && ok "a package the archive lacks: one line, status 1" ||
	bad "a package the archive lacks: one line, status 1" "status $rc: $out"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
