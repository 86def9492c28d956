// SPDX-License-Identifier: GPL-2.0-only
/*
 * uimage.c - the legacy U-Boot image header: 64 big-endian bytes (magic,
 * header CRC, time, payload size, load address, entry point, payload CRC,
 * os, arch, type, compression, 32-byte name) followed by the payload.
 */
#include <errno.h>
#include <string.h>

#include "crc32.h"
#include "uimage.h"

#define UIMAGE_HCRC_OFF_ 4

static uint32_t be32_(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* CRC of the header with its ih_hcrc field taken as zero. */
static uint32_t header_crc_(const uint8_t *h)
{
	static const uint8_t zero[4];
	uint32_t crc;

	crc = kx_crc32(0, h, UIMAGE_HCRC_OFF_);
	crc = kx_crc32(crc, zero, sizeof(zero));
	return kx_crc32(crc, h + UIMAGE_HCRC_OFF_ + 4,
			KX_UIMAGE_HDR_SIZE - UIMAGE_HCRC_OFF_ - 4);
}

static void read_header_(const uint8_t *h, struct uimage_info *u)
{
	u->time = be32_(h + 8);
	u->size = be32_(h + 12);
	u->load = be32_(h + 16);
	u->entry = be32_(h + 20);
	u->os = h[28];
	u->arch = h[29];
	u->type = h[30];
	u->comp = h[31];
	memcpy(u->name, h + 32, 32);
	u->name[32] = '\0';
	u->data = h + KX_UIMAGE_HDR_SIZE;
}

int uimage_parse(const void *data, size_t size, const char *path,
		 struct uimage_info *u, struct diag *d)
{
	const uint8_t *h = data;
	uint32_t crc;

	memset(u, 0, sizeof(*u));
	if (size < 4 || be32_(h) != KX_UIMAGE_MAGIC)
		return -ENOEXEC;
	if (size < KX_UIMAGE_HDR_SIZE)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: truncated uImage: header runs past the end (file is %zu bytes)",
				 path, size);
	crc = header_crc_(h);
	if (crc != be32_(h + UIMAGE_HCRC_OFF_))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: bad uImage header CRC 0x%08x (computed 0x%08x)",
				 path, be32_(h + UIMAGE_HCRC_OFF_), crc);
	read_header_(h, u);
	if (u->size > size - KX_UIMAGE_HDR_SIZE)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: truncated uImage: payload of %zu bytes runs past the end (file is %zu bytes)",
				 path, u->size, size);
	crc = kx_crc32(0, u->data, u->size);
	if (crc != be32_(h + 24))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: bad uImage data CRC 0x%08x (computed 0x%08x)",
				 path, be32_(h + 24), crc);
	return 0;
}

const char *uimage_type_name(uint8_t type)
{
	static const char *const names[] = {
		[0] = "invalid",
		[1] = "standalone program",
		[KX_IH_TYPE_KERNEL] = "kernel",
		[KX_IH_TYPE_RAMDISK] = "ramdisk",
		[KX_IH_TYPE_MULTI] = "multi-file",
		[5] = "firmware",
		[6] = "script",
		[7] = "filesystem",
		[8] = "flat device tree",
		[KX_IH_TYPE_KERNEL_NOLOAD] = "kernel (any load address)",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	return "unknown type";
}

const char *uimage_comp_name(uint8_t comp)
{
	static const char *const names[] = {
		[KX_IH_COMP_NONE] = "none",
		[KX_IH_COMP_GZIP] = "gzip",
		[KX_IH_COMP_BZIP2] = "bzip2",
		[KX_IH_COMP_LZMA] = "lzma",
		[KX_IH_COMP_LZO] = "lzo",
		[KX_IH_COMP_LZ4] = "lz4",
		[KX_IH_COMP_ZSTD] = "zstd",
	};

	if (comp < sizeof(names) / sizeof(names[0]))
		return names[comp];
	return "unknown compression";
}
