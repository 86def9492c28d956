// SPDX-License-Identifier: GPL-2.0-only
/*
 * diag.c - the one diagnostic line carried back to the front end.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

int diag_fail(struct diag *d, enum kx_exit cls, int err, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (!d || d->msg)
		return err;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	d->msg = msg;
	d->exit_class = cls;
	d->err = err;
	return err;
}

void diag_clear(struct diag *d)
{
	if (!d)
		return;
	free(d->msg);
	d->msg = NULL;
	d->exit_class = KX_EXIT_OK;
	d->err = 0;
}
