// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmcore-dump - save the crash dump from a capture kernel.
 *
 * Usage: vmcore-dump [--source FILE] OUTPUT
 *
 * Checks that the source (default /proc/vmcore) is an ELF core file whose
 * headers are sane, then copies it to OUTPUT.  A regular file gets
 * all-zero blocks as holes, so it stays sparse; a device (a disk kept for
 * dumps) gets every byte, since its old contents would show through holes.  Exit status: 0 saved; 2 bad options;
 * 3 the source is not a usable ELF core; 4 a read or write failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define ET_CORE_TYPE	4
#define PT_LOAD_TYPE	1
#define PT_NOTE_TYPE	4
#define BLOCK		(1 << 20)
#define MAX_PHNUM	65535

static uint64_t get(const uint8_t *p, int bytes, bool be)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < bytes; i++)
		v |= (uint64_t)p[be ? bytes - 1 - i : i] << (8 * i);
	return v;
}

static int bad(const char *path, const char *what)
{
	fprintf(stderr, "vmcore-dump: %s: %s\n", path, what);
	return 3;
}

/*
 * The source must be an ELF core file (32- or 64-bit, either byte order)
 * whose program headers, and the note and load data they point at, lie
 * inside it.  The size is the file's (/proc/vmcore has one), or unknown
 * (0) for a pipe, when only the header table is checked.  0, 3 (not a
 * usable core) or 4 (a read failed).
 */
static int check_core(const char *path, int fd)
{
	uint8_t eh[64], *ph;
	uint64_t phoff, off, filesz, fsize = 0;
	unsigned int phnum, phentsize, i, type;
	struct stat st;
	bool be, is64;
	size_t tab;
	ssize_t n;

	if (!fstat(fd, &st) && S_ISREG(st.st_mode))
		fsize = (uint64_t)st.st_size;
	n = pread(fd, eh, sizeof(eh), 0);
	if (n < 0) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", path, strerror(errno));
		return 4;
	}
	if (n < 16 || memcmp(eh, "\177ELF", 4))
		return bad(path, "not an ELF core file");
	is64 = eh[4] == 2;
	be = eh[5] == 2;
	if ((eh[4] != 1 && eh[4] != 2) || (eh[5] != 1 && eh[5] != 2))
		return bad(path, "not an ELF core file (bad class or byte order)");
	if (n < (is64 ? 64 : 52))
		return bad(path, "truncated ELF header");
	if (get(eh + 16, 2, be) != ET_CORE_TYPE)
		return bad(path, "ELF file, but not a core file");
	phoff = is64 ? get(eh + 32, 8, be) : get(eh + 28, 4, be);
	phentsize = (unsigned int)get(eh + (is64 ? 54 : 42), 2, be);
	phnum = (unsigned int)get(eh + (is64 ? 56 : 44), 2, be);
	if (phentsize != (is64 ? 56u : 32u) || !phnum || phnum >= MAX_PHNUM)
		return bad(path, "bad program header table size or count");
	tab = (size_t)phnum * phentsize;
	if (phoff > UINT64_MAX - tab || (fsize && phoff + tab > fsize))
		return bad(path, "program headers run past the end of the file");
	ph = malloc(tab);
	if (!ph)
		return 4;
	n = pread(fd, ph, tab, (off_t)phoff);
	if (n != (ssize_t)tab) {
		free(ph);
		return n < 0 ? 4 : bad(path, "truncated program headers");
	}
	for (i = 0; i < phnum; i++) {
		const uint8_t *p = ph + (size_t)i * phentsize;

		type = (unsigned int)get(p, 4, be);
		off = is64 ? get(p + 8, 8, be) : get(p + 4, 4, be);
		filesz = is64 ? get(p + 32, 8, be) : get(p + 16, 4, be);
		if (type != PT_LOAD_TYPE && type != PT_NOTE_TYPE)
			continue;
		if (off > UINT64_MAX - filesz ||
		    (fsize && off + filesz > fsize)) {
			fprintf(stderr, "vmcore-dump: %s: program header %u "
				"(0x%" PRIx64 " bytes at 0x%" PRIx64 ") runs "
				"past the end of the file\n", path, i, filesz,
				off);
			free(ph);
			return 3;
		}
	}
	free(ph);
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
		       bool sparse, unsigned long long *total)
{
	uint8_t *buf = malloc(BLOCK);
	ssize_t n;
	off_t off = 0;

	if (!buf)
		return 4;
	while ((n = read(in, buf, BLOCK)) > 0) {
		if (sparse && is_zero(buf, (size_t)n)) {
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
	if (sparse && ftruncate(out, off)) {
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
	struct stat st;
	bool sparse;
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
	sparse = !fstat(out, &st) && S_ISREG(st.st_mode);
	ret = copy_sparse(src, in, argv[optind], out, sparse, &total);
	/* fsync of a character device such as /dev/null says EINVAL. */
	if (!ret && fsync(out) && errno != EINVAL) {
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
