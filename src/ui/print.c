/* print.c: --print, one frame of the screen as text, for CI logs, chat
 * and programs that read screens. Loaded as the screen loads (watches
 * set, the health monitor fed, turn by turn) and drawn by the same view,
 * with the screen's tiers: ASCII unless the locale is UTF-8, colours as
 * curses would find them in TERM's terminfo, so the text is what the
 * screen shows there. Curses itself never starts: only terminfo is read. */
#include <curses.h>
#include <term.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "tailboard/snap.h"
#include "tailboard/ui.h"
#include "tailboard/view.h"
#include "ui_int.h"

/* The colour depth the screen would have: term_start's, from terminfo
 * alone (none when TERM has no colours, or colour is off). ansi writes
 * its own SGR sequences, so it takes true colour where the terminal
 * says it has it (terminfo's RGB or tmux's Tc, COLORTERM=truecolor or
 * 24bit), and 256 colours when TERM says nothing (dumb, vt100, unset):
 * it was asked for colours. */
static enum chart_depth print_depth(bool want, bool ansi)
{
	int err = 0;
	if (!want)
		return DEPTH_NONE;
	enum chart_depth d = ansi ? DEPTH_256 : DEPTH_NONE;
	bool direct = false;
	if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		int colors = tigetnum("colors");
		direct = colors >= 0x1000000 || (colors >= 256 && (tigetflag("RGB") > 0 || tigetflag("Tc") > 0));
		if (colors >= 8)
			d = colors >= 256 ? DEPTH_256 : DEPTH_8;
		del_curterm(cur_term);
	}
	const char *ct = getenv("COLORTERM");
	if (d == DEPTH_256 && (direct || (ansi && ct && (strcmp(ct, "truecolor") == 0 || strcmp(ct, "24bit") == 0))))
		d = DEPTH_RGB;
	return d;
}

static void print_size(const struct options *o, int *w, int *h)
{
	struct winsize ws;
	*w = 80;
	*h = 24;
	if (o->print_w > 0) {
		*w = o->print_w;
		*h = o->print_h;
	} else if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row) {
		*w = ws.ws_col;
		*h = ws.ws_row;
	}
}

/* The first load, turn by turn as the screen's loop has it. */
static int load(const struct options *o, struct engine *e, struct ui_alerts *al)
{
	if (engine_watch(e, o->poll_secs) != TB_OK)
		return TB_ERR;
	do {
		if (engine_turn(e, tb_now()) != TB_OK)
			return TB_ERR;
		ui_alerts_turn(al, tb_now());
	} while (engine_busy(e) && !engine_quitting(e));
	return TB_OK;
}

int ui_print(const struct options *o, struct store *st, struct engine *e, struct diag *d, struct health_mon *mon,
	     bool ansi)
{
	bool utf8 = term_utf8();
	int w, h;
	enum chart_depth depth = print_depth(!o->no_color, ansi);
	print_size(o, &w, &h);
	struct ui_alerts al;
	struct view v;
	struct painter p;
	struct canvas cv;
	struct view_status s;
	ui_alerts_start(&al, mon, e, 0, !utf8);
	int rc = load(o, e, &al);
	view_init(&v, st, d, o, utf8, o->unicode || (utf8 && !o->ascii), 0);
	view_palette(&v, o->palette, depth);
	v.health = mon;
	painter_init(&p);
	if (canvas_init(&cv, 1, 1) != TB_OK)
		rc = TB_NOMEM;
	if (rc == TB_OK) {
		ui_status(e, &s);
		view_sync(&v);
		view_layout(&v, w, h);
		int x, y;
		rc = view_render(&p, &v, &s, &cv, &x, &y);
	}
	if (rc == TB_OK)
		rc = snap_canvas_write(stdout, &cv, ansi, v.chart.palette, v.depth);
	if (rc == TB_OK && fflush(stdout) != 0)
		rc = TB_ERR;
	canvas_free(&cv);
	painter_free(&p);
	view_free(&v);
	ui_alerts_stop(&al);
	if (rc != TB_OK)
		diag_report(d, NULL, -1, "--print: cannot load or draw the frame");
	return rc == TB_OK ? 0 : 1;
}
