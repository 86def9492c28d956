// SPDX-License-Identifier: GPL-2.0-only
/*
 * bootinfo.c - checking, walking and editing m68k bootinfo records.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bootinfo.h"

#define BI_HDR		4	/* u16 tag, u16 size */

/* Data bytes a record of a tag must hold for us to read it, or 0. */
static size_t bi_min_data(uint16_t tag)
{
	switch (tag) {
	case BI_MACHTYPE:
	case BI_CPUTYPE:
	case BI_FPUTYPE:
	case BI_MMUTYPE:
		return 4;
	case BI_MEMCHUNK:
	case BI_RAMDISK:
		return 8;
	case BI_RNG_SEED:
		return 2;
	default:
		return 0;
	}
}

/* Check one record's header and contents at off (the tag is not BI_LAST). */
static int bi_check_record(const uint8_t *p, size_t len, size_t off,
			   const char *name, enum kx_exit cls, struct diag *d)
{
	uint16_t tag = bi_get16(p + off);
	uint16_t size;

	if (len - off < BI_HDR)
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo record at "
				 "offset 0x%zx (tag 0x%04x) is truncated: "
				 "%zu of 4 header bytes", name, off, tag,
				 len - off);
	size = bi_get16(p + off + 2);
	if (size < BI_HDR)
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo record at "
				 "offset 0x%zx (tag 0x%04x) has size %u, less "
				 "than its 4-byte header", name, off, tag, size);
	if (size > BI_RECORD_MAX)
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo record at "
				 "offset 0x%zx (tag 0x%04x) has an absurd size "
				 "of %u bytes", name, off, tag, size);
	if (size & 1)
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo record at "
				 "offset 0x%zx (tag 0x%04x) has odd size %u; "
				 "records keep 16-bit alignment", name, off,
				 tag, size);
	if (size > len - off)
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo record at "
				 "offset 0x%zx (tag 0x%04x, %u bytes) runs past "
				 "the end (%zu bytes)", name, off, tag, size,
				 len);
	if ((size_t)(size - BI_HDR) < bi_min_data(tag))
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo record %s at "
				 "offset 0x%zx is too short (%u bytes)", name,
				 bootinfo_tag_name(tag, 0), off, size);
	if (tag == BI_RNG_SEED &&
	    (size_t)bi_get16(p + off + BI_HDR) + 2 > (size_t)(size - BI_HDR))
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo record "
				 "BI_RNG_SEED at offset 0x%zx claims %u seed "
				 "bytes in a %u-byte record", name, off,
				 bi_get16(p + off + BI_HDR), size);
	return 0;
}

int bootinfo_check(const void *buf, size_t len, const char *name,
		   enum kx_exit cls, struct bootinfo *bi, struct diag *d)
{
	const uint8_t *p = buf;
	size_t off = 0;
	int ret;

	if (len > BI_FILE_MAX)
		return diag_fail(d, cls, -EINVAL, "%s: %zu bytes is too large "
				 "for a bootinfo (at most %d)", name, len,
				 BI_FILE_MAX);
	while (len - off >= 2 && bi_get16(p + off) != BI_LAST) {
		ret = bi_check_record(p, len, off, name, cls, d);
		if (ret)
			return ret;
		off += bi_get16(p + off + 2);
	}
	if (len - off == 1)
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo record at "
				 "offset 0x%zx is truncated: 1 of 4 header "
				 "bytes", name, off);
	if (len - off < 2)
		return diag_fail(d, cls, -EINVAL, "%s: bootinfo has no BI_LAST "
				 "terminator (%zu bytes)", name, len);
	bi->buf = p;
	bi->len = off + 2;
	return 0;
}

bool bootinfo_next(const struct bootinfo *bi, size_t *off, struct bi_rec *r)
{
	const uint8_t *p;

	if (*off + BI_HDR > bi->len)
		return false;
	p = bi->buf + *off;
	r->tag = bi_get16(p);
	if (r->tag == BI_LAST)
		return false;
	r->size = bi_get16(p + 2);
	r->data = p + BI_HDR;
	r->data_len = r->size - BI_HDR;
	r->off = *off;
	*off += r->size;
	return true;
}

int bootinfo_find(const struct bootinfo *bi, uint16_t tag, struct bi_rec *r)
{
	size_t off = 0;

	while (bootinfo_next(bi, &off, r))
		if (r->tag == tag)
			return 0;
	return -ENOENT;
}

int bootinfo_get_u32(const struct bootinfo *bi, uint16_t tag, uint32_t *v)
{
	struct bi_rec r;

	if (bootinfo_find(bi, tag, &r))
		return -ENOENT;
	if (r.data_len < 4)
		return -EINVAL;
	*v = bi_get32(r.data);
	return 0;
}

size_t bootinfo_count(const struct bootinfo *bi, uint16_t tag)
{
	struct bi_rec r;
	size_t off = 0, n = 0;

	while (bootinfo_next(bi, &off, &r))
		n += r.tag == tag;
	return n;
}

int bootinfo_memchunk(const struct bootinfo *bi, size_t i, uint32_t *addr,
		      uint32_t *size)
{
	struct bi_rec r;
	size_t off = 0;

	while (bootinfo_next(bi, &off, &r)) {
		if (r.tag != BI_MEMCHUNK || i--)
			continue;
		*addr = bi_get32(r.data);
		*size = bi_get32(r.data + 4);
		return 0;
	}
	return -ENOENT;
}

int bootinfo_memory(const struct bootinfo *bi, struct range_list *ram)
{
	uint32_t addr, size;
	size_t i;
	int ret;

	for (i = 0; !bootinfo_memchunk(bi, i, &addr, &size); i++) {
		if ((uint64_t)addr + size > 0x100000000ULL)
			return -ERANGE;
		ret = range_list_add(ram, addr, (uint64_t)addr + size);
		if (ret)
			return ret;
	}
	return i ? 0 : -ENOENT;
}

static const char *const generic_names[] = {
	"BI_LAST", "BI_MACHTYPE", "BI_CPUTYPE", "BI_FPUTYPE", "BI_MMUTYPE",
	"BI_MEMCHUNK", "BI_RAMDISK", "BI_COMMAND_LINE", "BI_RNG_SEED",
};

static const char *const virt_names[] = {
	"BI_VIRT_QEMU_VERSION", "BI_VIRT_GF_PIC_BASE", "BI_VIRT_GF_RTC_BASE",
	"BI_VIRT_GF_TTY_BASE", "BI_VIRT_VIRTIO_BASE", "BI_VIRT_CTRL_BASE",
};

static const char *const atari_names[] = {
	"BI_ATARI_MCH_COOKIE", "BI_ATARI_MCH_TYPE",
};

static const char *const amiga_names[] = {
	"BI_AMIGA_MODEL", "BI_AMIGA_AUTOCON", "BI_AMIGA_CHIP_SIZE",
	"BI_AMIGA_VBLANK", "BI_AMIGA_PSFREQ", "BI_AMIGA_ECLOCK",
	"BI_AMIGA_CHIPSET", "BI_AMIGA_SERPER",
};

static const char *const mac_names[] = {
	"BI_MAC_MODEL", "BI_MAC_VADDR", "BI_MAC_VDEPTH", "BI_MAC_VROW",
	"BI_MAC_VDIM", "BI_MAC_VLOGICAL", "BI_MAC_SCCBASE", "BI_MAC_BTIME",
	"BI_MAC_GMTBIAS", "BI_MAC_MEMSIZE", "BI_MAC_CPUID", "BI_MAC_ROMBASE",
};

#define NAME_IN(tbl, i) \
	((i) < sizeof(tbl) / sizeof(tbl[0]) ? tbl[i] : "machine-specific")

const char *bootinfo_tag_name(uint16_t tag, uint32_t machtype)
{
	unsigned int i = tag - BI_MACH_FIRST;

	if (tag < BI_MACH_FIRST)
		return tag < sizeof(generic_names) / sizeof(generic_names[0]) ?
		       generic_names[tag] : "unknown";
	switch (machtype) {
	case MACH_VIRT:
		return NAME_IN(virt_names, i);
	case MACH_ATARI:
		return NAME_IN(atari_names, i);
	case MACH_AMIGA:
		return NAME_IN(amiga_names, i);
	case MACH_MAC:
		return NAME_IN(mac_names, i);
	default:
		return "machine-specific";
	}
}

static const char *const mach_names[] = {
	"unknown", "amiga", "atari", "mac", "apollo", "sun3", "mvme147",
	"mvme16x", "bvme6000", "hp300", "q40", "sun3x", "m54xx", "m5441x",
	"virt",
};

const char *bootinfo_mach_name(uint32_t machtype)
{
	if (machtype >= sizeof(mach_names) / sizeof(mach_names[0]))
		return "unknown";
	return mach_names[machtype];
}

/* Size of a new record holding n data bytes, padded to 4. */
static size_t bi_rec_size(size_t n)
{
	return (BI_HDR + n + 3) & ~(size_t)3;
}

/* Write a record header at p; the data area is zeroed. */
static uint8_t *bi_put_rec(uint8_t *p, uint16_t tag, size_t size)
{
	memset(p, 0, size);
	bi_put16(p, tag);
	bi_put16(p + 2, (uint16_t)size);
	return p + BI_HDR;
}

/* Append the record replacing tag, as e says; returns bytes written (0
 * when the tag is dropped).  p may be NULL to measure. */
static size_t bi_emit_new(uint8_t *p, uint16_t tag,
			  const struct bootinfo_edit *e)
{
	size_t size;
	uint8_t *d;

	switch (tag) {
	case BI_COMMAND_LINE:
		size = bi_rec_size(strlen(e->cmdline) + 1);
		if (p)
			memcpy(bi_put_rec(p, tag, size), e->cmdline,
			       strlen(e->cmdline));
		return size;
	case BI_RAMDISK:
		if (!e->ramdisk)
			return 0;
		size = bi_rec_size(8);
		if (p) {
			d = bi_put_rec(p, tag, size);
			bi_put32(d, e->ramdisk_addr);
			bi_put32(d + 4, e->ramdisk_size);
		}
		return size;
	default:	/* BI_RNG_SEED */
		size = bi_rec_size(2 + e->seed_len);
		if (p) {
			d = bi_put_rec(p, tag, size);
			bi_put16(d, (uint16_t)e->seed_len);
			memcpy(d + 2, e->seed, e->seed_len);
		}
		return size;
	}
}

/* Does e replace records of tag? */
static bool bi_edited(uint16_t tag, const struct bootinfo_edit *e)
{
	return (tag == BI_COMMAND_LINE && e->cmdline) || tag == BI_RAMDISK ||
	       (tag == BI_RNG_SEED && e->seed);
}

static const uint16_t edited_tags[] = {
	BI_COMMAND_LINE, BI_RAMDISK, BI_RNG_SEED,
};

/* Write (or, with p NULL, measure) the new bootinfo. */
static size_t bi_emit(const struct bootinfo *bi,
		      const struct bootinfo_edit *e, uint8_t *p)
{
	bool done[3] = { false, false, false };
	struct bi_rec r;
	size_t off = 0, n = 0, i;

	while (bootinfo_next(bi, &off, &r)) {
		if (!bi_edited(r.tag, e)) {
			if (p)
				memcpy(p + n, bi->buf + r.off, r.size);
			n += r.size;
			continue;
		}
		i = r.tag == BI_COMMAND_LINE ? 0 : r.tag == BI_RAMDISK ? 1 : 2;
		if (!done[i])
			n += bi_emit_new(p ? p + n : NULL, r.tag, e);
		done[i] = true;
	}
	for (i = 0; i < 3; i++)
		if (!done[i] && bi_edited(edited_tags[i], e))
			n += bi_emit_new(p ? p + n : NULL, edited_tags[i], e);
	if (p)
		memset(p + n, 0, BI_HDR);	/* BI_LAST, padded */
	return n + BI_HDR;
}

int bootinfo_build(const struct bootinfo *bi, const struct bootinfo_edit *e,
		   uint8_t **out, size_t *out_len)
{
	size_t len;
	uint8_t *p;

	if (e->cmdline && strlen(e->cmdline) >= BI_CL_SIZE)
		return -E2BIG;
	if (e->seed && bi_rec_size(2 + e->seed_len) > BI_RECORD_MAX)
		return -E2BIG;
	len = bi_emit(bi, e, NULL);
	*out_len = len;
	if (len > BI_FILE_MAX)
		return -EFBIG;
	p = malloc(len);
	if (!p)
		return -ENOMEM;
	bi_emit(bi, e, p);
	*out = p;
	*out_len = len;
	return 0;
}

int bootinfo_set_ramdisk(uint8_t *buf, size_t len, uint32_t addr,
			 uint32_t size)
{
	struct bootinfo bi;
	struct bi_rec r;

	if (bootinfo_check(buf, len, "bootinfo", KX_EXIT_FAILURE, &bi, NULL))
		return -EINVAL;
	if (bootinfo_find(&bi, BI_RAMDISK, &r))
		return -ENOENT;
	bi_put32(buf + r.off + BI_HDR, addr);
	bi_put32(buf + r.off + BI_HDR + 4, size);
	return 0;
}
