/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * entry.S - where the m68k kernel's relocate_new_kernel jumps.
 *
 * arch/m68k/kernel/relocate_kernel.S copies the segments with the MMU off
 * (TC and the transparent translation registers cleared), flushes the
 * caches and does "jmp %a1@" to the entry point, interrupts masked since
 * machine_kexec().  No register carries anything for us or for the new
 * kernel, and the stack pointer still holds a virtual address of the old
 * kernel, so the first thing is a stack of our own.  The new kernel's
 * head.S sets up its own stack and finds its bootinfo at _end; it wants
 * only to be entered at its physical entry point with the MMU off.
 */

#define STACK_SIZE	8192

	.section .text.purgatory_start,"ax",@progbits
	.globl	purgatory_start
	.type	purgatory_start,@function
purgatory_start:
	lea	kx_m68k_stack_top,%sp
	jsr	kx_m68k_main		/* verifies; returns the entry or halts */
	movel	%d0,%a0
	jmp	%a0@
	.size	purgatory_start, . - purgatory_start

	.section .bss.kx_m68k_stack,"aw",@nobits
	.balign	16
kx_m68k_stack:
	.space	STACK_SIZE
kx_m68k_stack_top:

	.section .note.GNU-stack,"",@progbits
