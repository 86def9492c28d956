// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-cmdline.c - the command line a load builds (kexec/core.c):
 * /proc/cmdline for --reuse-cmdline (the input up to its first NUL) with
 * crashkernel= dropped for a crash kernel, then --append (the rest).  The
 * result has no leading, trailing or doubled blanks, and for a crash
 * kernel no crashkernel= word from the reused line.
 */
#include <string.h>

#include "core.h"
#include "fuzz.h"

static void check(const char *line)
{
	size_t n = strlen(line);

	FUZZ_ASSERT(!n || (line[0] != ' ' && line[n - 1] != ' '));
	FUZZ_ASSERT(!strstr(line, "  "));
	FUZZ_ASSERT(!strchr(line, '\n') && !strchr(line, '\t'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t rlen = nul ? (size_t)(nul - data) : size;
	char *reused, *extra, *line, *w;
	int panic;

	extra = nul ? strndup((const char *)nul + 1, size - rlen - 1)
		    : strdup("");
	for (panic = 0; panic < 2 && extra; panic++) {
		reused = strndup((const char *)data, rlen);
		if (!reused)
			break;
		if (!kx_cmdline_compose(reused, extra, panic, &line)) {
			check(line);
			if (panic && !strstr(extra, "crashkernel=")) {
				for (w = line; (w = strstr(w, "crashkernel="));
				     w++)
					FUZZ_ASSERT(w > line && w[-1] != ' ');
			}
			free(line);
		}
		free(reused);
	}
	free(extra);
	return 0;
}
