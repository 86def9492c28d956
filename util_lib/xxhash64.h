/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xxhash64.h - the XXH64 hash (seed 0), a fast non-cryptographic checksum.
 * Freestanding: used by the loader and by every purgatory.
 */
#ifndef KX_XXHASH64_H
#define KX_XXHASH64_H

#include <stddef.h>
#include <stdint.h>

uint64_t kx_xxh64(const void *data, size_t len, uint64_t seed);

#endif
