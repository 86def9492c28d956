// SPDX-License-Identifier: GPL-2.0-only
/*
 * xxhash64.c - the XXH64 hash, written from the published algorithm
 * description (xxHash specification, "XXH64 algorithm").
 *
 * Freestanding: built into the loader and into every purgatory (with
 * -ffreestanding -fno-builtin -DKX_FREESTANDING), so it includes only
 * <stddef.h>/<stdint.h> and calls nothing.  It is the default purgatory
 * checksum, run with the MMU off and, in tests, under QEMU's TCG, so the
 * 32-byte stripe loop is kept short: when the input is 8-byte aligned and
 * the target has a cheap 64-bit load (any little-endian target, or ppc64
 * with its byte-reversing load), lanes are read as words; otherwise they
 * are assembled from bytes.  The result is the defined XXH64 value on
 * every target either way.
 */
#include <stddef.h>
#include <stdint.h>

#include "xxhash64.h"

#define XXH_PRIME64_1_	0x9E3779B185EBCA87ULL	/* 11400714785074694791 */
#define XXH_PRIME64_2_	0xC2B2AE3D27D4EB4FULL	/* 14029467366897019727 */
#define XXH_PRIME64_3_	0x165667B19E3779F9ULL	/*  1609587929392839161 */
#define XXH_PRIME64_4_	0x85EBCA77C2B2AE63ULL	/*  9650029242287828579 */
#define XXH_PRIME64_5_	0x27D4EB2F165667C5ULL	/*  2870177450012600261 */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define XXH_WORD_LOADS_	1
#define XXH_FROM_LE64_(x)	(x)
#elif defined(__powerpc64__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define XXH_WORD_LOADS_	1
#define XXH_FROM_LE64_(x)	__builtin_bswap64(x)
#else
#define XXH_WORD_LOADS_	0
#endif

#if XXH_WORD_LOADS_
/* A 64-bit word that may alias any object (the input is bytes). */
typedef uint64_t __attribute__((may_alias, aligned(8))) xxh_word_;
#endif

static inline uint64_t rotl64_(uint64_t x, unsigned int n)
{
	return (x << n) | (x >> (64 - n));
}

static inline uint64_t load_le64_(const uint8_t *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 |
	       (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	       (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline uint32_t load_le32_(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t xxh64_round_(uint64_t acc, uint64_t lane)
{
	acc += lane * XXH_PRIME64_2_;
	return rotl64_(acc, 31) * XXH_PRIME64_1_;
}

static inline uint64_t xxh64_merge_(uint64_t acc, uint64_t v)
{
	acc ^= xxh64_round_(0, v);
	return acc * XXH_PRIME64_1_ + XXH_PRIME64_4_;
}

/*
 * Consume the whole 32-byte stripes of p[0..len) into the four lane
 * accumulators v[]; returns the number of bytes consumed.
 */
static size_t xxh64_stripes_(uint64_t v[4], const uint8_t *p, size_t len)
{
	uint64_t v1 = v[0], v2 = v[1], v3 = v[2], v4 = v[3];
	const uint8_t *end = p + (len & ~(size_t)31);
	const uint8_t *start = p;

#if XXH_WORD_LOADS_
	if (((uintptr_t)p & 7) == 0) {
		for (; p < end; p += 32) {
			const xxh_word_ *w = (const xxh_word_ *)p;

			v1 = xxh64_round_(v1, XXH_FROM_LE64_(w[0]));
			v2 = xxh64_round_(v2, XXH_FROM_LE64_(w[1]));
			v3 = xxh64_round_(v3, XXH_FROM_LE64_(w[2]));
			v4 = xxh64_round_(v4, XXH_FROM_LE64_(w[3]));
		}
	}
#endif
	for (; p < end; p += 32) {
		v1 = xxh64_round_(v1, load_le64_(p));
		v2 = xxh64_round_(v2, load_le64_(p + 8));
		v3 = xxh64_round_(v3, load_le64_(p + 16));
		v4 = xxh64_round_(v4, load_le64_(p + 24));
	}
	v[0] = v1;
	v[1] = v2;
	v[2] = v3;
	v[3] = v4;
	return (size_t)(p - start);
}

/* Mix in the last len (< 32) bytes and finish. */
static uint64_t xxh64_tail_(uint64_t acc, const uint8_t *p, size_t len)
{
	for (; len >= 8; p += 8, len -= 8) {
		acc ^= xxh64_round_(0, load_le64_(p));
		acc = rotl64_(acc, 27) * XXH_PRIME64_1_ + XXH_PRIME64_4_;
	}
	if (len >= 4) {
		acc ^= (uint64_t)load_le32_(p) * XXH_PRIME64_1_;
		acc = rotl64_(acc, 23) * XXH_PRIME64_2_ + XXH_PRIME64_3_;
		p += 4;
		len -= 4;
	}
	for (; len; p++, len--) {
		acc ^= *p * XXH_PRIME64_5_;
		acc = rotl64_(acc, 11) * XXH_PRIME64_1_;
	}
	acc ^= acc >> 33;
	acc *= XXH_PRIME64_2_;
	acc ^= acc >> 29;
	acc *= XXH_PRIME64_3_;
	acc ^= acc >> 32;
	return acc;
}

/*
 * XXH64 of data[0..len) with the given seed (the loader and purgatory use
 * seed 0).  Any alignment; cannot fail.
 */
uint64_t kx_xxh64(const void *data, size_t len, uint64_t seed)
{
	const uint8_t *p = data;
	uint64_t v[4], acc;
	size_t done;

	if (len < 32) {
		acc = seed + XXH_PRIME64_5_;
	} else {
		v[0] = seed + XXH_PRIME64_1_ + XXH_PRIME64_2_;
		v[1] = seed + XXH_PRIME64_2_;
		v[2] = seed;
		v[3] = seed - XXH_PRIME64_1_;
		done = xxh64_stripes_(v, p, len);
		p += done;
		acc = rotl64_(v[0], 1) + rotl64_(v[1], 7) +
		      rotl64_(v[2], 12) + rotl64_(v[3], 18);
		acc = xxh64_merge_(acc, v[0]);
		acc = xxh64_merge_(acc, v[1]);
		acc = xxh64_merge_(acc, v[2]);
		acc = xxh64_merge_(acc, v[3]);
	}
	acc += (uint64_t)len;
	return xxh64_tail_(acc, p, len & 31);
}
