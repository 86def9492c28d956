// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-elf.c - elf_parse() on executables built in the test: the valid
 * ELF32/ELF64 images in both byte orders, then each kind of damage, every
 * truncation and random corruption (run under ASan: no access may leave
 * the buffer, which is copied to an exact-size allocation each time).
 */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "elf.h"
#include "elfgen-writer.h"

#define PATH "k.elf"

struct exec_img {
	struct elfgen g;
	struct eg_ehdr eh;
	struct eg_phdr ph[2];
	struct eg_shdr sh[4];
};

static const char shstr[] = "\0.text\0.bss\0.shstrtab";

static void exec_write(struct exec_img *x)
{
	size_t i;

	eg_ehdr(&x->g, &x->eh);
	for (i = 0; i < 2; i++)
		eg_phdr(&x->g, x->eh.phoff + i * eg_phentsize(&x->g),
			&x->ph[i]);
	for (i = 0; i < 4; i++)
		eg_shdr(&x->g, x->eh.shoff + i * eg_shentsize(&x->g),
			&x->sh[i]);
}

/* ehdr, 2 phdrs, 0x40 bytes of text, a 16-byte note, .shstrtab, shdrs. */
static void exec_build(struct exec_img *x, int cls, bool be)
{
	uint64_t base = cls == 64 ? 0xc000000000000000ull : 0xc0000000u;
	uint8_t text[0x40], note[16];
	size_t t, n, s, i;

	for (i = 0; i < sizeof(text); i++)
		text[i] = (uint8_t)(i * 7 + 1);
	memset(note, 0x4e, sizeof(note));
	memset(x, 0, sizeof(*x));
	eg_init(&x->g, cls, be);
	eg_reserve(&x->g, eg_ehsize(&x->g), 1);
	x->eh.phoff = eg_reserve(&x->g, 2 * eg_phentsize(&x->g), 8);
	t = eg_append(&x->g, text, sizeof(text), 16);
	n = eg_append(&x->g, note, sizeof(note), 4);
	s = eg_append(&x->g, shstr, sizeof(shstr), 1);
	x->eh.shoff = eg_reserve(&x->g, 4 * eg_shentsize(&x->g), 8);
	x->eh.type = KX_ET_EXEC;
	x->eh.machine = cls == 64 ? KX_EM_PPC64 : KX_EM_68K;
	x->eh.entry = base + 0x1000;
	x->eh.phnum = 2;
	x->eh.shnum = 4;
	x->eh.shstrndx = 3;
	x->ph[0] = (struct eg_phdr){ KX_PT_LOAD, 5, t, base + 0x1000, 0x1000,
				     sizeof(text), 0x80, 0x1000 };
	x->ph[1] = (struct eg_phdr){ KX_PT_NOTE, 4, n, 0, 0, sizeof(note),
				     sizeof(note), 4 };
	x->sh[1] = (struct eg_shdr){ 1, KX_SHT_PROGBITS,
				     KX_SHF_ALLOC | KX_SHF_EXECINSTR,
				     base + 0x1000, t, sizeof(text), 0, 0,
				     16, 0 };
	/* NOBITS: its offset and size are not file contents */
	x->sh[2] = (struct eg_shdr){ 7, KX_SHT_NOBITS,
				     KX_SHF_ALLOC | KX_SHF_WRITE,
				     base + 0x1040, 0xfffffff0u, 0x10000000,
				     0, 0, 64, 0 };
	x->sh[3] = (struct eg_shdr){ 12, KX_SHT_STRTAB, 0, 0, s,
				     sizeof(shstr), 0, 0, 1, 0 };
	exec_write(x);
}

/* Parse the first len bytes of x from an exact-size copy. */
static int parse_len(const struct exec_img *x, size_t len,
		     struct elf_info *e, struct diag *d)
{
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, x->g.buf, len);
	rc = elf_parse(copy, len, PATH, e, d);
	if (!rc) {
		/* keep e usable: point it at the original bytes */
		e->data = x->g.buf;
	}
	free(copy);
	return rc;
}

static int parse_x(const struct exec_img *x, struct elf_info *e,
		   struct diag *d)
{
	return parse_len(x, x->g.size, e, d);
}

static bool msg_has(const struct diag *d, const char *s)
{
	return d->msg && strstr(d->msg, s) && strstr(d->msg, PATH);
}

static const struct { int cls; bool be; } variants[] = {
	{ 32, true }, { 64, false }, { 64, true }, { 32, false },
};
#define NVARIANTS (sizeof(variants) / sizeof(variants[0]))

static void check_valid(int cls, bool be)
{
	struct exec_img x;
	struct elf_info e;
	struct diag d = { 0 };
	const struct elf_shdr *s;
	uint64_t base = cls == 64 ? 0xc000000000000000ull : 0xc0000000u;

	exec_build(&x, cls, be);
	CHECK_EQ(parse_x(&x, &e, &d), 0);
	CHECK(d.msg == NULL);
	if (d.msg) {
		printf("  ELF%d %s: %s\n", cls, be ? "BE" : "LE", d.msg);
		diag_clear(&d);
		eg_free(&x.g);
		return;
	}
	CHECK_EQ(e.elfclass, cls);
	CHECK_EQ(e.big_endian, be);
	CHECK_EQ(e.type, KX_ET_EXEC);
	CHECK_EQ(e.machine, cls == 64 ? KX_EM_PPC64 : KX_EM_68K);
	CHECK_EQ(e.entry, base + 0x1000);
	CHECK_EQ(e.phnum, 2);
	CHECK_EQ(e.phdr[0].type, KX_PT_LOAD);
	CHECK_EQ(e.phdr[0].flags, 5);
	CHECK_EQ(e.phdr[0].offset, x.ph[0].offset);
	CHECK_EQ(e.phdr[0].vaddr, base + 0x1000);
	CHECK_EQ(e.phdr[0].paddr, 0x1000);
	CHECK_EQ(e.phdr[0].filesz, 0x40);
	CHECK_EQ(e.phdr[0].memsz, 0x80);
	CHECK_EQ(e.phdr[0].align, 0x1000);
	CHECK_EQ(e.phdr[1].type, KX_PT_NOTE);
	CHECK_EQ(e.shnum, 4);
	CHECK_EQ(e.shstrndx, 3);
	CHECK_STR(elf_section_name(&e, &e.shdr[0]), "");
	CHECK_STR(elf_section_name(&e, &e.shdr[1]), ".text");
	CHECK_STR(elf_section_name(&e, &e.shdr[3]), ".shstrtab");
	s = elf_find_section(&e, ".bss");
	CHECK(s == &e.shdr[2]);
	if (s) {
		CHECK_EQ(s->type, KX_SHT_NOBITS);
		CHECK_EQ(s->size, 0x10000000);
		CHECK_EQ(s->flags, KX_SHF_ALLOC | KX_SHF_WRITE);
		CHECK_EQ(s->addralign, 64);
	}
	CHECK(elf_find_section(&e, ".data") == NULL);
	CHECK_EQ(e.data[e.phdr[0].offset + 1], 8);
	elf_info_free(&e);
	eg_free(&x.g);
}

static void test_valid_variants(void)
{
	size_t i;

	for (i = 0; i < NVARIANTS; i++)
		check_valid(variants[i].cls, variants[i].be);
}

static void test_not_elf(void)
{
	static const char text[] = "#!/bin/sh\necho not an ELF file\n";
	struct elf_info e;
	struct diag d = { 0 };

	CHECK_EQ(elf_parse(text, sizeof(text), PATH, &e, &d), -ENOEXEC);
	CHECK_EQ(elf_parse(text, 0, PATH, &e, &d), -ENOEXEC);
	CHECK_EQ(elf_parse("\177EL", 3, PATH, &e, &d), -ENOEXEC);
	CHECK(d.msg == NULL);
	CHECK(e.phdr == NULL && e.shdr == NULL);
}

/* Every proper prefix of a valid image fails cleanly, naming truncation. */
static void test_truncated_everywhere(void)
{
	struct exec_img x;
	struct elf_info e;
	size_t i, len;
	int rc, bad = 0;

	for (i = 0; i < NVARIANTS; i++) {
		exec_build(&x, variants[i].cls, variants[i].be);
		for (len = 0; len < x.g.size; len++) {
			struct diag d = { 0 };

			rc = parse_len(&x, len, &e, &d);
			if (len < 4 ? rc != -ENOEXEC || d.msg :
			    rc != -EINVAL || !msg_has(&d, "truncated ELF file")) {
				if (!bad++)
					printf("  len %zu: rc %d: %s\n", len,
					       rc, d.msg ? d.msg : "(none)");
			}
			diag_clear(&d);
		}
		eg_free(&x.g);
	}
	CHECK_EQ(bad, 0);
}

/* The message names the part that is cut, at each header boundary. */
static void test_truncated_boundaries(void)
{
	struct exec_img x;
	struct elf_info e;
	struct diag d = { 0 };

	exec_build(&x, 64, false);
	CHECK_EQ(parse_len(&x, 10, &e, &d), -EINVAL);
	CHECK(msg_has(&d, "identification"));
	diag_clear(&d);
	CHECK_EQ(parse_len(&x, 63, &e, &d), -EINVAL);
	CHECK(msg_has(&d, "ELF header runs past the end (file is 63 bytes)"));
	diag_clear(&d);
	CHECK_EQ(parse_len(&x, 64, &e, &d), -EINVAL);
	CHECK(msg_has(&d, "program header table at 0x40 runs past the end (file is 64 bytes)"));
	diag_clear(&d);
	CHECK_EQ(parse_len(&x, x.ph[0].offset + 1, &e, &d), -EINVAL);
	CHECK(msg_has(&d, "section header table"));
	diag_clear(&d);
	CHECK_EQ(parse_len(&x, x.eh.shoff + 64 * 3 + 63, &e, &d), -EINVAL);
	CHECK(msg_has(&d, "section header table"));
	diag_clear(&d);
	eg_free(&x.g);
}

/* Parse x as it is; it must fail with a message containing what. */
static void expect_bad_raw(struct exec_img *x, const char *what)
{
	struct elf_info e;
	struct diag d = { 0 };

	CHECK_EQ(parse_x(x, &e, &d), -EINVAL);
	CHECK(msg_has(&d, what));
	if (!msg_has(&d, what))
		printf("  want \"%s\", got \"%s\"\n", what,
		       d.msg ? d.msg : "(none)");
	CHECK(e.phdr == NULL && e.shdr == NULL);
	diag_clear(&d);
}

/* Write the headers of x, then as expect_bad_raw(). */
static void expect_bad(struct exec_img *x, const char *what)
{
	exec_write(x);
	expect_bad_raw(x, what);
}

/* Moving a table: only the ELF header is rewritten. */
static void expect_bad_ehdr(struct exec_img *x, const char *what)
{
	eg_ehdr(&x->g, &x->eh);
	expect_bad_raw(x, what);
}

static void test_phdr_table_outside(void)
{
	struct exec_img x;
	char want[120];

	exec_build(&x, 64, true);
	x.eh.phoff = x.g.size - 10;
	snprintf(want, sizeof(want),
		 "program header table at 0x%llx runs past the end (file is %zu bytes)",
		 (unsigned long long)x.eh.phoff, x.g.size);
	expect_bad_ehdr(&x, want);
	x.eh.phoff = UINT64_MAX - 8;		/* offset + length wraps */
	expect_bad_ehdr(&x, "program header table at 0xfffffffffffffff7");
	eg_free(&x.g);

	exec_build(&x, 32, true);
	x.eh.phoff = 0xffffffe0u;
	expect_bad_ehdr(&x, "program header table at 0xffffffe0");
	eg_free(&x.g);
}

static void test_shdr_table_outside(void)
{
	struct exec_img x;

	exec_build(&x, 64, false);
	x.eh.shoff = UINT64_MAX - 63;
	expect_bad_ehdr(&x, "section header table at 0xffffffffffffffc0");
	x.eh.shoff = x.g.size - 64 * 4 + 1;
	expect_bad_ehdr(&x, "section header table at");
	eg_free(&x.g);
}

static void test_load_beyond_file(void)
{
	struct exec_img x;

	exec_build(&x, 64, false);
	x.ph[0].filesz = x.g.size;
	x.ph[0].memsz = 2 * x.g.size;
	expect_bad(&x, "truncated ELF file: segment 0");
	x.ph[0].offset = UINT64_MAX - 0x10;	/* offset + filesz wraps */
	x.ph[0].filesz = 0x40;
	expect_bad(&x, "segment 0 at 0xffffffffffffffef");
	eg_free(&x.g);

	/* a PT_NOTE's file bytes are not checked */
	exec_build(&x, 32, true);
	x.ph[1].offset = 0x7fffffff;
	exec_write(&x);
	{
		struct elf_info e;
		struct diag d = { 0 };

		CHECK_EQ(parse_x(&x, &e, &d), 0);
		elf_info_free(&e);
	}
	eg_free(&x.g);
}

static void test_filesz_over_memsz(void)
{
	struct exec_img x;

	exec_build(&x, 32, true);
	x.ph[0].memsz = 0x3f;
	expect_bad(&x, "segment 0 has a file size 0x40 larger than its memory size 0x3f");
	eg_free(&x.g);
}

static void test_segment_wraps(void)
{
	struct exec_img x;

	exec_build(&x, 32, true);
	x.ph[0].paddr = 0xfffff000u;
	x.ph[0].memsz = 0x2000;
	expect_bad(&x, "wraps around");
	eg_free(&x.g);
	exec_build(&x, 64, true);
	x.ph[0].vaddr = UINT64_MAX - 0x10;
	expect_bad(&x, "wraps around");
	eg_free(&x.g);
}

static void test_bad_shstrndx(void)
{
	struct exec_img x;

	exec_build(&x, 64, false);
	x.eh.shstrndx = 4;
	expect_bad(&x, "section-name table index 4 is out of range (4 sections)");
	x.eh.shstrndx = 1;
	expect_bad(&x, "is not a string table");
	eg_free(&x.g);
}

static void test_bad_sizes_and_ident(void)
{
	struct exec_img x;
	size_t q = 24 + 3 * 8 + 4;		/* e_ehsize in ELF64 */

	exec_build(&x, 64, false);
	eg_put(&x.g, q + 2, 32, 2);		/* e_phentsize */
	expect_bad_raw(&x, "program header entry size 32 (expected 56)");
	eg_put(&x.g, q + 2, 56, 2);
	eg_put(&x.g, q + 6, 40, 2);		/* e_shentsize */
	expect_bad_raw(&x, "section header entry size 40 (expected 64)");
	eg_put(&x.g, q + 6, 64, 2);
	eg_put(&x.g, q, 52, 2);			/* e_ehsize */
	expect_bad_raw(&x, "bad ELF header size 52");
	eg_free(&x.g);

	exec_build(&x, 32, true);
	x.g.buf[4] = 3;
	expect_bad_raw(&x, "unsupported ELF class 3");
	x.g.buf[4] = 1;
	x.g.buf[5] = 0;
	expect_bad_raw(&x, "unsupported ELF byte order 0");
	x.g.buf[5] = 2;
	x.g.buf[6] = 2;
	expect_bad_raw(&x, "unsupported ELF version 2");
	x.g.buf[6] = 1;
	eg_put(&x.g, 20, 7, 4);			/* e_version */
	expect_bad_raw(&x, "e_version");
	eg_free(&x.g);
}

static void test_section_contents_outside(void)
{
	struct exec_img x;

	exec_build(&x, 64, true);
	x.sh[1].offset = x.g.size - 0x20;
	expect_bad(&x, "section 1 at");
	x.sh[1].offset = UINT64_MAX;
	expect_bad(&x, "section 1 at 0xffffffffffffffff");
	eg_free(&x.g);
}

static void test_section_name_bounds(void)
{
	struct exec_img x;
	struct elf_info e;
	struct diag d = { 0 };

	exec_build(&x, 32, false);
	x.sh[1].name = 1000;			/* past the table */
	x.sh[3].size = sizeof(shstr) - 1;	/* ".shstrtab" loses its NUL */
	exec_write(&x);
	CHECK_EQ(parse_x(&x, &e, &d), 0);
	CHECK_STR(elf_section_name(&e, &e.shdr[1]), "");
	CHECK_STR(elf_section_name(&e, &e.shdr[2]), ".bss");
	CHECK_STR(elf_section_name(&e, &e.shdr[3]), "");
	CHECK(elf_find_section(&e, ".shstrtab") == NULL);
	elf_info_free(&e);

	x.sh[3].size = sizeof(shstr);		/* no section-name table */
	x.eh.shstrndx = 0;
	exec_write(&x);
	CHECK_EQ(parse_x(&x, &e, &d), 0);
	CHECK_STR(elf_section_name(&e, &e.shdr[2]), "");
	elf_info_free(&e);
	CHECK(d.msg == NULL);
	eg_free(&x.g);
}

static void test_extended_numbering(void)
{
	struct exec_img x;
	struct elf_info e;
	struct diag d = { 0 };

	exec_build(&x, 64, true);
	x.eh.phnum = 0xffff;			/* PN_XNUM */
	x.eh.shnum = 0;
	x.eh.shstrndx = 0xffff;			/* SHN_XINDEX */
	x.sh[0].info = 2;
	x.sh[0].size = 4;
	x.sh[0].link = 3;
	exec_write(&x);
	CHECK_EQ(parse_x(&x, &e, &d), 0);
	CHECK_EQ(e.phnum, 2);
	CHECK_EQ(e.shnum, 4);
	CHECK_EQ(e.shstrndx, 3);
	CHECK_STR(elf_section_name(&e, &e.shdr[1]), ".text");
	elf_info_free(&e);
	CHECK(d.msg == NULL);

	x.sh[0].size = 1ull << 40;		/* absurd section count */
	exec_write(&x);
	CHECK_EQ(parse_x(&x, &e, &d), -EINVAL);
	CHECK(msg_has(&d, "absurd ELF section header count"));
	diag_clear(&d);

	x.sh[0].size = 4;
	x.sh[0].info = 0x7fffffff;		/* absurd segment count */
	exec_write(&x);
	CHECK_EQ(parse_x(&x, &e, &d), -EINVAL);
	CHECK(msg_has(&d, "absurd ELF program header count"));
	diag_clear(&d);

	x.eh.shoff = 0;				/* nowhere to find them */
	expect_bad_ehdr(&x, "extended ELF numbering");
	eg_free(&x.g);
}

static void test_byte_order_helpers(void)
{
	struct elf_info le = { .big_endian = false };
	struct elf_info be = { .big_endian = true };
	uint8_t b[8];

	elf_put64(&be, b, 0x0102030405060708ull);
	CHECK_EQ(b[0], 1);
	CHECK_EQ(b[7], 8);
	CHECK_EQ(elf_get64(&be, b), 0x0102030405060708ull);
	CHECK_EQ(elf_get64(&le, b), 0x0807060504030201ull);
	CHECK_EQ(elf_get32(&be, b + 4), 0x05060708);
	CHECK_EQ(elf_get16(&le, b + 2), 0x0403);
	elf_put32(&le, b, 0xdeadbeef);
	CHECK_EQ(b[0], 0xef);
	CHECK_EQ(elf_get32(&le, b), 0xdeadbeef);
	elf_put16(&be, b, 0xa1b2);
	CHECK_EQ(b[0], 0xa1);
	CHECK_EQ(elf_get16(&be, b), 0xa1b2);
	elf_put16(&le, b, 0xa1b2);
	CHECK_EQ(b[0], 0xb2);
	elf_put64(&le, b, 0x1122334455667788ull);
	CHECK_EQ(b[0], 0x88);
	CHECK_EQ(elf_get64(&le, b), 0x1122334455667788ull);
}

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* Random damage to the headers must never crash or read out of bounds. */
static void test_fuzz_corruption(void)
{
	struct exec_img x;
	struct elf_info e;
	uint32_t seed = 1;
	size_t v, i, k, hdr;
	int rc, bad = 0;

	for (v = 0; v < NVARIANTS; v++) {
		for (i = 0; i < 4000; i++) {
			struct diag d = { 0 };
			size_t len;

			exec_build(&x, variants[v].cls, variants[v].be);
			hdr = x.g.size;
			for (k = 0; k < 1 + lcg(&seed) % 4; k++)
				x.g.buf[lcg(&seed) % hdr] = (uint8_t)lcg(&seed);
			len = x.g.size - lcg(&seed) % 3 * (lcg(&seed) % 16);
			rc = parse_len(&x, len, &e, &d);
			if (!rc) {
				for (k = 0; k < e.shnum; k++)
					(void)strlen(elf_section_name(&e, &e.shdr[k]));
				(void)elf_find_section(&e, ".text");
				elf_info_free(&e);
			}
			if (rc && rc != -EINVAL && rc != -ENOEXEC)
				bad++;
			if ((rc == -EINVAL) != (d.msg != NULL))
				bad++;
			diag_clear(&d);
			eg_free(&x.g);
		}
	}
	CHECK_EQ(bad, 0);
}

static uint64_t paddr_of(const struct elf_phdr *ph)
{
	return ph->paddr;
}

/* Overlapping PT_LOADs found in any order among many, by sorting. */
static void test_loads_disjoint(void)
{
	struct elf_info e = { 0 };
	size_t i, n = 50000;

	e.phdr = calloc(n, sizeof(*e.phdr));
	CHECK(e.phdr != NULL);
	if (!e.phdr)
		return;
	e.phnum = n;
	for (i = 0; i < n; i++) {
		/* Reverse order, with a gap and a zero-size one. */
		e.phdr[i].type = KX_PT_LOAD;
		e.phdr[i].paddr = (n - i) * 0x2000;
		e.phdr[i].memsz = i == 7 ? 0 : 0x1000;
	}
	CHECK_EQ(elf_check_loads_disjoint(&e, paddr_of), 0);
	e.phdr[100].memsz = 0x2001;	/* touches its upper neighbour */
	CHECK_EQ(elf_check_loads_disjoint(&e, paddr_of), -EINVAL);
	e.phdr[100].memsz = 0x2000;	/* ends where it starts: fine */
	CHECK_EQ(elf_check_loads_disjoint(&e, paddr_of), 0);
	e.phdr[100].type = 2;		/* not a PT_LOAD: ignored */
	e.phdr[100].memsz = 0x100000;
	CHECK_EQ(elf_check_loads_disjoint(&e, paddr_of), 0);
	e.phdr[5].paddr = UINT64_MAX - 0x10;	/* wraps */
	CHECK_EQ(elf_check_loads_disjoint(&e, paddr_of), -EINVAL);
	free(e.phdr);
}

int main(void)
{
	RUN(test_valid_variants);
	RUN(test_not_elf);
	RUN(test_truncated_everywhere);
	RUN(test_truncated_boundaries);
	RUN(test_phdr_table_outside);
	RUN(test_shdr_table_outside);
	RUN(test_load_beyond_file);
	RUN(test_filesz_over_memsz);
	RUN(test_segment_wraps);
	RUN(test_bad_shstrndx);
	RUN(test_bad_sizes_and_ident);
	RUN(test_section_contents_outside);
	RUN(test_section_name_bounds);
	RUN(test_extended_numbering);
	RUN(test_byte_order_helpers);
	RUN(test_fuzz_corruption);
	RUN(test_loads_disjoint);
	return check_done();
}
