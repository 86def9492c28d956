// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-vmcore-log.c - what vmcore-dmesg reads (kexec/vmcore-log.c): any
 * bytes as a crash dump whose VMCOREINFO note leads to the printk log, in
 * either format.  The printed text must be whole lines.
 */
#include <string.h>

#include "fuzz.h"
#include "vmcore-log.h"

struct text {
	size_t len;
	char last;
};

static int take(void *arg, const char *buf, size_t len)
{
	struct text *t = arg;

	FUZZ_ASSERT(buf || !len);
	if (len) {
		t->len += len;
		t->last = buf[len - 1];
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct text t = { 0, 0 };
	struct diag d = { 0 };
	int ret;

	ret = kx_vmcore_log(data, size, "fuzz", take, &t, &d);
	FUZZ_ASSERT(ret >= 0 || ret == -ENOMEM || d.msg);
	if (ret > 0)
		FUZZ_ASSERT(t.len && t.last == '\n');
	diag_clear(&d);
	return 0;
}
