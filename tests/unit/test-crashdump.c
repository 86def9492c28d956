// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-crashdump.c - crash kernel pieces: the ELF core header in both byte
 * orders, crash notes read from a sysfs tree, and the usable-memory
 * properties of a ppc64 crash kernel's device tree.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#include "arch/ppc64/ppc64.h"
#include "check.h"
#include "crashdump.h"
#include "elf.h"

/* Field of "bytes" bytes at p in the header's byte order. */
static uint64_t get(const uint8_t *p, int bytes, int be)
{
	const struct elf_info e = { .big_endian = be };

	return bytes == 2 ? elf_get16(&e, p) :
	       bytes == 4 ? elf_get32(&e, p) : elf_get64(&e, p);
}

/* Field at offset off of program header i. */
static uint64_t ph(const uint8_t *b, int i, int off, int bytes, int be)
{
	return get(b + 64 + 56 * i + off, bytes, be);
}

static void check_core(int be)
{
	struct kx_crash_note cpu[2] = {
		{ 0x3ff46c00, 536 }, { 0x3ffe6c00, 536 },
	};
	struct kx_crash_notes n = {
		.cpu = cpu, .nr_cpu = 2, .vmcoreinfo = { 0x1860000, 0x10024 },
	};
	struct range_list ram = { 0 };
	struct kx_elfcore_req r = {
		.machine = 21, .big_endian = be,
		.page_offset = 0xc000000000000000ULL, .notes = &n, .ram = &ram,
		.backup_src = 0, .backup_size = 0x10000,
		.backup_dst = 0x20000000,
	};
	uint8_t *b = NULL;
	size_t len = 0;

	range_list_add(&ram, 0x10000, 0x20000000);
	range_list_add(&ram, 0x40000000, 0x100000000ULL);
	CHECK_EQ(kx_build_elfcore64(&r, &b, &len), 0);
	CHECK_EQ(len, 64 + 6 * 56);
	if (!b || len != 64 + 6 * 56)
		goto out;
	CHECK(!memcmp(b, "\177ELF\2", 5));
	CHECK_EQ(b[5], be ? 2 : 1);
	CHECK_EQ(get(b + 16, 2, be), 4);		/* ET_CORE */
	CHECK_EQ(get(b + 18, 2, be), 21);
	CHECK_EQ(get(b + 32, 8, be), 64);		/* e_phoff */
	CHECK_EQ(get(b + 54, 2, be), 56);
	CHECK_EQ(get(b + 56, 2, be), 6);
	/* Notes: CPUs in order, then vmcoreinfo. */
	CHECK_EQ(ph(b, 0, 0, 4, be), 4);
	CHECK_EQ(ph(b, 0, 8, 8, be), 0x3ff46c00);
	CHECK_EQ(ph(b, 0, 24, 8, be), 0x3ff46c00);
	CHECK_EQ(ph(b, 0, 32, 8, be), 536);
	CHECK_EQ(ph(b, 1, 24, 8, be), 0x3ffe6c00);
	CHECK_EQ(ph(b, 2, 0, 4, be), 4);
	CHECK_EQ(ph(b, 2, 40, 8, be), 0x10024);
	/* The backup: paddr 0, read from its copy. */
	CHECK_EQ(ph(b, 3, 0, 4, be), 1);
	CHECK_EQ(ph(b, 3, 4, 4, be), 7);
	CHECK_EQ(ph(b, 3, 8, 8, be), 0x20000000);
	CHECK_EQ(ph(b, 3, 16, 8, be), 0xc000000000000000ULL);
	CHECK_EQ(ph(b, 3, 24, 8, be), 0);
	CHECK_EQ(ph(b, 3, 32, 8, be), 0x10000);
	/* RAM: offset = paddr, vaddr in the linear map. */
	CHECK_EQ(ph(b, 4, 8, 8, be), 0x10000);
	CHECK_EQ(ph(b, 4, 16, 8, be), 0xc000000000010000ULL);
	CHECK_EQ(ph(b, 4, 40, 8, be), 0x20000000 - 0x10000);
	CHECK_EQ(ph(b, 5, 24, 8, be), 0x40000000);
	CHECK_EQ(ph(b, 5, 32, 8, be), 0xc0000000ULL);
out:
	free(b);
	range_list_free(&ram);
}

static void test_elfcore_le(void) { check_core(0); }
static void test_elfcore_be(void) { check_core(1); }

static void test_elfcore_no_backup_no_info(void)
{
	struct kx_crash_note cpu = { 0x1000, 100 };
	struct kx_crash_notes n = { .cpu = &cpu, .nr_cpu = 1 };
	struct range_list ram = { 0 };
	struct kx_elfcore_req r = { .machine = 4, .notes = &n, .ram = &ram };
	uint8_t *b = NULL;
	size_t len;

	range_list_add(&ram, 0, 0x1000000);
	CHECK_EQ(kx_build_elfcore64(&r, &b, &len), 0);
	CHECK_EQ(len, 64 + 2 * 56);
	if (b) {
		CHECK_EQ(ph(b, 1, 0, 4, 0), 1);
		CHECK_EQ(ph(b, 1, 24, 8, 0), 0);
	}
	free(b);
	range_list_free(&ram);
}

/* ---- crash notes from a sysfs tree ---- */

static char root[64];

static void put_file(const char *rel, const char *text)
{
	char path[256], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (slash = path + strlen(root) + 1; (slash = strchr(slash, '/'));
	     slash++) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void rm_tree(const char *path)
{
	struct dirent *e;
	char sub[512];
	DIR *d = opendir(path);

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (unlink(sub))
			rm_tree(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

static void rm_root(void)
{
	if (strncmp(root, "/tmp/kx-crash.", 14) == 0)
		rm_tree(root);
}

static int read_notes(struct kx_crash_notes *n, struct kexec_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->opt.root = root;
	return kx_crash_read_notes(ctx, n);
}

static void new_root(void)
{
	snprintf(root, sizeof(root), "/tmp/kx-crash.XXXXXX");
	if (!mkdtemp(root))
		printf("  mkdtemp failed\n");
	put_file("/sys/devices/system/cpu/possible", "0-11\n");
	put_file("/sys/devices/system/cpu/cpufreq/x", "");
}

static void test_notes(void)
{
	struct kx_crash_notes n;
	struct kexec_ctx ctx;

	new_root();
	put_file("/sys/devices/system/cpu/cpu10/crash_notes", "3ffe6c00\n");
	put_file("/sys/devices/system/cpu/cpu10/crash_notes_size", "536\n");
	put_file("/sys/devices/system/cpu/cpu2/crash_notes", "3ff46c00\n");
	put_file("/sys/devices/system/cpu/cpu2/crash_notes_size", "536\n");
	put_file("/sys/devices/system/cpu/cpu3/online", "0\n");
	put_file("/sys/kernel/vmcoreinfo", "0x0000000004860000 10024\n");
	CHECK_EQ(read_notes(&n, &ctx), 0);
	CHECK_EQ(n.nr_cpu, 2);
	if (n.nr_cpu == 2) {
		/* Numeric order: cpu2 before cpu10. */
		CHECK_EQ(n.cpu[0].addr, 0x3ff46c00);
		CHECK_EQ(n.cpu[1].addr, 0x3ffe6c00);
		CHECK_EQ(n.cpu[1].size, 536);
	}
	CHECK_EQ(n.vmcoreinfo.addr, 0x4860000);
	CHECK_EQ(n.vmcoreinfo.size, 0x10024);
	CHECK(ctx.diag.msg == NULL);
	kx_crash_notes_free(&n);
	rm_root();
}

static void test_notes_no_vmcoreinfo(void)
{
	struct kx_crash_notes n;
	struct kexec_ctx ctx;

	new_root();
	put_file("/sys/devices/system/cpu/cpu0/crash_notes", "1000\n");
	put_file("/sys/devices/system/cpu/cpu0/crash_notes_size", "536\n");
	CHECK_EQ(read_notes(&n, &ctx), 0);	/* a warning only */
	CHECK_EQ(n.nr_cpu, 1);
	CHECK_EQ(n.vmcoreinfo.size, 0);
	kx_crash_notes_free(&n);
	rm_root();
}

static void expect_error(const char *what)
{
	struct kx_crash_notes n;
	struct kexec_ctx ctx;

	CHECK(read_notes(&n, &ctx) < 0);
	CHECK(ctx.diag.msg && strstr(ctx.diag.msg, what));
	if (ctx.diag.msg && !strstr(ctx.diag.msg, what))
		printf("  message: %s\n", ctx.diag.msg);
	CHECK_EQ(ctx.diag.exit_class, KX_EXIT_SYSTEM);
	diag_clear(&ctx.diag);
	rm_root();
}

static void test_notes_errors(void)
{
	new_root();			/* no CPU has notes */
	expect_error("none found");
	new_root();
	put_file("/sys/devices/system/cpu/cpu0/crash_notes", "1000\n");
	expect_error("crash_notes_size: missing");
	new_root();
	put_file("/sys/devices/system/cpu/cpu0/crash_notes", "zz\n");
	put_file("/sys/devices/system/cpu/cpu0/crash_notes_size", "536\n");
	expect_error("cpu0/crash_notes: not a crash notes address");
	new_root();
	put_file("/sys/devices/system/cpu/cpu0/crash_notes",
		 "ffffffffffffff00\n");
	put_file("/sys/devices/system/cpu/cpu0/crash_notes_size", "536\n");
	expect_error("not a crash notes address");
	snprintf(root, sizeof(root), "/nonexistent-kx-root");
	expect_error("/sys/devices/system/cpu");
}

/* ---- usable memory in a crash kernel's tree ---- */

static void add_reg(struct fdtu *t, const char *path, uint64_t base,
		    uint64_t size)
{
	fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };

	fdtu_setprop(t, fdtu_node(t, path), "reg", reg, sizeof(reg));
}

static void cells_are(const void *fdt, const char *path, const char *prop,
		      const uint32_t *want, size_t n)
{
	int node = fdt_path_offset(fdt, path);
	const fdt32_t *p;
	int len;
	size_t i;

	p = node < 0 ? NULL : fdt_getprop(fdt, node, prop, &len);
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_EQ(len, n * 4);
	for (i = 0; i < n && i * 4 < (size_t)len; i++)
		CHECK_EQ(fdt32_to_cpu(p[i]), want[i]);
}

static void test_usable(void)
{
	/* v2 runs: 2 assigned LMBs at 256M, 1 unassigned, 1 reserved. */
	static const uint32_t drmem[] = {
		3,
		2, 0, 0x10000000, 1, 0, 0x8,
		1, 0, 0x30000000, 3, 0, 0x0,
		1, 0, 0x40000000, 4, 0, 0x88,
	};
	static const uint32_t want_mem0[] = { 0, 0, 0, 0x10000000 };
	static const uint32_t want_mem1[] = { 0, 0, 0, 0 };
	static const uint32_t want_drconf[] = {
		0, 1, 0, 0x10000000, 0, 0x08000000,	/* LMB 256M: half */
		0, 0,					/* LMB 512M: none */
	};
	fdt32_t be[sizeof(drmem) / 4];
	struct range_list usable = { 0 };
	struct fdtu t;
	size_t i;
	int n;

	fdtu_new(&t);
	fdtu_setprop_u32(&t, 0, "#address-cells", 2);
	fdtu_setprop_u32(&t, 0, "#size-cells", 2);
	add_reg(&t, "/memory@0", 0, 0x10000000);
	add_reg(&t, "/memory@80000000", 0x80000000, 0x10000000);
	fdtu_setprop_string(&t, fdtu_node(&t, "/memory@80000000"),
			    "device_type", "memory");
	n = fdtu_node(&t, "/ibm,dynamic-reconfiguration-memory");
	fdtu_setprop_u64(&t, n, "ibm,lmb-size", 0x10000000);
	for (i = 0; i < sizeof(drmem) / 4; i++)
		be[i] = cpu_to_fdt32(drmem[i]);
	fdtu_setprop(&t, fdtu_node(&t, "/ibm,dynamic-reconfiguration-memory"),
		     "ibm,dynamic-memory-v2", be, sizeof(be));
	range_list_add(&usable, 0, 0x18000000);
	CHECK_EQ(ppc64_dt_set_usable(&t, &usable, 0, "tree", KX_EXIT_INPUT,
				     NULL), 0);
	cells_are(t.fdt, "/memory@0", "linux,usable-memory", want_mem0, 4);
	cells_are(t.fdt, "/memory@80000000", "linux,usable-memory",
		  want_mem1, 4);
	cells_are(t.fdt, "/ibm,dynamic-reconfiguration-memory",
		  "linux,drconf-usable-memory", want_drconf, 8);
	fdtu_free(&t);
	range_list_free(&usable);
}

/* A v2 list of one run of count LMBs of lmb_size from 1 GiB. */
static void drconf_tree(struct fdtu *t, uint64_t lmb_size, uint32_t count)
{
	const uint32_t v2[] = { 1, count, 0, 0x40000000, 0x80000001, 0, 8 };
	fdt32_t be[7];
	size_t i;
	int n;

	fdtu_new(t);
	fdtu_setprop_u32(t, 0, "#address-cells", 2);
	fdtu_setprop_u32(t, 0, "#size-cells", 2);
	n = fdtu_node(t, "/ibm,dynamic-reconfiguration-memory");
	fdtu_setprop_u64(t, n, "ibm,lmb-size", lmb_size);
	for (i = 0; i < 7; i++)
		be[i] = cpu_to_fdt32(v2[i]);
	fdtu_setprop(t, fdtu_node(t, "/ibm,dynamic-reconfiguration-memory"),
		     "ibm,dynamic-memory-v2", be, sizeof(be));
}

/* LMB lists a kernel could not use are refused before any per-LMB work,
 * each with its own line; one that fits is written. */
static void test_usable_lmb_bounds(void)
{
	static const struct {
		uint64_t lmb_size;
		uint32_t count;
		uint64_t max;
		int ret;
		const char *msg;
	} cases[] = {
		{ 0x1000, 0xffffffff, 0, -EDOM, "at least 16 MiB" },
		{ 0x1800000, 4, 0, -EDOM, "power of two" },
		{ 0x10000000, 0xffffffff, 0, -ERANGE, "past 51 bits" },
		{ 0x1000000, 0x8000000, 0, -ERANGE, "past 51 bits" },
		{ 0x1000000, 0x7ffffc0, 1 << 29, -EFBIG,
		  "134217664 LMBs would take more than" },
		{ 0x1000000, 1000, 1 << 20, 0, NULL },
	};
	struct range_list usable = { 0 };
	struct diag d = { 0 };
	struct fdtu t;
	size_t i, len;

	range_list_add(&usable, 0, 0x48000000);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		drconf_tree(&t, cases[i].lmb_size, cases[i].count);
		CHECK_EQ(ppc64_dt_set_usable(&t, &usable, cases[i].max,
					     "x.dtb", KX_EXIT_INPUT, &d),
			 cases[i].ret);
		if (cases[i].msg) {
			CHECK(d.msg && strstr(d.msg, "x.dtb") &&
			      strstr(d.msg, cases[i].msg));
			CHECK_EQ(d.exit_class, (cases[i].ret == -EFBIG ?
				 KX_EXIT_NOFIT : KX_EXIT_INPUT));
		} else {
			CHECK(fdtu_getprop(t.fdt, fdt_path_offset(t.fdt,
				"/ibm,dynamic-reconfiguration-memory"),
				"linux,drconf-usable-memory", &len) != NULL);
			/* 1000 counts, and one pair in each of the 8
			 * LMBs in [1 GiB, 0x48000000). */
			CHECK_EQ(len, 1000 * 8 + 8 * 16);
		}
		diag_clear(&d);
		fdtu_free(&t);
	}
	range_list_free(&usable);
}

static void test_usable_bad_drconf(void)
{
	static const uint8_t junk[3] = { 1, 2, 3 };
	struct range_list usable = { 0 };
	struct fdtu t;
	int n;

	fdtu_new(&t);
	n = fdtu_node(&t, "/ibm,dynamic-reconfiguration-memory");
	fdtu_setprop_u64(&t, n, "ibm,lmb-size", 0x10000000);
	fdtu_setprop(&t, fdtu_node(&t, "/ibm,dynamic-reconfiguration-memory"),
		     "ibm,dynamic-memory", junk, sizeof(junk));
	range_list_add(&usable, 0, 0x18000000);
	CHECK_EQ(ppc64_dt_set_usable(&t, &usable, 0, "tree", KX_EXIT_INPUT,
				     NULL), -EINVAL);
	fdtu_free(&t);
	range_list_free(&usable);
}

int main(void)
{
	RUN(test_elfcore_le);
	RUN(test_elfcore_be);
	RUN(test_elfcore_no_backup_no_info);
	RUN(test_notes);
	RUN(test_notes_no_vmcoreinfo);
	RUN(test_notes_errors);
	RUN(test_usable);
	RUN(test_usable_bad_drconf);
	RUN(test_usable_lmb_bounds);
	return check_done();
}
