// SPDX-License-Identifier: GPL-2.0-only
/*
 * purgatory-m68k.c - the m68k hooks of purgatory: verification, the
 * Goldfish TTY console of the QEMU virt machine, and halting.
 *
 * Runs with the MMU off: every address is physical.
 */
#include "purgatory.h"

/* Goldfish TTY registers (drivers/tty/goldfish.c). */
#define GOLDFISH_TTY_PUT_CHAR	0x00

unsigned long kx_m68k_main(void);

/*
 * Called by entry.S on purgatory's own stack.  Returns the physical entry
 * point of the new kernel; on a digest mismatch it never returns: booting
 * a corrupt kernel is worse than stopping.
 */
unsigned long kx_m68k_main(void)
{
	if (kx_purgatory())
		kx_arch_halt();
	kx_trace_entry(kx_params.arch[KX_M68K_KERNEL]);
	return (unsigned long)kx_params.arch[KX_M68K_KERNEL];
}

void kx_arch_putchar(int c)
{
	volatile unsigned int *reg;

	if (kx_params.console != KX_CONSOLE_GOLDFISH)
		return;
	reg = (volatile unsigned int *)(unsigned long)
		(kx_params.console_arg + GOLDFISH_TTY_PUT_CHAR);
	*reg = (unsigned char)c;
}

void kx_arch_halt(void)
{
	for (;;)
		__asm__ volatile("stop #0x2700" ::: "memory");
}
