/* loop.c: ui_run: the terminal up, the view drawn at most ~30 times a
 * second when something changed, keys handed to the view, and everything
 * else waited for in the engine's one poll(); the health monitor fed
 * from it (alerts.c); the terminal restored on every way out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <poll.h>
#include <unistd.h>
#include "tailboard/snap.h"
#include "tailboard/ui.h"
#include "tailboard/view.h"
#include "ui_int.h"

#define FRAME_MS 33             /* at most ~30 frames a second */
#define FRAME_BUDGET_MS 30      /* a frame's time for smoothing charts again: keys keep answering
				 * while a switch of method redoes millions of points */
#define LOADING_FRAME_MS 100    /* while loading, unless a key was pressed:
				 * drawing growing charts 30 times a second
				 * would take half the time from loading */

struct ui {
	const struct options *opt;
	struct store *st;
	struct engine *e;
	struct diag *diag;
	struct health_mon *mon;
	struct ui_alerts alerts;
	struct view view;
	struct painter painter;
	struct canvas screen;
	bool dirty;             /* something to draw */
	bool keyed;             /* a key since the last frame: answer it in one */
	int pal_shown;          /* the palette curses' colour pairs hold */
	struct ui_mouse mouse;
};

/* Keys are waiting (or the terminal went away). */
static void on_keys(void *arg, int fd, short revents)
{
	struct ui *u = arg;
	int key;
	(void)fd;
	while ((key = input_key(&u->mouse)) != -1) {
		u->dirty = true;
		if (key <= 0 && key != -3)
			continue;       /* a resize, or a key that means nothing */
		if (key == -3 && u->mouse.kind == VM_PRESS)
			term_mouse_rearm();
		int effect = key == -3 ? view_mouse(&u->view, &u->painter, u->mouse.kind, u->mouse.x, u->mouse.y)
			: view_key(&u->view, key);
		if (effect & VIEW_QUIT)
			engine_quit(u->e);
		if (effect & VIEW_RELOAD)
			engine_reload(u->e);
		if ((effect & VIEW_SNAPSHOT) && snap_key(&u->view, &u->painter, &u->e->disc, tb_wall_now(),
							 u->view.message, sizeof u->view.message) != TB_OK)
			diag_report(u->diag, NULL, -1, "%s", u->view.message);
		if (u->view.chart.palette != u->pal_shown) {
			u->pal_shown = u->view.chart.palette;
			term_palette(u->pal_shown, u->view.depth);
		}
		u->keyed = true;
	}
	if ((revents & POLLHUP) && !(revents & POLLIN))
		engine_quit(u->e);      /* the terminal went away */
}

void ui_status(struct engine *e, struct view_status *out)
{
	struct view_status s = {
		.loaded_at = e->loaded_at,
		.live = engine_describe(e),
		.logdir = e->disc.n ? (e->disc.lds[0].name ? e->disc.lds[0].name : e->disc.lds[0].path) : "",
		.nlogdirs = e->disc.n,
		.scanned = e->disc.scanned,
		.now = tb_now(),
		.wall_now = tb_wall_now(),
	};
	for (size_t i = 0; s.scanned && i < e->disc.n && !s.missing; i++)
		if (!e->disc.lds[i].present)
			s.missing = e->disc.lds[i].path;
	engine_progress(e, &s.load);
	*out = s;
}

static int draw(struct ui *u)
{
	struct view_status s;
	ui_status(u->e, &s);
	view_sync(&u->view);
	int w, h;
	term_size(&w, &h);
	view_layout(&u->view, w, h);
	int x, y;
	if (view_render(&u->painter, &u->view, &s, &u->screen, &x, &y) != TB_OK)
		return TB_NOMEM;
	return term_show(&u->screen, x, y, chart_colours(u->view.chart.palette, u->view.depth).bold);
}

/* The screen is up: only now walk the logdirs and set the watches, so
 * 10,000 runs do not delay the first frame. */
static void start_watching(struct ui *u)
{
	if (engine_watching(u->e) || u->e->disc.scanned)
		return;
	if (engine_watch(u->e, u->opt->poll_secs) != TB_OK)
		diag_report(u->diag, NULL, -1, "cannot follow the logdirs; showing what is there");
}

static int loop(struct ui *u)
{
	struct engine *e = u->e;
	long frames = 0;
	double last_frame = -1, next_expiry = -1;
	uint64_t seen_diag = (uint64_t)-1;
	while (!engine_quitting(e)) {
		bool busy = engine_busy(e);
		if (u->opt->frames > 0 && frames >= u->opt->frames && !busy && !u->painter.pending)
			break;
		double now = tb_now();
		if (u->view.st->gen != u->view.model_gen || u->diag->gen != seen_diag || u->opt->frames > 0 ||
		    (next_expiry >= 0 && now >= next_expiry))
			u->dirty = true;        /* new data, a message, a live marker going out; CI: every turn */
		double gap = busy && !u->keyed ? LOADING_FRAME_MS : FRAME_MS;
		if (u->dirty && (last_frame < 0 || now - last_frame >= gap / 1000.0)) {
			if (draw(u) != TB_OK)
				return 1;
			frames++;
			last_frame = now;
			start_watching(u);
			/* charts left behind over the frame's budget: the next frame goes on */
			u->dirty = u->painter.pending > 0;
			u->keyed = false;
			next_expiry = view_next_expiry(&u->view, now);
			seen_diag = u->diag->gen;
			continue;
		}
		double deadline = next_expiry, due = ui_alerts_deadline(&u->alerts);
		if (u->dirty && (deadline < 0 || last_frame + FRAME_MS / 1000.0 < deadline))
			deadline = last_frame + FRAME_MS / 1000.0;
		if (isfinite(due) && (deadline < 0 || due < deadline))
			deadline = due;         /* a stall due, a held notification */
		if (engine_turn(e, deadline) != TB_OK)
			return 1;
		if (ui_alerts_turn(&u->alerts, tb_now()))
			u->dirty = true;
		if (engine_take_resize(e)) {
			term_resize();
			u->dirty = true;
			last_frame = -1;    /* a resize is drawn within one frame */
		}
	}
	return 0;
}

static int run(struct ui *u)
{
	enum chart_depth depth;
	bool utf8 = term_utf8();
	if (!term_start(!u->opt->no_color, &depth)) {
		diag_report(u->diag, NULL, -1, "cannot start the screen (TERM=%s)",
			    getenv("TERM") ? getenv("TERM") : "unset");
		return 1;
	}
	/* --frames N draws for tests and CI: no one there to click, and the
	 * terminal's mouse mode is left as it was */
	u->mouse.on = !u->opt->no_mouse && u->opt->frames <= 0;
	if (u->opt->frames <= 0)
		term_mouse(u->mouse.on);
	view_init(&u->view, u->st, u->diag, u->opt, utf8, u->opt->unicode || (utf8 && !u->opt->ascii), 0);
	view_palette(&u->view, u->opt->palette, depth);
	u->pal_shown = u->view.chart.palette;
	term_palette(u->pal_shown, depth);
	u->view.health = u->mon;
	ui_alerts_start(&u->alerts, u->mon, u->e, u->opt->notify, !utf8);
	u->diag->to_stderr = false;
	term_crash_handlers(true);
	int status = 1;
	if (engine_signals(u->e, true) == TB_OK && engine_add_fd(u->e, STDIN_FILENO, on_keys, u) == TB_OK)
		status = loop(u);
	ui_alerts_stop(&u->alerts);
	if (u->mouse.on)
		term_mouse_stop();
	term_stop();
	/* killed, not quit: exit as shells report a signal, 128 + its number */
	if (status == 0 && engine_quit_signal(u->e))
		status = 128 + engine_quit_signal(u->e);
	if (engine_signals(u->e, false) != TB_OK)
		status = status ? status : 1;
	term_crash_handlers(false);
	u->diag->to_stderr = true;
	view_free(&u->view);
	return status;
}

int ui_run(const struct options *o, struct store *st, struct engine *e, struct diag *d, struct health_mon *mon)
{
	/* without a terminal there is no screen to draw, and a keyboard at
	 * its end of file would read as keys for ever */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		diag_report(d, NULL, -1, "the screen needs a terminal on stdin and stdout; "
			    "for scripts, use 'tailboard export' or 'tailboard summary'");
		return 2;
	}
	struct ui u = { .opt = o, .st = st, .e = e, .diag = d, .mon = mon, .dirty = true };
	painter_init(&u.painter);
	u.painter.budget = FRAME_BUDGET_MS / 1000.0;
	if (canvas_init(&u.screen, 1, 1) != TB_OK)
		return 1;
	int status = run(&u);
	painter_free(&u.painter);
	canvas_free(&u.screen);
	return status;
}
