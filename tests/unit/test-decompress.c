// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-decompress.c - kx_decompress and kx_detect_compression.
 *
 * Compressed inputs are made here with the libraries' own compressors;
 * each format is tested only when configure built it in.  Round trips,
 * concatenated members, trailing padding, every single-byte corruption,
 * truncation at many points, and the output size limit.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifdef HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef HAVE_LZMA
#include <lzma.h>
#endif
#ifdef HAVE_ZSTD
#include <zstd.h>
#endif

#include "check.h"
#include "file.h"

#define PLAIN_LEN	(300 * 1024 + 17)
#define SMALL_LEN	3000

/* Compressible but not trivial: text-like runs with pseudo-random bytes. */
static uint8_t *make_plain(size_t n)
{
	uint8_t *p = malloc(n);
	uint32_t x = 12345;
	size_t i;

	for (i = 0; p && i < n; i++) {
		x = x * 1103515245 + 12345;
		p[i] = (i / 64) % 3 ? "kexec loader "[i % 13] : (uint8_t)(x >> 16);
	}
	return p;
}

/* A compressor for the generic tests: returns malloc'd data or NULL. */
typedef uint8_t *(*compress_fn)(const uint8_t *in, size_t n, size_t *out_n);

#ifdef HAVE_ZLIB
static uint8_t *gzip_compress(const uint8_t *in, size_t n, size_t *out_n)
{
	z_stream z;
	uint8_t *out;
	size_t cap = n + n / 100 + 1024;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	out = malloc(cap);
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (!out || deflate(&z, Z_FINISH) != Z_STREAM_END) {
		free(out);
		out = NULL;
	}
	*out_n = z.total_out;
	deflateEnd(&z);
	return out;
}
#endif

#ifdef HAVE_LZMA
static uint8_t *xz_compress(const uint8_t *in, size_t n, size_t *out_n)
{
	size_t cap = lzma_stream_buffer_bound(n);
	uint8_t *out = malloc(cap);

	*out_n = 0;
	if (out && lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, in, n,
					   out, out_n, cap) != LZMA_OK) {
		free(out);
		out = NULL;
	}
	return out;
}
#endif

#ifdef HAVE_ZSTD
/* With the content checksum, so that every corruption is detectable. */
static uint8_t *zstd_compress(const uint8_t *in, size_t n, size_t *out_n)
{
	size_t cap = ZSTD_compressBound(n);
	uint8_t *out = malloc(cap);
	ZSTD_CCtx *c = ZSTD_createCCtx();

	*out_n = 0;
	if (out && c) {
		ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
		*out_n = ZSTD_compress2(c, out, cap, in, n);
	}
	if (!out || !c || ZSTD_isError(*out_n)) {
		free(out);
		out = NULL;
	}
	ZSTD_freeCCtx(c);
	return out;
}
#endif

static const struct format {
	enum kx_compression comp;
	const char *name;
	compress_fn compress;
} formats[] = {
#ifdef HAVE_ZLIB
	{ KX_COMP_GZIP, "gzip", gzip_compress },
#endif
#ifdef HAVE_LZMA
	{ KX_COMP_XZ, "xz", xz_compress },
#endif
#ifdef HAVE_ZSTD
	{ KX_COMP_ZSTD, "zstd", zstd_compress },
#endif
	{ KX_COMP_NONE, NULL, NULL }	/* so that the table is never empty */
};

/* A variable, not a constant: a build with no library has none. */
static const size_t nformats = sizeof(formats) / sizeof(formats[0]) - 1;
#define NFORMATS	nformats

struct result {
	int ret;
	void *out;
	size_t len, cap;
	struct diag d;
};

static void run(const struct format *f, const void *data, size_t size,
		size_t max, struct result *r)
{
	memset(r, 0, sizeof(*r));
	r->ret = kx_decompress(f->comp, data, size, max, "img", &r->out,
			       &r->len, &r->cap, &r->d);
}

static void done(struct result *r)
{
	if (r->ret == 0)
		munmap(r->out, r->cap);
	diag_clear(&r->d);
}

/* A successful run produced exactly want[0..n). */
static int produced(const struct result *r, const uint8_t *want, size_t n)
{
	return r->ret == 0 && r->len == n && r->cap >= n &&
	       memcmp(r->out, want, n) == 0 && r->d.msg == NULL;
}

/* A failed run returned err with a message starting "img: <text>". */
static int failed_with(const struct result *r, int err, const char *text)
{
	return r->ret == err && r->d.err == err && r->d.msg &&
	       strncmp(r->d.msg, "img: ", 5) == 0 &&
	       strstr(r->d.msg, text) != NULL;
}

static void test_detect(void)
{
	static const uint8_t gz[] = { 0x1f, 0x8b, 0x08 };
	static const uint8_t xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0, 0 };
	static const uint8_t zs[] = { 0x28, 0xb5, 0x2f, 0xfd, 0x24 };
	static const uint8_t elf[] = { 0x7f, 'E', 'L', 'F' };

	CHECK_EQ(kx_detect_compression(gz, sizeof(gz)), KX_COMP_GZIP);
	CHECK_EQ(kx_detect_compression(xz, sizeof(xz)), KX_COMP_XZ);
	CHECK_EQ(kx_detect_compression(zs, sizeof(zs)), KX_COMP_ZSTD);
	CHECK_EQ(kx_detect_compression(elf, sizeof(elf)), KX_COMP_NONE);
	/* A magic cut short is no magic. */
	CHECK_EQ(kx_detect_compression(gz, 1), KX_COMP_NONE);
	CHECK_EQ(kx_detect_compression(xz, 5), KX_COMP_NONE);
	CHECK_EQ(kx_detect_compression(zs, 3), KX_COMP_NONE);
	CHECK_EQ(kx_detect_compression(NULL, 0), KX_COMP_NONE);
	CHECK_STR(kx_compression_name(KX_COMP_GZIP), "gzip");
	CHECK_STR(kx_compression_name(KX_COMP_XZ), "xz");
	CHECK_STR(kx_compression_name(KX_COMP_ZSTD), "zstd");
	CHECK_STR(kx_compression_name(KX_COMP_NONE), "none");
}

/* A format configure left out is refused with a message saying so. */
static void test_missing_formats_reported(void)
{
	static const uint8_t magic[] = { 0x1f, 0x8b, 0xfd, '7', 'z', 'X',
					 'Z', 0, 0x28, 0xb5, 0x2f, 0xfd };
	struct format missing;
	struct result r;
	size_t i;

	for (missing.comp = KX_COMP_GZIP; missing.comp <= KX_COMP_ZSTD;
	     missing.comp++) {
		for (i = 0; i < NFORMATS; i++)
			if (formats[i].comp == missing.comp)
				break;
		if (i < NFORMATS)
			continue;
		run(&missing, magic, sizeof(magic), 100, &r);
		CHECK(failed_with(&r, -ENOTSUP, "support was not built in"));
		done(&r);
	}
}

static void test_round_trip(void)
{
	uint8_t *plain = make_plain(PLAIN_LEN), *z;
	struct result r;
	size_t i, zn;

	CHECK(plain != NULL);
	for (i = 0; plain && i < NFORMATS; i++) {
		z = formats[i].compress(plain, PLAIN_LEN, &zn);
		CHECK(z != NULL);
		if (!z)
			continue;
		CHECK_EQ(kx_detect_compression(z, zn), formats[i].comp);
		run(&formats[i], z, zn, KX_DECOMPRESS_MAX, &r);
		if (!produced(&r, plain, PLAIN_LEN))
			printf("  %s: ret %d, %s\n", formats[i].name, r.ret,
			       r.d.msg);
		CHECK(produced(&r, plain, PLAIN_LEN));
		done(&r);
		free(z);
	}
	free(plain);
}

/* Small inputs: 1 byte, and an empty member. */
static void test_tiny(void)
{
	struct result r;
	uint8_t *z;
	size_t i, zn;

	for (i = 0; i < NFORMATS; i++) {
		z = formats[i].compress((const uint8_t *)"x", 1, &zn);
		run(&formats[i], z, zn, KX_DECOMPRESS_MAX, &r);
		CHECK(produced(&r, (const uint8_t *)"x", 1));
		done(&r);
		free(z);
		z = formats[i].compress((const uint8_t *)"", 0, &zn);
		run(&formats[i], z, zn, KX_DECOMPRESS_MAX, &r);
		CHECK_EQ(r.ret, 0);
		CHECK_EQ(r.len, 0);
		done(&r);
		free(z);
	}
}

/* Two members back to back (as "cat a.gz b.gz"), each format. */
static void test_concatenated(void)
{
	uint8_t *plain = make_plain(PLAIN_LEN), *a, *b, *cat;
	size_t i, an, bn, split = 100000;
	struct result r;

	for (i = 0; plain && i < NFORMATS; i++) {
		a = formats[i].compress(plain, split, &an);
		b = formats[i].compress(plain + split, PLAIN_LEN - split, &bn);
		cat = malloc(an + bn + 8);
		CHECK(a && b && cat);
		if (a && b && cat) {
			memcpy(cat, a, an);
			/* Zero padding between members is allowed. */
			memset(cat + an, 0, 8);
			memcpy(cat + an + 8, b, bn);
			run(&formats[i], cat, an + bn + 8, KX_DECOMPRESS_MAX,
			    &r);
			CHECK(produced(&r, plain, PLAIN_LEN));
			done(&r);
			run(&formats[i], cat, an, KX_DECOMPRESS_MAX, &r);
			CHECK(produced(&r, plain, split));
			done(&r);
		}
		free(a);
		free(b);
		free(cat);
	}
	free(plain);
}

/* Padding or a signature after the last member is ignored. */
static void test_trailing_data_ignored(void)
{
	static const char sig[] = "~Module signature appended~\n";
	uint8_t *plain = make_plain(SMALL_LEN), *z;
	size_t i, zn;
	struct result r;

	for (i = 0; plain && i < NFORMATS; i++) {
		z = formats[i].compress(plain, SMALL_LEN, &zn);
		z = realloc(z, zn + 4096 + sizeof(sig));
		CHECK(z != NULL);
		if (!z)
			continue;
		memset(z + zn, 0, 4096);
		memcpy(z + zn + 4096, sig, sizeof(sig));
		run(&formats[i], z, zn + 4096, KX_DECOMPRESS_MAX, &r);
		CHECK(produced(&r, plain, SMALL_LEN));
		done(&r);
		run(&formats[i], z, zn + 4096 + sizeof(sig), KX_DECOMPRESS_MAX,
		    &r);
		CHECK(produced(&r, plain, SMALL_LEN));
		done(&r);
		free(z);
	}
	free(plain);
}

/*
 * Flip each byte in turn: every corruption must be reported as -EINVAL,
 * never crash or hang.  gzip's header bytes 4-9 (MTIME, XFL, OS) are not
 * covered by any check, so they are left out for gzip.
 */
static void test_every_byte_corrupted(void)
{
	uint8_t *plain = make_plain(SMALL_LEN), *z;
	size_t i, pos, zn;
	struct result r;
	int missed;

	for (i = 0; plain && i < NFORMATS; i++) {
		z = formats[i].compress(plain, SMALL_LEN, &zn);
		CHECK(z != NULL);
		for (missed = 0, pos = 0; z && pos < zn; pos++) {
			if (formats[i].comp == KX_COMP_GZIP && pos >= 4 &&
			    pos < 10)
				continue;
			z[pos] ^= 0x55;
			run(&formats[i], z, zn, KX_DECOMPRESS_MAX, &r);
			if (!failed_with(&r, -EINVAL, formats[i].name)) {
				printf("  %s: flip at %zu of %zu: ret %d, %s\n",
				       formats[i].name, pos, zn, r.ret,
				       r.d.msg);
				missed++;
			}
			done(&r);
			z[pos] ^= 0x55;
		}
		CHECK_EQ(missed, 0);
		free(z);
	}
	free(plain);
}

/* The first corruption is reported with its wording. */
static void test_corrupt_message(void)
{
	uint8_t *plain = make_plain(SMALL_LEN), *z;
	size_t i, zn;
	struct result r;
	char want[32];

	for (i = 0; plain && i < NFORMATS; i++) {
		z = formats[i].compress(plain, SMALL_LEN, &zn);
		CHECK(z != NULL);
		if (!z)
			continue;
		z[zn / 2] ^= 0xff;
		z[zn / 2 + 1] ^= 0xff;
		run(&formats[i], z, zn, KX_DECOMPRESS_MAX, &r);
		snprintf(want, sizeof(want), "corrupt %s data",
			 formats[i].name);
		CHECK(failed_with(&r, -EINVAL, want));
		CHECK_EQ(r.d.exit_class, KX_EXIT_INPUT);
		done(&r);
		free(z);
	}
	free(plain);
}

/* Cut short anywhere: -EINVAL, "unexpected end" once past the header. */
static void test_truncated(void)
{
	uint8_t *plain = make_plain(PLAIN_LEN), *z;
	size_t i, k, zn, cut;
	struct result r;
	char want[64];

	for (i = 0; plain && i < NFORMATS; i++) {
		z = formats[i].compress(plain, PLAIN_LEN, &zn);
		CHECK(z != NULL);
		snprintf(want, sizeof(want), "corrupt %s data (unexpected end",
			 formats[i].name);
		for (k = 0; z && k < 24; k++) {
			cut = k < 12 ? k : zn - 1 - (zn - 1) * (k - 12) / 12;
			run(&formats[i], z, cut, KX_DECOMPRESS_MAX, &r);
			CHECK_EQ(r.ret, -EINVAL);
			if (cut >= 16 && !failed_with(&r, -EINVAL, want)) {
				printf("  %s cut at %zu of %zu: %s\n",
				       formats[i].name, cut, zn, r.d.msg);
				CHECK(0);
			}
			done(&r);
		}
		free(z);
	}
	free(plain);
}

/* Output bounded by max: exactly max fits, one byte less does not. */
static void test_size_limit(void)
{
	uint8_t *plain = make_plain(PLAIN_LEN), *z;
	struct result r;
	size_t i, zn;

	for (i = 0; plain && i < NFORMATS; i++) {
		z = formats[i].compress(plain, PLAIN_LEN, &zn);
		CHECK(z != NULL);
		if (!z)
			continue;
		run(&formats[i], z, zn, PLAIN_LEN, &r);
		CHECK(produced(&r, plain, PLAIN_LEN));
		done(&r);
		run(&formats[i], z, zn, PLAIN_LEN - 1, &r);
		if (!failed_with(&r, -EFBIG, "exceeds"))
			printf("  %s: ret %d, %s\n", formats[i].name, r.ret,
			       r.d.msg);
		CHECK(failed_with(&r, -EFBIG,
				  "decompressed size exceeds the 307216 bytes limit"));
		done(&r);
		run(&formats[i], z, zn, 1000, &r);
		CHECK(failed_with(&r, -EFBIG, "exceeds the 1000 bytes limit"));
		done(&r);
		run(&formats[i], z, zn, 64 << 10, &r);
		CHECK(failed_with(&r, -EFBIG, "exceeds the 64 KiB limit"));
		done(&r);
		run(&formats[i], z, zn, 0, &r);
		CHECK(failed_with(&r, -EFBIG, "exceeds the 0 bytes limit"));
		done(&r);
		free(z);
	}
	free(plain);
}

/* Highly compressible data grows the output mapping many times. */
static void test_growth(void)
{
	size_t n = 40 << 20, i, zn;
	uint8_t *plain = calloc(1, n), *z;
	struct result r;

	CHECK(plain != NULL);
	for (i = 0; plain && i < NFORMATS; i++) {
		plain[n - 1] = 'e';
		z = formats[i].compress(plain, n, &zn);
		CHECK(z != NULL);
		CHECK(zn < n / 100);
		run(&formats[i], z, zn, KX_DECOMPRESS_MAX, &r);
		CHECK(produced(&r, plain, n));
		done(&r);
		free(z);
	}
	free(plain);
}

static void test_not_compressed(void)
{
	struct result r;
	struct format none = { KX_COMP_NONE, "none", NULL };

	run(&none, "abc", 3, 100, &r);
	CHECK(failed_with(&r, -ENOTSUP, "not a compressed format"));
	done(&r);
}

int main(void)
{
	RUN(test_detect);
	RUN(test_missing_formats_reported);
	RUN(test_round_trip);
	RUN(test_tiny);
	RUN(test_concatenated);
	RUN(test_trailing_data_ignored);
	RUN(test_every_byte_corrupted);
	RUN(test_corrupt_message);
	RUN(test_truncated);
	RUN(test_size_limit);
	RUN(test_growth);
	RUN(test_not_compressed);
	return check_done();
}
