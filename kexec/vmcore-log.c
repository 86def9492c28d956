// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmcore-log.c - the crashed kernel's printk log from an ELF core (see
 * vmcore-log.h).
 *
 * The VMCOREINFO note (kernel/crash_core.c, log_buf_vmcoreinfo_setup() in
 * kernel/printk/printk.c) gives the addresses of the printk variables
 * (SYMBOL(name)=hex) and the layout of the structures (SIZE(struct)=dec,
 * OFFSET(struct.field)=dec).  Addresses are kernel virtual ones: a PT_LOAD
 * whose p_vaddr covers one gives its file offset; otherwise the kernel's
 * linear map is undone (vaddr - PAGE_OFFSET = paddr, PAGE_OFFSET from
 * NUMBER(PAGE_OFFSET) when the note has it, else the machine's: ppc64
 * 0xc000000000000000, ppc32 0xc0000000, m68k 0) and a PT_LOAD's p_paddr
 * is searched.  Reads may span adjacent segments.
 *
 * The lockless ring (kernel/printk/printk_ringbuffer.h, Linux 5.10+): the
 * descriptors from tail_id to head_id; a descriptor's state_var holds its
 * id in the low bits and its state in the top two (committed 1, finalized
 * 2 are readable); its text block [begin, next) is a logical position in
 * the data ring, which starts with the block's id (an unsigned long) and
 * may wrap to the ring's start.  The older records (3.5 to 5.9): a struct
 * printk_log header then the text, from log_first_idx to log_next_idx;
 * a header of length 0 marks the wrap to index 0.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf.h"
#include "vmcore-log.h"

#define ET_CORE_	4
#define NOTE_HDR_	12
#define OUT_CHUNK_	4096
#define STRUCT_MAX_	4096	/* larger than any printk structure */
#define DESC_STATE_COMMITTED_	1
#define DESC_STATE_FINALIZED_	2
#define NO_LPOS_	3

struct vlog_ {
	struct elf_info e;
	const char *path;
	struct diag *d;
	const char *info;	/* VMCOREINFO text, not NUL-terminated */
	size_t info_len;
	unsigned int lsize;	/* bytes of the kernel's unsigned long */
	bool have_linear;
	uint64_t linear;	/* PAGE_OFFSET */
	size_t last_seg;	/* the PT_LOAD of the last read */
	kx_log_emit_fn emit;
	void *arg;
	int emit_ret;
	char out[OUT_CHUNK_];
	size_t olen;
	int records;
};

static int bad_log_(struct vlog_ *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int bad_log_(struct vlog_ *v, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return diag_fail(v->d, KX_EXIT_INPUT, -EBADMSG, "%s: %s", v->path,
			 buf);
}

/* ---------------------------------------------------------- VMCOREINFO */

static bool in_file_(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static uint64_t align4_(uint64_t n)
{
	return (n + 3) & ~(uint64_t)3;
}

/* The desc of the first VMCOREINFO note (type 0) in the PT_NOTEs. */
static int find_vmcoreinfo_(struct vlog_ *v)
{
	const struct elf_info *e = &v->e;
	size_t i;

	for (i = 0; i < e->phnum; i++) {
		const struct elf_phdr *ph = &e->phdr[i];
		uint64_t pos, end;

		if (ph->type != KX_PT_NOTE)
			continue;
		if (!in_file_(ph->offset, ph->filesz, e->size))
			return diag_fail(v->d, KX_EXIT_INPUT, -EINVAL,
					 "%s: truncated ELF core: note segment %zu at 0x%llx, 0x%llx bytes, runs past the end (file is %zu bytes)",
					 v->path, i,
					 (unsigned long long)ph->offset,
					 (unsigned long long)ph->filesz,
					 e->size);
		pos = ph->offset;
		end = ph->offset + ph->filesz;
		while (end - pos >= NOTE_HDR_) {
			const uint8_t *h = e->data + pos;
			uint64_t namesz = elf_get32(e, h);
			uint64_t descsz = elf_get32(e, h + 4);
			uint32_t type = elf_get32(e, h + 8);
			uint64_t name = pos + NOTE_HDR_;
			uint64_t desc = name + align4_(namesz);

			if (desc > end || align4_(descsz) > end - desc)
				break;
			if (type == 0 && namesz == 11 &&
			    !memcmp(e->data + name, "VMCOREINFO", 11)) {
				v->info = (const char *)e->data + desc;
				v->info_len = descsz;
				return 0;
			}
			pos = desc + align4_(descsz);
		}
	}
	return diag_fail(v->d, KX_EXIT_INPUT, -ENODATA,
			 "%s: no VMCOREINFO note: not a kernel crash dump, or the crashed kernel did not export it",
			 v->path);
}

/* The value of "KEY=value" in VMCOREINFO (key includes the '='). */
static const char *info_value_(const struct vlog_ *v, const char *key,
			       size_t *len)
{
	size_t klen = strlen(key), pos = 0;

	while (pos < v->info_len) {
		const char *line = v->info + pos;
		const char *nl = memchr(line, '\n', v->info_len - pos);
		size_t n = nl ? (size_t)(nl - line) : v->info_len - pos;

		if (n >= klen && !memcmp(line, key, klen)) {
			*len = n - klen;
			return line + klen;
		}
		pos += n + 1;
	}
	return NULL;
}

/* A number of base 10 or 16 (a 0x prefix allowed in 16), nothing else. */
static bool parse_num_(const char *s, size_t n, unsigned int base,
		       uint64_t *out)
{
	uint64_t val = 0;
	size_t i = 0;

	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || !s[n - 1]))
		n--;
	if (base == 16 && n > 2 && s[0] == '0' && (s[1] | 0x20) == 'x')
		i = 2;
	if (i == n)
		return false;
	for (; i < n; i++) {
		unsigned int dig;
		char c = s[i];

		if (c >= '0' && c <= '9')
			dig = (unsigned int)(c - '0');
		else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			dig = (unsigned int)((c | 0x20) - 'a' + 10);
		else
			return false;
		if (val > (UINT64_MAX - dig) / base)
			return false;
		val = val * base + dig;
	}
	*out = val;
	return true;
}

/* KIND(name)=value, e.g. info_num_(v, "SYMBOL", "prb", 16, &x). */
static bool info_num_(const struct vlog_ *v, const char *kind,
		      const char *name, unsigned int base, uint64_t *out)
{
	char key[96];
	const char *val;
	size_t len;

	snprintf(key, sizeof(key), "%s(%s)=", kind, name);
	val = info_value_(v, key, &len);
	return val && parse_num_(val, len, base, out);
}

/*
 * A table of the VMCOREINFO entries one format needs: all present, or a
 * -ENODATA diagnostic naming the first one missing.  A SIZE must be
 * non-zero and small; an OFFSET small.
 */
struct info_req_ {
	const char *kind, *name;
	uint64_t *val;
};

static int need_info_(struct vlog_ *v, const struct info_req_ *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		bool sym = !strcmp(r[i].kind, "SYMBOL");

		if (!info_num_(v, r[i].kind, r[i].name, sym ? 16 : 10,
			       r[i].val))
			return diag_fail(v->d, KX_EXIT_INPUT, -ENODATA,
					 "%s: VMCOREINFO has no %s(%s): the log can not be found",
					 v->path, r[i].kind, r[i].name);
		if (sym)
			continue;
		if (*r[i].val >= STRUCT_MAX_ ||
		    (!strcmp(r[i].kind, "SIZE") && !*r[i].val))
			return bad_log_(v, "VMCOREINFO %s(%s)=%llu is absurd",
					r[i].kind, r[i].name,
					(unsigned long long)*r[i].val);
	}
	return 0;
}

/* ------------------------------------------------------ memory access */

/*
 * The file offset of vaddr and the bytes of the segment from there, or
 * false when no PT_LOAD holds it in the file.
 */
static bool seg_hit_(const struct elf_phdr *ph, uint64_t a, uint64_t base,
		     uint64_t *off, uint64_t *avail)
{
	if (ph->type != KX_PT_LOAD || a < base || a - base >= ph->filesz)
		return false;
	*off = ph->offset + (a - base);
	*avail = ph->filesz - (a - base);
	return true;
}

static bool locate_(struct vlog_ *v, uint64_t va, uint64_t *off,
		    uint64_t *avail)
{
	const struct elf_info *e = &v->e;
	size_t i;

	if (v->last_seg < e->phnum &&
	    seg_hit_(&e->phdr[v->last_seg], va, e->phdr[v->last_seg].vaddr,
		     off, avail))
		return true;
	for (i = 0; i < e->phnum; i++) {
		if (e->phdr[i].vaddr &&
		    seg_hit_(&e->phdr[i], va, e->phdr[i].vaddr, off, avail)) {
			v->last_seg = i;
			return true;
		}
	}
	if (!v->have_linear || va < v->linear)
		return false;
	for (i = 0; i < e->phnum; i++) {
		if (seg_hit_(&e->phdr[i], va - v->linear, e->phdr[i].paddr,
			     off, avail))
			return true;
	}
	return false;
}

/* Copy len bytes at kernel address va (dst NULL: only check). */
static bool read_mem_(struct vlog_ *v, uint64_t va, void *dst, uint64_t len)
{
	uint8_t *p = dst;

	while (len) {
		uint64_t off, avail, n;

		if (!locate_(v, va, &off, &avail))
			return false;
		n = avail < len ? avail : len;
		if (p) {
			memcpy(p, v->e.data + off, (size_t)n);
			p += n;
		}
		va += n;
		len -= n;
		if (len && !va)
			return false;	/* wrapped around */
	}
	return true;
}

/* An unsigned integer of n (1, 2, 4 or 8) bytes at va. */
static bool read_uint_(struct vlog_ *v, uint64_t va, unsigned int n,
		       uint64_t *out)
{
	uint8_t b[8];

	if (!read_mem_(v, va, b, n))
		return false;
	switch (n) {
	case 2:
		*out = elf_get16(&v->e, b);
		break;
	case 4:
		*out = elf_get32(&v->e, b);
		break;
	case 8:
		*out = elf_get64(&v->e, b);
		break;
	default:
		*out = b[0];
	}
	return true;
}

static bool read_ulong_(struct vlog_ *v, uint64_t va, uint64_t *out)
{
	return read_uint_(v, va, v->lsize, out);
}

/* ------------------------------------------------------------- output */

static void flush_(struct vlog_ *v)
{
	if (v->olen && v->emit && !v->emit_ret)
		v->emit_ret = v->emit(v->arg, v->out, v->olen);
	v->olen = 0;
}

static void put_(struct vlog_ *v, const char *s, size_t n)
{
	while (n) {
		size_t k = sizeof(v->out) - v->olen;

		if (k > n)
			k = n;
		memcpy(v->out + v->olen, s, k);
		v->olen += k;
		s += k;
		n -= k;
		if (v->olen == sizeof(v->out))
			flush_(v);
	}
}

/* One record: "[secs.usecs] text\n", unprintable bytes as \xNN. */
static void record_(struct vlog_ *v, uint64_t ts_nsec, const uint8_t *text,
		    size_t len)
{
	char pre[48];
	size_t i;
	int n;

	n = snprintf(pre, sizeof(pre), "[%5llu.%06llu] ",
		     (unsigned long long)(ts_nsec / 1000000000),
		     (unsigned long long)(ts_nsec % 1000000000 / 1000));
	put_(v, pre, (size_t)n);
	for (i = 0; i < len; i++) {
		uint8_t c = text[i];

		if ((c >= 0x20 && c < 0x7f) || (c >= 9 && c <= 13)) {
			put_(v, (const char *)&c, 1);
		} else {
			snprintf(pre, sizeof(pre), "\\x%02x", c);
			put_(v, pre, 4);
		}
	}
	put_(v, "\n", 1);
	v->records++;
}

/* Print len bytes of text at va; false when they are not in the core. */
static bool record_at_(struct vlog_ *v, uint64_t ts_nsec, uint64_t va,
		       size_t len)
{
	uint8_t *text = malloc(len ? len : 1);
	bool ok;

	if (!text)
		return false;
	ok = read_mem_(v, va, text, len);
	if (ok)
		record_(v, ts_nsec, text, len);
	free(text);
	return ok;
}

/* ------------------------------------------------ lockless ring buffer */

struct prb_ {
	uint64_t prb, rb_desc, rb_text, count_bits, descs, infos, head,
		 tail, counter, sz_desc, desc_sv, desc_lpos, lpos_begin,
		 lpos_next, sz_info, info_ts, info_len, size_bits, data;
	uint64_t desc_va, info_va, data_va, count, dsize, id_mask, wmask;
	unsigned int sbits;
};

static int prb_setup_(struct vlog_ *v, struct prb_ *p)
{
	const struct info_req_ req[] = {
		{ "SYMBOL", "prb", &p->prb },
		{ "OFFSET", "printk_ringbuffer.desc_ring", &p->rb_desc },
		{ "OFFSET", "printk_ringbuffer.text_data_ring", &p->rb_text },
		{ "OFFSET", "prb_desc_ring.count_bits", &p->count_bits },
		{ "OFFSET", "prb_desc_ring.descs", &p->descs },
		{ "OFFSET", "prb_desc_ring.infos", &p->infos },
		{ "OFFSET", "prb_desc_ring.head_id", &p->head },
		{ "OFFSET", "prb_desc_ring.tail_id", &p->tail },
		{ "SIZE", "prb_desc", &p->sz_desc },
		{ "OFFSET", "prb_desc.state_var", &p->desc_sv },
		{ "OFFSET", "prb_desc.text_blk_lpos", &p->desc_lpos },
		{ "OFFSET", "prb_data_blk_lpos.begin", &p->lpos_begin },
		{ "OFFSET", "prb_data_blk_lpos.next", &p->lpos_next },
		{ "SIZE", "printk_info", &p->sz_info },
		{ "OFFSET", "printk_info.ts_nsec", &p->info_ts },
		{ "OFFSET", "printk_info.text_len", &p->info_len },
		{ "OFFSET", "prb_data_ring.size_bits", &p->size_bits },
		{ "OFFSET", "prb_data_ring.data", &p->data },
	};
	uint64_t rb, ring, bits, sbits, head, tail;
	unsigned int wbits = v->lsize * 8;
	int ret;

	ret = need_info_(v, req, sizeof(req) / sizeof(req[0]));
	if (ret)
		return ret;
	if (!info_num_(v, "OFFSET", "atomic_long_t.counter", 10, &p->counter))
		p->counter = 0;
	if (!read_ulong_(v, p->prb, &rb))
		return bad_log_(v, "the printk ring pointer (prb at 0x%llx) is not in the core",
				(unsigned long long)p->prb);
	ring = rb + p->rb_desc;
	if (!read_uint_(v, ring + p->count_bits, 4, &bits) ||
	    !read_ulong_(v, ring + p->descs, &p->desc_va) ||
	    !read_ulong_(v, ring + p->infos, &p->info_va) ||
	    !read_ulong_(v, ring + p->head + p->counter, &head) ||
	    !read_ulong_(v, ring + p->tail + p->counter, &tail) ||
	    !read_uint_(v, rb + p->rb_text + p->size_bits, 4, &sbits) ||
	    !read_ulong_(v, rb + p->rb_text + p->data, &p->data_va))
		return bad_log_(v, "the printk ring buffer at 0x%llx is not in the core",
				(unsigned long long)rb);
	if (bits >= wbits - 2 || bits > 30 || sbits >= wbits || sbits > 40)
		return bad_log_(v, "absurd printk ring sizes: 2^%llu descriptors, 2^%llu bytes of text",
				(unsigned long long)bits,
				(unsigned long long)sbits);
	p->count = 1ULL << bits;
	p->sbits = (unsigned int)sbits;
	p->dsize = 1ULL << sbits;
	if (!read_mem_(v, p->desc_va, NULL, p->count * p->sz_desc) ||
	    !read_mem_(v, p->info_va, NULL, p->count * p->sz_info) ||
	    !read_mem_(v, p->data_va, NULL, p->dsize))
		return bad_log_(v, "the printk ring's descriptors (0x%llx), records (0x%llx) or text (0x%llx, %llu bytes) are not in the core",
				(unsigned long long)p->desc_va,
				(unsigned long long)p->info_va,
				(unsigned long long)p->data_va,
				(unsigned long long)p->dsize);
	p->wmask = wbits == 64 ? UINT64_MAX : (1ULL << wbits) - 1;
	p->id_mask = p->wmask >> 2;
	p->head = head & p->id_mask;
	p->tail = tail & p->id_mask;
	return 0;
}

/* Where a text block's data lies in the ring: false for none. */
static bool prb_block_(struct vlog_ *v, const struct prb_ *p, uint64_t begin,
		       uint64_t next, uint64_t *off, uint64_t *len)
{
	unsigned int sb = p->sbits;
	uint64_t mask = p->dsize - 1;

	if ((begin | next) & (v->lsize - 1))
		return false;
	if (begin >> sb == next >> sb && begin < next) {
		*off = begin & mask;
		*len = next - begin;
	} else if (((begin + p->dsize) & p->wmask) >> sb == next >> sb) {
		*off = 0;
		*len = next & mask;
	} else {
		return false;
	}
	return *len >= v->lsize && *off + *len <= p->dsize;
}

static int prb_record_(struct vlog_ *v, const struct prb_ *p, uint64_t id)
{
	uint64_t idx = id & (p->count - 1), sv, state, begin, next, ts, tlen;
	uint64_t desc = p->desc_va + idx * p->sz_desc;
	uint64_t info = p->info_va + idx * p->sz_info;
	uint64_t off, blen;

	if (!read_ulong_(v, desc + p->desc_sv + p->counter, &sv) ||
	    !read_ulong_(v, desc + p->desc_lpos + p->lpos_begin, &begin) ||
	    !read_ulong_(v, desc + p->desc_lpos + p->lpos_next, &next) ||
	    !read_uint_(v, info + p->info_ts, 8, &ts) ||
	    !read_uint_(v, info + p->info_len, 2, &tlen))
		return bad_log_(v, "printk descriptor %llu is not in the core",
				(unsigned long long)idx);
	state = sv >> (v->lsize * 8 - 2) & 3;
	if ((sv & p->id_mask) != id ||
	    (state != DESC_STATE_COMMITTED_ && state != DESC_STATE_FINALIZED_))
		return 0;
	if (begin & 1) {
		/* A data-less block: empty text, or a failed reservation. */
		if (begin == NO_LPOS_ && next == NO_LPOS_)
			record_(v, ts, NULL, 0);
		return 0;
	}
	if (!prb_block_(v, p, begin, next, &off, &blen))
		return 0;
	blen -= v->lsize;
	if (tlen > blen)
		tlen = blen;
	if (!record_at_(v, ts, p->data_va + off + v->lsize, (size_t)tlen))
		return bad_log_(v, "the text of printk record %llu is not in the core",
				(unsigned long long)id);
	return 0;
}

static int dump_prb_(struct vlog_ *v)
{
	struct prb_ p;
	uint64_t n, i;
	int ret;

	memset(&p, 0, sizeof(p));
	ret = prb_setup_(v, &p);
	if (ret)
		return ret;
	/* At most the whole ring: a tail further back is damage. */
	n = (p.head - p.tail) & p.id_mask;
	if (n >= p.count)
		p.tail = (p.head - (p.count - 1)) & p.id_mask;
	n = ((p.head - p.tail) & p.id_mask) + 1;
	for (i = 0; i < n && !ret && !v->emit_ret; i++)
		ret = prb_record_(v, &p, (p.tail + i) & p.id_mask);
	return ret;
}

/* ------------------------------------------ variable-length records */

struct plog_ {
	uint64_t buf_sym, len_sym, first_sym, next_sym;
	uint64_t size, ts, len, text_len;
};

/* SIZE(printk_log) and its offsets, or those of struct log before 3.11. */
static int plog_setup_(struct vlog_ *v, struct plog_ *p)
{
	const char *s = "printk_log";
	char f[3][32];
	uint64_t dummy;
	int i;

	if (!info_num_(v, "SIZE", s, 10, &dummy) &&
	    info_num_(v, "SIZE", "log", 10, &dummy))
		s = "log";
	snprintf(f[0], sizeof(f[0]), "%s.ts_nsec", s);
	snprintf(f[1], sizeof(f[1]), "%s.len", s);
	snprintf(f[2], sizeof(f[2]), "%s.text_len", s);
	{
		const struct info_req_ req[] = {
			{ "SYMBOL", "log_buf", &p->buf_sym },
			{ "SYMBOL", "log_buf_len", &p->len_sym },
			{ "SYMBOL", "log_first_idx", &p->first_sym },
			{ "SYMBOL", "log_next_idx", &p->next_sym },
			{ "SIZE", s, &p->size },
			{ "OFFSET", f[0], &p->ts },
			{ "OFFSET", f[1], &p->len },
			{ "OFFSET", f[2], &p->text_len },
		};

		i = need_info_(v, req, sizeof(req) / sizeof(req[0]));
	}
	if (i)
		return i;
	if (p->ts + 8 > p->size || p->len + 2 > p->size ||
	    p->text_len + 2 > p->size)
		return bad_log_(v, "VMCOREINFO puts the fields of struct %s (%llu bytes) outside it",
				s, (unsigned long long)p->size);
	return 0;
}

static int dump_plog_(struct vlog_ *v)
{
	uint64_t buf, blen, first, next, idx, step, max_steps;
	uint8_t hdr[STRUCT_MAX_];
	struct plog_ p;
	int ret;

	memset(&p, 0, sizeof(p));
	ret = plog_setup_(v, &p);
	if (ret)
		return ret;
	if (!read_ulong_(v, p.buf_sym, &buf) ||
	    !read_uint_(v, p.len_sym, 4, &blen) ||
	    !read_uint_(v, p.first_sym, 4, &first) ||
	    !read_uint_(v, p.next_sym, 4, &next))
		return bad_log_(v, "the printk variables (log_buf at 0x%llx) are not in the core",
				(unsigned long long)p.buf_sym);
	if (!blen || blen > 1U << 31 || first >= blen || next >= blen)
		return bad_log_(v, "absurd printk log: %llu bytes, first record at %llu, next at %llu",
				(unsigned long long)blen,
				(unsigned long long)first,
				(unsigned long long)next);
	if (!read_mem_(v, buf, NULL, blen))
		return bad_log_(v, "the printk log buffer (0x%llx, %llu bytes) is not in the core",
				(unsigned long long)buf,
				(unsigned long long)blen);
	/* Every step but a wrap moves on by a header at least. */
	max_steps = blen / p.size + 2;
	for (idx = first, step = 0; idx != next && !v->emit_ret; step++) {
		uint64_t len, tlen, ts;
		const struct elf_info *e = &v->e;

		if (step > max_steps)
			return bad_log_(v, "the printk log records do not lead from log_first_idx %llu to log_next_idx %llu",
					(unsigned long long)first,
					(unsigned long long)next);
		if (idx + p.size > blen ||
		    !read_mem_(v, buf + idx, hdr, p.size))
			return bad_log_(v, "printk log record at index %llu runs past the buffer's end",
					(unsigned long long)idx);
		len = elf_get16(e, hdr + p.len);
		if (!len) {
			if (!idx)
				return bad_log_(v, "printk log record at index 0 is empty");
			idx = 0;	/* the wrap marker */
			continue;
		}
		tlen = elf_get16(e, hdr + p.text_len);
		ts = elf_get64(e, hdr + p.ts);
		if (len < p.size || idx + len > blen || tlen > len - p.size)
			return bad_log_(v, "printk log record at index %llu is damaged (length %llu, text %llu)",
					(unsigned long long)idx,
					(unsigned long long)len,
					(unsigned long long)tlen);
		if (!record_at_(v, ts, buf + idx + p.size, (size_t)tlen))
			return -ENOMEM;
		idx += len;
	}
	return 0;
}

/* ------------------------------------------------------------- entry */

static void pick_linear_(struct vlog_ *v)
{
	const char *val;
	size_t len;

	val = info_value_(v, "NUMBER(PAGE_OFFSET)=", &len);
	if (val && (parse_num_(val, len, 10, &v->linear) ||
		    parse_num_(val, len, 16, &v->linear))) {
		v->have_linear = true;
		return;
	}
	v->have_linear = true;
	switch (v->e.machine) {
	case KX_EM_PPC64:
		v->linear = 0xc000000000000000ULL;
		break;
	case KX_EM_PPC:
		v->linear = 0xc0000000ULL;
		break;
	case KX_EM_68K:
		v->linear = 0;
		break;
	default:
		v->have_linear = false;
	}
}

static int walk_(struct vlog_ *v)
{
	uint64_t x;
	int ret;

	if (v->e.type != ET_CORE_)
		return diag_fail(v->d, KX_EXIT_INPUT, -EINVAL,
				 "%s: ELF type %u, not a core file", v->path,
				 v->e.type);
	ret = find_vmcoreinfo_(v);
	if (ret)
		return ret;
	v->lsize = (unsigned int)v->e.elfclass / 8;
	if (info_num_(v, "SIZE", "atomic_long_t", 10, &x) && (x == 4 || x == 8))
		v->lsize = (unsigned int)x;
	pick_linear_(v);
	if (info_num_(v, "SYMBOL", "prb", 16, &x))
		return dump_prb_(v);
	if (info_num_(v, "SYMBOL", "log_first_idx", 16, &x))
		return dump_plog_(v);
	if (info_num_(v, "SYMBOL", "log_end", 16, &x))
		return diag_fail(v->d, KX_EXIT_INPUT, -ENODATA,
				 "%s: the log is in the pre-3.5 format (log_end), which is not read",
				 v->path);
	return diag_fail(v->d, KX_EXIT_INPUT, -ENODATA,
			 "%s: VMCOREINFO has no printk log symbols (SYMBOL(prb) or SYMBOL(log_buf))",
			 v->path);
}

int kx_vmcore_log(const void *data, size_t size, const char *path,
		  kx_log_emit_fn emit, void *arg, struct diag *d)
{
	struct vlog_ *v;
	int ret;

	v = calloc(1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->path = path;
	v->d = d;
	v->emit = emit;
	v->arg = arg;
	v->last_seg = SIZE_MAX;
	ret = elf_parse(data, size, path, &v->e, d);
	if (ret == -ENOEXEC)
		diag_fail(d, KX_EXIT_INPUT, ret, "%s: not an ELF core file",
			  path);
	if (!ret) {
		ret = walk_(v);
		flush_(v);
		elf_info_free(&v->e);
	}
	if (v->emit_ret)
		ret = v->emit_ret;
	else if (!ret)
		ret = v->records;
	free(v);
	return ret;
}

int kx_log_emit_fd(void *arg, const char *buf, size_t len)
{
	int fd = *(const int *)arg;

	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}
