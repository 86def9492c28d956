// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-ppc64-devtree.c - the next kernel's device tree: properties
 * dropped, kept and set, reservation map, header, boot CPU, PS3 fix-ups.
 */
#include <errno.h>
#include <string.h>

#include <libfdt.h>

#include "arch/ppc64/ppc64.h"
#include "check.h"

static void running_tree(struct fdtu *t)
{
	static const uint8_t servers[] = { 0, 0, 0, 8, 0, 0, 0, 9 };
	char big[6000];
	int n;

	memset(big, 'b', sizeof(big));
	fdtu_new(t);
	fdtu_setprop(t, 0, "big-blob", big, sizeof(big));
	n = fdtu_node(t, "/chosen");
	fdtu_setprop_string(t, n, "bootargs", "old=1");
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,kernel-end", 1);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,htab-base", 2);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,htab-size", 3);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,crashkernel-base",
			 4);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,crashkernel-size",
			 5);
	fdtu_setprop_u64(t, fdtu_node(t, "/chosen"), "linux,memory-limit", 6);
	fdtu_setprop_u32(t, fdtu_node(t, "/chosen"), "linux,initrd-start", 7);
	fdtu_setprop_u32(t, fdtu_node(t, "/chosen"), "linux,initrd-end", 8);
	fdtu_setprop_string(t, fdtu_node(t, "/chosen"), "linux,stdout-path",
			    "/vdevice/vty@30000000");
	fdtu_setprop_u32(t, fdtu_node(t, "/rtas"), "linux,rtas-base",
			 0x1f000000);
	fdtu_setprop(t, fdtu_node(t, "/cpus/PowerPC,POWER9@8"),
		     "ibm,ppc-interrupt-server#s", servers, sizeof(servers));
	fdtu_setprop_string(t, fdtu_node(t, "/cpus/PowerPC,POWER9@8"),
			    "device_type", "cpu");
}

static void test_prepare(void)
{
	struct ppc64_dt_request r = { 0 };
	struct range_list rsv = { 0 };
	struct diag d = { 0 };
	struct fdtu t;
	uint64_t a, s, v;
	size_t len;
	int ch;

	running_tree(&t);
	range_list_add(&rsv, 0x1f000000, 0x1f100000);
	r.cmdline = "root=/dev/vda console=hvc0";
	r.initrd_start = 0x30000000;
	r.initrd_end = 0x30123456;
	r.rsv = &rsv;
	r.boot_cpu = 8;
	CHECK_EQ(ppc64_dt_prepare(&t, &r, &d), 0);
	CHECK(d.msg == NULL);
	CHECK_EQ(fdtu_check(t.fdt, t.size), 0);
	CHECK_EQ(fdt_version(t.fdt), 17);
	CHECK_EQ(fdt_boot_cpuid_phys(t.fdt), 8);
	CHECK(t.size - fdt_off_dt_strings(t.fdt) - fdt_size_dt_strings(t.fdt)
	      >= PPC64_DT_HEADROOM);
	ch = fdt_path_offset(t.fdt, "/chosen");
	CHECK_STR(fdtu_getprop(t.fdt, ch, "bootargs", NULL), r.cmdline);
	CHECK(!fdtu_getprop(t.fdt, ch, "linux,kernel-end", NULL));
	CHECK(!fdtu_getprop(t.fdt, ch, "linux,htab-base", NULL));
	CHECK(!fdtu_getprop(t.fdt, ch, "linux,htab-size", NULL));
	CHECK(!fdtu_getprop(t.fdt, ch, "linux,crashkernel-base", NULL));
	CHECK(!fdtu_getprop(t.fdt, ch, "linux,crashkernel-size", NULL));
	CHECK(!fdtu_getprop(t.fdt, ch, "linux,memory-limit", NULL));
	CHECK(fdtu_getprop(t.fdt, ch, "linux,stdout-path", NULL));
	CHECK(fdtu_getprop(t.fdt, ch, "linux,initrd-start", &len));
	CHECK_EQ(len, 8);
	CHECK_EQ(fdtu_get_uint(t.fdt, ch, "linux,initrd-start", &v), 0);
	CHECK_EQ(v, 0x30000000);
	CHECK_EQ(fdtu_get_uint(t.fdt, ch, "linux,initrd-end", &v), 0);
	CHECK_EQ(v, 0x30123456);
	CHECK_EQ(fdtu_get_uint(t.fdt, fdt_path_offset(t.fdt, "/rtas"),
			       "linux,rtas-base", &v), 0);
	CHECK_EQ(v, 0x1f000000);
	CHECK(fdtu_getprop(t.fdt, 0, "big-blob", &len));
	CHECK_EQ(len, 6000);
	CHECK_EQ(fdt_num_mem_rsv(t.fdt), 2);
	CHECK_EQ(fdt_get_mem_rsv(t.fdt, 0, &a, &s), 0);
	CHECK_EQ(a, 0x1f000000);
	CHECK_EQ(s, 0x100000);
	CHECK_EQ(fdt_get_mem_rsv(t.fdt, 1, &a, &s), 0);
	CHECK_EQ(a, 0x30000000);
	CHECK_EQ(s, 0x123456);
	range_list_free(&rsv);
	fdtu_free(&t);
}

/* No command line, no initrd: bootargs and the initrd properties go. */
static void test_prepare_empty(void)
{
	struct ppc64_dt_request r = { 0 };
	struct diag d = { 0 };
	struct fdtu t;
	int ch;

	running_tree(&t);
	fdtu_add_rsv(&t, 0x5000000, 0x1000);	/* as a --dtb might have */
	r.cmdline = "";
	CHECK_EQ(ppc64_dt_prepare(&t, &r, &d), 0);
	ch = fdt_path_offset(t.fdt, "/chosen");
	CHECK(!fdtu_getprop(t.fdt, ch, "bootargs", NULL));
	CHECK(!fdtu_getprop(t.fdt, ch, "linux,initrd-start", NULL));
	CHECK(!fdtu_getprop(t.fdt, ch, "linux,initrd-end", NULL));
	CHECK_EQ(fdt_num_mem_rsv(t.fdt), 1);
	fdtu_free(&t);
}

/* A tree without /chosen gets one. */
static void test_prepare_no_chosen(void)
{
	struct ppc64_dt_request r = { 0 };
	struct diag d = { 0 };
	struct fdtu t;

	fdtu_new(&t);
	r.cmdline = "quiet";
	CHECK_EQ(ppc64_dt_prepare(&t, &r, &d), 0);
	CHECK_STR(fdtu_getprop(t.fdt, fdt_path_offset(t.fdt, "/chosen"),
			       "bootargs", NULL), "quiet");
	fdtu_free(&t);
}

static void test_boot_cpu(void)
{
	struct fdtu t, boot;
	uint32_t cpu = 0;

	running_tree(&t);
	CHECK_EQ(ppc64_boot_cpu(t.fdt, NULL, 0, &cpu), 0);
	CHECK_EQ(cpu, 8);
	fdtu_new(&boot);
	fdt_set_boot_cpuid_phys(boot.fdt, 9);
	CHECK_EQ(ppc64_boot_cpu(t.fdt, boot.fdt, boot.size, &cpu), 0);
	CHECK_EQ(cpu, 9);
	fdtu_free(&boot);
	fdtu_free(&t);
	fdtu_new(&t);
	CHECK_EQ(ppc64_boot_cpu(t.fdt, NULL, 0, &cpu), -ENOENT);
	fdtu_free(&t);
}

static void test_ps3_fixup(void)
{
	struct ppc64_dt_request r = { 0 };
	struct diag d = { 0 };
	struct fdtu t;
	uint8_t rtc[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	size_t len;

	fdtu_new(&t);
	fdtu_setprop_string(&t, 0, "compatible", "sony,ps3");
	fdtu_setprop(&t, 0, "linux,rtc_diff", rtc, 8);
	fdtu_setprop_u32(&t, 0, "linux,av_multi_out", 3);
	r.platform = ppc64_platform_find(t.fdt);
	CHECK_STR(r.platform->name, "ps3");
	CHECK_EQ(ppc64_dt_prepare(&t, &r, &d), 0);
	CHECK(!memcmp(fdtu_getprop(t.fdt, 0, "linux,rtc_diff", &len), rtc, 8));
	CHECK_EQ(len, 8);
	CHECK(fdtu_getprop(t.fdt, 0, "linux,av_multi_out", &len));
	CHECK_EQ(len, 4);
	/* A wrong size is refused. */
	fdtu_setprop(&t, 0, "linux,rtc_diff", rtc, 4);
	CHECK_EQ(ppc64_dt_prepare(&t, &r, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "linux,rtc_diff"));
	diag_clear(&d);
	fdtu_free(&t);
}

int main(void)
{
	RUN(test_prepare);
	RUN(test_prepare_empty);
	RUN(test_prepare_no_chosen);
	RUN(test_boot_cpu);
	RUN(test_ps3_fixup);
	return check_done();
}
