/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diag.h - one diagnostic line and an exit class, carried back to the
 * front end.
 *
 * Library code never prints an error and never exits: it records what went
 * wrong with diag_fail() and returns -errno.  The first failure recorded is
 * kept (it is the most specific); the front end prints it as one line.
 */
#ifndef KX_DIAG_H
#define KX_DIAG_H

/* Exit statuses of the kexec command, documented in doc/kexec.8. */
enum kx_exit {
	KX_EXIT_OK = 0,
	KX_EXIT_FAILURE = 1,	/* anything not below; also -S: not loaded */
	KX_EXIT_USAGE = 2,	/* bad options */
	KX_EXIT_INPUT = 3,	/* a kernel, initrd, dtb or bootinfo file is
				 * missing, unreadable, malformed or unusable */
	KX_EXIT_SYSTEM = 4,	/* system state (/proc, /sys) missing or bad */
	KX_EXIT_NOFIT = 5,	/* the images do not fit in memory, or too
				 * many segments, or cmdline too long */
	KX_EXIT_KERNEL = 6,	/* the kernel refused the load or exec */
	KX_EXIT_NOTLOADED = 7,	/* -e with nothing loaded */
	KX_EXIT_WRONGARCH = 8,	/* backend is not the running machine's */
};

struct diag {
	char *msg;		/* malloc'd, or NULL when nothing failed */
	enum kx_exit exit_class;
	int err;		/* the negative errno returned */
};

/*
 * Record a failure unless one is recorded already; returns err (a negative
 * errno) so callers can write "return diag_fail(d, ...)".  d may be NULL.
 */
int diag_fail(struct diag *d, enum kx_exit cls, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Forget a recorded failure (used when falling back to an alternative). */
void diag_clear(struct diag *d);

#endif /* KX_DIAG_H */
