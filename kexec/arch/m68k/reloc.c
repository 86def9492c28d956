// SPDX-License-Identifier: GPL-2.0-only
/*
 * reloc.c - relocating the m68k purgatory (ELF32, big-endian, RELA) for
 * the generic loader in elf-rel.c.
 *
 * The purgatory is built with -fno-pic, so only the absolute and
 * PC-relative data relocations appear: R_68K_32/16/8 (S + A) and
 * R_68K_PC32/PC16/PC8 (S + A - P).  Each result is checked to fit its
 * field: signed for PC-relative, signed or unsigned for absolute ones.
 */
#include <errno.h>
#include <inttypes.h>

#include "elf-rel.h"
#include "arch/m68k/m68k.h"

#define R_68K_NONE	0
#define R_68K_32	1
#define R_68K_16	2
#define R_68K_8		3
#define R_68K_PC32	4
#define R_68K_PC16	5
#define R_68K_PC8	6

static const char *const m68k_reloc_names[] = {
	"R_68K_NONE", "R_68K_32", "R_68K_16", "R_68K_8",
	"R_68K_PC32", "R_68K_PC16", "R_68K_PC8",
};

/* Does v fit a field of "bits" bits (signed, or also unsigned if abs)? */
static int m68k_fits(int64_t v, unsigned int bits, int abs)
{
	int64_t lo = -((int64_t)1 << (bits - 1));
	int64_t hi = abs ? ((int64_t)1 << bits) - 1 :
			   ((int64_t)1 << (bits - 1)) - 1;

	return v >= lo && v <= hi;
}

static void m68k_put(uint8_t *p, unsigned int bytes, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
}

static int m68k_apply(struct elf_rel *rel, const struct elf_reloc *r,
		      struct diag *d)
{
	unsigned int bytes;
	int pcrel;
	int64_t v;

	switch (r->type) {
	case R_68K_NONE:
		return 0;
	case R_68K_32:
	case R_68K_16:
	case R_68K_8:
		bytes = 4 >> (r->type - R_68K_32);
		pcrel = 0;
		break;
	case R_68K_PC32:
	case R_68K_PC16:
	case R_68K_PC8:
		bytes = 4 >> (r->type - R_68K_PC32);
		pcrel = 1;
		break;
	default:
		return diag_fail(d, KX_EXIT_FAILURE, -EINVAL,
				 "%s: unsupported m68k relocation type %" PRIu32
				 " against %s", rel->name, r->type,
				 r->sym_name ? r->sym_name : "(none)");
	}
	v = (int64_t)(r->sym + (uint64_t)r->addend);
	if (pcrel)
		v = (int64_t)((uint64_t)v - r->place);
	if (r->room < bytes || !m68k_fits(v, bytes * 8, !pcrel))
		return diag_fail(d, KX_EXIT_FAILURE, -EINVAL,
				 "%s: %s against %s at 0x%" PRIx64 ": value "
				 "0x%" PRIx64 " does not fit %u bytes%s",
				 rel->name, m68k_reloc_names[r->type],
				 r->sym_name ? r->sym_name : "(none)",
				 r->place, (uint64_t)v, bytes,
				 r->room < bytes ? " (past the section)" : "");
	m68k_put(r->loc, bytes, (uint64_t)v);
	return 0;
}

const struct elf_rel_arch m68k_rel_arch = {
	.machine = KX_EM_68K,
	.elfclass = 32,
	.apply = m68k_apply,
};
