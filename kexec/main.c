// SPDX-License-Identifier: GPL-2.0-only
/*
 * main.c - the kexec command: options, actions, and the one place that
 * prints the final error and picks the exit status.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core.h"
#include "kexec-uapi.h"

enum {
	OPT_REUSE_CMDLINE = 256,
	OPT_CMDLINE,
	OPT_INITRD,
	OPT_DTB,
	OPT_MEM_MIN,
	OPT_MEM_MAX,
	OPT_NO_CHECKS,
	OPT_DRY_RUN,
	OPT_PLAN_FORMAT,
	OPT_DUMP,
	OPT_ROOT,
	OPT_ARCH,
	OPT_PAGE_SIZE,
	OPT_CHECKSUM,
	OPT_PRINT_CKR,
	OPT_IGNORED,
	OPT_REUSE_INITRD,
	OPT_HOTPLUG,
	OPT_NO_CMA,
	OPT_ELF64_CORE,
	OPT_DT_NO_OLD_ROOT,
	OPT_FOREIGN,		/* + index into foreign_options */
	OPT_ARCH_BASE = 1000,	/* + index into the arch option list */
};

static const struct option generic_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{ "force", no_argument, NULL, 'f' },
	{ "no-ifdown", no_argument, NULL, 'x' },
	{ "no-sync", no_argument, NULL, 'y' },
	{ "load", no_argument, NULL, 'l' },
	{ "load-panic", no_argument, NULL, 'p' },
	{ "unload", no_argument, NULL, 'u' },
	{ "exec", no_argument, NULL, 'e' },
	{ "kexec-file-syscall", no_argument, NULL, 's' },
	{ "kexec-syscall", no_argument, NULL, 'c' },
	{ "kexec-syscall-auto", no_argument, NULL, 'a' },
	{ "debug", no_argument, NULL, 'd' },
	{ "status", no_argument, NULL, 'S' },
	{ "type", required_argument, NULL, 't' },
	{ "no-checks", no_argument, NULL, 'i' },
	{ "mem-min", required_argument, NULL, OPT_MEM_MIN },
	{ "mem-max", required_argument, NULL, OPT_MEM_MAX },
	{ "reuse-cmdline", no_argument, NULL, OPT_REUSE_CMDLINE },
	{ "command-line", required_argument, NULL, OPT_CMDLINE },
	{ "append", required_argument, NULL, OPT_CMDLINE },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "ramdisk", required_argument, NULL, OPT_INITRD },
	{ "dtb", required_argument, NULL, OPT_DTB },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "plan-format", required_argument, NULL, OPT_PLAN_FORMAT },
	{ "dump-segments", required_argument, NULL, OPT_DUMP },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "arch", required_argument, NULL, OPT_ARCH },
	{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
	{ "checksum", required_argument, NULL, OPT_CHECKSUM },
	{ "print-ckr-size", no_argument, NULL, OPT_PRINT_CKR },
	{ "reuseinitrd", no_argument, NULL, OPT_REUSE_INITRD },
	{ "hotplug", no_argument, NULL, OPT_HOTPLUG },
	{ "no-cma", no_argument, NULL, OPT_NO_CMA },
	/* kexec-tools' ppc64 options: its core headers are ELF64 here
	 * always; the old root= is kept unless --dt-no-old-root. */
	{ "elf64-core-headers", no_argument, NULL, OPT_ELF64_CORE },
	{ "dt-no-old-root", no_argument, NULL, OPT_DT_NO_OLD_ROOT },
	/* kexec-tools' ppc64 loaders accept and ignore it; Debian's
	 * kdump-config passes it for an ELF vmlinux. */
	{ "args-linux", no_argument, NULL, OPT_IGNORED },
};

/*
 * kexec-tools options that have a meaning only on other architectures
 * (x86, Xen): known, so that getopt does not take their argument for the
 * kernel, and refused with one line.
 */
static const struct {
	const char *name;
	int has_arg;
	const char *where;
} foreign_options[] = {
	{ "load-preserve-context", no_argument, "x86" },
	{ "load-jump-back-helper", no_argument, "x86" },
	{ "entry", required_argument, "x86" },
	{ "load-live-update", no_argument, "Xen" },
	{ "exec-live-update", no_argument, "Xen" },
	{ "force-dtb", no_argument, "x86" },
};

#define NR_FOREIGN (sizeof(foreign_options) / sizeof(foreign_options[0]))

#define NR_GENERIC (sizeof(generic_options) / sizeof(generic_options[0]))

/* An arch option seen on the command line, applied once the arch is known. */
struct arch_arg {
	const struct arch_ops *arch;
	const struct arch_option *opt;
	const char *arg;
};

struct cmdline_state {
	struct option *longopts;
	struct arch_arg *table;		/* one per arch option, by index */
	size_t nr_table;
	struct arch_arg *seen;		/* arch options given, in order */
	size_t nr_seen;
	int actions;			/* how many of -l -p -u -e -f -S */
	bool print_ckr;
	bool status_normal;		/* -S with -l: the normal image */
};

static void usage(FILE *out)
{
	size_t i, j;

	fprintf(out,
"Usage: kexec [OPTION]... [KERNEL]\n"
"Load a kernel to boot with kexec, or boot the loaded one.\n\n"
"Actions:\n"
"  -l, --load               load KERNEL for a later kexec -e\n"
"  -p, --load-panic         load KERNEL as the crash (kdump) kernel\n"
"  -u, --unload             unload the loaded kernel (with -p: the crash one)\n"
"  -e, --exec               boot the loaded kernel now\n"
"  -f, --force              load KERNEL and boot it at once, no shutdown\n"
"  -S, --status             exit 1 if an image (default: the crash image,\n"
"                           with -l the normal one) is loaded, 0 if not\n"
"      (no action)          load KERNEL, then run shutdown -r now\n"
"Loading:\n"
"      --command-line=TEXT  the new kernel's command line (alias --append)\n"
"      --reuse-cmdline      start from this kernel's /proc/cmdline; with\n"
"                           --append the TEXT follows it\n"
"      --initrd=FILE        the initramfs (alias --ramdisk)\n"
"      --dtb=FILE           device tree to pass instead of the running one\n"
"      --reuseinitrd        boot with the initrd this kernel kept in memory\n"
"                           (it needs retain_initrd on its command line)\n"
"      --hotplug            with -p: the kernel updates the crash kernel's\n"
"                           memory and CPU tables on hotplug\n"
"      --no-cma             kexec_file_load: do not place the image in CMA\n"
"      --dt-no-old-root     ppc64: do not add the running kernel's root=\n"
"                           when the new command line has none\n"
"  -t, --type=TYPE          image type (default: probe every type)\n"
"      --mem-min=ADDR       lowest physical address for segments\n"
"      --mem-max=ADDR       highest physical address for segments (the\n"
"                           last byte a segment may use)\n"
"  -i, --no-checks          purgatory does not verify the segments\n"
"      --checksum=ALGO      purgatory's check: xxh64 (default) or sha256\n"
"  -s, --kexec-file-syscall use kexec_file_load only\n"
"  -c, --kexec-syscall      use kexec_load only\n"
"  -a, --kexec-syscall-auto kexec_file_load, then kexec_load if the kernel\n"
"                           can not parse the image; never after a\n"
"                           signature refusal (default)\n"
"Executing:\n"
"  -x, --no-ifdown          do not bring network interfaces down\n"
"  -y, --no-sync            do not sync filesystems\n"
"Inspecting:\n"
"      --dry-run            do everything but the system calls; print the plan\n"
"      --plan-format=FMT    text (default) or json\n"
"      --dump-segments=DIR  write each segment to DIR/<index>-<role>.bin\n"
"      --root=DIR           read /proc and /sys state from DIR (implies\n"
"                           --dry-run)\n"
"      --arch=NAME          backend: ppc64 or m68k (default: this machine)\n"
"      --page-size=BYTES    the target kernel's page size (dry runs)\n"
"      --print-ckr-size     print the crash kernel reservation size\n"
"  -d, --debug              print what is done, with the segment table\n"
"  -v, --version            print the version\n"
"  -h, --help               this help\n"
"Accepted for kexec-tools' callers, without effect:\n"
"      --args-linux, --elf64-core-headers (ELF64 core headers always)\n"
"Refused as not supported here (x86 or Xen options of kexec-tools):\n"
"      --load-preserve-context, --load-jump-back-helper, --entry=ADDR,\n"
"      --load-live-update, --exec-live-update, --force-dtb\n"
);
	for (i = 0; kx_arches[i]; i++) {
		const struct arch_ops *a = kx_arches[i];

		fprintf(out, "\n%s backend: image types", a->name);
		for (j = 0; j < a->nr_image_types; j++)
			fprintf(out, "%s %s%s%s%s", j ? "," : "",
				a->image_types[j].name,
				a->image_types[j].alias ? " (or " : "",
				a->image_types[j].alias ?
				a->image_types[j].alias : "",
				a->image_types[j].alias ? ")" : "");
		fputc('\n', out);
		for (j = 0; a->options && a->options[j].name; j++)
			fprintf(out, "      --%s%s\n          %s\n",
				a->options[j].name,
				a->options[j].has_arg ? "=ARG" : "",
				a->options[j].help ? a->options[j].help : "");
	}
	fprintf(out, "\nExit status: 0 success; 1 failure (or -S: loaded); "
		"2 bad options;\n3 bad input file; 4 system state unreadable; "
		"5 does not fit;\n6 the kernel refused; 7 nothing loaded; "
		"8 backend is not this machine's.\nSee kexec(8).\n");
}

/* Build getopt's table: generic options, then every backend's. */
static int build_options(struct cmdline_state *st)
{
	size_t i, j, n = 0;

	for (i = 0; kx_arches[i]; i++)
		for (j = 0; kx_arches[i]->options &&
			    kx_arches[i]->options[j].name; j++)
			n++;
	st->longopts = calloc(NR_GENERIC + NR_FOREIGN + n + 1,
			      sizeof(struct option));
	st->table = calloc(n + 1, sizeof(struct arch_arg));
	st->seen = calloc(n + 1, sizeof(struct arch_arg));
	if (!st->longopts || !st->table || !st->seen)
		return -ENOMEM;
	memcpy(st->longopts, generic_options, sizeof(generic_options));
	for (i = 0; i < NR_FOREIGN; i++) {
		struct option *o = &st->longopts[NR_GENERIC + i];

		o->name = foreign_options[i].name;
		o->has_arg = foreign_options[i].has_arg;
		o->val = OPT_FOREIGN + (int)i;
	}
	for (i = 0; kx_arches[i]; i++) {
		const struct arch_ops *a = kx_arches[i];

		for (j = 0; a->options && a->options[j].name; j++) {
			struct option *o = &st->longopts[NR_GENERIC +
							 NR_FOREIGN +
							 st->nr_table];

			o->name = a->options[j].name;
			o->has_arg = a->options[j].has_arg ? required_argument :
							     no_argument;
			o->val = OPT_ARCH_BASE + (int)st->nr_table;
			st->table[st->nr_table].arch = a;
			st->table[st->nr_table].opt = &a->options[j];
			st->nr_table++;
		}
	}
	return 0;
}

static int parse_u64(struct kexec_ctx *ctx, const char *name, const char *s,
		     uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "--%s=%s: not a number", name, s);
	return 0;
}

static int set_action(struct kexec_ctx *ctx, struct cmdline_state *st,
		      enum kx_action act)
{
	st->actions++;
	ctx->opt.action = act;
	return 0;
}

static int parse_choice(struct kexec_ctx *ctx, int c, const char *arg)
{
	if (c == OPT_PLAN_FORMAT) {
		if (!strcmp(arg, "json"))
			ctx->opt.plan_format = KX_PLAN_JSON;
		else if (!strcmp(arg, "text"))
			ctx->opt.plan_format = KX_PLAN_TEXT;
		else
			return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
					 "--plan-format=%s: use text or json",
					 arg);
		return 0;
	}
	if (!strcmp(arg, "sha256"))
		ctx->opt.checksum = KX_ALGO_SHA256;
	else if (!strcmp(arg, "xxh64"))
		ctx->opt.checksum = KX_ALGO_XXH64;
	else
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "--checksum=%s: use xxh64 or sha256", arg);
	return 0;
}

static int parse_one(struct kexec_ctx *ctx, struct cmdline_state *st, int c,
		     const char *arg)
{
	struct kx_options *o = &ctx->opt;

	switch (c) {
	case 'f': return set_action(ctx, st, KX_ACT_FORCE);
	case 'l':
		if (o->action == KX_ACT_STATUS) {
			st->status_normal = true;
			return 0;
		}
		return set_action(ctx, st, KX_ACT_LOAD);
	case 'p':
		o->panic = true;
		if (o->action == KX_ACT_UNLOAD || o->action == KX_ACT_STATUS)
			return 0;
		return set_action(ctx, st, KX_ACT_LOAD);
	case 'u':
		if (o->action == KX_ACT_LOAD && o->panic && st->actions == 1) {
			/* "kexec -p -u": unload the crash kernel */
			o->action = KX_ACT_UNLOAD;
			return 0;
		}
		return set_action(ctx, st, KX_ACT_UNLOAD);
	case 'S':
		if (o->action == KX_ACT_LOAD && st->actions == 1) {
			/* "kexec -l -S": the normal image's status */
			st->status_normal = !o->panic;
			o->action = KX_ACT_STATUS;
			return 0;
		}
		return set_action(ctx, st, KX_ACT_STATUS);
	case 'e': return set_action(ctx, st, KX_ACT_EXEC);
	case 'x': o->no_ifdown = true; return 0;
	case 'y': o->no_sync = true; return 0;
	case 's': o->syscall = KX_SYSCALL_FILE; return 0;
	case 'c': o->syscall = KX_SYSCALL_LOAD; return 0;
	case 'a': o->syscall = KX_SYSCALL_AUTO; return 0;
	case 'd': o->debug++; return 0;
	case 'i': case OPT_NO_CHECKS: o->no_checks = true; return 0;
	case 't': o->type = arg; return 0;
	case OPT_MEM_MIN: return parse_u64(ctx, "mem-min", arg, &o->mem_min);
	case OPT_MEM_MAX:
		/* Inclusive, as in kexec-tools: kept as the end after it. */
		if (parse_u64(ctx, "mem-max", arg, &o->mem_max))
			return -EINVAL;
		o->mem_max = o->mem_max == UINT64_MAX ? 0 : o->mem_max + 1;
		return 0;
	case OPT_PAGE_SIZE:
		if (parse_u64(ctx, "page-size", arg, &o->page_size))
			return -EINVAL;
		if (o->page_size < 4096 || (o->page_size & (o->page_size - 1)))
			return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
					 "--page-size=%s: a power of two, at "
					 "least 4096", arg);
		return 0;
	case OPT_REUSE_CMDLINE: o->reuse_cmdline = true; return 0;
	case OPT_CMDLINE: o->cmdline = arg; o->cmdline_set = true; return 0;
	case OPT_INITRD: o->initrd = arg; return 0;
	case OPT_DTB: o->dtb = arg; return 0;
	case OPT_DRY_RUN: o->dry_run = true; return 0;
	case OPT_DUMP: o->dump_dir = arg; return 0;
	case OPT_ROOT: o->root = arg; o->dry_run = true; return 0;
	case OPT_ARCH: o->arch = arg; return 0;
	case OPT_PRINT_CKR: st->print_ckr = true; st->actions++; return 0;
	case OPT_IGNORED: case OPT_ELF64_CORE: return 0;
	case OPT_REUSE_INITRD: o->reuse_initrd = true; return 0;
	case OPT_HOTPLUG: o->hotplug = true; return 0;
	case OPT_NO_CMA: o->no_cma = true; return 0;
	case OPT_DT_NO_OLD_ROOT: o->dt_no_old_root = true; return 0;
	case OPT_PLAN_FORMAT: case OPT_CHECKSUM:
		return parse_choice(ctx, c, arg);
	}
	if (c >= OPT_FOREIGN && (size_t)(c - OPT_FOREIGN) < NR_FOREIGN)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -ENOTSUP,
				 "--%s: not supported on this architecture "
				 "(a kexec-tools option for %s only)",
				 foreign_options[c - OPT_FOREIGN].name,
				 foreign_options[c - OPT_FOREIGN].where);
	if (c >= OPT_ARCH_BASE && (size_t)(c - OPT_ARCH_BASE) < st->nr_table) {
		st->seen[st->nr_seen] = st->table[c - OPT_ARCH_BASE];
		st->seen[st->nr_seen++].arg = arg;
		return 0;
	}
	return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
			 "unknown option; see kexec --help");
}

static int parse_args(struct kexec_ctx *ctx, struct cmdline_state *st,
		      int argc, char **argv)
{
	int c, ret;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "hvfxylpuescadSt:i",
				st->longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			exit(0);
		}
		if (c == 'v') {
			printf("kexec-loader %s\n", PACKAGE_VERSION);
			exit(0);
		}
		if (c == '?' || c == ':')
			return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
					 "%s: unknown option, or its argument "
					 "is missing; see kexec --help",
					 argv[optind - 1]);
		ret = parse_one(ctx, st, c, optarg);
		if (ret)
			return ret;
	}
	if (optind < argc)
		ctx->opt.kernel = argv[optind++];
	if (optind < argc)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "%s: unexpected argument (one kernel only)",
				 argv[optind]);
	if (st->actions > 1)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "choose one of -l, -p, -u, -e, -f, -S");
	return 0;
}

/* Hand the arch options to the selected backend. */
static int apply_arch_options(struct kexec_ctx *ctx, struct cmdline_state *st)
{
	size_t i;
	int ret;

	for (i = 0; i < st->nr_seen; i++) {
		if (st->seen[i].arch != ctx->arch)
			return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
					 "--%s is a %s option; the backend is "
					 "%s", st->seen[i].opt->name,
					 st->seen[i].arch->name,
					 ctx->arch->name);
		ret = ctx->arch->parse_option(ctx, st->seen[i].opt->id,
					      st->seen[i].arg);
		if (ret)
			return ret;
	}
	return 0;
}

static int do_status(struct kexec_ctx *ctx, bool normal)
{
	int loaded = kx_sys_loaded(ctx, !normal);

	if (loaded < 0)
		return diag_fail(&ctx->diag, KX_EXIT_SYSTEM, loaded,
				 "can not read /sys/kernel/kexec_%sloaded",
				 normal ? "" : "crash_");
	kx_debug(ctx, "%s image %sloaded", normal ? "kexec" : "crash",
		 loaded ? "" : "not ");
	return loaded;
}

static int do_print_ckr(struct kexec_ctx *ctx)
{
	char *s = NULL;
	int ret = kx_read_sysfile(ctx, "/sys/kernel/kexec_crash_size", &s,
				  NULL);

	if (ret)
		return ret;
	printf("%llu\n", strtoull(s, NULL, 0));
	free(s);
	return 0;
}

static int do_exec(struct kexec_ctx *ctx)
{
	int loaded = kx_sys_loaded(ctx, false);

	if (loaded == 0)
		return diag_fail(&ctx->diag, KX_EXIT_NOTLOADED, -ENOENT,
				 "kexec -e: no kernel is loaded (load one "
				 "with kexec -l)");
	if (ctx->opt.dry_run) {
		printf("dry run: would sync%s and boot the loaded kernel\n",
		       ctx->opt.no_ifdown ? "" : ", bring interfaces down,");
		return 0;
	}
	if (!ctx->opt.no_sync)
		sync();
	if (!ctx->opt.no_ifdown)
		kx_ifdown(ctx);
	return kx_sys_exec(ctx);
}

static int do_load(struct kexec_ctx *ctx)
{
	struct kx_file kernel = { .fd = -1 };
	int ret;

	if (!ctx->opt.kernel) {
		ret = diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				"no kernel image given; see kexec --help");
		goto out;
	}
	if (ctx->opt.dtb && ctx->opt.syscall == KX_SYSCALL_FILE) {
		ret = diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				"--dtb can not be used with -s: "
				"kexec_file_load takes no device tree");
		goto out;
	}
	if (ctx->opt.reuse_initrd && ctx->opt.syscall == KX_SYSCALL_FILE) {
		ret = diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				"--reuseinitrd can not be used with -s: "
				"kexec_file_load takes the initrd as a file");
		goto out;
	}
	ret = kx_plan_load(ctx, &kernel);
	if (ret)
		goto out;
	if (ctx->opt.debug && !ctx->opt.dry_run) {
		if (ctx->arch->debug_dump)
			ctx->arch->debug_dump(ctx);
		kx_plan_print(ctx, stderr);
	}
	if (ctx->opt.dump_dir) {
		ret = kx_plan_dump(ctx, ctx->opt.dump_dir);
		if (ret)
			goto out;
	}
	if (ctx->opt.dry_run) {
		kx_plan_print(ctx, stdout);
		goto out;
	}
	ret = kx_sys_load(ctx, &kernel);
out:
	kx_file_close(&kernel);
	return ret;
}

/*
 * No action: reboot into the loaded kernel through the init system.  The
 * paths are fixed, as in kexec-tools (init scripts may run without PATH);
 * /usr/sbin is added for systems whose /sbin is not merged.
 */
static int run_shutdown(struct kexec_ctx *ctx)
{
	static const char *const paths[] = {
		"/sbin/shutdown", "/usr/sbin/shutdown", "/etc/shutdown",
		"/bin/shutdown",
	};
	char *const argv[] = { "shutdown", "-r", "now", NULL };
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		execv(paths[i], argv);
	return diag_fail(&ctx->diag, KX_EXIT_FAILURE, -errno,
			 "loaded; running shutdown -r now failed: no "
			 "executable /sbin/shutdown, /usr/sbin/shutdown, "
			 "/etc/shutdown or /bin/shutdown");
}

static int run(struct kexec_ctx *ctx, struct cmdline_state *st)
{
	enum kx_action act = ctx->opt.action;
	int ret;

	if (act == KX_ACT_NONE && !st->print_ckr && !ctx->opt.kernel)
		return diag_fail(&ctx->diag, KX_EXIT_USAGE, -EINVAL,
				 "nothing to do; see kexec --help");
	ret = kx_select_arch(ctx);
	if (!ret)
		ret = apply_arch_options(ctx, st);
	if (ret)
		return ret;
	if (st->print_ckr)
		return do_print_ckr(ctx);
	if (act == KX_ACT_STATUS)
		return do_status(ctx, st->status_normal);
	if (!ctx->opt.dry_run && !kx_arch_is_native(ctx->arch))
		return diag_fail(&ctx->diag, KX_EXIT_WRONGARCH, -EPERM,
				 "the %s backend is not this machine's: refusing "
				 "a real kexec (use --dry-run or --root to "
				 "inspect)", ctx->arch->name);
	switch (act) {
	case KX_ACT_UNLOAD:
		return ctx->opt.dry_run ? 0 : kx_sys_unload(ctx);
	case KX_ACT_EXEC:
		return do_exec(ctx);
	case KX_ACT_FORCE:
		ret = do_load(ctx);
		return ret || ctx->opt.dry_run ? ret : do_exec(ctx);
	case KX_ACT_NONE:
		ret = do_load(ctx);
		if (ret || ctx->opt.dry_run)
			return ret;
		return run_shutdown(ctx);
	default:
		return do_load(ctx);
	}
}

int main(int argc, char **argv)
{
	struct kexec_ctx ctx;
	struct cmdline_state st;
	int ret, status;

	memset(&ctx, 0, sizeof(ctx));
	memset(&st, 0, sizeof(st));
	ctx.opt.checksum = KX_ALGO_XXH64;
	ret = build_options(&st);
	if (!ret)
		ret = parse_args(&ctx, &st, argc, argv);
	if (!ret)
		ret = run(&ctx, &st);
	if (ctx.opt.action == KX_ACT_STATUS && ret >= 0)
		status = ret;	/* -S: 1 loaded, 0 not */
	else if (ret < 0) {
		/* Every failure records its own line; a path that did not
		 * still names what failed rather than a bare errno. */
		if (ctx.diag.msg)
			fprintf(stderr, "kexec: %s\n", ctx.diag.msg);
		else if (ret == -ENOMEM)
			fprintf(stderr, "kexec: out of memory\n");
		else
			fprintf(stderr, "kexec: %s%sfailed: %s\n",
				ctx.opt.kernel ? ctx.opt.kernel : "",
				ctx.opt.kernel ? ": " : "", strerror(-ret));
		status = ctx.diag.msg ? (int)ctx.diag.exit_class :
					KX_EXIT_FAILURE;
		if (status == KX_EXIT_OK)
			status = KX_EXIT_FAILURE;
	} else {
		status = 0;
	}
	kx_ctx_free(&ctx);
	free(st.longopts);
	free(st.table);
	free(st.seen);
	return status;
}
