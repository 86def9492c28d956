// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-bootinfo.c - m68k bootinfo: checking, walking, the memory map and
 * editing, on a QEMU virt /proc/bootinfo and Atari, Amiga and Mac ones,
 * and rejection of malformed ones.
 */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "arch/m68k/bootinfo.h"
#include "../fixtures/m68k-synth/bootinfo-synth.h"

static int check_bi(const struct bisyn *b, struct bootinfo *bi,
		    struct diag *d)
{
	return bootinfo_check(b->buf, b->len, "/proc/bootinfo",
			      KX_EXIT_SYSTEM, bi, d);
}

static void test_virt_parse(void)
{
	struct bisyn b;
	struct bootinfo bi;
	struct bi_rec r;
	uint32_t v = 0, a = 1, s = 0;
	size_t off = 0, n = 0;

	bs_virt(&b);
	CHECK_EQ(b.len, 186);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	CHECK_EQ(bi.len, 186);
	while (bootinfo_next(&bi, &off, &r))
		n++;
	CHECK_EQ(n, 14);
	CHECK_EQ(bootinfo_get_u32(&bi, BI_MACHTYPE, &v), 0);
	CHECK_EQ(v, MACH_VIRT);
	CHECK_EQ(bootinfo_get_u32(&bi, BI_CPUTYPE, &v), 0);
	CHECK_EQ(v, 4);
	CHECK_EQ(bootinfo_memchunk(&bi, 0, &a, &s), 0);
	CHECK_EQ(a, 0);
	CHECK_EQ(s, 256 << 20);
	CHECK_EQ(bootinfo_memchunk(&bi, 1, &a, &s), -ENOENT);
	CHECK_EQ(bootinfo_find(&bi, BI_COMMAND_LINE, &r), 0);
	CHECK_STR((const char *)r.data, BS_VIRT_CMDLINE);
	CHECK_EQ(bootinfo_find(&bi, BI_VIRT_GF_TTY_BASE, &r), 0);
	CHECK_EQ(bi_get32(r.data), BS_VIRT_TTY);
	CHECK_EQ(bootinfo_count(&bi, BI_RNG_SEED), 1);
	CHECK_STR(bootinfo_tag_name(BI_VIRT_GF_TTY_BASE, MACH_VIRT),
		  "BI_VIRT_GF_TTY_BASE");
	CHECK_STR(bootinfo_tag_name(0x8000, MACH_ATARI), "BI_ATARI_MCH_COOKIE");
	CHECK_STR(bootinfo_tag_name(BI_MEMCHUNK, 0), "BI_MEMCHUNK");
	CHECK_STR(bootinfo_mach_name(MACH_VIRT), "virt");
	CHECK_STR(bootinfo_mach_name(99), "unknown");
}

static void test_memory_maps(void)
{
	struct range_list ram = { 0 };
	struct bisyn b;
	struct bootinfo bi;

	bs_atari(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	CHECK_EQ(bootinfo_memory(&bi, &ram), 0);
	CHECK_EQ(ram.n, 2);
	CHECK_EQ(ram.r[0].start, 0);
	CHECK_EQ(ram.r[0].end, 4 << 20);
	CHECK_EQ(ram.r[1].start, BS_ATARI_TTRAM);
	CHECK_EQ(ram.r[1].end, BS_ATARI_TTRAM + (16 << 20));
	range_list_free(&ram);

	bs_amiga(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	CHECK_EQ(bootinfo_memory(&bi, &ram), 0);
	CHECK_EQ(ram.n, 2);
	CHECK_EQ(range_list_total(&ram), 18 << 20);
	range_list_free(&ram);

	bs_mac(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	CHECK_EQ(bootinfo_memory(&bi, &ram), 0);
	CHECK_EQ(range_list_total(&ram), 20 << 20);
	range_list_free(&ram);
}

static void test_memory_errors(void)
{
	struct range_list ram = { 0 };
	struct bisyn b = { .len = 0 };
	struct bootinfo bi;

	bs_u32(&b, BI_MACHTYPE, MACH_ATARI);
	bs_last(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	CHECK_EQ(bootinfo_memory(&bi, &ram), -ENOENT);
	b.len = 0;
	bs_pair(&b, BI_MEMCHUNK, 0xfff00000, 0x00200000);
	bs_last(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	CHECK_EQ(bootinfo_memory(&bi, &ram), -ERANGE);
	range_list_free(&ram);
}

/* Edit the virt bootinfo: new command line, ramdisk, seed. */
static void test_virt_edit(void)
{
	static const char line[] = "console=ttyGF0 root=/dev/vda rw";
	uint8_t seed[BI_RNG_SEED_LEN];
	struct bootinfo_edit e = {
		.cmdline = line, .ramdisk = true, .ramdisk_addr = 0,
		.ramdisk_size = 0x1234, .seed = seed, .seed_len = sizeof(seed),
	};
	struct bisyn b;
	struct bootinfo bi, out;
	struct bi_rec r, o;
	uint8_t *buf = NULL;
	size_t len = 0, off = 0, off2 = 0;
	size_t i;

	for (i = 0; i < sizeof(seed); i++)
		seed[i] = (uint8_t)(0xa5 ^ i);
	bs_virt(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	CHECK_EQ(bootinfo_build(&bi, &e, &buf, &len), 0);
	CHECK(buf != NULL);
	if (!buf)
		return;
	CHECK_EQ(bootinfo_check(buf, len, "new", KX_EXIT_FAILURE, &out,
				NULL), 0);
	/* The same tags in the same order; kept ones byte-identical. */
	while (bootinfo_next(&bi, &off, &r)) {
		CHECK(bootinfo_next(&out, &off2, &o));
		CHECK_EQ(o.tag, r.tag);
		if (r.tag >= BI_MACH_FIRST || r.tag == BI_MEMCHUNK ||
		    r.tag <= BI_MMUTYPE)
			CHECK(r.size == o.size &&
			      !memcmp(r.data, o.data, r.data_len));
	}
	CHECK(!bootinfo_next(&out, &off2, &o));
	CHECK_EQ(bootinfo_find(&out, BI_COMMAND_LINE, &o), 0);
	CHECK_STR((const char *)o.data, line);
	CHECK_EQ(o.size % 4, 0);
	CHECK_EQ(bootinfo_find(&out, BI_RNG_SEED, &o), 0);
	CHECK_EQ(bi_get16(o.data), BI_RNG_SEED_LEN);
	CHECK(!memcmp(o.data + 2, seed, sizeof(seed)));
	CHECK_EQ(bootinfo_set_ramdisk(buf, len, 0x0ff00000, 0x1234), 0);
	CHECK_EQ(bootinfo_find(&out, BI_RAMDISK, &o), 0);
	CHECK_EQ(bi_get32(o.data), 0x0ff00000);
	CHECK_EQ(bi_get32(o.data + 4), 0x1234);
	/* Ends with BI_LAST. */
	CHECK_EQ(bi_get16(buf + len - 4), BI_LAST);
	free(buf);
}

/* No initrd: every BI_RAMDISK goes; records missing are appended. */
static void test_edit_drop_and_append(void)
{
	struct bootinfo_edit e = { .cmdline = "x", .ramdisk = false };
	struct bisyn b;
	struct bootinfo bi, out;
	struct bi_rec o;
	uint8_t *buf = NULL;
	size_t len;

	bs_virt(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	CHECK_EQ(bootinfo_build(&bi, &e, &buf, &len), 0);
	if (!buf)
		return;
	CHECK_EQ(bootinfo_check(buf, len, "new", KX_EXIT_FAILURE, &out,
				NULL), 0);
	CHECK_EQ(bootinfo_count(&out, BI_RAMDISK), 0);
	CHECK_EQ(bootinfo_count(&out, BI_RNG_SEED), 1);	/* kept: no seed */
	CHECK_EQ(bootinfo_set_ramdisk(buf, len, 1, 2), -ENOENT);
	free(buf);

	/* Atari has neither command line... well, it has; no ramdisk. */
	bs_mac(&b);
	b.len -= 2;
	bs_str(&b, BI_COMMAND_LINE, "second");	/* a duplicate: dropped */
	bs_last(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	e.ramdisk = true;
	e.ramdisk_addr = 0x100000;
	e.ramdisk_size = 0x2000;
	CHECK_EQ(bootinfo_build(&bi, &e, &buf, &len), 0);
	if (!buf)
		return;
	CHECK_EQ(bootinfo_check(buf, len, "new", KX_EXIT_FAILURE, &out,
				NULL), 0);
	CHECK_EQ(bootinfo_count(&out, BI_COMMAND_LINE), 1);
	CHECK_EQ(bootinfo_find(&out, BI_COMMAND_LINE, &o), 0);
	CHECK_STR((const char *)o.data, "x");
	CHECK_EQ(bootinfo_count(&out, BI_RAMDISK), 1);
	CHECK_EQ(bootinfo_find(&out, BI_RAMDISK, &o), 0);
	CHECK_EQ(bi_get32(o.data), 0x100000);
	CHECK_EQ(bootinfo_count(&out, 0x8006), 1);	/* SCC kept */
	free(buf);
}

static void test_edit_limits(void)
{
	char line[BI_CL_SIZE + 1];
	struct bootinfo_edit e = { .cmdline = line };
	struct bisyn b;
	struct bootinfo bi, out;
	struct bi_rec o;
	uint8_t *buf = NULL;
	size_t len;

	bs_atari(&b);
	CHECK_EQ(check_bi(&b, &bi, NULL), 0);
	memset(line, 'a', BI_CL_SIZE);
	line[BI_CL_SIZE] = 0;
	CHECK_EQ(bootinfo_build(&bi, &e, &buf, &len), -E2BIG);
	line[BI_CL_SIZE - 1] = 0;		/* 255 characters: fits */
	CHECK_EQ(bootinfo_build(&bi, &e, &buf, &len), 0);
	if (!buf)
		return;
	CHECK_EQ(bootinfo_check(buf, len, "new", KX_EXIT_FAILURE, &out,
				NULL), 0);
	CHECK_EQ(bootinfo_find(&out, BI_COMMAND_LINE, &o), 0);
	CHECK_EQ(strlen((const char *)o.data), BI_CL_SIZE - 1);
	CHECK_EQ(o.size, 4 + BI_CL_SIZE);
	free(buf);
}

/* A bootinfo of 65482 bytes (two filler records of 0x7fe0) is valid, but
 * with a command line, a ramdisk and a seed it would pass BI_FILE_MAX:
 * refused before anything is built, with the size it would have. */
static void test_edit_past_file_max(void)
{
	static const uint8_t seed[BI_RNG_SEED_LEN];
	struct bootinfo_edit e = {
		.cmdline = "console=ttyGF0 root=/dev/vda", .ramdisk = true,
		.ramdisk_size = 0x1000, .seed = seed,
		.seed_len = sizeof(seed),
	};
	uint8_t *in = calloc(1, BI_FILE_MAX), *buf = NULL;
	struct bootinfo bi;
	size_t len = 0, n = 0;
	int i;

	CHECK(in != NULL);
	if (!in)
		return;
	bs_put16(in, BI_MACHTYPE);
	bs_put16(in + 2, 8);
	bs_put32(in + 4, MACH_VIRT);
	n = 8;
	for (i = 0; i < 2; i++, n += 0x7fe0) {
		bs_put16(in + n, 0x8fff);
		bs_put16(in + n + 2, 0x7fe0);
	}
	n += 2;		/* BI_LAST */
	CHECK_EQ(bootinfo_check(in, n, "big.bi", KX_EXIT_INPUT, &bi, NULL), 0);
	CHECK_EQ(bootinfo_build(&bi, &e, &buf, &len), -EFBIG);
	CHECK(buf == NULL);
	CHECK(len > BI_FILE_MAX);
	/* Without the ramdisk and seed records it still fits. */
	e.ramdisk = false;
	e.seed = NULL;
	CHECK_EQ(bootinfo_build(&bi, &e, &buf, &len), 0);
	CHECK(len <= BI_FILE_MAX);
	free(buf);
	free(in);
}

/* Expect rejection with a diagnostic naming the file and containing s. */
static void expect_bad(const uint8_t *buf, size_t len, const char *s)
{
	struct diag d = { 0 };
	struct bootinfo bi;

	CHECK_EQ(bootinfo_check(buf, len, "bi.bin", KX_EXIT_INPUT, &bi, &d),
		 -EINVAL);
	CHECK(d.msg && strstr(d.msg, "bi.bin") && strstr(d.msg, s));
	CHECK_EQ(d.exit_class, KX_EXIT_INPUT);
	if (d.msg && !strstr(d.msg, s))
		printf("  message: %s\n", d.msg);
	diag_clear(&d);
}

static void test_bad_bootinfo(void)
{
	struct bisyn b;
	size_t cut;

	bs_virt(&b);
	/* Truncated anywhere before the terminator. */
	for (cut = 0; cut < b.len - 2; cut++) {
		struct diag d = { 0 };
		struct bootinfo bi;

		CHECK_EQ(bootinfo_check(b.buf, cut, "t", KX_EXIT_INPUT, &bi,
					&d), -EINVAL);
		CHECK(d.msg != NULL);
		diag_clear(&d);
	}
	expect_bad(b.buf, 0, "no BI_LAST");
	expect_bad(b.buf, 9, "truncated");	/* header cut at 8 + 1 */
	expect_bad(b.buf, 30, "runs past the end");

	bs_virt(&b);
	bs_put16(b.buf + 8 + 2, 2);		/* size < header */
	expect_bad(b.buf, b.len, "less than its 4-byte header");
	bs_put16(b.buf + 8 + 2, 0);		/* size 0: would loop */
	expect_bad(b.buf, b.len, "less than its 4-byte header");
	bs_virt(&b);
	bs_put16(b.buf + 2, 0xfff0);		/* absurd */
	expect_bad(b.buf, b.len, "absurd size");
	bs_virt(&b);
	bs_put16(b.buf + 2, 7);			/* odd */
	expect_bad(b.buf, b.len, "odd size");
	bs_virt(&b);
	bs_put16(b.buf + 2, 6);			/* MACHTYPE too short */
	expect_bad(b.buf, b.len, "too short");
	/* No terminator at all: the records end, then nothing. */
	bs_virt(&b);
	expect_bad(b.buf, b.len - 2, "no BI_LAST");
	/* A corrupt seed length. */
	b.len = 0;
	bs_wiped_seed(&b, 8);
	bs_put16(b.buf + 4, 100);
	bs_last(&b);
	expect_bad(b.buf, b.len, "seed");
	/* Huge file. */
	{
		uint8_t *big = calloc(1, BI_FILE_MAX + 2);

		if (big)
			expect_bad(big, BI_FILE_MAX + 2, "too large");
		free(big);
	}
}

/* Bytes after BI_LAST (a padded --bootinfo file) are ignored. */
static void test_trailing_bytes(void)
{
	struct bisyn b;
	struct bootinfo bi;

	bs_amiga(&b);
	memset(b.buf + b.len, 0xee, 10);
	CHECK_EQ(bootinfo_check(b.buf, b.len + 10, "f", KX_EXIT_INPUT, &bi,
				NULL), 0);
	CHECK_EQ(bi.len, b.len);
}

int main(void)
{
	RUN(test_virt_parse);
	RUN(test_memory_maps);
	RUN(test_memory_errors);
	RUN(test_virt_edit);
	RUN(test_edit_drop_and_append);
	RUN(test_edit_limits);
	RUN(test_edit_past_file_max);
	RUN(test_bad_bootinfo);
	RUN(test_trailing_bytes);
	return check_done();
}
