// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmcore-dmesg - print the crashed kernel's log from a crash dump.
 *
 * Usage: vmcore-dmesg [FILE]   (default /proc/vmcore)
 *
 * The core is mapped read-only and handed to kx_vmcore_log()
 * (kexec/vmcore-log.c), which finds the log through the VMCOREINFO note.
 * Exit status (doc/vmcore-dmesg.8): 0 printed; 2 bad options; 3 not a
 * usable ELF core; 4 a read or write failed; 5 the core has no log; 6 the
 * log is damaged (the lines before the damage are printed).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "file.h"
#include "vmcore-log.h"

#define USAGE "Usage: vmcore-dmesg [FILE]  (default /proc/vmcore)\n"

static int status_of(int ret)
{
	switch (ret) {
	case -ENOEXEC:
	case -EINVAL:
		return 3;
	case -ENODATA:
		return 5;
	case -EBADMSG:
		return 6;
	default:
		return 4;
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = "/proc/vmcore";
	struct diag d = { 0 };
	struct kx_file f;
	int c, ret, out = STDOUT_FILENO;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		fputs(USAGE, c == 'h' ? stdout : stderr);
		return c == 'h' ? 0 : 2;
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind != argc) {
		fputs(USAGE, stderr);
		return 2;
	}
	ret = kx_file_open(path, 0, &f, &d);
	if (ret) {
		fprintf(stderr, "vmcore-dmesg: %s\n", d.msg ? d.msg : path);
		diag_clear(&d);
		return ret == -ENOENT || ret == -EISDIR || ret == -EINVAL ?
		       3 : 4;
	}
	ret = kx_vmcore_log(f.data, f.size, path, kx_log_emit_fd, &out, &d);
	kx_file_close(&f);
	if (ret >= 0)
		return 0;
	if (!d.msg) {
		/* Standard output failed, or memory ran out. */
		fprintf(stderr, "vmcore-dmesg: %s: %s\n", path,
			strerror(-ret));
		return 4;
	}
	fprintf(stderr, "vmcore-dmesg: %s\n", d.msg);
	diag_clear(&d);
	return status_of(ret);
}
