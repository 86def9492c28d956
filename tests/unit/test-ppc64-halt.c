// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-ppc64-halt.c - the ppc64 purgatory's failure path, built for the
 * host: on a PS3 (kx_params.arch[KX_PPC64_HALT] = KX_PPC64_HALT_LV1_REBOOT)
 * kx_arch_halt() makes the lv1 call 255 (lv1_panic) with argument 1
 * (reboot), never 0 (power off).  The hypervisor call itself is a stand-in
 * here that records its arguments and jumps back; tests/check-purgatory-
 * insns.sh checks the real one ("mr r11,r3; mr r3,r4; sc 1") and the call
 * site in both purgatory objects.  The spinning default can not be run to
 * an end, so it is checked there too (no call).
 */
#include <setjmp.h>

#include "check.h"
#include "../../purgatory/arch/ppc64/halt.c"

struct kx_params kx_params;

static jmp_buf back;
static unsigned long got_number, got_arg;
static int calls;

long kx_ppc64_lv1_call(unsigned long number, unsigned long arg)
{
	got_number = number;
	got_arg = arg;
	calls++;
	longjmp(back, 1);
}

/*
 * setjmp() lives in a function of its own, so that no local of the checking
 * function is live across the longjmp (gcc's -Wclobbered, seen on m68k).
 */
static __attribute__((noinline)) void halt_and_return(void)
{
	if (!setjmp(back))
		kx_arch_halt();
}

static void test_ps3_halt_reboots(void)
{
	memset(&kx_params, 0, sizeof(kx_params));
	kx_params.arch[KX_PPC64_HALT] = KX_PPC64_HALT_LV1_REBOOT;
	calls = 0;
	halt_and_return();
	CHECK_EQ(calls, 1);
	CHECK_EQ(got_number, 255);	/* lv1call.h: LV1_CALL(panic, 1, 0, 255) */
	CHECK_EQ(got_arg, 1);		/* 1 = reboot, 0 = power off */
}

static void test_constants(void)
{
	CHECK_EQ(KX_PPC64_HALT, 7);
	CHECK_EQ(KX_PPC64_HALT_SPIN, 0);
	CHECK_EQ(KX_LV1_PANIC, 255);
	CHECK_EQ(KX_LV1_PANIC_REBOOT, 1);
}

int main(void)
{
	RUN(test_ps3_halt_reboots);
	RUN(test_constants);
	return check_done();
}
