// SPDX-License-Identifier: GPL-2.0-only
/*
 * plan.c - segment placement and the kernel's rules for a segment list.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "kexec-uapi.h"
#include "plan.h"

static const char *const role_names[] = {
	[SEG_KERNEL] = "kernel",
	[SEG_INITRD] = "initrd",
	[SEG_DTB] = "dtb",
	[SEG_BOOTINFO] = "bootinfo",
	[SEG_PURGATORY] = "purgatory",
	[SEG_CMDLINE] = "cmdline",
	[SEG_ELFCOREHDR] = "elfcorehdr",
	[SEG_BACKUP] = "backup",
	[SEG_OTHER] = "other",
};

const char *segment_role_name(enum segment_role role)
{
	if ((size_t)role >= sizeof(role_names) / sizeof(role_names[0]))
		return "unknown";
	return role_names[role];
}

/* Free memory for a new segment: usable minus every planned segment. */
static int plan_free_ranges(const struct segment_plan *plan,
			    const struct range_list *usable,
			    struct range_list *out)
{
	size_t i;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < usable->n && !ret; i++)
		ret = range_list_add(out, usable->r[i].start, usable->r[i].end);
	for (i = 0; i < plan->n && !ret; i++)
		ret = range_list_remove(out, plan->seg[i].mem,
					plan->seg[i].mem + plan->seg[i].memsz);
	if (ret)
		range_list_free(out);
	return ret;
}

/* Try one free range; 0 with *addr, or -ENOSPC. */
static int hole_in_range(const struct range *r, const struct hole_req *req,
			 uint64_t *addr)
{
	uint64_t lo = r->start > req->min ? r->start : req->min;
	uint64_t hi = r->end;
	uint64_t a;

	if (req->max && req->max < hi)
		hi = req->max;
	if (hi <= lo || hi - lo < req->size)
		return -ENOSPC;
	if (req->top_down) {
		a = align_down(hi - req->size, req->align);
		if (a < lo)
			return -ENOSPC;
	} else {
		a = align_up(lo, req->align);
		if (!a && lo)
			return -ENOSPC;
		if (a > hi || hi - a < req->size)
			return -ENOSPC;
	}
	*addr = a;
	return 0;
}

int plan_find_hole(const struct segment_plan *plan,
		   const struct range_list *usable,
		   const struct hole_req *req, uint64_t *addr)
{
	struct range_list free_list;
	size_t i;
	int ret;

	if (!req->size || !req->align || (req->align & (req->align - 1)))
		return -EINVAL;
	ret = plan_free_ranges(plan, usable, &free_list);
	if (ret)
		return ret;
	ret = -ENOSPC;
	for (i = 0; i < free_list.n && ret; i++) {
		size_t k = req->top_down ? free_list.n - 1 - i : i;

		ret = hole_in_range(&free_list.r[k], req, addr);
	}
	range_list_free(&free_list);
	return ret;
}

int plan_add(struct segment_plan *plan, const void *buf, size_t bufsz,
	     uint64_t mem, uint64_t memsz, uint64_t page_size,
	     enum segment_role role, void *owned)
{
	struct segment *s;

	if ((mem & (page_size - 1)) || bufsz > memsz) {
		free(owned);
		return -EINVAL;
	}
	memsz = align_up(memsz, page_size);
	if (!memsz || mem + memsz < mem) {
		free(owned);
		return -EINVAL;
	}
	if (plan->n == plan->cap) {
		size_t cap = plan->cap ? plan->cap * 2 : 8;

		s = realloc(plan->seg, cap * sizeof(*s));
		if (!s) {
			free(owned);
			return -ENOMEM;
		}
		plan->seg = s;
		plan->cap = cap;
	}
	s = &plan->seg[plan->n++];
	s->buf = buf;
	s->bufsz = bufsz;
	s->mem = mem;
	s->memsz = memsz;
	s->role = role;
	s->owned = owned;
	s->verify = role != SEG_PURGATORY && role != SEG_BACKUP;
	return 0;
}

static int segment_cmp(const void *a, const void *b)
{
	const struct segment *x = a, *y = b;

	if (x->mem != y->mem)
		return x->mem < y->mem ? -1 : 1;
	return 0;
}

void plan_sort(struct segment_plan *plan)
{
	if (plan->n > 1)
		qsort(plan->seg, plan->n, sizeof(plan->seg[0]), segment_cmp);
}

static int check_one(const struct segment *s, size_t i,
		     const struct memory_map *mem, uint64_t page_size,
		     struct diag *d)
{
	uint64_t end = s->mem + s->memsz;
	const char *role = segment_role_name(s->role);

	if (end < s->mem || (s->mem & (page_size - 1)) ||
	    (s->memsz & (page_size - 1)))
		return diag_fail(d, KX_EXIT_NOFIT, -EADDRNOTAVAIL,
				 "segment %zu (%s) at 0x%" PRIx64 "+0x%" PRIx64
				 " is not aligned to the 0x%" PRIx64
				 "-byte page size", i, role, s->mem, s->memsz,
				 page_size);
	if (s->bufsz > s->memsz)
		return diag_fail(d, KX_EXIT_NOFIT, -EINVAL,
				 "segment %zu (%s): %zu bytes of data exceed its "
				 "0x%" PRIx64 "-byte size", i, role, s->bufsz,
				 s->memsz);
	if (!range_list_covers(&mem->ram, s->mem, end))
		return diag_fail(d, KX_EXIT_NOFIT, -EADDRNOTAVAIL,
				 "segment %zu (%s) at 0x%" PRIx64 "-0x%" PRIx64
				 " is not inside usable RAM", i, role, s->mem,
				 end);
	if (range_list_intersects(&mem->reserved, s->mem, end))
		return diag_fail(d, KX_EXIT_NOFIT, -EADDRNOTAVAIL,
				 "segment %zu (%s) at 0x%" PRIx64 "-0x%" PRIx64
				 " overlaps reserved memory", i, role, s->mem,
				 end);
	return 0;
}

int plan_check(const struct segment_plan *plan, const struct memory_map *mem,
	       uint64_t page_size, struct diag *d)
{
	uint64_t total = 0, ram = mem->total_ram, half;
	size_t i;

	if (!ram)
		ram = range_list_total(&mem->ram);
	/* kexec_core.c sanity_check_segment_list(): in whole pages, no
	 * segment and not all of them together above totalram_pages() / 2. */
	half = ram / page_size / 2 * page_size;
	int ret;

	if (plan->n > KX_KEXEC_SEGMENT_MAX)
		return diag_fail(d, KX_EXIT_NOFIT, -E2BIG,
				 "%zu segments planned; the kernel accepts at "
				 "most %d", plan->n, KX_KEXEC_SEGMENT_MAX);
	for (i = 0; i < plan->n; i++) {
		ret = check_one(&plan->seg[i], i, mem, page_size, d);
		if (ret)
			return ret;
		total += align_up(plan->seg[i].memsz, page_size);
		if (i && plan->seg[i].mem <
			 plan->seg[i - 1].mem + plan->seg[i - 1].memsz)
			return diag_fail(d, KX_EXIT_NOFIT, -EINVAL,
					 "segments %zu (%s) and %zu (%s) overlap "
					 "at 0x%" PRIx64, i - 1,
					 segment_role_name(plan->seg[i - 1].role),
					 i, segment_role_name(plan->seg[i].role),
					 plan->seg[i].mem);
	}
	if (mem->check_half_ram && total > half)
		return diag_fail(d, KX_EXIT_NOFIT, -EINVAL,
				 "the segments need 0x%" PRIx64 " bytes, more "
				 "than half of the 0x%" PRIx64 " bytes of RAM "
				 "(the kernel's limit)", total, ram);
	return 0;
}

void segment_plan_free(struct segment_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		free(plan->seg[i].owned);
	free(plan->seg);
	memset(plan, 0, sizeof(*plan));
}
