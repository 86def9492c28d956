#!/bin/bash
# See kexec-loader work for real: a ppc64le pseries guest (2 CPUs) loads a
# kernel with --initrd, --reuse-cmdline and --append, runs kexec -e, and the
# second kernel reports what it was given.  The guest console is shown live.
#
#   tests/vm/demo.sh
#
# Builds what is missing first: the guest kernel (tests/vm/kernels.sh, cached)
# and the static ppc64le kexec (KEXEC_PPC64LE, else build-powerpc64le-linux-gnu/
# from the repo top).  Everything runs inside QEMU; nothing is kexec'd here.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/lib.sh"

echo "== preparing the guest kernel (cached after the first run)"
"$HERE/kernels.sh" ppc64le || exit 1
echo "== preparing the ppc64le kexec binary"
k=$(kt_kexec_bin ppc64le) || exit 1
echo "   $k"
echo "== booting: first kernel, kexec -l ... , kexec -e, second kernel"
KEXEC_PPC64LE=$k "$HERE/run.sh" -v ppc64le-basic
rc=$?
m=$KT_WORK/ppc64le-basic/markers
if [ -s "$m" ]; then
	echo "== what the two kernels reported"
	awk '$1 == "KT-BOOT" || $1 == "KT-CMDLINE" || $1 == "KT-TOKEN" || $1 == "KT-CPUS" || $1 == "KT-RUN" || $1 == "KT-FAIL"' "$m"
fi
exit $rc
