// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-file.c - kx_file_open/kx_file_close on real files in a mkdtemp
 * directory: errors (missing, directory, empty, not a directory), mapped
 * contents, compressed files decompressed transparently, pipes read into
 * memory, and the 1 GiB decompression limit.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* asprintf */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef HAVE_ZSTD
#include <zstd.h>
#endif

#include "check.h"
#include "file.h"

static char tmpdir[] = "/tmp/kx-test-file-XXXXXX";

/* tmpdir/name, malloc'd. */
static char *tmp_path(const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", tmpdir, name) < 0)
		return NULL;
	return p;
}

static char *write_file(const char *name, const void *data, size_t n)
{
	char *p = tmp_path(name);
	FILE *f = p ? fopen(p, "wb") : NULL;

	if (!f || fwrite(data, 1, n, f) != n || fclose(f)) {
		printf("  cannot write %s\n", p);
		exit(1);
	}
	return p;
}

static uint8_t *make_data(size_t n)
{
	uint8_t *p = malloc(n);
	size_t i;

	for (i = 0; p && i < n; i++)
		p[i] = (uint8_t)(i * 7 + i / 1000);
	return p;
}

/* kx_file_open failed with err and a message "<path>: <text>...". */
static void check_fails(const char *path, int decompress, int err,
			const char *text)
{
	struct kx_file f;
	struct diag d = { 0 };
	char *want;
	int ret;

	memset(&f, 0xaa, sizeof(f));
	ret = kx_file_open(path, decompress, &f, &d);
	CHECK_EQ(ret, err);
	CHECK_EQ(d.err, err);
	CHECK(asprintf(&want, "%s: %s", path, text) > 0);
	CHECK(d.msg && strncmp(d.msg, want, strlen(want)) == 0);
	if (!d.msg || strncmp(d.msg, want, strlen(want)))
		printf("  got \"%s\", want \"%s\"\n", d.msg, want);
	/* Left closed: nothing mapped, nothing open. */
	CHECK(f.map == NULL && f.heap == NULL && f.data == NULL);
	CHECK_EQ(f.fd, -1);
	kx_file_close(&f);
	free(want);
	diag_clear(&d);
}

static void test_missing(void)
{
	char *p = tmp_path("no-such-file");

	check_fails(p, 1, -ENOENT, "No such file or directory");
	free(p);
}

static void test_directory(void)
{
	check_fails(tmpdir, 1, -EISDIR, "is a directory");
}

static void test_not_a_directory(void)
{
	char *f = write_file("plain", "x", 1), *p;

	CHECK(asprintf(&p, "%s/below", f) > 0);
	check_fails(p, 1, -ENOTDIR, "Not a directory");
	free(p);
	free(f);
}

static void test_empty(void)
{
	char *p = write_file("empty", "", 0);

	check_fails(p, 1, -EINVAL, "is empty");
	check_fails("/dev/null", 1, -EINVAL, "is empty");
	free(p);
}

static void test_one_byte(void)
{
	char *p = write_file("one", "Z", 1);
	struct kx_file f;
	struct diag d = { 0 };

	CHECK_EQ(kx_file_open(p, 1, &f, &d), 0);
	CHECK(d.msg == NULL);
	CHECK_EQ(f.size, 1);
	CHECK(f.data && f.data[0] == 'Z');
	CHECK_EQ(f.compression, KX_COMP_NONE);
	CHECK(f.path == p);
	kx_file_close(&f);
	free(p);
}

/* A plain file is mapped, not copied: data is the file mapping. */
static void test_mapped_contents(void)
{
	size_t n = 3 * 1024 * 1024 + 5;
	uint8_t *want = make_data(n);
	char *p = write_file("plain-big", want, n);
	struct kx_file f;
	struct diag d = { 0 };

	CHECK_EQ(kx_file_open(p, 1, &f, &d), 0);
	CHECK_EQ(f.size, n);
	CHECK(f.data && memcmp(f.data, want, n) == 0);
	CHECK(f.map != NULL && (const void *)f.data == f.map);
	CHECK_EQ(f.map_len, n);
	CHECK(f.heap == NULL);
	CHECK(f.fd >= 0);
	kx_file_close(&f);
	CHECK(f.map == NULL && f.fd == -1);
	kx_file_close(&f);	/* twice is harmless */
	free(p);
	free(want);
}

static void test_close_zeroed(void)
{
	struct kx_file f;
	int open_before = fcntl(0, F_GETFD) >= 0;

	memset(&f, 0, sizeof(f));
	kx_file_close(&f);
	CHECK_EQ(f.fd, -1);
	/* fd 0 of a zeroed struct is not ours: it was left alone. */
	CHECK_EQ(fcntl(0, F_GETFD) >= 0, open_before);
}

#ifdef HAVE_ZLIB
static uint8_t *gzip_data(const uint8_t *in, size_t n, size_t *out_n)
{
	z_stream z;
	size_t cap = n + n / 100 + 1024;
	uint8_t *out = malloc(cap);

	memset(&z, 0, sizeof(z));
	if (!out || deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK)
		exit(1);
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		exit(1);
	*out_n = z.total_out;
	deflateEnd(&z);
	return out;
}

/* Decompressed into the heap mapping; the file mapping is dropped. */
static void test_gzip_transparent(void)
{
	size_t n = 2 * 1024 * 1024 + 3, zn;
	uint8_t *want = make_data(n), *z = gzip_data(want, n, &zn);
	char *p = write_file("image.gz", z, zn);
	struct kx_file f;
	struct diag d = { 0 };

	CHECK_EQ(kx_file_open(p, 1, &f, &d), 0);
	CHECK(d.msg == NULL);
	CHECK_EQ(f.compression, KX_COMP_GZIP);
	CHECK_EQ(f.size, n);
	CHECK(f.data && memcmp(f.data, want, n) == 0);
	CHECK(f.heap != NULL && (const void *)f.data == f.heap);
	CHECK(f.heap_len >= n);
	CHECK(f.map == NULL && f.map_len == 0);
	kx_file_close(&f);
	CHECK(f.heap == NULL);

	/* Not asked to decompress: the compressed bytes, mapped. */
	CHECK_EQ(kx_file_open(p, 0, &f, &d), 0);
	CHECK_EQ(f.compression, KX_COMP_GZIP);
	CHECK_EQ(f.size, zn);
	CHECK(f.data && memcmp(f.data, z, zn) == 0);
	CHECK(f.heap == NULL && f.map != NULL);
	kx_file_close(&f);
	free(p);
	free(z);
	free(want);
}

static void test_gzip_corrupt(void)
{
	size_t n = 100000, zn;
	uint8_t *want = make_data(n), *z = gzip_data(want, n, &zn);
	char *p;

	z[zn / 2] ^= 0xff;
	z[zn / 2 + 1] ^= 0xff;
	p = write_file("corrupt.gz", z, zn);
	check_fails(p, 1, -EINVAL, "corrupt gzip data");
	free(p);
	p = write_file("truncated.gz", z, zn / 3);
	check_fails(p, 1, -EINVAL,
		    "corrupt gzip data (unexpected end of data)");
	free(p);
	free(z);
	free(want);
}

/* A gzip file whose data is empty is an empty image. */
static void test_gzip_of_nothing(void)
{
	size_t zn;
	uint8_t *z = gzip_data((const uint8_t *)"", 0, &zn);
	char *p = write_file("nothing.gz", z, zn);

	check_fails(p, 1, -EINVAL, "is empty once decompressed");
	free(p);
	free(z);
}
#else
static void test_gzip_not_built(void)
{
	static const uint8_t gz[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
	char *p = write_file("image.gz", gz, sizeof(gz));

	check_fails(p, 1, -ENOTSUP,
		    "gzip support was not built in (configure --without-zlib)");
	free(p);
}
#endif

/* Write data to a pipe from a child; returns the read end's fd. */
static int pipe_with(const void *data, size_t n, pid_t *child)
{
	int fds[2];

	if (pipe(fds))
		exit(1);
	*child = fork();
	if (*child < 0)
		exit(1);
	if (*child == 0) {
		close(fds[0]);
		_exit(write(fds[1], data, n) == (ssize_t)n ? 0 : 1);
	}
	close(fds[1]);
	return fds[0];
}

/* A pipe (process substitution, /dev/stdin) is read, not mapped. */
static void test_pipe(void)
{
	size_t n = 5 * 1024 * 1024 + 11;
	uint8_t *want = make_data(n);
	struct kx_file f;
	struct diag d = { 0 };
	char *p;
	pid_t child;
	int fd = pipe_with(want, n, &child), status;

	CHECK(asprintf(&p, "/proc/self/fd/%d", fd) > 0);
	CHECK_EQ(kx_file_open(p, 1, &f, &d), 0);
	CHECK(d.msg == NULL);
	CHECK_EQ(f.size, n);
	CHECK(f.data && memcmp(f.data, want, n) == 0);
	CHECK_EQ(f.fd, -1);
	kx_file_close(&f);
	CHECK_EQ(waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(fd);
	free(p);

	fd = pipe_with("", 0, &child);
	CHECK(asprintf(&p, "/proc/self/fd/%d", fd) > 0);
	check_fails(p, 1, -EINVAL, "is empty");
	waitpid(child, &status, 0);
	close(fd);
	free(p);
	free(want);
}

/* procfs says size 0 and cannot be mapped: the file is read instead. */
static void test_procfs(void)
{
	struct kx_file f;
	struct diag d = { 0 };
	char want[32];

	CHECK_EQ(kx_file_open("/proc/self/stat", 1, &f, &d), 0);
	CHECK(d.msg == NULL);
	snprintf(want, sizeof(want), "%d (", (int)getpid());
	CHECK(f.size > strlen(want));
	CHECK(f.data && memcmp(f.data, want, strlen(want)) == 0);
	/* Whether it was mapped or read (f.fd) depends on the kernel or on
	 * QEMU user mode, which serves /proc/self/stat from a regular file. */
	kx_file_close(&f);
}

#ifdef HAVE_ZSTD
/*
 * 1 GiB + 1 zero bytes, zstd-compressed (about 32 KiB): refused at the
 * limit with the message naming it.  Decompressing it touches 1 GiB.
 */
static void test_one_gib_limit(void)
{
	static uint8_t zeros[1 << 20];
	size_t cap = 1 << 20, i;
	uint8_t *z = malloc(cap);
	ZSTD_CCtx *c = ZSTD_createCCtx();
	ZSTD_outBuffer out = { z, cap, 0 };
	ZSTD_inBuffer in;
	char *p;

	CHECK(z && c);
	if (!z || !c)
		return;
	ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, 1);
	for (i = 0; i <= 1024; i++) {
		in.src = zeros;
		in.size = i < 1024 ? sizeof(zeros) : 1;
		in.pos = 0;
		while (in.pos < in.size)
			ZSTD_compressStream2(c, &out, &in, ZSTD_e_continue);
	}
	in.size = in.pos = 0;
	while (ZSTD_compressStream2(c, &out, &in, ZSTD_e_end))
		;
	CHECK(out.pos < cap);
	p = write_file("huge.zst", z, out.pos);
	check_fails(p, 1, -EFBIG,
		    "decompressed size exceeds the 1 GiB limit");
	free(p);
	ZSTD_freeCCtx(c);
	free(z);
}
#endif

static void test_compression_names(void)
{
	CHECK_STR(kx_compression_name(KX_COMP_NONE), "none");
	CHECK_STR(kx_compression_name(KX_COMP_GZIP), "gzip");
}

static void remove_tmpdir(void)
{
	char *cmd;

	if (asprintf(&cmd, "rm -rf '%s'", tmpdir) > 0 && system(cmd) != 0)
		printf("  could not remove %s\n", tmpdir);
	free(cmd);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_missing);
	RUN(test_directory);
	RUN(test_not_a_directory);
	RUN(test_empty);
	RUN(test_one_byte);
	RUN(test_mapped_contents);
	RUN(test_close_zeroed);
#ifdef HAVE_ZLIB
	RUN(test_gzip_transparent);
	RUN(test_gzip_corrupt);
	RUN(test_gzip_of_nothing);
#else
	RUN(test_gzip_not_built);
#endif
	RUN(test_pipe);
	RUN(test_procfs);
#ifdef HAVE_ZSTD
	RUN(test_one_gib_limit);
#endif
	RUN(test_compression_names);
	remove_tmpdir();
	return check_done();
}
