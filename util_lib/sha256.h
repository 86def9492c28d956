/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sha256.h - SHA-256 (FIPS 180-2).  Freestanding: used by the loader and by
 * every purgatory.
 */
#ifndef KX_SHA256_H
#define KX_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define KX_SHA256_DIGEST_SIZE	32

struct kx_sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	uint8_t buf[64];
	size_t fill;
};

void kx_sha256_init(struct kx_sha256 *s);
void kx_sha256_update(struct kx_sha256 *s, const void *data, size_t len);
void kx_sha256_final(struct kx_sha256 *s, uint8_t out[KX_SHA256_DIGEST_SIZE]);
/* One call for a whole buffer. */
void kx_sha256(const void *data, size_t len,
	       uint8_t out[KX_SHA256_DIGEST_SIZE]);

#endif
