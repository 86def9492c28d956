/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmcore-log.h - the crashed kernel's printk log from an ELF core
 * (/proc/vmcore or a saved dump), found through its VMCOREINFO note.
 *
 * Pure: the core is a buffer in memory; nothing is read or written but
 * through the emit callback.  Every read from the core is bounds-checked
 * and every loop is bounded by the sizes it walks, so any input, however
 * hostile, ends in a result or a diagnostic (this is the entry point for
 * fuzzing: kx_vmcore_log(data, size, "fuzz", NULL, NULL, &d)).
 *
 * Both printk formats are read: the lockless ring buffer of Linux 5.10 and
 * later (SYMBOL(prb)) and the variable-length records of 3.5 to 5.9
 * (SYMBOL(log_buf), log_first_idx, log_next_idx, struct printk_log, or
 * struct log before 3.11).  ELF32 or ELF64, either byte order.
 */
#ifndef KX_VMCORE_LOG_H
#define KX_VMCORE_LOG_H

#include <stddef.h>

#include "diag.h"

/*
 * Receives the formatted log in pieces, in order; the whole is lines of
 * "[%5llu.%06llu] text\n" as kexec-tools' vmcore-dmesg prints them
 * (characters neither printable nor white space as "\xNN").  A negative
 * errno stops the walk; kx_vmcore_log() then returns it.
 */
typedef int (*kx_log_emit_fn)(void *arg, const char *buf, size_t len);

/*
 * Print the log of the core in data[0, size) through emit (NULL: walk it
 * and discard the text).  path names the core in diagnostics.  Returns
 * the number of records printed (>= 0), or:
 *   -ENOEXEC   not an ELF file (diagnostic "not an ELF core file")
 *   -EINVAL    ELF, but not a usable core (not ET_CORE, truncated headers,
 *              a note or segment past the end of the file)
 *   -ENODATA   no log: no VMCOREINFO note, or one without the printk
 *              symbols and offsets
 *   -EBADMSG   the log structures VMCOREINFO points at are not in the
 *              core or are inconsistent (absurd sizes or indices)
 *   -ENOMEM, or emit's own non-zero value.
 * Every failure but emit's records one line in d naming path.
 */
int kx_vmcore_log(const void *data, size_t size, const char *path,
		  kx_log_emit_fn emit, void *arg, struct diag *d);

/*
 * An emit callback for the tools (not used by the walk itself): arg points
 * to an int file descriptor; writes everything, retrying short writes.
 * 0 or -errno.
 */
int kx_log_emit_fd(void *arg, const char *buf, size_t len);

#endif /* KX_VMCORE_LOG_H */
