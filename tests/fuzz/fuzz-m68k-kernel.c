// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-m68k-kernel.c - the m68k kernel layout (kexec/arch/m68k/): any bytes
 * as an ELF vmlinux laid out at a first memory chunk (as pieces loaded
 * from the image, or an assembled copy), and the struct bootversion check
 * on its bytes.
 */
#include "arch/m68k/bootinfo.h"
#include "arch/m68k/m68k.h"
#include "elf.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct m68k_kernel k;
	struct diag d = { 0 };
	struct elf_info e;
	uint32_t version;
	int ret;

	(void)m68k_bootversion_check(data, size, MACH_ATARI, &version);
	(void)m68k_bootversion_check(data, size, MACH_VIRT, &version);
	if (elf_parse(data, size, "fuzz", &e, &d)) {
		diag_clear(&d);
		return 0;
	}
	ret = m68k_kernel_layout(&e, 0, 4096, "fuzz", &k, &d);
	FUZZ_ASSERT(ret == 0 || d.msg || ret == -ENOMEM);
	if (!ret) {
		FUZZ_ASSERT(k.end >= k.start && k.size == k.end - k.start);
		FUZZ_ASSERT(k.entry >= k.start && k.entry < k.end);
		FUZZ_ASSERT(!k.buf == (k.npiece > 0));
		for (size_t i = 0; i < k.npiece; i++) {
			const struct m68k_piece *p = &k.piece[i];

			/* In order, on pages of their own, inside the
			 * image and the input. */
			FUZZ_ASSERT(!(p->mem & 4095) && p->filesz <= p->memsz);
			FUZZ_ASSERT(p->mem >= k.start &&
				    p->mem + p->memsz <= k.end);
			FUZZ_ASSERT(!i || p->mem >= ((k.piece[i - 1].mem +
				    k.piece[i - 1].memsz + 4095) & ~4095ULL));
			FUZZ_ASSERT(!p->filesz || (p->data >= data &&
				    p->data + p->filesz <= data + size));
		}
		m68k_kernel_free(&k);
	}
	elf_info_free(&e);
	diag_clear(&d);
	return 0;
}
