/*
 * Minimal static /init for the kexec-loader VM tests.
 *
 * It mounts proc, sysfs and devtmpfs, reports the state of the kernel it runs
 * under as "KT-..." marker lines on the console, runs the command script of
 * its generation (/kt/gen<N>, N from the last "kt.gen=N" on the kernel
 * command line, 1 when absent) and powers the machine off.  The harness
 * (tests/vm/run.sh) reads the markers; QEMU runs with -no-reboot, so power
 * off ends the run.
 *
 * Script language, one command per line, '#' starts a comment line:
 *
 *   run EXPECT PROG ARGS...  run PROG (no shell, words split on blanks,
 *                            "double quotes" group words);
 *                            EXPECT is 0, nonzero, any, a number, or never
 *                            (the command must not return, e.g. kexec -e).
 *                            Prints KT-OUT lines with its stdout/stderr and
 *                            KT-RUN rc=<rc> <cmd>.
 *   outhas TEXT              the last run's output contains TEXT
 *   outnonempty              the last run printed something
 *   outlines N               the last run printed exactly N lines
 *   race ROUNDS RC TEXT -- BG... -- FG...
 *                            start BG in the background, then run FG again
 *                            and again (quietly) while BG runs, until an FG
 *                            run exits with RC and printed TEXT (it met BG
 *                            inside the kernel); BG must then exit 0.  A
 *                            round in which BG ends first is tried again,
 *                            up to ROUNDS.  The hit is "the last run".
 *   writefile [-k] PATH TEXT write TEXT+"\n" at offset 0 of PATH, no sync;
 *                            -k keeps PATH open (see the code)
 *   checkfile PATH TEXT      PATH starts with TEXT
 *   waitfor PATH SECS        wait until PATH exists
 *   insmod PATH [PARAMS]     load a kernel module
 *   mount DEV DIR TYPE       mount a file system (DIR is created)
 *   cat PATH                 print PATH as KT-CAT lines
 *   dump PATH                dump a file or a directory tree (symlinks are
 *                            followed at the top only) as KT-DUMP records,
 *                            base64 encoded, for tests/vm/capture.sh
 *   echo TEXT                print KT-ECHO TEXT
 *   sysrq C                  write C to /proc/sysrq-trigger
 *   oncpu N                  run from now on on CPU N only
 *   plant TEXT               fill 4 MiB of locked memory with
 *                            "KT-PLANT:<TEXT reversed>;" (so the pattern
 *                            exists only in that memory, not in the script)
 *   vmcorehas TEXT           /proc/vmcore holds the pattern plant wrote
 *   quiet                    console loglevel 1 (no kernel messages)
 *   unsetenv NAME            drop NAME from the environment of later runs
 *   poweroff                 power off now
 *
 * Every failed expectation prints "KT-FAIL <why>" and powers off at once;
 * a met one prints "KT-PASS <what>".  The end of the script prints KT-DONE.
 *
 * Run as "shutdown" (a copy at /sbin/shutdown, which kexec with no action
 * runs after its load) it prints "KT-SHUTDOWN <args>" on the console and
 * boots the loaded kernel at once, as an init system's reboot would.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXLINE 4096
#define MAXARGS 64
#define OUTMAX (256 * 1024)

static char last_out[OUTMAX];
static size_t last_out_len;

static void say(const char *fmt, ...)
{
	char buf[MAXLINE + 256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	/* One write per line, so kernel messages do not split it. */
	if (write(1, buf, n) < 0)
		return;
}

static void power_off(void)
{
	say("KT-POWEROFF");
	sync();
	reboot(RB_POWER_OFF);
	/* Should not get here; as a last resort halt. */
	say("KT-FAIL reboot(RB_POWER_OFF) returned: %s", strerror(errno));
	reboot(RB_HALT_SYSTEM);
	for (;;)
		pause();
}

static void fail(const char *fmt, ...)
{
	char buf[MAXLINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	say("KT-FAIL %s", buf);
	power_off();
}

/* Read a whole (small) file; returns length or -1.  NUL-terminates. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		s[--n] = 0;
}

static void mount_fs(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) < 0 && errno != EBUSY)
		say("KT-WARN mount %s on %s: %s", type, dir, strerror(errno));
}

static void setup_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static int generation(const char *cmdline)
{
	const char *p = cmdline, *hit = NULL;
	int gen = 1;

	/* The last kt.gen= wins: --reuse-cmdline keeps the earlier ones. */
	while ((p = strstr(p, "kt.gen=")) != NULL) {
		if (p == cmdline || p[-1] == ' ')
			hit = p;
		p++;
	}
	if (hit)
		gen = atoi(hit + 7);
	return gen > 0 ? gen : 1;
}

static int count_cpus(const char *list)
{
	/* "0-3,5,7-8" */
	int count = 0;
	const char *p = list;

	while (*p && *p != '\n') {
		char *end;
		long a = strtol(p, &end, 10), b = a;

		if (end == p)
			break;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		count += (int)(b - a + 1);
		p = end;
		if (*p == ',')
			p++;
	}
	return count;
}

static void report(int gen, const char *cmdline)
{
	char buf[MAXLINE];
	char *p;

	say("KT-BOOT gen=%d", gen);
	say("KT-CMDLINE %s", cmdline);
	if (read_file("/token", buf, sizeof(buf)) >= 0) {
		chomp(buf);
		say("KT-TOKEN %s", buf);
	} else {
		say("KT-TOKEN none");
	}
	if (read_file("/sys/devices/system/cpu/online", buf, sizeof(buf)) >= 0) {
		chomp(buf);
		say("KT-CPUS %d", count_cpus(buf));
		say("KT-CPUS-ONLINE %s", buf);
	} else {
		say("KT-CPUS %ld", sysconf(_SC_NPROCESSORS_ONLN));
	}
	if (read_file("/proc/meminfo", buf, sizeof(buf)) >= 0 &&
	    (p = strstr(buf, "MemTotal:")) != NULL)
		say("KT-MEMTOTAL %ld", strtol(p + 9, NULL, 10));
	else
		say("KT-MEMTOTAL unknown");
	if (read_file("/sys/kernel/kexec_loaded", buf, sizeof(buf)) >= 0) {
		chomp(buf);
		say("KT-KEXEC-LOADED %s", buf);
	} else {
		say("KT-KEXEC-LOADED unknown");
	}
	if (read_file("/sys/kernel/kexec_crash_loaded", buf, sizeof(buf)) >= 0) {
		chomp(buf);
		say("KT-KEXEC-CRASH-LOADED %s", buf);
	}
	if (read_file("/proc/sys/kernel/osrelease", buf, sizeof(buf)) >= 0) {
		chomp(buf);
		say("KT-KERNEL %s", buf);
	}
}

/*
 * Split on blanks in place.  A double-quoted stretch ("a b") stays in one
 * word, without its quotes, so --append="x y" works as in a shell.
 */
static int split(char *s, char **argv, int max)
{
	int n = 0;
	char *d;

	while (*s && n < max - 1) {
		int quoted = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		argv[n++] = d = s;
		while (*s && (quoted || (*s != ' ' && *s != '\t'))) {
			if (*s == '"')
				quoted = !quoted;
			else
				*d++ = *s;
			s++;
		}
		if (*s)
			s++;
		*d = 0;
	}
	argv[n] = NULL;
	return n;
}

static void emit_output_line(const char *s, size_t n)
{
	say("KT-OUT %.*s", (int)n, s);
}

static int run_quiet;	/* run_cmd: no KT-EXEC / KT-OUT lines */

static int run_cmd(char **argv, const char *text)
{
	int pfd[2], status;
	pid_t pid;
	char buf[4096], line[MAXLINE];
	size_t ll = 0;
	ssize_t n;

	last_out_len = 0;
	last_out[0] = 0;
	if (pipe2(pfd, O_CLOEXEC) < 0)
		fail("pipe: %s", strerror(errno));
	if (!run_quiet)
		say("KT-EXEC %s", text);
	pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		execv(argv[0], argv);
		dprintf(2, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pfd[1]);
	while ((n = read(pfd[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (last_out_len + 1 < OUTMAX)
				last_out[last_out_len++] = buf[i];
			if (buf[i] == '\n' || ll == sizeof(line) - 1) {
				if (!run_quiet)
					emit_output_line(line, ll);
				ll = 0;
			} else if (buf[i] != '\r') {
				line[ll++] = buf[i];
			}
		}
	}
	if (ll && !run_quiet)
		emit_output_line(line, ll);
	last_out[last_out_len] = 0;
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fail("waitpid: %s", strerror(errno));
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

static void b64_emit(const char *tag, const unsigned char *data, size_t len)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char out[80];
	size_t i = 0;

	/* 57 input bytes per line: 76 characters of base64. */
	while (i < len) {
		size_t chunk = len - i < 57 ? len - i : 57, o = 0;

		for (size_t j = 0; j < chunk; j += 3) {
			unsigned v = data[i + j] << 16;
			size_t left = chunk - j;

			if (left > 1)
				v |= data[i + j + 1] << 8;
			if (left > 2)
				v |= data[i + j + 2];
			out[o++] = tab[(v >> 18) & 63];
			out[o++] = tab[(v >> 12) & 63];
			out[o++] = left > 1 ? tab[(v >> 6) & 63] : '=';
			out[o++] = left > 2 ? tab[v & 63] : '=';
		}
		out[o] = 0;
		say("%s %s", tag, out);
		i += chunk;
	}
}

static void dump_file(const char *path, const char *rel)
{
	static unsigned char buf[1 << 20];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0) {
		say("KT-DUMP-ERR %s %s", rel, strerror(errno));
		return;
	}
	while (len < sizeof(buf) && (n = read(fd, buf + len, sizeof(buf) - len)) > 0)
		len += n;
	close(fd);
	say("KT-DUMP-FILE %s %zu", rel, len);
	b64_emit("KT-B", buf, len);
	say("KT-DUMP-EOF %s", rel);
}

static void dump_tree(const char *path, const char *rel, int follow)
{
	struct stat st;
	int r = follow ? stat(path, &st) : lstat(path, &st);

	if (r < 0) {
		say("KT-DUMP-ERR %s %s", rel, strerror(errno));
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t n = readlink(path, target, sizeof(target) - 1);

		if (n >= 0) {
			target[n] = 0;
			say("KT-DUMP-LINK %s %s", rel, target);
		}
	} else if (S_ISDIR(st.st_mode)) {
		struct dirent **names;
		int count = scandir(path, &names, NULL, alphasort);

		say("KT-DUMP-DIR %s", rel);
		for (int i = 0; i < count; i++) {
			const char *nm = names[i]->d_name;

			if (strcmp(nm, ".") && strcmp(nm, "..")) {
				char p2[PATH_MAX], r2[PATH_MAX];

				snprintf(p2, sizeof(p2), "%s/%s", path, nm);
				snprintf(r2, sizeof(r2), "%s/%s", rel, nm);
				dump_tree(p2, r2, 0);
			}
			free(names[i]);
		}
		if (count >= 0)
			free(names);
	} else if (S_ISREG(st.st_mode)) {
		dump_file(path, rel);
	}
}

static void do_cat(const char *path)
{
	static char buf[1 << 16];
	char *line, *save;

	if (read_file(path, buf, sizeof(buf)) < 0) {
		say("KT-CAT %s: %s", path, strerror(errno));
		return;
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		say("KT-CAT %s: %s", path, line);
}

static const char *rest_after(const char *s, int words)
{
	/* Skip `words` blank-separated words and the blanks after them. */
	while (words--) {
		while (*s == ' ' || *s == '\t')
			s++;
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

#define PLANT_SIZE (4 << 20)

static void plant_pattern(const char *text, char *out, size_t size)
{
	size_t n = strlen(text), i;

	snprintf(out, size, "KT-PLANT:");
	for (i = 0; i < n && 9 + i + 2 < size; i++)
		out[9 + i] = text[n - 1 - i];
	out[9 + i] = ';';
	out[10 + i] = '\0';
}

static void do_plant(const char *text)
{
	static char *mem;
	char pat[256];
	size_t len, off;

	plant_pattern(text, pat, sizeof(pat));
	len = strlen(pat);
	mem = malloc(PLANT_SIZE);
	if (!mem)
		fail("plant: out of memory");
	for (off = 0; off + len <= PLANT_SIZE; off += len)
		memcpy(mem + off, pat, len);
	if (mlock(mem, PLANT_SIZE))
		say("KT-WARN mlock: %s", strerror(errno));
	say("KT-PASS planted %zu copies", (size_t)PLANT_SIZE / len);
}

/* Read /proc/vmcore through, looking for the planted pattern. */
static void do_vmcorehas(const char *text)
{
	static char buf[(1 << 20) + 256];
	char pat[256];
	size_t len, keep = 0;
	long long total = 0, found = -1;
	ssize_t n;
	int fd;

	plant_pattern(text, pat, sizeof(pat));
	len = strlen(pat);
	fd = open("/proc/vmcore", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail("vmcorehas: /proc/vmcore: %s", strerror(errno));
	while ((n = read(fd, buf + keep, sizeof(buf) - 256)) > 0) {
		char *hit = memmem(buf, keep + (size_t)n, pat, len);

		if (hit && found < 0)
			found = total - (long long)keep + (hit - buf);
		total += n;
		/* Keep a tail so a pattern split across reads is found. */
		n += (ssize_t)keep;
		keep = (size_t)n < len - 1 ? (size_t)n : len - 1;
		memmove(buf, buf + (size_t)n - keep, keep);
	}
	if (n < 0)
		fail("vmcorehas: read at %lld: %s", total, strerror(errno));
	close(fd);
	say("KT-VMCORE-SIZE %lld", total);
	if (found < 0)
		fail("vmcorehas: pattern not in %lld bytes of /proc/vmcore", total);
	say("KT-PASS /proc/vmcore holds the planted pattern at %lld", found);
}

static int count_lines(const char *s, size_t n)
{
	int lines = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || i + 1 == n)
			lines++;
	return lines;
}

/*
 * race ROUNDS RC TEXT -- BG... -- FG...: see the top.  BG's output goes to
 * /tmp/race-bg.out and is printed (KT-OUT bg: ...) when it has ended.
 */
static void do_race(int lineno, int argc, char **argv)
{
	int rounds = atoi(argv[1]), want = atoi(argv[2]);
	const char *text = argv[3];
	char **bg = NULL, **fg = NULL;
	char fgtext[MAXLINE] = "";

	for (int i = 4; i < argc; i++) {
		if (strcmp(argv[i], "--"))
			continue;
		argv[i] = NULL;
		if (!bg)
			bg = argv + i + 1;
		else if (!fg)
			fg = argv + i + 1;
	}
	if (!bg || !fg || !bg[0] || !fg[0])
		fail("line %d: race: want ROUNDS RC TEXT -- BG... -- FG...", lineno);
	for (char **a = fg; *a; a++) {
		size_t l = strlen(fgtext);

		snprintf(fgtext + l, sizeof(fgtext) - l, "%s%s", l ? " " : "", *a);
	}
	for (int r = 1; r <= rounds; r++) {
		int status = 0, rc = -1, tries = 0, hit = 0, fd;
		pid_t pid;

		fd = open("/tmp/race-bg.out", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			fail("line %d: race: /tmp/race-bg.out: %s", lineno, strerror(errno));
		pid = fork();
		if (pid < 0)
			fail("line %d: race: fork: %s", lineno, strerror(errno));
		if (pid == 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			execv(bg[0], bg);
			_exit(127);
		}
		close(fd);
		run_quiet = 1;
		while (waitpid(pid, &status, WNOHANG) == 0) {
			rc = run_cmd(fg, fgtext);
			tries++;
			if (rc == want && strstr(last_out, text)) {
				hit = 1;
				break;
			}
		}
		run_quiet = 0;
		if (hit)
			while (waitpid(pid, &status, 0) < 0)
				if (errno != EINTR)
					fail("line %d: race: waitpid: %s", lineno, strerror(errno));
		do_cat("/tmp/race-bg.out");
		say("KT-RACE round=%d tries=%d hit=%d bg-rc=%d", r, tries, hit,
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			fail("line %d: race: the background command failed", lineno);
		if (hit) {
			for (const char *p = last_out, *e; *p; p = e + (*e != 0)) {
				e = strchrnul(p, '\n');
				emit_output_line(p, (size_t)(e - p));
			}
			say("KT-RUN rc=%d %s", rc, fgtext);
			say("KT-PASS race: '%s' met the background load in round %d, try %d",
			    fgtext, r, tries);
			return;
		}
	}
	fail("line %d: race: '%s' never met the background command in %d rounds",
	     lineno, fgtext, rounds);
}

static void run_script(const char *path)
{
	FILE *f = fopen(path, "re");
	char line[MAXLINE], copy[MAXLINE];
	char *argv[MAXARGS];
	int lineno = 0;

	if (!f)
		fail("no script %s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		int argc;

		lineno++;
		chomp(line);
		if (!line[0] || line[0] == '#')
			continue;
		snprintf(copy, sizeof(copy), "%s", line);
		argc = split(copy, argv, MAXARGS);
		if (!argc)
			continue;
		if (!strcmp(argv[0], "run") && argc >= 3) {
			const char *exp = argv[1];
			const char *text = rest_after(line, 2);
			int rc = run_cmd(argv + 2, text);
			int ok;

			say("KT-RUN rc=%d %s", rc, text);
			if (!strcmp(exp, "any"))
				ok = 1;
			else if (!strcmp(exp, "nonzero"))
				ok = rc != 0;
			else if (!strcmp(exp, "never"))
				ok = 0;
			else
				ok = rc == atoi(exp);
			if (!ok)
				fail("line %d: expected %s, got rc=%d: %s", lineno, exp, rc, text);
		} else if (!strcmp(argv[0], "outhas") && argc >= 2) {
			const char *text = rest_after(line, 1);

			if (!strstr(last_out, text))
				fail("line %d: output lacks '%s'", lineno, text);
			say("KT-PASS output has '%s'", text);
		} else if (!strcmp(argv[0], "outlines") && argc >= 2) {
			int n = count_lines(last_out, last_out_len);

			if (n != atoi(argv[1]))
				fail("line %d: the command printed %d lines, expected %s",
				     lineno, n, argv[1]);
			say("KT-PASS output has %d lines", n);
		} else if (!strcmp(argv[0], "race") && argc >= 8) {
			do_race(lineno, argc, argv);
		} else if (!strcmp(argv[0], "outnonempty")) {
			if (!last_out_len)
				fail("line %d: the command printed nothing", lineno);
			say("KT-PASS output not empty");
		} else if (!strcmp(argv[0], "writefile") && argc >= 2) {
			/*
			 * "writefile -k PATH TEXT" leaves PATH open for good: the
			 * last close of a block device writes its dirty pages
			 * back, which would hide a missing sync before kexec.
			 */
			int keep = !strcmp(argv[1], "-k");
			const char *path = argv[1 + keep];
			const char *text = rest_after(line, 2 + keep);
			int fd = open(path, O_WRONLY | O_CREAT | (keep ? 0 : O_CLOEXEC), 0644);
			char buf[MAXLINE];
			int n = snprintf(buf, sizeof(buf), "%s\n", text);

			if (fd < 0 || pwrite(fd, buf, n, 0) != n)
				fail("line %d: writefile %s: %s", lineno, path, strerror(errno));
			if (!keep)
				close(fd); /* close only: no fsync, no sync */
			say("KT-PASS wrote %s%s", path, keep ? " (kept open)" : "");
		} else if (!strcmp(argv[0], "checkfile") && argc >= 2) {
			const char *text = rest_after(line, 2);
			char buf[MAXLINE];
			size_t n = strlen(text);
			int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
			ssize_t got = fd < 0 ? -1 : pread(fd, buf, n, 0);

			if (fd >= 0)
				close(fd);
			if (got < 0)
				fail("line %d: checkfile %s: %s", lineno, argv[1], strerror(errno));
			if ((size_t)got != n || memcmp(buf, text, n)) {
				buf[got] = 0;
				chomp(buf);
				fail("line %d: %s holds '%s', expected '%s'", lineno, argv[1], buf, text);
			}
			say("KT-PASS %s holds '%s'", argv[1], text);
		} else if (!strcmp(argv[0], "waitfor") && argc >= 3) {
			struct timespec ts = { 0, 50 * 1000 * 1000 };
			int tries = atoi(argv[2]) * 20;
			struct stat st;

			while (stat(argv[1], &st) < 0 && tries-- > 0)
				nanosleep(&ts, NULL);
			if (stat(argv[1], &st) < 0)
				fail("line %d: %s did not appear", lineno, argv[1]);
			say("KT-PASS %s exists", argv[1]);
		} else if (!strcmp(argv[0], "insmod") && argc >= 2) {
			const char *params = rest_after(line, 2);
			int fd = open(argv[1], O_RDONLY | O_CLOEXEC);

			if (fd < 0 || syscall(SYS_finit_module, fd, params, 0) < 0) {
				if (errno != EEXIST)
					fail("line %d: insmod %s: %s", lineno, argv[1], strerror(errno));
			}
			if (fd >= 0)
				close(fd);
			say("KT-INSMOD %s", argv[1]);
		} else if (!strcmp(argv[0], "mount") && argc >= 4) {
			mkdir(argv[2], 0755);
			if (mount(argv[1], argv[2], argv[3], 0, NULL) < 0)
				fail("line %d: mount %s on %s: %s", lineno, argv[1],
				     argv[2], strerror(errno));
			say("KT-PASS mounted %s on %s", argv[1], argv[2]);
		} else if (!strcmp(argv[0], "cat") && argc >= 2) {
			do_cat(argv[1]);
		} else if (!strcmp(argv[0], "dump") && argc >= 2) {
			dump_tree(argv[1], argv[1], 1);
			say("KT-DUMP-DONE %s", argv[1]);
		} else if (!strcmp(argv[0], "echo")) {
			say("KT-ECHO %s", rest_after(line, 1));
		} else if (!strcmp(argv[0], "sysrq") && argc >= 2) {
			int fd = open("/proc/sysrq-trigger", O_WRONLY | O_CLOEXEC);

			if (fd < 0 || write(fd, argv[1], 1) != 1)
				fail("line %d: sysrq: %s", lineno, strerror(errno));
			close(fd);
		} else if (!strcmp(argv[0], "oncpu") && argc >= 2) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(atoi(argv[1]), &set);
			if (sched_setaffinity(0, sizeof(set), &set))
				fail("line %d: oncpu: %s", lineno, strerror(errno));
			say("KT-PASS on CPU %d", sched_getcpu());
		} else if (!strcmp(argv[0], "plant") && argc >= 2) {
			do_plant(argv[1]);
		} else if (!strcmp(argv[0], "vmcorehas") && argc >= 2) {
			do_vmcorehas(argv[1]);
		} else if (!strcmp(argv[0], "quiet")) {
			/* Console loglevel 1: keep printk out of dumps. */
			if (klogctl(8, NULL, 1) < 0)
				say("KT-WARN klogctl: %s", strerror(errno));
		} else if (!strcmp(argv[0], "unsetenv") && argc >= 2) {
			unsetenv(argv[1]);
		} else if (!strcmp(argv[0], "poweroff")) {
			fclose(f);
			say("KT-DONE");
			power_off();
		} else {
			fail("line %d: bad command '%s'", lineno, line);
		}
	}
	fclose(f);
	say("KT-DONE");
}

/* The /sbin/shutdown personality: say so, then kexec the loaded kernel. */
static int fake_shutdown(int argc, char **argv)
{
	int fd = open("/dev/console", O_WRONLY | O_CLOEXEC), i;

	if (fd >= 0) {
		dprintf(fd, "KT-SHUTDOWN");
		for (i = 1; i < argc; i++)
			dprintf(fd, " %s", argv[i]);
		dprintf(fd, "\n");
	}
	sync();
	syscall(SYS_reboot, 0xfee1dead, 672274793, 0x45584543, NULL);
	if (fd >= 0)
		dprintf(fd, "KT-FAIL shutdown: kexec reboot: %s\n", strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	static char cmdline[MAXLINE];
	const char *base = strrchr(argv[0], '/');
	char script[64];
	int gen;

	if (!strcmp(base ? base + 1 : argv[0], "shutdown"))
		return fake_shutdown(argc, argv);

	mount_fs("devtmpfs", "/dev", "devtmpfs");
	setup_console();
	mount_fs("proc", "/proc", "proc");
	mount_fs("sysfs", "/sys", "sysfs");
	mkdir("/tmp", 01777);
	setenv("PATH", "/sbin:/bin:/usr/sbin:/usr/bin", 1);

	if (read_file("/proc/cmdline", cmdline, sizeof(cmdline)) < 0)
		fail("cannot read /proc/cmdline: %s", strerror(errno));
	chomp(cmdline);
	gen = generation(cmdline);
	report(gen, cmdline);
	snprintf(script, sizeof(script), "/kt/gen%d", gen);
	run_script(script);
	power_off();
	return 0;
}
