/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ranges.h - sorted lists of physical address ranges, and the memory map.
 *
 * Pure logic, no I/O.  A range is half-open, [start, end).  A range list is
 * kept sorted and merged: no two ranges overlap or touch.
 */
#ifndef KX_RANGES_H
#define KX_RANGES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct range {
	uint64_t start;
	uint64_t end;		/* exclusive */
};

struct range_list {
	struct range *r;
	size_t n;
	size_t cap;
};

/* Add [start, end), merging with neighbours.  0 or -ENOMEM; an empty or
 * inverted range is ignored (returns 0). */
int range_list_add(struct range_list *l, uint64_t start, uint64_t end);

/* Remove [start, end) from the list, splitting ranges.  0 or -ENOMEM. */
int range_list_remove(struct range_list *l, uint64_t start, uint64_t end);

/* Does the list cover all of [start, end)? */
bool range_list_covers(const struct range_list *l, uint64_t start,
		       uint64_t end);

/* Does any range of the list intersect [start, end)? */
bool range_list_intersects(const struct range_list *l, uint64_t start,
			   uint64_t end);

/* Total bytes in the list. */
uint64_t range_list_total(const struct range_list *l);

void range_list_free(struct range_list *l);

/*
 * The memory map a backend builds: RAM, and the parts of RAM that must never
 * be a segment destination (running kernel, firmware, tables...).
 * "rma_end" is an optional upper bound (exclusive) for segments that run with
 * the MMU off (the real-mode area); 0 means none.
 */
struct memory_map {
	struct range_list ram;
	struct range_list reserved;
	uint64_t rma_end;
	/* The kernel refuses segments totalling more than half of RAM; the
	 * backend clears this for crash loads, whose RAM is the reserved
	 * crash region. */
	bool check_half_ram;
	/* The RAM the kernel counts for that rule (totalram_pages(), shown
	 * as /proc/meminfo MemTotal), in bytes; 0 = unknown, use the total
	 * of "ram".  It differs from "ram" where the running kernel has
	 * memory the device tree does not describe (PS3 high memory). */
	uint64_t total_ram;
};

void memory_map_free(struct memory_map *m);

/* RAM minus reservations: the places a segment may go.  The result is a new
 * list owned by the caller.  0 or -ENOMEM. */
int memory_map_usable(const struct memory_map *m, struct range_list *out);

#endif /* KX_RANGES_H */
