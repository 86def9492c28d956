// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-sha256.c - kx_sha256 against the FIPS 180-2 examples, the padding
 * boundaries, and incremental hashing split at every offset.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sha256.h"

/* Lowercase hex of a digest, for readable failures. */
static const char *hex(const uint8_t d[KX_SHA256_DIGEST_SIZE])
{
	static char s[2 * KX_SHA256_DIGEST_SIZE + 1];
	int i;

	for (i = 0; i < KX_SHA256_DIGEST_SIZE; i++)
		sprintf(s + 2 * i, "%02x", d[i]);
	return s;
}

static const char *digest_of(const void *p, size_t n)
{
	uint8_t d[KX_SHA256_DIGEST_SIZE];

	kx_sha256(p, n, d);
	return hex(d);
}

/* p[i] = i * mul + add (mod 256). */
static void fill_pattern(uint8_t *p, size_t n, unsigned int mul,
			 unsigned int add)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * mul + add);
}

static void test_fips_abc(void)
{
	CHECK_STR(digest_of("abc", 3),
		  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_fips_448bit(void)
{
	const char *m =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	CHECK_EQ(strlen(m), 56);
	CHECK_STR(digest_of(m, strlen(m)),
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_fips_million_a(void)
{
	static const char *want =
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	struct kx_sha256 s;
	uint8_t d[KX_SHA256_DIGEST_SIZE];
	char *buf = malloc(1000000);
	int i;

	CHECK(buf != NULL);
	if (!buf)
		return;
	memset(buf, 'a', 1000000);
	CHECK_STR(digest_of(buf, 1000000), want);
	/* Again in odd-sized pieces: 1000000 = 7 * 142857 + 1. */
	kx_sha256_init(&s);
	for (i = 0; i < 142857; i++)
		kx_sha256_update(&s, buf + 7 * i, 7);
	kx_sha256_update(&s, buf, 1);
	kx_sha256_final(&s, d);
	CHECK_STR(hex(d), want);
	free(buf);
}

static void test_empty(void)
{
	CHECK_STR(digest_of("", 0),
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* 55, 56 and 64 bytes: one or two padding blocks (values from hashlib). */
static void test_padding_boundaries(void)
{
	uint8_t m[64];

	fill_pattern(m, sizeof(m), 1, 0);
	CHECK_STR(digest_of(m, 55),
		  "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59");
	CHECK_STR(digest_of(m, 56),
		  "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562");
	CHECK_STR(digest_of(m, 64),
		  "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108");
}

/* Two updates split at every offset (and three at every pair) = one shot. */
static void test_incremental_every_split(void)
{
	static const char *want =
		"397276ea1f65a10cbd90e9d622ab533cf9fc4e14056fc9915feb8f4a52d47dc7";
	uint8_t m[200], d[KX_SHA256_DIGEST_SIZE];
	struct kx_sha256 s;
	size_t i, j;
	int bad = 0;

	fill_pattern(m, sizeof(m), 7, 1);
	CHECK_STR(digest_of(m, sizeof(m)), want);
	for (i = 0; i <= sizeof(m); i++) {
		kx_sha256_init(&s);
		kx_sha256_update(&s, m, i);
		kx_sha256_update(&s, m + i, sizeof(m) - i);
		kx_sha256_final(&s, d);
		if (strcmp(hex(d), want)) {
			printf("  split at %zu: %s\n", i, hex(d));
			bad++;
		}
	}
	for (i = 0; i <= sizeof(m); i += 3) {
		for (j = i; j <= sizeof(m); j += 5) {
			kx_sha256_init(&s);
			kx_sha256_update(&s, m, i);
			kx_sha256_update(&s, m + i, j - i);
			kx_sha256_update(&s, m + j, sizeof(m) - j);
			kx_sha256_final(&s, d);
			bad += strcmp(hex(d), want) != 0;
		}
	}
	CHECK_EQ(bad, 0);
}

/* Input at every alignment hashes the same. */
static void test_unaligned(void)
{
	uint8_t buf[200 + 8];
	char first[2 * KX_SHA256_DIGEST_SIZE + 1];
	int off;

	fill_pattern(buf, 200, 7, 1);
	snprintf(first, sizeof(first), "%s", digest_of(buf, 200));
	for (off = 1; off < 8; off++) {
		memset(buf, 0xee, sizeof(buf));
		fill_pattern(buf + off, 200, 7, 1);
		CHECK_STR(digest_of(buf + off, 200), first);
	}
}

/* final() leaves a fresh state behind, ready for another message. */
static void test_reuse_after_final(void)
{
	struct kx_sha256 s;
	uint8_t d[KX_SHA256_DIGEST_SIZE];

	kx_sha256_init(&s);
	kx_sha256_update(&s, "xyz", 3);
	kx_sha256_final(&s, d);
	kx_sha256_update(&s, "abc", 3);
	kx_sha256_final(&s, d);
	CHECK_STR(hex(d),
		  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
	RUN(test_fips_abc);
	RUN(test_fips_448bit);
	RUN(test_fips_million_a);
	RUN(test_empty);
	RUN(test_padding_boundaries);
	RUN(test_incremental_every_split);
	RUN(test_unaligned);
	RUN(test_reuse_after_final);
	return check_done();
}
