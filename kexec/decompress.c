// SPDX-License-Identifier: GPL-2.0-only
/*
 * decompress.c - gzip, xz and zstd images decompressed into an anonymous
 * mapping that grows as needed, up to a limit.
 *
 * Each library is compiled in only when configure found it (HAVE_ZLIB,
 * HAVE_LZMA, HAVE_ZSTD); a format left out gives -ENOTSUP.
 *
 * One driver handles all three: it decodes a member (gzip member, xz
 * stream, zstd frame), then skips zero padding; if another member of the
 * same format follows, it is decoded and appended (as gzip -d, xz -d and
 * zstd -d do); anything else after a complete member is ignored (dd
 * padding, an appended signature).  Data that ends inside a member, or
 * that a library rejects, is "corrupt" (the reason in parentheses).  Every
 * pass of every decoder loop must consume input, produce output or grow
 * the buffer, so no input can make it spin.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* mremap */
#endif
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef HAVE_LZMA
#include <lzma.h>
#endif
#ifdef HAVE_ZSTD
#include <zstd.h>
#endif

#include "file.h"

#if defined(HAVE_ZLIB) || defined(HAVE_LZMA) || defined(HAVE_ZSTD)
#define HAVE_A_DECODER_	1
#endif

/* Memory the xz decoder may use (xz -9 needs about 65 MiB). */
#define XZ_MEMLIMIT		(256ULL << 20)
/* First guess at the output size, as a multiple of the input size. */
#define OUT_GUESS_RATIO		4
#define OUT_MIN_CAP		(64 << 10)
/* zlib counts in uInt: feed it at most this much per call. */
#define ZLIB_CHUNK		(1U << 30)

/* The growing output buffer. */
struct out_buf {
	uint8_t *buf;		/* anonymous mapping of cap bytes, or NULL */
	size_t len;		/* bytes produced */
	size_t cap;		/* bytes mapped (a whole number of pages) */
	size_t limit;		/* the caller's max + 1: reaching it is too big */
	size_t max;		/* the caller's max, for the message */
	const char *path;
	struct diag *d;
};

static size_t page_round_(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	if (n > SIZE_MAX - (page - 1))
		return SIZE_MAX & ~(page - 1);
	return (n + page - 1) & ~(page - 1);
}

/* "1 GiB", "64 KiB" or "1000 bytes", for the size-limit message. */
static void size_text_(char *s, size_t n, size_t v)
{
	if (v && v % (1UL << 30) == 0)
		snprintf(s, n, "%zu GiB", v >> 30);
	else if (v && v % (1UL << 20) == 0)
		snprintf(s, n, "%zu MiB", v >> 20);
	else if (v && v % (1UL << 10) == 0)
		snprintf(s, n, "%zu KiB", v >> 10);
	else
		snprintf(s, n, "%zu bytes", v);
}

static int too_big_(struct out_buf *o)
{
	char lim[32];

	size_text_(lim, sizeof(lim), o->max);
	return diag_fail(o->d, KX_EXIT_INPUT, -EFBIG,
			 "%s: decompressed size exceeds the %s limit",
			 o->path, lim);
}

static int no_map_(struct out_buf *o, size_t want)
{
	return diag_fail(o->d, KX_EXIT_FAILURE, -ENOMEM,
			 "%s: cannot map %zu bytes to decompress into: %s",
			 o->path, want, strerror(errno));
}

#ifdef HAVE_A_DECODER_
static int no_memory_(struct out_buf *o)
{
	return diag_fail(o->d, KX_EXIT_FAILURE, -ENOMEM,
			 "%s: out of memory while decompressing", o->path);
}
#endif

static int out_init_(struct out_buf *o, size_t in_size)
{
	size_t cap = OUT_MIN_CAP;

	if (in_size < SIZE_MAX / OUT_GUESS_RATIO &&
	    in_size * OUT_GUESS_RATIO > cap)
		cap = in_size * OUT_GUESS_RATIO;
	if (cap > o->limit)
		cap = o->limit;
	cap = page_round_(cap);
	o->buf = mmap(NULL, cap, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (o->buf == MAP_FAILED) {
		o->buf = NULL;
		return no_map_(o, cap);
	}
	o->cap = cap;
	return 0;
}

#ifdef HAVE_A_DECODER_
/*
 * Room for more output: returns the bytes writable at o->buf + o->len
 * (> 0), doubling the mapping when it is full; -EFBIG at the limit;
 * -ENOMEM.
 */
static ssize_t out_room_(struct out_buf *o)
{
	size_t end = o->cap < o->limit ? o->cap : o->limit;
	size_t cap;
	void *p;

	if (o->len >= o->limit)
		return too_big_(o);
	if (o->len < end)
		return (ssize_t)(end - o->len);
	cap = o->cap <= SIZE_MAX / 2 ? o->cap * 2 : SIZE_MAX;
	if (cap > o->limit)
		cap = o->limit;
	cap = page_round_(cap);
	p = mremap(o->buf, o->cap, cap, MREMAP_MAYMOVE);
	if (p == MAP_FAILED)
		return no_map_(o, cap);
	o->buf = p;
	o->cap = cap;
	return out_room_(o);
}
#endif

/*
 * Give back the unused tail of the mapping (munmap of the tail rather
 * than a shrinking mremap: the same for the kernel, and QEMU's user-mode
 * emulation of 32-bit targets loses track of a shrunk mapping).
 */
static void out_trim_(struct out_buf *o)
{
	size_t cap = page_round_(o->len ? o->len : 1);

	if (cap >= o->cap)
		return;
	if (!munmap((uint8_t *)o->buf + cap, o->cap - cap))
		o->cap = cap;
}

#ifdef HAVE_A_DECODER_
static int truncated_(struct out_buf *o, const char *fmt)
{
	return diag_fail(o->d, KX_EXIT_INPUT, -EINVAL,
			 "%s: corrupt %s data (unexpected end of data)",
			 o->path, fmt);
}

static int corrupt_(struct out_buf *o, const char *fmt, const char *why)
{
	if (!why)
		return diag_fail(o->d, KX_EXIT_INPUT, -EINVAL,
				 "%s: corrupt %s data", o->path, fmt);
	return diag_fail(o->d, KX_EXIT_INPUT, -EINVAL,
			 "%s: corrupt %s data (%s)", o->path, fmt, why);
}
#endif

/* ---- gzip ---- */
#ifdef HAVE_ZLIB
/* One pass of inflate(); 1 at the member's end, 0 to go on, or -errno. */
static int gzip_step_(z_stream *z, const uint8_t *end, struct out_buf *o)
{
	ssize_t room = out_room_(o);
	size_t in_left = (size_t)(end - z->next_in), before_len = o->len;
	uInt before_in;
	int ret;

	if (room < 0)
		return (int)room;
	z->next_out = o->buf + o->len;
	z->avail_out = (size_t)room < ZLIB_CHUNK ? (uInt)room : ZLIB_CHUNK;
	z->avail_in = in_left < ZLIB_CHUNK ? (uInt)in_left : ZLIB_CHUNK;
	before_in = z->avail_in;
	ret = inflate(z, Z_NO_FLUSH);
	o->len = (size_t)(z->next_out - o->buf);
	if (ret == Z_STREAM_END)
		return 1;
	if (ret == Z_MEM_ERROR)
		return no_memory_(o);
	if (ret != Z_OK && ret != Z_BUF_ERROR)
		return corrupt_(o, "gzip", z->msg);
	if (z->avail_in < before_in || o->len > before_len)
		return 0;	/* made progress */
	return truncated_(o, "gzip");
}

static int gzip_member_(const uint8_t *in, size_t size, size_t *used,
			struct out_buf *o)
{
	z_stream z;
	int ret;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return no_memory_(o);
	z.next_in = (Bytef *)in;
	do
		ret = gzip_step_(&z, in + size, o);
	while (ret == 0);
	*used = (size_t)(z.next_in - in);
	inflateEnd(&z);
	return ret < 0 ? ret : 0;
}
#endif

/* ---- xz ---- */
#ifdef HAVE_LZMA
static int xz_error_(lzma_ret ret, struct out_buf *o)
{
	switch (ret) {
	case LZMA_BUF_ERROR:
		return truncated_(o, "xz");
	case LZMA_MEM_ERROR:
		return no_memory_(o);
	case LZMA_MEMLIMIT_ERROR:
		return diag_fail(o->d, KX_EXIT_INPUT, -EINVAL,
				 "%s: xz data needs more than %llu MiB of memory to decompress",
				 o->path, XZ_MEMLIMIT >> 20);
	case LZMA_FORMAT_ERROR:
		return corrupt_(o, "xz", "bad stream header");
	case LZMA_OPTIONS_ERROR:
		return corrupt_(o, "xz", "unsupported options");
	default:
		return corrupt_(o, "xz", NULL);
	}
}

static int xz_member_(const uint8_t *in, size_t size, size_t *used,
		      struct out_buf *o)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret ret;
	ssize_t room;
	int err = 0;

	if (lzma_stream_decoder(&s, XZ_MEMLIMIT, 0) != LZMA_OK)
		return no_memory_(o);
	s.next_in = in;
	s.avail_in = size;
	for (;;) {
		room = out_room_(o);
		if (room < 0) {
			err = (int)room;
			break;
		}
		s.next_out = o->buf + o->len;
		s.avail_out = (size_t)room;
		ret = lzma_code(&s, LZMA_FINISH);
		o->len = (size_t)(s.next_out - o->buf);
		if (ret == LZMA_STREAM_END)
			break;
		if (ret != LZMA_OK) {
			err = xz_error_(ret, o);
			break;
		}
	}
	*used = size - s.avail_in;
	lzma_end(&s);
	return err;
}
#endif

/* ---- zstd ---- */
#ifdef HAVE_ZSTD
/* One pass of the decoder; 1 at the frame's end, 0 to go on, or -errno. */
static int zstd_step_(ZSTD_DCtx *z, ZSTD_inBuffer *in, struct out_buf *o)
{
	ssize_t room = out_room_(o);
	ZSTD_outBuffer out;
	size_t before_in = in->pos, ret;

	if (room < 0)
		return (int)room;
	out.dst = o->buf + o->len;
	out.size = (size_t)room;
	out.pos = 0;
	ret = ZSTD_decompressStream(z, &out, in);
	o->len += out.pos;
	if (ZSTD_isError(ret))
		return corrupt_(o, "zstd", ZSTD_getErrorName(ret));
	if (ret == 0)
		return 1;
	if (in->pos > before_in || out.pos)
		return 0;	/* made progress */
	return truncated_(o, "zstd");
}

static int zstd_member_(const uint8_t *in, size_t size, size_t *used,
			struct out_buf *o)
{
	ZSTD_inBuffer src = { in, size, 0 };
	ZSTD_DCtx *z = ZSTD_createDCtx();
	int ret;

	if (!z)
		return no_memory_(o);
	do
		ret = zstd_step_(z, &src, o);
	while (ret == 0);
	*used = src.pos;
	ZSTD_freeDCtx(z);
	return ret < 0 ? ret : 0;
}
#endif

/* Decode one member of format c; -ENOTSUP when c was not built in. */
static int decode_member_(enum kx_compression c, const uint8_t *in,
			  size_t size, size_t *used, struct out_buf *o)
{
	*used = 0;
	switch (c) {
#ifdef HAVE_ZLIB
	case KX_COMP_GZIP:
		return gzip_member_(in, size, used, o);
#endif
#ifdef HAVE_LZMA
	case KX_COMP_XZ:
		return xz_member_(in, size, used, o);
#endif
#ifdef HAVE_ZSTD
	case KX_COMP_ZSTD:
		return zstd_member_(in, size, used, o);
#endif
	default:
		return -ENOTSUP;
	}
}

static int not_built_(enum kx_compression c, const char *path,
		      struct diag *d)
{
	static const char *const option[] = {
		[KX_COMP_GZIP] = "zlib",
		[KX_COMP_XZ] = "lzma",
		[KX_COMP_ZSTD] = "zstd",
	};

	if (c != KX_COMP_GZIP && c != KX_COMP_XZ && c != KX_COMP_ZSTD)
		return diag_fail(d, KX_EXIT_INPUT, -ENOTSUP,
				 "%s: not a compressed format", path);
	return diag_fail(d, KX_EXIT_INPUT, -ENOTSUP,
			 "%s: %s support was not built in (configure --without-%s)",
			 path, kx_compression_name(c), option[c]);
}

static int built_in_(enum kx_compression c)
{
	switch (c) {
#ifdef HAVE_ZLIB
	case KX_COMP_GZIP:
		return 1;
#endif
#ifdef HAVE_LZMA
	case KX_COMP_XZ:
		return 1;
#endif
#ifdef HAVE_ZSTD
	case KX_COMP_ZSTD:
		return 1;
#endif
	default:
		return 0;
	}
}

/* Offset of the next member of format c after pos, or size if none. */
static size_t next_member_(enum kx_compression c, const uint8_t *in,
			   size_t size, size_t pos)
{
	while (pos < size && in[pos] == 0)
		pos++;
	if (pos < size && kx_detect_compression(in + pos, size - pos) == c)
		return pos;
	return size;
}

/*
 * Decompress data (format c) into a new anonymous mapping of at most max
 * bytes; see file.h.  Returns 0; -EFBIG over max; -EINVAL corrupt or
 * truncated data; -ENOTSUP for a format not built in; -ENOMEM.
 */
int kx_decompress(enum kx_compression c, const void *data, size_t size,
		  size_t max, const char *path, void **out, size_t *out_len,
		  size_t *out_cap, struct diag *d)
{
	struct out_buf o = {
		.limit = max < SIZE_MAX ? max + 1 : max,
		.max = max, .path = path, .d = d,
	};
	const uint8_t *in = data;
	size_t pos = 0, used;
	int err;

	if (!built_in_(c))
		return not_built_(c, path, d);
	err = out_init_(&o, size);
	if (err)
		return err;
	do {
		err = decode_member_(c, in + pos, size - pos, &used, &o);
		if (err)
			goto fail;
		if (!used)
			break;
		pos = next_member_(c, in, size, pos + used);
	} while (pos < size);
	if (o.len > max) {	/* the one byte over that limit allows */
		err = too_big_(&o);
		goto fail;
	}
	out_trim_(&o);
	*out = o.buf;
	*out_len = o.len;
	*out_cap = o.cap;
	return 0;
fail:
	munmap(o.buf, o.cap);
	return err;
}
