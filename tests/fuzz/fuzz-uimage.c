// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-uimage.c - the legacy U-Boot image header reader (kexec/uimage.c).
 */
#include <string.h>

#include "fuzz.h"
#include "uimage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uimage_info u;
	struct diag d = { 0 };
	int ret;

	ret = uimage_parse(data, size, "fuzz", &u, &d);
	FUZZ_ASSERT(ret == 0 || ret == -ENOEXEC || d.msg);
	if (!ret) {
		FUZZ_ASSERT(u.data >= data && u.size <= size &&
			    (size_t)(u.data - data) + u.size <= size);
		FUZZ_ASSERT(strlen(u.name) < sizeof(u.name));
		(void)uimage_type_name(u.type);
		(void)uimage_comp_name(u.comp);
	}
	diag_clear(&d);
	return 0;
}
