/* SPDX-License-Identifier: GPL-2.0-only */
/* crc32.h - the IEEE 802.3 CRC-32 (as zlib's crc32()). */
#ifndef KX_CRC32_H
#define KX_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Continue crc over len bytes; start with crc = 0. */
uint32_t kx_crc32(uint32_t crc, const void *buf, size_t len);

#endif
