// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-vmcore-log.c - kx_vmcore_log() on crash dumps synthesized here:
 * the lockless printk ring (Linux 5.10+) and the older variable-length
 * records, each in ELF64 and ELF32, little- and big-endian, with the
 * kernel addresses found through p_vaddr, through the machine's linear
 * map (p_vaddr 0) and through NUMBER(PAGE_OFFSET); the printed lines are
 * checked exactly.  Then the bad cores (not ELF, not a core, truncated, no
 * VMCOREINFO, no log symbols, a missing offset, hostile sizes and
 * indices) and random corruption of the good ones, under ASan.
 *
 * "test-vmcore-log --write DIR" writes the cores as files instead, with
 * NAME.expected beside each good one, for tests/check-vmcore-dmesg.sh.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "elfgen-writer.h"
#include "vmcore-log.h"

#define RAM_SIZE	0x6000
#define PBASE		0x2000000ULL	/* physical address of ram[0] */

/* Where things live in ram[] (offsets from PBASE). */
#define O_PTRS		0x100	/* prb, or log_buf and its indices */
#define O_RB		0x200	/* struct printk_ringbuffer */
#define O_DESCS		0x1000
#define O_INFOS		0x2000
#define O_DATA		0x4000	/* text data ring, or log_buf */
#define DESC_BITS	3
#define DATA_BITS	8
#define INFO_SIZE	88
#define PLOG_SIZE	16
#define PLOG_BUF_LEN	192

struct core {
	int cls;
	bool be;
	uint16_t machine;
	bool set_vaddr;		/* p_vaddr = linear + paddr, else 0 */
	bool split;		/* two PT_LOADs, split inside the text */
	uint64_t linear;	/* kernel virtual = linear + physical */
	char info[4096];	/* VMCOREINFO */
	uint8_t ram[RAM_SIZE];
	uint16_t type;		/* e_type, 4 */
	struct elfgen g;	/* the file */
};

static void put(struct core *c, size_t off, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		c->ram[off + (c->be ? (size_t)(n - 1 - i) : (size_t)i)] =
			(uint8_t)(v >> (8 * i));
}

static unsigned int lsz(const struct core *c)
{
	return (unsigned int)c->cls / 8;
}

static uint64_t kva(const struct core *c, size_t off)
{
	return c->linear + PBASE + off;
}

static void info_add(struct core *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void info_add(struct core *c, const char *fmt, ...)
{
	size_t n = strlen(c->info);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->info + n, sizeof(c->info) - n, fmt, ap);
	va_end(ap);
}

static void core_init(struct core *c, int cls, bool be, uint16_t machine,
		      bool set_vaddr, uint64_t linear)
{
	memset(c, 0, sizeof(*c));
	c->cls = cls;
	c->be = be;
	c->machine = machine;
	c->set_vaddr = set_vaddr;
	c->linear = linear;
	c->type = 4;
	info_add(c, "OSRELEASE=6.1.0-kt\nPAGESIZE=4096\n");
}

/* ---------------------------------------------- the lockless ring */

struct prb_gen {
	uint64_t lpos;		/* next free logical position */
	uint64_t id;		/* next id */
};

#define SV_STATE(c, s)	((uint64_t)(s) << ((c)->cls - 2))

/* One record: state s, text t (NULL: data-less, NO_LPOS). */
static void prb_add(struct core *c, struct prb_gen *p, unsigned int s,
		    uint64_t ts, const char *t, size_t tlen)
{
	unsigned int l = lsz(c);
	uint64_t dsize = 1ULL << DATA_BITS, begin, next, size, at;
	size_t idx = (size_t)(p->id & ((1U << DESC_BITS) - 1));
	size_t d = O_DESCS + idx * 3 * l, in = O_INFOS + idx * INFO_SIZE;

	put(c, d, SV_STATE(c, s) | p->id, (int)l);
	put(c, in, p->id, 8);			/* seq */
	put(c, in + 8, ts, 8);
	put(c, in + 16, tlen, 2);
	if (!t) {
		put(c, d + l, 3, (int)l);
		put(c, d + 2 * l, 3, (int)l);
		p->id++;
		return;
	}
	size = (l + tlen + l - 1) / l * l;
	begin = p->lpos;
	if ((begin & (dsize - 1)) + size > dsize) {
		/* Wraps: the data goes at the ring's start. */
		next = (begin | (dsize - 1)) + 1 + size;
		at = 0;
	} else {
		next = begin + size;
		at = begin & (dsize - 1);
	}
	put(c, O_DATA + at, p->id, (int)l);
	memcpy(c->ram + O_DATA + at + l, t, tlen);
	put(c, d + l, begin, (int)l);
	put(c, d + 2 * l, next, (int)l);
	p->lpos = next;
	p->id++;
}

static const char wrapped_text[] =
	"a record that wraps around the ring's end";
static const char panic_text[] =
	"Kernel panic - not syncing: sysrq triggered crash";

/*
 * The ring, laid out as Linux 6.1 does on the core's word size: 8
 * descriptors, 256 bytes of text; ids 30..35 (indices 6, 7, 0, 1, 2, 3),
 * the fifth record wrapping to the ring's start, the fourth reserved
 * (skipped), the third empty.
 */
static void build_prb(struct core *c)
{
	unsigned int l = lsz(c);
	struct prb_gen p = { .lpos = 2 * 256 + 160, .id = 30 };

	put(c, O_PTRS, kva(c, O_RB), (int)l);		/* prb */
	put(c, O_RB, DESC_BITS, 4);			/* count_bits */
	put(c, O_RB + l, kva(c, O_DESCS), (int)l);
	put(c, O_RB + 2 * l, kva(c, O_INFOS), (int)l);
	put(c, O_RB + 3 * l, 35, (int)l);		/* head_id */
	put(c, O_RB + 4 * l, 30, (int)l);		/* tail_id */
	put(c, O_RB + 6 * l, DATA_BITS, 4);		/* size_bits */
	put(c, O_RB + 7 * l, kva(c, O_DATA), (int)l);
	prb_add(c, &p, 2, 0, "Linux version 6.1.0-kt", 22);
	prb_add(c, &p, 2, 1234567, "second\001line", 11);
	prb_add(c, &p, 2, 2000000, NULL, 0);
	prb_add(c, &p, 0, 3000000, "never seen", 10);
	prb_add(c, &p, 2, 4000000, wrapped_text, strlen(wrapped_text));
	prb_add(c, &p, 1, 123456789012ULL, panic_text, strlen(panic_text));

	info_add(c, "SYMBOL(prb)=%llx\n", (unsigned long long)kva(c, O_PTRS));
	info_add(c, "SYMBOL(printk_rb_static)=%llx\n",
		 (unsigned long long)kva(c, O_RB));
	info_add(c, "SIZE(printk_ringbuffer)=%u\n", 11 * l);
	info_add(c, "OFFSET(printk_ringbuffer.desc_ring)=0\n");
	info_add(c, "OFFSET(printk_ringbuffer.text_data_ring)=%u\n", 6 * l);
	info_add(c, "OFFSET(printk_ringbuffer.fail)=%u\n", 10 * l);
	info_add(c, "SIZE(prb_desc_ring)=%u\n", 6 * l);
	info_add(c, "OFFSET(prb_desc_ring.count_bits)=0\n");
	info_add(c, "OFFSET(prb_desc_ring.descs)=%u\n", l);
	info_add(c, "OFFSET(prb_desc_ring.infos)=%u\n", 2 * l);
	info_add(c, "OFFSET(prb_desc_ring.head_id)=%u\n", 3 * l);
	info_add(c, "OFFSET(prb_desc_ring.tail_id)=%u\n", 4 * l);
	info_add(c, "SIZE(prb_desc)=%u\n", 3 * l);
	info_add(c, "OFFSET(prb_desc.state_var)=0\n");
	info_add(c, "OFFSET(prb_desc.text_blk_lpos)=%u\n", l);
	info_add(c, "SIZE(prb_data_blk_lpos)=%u\n", 2 * l);
	info_add(c, "OFFSET(prb_data_blk_lpos.begin)=0\n");
	info_add(c, "OFFSET(prb_data_blk_lpos.next)=%u\n", l);
	info_add(c, "SIZE(printk_info)=%u\n", INFO_SIZE);
	info_add(c, "OFFSET(printk_info.seq)=0\n");
	info_add(c, "OFFSET(printk_info.ts_nsec)=8\n");
	info_add(c, "OFFSET(printk_info.text_len)=16\n");
	info_add(c, "OFFSET(printk_info.caller_id)=20\n");
	info_add(c, "OFFSET(printk_info.dev_info)=24\n");
	info_add(c, "SIZE(prb_data_ring)=%u\n", 4 * l);
	info_add(c, "OFFSET(prb_data_ring.size_bits)=0\n");
	info_add(c, "OFFSET(prb_data_ring.data)=%u\n", l);
	info_add(c, "OFFSET(prb_data_ring.head_lpos)=%u\n", 2 * l);
	info_add(c, "OFFSET(prb_data_ring.tail_lpos)=%u\n", 3 * l);
	info_add(c, "SIZE(atomic_long_t)=%u\n", l);
	info_add(c, "OFFSET(atomic_long_t.counter)=0\n");
}

static const char prb_expected[] =
	"[    0.000000] Linux version 6.1.0-kt\n"
	"[    0.001234] second\\x01line\n"
	"[    0.002000] \n"
	"[    0.004000] a record that wraps around the ring's end\n"
	"[  123.456789] Kernel panic - not syncing: sysrq triggered crash\n";

/* ------------------------------------ the variable-length records */

static size_t plog_add(struct core *c, size_t idx, uint64_t ts,
		       const char *t)
{
	size_t n = strlen(t), len = (PLOG_SIZE + n + lsz(c) - 1) / lsz(c) *
				    lsz(c);
	size_t at = O_DATA + idx;

	put(c, at, ts, 8);
	put(c, at + 8, len, 2);
	put(c, at + 10, n, 2);
	memcpy(c->ram + at + PLOG_SIZE, t, n);
	return idx + len;
}

/*
 * A 192-byte buffer: records from index 96 to the end, the wrap marker
 * (a zero header), then one at index 0; log_next_idx after it.  Old names
 * (struct log, before Linux 3.11) when old_names is set.
 */
static void build_plog(struct core *c, bool old_names)
{
	const char *s = old_names ? "log" : "printk_log";
	unsigned int l = lsz(c);
	size_t idx;

	idx = plog_add(c, 96, 5000, "first kept record");
	idx = plog_add(c, idx, 6000000, "tab\there \x7f");
	put(c, O_DATA + idx, 0, 8);		/* wrap marker */
	put(c, O_DATA + idx + 8, 0, 8);
	idx = plog_add(c, 0, 7890123456ULL, panic_text);
	put(c, O_PTRS, kva(c, O_DATA), (int)l);		/* log_buf */
	put(c, O_PTRS + 16, PLOG_BUF_LEN, 4);		/* log_buf_len */
	put(c, O_PTRS + 20, 96, 4);			/* log_first_idx */
	put(c, O_PTRS + 24, idx, 4);			/* log_next_idx */
	put(c, O_PTRS + 28, 96, 4);			/* clear_idx */
	info_add(c, "SYMBOL(log_buf)=%llx\n", (unsigned long long)kva(c, O_PTRS));
	info_add(c, "SYMBOL(log_buf_len)=%llx\n",
		 (unsigned long long)kva(c, O_PTRS + 16));
	info_add(c, "SYMBOL(log_first_idx)=%llx\n",
		 (unsigned long long)kva(c, O_PTRS + 20));
	info_add(c, "SYMBOL(clear_idx)=%llx\n",
		 (unsigned long long)kva(c, O_PTRS + 28));
	info_add(c, "SYMBOL(log_next_idx)=%llx\n",
		 (unsigned long long)kva(c, O_PTRS + 24));
	info_add(c, "SIZE(%s)=%u\n", s, PLOG_SIZE);
	info_add(c, "OFFSET(%s.ts_nsec)=0\n", s);
	info_add(c, "OFFSET(%s.len)=8\n", s);
	info_add(c, "OFFSET(%s.text_len)=10\n", s);
	info_add(c, "OFFSET(%s.dict_len)=12\n", s);
}

static const char plog_expected[] =
	"[    0.000005] first kept record\n"
	"[    0.006000] tab\there \\x7f\n"
	"[    7.890123] Kernel panic - not syncing: sysrq triggered crash\n";

/* ------------------------------------------------------ the file */

/* ELF header, PT_NOTE, PT_LOAD(s); the note, then ram at a page. */
static void core_write(struct core *c, bool with_note)
{
	struct elfgen *g = &c->g;
	size_t nl = strlen(c->info), phoff, note, ram, split;
	int nph = 1 + (c->split ? 2 : 1) - !with_note, i = 0;
	struct eg_phdr ph;
	struct eg_ehdr eh;

	eg_init(g, c->cls, c->be);
	eg_reserve(g, eg_ehsize(g), 8);
	phoff = eg_reserve(g, (size_t)nph * eg_phentsize(g), 8);
	note = eg_reserve(g, 12 + 12 + (nl + 3) / 4 * 4, 4);
	eg_put(g, note, 11, 4);
	eg_put(g, note + 4, nl, 4);
	eg_put(g, note + 8, 0, 4);
	memcpy(g->buf + note + 12, "VMCOREINFO", 11);
	memcpy(g->buf + note + 24, c->info, nl);
	ram = eg_append(g, c->ram, RAM_SIZE, 4096);
	memset(&eh, 0, sizeof(eh));
	eh.type = c->type;
	eh.machine = c->machine;
	eh.phoff = phoff;
	eh.phnum = (uint16_t)nph;
	eg_ehdr(g, &eh);
	if (with_note) {
		memset(&ph, 0, sizeof(ph));
		ph.type = 4;
		ph.offset = note;
		ph.filesz = ph.memsz = 24 + (nl + 3) / 4 * 4;
		eg_phdr(g, phoff + (size_t)i++ * eg_phentsize(g), &ph);
	}
	/* The split falls inside the text ring, so reads cross it. */
	split = c->split ? O_DATA + 0x30 : RAM_SIZE;
	memset(&ph, 0, sizeof(ph));
	ph.type = 1;
	ph.flags = 7;
	ph.offset = ram;
	ph.paddr = PBASE;
	ph.vaddr = c->set_vaddr ? kva(c, 0) : 0;
	ph.filesz = ph.memsz = split;
	eg_phdr(g, phoff + (size_t)i++ * eg_phentsize(g), &ph);
	if (c->split) {
		ph.offset = ram + split;
		ph.paddr = PBASE + split;
		ph.vaddr = c->set_vaddr ? kva(c, split) : 0;
		ph.filesz = ph.memsz = RAM_SIZE - split;
		eg_phdr(g, phoff + (size_t)i * eg_phentsize(g), &ph);
	}
}

/* ------------------------------------------------------ the cases */

struct variant {
	const char *name;
	int cls;
	bool be;
	uint16_t machine;
	bool set_vaddr, split;
	uint64_t linear;
	bool page_offset_note;	/* NUMBER(PAGE_OFFSET) in VMCOREINFO */
	bool prb;
};

#define EM_ARM_	40
static const struct variant variants[] = {
	/* ppc64le: p_vaddr set, two loads */
	{ "prb-64le", 64, false, 21, true, true, 0xc000000000000000ULL, false, true },
	/* ppc64 BE: p_vaddr 0, the ppc64 linear map */
	{ "prb-64be", 64, true, 21, false, false, 0xc000000000000000ULL, false, true },
	/* m68k: ELF32 BE, p_vaddr 0, virtual = physical */
	{ "prb-32be", 32, true, 4, false, true, 0, false, true },
	/* ELF32 LE, p_vaddr 0, PAGE_OFFSET from VMCOREINFO */
	{ "prb-32le", 32, false, EM_ARM_, false, false, 0x80000000ULL, true, true },
	{ "log-64le", 64, false, 21, true, false, 0xc000000000000000ULL, false, false },
	{ "log-64be", 64, true, 21, false, true, 0xc000000000000000ULL, false, false },
	{ "log-32be", 32, true, 4, false, false, 0, false, false },
	{ "log-32le", 32, false, 20, true, true, 0xc0000000ULL, false, false },
};
#define NVARIANTS (sizeof(variants) / sizeof(variants[0]))

static void variant_build(struct core *c, const struct variant *v)
{
	core_init(c, v->cls, v->be, v->machine, v->set_vaddr, v->linear);
	c->split = v->split;
	if (v->page_offset_note)
		info_add(c, "NUMBER(PAGE_OFFSET)=0x%llx\n",
			 (unsigned long long)v->linear);
	if (v->prb)
		build_prb(c);
	else
		build_plog(c, v->cls == 32 && v->be);
	info_add(c, "CRASHTIME=1700000000\n");
}

struct sink {
	char buf[8192];
	size_t len;
};

static int sink_emit(void *arg, const char *b, size_t n)
{
	struct sink *s = arg;

	if (n > sizeof(s->buf) - 1 - s->len)
		return -ENOSPC;
	memcpy(s->buf + s->len, b, n);
	s->len += n;
	s->buf[s->len] = 0;
	return 0;
}

/* Run on an exact-size copy (ASan sees any read past the end). */
static int run(const uint8_t *data, size_t size, struct sink *s,
	       struct diag *d)
{
	uint8_t *copy = malloc(size ? size : 1);
	int ret;

	memcpy(copy, data, size);
	s->len = 0;
	s->buf[0] = 0;
	ret = kx_vmcore_log(copy, size, "core", sink_emit, s, d);
	free(copy);
	return ret;
}

static struct core cc;

static void test_good_cores(void)
{
	size_t i;

	for (i = 0; i < NVARIANTS; i++) {
		const struct variant *v = &variants[i];
		struct diag d = { 0 };
		struct sink s;
		int ret;

		variant_build(&cc, v);
		core_write(&cc, true);
		ret = run(cc.g.buf, cc.g.size, &s, &d);
		if (ret < 0)
			printf("  %s: %s\n", v->name, d.msg ? d.msg : "?");
		CHECK_EQ(ret, v->prb ? 5 : 3);
		CHECK_STR(s.buf, v->prb ? prb_expected : plog_expected);
		diag_clear(&d);
		eg_free(&cc.g);
	}
}

/* Variant i into cc, damaged by fix() (NULL: none). */
static void build_bad(size_t i, void (*fix)(struct core *), bool with_note)
{
	variant_build(&cc, &variants[i]);
	if (fix)
		fix(&cc);
	core_write(&cc, with_note);
}

/* Build variant i, let fix() damage it, expect err and a message. */
static void expect_bad(size_t i, void (*fix)(struct core *),
		       bool with_note, int err, const char *msg)
{
	struct diag d = { 0 };
	struct sink s;
	int ret;

	build_bad(i, fix, with_note);
	ret = run(cc.g.buf, cc.g.size, &s, &d);
	CHECK_EQ(ret, err);
	if (!d.msg || !strstr(d.msg, msg) || strncmp(d.msg, "core: ", 6))
		printf("  want '%s', got '%s'\n", msg, d.msg ? d.msg : "");
	CHECK(d.msg && strstr(d.msg, msg) && !strncmp(d.msg, "core: ", 6));
	diag_clear(&d);
	eg_free(&cc.g);
}

static void test_not_elf(void)
{
	struct diag d = { 0 };
	struct sink s;
	uint8_t junk[300];
	size_t i;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)(i * 7 + 1);
	CHECK_EQ(run(junk, sizeof(junk), &s, &d), -ENOEXEC);
	CHECK(d.msg && strstr(d.msg, "core: not an ELF core file"));
	diag_clear(&d);
	CHECK_EQ(run(junk, 0, &s, &d), -ENOEXEC);
	diag_clear(&d);
}

static void test_truncated(void)
{
	struct diag d = { 0 };
	struct sink s;
	size_t cut;

	variant_build(&cc, &variants[0]);
	core_write(&cc, true);
	/* Every length short of the whole: never a crash, always refused. */
	for (cut = 4; cut < cc.g.size; cut += cut < 512 ? 1 : 509) {
		int ret = run(cc.g.buf, cut, &s, &d);

		CHECK(ret == -EINVAL);
		diag_clear(&d);
	}
	CHECK_EQ(run(cc.g.buf, cc.g.size / 2, &s, &d), -EINVAL);
	CHECK(d.msg && strstr(d.msg, "runs past the end"));
	diag_clear(&d);
	eg_free(&cc.g);
}

static void make_exec(struct core *c)
{
	c->type = 2;
}

static void test_not_core(void)
{
	expect_bad(0, make_exec, true, -EINVAL, "ELF type 2, not a core file");
}

static void test_no_vmcoreinfo(void)
{
	expect_bad(0, NULL, false, -ENODATA, "no VMCOREINFO note");
	expect_bad(4, NULL, false, -ENODATA, "no VMCOREINFO note");
}

static void only_release(struct core *c)
{
	snprintf(c->info, sizeof(c->info), "OSRELEASE=6.1.0-kt\nPAGESIZE=4096\n");
}

/* Drop one line of VMCOREINFO (the first one starting with key). */
static const char *drop_key;
static void drop_line(struct core *c)
{
	char *p = strstr(c->info, drop_key), *nl = p ? strchr(p, '\n') : NULL;

	if (nl)
		memmove(p, nl + 1, strlen(nl + 1) + 1);
}

static void test_no_log_symbols(void)
{
	expect_bad(0, only_release, true, -ENODATA,
		   "no printk log symbols");
	drop_key = "OFFSET(prb_desc.state_var)=";
	expect_bad(1, drop_line, true, -ENODATA,
		   "VMCOREINFO has no OFFSET(prb_desc.state_var)");
	drop_key = "OFFSET(printk_log.text_len)=";
	expect_bad(4, drop_line, true, -ENODATA,
		   "VMCOREINFO has no OFFSET(printk_log.text_len)");
	drop_key = "SYMBOL(log_buf_len)=";
	expect_bad(6, drop_line, true, -ENODATA,
		   "VMCOREINFO has no SYMBOL(log_buf_len)");
}

static void huge_count(struct core *c)
{
	put(c, O_RB, 29, 4);
}

static void prb_outside(struct core *c)
{
	put(c, O_PTRS, kva(c, RAM_SIZE + 0x100000), (int)lsz(c));
}

static void huge_struct(struct core *c)
{
	info_add(c, "SIZE(prb_desc)=99999999999999999999\n");
	drop_key = "SIZE(prb_desc)=";
	drop_line(c);
}

static void absurd_size(struct core *c)
{
	drop_key = "SIZE(printk_info)=";
	drop_line(c);
	info_add(c, "SIZE(printk_info)=1000000\n");
}

static void first_past_len(struct core *c)
{
	put(c, O_PTRS + 20, PLOG_BUF_LEN + 8, 4);
}

/* Records that lead back to the first one and never to log_next_idx. */
static void cyclic(struct core *c)
{
	put(c, O_DATA + 0 + 8, 96, 2);		/* record 0: length 96 */
	put(c, O_DATA + 0 + 10, 3, 2);
	put(c, O_PTRS + 24, 8, 4);		/* next: never reached */
}

static void text_past_record(struct core *c)
{
	put(c, O_DATA + 96 + 10, 1000, 2);
}

static void buf_len_huge(struct core *c)
{
	put(c, O_PTRS + 16, 0x7ffffff0, 4);
}

static void test_hostile(void)
{
	expect_bad(0, huge_count, true, -EBADMSG, "are not in the core");
	expect_bad(2, prb_outside, true, -EBADMSG,
		   "printk ring buffer at");
	expect_bad(1, huge_struct, true, -ENODATA,
		   "VMCOREINFO has no SIZE(prb_desc)");
	expect_bad(3, absurd_size, true, -EBADMSG,
		   "SIZE(printk_info)=1000000 is absurd");
	expect_bad(4, first_past_len, true, -EBADMSG, "absurd printk log");
	expect_bad(5, cyclic, true, -EBADMSG, "do not lead from");
	expect_bad(6, text_past_record, true, -EBADMSG,
		   "record at index 96 is damaged");
	expect_bad(7, buf_len_huge, true, -EBADMSG,
		   "log buffer (0x");
}

/* A tail far behind the head: read as a full ring, no endless walk. */
static void test_tail_far_behind(void)
{
	struct diag d = { 0 };
	struct sink s;
	int ret;

	variant_build(&cc, &variants[0]);
	put(&cc, O_RB + 4 * 8, 3, 8);
	core_write(&cc, true);
	ret = run(cc.g.buf, cc.g.size, &s, &d);
	CHECK(ret >= 0);
	CHECK(strstr(s.buf, panic_text) != NULL);
	diag_clear(&d);
	eg_free(&cc.g);
}

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* Random bytes changed anywhere: a result or a diagnostic, no crash. */
static void test_random_corruption(void)
{
	size_t i, k, j;

	for (i = 0; i < NVARIANTS; i++) {
		variant_build(&cc, &variants[i]);
		core_write(&cc, true);
		for (k = 0; k < 400; k++) {
			uint8_t *b = malloc(cc.g.size);
			struct diag d = { 0 };
			struct sink s;
			int ret;

			memcpy(b, cc.g.buf, cc.g.size);
			for (j = 0; j < 1 + rnd() % 8; j++)
				b[rnd() % cc.g.size] = (uint8_t)rnd();
			ret = run(b, cc.g.size, &s, &d);
			CHECK(ret >= 0 || ret == -ENOSPC || d.msg);
			diag_clear(&d);
			free(b);
		}
		eg_free(&cc.g);
	}
}

/* A walk with no emit callback (the fuzzing entry point). */
static void test_no_emit(void)
{
	struct diag d = { 0 };

	variant_build(&cc, &variants[2]);
	core_write(&cc, true);
	CHECK_EQ(kx_vmcore_log(cc.g.buf, cc.g.size, "core", NULL, NULL, &d),
		 5);
	CHECK(!d.msg);
	eg_free(&cc.g);
}

/* ------------------------------------------------- --write DIR */

static int write_file(const char *dir, const char *name, const void *p,
		      size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}

/* Variant i damaged by fix() (NULL: none), as dir/name. */
static int write_bad(const char *dir, const char *name, size_t i,
		     void (*fix)(struct core *), bool with_note)
{
	int bad;

	build_bad(i, fix, with_note);
	bad = write_file(dir, name, cc.g.buf, cc.g.size);
	eg_free(&cc.g);
	return bad;
}

static int write_cores(const char *dir)
{
	char name[64];
	size_t i;
	int bad = 0;

	for (i = 0; i < NVARIANTS; i++) {
		const struct variant *v = &variants[i];
		const char *exp = v->prb ? prb_expected : plog_expected;

		variant_build(&cc, v);
		core_write(&cc, true);
		snprintf(name, sizeof(name), "%s.core", v->name);
		bad |= write_file(dir, name, cc.g.buf, cc.g.size);
		snprintf(name, sizeof(name), "%s.expected", v->name);
		bad |= write_file(dir, name, exp, strlen(exp));
		if (i == 0) {
			/* Cut inside the text: the headers point past it. */
			bad |= write_file(dir, "truncated.core", cc.g.buf,
					  cc.g.size - 0x100);
		}
		eg_free(&cc.g);
	}
	bad |= write_bad(dir, "no-vmcoreinfo.core", 0, NULL, false);
	bad |= write_bad(dir, "no-log.core", 1, only_release, true);
	bad |= write_bad(dir, "damaged.core", 5, cyclic, true);
	bad |= write_bad(dir, "exec.core", 0, make_exec, true);
	return bad;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--write"))
		return write_cores(argv[2]);
	RUN(test_good_cores);
	RUN(test_not_elf);
	RUN(test_truncated);
	RUN(test_not_core);
	RUN(test_no_vmcoreinfo);
	RUN(test_no_log_symbols);
	RUN(test_hostile);
	RUN(test_tail_far_behind);
	RUN(test_random_corruption);
	RUN(test_no_emit);
	return check_done();
}
