// SPDX-License-Identifier: GPL-2.0-only
/*
 * halt.c - what the ppc64 purgatory does when it must not boot (a
 * checksum mismatch, no device tree, no kernel entry).
 *
 * By default it spins: on pseries and powernv it has said why on the
 * console first.  On a PS3 (kx_params.arch[KX_PPC64_HALT] ==
 * KX_PPC64_HALT_LV1_REBOOT) there is no console in real mode under lv1
 * and the screen has been black since ps3fb shut down, so spinning would
 * be a silent hang until the power button: it asks lv1 to reboot the
 * partition instead, lv1_panic(1) (LV1_CALL(panic, 1, 0, 255) in
 * arch/powerpc/include/asm/lv1call.h; the bootwrapper's ps3_exit() uses
 * lv1_panic(0) for "do not reboot", arch/powerpc/boot/ps3.c), which
 * starts otheros.bld again: the user sees petitboot (or whatever the
 * flash holds) come back instead of the new kernel.  Should lv1 return,
 * it spins.
 *
 * Plain C apart from the call, so a host unit test can build it with a
 * stand-in for kx_ppc64_lv1_call() (tests/unit/test-ppc64-halt.c).
 */
#include "ppc64.h"

void kx_arch_halt(void)
{
	if (kx_params.arch[KX_PPC64_HALT] == KX_PPC64_HALT_LV1_REBOOT)
		kx_ppc64_lv1_call(KX_LV1_PANIC, KX_LV1_PANIC_REBOOT);
	for (;;)
		__asm__ __volatile__("" ::: "memory");
}
