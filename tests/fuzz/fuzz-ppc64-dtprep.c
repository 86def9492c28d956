// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-ppc64-dtprep.c - the ppc64 tree preparation (kexec/arch/ppc64/
 * devtree.c, memory.c): any bytes as a --dtb blob edited into the next
 * kernel's tree, for a normal load and for a crash kernel (usable-memory
 * properties on the memory nodes and one entry per LMB of the
 * dynamic-reconfiguration list, in a 16 MiB crash region), with an initrd
 * and reservations.  The result must be a well-formed tree.
 */
#include <string.h>

#include "arch/ppc64/ppc64.h"
#include "fuzz.h"

static void prepare(const uint8_t *data, size_t size, bool panic)
{
	struct range_list usable = { 0 }, rsv = { 0 };
	struct ppc64_dt_request r = {
		.cmdline = "console=hvc0 root=/dev/sda2",
		.initrd_start = 0x4000000, .initrd_end = 0x4100000,
		.rsv = &rsv, .boot_cpu = 1, .usable_max = 16 << 20,
	};
	struct diag d = { 0 };
	struct fdtu t = { 0 };
	int ret;

	if (fdtu_from_blob(&t, data, size, "fuzz", &d)) {
		diag_clear(&d);
		return;
	}
	r.platform = ppc64_platform_find(t.fdt);
	if (range_list_add(&rsv, 0x0fff0000, 0x10000000) ||
	    range_list_add(&usable, 0, 0x10000000)) {
		range_list_free(&rsv);
		range_list_free(&usable);
		fdtu_free(&t);
		return;
	}
	if (panic)
		r.usable = &usable;
	ret = ppc64_dt_prepare(&t, &r, &d);
	FUZZ_ASSERT(ret == 0 || d.msg);
	if (!ret)
		FUZZ_ASSERT(!fdtu_check(t.fdt, t.size));
	diag_clear(&d);
	range_list_free(&rsv);
	range_list_free(&usable);
	fdtu_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	prepare(data, size, false);
	prepare(data, size, true);
	return 0;
}
