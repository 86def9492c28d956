// SPDX-License-Identifier: GPL-2.0-only
/*
 * m68k-vmlinux.c - the Linux/m68k vmlinux image: an ELF32 big-endian
 * EM_68K executable (the core has decompressed a gzip/xz/zstd one).
 *
 * The kernel is linked at address 0 (PAGE_OFFSET 0) with its text at
 * 0x1000: the first page of the file only holds the ELF headers and is
 * not loaded.  Address 0 goes to the start of the first memory chunk (head.S
 * maps PAGE_OFFSET to the physical address it runs at, and paging_init()
 * assumes that is where chunk 0 begins).  The bootinfo follows directly at
 * _end, where head.S's get_bi_record looks for it; then come the ramdisk at
 * the top of chunk 0 and purgatory below it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "arch/m68k/m68k.h"
#include "purgatory-blobs.h"

#define BOOTINFOV_MAGIC		0x4249561aU	/* 'BIV^Z' */
#define BV_MAX_PAIRS		64
#define M68K_IMAGE_MAX		(256ULL << 20)

/* Skip of a PT_LOAD: the first page when it starts at file offset 0. */
static uint64_t m68k_phdr_skip(const struct elf_phdr *ph, uint64_t page)
{
	if (ph->offset)
		return 0;
	return ph->memsz < page ? ph->memsz : page;
}

static uint64_t m68k_phdr_paddr(const struct elf_phdr *ph)
{
	return ph->paddr;
}

/* Extent [lo, hi) of what is loaded, in link addresses. */
static int m68k_extent(const struct elf_info *e, uint64_t page,
		       uint64_t *lo, uint64_t *hi)
{
	size_t i;

	*lo = UINT64_MAX;
	*hi = 0;
	for (i = 0; i < e->phnum; i++) {
		const struct elf_phdr *ph = &e->phdr[i];
		uint64_t skip = m68k_phdr_skip(ph, page);

		if (ph->type != KX_PT_LOAD || ph->memsz <= skip)
			continue;
		if (ph->paddr + ph->memsz < ph->paddr ||
		    ph->paddr + ph->memsz > 0xffffffffULL)
			return -ERANGE;
		if (ph->paddr + skip < *lo)
			*lo = ph->paddr + skip;
		if (ph->paddr + ph->memsz > *hi)
			*hi = ph->paddr + ph->memsz;
	}
	return *hi ? 0 : -ENOENT;
}

/* Copy the file bytes of every PT_LOAD into k->buf. */
static void m68k_copy_loads(const struct elf_info *e, uint64_t page,
			    uint64_t start, struct m68k_kernel *k)
{
	size_t i;

	for (i = 0; i < e->phnum; i++) {
		const struct elf_phdr *ph = &e->phdr[i];
		uint64_t skip = m68k_phdr_skip(ph, page);
		uint64_t n = ph->filesz < ph->memsz ? ph->filesz : ph->memsz;

		if (ph->type != KX_PT_LOAD || n <= skip)
			continue;
		/* elf_parse() checked offset + filesz against the file. */
		memcpy(k->buf + (ph->paddr + skip - start),
		       e->data + ph->offset + skip, n - skip);
	}
}

/*
 * The PT_LOADs as pieces loaded from the image itself: each must start on
 * a page and leave the page it ends in to itself, in address order.
 * Returns false (assemble a copy instead) otherwise.
 */
static bool m68k_pieces(const struct elf_info *e, uint64_t base,
			uint64_t page, struct m68k_kernel *k)
{
	uint64_t next = 0;
	size_t i;

	k->npiece = 0;
	for (i = 0; i < e->phnum; i++) {
		const struct elf_phdr *ph = &e->phdr[i];
		uint64_t skip = m68k_phdr_skip(ph, page);
		uint64_t n = ph->filesz < ph->memsz ? ph->filesz : ph->memsz;
		uint64_t from = ph->paddr + skip;
		struct m68k_piece *p;

		if (ph->type != KX_PT_LOAD || ph->memsz <= skip)
			continue;
		if (k->npiece == M68K_MAX_PIECES || (from & (page - 1)) ||
		    from < next)
			return false;
		p = &k->piece[k->npiece++];
		p->data = e->data + ph->offset + skip;
		p->filesz = n > skip ? (size_t)(n - skip) : 0;
		p->mem = base + from;
		p->memsz = ph->memsz - skip;
		next = align_up(ph->paddr + ph->memsz, page);
	}
	return k->npiece > 0;
}

void m68k_kernel_free(struct m68k_kernel *k)
{
	free(k->buf);
	k->buf = NULL;
	k->npiece = 0;
}

int m68k_kernel_layout(const struct elf_info *e, uint64_t base,
		       uint64_t page_size, const char *path,
		       struct m68k_kernel *k, struct diag *d)
{
	uint64_t lo, hi, start;
	int ret;

	memset(k, 0, sizeof(*k));
	/* Disjoint, so copying them is bounded by the image's size. */
	ret = elf_check_loads_disjoint(e, m68k_phdr_paddr);
	if (ret == -EINVAL)
		return diag_fail(d, KX_EXIT_INPUT, ret, "%s: PT_LOAD segments "
				 "overlap or wrap", path);
	if (ret)
		return ret;
	ret = m68k_extent(e, page_size, &lo, &hi);
	if (ret == -ENOENT)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL, "%s: no loadable "
				 "segment after the first page", path);
	if (ret || base + hi > 0x100000000ULL)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL, "%s: a segment "
				 "ends past 4 GiB (at 0x%" PRIx64 " + 0x%"
				 PRIx64 ")", path, base, hi);
	start = align_down(lo, page_size);
	if (hi - start > M68K_IMAGE_MAX)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL, "%s: the image "
				 "spans 0x%" PRIx64 " bytes; not a kernel",
				 path, hi - start);
	if (e->entry < lo || e->entry >= hi)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL, "%s: entry point "
				 "0x%" PRIx64 " lies outside the loaded image "
				 "[0x%" PRIx64 ", 0x%" PRIx64 ")", path,
				 e->entry, lo, hi);
	k->size = hi - start;
	if (!m68k_pieces(e, base, page_size, k)) {
		k->npiece = 0;
		k->buf = calloc(1, k->size);
		if (!k->buf)
			return -ENOMEM;
		m68k_copy_loads(e, page_size, start, k);
	}
	k->start = base + start;
	k->end = base + hi;
	k->entry = base + e->entry;
	k->head_off = lo - start;
	return 0;
}

/* Is machtype one that bootversion tables have listed (head.S)? */
static bool m68k_bv_listed_kind(uint32_t machtype)
{
	switch (machtype) {
	case MACH_AMIGA:
	case MACH_ATARI:
	case MACH_MVME147:
	case MACH_MVME16x:
	case MACH_BVME6000:
	case MACH_MAC:
	case MACH_Q40:
	case MACH_HP300:
		return true;
	default:
		return false;
	}
}

enum m68k_bootversion m68k_bootversion_check(const uint8_t *p, size_t len,
					     uint32_t machtype,
					     uint32_t *version)
{
	size_t off, end = len;
	uint16_t branch;

	if (len < 6 || bi_get32(p + 2) != BOOTINFOV_MAGIC)
		return M68K_BV_ABSENT;
	branch = bi_get16(p);
	/* "bras 1f" (0x60xx) jumps over the table: it bounds it. */
	if ((branch & 0xff00) == 0x6000 && (branch & 0xff) &&
	    (branch & 0xff) != 0xff && !(branch & 0x80) &&
	    2 + (size_t)(branch & 0xff) < end)
		end = 2 + (branch & 0xff);
	for (off = 6; off + 8 <= end && off < 6 + 8 * BV_MAX_PAIRS;
	     off += 8) {
		uint32_t mach = bi_get32(p + off);

		if (!mach)
			break;
		if (mach == machtype) {
			*version = bi_get32(p + off + 4);
			return M68K_BV_LISTED;
		}
	}
	return m68k_bv_listed_kind(machtype) ? M68K_BV_MISSING :
					       M68K_BV_UNLISTED;
}

uint64_t m68k_init_mapped_size(uint64_t chunk_size)
{
	if (chunk_size >= (16ULL << 20))
		return 16ULL << 20;
	if (chunk_size >= (8ULL << 20))
		return 8ULL << 20;
	return 4ULL << 20;
}

static int m68k_vmlinux_parse(struct kexec_ctx *ctx,
			      const struct kx_file *kernel,
			      struct elf_info *e)
{
	int ret = elf_parse(kernel->data, kernel->size, kernel->path, e,
			    &ctx->diag);

	if (ret)
		return ret;
	if (e->machine != KX_EM_68K || e->elfclass != 32 || !e->big_endian) {
		ret = diag_fail(&ctx->diag, KX_EXIT_INPUT, -EINVAL,
				"%s: an ELF%d %s-endian file for machine %u, "
				"not an m68k kernel (ELF32 big-endian, "
				"EM_68K)", kernel->path, e->elfclass,
				e->big_endian ? "big" : "little", e->machine);
	} else if (e->type != KX_ET_EXEC) {
		ret = diag_fail(&ctx->diag, KX_EXIT_INPUT, -EINVAL,
				"%s: an m68k ELF of type %u, not an executable "
				"vmlinux", kernel->path, e->type);
	}
	if (ret)
		elf_info_free(e);
	return ret;
}

int m68k_vmlinux_probe(struct kexec_ctx *ctx,
			      const struct kx_file *kernel)
{
	struct elf_info e;
	int ret = m68k_vmlinux_parse(ctx, kernel, &e);

	if (!ret)
		elf_info_free(&e);
	return ret;
}

/* Say what the kernel's struct bootversion thinks of this machine. */
static void m68k_check_bootversion(struct kexec_ctx *ctx,
				   const struct m68k_kernel *k,
				   const char *path)
{
	struct m68k_state *st = ctx->arch_data;
	uint32_t v = 0;

	const uint8_t *head = k->buf ? k->buf + k->head_off : k->piece[0].data;
	size_t len = k->buf ? k->size - k->head_off : k->piece[0].filesz;

	switch (m68k_bootversion_check(head, len, st->machtype, &v)) {
	case M68K_BV_ABSENT:
		kx_debug(ctx, "%s: no struct bootversion (not a Linux "
			 "kernel?)", path);
		break;
	case M68K_BV_LISTED:
		kx_debug(ctx, "%s: bootinfo version %u.%u for %s", path,
			 v >> 16, v & 0xffff, bootinfo_mach_name(st->machtype));
		break;
	case M68K_BV_UNLISTED:
		kx_debug(ctx, "%s: bootversion does not list %s (normal for "
			 "it)", path, bootinfo_mach_name(st->machtype));
		break;
	case M68K_BV_MISSING:
		kx_warn(ctx, "%s: this kernel's bootversion does not list "
			"machine type %u (%s): it was probably built without "
			"support for this machine", path, st->machtype,
			bootinfo_mach_name(st->machtype));
		break;
	}
}

/* A fresh seed for BI_RNG_SEED. */
static int m68k_seed(struct kexec_ctx *ctx, uint8_t *seed, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = getrandom(seed + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -errno,
					 "getrandom: %s", strerror(errno));
		got += (size_t)n;
	}
	return 0;
}

/* Build the new bootinfo (ramdisk address still 0). */
static int m68k_build_bootinfo(struct kexec_ctx *ctx, uint8_t **bi,
			       size_t *len)
{
	struct m68k_state *st = ctx->arch_data;
	uint8_t seed[BI_RNG_SEED_LEN];
	struct bootinfo_edit e = {
		.cmdline = ctx->cmdline ? ctx->cmdline : "",
		.ramdisk = ctx->have_initrd || ctx->opt.reuse_initrd,
		.ramdisk_size = ctx->have_initrd ? (uint32_t)ctx->initrd.size :
			       st->reused_initrd[1],
		.seed = seed,
		.seed_len = sizeof(seed),
	};
	uint64_t initrd_size = ctx->initrd.size;
	int ret;

	if (ctx->have_initrd && initrd_size > 0xffffffffULL)
		return diag_fail(&ctx->diag, KX_EXIT_NOFIT, -EFBIG,
				 "%s: too large for m68k", ctx->initrd.path);
	ret = m68k_seed(ctx, seed, sizeof(seed));
	if (!ret)
		ret = bootinfo_build(&st->bi, &e, bi, len);
	memset(seed, 0, sizeof(seed));
	if (ret == -E2BIG)
		return diag_fail(&ctx->diag, KX_EXIT_NOFIT, ret, "the command "
				 "line is too long for the m68k bootinfo "
				 "(at most %d bytes)", BI_CL_SIZE - 1);
	if (ret == -EFBIG)
		return diag_fail(&ctx->diag, KX_EXIT_NOFIT, ret, "%s: the new "
				 "bootinfo, with the command line, ramdisk "
				 "and seed records, would be %zu bytes; a "
				 "bootinfo is at most %d (BI_FILE_MAX)",
				 st->bootinfo_name, *len, BI_FILE_MAX);
	if (ret)
		return ret;
	if (*len > BI_PROC_MAX)
		kx_warn(ctx, "the new bootinfo is %zu bytes; the new kernel "
			"keeps at most %d for /proc/bootinfo, so it can only "
			"kexec again with --bootinfo", *len, BI_PROC_MAX);
	return 0;
}

/*
 * The kernel loaded piece by piece from the image; when _end is not page
 * aligned, the page holding it is copied and the bootinfo follows in the
 * same small segment.
 */
static int m68k_add_pieces(struct kexec_ctx *ctx, const struct m68k_kernel *k,
			   uint8_t *bi, size_t bi_len, uint8_t **bi_at)
{
	const struct m68k_piece *p;
	uint64_t tail, head, tlen;
	uint8_t *buf;
	size_t i;
	int ret;

	for (i = 0; i + 1 < k->npiece; i++) {
		p = &k->piece[i];
		ret = kx_add_segment_at(ctx, p->data, p->filesz, p->mem,
					p->memsz, SEG_KERNEL, NULL);
		if (ret)
			goto fail;
	}
	p = &k->piece[i];
	tail = align_down(k->end, ctx->page_size);
	head = tail - p->mem;
	if (tail == k->end) {
		ret = kx_add_segment_at(ctx, p->data, p->filesz, p->mem,
					p->memsz, SEG_KERNEL, NULL);
		if (ret)
			goto fail;
		*bi_at = bi;
		return kx_add_segment_at(ctx, bi, bi_len, k->end, bi_len,
					 SEG_BOOTINFO, bi);
	}
	kx_debug(ctx, "_end 0x%" PRIx64 " is not page aligned: the bootinfo "
		 "shares the kernel's last page", k->end);
	if (head) {
		ret = kx_add_segment_at(ctx, p->data, p->filesz < head ?
					p->filesz : (size_t)head, p->mem, head,
					SEG_KERNEL, NULL);
		if (ret)
			goto fail;
	}
	tlen = k->end - tail;
	buf = calloc(1, tlen + bi_len);
	if (!buf) {
		ret = -ENOMEM;
		goto fail;
	}
	if (p->filesz > head)
		memcpy(buf, p->data + head, p->filesz - head < tlen ?
		       p->filesz - head : tlen);
	memcpy(buf + tlen, bi, bi_len);
	free(bi);
	*bi_at = buf + tlen;
	return kx_add_segment_at(ctx, buf, tlen + bi_len, tail, tlen + bi_len,
				 SEG_KERNEL, buf);
fail:
	free(bi);
	return ret;
}

/*
 * Add the kernel and, directly at _end, the bootinfo.  When _end is not
 * page aligned the bootinfo shares the kernel's segment.  *bi_at receives
 * where the bootinfo bytes live (for the ramdisk address).
 */
static int m68k_add_kernel(struct kexec_ctx *ctx, struct m68k_kernel *k,
			   uint8_t *bi, size_t bi_len, uint8_t **bi_at)
{
	size_t total = k->size + bi_len;
	uint8_t *buf;
	int ret;

	if (!k->buf)
		return m68k_add_pieces(ctx, k, bi, bi_len, bi_at);
	if (!(k->end & (ctx->page_size - 1))) {
		ret = kx_add_segment_at(ctx, k->buf, k->size, k->start,
					k->size, SEG_KERNEL, k->buf);
		k->buf = NULL;
		if (ret) {
			free(bi);
			return ret;
		}
		*bi_at = bi;
		return kx_add_segment_at(ctx, bi, bi_len, k->end, bi_len,
					 SEG_BOOTINFO, bi);
	}
	kx_debug(ctx, "_end 0x%" PRIx64 " is not page aligned: the bootinfo "
		 "shares the kernel segment", k->end);
	buf = realloc(k->buf, total);
	if (!buf) {
		free(bi);
		return -ENOMEM;
	}
	k->buf = NULL;
	memcpy(buf + k->size, bi, bi_len);
	free(bi);
	*bi_at = buf + k->size;
	return kx_add_segment_at(ctx, buf, total, k->start, total, SEG_KERNEL,
				 buf);
}

/* The ramdisk at the top of chunk 0; its place goes into the bootinfo. */
static int m68k_add_ramdisk(struct kexec_ctx *ctx, uint8_t *bi_at,
			    size_t bi_len, uint64_t *addr)
{
	struct m68k_state *st = ctx->arch_data;
	struct hole_req req = {
		.align = ctx->page_size,
		.min = st->chunk0_addr,
		.max = (uint64_t)st->chunk0_addr + st->chunk0_size,
		.top_down = true,
	};
	int ret;

	*addr = req.max;
	if (ctx->opt.reuse_initrd)
		return bootinfo_set_ramdisk(bi_at, bi_len,
					    st->reused_initrd[0],
					    st->reused_initrd[1]);
	if (!ctx->have_initrd)
		return 0;
	ret = kx_add_segment(ctx, ctx->initrd.data, ctx->initrd.size,
			     ctx->initrd.size, &req, SEG_INITRD, NULL, addr);
	if (ret)
		return ret;
	return bootinfo_set_ramdisk(bi_at, bi_len, (uint32_t)*addr,
				    (uint32_t)ctx->initrd.size);
}

/* Purgatory: any free page-aligned hole of chunk 0 below the ramdisk. */
static int m68k_add_purgatory(struct kexec_ctx *ctx, uint64_t below)
{
	struct m68k_state *st = ctx->arch_data;
	struct hole_req req = {
		.align = ctx->page_size,
		.min = st->chunk0_addr,
		.max = below,
		.top_down = true,
	};

	return kx_load_purgatory(ctx, kx_purgatory_m68k,
				 (size_t)kx_purgatory_m68k_size,
				 &m68k_rel_arch, &req, &ctx->entry);
}

/* Warn when kernel and bootinfo outgrow what head.S maps at boot. */
static void m68k_check_mapped(struct kexec_ctx *ctx,
			      const struct m68k_kernel *k, size_t bi_len)
{
	struct m68k_state *st = ctx->arch_data;
	uint64_t need = k->end + bi_len - st->chunk0_addr;
	uint64_t mapped = m68k_init_mapped_size(st->chunk0_size);

	if (need > mapped)
		kx_warn(ctx, "kernel and bootinfo end 0x%" PRIx64 " bytes "
			"into memory, but head.S maps only the first %" PRIu64
			" MiB of a %" PRIu32 " MiB chunk at boot", need,
			mapped >> 20, st->chunk0_size >> 20);
}

int m68k_vmlinux_load(struct kexec_ctx *ctx,
			     const struct kx_file *kernel)
{
	struct m68k_state *st = ctx->arch_data;
	struct m68k_kernel k;
	struct elf_info e;
	uint8_t *bi = NULL, *bi_at;
	size_t bi_len;
	uint64_t rd;
	int ret;

	ret = m68k_vmlinux_parse(ctx, kernel, &e);
	if (ret)
		return ret;
	ret = m68k_kernel_layout(&e, st->chunk0_addr, ctx->page_size,
				 kernel->path, &k, &ctx->diag);
	elf_info_free(&e);
	if (ret)
		return ret;
	m68k_check_bootversion(ctx, &k, kernel->path);
	st->kernel_entry = k.entry;
	kx_debug(ctx, "kernel 0x%" PRIx64 "-0x%" PRIx64 ", entry 0x%" PRIx64
		 ", bootinfo at _end", k.start, k.end, k.entry);
	ret = m68k_build_bootinfo(ctx, &bi, &bi_len);
	if (ret) {
		m68k_kernel_free(&k);
		return ret;
	}
	m68k_check_mapped(ctx, &k, bi_len);
	ret = m68k_add_kernel(ctx, &k, bi, bi_len, &bi_at);
	if (!ret)
		ret = m68k_add_ramdisk(ctx, bi_at, bi_len, &rd);
	if (!ret)
		ret = m68k_add_purgatory(ctx, rd);
	return ret;
}
