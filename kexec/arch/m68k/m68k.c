// SPDX-License-Identifier: GPL-2.0-only
/*
 * m68k.c - the Linux/m68k backend: options, system state (the bootinfo the
 * running kernel received, /proc/bootinfo), and the purgatory parameters.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kexec-uapi.h"
#include "arch/m68k/m68k.h"

enum { M68K_OPT_BOOTINFO = 1 };

static const struct arch_option m68k_options[] = {
	{ "bootinfo", true, M68K_OPT_BOOTINFO,
	  "read the bootinfo from FILE, not /proc/bootinfo" },
	{ NULL, false, 0, NULL },
};

static const char *const m68k_machines[] = { "m68k", NULL };

/* The backend state, allocated on first use. */
static struct m68k_state *m68k_state(struct kexec_ctx *ctx)
{
	if (!ctx->arch_data)
		ctx->arch_data = calloc(1, sizeof(struct m68k_state));
	return ctx->arch_data;
}

static int m68k_parse_option(struct kexec_ctx *ctx, int id, const char *arg)
{
	struct m68k_state *st = m68k_state(ctx);

	if (!st)
		return -ENOMEM;
	if (id == M68K_OPT_BOOTINFO)
		st->bootinfo_file = arg;
	return 0;
}

static bool m68k_detect(struct kexec_ctx *ctx)
{
	char *path = kx_root_path(ctx, "/proc/bootinfo");
	bool found = path && access(path, F_OK) == 0;

	free(path);
	return found;
}

/* Read --bootinfo=FILE (an input file) into st. */
static int m68k_read_bootinfo_file(struct kexec_ctx *ctx,
				   struct m68k_state *st)
{
	struct kx_file f = { .fd = -1 };
	int ret;

	st->bootinfo_name = strdup(st->bootinfo_file);
	if (!st->bootinfo_name)
		return -ENOMEM;
	ret = kx_file_open(st->bootinfo_file, 0, &f, &ctx->diag);
	if (ret)
		return ret;
	st->bi_buf = malloc(f.size);
	if (st->bi_buf) {
		memcpy(st->bi_buf, f.data, f.size);
		st->bi_len = f.size;
	}
	kx_file_close(&f);
	return st->bi_buf ? 0 : -ENOMEM;
}

/* Read the bootinfo: --bootinfo, else <root>/proc/bootinfo. */
static int m68k_read_bootinfo(struct kexec_ctx *ctx, struct m68k_state *st,
			      enum kx_exit *cls)
{
	char *buf = NULL;
	size_t len = 0;
	int ret;

	*cls = st->bootinfo_file ? KX_EXIT_INPUT : KX_EXIT_SYSTEM;
	if (st->bootinfo_file)
		return m68k_read_bootinfo_file(ctx, st);
	st->bootinfo_name = kx_root_path(ctx, "/proc/bootinfo");
	if (!st->bootinfo_name)
		return -ENOMEM;
	ret = kx_read_sysfile(ctx, "/proc/bootinfo", &buf, &len);
	if (ret)
		return ret;
	st->bi_buf = (uint8_t *)buf;
	st->bi_len = len;
	return 0;
}

/* One record, described for -d. */
static void m68k_debug_record(const struct kexec_ctx *ctx, uint32_t mach,
			      const struct bi_rec *r)
{
	const char *name = bootinfo_tag_name(r->tag, mach);
	char hex[3 * 16 + 4] = "";
	size_t i, n = r->data_len < 16 ? r->data_len : 16;

	if (r->tag == BI_COMMAND_LINE) {
		kx_debug(ctx, "bootinfo: %-20s \"%.*s\"", name,
			 (int)strnlen((const char *)r->data, r->data_len),
			 (const char *)r->data);
		return;
	}
	if (r->tag == BI_MEMCHUNK || r->tag == BI_RAMDISK) {
		kx_debug(ctx, "bootinfo: %-20s 0x%08" PRIx32 " + 0x%08" PRIx32,
			 name, bi_get32(r->data), bi_get32(r->data + 4));
		return;
	}
	if (r->tag == BI_RNG_SEED) {
		kx_debug(ctx, "bootinfo: %-20s %u bytes", name,
			 bi_get16(r->data));
		return;
	}
	for (i = 0; i < n; i++)
		snprintf(hex + 3 * i, sizeof(hex) - 3 * i, " %02x", r->data[i]);
	kx_debug(ctx, "bootinfo: %-20s (0x%04x, %u bytes)%s%s", name, r->tag,
		 r->size, hex, r->data_len > n ? " ..." : "");
}

/* Every record, for -d (printed by init: the core has read it then). */
static void m68k_debug_dump(struct kexec_ctx *ctx)
{
	struct m68k_state *st = ctx->arch_data;
	struct bi_rec r;
	size_t off = 0;

	if (!st || !st->bi.buf)
		return;
	kx_debug(ctx, "bootinfo: %s, %zu bytes, machine %s", st->bootinfo_name,
		 st->bi.len, bootinfo_mach_name(st->machtype));
	while (bootinfo_next(&st->bi, &off, &r))
		m68k_debug_record(ctx, st->machtype, &r);
}

/* Machine type and memory map from the checked bootinfo. */
static int m68k_read_state(struct kexec_ctx *ctx, struct m68k_state *st,
			   enum kx_exit cls)
{
	int ret;

	if (bootinfo_get_u32(&st->bi, BI_MACHTYPE, &st->machtype))
		return diag_fail(&ctx->diag, cls, -EINVAL, "%s: the bootinfo "
				 "has no BI_MACHTYPE record",
				 st->bootinfo_name);
	ret = bootinfo_memory(&st->bi, &ctx->mem.ram);
	if (ret == -ENOENT)
		return diag_fail(&ctx->diag, cls, -EINVAL, "%s: the bootinfo "
				 "has no BI_MEMCHUNK record",
				 st->bootinfo_name);
	if (ret == -ERANGE)
		return diag_fail(&ctx->diag, cls, -EINVAL, "%s: a BI_MEMCHUNK "
				 "record ends past 4 GiB", st->bootinfo_name);
	if (ret)
		return ret;
	bootinfo_memchunk(&st->bi, 0, &st->chunk0_addr, &st->chunk0_size);
	if (!st->chunk0_size)
		return diag_fail(&ctx->diag, cls, -EINVAL, "%s: the first "
				 "BI_MEMCHUNK record is empty",
				 st->bootinfo_name);
	return 0;
}

/*
 * --reuseinitrd: the ramdisk the running kernel was booted with, as its
 * bootinfo says (BI_RAMDISK, physical).  The kernel kept it (retain_initrd,
 * checked by the core); no segment may go there.
 */
static int m68k_find_reused_initrd(struct kexec_ctx *ctx,
				   struct m68k_state *st)
{
	uint32_t *r = st->reused_initrd;
	struct bi_rec rec;

	if (bootinfo_find(&st->bi, BI_RAMDISK, &rec) || rec.data_len < 8 ||
	    !bi_get32(rec.data + 4))
		return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -ENOENT,
				 "--reuseinitrd: %s has no BI_RAMDISK record: "
				 "the running kernel was booted without an "
				 "initrd", st->bootinfo_name);
	r[0] = bi_get32(rec.data);
	r[1] = bi_get32(rec.data + 4);
	kx_debug(ctx, "m68k: reusing the initrd at 0x%" PRIx32 " (%" PRIu32
		 " bytes)", r[0], r[1]);
	return range_list_add(&ctx->mem.reserved,
			      align_down(r[0], ctx->page_size),
			      align_up((uint64_t)r[0] + r[1], ctx->page_size));
}

static int m68k_init(struct kexec_ctx *ctx)
{
	struct m68k_state *st;
	enum kx_exit cls;
	int ret;

	if (ctx->opt.panic)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -ENOTSUP,
				 "-p: Linux/m68k has no crash kernel (kdump) "
				 "support; load a kernel with -l");
	if (ctx->opt.dtb)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -ENOTSUP,
				 "--dtb: Linux/m68k boots with a bootinfo, not "
				 "a device tree (see --bootinfo)");
	st = m68k_state(ctx);
	if (!st)
		return -ENOMEM;
	ret = m68k_read_bootinfo(ctx, st, &cls);
	if (ret)
		return ret;
	ret = bootinfo_check(st->bi_buf, st->bi_len, st->bootinfo_name, cls,
			     &st->bi, &ctx->diag);
	if (ret)
		return ret;
	ret = m68k_read_state(ctx, st, cls);
	if (!ret && ctx->opt.reuse_initrd)
		ret = m68k_find_reused_initrd(ctx, st);
	if (ret)
		return ret;
	if (ctx->opt.debug)
		m68k_debug_dump(ctx);
	return 0;
}

static int m68k_finalize(struct kexec_ctx *ctx, struct kx_params *params)
{
	struct m68k_state *st = ctx->arch_data;
	struct bi_rec r;

	params->arch[KX_M68K_KERNEL] = st->kernel_entry;
	params->console = KX_CONSOLE_NONE;
	params->console_arg = 0;
	if (st->machtype == MACH_VIRT &&
	    !bootinfo_find(&st->bi, BI_VIRT_GF_TTY_BASE, &r) &&
	    r.data_len >= 4) {
		params->console = KX_CONSOLE_GOLDFISH;
		params->console_arg = bi_get32(r.data);
	}
	kx_debug(ctx, "purgatory: kernel entry 0x%" PRIx64 ", console %s",
		 st->kernel_entry, params->console == KX_CONSOLE_GOLDFISH ?
		 "goldfish tty" : "none");
	return 0;
}

static void m68k_cleanup(struct kexec_ctx *ctx)
{
	struct m68k_state *st = ctx->arch_data;

	if (!st)
		return;
	free(st->bi_buf);
	free(st->bootinfo_name);
	free(st);
	ctx->arch_data = NULL;
}

static const struct image_type m68k_image_types[] = {
	{
		.name = "vmlinux",
		.probe = m68k_vmlinux_probe,
		.load = m68k_vmlinux_load,
		.help = "m68k vmlinux: ELF32 EM_68K, plain or gzip/xz/zstd",
		.alias = "elf-m68k",
	},
};

const struct arch_ops m68k_arch_ops = {
	.name = "m68k",
	.kexec_arch = KX_KEXEC_ARCH_68K,
	.default_page_size = 4096,
	.cmdline_max = BI_CL_SIZE,
	.machines = m68k_machines,
	.detect = m68k_detect,
	.options = m68k_options,
	.parse_option = m68k_parse_option,
	.init = m68k_init,
	.image_types = m68k_image_types,
	.nr_image_types = sizeof(m68k_image_types) /
			  sizeof(m68k_image_types[0]),
	.finalize = m68k_finalize,
	.cleanup = m68k_cleanup,
};
