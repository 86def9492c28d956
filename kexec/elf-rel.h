/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * elf-rel.h - loading a relocatable ELF object (purgatory) at an address.
 *
 * The object's SHF_ALLOC sections are laid out in one buffer (NOBITS
 * zeroed), relocated for a chosen physical address by the architecture's
 * hook, and symbols are read and written by name, checked against their
 * st_size.
 */
#ifndef KX_ELF_REL_H
#define KX_ELF_REL_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "elf.h"

struct elf_rel;

/* One relocation, as the generic code hands it to the arch hook. */
struct elf_reloc {
	uint32_t type;
	uint8_t *loc;		/* where to patch, inside rel->image */
	uint64_t place;		/* P: the address of loc after loading */
	uint64_t sym;		/* S: the symbol's address (or value) */
	int64_t addend;		/* A: from RELA; for REL, the 32-bit word at
				 * the place in the object's original bytes,
				 * sign-extended (0 if fewer than 4 bytes) */
	const char *sym_name;	/* for messages */
	size_t room;		/* bytes from loc to the end of its section
				 * (>= 1): a hook must not patch more */
};

struct elf_rel_arch {
	uint16_t machine;	/* EM_* accepted */
	int elfclass;		/* 32 or 64 */
	/* Called at the start of each elf_rel_relocate(), with load_addr
	 * set and arch_word zeroed, before any relocation, e.g. to find the
	 * TOC base.  An undefined symbol named ".TOC." then resolves to
	 * arch_word (as an address) if the hook set it non-zero; otherwise
	 * it is an undefined-symbol error.  (optional) */
	int (*prepare)(struct elf_rel *rel, struct diag *d);
	/* Apply one relocation; unknown types fail with a diagnostic. */
	int (*apply)(struct elf_rel *rel, const struct elf_reloc *r,
		     struct diag *d);
};

struct elf_rel {
	struct elf_info elf;
	const struct elf_rel_arch *arch;
	const char *name;	/* for messages, e.g. "purgatory" */
	uint8_t *image;		/* laid-out sections, malloc'd */
	size_t image_size;
	uint64_t align;		/* alignment the image needs */
	uint64_t *sec_off;	/* per section: offset in image, or -1 */
	uint64_t load_addr;	/* set by elf_rel_relocate() */
	uint64_t arch_word;	/* free for the hook (ppc64: TOC base) */
};

/*
 * Parse data as an ET_REL object for arch and lay out its allocated
 * sections.  data must outlive rel.  Returns 0 or -errno (-EINVAL with a
 * diagnostic for a malformed or foreign object).
 */
int elf_rel_load(const void *data, size_t size, const char *name,
		 const struct elf_rel_arch *arch, struct elf_rel *rel,
		 struct diag *d);

/* Apply every relocation for a load at physical address addr (aligned to
 * rel->align).  Undefined symbols are an error, except weak ones (S = 0)
 * and ".TOC." (see prepare).  Relocation index 0 means no symbol, S = 0.
 * May be called again for another address: RELA fields are rewritten
 * whole, REL addends are re-read from the original object. */
int elf_rel_relocate(struct elf_rel *rel, uint64_t addr, struct diag *d);

/* Address (after relocation) or offset (before) of a symbol.  0 or -ENOENT. */
int elf_rel_symbol(const struct elf_rel *rel, const char *name,
		   uint64_t *addr, uint64_t *size);

/* Copy len bytes from/to the symbol's storage; len must equal st_size.
 * 0, -ENOENT, or -EINVAL (size mismatch or not in an allocated section),
 * each failure with a diagnostic.  A global symbol is preferred to a local
 * one of the same name; NOBITS storage is zeroed in the image, so setting
 * it works. */
int elf_rel_get_symbol(const struct elf_rel *rel, const char *name,
		       void *buf, size_t len, struct diag *d);
int elf_rel_set_symbol(struct elf_rel *rel, const char *name,
		       const void *buf, size_t len, struct diag *d);

/* Address of section "name" after relocation, 0 or -ENOENT. */
int elf_rel_section_addr(const struct elf_rel *rel, const char *name,
			 uint64_t *addr);

void elf_rel_free(struct elf_rel *rel);

#endif /* KX_ELF_REL_H */
