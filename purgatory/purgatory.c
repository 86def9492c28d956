// SPDX-License-Identifier: GPL-2.0-only
/*
 * purgatory.c - verify the loaded segments before entering the new kernel.
 */
#include "purgatory.h"
#include "sha256.h"
#include "xxhash64.h"

/*
 * In .data (not .bss) so that the loader's copy in the purgatory segment
 * is what runs.
 */
struct kx_params kx_params __attribute__((section(".data"))) = {
	.magic = KX_PARAMS_MAGIC,
};

void kx_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			kx_arch_putchar('\r');
		kx_arch_putchar(*s++);
	}
}

void kx_put_hex(kx_u64 v)
{
	static const char digits[] = "0123456789abcdef";
	int shift;

	kx_puts("0x");
	for (shift = 60; shift >= 0; shift -= 4)
		kx_arch_putchar(digits[(v >> shift) & 0xf]);
}

void kx_trace_entry(kx_u64 entry)
{
	if (!(kx_params.flags & KX_PF_TRACE))
		return;
	kx_puts("kexec purgatory: entering the kernel at ");
	kx_put_hex(entry);
	kx_puts("\n");
}

static int region_matches(const struct kx_region *r)
{
	const void *p = (const void *)(unsigned long)r->start;
	unsigned long len = (unsigned long)r->len;
	uint8_t sha[KX_SHA256_DIGEST_SIZE];

	switch (kx_params.algo) {
	case KX_ALGO_SHA256:
		kx_sha256(p, len, sha);
		return memcmp(sha, r->digest, sizeof(sha)) == 0;
	case KX_ALGO_XXH64:
		return kx_xxh64(p, len, 0) == r->digest[0];
	default:
		return 1;
	}
}

int kx_purgatory(void)
{
	kx_u64 i, n = kx_params.nr_regions;

	if (kx_params.magic != KX_PARAMS_MAGIC ||
	    kx_params.version != KX_PARAMS_VERSION) {
		kx_puts("kexec purgatory: bad parameter block\n");
		return -1;
	}
	if (kx_params.flags & KX_PF_TRACE)
		kx_puts("kexec purgatory: entered\n");
	if (!(kx_params.flags & KX_PF_VERIFY))
		return 0;
	if (n > KX_MAX_REGIONS)
		n = KX_MAX_REGIONS;
	for (i = 0; i < n; i++) {
		if (region_matches(&kx_params.region[i]))
			continue;
		kx_puts("kexec purgatory: checksum mismatch in segment ");
		kx_put_hex(i);
		kx_puts(" at ");
		kx_put_hex(kx_params.region[i].start);
		kx_puts(" length ");
		kx_put_hex(kx_params.region[i].len);
		kx_puts("; not booting a corrupt image\n");
		return -1;
	}
	if (kx_params.flags & KX_PF_TRACE)
		kx_puts("kexec purgatory: segments verified\n");
	return 0;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
