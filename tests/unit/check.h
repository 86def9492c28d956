/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * check.h - a minimal unit-test harness.  Each test program runs its tests
 * with RUN(fn) and ends with "return check_done();".  Every test prints one
 * line, "PASS: name" or "FAIL: name: file:line: what"; tests/run.sh counts
 * them.
 */
#ifndef KX_CHECK_H
#define KX_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int check_failed_now;
static int check_npass, check_nfail;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
		check_failed_now = 1;					\
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	unsigned long long a_ = (unsigned long long)(a);		\
	unsigned long long b_ = (unsigned long long)(b);		\
	if (a_ != b_) {							\
		printf("  %s:%d: %s == %s failed: 0x%llx != 0x%llx\n",	\
		       __FILE__, __LINE__, #a, #b, a_, b_);		\
		check_failed_now = 1;					\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (!a_ || !b_ || strcmp(a_, b_)) {				\
		printf("  %s:%d: %s == %s failed: \"%s\" != \"%s\"\n",	\
		       __FILE__, __LINE__, #a, #b, a_ ? a_ : "(null)",	\
		       b_ ? b_ : "(null)");				\
		check_failed_now = 1;					\
	}								\
} while (0)

#define RUN(fn) do {							\
	check_failed_now = 0;						\
	fn();								\
	if (check_failed_now) {						\
		printf("FAIL: %s\n", #fn);				\
		check_nfail++;						\
	} else {							\
		printf("PASS: %s\n", #fn);				\
		check_npass++;						\
	}								\
	fflush(stdout);							\
} while (0)

static inline int check_done(void)
{
	return check_nfail ? 1 : 0;
}

#endif
