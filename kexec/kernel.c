// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel.c - the one module that talks to the kernel: kexec_load,
 * kexec_file_load and reboot(LINUX_REBOOT_CMD_KEXEC).
 *
 * Only flags the kernel has always known are passed (the architecture,
 * KEXEC_ON_CRASH); never KEXEC_DEBUG or newer bits, which older kernels
 * refuse with EINVAL.  Every refusal is explained in the diagnostic.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core.h"
#include "kexec-uapi.h"

/* The kernel's struct kexec_segment. */
struct sys_segment {
	const void *buf;
	size_t bufsz;
	unsigned long mem;
	size_t memsz;
};

static bool lockdown_active(struct kexec_ctx *ctx)
{
	char *s = NULL;
	bool on;

	if (kx_read_sysfile(ctx, "/sys/kernel/security/lockdown", &s, NULL)) {
		diag_clear(&ctx->diag);
		return false;
	}
	on = !strstr(s, "[none]");
	free(s);
	return on;
}

/* What the kernel's sanity_check_segment_list() may have refused. */
static const char *describe_einval(struct kexec_ctx *ctx, char *buf,
				   size_t len)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < ctx->plan.n; i++)
		total += ctx->plan.seg[i].memsz;
	snprintf(buf, len, "the kernel rejected the %zu segments (0x%" PRIx64
		 " bytes, entry 0x%" PRIx64 "): more than half of its free "
		 "RAM, or flags it does not know; run with -d for the "
		 "segment table", ctx->plan.n, total, ctx->entry);
	return buf;
}

bool kx_file_load_falls_back(int err)
{
	/* kexec-tools' rule: the call is missing, or the kernel's own
	 * loader can not parse this image or these options.  Anything
	 * else, a signature refusal above all, stops the load. */
	return err == ENOSYS || err == EINVAL || err == ENOEXEC ||
	       err == ENOTSUP;
}

const char *kx_file_load_reason(int err)
{
	switch (err) {
	case ENOEXEC:
		return "the kernel's own loader does not know this image "
		       "format (it takes an uncompressed vmlinux); -c loads it "
		       "with kexec_load";
	case EKEYREJECTED:
	case EBADMSG:
	case ENOKEY:
	case ENODATA:
	case ELIBBAD:
	case ENOPKG:
	case EMSGSIZE:
		return "the kernel's signature check refused the image (it "
		       "is unsigned, or not signed with a key the kernel "
		       "trusts); not falling back: -c loads it with kexec_load, "
		       "without the kernel's signature check, where lockdown "
		       "allows it";
	case EINVAL:
		return "the kernel's own loader refused the image, its initrd "
		       "or command line (the kernel log says why); -c loads "
		       "with kexec_load instead";
	case ENOMEM:
		return "the kernel's own loader ran out of memory (the kernel "
		       "log says why); -c loads with kexec_load instead";
	default:
		return NULL;
	}
}

static int explain_load_error(struct kexec_ctx *ctx, const char *call,
			      int err)
{
	const char *reason = NULL;
	char why[256];

	if (!strcmp(call, "kexec_file_load")) {
		if (err == EINVAL && ctx->opt.no_cma)
			return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err,
					 "%s: the kernel refused the image or "
					 "its flags: --no-cma needs Linux 6.17 "
					 "or later (-c loads with kexec_load, "
					 "which never uses CMA)", call);
		if (err == EPERM && lockdown_active(ctx))
			return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err,
					 "%s: the kernel is locked down and "
					 "refused the image's signature: it must "
					 "be signed with a key the kernel trusts "
					 "(lockdown forbids kexec_load, -c, as "
					 "well)", call);
		reason = kx_file_load_reason(err);
	}
	if (reason)
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err, "%s: %s",
				 call, reason);
	switch (err) {
	case EPERM:
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err,
				 "%s: operation not permitted: %s", call,
				 lockdown_active(ctx) ?
				 "the kernel is locked down (secure boot); "
				 "only kexec_file_load with a signed kernel "
				 "can work: try -s" :
				 "loading needs CAP_SYS_BOOT in the initial "
				 "user namespace (run as root), or the kernel "
				 "is locked down (then try -s)");
	case EBUSY:
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err,
				 "%s: device or resource busy: another kexec "
				 "load or exec is in progress", call);
	case ENOSYS:
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err,
				 "%s: not supported by the running kernel "
				 "(built without CONFIG_KEXEC%s)", call,
				 strcmp(call, "kexec_load") ? "_FILE" : "");
	case ETXTBSY:
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err,
				 "%s: a segment overlaps memory the running "
				 "kernel is using (its image or tables)", call);
	case EADDRNOTAVAIL:
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err,
				 "%s: a segment or the entry point is outside "
				 "the allowed memory%s", call, ctx->opt.panic ?
				 " (the crashkernel= reservation)" : "");
	case ENOMEM:
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err,
				 "%s: the kernel could not allocate memory for "
				 "the image%s", call, ctx->opt.panic ?
				 "; is crash memory reserved (crashkernel=)?" :
				 "");
	case EINVAL:
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err, "%s: %s",
				 call, describe_einval(ctx, why, sizeof(why)));
	default:
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -err, "%s: %s",
				 call, strerror(err));
	}
}

static int sys_kexec_load(struct kexec_ctx *ctx)
{
	struct sys_segment *segs;
	size_t i;
	long r;

	segs = calloc(ctx->plan.n ? ctx->plan.n : 1, sizeof(*segs));
	if (!segs)
		return -ENOMEM;
	for (i = 0; i < ctx->plan.n; i++) {
		segs[i].buf = ctx->plan.seg[i].buf;
		segs[i].bufsz = ctx->plan.seg[i].bufsz;
		segs[i].mem = (unsigned long)ctx->plan.seg[i].mem;
		segs[i].memsz = (size_t)ctx->plan.seg[i].memsz;
	}
	r = syscall(SYS_kexec_load, (unsigned long)ctx->entry,
		    (unsigned long)ctx->plan.n, segs,
		    (unsigned long)ctx->kexec_flags);
	free(segs);
	return r ? -errno : 0;
}

#ifdef SYS_kexec_file_load
static int sys_kexec_file_load(struct kexec_ctx *ctx,
			       const struct kx_file *kernel,
			       unsigned long flags)
{
	const char *cmd = ctx->cmdline ? ctx->cmdline : "";
	int kfd = -1, ifd = -1;
	long r;

	if (!(flags & KX_KEXEC_FILE_UNLOAD)) {
		kfd = kernel->fd;
		if (ctx->have_initrd)
			ifd = ctx->initrd.fd;
		else
			flags |= KX_KEXEC_FILE_NO_INITRAMFS;
	}
	if (ctx->opt.panic)
		flags |= KX_KEXEC_FILE_ON_CRASH;
	if (ctx->opt.no_cma && !(flags & KX_KEXEC_FILE_UNLOAD))
		flags |= KX_KEXEC_FILE_NO_CMA;
	r = syscall(SYS_kexec_file_load, kfd, ifd,
		    (flags & KX_KEXEC_FILE_UNLOAD) ? 0UL :
		    (unsigned long)strlen(cmd) + 1, cmd, flags);
	return r ? -errno : 0;
}
#else
static int sys_kexec_file_load(struct kexec_ctx *ctx,
			       const struct kx_file *kernel,
			       unsigned long flags)
{
	return -ENOSYS;
}
#endif

int kx_sys_load(struct kexec_ctx *ctx, const struct kx_file *kernel)
{
	enum kx_syscall_mode mode = ctx->opt.syscall;
	int ret, file_err = 0;

	if (mode == KX_SYSCALL_AUTO && (ctx->opt.dtb || ctx->opt.reuse_initrd)) {
		kx_debug(ctx, "%s given: kexec_file_load can not take it, "
			 "using kexec_load", ctx->opt.dtb ? "--dtb" :
			 "--reuseinitrd");
		mode = KX_SYSCALL_LOAD;
	}
	if (mode != KX_SYSCALL_LOAD) {
		ret = sys_kexec_file_load(ctx, kernel, 0);
		if (!ret) {
			kx_debug(ctx, "loaded with kexec_file_load");
			return 0;
		}
		if (mode == KX_SYSCALL_FILE || !kx_file_load_falls_back(-ret))
			return explain_load_error(ctx, "kexec_file_load", -ret);
		file_err = -ret;
		kx_debug(ctx, "kexec_file_load: %s; falling back to "
			 "kexec_load", strerror(file_err));
	}
	ret = sys_kexec_load(ctx);
	if (!ret) {
		kx_debug(ctx, "loaded with kexec_load");
		return 0;
	}
	if (ret == -EPERM && file_err && file_err != ENOSYS &&
	    file_err != EPERM && lockdown_active(ctx))
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, ret,
				 "kexec_file_load: %s; kexec_load: the kernel "
				 "is locked down", strerror(file_err));
	return explain_load_error(ctx, "kexec_load", -ret);
}

int kx_sys_unload(struct kexec_ctx *ctx)
{
	unsigned long flags = ctx->arch->kexec_arch;
	long r;
	int ret;

	if (ctx->opt.syscall != KX_SYSCALL_LOAD) {
		ret = sys_kexec_file_load(ctx, NULL, KX_KEXEC_FILE_UNLOAD);
		if (!ret || ctx->opt.syscall == KX_SYSCALL_FILE)
			return ret ? explain_load_error(ctx, "kexec_file_load",
							-ret) : 0;
	}
	if (ctx->opt.panic)
		flags |= KX_KEXEC_ON_CRASH;
	r = syscall(SYS_kexec_load, 0UL, 0UL, NULL, flags);
	if (r)
		return explain_load_error(ctx, "kexec_load (unload)", errno);
	return 0;
}

int kx_sys_loaded(struct kexec_ctx *ctx, bool panic)
{
	char *s = NULL;
	int ret;

	ret = kx_read_sysfile(ctx, panic ? "/sys/kernel/kexec_crash_loaded" :
			      "/sys/kernel/kexec_loaded", &s, NULL);
	if (ret) {
		diag_clear(&ctx->diag);
		return ret;
	}
	ret = atoi(s) ? 1 : 0;
	free(s);
	return ret;
}

int kx_sys_exec(struct kexec_ctx *ctx)
{
	long r;

	r = syscall(SYS_reboot, KX_REBOOT_MAGIC1, KX_REBOOT_MAGIC2,
		    KX_REBOOT_CMD_KEXEC, NULL);
	if (!r)
		return 0;
	r = errno;
	if (r == EINVAL)
		return diag_fail(&ctx->diag, KX_EXIT_NOTLOADED, -EINVAL,
				 "kexec -e: the kernel has no image loaded "
				 "(load one with kexec -l)");
	if (r == EPERM)
		return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -EPERM,
				 "kexec -e: operation not permitted (needs "
				 "CAP_SYS_BOOT in the initial user namespace)");
	return diag_fail(&ctx->diag, KX_EXIT_KERNEL, -(int)r,
			 "kexec -e: reboot: %s", strerror((int)r));
}

size_t kx_netdev_names(char *text, char **names, size_t max)
{
	char *line, *next, *colon;
	size_t n = 0;
	int lineno = 0;

	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (lineno++ < 2)
			continue;	/* the two header lines */
		line += strspn(line, " \t");
		colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		if (line == colon || colon - line >= IFNAMSIZ)
			continue;
		if (n < max)
			names[n++] = line;
	}
	return n;
}

static void ifdown_one(struct kexec_ctx *ctx, int sock, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(sock, SIOCGIFFLAGS, &ifr) < 0)
		return;
	/* The loopback does no DMA into memory the new kernel owns, and
	 * closing it waits for an RCU grace period; kexec-tools leaves it
	 * up too. */
	if (!(ifr.ifr_flags & IFF_UP) || (ifr.ifr_flags & IFF_LOOPBACK))
		return;
	ifr.ifr_flags &= ~IFF_UP;
	if (ioctl(sock, SIOCSIFFLAGS, &ifr) < 0)
		kx_debug(ctx, "ifdown %s: %s", name, strerror(errno));
}

/*
 * The interfaces come from /proc/net/dev (this process's network
 * namespace, as the ioctls): reading it costs the kernel far less than
 * the netlink dump of every link's attributes behind if_nameindex():
 * the first call of a boot took a median 31.8 ms against 3.3 ms in an
 * emulated pseries guest (tests/bench/vm-bench.sh --listing;
 * doc/performance.md).  if_nameindex() remains for a system without
 * /proc.
 */
void kx_ifdown(struct kexec_ctx *ctx)
{
	struct if_nameindex *ifs, *i;
	char *text = NULL, **names = NULL, *p;
	size_t n = 0, k, lines = 1;
	int sock;

	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return;
	if (!kx_read_optional(ctx, "/proc/net/dev", &text, NULL)) {
		for (p = text; (p = strchr(p, '\n')); p++)
			lines++;
		names = calloc(lines, sizeof(*names));
		if (names)
			n = kx_netdev_names(text, names, lines);
	}
	if (names) {
		for (k = 0; k < n; k++)
			ifdown_one(ctx, sock, names[k]);
	} else {
		ifs = if_nameindex();
		for (i = ifs; i && i->if_index; i++)
			ifdown_one(ctx, sock, i->if_name);
		if (ifs)
			if_freenameindex(ifs);
	}
	free(names);
	free(text);
	close(sock);
}
