// SPDX-License-Identifier: GPL-2.0-only
/*
 * libgcc-m68k.c - the one libgcc helper purgatory needs (xxhash64's 64-bit
 * multiply), built from 32-bit multiplies only.
 *
 * libgcc's own __muldi3 uses "mulu.l Dx,Dh:Dl", which the 68060 does not
 * implement (the kernel emulates it; nothing does in purgatory).
 */

long long __muldi3(long long a, long long b);

/* a * b as 64 bits, from 16-bit halves. */
static unsigned long long mul32x32(unsigned int a, unsigned int b)
{
	unsigned int al = a & 0xffff, ah = a >> 16;
	unsigned int bl = b & 0xffff, bh = b >> 16;
	unsigned int ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	unsigned int mid = (ll >> 16) + (lh & 0xffff) + (hl & 0xffff);
	unsigned int lo = (ll & 0xffff) | (mid << 16);
	unsigned int hi = hh + (lh >> 16) + (hl >> 16) + (mid >> 16);

	return (unsigned long long)hi << 32 | lo;
}

long long __muldi3(long long a, long long b)
{
	unsigned long long ua = (unsigned long long)a;
	unsigned long long ub = (unsigned long long)b;
	unsigned int al = (unsigned int)ua, ah = (unsigned int)(ua >> 32);
	unsigned int bl = (unsigned int)ub, bh = (unsigned int)(ub >> 32);
	unsigned long long r = mul32x32(al, bl);

	r += (unsigned long long)(al * bh + ah * bl) << 32;
	return (long long)r;
}
