/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ppc64.h - what the ppc64 purgatory's assembly and C parts share.
 */
#ifndef KX_PURGATORY_PPC64_H
#define KX_PURGATORY_PPC64_H

#define KX_PPC64_HEAD_SIZE	0x100	/* bytes the kernel copies to 0 */
#define KX_PPC64_STACK_SIZE	0x8000	/* purgatory stack, in .bss */
#define KX_PPC64_FRAME		128	/* first frame: >= ELFv2's 32 bytes */

#define KX_MSR_LE		0x1
#define KX_MSR_DR		0x10
#define KX_MSR_IR		0x20

#define KX_SPRN_HSRR0		314
#define KX_SPRN_HSRR1		315

/* lv1 (PS3) hypervisor calls: arch/powerpc/include/asm/lv1call.h. */
#define KX_LV1_PANIC		255	/* LV1_CALL(panic, 1, 0, 255) */
#define KX_LV1_PANIC_REBOOT	1	/* r3: 0 powers off, else reboots */

#ifndef __ASSEMBLY__
#include "../../purgatory.h"

/*
 * Called by entry.S on the master CPU with its hardware id and a stack:
 * verify the segments, store the id as the device tree's boot CPU.
 * Returns kx_params.arch (entry.S reads the kernel and device-tree
 * addresses from it); never returns on failure.
 */
const kx_u64 *kx_ppc64_main(kx_u64 cpu);

/*
 * One OPAL call with up to three arguments, made from real mode: enters
 * OPAL big-endian through HSRR0/HSRR1 and hrfid, returns in the caller's
 * byte order.  Returns OPAL's r3.  In opal.S.
 */
long kx_ppc64_opal_call(long a0, long a1, long a2, unsigned long token,
			unsigned long base, unsigned long entry);

/*
 * One lv1 hypervisor call with one argument (PS3): r11 = number, r3 =
 * arg, "sc 1" (arch/powerpc/platforms/ps3/hvcall.S, boot/ps3-hvcall.S).
 * Returns lv1's r3.  In entry.S.
 */
long kx_ppc64_lv1_call(unsigned long number, unsigned long arg);
#endif

#endif
