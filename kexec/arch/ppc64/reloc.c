// SPDX-License-Identifier: GPL-2.0-only
/*
 * reloc.c - relocations of the ppc64 purgatory (ELF64, ELFv2, LE or BE).
 *
 * The purgatory is built with -mcmodel=medium (purgatory/arch/ppc64/
 * flags.mk): data is reached through TOC16_HA/LO pairs from r2, calls are
 * REL24 branches, the ELFv2 global entry points compute r2 with
 * REL16_HA/LO against ".TOC.", and .toc holds ADDR64 words.  Half-word
 * fields are patched in the object's byte order at the place the
 * relocation names (the low half of the instruction word on LE, the high
 * half on BE), so nothing here depends on the host.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "elf-rel.h"
#include "reloc.h"

#define R_PPC64_NONE		0
#define R_PPC64_ADDR32		1
#define R_PPC64_ADDR16		3
#define R_PPC64_ADDR16_LO	4
#define R_PPC64_ADDR16_HI	5
#define R_PPC64_ADDR16_HA	6
#define R_PPC64_REL24		10
#define R_PPC64_REL14		11
#define R_PPC64_REL32		26
#define R_PPC64_ADDR64		38
#define R_PPC64_ADDR16_HIGHER	39
#define R_PPC64_ADDR16_HIGHERA	40
#define R_PPC64_ADDR16_HIGHEST	41
#define R_PPC64_ADDR16_HIGHESTA	42
#define R_PPC64_UADDR64		43
#define R_PPC64_REL64		44
#define R_PPC64_TOC16		47
#define R_PPC64_TOC16_LO	48
#define R_PPC64_TOC16_HI	49
#define R_PPC64_TOC16_HA	50
#define R_PPC64_TOC		51
#define R_PPC64_ADDR16_DS	56
#define R_PPC64_ADDR16_LO_DS	57
#define R_PPC64_TOC16_DS	63
#define R_PPC64_TOC16_LO_DS	64
#define R_PPC64_REL16		249
#define R_PPC64_REL16_LO	250
#define R_PPC64_REL16_HI	251
#define R_PPC64_REL16_HA	252

/* The TOC base lies this far past the start of .toc/.got (ELFv2 ABI). */
#define TOC_BIAS		0x8000

/* ELFv2: st_other bits 5-7 encode the local entry point's offset. */
#define STO_LOCAL_SHIFT		5
#define STO_LOCAL_MASK		7

#define SYM64_SIZE		24

static const struct {
	uint32_t type;
	const char *name;
} reloc_names[] = {
	{ R_PPC64_NONE, "R_PPC64_NONE" },
	{ R_PPC64_ADDR32, "R_PPC64_ADDR32" },
	{ R_PPC64_ADDR16, "R_PPC64_ADDR16" },
	{ R_PPC64_ADDR16_LO, "R_PPC64_ADDR16_LO" },
	{ R_PPC64_ADDR16_HI, "R_PPC64_ADDR16_HI" },
	{ R_PPC64_ADDR16_HA, "R_PPC64_ADDR16_HA" },
	{ R_PPC64_REL24, "R_PPC64_REL24" },
	{ R_PPC64_REL14, "R_PPC64_REL14" },
	{ R_PPC64_REL32, "R_PPC64_REL32" },
	{ R_PPC64_ADDR64, "R_PPC64_ADDR64" },
	{ R_PPC64_ADDR16_HIGHER, "R_PPC64_ADDR16_HIGHER" },
	{ R_PPC64_ADDR16_HIGHERA, "R_PPC64_ADDR16_HIGHERA" },
	{ R_PPC64_ADDR16_HIGHEST, "R_PPC64_ADDR16_HIGHEST" },
	{ R_PPC64_ADDR16_HIGHESTA, "R_PPC64_ADDR16_HIGHESTA" },
	{ R_PPC64_UADDR64, "R_PPC64_UADDR64" },
	{ R_PPC64_REL64, "R_PPC64_REL64" },
	{ R_PPC64_TOC16, "R_PPC64_TOC16" },
	{ R_PPC64_TOC16_LO, "R_PPC64_TOC16_LO" },
	{ R_PPC64_TOC16_HI, "R_PPC64_TOC16_HI" },
	{ R_PPC64_TOC16_HA, "R_PPC64_TOC16_HA" },
	{ R_PPC64_TOC, "R_PPC64_TOC" },
	{ R_PPC64_ADDR16_DS, "R_PPC64_ADDR16_DS" },
	{ R_PPC64_ADDR16_LO_DS, "R_PPC64_ADDR16_LO_DS" },
	{ R_PPC64_TOC16_DS, "R_PPC64_TOC16_DS" },
	{ R_PPC64_TOC16_LO_DS, "R_PPC64_TOC16_LO_DS" },
	{ R_PPC64_REL16, "R_PPC64_REL16" },
	{ R_PPC64_REL16_LO, "R_PPC64_REL16_LO" },
	{ R_PPC64_REL16_HI, "R_PPC64_REL16_HI" },
	{ R_PPC64_REL16_HA, "R_PPC64_REL16_HA" },
};

const char *ppc64_reloc_name(uint32_t type)
{
	size_t i;

	for (i = 0; i < sizeof(reloc_names) / sizeof(reloc_names[0]); i++)
		if (reloc_names[i].type == type)
			return reloc_names[i].name;
	return NULL;
}

/* The value's 16-bit pieces: #lo, #hi, #ha, #higher(a), #highest(a). */
static uint16_t lo16(uint64_t v)
{
	return (uint16_t)v;
}

static uint16_t hi16(uint64_t v)
{
	return (uint16_t)(v >> 16);
}

static uint16_t ha16(uint64_t v)
{
	return (uint16_t)((v + 0x8000) >> 16);
}

static bool fits_signed(int64_t v, int bits)
{
	int64_t lim = (int64_t)1 << (bits - 1);

	return v >= -lim && v < lim;
}

static int fail_range(const struct elf_rel *rel, const struct elf_reloc *r,
		      uint64_t v, const char *why, struct diag *d)
{
	return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
			 "%s: %s against %s at 0x%" PRIx64 ": value 0x%" PRIx64
			 " %s", rel->name, ppc64_reloc_name(r->type),
			 r->sym_name ? r->sym_name : "?", r->place, v, why);
}

static int check_room(const struct elf_rel *rel, const struct elf_reloc *r,
		      size_t n, struct diag *d)
{
	if (r->room >= n)
		return 0;
	return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
			 "%s: %s at 0x%" PRIx64 " runs past its section",
			 rel->name, ppc64_reloc_name(r->type), r->place);
}

/*
 * ELFv2 local entry offset of the symbol a relocation names: found by
 * name and resolved address in the symbol table (struct elf_reloc does
 * not carry st_other).  0 for section symbols and non-functions.
 */
static uint64_t local_entry_offset(const struct elf_rel *rel,
				   const struct elf_reloc *r)
{
	const struct elf_info *e = &rel->elf;
	const struct elf_shdr *sh = NULL, *str;
	const uint8_t *p;
	size_t i, n;

	for (i = 0; i < e->shnum && !sh; i++)
		if (e->shdr[i].type == KX_SHT_SYMTAB)
			sh = &e->shdr[i];
	/* elf_rel_load() checked the table, its entry size and its link. */
	if (!sh || !r->sym_name || !r->sym_name[0] || sh->link >= e->shnum)
		return 0;
	str = &e->shdr[sh->link];
	n = sh->size / SYM64_SIZE;
	for (i = 1; i < n; i++) {
		uint32_t name;
		uint16_t shndx;
		uint64_t addr;

		p = e->data + sh->offset + i * SYM64_SIZE;
		name = elf_get32(e, p);
		shndx = elf_get16(e, p + 6);
		if (shndx == KX_SHN_UNDEF || shndx >= e->shnum ||
		    rel->sec_off[shndx] == (uint64_t)-1 || name >= str->size)
			continue;
		addr = rel->load_addr + rel->sec_off[shndx] +
		       elf_get64(e, p + 8);
		if (addr != r->sym ||
		    strnlen((const char *)e->data + str->offset + name,
			    str->size - name) != strlen(r->sym_name) ||
		    memcmp(e->data + str->offset + name, r->sym_name,
			   strlen(r->sym_name)))
			continue;
		/* PPC64_LOCAL_ENTRY_OFFSET: 0, 0, 4, 8, 16, ... bytes */
		return ((1u << ((p[5] >> STO_LOCAL_SHIFT) & STO_LOCAL_MASK))
			>> 2) << 2;
	}
	return 0;
}

/* Patch the 16-bit field at the place. */
static int put_half(const struct elf_rel *rel, const struct elf_reloc *r,
		    uint16_t v, struct diag *d)
{
	int ret = check_room(rel, r, 2, d);

	if (!ret)
		elf_put16(&rel->elf, r->loc, v);
	return ret;
}

/* A DS-form field: the low two bits belong to the instruction. */
static int put_half_ds(const struct elf_rel *rel, const struct elf_reloc *r,
		       uint64_t v, struct diag *d)
{
	int ret = check_room(rel, r, 2, d);

	if (ret)
		return ret;
	if (v & 3)
		return fail_range(rel, r, v, "is not a multiple of 4", d);
	elf_put16(&rel->elf, r->loc,
		  (uint16_t)((v & 0xfffc) | (elf_get16(&rel->elf, r->loc) & 3)));
	return 0;
}

/* A branch: the target field of an I-form (REL24) or B-form (REL14). */
static int put_branch(const struct elf_rel *rel, const struct elf_reloc *r,
		      uint64_t v, struct diag *d)
{
	uint32_t mask = r->type == R_PPC64_REL24 ? 0x03fffffc : 0xfffc;
	int bits = r->type == R_PPC64_REL24 ? 26 : 16;
	uint32_t insn;
	int ret;

	ret = check_room(rel, r, 4, d);
	if (ret)
		return ret;
	if (v & 3)
		return fail_range(rel, r, v, "is not a multiple of 4", d);
	if (!fits_signed((int64_t)v, bits))
		return fail_range(rel, r, v, bits == 26 ?
				  "is out of branch range (+-32 MiB)" :
				  "is out of branch range (+-32 KiB)", d);
	insn = elf_get32(&rel->elf, r->loc);
	elf_put32(&rel->elf, r->loc, (insn & ~mask) | ((uint32_t)v & mask));
	return 0;
}

static int put_word(const struct elf_rel *rel, const struct elf_reloc *r,
		    uint64_t v, bool is_signed, struct diag *d)
{
	int ret = check_room(rel, r, 4, d);

	if (ret)
		return ret;
	if (is_signed ? !fits_signed((int64_t)v, 32) : v > UINT32_MAX)
		return fail_range(rel, r, v, "does not fit in 32 bits", d);
	elf_put32(&rel->elf, r->loc, (uint32_t)v);
	return 0;
}

static int put_dword(const struct elf_rel *rel, const struct elf_reloc *r,
		     uint64_t v, struct diag *d)
{
	int ret = check_room(rel, r, 8, d);

	if (!ret)
		elf_put64(&rel->elf, r->loc, v);
	return ret;
}

/* TOC-relative and 16-bit forms; v is S + A, or S + A - TOC. */
static int apply_half(struct elf_rel *rel, const struct elf_reloc *r,
		      uint64_t v, struct diag *d)
{
	switch (r->type) {
	case R_PPC64_ADDR16:
	case R_PPC64_TOC16:
	case R_PPC64_REL16:
		if (!fits_signed((int64_t)v, 16))
			return fail_range(rel, r, v,
					  "does not fit in 16 bits", d);
		return put_half(rel, r, lo16(v), d);
	case R_PPC64_ADDR16_LO:
	case R_PPC64_TOC16_LO:
	case R_PPC64_REL16_LO:
		return put_half(rel, r, lo16(v), d);
	case R_PPC64_ADDR16_HI:
	case R_PPC64_TOC16_HI:
	case R_PPC64_REL16_HI:
		if (r->type != R_PPC64_ADDR16_HI && !fits_signed((int64_t)v, 32))
			return fail_range(rel, r, v,
					  "is out of TOC/PC range (+-2 GiB)", d);
		return put_half(rel, r, hi16(v), d);
	case R_PPC64_ADDR16_HA:
	case R_PPC64_TOC16_HA:
	case R_PPC64_REL16_HA:
		if (r->type != R_PPC64_ADDR16_HA &&
		    !fits_signed((int64_t)v + 0x8000, 32))
			return fail_range(rel, r, v,
					  "is out of TOC/PC range (+-2 GiB)", d);
		return put_half(rel, r, ha16(v), d);
	case R_PPC64_ADDR16_DS:
	case R_PPC64_TOC16_DS:
		if (!fits_signed((int64_t)v, 16))
			return fail_range(rel, r, v,
					  "does not fit in 16 bits", d);
		return put_half_ds(rel, r, v, d);
	case R_PPC64_ADDR16_LO_DS:
	case R_PPC64_TOC16_LO_DS:
		return put_half_ds(rel, r, v, d);
	case R_PPC64_ADDR16_HIGHER:
		return put_half(rel, r, (uint16_t)(v >> 32), d);
	case R_PPC64_ADDR16_HIGHERA:
		return put_half(rel, r, (uint16_t)((v + 0x80008000ULL) >> 32),
				d);
	case R_PPC64_ADDR16_HIGHEST:
		return put_half(rel, r, (uint16_t)(v >> 48), d);
	case R_PPC64_ADDR16_HIGHESTA:
		return put_half(rel, r,
				(uint16_t)((v + 0x800080008000ULL) >> 48), d);
	default:
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: unsupported ppc64 relocation type %u against %s",
				 rel->name, r->type,
				 r->sym_name ? r->sym_name : "?");
	}
}

static bool is_toc_relative(uint32_t type)
{
	switch (type) {
	case R_PPC64_TOC16:
	case R_PPC64_TOC16_LO:
	case R_PPC64_TOC16_HI:
	case R_PPC64_TOC16_HA:
	case R_PPC64_TOC16_DS:
	case R_PPC64_TOC16_LO_DS:
		return true;
	default:
		return false;
	}
}

static bool is_pc_relative16(uint32_t type)
{
	return type == R_PPC64_REL16 || type == R_PPC64_REL16_LO ||
	       type == R_PPC64_REL16_HI || type == R_PPC64_REL16_HA;
}

static int ppc64_apply(struct elf_rel *rel, const struct elf_reloc *r,
		       struct diag *d)
{
	uint64_t v = r->sym + (uint64_t)r->addend;

	switch (r->type) {
	case R_PPC64_NONE:
		return 0;
	case R_PPC64_ADDR64:
	case R_PPC64_UADDR64:
		return put_dword(rel, r, v, d);
	case R_PPC64_REL64:
		return put_dword(rel, r, v - r->place, d);
	case R_PPC64_TOC:
		return put_dword(rel, r, rel->arch_word + (uint64_t)r->addend,
				 d);
	case R_PPC64_ADDR32:
		return put_word(rel, r, v, false, d);
	case R_PPC64_REL32:
		return put_word(rel, r, v - r->place, true, d);
	case R_PPC64_REL24:
		/* A call enters an ELFv2 function after its r2 set-up. */
		v += local_entry_offset(rel, r);
		return put_branch(rel, r, v - r->place, d);
	case R_PPC64_REL14:
		return put_branch(rel, r, v - r->place, d);
	default:
		break;
	}
	if (is_toc_relative(r->type))
		v -= rel->arch_word;
	else if (is_pc_relative16(r->type))
		v -= r->place;
	return apply_half(rel, r, v, d);
}

/* The TOC base: .toc (GCC's TOC entries), else .got, else the image. */
static int ppc64_prepare(struct elf_rel *rel, struct diag *d)
{
	uint64_t base;

	if (elf_rel_section_addr(rel, ".toc", &base) &&
	    elf_rel_section_addr(rel, ".got", &base))
		base = rel->load_addr;
	rel->arch_word = base + TOC_BIAS;
	return 0;
}

const struct elf_rel_arch ppc64_rel_arch = {
	.machine = KX_EM_PPC64,
	.elfclass = 64,
	.prepare = ppc64_prepare,
	.apply = ppc64_apply,
};
