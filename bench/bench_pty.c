/* bench_pty: figures 4 and 5 of make bench-scale, from the real tailboard
 * binary on a pseudo-terminal (200x50, TERM=xterm-256color, UTF-8).
 *
 *   bench_pty live TAILBOARD LOGDIR
 *       bytes written to the terminal for one live update (one new point
 *       appended to each run's event file), against a full redraw of the
 *       same screen (a SIGWINCH makes curses repaint everything)
 *   bench_pty first TAILBOARD BIGDIR EMPTYDIR [WHAT]
 *       time from the start of the process until its first frame (the
 *       status line) arrives, on a big logdir and on an empty one */
#include <dirent.h>
#include <errno.h>
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

static int child_start(struct child *c, const char *bin, const char *logdir)
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
		execl(bin, bin, "--logdir", logdir, (char *)NULL);
		_exit(127);
	}
	return TB_OK;
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
			tfwriter_scalar(&w, "train/loss", 1000000, 1.8e9, 0.125, TFW_SIMPLE);
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

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc == 4 && strcmp(argv[1], "live") == 0)
		return bench_live(argv[2], argv[3]);
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "first") == 0)
		return bench_first(argv[2], argv[3], argv[4], argc == 6 ? argv[5] : "big logdir");
	fputs("usage: bench_pty live TAILBOARD LOGDIR | first TAILBOARD BIGDIR EMPTYDIR [WHAT]\n", stderr);
	return 2;
}
