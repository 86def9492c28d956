/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bootinfo.h - the Linux/m68k boot information: reading, checking and
 * editing the tagged records a bootloader leaves behind the kernel.
 *
 * Pure logic, no I/O.  The format (arch/m68k/include/uapi/asm/bootinfo.h):
 * big-endian records { u16 tag; u16 size; data }, "size" counting the 4-byte
 * header, the list ending with the tag BI_LAST (0).  /proc/bootinfo ends
 * right after that 2-byte tag (kernel/bootinfo_proc.c, save_bootinfo()).
 *
 * Reading borrows the caller's buffer and allocates nothing: check it once
 * with bootinfo_check(), then walk it with bootinfo_next().
 */
#ifndef KX_M68K_BOOTINFO_H
#define KX_M68K_BOOTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ranges.h"

/* Machine-independent tags. */
#define BI_LAST			0x0000
#define BI_MACHTYPE		0x0001	/* __be32 */
#define BI_CPUTYPE		0x0002	/* __be32 */
#define BI_FPUTYPE		0x0003	/* __be32 */
#define BI_MMUTYPE		0x0004	/* __be32 */
#define BI_MEMCHUNK		0x0005	/* __be32 addr, __be32 size */
#define BI_RAMDISK		0x0006	/* __be32 addr, __be32 size */
#define BI_COMMAND_LINE		0x0007	/* NUL-terminated string */
#define BI_RNG_SEED		0x0008	/* __be16 length, then the bytes */
#define BI_MACH_FIRST		0x8000	/* machine-specific tags from here */

/* QEMU virt machine records (bootinfo-virt.h): __be32 mmio, __be32 irq. */
#define BI_VIRT_QEMU_VERSION	0x8000
#define BI_VIRT_GF_PIC_BASE	0x8001
#define BI_VIRT_GF_RTC_BASE	0x8002
#define BI_VIRT_GF_TTY_BASE	0x8003
#define BI_VIRT_VIRTIO_BASE	0x8004
#define BI_VIRT_CTRL_BASE	0x8005

/* BI_MACHTYPE values. */
#define MACH_AMIGA		1
#define MACH_ATARI		2
#define MACH_MAC		3
#define MACH_APOLLO		4
#define MACH_SUN3		5
#define MACH_MVME147		6
#define MACH_MVME16x		7
#define MACH_BVME6000		8
#define MACH_HP300		9
#define MACH_Q40		10
#define MACH_SUN3X		11
#define MACH_M54XX		12
#define MACH_M5441X		13
#define MACH_VIRT		14

/* CL_SIZE: the kernel's command-line buffer, NUL included. */
#define BI_CL_SIZE		256
/* The kernel keeps at most this much for /proc/bootinfo (bootinfo_proc.c):
 * a longer bootinfo boots, but the new kernel exports none. */
#define BI_PROC_MAX		1536
/* head.S walks records with "addw size,%a0", which sign-extends: a record
 * of 32 KiB or more would send it backwards. */
#define BI_RECORD_MAX		0x7ffe
/* A bootinfo file larger than this is not one, and the loader builds
 * none larger: the kernel sets no limit of its own (head.S and
 * setup_mm.c walk the records to BI_LAST; machine_kexec.c copies
 * segments as they are), so this bounds the work on hostile input. */
#define BI_FILE_MAX		65536
/* Bytes of fresh seed in BI_RNG_SEED (what QEMU passes). */
#define BI_RNG_SEED_LEN		32

/* A checked bootinfo: buf[0, len) holds every record and the BI_LAST tag. */
struct bootinfo {
	const uint8_t *buf;
	size_t len;
};

/* One record, as bootinfo_next() returns it. */
struct bi_rec {
	uint16_t tag;
	uint16_t size;		/* header included */
	const uint8_t *data;	/* size - 4 bytes */
	size_t data_len;
	size_t off;		/* of the header in the buffer */
};

/*
 * Check buf[0, len) as a bootinfo: every record has a full header, a size
 * of at least 4, even and at most BI_RECORD_MAX, lies inside the buffer,
 * the records this loader reads are long enough (BI_MACHTYPE..BI_MMUTYPE 4
 * data bytes, BI_MEMCHUNK and BI_RAMDISK 8, BI_RNG_SEED its length + 2),
 * and a BI_LAST tag ends the list.  Bytes after BI_LAST are ignored.  On
 * success bi borrows buf.  Returns 0, or -EINVAL with one diagnostic of
 * class cls naming "name" and the offset at fault.
 */
int bootinfo_check(const void *buf, size_t len, const char *name,
		   enum kx_exit cls, struct bootinfo *bi, struct diag *d);

/*
 * Walk the records of a checked bootinfo.  Start with *off = 0; each call
 * fills r and advances *off.  Returns false at BI_LAST.
 */
bool bootinfo_next(const struct bootinfo *bi, size_t *off, struct bi_rec *r);

/* The first record with tag.  0, or -ENOENT. */
int bootinfo_find(const struct bootinfo *bi, uint16_t tag, struct bi_rec *r);

/* The first __be32 of the first record with tag.  0, -ENOENT, or -EINVAL
 * when that record holds fewer than 4 data bytes. */
int bootinfo_get_u32(const struct bootinfo *bi, uint16_t tag, uint32_t *v);

/* Number of records with tag. */
size_t bootinfo_count(const struct bootinfo *bi, uint16_t tag);

/*
 * Add every BI_MEMCHUNK to ram, in order.  Returns 0; -ENOENT when there
 * is none; -ERANGE when a chunk wraps past 4 GiB; -ENOMEM.
 */
int bootinfo_memory(const struct bootinfo *bi, struct range_list *ram);

/* The base address of memory chunk i (0 first).  0 or -ENOENT. */
int bootinfo_memchunk(const struct bootinfo *bi, size_t i, uint32_t *addr,
		      uint32_t *size);

/* A name for a tag ("BI_MEMCHUNK", "BI_VIRT_GF_TTY_BASE", ...); for a
 * machine-specific tag the machine type decides; "unknown" otherwise. */
const char *bootinfo_tag_name(uint16_t tag, uint32_t machtype);

/* A name for a machine type ("virt", "atari", ...) or "unknown". */
const char *bootinfo_mach_name(uint32_t machtype);

/* What bootinfo_build() changes. */
struct bootinfo_edit {
	const char *cmdline;	/* new BI_COMMAND_LINE; NULL keeps the old */
	bool ramdisk;		/* write BI_RAMDISK; else drop every one */
	uint32_t ramdisk_addr;
	uint32_t ramdisk_size;
	const uint8_t *seed;	/* new BI_RNG_SEED bytes; NULL keeps the old */
	size_t seed_len;
};

/*
 * Write a new bootinfo: every record of bi in order, except that the first
 * BI_COMMAND_LINE, BI_RAMDISK and BI_RNG_SEED are replaced as e says (and
 * later ones of those tags dropped); a replacement with no old record to
 * take the place of is appended.  New records are padded to 4 bytes; the
 * list ends with BI_LAST.  *out is malloc'd.  Returns 0; -E2BIG for a
 * command line of BI_CL_SIZE bytes or more, or a seed too long for a
 * record; -EFBIG, with the size it would have in *out_len, when the new
 * bootinfo would pass BI_FILE_MAX (the reader's limit); -ENOMEM.
 */
int bootinfo_build(const struct bootinfo *bi, const struct bootinfo_edit *e,
		   uint8_t **out, size_t *out_len);

/* Set address and size of the BI_RAMDISK record in a built bootinfo.
 * 0, -ENOENT (no such record), -EINVAL (not a valid bootinfo). */
int bootinfo_set_ramdisk(uint8_t *buf, size_t len, uint32_t addr,
			 uint32_t size);

/* Big-endian helpers. */
static inline uint16_t bi_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t bi_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void bi_put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void bi_put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

#endif /* KX_M68K_BOOTINFO_H */
