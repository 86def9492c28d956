// SPDX-License-Identifier: GPL-2.0-only
/*
 * platform.c - what differs between ppc64 platforms, as optional hooks:
 * pseries (PAPR LPAR), powernv (OPAL), ps3 (lv1 hypervisor), and a
 * generic fallback.  Shared code calls the hooks; it never tests for a
 * platform by name.
 */
#include <errno.h>
#include <string.h>

#include <libfdt.h>

#include "arch/ppc64/ppc64.h"

/* ---- pseries ---- */

static bool pseries_match(const void *fdt)
{
	int rtas = fdt_path_offset(fdt, "/rtas");
	const char *compat;
	size_t len;

	if (rtas >= 0 && fdtu_getprop(fdt, rtas, "ibm,hypertas-functions",
				      NULL))
		return true;
	compat = fdtu_getprop(fdt, 0, "compatible", &len);
	return compat && len > 4 && !strncmp(compat, "IBM,", 4);
}

/* The vty the console is on: stdout-path's node if it is a vty, else the
 * first /vdevice/vty@*.  Returns its node offset or a negative value. */
static int pseries_vty(const void *fdt)
{
	const char *path;
	int chosen, vdev, node;

	chosen = fdt_path_offset(fdt, "/chosen");
	path = chosen < 0 ? NULL : fdtu_getprop(fdt, chosen,
						"linux,stdout-path", NULL);
	if (path && strnlen(path, 256) < 256 && strstr(path, "/vty@")) {
		node = fdt_path_offset(fdt, path);
		if (node >= 0)
			return node;
	}
	vdev = fdt_path_offset(fdt, "/vdevice");
	if (vdev < 0)
		return vdev;
	fdt_for_each_subnode(node, fdt, vdev) {
		const char *name = fdt_get_name(fdt, node, NULL);

		if (name && !strncmp(name, "vty@", 4))
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

/* H_PUT_TERM_CHAR to the vterm of the console vty. */
static void pseries_console(const void *fdt, struct kx_params *p)
{
	const void *reg;
	size_t len;
	int vty = pseries_vty(fdt);

	reg = vty < 0 ? NULL : fdtu_getprop(fdt, vty, "reg", &len);
	if (!reg || len < 4)
		return;
	p->console = KX_CONSOLE_PSERIES;
	p->console_arg = fdtu_read_cells(reg, 1);
}

/* ---- powernv ---- */

static bool powernv_match(const void *fdt)
{
	return fdt_path_offset(fdt, "/ibm,opal") >= 0;
}

/* OPAL's runtime image stays in memory across kexec. */
static int powernv_reserve(const void *fdt, struct ppc64_dtinfo *info)
{
	int node = fdt_path_offset(fdt, "/ibm,opal");
	uint64_t base, size;

	if (fdtu_get_uint(fdt, node, "opal-base-address", &base) ||
	    fdtu_get_uint(fdt, node, "opal-runtime-size", &size) ||
	    !size || base + size < base)
		return 0;
	return range_list_add(&info->fw_rsv, base, base + size);
}

static void powernv_console(const void *fdt, struct kx_params *p)
{
	int node = fdt_path_offset(fdt, "/ibm,opal");
	uint64_t base, entry;

	if (fdtu_get_uint(fdt, node, "opal-base-address", &base) ||
	    fdtu_get_uint(fdt, node, "opal-entry-address", &entry))
		return;
	p->console = KX_CONSOLE_OPAL;
	p->console_arg = 0;		/* terminal 0 */
	p->arch[KX_PPC64_OPAL_BASE] = base;
	p->arch[KX_PPC64_OPAL_ENTRY] = entry;
}

/* ---- ps3 ---- */

static bool ps3_match(const void *fdt)
{
	return fdtu_prop_has_string(fdt, 0, "compatible", "sony,ps3");
}

/*
 * High memory comes from lv1 at boot and is given back before the next
 * kernel starts (ps3_hpte_clear() -> ps3_mm_shutdown() releases it after
 * the segments are copied): every segment goes in the boot region, above
 * the running kernel, and below mem= (beyond it the running kernel has no
 * linear map to copy through).
 */
static void ps3_segment_limits(const struct ppc64_dtinfo *info,
			       uint64_t *min, uint64_t *max)
{
	if (*min < info->kernel_end)
		*min = info->kernel_end;
	if (!*max || *max > info->rma_end)
		*max = info->rma_end;
	if (info->memory_limit && *max > info->memory_limit)
		*max = info->memory_limit;
}

/* The os-area properties (platforms/ps3/os-area.c) and their sizes. */
static const struct { const char *name; size_t len; } ps3_os_area[] = {
	{ "linux,rtc_diff", 8 },	/* s64 */
	{ "linux,av_multi_out", 4 },	/* unsigned int */
};
#define PS3_NR_OS_AREA	(sizeof(ps3_os_area) / sizeof(ps3_os_area[0]))

/*
 * A --dtb for a PS3 (the kernel's ps3.dtb, say) can not know the boot
 * region (the bootwrapper fills memory/reg in from the lv1 repository:
 * ps3.dtb has size 0) nor the os-area values the first kernel saved: take
 * both from the running system, and drop the file's reservations.  A tree that is not a PS3's is refused:
 * the PS3 kernel's probe needs "sony,ps3".
 */
static int ps3_import_running(struct fdtu *t, const void *running,
			      const char *path, struct diag *d)
{
	const void *reg, *v;
	size_t len, i;
	int rac, rsc, ac, sc, mem, node, ret;

	if (!fdtu_prop_has_string(t->fdt, 0, "compatible", "sony,ps3"))
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: not a PS3 device tree (no compatible "
				 "\"sony,ps3\"): the PS3 kernel would find no "
				 "machine", path);
	mem = fdt_path_offset(running, "/memory");
	reg = mem < 0 ? NULL : fdtu_getprop(running, mem, "reg", &len);
	if (!reg || fdtu_root_cells(running, &rac, &rsc))
		return diag_fail(d, KX_EXIT_SYSTEM, -EINVAL,
				 "/proc/device-tree: no /memory reg, the PS3 "
				 "boot region for %s", path);
	if (fdtu_root_cells(t->fdt, &ac, &sc) || ac != rac || sc != rsc)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "%s: #address-cells/#size-cells differ from "
				 "the running PS3's <%d %d>", path, rac, rsc);
	node = fdtu_node(t, "/memory");
	ret = node < 0 ? node : fdtu_setprop(t, node, "reg", reg, len);
	if (!ret)
		ret = fdtu_setprop_string(t, fdt_path_offset(t->fdt, "/memory"),
					  "device_type", "memory");
	for (i = 0; i < PS3_NR_OS_AREA && !ret; i++) {
		v = fdtu_getprop(running, 0, ps3_os_area[i].name, &len);
		if (v)
			ret = fdtu_setprop(t, 0, ps3_os_area[i].name, v, len);
	}
	/* No firmware memory: a saved /sys/firmware/fdt's reservations are
	 * only what earlier loaders reserved for themselves. */
	while (!ret && fdt_num_mem_rsv(t->fdt) > 0)
		ret = fdt_del_mem_rsv(t->fdt, 0) ? -EINVAL : 0;
	if (ret)
		return diag_fail(d, KX_EXIT_FAILURE, ret, "%s: %s", path,
				 strerror(-ret));
	return 0;
}

/* lv1 reboots the partition when purgatory fails (see console.c). */
static void ps3_console(const void *fdt, struct kx_params *p)
{
	p->console = KX_CONSOLE_NONE;
	p->arch[KX_PPC64_HALT] = KX_PPC64_HALT_LV1_REBOOT;
}

/* os-area.c reads these only with exactly these sizes (a BUG_ON before
 * any console otherwise). */
static int ps3_fixup_tree(struct fdtu *t, struct diag *d)
{
	size_t i, len;

	for (i = 0; i < PS3_NR_OS_AREA; i++) {
		if (fdtu_getprop(t->fdt, 0, ps3_os_area[i].name, &len) &&
		    len != ps3_os_area[i].len)
			return diag_fail(d, KX_EXIT_SYSTEM, -EINVAL,
					 "device tree: /%s is %zu bytes, the "
					 "PS3 kernel needs %zu",
					 ps3_os_area[i].name, len,
					 ps3_os_area[i].len);
	}
	return 0;
}

static const struct ppc64_platform ppc64_platforms[] = {
	{
		.name = "ps3",
		.match = ps3_match,
		.segment_limits = ps3_segment_limits,
		.fixup_tree = ps3_fixup_tree,
		/* lv1 is not PAPR: no console in purgatory, but a reboot
		 * through lv1 when it fails */
		.console = ps3_console,
		.import_running = ps3_import_running,
		/* The crash path also runs ps3_mm_shutdown(), shuts no
		 * device down, and ps3_defconfig has no CRASH_DUMP. */
		.no_crash = "PS3: crash kernels are not supported (lv1 takes "
			    "high memory back at kexec and devices keep "
			    "running)",
		.big_endian_only = true,	/* PPC_PS3 depends on it */
		.no_boot_rsvmap = true,		/* no firmware memory */
	},
	{
		.name = "powernv",
		.match = powernv_match,
		.reserve = powernv_reserve,
		.console = powernv_console,
	},
	{
		.name = "pseries",
		.match = pseries_match,
		.console = pseries_console,
	},
	{
		.name = "generic",
	},
};

const struct ppc64_platform *ppc64_platform_find(const void *fdt)
{
	size_t i, n = sizeof(ppc64_platforms) / sizeof(ppc64_platforms[0]);

	for (i = 0; i < n - 1; i++)
		if (ppc64_platforms[i].match(fdt))
			return &ppc64_platforms[i];
	return &ppc64_platforms[n - 1];
}
