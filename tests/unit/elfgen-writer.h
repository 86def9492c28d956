/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * elfgen-writer.h - a tiny in-test ELF writer: ELF32 or ELF64, either byte order.
 *
 * The image grows in a malloc'd buffer; headers and table entries are
 * written at given offsets in the file's byte order.  Header-only (static
 * inline) so each test program includes what it uses.
 */
#ifndef KX_ELFGEN_WRITER_H
#define KX_ELFGEN_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct elfgen {
	uint8_t *buf;
	size_t size;
	int cls;		/* 32 or 64 */
	bool be;
};

static inline void eg_init(struct elfgen *g, int cls, bool be)
{
	g->buf = NULL;
	g->size = 0;
	g->cls = cls;
	g->be = be;
}

static inline void eg_free(struct elfgen *g)
{
	free(g->buf);
	g->buf = NULL;
	g->size = 0;
}

/* Append n zero bytes at an offset aligned to align; returns the offset. */
static inline size_t eg_reserve(struct elfgen *g, size_t n, size_t align)
{
	size_t off = (g->size + align - 1) / align * align;
	uint8_t *b = realloc(g->buf, off + n ? off + n : 1);

	if (!b)
		abort();
	memset(b + g->size, 0, off + n - g->size);
	g->buf = b;
	g->size = off + n;
	return off;
}

static inline size_t eg_append(struct elfgen *g, const void *p, size_t n,
			       size_t align)
{
	size_t off = eg_reserve(g, n, align);

	memcpy(g->buf + off, p, n);
	return off;
}

static inline void eg_put(struct elfgen *g, size_t off, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		g->buf[off + (g->be ? (size_t)(n - 1 - i) : (size_t)i)] =
			(uint8_t)(v >> (8 * i));
}

/* A class-sized word (address, offset, size). */
static inline void eg_word(struct elfgen *g, size_t off, uint64_t v)
{
	eg_put(g, off, v, g->cls / 8);
}

static inline size_t eg_ehsize(const struct elfgen *g)
{
	return g->cls == 64 ? 64 : 52;
}

static inline size_t eg_phentsize(const struct elfgen *g)
{
	return g->cls == 64 ? 56 : 32;
}

static inline size_t eg_shentsize(const struct elfgen *g)
{
	return g->cls == 64 ? 64 : 40;
}

static inline size_t eg_symsize(const struct elfgen *g)
{
	return g->cls == 64 ? 24 : 16;
}

static inline size_t eg_relsize(const struct elfgen *g, bool rela)
{
	return (g->cls == 64 ? 16 : 8) + (rela ? (size_t)g->cls / 8 : 0);
}

struct eg_ehdr {
	uint16_t type, machine;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t phnum, shnum, shstrndx;
};

/* Write the ELF header at offset 0 (reserve it first). */
static inline void eg_ehdr(struct elfgen *g, const struct eg_ehdr *h)
{
	size_t w = (size_t)g->cls / 8, q = 24 + 3 * w + 4;

	memcpy(g->buf, "\177ELF", 4);
	g->buf[4] = g->cls == 64 ? 2 : 1;
	g->buf[5] = g->be ? 2 : 1;
	g->buf[6] = 1;
	eg_put(g, 16, h->type, 2);
	eg_put(g, 18, h->machine, 2);
	eg_put(g, 20, 1, 4);
	eg_word(g, 24, h->entry);
	eg_word(g, 24 + w, h->phoff);
	eg_word(g, 24 + 2 * w, h->shoff);
	eg_put(g, 24 + 3 * w, h->flags, 4);
	eg_put(g, q, eg_ehsize(g), 2);
	eg_put(g, q + 2, h->phnum ? eg_phentsize(g) : 0, 2);
	eg_put(g, q + 4, h->phnum, 2);
	eg_put(g, q + 6, eg_shentsize(g), 2);
	eg_put(g, q + 8, h->shnum, 2);
	eg_put(g, q + 10, h->shstrndx, 2);
}

struct eg_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

static inline void eg_phdr(struct elfgen *g, size_t off,
			   const struct eg_phdr *p)
{
	eg_put(g, off, p->type, 4);
	if (g->cls == 64) {
		eg_put(g, off + 4, p->flags, 4);
		eg_put(g, off + 8, p->offset, 8);
		eg_put(g, off + 16, p->vaddr, 8);
		eg_put(g, off + 24, p->paddr, 8);
		eg_put(g, off + 32, p->filesz, 8);
		eg_put(g, off + 40, p->memsz, 8);
		eg_put(g, off + 48, p->align, 8);
	} else {
		eg_put(g, off + 4, p->offset, 4);
		eg_put(g, off + 8, p->vaddr, 4);
		eg_put(g, off + 12, p->paddr, 4);
		eg_put(g, off + 16, p->filesz, 4);
		eg_put(g, off + 20, p->memsz, 4);
		eg_put(g, off + 24, p->flags, 4);
		eg_put(g, off + 28, p->align, 4);
	}
}

struct eg_shdr {
	uint32_t name, type;
	uint64_t flags, addr, offset, size;
	uint32_t link, info;
	uint64_t addralign, entsize;
};

static inline void eg_shdr(struct elfgen *g, size_t off,
			   const struct eg_shdr *s)
{
	size_t w = (size_t)g->cls / 8;

	eg_put(g, off, s->name, 4);
	eg_put(g, off + 4, s->type, 4);
	eg_word(g, off + 8, s->flags);
	eg_word(g, off + 8 + w, s->addr);
	eg_word(g, off + 8 + 2 * w, s->offset);
	eg_word(g, off + 8 + 3 * w, s->size);
	eg_put(g, off + 8 + 4 * w, s->link, 4);
	eg_put(g, off + 12 + 4 * w, s->info, 4);
	eg_word(g, off + 16 + 4 * w, s->addralign);
	eg_word(g, off + 16 + 5 * w, s->entsize);
}

/* Symbol: info = bind << 4 | type. */
static inline void eg_sym(struct elfgen *g, size_t off, uint32_t name,
			  uint64_t value, uint64_t size, uint8_t info,
			  uint16_t shndx)
{
	eg_put(g, off, name, 4);
	if (g->cls == 64) {
		g->buf[off + 4] = info;
		eg_put(g, off + 6, shndx, 2);
		eg_put(g, off + 8, value, 8);
		eg_put(g, off + 16, size, 8);
	} else {
		eg_put(g, off + 4, value, 4);
		eg_put(g, off + 8, size, 4);
		g->buf[off + 12] = info;
		eg_put(g, off + 14, shndx, 2);
	}
}

/* Relocation entry (REL when !rela: the addend is not written). */
static inline void eg_reloc(struct elfgen *g, size_t off, uint64_t where,
			    uint32_t sym, uint32_t type, int64_t addend,
			    bool rela)
{
	size_t w = (size_t)g->cls / 8;

	eg_word(g, off, where);
	if (g->cls == 64)
		eg_put(g, off + 8, (uint64_t)sym << 32 | type, 8);
	else
		eg_put(g, off + 4, (uint64_t)sym << 8 | (type & 0xff), 4);
	if (rela)
		eg_word(g, off + 2 * w, (uint64_t)addend);
}

#endif /* KX_ELFGEN_WRITER_H */
