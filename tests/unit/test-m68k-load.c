// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-m68k-load.c - whole m68k loads planned from a fake root (the core's
 * kx_plan_load with the m68k backend): memory map from the memory chunks,
 * first page not loaded, bootinfo at _end, ramdisk truly at the top of the
 * first chunk, purgatory and its parameters, the bootversion check, and
 * the refusals (wrong-arch ELF, -p, bad bootinfo).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core.h"
#include "elf-rel.h"
#include "arch/m68k/m68k.h"
#include "../fixtures/m68k-synth/bootinfo-synth.h"
#include "../fixtures/m68k-synth/vmlinux-synth.h"

static char tmpdir[] = "/tmp/test-m68k-XXXXXX";

static char *tpath(const char *name)
{
	static char buf[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", tmpdir, name);
	return buf[i];
}

static void put_file(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(tpath(name), "wb");

	if (!f)
		abort();
	fwrite(data, 1, len, f);
	fclose(f);
}

/* A root with proc/bootinfo and proc/cmdline. */
static void make_root(const struct bisyn *b, const char *cmdline)
{
	mkdir(tpath("root"), 0755);
	mkdir(tpath("root/proc"), 0755);
	put_file("root/proc/bootinfo", b->buf, b->len);
	put_file("root/proc/cmdline", cmdline, strlen(cmdline));
}

static void make_kernel(const struct syn_opts *o)
{
	size_t len;
	uint8_t *img = syn_vmlinux(o, &len);

	put_file("vmlinux", img, len);
	free(img);
}

static const struct syn_opts linux61 = {
	.bootversion = 1, .machs = syn_linux61_machs, .nr_machs = 8,
};

static void ctx_init(struct kexec_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->arch = &m68k_arch_ops;
	ctx->page_size = 4096;
	ctx->opt.action = KX_ACT_LOAD;
	ctx->opt.dry_run = true;
	ctx->opt.root = tpath("root");
	ctx->opt.kernel = tpath("vmlinux");
	ctx->opt.checksum = KX_ALGO_XXH64;
	ctx->initrd.fd = -1;
}

static int plan(struct kexec_ctx *ctx, struct kx_file *k)
{
	int ret;

	memset(k, 0, sizeof(*k));
	k->fd = -1;
	ret = kx_plan_load(ctx, k);
	if (ret && ctx->diag.msg)
		printf("  diag: %s\n", ctx->diag.msg);
	return ret;
}

static void done(struct kexec_ctx *ctx, struct kx_file *k)
{
	kx_ctx_free(ctx);
	kx_file_close(k);
}

static const struct segment *seg(const struct kexec_ctx *ctx,
				 enum segment_role role)
{
	size_t i;

	for (i = 0; i < ctx->plan.n; i++)
		if (ctx->plan.seg[i].role == role)
			return &ctx->plan.seg[i];
	return NULL;
}

/* The segment that starts at mem. */
static const struct segment *seg_at(const struct kexec_ctx *ctx, uint64_t mem)
{
	size_t i;

	for (i = 0; i < ctx->plan.n; i++)
		if (ctx->plan.seg[i].mem == mem)
			return &ctx->plan.seg[i];
	return NULL;
}

/* The kx_params words the core wrote into purgatory (big-endian). */
static uint64_t param_word(const struct kexec_ctx *ctx, size_t off)
{
	uint8_t buf[sizeof(struct kx_params)];
	uint64_t v = 0;
	size_t i;

	if (!ctx->purgatory || elf_rel_get_symbol(ctx->purgatory, "kx_params",
						  buf, sizeof(buf), NULL))
		return ~0ULL;
	for (i = 0; i < 8; i++)
		v = v << 8 | buf[off + i];
	return v;
}

/* Decode the bootinfo the plan holds. */
static int plan_bootinfo(const struct kexec_ctx *ctx, uint64_t at,
			 struct bootinfo *bi)
{
	const struct segment *s;
	size_t i;

	for (i = 0; i < ctx->plan.n; i++) {
		s = &ctx->plan.seg[i];
		if (at >= s->mem && at < s->mem + s->bufsz)
			return bootinfo_check((const uint8_t *)s->buf +
					      (at - s->mem),
					      s->bufsz - (at - s->mem), "plan",
					      KX_EXIT_FAILURE, bi, NULL);
	}
	return -ENOENT;
}

static void test_virt_load(void)
{
	static uint8_t initrd[10000];
	struct kexec_ctx ctx;
	struct kx_file k;
	const struct segment *s, *rd, *pg;
	struct bootinfo bi;
	struct bi_rec r;
	struct bisyn b;
	size_t klen;
	uint8_t *kimg;

	bs_virt(&b);
	make_root(&b, "console=ttyGF0\n");
	make_kernel(&linux61);
	memset(initrd, 0x5a, sizeof(initrd));
	put_file("initrd", initrd, sizeof(initrd));
	ctx_init(&ctx);
	ctx.opt.initrd = tpath("initrd");
	ctx.opt.reuse_cmdline = true;
	ctx.opt.cmdline = "root=/dev/vda";
	CHECK_EQ(plan(&ctx, &k), 0);
	CHECK_EQ(ctx.kexec_flags, 4 << 16);
	CHECK_EQ(ctx.mem.ram.n, 1);
	CHECK_EQ(range_list_total(&ctx.mem.ram), 256 << 20);
	CHECK_EQ(ctx.plan.n, 5);
	/*
	 * The kernel: from 0x1000 (first page not loaded) to _end, one
	 * segment per PT_LOAD, each read from the image as it is (file
	 * bytes only: the kernel zeroes the rest).
	 */
	s = seg(&ctx, SEG_KERNEL);
	CHECK(s != NULL);
	kimg = syn_vmlinux(&linux61, &klen);
	if (s && kimg) {
		CHECK_EQ(s->mem, 0x1000);
		CHECK_EQ(s->memsz, 0x4000);
		CHECK_EQ(s->bufsz, 0x2000);
		CHECK(!s->owned);
		CHECK(!memcmp(s->buf, kimg + 0x1000, 0x2000));
	}
	s = seg_at(&ctx, 0x5000);
	CHECK(s != NULL);
	if (s && kimg) {
		CHECK_EQ(s->role, SEG_KERNEL);
		CHECK_EQ(s->memsz, SYN_END - 0x5000);
		CHECK_EQ(s->bufsz, 0x1000);
		CHECK_EQ(((const uint8_t *)s->buf)[0], kimg[0x3000]);
	}
	free(kimg);
	/* The bootinfo at _end, exactly. */
	s = seg(&ctx, SEG_BOOTINFO);
	CHECK(s != NULL && s->mem == SYN_END);
	/* The ramdisk truly at the top of chunk 0, page aligned. */
	rd = seg(&ctx, SEG_INITRD);
	CHECK(rd != NULL);
	if (rd) {
		CHECK_EQ(rd->mem, (256 << 20) - 0x3000);
		CHECK_EQ(rd->mem + rd->memsz, 256 << 20);
		CHECK_EQ(rd->bufsz, sizeof(initrd));
	}
	CHECK_EQ(plan_bootinfo(&ctx, SYN_END, &bi), 0);
	CHECK_EQ(bootinfo_find(&bi, BI_RAMDISK, &r), 0);
	CHECK_EQ(bi_get32(r.data), (256 << 20) - 0x3000);
	CHECK_EQ(bi_get32(r.data + 4), sizeof(initrd));
	CHECK_EQ(bootinfo_find(&bi, BI_COMMAND_LINE, &r), 0);
	CHECK_STR((const char *)r.data, "console=ttyGF0 root=/dev/vda");
	CHECK_EQ(bootinfo_find(&bi, BI_RNG_SEED, &r), 0);
	CHECK_EQ(bi_get16(r.data), BI_RNG_SEED_LEN);
	CHECK_EQ(bootinfo_count(&bi, BI_VIRT_GF_TTY_BASE), 1);
	/* Purgatory below the ramdisk; entry inside it; its parameters. */
	pg = seg(&ctx, SEG_PURGATORY);
	CHECK(pg != NULL && rd != NULL);
	if (pg && rd) {
		CHECK_EQ(pg->mem + pg->memsz, rd->mem);
		CHECK(ctx.entry >= pg->mem && ctx.entry < pg->mem + pg->bufsz);
	}
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, arch)),
		 SYN_ENTRY);
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, console)),
		 KX_CONSOLE_GOLDFISH);
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, console_arg)),
		 BS_VIRT_TTY);
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, nr_regions)),
		 4);
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, flags)),
		 KX_PF_VERIFY);
	done(&ctx, &k);
}

/* -d asks purgatory to print its steps; --no-checks drops the digests. */
static void test_trace_flag(void)
{
	struct kexec_ctx ctx;
	struct kx_file k;
	struct bisyn b;

	bs_virt(&b);
	make_root(&b, "console=ttyGF0\n");
	make_kernel(&linux61);
	ctx_init(&ctx);
	ctx.opt.debug = true;
	ctx.opt.no_checks = true;
	CHECK_EQ(plan(&ctx, &k), 0);
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, flags)),
		 KX_PF_TRACE);
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, nr_regions)),
		 0);
	done(&ctx, &k);
}

/* Atari: two chunks; everything stays in the first (ST-RAM). */
static void test_atari_two_chunks(void)
{
	static uint8_t initrd[5000];
	struct kexec_ctx ctx;
	struct kx_file k;
	const struct segment *rd;
	struct bootinfo bi;
	struct bisyn b;

	bs_atari(&b);
	make_root(&b, "root=/dev/sda1\n");
	make_kernel(&linux61);
	put_file("initrd", initrd, sizeof(initrd));
	ctx_init(&ctx);
	ctx.opt.initrd = tpath("initrd");
	CHECK_EQ(plan(&ctx, &k), 0);
	CHECK_EQ(ctx.mem.ram.n, 2);
	CHECK_EQ(range_list_total(&ctx.mem.ram), 20 << 20);
	rd = seg(&ctx, SEG_INITRD);
	CHECK(rd && rd->mem + rd->memsz == 4 << 20);
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, console)),
		 KX_CONSOLE_NONE);
	CHECK_EQ(plan_bootinfo(&ctx, SYN_END, &bi), 0);
	CHECK_EQ(bootinfo_count(&bi, BI_MEMCHUNK), 2);
	CHECK_EQ(bootinfo_count(&bi, 0x8000), 1);	/* _MCH cookie */
	CHECK_EQ(bootinfo_count(&bi, 0x8001), 1);
	done(&ctx, &k);
}

/* Amiga: chunk 0 is fast RAM at 0x07000000: the kernel goes there. */
static void test_amiga_base(void)
{
	struct kexec_ctx ctx;
	struct kx_file k;
	const struct segment *s;
	struct bisyn b;

	bs_amiga(&b);
	make_root(&b, "root=/dev/sda3\n");
	make_kernel(&linux61);
	ctx_init(&ctx);
	CHECK_EQ(plan(&ctx, &k), 0);
	s = seg(&ctx, SEG_KERNEL);
	CHECK(s && s->mem == 0x07001000);
	s = seg(&ctx, SEG_BOOTINFO);
	CHECK(s && s->mem == 0x07000000 + SYN_END);
	CHECK_EQ(param_word(&ctx, offsetof(struct kx_params, arch)),
		 0x07000000 + SYN_ENTRY);
	CHECK(seg(&ctx, SEG_INITRD) == NULL);
	done(&ctx, &k);
}

/* No initrd: no BI_RAMDISK; --mem-max keeps purgatory below it. */
static void test_no_initrd_mem_max(void)
{
	struct kexec_ctx ctx;
	struct kx_file k;
	const struct segment *pg;
	struct bootinfo bi;
	struct bisyn b;

	bs_virt(&b);
	make_root(&b, "console=ttyGF0\n");
	make_kernel(&linux61);
	ctx_init(&ctx);
	ctx.opt.mem_max = 64 << 20;
	CHECK_EQ(plan(&ctx, &k), 0);
	CHECK_EQ(plan_bootinfo(&ctx, SYN_END, &bi), 0);
	CHECK_EQ(bootinfo_count(&bi, BI_RAMDISK), 0);
	pg = seg(&ctx, SEG_PURGATORY);
	CHECK(pg && pg->mem + pg->memsz == 64 << 20);
	done(&ctx, &k);

	/* A ramdisk below --mem-max, at its top. */
	put_file("initrd", "x", 1);
	ctx_init(&ctx);
	ctx.opt.initrd = tpath("initrd");
	ctx.opt.mem_max = 64 << 20;
	CHECK_EQ(plan(&ctx, &k), 0);
	pg = seg(&ctx, SEG_INITRD);
	CHECK(pg && pg->mem == (64 << 20) - 4096);
	done(&ctx, &k);
}

/* An _end that is not page aligned: the bootinfo shares the page. */
static void test_unaligned_end(void)
{
	struct syn_opts o = linux61;
	struct kexec_ctx ctx;
	struct kx_file k;
	const struct segment *s;
	struct bootinfo bi;
	struct bisyn b;

	o.end_pad = 0x10;
	bs_virt(&b);
	make_root(&b, "console=ttyGF0\n");
	make_kernel(&o);
	ctx_init(&ctx);
	CHECK_EQ(plan(&ctx, &k), 0);
	CHECK(seg(&ctx, SEG_BOOTINFO) == NULL);
	/* The last PT_LOAD up to the page of _end comes from the image... */
	s = seg_at(&ctx, 0x5000);
	CHECK(s && s->role == SEG_KERNEL && s->memsz == 0x1000 &&
	      s->bufsz == 0x1000 && !s->owned);
	/* ...the page of _end (bss) and the bootinfo are one copy. */
	s = seg_at(&ctx, SYN_END);
	CHECK(s && s->role == SEG_KERNEL && s->bufsz > 0x10 && s->owned);
	if (s)
		CHECK(!memcmp(s->buf, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));
	CHECK_EQ(plan_bootinfo(&ctx, SYN_END + 0x10, &bi), 0);
	CHECK_EQ(bootinfo_count(&bi, BI_MACHTYPE), 1);
	done(&ctx, &k);
}

/*
 * A PT_LOAD that starts inside a page shares it with the one before: the
 * image is assembled into one segment instead, bss and holes zeroed.
 */
static void test_shared_page(void)
{
	struct bootinfo bi;
	struct kexec_ctx ctx;
	struct kx_file k;
	const struct segment *s;
	struct bisyn b;
	uint8_t *img;
	size_t len;

	bs_virt(&b);
	make_root(&b, "console=ttyGF0\n");
	img = syn_vmlinux(&linux61, &len);
	CHECK(img != NULL);
	if (!img)
		return;
	/* PT_LOAD 0: memsz 0x3800; PT_LOAD 1 at 0x4800 (0x5000 before). */
	syn_be32(img + 52 + 20, 0x3800);
	syn_be32(img + 84 + 8, 0x4800);
	syn_be32(img + 84 + 12, 0x4800);
	put_file("vmlinux", img, len);
	ctx_init(&ctx);
	CHECK_EQ(plan(&ctx, &k), 0);
	s = seg(&ctx, SEG_KERNEL);
	CHECK(s && s->mem == 0x1000 && s->owned && s->bufsz > 0x4800);
	CHECK(seg_at(&ctx, 0x5000) == NULL);
	if (s) {
		CHECK(!memcmp(s->buf, img + 0x1000, 0x2000));
		CHECK_EQ(((const uint8_t *)s->buf)[0x2000], 0);	/* bss */
		CHECK(!memcmp((const uint8_t *)s->buf + 0x3800, img + 0x3000,
			      0x1000));
	}
	/* _end 0x5800 is mid-page: the bootinfo follows in the segment. */
	CHECK(seg(&ctx, SEG_BOOTINFO) == NULL);
	CHECK_EQ(plan_bootinfo(&ctx, 0x5800, &bi), 0);
	free(img);
	done(&ctx, &k);
}

static void test_bootversion(void)
{
	static const uint32_t noatari[] = { 1, 3 };
	struct syn_opts o = linux61;
	uint8_t *img;
	size_t len;
	uint32_t v = 0;

	img = syn_vmlinux(&o, &len);
	if (!img)
		return;
	CHECK_EQ(m68k_bootversion_check(img + 0x1000, 0x1000, MACH_ATARI, &v),
		 M68K_BV_LISTED);
	CHECK_EQ(v, 0x20001);
	CHECK_EQ(m68k_bootversion_check(img + 0x1000, 0x1000, MACH_VIRT, &v),
		 M68K_BV_UNLISTED);
	CHECK_EQ(m68k_bootversion_check(img + 0x1000, 0x1000, MACH_SUN3X,
					&v), M68K_BV_UNLISTED);
	/* Too short to hold the table: nothing read past the end. */
	CHECK_EQ(m68k_bootversion_check(img + 0x1000, 20, MACH_HP300, &v),
		 M68K_BV_MISSING);
	CHECK_EQ(m68k_bootversion_check(img + 0x1000, 5, MACH_HP300, &v),
		 M68K_BV_ABSENT);
	free(img);
	o.machs = noatari;
	o.nr_machs = 2;
	img = syn_vmlinux(&o, &len);
	CHECK_EQ(m68k_bootversion_check(img + 0x1000, 0x1000, MACH_ATARI, &v),
		 M68K_BV_MISSING);
	free(img);
	o.bootversion = 0;
	img = syn_vmlinux(&o, &len);
	CHECK_EQ(m68k_bootversion_check(img + 0x1000, 0x1000, MACH_ATARI, &v),
		 M68K_BV_ABSENT);
	free(img);
	CHECK_EQ(m68k_init_mapped_size(256 << 20), 16 << 20);
	CHECK_EQ(m68k_init_mapped_size(12 << 20), 8 << 20);
	CHECK_EQ(m68k_init_mapped_size(4 << 20), 4 << 20);
}

static void test_refusals(void)
{
	struct syn_opts o = linux61;
	struct kexec_ctx ctx;
	struct kx_file k;
	struct bisyn b;

	bs_virt(&b);
	make_root(&b, "console=ttyGF0\n");
	/* An x86-64 ELF. */
	o.machine = 62;
	make_kernel(&o);
	ctx_init(&ctx);
	CHECK_EQ(plan(&ctx, &k), -EINVAL);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "not an m68k kernel") &&
	      strstr(ctx.diag.msg, "vmlinux"));
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_INPUT);
	done(&ctx, &k);
	/* -p */
	make_kernel(&linux61);
	ctx_init(&ctx);
	ctx.opt.panic = true;
	CHECK(plan(&ctx, &k) != 0);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "crash"));
	done(&ctx, &k);
	/* A truncated /proc/bootinfo: a system-state error naming it. */
	b.len -= 7;
	make_root(&b, "console=ttyGF0\n");
	ctx_init(&ctx);
	CHECK_EQ(plan(&ctx, &k), -EINVAL);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "proc/bootinfo"));
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_SYSTEM);
	done(&ctx, &k);
	/* The same as --bootinfo=FILE: an input error. */
	put_file("bi.bin", b.buf, b.len);
	ctx_init(&ctx);
	CHECK_EQ(m68k_arch_ops.parse_option(&ctx, 1, tpath("bi.bin")), 0);
	CHECK_EQ(plan(&ctx, &k), -EINVAL);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "bi.bin"));
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_INPUT);
	done(&ctx, &k);
	/* A good --bootinfo=FILE wins over the root's. */
	bs_amiga(&b);
	put_file("bi.bin", b.buf, b.len);
	ctx_init(&ctx);
	CHECK_EQ(m68k_arch_ops.parse_option(&ctx, 1, tpath("bi.bin")), 0);
	CHECK_EQ(plan(&ctx, &k), 0);
	CHECK(seg(&ctx, SEG_KERNEL) &&
	      seg(&ctx, SEG_KERNEL)->mem == 0x07001000);
	done(&ctx, &k);
	/* No memory chunk. */
	b.len = 0;
	bs_u32(&b, BI_MACHTYPE, MACH_VIRT);
	bs_last(&b);
	make_root(&b, "\n");
	ctx_init(&ctx);
	CHECK_EQ(plan(&ctx, &k), -EINVAL);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "BI_MEMCHUNK"));
	done(&ctx, &k);
}

static void test_detect(void)
{
	struct kexec_ctx ctx;
	struct bisyn b;

	bs_mac(&b);
	make_root(&b, "\n");
	ctx_init(&ctx);
	CHECK(m68k_arch_ops.detect(&ctx));
	ctx.opt.root = tmpdir;
	CHECK(!m68k_arch_ops.detect(&ctx));
	CHECK_EQ(m68k_arch_ops.cmdline_max, 256);
	CHECK_EQ(m68k_arch_ops.default_page_size, 4096);
}

int main(void)
{
	int ret;

	if (!mkdtemp(tmpdir))
		return 1;
	RUN(test_virt_load);
	RUN(test_trace_flag);
	RUN(test_atari_two_chunks);
	RUN(test_amiga_base);
	RUN(test_no_initrd_mem_max);
	RUN(test_unaligned_end);
	RUN(test_shared_page);
	RUN(test_bootversion);
	RUN(test_refusals);
	RUN(test_detect);
	ret = check_done();
	if (!ret) {
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd))
			ret = 1;
	}
	return ret;
}
