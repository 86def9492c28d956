// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-crash-notes.c - the crash-notes and vmcoreinfo texts from sysfs
 * (kexec/crashdump.c) and the ELF core header built from them: the input
 * is cpuN/crash_notes, crash_notes_size and /sys/kernel/vmcoreinfo
 * separated by NUL bytes, then the crashed kernel's RAM as big-endian
 * 64-bit start/end pairs.
 */
#include <string.h>

#include "crashdump.h"
#include "elf.h"
#include "fuzz.h"

/* The next NUL-terminated field of [*p, end), malloc'd, or NULL. */
static char *field(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nul = memchr(*p, 0, (size_t)(end - *p));
	size_t n = nul ? (size_t)(nul - *p) : (size_t)(end - *p);
	char *s = strndup((const char *)*p, n);

	*p += nul ? n + 1 : n;
	return s;
}

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	struct kx_crash_note cpu[2];
	struct kx_crash_notes notes = { .cpu = cpu };
	struct range_list ram = { 0 };
	struct kx_elfcore_req req = {
		.machine = KX_EM_PPC64, .big_endian = true,
		.page_offset = 0xc000000000000000ULL, .notes = &notes,
		.ram = &ram, .backup_src = 0, .backup_size = 0x10000,
		.backup_dst = 0x8000000,
	};
	char *addr, *sz, *info;
	uint8_t *hdr;
	size_t len;

	addr = field(&p, end);
	sz = field(&p, end);
	info = field(&p, end);
	if (addr && sz && kx_crash_parse_note(addr, sz, &cpu[0])) {
		FUZZ_ASSERT(cpu[0].size && cpu[0].addr + cpu[0].size >=
			    cpu[0].addr);
		cpu[1] = cpu[0];
		notes.nr_cpu = 2;
	}
	if (info && !kx_crash_parse_vmcoreinfo(info, &notes.vmcoreinfo))
		FUZZ_ASSERT(!notes.vmcoreinfo.addr && !notes.vmcoreinfo.size);
	free(addr);
	free(sz);
	free(info);
	/* At most 4096 ranges: what a real memory map has and more. */
	for (len = 0; end - p >= 16 && len < 4096; p += 16, len++)
		if (range_list_add(&ram, be64(p) | 0x10000, be64(p + 8)))
			break;
	if (!kx_build_elfcore64(&req, &hdr, &len)) {
		/* The ELF header, then a program header per note and range. */
		FUZZ_ASSERT(len >= 64 + 56 * (notes.nr_cpu + ram.n));
		free(hdr);
	}
	range_list_free(&ram);
	return 0;
}
