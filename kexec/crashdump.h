/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crashdump.h - what a crash (capture) kernel needs to find the crashed
 * kernel's memory: the ELF core header ("elfcorehdr") that becomes its
 * /proc/vmcore, and the crash notes it describes.
 *
 * The header follows the kernel's own (crash_prepare_elf64_headers() in
 * kernel/kexec_file.c): one PT_NOTE per CPU's crash notes and one for the
 * vmcoreinfo note, then one PT_LOAD per range of the crashed kernel's RAM
 * with p_offset = p_paddr = the physical address and p_vaddr its address
 * in the kernel's linear map.  A range the crash kernel overwrites on boot
 * (ppc64's first 64 KiB) is copied by purgatory to a backup segment; its
 * PT_LOAD keeps p_paddr but points p_offset at the copy.
 */
#ifndef KX_CRASHDUMP_H
#define KX_CRASHDUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kexec.h"
#include "ranges.h"

struct kx_crash_note {
	uint64_t addr;		/* physical */
	uint64_t size;
};

struct kx_crash_notes {
	struct kx_crash_note *cpu;	/* in CPU number order */
	size_t nr_cpu;
	struct kx_crash_note vmcoreinfo;	/* size 0: none */
};

/*
 * Read /sys/devices/system/cpu/cpuN/crash_notes{,_size} for every CPU and
 * /sys/kernel/vmcoreinfo (under --root).  No CPU with crash notes is an
 * error (KX_EXIT_SYSTEM: the running kernel can not save its registers on
 * a crash); a missing vmcoreinfo is a warning.  0 or -errno.
 */
int kx_crash_read_notes(struct kexec_ctx *ctx, struct kx_crash_notes *out);

void kx_crash_notes_free(struct kx_crash_notes *n);

/*
 * The sysfs texts, parsed (pure): a CPU's crash_notes ("%llx") and
 * crash_notes_size ("%zu"), each one number with optional blanks and a
 * newline, into a note of non-zero size that does not wrap; and
 * /sys/kernel/vmcoreinfo ("%pa %x"), into a note (zeroed when the text is
 * NULL or not an address and a size).  True when the text was valid.
 */
bool kx_crash_parse_note(const char *addr, const char *size,
			 struct kx_crash_note *note);
bool kx_crash_parse_vmcoreinfo(const char *text, struct kx_crash_note *note);

struct kx_elfcore_req {
	uint16_t machine;		/* e_machine */
	bool big_endian;
	uint64_t page_offset;		/* linear map: vaddr = this + paddr */
	const struct kx_crash_notes *notes;
	const struct range_list *ram;	/* the crashed kernel's memory */
	uint64_t backup_src, backup_size;	/* size 0: no backup */
	uint64_t backup_dst;		/* where purgatory copies it */
};

/*
 * Build an ELF64 core header: notes, then the backup range (if any), then
 * req->ram (which must not overlap the backup source).  *buf is malloc'd.
 * 0, -EINVAL (too many program headers), -ENOMEM.
 */
int kx_build_elfcore64(const struct kx_elfcore_req *req, uint8_t **buf,
		       size_t *len);

#endif /* KX_CRASHDUMP_H */
