// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-uimage.c - kx_crc32() against known vectors, and uimage_parse() on
 * images crafted here: good, not a uImage, bad header and data CRCs,
 * truncated header and payload.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

#include "check.h"
#include "crc32.h"
#include "uimage.h"

#define PATH "uImage"

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A kernel uImage with an n-byte payload, CRCs filled in; malloc'd. */
static uint8_t *make_uimage(size_t n, size_t *size)
{
	uint8_t *b = calloc(1, KX_UIMAGE_HDR_SIZE + n);
	size_t i;

	for (i = 0; i < n; i++)
		b[KX_UIMAGE_HDR_SIZE + i] = (uint8_t)(i * 31 + 3);
	put_be32(b, KX_UIMAGE_MAGIC);
	put_be32(b + 8, 0x5f000000);
	put_be32(b + 12, (uint32_t)n);
	put_be32(b + 16, 0x00001000);
	put_be32(b + 20, 0x00001040);
	put_be32(b + 24, kx_crc32(0, b + KX_UIMAGE_HDR_SIZE, n));
	b[28] = KX_IH_OS_LINUX;
	b[29] = KX_IH_ARCH_M68K;
	b[30] = KX_IH_TYPE_KERNEL;
	b[31] = KX_IH_COMP_GZIP;
	/* a name that fills all 32 bytes: no NUL in the header */
	memcpy(b + 32, "Linux-6.1.0-m68k-virt-0123456789", 32);
	put_be32(b + 4, kx_crc32(0, b, KX_UIMAGE_HDR_SIZE));
	*size = KX_UIMAGE_HDR_SIZE + n;
	return b;
}

static void refresh_hcrc(uint8_t *b)
{
	put_be32(b + 4, 0);
	put_be32(b + 4, kx_crc32(0, b, KX_UIMAGE_HDR_SIZE));
}

/* Parse an exact-size copy of the first len bytes of b. */
static int parse(const uint8_t *b, size_t len, struct uimage_info *u,
		 struct diag *d)
{
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, b, len);
	rc = uimage_parse(copy, len, PATH, u, d);
	free(copy);
	return rc;
}

static bool msg_has(const struct diag *d, const char *s)
{
	return d->msg && strstr(d->msg, s) && strstr(d->msg, PATH);
}

static void test_crc32_vectors(void)
{
	static const uint8_t zeros[32];
	const char *s = "123456789";
	const char *fox = "The quick brown fox jumps over the lazy dog";

	CHECK_EQ(kx_crc32(0, s, 9), 0xcbf43926);
	CHECK_EQ(kx_crc32(0, "", 0), 0);
	CHECK_EQ(kx_crc32(0, "a", 1), 0xe8b7be43);
	CHECK_EQ(kx_crc32(0, fox, strlen(fox)), 0x414fa339);
	CHECK_EQ(kx_crc32(0, zeros, 32), 0x190a55ad);
	/* continuing over pieces equals one pass */
	CHECK_EQ(kx_crc32(kx_crc32(0, s, 4), s + 4, 5), 0xcbf43926);
}

static void test_good(void)
{
	struct uimage_info u;
	struct diag d = { 0 };
	size_t size;
	uint8_t *b = make_uimage(1000, &size);

	CHECK_EQ(uimage_parse(b, size, PATH, &u, &d), 0);
	CHECK(d.msg == NULL);
	CHECK_EQ(u.load, 0x1000);
	CHECK_EQ(u.entry, 0x1040);
	CHECK_EQ(u.time, 0x5f000000);
	CHECK_EQ(u.os, KX_IH_OS_LINUX);
	CHECK_EQ(u.arch, KX_IH_ARCH_M68K);
	CHECK_EQ(u.type, KX_IH_TYPE_KERNEL);
	CHECK_EQ(u.comp, KX_IH_COMP_GZIP);
	CHECK_STR(u.name, "Linux-6.1.0-m68k-virt-0123456789");
	CHECK(u.data == b + KX_UIMAGE_HDR_SIZE);
	CHECK_EQ(u.size, 1000);
	free(b);

	/* trailing bytes after the payload are allowed; empty payload too */
	b = make_uimage(0, &size);
	CHECK_EQ(parse(b, size, &u, &d), 0);
	CHECK_EQ(u.size, 0);
	free(b);
	b = make_uimage(16, &size);
	b = realloc(b, size + 100);
	memset(b + size, 0xff, 100);
	CHECK_EQ(uimage_parse(b, size + 100, PATH, &u, &d), 0);
	CHECK_EQ(u.size, 16);
	free(b);
	CHECK(d.msg == NULL);
}

static void test_not_uimage(void)
{
	struct uimage_info u;
	struct diag d = { 0 };
	size_t size;
	uint8_t *b = make_uimage(64, &size);

	b[0] ^= 1;
	CHECK_EQ(parse(b, size, &u, &d), -ENOEXEC);
	CHECK_EQ(parse(b, 3, &u, &d), -ENOEXEC);
	CHECK_EQ(parse(b, 0, &u, &d), -ENOEXEC);
	CHECK(d.msg == NULL);
	free(b);
}

static void test_bad_hcrc(void)
{
	struct uimage_info u;
	struct diag d = { 0 };
	size_t size;
	uint8_t *b = make_uimage(64, &size);

	b[40] ^= 0x20;				/* the name changes */
	CHECK_EQ(parse(b, size, &u, &d), -EINVAL);
	CHECK(msg_has(&d, "bad uImage header CRC"));
	diag_clear(&d);
	free(b);
}

static void test_bad_dcrc(void)
{
	struct uimage_info u;
	struct diag d = { 0 };
	size_t size;
	uint8_t *b = make_uimage(64, &size);

	b[size - 1] ^= 0x80;
	CHECK_EQ(parse(b, size, &u, &d), -EINVAL);
	CHECK(msg_has(&d, "bad uImage data CRC"));
	diag_clear(&d);
	free(b);
}

static void test_truncated(void)
{
	struct uimage_info u;
	struct diag d = { 0 };
	size_t size, len;
	uint8_t *b = make_uimage(200, &size);
	int bad = 0;

	for (len = 4; len < size; len++) {
		if (parse(b, len, &u, &d) != -EINVAL ||
		    !msg_has(&d, "truncated uImage"))
			bad++;
		diag_clear(&d);
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(parse(b, 63, &u, &d), -EINVAL);
	CHECK(msg_has(&d, "header runs past the end (file is 63 bytes)"));
	diag_clear(&d);
	CHECK_EQ(parse(b, size - 1, &u, &d), -EINVAL);
	CHECK(msg_has(&d, "payload of 200 bytes runs past the end (file is 263 bytes)"));
	diag_clear(&d);

	/* an absurd ih_size with a valid header CRC */
	put_be32(b + 12, 0xffffffff);
	refresh_hcrc(b);
	CHECK_EQ(parse(b, size, &u, &d), -EINVAL);
	CHECK(msg_has(&d, "payload of 4294967295 bytes"));
	diag_clear(&d);
	free(b);
}

static void test_names(void)
{
	CHECK_STR(uimage_type_name(KX_IH_TYPE_KERNEL), "kernel");
	CHECK_STR(uimage_type_name(KX_IH_TYPE_RAMDISK), "ramdisk");
	CHECK_STR(uimage_type_name(KX_IH_TYPE_MULTI), "multi-file");
	CHECK_STR(uimage_type_name(KX_IH_TYPE_KERNEL_NOLOAD),
		  "kernel (any load address)");
	CHECK_STR(uimage_type_name(200), "unknown type");
	CHECK_STR(uimage_type_name(11), "unknown type");
	CHECK_STR(uimage_comp_name(KX_IH_COMP_NONE), "none");
	CHECK_STR(uimage_comp_name(KX_IH_COMP_GZIP), "gzip");
	CHECK_STR(uimage_comp_name(KX_IH_COMP_ZSTD), "zstd");
	CHECK_STR(uimage_comp_name(7), "unknown compression");
	CHECK_STR(uimage_comp_name(255), "unknown compression");
}

int main(void)
{
	RUN(test_crc32_vectors);
	RUN(test_good);
	RUN(test_not_uimage);
	RUN(test_bad_hcrc);
	RUN(test_bad_dcrc);
	RUN(test_truncated);
	RUN(test_names);
	return check_done();
}
