// SPDX-License-Identifier: GPL-2.0-only
/*
 * core.c - the generic load sequence: system files, command line, segment
 * placement, purgatory parameters.  Knows no architecture.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "elf-rel.h"
#include "kexec-uapi.h"
#include "kexec.h"
#include "sha256.h"
#include "xxhash64.h"

void kx_debug(const struct kexec_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (!ctx->opt.debug)
		return;
	va_start(ap, fmt);
	fputs("kexec: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void kx_warn(const struct kexec_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("kexec: warning: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

char *kx_root_path(const struct kexec_ctx *ctx, const char *path)
{
	const char *root = ctx->opt.root;
	char *out;

	if (!root || !*root)
		root = "";
	if (asprintf(&out, "%s%s%s", root,
		     (*root && path[0] != '/') ? "/" : "", path) < 0)
		return NULL;
	return out;
}

/* Read all of fd into a growing buffer, NUL-terminated. */
static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *b = malloc(cap), *nb;
	ssize_t r;

	if (!b)
		return -ENOMEM;
	for (;;) {
		if (n + 1 >= cap) {
			cap *= 2;
			nb = realloc(b, cap);
			if (!nb) {
				free(b);
				return -ENOMEM;
			}
			b = nb;
		}
		r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			r = -errno;
			free(b);
			return (int)r;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	b[n] = '\0';
	*buf = b;
	if (len)
		*len = n;
	return 0;
}

int kx_read_sysfile(struct kexec_ctx *ctx, const char *path, char **buf,
		    size_t *len)
{
	char *full = kx_root_path(ctx, path);
	int fd, ret;

	if (!full)
		return -ENOMEM;
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		diag_fail(&ctx->diag, KX_EXIT_SYSTEM, ret, "%s: %s", full,
			  strerror(-ret));
		free(full);
		return ret;
	}
	ret = read_all(fd, buf, len);
	if (ret)
		diag_fail(&ctx->diag, KX_EXIT_SYSTEM, ret, "%s: %s", full,
			  strerror(-ret));
	close(fd);
	free(full);
	return ret;
}

int kx_read_optional(struct kexec_ctx *ctx, const char *path, char **buf,
		     size_t *len)
{
	bool had_diag = ctx->diag.msg != NULL;
	int ret = kx_read_sysfile(ctx, path, buf, len);

	if (ret) {
		if (!had_diag)
			diag_clear(&ctx->diag);
		*buf = NULL;
		if (len)
			*len = 0;
	}
	return ret;
}

static void human_size(uint64_t n, char *out, size_t len)
{
	if (n >= (1ULL << 20))
		snprintf(out, len, "%.1f MiB", (double)n / (1 << 20));
	else
		snprintf(out, len, "%" PRIu64 " KiB", (n + 1023) / 1024);
}

int kx_add_segment(struct kexec_ctx *ctx, const void *buf, size_t bufsz,
		   uint64_t memsz, const struct hole_req *req,
		   enum segment_role role, void *owned, uint64_t *addr)
{
	struct hole_req r = *req;
	struct range_list usable;
	char sz[32];
	int ret;

	if (r.align < ctx->page_size)
		r.align = ctx->page_size;
	if (memsz < bufsz)
		memsz = bufsz;
	r.size = align_up(memsz, ctx->page_size);
	if (ctx->opt.mem_min > r.min)
		r.min = ctx->opt.mem_min;
	if (ctx->opt.mem_max && (!r.max || ctx->opt.mem_max < r.max))
		r.max = ctx->opt.mem_max;
	ret = memory_map_usable(&ctx->mem, &usable);
	if (ret) {
		free(owned);
		return ret;
	}
	ret = plan_find_hole(&ctx->plan, &usable, &r, addr);
	range_list_free(&usable);
	if (ret) {
		free(owned);
		human_size(r.size, sz, sizeof(sz));
		return diag_fail(&ctx->diag, KX_EXIT_NOFIT, ret,
				 "no room for the %s (%s) between 0x%" PRIx64
				 " and 0x%" PRIx64 " in usable memory",
				 segment_role_name(role), sz, r.min,
				 r.max ? r.max : UINT64_MAX);
	}
	ret = plan_add(&ctx->plan, buf, bufsz, *addr, memsz, ctx->page_size,
		       role, owned);
	if (ret)
		return diag_fail(&ctx->diag, KX_EXIT_FAILURE, ret,
				 "adding the %s segment: %s",
				 segment_role_name(role), strerror(-ret));
	kx_debug(ctx, "%s: 0x%zx bytes at 0x%" PRIx64 " (memsz 0x%" PRIx64 ")",
		 segment_role_name(role), bufsz, *addr, r.size);
	return 0;
}

int kx_add_segment_at(struct kexec_ctx *ctx, const void *buf, size_t bufsz,
		      uint64_t mem, uint64_t memsz, enum segment_role role,
		      void *owned)
{
	int ret = plan_add(&ctx->plan, buf, bufsz, mem, memsz, ctx->page_size,
			   role, owned);

	if (ret)
		return diag_fail(&ctx->diag, KX_EXIT_NOFIT, ret,
				 "the %s segment at 0x%" PRIx64 " (0x%" PRIx64
				 " bytes) is not page aligned or inconsistent",
				 segment_role_name(role), mem, memsz);
	kx_debug(ctx, "%s: 0x%zx bytes at 0x%" PRIx64 " (memsz 0x%" PRIx64 ")",
		 segment_role_name(role), bufsz, mem, memsz);
	return 0;
}

int kx_load_purgatory(struct kexec_ctx *ctx, const void *blob, size_t size,
		      const struct elf_rel_arch *ra, const struct hole_req *req,
		      uint64_t *entry)
{
	struct elf_rel *rel;
	struct hole_req r = *req;
	uint64_t addr, symsize;
	int ret;

	rel = calloc(1, sizeof(*rel));
	if (!rel)
		return -ENOMEM;
	ret = elf_rel_load(blob, size, "purgatory", ra, rel, &ctx->diag);
	if (ret)
		goto fail;
	if (r.align < rel->align)
		r.align = rel->align;
	/* The plan borrows rel->image; ctx->purgatory owns it. */
	ret = kx_add_segment(ctx, rel->image, rel->image_size,
			     rel->image_size, &r, SEG_PURGATORY, NULL, &addr);
	if (ret)
		goto fail;
	ret = elf_rel_relocate(rel, addr, &ctx->diag);
	if (ret)
		goto fail;
	ret = elf_rel_symbol(rel, "purgatory_start", entry, &symsize);
	if (ret) {
		diag_fail(&ctx->diag, KX_EXIT_FAILURE, ret,
			  "purgatory has no purgatory_start symbol");
		goto fail;
	}
	ctx->purgatory = rel;
	return 0;
fail:
	elf_rel_free(rel);
	free(rel);
	return ret;
}

/* Encode params into buf in the purgatory's byte order. */
static void params_encode(const struct elf_rel *rel,
			  const struct kx_params *p, uint8_t *buf)
{
	const uint64_t *w = (const uint64_t *)p;
	size_t i, n = sizeof(*p) / sizeof(uint64_t);

	for (i = 0; i < n; i++)
		elf_put64(&rel->elf, buf + 8 * i, w[i]);
}

static void region_digest(const struct segment *s, int algo,
			  struct kx_region *r, const struct elf_rel *rel)
{
	r->start = s->mem;
	r->len = s->bufsz;
	if (algo == KX_ALGO_SHA256) {
		/* Raw bytes: store them so that the target reads them
		 * back unchanged whatever its byte order. */
		uint8_t d[KX_SHA256_DIGEST_SIZE];
		int i;

		kx_sha256(s->buf, s->bufsz, d);
		for (i = 0; i < 4; i++)
			r->digest[i] = elf_get64(&rel->elf, d + 8 * i);
	} else if (algo == KX_ALGO_XXH64) {
		r->digest[0] = kx_xxh64(s->buf, s->bufsz, 0);
	}
}

/*
 * Testing aid (doc/kexec.8, ENVIRONMENT): KEXEC_TEST_CORRUPT_DIGEST=N
 * stores a wrong digest for verified region N, so that a VM test can prove
 * purgatory names the region and refuses to boot.
 */
static int test_corrupt_digest(struct kexec_ctx *ctx, struct kx_params *p)
{
	const char *v = getenv("KEXEC_TEST_CORRUPT_DIGEST");
	char *end;
	unsigned long n;

	if (!v || !*v)
		return 0;
	n = strtoul(v, &end, 0);
	if (*end || n >= p->nr_regions)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "KEXEC_TEST_CORRUPT_DIGEST=%s: not a region "
				 "index below %llu", v,
				 (unsigned long long)p->nr_regions);
	kx_warn(ctx, "KEXEC_TEST_CORRUPT_DIGEST: region %lu gets a wrong "
		"digest; purgatory will refuse to boot", n);
	p->region[n].digest[0] ^= 1;
	return 0;
}

/*
 * Fill and write the purgatory parameters: digests of every segment but
 * purgatory's own, then the architecture's words.
 */
static int purgatory_finalize(struct kexec_ctx *ctx)
{
	struct kx_params p;
	uint8_t *buf;
	size_t i;
	int ret;

	if (!ctx->purgatory)
		return 0;
	memset(&p, 0, sizeof(p));
	p.magic = KX_PARAMS_MAGIC;
	p.version = KX_PARAMS_VERSION;
	p.size = sizeof(p);
	p.algo = ctx->opt.no_checks ? KX_ALGO_NONE : ctx->opt.checksum;
	p.flags = p.algo != KX_ALGO_NONE ? KX_PF_VERIFY : 0;
	if (ctx->opt.debug)
		p.flags |= KX_PF_TRACE;
	for (i = 0; i < ctx->plan.n && p.algo != KX_ALGO_NONE; i++) {
		const struct segment *s = &ctx->plan.seg[i];

		if (!s->verify || !s->bufsz)
			continue;
		if (p.nr_regions == KX_MAX_REGIONS)
			return diag_fail(&ctx->diag, KX_EXIT_NOFIT, -E2BIG,
					 "more than %d segments to verify",
					 KX_MAX_REGIONS);
		region_digest(s, (int)p.algo, &p.region[p.nr_regions++],
			      ctx->purgatory);
	}
	ret = test_corrupt_digest(ctx, &p);
	if (ret)
		return ret;
	if (ctx->arch->finalize) {
		ret = ctx->arch->finalize(ctx, &p);
		if (ret)
			return ret;
	}
	buf = malloc(sizeof(p));
	if (!buf)
		return -ENOMEM;
	params_encode(ctx->purgatory, &p, buf);
	ret = elf_rel_set_symbol(ctx->purgatory, "kx_params", buf, sizeof(p),
				 &ctx->diag);
	free(buf);
	return ret;
}

/* Remove every "name=..." word from line (in place), in one pass. */
static void cmdline_drop_param(char *line, const char *name)
{
	size_t nl = strlen(name), wl;
	char *in = line, *out = line, *w;

	while (*in) {
		w = in;
		while (*in && *in != ' ')
			in++;
		wl = (size_t)(in - w);
		while (*in == ' ')
			in++;
		if (wl > nl && !strncmp(w, name, nl) && w[nl] == '=')
			continue;
		memmove(out, w, (size_t)(in - w));
		out += in - w;
	}
	*out = '\0';
}

/* Trim trailing and doubled blanks (in place). */
static void cmdline_tidy(char *s)
{
	char *out = s, *in = s;

	while (*in == ' ' || *in == '\n' || *in == '\t')
		in++;
	while (*in) {
		if (*in == '\n' || *in == '\t')
			*in = ' ';
		if (*in == ' ' && (in[1] == ' ' || in[1] == '\n' ||
				   in[1] == '\t' || !in[1])) {
			in++;
			continue;
		}
		*out++ = *in++;
	}
	*out = '\0';
}

int kx_cmdline_compose(char *reused, const char *extra, bool panic,
		       char **out)
{
	char *line;

	if (!extra)
		extra = "";
	if (reused) {
		cmdline_tidy(reused);
		/* As kexec-tools: the boot loader's image name means nothing
		 * to the next kernel, and the crash kernel reserves none. */
		cmdline_drop_param(reused, "BOOT_IMAGE");
		if (panic)
			cmdline_drop_param(reused, "crashkernel");
		cmdline_tidy(reused);
	}
	if (asprintf(&line, "%s%s%s", reused ? reused : "",
		     reused && *reused && *extra ? " " : "", extra) < 0)
		return -ENOMEM;
	cmdline_tidy(line);
	*out = line;
	return 0;
}

int kx_build_cmdline(struct kexec_ctx *ctx)
{
	size_t max = ctx->arch->cmdline_max;
	char *reused = NULL, *line;
	int ret;

	/* No limit on /proc/cmdline itself: with bootconfig it may pass
	 * COMMAND_LINE_SIZE, and what is dropped from it may make it fit;
	 * the editing is linear and the result is checked below. */
	if (ctx->opt.reuse_cmdline) {
		ret = kx_read_sysfile(ctx, "/proc/cmdline", &reused, NULL);
		if (ret)
			return ret;
	}
	ret = kx_cmdline_compose(reused, ctx->opt.cmdline, ctx->opt.panic,
				 &line);
	free(reused);
	if (ret)
		return ret;
	ctx->cmdline = line;
	if (max && strlen(line) + 1 > max)
		return diag_fail(&ctx->diag, KX_EXIT_NOFIT, -E2BIG,
				 "the command line is %zu bytes; the %s kernel "
				 "accepts at most %zu", strlen(line),
				 ctx->arch->name, max - 1);
	return 0;
}

int kx_cmdline_append(struct kexec_ctx *ctx, const char *word)
{
	const char *old = ctx->cmdline ? ctx->cmdline : "";
	char *line;
	size_t n;

	if (asprintf(&line, "%s%s%s", old, *old ? " " : "", word) < 0)
		return -ENOMEM;
	n = strlen(line);
	if (ctx->arch->cmdline_max && n + 1 > ctx->arch->cmdline_max) {
		free(line);
		return diag_fail(&ctx->diag, KX_EXIT_NOFIT, -E2BIG,
				 "command line: %zu bytes with %.*s, the kernel "
				 "takes at most %zu", n,
				 (int)strcspn(word, "=") + 1, word,
				 ctx->arch->cmdline_max - 1);
	}
	free(ctx->cmdline);
	ctx->cmdline = line;
	return 0;
}

int kx_cmdline_keep_root(struct kexec_ctx *ctx, const char *old)
{
	const char *w = old;
	char *word;
	size_t len = 0;
	int ret;

	/* kexec-tools' test: any "root=" in the new line, nfsroot= too. */
	if (ctx->cmdline && strstr(ctx->cmdline, "root="))
		return 0;
	while (w && *w) {
		w += strspn(w, " \t\n");
		len = strcspn(w, " \t\n");
		if (len > 5 && !strncmp(w, "root=", 5))
			break;
		w += len;
	}
	if (!w || !*w)
		return 0;
	word = strndup(w, len);
	if (!word)
		return -ENOMEM;
	ret = kx_cmdline_append(ctx, word);
	if (!ret)
		kx_debug(ctx, "kept the running kernel's %s", word);
	free(word);
	return ret;
}

static int probe_and_load(struct kexec_ctx *ctx, const struct kx_file *k)
{
	const struct arch_ops *a = ctx->arch;
	size_t i;
	int ret;

	for (i = 0; i < a->nr_image_types; i++) {
		const struct image_type *t = &a->image_types[i];

		if (ctx->opt.type && strcmp(ctx->opt.type, t->name) &&
		    (!t->alias || strcmp(ctx->opt.type, t->alias)))
			continue;
		ret = t->probe(ctx, k);
		if (ret == -ENOEXEC) {
			diag_clear(&ctx->diag);
			continue;
		}
		if (ret)
			return ret;
		kx_debug(ctx, "%s: image type %s", k->path, t->name);
		return t->load(ctx, k);
	}
	if (ctx->opt.type)
		return diag_fail(&ctx->diag, KX_EXIT_INPUT, -ENOEXEC,
				 "%s: not a %s image, or no such type for %s "
				 "(see --help)", k->path, ctx->opt.type,
				 a->name);
	return diag_fail(&ctx->diag, KX_EXIT_INPUT, -ENOEXEC,
			 "%s: not a kernel image this loader knows for %s",
			 k->path, a->name);
}

int kx_meminfo_total(const char *text, uint64_t *bytes)
{
	const char *p = text;
	unsigned long long kb;
	char *end;

	while (p && strncmp(p, "MemTotal:", 9)) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p)
		return -ENOENT;
	p += 9;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	errno = 0;
	kb = strtoull(p, &end, 10);
	if (errno || strncmp(end, " kB", 3) || !kb ||
	    kb > UINT64_MAX / 1024)
		return -EINVAL;
	*bytes = (uint64_t)kb * 1024;
	return 0;
}

/*
 * --reuseinitrd: the running kernel must have kept its initrd, which it
 * does with retain_initrd on its command line (init/initramfs.c); the
 * backend finds where it is.
 */
static int check_reuse_initrd(struct kexec_ctx *ctx)
{
	char *line = NULL;
	bool kept;
	int ret;

	if (!ctx->opt.reuse_initrd)
		return 0;
	if (ctx->opt.initrd)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "--reuseinitrd and --initrd: choose one");
	if (ctx->opt.panic)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "--reuseinitrd with -p: the running kernel's "
				 "initrd lies outside the crash region; pass "
				 "--initrd");
	ret = kx_read_sysfile(ctx, "/proc/cmdline", &line, NULL);
	if (ret)
		return ret;
	kept = strstr(line, "retain_initrd") != NULL;
	free(line);
	if (!kept)
		return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -ENOENT,
				 "--reuseinitrd: the running kernel has freed "
				 "its initrd (it keeps it only when booted with "
				 "retain_initrd)");
	return 0;
}

/*
 * The RAM the kernel's half-of-RAM rule counts: /proc/meminfo MemTotal
 * (totalram_pages()).  Without it (older captures, odd systems), the
 * backend's RAM map stands in.
 */
static void kx_read_total_ram(struct kexec_ctx *ctx)
{
	char *text;

	ctx->mem.total_ram = 0;
	if (kx_read_optional(ctx, "/proc/meminfo", &text, NULL)) {
		kx_debug(ctx, "no /proc/meminfo: half of RAM from the memory map");
		return;
	}
	if (kx_meminfo_total(text, &ctx->mem.total_ram)) {
		ctx->mem.total_ram = 0;
		kx_debug(ctx, "no MemTotal in /proc/meminfo: half of RAM from "
			 "the memory map");
	} else {
		kx_debug(ctx, "MemTotal 0x%" PRIx64 " bytes: segments may "
			 "total half of that", ctx->mem.total_ram);
	}
	free(text);
}

/*
 * --hotplug: the kernel may rewrite the crash kernel's ELF core header
 * (and on ppc64 its device tree) on CPU or memory hotplug.  It says so
 * with /sys/kernel/crash_elfcorehdr_size (CONFIG_CRASH_HOTPLUG), the
 * size the header must have room for.
 */
static int check_hotplug(struct kexec_ctx *ctx)
{
	char *s = NULL, *end;
	unsigned long long n;
	int ret;

	if (!ctx->opt.hotplug)
		return 0;
	if (!ctx->opt.panic)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "--hotplug applies to the crash kernel: use "
				 "it with -p");
	ret = kx_read_sysfile(ctx, "/sys/kernel/crash_elfcorehdr_size", &s,
			      NULL);
	if (ret == -ENOENT) {
		diag_clear(&ctx->diag);
		return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, ret,
				 "--hotplug: the running kernel has no crash "
				 "hotplug support (no /sys/kernel/"
				 "crash_elfcorehdr_size: it needs "
				 "CONFIG_CRASH_HOTPLUG, Linux 6.10 or later on "
				 "ppc64)");
	}
	if (ret)
		return ret;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || end == s || (*end && *end != '\n') || !n) {
		ret = diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -EINVAL,
				"--hotplug: /sys/kernel/crash_elfcorehdr_size: "
				"not a size: %.*s", (int)strcspn(s, "\n") > 20 ?
				20 : (int)strcspn(s, "\n"), s);
		free(s);
		return ret;
	}
	free(s);
	ctx->hotplug_elfcorehdr_size = n;
	kx_debug(ctx, "crash hotplug: ELF core header room %llu bytes", n);
	return 0;
}

int kx_plan_load(struct kexec_ctx *ctx, struct kx_file *kernel)
{
	const struct arch_ops *a = ctx->arch;
	size_t i;
	int ret;

	ctx->kexec_flags = a->kexec_arch;
	if (ctx->opt.panic)
		ctx->kexec_flags |= KX_KEXEC_ON_CRASH;
	ret = check_reuse_initrd(ctx);
	if (!ret)
		ret = check_hotplug(ctx);
	if (ret)
		return ret;
	if (ctx->opt.hotplug)
		ctx->kexec_flags |= KX_KEXEC_CRASH_HOTPLUG_SUPPORT;
	ret = kx_build_cmdline(ctx);
	if (ret)
		return ret;
	ret = kx_file_open(ctx->opt.kernel, 1, kernel, &ctx->diag);
	if (ret)
		return ret;
	if (ctx->opt.initrd) {
		ret = kx_file_open(ctx->opt.initrd, 0, &ctx->initrd,
				   &ctx->diag);
		if (ret)
			return ret;
		ctx->have_initrd = true;
	}
	/* The kernel's half-of-RAM rule; a backend whose crash-load map is
	 * the crash region alone turns it off in init(). */
	ctx->mem.check_half_ram = true;
	ret = a->init(ctx);
	if (ret)
		return ret;
	kx_read_total_ram(ctx);
	ret = probe_and_load(ctx, kernel);
	if (ret)
		return ret;
	plan_sort(&ctx->plan);
	/* kexec-tools' rule: with --hotplug the kernel rewrites the core
	 * header and the device tree after the load; purgatory must not
	 * check them. */
	for (i = 0; ctx->opt.hotplug && i < ctx->plan.n; i++)
		if (ctx->plan.seg[i].role == SEG_ELFCOREHDR ||
		    ctx->plan.seg[i].role == SEG_DTB)
			ctx->plan.seg[i].verify = false;
	ret = purgatory_finalize(ctx);
	if (ret)
		return ret;
	return plan_check(&ctx->plan, &ctx->mem, ctx->page_size, &ctx->diag);
}

void kx_ctx_free(struct kexec_ctx *ctx)
{
	if (ctx->arch && ctx->arch->cleanup)
		ctx->arch->cleanup(ctx);
	segment_plan_free(&ctx->plan);
	if (ctx->purgatory) {
		elf_rel_free(ctx->purgatory);
		free(ctx->purgatory);
		ctx->purgatory = NULL;
	}
	memory_map_free(&ctx->mem);
	kx_file_close(&ctx->initrd);
	free(ctx->cmdline);
	ctx->cmdline = NULL;
	diag_clear(&ctx->diag);
}
