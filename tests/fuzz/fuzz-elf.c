// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-elf.c - the ELF reader (kexec/elf.c) on any bytes: headers, program
 * and section tables, section names.
 */
#include <string.h>

#include "elf.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 };
	struct elf_info e;
	size_t i;
	int ret;

	ret = elf_parse(data, size, "fuzz", &e, &d);
	FUZZ_ASSERT(ret == 0 || ret == -ENOEXEC || ret == -EINVAL ||
		    ret == -ENOMEM);
	FUZZ_ASSERT(ret != -EINVAL || d.msg);
	if (!ret) {
		for (i = 0; i < e.phnum; i++)
			FUZZ_ASSERT(e.phdr[i].type != 1 ||
				    e.phdr[i].offset + e.phdr[i].filesz <= size);
		for (i = 0; i < e.shnum; i++)
			FUZZ_ASSERT(strlen(elf_section_name(&e, &e.shdr[i])) <
				    size);
		(void)elf_find_section(&e, ".text");
		elf_info_free(&e);
	}
	diag_clear(&d);
	return 0;
}
