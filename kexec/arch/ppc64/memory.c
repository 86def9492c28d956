// SPDX-License-Identifier: GPL-2.0-only
/*
 * memory.c - the ppc64 memory map, read from a flattened copy of the
 * running system's device tree.  Pure: no I/O.
 *
 * RAM: memory nodes' reg, plus the assigned, unreserved LMBs of
 * ibm,dynamic-reconfiguration-memory (v1 and v2; flags from
 * arch/powerpc/include/asm/drmem.h, used as early_init_drmem_lmb() uses
 * them: DRCONF_MEM_ASSIGNED 0x8 set and DRCONF_MEM_RESERVED 0x80 clear;
 * Linux 6.1 defines no 0x20 flag, and 0x40 only invalidates the
 * associativity index).  A crash kernel's usable-memory properties are
 * written here too, walking the same LMBs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "arch/ppc64/ppc64.h"
#include "plan.h"

#define DRCONF_MEM_ASSIGNED	0x00000008
#define DRCONF_MEM_RESERVED	0x00000080
/* The largest ppc64 page size: reservations are rounded to pages. */
#define PPC64_MAX_PAGE		0x10000
/*
 * Bounds of the LMB list, so the work done for it stays proportional to
 * memory a kernel could have: an LMB is a memory block, which the kernel
 * needs to be a power of two of at least a memory section
 * (memory_dev_init() in drivers/base/memory.c panics otherwise;
 * SECTION_SIZE_BITS 24 in arch/powerpc/include/asm/sparsemem.h), and the
 * LMBs together describe at most the physical memory a ppc64 kernel
 * addresses (H_MAX_PHYSMEM_BITS 51, asm/book3s/64/hash-64k.h): so at most
 * 2^27 LMBs.
 */
#define PPC64_MIN_LMB_SIZE	(1ULL << 24)
#define PPC64_MAX_PHYS_BITS	51
#define PPC64_MAX_PHYS		(1ULL << PPC64_MAX_PHYS_BITS)

static int bad_node(struct diag *d, const char *name, const void *fdt,
		    int node, const char *what)
{
	char path[256];

	if (fdt_get_path(fdt, node, path, sizeof(path)))
		strcpy(path, "?");
	return diag_fail(d, KX_EXIT_SYSTEM, -EINVAL, "%s: %s: %s", name,
			 path, what);
}

/*
 * Add base/size pairs of a reg-like property to out; "lowest" (optional,
 * end 0 when unset) tracks the entry with the lowest base.
 */
static int add_reg(struct range_list *out, const uint8_t *p, size_t len,
		   int ac, int sc, struct range *lowest)
{
	size_t entry = (size_t)(ac + sc) * 4, i;
	uint64_t base, size;
	int ret;

	if (len % entry)
		return -EINVAL;
	for (i = 0; i < len; i += entry) {
		base = fdtu_read_cells(p + i, ac);
		size = fdtu_read_cells(p + i + (size_t)ac * 4, sc);
		if (base + size < base)
			return -EINVAL;
		if (lowest && size && (!lowest->end || base < lowest->start)) {
			lowest->start = base;
			lowest->end = base + size;
		}
		ret = range_list_add(out, base, base + size);
		if (ret)
			return ret;
	}
	return 0;
}

static bool is_memory_node(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	const char *type;
	size_t len;

	type = fdtu_getprop(fdt, node, "device_type", &len);
	if (type && len == 7 && !memcmp(type, "memory", 7))
		return true;
	return name && (!strcmp(name, "memory") ||
			!strncmp(name, "memory@", 7));
}

/*
 * Memory nodes: RAM, and the real-mode area as their lowest block (the
 * kernel's first memblock, which sets ppc64_rma_size).
 */
static int read_memory_nodes(const void *fdt, const char *name, int ac,
			     int sc, struct ppc64_dtinfo *info,
			     struct diag *d)
{
	struct range lowest = { 0, 0 };
	const void *reg;
	size_t len;
	int node, ret;

	fdt_for_each_subnode(node, fdt, 0) {
		if (!is_memory_node(fdt, node))
			continue;
		reg = fdtu_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		ret = add_reg(&info->ram, reg, len, ac, sc, &lowest);
		if (ret == -EINVAL)
			return bad_node(d, name, fdt, node,
					"reg does not match #address-cells "
					"and #size-cells");
		if (ret)
			return ret;
	}
	info->rma_end = lowest.end;
	return 0;
}

/* The dynamic-reconfiguration node's LMB list, as found in a tree. */
struct drconf {
	int node;
	uint64_t lmb_size;
	const uint8_t *list;	/* ibm,dynamic-memory(-v2) */
	size_t len;
	bool v2;
};

/* 0 with dc filled; 1 when there is no node or no LMB list; -EDOM for
 * a missing or bad ibm,lmb-size. */
static int drconf_find(const void *fdt, struct drconf *dc)
{
	dc->node = fdt_path_offset(fdt, "/ibm,dynamic-reconfiguration-memory");
	if (dc->node < 0)
		return 1;
	if (fdtu_get_uint(fdt, dc->node, "ibm,lmb-size", &dc->lmb_size) ||
	    dc->lmb_size < PPC64_MIN_LMB_SIZE ||
	    (dc->lmb_size & (dc->lmb_size - 1)))
		return -EDOM;
	dc->v2 = true;
	dc->list = fdtu_getprop(fdt, dc->node, "ibm,dynamic-memory-v2",
				&dc->len);
	if (!dc->list) {
		dc->v2 = false;
		dc->list = fdtu_getprop(fdt, dc->node, "ibm,dynamic-memory",
					&dc->len);
	}
	return dc->list ? 0 : 1;
}

/*
 * Call fn(base, end, lmb_size, arg) for each run of the LMBs the kernel
 * adds, in list order.  The list is a u32 count, then entries of ac
 * address cells and four u32 cells, flags last: ibm,dynamic-memory (v1)
 * entries are {addr, drc, reserved, aa, flags}, one LMB each;
 * ibm,dynamic-memory-v2 entries are {count, addr, drc, aa, flags}, a run
 * of LMBs.  Only assigned, unreserved LMBs count (early_init_drmem_lmb()).
 * 0, fn's error, -EINVAL when the list is truncated, or -ERANGE when its
 * LMBs reach past, or add up to more than, PPC64_MAX_PHYS (checked before
 * fn sees the run).
 */
static int drconf_walk(const struct drconf *dc, int ac,
		       int (*fn)(uint64_t base, uint64_t end,
				 uint64_t lmb_size, void *arg), void *arg)
{
	const uint64_t max_lmbs = PPC64_MAX_PHYS / dc->lmb_size;
	size_t entry = (size_t)ac * 4 + 16, i, runs;
	uint64_t base, n, total = 0;
	const uint8_t *e;
	uint32_t flags;
	int ret;

	if (dc->len < 4)
		return -EINVAL;
	runs = fdtu_read_cells(dc->list, 1);
	if (runs > (dc->len - 4) / entry)
		return -EINVAL;
	for (i = 0, e = dc->list + 4; i < runs; i++, e += entry) {
		n = dc->v2 ? fdtu_read_cells(e, 1) : 1;
		base = fdtu_read_cells(e + (dc->v2 ? 4 : 0), ac);
		flags = (uint32_t)fdtu_read_cells(e + entry - 4, 1);
		if (!(flags & DRCONF_MEM_ASSIGNED) ||
		    (flags & DRCONF_MEM_RESERVED) || !n)
			continue;
		if (base > PPC64_MAX_PHYS ||
		    n > (PPC64_MAX_PHYS - base) / dc->lmb_size ||
		    n > max_lmbs - total)
			return -ERANGE;
		total += n;
		ret = fn(base, base + n * dc->lmb_size, dc->lmb_size, arg);
		if (ret)
			return ret;
	}
	return 0;
}

static int add_ram_run(uint64_t base, uint64_t end, uint64_t lmb_size,
		       void *arg)
{
	struct ppc64_dtinfo *info = arg;

	return range_list_add(&info->ram, base, end);
}

/* The diagnostic for an error of drconf_find() or drconf_walk(). */
static int drconf_error(struct diag *d, enum kx_exit cls, const char *name,
			const void *fdt, const struct drconf *dc, int err)
{
	char path[256];
	const char *list = dc->v2 ? "ibm,dynamic-memory-v2"
				  : "ibm,dynamic-memory";

	if (err != -EDOM && err != -EINVAL && err != -ERANGE)
		return err;
	if (fdt_get_path(fdt, dc->node, path, sizeof(path)))
		strcpy(path, "?");
	if (err == -EDOM)
		return diag_fail(d, cls, err, "%s: %s: ibm,lmb-size is missing "
				 "or not a power of two of at least 16 MiB "
				 "(the kernel's smallest memory block)",
				 name, path);
	if (err == -EINVAL)
		return diag_fail(d, cls, err, "%s: %s: %s is truncated", name,
				 path, list);
	return diag_fail(d, cls, err, "%s: %s: %s describes LMBs of 0x%"
			 PRIx64 " bytes past %d bits of physical memory, "
			 "more than a ppc64 kernel addresses", name, path,
			 list, dc->lmb_size, PPC64_MAX_PHYS_BITS);
}

static int read_drconf(const void *fdt, const char *name, int ac,
		       struct ppc64_dtinfo *info, struct diag *d)
{
	struct drconf dc = { .node = -1 };
	int ret;

	ret = drconf_find(fdt, &dc);
	if (!ret)
		ret = drconf_walk(&dc, ac, add_ram_run, info);
	return ret > 0 ? 0 : drconf_error(d, KX_EXIT_SYSTEM, name, fdt, &dc,
					  ret);
}

/* An optional /chosen (or other) integer; 0 when absent. */
static int get_opt_uint(const void *fdt, int node, const char *prop,
			uint64_t *v)
{
	int ret = fdtu_get_uint(fdt, node, prop, v);

	if (ret == -ENOENT) {
		*v = 0;
		return 0;
	}
	return ret;
}

static int read_chosen(const void *fdt, const char *name,
		       struct ppc64_dtinfo *info, struct diag *d)
{
	static const char *const props[] = {
		"linux,kernel-end", "linux,memory-limit",
		"linux,crashkernel-base", "linux,crashkernel-size",
		"linux,initrd-start", "linux,initrd-end",
	};
	uint64_t *dst[] = {
		&info->kernel_end, &info->memory_limit,
		&info->crash_base, &info->crash_size,
		&info->initrd_start, &info->initrd_end,
	};
	int node = fdt_path_offset(fdt, "/chosen");
	size_t i;

	if (node < 0)
		return 0;
	for (i = 0; i < sizeof(dst) / sizeof(dst[0]); i++)
		if (get_opt_uint(fdt, node, props[i], dst[i]))
			return bad_node(d, name, fdt, node, props[i]);
	return 0;
}

/* A base/size pair of properties into list; absent is fine. */
static int add_prop_pair(const void *fdt, int node, const char *base_prop,
			 const char *size_prop, struct range_list *list)
{
	uint64_t base, size;

	if (get_opt_uint(fdt, node, base_prop, &base) ||
	    get_opt_uint(fdt, node, size_prop, &size) || base + size < base)
		return -EINVAL;
	return size ? range_list_add(list, base, base + size) : 0;
}

/* RTAS, TCE tables anywhere, the root's reserved-ranges. */
static int read_firmware(const void *fdt, const char *name,
			 struct ppc64_dtinfo *info, struct diag *d)
{
	const void *p;
	size_t len;
	int node, depth = 0, ret;

	node = fdt_path_offset(fdt, "/rtas");
	if (node >= 0 && add_prop_pair(fdt, node, "linux,rtas-base",
				       "rtas-size", &info->fw_rsv))
		return bad_node(d, name, fdt, node, "bad linux,rtas-base");
	for (node = 0; node >= 0 && depth >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (add_prop_pair(fdt, node, "linux,tce-base",
				  "linux,tce-size", &info->fw_rsv))
			return bad_node(d, name, fdt, node,
					"bad linux,tce-base/-size");
	}
	p = fdtu_getprop(fdt, 0, "reserved-ranges", &len);
	if (p) {
		ret = add_reg(&info->fw_rsv, p, len, 2, 2, NULL);
		if (ret == -EINVAL)
			return bad_node(d, name, fdt, 0, "bad reserved-ranges");
		if (ret)
			return ret;
	}
	return 0;
}

/* Memory the loader must avoid but the next kernel need not keep: the
 * running kernel, its hash table, /reserved-memory (kept in the tree). */
static int read_loader_only(const void *fdt, const char *name,
			    struct ppc64_dtinfo *info, struct diag *d)
{
	const void *reg;
	size_t len;
	int node, child, ac, sc;

	node = fdt_path_offset(fdt, "/chosen");
	if (node >= 0 && add_prop_pair(fdt, node, "linux,htab-base",
				       "linux,htab-size", &info->reserved))
		return bad_node(d, name, fdt, node, "bad linux,htab-base");
	if (range_list_add(&info->reserved, 0, info->kernel_end))
		return -ENOMEM;
	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node < 0)
		return 0;
	ac = fdt_address_cells(fdt, node);
	sc = fdt_size_cells(fdt, node);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return bad_node(d, name, fdt, node, "bad #address-cells");
	fdt_for_each_subnode(child, fdt, node) {
		reg = fdtu_getprop(fdt, child, "reg", &len);
		if (reg && add_reg(&info->reserved, reg, len, ac, sc, NULL))
			return bad_node(d, name, fdt, child, "bad reg");
	}
	return 0;
}

/*
 * The boot tree's reservation map, minus the running kernel's initrd (an
 * entry inside it, rounded out to pages: prom_init reserves it so), minus
 * the boot tree itself.  A loader that reserves its own tree (kexec-tools:
 * NEED_RESERVE_DTB, an entry of the tree's address and fdt_totalsize())
 * leaves an entry exactly as long as the blob the kernel booted with,
 * which /sys/firmware/fdt is byte for byte; the tree's address is not
 * shown anywhere, so the length is what recognises it.  The running
 * kernel has unflattened that tree and the next one gets a new tree, so
 * that memory is free once the next kernel runs.
 */
static int read_boot_rsvmap(const void *boot_fdt, size_t boot_len,
			    struct ppc64_dtinfo *info, struct diag *d)
{
	struct range_list l = { 0 };
	size_t i;
	int ret;

	ret = fdtu_read_rsvmap(boot_fdt, boot_len, true, &l);
	if (ret == -EINVAL)
		ret = diag_fail(d, KX_EXIT_SYSTEM, ret,
				"/sys/firmware/fdt: not a valid device tree");
	for (i = 0; i < l.n && !ret; i++) {
		if (info->initrd_end > info->initrd_start &&
		    l.r[i].start < info->initrd_end &&
		    l.r[i].start >= align_down(info->initrd_start,
					       PPC64_MAX_PAGE) &&
		    l.r[i].end <= align_up(info->initrd_end, PPC64_MAX_PAGE))
			continue;
		ret = range_list_add(&info->fw_rsv, l.r[i].start, l.r[i].end);
	}
	range_list_free(&l);
	return ret;
}

static int merge_reserved(struct ppc64_dtinfo *info)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < info->fw_rsv.n && !ret; i++)
		ret = range_list_add(&info->reserved, info->fw_rsv.r[i].start,
				     info->fw_rsv.r[i].end);
	return ret;
}

int ppc64_read_dtinfo(const void *fdt, const void *boot_fdt,
		      size_t boot_len, const char *name,
		      struct ppc64_dtinfo *info, struct diag *d)
{
	const struct ppc64_platform *pf = ppc64_platform_find(fdt);
	int ac, sc, ret;

	memset(info, 0, sizeof(*info));
	if (fdtu_root_cells(fdt, &ac, &sc))
		return bad_node(d, name, fdt, 0, "bad #address-cells or "
				"#size-cells");
	ret = read_memory_nodes(fdt, name, ac, sc, info, d);
	if (!ret)
		ret = read_drconf(fdt, name, ac, info, d);
	if (!ret)
		ret = read_chosen(fdt, name, info, d);
	if (!ret)
		ret = read_firmware(fdt, name, info, d);
	if (!ret && pf->reserve)
		ret = pf->reserve(fdt, info);
	if (!ret && boot_fdt && !pf->no_boot_rsvmap)
		ret = read_boot_rsvmap(boot_fdt, boot_len, info, d);
	if (!ret)
		ret = read_loader_only(fdt, name, info, d);
	if (!ret)
		ret = merge_reserved(info);
	if (!ret && !info->ram.n)
		ret = diag_fail(d, KX_EXIT_SYSTEM, -EINVAL,
				"%s: no memory nodes", name);
	if (!ret && !info->rma_end)
		info->rma_end = info->ram.r[0].end;
	if (ret)
		ppc64_dtinfo_free(info);
	return ret;
}

void ppc64_dtinfo_free(struct ppc64_dtinfo *info)
{
	range_list_free(&info->ram);
	range_list_free(&info->fw_rsv);
	range_list_free(&info->reserved);
}

static int copy_list(struct range_list *dst, const struct range_list *src)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < src->n && !ret; i++)
		ret = range_list_add(dst, src->r[i].start, src->r[i].end);
	return ret;
}

int ppc64_memory_map(const struct ppc64_dtinfo *info, bool panic,
		     struct memory_map *m, struct diag *d)
{
	uint64_t cb = info->crash_base, ce = cb + info->crash_size;
	int ret;

	memset(m, 0, sizeof(*m));
	if (panic && (!info->crash_size || ce < cb))
		return diag_fail(d, KX_EXIT_SYSTEM, -EINVAL,
				 "no crash kernel region: boot the running "
				 "kernel with crashkernel=SIZE");
	ret = copy_list(&m->ram, &info->ram);
	if (!ret)
		ret = copy_list(&m->reserved, &info->reserved);
	if (!ret && info->memory_limit)
		ret = range_list_remove(&m->ram, info->memory_limit,
					UINT64_MAX);
	if (!ret && panic) {
		ret = range_list_remove(&m->ram, 0, cb);
		if (!ret)
			ret = range_list_remove(&m->ram, ce, UINT64_MAX);
	} else if (!ret && info->crash_size) {
		ret = range_list_add(&m->reserved, cb, ce);
	}
	m->rma_end = info->rma_end;
	if (info->memory_limit && info->memory_limit < m->rma_end)
		m->rma_end = info->memory_limit;
	m->check_half_ram = !panic;
	if (ret)
		memory_map_free(m);
	return ret;
}

/* ---- usable memory of a crash kernel ---- */

/* A growing property value of big-endian cells. */
struct cellbuf {
	uint8_t *b;
	size_t len, cap;
};

static void cells_store(uint8_t *p, uint64_t v, int cells)
{
	int i;

	for (i = cells * 4 - 1; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static int cb_put(struct cellbuf *c, uint64_t v, int cells)
{
	size_t need = c->len + (size_t)cells * 4;

	if (need > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		uint8_t *nb;

		while (cap < need)
			cap *= 2;
		nb = realloc(c->b, cap);
		if (!nb)
			return -ENOMEM;
		c->b = nb;
		c->cap = cap;
	}
	cells_store(c->b + c->len, v, cells);
	c->len = need;
	return 0;
}

/* The parts of usable inside [base, end) as (base, size) pairs; the
 * number of pairs in *n. */
static int cb_put_usable(struct cellbuf *c, const struct range_list *usable,
			 uint64_t base, uint64_t end, int ac, int sc,
			 uint64_t *n)
{
	size_t i;
	int ret = 0;

	*n = 0;
	for (i = 0; i < usable->n && !ret; i++) {
		uint64_t s = usable->r[i].start, e = usable->r[i].end;

		if (s < base)
			s = base;
		if (e > end)
			e = end;
		if (s >= e)
			continue;
		ret = cb_put(c, s, ac);
		if (!ret)
			ret = cb_put(c, e - s, sc);
		(*n)++;
	}
	return ret;
}

/* linux,usable-memory of one memory node: its reg cut to usable, or one
 * (0, 0) pair (the kernel skips a zero size) when nothing is usable. */
static int set_node_usable(struct fdtu *t, const char *path,
			   const struct range_list *usable, int ac, int sc)
{
	struct cellbuf c = { 0 };
	const uint8_t *reg;
	size_t len, entry = (size_t)(ac + sc) * 4, i;
	uint64_t n, total = 0;
	int node, ret = 0;

	node = fdt_path_offset(t->fdt, path);
	reg = node < 0 ? NULL : fdtu_getprop(t->fdt, node, "reg", &len);
	if (!reg)
		return 0;
	if (len % entry)
		return -EINVAL;
	for (i = 0; i < len && !ret; i += entry) {
		uint64_t base = fdtu_read_cells(reg + i, ac);
		uint64_t size = fdtu_read_cells(reg + i + (size_t)ac * 4, sc);

		ret = cb_put_usable(&c, usable, base, base + size, ac, sc, &n);
		total += n;
	}
	if (!ret && !total) {
		ret = cb_put(&c, 0, ac);
		if (!ret)
			ret = cb_put(&c, 0, sc);
	}
	if (!ret)
		ret = fdtu_setprop(t, node, "linux,usable-memory", c.b, c.len);
	free(c.b);
	return ret;
}

struct usable_lmbs {
	struct cellbuf c;
	const struct range_list *usable;
	int ac, sc;
};

/* One entry per LMB of the run: a count, then the usable pairs. */
static int add_usable_run(uint64_t base, uint64_t end, uint64_t lmb_size,
			  void *arg)
{
	struct usable_lmbs *u = arg;
	uint64_t b, n;
	size_t at;
	int ret = 0;

	for (b = base; b < end && !ret; b += lmb_size) {
		at = u->c.len;
		ret = cb_put(&u->c, 0, u->sc);
		if (!ret)
			ret = cb_put_usable(&u->c, u->usable, b, b + lmb_size,
					    u->ac, u->sc, &n);
		if (!ret)
			cells_store(u->c.b + at, n, u->sc);
	}
	return ret;
}

static int count_lmbs(uint64_t base, uint64_t end, uint64_t lmb_size,
		      void *arg)
{
	*(uint64_t *)arg += (end - base) / lmb_size;
	return 0;
}

/* Where a crash kernel's tree comes from and how much room it has. */
struct usable_req {
	uint64_t max;
	const char *name;
	enum kx_exit cls;
	struct diag *d;
};

/*
 * linux,drconf-usable-memory: for every LMB the kernel adds (the ones
 * early_init_drmem_lmb() reads an entry for), a count in #size-cells and
 * that many (base, size) pairs.  The LMBs are counted first: when their
 * counts alone would take more than r->max bytes, the tree can not fit
 * and nothing is built.
 */
static int set_drconf_usable(struct fdtu *t, const struct range_list *usable,
			     int ac, int sc, const struct usable_req *r)
{
	struct usable_lmbs u = { .usable = usable, .ac = ac, .sc = sc };
	struct drconf dc = { .node = -1 };
	uint64_t lmbs = 0;
	int ret;

	ret = drconf_find(t->fdt, &dc);
	if (!ret)
		ret = drconf_walk(&dc, ac, count_lmbs, &lmbs);
	if (ret)
		return ret > 0 ? 0 : drconf_error(r->d, r->cls, r->name,
						  t->fdt, &dc, ret);
	if (r->max && lmbs > r->max / ((uint64_t)sc * 4))
		return diag_fail(r->d, KX_EXIT_NOFIT, -EFBIG, "%s: "
				 "linux,drconf-usable-memory for %" PRIu64
				 " LMBs would take more than the crash "
				 "kernel's %" PRIu64 " bytes", r->name, lmbs,
				 r->max);
	ret = drconf_walk(&dc, ac, add_usable_run, &u);
	if (!ret)
		ret = fdtu_setprop(t, dc.node, "linux,drconf-usable-memory",
				   u.c.b ? (const void *)u.c.b : "", u.c.len);
	free(u.c.b);
	return ret;
}

int ppc64_dt_set_usable(struct fdtu *t, const struct range_list *usable,
			uint64_t max, const char *name, enum kx_exit cls,
			struct diag *d)
{
	const struct usable_req r = {
		.max = max, .name = name, .cls = cls, .d = d,
	};
	char (*paths)[256] = NULL, (*np)[256];
	size_t n = 0, i;
	int ac, sc, node, ret;

	ret = fdtu_root_cells(t->fdt, &ac, &sc);
	if (ret)
		return ret;
	/* Paths first: setting properties moves the nodes behind. */
	fdt_for_each_subnode(node, t->fdt, 0) {
		if (!is_memory_node(t->fdt, node))
			continue;
		np = realloc(paths, (n + 1) * sizeof(*paths));
		if (!np) {
			free(paths);
			return -ENOMEM;
		}
		paths = np;
		/* A node left out would give the crash kernel all its RAM. */
		if (fdt_get_path(t->fdt, node, paths[n], sizeof(paths[n]))) {
			free(paths);
			return -EINVAL;
		}
		n++;
	}
	for (i = 0; i < n && !ret; i++)
		ret = set_node_usable(t, paths[i], usable, ac, sc);
	free(paths);
	if (ret)
		return ret;
	return set_drconf_usable(t, usable, ac, sc, &r);
}
