/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * entry.S - the ppc64 kexec entry (a "v2wrap" trampoline) and OPAL call.
 *
 * The running kernel (kexec_sequence in arch/powerpc/kernel/misc_64.S)
 * copies the first 0x100 bytes at the entry point to physical address 0,
 * releases the secondary CPUs to 0x60, and branches to the entry point on
 * the master CPU with
 *	r3 = the master's hardware CPU id, r4 = the entry address, r5 = 0,
 * the MMU off (real mode), external interrupts off, in the running
 * kernel's byte order.
 *
 * The loader replaces bytes [4, 0x100) of purgatory_start with the new
 * kernel's, so the secondaries spin in the new kernel's own hold loop at
 * 0x60 (and 0x5c holds its __run_at_load flag).  Only the first
 * instruction is ours: a branch to the master code behind the head.
 *
 * The master sets up a TOC and a stack, calls kx_ppc64_main() (verify
 * the segments, record the boot CPU in the device tree), and enters the
 * new kernel big-endian with r3 = device tree, r4 = kernel entry,
 * r5 = 0 (no Open Firmware), r6 = r7 = 0, r8/r9 = OPAL base/entry (0 off
 * powernv; the kernel keeps them for early OPAL debug output).
 *
 * ELFv2 ABI in both byte orders (see flags.mk).
 */
#include "ppc64.h"

	.abiversion 2

/*
 * An instruction encoded big-endian whatever the assembler's byte order:
 * for the code that runs in big-endian mode inside the little-endian
 * purgatory (after OPAL returns).
 */
	.macro	be_insn word
	.byte	((\word) >> 24) & 0xff, ((\word) >> 16) & 0xff
	.byte	((\word) >> 8) & 0xff, (\word) & 0xff
	.endm

	.section ".text.purgatory_start","ax",@progbits
	.balign	KX_PPC64_HEAD_SIZE
	.globl	purgatory_start
	.type	purgatory_start,@function
purgatory_start:
	/* The one instruction of the head that survives the kernel's copy. */
	b	kx_ppc64_master
	/* Replaced by bytes [4, 0x100) of the new kernel at load time. */
	.skip	KX_PPC64_HEAD_SIZE - 4, 0
	.size	purgatory_start, . - purgatory_start

kx_ppc64_master:
	mr	%r31,%r3		/* hardware CPU id, kept across calls */

	/* TOC: .TOC. relative to where this code runs. */
	bcl	20,31,1f
1:	mflr	%r12
	addis	%r2,%r12,(.TOC. - 1b)@ha
	addi	%r2,%r2,(.TOC. - 1b)@l

	/* Stack: the top of kx_ppc64_stack, one frame with a null back
	 * chain; 16-byte aligned (the stack and the frame size are). */
	addis	%r1,%r2,kx_ppc64_stack_top@toc@ha
	addi	%r1,%r1,kx_ppc64_stack_top@toc@l
	li	%r0,0
	stdu	%r0,-KX_PPC64_FRAME(%r1)

	mr	%r3,%r31
	bl	kx_ppc64_main		/* returns only on success */
	nop

	/* r3 = kx_params.arch: [0] kernel, [1] device tree, [2] OPAL base,
	 * [3] OPAL entry (KX_PPC64_* in purgatory-params.h). */
	ld	%r4,0(%r3)
	ld	%r8,16(%r3)
	ld	%r9,24(%r3)
	ld	%r3,8(%r3)
	li	%r5,0
	li	%r6,0
	li	%r7,0

	/* No interrupt may use SRR0/1 from here on: clear EE and RI. */
	li	%r0,0
	mtmsrd	%r0,1
#ifdef __LITTLE_ENDIAN__
	/* The kernel is entered big-endian: rfid to it with MSR[LE] clear. */
	mfmsr	%r11
	li	%r12,KX_MSR_LE
	andc	%r11,%r11,%r12
	mtsrr0	%r4
	mtsrr1	%r11
	rfid
#else
	mtctr	%r4
	bctr
#endif
	b	.			/* not reached */
	.size	kx_ppc64_master, . - kx_ppc64_master

/*
 * long kx_ppc64_opal_call(a0 = r3, a1 = r4, a2 = r5, token = r6,
 *			   base = r7, entry = r8)
 *
 * OPAL is entered with hrfid (we are in hypervisor real mode on powernv)
 * with MSR[IR,DR,LE] clear, r0 = token, r2 = OPAL base, and returns with
 * blr in big-endian mode; r1 and the nonvolatile registers survive, r2
 * does not.
 */
	.section ".text.kx_ppc64_opal_call","ax",@progbits
	.balign	4
	.globl	kx_ppc64_opal_call
	.type	kx_ppc64_opal_call,@function
kx_ppc64_opal_call:
	mflr	%r0
	std	%r0,16(%r1)
	stdu	%r1,-48(%r1)
	std	%r2,32(%r1)

	/* Return address, while r2 is still ours. */
	addis	%r11,%r2,2f@toc@ha
	addi	%r11,%r11,2f@toc@l
	mtlr	%r11

	mfmsr	%r12
	li	%r11,KX_MSR_IR | KX_MSR_DR | KX_MSR_LE
	andc	%r12,%r12,%r11
	mtspr	KX_SPRN_HSRR0,%r8
	mtspr	KX_SPRN_HSRR1,%r12
	mr	%r0,%r6
	mr	%r2,%r7
	hrfid

2:
#ifdef __LITTLE_ENDIAN__
	/*
	 * Back from OPAL in big-endian mode: these run big-endian and switch
	 * back to little-endian with hrfid to the instruction after them.
	 */
	be_insn	0x7d6000a6		/* mfmsr   r11 */
	be_insn	0x616b0001		/* ori     r11,r11,MSR_LE */
	be_insn	0x429f0005		/* bcl     20,31,$+4 */
	be_insn	0x7d4802a6		/* mflr    r10 */
	be_insn	0x394a0014		/* addi    r10,r10,20 */
	be_insn	0x7d5a4ba6		/* mtspr   HSRR0,r10 */
	be_insn	0x7d7b4ba6		/* mtspr   HSRR1,r11 */
	be_insn	0x4c000224		/* hrfid */
#endif
	ld	%r2,32(%r1)
	addi	%r1,%r1,48
	ld	%r0,16(%r1)
	mtlr	%r0
	blr
	.size	kx_ppc64_opal_call, . - kx_ppc64_opal_call

/*
 * long kx_ppc64_lv1_call(number = r3, arg = r4)
 *
 * The PS3's lv1 takes the call number in r11 and its arguments from r3
 * ("li r11,N; sc 1", arch/powerpc/platforms/ps3/hvcall.S); its result
 * comes back in r3.  LR is kept across the call in the caller's LR save
 * word, as the kernel's wrappers do.
 */
	.section ".text.kx_ppc64_lv1_call","ax",@progbits
	.balign	4
	.globl	kx_ppc64_lv1_call
	.type	kx_ppc64_lv1_call,@function
kx_ppc64_lv1_call:
	mflr	%r0
	std	%r0,16(%r1)
	mr	%r11,%r3
	mr	%r3,%r4
	sc	1
	ld	%r0,16(%r1)
	mtlr	%r0
	blr
	.size	kx_ppc64_lv1_call, . - kx_ppc64_lv1_call

/* The stack: in .bss, which the loader zeroes as part of the segment. */
	.section ".bss.kx_ppc64_stack","aw",@nobits
	.balign	16
kx_ppc64_stack:
	.skip	KX_PPC64_STACK_SIZE
kx_ppc64_stack_top:
	.size	kx_ppc64_stack, . - kx_ppc64_stack

	.section .note.GNU-stack,"",@progbits
