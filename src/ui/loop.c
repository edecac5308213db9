/* loop.c: ui_run: curses up, one poll() on the keyboard, the watch
 * descriptor and a self-pipe for signals; budgeted loading between keys;
 * coalesced redraws; the terminal restored on every way out. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "tailboard/discover.h"
#include "tailboard/ui.h"
#include "tailboard/watch.h"
#include "ui_int.h"

#define FRAME_MS 33             /* at most ~30 frames a second */
#define LOADING_FRAME_MS 100    /* while loading, unless a key was pressed:
				 * drawing growing charts 30 times a second
				 * would take half the time from loading */
#define SLICE_MS 8              /* loading between two looks at the keyboard */

/* Signal handlers can only reach the app through this one pointer. */
static struct app *sig_app;

static void sig_wake(void)
{
	int saved = errno;
	if (sig_app && sig_app->ui) {
		char c = 1;
		ssize_t r = write(sig_app->ui->sigpipe[1], &c, 1);
		(void)r;
	}
	errno = saved;
}

static void on_quit(int sig)
{
	if (sig_app) {
		sig_app->quit = 1;
		sig_app->quit_signal = sig;
	}
	sig_wake();
}

static void on_winch(int sig)
{
	(void)sig;
	if (sig_app)
		sig_app->winch = 1;
	sig_wake();
}

/* A crash still gives the terminal back, then dies the same way. */
static void on_crash(int sig)
{
	endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void signals_set(bool on)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on ? on_quit : SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on ? on_winch : SIG_DFL;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on ? on_crash : SIG_DFL;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
}

static bool locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

static int ui_init(struct ui *u, struct app *app)
{
	memset(u, 0, sizeof *u);
	u->app = app;
	u->utf8 = locale_utf8();
	u->braille = app->opt.unicode || (u->utf8 && !app->opt.ascii);
	u->show_runs = true;
	u->smoothing = app->opt.smoothing;
	u->view.zoom_lo = 0;
	u->view.zoom_hi = 1;
	u->view.cursor = -1;
	u->view.best_marks = true;
	u->model_dirty = true;
	u->dirty = true;
	caches_init(&u->caches);
	if (app->opt.run_re)
		model_set_filter(u, '/', app->opt.run_re);
	if (app->opt.tag_re)
		model_set_filter(u, 't', app->opt.tag_re);
	if (pipe(u->sigpipe))
		return TB_ERR;
	for (int i = 0; i < 2; i++) {
		fcntl(u->sigpipe[i], F_SETFL, fcntl(u->sigpipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(u->sigpipe[i], F_SETFD, FD_CLOEXEC);
	}
	return TB_OK;
}

static void ui_free(struct ui *u)
{
	model_free(u);
	caches_free(&u->caches);
	for (size_t i = 0; i < u->nmemo; i++)
		canvas_free(&u->memo[i].cv);
	free(u->memo);
	if (u->sigpipe[0] > 0) close(u->sigpipe[0]);
	if (u->sigpipe[1] > 0) close(u->sigpipe[1]);
}

static bool curses_start(struct ui *u)
{
	if (!initscr())
		return false;
	cbreak();           /* not raw: Ctrl-C stays SIGINT */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	const char *nc = getenv("NO_COLOR");
	u->color = has_colors() && !(nc && *nc) && !u->app->opt.no_color;
	draw_colors(u);
	return true;
}

static void handle_resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

static void drain(int fd)
{
	char buf[64];
	while (read(fd, buf, sizeof buf) > 0)
		;
}

/* When the next live marker goes out (a run's last write turns LIVE_SECS
 * old), or -1 when no run is live: the one timer the screen needs, so an
 * idle screen sleeps in poll() until something happens. */
static double live_expiry(const struct ui *u, double now)
{
	double next = -1;
	for (size_t i = 0; i < u->nruns; i++) {
		double e = u->runs[i].run->last_append + LIVE_SECS;
		if (u->runs[i].run->last_append > 0 && e > now && (next < 0 || e < next))
			next = e;
	}
	return next;
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

static int loop(struct ui *u)
{
	struct app *app = u->app;
	long frames = 0;
	double last_frame = -1, next_expiry = -1;
	uint64_t seen_diag = (uint64_t)-1;
	double last_smoothing = -1;
	bool keyed = false;     /* a key since the last frame: answer it in one */
	while (!app->quit) {
		bool busy = loader_busy(&app->loader);
		if (!busy && app->loader.scanned && u->loaded_at <= 0)
			u->loaded_at = tb_now();
		if (app->opt.frames > 0 && frames >= app->opt.frames && !busy)
			break;
		/* what changed since the last frame */
		if (app->store.gen != u->model_gen)
			u->model_dirty = true;
		if (app->diag.gen != seen_diag || u->smoothing != last_smoothing)
			u->dirty = true;
		if (u->model_dirty)
			u->dirty = true;
		if (app->opt.frames > 0)
			u->dirty = true;    /* CI: keep drawing until the count */
		double now = tb_now();
		if (next_expiry >= 0 && now >= next_expiry)
			u->dirty = true;    /* a live marker goes out */
		double gap = busy && !keyed ? LOADING_FRAME_MS : FRAME_MS;
		if (u->dirty && (last_frame < 0 || now - last_frame >= gap / 1000.0)) {
			if (u->model_dirty)
				model_rebuild(u);
			draw_frame(u);
			frames++;
			last_frame = now;
			/* the screen is up: only now walk the logdirs and set the
			 * watches, so 10,000 runs do not delay the first frame */
			if (!app->watch && !app->loader.scanned && watch_start(app) != TB_OK)
				discover_scan(&app->loader, &app->ctx);
			u->dirty = false;
			keyed = false;
			next_expiry = live_expiry(u, now);
			seen_diag = app->diag.gen;
			last_smoothing = u->smoothing;
			continue;
		}
		/* the one wait */
		int timeout = next_expiry >= 0 ? ms_until(next_expiry) : -1;
		int wt = watch_timeout_ms(app);
		timeout = min_timeout(timeout, wt);
		if (u->dirty)
			timeout = min_timeout(timeout, ms_until(last_frame + FRAME_MS / 1000.0));
		if (busy)
			timeout = 0;
		struct pollfd fds[3] = {
			{ STDIN_FILENO, POLLIN, 0 }, { u->sigpipe[0], POLLIN, 0 }, { -1, POLLIN, 0 },
		};
		int wfd = watch_fd(app);
		nfds_t nfds = 2;
		if (wfd >= 0) {
			fds[2].fd = wfd;
			nfds = 3;
		}
		int pr = poll(fds, nfds, timeout);
		if (pr < 0 && errno != EINTR)
			return 1;
		if (pr > 0 && (fds[1].revents & POLLIN))
			drain(u->sigpipe[0]);
		if (app->winch) {
			app->winch = 0;
			handle_resize();
			u->dirty = true;
			last_frame = -1;    /* a resize is drawn within one frame */
		}
		if (pr > 0 && (fds[0].revents & (POLLIN | POLLHUP))) {
			int key;
			while ((key = getch()) != ERR) {
				if (key == KEY_RESIZE) {
					u->dirty = true;
					continue;
				}
				keys_dispatch(u, key);
				keyed = true;
			}
			if (fds[0].revents & POLLHUP && !(fds[0].revents & POLLIN))
				app->quit = 1;  /* the terminal went away */
		}
		if ((wfd >= 0 && pr > 0 && (fds[2].revents & POLLIN)) || (wt >= 0 && watch_timeout_ms(app) == 0))
			watch_process(app);
		if (loader_busy(&app->loader)) {
			double until = tb_now() + SLICE_MS / 1000.0;
			while (tb_now() < until && loader_work(&app->loader, &app->ctx, (size_t)4 << 20) == TB_OK)
				;
		}
	}
	return 0;
}

int ui_run(struct app *app)
{
	struct ui *u = calloc(1, sizeof *u);
	if (!u)
		return 1;
	if (ui_init(u, app)) {
		ui_free(u);
		free(u);
		return 1;
	}
	app->ui = u;
	sig_app = app;
	if (!curses_start(u)) {
		diag_report(&app->diag, NULL, -1, "cannot start the screen (TERM=%s)",
				getenv("TERM") ? getenv("TERM") : "unset");
		app->ui = NULL;
		sig_app = NULL;
		ui_free(u);
		free(u);
		return 1;
	}
	app->diag.to_stderr = false;
	signals_set(true);
	int status = loop(u);
	endwin();
	/* killed, not quit: exit as shells report a signal, 128 + its number */
	if (status == 0 && app->quit_signal)
		status = 128 + app->quit_signal;
	signals_set(false);
	app->diag.to_stderr = true;
	app->ui = NULL;
	sig_app = NULL;
	ui_free(u);
	free(u);
	return status;
}
