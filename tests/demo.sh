#!/bin/bash
# tests/demo.sh - set up everything and show a real kexec: a ppc64le pseries
# guest under QEMU loads a kernel and an initramfs with this project's
# kexec (--reuse-cmdline --append), runs kexec -e, and the second kernel
# prints what it received.  The guest console is shown as it runs.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src"
tests/setup.sh
tests/build.sh ppc64le
export KEXEC_PPC64LE=$src/build/ppc64le/kexec/kexec
exec tests/vm/demo.sh "$@"
