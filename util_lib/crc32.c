// SPDX-License-Identifier: GPL-2.0-only
/*
 * crc32.c - the IEEE 802.3 CRC-32 (reflected polynomial 0xEDB88320, initial
 * and final inversion), as zlib's crc32() and U-Boot's image headers use.
 *
 * Four bits at a time through a 16-entry table: small, no set-up, and fast
 * enough for a kernel image.
 */
#include "crc32.h"

/* crc of each nibble value n shifted through four rounds of the polynomial. */
static const uint32_t crc32_nibble_[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

uint32_t kx_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ crc32_nibble_[crc & 0xf];
		crc = (crc >> 4) ^ crc32_nibble_[crc & 0xf];
	}
	return ~crc;
}
