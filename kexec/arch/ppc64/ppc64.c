// SPDX-License-Identifier: GPL-2.0-only
/*
 * ppc64.c - the 64-bit PowerPC backend: reading the system state, placing
 * the segments, the purgatory parameters.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "arch/ppc64/ppc64.h"
#include "arch/ppc64/purgatory.h"
#include "core.h"
#include "crashdump.h"
#include "kexec-uapi.h"

/*
 * Alignment of a crash kernel, which runs where it is loaded (the
 * kernel's own section alignment).  A kernel that copies itself down to
 * 0 is page aligned (see ppc64_layout()).
 */
#define PPC64_KERNEL_ALIGN	0x10000
/* MMU-off room an initrd placed low must leave for the segments after it. */
#define PPC64_LOW_ROOM		0x1000000
/* __run_at_load in the kernel's head (arch/powerpc/kernel/head_64.S). */
#define PPC64_RUN_AT_LOAD	0x5c
/*
 * A crash kernel copies its interrupt vectors to physical 0 and the
 * running kernel's kexec_sequence puts purgatory's head there: the first
 * 64 KiB of the crashed kernel (BACKUP_SRC_* in the kernel's
 * arch/powerpc/include/asm/crashdump-ppc64.h) are saved by purgatory.
 */
#define PPC64_BACKUP_SIZE	0x10000
#define PPC64_PAGE_OFFSET	0xc000000000000000ULL
#define PPC64_EM_PPC64		21

/* Backend state, in ctx->arch_data. */
struct ppc64_state {
	struct fdtu tree;		/* the running system's device tree */
	char *boot_fdt;			/* /sys/firmware/fdt, or NULL */
	size_t boot_len;
	struct ppc64_dtinfo info;
	const struct ppc64_platform *pf;
	uint64_t kernel_entry;		/* physical, for purgatory */
	uint64_t dt_addr;
	uint64_t backup_addr;		/* crash kernel: the saved 64 KiB */
	uint64_t elfcorehdr_addr;
	size_t elfcorehdr_size;
	uint64_t reused_initrd[2];	/* --reuseinitrd: start, end */
};

enum { OPT_DEVICETREEBLOB = 1 };

static const struct arch_option ppc64_options[] = {
	{ "devicetreeblob", true, OPT_DEVICETREEBLOB,
	  "same as --dtb=FILE (the kexec-tools name)" },
	{ NULL, false, 0, NULL },
};

static int ppc64_parse_option(struct kexec_ctx *ctx, int id, const char *arg)
{
	if (id != OPT_DEVICETREEBLOB)
		return -EINVAL;
	ctx->opt.dtb = arg;
	return 0;
}

/* A cpu node named PowerPC,* or with ibm,ppc-interrupt-server#s. */
static bool ppc64_detect(struct kexec_ctx *ctx)
{
	char *path = kx_root_path(ctx, "/proc/device-tree/cpus");
	struct dirent *e;
	bool found = false;
	DIR *dir;

	dir = path ? opendir(path) : NULL;
	while (dir && !found && (e = readdir(dir))) {
		char *p;

		found = !strncmp(e->d_name, "PowerPC,", 8);
		if (found || e->d_name[0] == '.' ||
		    asprintf(&p, "%s/%s/ibm,ppc-interrupt-server#s", path,
			     e->d_name) < 0)
			continue;
		found = !access(p, R_OK);
		free(p);
	}
	if (dir)
		closedir(dir);
	free(path);
	return found;
}

/* /sys/firmware/fdt is optional: older kernels and some fixtures lack it. */
static void read_boot_fdt(struct kexec_ctx *ctx, struct ppc64_state *st)
{
	if (kx_read_optional(ctx, "/sys/firmware/fdt", &st->boot_fdt,
			     &st->boot_len))
		kx_debug(ctx, "no /sys/firmware/fdt: no boot reservation map");
}

static void debug_ranges(const struct kexec_ctx *ctx, const char *what,
			 const struct range_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		kx_debug(ctx, "  %-9s 0x%016" PRIx64 "-0x%016" PRIx64, what,
			 l->r[i].start, l->r[i].end);
}

static void ppc64_debug_dump(struct kexec_ctx *ctx)
{
	struct ppc64_state *st = ctx->arch_data;

	if (!st)
		return;
	kx_debug(ctx, "ppc64: platform %s, kernel-end 0x%" PRIx64
		 ", rma-end 0x%" PRIx64 ", memory-limit 0x%" PRIx64
		 ", crashkernel 0x%" PRIx64 "+0x%" PRIx64, st->pf->name,
		 st->info.kernel_end, ctx->mem.rma_end, st->info.memory_limit,
		 st->info.crash_base, st->info.crash_size);
	debug_ranges(ctx, "ram", &ctx->mem.ram);
	debug_ranges(ctx, "reserved", &ctx->mem.reserved);
	debug_ranges(ctx, "firmware", &st->info.fw_rsv);
}

/*
 * kexec-tools builds the tree from /proc/device-tree and adds the root=
 * of its chosen/bootargs when the new command line has none.
 */
static int keep_old_root(struct kexec_ctx *ctx)
{
	char *old = NULL;
	int ret;

	if (ctx->opt.dtb || ctx->opt.dt_no_old_root)
		return 0;
	if (kx_read_sysfile(ctx, "/proc/device-tree/chosen/bootargs", &old,
			    NULL)) {
		diag_clear(&ctx->diag);
		return 0;
	}
	ret = kx_cmdline_keep_root(ctx, old);
	free(old);
	return ret;
}

/*
 * --reuseinitrd: the initrd the running kernel was booted with, where its
 * tree says it is.  The kernel kept it (retain_initrd, checked by the
 * core); no segment may go there, and the next tree points at it.
 */
static int find_reused_initrd(struct kexec_ctx *ctx, struct ppc64_state *st,
			      const char *dt)
{
	const void *fdt = st->tree.fdt;
	int node = fdt_path_offset(fdt, "/chosen");
	uint64_t *r = st->reused_initrd;

	if (node < 0 || fdtu_get_uint(fdt, node, "linux,initrd-start", &r[0]) ||
	    fdtu_get_uint(fdt, node, "linux,initrd-end", &r[1]) ||
	    r[1] <= r[0])
		return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -ENOENT,
				 "--reuseinitrd: %s/chosen has no valid "
				 "linux,initrd-start/-end: the running kernel "
				 "was booted without an initrd", dt);
	kx_debug(ctx, "ppc64: reusing the initrd at [0x%" PRIx64 ", 0x%"
		 PRIx64 ")", r[0], r[1]);
	return range_list_add(&ctx->mem.reserved,
			      align_down(r[0], ctx->page_size),
			      align_up(r[1], ctx->page_size));
}

static int ppc64_init(struct kexec_ctx *ctx)
{
	struct ppc64_state *st;
	char *dt;
	int ret;

	st = calloc(1, sizeof(*st));
	dt = kx_root_path(ctx, "/proc/device-tree");
	if (!st || !dt) {
		free(st);
		free(dt);
		return -ENOMEM;
	}
	ctx->arch_data = st;
	ret = fdtu_from_dir(&st->tree, dt, &ctx->diag);
	if (!ret) {
		read_boot_fdt(ctx, st);
		st->pf = ppc64_platform_find(st->tree.fdt);
		if (ctx->opt.panic && st->pf->no_crash)
			ret = diag_fail(&ctx->diag, KX_EXIT_SYSTEM,
					-EOPNOTSUPP, "%s", st->pf->no_crash);
	}
	if (!ret) {
		ret = ppc64_read_dtinfo(st->tree.fdt, st->boot_fdt,
					st->boot_len, dt, &st->info,
					&ctx->diag);
	}
	if (!ret)
		ret = ppc64_memory_map(&st->info, ctx->opt.panic, &ctx->mem,
				       &ctx->diag);
	if (!ret && ctx->opt.reuse_initrd)
		ret = find_reused_initrd(ctx, st, dt);
	if (!ret)
		ret = keep_old_root(ctx);
	free(dt);
	if (!ret && ctx->opt.debug)
		ppc64_debug_dump(ctx);
	return ret;
}

static void ppc64_cleanup(struct kexec_ctx *ctx)
{
	struct ppc64_state *st = ctx->arch_data;

	if (!st)
		return;
	fdtu_free(&st->tree);
	free(st->boot_fdt);
	ppc64_dtinfo_free(&st->info);
	free(st);
	ctx->arch_data = NULL;
}

static int ppc64_finalize(struct kexec_ctx *ctx, struct kx_params *p)
{
	struct ppc64_state *st = ctx->arch_data;

	p->arch[KX_PPC64_KERNEL] = st->kernel_entry;
	p->arch[KX_PPC64_DT] = st->dt_addr;
	if (st->backup_addr) {
		p->arch[KX_PPC64_BACKUP_SRC] = 0;
		p->arch[KX_PPC64_BACKUP_DST] = st->backup_addr;
		p->arch[KX_PPC64_BACKUP_SIZE] = PPC64_BACKUP_SIZE;
	}
	if (st->pf->console)
		st->pf->console(st->tree.fdt, p);
	return 0;
}

/* ---- placement ---- */

/*
 * Bounds of a load, decided once:
 * - floor: nothing may go below the running kernel's end (the kernel
 *   refuses it) nor, unless the new kernel runs in place (panic loads),
 *   below the end of the copy the new kernel makes of itself to its link
 *   address on boot ([link, link + memsz), bss included): a tree or initrd
 *   there would be overwritten before the kernel reads it.  A kernel
 *   larger than the running one thus pushes everything up.
 * - mmu_off_max: the kernel, tree and purgatory (with its stack) run or
 *   are read with the MMU off, so they stay below the end of the RMA.
 * - the platform may narrow both (PS3: everything in the boot region).
 * The initrd is read with the MMU on, so it may go anywhere in RAM; it is
 * put low, just above the kernel, as kexec-tools puts it, when that leaves
 * PPC64_LOW_ROOM of the MMU-off room for the tree, purgatory and the crash
 * segments; else just above the RMA; else anywhere.  Low because that is
 * memory the running system has used: in a virtual machine, guest memory
 * that was never touched costs the host a page fault and a zeroed page on
 * every first write, and the kernel's copy at kexec -e is the first write
 * (a 64 MiB initrd at 2 GiB in a 3 GiB pseries guest added 0.8 s to the
 * switch; doc/performance.md).  Low also keeps it below any mem= cap.
 */
struct ppc64_layout {
	uint64_t min, max;		/* every segment; max 0 = none */
	uint64_t mmu_off_max;
};

static void ppc64_layout(const struct kexec_ctx *ctx,
			 const struct ppc64_state *st,
			 const struct ppc64_kernel *k, struct ppc64_layout *l)
{
	uint64_t end = k->link_addr + k->memsz;

	l->min = st->info.kernel_end;
	if (!ctx->opt.panic && end > l->min)
		l->min = end;
	/*
	 * A kernel that copies itself to 0 goes one page above the end of
	 * that copy (and of the running kernel), page aligned, where
	 * kexec-tools puts it (its first free byte is kernel-end + 1,
	 * rounded up to a page).  Measured in pseries guests (QEMU TCG),
	 * from purgatory to the new kernel's first console line: Debian's
	 * 6.1 ppc64le kernel at exactly its own end, 0x2880000, took
	 * 1.07-1.74 s, one 64 KiB page higher 0.51-0.74 s; a big-endian 6.1
	 * kernel with 4 KiB pages (end 0x629000) took 0.241 s at 0x640000
	 * (64 KiB above, 64 KiB aligned) against kexec-tools' 0.198 s at
	 * 0x62a000, and 0.186 s against 0.192 s once placed at 0x62a000
	 * too (doc/performance.md).  Not where the platform bounds the load
	 * (the PS3's boot region is small and fixtures-ps3.sh holds it to
	 * the floor).
	 */
	if (!ctx->opt.panic && !st->pf->segment_limits)
		l->min += ctx->page_size;
	l->max = 0;
	if (st->pf->segment_limits)
		st->pf->segment_limits(&st->info, &l->min, &l->max);
	l->mmu_off_max = ctx->mem.rma_end;
	if (l->max && (!l->mmu_off_max || l->max < l->mmu_off_max))
		l->mmu_off_max = l->max;
}

/* A writable copy of the kernel block with __run_at_load set to 1. */
static int kernel_set_run_at_load(struct kexec_ctx *ctx,
				  const struct ppc64_kernel *k,
				  uint8_t **owned)
{
	uint8_t *b = *owned;

	if (k->bufsz < PPC64_RUN_AT_LOAD + 4) {
		free(b);
		*owned = NULL;
		return diag_fail(&ctx->diag, KX_EXIT_INPUT, -EINVAL,
				 "%s: kernel image is only %zu bytes",
				 ctx->opt.kernel, k->bufsz);
	}
	if (!b) {
		b = malloc(k->bufsz);
		if (!b)
			return -ENOMEM;
		memcpy(b, k->buf, k->bufsz);
		*owned = b;
	}
	memset(b + PPC64_RUN_AT_LOAD, 0, 4);
	b[PPC64_RUN_AT_LOAD + (k->big_endian ? 3 : 0)] = 1;
	return 0;
}

static int place_kernel(struct kexec_ctx *ctx, struct ppc64_state *st,
			struct ppc64_kernel *k, const struct ppc64_layout *l,
			uint64_t *addr)
{
	struct hole_req req = {
		.align = ctx->opt.panic ? PPC64_KERNEL_ALIGN : ctx->page_size,
		.min = l->min,
		.max = l->mmu_off_max,
	};
	const uint8_t *buf = k->buf;
	uint8_t *owned = k->owned;
	int ret;

	k->owned = NULL;
	if (ctx->opt.panic && k->relocatable) {
		/* The crash kernel reads __run_at_load in its own image and
		 * must then stay where it is loaded. */
		ret = kernel_set_run_at_load(ctx, k, &owned);
		if (ret)
			return ret;
		buf = owned;
	}
	if (ctx->opt.panic && !k->relocatable) {
		/* It can only run at its link address. */
		*addr = k->link_addr;
		return kx_add_segment_at(ctx, buf, k->bufsz, *addr,
					 align_up(k->memsz, ctx->page_size),
					 SEG_KERNEL, owned);
	}
	return kx_add_segment(ctx, buf, k->bufsz, k->memsz, &req, SEG_KERNEL,
			      owned, addr);
}

static int place_initrd(struct kexec_ctx *ctx, const struct ppc64_layout *l,
			uint64_t *addr)
{
	const struct kx_file *f = &ctx->initrd;
	uint64_t room_end = l->mmu_off_max;
	struct hole_req win[3];
	size_t n = 0, i;
	int ret;

	/* Low, leaving room below the end of the MMU-off area. */
	if (room_end && room_end - l->min > PPC64_LOW_ROOM)
		win[n++] = (struct hole_req){ .min = l->min,
					      .max = room_end - PPC64_LOW_ROOM };
	/* Above the RMA. */
	if (room_end > l->min && (!l->max || room_end < l->max))
		win[n++] = (struct hole_req){ .min = room_end, .max = l->max };
	/* Anywhere; its error is the one reported. */
	win[n++] = (struct hole_req){ .min = l->min, .max = l->max };
	for (i = 0;; i++) {
		ret = kx_add_segment(ctx, f->data, f->size, f->size, &win[i],
				     SEG_INITRD, NULL, addr);
		if (ret != -ENOSPC || i == n - 1)
			return ret;
		diag_clear(&ctx->diag);
	}
}

/* The running tree, or the --dtb file, as the base of the new tree. */
static int base_tree(struct kexec_ctx *ctx, struct ppc64_state *st,
		     struct fdtu *t)
{
	struct kx_file f = { 0 };
	int ret;

	if (!ctx->opt.dtb) {
		t->fdt = malloc(st->tree.size);
		if (!t->fdt)
			return -ENOMEM;
		memcpy(t->fdt, st->tree.fdt, st->tree.size);
		t->size = st->tree.size;
		return 0;
	}
	ret = kx_file_open(ctx->opt.dtb, 0, &f, &ctx->diag);
	if (!ret)
		ret = fdtu_from_blob(t, f.data, f.size, ctx->opt.dtb,
				     &ctx->diag);
	kx_file_close(&f);
	if (!ret && st->pf->import_running)
		ret = st->pf->import_running(t, st->tree.fdt, ctx->opt.dtb,
					     &ctx->diag);
	return ret;
}

/*
 * What a crash kernel may use: [0, end of the crash region) (the kernel's
 * own choice, get_usable_memory_ranges() in arch/powerpc/kexec/
 * file_load_64.c: guests fail early without their first block) and the
 * firmware's memory; and what it must not touch inside that: the crashed
 * kernel's [64 KiB, crash base), the backup and the ELF core header.
 */
static int crash_tree_ranges(const struct ppc64_state *st,
			     struct range_list *usable, struct range_list *rsv)
{
	const struct ppc64_dtinfo *in = &st->info;
	size_t i;
	int ret;

	ret = range_list_add(usable, 0, in->crash_base + in->crash_size);
	for (i = 0; i < in->fw_rsv.n && !ret; i++)
		ret = range_list_add(usable, in->fw_rsv.r[i].start,
				     in->fw_rsv.r[i].end);
	for (i = 0; i < in->fw_rsv.n && !ret; i++)
		ret = range_list_add(rsv, in->fw_rsv.r[i].start,
				     in->fw_rsv.r[i].end);
	if (!ret && in->crash_base > PPC64_BACKUP_SIZE)
		ret = range_list_add(rsv, PPC64_BACKUP_SIZE, in->crash_base);
	if (!ret)
		ret = range_list_add(rsv, st->backup_addr,
				     st->backup_addr + PPC64_BACKUP_SIZE);
	if (!ret)
		ret = range_list_add(rsv, st->elfcorehdr_addr,
				     st->elfcorehdr_addr + st->elfcorehdr_size);
	return ret;
}

/* Number of CPUs in a sysfs CPU list ("0-7,16"), or -1. */
static long cpulist_count(const char *s)
{
	unsigned long a, b;
	long n = 0;
	char *end;

	while (*s && *s != '\n') {
		a = strtoul(s, &end, 10);
		if (end == s)
			return -1;
		b = a;
		if (*end == '-') {
			s = end + 1;
			b = strtoul(s, &end, 10);
			if (end == s || b < a)
				return -1;
		}
		n += (long)(b - a + 1);
		s = *end == ',' ? end + 1 : end;
	}
	return n;
}

/* Free bytes a cpu node takes per thread, generously (a pseries POWER9
 * core's node of 8 threads is about 1.5 KiB). */
#define PPC64_HOTPLUG_THREAD_ROOM	1024

/*
 * --hotplug: the kernel adds the nodes of CPUs added later to the crash
 * kernel's tree (kexec-tools' kdump_fdt_extra_size()): room for every
 * possible CPU that is not present.
 */
static int hotplug_tree_room(struct kexec_ctx *ctx, size_t *room)
{
	char *possible = NULL, *present = NULL;
	long np, nq;
	int ret;

	*room = 0;
	if (!ctx->opt.hotplug)
		return 0;
	ret = kx_read_sysfile(ctx, "/sys/devices/system/cpu/possible",
			      &possible, NULL);
	if (!ret)
		ret = kx_read_sysfile(ctx, "/sys/devices/system/cpu/present",
				      &present, NULL);
	np = ret ? -1 : cpulist_count(possible);
	nq = ret ? -1 : cpulist_count(present);
	free(possible);
	free(present);
	if (ret)
		return ret;
	if (np < 0 || nq < 0)
		return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -EINVAL,
				 "/sys/devices/system/cpu/possible or present: "
				 "not a CPU list");
	if (np > nq)
		*room = (size_t)(np - nq) * PPC64_HOTPLUG_THREAD_ROOM;
	kx_debug(ctx, "ppc64: crash hotplug: %ld possible, %ld present CPUs, "
		 "%zu bytes more in the tree", np, nq, *room);
	return 0;
}

static int place_tree(struct kexec_ctx *ctx, struct ppc64_state *st,
		      const struct ppc64_layout *l, uint64_t initrd)
{
	struct ppc64_dt_request r = {
		.cmdline = ctx->cmdline, .rsv = &st->info.fw_rsv,
		.platform = st->pf,
		.name = ctx->opt.dtb ? ctx->opt.dtb : "/proc/device-tree",
		.cls = ctx->opt.dtb ? KX_EXIT_INPUT : KX_EXIT_SYSTEM,
		.usable_max = st->info.crash_size,
	};
	struct hole_req req = { .min = l->min, .max = l->mmu_off_max };
	struct range_list usable = { 0 }, rsv = { 0 };
	struct fdtu t = { 0 };
	int ret;

	ret = hotplug_tree_room(ctx, &r.extra_room);
	if (ret)
		return ret;
	if (ctx->opt.panic) {
		ret = crash_tree_ranges(st, &usable, &rsv);
		if (ret) {
			range_list_free(&usable);
			range_list_free(&rsv);
			return ret;
		}
		r.usable = &usable;
		r.rsv = &rsv;
	}

	if (ctx->have_initrd) {
		r.initrd_start = initrd;
		r.initrd_end = initrd + ctx->initrd.size;
	} else if (ctx->opt.reuse_initrd) {
		r.initrd_start = st->reused_initrd[0];
		r.initrd_end = st->reused_initrd[1];
	}
	if (ppc64_boot_cpu(st->tree.fdt, st->boot_fdt, st->boot_len,
			   &r.boot_cpu))
		kx_warn(ctx, "no boot CPU in the device tree; using 0 until "
			"purgatory sets the real one");
	ret = base_tree(ctx, st, &t);
	if (!ret)
		ret = ppc64_dt_prepare(&t, &r, &ctx->diag);
	range_list_free(&usable);
	range_list_free(&rsv);
	if (ret) {
		fdtu_free(&t);
		return ret;
	}
	return kx_add_segment(ctx, t.fdt, t.size, t.size, &req, SEG_DTB,
			      t.fdt, &st->dt_addr);
}

/*
 * The crashed kernel's memory for the dump: its RAM (as capped by mem=)
 * without the crash region and without the first 64 KiB, which get a
 * program header of their own pointing at the backup; firmware memory
 * inside the crash region is the firmware's, so it stays in.
 */
static int crash_dump_ranges(const struct ppc64_dtinfo *in,
			     struct range_list *out)
{
	uint64_t cb = in->crash_base, ce = cb + in->crash_size;
	size_t i;
	int ret = 0;

	for (i = 0; i < in->ram.n && !ret; i++)
		ret = range_list_add(out, in->ram.r[i].start, in->ram.r[i].end);
	if (!ret && in->memory_limit)
		ret = range_list_remove(out, in->memory_limit, UINT64_MAX);
	if (!ret)
		ret = range_list_remove(out, cb, ce);
	if (!ret)
		ret = range_list_remove(out, 0, PPC64_BACKUP_SIZE);
	for (i = 0; i < in->fw_rsv.n && !ret; i++) {
		uint64_t s = in->fw_rsv.r[i].start, e = in->fw_rsv.r[i].end;

		if (s < cb)
			s = cb;
		if (e > ce)
			e = ce;
		if (s < e)
			ret = range_list_add(out, s, e);
	}
	return ret;
}

/* " elfcorehdr=ADDR" behind the command line (kernel/crash_dump.c). */
static int cmdline_add_elfcorehdr(struct kexec_ctx *ctx, uint64_t addr)
{
	char word[40];

	snprintf(word, sizeof(word), "elfcorehdr=0x%" PRIx64, addr);
	return kx_cmdline_append(ctx, word);
}

/*
 * A crash kernel's extra segments, inside the crash region: the backup of
 * the first 64 KiB (filled by purgatory after its checks, so not
 * verified) and the ELF core header, whose address goes on the command
 * line.
 */
static int place_crash_segments(struct kexec_ctx *ctx, struct ppc64_state *st,
				const struct ppc64_layout *l, bool big_endian)
{
	struct hole_req req = {
		.align = PPC64_BACKUP_SIZE, .min = l->min,
		.max = l->mmu_off_max,
	};
	struct kx_crash_notes notes;
	struct range_list ram = { 0 };
	struct kx_elfcore_req er = {
		.machine = PPC64_EM_PPC64, .big_endian = big_endian,
		.page_offset = PPC64_PAGE_OFFSET, .notes = &notes,
		.ram = &ram, .backup_src = 0,
		.backup_size = PPC64_BACKUP_SIZE,
	};
	uint8_t *hdr;
	size_t len;
	uint64_t memsz;
	int ret;

	ret = kx_add_segment(ctx, NULL, 0, PPC64_BACKUP_SIZE, &req,
			     SEG_BACKUP, NULL, &st->backup_addr);
	if (ret)
		return ret;
	ret = kx_crash_read_notes(ctx, &notes);
	if (ret)
		return ret;
	er.backup_dst = st->backup_addr;
	ret = crash_dump_ranges(&st->info, &ram);
	if (!ret)
		ret = kx_build_elfcore64(&er, &hdr, &len);
	kx_crash_notes_free(&notes);
	range_list_free(&ram);
	if (ret == -EINVAL)
		return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, ret,
				 "too many memory ranges for an ELF core "
				 "header");
	if (ret)
		return ret;
	req.align = 0;
	req.max = l->max;
	/* --hotplug: room for the header the kernel may rewrite. */
	memsz = len > ctx->hotplug_elfcorehdr_size ? len :
		ctx->hotplug_elfcorehdr_size;
	ret = kx_add_segment(ctx, hdr, len, memsz, &req, SEG_ELFCOREHDR, hdr,
			     &st->elfcorehdr_addr);
	if (ret)
		return ret;
	st->elfcorehdr_size = memsz;
	kx_debug(ctx, "ppc64: backup of [0, 0x%x) at 0x%" PRIx64
		 ", ELF core header (%zu bytes) at 0x%" PRIx64,
		 PPC64_BACKUP_SIZE, st->backup_addr, len, st->elfcorehdr_addr);
	return cmdline_add_elfcorehdr(ctx, st->elfcorehdr_addr);
}

/* Purgatory starts in the running kernel's byte order: the host's when
 * loading natively, else (a dry run) assumed to be the new kernel's. */
static bool running_big_endian(const struct kexec_ctx *ctx,
			       const struct ppc64_kernel *k)
{
	if (!ctx->opt.dry_run && kx_arch_is_native(ctx->arch))
		return __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
	return k->big_endian;
}

/* The head purgatory copies, with __run_at_load set for a crash kernel
 * that runs where it is loaded. */
static int place_purgatory(struct kexec_ctx *ctx, const struct ppc64_layout *l,
			   const struct ppc64_kernel *k,
			   const uint8_t *kbuf, size_t kbufsz)
{
	struct hole_req req = { .min = l->min, .max = l->mmu_off_max };
	uint8_t head[PPC64_PURGATORY_HEAD];
	uint64_t entry;

	if (kbufsz < sizeof(head))
		return diag_fail(&ctx->diag, KX_EXIT_INPUT, -EINVAL,
				 "%s: kernel image is only %zu bytes",
				 ctx->opt.kernel, kbufsz);
	memcpy(head, kbuf, sizeof(head));
	if (ctx->opt.panic && k->relocatable) {
		memset(head + PPC64_RUN_AT_LOAD, 0, 4);
		head[PPC64_RUN_AT_LOAD + (k->big_endian ? 3 : 0)] = 1;
	}
	if (ppc64_purgatory_load(ctx, running_big_endian(ctx, k), head,
				 sizeof(head), &req, &entry))
		return -EINVAL;
	ctx->entry = entry;
	return 0;
}

int ppc64_load_kernel(struct kexec_ctx *ctx, struct ppc64_kernel *k)
{
	struct ppc64_state *st = ctx->arch_data;
	const uint8_t *kbuf = k->buf;
	size_t kbufsz = k->bufsz;
	struct ppc64_layout l;
	uint64_t kaddr, initrd = 0;
	int ret;

	if (st->pf->big_endian_only && !k->big_endian) {
		free(k->owned);
		k->owned = NULL;
		return diag_fail(&ctx->diag, KX_EXIT_INPUT, -EINVAL,
				 "%s: a little-endian kernel; %s runs "
				 "big-endian kernels only", ctx->opt.kernel,
				 st->pf->name);
	}
	ppc64_layout(ctx, st, k, &l);
	kx_debug(ctx, "ppc64: %s %s kernel, 0x%" PRIx64 " bytes linked at "
		 "0x%" PRIx64 "; segments in [0x%" PRIx64 ", 0x%" PRIx64
		 "), MMU-off ones below 0x%" PRIx64,
		 k->big_endian ? "big-endian" : "little-endian",
		 k->relocatable ? "relocatable" : "fixed", k->memsz,
		 k->link_addr, l.min, l.max, l.mmu_off_max);
	ret = place_kernel(ctx, st, k, &l, &kaddr);
	if (ret)
		return ret;
	st->kernel_entry = kaddr + k->entry_offset;
	if (ctx->have_initrd)
		ret = place_initrd(ctx, &l, &initrd);
	if (!ret && ctx->opt.panic)
		ret = place_crash_segments(ctx, st, &l,
					   running_big_endian(ctx, k));
	if (!ret)
		ret = place_tree(ctx, st, &l, initrd);
	if (!ret)
		ret = place_purgatory(ctx, &l, k, kbuf, kbufsz);
	return ret;
}

static const char *const ppc64_machines[] = { "ppc64", "ppc64le", NULL };

const struct arch_ops ppc64_arch_ops = {
	.name = "ppc64",
	.kexec_arch = KX_KEXEC_ARCH_PPC64,
	.default_page_size = 65536,
	.cmdline_max = 2048,		/* COMMAND_LINE_SIZE */
	.machines = ppc64_machines,
	.detect = ppc64_detect,
	.options = ppc64_options,
	.parse_option = ppc64_parse_option,
	.init = ppc64_init,
	.image_types = ppc64_image_types,
	.nr_image_types = PPC64_NR_IMAGE_TYPES,
	.finalize = ppc64_finalize,
	.debug_dump = ppc64_debug_dump,
	.cleanup = ppc64_cleanup,
};
