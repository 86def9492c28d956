/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kexec.h - the load context, and the operations a backend supplies.
 *
 * The generic core knows no architecture: everything architecture-specific
 * reaches it through struct arch_ops and struct image_type tables.  All load
 * state lives in struct kexec_ctx, passed explicitly; there are no mutable
 * globals.
 */
#ifndef KX_KEXEC_H
#define KX_KEXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ranges.h"
#include "plan.h"
#include "file.h"
#include "purgatory-params.h"

struct elf_rel;
struct elf_rel_arch;

struct kexec_ctx;

/* What the command line asked for. */
enum kx_action {
	KX_ACT_NONE,
	KX_ACT_LOAD,		/* -l, -p */
	KX_ACT_UNLOAD,		/* -u */
	KX_ACT_EXEC,		/* -e */
	KX_ACT_FORCE,		/* -f: load, then exec at once */
	KX_ACT_STATUS,		/* -S */
};

/* Which system call loads the image. */
enum kx_syscall_mode {
	KX_SYSCALL_AUTO,	/* -a: file-based first, then kexec_load */
	KX_SYSCALL_FILE,	/* -s */
	KX_SYSCALL_LOAD,	/* -c */
};

/* Output format of --dry-run. */
enum kx_plan_format {
	KX_PLAN_TEXT,
	KX_PLAN_JSON,
};

/* Options from the command line.  Strings point into argv or are owned. */
struct kx_options {
	enum kx_action action;
	enum kx_syscall_mode syscall;
	enum kx_plan_format plan_format;
	bool panic;		/* -p: the crash kernel */
	bool no_ifdown;		/* -x */
	bool no_sync;		/* -y */
	bool dry_run;		/* --dry-run, implied by --root */
	bool no_checks;		/* --no-checks */
	bool reuse_cmdline;	/* --reuse-cmdline */
	bool reuse_initrd;	/* --reuseinitrd */
	bool hotplug;		/* --hotplug */
	bool no_cma;		/* --no-cma */
	bool dt_no_old_root;	/* --dt-no-old-root (ppc64) */
	int debug;		/* -d, repeatable */
	const char *kernel;	/* the image file */
	const char *initrd;	/* --initrd / --ramdisk */
	const char *dtb;	/* --dtb */
	const char *cmdline;	/* --command-line / --append */
	bool cmdline_set;
	const char *type;	/* -t */
	const char *arch;	/* --arch */
	const char *root;	/* --root: system state prefix, NULL = "/" */
	const char *dump_dir;	/* --dump-segments */
	uint64_t mem_min;	/* --mem-min */
	uint64_t mem_max;	/* --mem-max + 1 (it is inclusive), 0 = none */
	uint64_t page_size;	/* --page-size, 0 = the running kernel's */
	int checksum;		/* KX_ALGO_* chosen for purgatory */
};

/*
 * One kind of kernel image.  probe() returns 0 when the file is of this
 * type, -ENOEXEC when it is not (the core then tries the next type), or
 * another negative errno with a diagnostic set when the file is of this
 * type but can not be used (the core stops and reports it).  load() adds
 * the segments and sets the entry point.
 */
struct image_type {
	const char *name;
	int (*probe)(struct kexec_ctx *ctx, const struct kx_file *kernel);
	int (*load)(struct kexec_ctx *ctx, const struct kx_file *kernel);
	const char *help;	/* one line for --help, or NULL */
	const char *alias;	/* kexec-tools' name for -t, or NULL */
};

/* An architecture option: a long name, whether it takes an argument. */
struct arch_option {
	const char *name;
	bool has_arg;
	int id;			/* passed back to arch_ops.parse_option */
	const char *help;
};

/*
 * The operations of one architecture backend.  Pointers marked optional may
 * be NULL; the core checks them, so no backend writes empty stubs.
 */
struct arch_ops {
	const char *name;		/* "ppc64", "m68k" */
	uint32_t kexec_arch;		/* KX_KEXEC_ARCH_* */
	uint64_t default_page_size;	/* used in dry runs */
	size_t cmdline_max;		/* bytes including the NUL */

	/* uname machine names of this architecture ("ppc64le", ...). */
	const char *const *machines;

	/* Does the system state under ctx root look like this arch?
	 * Used to pick a backend for --root without --arch. (optional) */
	bool (*detect)(struct kexec_ctx *ctx);

	/* Architecture options, terminated by a NULL name. (optional)
	 * parse_option() is called once the backend is selected and before
	 * init(); it may allocate ctx->arch_data (freed by cleanup()). */
	const struct arch_option *options;
	int (*parse_option)(struct kexec_ctx *ctx, int id, const char *arg);

	/* Read the memory map and whatever else a load needs. */
	int (*init)(struct kexec_ctx *ctx);

	/* Image types, tried in order. */
	const struct image_type *image_types;
	size_t nr_image_types;

	/* After load(), with every segment placed: fill the architecture's
	 * words and console of the purgatory parameters (host byte order).
	 * The core fills magic, flags, algorithm and the region digests,
	 * then writes the structure into purgatory in the target's byte
	 * order.  (optional) */
	int (*finalize)(struct kexec_ctx *ctx, struct kx_params *params);

	/* Print arch-specific state for -d (optional). */
	void (*debug_dump)(struct kexec_ctx *ctx);

	/* Free the arch state in ctx->arch_data. (optional) */
	void (*cleanup)(struct kexec_ctx *ctx);
};

/* The load context. */
struct kexec_ctx {
	struct kx_options opt;
	const struct arch_ops *arch;
	void *arch_data;		/* owned by the backend */
	struct diag diag;		/* the first failure, for the user */

	uint64_t page_size;		/* the target kernel's page size */
	struct memory_map mem;		/* usable and reserved memory */
	struct segment_plan plan;	/* what kexec_load receives */
	uint64_t entry;			/* entry point, physical */
	uint32_t kexec_flags;		/* flags for kexec_load */
	uint64_t hotplug_elfcorehdr_size;	/* --hotplug: header room */

	char *cmdline;			/* final command line, or NULL */
	struct kx_file initrd;		/* mapped initrd, if any */
	bool have_initrd;

	/* The relocated purgatory, if the backend added one. */
	struct elf_rel *purgatory;
};

/* Debug print, shown with -d. */
void kx_debug(const struct kexec_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A warning, always shown on stderr. */
void kx_warn(const struct kexec_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Path of a system-state file under the --root prefix, e.g.
 * kx_root_path(ctx, "/proc/cmdline").  Returns a malloc'd string, or NULL
 * on allocation failure.
 */
char *kx_root_path(const struct kexec_ctx *ctx, const char *path);

/* MemTotal of a /proc/meminfo text, in bytes: 0, -ENOENT (no such line)
 * or -EINVAL (not "<number> kB"). */
int kx_meminfo_total(const char *text, uint64_t *bytes);

/*
 * Read a whole system-state file (under --root) into a malloc'd,
 * NUL-terminated buffer.  Returns 0, or -errno with a diagnostic
 * (KX_EXIT_SYSTEM class) naming the file.
 */
int kx_read_sysfile(struct kexec_ctx *ctx, const char *path, char **buf,
		    size_t *len);

/* kx_read_sysfile() for a file that may be absent: on failure, *buf is
 * NULL and no diagnostic is left behind (one set before is kept). */
int kx_read_optional(struct kexec_ctx *ctx, const char *path, char **buf,
		     size_t *len);

/*
 * Place a segment: find a hole for req (alignment raised to the page size,
 * bounds narrowed by --mem-min/--mem-max) among usable memory not taken by
 * the plan, and add it.  memsz >= bufsz; the plan owns "owned" afterwards,
 * even on failure.  Returns 0 with *addr set, or -ENOSPC/-ENOMEM with a
 * KX_EXIT_NOFIT diagnostic naming the role and size.
 */
int kx_add_segment(struct kexec_ctx *ctx, const void *buf, size_t bufsz,
		   uint64_t memsz, const struct hole_req *req,
		   enum segment_role role, void *owned, uint64_t *addr);

/* Add a segment at a fixed address (checked later by plan_check()). */
int kx_add_segment_at(struct kexec_ctx *ctx, const void *buf, size_t bufsz,
		      uint64_t mem, uint64_t memsz, enum segment_role role,
		      void *owned);

/*
 * Load an embedded purgatory: parse the relocatable object, place it per
 * req, relocate it there, add it as the SEG_PURGATORY segment and keep it
 * in ctx->purgatory.  *entry receives the address of "purgatory_start".
 * The core fills "kx_params" once every other segment is placed.
 */
int kx_load_purgatory(struct kexec_ctx *ctx, const void *blob, size_t size,
		      const struct elf_rel_arch *ra, const struct hole_req *req,
		      uint64_t *entry);

/* The backends compiled into this binary, NULL-terminated. */
extern const struct arch_ops *const kx_arches[];

#endif /* KX_KEXEC_H */
