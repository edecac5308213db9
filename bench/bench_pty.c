/* bench_pty: figures 4 and 5 of make bench-scale, from the real tailboard
 * binary on a pseudo-terminal (200x50, TERM=xterm-256color, UTF-8).
 *
 *   bench_pty live TAILBOARD LOGDIR
 *       bytes written to the terminal for one live update (one new point
 *       appended to each run's event file), against a full redraw of the
 *       same screen (a SIGWINCH makes curses repaint everything)
 *   bench_pty first TAILBOARD BIGDIR EMPTYDIR [WHAT]
 *       time from the start of the process until its first frame (the
 *       status line) arrives, on a big logdir and on an empty one
 *   bench_pty latency TAILBOARD LOGDIR N [--poll=S]
 *       N times: append one point to a run's event file and time until the
 *       frame that shows it reaches the terminal (p50, p99); then the CPU
 *       time tailboard uses in 10 s with nothing to do
 *   bench_pty alert TAILBOARD LOGDIR N
 *       the same with a NaN of a new tag each time: the health monitor runs
 *       on what was read before the frame is drawn, so that frame carries
 *       its alert (the count on the status line, the run's mark), which
 *       the bench checks it said once */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tailboard/tfwriter.h"
#include "bench_util.h"

#define COLS_ 200
#define ROWS_ 50
#define FIRST_MARK "smoothing"      /* on the status line of every frame */

struct child {
	pid_t pid;
	int fd;
	char *buf;              /* everything read, for searching */
	size_t len, cap;
};

static int child_start_args(struct child *c, const char *bin, const char *logdir, const char *extra)
{
	struct winsize ws = { .ws_row = ROWS_, .ws_col = COLS_ };
	memset(c, 0, sizeof *c);
	c->pid = forkpty(&c->fd, NULL, NULL, &ws);
	if (c->pid < 0)
		return TB_ERR;
	if (c->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("NO_COLOR");
		if (extra)
			execl(bin, bin, "--logdir", logdir, extra, (char *)NULL);
		else
			execl(bin, bin, "--logdir", logdir, (char *)NULL);
		_exit(127);
	}
	return TB_OK;
}

static int child_start(struct child *c, const char *bin, const char *logdir)
{
	return child_start_args(c, bin, logdir, NULL);
}

/* Read what is there within ms; returns bytes read, -1 at EOF. */
static ssize_t child_read(struct child *c, int ms)
{
	struct pollfd p = { c->fd, POLLIN, 0 };
	if (poll(&p, 1, ms) <= 0)
		return 0;
	if (c->len + 65536 > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1 << 20;
		char *b = realloc(c->buf, cap);
		if (!b)
			return -1;
		c->buf = b;
		c->cap = cap;
	}
	ssize_t n = read(c->fd, c->buf + c->len, 65536);
	if (n <= 0)
		return n < 0 && errno == EINTR ? 0 : -1;
	c->len += (size_t)n;
	return n;
}

/* Read until nothing came for quiet_ms (or max_ms passed); returns bytes. */
static size_t read_until_quiet(struct child *c, int quiet_ms, int max_ms)
{
	size_t got = 0;
	double end = bench_now() + max_ms / 1e3, last = bench_now();
	while (bench_now() < end && bench_now() - last < quiet_ms / 1e3) {
		ssize_t n = child_read(c, 20);
		if (n < 0)
			break;
		if (n > 0) {
			got += (size_t)n;
			last = bench_now();
		}
	}
	return got;
}

static void child_stop(struct child *c)
{
	kill(c->pid, SIGTERM);
	double end = bench_now() + 3;
	while (bench_now() < end && child_read(c, 50) >= 0)
		;
	if (waitpid(c->pid, NULL, WNOHANG) == 0) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
	}
	close(c->fd);
	free(c->buf);
}

/* Every run directory's event file under logdir (tbgen's layout). */
static size_t event_files(const char *logdir, char paths[][4096], size_t max)
{
	size_t n = 0;
	DIR *d = opendir(logdir);
	struct dirent *de;
	while (d && n < max && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/%s", logdir, de->d_name);
		DIR *r = opendir(sub);
		struct dirent *fe;
		while (r && n < max && (fe = readdir(r)))
			if (strstr(fe->d_name, "tfevents"))
				snprintf(paths[n++], 4096, "%.2000s/%.2000s", sub, fe->d_name);
		if (r)
			closedir(r);
	}
	if (d)
		closedir(d);
	return n;
}

static int bench_live(const char *bin, const char *logdir)
{
	static char paths[64][4096];
	size_t nfiles = event_files(logdir, paths, 64);
	struct child c;
	if (!nfiles || child_start(&c, bin, logdir))
		return 1;
	size_t startup = read_until_quiet(&c, 1500, 20000);
	/* one new point in every run, as fast as trainers' writers do it */
	for (size_t i = 0; i < nfiles; i++) {
		struct tfwriter w;
		if (tfwriter_open(&w, paths[i], false) == TB_OK) {
			if (tfwriter_scalar(&w, "train/loss", 1000000, 1.8e9, 0.125, TFW_SIMPLE) != TB_OK)
				fprintf(stderr, "bench_pty: cannot append\n");
			tfwriter_close(&w);
		}
	}
	size_t update = read_until_quiet(&c, 700, 10000);
	/* a full repaint of the same screen for the baseline */
	struct winsize ws = { .ws_row = ROWS_, .ws_col = COLS_ };
	ioctl(c.fd, TIOCSWINSZ, &ws);
	kill(c.pid, SIGWINCH);
	size_t full = read_until_quiet(&c, 700, 10000);
	child_stop(&c);
	bench_report("live-bytes", "%zu bytes for one live update (1 point in each of %zu runs, 200x50); "
			"full redraw %zu bytes (startup %zu); %.3fx full [target <= 2048 bytes]",
			update, nfiles, full, startup, full ? (double)update / (double)full : 0);
	return 0;
}

/* Seconds from fork until the first frame's status line arrives. */
static double first_frame(const char *bin, const char *logdir)
{
	struct child c;
	double t0 = bench_now(), t = -1;
	if (child_start(&c, bin, logdir))
		return -1;
	while (bench_now() - t0 < 30) {
		size_t before = c.len;
		if (child_read(&c, 50) < 0)
			break;
		size_t from = before > 16 ? before - 16 : 0;
		if (c.len > from && memmem(c.buf + from, c.len - from, FIRST_MARK, strlen(FIRST_MARK))) {
			t = bench_now() - t0;
			break;
		}
	}
	child_stop(&c);
	return t;
}

static int bench_first(const char *bin, const char *big, const char *empty, const char *what)
{
	double b[3], e[3];
	for (int i = 0; i < 3; i++) {
		e[i] = first_frame(bin, empty);
		b[i] = first_frame(bin, big);
		if (b[i] < 0 || e[i] < 0) {
			fputs("bench_pty: no first frame\n", stderr);
			return 1;
		}
	}
	double mb = bench_median(b, 3), me = bench_median(e, 3);
	bench_report("first-frame", "%.1f ms to the first frame (%s; median of 3); "
			"empty logdir %.1f ms; %.2fx empty [target <= 100 ms]", mb * 1e3, what, me * 1e3, mb / me);
	return 0;
}

/* utime + stime of a process, in seconds */
static double cpu_secs(pid_t pid)
{
	char path[64], line[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	char *ok = fgets(line, sizeof line, fp);
	fclose(fp);
	char *p = ok ? strrchr(line, ')') : NULL;
	unsigned long ut = 0, st = 0;
	/* after ") ": state ppid pgrp session tty tpgid flags minflt cminflt
	 * majflt cmajflt utime stime */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int bench_latency(const char *bin, const char *logdir, int n, const char *poll_arg, bool nan)
{
	static char paths[4][4096];
	size_t nfiles = event_files(logdir, paths, 4);
	struct child c;
	double *lat = calloc((size_t)n, sizeof *lat);
	if (!nfiles || !lat || child_start_args(&c, bin, logdir, poll_arg))
		return 1;
	read_until_quiet(&c, 1000, 20000);
	int got = 0;
	for (int i = 0; i < n; i++) {
		struct tfwriter w;
		if (tfwriter_open(&w, paths[0], false) != TB_OK)
			break;
		char tag[32];
		snprintf(tag, sizeof tag, nan ? "health/nan%d" : "train/loss", i);
		size_t before = c.len;
		double t0 = bench_now();
		if (tfwriter_scalar(&w, tag, 2000000 + i, 1.8e9 + i, nan ? NAN : 0.5 + 0.001 * i, TFW_SIMPLE) != TB_OK)
			_exit(1);
		tfwriter_close(&w);
		/* the first bytes after the write are the frame that shows it:
		 * nothing else changes on an idle screen */
		double t = -1;
		while (bench_now() - t0 < 10) {
			if (child_read(&c, 5) > 0) {
				t = bench_now() - t0;
				break;
			}
		}
		if (t < 0)
			break;
		lat[got++] = t;
		read_until_quiet(&c, 40, 2000);
		/* the first NaN's frame writes the status line's count whole */
		if (nan && i == 0 && !memmem(c.buf + before, c.len - before, "new alert", 9)) {
			fputs("bench_pty: the NaN's frame says no alert\n", stderr);
			got = 0;
			break;
		}
	}
	read_until_quiet(&c, 500, 5000);
	double cpu0 = cpu_secs(c.pid), w0 = bench_now();
	read_until_quiet(&c, 10000, 10000);
	double idle = (cpu_secs(c.pid) - cpu0) / (bench_now() - w0);
	child_stop(&c);
	if (got < n) {
		fprintf(stderr, "bench_pty: only %d of %d appends reached the screen\n", got, n);
		free(lat);
		return 1;
	}
	qsort(lat, (size_t)got, sizeof *lat, cmp_double);
	const char *mode = poll_arg ? poll_arg + 2 : "inotify";
	bench_report(nan ? "screen-alert" : "screen-latency", "%s: %s -> frame on the terminal p50 %.1f ms, p99 %.1f ms, max %.1f ms "
			"(%d appends, 200x50); idle CPU %.3f%% of a core over 10 s [target p99 <= 50 ms (inotify), idle <= 1%%]",
			mode, nan ? "a NaN appended, its alert" : "write", lat[got / 2] * 1e3, lat[(got * 99) / 100 < got ? (got * 99) / 100 : got - 1] * 1e3,
			lat[got - 1] * 1e3, got, idle * 100);
	free(lat);
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc == 4 && strcmp(argv[1], "live") == 0)
		return bench_live(argv[2], argv[3]);
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "first") == 0)
		return bench_first(argv[2], argv[3], argv[4], argc == 6 ? argv[5] : "big logdir");
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "latency") == 0)
		return bench_latency(argv[2], argv[3], atoi(argv[4]), argc == 6 ? argv[5] : NULL, false);
	if (argc == 5 && strcmp(argv[1], "alert") == 0)
		return bench_latency(argv[2], argv[3], atoi(argv[4]), NULL, true);
	fputs("usage: bench_pty live TAILBOARD LOGDIR | first TAILBOARD BIGDIR EMPTYDIR [WHAT]"
	      " | latency TAILBOARD LOGDIR N [--poll=S] | alert TAILBOARD LOGDIR N\n", stderr);
	return 2;
}
