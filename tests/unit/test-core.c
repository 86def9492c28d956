// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-core.c - the generic load sequence with a fake backend: command
 * line joining, limits, placement bounds, system-file errors, plan order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core.h"
#include "kexec-uapi.h"

static int fake_init(struct kexec_ctx *ctx)
{
	int ret = range_list_add(&ctx->mem.ram, 0, 0x4000000);

	if (!ret)
		ret = range_list_add(&ctx->mem.reserved, 0, 0x100000);
	return ret;
}

static int fake_probe(struct kexec_ctx *ctx, const struct kx_file *k)
{
	return k->size >= 4 && !memcmp(k->data, "FAKE", 4) ? 0 : -ENOEXEC;
}

static int fake_load(struct kexec_ctx *ctx, const struct kx_file *k)
{
	struct hole_req req = { .align = 0x1000 };
	uint64_t addr;
	int ret;

	ret = kx_add_segment(ctx, k->data, k->size, k->size, &req, SEG_KERNEL,
			     NULL, &addr);
	if (ret)
		return ret;
	ctx->entry = addr;
	if (ctx->have_initrd) {
		req.top_down = true;
		ret = kx_add_segment(ctx, ctx->initrd.data, ctx->initrd.size,
				     ctx->initrd.size, &req, SEG_INITRD, NULL,
				     &addr);
	}
	return ret;
}

static const struct image_type fake_types[] = {
	{ "fake", fake_probe, fake_load, NULL, "elf-fake" },
};

static const struct arch_ops fake_arch = {
	.name = "fake",
	.kexec_arch = KX_KEXEC_ARCH_68K,
	.default_page_size = 0x1000,
	.cmdline_max = 40,
	.init = fake_init,
	.image_types = fake_types,
	.nr_image_types = 1,
};

static char tmpdir[64];

static void write_file(const char *rel, const char *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	f = fopen(path, "w");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

static void ctx_init(struct kexec_ctx *ctx, const char *kernel)
{
	static char kpath[256];

	memset(ctx, 0, sizeof(*ctx));
	ctx->arch = &fake_arch;
	ctx->page_size = 0x1000;
	ctx->opt.root = tmpdir;
	ctx->opt.checksum = KX_ALGO_XXH64;
	snprintf(kpath, sizeof(kpath), "%s/%s", tmpdir, kernel);
	ctx->opt.kernel = kpath;
}

static void test_cmdline_join(void)
{
	struct kexec_ctx ctx;

	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_cmdline = true;
	ctx.opt.cmdline = "quiet";
	CHECK_EQ(kx_build_cmdline(&ctx), 0);
	CHECK_STR(ctx.cmdline, "root=/dev/sda console=hvc0 quiet");
	kx_ctx_free(&ctx);

	/* --command-line alone replaces the line. */
	ctx_init(&ctx, "kernel");
	ctx.opt.cmdline = "a=b";
	CHECK_EQ(kx_build_cmdline(&ctx), 0);
	CHECK_STR(ctx.cmdline, "a=b");
	kx_ctx_free(&ctx);

	/* -p drops crashkernel= from the reused line. */
	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_cmdline = true;
	ctx.opt.panic = true;
	write_file("proc/cmdline", "crashkernel=512M ro  x=1\n", 25);
	CHECK_EQ(kx_build_cmdline(&ctx), 0);
	CHECK_STR(ctx.cmdline, "ro x=1");
	kx_ctx_free(&ctx);
	write_file("proc/cmdline", "root=/dev/sda console=hvc0\n", 27);
}

static void test_cmdline_limit(void)
{
	struct kexec_ctx ctx;

	ctx_init(&ctx, "kernel");
	ctx.opt.cmdline = "012345678901234567890123456789012345678";	/* 39 */
	CHECK_EQ(kx_build_cmdline(&ctx), 0);
	kx_ctx_free(&ctx);
	ctx_init(&ctx, "kernel");
	ctx.opt.cmdline = "0123456789012345678901234567890123456789";	/* 40 */
	CHECK_EQ(kx_build_cmdline(&ctx), -E2BIG);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_NOFIT);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "at most 39"));
	kx_ctx_free(&ctx);
}

static void test_missing_proc_file(void)
{
	struct kexec_ctx ctx;
	char path[128];

	snprintf(path, sizeof(path), "%s/proc/cmdline", tmpdir);
	unlink(path);
	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_cmdline = true;
	CHECK_EQ(kx_build_cmdline(&ctx), -ENOENT);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_SYSTEM);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "proc/cmdline"));
	kx_ctx_free(&ctx);
	write_file("proc/cmdline", "root=/dev/sda console=hvc0\n", 27);
}

static void test_plan_load(void)
{
	struct kexec_ctx ctx;
	struct kx_file k = { .fd = -1 };
	char initrd[128];

	ctx_init(&ctx, "kernel");
	snprintf(initrd, sizeof(initrd), "%s/initrd", tmpdir);
	ctx.opt.initrd = initrd;
	CHECK_EQ(kx_plan_load(&ctx, &k), 0);
	CHECK_EQ(ctx.plan.n, 2);
	CHECK_EQ(ctx.plan.seg[0].role, SEG_KERNEL);
	CHECK_EQ(ctx.plan.seg[0].mem, 0x100000);
	CHECK_EQ(ctx.plan.seg[1].role, SEG_INITRD);
	CHECK_EQ(ctx.plan.seg[1].mem, 0x4000000 - 0x1000);
	CHECK_EQ(ctx.kexec_flags, KX_KEXEC_ARCH_68K);
	kx_file_close(&k);
	kx_ctx_free(&ctx);

	/* --mem-max bounds every placement. */
	ctx_init(&ctx, "kernel");
	ctx.opt.initrd = initrd;
	ctx.opt.mem_max = 0x200000;
	ctx.opt.panic = true;
	CHECK_EQ(kx_plan_load(&ctx, &k), 0);
	CHECK_EQ(ctx.plan.seg[1].mem, 0x1ff000);
	CHECK_EQ(ctx.kexec_flags, KX_KEXEC_ARCH_68K | KX_KEXEC_ON_CRASH);
	kx_file_close(&k);
	kx_ctx_free(&ctx);

	/* No room. */
	ctx_init(&ctx, "kernel");
	ctx.opt.initrd = initrd;
	ctx.opt.mem_max = 0x101000;
	CHECK_EQ(kx_plan_load(&ctx, &k), -ENOSPC);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_NOFIT);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "no room for the initrd"));
	kx_file_close(&k);
	kx_ctx_free(&ctx);
}

static void test_unknown_image(void)
{
	struct kexec_ctx ctx;
	struct kx_file k = { .fd = -1 };

	ctx_init(&ctx, "initrd");
	CHECK_EQ(kx_plan_load(&ctx, &k), -ENOEXEC);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_INPUT);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "not a kernel image"));
	kx_file_close(&k);
	kx_ctx_free(&ctx);
	ctx_init(&ctx, "kernel");
	ctx.opt.type = "elf";
	CHECK_EQ(kx_plan_load(&ctx, &k), -ENOEXEC);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "not a elf image"));
	kx_file_close(&k);
	kx_ctx_free(&ctx);
}

/* MemTotal from /proc/meminfo (the RAM the half-of-RAM rule counts). */
static void test_meminfo_total(void)
{
	uint64_t v = 0;

	CHECK_EQ(kx_meminfo_total("MemTotal:         213728 kB\n"
				  "MemFree:          100000 kB\n", &v), 0);
	CHECK_EQ(v, 213728ULL * 1024);
	CHECK_EQ(kx_meminfo_total("MemFree: 1 kB\nMemTotal:\t2048 kB\n", &v),
		 0);
	CHECK_EQ(v, 2048ULL * 1024);
	CHECK_EQ(kx_meminfo_total("MemFree: 1 kB\n", &v), -ENOENT);
	CHECK_EQ(kx_meminfo_total("MemTotal: lots\n", &v), -EINVAL);
	CHECK_EQ(kx_meminfo_total("MemTotal: 12 MB\n", &v), -EINVAL);
	CHECK_EQ(kx_meminfo_total("MemTotal: 99999999999999999999 kB\n", &v),
		 -EINVAL);
}

/* A reused line loses BOOT_IMAGE= always and crashkernel= for -p. */
static void test_cmdline_reuse_drops(void)
{
	/* Within the fake backend's 40 bytes, as /proc/cmdline must be. */
	static const char line[] = "BOOT_IMAGE=/v root=/a crashkernel=1G q\n";
	struct kexec_ctx ctx;

	write_file("proc/cmdline", line, sizeof(line) - 1);
	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_cmdline = true;
	CHECK_EQ(kx_build_cmdline(&ctx), 0);
	CHECK_STR(ctx.cmdline, "root=/a crashkernel=1G q");
	kx_ctx_free(&ctx);
	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_cmdline = true;
	ctx.opt.panic = true;
	CHECK_EQ(kx_build_cmdline(&ctx), 0);
	CHECK_STR(ctx.cmdline, "root=/a q");
	kx_ctx_free(&ctx);
	write_file("proc/cmdline", "root=/dev/sda console=hvc0\n", 27);
}

/* kexec-tools' ppc64 rule: the old root= when the new line has none. */
static void test_cmdline_keep_root(void)
{
	struct kexec_ctx ctx;

	ctx_init(&ctx, "kernel");
	ctx.cmdline = strdup("quiet");
	CHECK_EQ(kx_cmdline_keep_root(&ctx, "BOOT_IMAGE=x nfsroot=a "
				      "root=/dev/sda2 ro\n"), 0);
	CHECK_STR(ctx.cmdline, "quiet root=/dev/sda2");
	/* A root= (or nfsroot=) already there: nothing added. */
	CHECK_EQ(kx_cmdline_keep_root(&ctx, "root=/dev/sdb1"), 0);
	CHECK_STR(ctx.cmdline, "quiet root=/dev/sda2");
	free(ctx.cmdline);
	ctx.cmdline = strdup("nfsroot=10.0.0.1:/srv");
	CHECK_EQ(kx_cmdline_keep_root(&ctx, "root=/dev/sdb1"), 0);
	CHECK_STR(ctx.cmdline, "nfsroot=10.0.0.1:/srv");
	free(ctx.cmdline);
	/* No old root=, an empty root=, an empty new line. */
	ctx.cmdline = NULL;
	CHECK_EQ(kx_cmdline_keep_root(&ctx, "console=hvc0 root= ro"), 0);
	CHECK(ctx.cmdline == NULL);
	CHECK_EQ(kx_cmdline_keep_root(&ctx, "root=LABEL=x"), 0);
	CHECK_STR(ctx.cmdline, "root=LABEL=x");
	free(ctx.cmdline);
	/* Over the limit (39 bytes here). */
	ctx.cmdline = strdup("0123456789012345678901234567890");
	CHECK_EQ(kx_cmdline_keep_root(&ctx, "root=/dev/sda1"), -E2BIG);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_NOFIT);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "with root="));
	CHECK_STR(ctx.cmdline, "0123456789012345678901234567890");
	kx_ctx_free(&ctx);
}

/* -t takes kexec-tools' type name as well. */
static void test_type_alias(void)
{
	struct kexec_ctx ctx;
	struct kx_file k = { .fd = -1 };

	ctx_init(&ctx, "kernel");
	ctx.opt.type = "elf-fake";
	CHECK_EQ(kx_plan_load(&ctx, &k), 0);
	kx_file_close(&k);
	kx_ctx_free(&ctx);
}

static void test_reuse_initrd(void)
{
	struct kexec_ctx ctx;
	struct kx_file k = { .fd = -1 };
	char initrd[128];

	snprintf(initrd, sizeof(initrd), "%s/initrd", tmpdir);
	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_initrd = true;
	CHECK_EQ(kx_plan_load(&ctx, &k), -ENOENT);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_SYSTEM);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "retain_initrd"));
	kx_file_close(&k);
	kx_ctx_free(&ctx);
	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_initrd = true;
	ctx.opt.initrd = initrd;
	CHECK_EQ(kx_plan_load(&ctx, &k), -EINVAL);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_USAGE);
	kx_file_close(&k);
	kx_ctx_free(&ctx);
	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_initrd = true;
	ctx.opt.panic = true;
	CHECK_EQ(kx_plan_load(&ctx, &k), -EINVAL);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "crash region"));
	kx_file_close(&k);
	kx_ctx_free(&ctx);
	write_file("proc/cmdline", "root=/dev/sda retain_initrd\n", 28);
	ctx_init(&ctx, "kernel");
	ctx.opt.reuse_initrd = true;
	CHECK_EQ(kx_plan_load(&ctx, &k), 0);
	kx_file_close(&k);
	kx_ctx_free(&ctx);
	write_file("proc/cmdline", "root=/dev/sda console=hvc0\n", 27);
}

static void test_hotplug(void)
{
	struct kexec_ctx ctx;
	struct kx_file k = { .fd = -1 };
	char path[128];

	ctx_init(&ctx, "kernel");
	ctx.opt.hotplug = true;
	CHECK_EQ(kx_plan_load(&ctx, &k), -EINVAL);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_USAGE);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "-p"));
	kx_file_close(&k);
	kx_ctx_free(&ctx);
	ctx_init(&ctx, "kernel");
	ctx.opt.hotplug = true;
	ctx.opt.panic = true;
	CHECK_EQ(kx_plan_load(&ctx, &k), -ENOENT);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_SYSTEM);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "CONFIG_CRASH_HOTPLUG"));
	kx_file_close(&k);
	kx_ctx_free(&ctx);
	snprintf(path, sizeof(path), "%s/sys", tmpdir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sys/kernel", tmpdir);
	mkdir(path, 0755);
	write_file("sys/kernel/crash_elfcorehdr_size", "0\n", 2);
	ctx_init(&ctx, "kernel");
	ctx.opt.hotplug = true;
	ctx.opt.panic = true;
	CHECK_EQ(kx_plan_load(&ctx, &k), -EINVAL);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, "not a size"));
	kx_file_close(&k);
	kx_ctx_free(&ctx);
	write_file("sys/kernel/crash_elfcorehdr_size", "65536\n", 6);
	ctx_init(&ctx, "kernel");
	ctx.opt.hotplug = true;
	ctx.opt.panic = true;
	CHECK_EQ(kx_plan_load(&ctx, &k), 0);
	CHECK_EQ(ctx.hotplug_elfcorehdr_size, 65536);
	CHECK_EQ(ctx.kexec_flags, KX_KEXEC_ARCH_68K | KX_KEXEC_ON_CRASH |
		 KX_KEXEC_CRASH_HOTPLUG_SUPPORT);
	kx_file_close(&k);
	kx_ctx_free(&ctx);
}

int main(void)
{
	char path[128];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/kx-core.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	snprintf(path, sizeof(path), "%s/proc", tmpdir);
	mkdir(path, 0755);
	write_file("proc/cmdline", "root=/dev/sda console=hvc0\n", 27);
	write_file("kernel", "FAKE kernel image", 17);
	write_file("initrd", "initrd data", 11);
	RUN(test_meminfo_total);
	RUN(test_cmdline_join);
	RUN(test_cmdline_limit);
	RUN(test_missing_proc_file);
	RUN(test_plan_load);
	RUN(test_unknown_image);
	RUN(test_cmdline_reuse_drops);
	RUN(test_cmdline_keep_root);
	RUN(test_type_alias);
	RUN(test_reuse_initrd);
	RUN(test_hotplug);
	snprintf(path, sizeof(path), "rm -rf %s", tmpdir);
	if (system(path))
		return 1;
	return check_done();
}
