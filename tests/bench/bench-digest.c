// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-digest.c - throughput of the two purgatory checksums, kx_sha256
 * and kx_xxh64, on a 64 MiB buffer (and of a plain 64-bit read pass, for
 * scale).  Not built by "make check"; it is the evidence for making XXH64
 * the default purgatory checksum.
 *
 * Build and run from the top of the source tree:
 *
 *   gcc -std=gnu11 -O2 -Iutil_lib -o bench-digest tests/bench/bench-digest.c \
 *       util_lib/sha256.c util_lib/xxhash64.c
 *   ./bench-digest [MiB] [repeats]
 *
 * Under QEMU's TCG (user mode stands in for the translated code a pseries
 * guest runs):
 *
 *   powerpc64le-linux-gnu-gcc -std=gnu11 -O2 -static -Iutil_lib \
 *       -o bench-digest-ppc64le tests/bench/bench-digest.c \
 *       util_lib/sha256.c util_lib/xxhash64.c
 *   qemu-ppc64le-static ./bench-digest-ppc64le
 *
 * Likewise big-endian with the purgatory's CPU flags,
 *
 *   powerpc64-linux-gnu-gcc -std=gnu11 -O2 -static -mcpu=powerpc64 \
 *       -mtune=power8 -Iutil_lib -o bench-digest-ppc64 ...
 *   qemu-ppc64-static ./bench-digest-ppc64
 *
 * (without -mtune=power8, GCC's default tuning for -mcpu=powerpc64 turns
 * each 64-bit multiply by a constant into ~50 shifts and adds, five times
 * slower under TCG; purgatory/arch/ppc64/flags.mk sets it), and
 * m68k-linux-gnu-gcc -m68020-60 with qemu-m68k-static and "16" MiB.
 * Each figure is the best of the repeats, in MB/s (10^6 bytes a second).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* clock_gettime, aligned_alloc */
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sha256.h"
#include "xxhash64.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What each benchmark computes, folded into 64 bits so it is not elided. */
typedef uint64_t (*bench_fn)(const uint8_t *p, size_t n);

static uint64_t run_sha256(const uint8_t *p, size_t n)
{
	uint8_t d[KX_SHA256_DIGEST_SIZE];
	uint64_t v = 0;
	int i;

	kx_sha256(p, n, d);
	for (i = 0; i < 8; i++)
		v = v << 8 | d[i];
	return v;
}

static uint64_t run_xxh64(const uint8_t *p, size_t n)
{
	return kx_xxh64(p, n, 0);
}

static uint64_t run_xxh64_unaligned(const uint8_t *p, size_t n)
{
	return kx_xxh64(p + 1, n - 1, 0);
}

/* One read of every 64-bit word: the floor for any checksum. */
static uint64_t run_read(const uint8_t *p, size_t n)
{
	const volatile uint64_t *w = (const volatile uint64_t *)p;
	uint64_t s = 0;
	size_t i;

	for (i = 0; i < n / 8; i++)
		s += w[i];
	return s;
}

static void bench(const char *name, bench_fn fn, const uint8_t *p, size_t n,
		  int repeats)
{
	double best = 1e30, t;
	uint64_t v = 0;
	int i;

	for (i = 0; i < repeats; i++) {
		t = now();
		v = fn(p, n);
		t = now() - t;
		if (t < best)
			best = t;
	}
	printf("%-16s %6zu MiB  %8.3f s  %9.1f MB/s  (%016llx)\n", name,
	       n >> 20, best, (double)n / best / 1e6, (unsigned long long)v);
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 64;
	int repeats = argc > 2 ? atoi(argv[2]) : 3;
	size_t n = mib << 20, i;
	uint8_t *buf;

	if (!mib || repeats < 1) {
		fprintf(stderr, "usage: %s [MiB] [repeats]\n", argv[0]);
		return 2;
	}
	buf = aligned_alloc(64, n);
	if (!buf) {
		perror("aligned_alloc");
		return 1;
	}
	for (i = 0; i < n; i++)
		buf[i] = (uint8_t)(i * 131 + (i >> 13));
	bench("read64", run_read, buf, n, repeats);
	bench("xxh64", run_xxh64, buf, n, repeats);
	bench("xxh64-unaligned", run_xxh64_unaligned, buf, n, repeats);
	bench("sha256", run_sha256, buf, n, repeats);
	free(buf);
	return 0;
}
