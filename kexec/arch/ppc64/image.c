// SPDX-License-Identifier: GPL-2.0-only
/*
 * image.c - ppc64 kernel image types: vmlinux (ELF64, either byte order,
 * ELFv1 or ELFv2, one or several PT_LOADs), a uImage holding a vmlinux,
 * and the boot wrappers (zImage.*, dtbImage.*, otheros.bld), which are
 * recognised only to be refused with a useful message.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arch/ppc64/ppc64.h"
#include "elf.h"
#include "uimage.h"

/* The linear-map base: a vmlinux whose p_paddr is a kernel virtual
 * address is linked at p_paddr - KERNELBASE. */
#define PPC64_KERNELBASE	0xc000000000000000ULL

/* Printed by every boot wrapper (arch/powerpc/boot/main.c). */
static const char wrapper_banner[] = "zImage starting: loaded at";

static const char *machine_name(uint16_t m)
{
	switch (m) {
	case 2: return "SPARC";
	case 3: return "x86 (i386)";
	case KX_EM_68K: return "m68k";
	case 8: return "MIPS";
	case KX_EM_PPC: return "32-bit PowerPC";
	case 22: return "s390";
	case 40: return "ARM";
	case 43: return "SPARC64";
	case 62: return "x86-64";
	case 183: return "AArch64";
	case 243: return "RISC-V";
	default: return "an unknown machine";
	}
}

static bool elf_is_wrapper(const struct elf_info *e)
{
	size_t i;

	for (i = 0; i < e->shnum; i++)
		if (!strncmp(elf_section_name(e, &e->shdr[i]), ".kernel:", 8))
			return true;
	return false;
}

static int wrapper_error(const char *path, struct diag *d)
{
	return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
			 "%s: this is a kernel boot wrapper (zImage, "
			 "dtbImage or otheros.bld), which needs firmware to "
			 "start; load the kernel's vmlinux instead", path);
}

int ppc64_reject_wrapper(const void *data, size_t size, const char *path,
			 struct diag *d)
{
	struct elf_info e;
	bool wrapper;
	int ret;

	ret = elf_parse(data, size, path, &e, NULL);
	if (!ret) {
		wrapper = elf_is_wrapper(&e);
		elf_info_free(&e);
	} else {
		wrapper = memmem(data, size, wrapper_banner,
				 sizeof(wrapper_banner) - 1) != NULL;
	}
	return wrapper ? wrapper_error(path, d) : 0;
}

static uint64_t phdr_phys(const struct elf_phdr *ph)
{
	return ph->paddr >= PPC64_KERNELBASE ? ph->paddr - PPC64_KERNELBASE
					     : ph->paddr;
}

static bool is_load(const struct elf_phdr *ph)
{
	return ph->type == KX_PT_LOAD && ph->memsz;
}

/* Physical span [*lo, *hi) and file span of the PT_LOADs; no overlaps. */
static int elf_span(const struct elf_info *e, uint64_t *lo, uint64_t *hi,
		    uint64_t *filehi)
{
	uint64_t a, b;
	size_t i;
	int ret;

	*lo = UINT64_MAX;
	*hi = *filehi = 0;
	ret = elf_check_loads_disjoint(e, phdr_phys);
	if (ret)
		return ret;
	for (i = 0; i < e->phnum; i++) {
		const struct elf_phdr *ph = &e->phdr[i];

		if (!is_load(ph))
			continue;
		a = phdr_phys(ph);
		b = a + ph->memsz;
		if (b < a || ph->filesz > ph->memsz)
			return -EINVAL;
		*lo = a < *lo ? a : *lo;
		*hi = b > *hi ? b : *hi;
		if (a + ph->filesz > *filehi)
			*filehi = a + ph->filesz;
	}
	return *hi ? 0 : -ENOENT;
}

/* Offset of the entry point in the block, from the PT_LOAD holding it. */
static int elf_entry_offset(const struct elf_info *e, uint64_t lo,
			    uint64_t *off)
{
	size_t i;

	for (i = 0; i < e->phnum; i++) {
		const struct elf_phdr *ph = &e->phdr[i];

		if (is_load(ph) && e->entry >= ph->vaddr &&
		    e->entry - ph->vaddr < ph->memsz) {
			*off = phdr_phys(ph) - lo + (e->entry - ph->vaddr);
			return 0;
		}
	}
	return -ENOENT;
}

static int elf_check_kind(const struct elf_info *e, const char *path,
			  struct diag *d)
{
	if (elf_is_wrapper(e))
		return wrapper_error(path, d);
	if (e->machine != KX_EM_PPC64)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF for %s (e_machine %u), not a 64-bit "
				 "PowerPC kernel", path,
				 machine_name(e->machine), e->machine);
	if (e->elfclass != 64 ||
	    (e->type != KX_ET_EXEC && e->type != KX_ET_DYN))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: not an ELF64 executable (class %d, "
				 "type %u)", path, e->elfclass, e->type);
	return 0;
}

/* Copy every PT_LOAD's file bytes to its place in the block. */
static void elf_copy_loads(const struct elf_info *e, uint64_t lo,
			   uint8_t *buf)
{
	size_t i;

	for (i = 0; i < e->phnum; i++) {
		const struct elf_phdr *ph = &e->phdr[i];

		if (is_load(ph) && ph->filesz)
			memcpy(buf + (phdr_phys(ph) - lo),
			       e->data + ph->offset, ph->filesz);
	}
}

/*
 * The one PT_LOAD with file bytes, when there is only one: its bytes are
 * the block as they stand in the file, so they can be used in place.
 */
static const struct elf_phdr *elf_single_load(const struct elf_info *e)
{
	const struct elf_phdr *one = NULL;
	size_t i;

	for (i = 0; i < e->phnum; i++) {
		if (!is_load(&e->phdr[i]) || !e->phdr[i].filesz)
			continue;
		if (one)
			return NULL;
		one = &e->phdr[i];
	}
	return one;
}

/*
 * May this kernel run where it is loaded?  A CONFIG_RELOCATABLE ppc64
 * kernel is linked -pie (ET_DYN), but distribution vmlinux files may be
 * ET_EXEC that still carry the dynamic relocations the kernel applies to
 * itself (relocate() in arch/powerpc/kernel/reloc_64.S).
 */
static bool kernel_relocatable(const struct elf_info *e)
{
	size_t i;

	if (e->type == KX_ET_DYN)
		return true;
	for (i = 0; i < e->phnum; i++)
		if (e->phdr[i].type == 2)	/* PT_DYNAMIC */
			return true;
	return elf_find_section(e, ".rela.dyn") != NULL ||
	       elf_find_section(e, ".dynamic") != NULL;
}

static int elf_layout(const struct elf_info *e, const char *path, bool borrow,
		      struct ppc64_kernel *k, struct diag *d)
{
	const struct elf_phdr *one;
	uint64_t lo, hi, filehi;
	int ret;

	ret = elf_span(e, &lo, &hi, &filehi);
	if (ret == -ENOMEM)
		return ret;
	if (ret == -ENOENT)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: no loadable segment", path);
	if (ret || hi - lo > KX_DECOMPRESS_MAX)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: PT_LOAD segments overlap, wrap or span "
				 "more than 1 GiB", path);
	if (elf_entry_offset(e, lo, &k->entry_offset))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: entry point 0x%" PRIx64 " is outside "
				 "the loadable segments", path, e->entry);
	k->bufsz = (size_t)(filehi > lo ? filehi - lo : 0);
	one = elf_single_load(e);
	if (borrow && one && phdr_phys(one) == lo) {
		/* The usual vmlinux: map, don't copy. */
		k->buf = e->data + one->offset;
	} else {
		k->owned = calloc(1, k->bufsz ? k->bufsz : 1);
		if (!k->owned)
			return -ENOMEM;
		elf_copy_loads(e, lo, k->owned);
		k->buf = k->owned;
	}
	k->memsz = hi - lo;
	k->link_addr = lo;
	k->relocatable = kernel_relocatable(e);
	k->big_endian = e->big_endian;
	return 0;
}

int ppc64_kernel_from_elf(const void *data, size_t size, const char *path,
			  bool borrow, struct ppc64_kernel *k, struct diag *d)
{
	struct elf_info e;
	int ret;

	memset(k, 0, sizeof(*k));
	ret = elf_parse(data, size, path, &e, d);
	if (ret)
		return ret;
	ret = elf_check_kind(&e, path, d);
	if (!ret)
		ret = elf_layout(&e, path, borrow, k, d);
	elf_info_free(&e);
	return ret;
}

/* ---- elf-ppc64 ---- */

static int elf_probe(struct kexec_ctx *ctx, const struct kx_file *f)
{
	struct elf_info e;
	int ret;

	ret = elf_parse(f->data, f->size, f->path, &e, &ctx->diag);
	if (ret)
		return ret;
	ret = elf_check_kind(&e, f->path, &ctx->diag);
	elf_info_free(&e);
	return ret;
}

static int elf_load(struct kexec_ctx *ctx, const struct kx_file *f)
{
	struct ppc64_kernel k;
	int ret;

	/* The mapping of f lives until the load is done: borrow it. */
	ret = ppc64_kernel_from_elf(f->data, f->size, f->path, true, &k,
				    &ctx->diag);
	return ret ? ret : ppc64_load_kernel(ctx, &k);
}

/* ---- uimage-ppc64 ---- */

static int uimage_check(const struct uimage_info *u, const char *path,
			struct diag *d)
{
	if (u->arch != KX_IH_ARCH_PPC || u->os != KX_IH_OS_LINUX ||
	    (u->type != KX_IH_TYPE_KERNEL &&
	     u->type != KX_IH_TYPE_KERNEL_NOLOAD))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: uImage is not a PowerPC Linux kernel "
				 "(arch %u, os %u, type %s)", path, u->arch,
				 u->os, uimage_type_name(u->type));
	if (u->comp != KX_IH_COMP_NONE && u->comp != KX_IH_COMP_GZIP &&
	    u->comp != KX_IH_COMP_ZSTD)
		return diag_fail(d, KX_EXIT_INPUT, -ENOTSUP,
				 "%s: uImage compression %s is not supported "
				 "(none, gzip, zstd are)", path,
				 uimage_comp_name(u->comp));
	return 0;
}

static int uimage_probe(struct kexec_ctx *ctx, const struct kx_file *f)
{
	struct uimage_info u;
	int ret;

	ret = uimage_parse(f->data, f->size, f->path, &u, &ctx->diag);
	return ret ? ret : uimage_check(&u, f->path, &ctx->diag);
}

/* The payload must be a vmlinux, possibly compressed. */
static int uimage_kernel(struct kexec_ctx *ctx, const struct kx_file *f,
			 const struct uimage_info *u, struct ppc64_kernel *k)
{
	void *out = NULL;
	size_t len = u->size, cap = 0;
	const void *data = u->data;
	int ret;

	if (u->comp != KX_IH_COMP_NONE) {
		ret = kx_decompress(u->comp == KX_IH_COMP_GZIP ? KX_COMP_GZIP :
				    KX_COMP_ZSTD, u->data, u->size,
				    KX_DECOMPRESS_MAX, f->path, &out, &len,
				    &cap, &ctx->diag);
		if (ret)
			return ret;
		data = out;
	}
	/* A decompressed payload is unmapped below: copy from it. */
	ret = ppc64_kernel_from_elf(data, len, f->path, !out, k, &ctx->diag);
	if (ret == -ENOEXEC)
		ret = diag_fail(&ctx->diag, KX_EXIT_INPUT, -EINVAL,
				"%s: the uImage does not hold a vmlinux (ELF); "
				"raw kernels have no size for their bss",
				f->path);
	if (out)
		munmap(out, cap);
	return ret;
}

static int uimage_load(struct kexec_ctx *ctx, const struct kx_file *f)
{
	struct ppc64_kernel k;
	struct uimage_info u;
	int ret;

	ret = uimage_parse(f->data, f->size, f->path, &u, &ctx->diag);
	if (!ret)
		ret = uimage_kernel(ctx, f, &u, &k);
	return ret ? ret : ppc64_load_kernel(ctx, &k);
}

/* ---- zimage-ppc64: recognised, refused ---- */

static int zimage_probe(struct kexec_ctx *ctx, const struct kx_file *f)
{
	int ret = ppc64_reject_wrapper(f->data, f->size, f->path,
				       &ctx->diag);

	return ret ? ret : -ENOEXEC;
}

static int zimage_load(struct kexec_ctx *ctx, const struct kx_file *f)
{
	return wrapper_error(f->path, &ctx->diag);
}

const struct image_type ppc64_image_types[PPC64_NR_IMAGE_TYPES] = {
	{ "elf-ppc64", elf_probe, elf_load,
	  "vmlinux, ELF64 big- or little-endian (may be gzip/xz/zstd)", NULL },
	{ "uimage-ppc64", uimage_probe, uimage_load,
	  "U-Boot uImage holding a vmlinux (uncompressed, gzip or zstd)", NULL },
	{ "zimage-ppc64", zimage_probe, zimage_load,
	  "boot wrappers (zImage, dtbImage, otheros.bld): refused, "
	  "use vmlinux", NULL },
};
