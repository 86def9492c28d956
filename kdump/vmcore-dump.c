// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmcore-dump - save the crash dump from a capture kernel.
 *
 * Usage: vmcore-dump [--source FILE] OUTPUT
 *
 * Checks that the source (default /proc/vmcore) is an ELF core file whose
 * headers are sane, then copies it to OUTPUT, leaving all-zero blocks as
 * holes so the file stays sparse.  Exit status: 0 saved; 2 bad options;
 * 3 the source is not a usable ELF core; 4 a read or write failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf.h"

#define ET_CORE_TYPE	4
#define BLOCK		(1 << 20)

static int check_core(const char *path, int fd)
{
	uint8_t hdr[64 + 56 * 8];
	struct elf_info e;
	struct diag d = { 0 };
	ssize_t n = pread(fd, hdr, sizeof(hdr), 0);
	int ret;

	if (n < 0) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", path, strerror(errno));
		return 4;
	}
	ret = elf_parse(hdr, (size_t)n, path, &e, &d);
	if (ret == -ENOEXEC) {
		fprintf(stderr, "vmcore-dump: %s: not an ELF core file\n",
			path);
		return 3;
	}
	/* The header table may run past the bytes read: only the ELF
	 * header itself must parse here. */
	if (ret && !(d.msg && strstr(d.msg, "program header"))) {
		fprintf(stderr, "vmcore-dump: %s\n", d.msg ? d.msg : path);
		diag_clear(&d);
		return 3;
	}
	diag_clear(&d);
	if (!ret) {
		if (e.type != ET_CORE_TYPE) {
			fprintf(stderr, "vmcore-dump: %s: ELF type %u, not a "
				"core file\n", path, e.type);
			elf_info_free(&e);
			return 3;
		}
		elf_info_free(&e);
	}
	return 0;
}

static int is_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static int copy_sparse(const char *src, int in, const char *dst, int out,
		       unsigned long long *total)
{
	uint8_t *buf = malloc(BLOCK);
	ssize_t n;
	off_t off = 0;

	if (!buf)
		return 4;
	while ((n = read(in, buf, BLOCK)) > 0) {
		if (is_zero(buf, (size_t)n)) {
			off += n;
			continue;
		}
		if (pwrite(out, buf, (size_t)n, off) != n) {
			fprintf(stderr, "vmcore-dump: %s: %s\n", dst,
				strerror(errno));
			free(buf);
			return 4;
		}
		off += n;
	}
	free(buf);
	if (n < 0) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", src, strerror(errno));
		return 4;
	}
	if (ftruncate(out, off)) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", dst, strerror(errno));
		return 4;
	}
	*total = (unsigned long long)off;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *src = "/proc/vmcore";
	unsigned long long total = 0;
	int c, in, out, ret;

	while ((c = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
		if (c == 's') {
			src = optarg;
			continue;
		}
		fprintf(c == 'h' ? stdout : stderr,
			"Usage: vmcore-dump [--source FILE] OUTPUT\n");
		return c == 'h' ? 0 : 2;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "Usage: vmcore-dump [--source FILE] OUTPUT\n");
		return 2;
	}
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", src, strerror(errno));
		return errno == ENOENT ? 3 : 4;
	}
	ret = check_core(src, in);
	if (ret) {
		close(in);
		return ret;
	}
	out = open(argv[optind], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		   0600);
	if (out < 0) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", argv[optind],
			strerror(errno));
		close(in);
		return 4;
	}
	ret = copy_sparse(src, in, argv[optind], out, &total);
	if (!ret && fsync(out)) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", argv[optind],
			strerror(errno));
		ret = 4;
	}
	close(in);
	if (close(out) && !ret)
		ret = 4;
	if (!ret)
		printf("vmcore-dump: saved %llu bytes from %s to %s\n", total,
		       src, argv[optind]);
	return ret;
}
