// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-ppc64-dtdir.c - the /proc/device-tree reader (fdtu_from_dir, as
 * ppc64 init reads the running system's tree) on directories made from
 * the input, then read as the system's tree.  The input is records:
 *   0, name length, name, content length (2 bytes), content: a property
 *   1, name length, name: a node, entered
 *   2: back to the parent node
 * Names lose '/' and NUL; "." and ".." are skipped.  At most 64 records,
 * 8 levels deep; the files go to /dev/shm when there is one (else
 * $TMPDIR or /tmp), as writing them is most of the time spent.
 */
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch/ppc64/ppc64.h"
#include "fuzz.h"

static char root[64];

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

static void rm_root(void)
{
	rmdir(root);
}

/* Build the tree under root/t; the input's bytes decide its shape. */
static void build(const uint8_t *p, const uint8_t *end)
{
	char path[PATH_MAX], name[256];
	size_t depth = 0, len = strlen(root) + 2, n, c, i, recs = 0;
	size_t at[9];
	int fd;

	snprintf(path, sizeof(path), "%s/t", root);
	if (mkdir(path, 0755))
		return;
	at[0] = len;
	while (p < end && recs++ < 64) {
		uint8_t type = *p++;

		if (type == 2) {
			if (depth)
				path[at[--depth]] = '\0';
			continue;
		}
		if (p >= end)
			break;
		n = *p++;
		if (n > (size_t)(end - p))
			n = (size_t)(end - p);
		for (i = 0; i < n; i++)
			name[i] = p[i] == '/' || !p[i] ? '_' : (char)p[i];
		name[n] = '\0';
		p += n;
		if (!n || !strcmp(name, ".") || !strcmp(name, "..") ||
		    at[depth] + n + 2 >= sizeof(path))
			continue;
		snprintf(path + at[depth], sizeof(path) - at[depth], "/%s",
			 name);
		if (type == 1 && depth < 8) {
			if (!mkdir(path, 0755))
				at[++depth] = strlen(path);
			else
				path[at[depth]] = '\0';
			continue;
		}
		c = end - p >= 2 ? (size_t)(p[0] << 8 | p[1]) : 0;
		p += end - p >= 2 ? 2 : end - p;
		if (c > (size_t)(end - p))
			c = (size_t)(end - p);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd >= 0) {
			if (write(fd, p, c) < 0)
				c = 0;
			close(fd);
		}
		p += c;
		path[at[depth]] = '\0';
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppc64_dtinfo info;
	struct diag d = { 0 };
	struct fdtu t = { 0 };
	char dir[PATH_MAX];
	int ret;

	if (!root[0]) {
		const char *tmp = getenv("TMPDIR");

		if (!access("/dev/shm", W_OK))
			tmp = "/dev/shm";
		snprintf(root, sizeof(root), "%s/kx-dtdir.XXXXXX",
			 tmp ? tmp : "/tmp");
		if (!mkdtemp(root))
			abort();
		atexit(rm_root);
	}
	build(data, data + size);
	snprintf(dir, sizeof(dir), "%s/t", root);
	ret = fdtu_from_dir(&t, dir, &d);
	FUZZ_ASSERT(ret == 0 || ret == -ENOMEM || d.msg);
	diag_clear(&d);
	if (!ret) {
		FUZZ_ASSERT(!fdtu_check(t.fdt, t.size));
		if (!ppc64_read_dtinfo(t.fdt, NULL, 0, dir, &info, &d))
			ppc64_dtinfo_free(&info);
		diag_clear(&d);
		fdtu_free(&t);
	}
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
