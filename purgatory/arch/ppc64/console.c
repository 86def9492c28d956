// SPDX-License-Identifier: GPL-2.0-only
/*
 * console.c - the ppc64 purgatory's C part: the master's work before the
 * new kernel, console output, and halting.
 *
 * Consoles (kx_params.console, chosen by the loader per platform):
 *   KX_CONSOLE_PSERIES: the H_PUT_TERM_CHAR hypercall to vterm console_arg.
 *   KX_CONSOLE_OPAL:    OPAL_CONSOLE_WRITE to terminal console_arg through
 *                       the OPAL entry in kx_params.arch[] (powernv).
 *   anything else:      silence.  PS3 must get KX_CONSOLE_NONE: its lv1
 *                       hypervisor takes the call number in r11, so the
 *                       pseries hypercall would be a different lv1 call.
 * Halting (when a check fails) is in halt.c.
 */
#include "ppc64.h"

#define H_PUT_TERM_CHAR		0x58
#define H_BUSY			1

#define OPAL_CONSOLE_WRITE	1
#define OPAL_POLL_EVENTS	10
#define OPAL_BUSY		(-2)
#define OPAL_BUSY_EVENT		(-12)

#define CONSOLE_RETRIES		1000	/* then drop the character */

#define FDT_MAGIC		0xd00dfeedU
#define FDT_OFF_VERSION		20
#define FDT_OFF_BOOT_CPUID	28	/* boot_cpuid_phys, version >= 2 */

_Static_assert(KX_PPC64_KERNEL == 0 && KX_PPC64_DT == 1 &&
	       KX_PPC64_OPAL_BASE == 2 && KX_PPC64_OPAL_ENTRY == 3,
	       "entry.S reads kx_params.arch[0..3] in this order");

/* One character to a pseries virtual terminal; returns the hcall status. */
static long hvterm_put(unsigned long vterm, unsigned char c)
{
	register unsigned long r3 __asm__("r3") = H_PUT_TERM_CHAR;
	register unsigned long r4 __asm__("r4") = vterm;
	register unsigned long r5 __asm__("r5") = 1;
	/* The characters, packed big-endian: the first is the top byte. */
	register unsigned long r6 __asm__("r6") = (unsigned long)c << 56;
	register unsigned long r7 __asm__("r7") = 0;

	__asm__ __volatile__("sc 1"
			     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
			       "+r"(r7)
			     :
			     : "r0", "r8", "r9", "r10", "r11", "r12",
			       "ctr", "xer", "lr", "cr0", "cr1", "cr5",
			       "cr6", "cr7", "memory");
	return (long)r3;
}

static void pseries_putchar(unsigned char c)
{
	int i;

	for (i = 0; i < CONSOLE_RETRIES; i++)
		if (hvterm_put(kx_params.console_arg, c) != H_BUSY)
			return;
}

static void opal_putchar(unsigned char c)
{
	unsigned long base = kx_params.arch[KX_PPC64_OPAL_BASE];
	unsigned long entry = kx_params.arch[KX_PPC64_OPAL_ENTRY];
	/* OPAL reads and updates a big-endian 64-bit length. */
	unsigned char len[8] __attribute__((aligned(8)));
	unsigned char buf = c;
	long rc;
	int i;

	if (!entry)
		return;
	for (i = 0; i < CONSOLE_RETRIES; i++) {
		memset(len, 0, sizeof(len));
		len[7] = 1;
		rc = kx_ppc64_opal_call(kx_params.console_arg, (long)len,
					(long)&buf, OPAL_CONSOLE_WRITE, base,
					entry);
		if (rc == 0 && len[7])
			return;		/* written */
		if (rc != 0 && rc != OPAL_BUSY && rc != OPAL_BUSY_EVENT)
			return;		/* a hard error: drop it quietly */
		kx_ppc64_opal_call(0, 0, 0, OPAL_POLL_EVENTS, base, entry);
	}
}

void kx_arch_putchar(int c)
{
	switch (kx_params.console) {
	case KX_CONSOLE_PSERIES:
		pseries_putchar((unsigned char)c);
		break;
	case KX_CONSOLE_OPAL:
		opal_putchar((unsigned char)c);
		break;
	default:
		break;
	}
}

static unsigned int get_be32(const volatile unsigned char *p)
{
	return (unsigned int)p[0] << 24 | (unsigned int)p[1] << 16 |
	       (unsigned int)p[2] << 8 | p[3];
}

static void put_be32(volatile unsigned char *p, unsigned int v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void fail(const char *what, kx_u64 value)
{
	kx_puts("kexec purgatory: ");
	kx_puts(what);
	kx_put_hex(value);
	kx_puts("; not booting\n");
	kx_arch_halt();
}

/*
 * A crash kernel: save the crashed kernel's first 64 KiB, which the crash
 * kernel's vectors overwrite, where its ELF core header says they are.
 * After the checks, since the copy lands in a loaded segment.  The source
 * (0) comes from the parameters: a literal null pointer would let the
 * compiler turn the copy into a trap.
 */
static void save_backup(void)
{
	const volatile kx_u64 *src = (const volatile kx_u64 *)(unsigned long)
		kx_params.arch[KX_PPC64_BACKUP_SRC];
	volatile kx_u64 *dst = (volatile kx_u64 *)(unsigned long)
		kx_params.arch[KX_PPC64_BACKUP_DST];
	kx_u64 n = kx_params.arch[KX_PPC64_BACKUP_SIZE] / 8;

	while (n--)
		*dst++ = *src++;
}

const kx_u64 *kx_ppc64_main(kx_u64 cpu)
{
	volatile unsigned char *dt;

	if (kx_purgatory() != 0)
		kx_arch_halt();
	if (kx_params.arch[KX_PPC64_BACKUP_SIZE])
		save_backup();

	dt = (volatile unsigned char *)(unsigned long)
		kx_params.arch[KX_PPC64_DT];
	if (get_be32(dt) != FDT_MAGIC)
		fail("no device tree at ", kx_params.arch[KX_PPC64_DT]);
	if (get_be32(dt + FDT_OFF_VERSION) < 2)
		fail("device tree too old (no boot_cpuid_phys), version ",
		     get_be32(dt + FDT_OFF_VERSION));
	if (!kx_params.arch[KX_PPC64_KERNEL])
		fail("no kernel entry: ", 0);

	/* The master CPU is only known now: it becomes the boot CPU. */
	put_be32(dt + FDT_OFF_BOOT_CPUID, (unsigned int)cpu);
	kx_trace_entry(kx_params.arch[KX_PPC64_KERNEL]);
	return kx_params.arch;
}
