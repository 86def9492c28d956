// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec-bench - run a command several times and print, for each run, its
 * wall time and its peak anonymous memory, then the medians.
 *
 * Usage: kexec-bench LABEL RUNS COMMAND [ARG...]
 *
 * Peak anonymous memory is the largest RssAnon of the child seen in
 * /proc/PID/status, polled every 200 microseconds while it runs (file
 * pages, such as a mapped kernel image, are not anonymous memory).
 * Output lines, for the VM benchmark to collect:
 *   BENCH LABEL run=N wall=SECONDS peak_anon_kib=KIB rc=STATUS
 *   BENCH LABEL median wall=SECONDS peak_anon_kib=KIB
 * Built statically for the guest; it makes no kexec call itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long rss_anon_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "RssAnon: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* One run: returns the exit status; *wall and *peak are measured. */
static int run_once(char **argv, double *wall, long *peak)
{
	struct timespec pause = { 0, 200000 };
	double start = now();
	int status = 0;
	pid_t pid, r;
	long kib;

	*peak = 0;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	for (;;) {
		kib = rss_anon_kib(pid);
		if (kib > *peak)
			*peak = kib;
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		nanosleep(&pause, NULL);
	}
	*wall = now() - start;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	double *walls;
	long *peaks;
	int i, runs, rc, bad = 0;

	if (argc < 4 || (runs = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: kexec-bench LABEL RUNS COMMAND [ARG...]\n");
		return 2;
	}
	walls = calloc((size_t)runs, sizeof(*walls));
	peaks = calloc((size_t)runs, sizeof(*peaks));
	if (!walls || !peaks)
		return 1;
	for (i = 0; i < runs; i++) {
		rc = run_once(argv + 3, &walls[i], &peaks[i]);
		printf("BENCH %s run=%d wall=%.3f peak_anon_kib=%ld rc=%d\n",
		       argv[1], i + 1, walls[i], peaks[i], rc);
		fflush(stdout);
		bad |= rc != 0;
	}
	qsort(walls, (size_t)runs, sizeof(*walls), cmp_double);
	qsort(peaks, (size_t)runs, sizeof(*peaks), cmp_long);
	printf("BENCH %s median wall=%.3f peak_anon_kib=%ld\n", argv[1],
	       walls[runs / 2], peaks[runs / 2]);
	free(walls);
	free(peaks);
	return bad;
}
