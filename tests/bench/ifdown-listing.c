// SPDX-License-Identifier: GPL-2.0-only
/*
 * ifdown-listing - time the two ways "kexec -e" can list the network
 * interfaces it brings down: glibc's if_nameindex() (a netlink
 * RTM_GETLINK dump, which kexec-tools uses) and reading /proc/net/dev
 * whole (which this loader uses, kexec/kernel.c).
 *
 * Usage: ifdown-listing netlink|procfs RUNS
 *
 * Output lines, for the VM benchmark to collect:
 *   LIST METHOD run=N us=MICROSECONDS names=COUNT
 * or, when the listing fails, "LIST METHOD run=N error=ERRNO-TEXT".
 * Built statically for the guest; it changes nothing on the system.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The names if_nameindex() returns, or -errno. */
static int by_netlink(void)
{
	struct if_nameindex *ifs, *i;
	int n = 0;

	ifs = if_nameindex();
	if (!ifs)
		return -errno;
	for (i = ifs; i->if_index; i++)
		n++;
	if_freenameindex(ifs);
	return n;
}

/* The lines after /proc/net/dev's two headers, or -errno. */
static int by_procfs(void)
{
	char buf[65536];
	int fd, lines = 0;
	ssize_t r, k;

	fd = open("/proc/net/dev", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		for (k = 0; k < r; k++)
			lines += buf[k] == '\n';
	if (r < 0) {
		r = -errno;
		close(fd);
		return (int)r;
	}
	close(fd);
	return lines > 2 ? lines - 2 : 0;
}

int main(int argc, char **argv)
{
	int (*list)(void);
	int runs, i, n;
	long long t;

	if (argc != 3 || (runs = atoi(argv[2])) < 1 ||
	    (strcmp(argv[1], "netlink") && strcmp(argv[1], "procfs"))) {
		fprintf(stderr, "usage: ifdown-listing netlink|procfs RUNS\n");
		return 2;
	}
	list = strcmp(argv[1], "netlink") ? by_procfs : by_netlink;
	for (i = 1; i <= runs; i++) {
		t = now_ns();
		n = list();
		t = now_ns() - t;
		if (n < 0)
			printf("LIST %s run=%d error=%s\n", argv[1], i,
			       strerror(-n));
		else
			printf("LIST %s run=%d us=%lld names=%d\n", argv[1], i,
			       t / 1000, n);
	}
	return 0;
}
