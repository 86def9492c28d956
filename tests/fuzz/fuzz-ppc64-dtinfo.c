// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-ppc64-dtinfo.c - the ppc64 device-tree reader: any bytes as a tree
 * blob (a --dtb, /sys/firmware/fdt) checked by fdt-util, then read as the
 * running system's tree (memory nodes, the dynamic-reconfiguration LMB
 * list, /chosen, firmware reservations, the boot reservation map) and
 * turned into the memory map of a normal and of a crash load.
 */
#include "arch/ppc64/ppc64.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppc64_dtinfo info;
	struct memory_map m;
	struct diag d = { 0 };
	struct fdtu t = { 0 };
	uint32_t cpu;
	int ret, panic;

	ret = fdtu_from_blob(&t, data, size, "fuzz", &d);
	FUZZ_ASSERT(ret == 0 || ret == -ENOMEM || d.msg);
	diag_clear(&d);
	if (ret)
		return 0;
	(void)ppc64_platform_find(t.fdt);
	(void)ppc64_boot_cpu(t.fdt, data, size, &cpu);
	(void)ppc64_boot_cpu(t.fdt, NULL, 0, &cpu);
	ret = ppc64_read_dtinfo(t.fdt, data, size, "fuzz", &info, &d);
	FUZZ_ASSERT(ret == 0 || ret == -ENOMEM || d.msg);
	diag_clear(&d);
	if (!ret) {
		for (panic = 0; panic < 2; panic++) {
			if (!ppc64_memory_map(&info, panic, &m, &d))
				memory_map_free(&m);
			diag_clear(&d);
		}
		ppc64_dtinfo_free(&info);
	}
	fdtu_free(&t);
	return 0;
}
