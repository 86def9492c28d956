// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-bootinfo.c - the m68k bootinfo reader and editor
 * (kexec/arch/m68k/bootinfo.c): check and walk any bytes as a bootinfo
 * (/proc/bootinfo or --bootinfo), then build the next kernel's with a
 * 255-character command line, a ramdisk and a seed, and patch the ramdisk
 * address in, as a load does.  A bootinfo the editor builds must be one
 * the reader accepts.
 */
#include <string.h>

#include "arch/m68k/bootinfo.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t seed[BI_RNG_SEED_LEN];
	char cmdline[BI_CL_SIZE + 1];
	struct bootinfo bi, nbi;
	struct bootinfo_edit e = {
		.cmdline = cmdline, .ramdisk = true,
		.ramdisk_size = 0x100000, .seed = seed,
		.seed_len = sizeof(seed),
	};
	struct range_list ram = { 0 };
	struct diag d = { 0 };
	struct bi_rec r;
	uint32_t v, a, s, mach = 0;
	uint8_t *out;
	size_t off = 0, len, n = 0;
	int ret;

	ret = bootinfo_check(data, size, "fuzz", KX_EXIT_INPUT, &bi, &d);
	FUZZ_ASSERT(ret == 0 || (ret == -EINVAL && d.msg));
	diag_clear(&d);
	if (ret)
		return 0;
	(void)bootinfo_get_u32(&bi, BI_MACHTYPE, &mach);
	(void)bootinfo_mach_name(mach);
	while (bootinfo_next(&bi, &off, &r)) {
		FUZZ_ASSERT(r.off + r.size <= bi.len);
		(void)bootinfo_tag_name(r.tag, mach);
		n++;
	}
	(void)bootinfo_count(&bi, BI_MEMCHUNK);
	(void)bootinfo_find(&bi, BI_COMMAND_LINE, &r);
	(void)bootinfo_get_u32(&bi, BI_CPUTYPE, &v);
	(void)bootinfo_memchunk(&bi, 0, &a, &s);
	(void)bootinfo_memory(&bi, &ram);
	range_list_free(&ram);

	memset(cmdline, 'c', BI_CL_SIZE);
	cmdline[BI_CL_SIZE] = '\0';
	FUZZ_ASSERT(bootinfo_build(&bi, &e, &out, &len) == -E2BIG);
	cmdline[BI_CL_SIZE - 1] = '\0';
	ret = bootinfo_build(&bi, &e, &out, &len);
	FUZZ_ASSERT(ret == 0 || ret == -EFBIG || ret == -ENOMEM);
	if (ret)
		return 0;
	FUZZ_ASSERT(len <= BI_FILE_MAX);
	FUZZ_ASSERT(!bootinfo_check(out, len, "new", KX_EXIT_FAILURE, &nbi,
				    NULL));
	FUZZ_ASSERT(bootinfo_count(&nbi, BI_RAMDISK) == 1);
	FUZZ_ASSERT(bootinfo_count(&nbi, BI_COMMAND_LINE) == 1);
	FUZZ_ASSERT(!bootinfo_set_ramdisk(out, len, 0x00f00000, 0x100000));
	free(out);
	return 0;
}
