/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reloc.h - relocating the ppc64 purgatory (ELF64, ELFv2 ABI, either byte
 * order) for the generic loader in elf-rel.c.
 */
#ifndef KX_ARCH_PPC64_RELOC_H
#define KX_ARCH_PPC64_RELOC_H

#include "elf-rel.h"

/*
 * EM_PPC64, ELFCLASS64.  prepare() sets rel->arch_word to the TOC base
 * (.toc, else .got, else the image start, plus 0x8000), which is also the
 * value of ".TOC.".  apply() handles the relocation types GCC and GAS emit
 * for code built with -mcmodel=medium (ADDR, REL, REL16 and TOC16 forms,
 * see reloc.c); a REL24 branch to an ELFv2 function goes to its local
 * entry point.  Unknown types and out-of-range results fail with -EINVAL
 * and a diagnostic naming the type, symbol and value.
 */
extern const struct elf_rel_arch ppc64_rel_arch;

/* Name of an R_PPC64_* type, or NULL if unknown (for messages). */
const char *ppc64_reloc_name(uint32_t type);

#endif /* KX_ARCH_PPC64_RELOC_H */
