// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-decompress.c - kernel and initrd decompression (kexec/decompress.c)
 * of gzip, xz and zstd data, with a 64 MiB cap on the output so a
 * decompression bomb ends in -EFBIG, never in memory exhaustion.
 */
#include <sys/mman.h>

#include "file.h"
#include "fuzz.h"

#define FUZZ_DECOMPRESS_MAX	(64u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum kx_compression c = kx_detect_compression(data, size);
	struct diag d = { 0 };
	size_t len = 0, cap = 0;
	void *out = NULL;
	int ret;

	if (c == KX_COMP_NONE)
		return 0;
	ret = kx_decompress(c, data, size, FUZZ_DECOMPRESS_MAX, "fuzz", &out,
			    &len, &cap, &d);
	FUZZ_ASSERT(ret == 0 || d.msg || ret == -ENOMEM);
	if (!ret) {
		FUZZ_ASSERT(len <= FUZZ_DECOMPRESS_MAX && len <= cap);
		munmap(out, cap);
	}
	diag_clear(&d);
	return 0;
}
