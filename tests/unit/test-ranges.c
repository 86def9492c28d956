// SPDX-License-Identifier: GPL-2.0-only
/* test-ranges.c - range lists, the memory map, hole finding and plan checks. */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "kexec-uapi.h"
#include "plan.h"
#include "ranges.h"

static void test_add_merge(void)
{
	struct range_list l = { 0 };

	CHECK_EQ(range_list_add(&l, 0x3000, 0x4000), 0);
	CHECK_EQ(range_list_add(&l, 0x1000, 0x2000), 0);
	CHECK_EQ(l.n, 2);
	CHECK_EQ(l.r[0].start, 0x1000);
	/* Touching ranges merge. */
	CHECK_EQ(range_list_add(&l, 0x2000, 0x3000), 0);
	CHECK_EQ(l.n, 1);
	CHECK_EQ(l.r[0].start, 0x1000);
	CHECK_EQ(l.r[0].end, 0x4000);
	/* Overlapping several. */
	CHECK_EQ(range_list_add(&l, 0x8000, 0x9000), 0);
	CHECK_EQ(range_list_add(&l, 0xa000, 0xb000), 0);
	CHECK_EQ(range_list_add(&l, 0x500, 0x8800), 0);
	CHECK_EQ(l.n, 2);
	CHECK_EQ(l.r[0].start, 0x500);
	CHECK_EQ(l.r[0].end, 0x9000);
	/* Empty and inverted ranges are ignored. */
	CHECK_EQ(range_list_add(&l, 5, 5), 0);
	CHECK_EQ(range_list_add(&l, 9, 5), 0);
	CHECK_EQ(l.n, 2);
	CHECK_EQ(range_list_total(&l), 0x8b00 + 0x1000);
	range_list_free(&l);
}

static void test_remove_split(void)
{
	struct range_list l = { 0 };

	range_list_add(&l, 0, 0x10000);
	CHECK_EQ(range_list_remove(&l, 0x4000, 0x5000), 0);
	CHECK_EQ(l.n, 2);
	CHECK_EQ(l.r[0].end, 0x4000);
	CHECK_EQ(l.r[1].start, 0x5000);
	CHECK_EQ(range_list_remove(&l, 0, 0x1000), 0);
	CHECK_EQ(l.r[0].start, 0x1000);
	CHECK_EQ(range_list_remove(&l, 0x3000, 0x6000), 0);
	CHECK_EQ(l.n, 2);
	CHECK_EQ(l.r[0].end, 0x3000);
	CHECK_EQ(l.r[1].start, 0x6000);
	CHECK_EQ(range_list_remove(&l, 0, UINT64_MAX), 0);
	CHECK_EQ(l.n, 0);
	range_list_free(&l);
}

static void test_covers_intersects(void)
{
	struct range_list l = { 0 };

	range_list_add(&l, 0x1000, 0x3000);
	range_list_add(&l, 0x4000, 0x5000);
	CHECK(range_list_covers(&l, 0x1000, 0x3000));
	CHECK(!range_list_covers(&l, 0x2000, 0x4800));
	CHECK(range_list_intersects(&l, 0x2fff, 0x3001));
	CHECK(!range_list_intersects(&l, 0x3000, 0x4000));
	range_list_free(&l);
}

static void test_memory_map_usable(void)
{
	struct memory_map m = { 0 };
	struct range_list u;

	range_list_add(&m.ram, 0, 0x10000000);
	range_list_add(&m.reserved, 0, 0x2000000);
	range_list_add(&m.reserved, 0x8000000, 0x8010000);
	CHECK_EQ(memory_map_usable(&m, &u), 0);
	CHECK_EQ(u.n, 2);
	CHECK_EQ(u.r[0].start, 0x2000000);
	CHECK_EQ(u.r[0].end, 0x8000000);
	CHECK_EQ(u.r[1].start, 0x8010000);
	range_list_free(&u);
	memory_map_free(&m);
}

static void test_hole_bottom_up_top_down(void)
{
	struct segment_plan p = { 0 };
	struct range_list u = { 0 };
	struct hole_req req = { .size = 0x3000, .align = 0x1000 };
	uint64_t a = 0;

	range_list_add(&u, 0x1000, 0x10000);
	range_list_add(&u, 0x20000, 0x30000);
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), 0);
	CHECK_EQ(a, 0x1000);
	req.top_down = true;
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), 0);
	CHECK_EQ(a, 0x2d000);
	/* A planned segment is avoided. */
	CHECK_EQ(plan_add(&p, NULL, 0, 0x2d000, 0x3000, 0x1000, SEG_OTHER,
			  NULL), 0);
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), 0);
	CHECK_EQ(a, 0x2a000);
	/* Bounds: max excludes the top range. */
	req.max = 0x10000;
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), 0);
	CHECK_EQ(a, 0xd000);
	/* min and alignment. */
	req.top_down = false;
	req.max = 0;
	req.min = 0x1001;
	req.align = 0x10000;
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), 0);
	CHECK_EQ(a, 0x20000);
	/* Too big. */
	req.size = 0x100000;
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), -ENOSPC);
	/* Bad alignment. */
	req.size = 0x1000;
	req.align = 0x3000;
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), -EINVAL);
	segment_plan_free(&p);
	range_list_free(&u);
}

static void test_hole_edges(void)
{
	struct segment_plan p = { 0 };
	struct range_list u = { 0 };
	struct hole_req req = { .size = 0x1000, .align = 0x1000 };
	uint64_t a = 0;

	/* A hole at the very top of the address space. */
	range_list_add(&u, UINT64_MAX - 0x2fff, UINT64_MAX);
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), 0);
	CHECK_EQ(a, UINT64_MAX - 0x2fff);
	req.top_down = true;
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), 0);
	CHECK_EQ(a, align_down(UINT64_MAX - 0x1000, 0x1000));
	/* An exact fit, truly at the top. */
	range_list_free(&u);
	range_list_add(&u, 0x10000, 0x11000);
	CHECK_EQ(plan_find_hole(&p, &u, &req, &a), 0);
	CHECK_EQ(a, 0x10000);
	range_list_free(&u);
}

static void test_plan_check(void)
{
	struct memory_map m = { 0 };
	struct segment_plan p = { 0 };
	struct diag d = { 0 };
	int i;

	range_list_add(&m.ram, 0, 0x100000);
	range_list_add(&m.reserved, 0, 0x10000);
	m.check_half_ram = true;
	plan_add(&p, NULL, 0, 0x20000, 0x1000, 0x1000, SEG_KERNEL, NULL);
	plan_add(&p, NULL, 0, 0x10000, 0x1000, 0x1000, SEG_INITRD, NULL);
	plan_sort(&p);
	CHECK_EQ(p.seg[0].mem, 0x10000);
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), 0);
	/* Overlap. */
	plan_add(&p, NULL, 0, 0x10000, 0x2000, 0x1000, SEG_DTB, NULL);
	plan_sort(&p);
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "overlap"));
	CHECK_EQ(d.exit_class, KX_EXIT_NOFIT);
	diag_clear(&d);
	segment_plan_free(&p);
	/* Reserved memory. */
	plan_add(&p, NULL, 0, 0x8000, 0x1000, 0x1000, SEG_DTB, NULL);
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), -EADDRNOTAVAIL);
	CHECK(d.msg && strstr(d.msg, "reserved"));
	diag_clear(&d);
	segment_plan_free(&p);
	/* Outside RAM. */
	plan_add(&p, NULL, 0, 0x200000, 0x1000, 0x1000, SEG_DTB, NULL);
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), -EADDRNOTAVAIL);
	diag_clear(&d);
	segment_plan_free(&p);
	/* More than half of RAM. */
	plan_add(&p, NULL, 0, 0x20000, 0x90000, 0x1000, SEG_INITRD, NULL);
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "half"));
	diag_clear(&d);
	/* ... of the RAM the kernel counts (MemTotal), when known: more
	 * than the map (PS3 high memory), or less. */
	m.total_ram = 0x140000;
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), 0);
	m.total_ram = 0x11f000;		/* 287 pages: at most 143 */
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), -EINVAL);
	diag_clear(&d);
	m.total_ram = 0x120000;		/* 288 pages: 144 = 0x90 */
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), 0);
	m.total_ram = 0;
	segment_plan_free(&p);
	/* Too many segments. */
	for (i = 0; i < KX_KEXEC_SEGMENT_MAX + 1; i++)
		plan_add(&p, NULL, 0, 0x20000 + 0x1000 * i, 0x1000, 0x1000,
			 SEG_OTHER, NULL);
	CHECK_EQ(plan_check(&p, &m, 0x1000, &d), -E2BIG);
	diag_clear(&d);
	segment_plan_free(&p);
	/* Misalignment is refused at add time. */
	CHECK_EQ(plan_add(&p, NULL, 0, 0x20800, 0x1000, 0x1000, SEG_OTHER,
			  NULL), -EINVAL);
	CHECK_EQ(plan_add(&p, NULL, 0x2000, 0x20000, 0x1000, 0x1000,
			  SEG_OTHER, NULL), -EINVAL);
	/* memsz is rounded up to the page size. */
	CHECK_EQ(plan_add(&p, NULL, 0, 0x20000, 0x1001, 0x1000, SEG_OTHER,
			  NULL), 0);
	CHECK_EQ(p.seg[0].memsz, 0x2000);
	segment_plan_free(&p);
	memory_map_free(&m);
}

int main(void)
{
	RUN(test_add_merge);
	RUN(test_remove_split);
	RUN(test_covers_intersects);
	RUN(test_memory_map_usable);
	RUN(test_hole_bottom_up_top_down);
	RUN(test_hole_edges);
	RUN(test_plan_check);
	return check_done();
}
