// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-kernel.c - kernel.c's decisions that need no kernel: when -a falls
 * back from kexec_file_load to kexec_load (kexec-tools' rule: only when
 * the call is missing or can not parse the image), and what a
 * kexec_file_load refusal is reported as; the interface names kexec -e
 * reads from /proc/net/dev.
 */
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "core.h"

/* Missing call, or the kernel's loader can not parse the image. */
static void test_falls_back(void)
{
	CHECK(kx_file_load_falls_back(ENOSYS));
	CHECK(kx_file_load_falls_back(EINVAL));
	CHECK(kx_file_load_falls_back(ENOEXEC));
	CHECK(kx_file_load_falls_back(ENOTSUP));
	CHECK(kx_file_load_falls_back(EOPNOTSUPP));
}

/* A signature refusal, lockdown, or anything else stops the load. */
static void test_stops(void)
{
	static const int stop[] = {
		EKEYREJECTED, EBADMSG, ENOKEY, ENODATA, ELIBBAD, ENOPKG,
		EMSGSIZE, EPERM, ENOMEM, EBUSY, EFAULT, E2BIG,
	};
	size_t i;

	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++) {
		if (kx_file_load_falls_back(stop[i]))
			printf("  falls back on %s\n", strerror(stop[i]));
		CHECK(!kx_file_load_falls_back(stop[i]));
	}
}

/* Every signature refusal names it and points at -c. */
static void test_signature_reason(void)
{
	static const int sig[] = {
		EKEYREJECTED, EBADMSG, ENOKEY, ENODATA, ELIBBAD, ENOPKG,
		EMSGSIZE,
	};
	size_t i;

	for (i = 0; i < sizeof(sig) / sizeof(sig[0]); i++) {
		const char *r = kx_file_load_reason(sig[i]);

		CHECK(r && strstr(r, "signature check refused the image"));
		CHECK(r && strstr(r, "not falling back"));
		CHECK(r && strstr(r, "-c loads it with kexec_load"));
		CHECK(r && strstr(r, "where lockdown allows it"));
		CHECK(r && !strchr(r, '\n'));
	}
	CHECK(strstr(kx_file_load_reason(ENOEXEC), "image format"));
	CHECK(kx_file_load_reason(EBUSY) == NULL);
}

/* /proc/net/dev as the kernel writes it (dev_seq_printf_stats): two
 * header lines, then each name right-aligned in six columns and a colon. */
static void test_netdev_names(void)
{
	char text[] =
		"Inter-|   Receive                            "
		"                    |  Transmit\n"
		" face |bytes    packets errs drop fifo frame compressed "
		"multicast|bytes    packets errs drop fifo colls carrier "
		"compressed\n"
		"    lo:       0       0    0    0    0     0          0 "
		"        0        0       0    0    0    0     0       0 "
		"         0\n"
		"enp0s31f6: 1234 5 0 0 0 0 0 0 678 9 0 0 0 0 0 0\n"
		"  wlan0:123 4 0 0 0 0 0 0 5 6 0 0 0 0 0 0\n"
		"  br-0a1b2c3d4e5f: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
		"  sixteen-chars-xx: 0 0\n"
		"   : 0 0\n"
		"no colon here\n"
		"   eth1: 0 0";
	char *names[8];
	size_t n = kx_netdev_names(text, names, 8);

	CHECK(n == 5);
	CHECK(n > 0 && !strcmp(names[0], "lo"));
	CHECK(n > 1 && !strcmp(names[1], "enp0s31f6"));
	CHECK(n > 2 && !strcmp(names[2], "wlan0"));
	CHECK(n > 3 && !strcmp(names[3], "br-0a1b2c3d4e5f"));
	CHECK(n > 4 && !strcmp(names[4], "eth1"));
	/* More names than room: the count says so, names[] holds the first. */
	{
		char more[] = "h1\nh2\n a:\n b:\n c:\n";
		char *two[2];

		CHECK(kx_netdev_names(more, two, 2) == 2);
		CHECK(!strcmp(two[0], "a") && !strcmp(two[1], "b"));
	}
	/* Only the headers, or nothing. */
	{
		char hdr[] = "Inter-|\n face |\n";
		char empty[] = "";

		CHECK(kx_netdev_names(hdr, names, 8) == 0);
		CHECK(kx_netdev_names(empty, names, 8) == 0);
	}
}

static int lo_flags(int sock, short *flags)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(sock, SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	*flags = ifr.ifr_flags;
	return 0;
}

/*
 * kexec -e brings interfaces down but leaves the loopback up, as
 * kexec-tools does, in a network namespace of the test's own (the suite
 * runs in a user namespace, where it may make one).
 */
static void test_ifdown_keeps_loopback(void)
{
	struct kexec_ctx ctx;
	struct ifreq ifr;
	short flags = 0;
	int sock;

	/* Never past this line in the caller's namespace: kx_ifdown()
	 * acts on every interface it sees. */
	if (unshare(CLONE_NEWNET)) {
		printf("  unshare(CLONE_NEWNET): %s\n", strerror(errno));
		CHECK(!"a network namespace of the test's own");
		return;
	}
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	CHECK(sock >= 0);
	if (sock < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	CHECK(ioctl(sock, SIOCGIFFLAGS, &ifr) == 0);
	ifr.ifr_flags |= IFF_UP;
	CHECK(ioctl(sock, SIOCSIFFLAGS, &ifr) == 0);
	CHECK(lo_flags(sock, &flags) == 0 && (flags & IFF_UP));

	memset(&ctx, 0, sizeof(ctx));
	kx_ifdown(&ctx);
	CHECK(ctx.diag.msg == NULL);
	CHECK(lo_flags(sock, &flags) == 0 && (flags & IFF_UP) &&
	      (flags & IFF_LOOPBACK));
	close(sock);
}

int main(void)
{
	RUN(test_falls_back);
	RUN(test_stops);
	RUN(test_signature_reason);
	RUN(test_netdev_names);
	RUN(test_ifdown_keeps_loopback);
	return check_done();
}
