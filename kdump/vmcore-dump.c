// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmcore-dump - save the crash dump from a capture kernel.
 *
 * Usage: vmcore-dump [--source FILE] [--dmesg LOGFILE] OUTPUT
 *
 * Checks that the source (default /proc/vmcore) is an ELF core file whose
 * headers are sane, then copies it to OUTPUT.  A regular file gets
 * all-zero blocks as holes, so it stays sparse; a device (a disk kept for
 * dumps) gets every byte, since its old contents would show through holes.
 * With --dmesg, the crashed kernel's log is written to LOGFILE first, as
 * vmcore-dmesg prints it.  Exit status: 0 saved; 2 bad options; 3 the
 * source is not a usable ELF core; 4 a read or write failed; 5 the dump
 * was saved but the log could not be.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf.h"
#include "vmcore-log.h"

#define ET_CORE_TYPE	4
#define BLOCK		(1 << 20)
#define USAGE "Usage: vmcore-dump [--source FILE] [--dmesg LOGFILE] OUTPUT\n"

/*
 * Write the crashed kernel's log from the mapped core to logpath.  One
 * line on failure; true when saved.
 */
static bool save_log(const char *path, const void *map, size_t size,
		     const char *logpath)
{
	struct diag d = { 0 };
	int fd, ret;

	fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", logpath,
			strerror(errno));
		return false;
	}
	ret = kx_vmcore_log(map, size, path, kx_log_emit_fd, &fd, &d);
	if (ret < 0 && d.msg)
		fprintf(stderr, "vmcore-dump: %s\n", d.msg);
	else if (ret < 0)
		fprintf(stderr, "vmcore-dump: %s: %s\n", logpath,
			strerror(-ret));
	diag_clear(&d);
	/* As durable as the dump: a capture kernel powers off next.  fsync
	 * of a character device such as /dev/null says EINVAL. */
	if (ret >= 0 && fsync(fd) && errno != EINVAL) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", logpath,
			strerror(errno));
		ret = -EIO;
	}
	if (close(fd) && ret >= 0) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", logpath,
			strerror(errno));
		ret = -EIO;
	}
	if (ret >= 0)
		printf("vmcore-dump: saved %d log records from %s to %s\n",
		       ret, path, logpath);
	return ret >= 0;
}

/*
 * The source must be an ELF core file whose headers, and the data they
 * point at, lie inside it: the loader's ELF reader checks that on a
 * read-only mapping of the whole file (/proc/vmcore can be mapped, and
 * only the headers are touched).  0, 3 (not a usable core) or 4 (the
 * file can not be mapped).  With a logpath, the log is saved there too
 * (*log_ok says whether it was).
 */
static int check_core(const char *path, int fd, const char *logpath,
		      bool *log_ok)
{
	struct diag d = { 0 };
	struct elf_info e;
	struct stat st;
	void *map;
	int ret;

	if (fstat(fd, &st)) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", path, strerror(errno));
		return 4;
	}
	if (st.st_size < 16) {
		fprintf(stderr, "vmcore-dump: %s: not an ELF core file\n", path);
		return 3;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", path, strerror(errno));
		return 4;
	}
	ret = elf_parse(map, (size_t)st.st_size, path, &e, &d);
	if (ret == -ENOEXEC)
		fprintf(stderr, "vmcore-dump: %s: not an ELF core file\n",
			path);
	else if (ret)
		fprintf(stderr, "vmcore-dump: %s\n", d.msg ? d.msg : path);
	else if (e.type != ET_CORE_TYPE)
		fprintf(stderr, "vmcore-dump: %s: ELF type %u, not a core "
			"file\n", path, e.type);
	if (!ret) {
		ret = e.type == ET_CORE_TYPE ? 0 : -EINVAL;
		elf_info_free(&e);
	}
	if (!ret && logpath)
		*log_ok = save_log(path, map, (size_t)st.st_size, logpath);
	diag_clear(&d);
	munmap(map, (size_t)st.st_size);
	return ret ? 3 : 0;
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
		{ "dmesg", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *src = "/proc/vmcore", *logpath = NULL;
	unsigned long long total = 0;
	struct stat st;
	bool sparse, log_ok = true;
	int c, in, out, ret;

	while ((c = getopt_long(argc, argv, "s:d:h", opts, NULL)) != -1) {
		if (c == 's') {
			src = optarg;
			continue;
		}
		if (c == 'd') {
			logpath = optarg;
			continue;
		}
		fputs(USAGE, c == 'h' ? stdout : stderr);
		return c == 'h' ? 0 : 2;
	}
	if (optind != argc - 1) {
		fputs(USAGE, stderr);
		return 2;
	}
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		fprintf(stderr, "vmcore-dump: %s: %s\n", src, strerror(errno));
		return errno == ENOENT ? 3 : 4;
	}
	ret = check_core(src, in, logpath, &log_ok);
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
	return ret ? ret : log_ok ? 0 : 5;
}
