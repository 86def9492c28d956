// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashdump.c - crash notes from sysfs and the ELF core header for a
 * crash kernel (see crashdump.h).
 *
 * sysfs formats (Linux 6.1): cpuN/crash_notes is the physical address in
 * hex without a prefix (drivers/base/cpu.c, "%llx"), crash_notes_size is
 * decimal ("%zu"), /sys/kernel/vmcoreinfo is "%pa %x": a 0x-prefixed
 * address and a hex size (kernel/ksysfs.c).
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crashdump.h"
#include "diag.h"
#include "elf.h"

#define EHDR_SIZE	64
#define PHDR_SIZE	56
#define PT_LOAD_TYPE	1
#define PT_NOTE_TYPE	4
#define PF_RWX		7
#define ET_CORE_TYPE	4
#define PN_XNUM_LIMIT	0xffff

/* A whole optional sysfs file; NULL (and no diagnostic) when absent. */
static char *read_optional(struct kexec_ctx *ctx, const char *path)
{
	bool had_diag = ctx->diag.msg != NULL;
	char *buf = NULL;
	size_t len;

	if (kx_read_sysfile(ctx, path, &buf, &len)) {
		if (!had_diag)
			diag_clear(&ctx->diag);
		return NULL;
	}
	return buf;
}

/* One number in base, surrounded only by white space. */
static bool parse_num(const char *s, int base, uint64_t *v)
{
	char *end;

	if (!s)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s || *s == '-')
		return false;
	errno = 0;
	*v = strtoull(s, &end, base);
	while (*end == '\n' || *end == ' ')
		end++;
	return !errno && !*end;
}

static int cmp_cpu(const void *a, const void *b)
{
	const unsigned long *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* The CPU numbers of cpuN directories, sorted.  0 or -errno. */
static int list_cpus(struct kexec_ctx *ctx, unsigned long **cpus, size_t *n)
{
	char *path = kx_root_path(ctx, "/sys/devices/system/cpu");
	unsigned long *v = NULL, *nv, num;
	size_t cnt = 0;
	struct dirent *e;
	char *end;
	DIR *dir;

	if (!path)
		return -ENOMEM;
	dir = opendir(path);
	if (!dir) {
		int err = errno;

		diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -err, "%s: %s", path,
			  strerror(err));
		free(path);
		return -err;
	}
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, "cpu", 3) || e->d_name[3] < '0' ||
		    e->d_name[3] > '9')
			continue;
		num = strtoul(e->d_name + 3, &end, 10);
		if (*end)
			continue;
		nv = realloc(v, (cnt + 1) * sizeof(*v));
		if (!nv) {
			free(v);
			closedir(dir);
			free(path);
			return -ENOMEM;
		}
		v = nv;
		v[cnt++] = num;
	}
	closedir(dir);
	free(path);
	if (cnt)
		qsort(v, cnt, sizeof(*v), cmp_cpu);
	*cpus = v;
	*n = cnt;
	return 0;
}

bool kx_crash_parse_note(const char *addr, const char *size,
			 struct kx_crash_note *note)
{
	return parse_num(addr, 16, &note->addr) &&
	       parse_num(size, 10, &note->size) && note->size &&
	       note->addr + note->size >= note->addr;
}

bool kx_crash_parse_vmcoreinfo(const char *text, struct kx_crash_note *note)
{
	const char *sp = text ? strchr(text, ' ') : NULL;
	char *addr;
	bool ok;

	note->addr = note->size = 0;
	if (!sp)
		return false;
	addr = strndup(text, (size_t)(sp - text));
	ok = addr && parse_num(addr, 16, &note->addr) &&
	     parse_num(sp + 1, 16, &note->size);
	free(addr);
	if (!ok)
		note->addr = note->size = 0;
	return ok;
}

/* cpuN's notes; 1 when it has none (an offline or absent CPU). */
static int read_cpu_note(struct kexec_ctx *ctx, unsigned long cpu,
			 struct kx_crash_note *note)
{
	char path[96], *a, *s;
	int ret = 1;

	snprintf(path, sizeof(path),
		 "/sys/devices/system/cpu/cpu%lu/crash_notes", cpu);
	a = read_optional(ctx, path);
	if (!a)
		return 1;
	strcat(path, "_size");
	s = read_optional(ctx, path);
	if (!s) {
		ret = diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -ENOENT,
				"%s: missing (a kernel older than 4.19?); "
				"can not size the crash notes", path);
	} else if (!kx_crash_parse_note(a, s, note)) {
		path[strlen(path) - 5] = '\0';
		ret = diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -EINVAL,
				"%s: not a crash notes address and size", path);
	} else {
		ret = 0;
	}
	free(a);
	free(s);
	return ret;
}

int kx_crash_read_notes(struct kexec_ctx *ctx, struct kx_crash_notes *out)
{
	unsigned long *cpus = NULL;
	size_t n = 0, i;
	char *info;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = list_cpus(ctx, &cpus, &n);
	if (ret)
		return ret;
	out->cpu = calloc(n ? n : 1, sizeof(*out->cpu));
	if (!out->cpu) {
		free(cpus);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		ret = read_cpu_note(ctx, cpus[i], &out->cpu[out->nr_cpu]);
		if (ret < 0)
			break;
		if (!ret)
			out->nr_cpu++;
	}
	free(cpus);
	if (ret < 0)
		goto fail;
	if (!out->nr_cpu) {
		ret = diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -ENOENT,
				"/sys/devices/system/cpu/cpu*/crash_notes: "
				"none found; the running kernel can not save "
				"a crash dump (CONFIG_CRASH_DUMP?)");
		goto fail;
	}
	info = read_optional(ctx, "/sys/kernel/vmcoreinfo");
	if (!kx_crash_parse_vmcoreinfo(info, &out->vmcoreinfo)) {
		kx_warn(ctx, "/sys/kernel/vmcoreinfo: %s; the dump will lack "
			"the kernel's vmcoreinfo note",
			info ? "not an address and size" : "missing");
	}
	free(info);
	return 0;
fail:
	kx_crash_notes_free(out);
	return ret;
}

void kx_crash_notes_free(struct kx_crash_notes *n)
{
	free(n->cpu);
	memset(n, 0, sizeof(*n));
}

static uint8_t *put_phdr(uint8_t *p, const struct elf_info *e, uint32_t type,
			 uint64_t off, uint64_t vaddr, uint64_t paddr,
			 uint64_t size)
{
	elf_put32(e, p, type);
	elf_put32(e, p + 4, type == PT_LOAD_TYPE ? PF_RWX : 0);
	elf_put64(e, p + 8, off);
	elf_put64(e, p + 16, vaddr);
	elf_put64(e, p + 24, paddr);
	elf_put64(e, p + 32, size);	/* p_filesz */
	elf_put64(e, p + 40, size);	/* p_memsz */
	elf_put64(e, p + 48, 0);	/* p_align */
	return p + PHDR_SIZE;
}

int kx_build_elfcore64(const struct kx_elfcore_req *r, uint8_t **buf,
		       size_t *len)
{
	const struct kx_crash_notes *n = r->notes;
	const struct elf_info e = { .big_endian = r->big_endian };
	size_t phnum, i, size;
	uint8_t *b, *p;

	phnum = n->nr_cpu + (n->vmcoreinfo.size != 0) +
		(r->backup_size != 0) + r->ram->n;
	if (phnum >= PN_XNUM_LIMIT)
		return -EINVAL;
	size = EHDR_SIZE + phnum * PHDR_SIZE;
	b = calloc(1, size);
	if (!b)
		return -ENOMEM;
	memcpy(b, "\177ELF", 4);
	b[4] = 2;			/* ELFCLASS64 */
	b[5] = e.big_endian ? 2 : 1;	/* ELFDATA2MSB / LSB */
	b[6] = 1;			/* EV_CURRENT */
	elf_put16(&e, b + 16, ET_CORE_TYPE);
	elf_put16(&e, b + 18, r->machine);
	elf_put32(&e, b + 20, 1);		/* e_version */
	elf_put64(&e, b + 32, EHDR_SIZE);	/* e_phoff */
	elf_put16(&e, b + 52, EHDR_SIZE);	/* e_ehsize */
	elf_put16(&e, b + 54, PHDR_SIZE);	/* e_phentsize */
	elf_put16(&e, b + 56, (uint16_t)phnum);	/* e_phnum */
	elf_put16(&e, b + 58, 64);		/* e_shentsize */

	p = b + EHDR_SIZE;
	for (i = 0; i < n->nr_cpu; i++)
		p = put_phdr(p, &e, PT_NOTE_TYPE, n->cpu[i].addr, 0,
			     n->cpu[i].addr, n->cpu[i].size);
	if (n->vmcoreinfo.size)
		p = put_phdr(p, &e, PT_NOTE_TYPE, n->vmcoreinfo.addr, 0,
			     n->vmcoreinfo.addr, n->vmcoreinfo.size);
	if (r->backup_size)
		p = put_phdr(p, &e, PT_LOAD_TYPE, r->backup_dst,
			     r->page_offset + r->backup_src, r->backup_src,
			     r->backup_size);
	for (i = 0; i < r->ram->n; i++) {
		const struct range *m = &r->ram->r[i];

		p = put_phdr(p, &e, PT_LOAD_TYPE, m->start,
			     r->page_offset + m->start, m->start,
			     m->end - m->start);
	}
	*buf = b;
	*len = size;
	return 0;
}
