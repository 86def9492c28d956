/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * plan.h - the segment plan: what kexec_load receives, and where it goes.
 *
 * Pure logic, no I/O.  Buffers are borrowed (a mapped file) or owned by the
 * plan (freed by segment_plan_free()).
 */
#ifndef KX_PLAN_H
#define KX_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ranges.h"

enum segment_role {
	SEG_KERNEL,
	SEG_INITRD,
	SEG_DTB,
	SEG_BOOTINFO,
	SEG_PURGATORY,
	SEG_CMDLINE,
	SEG_ELFCOREHDR,
	SEG_BACKUP,		/* filled by purgatory: never verified */
	SEG_OTHER,
};

/* Name of a role for plans and messages ("kernel", "initrd", ...). */
const char *segment_role_name(enum segment_role role);

struct segment {
	const void *buf;	/* contents; NULL with bufsz 0 for zero fill */
	size_t bufsz;		/* bytes of buf; rest of memsz is zeroed */
	uint64_t mem;		/* physical destination, page aligned */
	uint64_t memsz;		/* page-aligned size at the destination */
	enum segment_role role;
	void *owned;		/* freed with the plan, or NULL */
	bool verify;		/* included in purgatory's checksum */
};

struct segment_plan {
	struct segment *seg;
	size_t n;
	size_t cap;
};

/*
 * A placement request, after struct kexec_buf in the kernel: size bytes,
 * aligned to align (a power of two; the page size at least), inside
 * [min, max) (max 0 = no limit), the highest or lowest fitting hole.
 */
struct hole_req {
	uint64_t size;
	uint64_t align;
	uint64_t min;
	uint64_t max;
	bool top_down;
};

/*
 * Find a place for req in usable, avoiding every segment already in plan.
 * Returns 0 with *addr set, or -ENOSPC when nothing fits.
 */
int plan_find_hole(const struct segment_plan *plan,
		   const struct range_list *usable,
		   const struct hole_req *req, uint64_t *addr);

/*
 * Append a segment at a fixed address.  memsz is rounded up to page_size
 * (mem must be aligned).  The plan takes ownership of "owned" (may be NULL)
 * even on failure.  Returns 0, -EINVAL (misaligned), -ENOMEM.
 */
int plan_add(struct segment_plan *plan, const void *buf, size_t bufsz,
	     uint64_t mem, uint64_t memsz, uint64_t page_size,
	     enum segment_role role, void *owned);

/* Sort segments by destination. */
void plan_sort(struct segment_plan *plan);

/*
 * Check the plan against the kernel's rules (kexec_core.c
 * sanity_check_segment_list): at most KX_KEXEC_SEGMENT_MAX segments, page
 * aligned, bufsz <= memsz, no overlap, every segment inside RAM and outside
 * reservations, total at most half of RAM.  Returns 0 or a negative errno
 * with a diagnostic naming the segment at fault.
 */
int plan_check(const struct segment_plan *plan, const struct memory_map *mem,
	       uint64_t page_size, struct diag *d);

void segment_plan_free(struct segment_plan *plan);

/* Round x up/down to a power-of-two a; align_up returns 0 on overflow. */
static inline uint64_t align_up(uint64_t x, uint64_t a)
{
	uint64_t r = (x + a - 1) & ~(a - 1);

	return r < x ? 0 : r;
}

static inline uint64_t align_down(uint64_t x, uint64_t a)
{
	return x & ~(a - 1);
}

#endif /* KX_PLAN_H */
