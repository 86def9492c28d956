// SPDX-License-Identifier: GPL-2.0-only
/*
 * replay.c - run a harness's LLVMFuzzerTestOneInput on files, without
 * libFuzzer: each argument is a file or a directory of files.  Prints
 * "PASS: <harness>: <file>" for every input that returns; an input that
 * crashes takes the program (and its sanitizer report) down with it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Read a whole file into a buffer of exactly its size (so ASan sees any
 * read past its end).  0 or -errno. */
static int read_input(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b = NULL, *nb;
	size_t n = 0, cap = 0, r;
	int err = 0;

	if (!f)
		return -errno;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			nb = realloc(b, cap);
			if (!nb) {
				err = -ENOMEM;
				break;
			}
			b = nb;
		}
		r = fread(b + n, 1, cap - n, f);
		n += r;
		if (r == 0) {
			err = ferror(f) ? -EIO : 0;
			break;
		}
	}
	fclose(f);
	if (!err) {
		nb = malloc(n ? n : 1);
		if (nb)
			memcpy(nb, b, n);
		else
			err = -ENOMEM;
		*buf = nb;
		*len = n;
	}
	free(b);
	return err;
}

static int run_file(const char *harness, const char *path)
{
	uint8_t *buf;
	size_t len;
	int ret;

	ret = read_input(path, &buf, &len);
	if (ret) {
		printf("FAIL: %s: %s: %s\n", harness, path, strerror(-ret));
		return 1;
	}
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	printf("PASS: %s: %s\n", harness, path);
	fflush(stdout);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *harness, const char *dir)
{
	struct dirent *e;
	char **names = NULL, **nn;
	size_t n = 0, i;
	int fails = 0;
	DIR *d = opendir(dir);

	if (!d) {
		printf("FAIL: %s: %s: %s\n", harness, dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		nn = realloc(names, (n + 1) * sizeof(*names));
		if (!nn || asprintf(&nn[n], "%s/%s", dir, e->d_name) < 0) {
			free(nn ? nn : names);
			closedir(d);
			printf("FAIL: %s: out of memory\n", harness);
			return 1;
		}
		names = nn;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		fails += run_file(harness, names[i]);
		free(names[i]);
	}
	free(names);
	return fails;
}

int main(int argc, char **argv)
{
	const char *harness = strrchr(argv[0], '/');
	struct stat st;
	int i, fails = 0;

	harness = harness ? harness + 1 : argv[0];
	if (!strncmp(harness, "replay-", 7))
		harness += 7;
	for (i = 1; i < argc; i++) {
		if (!stat(argv[i], &st) && S_ISDIR(st.st_mode))
			fails += run_dir(harness, argv[i]);
		else
			fails += run_file(harness, argv[i]);
	}
	return fails ? 1 : 0;
}
