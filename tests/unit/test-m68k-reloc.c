// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-m68k-reloc.c - the m68k relocation hook, on the real embedded
 * purgatory (relocated at two addresses) and on single relocations.
 */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "elf-rel.h"
#include "purgatory-blobs.h"
#include "purgatory-params.h"
#include "arch/m68k/m68k.h"

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Load and relocate the purgatory at addr; returns 0 on success. */
static int load_at(struct elf_rel *rel, uint64_t addr)
{
	struct diag d = { 0 };
	int ret;

	ret = elf_rel_load(kx_purgatory_m68k, (size_t)kx_purgatory_m68k_size,
			   "purgatory", &m68k_rel_arch, rel, &d);
	if (!ret)
		ret = elf_rel_relocate(rel, addr, &d);
	if (d.msg)
		printf("  %s\n", d.msg);
	diag_clear(&d);
	return ret;
}

/* purgatory_start: "lea abs.l,%sp; jsr abs.l" with relocated targets. */
static void check_entry(const struct elf_rel *rel, uint64_t addr)
{
	uint64_t start = 0, main_fn = 0, params = 0, size = 0;
	const uint8_t *p;

	CHECK_EQ(elf_rel_symbol(rel, "purgatory_start", &start, &size), 0);
	CHECK_EQ(elf_rel_symbol(rel, "kx_m68k_main", &main_fn, &size), 0);
	CHECK_EQ(elf_rel_symbol(rel, "kx_params", &params, &size), 0);
	CHECK_EQ(size, sizeof(struct kx_params));
	CHECK(start >= addr && start < addr + rel->image_size);
	CHECK(params >= addr && params + size <= addr + rel->image_size);
	if (start < addr || start + 12 > addr + rel->image_size)
		return;
	p = rel->image + (start - addr);
	CHECK_EQ(p[0] << 8 | p[1], 0x4ff9);		/* lea abs.l,%sp */
	/* The stack top: inside the image (in .bss), 4-byte aligned. */
	CHECK(be32(p + 2) > addr && be32(p + 2) <= addr + rel->image_size);
	CHECK_EQ(be32(p + 2) & 3, 0);
	CHECK_EQ(p[6] << 8 | p[7], 0x4eb9);		/* jsr abs.l */
	CHECK_EQ(be32(p + 8), main_fn);
}

static void test_purgatory_two_addresses(void)
{
	struct elf_rel a, b;
	uint64_t sa = 0, sb = 0, sz;
	const uint64_t base_a = 0x00100000, base_b = 0x0ff00000;
	size_t i, moved = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	CHECK_EQ(load_at(&a, base_a), 0);
	CHECK_EQ(load_at(&b, base_b), 0);
	if (!a.image || !b.image) {
		elf_rel_free(&a);
		elf_rel_free(&b);
		return;
	}
	CHECK_EQ(a.elf.machine, KX_EM_68K);
	CHECK(a.elf.big_endian);
	CHECK_EQ(a.image_size, b.image_size);
	CHECK(a.align <= 4096);
	check_entry(&a, base_a);
	check_entry(&b, base_b);
	CHECK_EQ(elf_rel_symbol(&a, "purgatory_start", &sa, &sz), 0);
	CHECK_EQ(elf_rel_symbol(&b, "purgatory_start", &sb, &sz), 0);
	CHECK_EQ(sb - sa, base_b - base_a);
	/* Every difference between the two images is a relocated address
	 * moved by exactly the distance. */
	for (i = 0; i + 4 <= a.image_size; i++) {
		uint32_t wa = be32(a.image + i), wb = be32(b.image + i);

		if (a.image[i] == b.image[i])
			continue;
		CHECK_EQ(wb - wa, (uint32_t)(base_b - base_a));
		moved++;
		i += 3;
	}
	CHECK(moved > 10);
	/* kx_params starts as written in .data: the magic. */
	{
		uint8_t buf[sizeof(struct kx_params)];
		struct diag d = { 0 };

		CHECK_EQ(elf_rel_get_symbol(&a, "kx_params", buf, sizeof(buf),
					    &d), 0);
		CHECK_EQ(be32(buf), (uint32_t)(KX_PARAMS_MAGIC >> 32));
		CHECK_EQ(be32(buf + 4), (uint32_t)KX_PARAMS_MAGIC);
		diag_clear(&d);
	}
	elf_rel_free(&a);
	elf_rel_free(&b);
}

/* Apply one relocation to a 4-byte field. */
static int apply(uint32_t type, uint64_t sym, int64_t addend, uint64_t place,
		 size_t room, uint8_t *loc)
{
	struct elf_rel rel;
	struct elf_reloc r = {
		.type = type, .loc = loc, .place = place, .sym = sym,
		.addend = addend, .sym_name = "s", .room = room,
	};
	struct diag d = { 0 };
	int ret;

	memset(&rel, 0, sizeof(rel));
	rel.name = "t";
	ret = m68k_rel_arch.apply(&rel, &r, &d);
	CHECK(ret ? d.msg != NULL : d.msg == NULL);
	diag_clear(&d);
	return ret;
}

static void test_single_relocations(void)
{
	uint8_t f[4];

	memset(f, 0, 4);
	CHECK_EQ(apply(1, 0x12345678, 4, 0, 4, f), 0);		/* R_68K_32 */
	CHECK_EQ(be32(f), 0x1234567c);
	CHECK_EQ(apply(1, 0xfffffffc, 8, 0, 4, f), -EINVAL);	/* > 32 bits */
	memset(f, 0, 4);
	CHECK_EQ(apply(2, 0xfff0, 0xf, 0, 4, f), 0);		/* R_68K_16 */
	CHECK_EQ(f[0] << 8 | f[1], 0xffff);
	CHECK_EQ(f[2], 0);
	CHECK_EQ(apply(2, 0x10000, 0, 0, 4, f), -EINVAL);
	CHECK_EQ(apply(3, 0xff, 0, 0, 1, f), 0);		/* R_68K_8 */
	CHECK_EQ(f[0], 0xff);
	CHECK_EQ(apply(3, 0x100, 0, 0, 1, f), -EINVAL);
	memset(f, 0, 4);
	CHECK_EQ(apply(4, 0x1000, 0, 0x2000, 4, f), 0);		/* R_68K_PC32 */
	CHECK_EQ(be32(f), 0xfffff000);
	CHECK_EQ(apply(5, 0x1000, 2, 0x9000, 2, f), 0);		/* R_68K_PC16 */
	CHECK_EQ(f[0] << 8 | f[1], 0x8002);
	CHECK_EQ(apply(5, 0x1000, 0, 0x9001, 2, f), -EINVAL);	/* -0x8001 */
	CHECK_EQ(apply(5, 0x9000, 0, 0x1000, 2, f), -EINVAL);	/* +0x8000 */
	CHECK_EQ(apply(6, 0x100, 0, 0x180, 1, f), 0);		/* R_68K_PC8 */
	CHECK_EQ(f[0], 0x80);
	CHECK_EQ(apply(6, 0x200, 0, 0x100, 1, f), -EINVAL);
	CHECK_EQ(apply(1, 0x10, 0, 0, 2, f), -EINVAL);		/* no room */
	CHECK_EQ(apply(0, 0, 0, 0, 1, f), 0);			/* NONE */
	CHECK_EQ(apply(9, 0, 0, 0, 4, f), -EINVAL);		/* GOT32 */
}

int main(void)
{
	RUN(test_purgatory_two_addresses);
	RUN(test_single_relocations);
	return check_done();
}
