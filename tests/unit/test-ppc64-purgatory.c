// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-ppc64-purgatory.c - the embedded ppc64 purgatories (LE and BE):
 * they load and relocate with ppc64_rel_arch at two addresses, and the
 * relocated code says what entry.S means: the head branch reaches the
 * master code, the master's call enters kx_ppc64_main after its r2
 * set-up, the TOC and stack pointers come out right, .toc holds the
 * address of kx_params.  Also the head patch, and the relocation hook's
 * errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core.h"
#include "elf-rel.h"
#include "kexec.h"
#include "purgatory-blobs.h"
#include "purgatory-params.h"
#include "arch/ppc64/purgatory.h"
#include "arch/ppc64/reloc.h"

#define HEAD		0x100
#define STACK_SIZE	0x8000

struct variant {
	const char *name;
	const unsigned char *blob;
	uint64_t size;
	bool big_endian;
};

static struct variant variants[2];

static void init_variants(void)
{
	variants[0] = (struct variant){ "ppc64le", kx_purgatory_ppc64le,
					kx_purgatory_ppc64le_size, false };
	variants[1] = (struct variant){ "ppc64be", kx_purgatory_ppc64be,
					kx_purgatory_ppc64be_size, true };
}

static uint64_t sym_addr(const struct elf_rel *rel, const char *name,
			 uint64_t *size)
{
	uint64_t a = 0, s = 0;

	CHECK(elf_rel_symbol(rel, name, &a, &s) == 0);
	if (size)
		*size = s;
	return a;
}

/* The instruction word at address a of the relocated image. */
static uint32_t insn_at(const struct elf_rel *rel, uint64_t a)
{
	uint64_t off = a - rel->load_addr;

	if (a < rel->load_addr || off + 4 > rel->image_size) {
		CHECK(!"address inside the image");
		return 0;
	}
	return elf_get32(&rel->elf, rel->image + off);
}

/* Target of an I-form branch at a, or 0 if it is not one. */
static uint64_t branch_target(const struct elf_rel *rel, uint64_t a,
			      bool *link)
{
	uint32_t i = insn_at(rel, a);
	int32_t li;

	if ((i >> 26) != 18 || (i & 2))
		return 0;
	li = (int32_t)(i << 6) >> 6 & ~3;
	*link = i & 1;
	return a + (int64_t)li;
}

static int16_t simm(uint32_t insn)
{
	return (int16_t)(insn & 0xffff);
}

/* "addis rt,ra,hi; addi rt,rt,lo" at a: the 32-bit offset it adds to ra,
 * checking the opcodes and registers. */
static int64_t addis_addi(const struct elf_rel *rel, uint64_t a,
			  unsigned int rt, unsigned int ra)
{
	uint32_t hi = insn_at(rel, a), lo = insn_at(rel, a + 4);

	CHECK_EQ(hi & 0xffff0000, 0x3c000000 | rt << 21 | ra << 16);
	CHECK_EQ(lo & 0xffff0000, 0x38000000 | rt << 21 | rt << 16);
	return ((int64_t)simm(hi) << 16) + simm(lo);
}

/* Find the first "bl" from [from, from + len). */
static uint64_t find_bl(const struct elf_rel *rel, uint64_t from,
			uint64_t len, uint64_t *target)
{
	uint64_t a;
	bool link;

	for (a = from; a < from + len; a += 4) {
		*target = branch_target(rel, a, &link);
		if (*target && link)
			return a;
	}
	return 0;
}

static void check_relocated(const struct variant *v, struct elf_rel *rel,
			    uint64_t addr)
{
	struct diag d = { 0 };
	uint64_t start, size, master, main_fn, toc, stack, params, psize;
	uint64_t call, target = 0, toc_sec = 0, a = 0;
	bool link = false, found = false;

	CHECK(elf_rel_relocate(rel, addr, &d) == 0);
	CHECK(d.msg == NULL);
	if (d.msg)
		printf("  %s at 0x%llx: %s\n", v->name,
		       (unsigned long long)addr, d.msg);
	diag_clear(&d);
	CHECK_EQ(rel->load_addr, addr);

	start = sym_addr(rel, "purgatory_start", &size);
	CHECK_EQ(size, HEAD);
	CHECK_EQ(start % HEAD, 0);
	CHECK(elf_rel_section_addr(rel, ".text.purgatory_start", &a) == 0);
	CHECK_EQ(a, start);
	params = sym_addr(rel, "kx_params", &psize);
	CHECK_EQ(psize, sizeof(struct kx_params));
	master = sym_addr(rel, "kx_ppc64_master", NULL);
	CHECK_EQ(master, start + HEAD);
	main_fn = sym_addr(rel, "kx_ppc64_main", NULL);

	/* Offset 0: "b kx_ppc64_master", the only instruction of the head. */
	CHECK_EQ(branch_target(rel, start, &link), master);
	CHECK(!link);

	/* The TOC: .TOC. = .toc + 0x8000, computed from the bcl address. */
	CHECK(elf_rel_section_addr(rel, ".toc", &toc_sec) == 0);
	toc = toc_sec + 0x8000;
	CHECK_EQ(rel->arch_word, toc);
	CHECK_EQ(insn_at(rel, master + 4), 0x429f0005);	/* bcl 20,31,$+4 */
	CHECK_EQ(master + 8 + addis_addi(rel, master + 12, 2, 12), toc);

	/* The stack: the top of the 32 KiB stack, 16-byte aligned. */
	stack = sym_addr(rel, "kx_ppc64_stack", &size);
	CHECK_EQ(size, STACK_SIZE);
	CHECK_EQ(toc + addis_addi(rel, master + 20, 1, 2), stack + STACK_SIZE);
	CHECK_EQ((stack + STACK_SIZE) % 16, 0);

	/* The call into C enters kx_ppc64_main after its r2 set-up, which
	 * computes the same TOC from r12 = its global entry. */
	call = find_bl(rel, master, 0x40, &target);
	CHECK(call != 0);
	CHECK_EQ(target, main_fn + 8);
	CHECK_EQ(main_fn + addis_addi(rel, main_fn, 2, 12), toc);
	CHECK_EQ(insn_at(rel, call + 4), 0x60000000);	/* nop */

	/* .toc: an ADDR64 word holding the address of kx_params. */
	for (a = toc_sec; a + 8 <= toc_sec + 16; a += 8)
		if (elf_get64(&rel->elf, rel->image + (a - addr)) == params)
			found = true;
	CHECK(found);
}

static void test_load_and_relocate(void)
{
	const uint64_t addrs[] = { 0x2000000, 0x7fe0000 };
	struct elf_rel rel;
	struct diag d = { 0 };
	size_t i, j;

	init_variants();
	for (i = 0; i < 2; i++) {
		const struct variant *v = &variants[i];

		CHECK(v->size > 0);
		CHECK(elf_rel_load(v->blob, v->size, v->name, &ppc64_rel_arch,
				   &rel, &d) == 0);
		CHECK(d.msg == NULL);
		if (d.msg) {
			printf("  %s: %s\n", v->name, d.msg);
			diag_clear(&d);
			continue;
		}
		CHECK_EQ(rel.elf.big_endian, v->big_endian);
		CHECK_EQ(rel.elf.flags & 3, 2);		/* ELFv2 */
		CHECK(rel.align >= HEAD);
		/* Relocating again (another address) rewrites every field. */
		for (j = 0; j < 2; j++)
			check_relocated(v, &rel, addrs[j]);
		elf_rel_free(&rel);
	}
}

static void test_set_head(void)
{
	uint8_t kernel[0x200], head[HEAD], orig[HEAD];
	struct elf_rel rel;
	struct diag d = { 0 };
	size_t i;

	init_variants();
	for (i = 0; i < sizeof(kernel); i++)
		kernel[i] = (uint8_t)(i * 7 + 1);
	CHECK(elf_rel_load(variants[1].blob, variants[1].size, "purgatory",
			   &ppc64_rel_arch, &rel, &d) == 0);
	CHECK(elf_rel_relocate(&rel, 0x3000000, &d) == 0);
	CHECK(elf_rel_get_symbol(&rel, "purgatory_start", orig, HEAD, &d) == 0);

	CHECK_EQ(ppc64_purgatory_set_head(&rel, kernel, sizeof(kernel), &d), 0);
	CHECK(elf_rel_get_symbol(&rel, "purgatory_start", head, HEAD, &d) == 0);
	CHECK(memcmp(head, orig, 4) == 0);
	CHECK(memcmp(head + 4, kernel + 4, HEAD - 4) == 0);
	CHECK(d.msg == NULL);

	/* A kernel shorter than the head is refused with a message. */
	CHECK_EQ(ppc64_purgatory_set_head(&rel, kernel, 0x80, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "shorter"));
	diag_clear(&d);
	elf_rel_free(&rel);
}

/* Through the core: placed in usable memory below the RMA limit. */
static void test_purgatory_load(void)
{
	struct kexec_ctx ctx;
	struct hole_req req = { .max = 0x8000000, .top_down = true };
	uint8_t kernel[HEAD], head[HEAD];
	uint64_t entry = 0, start;
	size_t i;

	for (i = 0; i < sizeof(kernel); i++)
		kernel[i] = (uint8_t)(0xa0 + i);
	memset(&ctx, 0, sizeof(ctx));
	ctx.initrd.fd = -1;
	ctx.page_size = 0x10000;
	CHECK(range_list_add(&ctx.mem.ram, 0, 0x40000000) == 0);
	CHECK(range_list_add(&ctx.mem.reserved, 0, 0x2000000) == 0);

	CHECK_EQ(ppc64_purgatory_load(&ctx, false, kernel, sizeof(kernel),
				      &req, &entry), 0);
	if (ctx.diag.msg)
		printf("  %s\n", ctx.diag.msg);
	CHECK(ctx.purgatory != NULL);
	CHECK_EQ(ctx.plan.n, 1);
	if (ctx.purgatory && ctx.plan.n == 1) {
		CHECK_EQ(ctx.plan.seg[0].role, SEG_PURGATORY);
		CHECK(ctx.plan.seg[0].mem >= 0x2000000);
		CHECK(ctx.plan.seg[0].mem + ctx.plan.seg[0].memsz <= 0x8000000);
		CHECK(!ctx.purgatory->elf.big_endian);
		start = sym_addr(ctx.purgatory, "purgatory_start", NULL);
		CHECK_EQ(entry, start);
		CHECK(elf_rel_get_symbol(ctx.purgatory, "purgatory_start",
					 head, HEAD, &ctx.diag) == 0);
		CHECK(memcmp(head + 4, kernel + 4, HEAD - 4) == 0);
		/* The segment's bytes are the patched image. */
		CHECK(ctx.plan.seg[0].buf == ctx.purgatory->image);
	}
	kx_ctx_free(&ctx);

	/* Too short a kernel: refused before anything is placed. */
	memset(&ctx, 0, sizeof(ctx));
	ctx.initrd.fd = -1;
	CHECK_EQ(ppc64_purgatory_load(&ctx, true, kernel, 4, &req, &entry),
		 -EINVAL);
	CHECK(ctx.diag.msg != NULL);
	CHECK_EQ(ctx.plan.n, 0);
	kx_ctx_free(&ctx);
}

static void test_reloc_errors(void)
{
	uint8_t buf[8] = { 0x48, 0, 0, 1, 0, 0, 0, 0 };
	struct elf_rel rel;
	struct elf_reloc r;
	struct diag d = { 0 };

	init_variants();
	CHECK(elf_rel_load(variants[1].blob, variants[1].size, "purgatory",
			   &ppc64_rel_arch, &rel, &d) == 0);

	memset(&r, 0, sizeof(r));
	r.loc = buf;
	r.room = sizeof(buf);
	r.place = 0x1000000;
	r.sym_name = "far_away";

	/* Unknown type. */
	r.type = 9999;
	CHECK_EQ(ppc64_rel_arch.apply(&rel, &r, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "unsupported") &&
	      strstr(d.msg, "9999"));
	diag_clear(&d);

	/* REL24 beyond +-32 MiB. */
	r.type = 10;
	r.sym = r.place + 0x2000000;
	CHECK_EQ(ppc64_rel_arch.apply(&rel, &r, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "R_PPC64_REL24") &&
	      strstr(d.msg, "far_away") && strstr(d.msg, "range"));
	diag_clear(&d);

	/* REL24 in range: big-endian "bl", target field only. */
	r.sym = r.place - 0x100;
	CHECK_EQ(ppc64_rel_arch.apply(&rel, &r, &d), 0);
	CHECK_EQ(elf_get32(&rel.elf, buf), 0x4bffff01);

	/* TOC16_HA out of +-2 GiB from the TOC. */
	r.type = 50;
	rel.arch_word = 0x10000;
	r.sym = 0x100000000ULL;
	CHECK_EQ(ppc64_rel_arch.apply(&rel, &r, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "R_PPC64_TOC16_HA"));
	diag_clear(&d);

	/* TOC16_LO_DS keeps the instruction's low two bits, refuses
	 * misaligned offsets. */
	r.type = 64;
	buf[0] = 0xe8; buf[1] = 0x62; buf[2] = 0x00; buf[3] = 0x01;
	r.loc = buf + 2;
	r.room = 2;
	r.sym = 0x10000 + 0x1238;
	CHECK_EQ(ppc64_rel_arch.apply(&rel, &r, &d), 0);
	CHECK_EQ(elf_get32(&rel.elf, buf), 0xe8621239);
	r.sym = 0x10000 + 0x1236;
	CHECK_EQ(ppc64_rel_arch.apply(&rel, &r, &d), -EINVAL);
	diag_clear(&d);

	/* A field running past its section. */
	r.type = 38;
	r.room = 4;
	CHECK_EQ(ppc64_rel_arch.apply(&rel, &r, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "past its section"));
	diag_clear(&d);
	elf_rel_free(&rel);
}

int main(void)
{
	RUN(test_load_and_relocate);
	RUN(test_set_head);
	RUN(test_purgatory_load);
	RUN(test_reloc_errors);
	return check_done();
}
