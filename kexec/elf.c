// SPDX-License-Identifier: GPL-2.0-only
/*
 * elf.c - ELF32/ELF64 header parsing in either byte order, from a buffer.
 *
 * Every offset and count read from the file is checked against the buffer
 * (without integer overflow) before it is used; the headers are converted
 * into the host-order tables of struct elf_info.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"

#define EI_CLASS_	4
#define EI_DATA_	5
#define EI_VERSION_	6
#define EI_NIDENT_	16
#define ELFCLASS32_	1
#define ELFCLASS64_	2
#define ELFDATA2LSB_	1
#define ELFDATA2MSB_	2
#define EV_CURRENT_	1
#define PN_XNUM_	0xffff
#define SHN_LORESERVE_	0xff00
#define SHN_XINDEX_	0xffff

/* More entries than any real file has; a guard against absurd counts. */
#define ELF_MAX_ENTRIES_ 0x100000

/* Sizes and field offsets that differ between the two classes. */
struct elf_layout_ {
	size_t ehsize, phentsize, shentsize;
};

static const struct elf_layout_ layout32_ = { 52, 32, 40 };
static const struct elf_layout_ layout64_ = { 64, 56, 64 };

uint16_t elf_get16(const struct elf_info *e, const void *p)
{
	const uint8_t *b = p;

	if (e->big_endian)
		return (uint16_t)(b[0] << 8 | b[1]);
	return (uint16_t)(b[1] << 8 | b[0]);
}

uint32_t elf_get32(const struct elf_info *e, const void *p)
{
	const uint8_t *b = p;

	if (e->big_endian)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		       (uint32_t)b[2] << 8 | b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[1] << 8 | b[0];
}

uint64_t elf_get64(const struct elf_info *e, const void *p)
{
	const uint8_t *b = p;
	uint64_t hi = elf_get32(e, b), lo = elf_get32(e, b + 4);

	if (!e->big_endian) {
		uint64_t t = hi;

		hi = lo;
		lo = t;
	}
	return hi << 32 | lo;
}

void elf_put16(const struct elf_info *e, void *p, uint16_t v)
{
	uint8_t *b = p;

	b[e->big_endian ? 0 : 1] = (uint8_t)(v >> 8);
	b[e->big_endian ? 1 : 0] = (uint8_t)v;
}

void elf_put32(const struct elf_info *e, void *p, uint32_t v)
{
	uint8_t *b = p;
	int i;

	for (i = 0; i < 4; i++)
		b[e->big_endian ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

void elf_put64(const struct elf_info *e, void *p, uint64_t v)
{
	uint8_t *b = p;
	int i;

	for (i = 0; i < 8; i++)
		b[e->big_endian ? 7 - i : i] = (uint8_t)(v >> (8 * i));
}

/* A word of the class: 32 bits in ELF32, 64 bits in ELF64. */
static uint64_t get_word_(const struct elf_info *e, const uint8_t *p)
{
	return e->elfclass == 64 ? elf_get64(e, p) : elf_get32(e, p);
}

/* Is [off, off + len) inside a buffer of size bytes? */
static bool in_file_(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static int bad_(struct diag *d, const char *path, const char *what)
{
	return diag_fail(d, KX_EXIT_INPUT, -EINVAL, "%s: %s", path, what);
}

/* Check e_ident; -ENOEXEC for non-ELF data. */
static int parse_ident_(const uint8_t *b, size_t size, const char *path,
			struct elf_info *e, struct diag *d)
{
	if (size < 4 || memcmp(b, "\177ELF", 4))
		return -ENOEXEC;
	if (size < EI_NIDENT_)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: truncated ELF file: identification runs past the end (file is %zu bytes)",
				 path, size);
	if (b[EI_CLASS_] != ELFCLASS32_ && b[EI_CLASS_] != ELFCLASS64_)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: unsupported ELF class %u", path,
				 b[EI_CLASS_]);
	if (b[EI_DATA_] != ELFDATA2LSB_ && b[EI_DATA_] != ELFDATA2MSB_)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: unsupported ELF byte order %u", path,
				 b[EI_DATA_]);
	if (b[EI_VERSION_] != EV_CURRENT_)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: unsupported ELF version %u", path,
				 b[EI_VERSION_]);
	e->elfclass = b[EI_CLASS_] == ELFCLASS64_ ? 64 : 32;
	e->big_endian = b[EI_DATA_] == ELFDATA2MSB_;
	return 0;
}

/* The raw counts and offsets of the ELF header. */
struct elf_ehdr_ {
	uint64_t phoff, shoff;
	size_t ehsize, phentsize, shentsize;
	size_t phnum, shnum, shstrndx;
};

static void read_ehdr_(struct elf_info *e, struct elf_ehdr_ *h)
{
	const uint8_t *b = e->data;
	size_t w = e->elfclass == 64 ? 8 : 4;	/* entry, phoff, shoff */
	const uint8_t *q = b + 24 + 3 * w + 4;	/* e_ehsize */

	e->type = elf_get16(e, b + 16);
	e->machine = elf_get16(e, b + 18);
	e->entry = get_word_(e, b + 24);
	h->phoff = get_word_(e, b + 24 + w);
	h->shoff = get_word_(e, b + 24 + 2 * w);
	e->flags = elf_get32(e, b + 24 + 3 * w);
	h->ehsize = elf_get16(e, q);
	h->phentsize = elf_get16(e, q + 2);
	h->phnum = elf_get16(e, q + 4);
	h->shentsize = elf_get16(e, q + 6);
	h->shnum = elf_get16(e, q + 8);
	h->shstrndx = elf_get16(e, q + 10);
}

/* Check that a table of num entries of entsize at off lies in the file. */
static int check_table_(const struct elf_info *e, const char *path,
			const char *what, uint64_t off, size_t num,
			size_t entsize, size_t want, struct diag *d)
{
	if (!num)
		return 0;
	if (entsize != want)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: bad ELF %s entry size %zu (expected %zu)",
				 path, what, entsize, want);
	if (num > ELF_MAX_ENTRIES_)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: absurd ELF %s count %zu", path, what,
				 num);
	if (!in_file_(off, (uint64_t)num * entsize, e->size))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: truncated ELF file: %s table at 0x%llx runs past the end (file is %zu bytes)",
				 path, what, (unsigned long long)off,
				 e->size);
	return 0;
}

/*
 * Resolve the extended numbering: when a count or index does not fit in
 * the ELF header, section header 0 holds it (PN_XNUM, SHN_XINDEX, and
 * e_shnum == 0 with a section table).
 */
static int read_extended_(const struct elf_info *e, const char *path,
			  struct elf_ehdr_ *h, const struct elf_layout_ *l,
			  struct diag *d)
{
	const uint8_t *s0;
	bool xsh = !h->shnum && h->shoff;

	if (!xsh && h->phnum != PN_XNUM_ && h->shstrndx != SHN_XINDEX_)
		return 0;
	if (!h->shoff)
		return bad_(d, path,
			    "extended ELF numbering without a section header table");
	if (h->shentsize != l->shentsize)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: bad ELF section header entry size %zu (expected %zu)",
				 path, h->shentsize, l->shentsize);
	if (!in_file_(h->shoff, h->shentsize, e->size))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: truncated ELF file: section header table at 0x%llx runs past the end (file is %zu bytes)",
				 path, (unsigned long long)h->shoff, e->size);
	s0 = e->data + h->shoff;
	if (xsh) {
		uint64_t n = get_word_(e, s0 + (e->elfclass == 64 ? 32 : 20));

		h->shnum = n > ELF_MAX_ENTRIES_ ? ELF_MAX_ENTRIES_ + 1 : n;
	}
	if (h->phnum == PN_XNUM_)
		h->phnum = elf_get32(e, s0 + (e->elfclass == 64 ? 44 : 28));
	if (h->shstrndx == SHN_XINDEX_)
		h->shstrndx = elf_get32(e, s0 + (e->elfclass == 64 ? 40 : 24));
	return 0;
}

static void read_phdr_(const struct elf_info *e, const uint8_t *p,
		       struct elf_phdr *ph)
{
	ph->type = elf_get32(e, p);
	if (e->elfclass == 64) {
		ph->flags = elf_get32(e, p + 4);
		ph->offset = elf_get64(e, p + 8);
		ph->vaddr = elf_get64(e, p + 16);
		ph->paddr = elf_get64(e, p + 24);
		ph->filesz = elf_get64(e, p + 32);
		ph->memsz = elf_get64(e, p + 40);
		ph->align = elf_get64(e, p + 48);
	} else {
		ph->offset = elf_get32(e, p + 4);
		ph->vaddr = elf_get32(e, p + 8);
		ph->paddr = elf_get32(e, p + 12);
		ph->filesz = elf_get32(e, p + 16);
		ph->memsz = elf_get32(e, p + 20);
		ph->flags = elf_get32(e, p + 24);
		ph->align = elf_get32(e, p + 28);
	}
}

static void read_shdr_(const struct elf_info *e, const uint8_t *p,
		       struct elf_shdr *sh)
{
	size_t w = e->elfclass == 64 ? 8 : 4;

	sh->name = elf_get32(e, p);
	sh->type = elf_get32(e, p + 4);
	sh->flags = get_word_(e, p + 8);
	sh->addr = get_word_(e, p + 8 + w);
	sh->offset = get_word_(e, p + 8 + 2 * w);
	sh->size = get_word_(e, p + 8 + 3 * w);
	sh->link = elf_get32(e, p + 8 + 4 * w);
	sh->info = elf_get32(e, p + 12 + 4 * w);
	sh->addralign = get_word_(e, p + 16 + 4 * w);
	sh->entsize = get_word_(e, p + 16 + 5 * w);
}

/* A PT_LOAD's file bytes must be in the file and no more than memsz. */
static int check_load_(const struct elf_info *e, const char *path, size_t i,
		       struct diag *d)
{
	const struct elf_phdr *ph = &e->phdr[i];
	uint64_t lim = e->elfclass == 64 ? UINT64_MAX : UINT32_MAX;

	if (!in_file_(ph->offset, ph->filesz, e->size))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: truncated ELF file: segment %zu at 0x%llx, 0x%llx bytes, runs past the end (file is %zu bytes)",
				 path, i, (unsigned long long)ph->offset,
				 (unsigned long long)ph->filesz, e->size);
	if (ph->filesz > ph->memsz)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF segment %zu has a file size 0x%llx larger than its memory size 0x%llx",
				 path, i, (unsigned long long)ph->filesz,
				 (unsigned long long)ph->memsz);
	if (ph->memsz > lim - ph->paddr || ph->memsz > lim - ph->vaddr)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF segment %zu at 0x%llx, 0x%llx bytes, wraps around the address space",
				 path, i, (unsigned long long)ph->paddr,
				 (unsigned long long)ph->memsz);
	return 0;
}

static int read_phdrs_(struct elf_info *e, const char *path,
		       const struct elf_ehdr_ *h, struct diag *d)
{
	size_t i;
	int rc;

	if (!h->phnum)
		return 0;
	e->phdr = calloc(h->phnum, sizeof(*e->phdr));
	if (!e->phdr)
		return -ENOMEM;
	e->phnum = h->phnum;
	for (i = 0; i < e->phnum; i++) {
		read_phdr_(e, e->data + h->phoff + i * h->phentsize,
			   &e->phdr[i]);
		if (e->phdr[i].type != KX_PT_LOAD)
			continue;
		rc = check_load_(e, path, i, d);
		if (rc)
			return rc;
	}
	return 0;
}

static int check_section_(const struct elf_info *e, const char *path,
			  size_t i, struct diag *d)
{
	const struct elf_shdr *sh = &e->shdr[i];

	if (sh->type == KX_SHT_NOBITS || sh->type == 0 /* SHT_NULL */)
		return 0;
	if (!in_file_(sh->offset, sh->size, e->size))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: truncated ELF file: section %zu at 0x%llx, 0x%llx bytes, runs past the end (file is %zu bytes)",
				 path, i, (unsigned long long)sh->offset,
				 (unsigned long long)sh->size, e->size);
	return 0;
}

static int read_shdrs_(struct elf_info *e, const char *path,
		       const struct elf_ehdr_ *h, struct diag *d)
{
	size_t i;
	int rc;

	if (h->shstrndx && h->shstrndx >= h->shnum)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF section-name table index %zu is out of range (%zu sections)",
				 path, h->shstrndx, h->shnum);
	if (!h->shnum)
		return 0;
	e->shdr = calloc(h->shnum, sizeof(*e->shdr));
	if (!e->shdr)
		return -ENOMEM;
	e->shnum = h->shnum;
	for (i = 0; i < e->shnum; i++) {
		read_shdr_(e, e->data + h->shoff + i * h->shentsize,
			   &e->shdr[i]);
		rc = check_section_(e, path, i, d);
		if (rc)
			return rc;
	}
	e->shstrndx = h->shstrndx;
	if (e->shstrndx && e->shdr[e->shstrndx].type != KX_SHT_STRTAB)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF section-name table (section %zu) is not a string table",
				 path, e->shstrndx);
	return 0;
}

static int parse_headers_(struct elf_info *e, const char *path,
			  struct diag *d)
{
	const struct elf_layout_ *l;
	struct elf_ehdr_ h;
	int rc;

	l = e->elfclass == 64 ? &layout64_ : &layout32_;
	if (e->size < l->ehsize)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: truncated ELF file: ELF header runs past the end (file is %zu bytes)",
				 path, e->size);
	read_ehdr_(e, &h);
	if (elf_get32(e, e->data + 20) != EV_CURRENT_)
		return bad_(d, path, "unsupported ELF e_version");
	if (h.ehsize != l->ehsize)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: bad ELF header size %zu (expected %zu)",
				 path, h.ehsize, l->ehsize);
	rc = read_extended_(e, path, &h, l, d);
	if (!rc)
		rc = check_table_(e, path, "program header", h.phoff, h.phnum,
				  h.phentsize, l->phentsize, d);
	if (!rc)
		rc = check_table_(e, path, "section header", h.shoff, h.shnum,
				  h.shentsize, l->shentsize, d);
	if (!rc)
		rc = read_phdrs_(e, path, &h, d);
	if (!rc)
		rc = read_shdrs_(e, path, &h, d);
	return rc;
}

int elf_parse(const void *data, size_t size, const char *path,
	      struct elf_info *e, struct diag *d)
{
	int rc;

	memset(e, 0, sizeof(*e));
	e->data = data;
	e->size = size;
	rc = parse_ident_(data, size, path, e, d);
	if (!rc)
		rc = parse_headers_(e, path, d);
	if (rc)
		elf_info_free(e);
	return rc;
}

void elf_info_free(struct elf_info *e)
{
	free(e->phdr);
	free(e->shdr);
	e->phdr = NULL;
	e->shdr = NULL;
	e->phnum = 0;
	e->shnum = 0;
}

const char *elf_section_name(const struct elf_info *e,
			     const struct elf_shdr *s)
{
	const struct elf_shdr *str;
	const char *base;

	if (!e->shstrndx || e->shstrndx >= e->shnum)
		return "";
	str = &e->shdr[e->shstrndx];
	if (s->name >= str->size)
		return "";
	base = (const char *)e->data + str->offset;
	if (!memchr(base + s->name, '\0', str->size - s->name))
		return "";
	return base + s->name;
}

const struct elf_shdr *elf_find_section(const struct elf_info *e,
					const char *name)
{
	size_t i;

	for (i = 0; i < e->shnum; i++)
		if (!strcmp(elf_section_name(e, &e->shdr[i]), name))
			return &e->shdr[i];
	return NULL;
}

struct elf_span_ {
	uint64_t start, end;
};

static int span_cmp_(const void *a, const void *b)
{
	const struct elf_span_ *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

int elf_check_loads_disjoint(const struct elf_info *e,
			     uint64_t (*addr)(const struct elf_phdr *ph))
{
	struct elf_span_ *s;
	size_t i, n = 0;
	int ret = 0;

	s = calloc(e->phnum ? e->phnum : 1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	for (i = 0; i < e->phnum && !ret; i++) {
		const struct elf_phdr *ph = &e->phdr[i];

		if (ph->type != KX_PT_LOAD || !ph->memsz)
			continue;
		s[n].start = addr(ph);
		s[n].end = s[n].start + ph->memsz;
		if (s[n].end < s[n].start)
			ret = -EINVAL;
		n++;
	}
	if (!ret && n > 1)
		qsort(s, n, sizeof(*s), span_cmp_);
	for (i = 1; i < n && !ret; i++)
		if (s[i].start < s[i - 1].end)
			ret = -EINVAL;
	free(s);
	return ret;
}
