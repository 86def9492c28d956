// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-ppc64-image.c - ppc64 kernel images built in the test: vmlinux-like
 * ELF64 LE/BE with one or several PT_LOADs, overlapping PT_LOADs, foreign
 * machines, boot wrappers (ELF with .kernel:vmlinux.strip, raw).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arch/ppc64/ppc64.h"
#include "check.h"
#include "elf.h"

struct seg {
	uint64_t vaddr, paddr, filesz, memsz;
};

struct elfw {
	uint8_t *b;
	bool be;
	bool is64;
};

static void put(struct elfw *w, size_t off, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		w->b[off + (size_t)i] = (uint8_t)(v >> (8 * (w->be ? n - 1 - i
								 : i)));
}

/* Class-dependent word: 8 bytes in ELF64, 4 in ELF32. */
static void put_word(struct elfw *w, size_t off, uint64_t v)
{
	put(w, off, v, w->is64 ? 8 : 4);
}

static void write_ehdr(struct elfw *w, uint16_t machine, uint16_t type,
		       uint64_t entry, int nseg, size_t shoff, int nsec)
{
	size_t eh = w->is64 ? 64 : 52, ph = w->is64 ? 56 : 32;

	memcpy(w->b, "\177ELF", 4);
	w->b[4] = w->is64 ? 2 : 1;
	w->b[5] = w->be ? 2 : 1;
	w->b[6] = 1;
	put(w, 16, type, 2);
	put(w, 18, machine, 2);
	put(w, 20, 1, 4);
	put_word(w, 24, entry);
	put_word(w, w->is64 ? 32 : 28, eh);		/* phoff */
	put_word(w, w->is64 ? 40 : 32, shoff);
	put(w, w->is64 ? 52 : 40, eh, 2);
	put(w, w->is64 ? 54 : 42, ph, 2);
	put(w, w->is64 ? 56 : 44, (uint64_t)nseg, 2);
	put(w, w->is64 ? 58 : 46, w->is64 ? 64 : 40, 2);
	put(w, w->is64 ? 60 : 48, (uint64_t)nsec, 2);
	put(w, w->is64 ? 62 : 50, nsec ? 2 : 0, 2);
}

static void write_phdr(struct elfw *w, size_t off, const struct seg *s,
		       size_t data_off)
{
	put(w, off, KX_PT_LOAD, 4);
	if (w->is64) {
		put(w, off + 4, 7, 4);
		put(w, off + 8, data_off, 8);
		put(w, off + 16, s->vaddr, 8);
		put(w, off + 24, s->paddr, 8);
		put(w, off + 32, s->filesz, 8);
		put(w, off + 40, s->memsz, 8);
		put(w, off + 48, 0x10000, 8);
	} else {
		put(w, off + 4, data_off, 4);
		put(w, off + 8, s->vaddr, 4);
		put(w, off + 12, s->paddr, 4);
		put(w, off + 16, s->filesz, 4);
		put(w, off + 20, s->memsz, 4);
		put(w, off + 24, 7, 4);
		put(w, off + 28, 0x10000, 4);
	}
}

/* Null section, "secname" (PROGBITS), .shstrtab. */
static size_t write_sections(struct elfw *w, size_t off, const char *name)
{
	size_t sh = w->is64 ? 64 : 40, strtab = off + 3 * sh;
	size_t nlen = strlen(name) + 1;

	memset(w->b + off, 0, 3 * sh);
	w->b[strtab] = 0;
	memcpy(w->b + strtab + 1, name, nlen);
	memcpy(w->b + strtab + 1 + nlen, ".shstrtab", 10);
	put(w, off + sh, 1, 4);
	put(w, off + sh + 4, KX_SHT_PROGBITS, 4);
	put(w, off + 2 * sh, 1 + (uint32_t)nlen, 4);
	put(w, off + 2 * sh + 4, KX_SHT_STRTAB, 4);
	put_word(w, off + 2 * sh + (w->is64 ? 24 : 16), strtab);
	put_word(w, off + 2 * sh + (w->is64 ? 32 : 20), 11 + nlen);
	return strtab + 11 + nlen;
}

/* Build an ELF image; segment i's file bytes are filled with i + 1. */
static uint8_t *mk_elf(bool is64, bool be, uint16_t machine, uint16_t type,
		       uint64_t entry, const struct seg *s, int n,
		       const char *secname, size_t *size)
{
	struct elfw w = { calloc(1, 1 << 20), be, is64 };
	size_t off = (is64 ? 64 : 52) + (size_t)n * (is64 ? 56 : 32);
	int i;

	for (i = 0; i < n; i++) {
		write_phdr(&w, (is64 ? 64 : 52) + (size_t)i * (is64 ? 56 : 32),
			   &s[i], off);
		memset(w.b + off, i + 1, s[i].filesz);
		off += s[i].filesz;
	}
	write_ehdr(&w, machine, type, entry, n, secname ? off : 0,
		   secname ? 3 : 0);
	if (secname)
		off = write_sections(&w, off, secname);
	*size = off;
	return w.b;
}

static const struct seg two_loads[] = {
	{ 0xc000000000000000ULL, 0, 0x3000, 0x4000 },
	{ 0xc000000000010000ULL, 0x10000, 0x2000, 0x8000 },
};

static void check_two_loads(bool be)
{
	struct ppc64_kernel k;
	struct diag d = { 0 };
	size_t size;
	uint8_t *img;

	img = mk_elf(true, be, KX_EM_PPC64, KX_ET_DYN,
		     0xc000000000000100ULL, two_loads, 2, NULL, &size);
	CHECK_EQ(ppc64_kernel_from_elf(img, size, "vmlinux", true, &k, &d), 0);
	CHECK(d.msg == NULL);
	CHECK_EQ(k.link_addr, 0);
	CHECK_EQ(k.memsz, 0x18000);
	CHECK_EQ(k.bufsz, 0x12000);
	/* Two PT_LOADs with a bss gap: assembled in a copy. */
	CHECK(k.owned != NULL && k.buf == k.owned);
	CHECK_EQ(k.entry_offset, 0x100);
	CHECK(k.relocatable);
	CHECK_EQ(k.big_endian, be);
	if (k.buf) {
		CHECK_EQ(k.buf[0], 1);
		CHECK_EQ(k.buf[0x2fff], 1);
		CHECK_EQ(k.buf[0x3000], 0);	/* gap: bss of the first */
		CHECK_EQ(k.buf[0x10000], 2);
		CHECK_EQ(k.buf[0x11fff], 2);
	}
	free(k.owned);
	free(img);
}

static void test_elf64_le(void)
{
	check_two_loads(false);
}

static void test_elf64_be(void)
{
	check_two_loads(true);
}

/* A fixed (ET_EXEC) kernel linked at 32 MiB with one PT_LOAD. */
static void test_elf64_fixed(void)
{
	static const struct seg one[] = {
		{ 0xc000000002000000ULL, 0xc000000002000000ULL, 0x1000,
		  0x1000 },
	};
	struct ppc64_kernel k;
	struct diag d = { 0 };
	size_t size;
	uint8_t *img;

	img = mk_elf(true, true, KX_EM_PPC64, KX_ET_EXEC,
		     0xc000000002000000ULL, one, 1, NULL, &size);
	CHECK_EQ(ppc64_kernel_from_elf(img, size, "vmlinux", true, &k, &d), 0);
	CHECK_EQ(k.link_addr, 0x2000000);
	/* One PT_LOAD: used in place from the file, not copied. */
	CHECK(k.owned == NULL);
	CHECK(k.buf > img && k.buf < img + size);
	CHECK(!k.relocatable);
	CHECK_EQ(k.entry_offset, 0);
	free(k.owned);
	free(img);
}

static void test_overlapping_loads(void)
{
	static const struct seg bad[] = {
		{ 0xc000000000000000ULL, 0, 0x3000, 0x20000 },
		{ 0xc000000000010000ULL, 0x10000, 0x2000, 0x8000 },
	};
	struct ppc64_kernel k;
	struct diag d = { 0 };
	size_t size;
	uint8_t *img;

	img = mk_elf(true, false, KX_EM_PPC64, KX_ET_DYN,
		     0xc000000000000000ULL, bad, 2, NULL, &size);
	CHECK_EQ(ppc64_kernel_from_elf(img, size, "fbsd.elf", true, &k, &d),
		 -EINVAL);
	CHECK(d.msg && strstr(d.msg, "fbsd.elf") && strstr(d.msg, "overlap"));
	diag_clear(&d);
	free(img);
}

static void test_entry_outside(void)
{
	struct ppc64_kernel k;
	struct diag d = { 0 };
	size_t size;
	uint8_t *img;

	img = mk_elf(true, false, KX_EM_PPC64, KX_ET_DYN, 0x1234, two_loads, 2,
		     NULL, &size);
	CHECK_EQ(ppc64_kernel_from_elf(img, size, "vmlinux", true, &k, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "entry point"));
	diag_clear(&d);
	free(img);
}

static void check_foreign(bool is64, uint16_t machine, const char *name)
{
	struct ppc64_kernel k;
	struct diag d = { 0 };
	size_t size;
	uint8_t *img;

	img = mk_elf(is64, false, machine, KX_ET_EXEC, 0, two_loads, 1, NULL,
		     &size);
	CHECK_EQ(ppc64_kernel_from_elf(img, size, "bzImage.elf", true, &k, &d),
		 -EINVAL);
	CHECK(d.msg && strstr(d.msg, "bzImage.elf") && strstr(d.msg, name));
	diag_clear(&d);
	free(img);
}

static void test_foreign_machines(void)
{
	check_foreign(true, 62, "x86-64");
	check_foreign(false, KX_EM_68K, "m68k");
	check_foreign(false, KX_EM_PPC, "32-bit PowerPC");
}

static void test_zimage_elf_rejected(void)
{
	static const struct seg one[] = { { 0x400000, 0x400000, 0x200,
					    0x200 } };
	struct ppc64_kernel k;
	struct diag d = { 0 };
	size_t size;
	uint8_t *img;

	/* zImage.pseries (BE): ELF32 PowerPC with the kernel in a section. */
	img = mk_elf(false, true, KX_EM_PPC, KX_ET_EXEC, 0x400000, one, 1,
		     ".kernel:vmlinux.strip", &size);
	CHECK_EQ(ppc64_kernel_from_elf(img, size, "zImage.pseries", true, &k, &d),
		 -EINVAL);
	CHECK(d.msg && strstr(d.msg, "zImage.pseries") &&
	      strstr(d.msg, "vmlinux instead"));
	diag_clear(&d);
	CHECK_EQ(ppc64_reject_wrapper(img, size, "zImage.pseries", &d),
		 -EINVAL);
	diag_clear(&d);
	free(img);
	/* zImage.epapr-like ELF64 LE. */
	img = mk_elf(true, false, KX_EM_PPC64, KX_ET_EXEC, 0x400000, one, 1,
		     ".kernel:vmlinux.strip", &size);
	CHECK_EQ(ppc64_kernel_from_elf(img, size, "zImage", true, &k, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "boot wrapper"));
	diag_clear(&d);
	free(img);
}

/* dtbImage.ps3.bin / otheros.bld (decompressed): raw, linked at 0. */
static void test_raw_wrapper_rejected(void)
{
	static const char banner[] = "\n\rzImage starting: loaded at 0x%p";
	struct diag d = { 0 };
	uint8_t *raw = calloc(1, 65536);

	memcpy(raw + 40000, banner, sizeof(banner));
	CHECK_EQ(ppc64_reject_wrapper(raw, 65536, "otheros.bld", &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "otheros.bld"));
	diag_clear(&d);
	memset(raw + 40000, 0, sizeof(banner));
	CHECK_EQ(ppc64_reject_wrapper(raw, 65536, "other.bin", &d), 0);
	free(raw);
}

static void test_not_elf(void)
{
	struct ppc64_kernel k;
	struct diag d = { 0 };
	static const uint8_t junk[128] = { 1, 2, 3 };

	CHECK_EQ(ppc64_kernel_from_elf(junk, sizeof(junk), "x", true, &k, &d),
		 -ENOEXEC);
	/* Truncated ELF header. */
	CHECK(ppc64_kernel_from_elf("\177ELF\002\002\001", 7, "x", true, &k, &d) < 0);
	diag_clear(&d);
}

int main(void)
{
	RUN(test_elf64_le);
	RUN(test_elf64_be);
	RUN(test_elf64_fixed);
	RUN(test_overlapping_loads);
	RUN(test_entry_outside);
	RUN(test_foreign_machines);
	RUN(test_zimage_elf_rejected);
	RUN(test_raw_wrapper_rejected);
	RUN(test_not_elf);
	return check_done();
}
