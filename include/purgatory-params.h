/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * purgatory-params.h - the one structure the loader hands to purgatory.
 *
 * Shared by the loader (any host) and every purgatory (freestanding).  The
 * structure holds only 64-bit fields, so its layout is the same on every
 * target; only the byte order differs, and the loader writes it in the
 * target's byte order.  Purgatory defines one object of this type named
 * "kx_params"; the loader finds it by name, checks the symbol size and fills
 * it after every other segment is final.
 */
#ifndef KX_PURGATORY_PARAMS_H
#define KX_PURGATORY_PARAMS_H

#ifdef KX_FREESTANDING
typedef unsigned long long kx_u64;
#else
#include <stdint.h>
typedef uint64_t kx_u64;
#endif

#define KX_PARAMS_MAGIC		0x4b58504152414d53ULL	/* "KXPARAMS" */
#define KX_PARAMS_VERSION	1
#define KX_MAX_REGIONS		16

/* kx_params.flags */
#define KX_PF_VERIFY		0x1	/* verify region digests before entry */
#define KX_PF_TRACE		0x2	/* print each step on the console (-d) */

/* kx_params.algo */
#define KX_ALGO_NONE		0
#define KX_ALGO_SHA256		1	/* digest[] holds the 32 raw bytes */
#define KX_ALGO_XXH64		2	/* digest[0] holds the 64-bit value */

/* kx_params.console */
#define KX_CONSOLE_NONE		0
#define KX_CONSOLE_PSERIES	1	/* H_PUT_TERM_CHAR, console_arg = vterm */
#define KX_CONSOLE_OPAL		2	/* OPAL console write, arg = terminal */
#define KX_CONSOLE_GOLDFISH	3	/* Goldfish TTY, console_arg = phys base */

/* ppc64: kx_params.arch[] */
#define KX_PPC64_KERNEL		0	/* physical entry of the new kernel */
#define KX_PPC64_DT		1	/* physical address of the device tree */
#define KX_PPC64_OPAL_BASE	2	/* powernv: OPAL base, 0 elsewhere */
#define KX_PPC64_OPAL_ENTRY	3	/* powernv: OPAL entry, 0 elsewhere */
#define KX_PPC64_BACKUP_SRC	4	/* crash kernel: after the checks, copy */
#define KX_PPC64_BACKUP_DST	5	/* BACKUP_SIZE bytes from SRC to DST */
#define KX_PPC64_BACKUP_SIZE	6	/* (0: no copy) */
#define KX_PPC64_HALT		7	/* what a failed purgatory does: */
#define KX_PPC64_HALT_SPIN	0	/*   spin forever */
#define KX_PPC64_HALT_LV1_REBOOT 1	/*   PS3: lv1_panic(1), a reboot */

/* m68k: kx_params.arch[] */
#define KX_M68K_KERNEL		0	/* physical entry of the new kernel */

struct kx_region {
	kx_u64 start;		/* physical address */
	kx_u64 len;		/* bytes covered by the digest */
	kx_u64 digest[4];
};

struct kx_params {
	kx_u64 magic;		/* KX_PARAMS_MAGIC */
	kx_u64 version;		/* KX_PARAMS_VERSION */
	kx_u64 size;		/* sizeof(struct kx_params) as written */
	kx_u64 flags;		/* KX_PF_* */
	kx_u64 algo;		/* KX_ALGO_* */
	kx_u64 nr_regions;
	struct kx_region region[KX_MAX_REGIONS];
	kx_u64 console;		/* KX_CONSOLE_* */
	kx_u64 console_arg;
	kx_u64 arch[8];		/* per-architecture words, see above */
};

#endif /* KX_PURGATORY_PARAMS_H */
