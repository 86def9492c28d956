// SPDX-License-Identifier: GPL-2.0-only
/*
 * file.c - input files (kernel, initrd, dtb, ...), mapped rather than
 * copied.
 *
 * A regular file is mapped read-only and private: its pages come from the
 * page cache and cost no anonymous memory.  A compressed file, when asked,
 * is decompressed into an anonymous mapping and the compressed mapping is
 * dropped, so only the decompressed data stays resident.  What cannot be
 * mapped (a pipe from process substitution or /dev/stdin, a character
 * device, a procfs or sysfs file) is read into an anonymous mapping, up to
 * KX_DECOMPRESS_MAX bytes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* mremap */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

#define READ_FIRST_CAP	(1UL << 20)

static const uint8_t gzip_magic_[] = { 0x1f, 0x8b };
static const uint8_t xz_magic_[] = { 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00 };
static const uint8_t zstd_magic_[] = { 0x28, 0xb5, 0x2f, 0xfd };

/* Name of a compression: "none", "gzip", "xz", "zstd". */
const char *kx_compression_name(enum kx_compression c)
{
	switch (c) {
	case KX_COMP_NONE:
		return "none";
	case KX_COMP_GZIP:
		return "gzip";
	case KX_COMP_XZ:
		return "xz";
	case KX_COMP_ZSTD:
		return "zstd";
	}
	return "unknown";
}

static int has_magic_(const void *data, size_t size, const uint8_t *magic,
		      size_t len)
{
	return size >= len && memcmp(data, magic, len) == 0;
}

/* Recognise gzip, xz or zstd by its magic; KX_COMP_NONE otherwise. */
enum kx_compression kx_detect_compression(const void *data, size_t size)
{
	if (has_magic_(data, size, gzip_magic_, sizeof(gzip_magic_)))
		return KX_COMP_GZIP;
	if (has_magic_(data, size, xz_magic_, sizeof(xz_magic_)))
		return KX_COMP_XZ;
	if (has_magic_(data, size, zstd_magic_, sizeof(zstd_magic_)))
		return KX_COMP_ZSTD;
	return KX_COMP_NONE;
}

/*
 * Map a regular file.  Returns 0, 1 when it cannot be mapped but may be
 * read (procfs reports size 0; sysfs and some file systems refuse mmap),
 * or -EFBIG.
 */
static int map_regular_(struct kx_file *f, const struct stat *st,
			struct diag *d)
{
	void *p;

	if (st->st_size == 0)
		return 1;
	if ((uint64_t)st->st_size > SIZE_MAX)
		return diag_fail(d, KX_EXIT_INPUT, -EFBIG,
				 "%s: too large to map", f->path);
	p = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE, f->fd, 0);
	if (p == MAP_FAILED)
		return 1;	/* reading reports any real error */
	f->map = p;
	f->map_len = (size_t)st->st_size;
	return 0;
}

/* Grow f->map (anonymous) so that it can hold more; 0 or -errno. */
static int read_grow_(struct kx_file *f, size_t limit, struct diag *d)
{
	size_t cap = f->map_len ? f->map_len * 2 : READ_FIRST_CAP;
	void *p;

	if (cap > limit)
		cap = limit;
	if (!f->map)
		p = mmap(NULL, cap, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	else
		p = mremap(f->map, f->map_len, cap, MREMAP_MAYMOVE);
	if (p == MAP_FAILED)
		return diag_fail(d, KX_EXIT_FAILURE, -ENOMEM,
				 "%s: cannot map %zu bytes to read into: %s",
				 f->path, cap, strerror(errno));
	f->map = p;
	f->map_len = cap;
	return 0;
}

/*
 * Read a file that cannot be mapped (a pipe, a character device, a procfs
 * or sysfs file) to its end into an anonymous mapping of at most
 * KX_DECOMPRESS_MAX bytes.
 */
static int read_stream_(struct kx_file *f, size_t *len, struct diag *d)
{
	size_t limit = (size_t)KX_DECOMPRESS_MAX + 1;
	ssize_t n;
	int err;

	for (*len = 0;;) {
		if (*len == f->map_len) {
			if (*len == limit)
				return diag_fail(d, KX_EXIT_INPUT, -EFBIG,
						 "%s: larger than the 1 GiB limit",
						 f->path);
			err = read_grow_(f, limit, d);
			if (err)
				return err;
		}
		n = read(f->fd, (uint8_t *)f->map + *len, f->map_len - *len);
		if (n == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return diag_fail(d, KX_EXIT_INPUT, -errno,
					 "%s: read failed: %s", f->path,
					 strerror(errno));
		*len += (size_t)n;
	}
	if (*len == 0)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL, "%s: is empty",
				 f->path);
	return 0;
}

/* Open f->path and set up f->map with its contents. */
static int map_contents_(struct kx_file *f, size_t *len, struct diag *d)
{
	struct stat st;
	int err;

	f->fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0)
		return diag_fail(d, KX_EXIT_INPUT, -errno, "%s: %s", f->path,
				 strerror(errno));
	if (fstat(f->fd, &st) < 0)
		return diag_fail(d, KX_EXIT_INPUT, -errno, "%s: %s", f->path,
				 strerror(errno));
	if (S_ISDIR(st.st_mode))
		return diag_fail(d, KX_EXIT_INPUT, -EISDIR,
				 "%s: is a directory", f->path);
	if (S_ISREG(st.st_mode)) {
		err = map_regular_(f, &st, d);
		*len = f->map_len;
		if (err <= 0)
			return err;
	}
	err = read_stream_(f, len, d);
	/* The descriptor no longer gives the contents: do not offer it. */
	close(f->fd);
	f->fd = -1;
	return err;
}

/* Replace the compressed contents by the decompressed ones. */
static int decompress_contents_(struct kx_file *f, struct diag *d)
{
	void *out;
	size_t len, cap;
	int err;

	madvise(f->map, f->map_len, MADV_SEQUENTIAL);
	err = kx_decompress(f->compression, f->data, f->size,
			    (size_t)KX_DECOMPRESS_MAX, f->path, &out, &len,
			    &cap, d);
	if (err)
		return err;
	f->heap = out;
	f->heap_len = cap;
	if (len == 0)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: is empty once decompressed", f->path);
	munmap(f->map, f->map_len);
	f->map = NULL;
	f->map_len = 0;
	f->data = out;
	f->size = len;
	return 0;
}

/*
 * Open path: map it read-only (or read what cannot be mapped) and, when
 * decompress is set and it is gzip/xz/zstd, decompress it.  f->fd stays
 * open for a mapped file (it still names the file on disk, compressed or
 * not) and is -1 when the contents were read (pipe, device, procfs).
 * Returns 0, or a negative errno with a diagnostic naming the file:
 * -ENOENT, -EACCES, ... (with strerror's text), -EISDIR, -EINVAL (empty,
 * corrupt, truncated), -EFBIG (over 1 GiB), -ENOTSUP (format not built
 * in), -ENOMEM.  On failure f is left closed (fd -1, nothing mapped).
 */
int kx_file_open(const char *path, int decompress, struct kx_file *f,
		 struct diag *d)
{
	size_t len = 0;
	int err;

	memset(f, 0, sizeof(*f));
	f->path = path;
	f->fd = -1;
	err = map_contents_(f, &len, d);
	if (err)
		goto fail;
	f->data = f->map;
	f->size = len;
	f->compression = kx_detect_compression(f->data, f->size);
	if (decompress && f->compression != KX_COMP_NONE) {
		err = decompress_contents_(f, d);
		if (err)
			goto fail;
	}
	return 0;
fail:
	kx_file_close(f);
	f->path = path;
	return err;
}

/* Unmap and close everything kx_file_open() set up; safe on a zeroed f. */
void kx_file_close(struct kx_file *f)
{
	if (f->map)
		munmap(f->map, f->map_len);
	if (f->heap)
		munmap(f->heap, f->heap_len);
	/*
	 * A zeroed struct has fd 0, which is not ours; an open file always
	 * has a mapping, so fd 0 is closed only with one.
	 */
	if (f->fd > 0 || (f->fd == 0 && (f->map || f->heap)))
		close(f->fd);
	memset(f, 0, sizeof(*f));
	f->fd = -1;
}
