/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * m68k.h - the Linux/m68k backend: bootinfo from /proc/bootinfo, vmlinux
 * images, and a purgatory entered with the MMU off.
 */
#ifndef KX_M68K_H
#define KX_M68K_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kexec.h"
#include "elf.h"
#include "arch/m68k/bootinfo.h"

extern const struct arch_ops m68k_arch_ops;
extern const struct elf_rel_arch m68k_rel_arch;

/* The backend's state, in ctx->arch_data. */
struct m68k_state {
	const char *bootinfo_file;	/* --bootinfo, or NULL: /proc/bootinfo */
	char *bootinfo_name;		/* the path read, for messages */
	uint8_t *bi_buf;		/* its bytes, owned */
	size_t bi_len;
	struct bootinfo bi;		/* checked, borrows bi_buf */
	uint32_t machtype;
	uint32_t chunk0_addr;		/* the first memory chunk: kernel base */
	uint32_t chunk0_size;
	uint64_t kernel_entry;		/* physical entry of the new kernel */
	uint32_t reused_initrd[2];	/* --reuseinitrd: address, size */
};

/* One PT_LOAD that can be loaded straight from the image's bytes. */
struct m68k_piece {
	const uint8_t *data;	/* its file bytes, in the (mapped) image */
	size_t filesz;		/* bytes taken from data; the rest is zero */
	uint64_t mem;		/* physical, page aligned */
	uint64_t memsz;
};

#define M68K_MAX_PIECES	8

/*
 * A vmlinux laid out for loading, from the page holding the first loaded
 * byte up to _end (the end of the last PT_LOAD).  The first page of the
 * file (offset 0: ELF headers at address 0, never used by the kernel) is
 * left out.  When every PT_LOAD starts on a page of its own (the usual
 * vmlinux), the pieces are loaded from the image as they are and buf is
 * NULL; otherwise buf holds the whole range, holes and bss zeroed.
 */
struct m68k_kernel {
	uint8_t *buf;		/* malloc'd, size bytes, or NULL */
	size_t size;		/* end - start */
	uint64_t start;		/* physical, page aligned */
	uint64_t end;		/* physical _end: where the bootinfo goes */
	uint64_t entry;		/* physical entry point */
	size_t head_off;	/* offset in buf of the first loaded byte */
	struct m68k_piece piece[M68K_MAX_PIECES];
	size_t npiece;		/* 0 when buf is used */
};

/*
 * Lay out the PT_LOAD segments of e for a kernel whose address 0 sits at
 * physical "base" (the first memory chunk).  Returns 0; -EINVAL with a
 * KX_EXIT_INPUT diagnostic naming path (nothing to load, entry point
 * outside the image, addresses past 4 GiB, image too large); -ENOMEM.
 */
int m68k_kernel_layout(const struct elf_info *e, uint64_t base,
		       uint64_t page_size, const char *path,
		       struct m68k_kernel *k, struct diag *d);

/* Free what m68k_kernel_layout() allocated (buf); pieces point into e. */
void m68k_kernel_free(struct m68k_kernel *k);

/* What the kernel's struct bootversion says about a machine. */
enum m68k_bootversion {
	M68K_BV_ABSENT,		/* no struct bootversion: not a Linux image */
	M68K_BV_LISTED,		/* the machine is listed; *version is set */
	M68K_BV_UNLISTED,	/* not listed, and not a machine bootversion
				 * tables list (virt...): nothing to say */
	M68K_BV_MISSING,	/* a listed kind of machine, missing: the
				 * kernel was built without its support */
};

/*
 * Check the struct bootversion at the start of a kernel's text (p, len
 * bytes: head.S, a branch, BOOTINFOV_MAGIC, then machine/version pairs
 * ending with machine 0) for machtype.  Pure; never reads past len.
 */
enum m68k_bootversion m68k_bootversion_check(const uint8_t *p, size_t len,
					     uint32_t machtype,
					     uint32_t *version);

/* Bytes head.S maps at boot for a first memory chunk of chunk_size
 * (16, 8 or 4 MiB): kernel and bootinfo must fit in them. */
uint64_t m68k_init_mapped_size(uint64_t chunk_size);

/*
 * The vmlinux image type (m68k-vmlinux.c).  probe: 0 for an ELF32 BE
 * EM_68K executable, -ENOEXEC when not ELF, -EINVAL with a KX_EXIT_INPUT
 * diagnostic for a malformed or foreign ELF.  load: adds kernel, bootinfo,
 * ramdisk and purgatory; -errno with a diagnostic.
 */
int m68k_vmlinux_probe(struct kexec_ctx *ctx, const struct kx_file *kernel);
int m68k_vmlinux_load(struct kexec_ctx *ctx, const struct kx_file *kernel);

#endif /* KX_M68K_H */
