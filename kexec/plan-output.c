// SPDX-License-Identifier: GPL-2.0-only
/*
 * plan-output.c - showing a load plan (--dry-run, -d) and dumping its
 * segments (--dump-segments).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
#include "purgatory-params.h"
#include "sha256.h"

static const char *algo_name(const struct kexec_ctx *ctx)
{
	if (!ctx->purgatory)
		return "none (no purgatory)";
	if (ctx->opt.no_checks)
		return "none (--no-checks)";
	return ctx->opt.checksum == KX_ALGO_SHA256 ? "sha256" : "xxh64";
}

static void sha256_hex(const struct segment *s, char out[65])
{
	uint8_t d[KX_SHA256_DIGEST_SIZE];
	int i;

	kx_sha256(s->buf, s->bufsz, d);
	for (i = 0; i < KX_SHA256_DIGEST_SIZE; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void plan_print_json(const struct kexec_ctx *ctx, FILE *out)
{
	char hex[65];
	size_t i;

	fprintf(out, "{\"arch\":");
	json_string(out, ctx->arch->name);
	fprintf(out, ",\"entry\":\"0x%" PRIx64 "\",\"flags\":\"0x%" PRIx32
		"\",\"page_size\":%" PRIu64 ",\"cmdline\":", ctx->entry,
		ctx->kexec_flags, ctx->page_size);
	json_string(out, ctx->cmdline);
	fprintf(out, ",\"checksum\":");
	json_string(out, algo_name(ctx));
	fprintf(out, ",\"segments\":[");
	for (i = 0; i < ctx->plan.n; i++) {
		const struct segment *s = &ctx->plan.seg[i];

		sha256_hex(s, hex);
		fprintf(out, "%s\n {\"index\":%zu,\"role\":\"%s\",\"mem\":\"0x%"
			PRIx64 "\",\"memsz\":\"0x%" PRIx64 "\",\"bufsz\":\"0x%zx"
			"\",\"verified\":%s,\"sha256\":\"%s\"}", i ? "," : "",
			i, segment_role_name(s->role), s->mem, s->memsz,
			s->bufsz, s->verify && ctx->purgatory &&
			!ctx->opt.no_checks ? "true" : "false", hex);
	}
	fprintf(out, "\n]}\n");
}

static void plan_print_text(const struct kexec_ctx *ctx, FILE *out)
{
	char hex[65];
	size_t i;

	fprintf(out, "arch:      %s\n", ctx->arch->name);
	fprintf(out, "flags:     0x%" PRIx32 "%s\n", ctx->kexec_flags,
		ctx->opt.panic ? " (crash kernel)" : "");
	fprintf(out, "entry:     0x%" PRIx64 "\n", ctx->entry);
	fprintf(out, "page size: 0x%" PRIx64 "\n", ctx->page_size);
	fprintf(out, "cmdline:   \"%s\"\n", ctx->cmdline ? ctx->cmdline : "");
	fprintf(out, "checksum:  %s\n", algo_name(ctx));
	fprintf(out, "segments:  %zu\n", ctx->plan.n);
	fprintf(out, "  #  %-10s %-18s %-18s %-12s %s\n", "role",
		"destination", "end", "bufsz", "sha256");
	for (i = 0; i < ctx->plan.n; i++) {
		const struct segment *s = &ctx->plan.seg[i];

		sha256_hex(s, hex);
		fprintf(out, "%3zu  %-10s 0x%016" PRIx64 " 0x%016" PRIx64
			" 0x%-10zx %s\n", i, segment_role_name(s->role),
			s->mem, s->mem + s->memsz, s->bufsz, hex);
	}
}

void kx_plan_print(const struct kexec_ctx *ctx, FILE *out)
{
	if (ctx->opt.plan_format == KX_PLAN_JSON)
		plan_print_json(ctx, out);
	else
		plan_print_text(ctx, out);
}

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	ssize_t w;

	while (len) {
		w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int kx_plan_dump(struct kexec_ctx *ctx, const char *dir)
{
	size_t i;
	int ret = 0;

	if (mkdir(dir, 0755) && errno != EEXIST)
		return diag_fail(&ctx->diag, KX_EXIT_FAILURE, -errno,
				 "--dump-segments=%s: %s", dir,
				 strerror(errno));
	for (i = 0; i < ctx->plan.n && !ret; i++) {
		const struct segment *s = &ctx->plan.seg[i];
		char *path;
		int fd;

		if (asprintf(&path, "%s/%zu-%s.bin", dir, i,
			     segment_role_name(s->role)) < 0)
			return -ENOMEM;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			ret = -errno;
		else {
			ret = write_all(fd, s->buf, s->bufsz);
			if (close(fd) && !ret)
				ret = -errno;
		}
		if (ret)
			diag_fail(&ctx->diag, KX_EXIT_FAILURE, ret, "%s: %s",
				  path, strerror(-ret));
		free(path);
	}
	return ret;
}
