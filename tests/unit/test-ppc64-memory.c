// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-ppc64-memory.c - the ppc64 memory map from synthetic device trees:
 * memory nodes, dynamic reconfiguration memory v1 and v2, reservations,
 * memory limit, crash region, the boot reservation map, platforms.
 */
#include <errno.h>
#include <string.h>

#include <libfdt.h>

#include "arch/ppc64/ppc64.h"
#include "check.h"

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void be64(uint8_t *p, uint64_t v)
{
	be32(p, (uint32_t)(v >> 32));
	be32(p + 4, (uint32_t)v);
}

/* Two-cell address, two-cell size reg. */
static void set_reg(struct fdtu *t, const char *path, uint64_t base,
		    uint64_t size)
{
	uint8_t reg[16];

	be64(reg, base);
	be64(reg + 8, size);
	fdtu_setprop(t, fdtu_node(t, path), "reg", reg, sizeof(reg));
}

/* A pseries-like tree: RMA 512 MiB, a second memory node, LMBs. */
static void pseries_tree(struct fdtu *t, bool v2)
{
	uint8_t dm[4 + 3 * 24];
	int n;

	fdtu_new(t);
	fdtu_setprop_u32(t, 0, "#address-cells", 2);
	fdtu_setprop_u32(t, 0, "#size-cells", 2);
	fdtu_setprop_string(t, 0, "compatible", "qemu,pseries");
	set_reg(t, "/memory@0", 0, 0x20000000);
	set_reg(t, "/memory@20000000", 0x20000000, 0x20000000);
	n = fdtu_node(t, "/ibm,dynamic-reconfiguration-memory");
	fdtu_setprop_u64(t, n, "ibm,lmb-size", 0x10000000);
	memset(dm, 0, sizeof(dm));
	if (v2) {
		/* {n, addr, drc, aa, flags}: 2 assigned, 1 unassigned,
		 * 1 assigned but reserved. */
		be32(dm, 3);
		be32(dm + 4, 2);
		be64(dm + 8, 0x40000000);
		be32(dm + 24, 0x8);
		be32(dm + 28, 1);
		be64(dm + 32, 0x60000000);
		be32(dm + 48, 0x0);
		be32(dm + 52, 1);
		be64(dm + 56, 0x70000000);
		be32(dm + 72, 0x88);
		fdtu_setprop(t, fdtu_node(t, "/ibm,dynamic-reconfiguration-memory"),
			     "ibm,dynamic-memory-v2", dm, sizeof(dm));
	} else {
		/* {addr, drc, reserved, aa, flags} */
		be32(dm, 3);
		be64(dm + 4, 0x40000000);
		be32(dm + 24, 0x8);
		be64(dm + 28, 0x50000000);
		be32(dm + 48, 0x0);
		be64(dm + 52, 0x60000000);
		be32(dm + 72, 0x88);
		fdtu_setprop(t, fdtu_node(t, "/ibm,dynamic-reconfiguration-memory"),
			     "ibm,dynamic-memory", dm, sizeof(dm));
	}
	n = fdtu_node(t, "/chosen");
	fdtu_setprop_u64(t, n, "linux,kernel-end", 0x2000000);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,crashkernel-base",
			 0x8000000);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,crashkernel-size",
			 0x4000000);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,htab-base",
			 0x1c000000);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,htab-size",
			 0x1000000);
	n = fdtu_node(t, "/rtas");
	fdtu_setprop_u32(t, n, "linux,rtas-base", 0x1f000000);
	fdtu_setprop_u32(t, fdtu_node(t, "/rtas"), "rtas-size", 0x100000);
	fdtu_setprop(t, fdtu_node(t, "/rtas"), "ibm,hypertas-functions",
		     "hcall-vterm\0", 12);
	n = fdtu_node(t, "/pci@800000020000000");
	fdtu_setprop_u64(t, n, "linux,tce-base", 0x1e000000);
	fdtu_setprop_u32(t, fdtu_node(t, "/pci@800000020000000"),
			 "linux,tce-size", 0x800000);
	memset(dm, 0, 16);
	be64(dm, 0x1d000000);
	be64(dm + 8, 0x10000);
	fdtu_setprop(t, 0, "reserved-ranges", dm, 16);
}

static bool has(const struct range_list *l, uint64_t s, uint64_t e)
{
	return range_list_covers(l, s, e);
}

static void check_pseries(bool v2)
{
	struct ppc64_dtinfo info;
	struct memory_map m;
	struct diag d = { 0 };
	struct fdtu t;

	pseries_tree(&t, v2);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, NULL, 0, "dt", &info, &d), 0);
	CHECK_EQ(info.rma_end, 0x20000000);
	CHECK_EQ(info.kernel_end, 0x2000000);
	/* v1: LMB at 0x40000000 only; v2: two LMBs from 0x40000000. */
	CHECK_EQ(info.ram.n, 1);
	CHECK_EQ(info.ram.r[0].start, 0);
	CHECK_EQ(info.ram.r[0].end, v2 ? 0x60000000 : 0x50000000);
	CHECK(has(&info.fw_rsv, 0x1f000000, 0x1f100000));	/* RTAS */
	CHECK(has(&info.fw_rsv, 0x1e000000, 0x1e800000));	/* TCE */
	CHECK(has(&info.fw_rsv, 0x1d000000, 0x1d010000));	/* ranges */
	CHECK(!range_list_intersects(&info.fw_rsv, 0x1c000000, 0x1d000000));
	CHECK(has(&info.reserved, 0x1c000000, 0x1d000000));	/* htab */
	CHECK(has(&info.reserved, 0, 0x2000000));		/* kernel */
	CHECK(has(&info.reserved, 0x1f000000, 0x1f100000));
	CHECK_EQ(ppc64_memory_map(&info, false, &m, &d), 0);
	CHECK(has(&m.reserved, 0x8000000, 0xc000000));		/* crash */
	CHECK_EQ(m.rma_end, 0x20000000);
	CHECK(m.check_half_ram);
	memory_map_free(&m);
	CHECK_EQ(ppc64_memory_map(&info, true, &m, &d), 0);
	CHECK_EQ(m.ram.n, 1);
	CHECK_EQ(m.ram.r[0].start, 0x8000000);
	CHECK_EQ(m.ram.r[0].end, 0xc000000);
	memory_map_free(&m);
	CHECK(d.msg == NULL);
	ppc64_dtinfo_free(&info);
	fdtu_free(&t);
}

static void test_pseries_drmem_v1(void)
{
	check_pseries(false);
}

static void test_pseries_drmem_v2(void)
{
	check_pseries(true);
}

static void test_memory_limit(void)
{
	struct ppc64_dtinfo info;
	struct memory_map m;
	struct diag d = { 0 };
	struct fdtu t;

	pseries_tree(&t, false);
	fdtu_setprop_u64(&t, fdtu_node(&t, "/chosen"), "linux,memory-limit",
			 0x18000000);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, NULL, 0, "dt", &info, &d), 0);
	CHECK_EQ(ppc64_memory_map(&info, false, &m, &d), 0);
	CHECK_EQ(m.ram.n, 1);
	CHECK_EQ(m.ram.r[0].end, 0x18000000);
	CHECK_EQ(m.rma_end, 0x18000000);
	memory_map_free(&m);
	ppc64_dtinfo_free(&info);
	fdtu_free(&t);
}

static void test_no_crash_region(void)
{
	struct ppc64_dtinfo info;
	struct memory_map m;
	struct diag d = { 0 };
	struct fdtu t;

	pseries_tree(&t, false);
	fdtu_delprop(&t, fdtu_node(&t, "/chosen"), "linux,crashkernel-size");
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, NULL, 0, "dt", &info, &d), 0);
	CHECK_EQ(ppc64_memory_map(&info, true, &m, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "crashkernel="));
	diag_clear(&d);
	ppc64_dtinfo_free(&info);
	fdtu_free(&t);
}

/* The boot tree's reservation map, minus the old initrd. */
static void test_boot_rsvmap(void)
{
	struct ppc64_dtinfo info;
	struct diag d = { 0 };
	struct fdtu t, boot;

	pseries_tree(&t, false);
	fdtu_setprop_u64(&t, fdtu_node(&t, "/chosen"), "linux,initrd-start",
			 0x3000000);
	fdtu_setprop_u64(&t, fdtu_node(&t, "/chosen"), "linux,initrd-end",
			 0x310a436);
	fdtu_new(&boot);
	fdtu_add_rsv(&boot, 0x3000000, 0x110000);	/* page-rounded */
	fdtu_add_rsv(&boot, 0x1b000000, 0x10000);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, boot.fdt, boot.size, "dt", &info,
				   &d), 0);
	CHECK_EQ(info.initrd_start, 0x3000000);
	CHECK(has(&info.fw_rsv, 0x1b000000, 0x1b010000));
	CHECK(!range_list_intersects(&info.fw_rsv, 0x3000000, 0x3110000));
	ppc64_dtinfo_free(&info);
	/* A corrupt /sys/firmware/fdt is reported. */
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, "garbage", 7, "dt", &info, &d),
		 -EINVAL);
	CHECK(d.msg && strstr(d.msg, "/sys/firmware/fdt"));
	diag_clear(&d);
	fdtu_free(&boot);
	fdtu_free(&t);
}

static void test_bad_trees(void)
{
	struct ppc64_dtinfo info;
	struct diag d = { 0 };
	struct fdtu t;
	uint8_t dm[8];

	/* reg of 12 bytes with 2+2 cells. */
	fdtu_new(&t);
	fdtu_setprop_u32(&t, 0, "#address-cells", 2);
	fdtu_setprop_u32(&t, 0, "#size-cells", 2);
	fdtu_setprop(&t, fdtu_node(&t, "/memory@0"), "reg", "0123456789ab",
		     12);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, NULL, 0, "dt", &info, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "/memory@0"));
	diag_clear(&d);
	fdtu_free(&t);
	/* ibm,dynamic-memory claiming more LMBs than it holds. */
	pseries_tree(&t, false);
	be32(dm, 1000);
	fdtu_setprop(&t, fdtu_node(&t, "/ibm,dynamic-reconfiguration-memory"),
		     "ibm,dynamic-memory", dm, 8);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, NULL, 0, "dt", &info, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "ibm,dynamic-memory"));
	diag_clear(&d);
	fdtu_free(&t);
	/* No memory at all. */
	fdtu_new(&t);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, NULL, 0, "dt", &info, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "no memory"));
	diag_clear(&d);
	fdtu_free(&t);
}

/* PS3: a "memory" node without unit address, platform limits. */
static void test_ps3(void)
{
	const struct ppc64_platform *pf;
	struct ppc64_dtinfo info;
	struct diag d = { 0 };
	struct kx_params p;
	struct fdtu t, boot;
	uint64_t min = 0, max = 0;

	fdtu_new(&t);
	fdtu_setprop_u32(&t, 0, "#address-cells", 2);
	fdtu_setprop_u32(&t, 0, "#size-cells", 2);
	fdtu_setprop_string(&t, 0, "compatible", "sony,ps3");
	set_reg(&t, "/memory", 0, 0x8000000);
	fdtu_setprop_u64(&t, fdtu_node(&t, "/chosen"), "linux,kernel-end",
			 0x1400000);
	pf = ppc64_platform_find(t.fdt);
	CHECK_STR(pf->name, "ps3");
	CHECK(pf->no_crash && strstr(pf->no_crash, "PS3"));
	CHECK(pf->big_endian_only);
	CHECK(pf->no_boot_rsvmap);
	memset(&p, 0, sizeof(p));
	pf->console(t.fdt, &p);
	CHECK_EQ(p.console, KX_CONSOLE_NONE);
	CHECK_EQ(p.arch[KX_PPC64_HALT], KX_PPC64_HALT_LV1_REBOOT);

	/* A boot tree whose map holds an earlier loader's initrd and tree:
	 * nothing of it is carried on a PS3. */
	fdtu_new(&boot);
	fdtu_add_rsv(&boot, 0x7fff000, 0x1000);
	fdtu_add_rsv(&boot, 0x4000000, 0x200000);
	fdtu_finish(&boot, 0, &d);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, boot.fdt, boot.size, "dt", &info,
				   &d), 0);
	CHECK_EQ(info.fw_rsv.n, 0);
	CHECK_EQ(info.rma_end, 0x8000000);
	pf->segment_limits(&info, &min, &max);
	CHECK_EQ(min, 0x1400000);
	CHECK_EQ(max, 0x8000000);
	ppc64_dtinfo_free(&info);

	/* mem=96M: nothing above it. */
	fdtu_setprop_u64(&t, fdtu_node(&t, "/chosen"), "linux,memory-limit",
			 0x6000000);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, NULL, 0, "dt", &info, &d), 0);
	min = max = 0;
	pf->segment_limits(&info, &min, &max);
	CHECK_EQ(max, 0x6000000);
	ppc64_dtinfo_free(&info);
	fdtu_free(&boot);
	fdtu_free(&t);
}

/* --dtb on a PS3: the running boot region and os-area values go in; a
 * tree that is not a PS3's is refused. */
static void test_ps3_dtb(void)
{
	static const uint8_t rtc[8] = { 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78 };
	static const uint8_t av[4] = { 0, 0, 0, 2 };
	const struct ppc64_platform *pf;
	struct diag d = { 0 };
	struct fdtu run, f;
	const uint8_t *v;
	size_t len;

	fdtu_new(&run);
	fdtu_setprop_u32(&run, 0, "#address-cells", 2);
	fdtu_setprop_u32(&run, 0, "#size-cells", 2);
	fdtu_setprop_string(&run, 0, "compatible", "sony,ps3");
	fdtu_setprop(&run, 0, "linux,rtc_diff", rtc, 8);
	fdtu_setprop(&run, 0, "linux,av_multi_out", av, 4);
	set_reg(&run, "/memory", 0, 0x8000000);
	pf = ppc64_platform_find(run.fdt);

	/* ps3.dtb: memory size 0, no os-area properties. */
	fdtu_new(&f);
	fdtu_setprop_u32(&f, 0, "#address-cells", 2);
	fdtu_setprop_u32(&f, 0, "#size-cells", 2);
	fdtu_setprop_string(&f, 0, "compatible", "sony,ps3");
	set_reg(&f, "/memory", 0, 0);
	fdtu_add_rsv(&f, 0x7fff000, 0x1000);
	CHECK_EQ(pf->import_running(&f, run.fdt, "ps3.dtb", &d), 0);
	CHECK_EQ(fdt_num_mem_rsv(f.fdt), 0);
	v = fdtu_getprop(f.fdt, fdt_path_offset(f.fdt, "/memory"), "reg",
			 &len);
	CHECK(v && len == 16 && fdtu_read_cells(v + 8, 2) == 0x8000000);
	v = fdtu_getprop(f.fdt, 0, "linux,rtc_diff", &len);
	CHECK(v && len == 8 && !memcmp(v, rtc, 8));
	v = fdtu_getprop(f.fdt, 0, "linux,av_multi_out", &len);
	CHECK(v && len == 4 && !memcmp(v, av, 4));
	fdtu_free(&f);

	/* Not a PS3 tree. */
	fdtu_new(&f);
	fdtu_setprop_string(&f, 0, "compatible", "ibm,pseries");
	CHECK_EQ(pf->import_running(&f, run.fdt, "x.dtb", &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "x.dtb") && strstr(d.msg, "sony,ps3"));
	CHECK_EQ(d.exit_class, KX_EXIT_INPUT);
	diag_clear(&d);
	fdtu_free(&f);

	/* Other cell sizes. */
	fdtu_new(&f);
	fdtu_setprop_string(&f, 0, "compatible", "sony,ps3");
	fdtu_setprop_u32(&f, 0, "#address-cells", 1);
	CHECK_EQ(pf->import_running(&f, run.fdt, "y.dtb", &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "y.dtb"));
	diag_clear(&d);
	fdtu_free(&f);
	fdtu_free(&run);
}

/* Any platform: a reservation exactly as long as the boot tree is the
 * earlier loader's reservation of that tree, not firmware memory. */
static void test_boot_self_reservation(void)
{
	struct ppc64_dtinfo info;
	struct diag d = { 0 };
	struct fdtu t, boot;

	pseries_tree(&t, false);
	fdtu_new(&boot);
	fdtu_add_rsv(&boot, 0x3000000, 1);
	fdtu_add_rsv(&boot, 0x2000000, 0x10000);
	fdtu_finish(&boot, 0, &d);
	CHECK_EQ(fdt_del_mem_rsv(boot.fdt, 0), 0);
	CHECK_EQ(fdt_add_mem_rsv(boot.fdt, 0x3000000,
				 fdt_totalsize(boot.fdt)), 0);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, boot.fdt, boot.size, "dt", &info,
				   &d), 0);
	CHECK(range_list_covers(&info.fw_rsv, 0x2000000, 0x2010000));
	CHECK(!range_list_intersects(&info.fw_rsv, 0x3000000, 0x3000001));
	ppc64_dtinfo_free(&info);
	fdtu_free(&boot);
	fdtu_free(&t);
}

static void test_platforms(void)
{
	struct kx_params p;
	struct fdtu t;
	int n;

	pseries_tree(&t, false);
	CHECK_STR(ppc64_platform_find(t.fdt)->name, "pseries");
	fdtu_node(&t, "/vdevice/vty@30000000");
	n = fdtu_node(&t, "/vdevice/vty@30000001");
	fdtu_setprop_u32(&t, n, "reg", 0x30000001);
	fdtu_setprop_u32(&t, fdtu_node(&t, "/vdevice/vty@30000000"), "reg",
			 0x30000000);
	fdtu_setprop_string(&t, fdtu_node(&t, "/chosen"), "linux,stdout-path",
			    "/vdevice/vty@30000001");
	memset(&p, 0, sizeof(p));
	ppc64_platform_find(t.fdt)->console(t.fdt, &p);
	CHECK_EQ(p.console, KX_CONSOLE_PSERIES);
	CHECK_EQ(p.console_arg, 0x30000001);
	fdtu_free(&t);

	fdtu_new(&t);
	n = fdtu_node(&t, "/ibm,opal");
	fdtu_setprop_u64(&t, n, "opal-base-address", 0x30000000);
	fdtu_setprop_u64(&t, fdtu_node(&t, "/ibm,opal"), "opal-entry-address",
			 0x30001000);
	fdtu_setprop_u64(&t, fdtu_node(&t, "/ibm,opal"), "opal-runtime-size",
			 0x1000000);
	CHECK_STR(ppc64_platform_find(t.fdt)->name, "powernv");
	memset(&p, 0, sizeof(p));
	ppc64_platform_find(t.fdt)->console(t.fdt, &p);
	CHECK_EQ(p.console, KX_CONSOLE_OPAL);
	CHECK_EQ(p.arch[KX_PPC64_OPAL_BASE], 0x30000000);
	CHECK_EQ(p.arch[KX_PPC64_OPAL_ENTRY], 0x30001000);
	fdtu_free(&t);

	fdtu_new(&t);
	CHECK_STR(ppc64_platform_find(t.fdt)->name, "generic");
	fdtu_free(&t);
}

static void test_powernv_opal_reserved(void)
{
	struct ppc64_dtinfo info;
	struct diag d = { 0 };
	struct fdtu t;
	int n;

	fdtu_new(&t);
	set_reg(&t, "/memory@0", 0, 0x40000000);
	fdtu_setprop_u32(&t, 0, "#size-cells", 2);
	n = fdtu_node(&t, "/ibm,opal");
	fdtu_setprop_u64(&t, n, "opal-base-address", 0x30000000);
	fdtu_setprop_u64(&t, fdtu_node(&t, "/ibm,opal"), "opal-entry-address",
			 0x30001000);
	fdtu_setprop_u64(&t, fdtu_node(&t, "/ibm,opal"), "opal-runtime-size",
			 0x1000000);
	CHECK_EQ(ppc64_read_dtinfo(t.fdt, NULL, 0, "dt", &info, &d), 0);
	CHECK(has(&info.fw_rsv, 0x30000000, 0x31000000));
	CHECK(has(&info.reserved, 0x30000000, 0x31000000));
	ppc64_dtinfo_free(&info);
	fdtu_free(&t);
}

int main(void)
{
	RUN(test_pseries_drmem_v1);
	RUN(test_pseries_drmem_v2);
	RUN(test_memory_limit);
	RUN(test_no_crash_region);
	RUN(test_boot_rsvmap);
	RUN(test_bad_trees);
	RUN(test_ps3);
	RUN(test_ps3_dtb);
	RUN(test_boot_self_reservation);
	RUN(test_platforms);
	RUN(test_powernv_opal_reserved);
	return check_done();
}
