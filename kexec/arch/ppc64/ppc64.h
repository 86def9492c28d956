/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ppc64.h - the 64-bit PowerPC backend: memory map and device tree from
 * the running system's device tree, platforms (pseries, powernv, ps3),
 * kernel image types.
 *
 * Where things go (see doc comment of ppc64_layout() in ppc64.c): the
 * running kernel [0, linux,kernel-end) can not be a destination, and a new
 * kernel that is not run in place copies itself down to its link address
 * (0) on boot, overwriting [0, link + its memsz, bss included).  Every
 * segment therefore goes above the larger of the two ends ("floor"); the
 * kernel, device tree and purgatory (which runs with the MMU off, stack
 * included) also below the end of the real-mode area.
 */
#ifndef KX_ARCH_PPC64_H
#define KX_ARCH_PPC64_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt-util.h"
#include "kexec.h"

extern const struct arch_ops ppc64_arch_ops;

/* Facts read from the running system's device tree (pure data). */
struct ppc64_dtinfo {
	struct range_list ram;		/* memory nodes + assigned LMBs */
	struct range_list fw_rsv;	/* firmware memory, carried into the
					 * new tree's reservation map */
	struct range_list reserved;	/* everything not to be written */
	uint64_t kernel_end;		/* linux,kernel-end, 0 if absent */
	uint64_t rma_end;		/* end of the first memory block */
	uint64_t memory_limit;		/* linux,memory-limit, 0 = none */
	uint64_t crash_base, crash_size;
	uint64_t initrd_start, initrd_end;	/* the running kernel's */
};

/*
 * Read memory, reservations and /chosen facts from a tree.  boot_fdt (the
 * tree the running kernel booted with, /sys/firmware/fdt; may be NULL)
 * contributes its reservation map, minus the running kernel's initrd
 * (freed after boot) and minus the entry an earlier loader made for that
 * tree itself (an entry exactly as long as boot_fdt's total size: the
 * kernel has copied what it needs of the tree, so it is not firmware
 * memory), and not at all on a platform with no_boot_rsvmap.  The
 * platform's reserve hook runs too.  0, -ENOMEM,
 * or -EINVAL with a diagnostic naming the bad node ("name" is the tree's
 * source for messages).
 */
int ppc64_read_dtinfo(const void *fdt, const void *boot_fdt,
		      size_t boot_len, const char *name,
		      struct ppc64_dtinfo *info, struct diag *d);

void ppc64_dtinfo_free(struct ppc64_dtinfo *info);

/*
 * Turn dtinfo into the memory map of a load: RAM capped by
 * linux,memory-limit; for panic, RAM is the crash region only; reserved
 * is the running kernel, firmware memory, and (normal loads) the crash
 * region.  0, -ENOMEM, or -EINVAL with a diagnostic (panic without a
 * crash region).
 */
int ppc64_memory_map(const struct ppc64_dtinfo *info, bool panic,
		     struct memory_map *m, struct diag *d);

/* ---- platforms ---- */

struct ppc64_platform {
	const char *name;
	/* Is the tree this platform's?  NULL matches anything. */
	bool (*match)(const void *fdt);
	/* Add platform firmware memory to info->fw_rsv. (optional) */
	int (*reserve)(const void *fdt, struct ppc64_dtinfo *info);
	/* Narrow [*min, *max) for every segment. (optional) */
	void (*segment_limits)(const struct ppc64_dtinfo *info,
			       uint64_t *min, uint64_t *max);
	/* Edit the new tree after the generic edits. (optional) */
	int (*fixup_tree)(struct fdtu *t, struct diag *d);
	/* Purgatory console and platform words. (optional: none) */
	void (*console)(const void *fdt, struct kx_params *p);
	/*
	 * --dtb: take from the running tree (running) what a tree file can
	 * not know, or refuse the file ("path" names it).  0 or -errno with
	 * a diagnostic. (optional: the file is used as it is)
	 */
	int (*import_running)(struct fdtu *t, const void *running,
			      const char *path, struct diag *d);
	/* Why a crash kernel (-p) can not work here; NULL when it can. */
	const char *no_crash;
	/* Only big-endian kernels run here. */
	bool big_endian_only;
	/* The boot tree's reservation map holds no firmware memory here,
	 * only what earlier loaders reserved for themselves: not carried. */
	bool no_boot_rsvmap;
};

/* The first platform whose match() accepts fdt (never NULL). */
const struct ppc64_platform *ppc64_platform_find(const void *fdt);

/* ---- the new device tree ---- */

struct ppc64_dt_request {
	const char *cmdline;		/* final command line, may be NULL */
	uint64_t initrd_start, initrd_end;	/* 0, 0 = no initrd */
	const struct range_list *rsv;	/* reservation map entries */
	const struct range_list *usable;	/* crash kernel: its memory */
	uint32_t boot_cpu;		/* boot_cpuid_phys for the header */
	const struct ppc64_platform *platform;
	size_t extra_room;		/* free bytes beyond the headroom */
	const char *name;		/* the tree's source, for messages */
	enum kx_exit cls;		/* exit status of a fault in it
					 * (0: KX_EXIT_SYSTEM) */
	uint64_t usable_max;		/* crash kernel: bytes its memory
					 * properties may take (0: any) */
};

/* Free bytes left in the new tree for the next kernel. */
#define PPC64_DT_HEADROOM	(16 * 1024)

/*
 * Edit t (a copy of the running tree or a --dtb) into the next kernel's
 * tree: drop the properties the running kernel added for itself, set
 * bootargs and the initrd, write the reservation map and boot CPU, run the
 * platform fix-ups and finish (version 17, headroom, checked).  Existing
 * reservation entries are replaced by req->rsv.  0 or -errno with a
 * diagnostic.
 */
int ppc64_dt_prepare(struct fdtu *t, const struct ppc64_dt_request *req,
		     struct diag *d);

/*
 * Limit a crash kernel to "usable": linux,usable-memory on every memory
 * node and linux,drconf-usable-memory on the dynamic-reconfiguration node
 * (the forms early_init_dt_scan_memory() and early_init_drmem_lmb() read).
 * 0, -EINVAL (a malformed node), -ENOMEM; a bad LMB list (an ibm,lmb-size
 * the kernel can not use, a truncated list, LMBs past the physical
 * memory a kernel addresses) is an error of class cls naming "name", and
 * LMBs whose entries would take more than max bytes (0: no limit) are
 * KX_EXIT_NOFIT, both refused before any per-LMB work.
 */
int ppc64_dt_set_usable(struct fdtu *t, const struct range_list *usable,
			uint64_t max, const char *name, enum kx_exit cls,
			struct diag *d);

/* Boot CPU of a tree: the header's boot_cpuid_phys when boot_fdt is given,
 * else the first cpu node's first ibm,ppc-interrupt-server#s (or reg).
 * 0 or -ENOENT. */
int ppc64_boot_cpu(const void *fdt, const void *boot_fdt, size_t boot_len,
		   uint32_t *cpu);

/* ---- kernel images ---- */

/* A kernel laid out as one block, ready to place. */
struct ppc64_kernel {
	const uint8_t *buf;		/* bufsz bytes: owned, or the mapped file */
	uint8_t *owned;			/* malloc'd copy, or NULL when borrowed */
	size_t bufsz;
	uint64_t memsz;			/* incl. bss */
	uint64_t link_addr;		/* physical address it was linked at */
	uint64_t entry_offset;		/* entry point, from the block start */
	bool relocatable;		/* ET_DYN: may run where loaded */
	bool big_endian;
};

/*
 * Lay out the PT_LOAD segments of a ppc64 vmlinux (data, size bytes) as
 * one block preserving their relative physical layout.  Returns 0;
 * -ENOEXEC when data is not ELF; -EINVAL with a KX_EXIT_INPUT diagnostic
 * naming path for a foreign machine, a boot wrapper, overlapping or absent
 * PT_LOADs, an entry outside them; -ENOMEM.
 */
int ppc64_kernel_from_elf(const void *data, size_t size, const char *path,
			  bool borrow, struct ppc64_kernel *k, struct diag *d);

/* Is data a kernel boot wrapper (zImage.*, dtbImage.*, otheros.bld)? If
 * so, returns -EINVAL with a diagnostic telling to use vmlinux; else 0. */
int ppc64_reject_wrapper(const void *data, size_t size, const char *path,
			 struct diag *d);

/* Place the kernel, initrd, device tree and purgatory; used by every
 * image type's load().  Takes ownership of k->owned. */
int ppc64_load_kernel(struct kexec_ctx *ctx, struct ppc64_kernel *k);

#define PPC64_NR_IMAGE_TYPES	3
extern const struct image_type ppc64_image_types[PPC64_NR_IMAGE_TYPES];

#endif /* KX_ARCH_PPC64_H */
