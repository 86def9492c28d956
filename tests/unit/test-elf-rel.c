// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-elf-rel.c - the relocatable-object loader on small ET_REL objects
 * built here (.text, .data, .bss, a non-allocated .comment, a symbol table,
 * RELA or REL sections), relocated by a fake architecture whose hook knows
 * two types: a word-sized absolute S + A (8 bytes in ELF64, 4 in ELF32) and
 * a 32-bit PC-relative S + A - P.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

#include "check.h"
#include "elf-rel.h"
#include "elfgen-writer.h"

#define NAME		"purgatory"
#define R_ABS		1
#define R_PC32		2

#define STB_GLOBAL	1
#define STB_WEAK	2
#define STT_OBJECT	1
#define STT_FUNC	2
#define STT_SECTION	3
#define SYM(b, t)	((uint8_t)((b) << 4 | (t)))

/* Section indexes and sizes of the object. */
enum { S_TEXT = 1, S_DATA, S_BSS, S_RTEXT, S_RDATA, S_SYMTAB, S_STRTAB,
       S_SHSTR, S_COMMENT, S_RCOMMENT, NSEC };
#define TEXT_SIZE	32
#define DATA_SIZE	24
#define BSS_SIZE	32
/* Where the loader puts them: .text 0, .data at 8-alignment, .bss at 16 */
#define OFF_TEXT	0
#define OFF_DATA	32
#define OFF_BSS		64
#define IMAGE_SIZE	96

/* Symbol indexes. */
enum { Y_TEXT = 1, Y_DATA, Y_BSS, Y_COUNTER, Y_DUP, Y_ENTRY, Y_PARAMS, Y_UNDEF,
       Y_ABS, Y_BIG, Y_TOC, Y_WEAK, NSYM };

static const char strtab[] =
	"\0counter\0entry\0params\0ext_undef\0abs_sym\0big\0.TOC.\0weak_undef";
static const char shstrtab[] =
	"\0.text\0.data\0.bss\0.rela.text\0.rela.data\0.rel.data\0.symtab"
	"\0.strtab\0.shstrtab\0.comment\0.rela.comment";

/* Offset of the string name in a table of NUL-separated strings. */
static uint32_t str_off(const char *tab, size_t size, const char *name)
{
	size_t i;

	for (i = 0; i < size; i += strlen(tab + i) + 1)
		if (!strcmp(tab + i, name))
			return (uint32_t)i;
	abort();
}
#define STR(n)	str_off(strtab, sizeof(strtab), n)
#define SHSTR(n) str_off(shstrtab, sizeof(shstrtab), n)

struct extra_reloc {
	bool on;
	uint64_t off;
	uint32_t sym, type;
	int64_t addend;
};

struct obj_opts {
	int cls;
	bool be;
	bool rel_data;		/* .data relocated by SHT_REL, not RELA */
	uint16_t type, machine;	/* 0: ET_REL and the arch's machine */
	struct extra_reloc x;	/* one more .rela.text entry */
};

static void write_syms(struct elfgen *g, size_t st)
{
	size_t z = eg_symsize(g);

	eg_sym(g, st + Y_TEXT * z, 0, 0, 0, SYM(0, STT_SECTION), S_TEXT);
	eg_sym(g, st + Y_DATA * z, 0, 0, 0, SYM(0, STT_SECTION), S_DATA);
	eg_sym(g, st + Y_BSS * z, 0, 0, 0, SYM(0, STT_SECTION), S_BSS);
	eg_sym(g, st + Y_COUNTER * z, STR("counter"), 8, 8,
	       SYM(0, STT_OBJECT), S_BSS);
	eg_sym(g, st + Y_ENTRY * z, STR("entry"), 0, 16,
	       SYM(STB_GLOBAL, STT_FUNC), S_TEXT);
	eg_sym(g, st + Y_PARAMS * z, STR("params"), 8, 16,
	       SYM(STB_GLOBAL, STT_OBJECT), S_DATA);
	eg_sym(g, st + Y_UNDEF * z, STR("ext_undef"), 0, 0,
	       SYM(STB_GLOBAL, 0), KX_SHN_UNDEF);
	eg_sym(g, st + Y_ABS * z, STR("abs_sym"), 0x1234, 4,
	       SYM(STB_GLOBAL, 0), KX_SHN_ABS);
	eg_sym(g, st + Y_BIG * z, STR("big"), 16, 16,
	       SYM(STB_GLOBAL, STT_OBJECT), S_BSS);
	eg_sym(g, st + Y_TOC * z, STR(".TOC."), 0, 0, SYM(STB_GLOBAL, 0),
	       KX_SHN_UNDEF);
	eg_sym(g, st + Y_WEAK * z, STR("weak_undef"), 0, 0,
	       SYM(STB_WEAK, 0), KX_SHN_UNDEF);
	/* a local namesake of a global: lookups by name prefer the global */
	eg_sym(g, st + Y_DUP * z, STR("params"), 0, 16, SYM(0, STT_OBJECT),
	       S_BSS);
}

/* .rela.text: PC32 to .data+8 and to counter, ABS abs_sym+1 at 8 and
 * weak_undef+5 at 16, and the optional extra entry. */
static size_t write_text_relocs(struct elfgen *g, const struct obj_opts *o,
				size_t *n)
{
	size_t z = eg_relsize(g, true), r;

	*n = 4 + o->x.on;
	r = eg_reserve(g, *n * z, 8);
	eg_reloc(g, r, 0, Y_DATA, R_PC32, 8, true);
	eg_reloc(g, r + z, 4, Y_COUNTER, R_PC32, 0, true);
	eg_reloc(g, r + 2 * z, 8, Y_ABS, R_ABS, 1, true);
	eg_reloc(g, r + 3 * z, 16, Y_WEAK, R_ABS, 5, true);
	if (o->x.on)
		eg_reloc(g, r + 4 * z, o->x.off, o->x.sym, o->x.type,
			 o->x.addend, true);
	return r;
}

static void build_obj(struct elfgen *g, const struct obj_opts *o)
{
	uint8_t text[TEXT_SIZE], data[DATA_SIZE] = { 0 };
	struct eg_shdr sh[NSEC] = { { 0 } };
	size_t rt, nrt, rd, rc, st, str, shs, i, w;
	bool rd_rela = !o->rel_data;
	struct eg_ehdr eh = { 0 };

	memset(text, 0x90, sizeof(text));
	for (i = 8; i < DATA_SIZE; i++)
		data[i] = (uint8_t)(i - 7);
	eg_init(g, o->cls, o->be);
	w = (size_t)o->cls / 8;
	eg_reserve(g, eg_ehsize(g), 1);
	sh[S_TEXT] = (struct eg_shdr){ SHSTR(".text"), KX_SHT_PROGBITS,
		KX_SHF_ALLOC | KX_SHF_EXECINSTR, 0,
		eg_append(g, text, sizeof(text), 4), TEXT_SIZE, 0, 0, 4, 0 };
	sh[S_DATA] = (struct eg_shdr){ SHSTR(".data"), KX_SHT_PROGBITS,
		KX_SHF_ALLOC | KX_SHF_WRITE, 0,
		eg_append(g, data, sizeof(data), 8), DATA_SIZE, 0, 0, 8, 0 };
	if (o->rel_data)	/* REL: the addend 4 is in the place */
		eg_put(g, sh[S_DATA].offset, 4, 4);
	sh[S_BSS] = (struct eg_shdr){ SHSTR(".bss"), KX_SHT_NOBITS,
		KX_SHF_ALLOC | KX_SHF_WRITE, 0, g->size, BSS_SIZE, 0, 0, 16,
		0 };
	sh[S_COMMENT] = (struct eg_shdr){ SHSTR(".comment"), KX_SHT_PROGBITS,
		0, 0, eg_append(g, "GCC: 12", 8, 1), 8, 0, 0, 1, 1 };
	rt = write_text_relocs(g, o, &nrt);
	rd = eg_reserve(g, eg_relsize(g, rd_rela), 8);
	eg_reloc(g, rd, 0, Y_ENTRY, R_ABS, 4, rd_rela);
	rc = eg_reserve(g, eg_relsize(g, true), 8);
	eg_reloc(g, rc, 0, Y_UNDEF, R_ABS, 0, true);	/* never applied */
	st = eg_reserve(g, NSYM * eg_symsize(g), 8);
	write_syms(g, st);
	str = eg_append(g, strtab, sizeof(strtab), 1);
	shs = eg_append(g, shstrtab, sizeof(shstrtab), 1);
	sh[S_RTEXT] = (struct eg_shdr){ SHSTR(".rela.text"), KX_SHT_RELA, 0,
		0, rt, nrt * eg_relsize(g, true), S_SYMTAB, S_TEXT, w,
		eg_relsize(g, true) };
	sh[S_RDATA] = (struct eg_shdr){
		SHSTR(rd_rela ? ".rela.data" : ".rel.data"),
		rd_rela ? KX_SHT_RELA : KX_SHT_REL, 0, 0, rd,
		eg_relsize(g, rd_rela), S_SYMTAB, S_DATA, w,
		eg_relsize(g, rd_rela) };
	sh[S_RCOMMENT] = (struct eg_shdr){ SHSTR(".rela.comment"),
		KX_SHT_RELA, 0, 0, rc, eg_relsize(g, true), S_SYMTAB,
		S_COMMENT, w, eg_relsize(g, true) };
	sh[S_SYMTAB] = (struct eg_shdr){ SHSTR(".symtab"), KX_SHT_SYMTAB, 0,
		0, st, NSYM * eg_symsize(g), S_STRTAB, Y_ENTRY, w,
		eg_symsize(g) };
	sh[S_STRTAB] = (struct eg_shdr){ SHSTR(".strtab"), KX_SHT_STRTAB, 0,
		0, str, sizeof(strtab), 0, 0, 1, 0 };
	sh[S_SHSTR] = (struct eg_shdr){ SHSTR(".shstrtab"), KX_SHT_STRTAB, 0,
		0, shs, sizeof(shstrtab), 0, 0, 1, 0 };
	eh.shoff = eg_reserve(g, NSEC * eg_shentsize(g), 8);
	for (i = 0; i < NSEC; i++)
		eg_shdr(g, eh.shoff + i * eg_shentsize(g), &sh[i]);
	eh.type = o->type ? o->type : KX_ET_REL;
	eh.machine = o->machine ? o->machine :
		     o->cls == 64 ? KX_EM_PPC64 : KX_EM_68K;
	eh.shnum = NSEC;
	eh.shstrndx = S_SHSTR;
	eg_ehdr(g, &eh);
}

/* The fake architecture's hook. */
static int fake_apply(struct elf_rel *rel, const struct elf_reloc *r,
		      struct diag *d)
{
	size_t w = (size_t)rel->elf.elfclass / 8;
	uint64_t v = r->sym + (uint64_t)r->addend;

	if (r->loc < rel->image || r->room < 1 ||
	    r->room > rel->image_size - (size_t)(r->loc - rel->image) ||
	    r->place != rel->load_addr + (uint64_t)(r->loc - rel->image))
		return diag_fail(d, KX_EXIT_FAILURE, -EFAULT,
				 "hook got a bad place");
	switch (r->type) {
	case R_ABS:
		if (r->room < w)
			break;
		if (w == 8)
			elf_put64(&rel->elf, r->loc, v);
		else
			elf_put32(&rel->elf, r->loc, (uint32_t)v);
		return 0;
	case R_PC32:
		if (r->room < 4)
			break;
		elf_put32(&rel->elf, r->loc, (uint32_t)(v - r->place));
		return 0;
	default:
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: unknown relocation type %u against %s",
				 rel->name, r->type, r->sym_name);
	}
	return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
			 "%s: relocation type %u against %s runs past its section",
			 rel->name, r->type, r->sym_name);
}

/* Like ppc64's: the TOC base is 0x8000 past the image start. */
static int fake_prepare(struct elf_rel *rel, struct diag *d)
{
	rel->arch_word = rel->load_addr + 0x8000;
	return 0;
}

static const struct elf_rel_arch arch64 = {
	KX_EM_PPC64, 64, fake_prepare, fake_apply,
};
static const struct elf_rel_arch arch32 = {
	KX_EM_68K, 32, NULL, fake_apply,
};

static const struct elf_rel_arch *arch_for(int cls)
{
	return cls == 64 ? &arch64 : &arch32;
}

static const struct { int cls; bool be; } variants[] = {
	{ 64, false }, { 64, true }, { 32, true }, { 32, false },
};
#define NVARIANTS (sizeof(variants) / sizeof(variants[0]))

static bool msg_has(const struct diag *d, const char *s)
{
	return d->msg && strstr(d->msg, s) && strstr(d->msg, NAME);
}

static int load(const struct elfgen *g, const struct elf_rel_arch *a,
		struct elf_rel *rel, struct diag *d)
{
	return elf_rel_load(g->buf, g->size, NAME, a, rel, d);
}

static void check_layout(int cls, bool be)
{
	struct obj_opts o = { .cls = cls, .be = be };
	struct elfgen g;
	struct elf_rel rel;
	struct diag d = { 0 };
	uint64_t a;

	build_obj(&g, &o);
	CHECK_EQ(load(&g, arch_for(cls), &rel, &d), 0);
	CHECK(d.msg == NULL);
	CHECK_EQ(rel.image_size, IMAGE_SIZE);
	CHECK_EQ(rel.align, 16);
	CHECK_EQ(rel.sec_off[0], UINT64_MAX);
	CHECK_EQ(rel.sec_off[S_TEXT], OFF_TEXT);
	CHECK_EQ(rel.sec_off[S_DATA], OFF_DATA);
	CHECK_EQ(rel.sec_off[S_BSS], OFF_BSS);
	CHECK_EQ(rel.sec_off[S_COMMENT], UINT64_MAX);
	CHECK_EQ(rel.sec_off[S_SYMTAB], UINT64_MAX);
	CHECK_EQ(rel.image[OFF_TEXT + 31], 0x90);
	CHECK_EQ(rel.image[OFF_DATA + 8], 1);
	CHECK_EQ(rel.image[OFF_DATA + 23], 16);
	CHECK_EQ(rel.image[OFF_DATA + 24], 0);	/* alignment padding */
	CHECK_EQ(rel.image[OFF_BSS], 0);
	CHECK_EQ(rel.image[OFF_BSS + BSS_SIZE - 1], 0);
	CHECK_EQ(elf_rel_section_addr(&rel, ".bss", &a), 0);
	CHECK_EQ(a, OFF_BSS);
	CHECK_EQ(elf_rel_section_addr(&rel, ".comment", &a), -ENOENT);
	CHECK_EQ(elf_rel_section_addr(&rel, ".nope", &a), -ENOENT);
	CHECK_EQ(elf_rel_symbol(&rel, "params", &a, NULL), 0);
	CHECK_EQ(a, OFF_DATA + 8);
	elf_rel_free(&rel);
	eg_free(&g);
}

static void test_layout(void)
{
	size_t i;

	for (i = 0; i < NVARIANTS; i++)
		check_layout(variants[i].cls, variants[i].be);
}

/* The words the relocations wrote for a load at base. */
static void check_relocated(const struct elf_rel *rel, uint64_t base)
{
	const struct elf_info *e = &rel->elf;
	const uint8_t *t = rel->image + OFF_TEXT, *dt = rel->image + OFF_DATA;
	uint64_t a, sz;

	/* PC32: .data + 8 from text+0, counter (bss + 8) from text+4 */
	CHECK_EQ(elf_get32(e, t), OFF_DATA + 8);
	CHECK_EQ(elf_get32(e, t + 4), OFF_BSS + 8 - 4);
	if (e->elfclass == 64) {
		CHECK_EQ(elf_get64(e, t + 8), 0x1235);
		CHECK_EQ(elf_get64(e, t + 16), 5);
		CHECK_EQ(elf_get64(e, dt), base + OFF_TEXT + 4);
	} else {
		CHECK_EQ(elf_get32(e, t + 8), 0x1235);
		CHECK_EQ(elf_get32(e, t + 12), 0x90909090);
		CHECK_EQ(elf_get32(e, t + 16), 5);
		CHECK_EQ(elf_get32(e, dt), (uint32_t)(base + OFF_TEXT + 4));
	}
	CHECK_EQ(t[24], 0x90);
	CHECK_EQ(rel->load_addr, base);
	CHECK_EQ(elf_rel_symbol(rel, "entry", &a, &sz), 0);
	CHECK_EQ(a, base + OFF_TEXT);
	CHECK_EQ(sz, 16);
	CHECK_EQ(elf_rel_symbol(rel, "counter", &a, &sz), 0);
	CHECK_EQ(a, base + OFF_BSS + 8);
	CHECK_EQ(elf_rel_symbol(rel, "abs_sym", &a, &sz), 0);
	CHECK_EQ(a, 0x1234);
	CHECK_EQ(elf_rel_section_addr(rel, ".data", &a), 0);
	CHECK_EQ(a, base + OFF_DATA);
	CHECK_EQ(elf_rel_symbol(rel, "ext_undef", &a, &sz), -ENOENT);
	CHECK_EQ(elf_rel_symbol(rel, "nosuch", &a, &sz), -ENOENT);
}

static void check_two_addresses(int cls, bool be, bool rel_data)
{
	struct obj_opts o = { .cls = cls, .be = be, .rel_data = rel_data };
	uint64_t hi = cls == 64 ? 0x123400000ull : 0x7ff00000u;
	struct elfgen g;
	struct elf_rel rel, rel2;
	struct diag d = { 0 };

	build_obj(&g, &o);
	CHECK_EQ(load(&g, arch_for(cls), &rel, &d), 0);
	CHECK_EQ(elf_rel_relocate(&rel, 0x100000, &d), 0);
	check_relocated(&rel, 0x100000);
	/* again, elsewhere: same object, then a fresh load */
	CHECK_EQ(elf_rel_relocate(&rel, hi, &d), 0);
	check_relocated(&rel, hi);
	CHECK_EQ(load(&g, arch_for(cls), &rel2, &d), 0);
	CHECK_EQ(elf_rel_relocate(&rel2, hi, &d), 0);
	CHECK(!memcmp(rel.image, rel2.image, IMAGE_SIZE));
	if (d.msg)
		printf("  %s\n", d.msg);
	CHECK(d.msg == NULL);
	elf_rel_free(&rel);
	elf_rel_free(&rel2);
	eg_free(&g);
}

static void test_relocate_two_addresses(void)
{
	size_t i;

	for (i = 0; i < NVARIANTS; i++)
		check_two_addresses(variants[i].cls, variants[i].be, false);
}

/* SHT_REL: A is the 32-bit word at the place, read from the object. */
static void test_rel_addend(void)
{
	size_t i;

	for (i = 0; i < NVARIANTS; i++) {
		if (variants[i].cls == 64 && variants[i].be)
			continue;	/* an 8-byte field's first word is 0 */
		check_two_addresses(variants[i].cls, variants[i].be, true);
	}
}

static void test_symbols(void)
{
	static const uint8_t want[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
					  12, 13, 14, 15, 16 };
	uint8_t buf[16], big[16];
	struct obj_opts o = { .cls = 64, .be = true };
	struct elfgen g;
	struct elf_rel rel;
	struct diag d = { 0 };

	build_obj(&g, &o);
	CHECK_EQ(load(&g, &arch64, &rel, &d), 0);
	CHECK_EQ(elf_rel_get_symbol(&rel, "params", buf, 16, &d), 0);
	CHECK(!memcmp(buf, want, 16));
	memset(buf, 0xa5, sizeof(buf));
	CHECK_EQ(elf_rel_set_symbol(&rel, "params", buf, 16, &d), 0);
	CHECK_EQ(rel.image[OFF_DATA + 8], 0xa5);
	CHECK_EQ(rel.image[OFF_DATA + 23], 0xa5);
	CHECK_EQ(rel.image[OFF_DATA + 7], 0);
	CHECK_EQ(elf_rel_relocate(&rel, 0x200000, &d), 0);
	CHECK_EQ(elf_rel_get_symbol(&rel, "params", buf, 16, &d), 0);
	CHECK_EQ(buf[0], 0xa5);
	/* .bss, global and local */
	memset(big, 0x3c, sizeof(big));
	CHECK_EQ(elf_rel_set_symbol(&rel, "big", big, 16, &d), 0);
	CHECK_EQ(rel.image[OFF_BSS + 16], 0x3c);
	CHECK_EQ(rel.image[OFF_BSS + 31], 0x3c);
	CHECK_EQ(elf_rel_set_symbol(&rel, "counter", big, 8, &d), 0);
	CHECK_EQ(rel.image[OFF_BSS + 8], 0x3c);
	CHECK_EQ(rel.image[OFF_BSS + 7], 0);
	CHECK(d.msg == NULL);

	CHECK_EQ(elf_rel_set_symbol(&rel, "params", buf, 8, &d), -EINVAL);
	CHECK(msg_has(&d, "symbol params is 16 bytes, expected 8"));
	diag_clear(&d);
	CHECK_EQ(elf_rel_get_symbol(&rel, "params", buf, 15, &d), -EINVAL);
	diag_clear(&d);
	CHECK_EQ(elf_rel_get_symbol(&rel, "abs_sym", buf, 4, &d), -EINVAL);
	CHECK(msg_has(&d, "not in an allocated section"));
	diag_clear(&d);
	CHECK_EQ(elf_rel_set_symbol(&rel, "nosuch", buf, 4, &d), -ENOENT);
	CHECK(msg_has(&d, "no symbol nosuch"));
	diag_clear(&d);
	CHECK_EQ(elf_rel_get_symbol(&rel, "ext_undef", buf, 0, &d), -ENOENT);
	diag_clear(&d);
	CHECK_EQ(elf_rel_get_symbol(&rel, ".bss", buf, 0, &d), -ENOENT);
	diag_clear(&d);
	elf_rel_free(&rel);
	eg_free(&g);
}

/* Symbol sizes that leave their section are refused. */
static void test_symbol_outside_section(void)
{
	struct obj_opts o = { .cls = 32, .be = true };
	struct elfgen g;
	struct elf_rel rel;
	struct diag d = { 0 };
	uint8_t buf[32] = { 0 };
	size_t st;

	build_obj(&g, &o);
	/* "big" in .bss at 16, now 32 bytes: past the 32-byte section */
	CHECK_EQ(load(&g, &arch32, &rel, &d), 0);	/* finds .symtab */
	st = rel.elf.shdr[S_SYMTAB].offset;
	elf_rel_free(&rel);
	eg_sym(&g, st + Y_BIG * eg_symsize(&g), STR("big"), 16, 32,
	       SYM(STB_GLOBAL, STT_OBJECT), S_BSS);
	CHECK_EQ(load(&g, &arch32, &rel, &d), 0);
	CHECK_EQ(elf_rel_set_symbol(&rel, "big", buf, 32, &d), -EINVAL);
	CHECK(msg_has(&d, "lies outside section .bss"));
	diag_clear(&d);
	elf_rel_free(&rel);
	eg_free(&g);
}

/* Load, relocate at 0x100000, expect failure naming what. */
static void expect_reloc_fail(const struct obj_opts *o,
			      const struct elf_rel_arch *a, const char *what)
{
	struct elfgen g;
	struct elf_rel rel;
	struct diag d = { 0 };

	build_obj(&g, o);
	CHECK_EQ(load(&g, a, &rel, &d), 0);
	CHECK(elf_rel_relocate(&rel, 0x100000, &d) < 0);
	CHECK(msg_has(&d, what));
	if (!msg_has(&d, what))
		printf("  want \"%s\", got \"%s\"\n", what,
		       d.msg ? d.msg : "(none)");
	diag_clear(&d);
	elf_rel_free(&rel);
	eg_free(&g);
}

static void test_undefined_symbol(void)
{
	struct obj_opts o = { .cls = 64, .be = false,
			      .x = { true, 24, Y_UNDEF, R_ABS, 0 } };

	expect_reloc_fail(&o, &arch64, "undefined symbol ext_undef");
	o.cls = 32;
	o.be = true;
	expect_reloc_fail(&o, &arch32, "undefined symbol ext_undef");
}

/* An undefined ".TOC." is the arch_word the prepare hook set. */
static void test_toc(void)
{
	struct obj_opts o = { .cls = 64, .be = true,
			      .x = { true, 24, Y_TOC, R_PC32, 0x10 } };
	struct elf_rel_arch no_prepare = arch64;
	struct elfgen g;
	struct elf_rel rel;
	struct diag d = { 0 };

	build_obj(&g, &o);
	CHECK_EQ(load(&g, &arch64, &rel, &d), 0);
	CHECK_EQ(elf_rel_relocate(&rel, 0x300000, &d), 0);
	CHECK_EQ(rel.arch_word, 0x308000);
	CHECK_EQ(elf_get32(&rel.elf, rel.image + 24), 0x8000 + 0x10 - 24);
	elf_rel_free(&rel);
	eg_free(&g);

	no_prepare.prepare = NULL;
	expect_reloc_fail(&o, &no_prepare, "undefined symbol .TOC.");
}

static void test_bad_relocations(void)
{
	struct obj_opts o = { .cls = 64, .be = false };
	struct elfgen g;
	struct elf_rel rel;
	struct diag d = { 0 };

	o.x = (struct extra_reloc){ true, TEXT_SIZE, Y_ENTRY, R_PC32, 0 };
	expect_reloc_fail(&o, &arch64, "relocation at 0x20 lies outside section .text (0x20 bytes)");
	o.x = (struct extra_reloc){ true, UINT64_MAX, Y_ENTRY, R_PC32, 0 };
	expect_reloc_fail(&o, &arch64, "lies outside section .text");
	/* the hook sees 4 bytes of room for an 8-byte field */
	o.x = (struct extra_reloc){ true, TEXT_SIZE - 4, Y_ENTRY, R_ABS, 0 };
	expect_reloc_fail(&o, &arch64, "type 1 against entry runs past its section");
	o.x = (struct extra_reloc){ true, 24, 99, R_ABS, 0 };
	expect_reloc_fail(&o, &arch64, "refers to symbol 99 of 13");
	o.x = (struct extra_reloc){ true, 24, Y_DATA, 77, 0 };
	expect_reloc_fail(&o, &arch64, "unknown relocation type 77 against .data");
	o.cls = 32;
	o.be = true;
	o.x = (struct extra_reloc){ true, TEXT_SIZE - 2, Y_ENTRY, R_ABS, 0 };
	expect_reloc_fail(&o, &arch32, "runs past its section");

	/* a load address off the image's alignment */
	o.x.on = false;
	build_obj(&g, &o);
	CHECK_EQ(load(&g, &arch32, &rel, &d), 0);
	CHECK_EQ(elf_rel_relocate(&rel, 0x100008, &d), -EINVAL);
	CHECK(msg_has(&d, "cannot load at 0x100008 (alignment 0x10)"));
	diag_clear(&d);
	elf_rel_free(&rel);
	eg_free(&g);
}

static void test_foreign_objects(void)
{
	static const char text[] = "not an object at all";
	struct obj_opts o = { .cls = 64, .be = false };
	struct elfgen g;
	struct elf_rel rel;
	struct diag d = { 0 };

	CHECK_EQ(elf_rel_load(text, sizeof(text), NAME, &arch64, &rel, &d),
		 -EINVAL);
	CHECK(msg_has(&d, "not an ELF object"));
	diag_clear(&d);
	build_obj(&g, &o);
	CHECK_EQ(load(&g, &arch32, &rel, &d), -EINVAL);
	CHECK(msg_has(&d, "ELF64 object for machine 21, expected ELF32 for machine 4"));
	diag_clear(&d);
	eg_free(&g);
	o.type = KX_ET_EXEC;
	build_obj(&g, &o);
	CHECK_EQ(load(&g, &arch64, &rel, &d), -EINVAL);
	CHECK(msg_has(&d, "not a relocatable ELF object (type 2)"));
	diag_clear(&d);
	CHECK(rel.image == NULL && rel.sec_off == NULL);
	eg_free(&g);
}

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* Load, relocate and use a damaged object: fail or not, never crash. */
static int exercise(const uint8_t *buf, size_t len,
		    const struct elf_rel_arch *a)
{
	uint8_t *copy = malloc(len ? len : 1), tmp[16];
	struct elf_rel rel;
	struct diag d = { 0 };
	uint64_t v;
	int rc, bad = 0;

	memcpy(copy, buf, len);
	rc = elf_rel_load(copy, len, NAME, a, &rel, &d);
	if (!rc) {
		rc = elf_rel_relocate(&rel, 0x100000, &d);
		(void)elf_rel_get_symbol(&rel, "params", tmp, 16, &d);
		(void)elf_rel_set_symbol(&rel, "big", tmp, 16, &d);
		(void)elf_rel_symbol(&rel, "entry", &v, NULL);
		(void)elf_rel_section_addr(&rel, ".bss", &v);
		elf_rel_free(&rel);
	}
	if (rc && !d.msg)
		bad = 1;
	diag_clear(&d);
	free(copy);
	return bad;
}

static void test_truncated_and_fuzzed(void)
{
	struct obj_opts o = { 0 };
	struct elfgen g;
	uint32_t seed = 7;
	size_t v, len, i, k;
	int bad = 0;

	for (v = 0; v < NVARIANTS; v++) {
		o.cls = variants[v].cls;
		o.be = variants[v].be;
		build_obj(&g, &o);
		for (len = 0; len < g.size; len++)
			bad += exercise(g.buf, len, arch_for(o.cls));
		for (i = 0; i < 3000; i++) {
			uint8_t *b = malloc(g.size);

			memcpy(b, g.buf, g.size);
			for (k = 0; k < 1 + lcg(&seed) % 3; k++)
				b[lcg(&seed) % g.size] = (uint8_t)lcg(&seed);
			bad += exercise(b, g.size, arch_for(o.cls));
			free(b);
		}
		eg_free(&g);
	}
	CHECK_EQ(bad, 0);
}

int main(void)
{
	RUN(test_layout);
	RUN(test_relocate_two_addresses);
	RUN(test_rel_addend);
	RUN(test_symbols);
	RUN(test_symbol_outside_section);
	RUN(test_undefined_symbol);
	RUN(test_toc);
	RUN(test_bad_relocations);
	RUN(test_foreign_objects);
	RUN(test_truncated_and_fuzzed);
	return check_done();
}
