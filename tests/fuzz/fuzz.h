/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz.h - what every harness in tests/fuzz/ defines: the libFuzzer entry
 * point.  The same function is called by libFuzzer (make fuzz, clang) and
 * by replay.c (make check, the host compiler), which feeds it the files
 * under tests/fuzz/regressions/<harness>/ and the seeds.
 *
 * A harness aborts (so libFuzzer and replay both report it) when a
 * property every input must keep is broken; memory errors, leaks and
 * undefined behaviour are the sanitizers' to report.
 */
#ifndef KX_FUZZ_H
#define KX_FUZZ_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when cond is false. */
#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken: %s\n", __FILE__,	\
			__LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

#endif /* KX_FUZZ_H */
