// SPDX-License-Identifier: GPL-2.0-only
/*
 * sha256.c - SHA-256 as specified in FIPS 180-2.
 *
 * Freestanding: built into the loader and into every purgatory (with
 * -ffreestanding -fno-builtin -DKX_FREESTANDING), so it includes only
 * <stddef.h>/<stdint.h> and calls nothing.  Message words are assembled
 * from bytes, so the result is the same on big- and little-endian targets
 * and no unaligned load is ever made.
 */
#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

static const uint32_t sha256_k_[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t ror32_(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static inline uint32_t load_be32_(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void store_be32_(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Expand the message schedule of one 64-byte block. */
static void sha256_schedule_(uint32_t w[64], const uint8_t *block)
{
	unsigned int i;
	uint32_t s0, s1;

	for (i = 0; i < 16; i++)
		w[i] = load_be32_(block + 4 * i);
	for (i = 16; i < 64; i++) {
		s0 = ror32_(w[i - 15], 7) ^ ror32_(w[i - 15], 18) ^
		     (w[i - 15] >> 3);
		s1 = ror32_(w[i - 2], 17) ^ ror32_(w[i - 2], 19) ^
		     (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
}

#define SHA256_S0_(x)	(ror32_(x, 2) ^ ror32_(x, 13) ^ ror32_(x, 22))
#define SHA256_S1_(x)	(ror32_(x, 6) ^ ror32_(x, 11) ^ ror32_(x, 25))
#define SHA256_CH_(x, y, z)	(((x) & (y)) ^ (~(x) & (z)))
#define SHA256_MAJ_(x, y, z)	(((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))

/*
 * One round with the working variables renamed instead of shifted: round
 * i+1 is the same macro with the arguments rotated by one.
 */
#define SHA256_ROUND_(a, b, c, d, e, f, g, h, i) do {			\
	uint32_t t1_ = (h) + SHA256_S1_(e) + SHA256_CH_(e, f, g) +	\
		       sha256_k_[i] + w[i];				\
	(d) += t1_;							\
	(h) = t1_ + SHA256_S0_(a) + SHA256_MAJ_(a, b, c);		\
} while (0)

/* Run the compression function over one 64-byte block. */
static void sha256_block_(uint32_t h[8], const uint8_t *block)
{
	uint32_t w[64];
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
	uint32_t e = h[4], f = h[5], g = h[6], hh = h[7];
	unsigned int i;

	sha256_schedule_(w, block);
	for (i = 0; i < 64; i += 8) {
		SHA256_ROUND_(a, b, c, d, e, f, g, hh, i);
		SHA256_ROUND_(hh, a, b, c, d, e, f, g, i + 1);
		SHA256_ROUND_(g, hh, a, b, c, d, e, f, i + 2);
		SHA256_ROUND_(f, g, hh, a, b, c, d, e, i + 3);
		SHA256_ROUND_(e, f, g, hh, a, b, c, d, i + 4);
		SHA256_ROUND_(d, e, f, g, hh, a, b, c, i + 5);
		SHA256_ROUND_(c, d, e, f, g, hh, a, b, i + 6);
		SHA256_ROUND_(b, c, d, e, f, g, hh, a, i + 7);
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

/* Start a new digest. */
void kx_sha256_init(struct kx_sha256 *s)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	unsigned int i;

	for (i = 0; i < 8; i++)
		s->h[i] = iv[i];
	for (i = 0; i < sizeof(s->buf); i++)
		s->buf[i] = 0;
	s->len = 0;
	s->fill = 0;
}

/* Hash len more bytes of data (any alignment).  Cannot fail. */
void kx_sha256_update(struct kx_sha256 *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	s->len += len;
	if (s->fill) {
		while (len && s->fill < sizeof(s->buf)) {
			s->buf[s->fill++] = *p++;
			len--;
		}
		if (s->fill < sizeof(s->buf))
			return;
		sha256_block_(s->h, s->buf);
		s->fill = 0;
	}
	for (; len >= sizeof(s->buf); p += sizeof(s->buf), len -= sizeof(s->buf))
		sha256_block_(s->h, p);
	while (len--)
		s->buf[s->fill++] = *p++;
}

/*
 * Pad, write the 32-byte digest to out and wipe the state (it must be
 * initialised again before reuse).  Cannot fail.
 */
void kx_sha256_final(struct kx_sha256 *s, uint8_t out[KX_SHA256_DIGEST_SIZE])
{
	uint64_t bits = s->len * 8;
	unsigned int i;

	s->buf[s->fill++] = 0x80;
	if (s->fill > sizeof(s->buf) - 8) {
		while (s->fill < sizeof(s->buf))
			s->buf[s->fill++] = 0;
		sha256_block_(s->h, s->buf);
		s->fill = 0;
	}
	while (s->fill < sizeof(s->buf) - 8)
		s->buf[s->fill++] = 0;
	store_be32_(s->buf + 56, (uint32_t)(bits >> 32));
	store_be32_(s->buf + 60, (uint32_t)bits);
	sha256_block_(s->h, s->buf);
	for (i = 0; i < 8; i++)
		store_be32_(out + 4 * i, s->h[i]);
	kx_sha256_init(s);
}

/* Digest of a whole buffer in one call.  Cannot fail. */
void kx_sha256(const void *data, size_t len,
	       uint8_t out[KX_SHA256_DIGEST_SIZE])
{
	struct kx_sha256 s;

	kx_sha256_init(&s);
	kx_sha256_update(&s, data, len);
	kx_sha256_final(&s, out);
}
