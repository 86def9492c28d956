/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * elf.h - ELF32/ELF64 reading in either byte order, from a buffer.
 *
 * Pure: no I/O.  Every header field is checked against the buffer before
 * use; headers are converted to host order in the tables below.
 */
#ifndef KX_ELF_H
#define KX_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct elf_phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

struct elf_shdr {
	uint32_t name;
	uint32_t type;
	uint64_t flags;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint32_t link;
	uint32_t info;
	uint64_t addralign;
	uint64_t entsize;
};

struct elf_info {
	const uint8_t *data;
	size_t size;
	int elfclass;		/* 32 or 64 */
	bool big_endian;
	uint16_t type;		/* ET_* */
	uint16_t machine;	/* EM_* */
	uint32_t flags;		/* e_flags */
	uint64_t entry;
	struct elf_phdr *phdr;	/* malloc'd, phnum entries */
	size_t phnum;
	struct elf_shdr *shdr;	/* malloc'd, shnum entries */
	size_t shnum;
	size_t shstrndx;
};

/*
 * Parse the ELF headers of data.  Returns 0; -ENOEXEC when data is not ELF
 * (no diagnostic, so the caller can try another format); -EINVAL with a
 * KX_EXIT_INPUT diagnostic naming path when it is ELF but malformed
 * (truncated, a header or table outside the file, absurd counts); -ENOMEM.
 * Program and section headers are checked to lie inside the file, and a
 * PT_LOAD's file bytes too; section contents of SHT_NOBITS are not.
 */
int elf_parse(const void *data, size_t size, const char *path,
	      struct elf_info *e, struct diag *d);

void elf_info_free(struct elf_info *e);

/* Name of section s from the section-name table, or "" if out of range. */
const char *elf_section_name(const struct elf_info *e,
			     const struct elf_shdr *s);

/* First section called name, or NULL. */
const struct elf_shdr *elf_find_section(const struct elf_info *e,
					const char *name);

/*
 * Check that no two PT_LOADs (of non-zero memsz) overlap where addr()
 * places them (the caller's physical address of a header), nor wrap; in
 * O(n log n) of e_phnum, which may be a million.  0, -EINVAL, -ENOMEM.
 */
int elf_check_loads_disjoint(const struct elf_info *e,
			     uint64_t (*addr)(const struct elf_phdr *ph));

/* Read integers in the file's byte order. */
uint16_t elf_get16(const struct elf_info *e, const void *p);
uint32_t elf_get32(const struct elf_info *e, const void *p);
uint64_t elf_get64(const struct elf_info *e, const void *p);
void elf_put16(const struct elf_info *e, void *p, uint16_t v);
void elf_put32(const struct elf_info *e, void *p, uint32_t v);
void elf_put64(const struct elf_info *e, void *p, uint64_t v);

/* ELF constants we use (our own copy; elf.h of the host may lack some). */
#define KX_ET_REL	1
#define KX_ET_EXEC	2
#define KX_ET_DYN	3
#define KX_EM_68K	4
#define KX_EM_PPC	20
#define KX_EM_PPC64	21
#define KX_PT_LOAD	1
#define KX_PT_NOTE	4
#define KX_SHT_PROGBITS	1
#define KX_SHT_SYMTAB	2
#define KX_SHT_STRTAB	3
#define KX_SHT_RELA	4
#define KX_SHT_NOBITS	8
#define KX_SHT_REL	9
#define KX_SHF_WRITE	0x1
#define KX_SHF_ALLOC	0x2
#define KX_SHF_EXECINSTR 0x4
#define KX_SHN_UNDEF	0
#define KX_SHN_ABS	0xfff1
#define KX_SHN_COMMON	0xfff2

#endif /* KX_ELF_H */
