/* engine.c: the one wait and what happens around it. Signal handlers only
 * set flags and write a byte to a self-pipe (vis's way); everything else
 * happens here, in order, on one thread. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "s3.h"
#include "tailboard/engine.h"

#define SLICE_MS 8              /* loading between two looks at the keyboard */
#define SLICE_BYTES ((size_t)4 << 20)
#define REMOTE_JOBS 16          /* headless threads for objects: they wait on the network, not a CPU */
#define PIECE_BYTES ((size_t)256 << 10)        /* a read piece with an after_read hook */

/* Signal handlers can reach the engine only through this pointer, set
 * while they are installed. */
static struct engine *sig_engine;

void engine_init(struct engine *e, struct sink *sink, struct diag *diag)
{
	memset(e, 0, sizeof(*e));
	loader_init(&e->loader, sink, diag);
	discover_init(&e->disc, &e->loader, diag);
	e->diag = diag;
	e->sigpipe[0] = e->sigpipe[1] = -1;
}

static void set_handlers(struct engine *e, bool on);

void engine_free(struct engine *e)
{
	if (sig_engine == e)
		set_handlers(e, false);
	watch_stop(e->watch);
	s3_multi_free(e->loader.s3m);   /* first: its requests point into the loader */
	e->loader.s3m = NULL;
	discover_free(&e->disc);
	loader_free(&e->loader);
	for (int i = 0; i < 2; i++)
		if (e->sigpipe[i] >= 0)
			close(e->sigpipe[i]);
	memset(e, 0, sizeof(*e));
}

void engine_add_logdir(struct engine *e, const char *name, const char *path)
{
	discover_add_logdir(&e->disc, name, path);
}

int engine_scan(struct engine *e)
{
	return discover_scan(&e->disc);
}

void engine_load_all(struct engine *e, int jobs)
{
	if (!jobs)
		jobs = e->loader.s3 ? TB_MAX(loader_default_jobs(), REMOTE_JOBS) : loader_default_jobs();
	loader_load_all(&e->loader, jobs);
}

int engine_watch(struct engine *e, double poll_secs)
{
	/* live, S3 requests go on the one poll(): the screen never waits */
	for (size_t i = 0; i < e->disc.n && !e->loader.s3m; i++)
		if (s3_is_url(e->disc.lds[i].path))
			e->loader.s3m = s3_multi_new(e->diag);
	return watch_start(&e->watch, &e->disc, &e->loader, e->diag, poll_secs);
}

bool engine_watching(const struct engine *e)
{
	return e->watch != NULL;
}

int engine_add_fd(struct engine *e, int fd, engine_fd_fn *fn, void *arg)
{
	if (e->nfds == ENGINE_MAX_FDS)
		return TB_ERR;
	e->fds[e->nfds++] = (struct engine_fd){ fd, fn, arg };
	return TB_OK;
}

static void wake(void)
{
	int saved = errno;
	if (sig_engine && sig_engine->sigpipe[1] >= 0) {
		char c = 1;
		ssize_t r = write(sig_engine->sigpipe[1], &c, 1);
		(void)r;
	}
	errno = saved;
}

static void on_quit(int sig)
{
	if (sig_engine)
		sig_engine->quit_signal = sig;
	wake();
}

static void on_winch(int sig)
{
	(void)sig;
	if (sig_engine)
		sig_engine->resized = 1;
	wake();
}

static int open_pipe(struct engine *e)
{
	if (e->sigpipe[0] >= 0)
		return TB_OK;
	if (pipe(e->sigpipe) != 0)
		return TB_ERR;
	for (int i = 0; i < 2; i++) {
		fcntl(e->sigpipe[i], F_SETFL, fcntl(e->sigpipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(e->sigpipe[i], F_SETFD, FD_CLOEXEC);
	}
	return TB_OK;
}

static void set_handlers(struct engine *e, bool on)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sig_engine = on ? e : NULL;
	sa.sa_handler = on ? on_quit : SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on ? on_winch : SIG_DFL;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
}

int engine_signals(struct engine *e, bool on)
{
	if (on && open_pipe(e) != TB_OK)
		return TB_ERR;
	set_handlers(e, on);
	return TB_OK;
}

static void drain(int fd)
{
	char buf[64];
	while (read(fd, buf, sizeof buf) > 0)
		;
}

/* The smaller of two poll() timeouts, -1 meaning none. */
static int min_timeout(int a, int b)
{
	return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

static int ms_until(double deadline)
{
	double d = (deadline - tb_now()) * 1000;
	return d <= 0 ? 0 : d > 1e6 ? 1000000 : (int)d + 1;
}

/* What a loaded screen is: the first scan done and everything it found read. */
static void note_loaded(struct engine *e)
{
	/* an S3 listing or read in flight: what it brings is still the load */
	if (e->loaded_at <= 0 && e->disc.scanned && !loader_busy(&e->loader) && !e->loader.net_wait &&
	    !s3_multi_pending(e->loader.s3m))
		e->loaded_at = tb_now();
}

void engine_after_read(struct engine *e, engine_read_fn *fn, void *arg)
{
	e->after_read = fn;
	e->after_read_arg = arg;
}

/* Read up to budget bytes (smaller pieces with a hook, which runs after
 * each); false when nothing is left to read. */
static bool read_some(struct engine *e, size_t budget)
{
	if (!e->after_read)
		return loader_work(&e->loader, budget) == TB_OK;
	for (size_t done = 0; done < budget; done += PIECE_BYTES) {
		if (loader_work(&e->loader, PIECE_BYTES) != TB_OK) {
			e->after_read(e->after_read_arg);
			return false;
		}
		e->after_read(e->after_read_arg);
	}
	return true;
}

static void load_slice(struct engine *e)
{
	double until = tb_now() + SLICE_MS / 1000.0;
	while (tb_now() < until && read_some(e, SLICE_BYTES))
		;
}

int engine_turn(struct engine *e, double deadline)
{
	struct pollfd fds[ENGINE_MAX_FDS + 2 + S3_MAX_SOCKS];
	nfds_t n = 0;
	for (size_t i = 0; i < e->nfds; i++)
		fds[n++] = (struct pollfd){ e->fds[i].fd, POLLIN, 0 };
	int sig = -1, wfd = watch_fd(e->watch), widx = -1;
	if (e->sigpipe[0] >= 0) {
		sig = (int)n;
		fds[n++] = (struct pollfd){ e->sigpipe[0], POLLIN, 0 };
	}
	if (wfd >= 0) {
		widx = (int)n;
		fds[n++] = (struct pollfd){ wfd, POLLIN, 0 };
	}
	struct s3_multi *s3m = e->loader.s3m;
	nfds_t s3at = n;
	n += s3_multi_fds(s3m, fds + n, S3_MAX_SOCKS);
	int wt = watch_timeout_ms(e->watch);
	int timeout = min_timeout(min_timeout(deadline >= 0 ? ms_until(deadline) : -1, wt), s3_multi_timeout_ms(s3m));
	if (loader_busy(&e->loader) || e->quit_signal || e->resized)
		timeout = 0;
	int pr = poll(fds, n, timeout);
	if (pr < 0 && errno != EINTR)
		return TB_ERR;
	if (pr > 0 && sig >= 0 && (fds[sig].revents & POLLIN))
		drain(e->sigpipe[0]);
	for (size_t i = 0; pr > 0 && i < e->nfds; i++)
		if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
			e->fds[i].fn(e->fds[i].arg, e->fds[i].fd, fds[i].revents);
	bool due = (widx >= 0 && pr > 0 && (fds[widx].revents & POLLIN)) ||
		(wt >= 0 && watch_timeout_ms(e->watch) == 0);
	if (due && watch_process(e->watch) != TB_OK) {
		/* inotify itself failed (reported): polling keeps following */
	}
	s3_multi_run(s3m, fds + s3at, n - s3at);     /* answers mark files dirty */
	if (loader_busy(&e->loader))
		load_slice(e);
	note_loaded(e);
	return TB_OK;
}

void engine_settle(struct engine *e)
{
	if (e->watch && watch_process(e->watch) != TB_OK) {
		/* reported; what the loader has is still answered */
	}
	do {
		s3_multi_wait(e->loader.s3m);   /* listings and reads in flight, answered */
		while (read_some(e, (size_t)64 << 20))
			;
	} while (s3_multi_pending(e->loader.s3m));
	note_loaded(e);
}

bool engine_busy(const struct engine *e)
{
	return loader_busy(&e->loader);
}

void engine_reload(struct engine *e)
{
	loader_restat_all(&e->loader);
}

void engine_quit(struct engine *e)
{
	if (!e->quit_signal)
		e->quit_signal = -1;
}

bool engine_quitting(const struct engine *e)
{
	return e->quit_signal != 0;
}

int engine_quit_signal(const struct engine *e)
{
	return e->quit_signal > 0 ? e->quit_signal : 0;
}

bool engine_take_resize(struct engine *e)
{
	bool r = e->resized;
	e->resized = 0;
	return r;
}

const char *engine_describe(const struct engine *e)
{
	return watch_describe(e->watch);
}

void engine_progress(const struct engine *e, struct loader_progress *p)
{
	loader_progress(&e->loader, p);
}
