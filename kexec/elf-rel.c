// SPDX-License-Identifier: GPL-2.0-only
/*
 * elf-rel.c - loading a relocatable ELF object (purgatory) at an address.
 *
 * elf_rel_load() lays out the SHF_ALLOC sections in section order, each at
 * its sh_addralign, in one zeroed buffer; elf_rel_relocate() walks the
 * SHT_RELA and SHT_REL sections whose target is laid out, resolves S, P and
 * A for each entry and lets the architecture's hook patch the image.  The
 * architecture is never named here: an undefined ".TOC." resolves to the
 * rel->arch_word that the prepare hook computed (see elf-rel.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf-rel.h"

#define NO_OFF_		((uint64_t)-1)
#define MAX_ALIGN_	((uint64_t)1 << 20)
#define MAX_IMAGE_	((uint64_t)64 << 20)
/* Zeroed bytes past the image, so a hook's widest (8-byte) access at any
 * in-section offset stays inside the allocation. */
#define IMAGE_SLACK_	8

#define STB_LOCAL_	0
#define STB_WEAK_	2
#define STT_SECTION_	3
#define STT_FILE_	4
#define SHN_LORESERVE_	0xff00

/* The object's symbol table and its string table. */
struct symtab_ {
	size_t index;		/* section index of the symbol table */
	const uint8_t *syms;
	size_t nsyms;
	size_t entsize;
	const char *str;
	size_t strsize;
};

/* One symbol, in host order. */
struct sym_ {
	const char *name;
	uint64_t value;
	uint64_t size;
	uint16_t shndx;
	uint8_t bind;
	uint8_t type;
};

static const struct elf_shdr *find_symtab_shdr_(const struct elf_info *e,
						size_t *index)
{
	size_t i;

	for (i = 0; i < e->shnum; i++) {
		if (e->shdr[i].type == KX_SHT_SYMTAB) {
			*index = i;
			return &e->shdr[i];
		}
	}
	return NULL;
}

/* Locate and check the symbol table; -EINVAL with a diagnostic if d. */
static int get_symtab_(const struct elf_rel *rel, struct symtab_ *st,
		       struct diag *d)
{
	const struct elf_info *e = &rel->elf;
	const struct elf_shdr *sh, *str;

	sh = find_symtab_shdr_(e, &st->index);
	if (!sh)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF object has no symbol table",
				 rel->name);
	st->entsize = e->elfclass == 64 ? 24 : 16;
	if ((sh->entsize && sh->entsize != st->entsize) ||
	    sh->size % st->entsize)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: bad ELF symbol table entry size %llu",
				 rel->name, (unsigned long long)sh->entsize);
	if (!sh->link || sh->link >= e->shnum ||
	    e->shdr[sh->link].type != KX_SHT_STRTAB)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF symbol table has no string table",
				 rel->name);
	str = &e->shdr[sh->link];
	st->syms = e->data + sh->offset;
	st->nsyms = sh->size / st->entsize;
	st->str = (const char *)e->data + str->offset;
	st->strsize = str->size;
	return 0;
}

static void read_sym_(const struct elf_rel *rel, const struct symtab_ *st,
		      size_t i, struct sym_ *s)
{
	const struct elf_info *e = &rel->elf;
	const uint8_t *p = st->syms + i * st->entsize;
	uint32_t name = elf_get32(e, p);
	uint8_t info;

	if (e->elfclass == 64) {
		info = p[4];
		s->shndx = elf_get16(e, p + 6);
		s->value = elf_get64(e, p + 8);
		s->size = elf_get64(e, p + 16);
	} else {
		s->value = elf_get32(e, p + 4);
		s->size = elf_get32(e, p + 8);
		info = p[12];
		s->shndx = elf_get16(e, p + 14);
	}
	s->bind = info >> 4;
	s->type = info & 0xf;
	s->name = "";
	if (name < st->strsize && memchr(st->str + name, '\0',
					 st->strsize - name))
		s->name = st->str + name;
}

static uint64_t align_up_(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* Give every allocated section its offset in the image; sets image_size. */
static int place_sections_(struct elf_rel *rel, struct diag *d)
{
	const struct elf_info *e = &rel->elf;
	uint64_t off = 0, a;
	size_t i;

	rel->align = 1;
	for (i = 0; i < e->shnum; i++) {
		const struct elf_shdr *sh = &e->shdr[i];

		rel->sec_off[i] = NO_OFF_;
		if (!(sh->flags & KX_SHF_ALLOC))
			continue;
		a = sh->addralign ? sh->addralign : 1;
		if ((a & (a - 1)) || a > MAX_ALIGN_)
			return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
					 "%s: section %s has a bad alignment 0x%llx",
					 rel->name, elf_section_name(e, sh),
					 (unsigned long long)a);
		off = align_up_(off, a);
		if (sh->size > MAX_IMAGE_ - off)
			return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
					 "%s: allocated sections exceed %llu bytes at section %s",
					 rel->name,
					 (unsigned long long)MAX_IMAGE_,
					 elf_section_name(e, sh));
		rel->sec_off[i] = off;
		off += sh->size;
		if (a > rel->align)
			rel->align = a;
	}
	rel->image_size = off;
	return 0;
}

/* Lay out the allocated sections in one buffer, NOBITS zeroed. */
static int layout_(struct elf_rel *rel, struct diag *d)
{
	const struct elf_info *e = &rel->elf;
	size_t i;
	int rc;

	rel->sec_off = calloc(e->shnum ? e->shnum : 1, sizeof(*rel->sec_off));
	if (!rel->sec_off)
		return -ENOMEM;
	rc = place_sections_(rel, d);
	if (rc)
		return rc;
	rel->image = calloc(1, rel->image_size + IMAGE_SLACK_);
	if (!rel->image)
		return -ENOMEM;
	for (i = 0; i < e->shnum; i++) {
		const struct elf_shdr *sh = &e->shdr[i];

		/* elf_parse() checked the contents of these lie in data */
		if (rel->sec_off[i] == NO_OFF_ || sh->type == KX_SHT_NOBITS ||
		    sh->type == 0 /* SHT_NULL */)
			continue;
		memcpy(rel->image + rel->sec_off[i], e->data + sh->offset,
		       sh->size);
	}
	return 0;
}

static int check_object_(const struct elf_rel *rel, struct diag *d)
{
	const struct elf_info *e = &rel->elf;

	if (e->type != KX_ET_REL)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: not a relocatable ELF object (type %u)",
				 rel->name, e->type);
	if (e->machine != rel->arch->machine ||
	    e->elfclass != rel->arch->elfclass)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF%d object for machine %u, expected ELF%d for machine %u",
				 rel->name, e->elfclass, e->machine,
				 rel->arch->elfclass, rel->arch->machine);
	return 0;
}

int elf_rel_load(const void *data, size_t size, const char *name,
		 const struct elf_rel_arch *arch, struct elf_rel *rel,
		 struct diag *d)
{
	struct symtab_ st;
	int rc;

	memset(rel, 0, sizeof(*rel));
	rel->arch = arch;
	rel->name = name;
	rc = elf_parse(data, size, name, &rel->elf, d);
	if (rc == -ENOEXEC)
		rc = diag_fail(d, KX_EXIT_INPUT, -EINVAL,
			       "%s: not an ELF object", name);
	if (!rc)
		rc = check_object_(rel, d);
	if (!rc)
		rc = get_symtab_(rel, &st, d);
	if (!rc)
		rc = layout_(rel, d);
	if (rc)
		elf_rel_free(rel);
	return rc;
}

/* Set r->sym and r->sym_name for symbol index idx. */
static int resolve_(const struct elf_rel *rel, const struct symtab_ *st,
		    uint64_t idx, struct elf_reloc *r, struct diag *d)
{
	const struct elf_info *e = &rel->elf;
	struct sym_ s;

	r->sym = 0;
	r->sym_name = "";
	if (!idx)
		return 0;
	if (idx >= st->nsyms)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: relocation refers to symbol %llu of %zu",
				 rel->name, (unsigned long long)idx,
				 st->nsyms);
	read_sym_(rel, st, idx, &s);
	r->sym_name = s.name;
	if (s.type == STT_SECTION_ && s.shndx < e->shnum)
		r->sym_name = elf_section_name(e, &e->shdr[s.shndx]);
	if (s.shndx == KX_SHN_UNDEF) {
		if (!strcmp(s.name, ".TOC.") && rel->arch_word) {
			r->sym = rel->arch_word;
			return 0;
		}
		if (s.bind == STB_WEAK_)
			return 0;
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: undefined symbol %s", rel->name, s.name);
	}
	if (s.shndx == KX_SHN_ABS) {
		r->sym = s.value;
		return 0;
	}
	if (s.shndx == KX_SHN_COMMON)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: common symbol %s (build with -fno-common)",
				 rel->name, s.name);
	if (s.shndx >= SHN_LORESERVE_ || s.shndx >= e->shnum ||
	    rel->sec_off[s.shndx] == NO_OFF_)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: symbol %s is not in an allocated section",
				 rel->name, r->sym_name);
	if (s.value > e->shdr[s.shndx].size)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: symbol %s lies outside its section",
				 rel->name, r->sym_name);
	r->sym = rel->load_addr + rel->sec_off[s.shndx] + s.value;
	return 0;
}

/* One relocation section, checked against the object. */
struct reloc_sec_ {
	const struct elf_shdr *sh;	/* the SHT_REL(A) section */
	size_t target;			/* section index it patches */
	size_t entsize;
	bool rela;
};

/* REL: the addend is the 32-bit word at the place in the object's own
 * bytes (so relocating again gives the same result), sign-extended. */
static int64_t rel_addend_(const struct elf_rel *rel,
			   const struct reloc_sec_ *rs, uint64_t off)
{
	const struct elf_shdr *t = &rel->elf.shdr[rs->target];

	if (t->type == KX_SHT_NOBITS || t->size - off < 4)
		return 0;
	return (int32_t)elf_get32(&rel->elf, rel->elf.data + t->offset + off);
}

/* Decode entry i of rs into r (without the symbol); returns its index. */
static int read_reloc_(const struct elf_rel *rel, const struct reloc_sec_ *rs,
		       size_t i, struct elf_reloc *r, uint64_t *symidx,
		       struct diag *d)
{
	const struct elf_info *e = &rel->elf;
	const uint8_t *p = e->data + rs->sh->offset + i * rs->entsize;
	const struct elf_shdr *t = &e->shdr[rs->target];
	uint64_t off, info;

	off = e->elfclass == 64 ? elf_get64(e, p) : elf_get32(e, p);
	info = e->elfclass == 64 ? elf_get64(e, p + 8) : elf_get32(e, p + 4);
	*symidx = e->elfclass == 64 ? info >> 32 : info >> 8;
	r->type = e->elfclass == 64 ? (uint32_t)info : info & 0xff;
	if (off >= t->size)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: relocation at 0x%llx lies outside section %s (0x%llx bytes)",
				 rel->name, (unsigned long long)off,
				 elf_section_name(e, t),
				 (unsigned long long)t->size);
	r->room = t->size - off;
	r->loc = rel->image + rel->sec_off[rs->target] + off;
	r->place = rel->load_addr + rel->sec_off[rs->target] + off;
	if (!rs->rela)
		r->addend = rel_addend_(rel, rs, off);
	else if (e->elfclass == 64)
		r->addend = (int64_t)elf_get64(e, p + 16);
	else
		r->addend = (int32_t)elf_get32(e, p + 8);
	return 0;
}

/* Check relocation section i; *skip when its target is not laid out. */
static int check_reloc_sec_(const struct elf_rel *rel,
			    const struct symtab_ *st, size_t i,
			    struct reloc_sec_ *rs, bool *skip,
			    struct diag *d)
{
	const struct elf_info *e = &rel->elf;
	const struct elf_shdr *sh = &e->shdr[i];

	rs->sh = sh;
	rs->rela = sh->type == KX_SHT_RELA;
	rs->target = sh->info;
	rs->entsize = (e->elfclass == 64 ? 16 : 8) +
		      (rs->rela ? e->elfclass / 8 : 0);
	if (rs->target >= e->shnum)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: relocation section %s targets section %zu of %zu",
				 rel->name, elf_section_name(e, sh),
				 rs->target, e->shnum);
	*skip = rel->sec_off[rs->target] == NO_OFF_;
	if (*skip)
		return 0;
	if (sh->link != st->index ||
	    (sh->entsize && sh->entsize != rs->entsize) ||
	    sh->size % rs->entsize)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: malformed relocation section %s",
				 rel->name, elf_section_name(e, sh));
	return 0;
}

static int relocate_section_(struct elf_rel *rel, const struct symtab_ *st,
			     size_t i, struct diag *d)
{
	struct reloc_sec_ rs;
	struct elf_reloc r;
	uint64_t symidx;
	bool skip;
	size_t n;
	int rc;

	rc = check_reloc_sec_(rel, st, i, &rs, &skip, d);
	if (rc || skip)
		return rc;
	for (n = 0; n < rs.sh->size / rs.entsize; n++) {
		memset(&r, 0, sizeof(r));
		rc = read_reloc_(rel, &rs, n, &r, &symidx, d);
		if (!rc)
			rc = resolve_(rel, st, symidx, &r, d);
		if (!rc)
			rc = rel->arch->apply(rel, &r, d);
		if (rc)
			return rc;
	}
	return 0;
}

int elf_rel_relocate(struct elf_rel *rel, uint64_t addr, struct diag *d)
{
	struct symtab_ st;
	size_t i;
	int rc;

	if (!rel->arch->apply)
		return diag_fail(d, KX_EXIT_FAILURE, -EINVAL,
				 "%s: no relocation hook", rel->name);
	if (addr & (rel->align - 1) || rel->image_size > UINT64_MAX - addr)
		return diag_fail(d, KX_EXIT_FAILURE, -EINVAL,
				 "%s: cannot load at 0x%llx (alignment 0x%llx)",
				 rel->name, (unsigned long long)addr,
				 (unsigned long long)rel->align);
	rc = get_symtab_(rel, &st, d);
	if (rc)
		return rc;
	rel->load_addr = addr;
	rel->arch_word = 0;
	if (rel->arch->prepare) {
		rc = rel->arch->prepare(rel, d);
		if (rc)
			return rc;
	}
	for (i = 0; i < rel->elf.shnum; i++) {
		uint32_t type = rel->elf.shdr[i].type;

		if (type != KX_SHT_RELA && type != KX_SHT_REL)
			continue;
		rc = relocate_section_(rel, &st, i, d);
		if (rc)
			return rc;
	}
	return 0;
}

/* A defined symbol called name, preferring global and weak ones. */
static int find_symbol_(const struct elf_rel *rel, const char *name,
			struct sym_ *out)
{
	struct symtab_ st;
	struct sym_ s;
	bool found = false;
	size_t i;

	if (!rel->image || get_symtab_(rel, &st, NULL))
		return -ENOENT;
	for (i = 1; i < st.nsyms; i++) {
		read_sym_(rel, &st, i, &s);
		if (s.shndx == KX_SHN_UNDEF || s.type == STT_SECTION_ ||
		    s.type == STT_FILE_ || strcmp(s.name, name))
			continue;
		if (s.bind != STB_LOCAL_) {
			*out = s;
			return 0;
		}
		if (!found)
			*out = s;
		found = true;
	}
	return found ? 0 : -ENOENT;
}

static bool in_image_(const struct elf_rel *rel, const struct sym_ *s)
{
	return s->shndx < rel->elf.shnum && s->shndx < SHN_LORESERVE_ &&
	       rel->sec_off[s->shndx] != NO_OFF_;
}

int elf_rel_symbol(const struct elf_rel *rel, const char *name,
		   uint64_t *addr, uint64_t *size)
{
	struct sym_ s;
	uint64_t a;

	if (find_symbol_(rel, name, &s))
		return -ENOENT;
	if (s.shndx == KX_SHN_ABS)
		a = s.value;
	else if (in_image_(rel, &s))
		a = rel->load_addr + rel->sec_off[s.shndx] + s.value;
	else
		return -ENOENT;
	if (addr)
		*addr = a;
	if (size)
		*size = s.size;
	return 0;
}

/* Where symbol name's len bytes lie in the image. */
static int symbol_bytes_(const struct elf_rel *rel, const char *name,
			 size_t len, uint8_t **p, struct diag *d)
{
	const struct elf_shdr *sh;
	struct sym_ s;

	if (find_symbol_(rel, name, &s))
		return diag_fail(d, KX_EXIT_FAILURE, -ENOENT,
				 "%s: no symbol %s", rel->name, name);
	if (!in_image_(rel, &s))
		return diag_fail(d, KX_EXIT_FAILURE, -EINVAL,
				 "%s: symbol %s is not in an allocated section",
				 rel->name, name);
	if (s.size != len)
		return diag_fail(d, KX_EXIT_FAILURE, -EINVAL,
				 "%s: symbol %s is %llu bytes, expected %zu",
				 rel->name, name, (unsigned long long)s.size,
				 len);
	sh = &rel->elf.shdr[s.shndx];
	if (s.value > sh->size || len > sh->size - s.value)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: symbol %s lies outside section %s",
				 rel->name, name,
				 elf_section_name(&rel->elf, sh));
	*p = rel->image + rel->sec_off[s.shndx] + s.value;
	return 0;
}

int elf_rel_get_symbol(const struct elf_rel *rel, const char *name,
		       void *buf, size_t len, struct diag *d)
{
	uint8_t *p;
	int rc;

	rc = symbol_bytes_(rel, name, len, &p, d);
	if (!rc)
		memcpy(buf, p, len);
	return rc;
}

int elf_rel_set_symbol(struct elf_rel *rel, const char *name,
		       const void *buf, size_t len, struct diag *d)
{
	uint8_t *p;
	int rc;

	rc = symbol_bytes_(rel, name, len, &p, d);
	if (!rc)
		memcpy(p, buf, len);
	return rc;
}

int elf_rel_section_addr(const struct elf_rel *rel, const char *name,
			 uint64_t *addr)
{
	const struct elf_shdr *sh;
	size_t i;

	if (!rel->sec_off)
		return -ENOENT;
	sh = elf_find_section(&rel->elf, name);
	if (!sh)
		return -ENOENT;
	i = (size_t)(sh - rel->elf.shdr);
	if (rel->sec_off[i] == NO_OFF_)
		return -ENOENT;
	*addr = rel->load_addr + rel->sec_off[i];
	return 0;
}

void elf_rel_free(struct elf_rel *rel)
{
	elf_info_free(&rel->elf);
	free(rel->image);
	free(rel->sec_off);
	rel->image = NULL;
	rel->sec_off = NULL;
	rel->image_size = 0;
}
