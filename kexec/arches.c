// SPDX-License-Identifier: GPL-2.0-only
/*
 * arches.c - the backends in this binary, and choosing one at run time.
 */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "arch/m68k/m68k.h"
#include "arch/ppc64/ppc64.h"
#include "core.h"

const struct arch_ops *const kx_arches[] = {
	&ppc64_arch_ops,
	&m68k_arch_ops,
	NULL,
};

static bool arch_has_machine(const struct arch_ops *a, const char *machine)
{
	const char *const *m;

	for (m = a->machines; m && *m; m++)
		if (!strcmp(*m, machine))
			return true;
	return false;
}

bool kx_arch_is_native(const struct arch_ops *a)
{
	struct utsname u;

	if (uname(&u))
		return false;
	return arch_has_machine(a, u.machine);
}

static const struct arch_ops *arch_by_name(const char *name)
{
	size_t i;

	for (i = 0; kx_arches[i]; i++)
		if (!strcmp(kx_arches[i]->name, name) ||
		    arch_has_machine(kx_arches[i], name))
			return kx_arches[i];
	return NULL;
}

static int arch_detect(struct kexec_ctx *ctx)
{
	struct utsname u;
	size_t i;

	if (ctx->opt.root) {
		for (i = 0; kx_arches[i]; i++) {
			if (kx_arches[i]->detect && kx_arches[i]->detect(ctx)) {
				ctx->arch = kx_arches[i];
				return 0;
			}
		}
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -ENOENT,
				 "%s: no backend recognises this system state; "
				 "name one with --arch", ctx->opt.root);
	}
	if (uname(&u))
		return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, -errno,
				 "uname: %s", strerror(errno));
	ctx->arch = arch_by_name(u.machine);
	if (!ctx->arch)
		return diag_fail(&ctx->diag, KX_EXIT_WRONGARCH, -ENOTSUP,
				 "this machine (%s) has no backend here; "
				 "backends: ppc64, m68k (use --arch with "
				 "--dry-run or --root to inspect a load)",
				 u.machine);
	return 0;
}

int kx_select_arch(struct kexec_ctx *ctx)
{
	long host_page;
	int ret;

	if (ctx->opt.arch) {
		ctx->arch = arch_by_name(ctx->opt.arch);
		if (!ctx->arch)
			return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
					 "--arch=%s: unknown; backends: ppc64, "
					 "m68k", ctx->opt.arch);
	} else {
		ret = arch_detect(ctx);
		if (ret)
			return ret;
	}
	host_page = sysconf(_SC_PAGESIZE);
	if (ctx->opt.page_size)
		ctx->page_size = ctx->opt.page_size;
	else if (!ctx->opt.dry_run && kx_arch_is_native(ctx->arch) &&
		 host_page > 0)
		ctx->page_size = (uint64_t)host_page;
	else
		ctx->page_size = ctx->arch->default_page_size;
	return 0;
}
