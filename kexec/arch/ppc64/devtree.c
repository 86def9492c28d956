// SPDX-License-Identifier: GPL-2.0-only
/*
 * devtree.c - the next kernel's device tree, edited from a copy of the
 * running one (or a --dtb) through fdt-util.
 *
 * What changes and why (Linux 6.1):
 * - Dropped from /chosen, because the running kernel wrote them about
 *   itself and the next kernel would believe them:
 *   linux,kernel-end (kexec/core.c, re-exported by every kernel),
 *   linux,htab-base/-size (core_64.c, re-exported with the new table),
 *   linux,crashkernel-base/-size (prom.c early_init_dt_scan_chosen_ppc
 *   turns them into crashk_res, so the next kernel would reserve a crash
 *   region its command line never asked for; it derives its own from
 *   crashkernel= and re-exports them), linux,memory-limit (read the same
 *   way: it would cap the next kernel's memory without mem=).
 * - Replaced: bootargs (removed when the command line is empty, so the
 *   kernel falls back to its built-in one exactly as with no bootargs),
 *   linux,initrd-start/-end (8 bytes each when an initrd is loaded, gone
 *   otherwise: the old initrd has been freed).
 * - Kept: everything else, notably linux,rtas-base/-entry and
 *   linux,tce-base/-size (prom_init placed RTAS and the TCE tables once;
 *   it does not run again and the next kernel finds them only there),
 *   linux,stdout-path, linux,iommu-*, linux,tce-alloc-*, linux,sml-*,
 *   and PS3's linux,rtc_diff and linux,av_multi_out.
 * - Added for a crash kernel: linux,usable-memory on the memory nodes and
 *   linux,drconf-usable-memory (see ppc64_dt_set_usable()), so it runs in
 *   the crash region and leaves the crashed kernel's memory to the dump.
 */
#include <errno.h>
#include <string.h>

#include <libfdt.h>

#include "arch/ppc64/ppc64.h"

static const char *const chosen_drop[] = {
	"linux,kernel-end",
	"linux,htab-base",
	"linux,htab-size",
	"linux,crashkernel-base",
	"linux,crashkernel-size",
	"linux,memory-limit",
	"linux,initrd-start",
	"linux,initrd-end",
};

static int edit_chosen(struct fdtu *t, const struct ppc64_dt_request *req)
{
	size_t i;
	int node, ret = 0;

	node = fdtu_node(t, "/chosen");
	if (node < 0)
		return node;
	for (i = 0; i < sizeof(chosen_drop) / sizeof(chosen_drop[0]); i++) {
		ret = fdtu_delprop(t, node, chosen_drop[i]);
		if (ret)
			return ret;
	}
	if (req->cmdline && *req->cmdline)
		ret = fdtu_setprop_string(t, node, "bootargs", req->cmdline);
	else
		ret = fdtu_delprop(t, node, "bootargs");
	if (ret || req->initrd_end <= req->initrd_start)
		return ret;
	ret = fdtu_setprop_u64(t, node, "linux,initrd-start",
			       req->initrd_start);
	if (!ret)
		ret = fdtu_setprop_u64(t, node, "linux,initrd-end",
				       req->initrd_end);
	return ret;
}

/* Replace the reservation map by the union of its entries, req->rsv and
 * the initrd, written in one pass. */
static int write_rsvmap(struct fdtu *t, const struct ppc64_dt_request *req,
			const char *name, enum kx_exit cls, struct diag *d)
{
	struct range_list l = { 0 };
	size_t i;
	int ret;

	ret = fdtu_read_rsvmap(t->fdt, t->size, false, &l);
	if (ret == -EINVAL)
		ret = diag_fail(d, cls, ret, "%s: a memory reservation entry "
				"wraps past the end of memory", name);
	for (i = 0; req->rsv && i < req->rsv->n && !ret; i++)
		ret = range_list_add(&l, req->rsv->r[i].start,
				     req->rsv->r[i].end);
	if (!ret)
		ret = range_list_add(&l, req->initrd_start, req->initrd_end);
	if (!ret)
		ret = fdtu_set_rsvmap(t, &l);
	range_list_free(&l);
	return ret;
}

int ppc64_dt_prepare(struct fdtu *t, const struct ppc64_dt_request *req,
		     struct diag *d)
{
	const char *name = req->name ? req->name : "device tree";
	enum kx_exit cls = req->cls ? req->cls : KX_EXIT_SYSTEM;
	int ret;

	ret = edit_chosen(t, req);
	if (!ret && req->usable)
		ret = ppc64_dt_set_usable(t, req->usable, req->usable_max,
					  name, cls, d);
	if (!ret)
		ret = write_rsvmap(t, req, name, cls, d);
	if (ret)
		return diag_fail(d, ret == -ENOMEM ? KX_EXIT_FAILURE : cls, ret,
				 "%s: the next kernel's device tree can not "
				 "be made from it: %s", name,
				 ret == -ENOMEM ? "out of memory" :
				 ret == -E2BIG ? "it would pass 1 GiB" :
				 "a node or property is malformed");
	fdt_set_boot_cpuid_phys(t->fdt, req->boot_cpu);
	if (req->platform && req->platform->fixup_tree) {
		ret = req->platform->fixup_tree(t, d);
		if (ret)
			return ret;
	}
	return fdtu_finish(t, PPC64_DT_HEADROOM + req->extra_room, d);
}

static bool is_cpu_node(const void *fdt, int node)
{
	const char *type;
	size_t len;

	type = fdtu_getprop(fdt, node, "device_type", &len);
	return type && len == 4 && !memcmp(type, "cpu", 4);
}

int ppc64_boot_cpu(const void *fdt, const void *boot_fdt, size_t boot_len,
		   uint32_t *cpu)
{
	const void *p;
	size_t len;
	int cpus, node;

	if (boot_fdt && boot_len >= sizeof(struct fdt_header) &&
	    !fdt_check_header(boot_fdt) && fdt_version(boot_fdt) >= 2) {
		*cpu = fdt_boot_cpuid_phys(boot_fdt);
		return 0;
	}
	cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return -ENOENT;
	fdt_for_each_subnode(node, fdt, cpus) {
		if (!is_cpu_node(fdt, node))
			continue;
		p = fdtu_getprop(fdt, node, "ibm,ppc-interrupt-server#s", &len);
		if (!p || len < 4)
			p = fdtu_getprop(fdt, node, "reg", &len);
		if (p && len >= 4) {
			*cpu = (uint32_t)fdtu_read_cells(p, 1);
			return 0;
		}
	}
	return -ENOENT;
}
