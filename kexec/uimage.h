/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uimage.h - the legacy U-Boot image header.  Pure.
 */
#ifndef KX_UIMAGE_H
#define KX_UIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define KX_UIMAGE_MAGIC		0x27051956
#define KX_UIMAGE_HDR_SIZE	64

/* ih_os, ih_arch, ih_type and ih_comp values we act on. */
#define KX_IH_OS_LINUX		5
#define KX_IH_ARCH_M68K		12
#define KX_IH_ARCH_PPC		7
#define KX_IH_TYPE_KERNEL	2
#define KX_IH_TYPE_RAMDISK	3
#define KX_IH_TYPE_MULTI	4
#define KX_IH_TYPE_KERNEL_NOLOAD 14
#define KX_IH_COMP_NONE		0
#define KX_IH_COMP_GZIP		1
#define KX_IH_COMP_BZIP2	2
#define KX_IH_COMP_LZMA		3
#define KX_IH_COMP_LZO		4
#define KX_IH_COMP_LZ4		5
#define KX_IH_COMP_ZSTD		6

struct uimage_info {
	uint32_t load;		/* ih_load */
	uint32_t entry;		/* ih_ep */
	uint32_t time;
	uint8_t os, arch, type, comp;
	char name[33];		/* NUL-terminated ih_name */
	const uint8_t *data;	/* payload, inside the caller's buffer */
	size_t size;		/* ih_size */
};

/*
 * Parse and verify a uImage: magic, header CRC, payload inside the file,
 * payload CRC.  Returns 0; -ENOEXEC when data is not a uImage (no
 * diagnostic); -EINVAL with a KX_EXIT_INPUT diagnostic naming path for a
 * bad CRC or truncation.
 */
int uimage_parse(const void *data, size_t size, const char *path,
		 struct uimage_info *u, struct diag *d);

/* Name of an ih_type / ih_comp value for messages. */
const char *uimage_type_name(uint8_t type);
const char *uimage_comp_name(uint8_t comp);

#endif /* KX_UIMAGE_H */
