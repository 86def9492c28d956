// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-vmcore.c - the check kdump/vmcore-dump makes of a core file before
 * copying it (check_core(): the ELF reader on the whole file, then
 * e_type ET_CORE), seeded with core files.
 */
#include "elf.h"
#include "fuzz.h"

#define ET_CORE_TYPE	4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 };
	struct elf_info e;
	size_t i;
	int ret;

	if (size < 16)
		return 0;	/* vmcore-dump refuses these before parsing */
	ret = elf_parse(data, size, "fuzz", &e, &d);
	if (!ret) {
		if (e.type == ET_CORE_TYPE)
			for (i = 0; i < e.phnum; i++)
				FUZZ_ASSERT(e.phdr[i].type != 1 ||
					    e.phdr[i].offset +
					    e.phdr[i].filesz <= size);
		elf_info_free(&e);
	} else {
		FUZZ_ASSERT(ret == -ENOEXEC || d.msg);
	}
	diag_clear(&d);
	return 0;
}
