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

#define SHA256_S0_(x)	(ror32_(x, 2) ^ ror32_(x, 13) ^ ror32_(x, 22))
#define SHA256_S1_(x)	(ror32_(x, 6) ^ ror32_(x, 11) ^ ror32_(x, 25))
#define SHA256_s0_(x)	(ror32_(x, 7) ^ ror32_(x, 18) ^ ((x) >> 3))
#define SHA256_s1_(x)	(ror32_(x, 17) ^ ror32_(x, 19) ^ ((x) >> 10))
#define SHA256_CH_(x, y, z)	((z) ^ ((x) & ((y) ^ (z))))
#define SHA256_MAJ_(x, y, z)	(((x) & (y)) | ((z) & ((x) | (y))))

/*
 * Message word i: the first 16 are read from the block as the rounds
 * need them; from then on each replaces the one 16 before it in a ring of
 * 16, so the whole schedule lives in 16 words (no array index is left
 * once the rounds are unrolled, so the compiler keeps what it can in
 * registers).
 */
#define SHA256_W_(i)							\
	((i) < 16 ? (w[(i) & 15] = load_be32_(block + 4 * ((i) & 15))) :	\
	 (w[(i) & 15] += SHA256_s1_(w[((i) - 2) & 15]) +		\
			 w[((i) - 7) & 15] +				\
			 SHA256_s0_(w[((i) - 15) & 15])))

/*
 * One round with the working variables renamed instead of shifted: round
 * i+1 is the same macro with the arguments rotated by one.  The round
 * constant is an immediate, not a table load.
 */
#define SHA256_ROUND_(a, b, c, d, e, f, g, h, i, k) do {		\
	uint32_t t1_ = (h) + SHA256_S1_(e) + SHA256_CH_(e, f, g) +	\
		       (uint32_t)(k) + SHA256_W_(i);			\
	(d) += t1_;							\
	(h) = t1_ + SHA256_S0_(a) + SHA256_MAJ_(a, b, c);		\
} while (0)

#define SHA256_ROUND8_(i, k0, k1, k2, k3, k4, k5, k6, k7) do {		\
	SHA256_ROUND_(a, b, c, d, e, f, g, hh, (i), k0);		\
	SHA256_ROUND_(hh, a, b, c, d, e, f, g, (i) + 1, k1);		\
	SHA256_ROUND_(g, hh, a, b, c, d, e, f, (i) + 2, k2);		\
	SHA256_ROUND_(f, g, hh, a, b, c, d, e, (i) + 3, k3);		\
	SHA256_ROUND_(e, f, g, hh, a, b, c, d, (i) + 4, k4);		\
	SHA256_ROUND_(d, e, f, g, hh, a, b, c, (i) + 5, k5);		\
	SHA256_ROUND_(c, d, e, f, g, hh, a, b, (i) + 6, k6);		\
	SHA256_ROUND_(b, c, d, e, f, g, hh, a, (i) + 7, k7);		\
} while (0)

/*
 * Run the compression function over n 64-byte blocks: all 64 rounds
 * unrolled, with the FIPS 180-2 round constants (4.2.2) written in, and
 * the loop over the blocks inside, so the registers are saved once per
 * call.  Under an emulator every memory access costs a TLB lookup, so the
 * schedule and the constants stay out of memory.
 */
static void sha256_blocks_(uint32_t h[8], const uint8_t *block, size_t n)
{
	uint32_t w[16];
	uint32_t a, b, c, d, e, f, g, hh;

	for (; n; n--, block += 64) {
		a = h[0];
		b = h[1];
		c = h[2];
		d = h[3];
		e = h[4];
		f = h[5];
		g = h[6];
		hh = h[7];
		SHA256_ROUND8_(0,
			       0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
			       0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5);
		SHA256_ROUND8_(8,
			       0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
			       0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174);
		SHA256_ROUND8_(16,
			       0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
			       0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da);
		SHA256_ROUND8_(24,
			       0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
			       0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967);
		SHA256_ROUND8_(32,
			       0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
			       0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85);
		SHA256_ROUND8_(40,
			       0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
			       0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070);
		SHA256_ROUND8_(48,
			       0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
			       0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3);
		SHA256_ROUND8_(56,
			       0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
			       0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2);
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
		h[5] += f;
		h[6] += g;
		h[7] += hh;
	}
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
		sha256_blocks_(s->h, s->buf, 1);
		s->fill = 0;
	}
	sha256_blocks_(s->h, p, len / sizeof(s->buf));
	p += len / sizeof(s->buf) * sizeof(s->buf);
	len %= sizeof(s->buf);
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
		sha256_blocks_(s->h, s->buf, 1);
		s->fill = 0;
	}
	while (s->fill < sizeof(s->buf) - 8)
		s->buf[s->fill++] = 0;
	store_be32_(s->buf + 56, (uint32_t)(bits >> 32));
	store_be32_(s->buf + 60, (uint32_t)bits);
	sha256_blocks_(s->h, s->buf, 1);
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
