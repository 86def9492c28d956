// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-fdt-util.c - growable trees: from a directory, from a blob, edits,
 * finishing, reservation maps, length-checked reads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#include "check.h"
#include "fdt-util.h"

static char tmpdir[] = "/tmp/test-fdt-util.XXXXXX";

static void write_file(const char *rel, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(data, 1, len, f);
	fclose(f);
}

static void make_dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	mkdir(path, 0755);
}

/* A small /proc/device-tree: a 5000-byte property, nested nodes. */
static void build_dir(void)
{
	static const uint8_t cells2[] = { 0, 0, 0, 2 };
	static const uint8_t reg[] = { 0, 0, 0, 0, 0, 0, 0, 0,
				       0, 0, 0, 0, 0x10, 0, 0, 0 };
	uint8_t big[5000];
	size_t i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7);
	write_file("compatible", "qemu,pseries\0", 13);
	write_file("#address-cells", cells2, 4);
	write_file("#size-cells", cells2, 4);
	write_file("zz-big", big, sizeof(big));
	write_file("empty", "", 0);
	make_dir("memory@0");
	write_file("memory@0/reg", reg, sizeof(reg));
	write_file("memory@0/device_type", "memory", 7);
	make_dir("cpus");
	make_dir("cpus/cpu@0");
	make_dir("cpus/cpu@1");
	write_file("cpus/cpu@1/reg", cells2, 4);
	make_dir("chosen");
	write_file("chosen/bootargs", "root=/dev/sda\0", 14);
}

static void test_from_dir(void)
{
	struct diag d = { 0 };
	struct fdtu t = { 0 };
	const uint8_t *p;
	uint64_t v;
	size_t len, i;
	int node, bad = 0;

	CHECK_EQ(fdtu_from_dir(&t, tmpdir, &d), 0);
	if (!t.fdt)
		return;
	CHECK_EQ(fdtu_check(t.fdt, t.size), 0);
	p = fdtu_getprop(t.fdt, 0, "zz-big", &len);
	CHECK(p != NULL);
	CHECK_EQ(len, 5000);
	for (i = 0; p && i < len; i++)
		bad |= p[i] != (uint8_t)(i * 7);
	CHECK(!bad);
	CHECK(fdtu_getprop(t.fdt, 0, "empty", &len) != NULL);
	CHECK_EQ(len, 0);
	node = fdt_path_offset(t.fdt, "/memory@0");
	CHECK(node >= 0);
	CHECK(fdtu_getprop(t.fdt, node, "reg", &len) != NULL);
	CHECK_EQ(len, 16);
	node = fdt_path_offset(t.fdt, "/cpus/cpu@1");
	CHECK_EQ(fdtu_get_uint(t.fdt, node, "reg", &v), 0);
	CHECK_EQ(v, 2);
	CHECK(fdtu_prop_has_string(t.fdt, 0, "compatible", "qemu,pseries"));
	/* Nodes and properties in name order. */
	node = fdt_first_subnode(t.fdt, 0);
	CHECK_STR(fdt_get_name(t.fdt, node, NULL), "chosen");
	node = fdt_first_subnode(t.fdt, fdt_path_offset(t.fdt, "/cpus"));
	CHECK_STR(fdt_get_name(t.fdt, node, NULL), "cpu@0");
	fdtu_free(&t);
	diag_clear(&d);
}

static void test_from_dir_missing(void)
{
	struct diag d = { 0 };
	struct fdtu t = { 0 };

	CHECK_EQ(fdtu_from_dir(&t, "/nonexistent/device-tree", &d), -ENOENT);
	CHECK(d.msg && strstr(d.msg, "/nonexistent/device-tree"));
	CHECK(t.fdt == NULL);
	diag_clear(&d);
}

static void test_edit_and_finish(void)
{
	struct diag d = { 0 };
	struct fdtu t = { 0 };
	char big[20000];
	uint64_t v, a, s;
	int node;

	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = 0;
	CHECK_EQ(fdtu_new(&t), 0);
	node = fdtu_node(&t, "/chosen/sub");
	CHECK(node > 0);
	/* Grows the 4 KiB tree. */
	CHECK_EQ(fdtu_setprop_string(&t, node, "big", big), 0);
	CHECK_EQ(fdtu_setprop_u64(&t, fdtu_node(&t, "/chosen"), "x", 7), 0);
	CHECK_EQ(fdtu_get_uint(t.fdt, fdt_path_offset(t.fdt, "/chosen"), "x",
			       &v), 0);
	CHECK_EQ(v, 7);
	CHECK_EQ(fdtu_delprop(&t, 0, "absent"), 0);
	CHECK_EQ(fdtu_add_rsv(&t, 0x1000, 0x2000), 0);
	CHECK_EQ(fdtu_finish(&t, 8192, &d), 0);
	CHECK_EQ(fdt_version(t.fdt), 17);
	CHECK_EQ(fdt_totalsize(t.fdt), t.size);
	CHECK(t.size - (fdt_off_dt_strings(t.fdt) +
			fdt_size_dt_strings(t.fdt)) >= 8192);
	CHECK_EQ(fdt_num_mem_rsv(t.fdt), 1);
	CHECK_EQ(fdt_get_mem_rsv(t.fdt, 0, &a, &s), 0);
	CHECK_EQ(a, 0x1000);
	CHECK_EQ(s, 0x2000);
	fdtu_free(&t);
}

/* The whole map replaced in one splice: grown, shrunk, emptied; the
 * nodes and properties after it intact each time. */
static void test_set_rsvmap(void)
{
	static const size_t counts[] = { 3000, 2, 0, 5 };
	struct range_list l = { 0 };
	struct diag d = { 0 };
	struct fdtu t = { 0 };
	uint64_t a, s, v;
	size_t i, k;

	CHECK_EQ(fdtu_new(&t), 0);
	CHECK_EQ(fdtu_setprop_u64(&t, fdtu_node(&t, "/chosen"), "x", 7), 0);
	CHECK_EQ(fdtu_add_rsv(&t, 0x1000, 0x1000), 0);
	for (k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		range_list_free(&l);
		for (i = 0; i < counts[k]; i++) {
			a = 0x100000 * (i + 1);
			CHECK_EQ(range_list_add(&l, a, a + 0x1000 * (k + 1)),
				 0);
		}
		CHECK_EQ(fdtu_set_rsvmap(&t, &l), 0);
		CHECK_EQ(fdt_num_mem_rsv(t.fdt), (int)counts[k]);
		for (i = 0; i < counts[k]; i += 997) {
			CHECK_EQ(fdt_get_mem_rsv(t.fdt, (int)i, &a, &s), 0);
			CHECK_EQ(a, 0x100000 * (i + 1));
			CHECK_EQ(s, 0x1000 * (k + 1));
		}
		CHECK_EQ(fdtu_check(t.fdt, t.size), 0);
		CHECK_EQ(fdtu_get_uint(t.fdt, fdt_path_offset(t.fdt, "/chosen"),
				       "x", &v), 0);
		CHECK_EQ(v, 7);
		/* Still editable by libfdt. */
		CHECK_EQ(fdtu_setprop_u32(&t, 0, "y", (uint32_t)k), 0);
	}
	CHECK_EQ(fdtu_finish(&t, 0, &d), 0);
	CHECK_EQ(fdt_num_mem_rsv(t.fdt), 5);
	range_list_free(&l);
	fdtu_free(&t);
}

/*
 * A tree whose blocks are in order but with gaps between them and the
 * map at an unaligned offset (libfdt opens such a tree as it is): the map
 * is replaced, the properties survive, nothing is read from a gap.
 */
static void test_set_rsvmap_gaps(void)
{
	struct range_list l = { 0 };
	struct fdtu t = { 0 }, u = { 0 };
	struct diag d = { 0 };
	uint64_t a, s, v;
	size_t st, sz_st, sz_str, off_str;
	char *blob;

	CHECK_EQ(fdtu_new(&u), 0);
	CHECK_EQ(fdtu_setprop_u64(&u, fdtu_node(&u, "/chosen"), "x", 9), 0);
	CHECK_EQ(fdtu_add_rsv(&u, 0x2000, 0x1000), 0);
	CHECK_EQ(fdt_pack(u.fdt), 0);
	st = fdt_off_dt_struct(u.fdt);
	sz_st = fdt_size_dt_struct(u.fdt);
	sz_str = fdt_size_dt_strings(u.fdt);
	/* Map at 0x35, structure at 0x400, strings at 0x800, junk between. */
	blob = malloc(0x1000);
	CHECK(blob != NULL);
	memset(blob, 0xa5, 0x1000);
	memcpy(blob, u.fdt, 40);
	memcpy(blob + 0x35, (char *)u.fdt + fdt_off_mem_rsvmap(u.fdt), 32);
	memcpy(blob + 0x400, (char *)u.fdt + st, sz_st);
	off_str = 0x800;
	memcpy(blob + off_str, (char *)u.fdt + fdt_off_dt_strings(u.fdt),
	       sz_str);
	fdt_set_off_mem_rsvmap(blob, 0x35);
	fdt_set_off_dt_struct(blob, 0x400);
	fdt_set_off_dt_strings(blob, (uint32_t)off_str);
	fdt_set_totalsize(blob, 0x1000);
	CHECK_EQ(fdtu_from_blob(&t, blob, 0x1000, "gaps.dtb", &d), 0);
	diag_clear(&d);
	CHECK_EQ(range_list_add(&l, 0x300000, 0x301000), 0);
	CHECK_EQ(range_list_add(&l, 0x500000, 0x502000), 0);
	CHECK_EQ(fdtu_set_rsvmap(&t, &l), 0);
	CHECK_EQ(fdtu_check(t.fdt, t.size), 0);
	CHECK_EQ(fdt_num_mem_rsv(t.fdt), 2);
	CHECK_EQ(fdt_get_mem_rsv(t.fdt, 1, &a, &s), 0);
	CHECK_EQ(a, 0x500000);
	CHECK_EQ(s, 0x2000);
	CHECK_EQ(fdtu_get_uint(t.fdt, fdt_path_offset(t.fdt, "/chosen"),
			       "x", &v), 0);
	CHECK_EQ(v, 9);
	CHECK_EQ(fdtu_finish(&t, 0, &d), 0);
	range_list_free(&l);
	free(blob);
	fdtu_free(&t);
	fdtu_free(&u);
}

static void test_from_blob(void)
{
	struct diag d = { 0 };
	struct fdtu t = { 0 }, u = { 0 };
	char junk[64] = "not a tree";

	CHECK_EQ(fdtu_from_blob(&t, junk, sizeof(junk), "junk.dtb", &d),
		 -EINVAL);
	CHECK(d.msg && strstr(d.msg, "junk.dtb"));
	diag_clear(&d);
	CHECK_EQ(fdtu_new(&u), 0);
	CHECK_EQ(fdtu_setprop_u32(&u, 0, "a", 1), 0);
	CHECK_EQ(fdt_pack(u.fdt), 0);
	/* Truncated. */
	CHECK_EQ(fdtu_from_blob(&t, u.fdt, fdt_totalsize(u.fdt) - 4, "t.dtb",
				&d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "truncated"));
	diag_clear(&d);
	CHECK_EQ(fdtu_from_blob(&t, u.fdt, fdt_totalsize(u.fdt), "t.dtb", &d),
		 0);
	fdtu_free(&t);
	/* A property of length -12 sends libfdt's next tag back to itself:
	 * refused (every walk of the tree would loop forever). */
	memcpy(junk, (char *)u.fdt + fdt_off_dt_struct(u.fdt) + 12, 4);
	CHECK_EQ(fdt32_to_cpu(*(fdt32_t *)junk), 4);
	memcpy((char *)u.fdt + fdt_off_dt_struct(u.fdt) + 12,
	       "\377\377\377\364", 4);
	CHECK_EQ(fdtu_from_blob(&t, u.fdt, fdt_totalsize(u.fdt), "n.dtb", &d),
		 -EINVAL);
	CHECK(d.msg && strstr(d.msg, "n.dtb: device tree is truncated"));
	diag_clear(&d);
	memcpy((char *)u.fdt + fdt_off_dt_struct(u.fdt) + 12, junk, 4);
	CHECK_EQ(fdtu_from_blob(&t, u.fdt, fdt_totalsize(u.fdt), "t.dtb", &d),
		 0);
	CHECK(fdtu_getprop(t.fdt, 0, "a", NULL) != NULL);
	fdtu_free(&t);
	fdtu_free(&u);
}

static void test_reads_checked(void)
{
	struct fdtu t = { 0 };
	struct range_list l = { 0 };
	uint64_t v;
	int ac, sc;

	CHECK_EQ(fdtu_new(&t), 0);
	CHECK_EQ(fdtu_setprop(&t, 0, "three", "abc", 3), 0);
	CHECK_EQ(fdtu_get_uint(t.fdt, 0, "three", &v), -EINVAL);
	CHECK_EQ(fdtu_get_uint(t.fdt, 0, "none", &v), -ENOENT);
	CHECK_EQ(fdtu_root_cells(t.fdt, &ac, &sc), 0);
	CHECK_EQ(ac, 2);
	CHECK_EQ(sc, 1);
	CHECK_EQ(fdtu_setprop_u32(&t, 0, "#size-cells", 3), 0);
	CHECK_EQ(fdtu_root_cells(t.fdt, &ac, &sc), -EINVAL);
	CHECK_EQ(fdtu_add_rsv(&t, 0x10000, 0x1000), 0);
	CHECK_EQ(fdtu_add_rsv(&t, 0x11000, 0x1000), 0);
	CHECK_EQ(fdtu_read_rsvmap(t.fdt, t.size, false, &l), 0);
	CHECK_EQ(l.n, 1);
	CHECK_EQ(l.r[0].start, 0x10000);
	CHECK_EQ(l.r[0].end, 0x12000);
	CHECK_EQ(fdtu_read_rsvmap(t.fdt, 20, false, &l), -EINVAL);
	range_list_free(&l);
	fdtu_free(&t);

	/* A loader's reservation of the tree itself (kexec-tools: its
	 * address and fdt_totalsize()): left out on request. */
	CHECK_EQ(fdtu_new(&t), 0);
	CHECK_EQ(fdtu_add_rsv(&t, 0x20000, 0x3000), 0);
	CHECK_EQ(fdtu_add_rsv(&t, 0x7fff000, 1), 0);
	CHECK_EQ(fdtu_finish(&t, 0, NULL), 0);
	CHECK_EQ(fdt_del_mem_rsv(t.fdt, 1), 0);
	CHECK_EQ(fdt_add_mem_rsv(t.fdt, 0x7fff000, fdt_totalsize(t.fdt)), 0);
	CHECK(fdt_totalsize(t.fdt) != 0x3000);
	CHECK_EQ(fdtu_read_rsvmap(t.fdt, t.size, true, &l), 0);
	CHECK_EQ(l.n, 1);
	CHECK(l.n && l.r[0].end == 0x23000);
	range_list_free(&l);
	CHECK_EQ(fdtu_read_rsvmap(t.fdt, t.size, false, &l), 0);
	CHECK_EQ(l.n, 2);
	range_list_free(&l);
	fdtu_free(&t);
}

int main(void)
{
	char cmd[600];

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	build_dir();
	RUN(test_from_dir);
	RUN(test_from_dir_missing);
	RUN(test_edit_and_finish);
	RUN(test_set_rsvmap);
	RUN(test_set_rsvmap_gaps);
	RUN(test_from_blob);
	RUN(test_reads_checked);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return check_done();
}
