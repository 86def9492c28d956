// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-kernel.c - kernel.c's decisions that need no kernel: when -a falls
 * back from kexec_file_load to kexec_load (kexec-tools' rule: only when
 * the call is missing or can not parse the image), and what a
 * kexec_file_load refusal is reported as.
 */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "core.h"

/* Missing call, or the kernel's loader can not parse the image. */
static void test_falls_back(void)
{
	CHECK(kx_file_load_falls_back(ENOSYS));
	CHECK(kx_file_load_falls_back(EINVAL));
	CHECK(kx_file_load_falls_back(ENOEXEC));
	CHECK(kx_file_load_falls_back(ENOTSUP));
	CHECK(kx_file_load_falls_back(EOPNOTSUPP));
}

/* A signature refusal, lockdown, or anything else stops the load. */
static void test_stops(void)
{
	static const int stop[] = {
		EKEYREJECTED, EBADMSG, ENOKEY, ENODATA, ELIBBAD, ENOPKG,
		EMSGSIZE, EPERM, ENOMEM, EBUSY, EFAULT, E2BIG,
	};
	size_t i;

	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++) {
		if (kx_file_load_falls_back(stop[i]))
			printf("  falls back on %s\n", strerror(stop[i]));
		CHECK(!kx_file_load_falls_back(stop[i]));
	}
}

/* Every signature refusal names it and points at -c. */
static void test_signature_reason(void)
{
	static const int sig[] = {
		EKEYREJECTED, EBADMSG, ENOKEY, ENODATA, ELIBBAD, ENOPKG,
		EMSGSIZE,
	};
	size_t i;

	for (i = 0; i < sizeof(sig) / sizeof(sig[0]); i++) {
		const char *r = kx_file_load_reason(sig[i]);

		CHECK(r && strstr(r, "signature check refused the image"));
		CHECK(r && strstr(r, "not falling back"));
		CHECK(r && strstr(r, "-c loads it with kexec_load"));
		CHECK(r && strstr(r, "where lockdown allows it"));
		CHECK(r && !strchr(r, '\n'));
	}
	CHECK(strstr(kx_file_load_reason(ENOEXEC), "image format"));
	CHECK(kx_file_load_reason(EBUSY) == NULL);
}

int main(void)
{
	RUN(test_falls_back);
	RUN(test_stops);
	RUN(test_signature_reason);
	return check_done();
}
