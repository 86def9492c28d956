// SPDX-License-Identifier: GPL-2.0-only
/*
 * ranges.c - sorted, merged lists of physical address ranges.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ranges.h"

static int range_list_reserve(struct range_list *l, size_t need)
{
	struct range *r;
	size_t cap;

	if (need <= l->cap)
		return 0;
	cap = l->cap ? l->cap * 2 : 8;
	while (cap < need)
		cap *= 2;
	r = realloc(l->r, cap * sizeof(*r));
	if (!r)
		return -ENOMEM;
	l->r = r;
	l->cap = cap;
	return 0;
}

static void range_list_delete(struct range_list *l, size_t i, size_t count)
{
	memmove(&l->r[i], &l->r[i + count],
		(l->n - i - count) * sizeof(l->r[0]));
	l->n -= count;
}

int range_list_add(struct range_list *l, uint64_t start, uint64_t end)
{
	size_t lo = 0, hi = l->n, i, j;

	if (start >= end)
		return 0;
	/* First range that ends at or after start (it may merge), by
	 * bisection: the ranges are sorted and disjoint. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->r[mid].end < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	i = lo;
	/* Ranges i..j-1 touch or overlap [start, end). */
	for (j = i; j < l->n && l->r[j].start <= end; j++) {
		if (l->r[j].start < start)
			start = l->r[j].start;
		if (l->r[j].end > end)
			end = l->r[j].end;
	}
	if (j > i) {
		l->r[i].start = start;
		l->r[i].end = end;
		range_list_delete(l, i + 1, j - i - 1);
		return 0;
	}
	if (range_list_reserve(l, l->n + 1))
		return -ENOMEM;
	memmove(&l->r[i + 1], &l->r[i], (l->n - i) * sizeof(l->r[0]));
	l->r[i].start = start;
	l->r[i].end = end;
	l->n++;
	return 0;
}

int range_list_remove(struct range_list *l, uint64_t start, uint64_t end)
{
	size_t i = 0;

	if (start >= end)
		return 0;
	while (i < l->n) {
		struct range *r = &l->r[i];

		if (r->end <= start || r->start >= end) {
			i++;
			continue;
		}
		if (r->start < start && r->end > end) {
			/* Split in two. */
			if (range_list_reserve(l, l->n + 1))
				return -ENOMEM;
			r = &l->r[i];
			memmove(&l->r[i + 1], r, (l->n - i) * sizeof(*r));
			l->n++;
			l->r[i].end = start;
			l->r[i + 1].start = end;
			return 0;
		}
		if (r->start < start) {
			r->end = start;
			i++;
		} else if (r->end > end) {
			r->start = end;
			i++;
		} else {
			range_list_delete(l, i, 1);
		}
	}
	return 0;
}

bool range_list_covers(const struct range_list *l, uint64_t start,
		       uint64_t end)
{
	size_t i;

	if (start >= end)
		return true;
	for (i = 0; i < l->n; i++)
		if (l->r[i].start <= start && l->r[i].end >= end)
			return true;
	return false;
}

bool range_list_intersects(const struct range_list *l, uint64_t start,
			   uint64_t end)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->r[i].start < end && l->r[i].end > start)
			return true;
	return false;
}

uint64_t range_list_total(const struct range_list *l)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < l->n; i++)
		total += l->r[i].end - l->r[i].start;
	return total;
}

void range_list_free(struct range_list *l)
{
	free(l->r);
	l->r = NULL;
	l->n = 0;
	l->cap = 0;
}

void memory_map_free(struct memory_map *m)
{
	range_list_free(&m->ram);
	range_list_free(&m->reserved);
	m->rma_end = 0;
}

int memory_map_usable(const struct memory_map *m, struct range_list *out)
{
	size_t i;
	int ret;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < m->ram.n; i++) {
		ret = range_list_add(out, m->ram.r[i].start, m->ram.r[i].end);
		if (ret)
			goto fail;
	}
	for (i = 0; i < m->reserved.n; i++) {
		ret = range_list_remove(out, m->reserved.r[i].start,
					m->reserved.r[i].end);
		if (ret)
			goto fail;
	}
	return 0;
fail:
	range_list_free(out);
	return ret;
}
