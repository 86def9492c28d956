// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-xxhash64.c - kx_xxh64 against reference XXH64 values.
 *
 * Seed-0 values were produced by xxhsum -H64 (Debian's xxhash 0.8.1); all
 * three seeds by libxxhash's XXH64() and, independently, by a reference
 * implementation written from the XXH64 specification; the three agree.
 * The message of length n is p[i] = i * 31 + 11 (mod 256).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "xxhash64.h"

#define SEED_GOLDEN	0x9E3779B97F4A7C15ULL

static const struct {
	size_t len;
	uint64_t seed0, seed1, seed_golden;
} vectors[] = {
	{    0, 0xef46db3751d8e999ULL, 0xd5afba1336a3be4bULL, 0xc4349fc93c010000ULL },
	{    1, 0xf592c0c7639c4cb6ULL, 0x653ce83baffa4f91ULL, 0x3f7ebbd0a20f83ccULL },
	{    3, 0x1df7019e307d69dfULL, 0x1208063f43915a1bULL, 0xcffa9be5f8b0ecdbULL },
	{    4, 0xce1c2d32066f8351ULL, 0x63a883856652997dULL, 0x304437738ff0aa83ULL },
	{    7, 0xf01b6bade0e08feeULL, 0xe3a48a4c600bf3f7ULL, 0xb816b01c588c5452ULL },
	{    8, 0x48d50c2fc60d3939ULL, 0xcff85ade5995c2dfULL, 0x85ecf4d71ad3d76aULL },
	{    9, 0x1c181e1e37cc0eddULL, 0x9b6446a585a71517ULL, 0x4a25739f3a991070ULL },
	{   15, 0x925034c28e57a934ULL, 0x03edd0b52b8dc4a2ULL, 0x775ac2cec07e7473ULL },
	{   16, 0x166138734b2419e2ULL, 0xa88bda5e4292a050ULL, 0xd1d9340e2334ae1bULL },
	{   31, 0x6b843ebfaffdac8eULL, 0x440472790383326eULL, 0xc1d6d48040b95a20ULL },
	{   32, 0x3da5e9d0b137fe9fULL, 0x66b23665e0072249ULL, 0x6243aa19cbd75ea9ULL },
	{   33, 0xaccac3215c53e59bULL, 0x51bcd2e418d3565fULL, 0x02001d92226ad09aULL },
	{   63, 0x889c151384fe98c3ULL, 0x55bcd26420fa0540ULL, 0x8cd4ac98ebdfe0b0ULL },
	{   64, 0xadb2873cf054cc9cULL, 0x38b19b3b3cbefd96ULL, 0x98e0df5aa7ed135bULL },
	{   65, 0x60b343c74cd476d3ULL, 0xf7b47b32a411698bULL, 0xcf51539b0e4013deULL },
	{  100, 0x0ac94b92d39fe49bULL, 0xf9a482b60aaacb0cULL, 0xdf53ac420c36e5cbULL },
	{  127, 0x6fd291c01540a547ULL, 0x2b982ba26444531fULL, 0xd1fd33a676d6fe58ULL },
	{  128, 0x399a8c41c8ba3856ULL, 0x2a31ca717e654314ULL, 0x64498f809ea6900dULL },
	{ 1000, 0xb05eec64938fb893ULL, 0xe653eca76e0ab969ULL, 0x922dd03abc8575b0ULL },
	{ 4099, 0x6f6c20440a838386ULL, 0x4fb2a707b85eb14aULL, 0x0f62861bb001be1aULL },
};

#define NVEC	(sizeof(vectors) / sizeof(vectors[0]))
#define MAXLEN	4099

static void fill_pattern(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 31 + 11);
}

static void test_empty_seed0(void)
{
	CHECK_EQ(kx_xxh64("", 0, 0), 0xEF46DB3751D8E999ULL);
	CHECK_EQ(kx_xxh64(NULL, 0, 0), 0xEF46DB3751D8E999ULL);
}

static void test_single_a(void)
{
	/* xxhsum -H64 of "a". */
	CHECK_EQ(kx_xxh64("a", 1, 0), 0xD24EC4F1A98C6E5BULL);
}

/* Every length class: <4, <8, <32, whole stripes, stripes + tail. */
static void test_vectors(void)
{
	uint8_t *buf = malloc(MAXLEN);
	size_t i;

	CHECK(buf != NULL);
	if (!buf)
		return;
	fill_pattern(buf, MAXLEN);
	for (i = 0; i < NVEC; i++) {
		CHECK_EQ(kx_xxh64(buf, vectors[i].len, 0), vectors[i].seed0);
		CHECK_EQ(kx_xxh64(buf, vectors[i].len, 1), vectors[i].seed1);
		CHECK_EQ(kx_xxh64(buf, vectors[i].len, SEED_GOLDEN),
			 vectors[i].seed_golden);
	}
	free(buf);
}

/* The word-load and byte paths agree: same data at every alignment. */
static void test_every_alignment(void)
{
	uint8_t *buf = malloc(MAXLEN + 16);
	size_t i, off;

	CHECK(buf != NULL);
	if (!buf)
		return;
	for (off = 0; off < 16; off++) {
		memset(buf, 0xa5, MAXLEN + 16);
		fill_pattern(buf + off, MAXLEN);
		for (i = 0; i < NVEC; i++)
			CHECK_EQ(kx_xxh64(buf + off, vectors[i].len, 1),
				 vectors[i].seed1);
	}
	free(buf);
}

/* A flipped bit anywhere changes the value (it is used as a checksum). */
static void test_bit_flips_detected(void)
{
	uint8_t buf[100];
	uint64_t ref;
	size_t i;
	int missed = 0;

	fill_pattern(buf, sizeof(buf));
	ref = kx_xxh64(buf, sizeof(buf), 0);
	for (i = 0; i < 8 * sizeof(buf); i++) {
		buf[i / 8] ^= (uint8_t)(1u << (i % 8));
		missed += kx_xxh64(buf, sizeof(buf), 0) == ref;
		buf[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	CHECK_EQ(missed, 0);
	CHECK_EQ(kx_xxh64(buf, sizeof(buf), 0), ref);
}

int main(void)
{
	RUN(test_empty_seed0);
	RUN(test_single_a);
	RUN(test_vectors);
	RUN(test_every_alignment);
	RUN(test_bit_flips_detected);
	return check_done();
}
