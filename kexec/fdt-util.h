/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fdt-util.h - the one module through which device trees are read and
 * written, on libfdt.
 *
 * A struct fdtu is a flattened tree in a malloc'd buffer that grows when a
 * write needs room, so callers never size buffers.  Trees come from a
 * /proc/device-tree style directory (nodes are directories, properties are
 * files) or from a blob (a --dtb file, /sys/firmware/fdt).  Readers take a
 * const blob and check every property length before use.
 *
 * Errors are negative errnos: -ENOMEM, -EINVAL (a malformed tree or
 * property, with a diagnostic when a struct diag is passed), -ENOENT (a
 * node or property is missing) and -E2BIG (a tree would pass INT_MAX).
 */
#ifndef KX_FDT_UTIL_H
#define KX_FDT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ranges.h"

struct fdtu {
	void *fdt;		/* the tree, in a buffer of "size" bytes */
	size_t size;
};

/* An empty tree (a root node only).  0 or -ENOMEM. */
int fdtu_new(struct fdtu *t);

/*
 * Copy a flattened tree from blob (len bytes, e.g. a --dtb file) after
 * checking it: header, total size inside len, structure.  "name" names the
 * source in diagnostics.  0, -EINVAL with a KX_EXIT_INPUT diagnostic, or
 * -ENOMEM.
 */
int fdtu_from_blob(struct fdtu *t, const void *blob, size_t len,
		   const char *name, struct diag *d);

/*
 * Build a tree from a directory in /proc/device-tree layout: every
 * subdirectory a node, every regular file a property read whole (any
 * size).  Entries are visited in name order so the result is stable.  The
 * root node's "name" file, if any, is skipped (an FDT root is unnamed).
 * 0, -ENOENT / -EIO with a KX_EXIT_SYSTEM diagnostic naming the path,
 * -ENOMEM.
 */
int fdtu_from_dir(struct fdtu *t, const char *dir, struct diag *d);

void fdtu_free(struct fdtu *t);

/* Set a property, growing the tree.  0, -ENOMEM, -EINVAL (bad node). */
int fdtu_setprop(struct fdtu *t, int node, const char *name,
		 const void *val, size_t len);
int fdtu_setprop_u32(struct fdtu *t, int node, const char *name, uint32_t v);
int fdtu_setprop_u64(struct fdtu *t, int node, const char *name, uint64_t v);
int fdtu_setprop_string(struct fdtu *t, int node, const char *name,
			const char *s);

/* Delete a property; a missing one is not an error.  0 or -EINVAL. */
int fdtu_delprop(struct fdtu *t, int node, const char *name);

/* Offset of the node at path, creating it (and its parents) if needed.
 * Returns the offset (>= 0), -ENOMEM, or -EINVAL. */
int fdtu_node(struct fdtu *t, const char *path);

/* Add a memory reservation entry, growing the tree.  0 or -ENOMEM. */
int fdtu_add_rsv(struct fdtu *t, uint64_t addr, uint64_t size);

/* Replace the whole reservation map by one entry per range of l, in time
 * linear in the tree.  0, -ENOMEM, -E2BIG or -EINVAL (a bad tree). */
int fdtu_set_rsvmap(struct fdtu *t, const struct range_list *l);

/*
 * Pack the tree, leave "headroom" free bytes for the next kernel's own
 * edits, make it version 17 and check the whole structure.  0, -ENOMEM,
 * -EINVAL (with a diagnostic: the tree is not well formed).
 */
int fdtu_finish(struct fdtu *t, size_t headroom, struct diag *d);

/* ---- reading (blob must have passed fdtu_from_blob/fdtu_from_dir) ---- */

/* Property bytes and length, or NULL when missing. */
const void *fdtu_getprop(const void *fdt, int node, const char *name,
			 size_t *len);

/*
 * Read an integer property of exactly 4 or 8 bytes (big-endian, as
 * every tree stores them).  0, -ENOENT (missing) or -EINVAL (other size).
 */
int fdtu_get_uint(const void *fdt, int node, const char *name, uint64_t *v);

/* Read a number of "cells" 32-bit cells (1 or 2) at p.  Pure. */
uint64_t fdtu_read_cells(const void *p, int cells);

/* Is "s" one of the strings of a string-list property? */
bool fdtu_prop_has_string(const void *fdt, int node, const char *name,
			  const char *s);

/* The root's #address-cells / #size-cells (2 and 1 when absent; 1 or 2
 * accepted, anything else is -EINVAL). */
int fdtu_root_cells(const void *fdt, int *addr_cells, int *size_cells);

/*
 * Add every memory-reservation entry of a blob to out; with skip_self,
 * not those exactly as long as the blob's total size (a loader's
 * reservation of the tree itself).  The blob is checked first (a
 * /sys/firmware/fdt file may be anything).  0, -EINVAL, -ENOMEM.
 */
int fdtu_read_rsvmap(const void *blob, size_t len, bool skip_self,
		     struct range_list *out);

/* Full structural check of a finished tree of len bytes: 0 or -EINVAL. */
int fdtu_check(const void *fdt, size_t len);

#endif /* KX_FDT_UTIL_H */
