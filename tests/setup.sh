#!/bin/bash
# tests/setup.sh - install what building and testing need, from Debian 12's
# own packages.  Idempotent; needs root (uses sudo when not root).
set -eu
pkgs=(
	build-essential autoconf automake pkg-config util-linux
	libfdt-dev zlib1g-dev liblzma-dev libzstd-dev device-tree-compiler
	gcc-powerpc64le-linux-gnu gcc-powerpc64-linux-gnu gcc-m68k-linux-gnu
	libc6-dev-ppc64el-cross libc6-dev-ppc64-cross libc6-dev-m68k-cross
	qemu-system-ppc qemu-system-misc qemu-user-static
	linux-source-6.1 bc flex bison libelf-dev libssl-dev
	cpio xz-utils zstd gzip bzip2 apt-utils file e2fsprogs
	clang libclang-rt-14-dev
)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "tests/setup.sh: installing ${missing[*]}"
$sudo apt-get update -q >/dev/null || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
	"${missing[@]}" >/dev/null
