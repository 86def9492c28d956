/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * file.h - input files, mapped rather than copied, decompressed if needed.
 */
#ifndef KX_FILE_H
#define KX_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Largest decompressed image accepted, in bytes. */
#define KX_DECOMPRESS_MAX	(1ULL << 30)

enum kx_compression {
	KX_COMP_NONE,
	KX_COMP_GZIP,
	KX_COMP_XZ,
	KX_COMP_ZSTD,
};

struct kx_file {
	const char *path;	/* as given; not owned */
	const uint8_t *data;	/* contents (decompressed if it was) */
	size_t size;
	enum kx_compression compression;	/* of the file on disk */
	int fd;			/* open file, or -1 */
	void *map;		/* mapping of the file, or NULL */
	size_t map_len;
	void *heap;		/* decompressed data (anonymous mapping) */
	size_t heap_len;
};

/* Name of a compression ("gzip", ...). */
const char *kx_compression_name(enum kx_compression c);

/* Recognise a compression by its magic.  Pure. */
enum kx_compression kx_detect_compression(const void *data, size_t size);

/*
 * Decompress data (of kind c) into a new anonymous mapping of at most max
 * bytes.  *out and *out_len receive the result (munmap with *out_cap).
 * Returns 0; -EFBIG over max; -EINVAL corrupt data; -ENOTSUP when the
 * library was left out of the build; -ENOMEM.  Diagnostic names "path".
 */
int kx_decompress(enum kx_compression c, const void *data, size_t size,
		  size_t max, const char *path, void **out, size_t *out_len,
		  size_t *out_cap, struct diag *d);

/*
 * Open path: map it read-only and, when "decompress" is set and the file is
 * gzip/xz/zstd, decompress it.  Returns 0, or a negative errno with a
 * KX_EXIT_INPUT diagnostic naming the file (missing, a directory,
 * unreadable, empty, corrupt, too large).
 */
int kx_file_open(const char *path, int decompress, struct kx_file *f,
		 struct diag *d);

/* Release everything kx_file_open() set up.  Safe on a zeroed struct. */
void kx_file_close(struct kx_file *f);

#endif /* KX_FILE_H */
