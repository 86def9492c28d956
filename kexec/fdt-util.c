// SPDX-License-Identifier: GPL-2.0-only
/*
 * fdt-util.c - growable flattened device trees on libfdt: built from a
 * /proc/device-tree directory or a blob, edited, checked.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#include "fdt-util.h"

#define FDTU_INITIAL_SIZE	4096
#define FDTU_MAX_SIZE		((size_t)INT_MAX / 2)

/* A libfdt error as a negative errno. */
static int fdtu_errno_(int err)
{
	switch (err) {
	case 0:
		return 0;
	case -FDT_ERR_NOTFOUND:
		return -ENOENT;
	case -FDT_ERR_NOSPACE:
		return -ENOMEM;
	default:
		return -EINVAL;
	}
}

/* Grow the buffer so at least "need" more bytes are free. */
static int fdtu_grow_(struct fdtu *t, size_t need)
{
	size_t size = t->size * 2;
	void *p;

	while (size < t->size + need + 256)
		size *= 2;
	if (size > FDTU_MAX_SIZE)
		return -E2BIG;
	p = realloc(t->fdt, size);
	if (!p)
		return -ENOMEM;
	t->fdt = p;
	t->size = size;
	return fdtu_errno_(fdt_open_into(p, p, (int)size));
}

int fdtu_new(struct fdtu *t)
{
	t->size = FDTU_INITIAL_SIZE;
	t->fdt = malloc(t->size);
	if (!t->fdt)
		return -ENOMEM;
	return fdtu_errno_(fdt_create_empty_tree(t->fdt, (int)t->size));
}

void fdtu_free(struct fdtu *t)
{
	free(t->fdt);
	t->fdt = NULL;
	t->size = 0;
}

/*
 * libfdt's iterators trust every tag to move them forward; a property
 * whose length is -12 takes fdt_next_tag() back to its own offset, and
 * then every walk of that node (fdt_next_node(), fdt_getprop(), ...)
 * loops forever.  Walk every tag once, insisting on progress, before any
 * of them runs: at most size_dt_struct / 4 steps.
 */
static int check_tags_(const void *fdt)
{
	int offset = 0, next, tag;

	do {
		tag = fdt_next_tag(fdt, offset, &next);
		if (next <= offset)
			return -EINVAL;
		offset = next;
	} while (tag != FDT_END);
	return 0;
}

int fdtu_check(const void *fdt, size_t len)
{
	int node = 0, depth = 0, prop, plen;
	const char *name;

	if (len < sizeof(struct fdt_header) || fdt_check_header(fdt) ||
	    fdt_totalsize(fdt) > len || fdt_num_mem_rsv(fdt) < 0 ||
	    check_tags_(fdt))
		return -EINVAL;
	/* fdt_next_node() ends with -FDT_ERR_NOTFOUND or depth < 0 past the
	 * root's end, depending on the libfdt version. */
	for (; node >= 0 && depth >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (!fdt_get_name(fdt, node, NULL))
			return -EINVAL;
		fdt_for_each_property_offset(prop, fdt, node)
			if (!fdt_getprop_by_offset(fdt, prop, &name, &plen))
				return -EINVAL;
		if (prop != -FDT_ERR_NOTFOUND)
			return -EINVAL;
	}
	return node == -FDT_ERR_NOTFOUND || depth < 0 ? 0 : -EINVAL;
}

int fdtu_from_blob(struct fdtu *t, const void *blob, size_t len,
		   const char *name, struct diag *d)
{
	size_t total;

	if (len < sizeof(struct fdt_header) || fdt_check_header(blob))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: not a flattened device tree", name);
	total = fdt_totalsize(blob);
	if (total > len || total > FDTU_MAX_SIZE || fdtu_check(blob, len))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: device tree is truncated or corrupt",
				 name);
	t->size = total + FDTU_INITIAL_SIZE;
	t->fdt = malloc(t->size);
	if (!t->fdt)
		return -ENOMEM;
	if (fdt_open_into(blob, t->fdt, (int)t->size)) {
		fdtu_free(t);
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: device tree can not be opened", name);
	}
	return 0;
}

int fdtu_setprop(struct fdtu *t, int node, const char *name,
		 const void *val, size_t len)
{
	int err, ret;

	if (len > FDTU_MAX_SIZE)
		return -E2BIG;
	for (;;) {
		err = fdt_setprop(t->fdt, node, name, val, (int)len);
		if (err != -FDT_ERR_NOSPACE)
			return fdtu_errno_(err);
		ret = fdtu_grow_(t, len + strlen(name) + 16);
		if (ret)
			return ret;
	}
}

int fdtu_setprop_u32(struct fdtu *t, int node, const char *name, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	return fdtu_setprop(t, node, name, &be, sizeof(be));
}

int fdtu_setprop_u64(struct fdtu *t, int node, const char *name, uint64_t v)
{
	fdt64_t be = cpu_to_fdt64(v);

	return fdtu_setprop(t, node, name, &be, sizeof(be));
}

int fdtu_setprop_string(struct fdtu *t, int node, const char *name,
			const char *s)
{
	return fdtu_setprop(t, node, name, s, strlen(s) + 1);
}

int fdtu_delprop(struct fdtu *t, int node, const char *name)
{
	int err = fdt_delprop(t->fdt, node, name);

	return err == -FDT_ERR_NOTFOUND ? 0 : fdtu_errno_(err);
}

/* Offset of subnode "name" (namelen bytes) of parent, added if missing. */
static int fdtu_subnode_(struct fdtu *t, int parent, const char *name,
			 int namelen)
{
	int off, ret;

	off = fdt_subnode_offset_namelen(t->fdt, parent, name, namelen);
	if (off != -FDT_ERR_NOTFOUND)
		return off < 0 ? fdtu_errno_(off) : off;
	for (;;) {
		off = fdt_add_subnode_namelen(t->fdt, parent, name, namelen);
		if (off != -FDT_ERR_NOSPACE)
			return off < 0 ? fdtu_errno_(off) : off;
		ret = fdtu_grow_(t, (size_t)namelen + 16);
		if (ret)
			return ret;
	}
}

int fdtu_node(struct fdtu *t, const char *path)
{
	const char *p = path, *end;
	int node = 0;

	while (node >= 0 && *p) {
		while (*p == '/')
			p++;
		end = strchrnul(p, '/');
		if (end > p)
			node = fdtu_subnode_(t, node, p, (int)(end - p));
		p = end;
	}
	return node;
}

int fdtu_add_rsv(struct fdtu *t, uint64_t addr, uint64_t size)
{
	int err, ret;

	for (;;) {
		err = fdt_add_mem_rsv(t->fdt, addr, size);
		if (err != -FDT_ERR_NOSPACE)
			return fdtu_errno_(err);
		ret = fdtu_grow_(t, 16);
		if (ret)
			return ret;
	}
}

/*
 * Replace the whole reservation map in one splice: libfdt adds or deletes
 * one entry at a time, each moving the rest of the tree, which made many
 * entries quadratic.  The tree is first laid out canonically and
 * without gaps (header, map, structure, strings, free space), then
 * structure and strings move once by the change in the map's size.
 */
int fdtu_set_rsvmap(struct fdtu *t, const struct range_list *l)
{
	const size_t ent = sizeof(struct fdt_reserve_entry);
	size_t old_map, new_map, body, used, i;
	char *map;
	int n, ret;

	if (l->n > FDTU_MAX_SIZE / ent)
		return -E2BIG;
	/*
	 * fdt_open_into() keeps a tree whose blocks are in order as it is,
	 * gaps between them and an unaligned map included; fdt_pack() then
	 * closes the gaps, so the map sits at its aligned place right after
	 * the header and structure and strings follow it tightly.
	 */
	ret = fdtu_errno_(fdt_open_into(t->fdt, t->fdt, (int)t->size));
	if (!ret)
		ret = fdtu_errno_(fdt_pack(t->fdt));
	if (!ret)
		fdt_set_totalsize(t->fdt, (uint32_t)t->size);
	n = ret ? 0 : fdt_num_mem_rsv(t->fdt);
	if (ret || n < 0)
		return ret ? ret : -EINVAL;
	old_map = ((size_t)n + 1) * ent;
	new_map = (l->n + 1) * ent;
	body = fdt_size_dt_struct(t->fdt) + fdt_size_dt_strings(t->fdt);
	used = fdt_off_dt_struct(t->fdt) + body;
	if (new_map > old_map && used + new_map - old_map > t->size) {
		ret = fdtu_grow_(t, new_map - old_map);
		if (ret)
			return ret;
	}
	map = (char *)t->fdt + fdt_off_mem_rsvmap(t->fdt);
	memmove(map + new_map, map + old_map, body);
	fdt_set_off_dt_struct(t->fdt, (uint32_t)(fdt_off_mem_rsvmap(t->fdt) +
						 new_map));
	fdt_set_off_dt_strings(t->fdt, fdt_off_dt_struct(t->fdt) +
			       fdt_size_dt_struct(t->fdt));
	/* Byte-wise stores: no alignment is assumed of the buffer. */
	for (i = 0; i <= l->n; i++, map += ent) {
		fdt64_st(map, i < l->n ? l->r[i].start : 0);
		fdt64_st(map + sizeof(fdt64_t),
			 i < l->n ? l->r[i].end - l->r[i].start : 0);
	}
	return 0;
}

int fdtu_finish(struct fdtu *t, size_t headroom, struct diag *d)
{
	size_t size;
	void *p;
	int err;

	err = fdt_pack(t->fdt);
	if (err)
		goto bad;
	size = fdt_totalsize(t->fdt) + headroom;
	if (size > FDTU_MAX_SIZE)
		return -E2BIG;
	p = realloc(t->fdt, size > t->size ? size : t->size);
	if (!p)
		return -ENOMEM;
	t->fdt = p;
	err = fdt_open_into(p, p, (int)size);
	if (err)
		goto bad;
	t->size = size;
	if (fdt_version(p) != 17 || fdtu_check(p, size))
		goto bad;
	return 0;
bad:
	return diag_fail(d, KX_EXIT_FAILURE, -EINVAL,
			 "the new device tree is not well formed: %s",
			 err ? fdt_strerror(err) : "structure check failed");
}

/* ---- building from a directory ---- */

/* Read a whole file; *buf is malloc'd (never NULL on success). */
static int read_whole_(int dirfd, const char *name, char **buf, size_t *len)
{
	size_t cap = 256, n = 0;
	char *b = NULL, *nb;
	ssize_t r;
	int fd, ret = 0;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		if (!b || n == cap) {
			cap = b ? cap * 2 : cap;
			nb = cap <= FDTU_MAX_SIZE ? realloc(b, cap) : NULL;
			if (!nb) {
				ret = -ENOMEM;
				break;
			}
			b = nb;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			ret = r < 0 ? -errno : 0;
			break;
		}
		n += (size_t)r;
	}
	close(fd);
	if (ret) {
		free(b);
		return ret;
	}
	*buf = b;
	*len = n;
	return 0;
}

static int copy_dir_(struct fdtu *t, const char *path, int node,
		     struct diag *d);

static int dot_filter_(const struct dirent *e)
{
	return strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
}

/* Copy one directory entry: a property file or a subnode directory. */
static int copy_entry_(struct fdtu *t, const char *path, int dirfd,
		       const char *name, int node, struct diag *d)
{
	struct stat st;
	char *buf = NULL, *sub;
	size_t len = 0;
	int ret, child;

	if (fstatat(dirfd, name, &st, 0))
		ret = -errno;
	else if (S_ISDIR(st.st_mode)) {
		child = fdtu_subnode_(t, node, name, (int)strlen(name));
		if (child < 0)
			return child;
		if (asprintf(&sub, "%s/%s", path, name) < 0)
			return -ENOMEM;
		ret = copy_dir_(t, sub, child, d);
		free(sub);
		return ret;
	} else if (!S_ISREG(st.st_mode))
		return 0;
	else
		ret = read_whole_(dirfd, name, &buf, &len);
	if (!ret)
		ret = fdtu_setprop(t, node, name, buf, len);
	free(buf);
	if (ret && ret != -ENOMEM)
		diag_fail(d, KX_EXIT_SYSTEM, ret, "%s/%s: %s", path, name,
			  strerror(-ret));
	return ret;
}

static bool entry_is_dir_(int dirfd, const struct dirent *e)
{
	struct stat st;

	if (e->d_type != DT_UNKNOWN)
		return e->d_type == DT_DIR;
	return !fstatat(dirfd, e->d_name, &st, 0) && S_ISDIR(st.st_mode);
}

/*
 * Copy the properties (files) of a directory, then its subnodes.  libfdt
 * inserts a new property or subnode before its siblings, so both passes go
 * in reverse name order to leave the tree in name order.
 */
static int copy_dir_(struct fdtu *t, const char *path, int node,
		     struct diag *d)
{
	struct dirent **ents = NULL;
	int n, i, pass, dirfd, ret = 0;

	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	n = dirfd < 0 ? -1 : scandir(path, &ents, dot_filter_, alphasort);
	if (n < 0) {
		ret = -errno;
		if (dirfd >= 0)
			close(dirfd);
		return diag_fail(d, KX_EXIT_SYSTEM, ret, "%s: %s", path,
				 strerror(-ret));
	}
	for (pass = 0; pass < 2; pass++)
		for (i = n - 1; i >= 0 && !ret; i--)
			if (entry_is_dir_(dirfd, ents[i]) == (pass == 1))
				ret = copy_entry_(t, path, dirfd,
						  ents[i]->d_name, node, d);
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	close(dirfd);
	return ret;
}

int fdtu_from_dir(struct fdtu *t, const char *dir, struct diag *d)
{
	int ret = fdtu_new(t);

	if (!ret)
		ret = copy_dir_(t, dir, 0, d);
	if (ret)
		fdtu_free(t);
	return ret;
}

/* ---- reading ---- */

const void *fdtu_getprop(const void *fdt, int node, const char *name,
			 size_t *len)
{
	const void *p;
	int l;

	p = fdt_getprop(fdt, node, name, &l);
	if (!p || l < 0)
		return NULL;
	if (len)
		*len = (size_t)l;
	return p;
}

uint64_t fdtu_read_cells(const void *p, int cells)
{
	const uint8_t *b = p;
	uint64_t v = 0;
	int i;

	for (i = 0; i < cells * 4; i++)
		v = (v << 8) | b[i];
	return v;
}

int fdtu_get_uint(const void *fdt, int node, const char *name, uint64_t *v)
{
	const void *p;
	size_t len;

	p = fdtu_getprop(fdt, node, name, &len);
	if (!p)
		return -ENOENT;
	if (len != 4 && len != 8)
		return -EINVAL;
	*v = fdtu_read_cells(p, (int)len / 4);
	return 0;
}

bool fdtu_prop_has_string(const void *fdt, int node, const char *name,
			  const char *s)
{
	return node >= 0 && fdt_stringlist_search(fdt, node, name, s) >= 0;
}

static int root_cells_(const void *fdt, const char *name, int dflt)
{
	uint64_t v;
	int ret = fdtu_get_uint(fdt, 0, name, &v);

	if (ret == -ENOENT)
		return dflt;
	if (ret || v < 1 || v > 2)
		return -EINVAL;
	return (int)v;
}

int fdtu_root_cells(const void *fdt, int *addr_cells, int *size_cells)
{
	*addr_cells = root_cells_(fdt, "#address-cells", 2);
	*size_cells = root_cells_(fdt, "#size-cells", 1);
	return *addr_cells < 0 || *size_cells < 0 ? -EINVAL : 0;
}

int fdtu_read_rsvmap(const void *blob, size_t len, bool skip_self,
		     struct range_list *out)
{
	uint64_t addr, size;
	int i, n, ret;

	if (len < sizeof(struct fdt_header) || fdt_check_header(blob) ||
	    fdt_totalsize(blob) > len)
		return -EINVAL;
	n = fdt_num_mem_rsv(blob);
	if (n < 0)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (fdt_get_mem_rsv(blob, i, &addr, &size))
			return -EINVAL;
		if (addr + size < addr)
			return -EINVAL;
		if (skip_self && size == fdt_totalsize(blob))
			continue;
		ret = range_list_add(out, addr, addr + size);
		if (ret)
			return ret;
	}
	return 0;
}
