// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-ppc64-kernel.c - the ppc64 kernel layout (kexec/arch/ppc64/image.c):
 * the boot-wrapper check and any bytes as a vmlinux laid out as one block.
 */
#include "arch/ppc64/ppc64.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppc64_kernel k;
	struct diag d = { 0 };
	int ret;

	ret = ppc64_reject_wrapper(data, size, "fuzz", &d);
	FUZZ_ASSERT(ret == 0 || d.msg);
	diag_clear(&d);
	ret = ppc64_kernel_from_elf(data, size, "fuzz", true, &k, &d);
	FUZZ_ASSERT(ret == 0 || ret == -ENOEXEC || ret == -ENOMEM || d.msg);
	if (!ret) {
		FUZZ_ASSERT(k.bufsz <= k.memsz);
		FUZZ_ASSERT(k.entry_offset < k.memsz);
		free(k.owned);
	}
	diag_clear(&d);
	return 0;
}
