/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * core.h - the load sequence and the system interface, for the front end
 * (kexec/main.c) and tests.
 */
#ifndef KX_CORE_H
#define KX_CORE_H

#include <stdbool.h>
#include <stdio.h>

#include "kexec.h"

/*
 * Build ctx->cmdline from --reuse-cmdline (/proc/cmdline under --root,
 * crashkernel= dropped for -p) followed by --command-line/--append, and
 * check it against the backend's limit.  0 or -errno with a diagnostic.
 */
int kx_build_cmdline(struct kexec_ctx *ctx);

/*
 * Append one word to ctx->cmdline (after a blank), checked against the
 * backend's limit.  0, -ENOMEM, or -E2BIG with a diagnostic.
 */
int kx_cmdline_append(struct kexec_ctx *ctx, const char *word);

/*
 * kexec-tools on ppc64: when the new command line has no "root=", add the
 * first root= word of old (the running kernel's bootargs).  0 or -errno
 * with a diagnostic.
 */
int kx_cmdline_keep_root(struct kexec_ctx *ctx, const char *old);

/*
 * The pure part of it: reused (the /proc/cmdline text, or NULL; edited in
 * place) tidied, BOOT_IMAGE= words dropped, and crashkernel= words when
 * panic; then extra (may be
 * NULL), blanks collapsed.  Linear in the input.  *out is malloc'd.  0 or
 * -ENOMEM.
 */
int kx_cmdline_compose(char *reused, const char *extra, bool panic,
		       char **out);

/*
 * Everything a load does short of the system call: open the files, read
 * the system state, probe the image, place every segment, write the
 * purgatory parameters, check the plan.  kernel is kept open (the plan may
 * borrow its mapping).  0 or -errno with a diagnostic.
 */
int kx_plan_load(struct kexec_ctx *ctx, struct kx_file *kernel);

/* Release everything the context owns. */
void kx_ctx_free(struct kexec_ctx *ctx);

/* Print the plan as text or JSON (--dry-run, -d). */
void kx_plan_print(const struct kexec_ctx *ctx, FILE *out);

/* Write every segment's bytes to dir/<index>-<role>.bin.  0 or -errno. */
int kx_plan_dump(struct kexec_ctx *ctx, const char *dir);

/* Pick the backend: --arch, else --root detection, else uname.  0 or
 * -errno with a diagnostic.  Sets ctx->arch and ctx->page_size. */
int kx_select_arch(struct kexec_ctx *ctx);

/* Is the selected backend the running machine's? */
bool kx_arch_is_native(const struct arch_ops *a);

/* The system calls (kernel.c).  Each returns 0 or -errno with a
 * diagnostic that explains the refusal. */
int kx_sys_load(struct kexec_ctx *ctx, const struct kx_file *kernel);
int kx_sys_unload(struct kexec_ctx *ctx);
int kx_sys_exec(struct kexec_ctx *ctx);

/*
 * -a: may a kexec_file_load failure with this errno be retried with
 * kexec_load?  Only when the call is missing or the kernel's loader can
 * not parse the image (ENOSYS, EINVAL, ENOEXEC, ENOTSUP), as kexec-tools
 * decides; never after a signature refusal.
 */
bool kx_file_load_falls_back(int err);

/* What a kexec_file_load errno means, or NULL for the errors shared with
 * kexec_load. */
const char *kx_file_load_reason(int err);

/* 1 if an image (crash image with panic) is loaded, 0 if not, -errno if
 * unknown. */
int kx_sys_loaded(struct kexec_ctx *ctx, bool panic);

/* Bring network interfaces down before exec (as kexec-tools does). */
void kx_ifdown(struct kexec_ctx *ctx);
/* The interface names of /proc/net/dev's TEXT, cut in place; at most MAX
 * go into NAMES.  Returns how many did. */
size_t kx_netdev_names(char *text, char **names, size_t max);

#endif
