/* keys.c: the one key table. Dispatch reads it, and so does the '?' help;
 * man/keys.man and doc/keys.md say the same in prose. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "tailboard/loader.h"
#include "ui_int.h"

#define KEY_ESC 27
#define CTRL(c) ((c) & 0x1f)
#define TB_STR_(x) #x
#define TB_STR(x) TB_STR_(x)

typedef void key_fn(struct ui *u, int key);

struct key_binding {
	int keys[10];           /* 0-terminated */
	const char *names;      /* as shown in the help */
	const char *what;
	key_fn *fn;
};

/* Move the run selection by d among runs the filter lets through. */
static void run_move(struct ui *u, int d)
{
	size_t i = u->run_sel;
	for (size_t step = 0; step < u->nruns; step++) {
		if (d > 0 && i + 1 >= u->nruns) return;
		if (d < 0 && i == 0) return;
		i = d > 0 ? i + 1 : i - 1;
		if (model_run_listed(u, i)) {
			u->run_sel = i;
			return;
		}
	}
}

static void item_move(struct ui *u, int d)
{
	if (!u->nitems)
		return;
	if (d < 0 && u->item_sel > 0)
		u->item_sel--;
	else if (d > 0 && u->item_sel + 1 < u->nitems)
		u->item_sel++;
	if (u->top)
		u->model_dirty = true;  /* the ranking follows the selected chart */
}

/* A page of the run list (or of the grid's items), or to either end. */
static void k_page(struct ui *u, int key)
{
	int rows = LINES - 3 > 1 ? LINES - 3 : 1;
	bool end = key == 'g' || key == 'G' || key == KEY_HOME || key == KEY_END;
	int d = key == KEY_NPAGE || key == 'G' || key == KEY_END ? 1 : -1;
	for (int i = 0; end || i < rows; i++) {
		size_t before = u->focus == FOCUS_RUNS ? u->run_sel : u->item_sel;
		u->focus == FOCUS_RUNS ? run_move(u, d) : item_move(u, d);
		if ((u->focus == FOCUS_RUNS ? u->run_sel : u->item_sel) == before)
			break;
	}
}

static void k_top(struct ui *u, int key)
{
	(void)key;
	u->top = !u->top;
	u->model_dirty = true;
	u->runs_dirty = !u->top;        /* back to natural order */
	if (u->top)
		u->focus = FOCUS_RUNS;
}

static void k_down(struct ui *u, int key) { (void)key; u->focus == FOCUS_RUNS ? run_move(u, 1) : item_move(u, 1); }
static void k_up(struct ui *u, int key) { (void)key; u->focus == FOCUS_RUNS ? run_move(u, -1) : item_move(u, -1); }

static void set_hidden(struct ui *u, size_t i, bool h)
{
	u->runs[i].hidden = h;
	u->hidden_by_index[u->runs[i].run->index] = h;
}

static void k_space(struct ui *u, int key)
{
	(void)key;
	const struct ui_item *it = model_sel_item(u);
	if (u->focus == FOCUS_CHARTS && it && it->tag == SIZE_MAX) {
		model_toggle_group(u, it->group);
		return;
	}
	if (u->run_sel < u->nruns)
		set_hidden(u, u->run_sel, !u->runs[u->run_sel].hidden);
}

static void k_solo(struct ui *u, int key)
{
	(void)key;
	for (size_t i = 0; i < u->nruns; i++)
		set_hidden(u, i, i != u->run_sel);
}

static void k_all(struct ui *u, int key)
{
	(void)key;
	for (size_t i = 0; i < u->nruns; i++)
		set_hidden(u, i, false);
}

static void k_tab(struct ui *u, int key) { (void)key; u->focus = u->focus == FOCUS_RUNS ? FOCUS_CHARTS : FOCUS_RUNS; }

static void k_prompt_runs(struct ui *u, int key)
{
	(void)key;
	u->prompt = '/';
	snprintf(u->input, sizeof u->input, "%s", u->run_re_text);
	u->ilen = strlen(u->input);
}

static void k_prompt_tags(struct ui *u, int key)
{
	(void)key;
	u->prompt = 't';
	snprintf(u->input, sizeof u->input, "%s", u->tag_re_text);
	u->ilen = strlen(u->input);
}

/* n/N: the next run (after '/') or chart (after 't') that matches. */
static void search_step(struct ui *u, int d)
{
	if (u->last_search == 't') {
		size_t i = u->item_sel;
		for (size_t k = 0; k < u->nitems; k++) {
			i = (i + u->nitems + (size_t)(ptrdiff_t)d) % u->nitems;
			if (u->items[i].tag != SIZE_MAX) {
				u->item_sel = i;
				u->focus = FOCUS_CHARTS;
				return;
			}
		}
		return;
	}
	size_t i = u->run_sel;
	for (size_t k = 0; k < u->nruns; k++) {
		i = (i + u->nruns + (size_t)(ptrdiff_t)d) % u->nruns;
		if (model_run_listed(u, i)) {
			u->run_sel = i;
			return;
		}
	}
}

static void k_next(struct ui *u, int key) { (void)key; search_step(u, 1); }
static void k_prev(struct ui *u, int key) { (void)key; search_step(u, -1); }

static void k_reload(struct ui *u, int key)
{
	(void)key;
	loader_restat_all(&u->app->loader, &u->app->ctx);
	snprintf(u->message, sizeof u->message, "reloading");
}

static void k_quit(struct ui *u, int key) { (void)key; u->app->quit = 1; }

static void smooth_by(struct ui *u, double d)
{
	double w = u->smoothing + d;
	w = w < 0 ? 0 : w > 0.999 ? 0.999 : w;
	u->smoothing = (double)lround(w * 1000) / 1000;
}

static void k_smooth(struct ui *u, int key)
{
	smooth_by(u, key == ']' ? 0.05 : key == '[' ? -0.05 : key == '}' ? 0.01 : -0.01);
}

static void k_digit(struct ui *u, int key)
{
	size_t want = (size_t)(key - '1'), seen = 0;
	for (size_t i = 0; i < u->nruns; i++)
		if (model_run_listed(u, i) && seen++ == want)
			u->run_sel = i;
}
static void k_best(struct ui *u, int key) { (void)key; u->view.best_marks = !u->view.best_marks; }

static void cursor_by(struct ui *u, int d)
{
	int w = u->sel_info.plot_w > 1 ? u->sel_info.plot_w : 40;
	double c = u->view.cursor < 0 ? 0.5 : u->view.cursor + (double)d / (w - 1);
	u->view.cursor = c < 0 ? 0 : c > 1 ? 1 : c;
}

static void k_left(struct ui *u, int key) { (void)key; cursor_by(u, -1); }
static void k_right(struct ui *u, int key) { (void)key; cursor_by(u, 1); }
static void k_xmode(struct ui *u, int key) { (void)key; u->view.xmode = (u->view.xmode + 1) % XMODE_COUNT; }
static void k_logy(struct ui *u, int key) { (void)key; u->view.logy = !u->view.logy; }
static void k_outliers(struct ui *u, int key) { (void)key; u->view.outliers = !u->view.outliers; }

static void zoom_to(struct ui *u, double lo, double hi)
{
	double w = hi - lo;
	if (w > 1) { lo = 0; hi = 1; }
	if (lo < 0) { hi -= lo; lo = 0; }
	if (hi > 1) { lo -= hi - 1; hi = 1; }
	if (lo < 0) lo = 0;
	if (w < 1e-6)
		return;
	u->view.zoom_lo = lo;
	u->view.zoom_hi = hi;
}

/* Zoom keeps the cursor (or the centre) where it is. */
static void zoom_by(struct ui *u, double f)
{
	double lo = u->view.zoom_lo, hi = u->view.zoom_hi, w = hi - lo;
	double c = lo + (u->view.cursor >= 0 ? u->view.cursor : 0.5) * w;
	zoom_to(u, c - (c - lo) * f, c + (hi - c) * f);
}

static void k_zoom_in(struct ui *u, int key) { (void)key; zoom_by(u, 0.5); }
static void k_zoom_out(struct ui *u, int key) { (void)key; zoom_by(u, 2); }

static void pan_by(struct ui *u, double f)
{
	double w = u->view.zoom_hi - u->view.zoom_lo;
	zoom_to(u, u->view.zoom_lo + f * w, u->view.zoom_hi + f * w);
}

static void k_pan_left(struct ui *u, int key) { (void)key; pan_by(u, -0.25); }
static void k_pan_right(struct ui *u, int key) { (void)key; pan_by(u, 0.25); }

static void k_reset(struct ui *u, int key)
{
	(void)key;
	u->view.zoom_lo = 0;
	u->view.zoom_hi = 1;
	u->view.cursor = -1;
}

static void k_enter(struct ui *u, int key)
{
	(void)key;
	const struct ui_item *it = model_sel_item(u);
	if (it && it->tag == SIZE_MAX)
		model_toggle_group(u, it->group);
	else if (it)
		u->maximized = true;
}

static void k_esc(struct ui *u, int key)
{
	(void)key;
	if (u->maximized)
		u->maximized = false;
	else
		u->view.cursor = -1;
}

static void k_help(struct ui *u, int key) { (void)key; u->overlay = OVERLAY_HELP; u->overlay_scroll = 0; }
static void k_errors(struct ui *u, int key) { (void)key; u->overlay = OVERLAY_ERRORS; u->overlay_scroll = 0; }
static void k_runinfo(struct ui *u, int key) { (void)key; u->overlay = OVERLAY_RUN; u->overlay_scroll = 0; }
static void k_runlist(struct ui *u, int key) { (void)key; u->show_runs = !u->show_runs; }

static const struct key_binding key_table[] = {
	{ { 'j', KEY_DOWN }, "j Down", "next run (run list) or chart (grid)", k_down },
	{ { 'k', KEY_UP }, "k Up", "previous run or chart", k_up },
	{ { KEY_NPAGE, KEY_PPAGE }, "PgDn PgUp", "a page down / up", k_page },
	{ { 'g', 'G', KEY_HOME, KEY_END }, "g G", "first / last run or chart", k_page },
	{ { ' ' }, "Space", "show/hide the selected run; on a group title, fold it", k_space },
	{ { 's' }, "s", "solo: show only the selected run", k_solo },
	{ { 'a' }, "a", "show all runs", k_all },
	{ { '1', '2', '3', '4', '5', '6', '7', '8', '9' }, "1-9", "select run 1 to 9", k_digit },
	{ { '\t' }, "Tab", "move focus between the run list and the charts", k_tab },
	{ { '/' }, "/", "filter runs by regex (empty clears)", k_prompt_runs },
	{ { 't' }, "t", "filter tags by regex, case-insensitive (empty clears)", k_prompt_tags },
	{ { 'n' }, "n", "next match of the last filter", k_next },
	{ { 'N' }, "N", "previous match", k_prev },
	{ { 'T' }, "T", "top " TB_STR(TOP_N) " runs by best value of the selected chart's tag (again: all runs)", k_top },
	{ { 'r' }, "r", "reload: re-read every file that changed", k_reload },
	{ { ']', '[' }, "] [", "smoothing +0.05 / -0.05", k_smooth },
	{ { '}', '{' }, "} {", "smoothing +0.01 / -0.01", k_smooth },
	{ { 'b' }, "b", "best-step markers on/off", k_best },
	{ { 'h', KEY_LEFT }, "h Left", "cursor left (readout of every run at that step)", k_left },
	{ { 'l', KEY_RIGHT }, "l Right", "cursor right", k_right },
	{ { 'x' }, "x", "x axis: step, relative time, wall clock", k_xmode },
	{ { 'L' }, "L", "y axis linear/log", k_logy },
	{ { 'o' }, "o", "ignore outliers (5th-95th percentile y range)", k_outliers },
	{ { '+', '=' }, "+", "zoom in along x", k_zoom_in },
	{ { '-' }, "-", "zoom out", k_zoom_out },
	{ { '<', ',' }, "<", "pan left", k_pan_left },
	{ { '>', '.' }, ">", "pan right", k_pan_right },
	{ { '0' }, "0", "reset zoom and cursor", k_reset },
	{ { '\n', '\r', KEY_ENTER }, "Enter", "maximise the selected chart (fold a group)", k_enter },
	{ { KEY_ESC }, "Esc", "restore the grid, hide the cursor", k_esc },
	{ { '|' }, "|", "hide/show the run list", k_runlist },
	{ { 'e' }, "e", "error list", k_errors },
	{ { 'i' }, "i", "the selected run: format, source facts (W&B project, HF best metric), hyperparameters", k_runinfo },
	{ { '?' }, "?", "this help", k_help },
	{ { 'q', CTRL('c') }, "q Ctrl-C", "quit", k_quit },
};

size_t keys_help(const char ***keys, const char ***what)
{
	static const char *k[TB_ARRAY_LEN(key_table)], *w[TB_ARRAY_LEN(key_table)];
	for (size_t i = 0; i < TB_ARRAY_LEN(key_table); i++) {
		k[i] = key_table[i].names;
		w[i] = key_table[i].what;
	}
	*keys = k;
	*what = w;
	return TB_ARRAY_LEN(key_table);
}

/* Typing a regex at the / or t prompt. */
static void prompt_key(struct ui *u, int key)
{
	if (key == KEY_ESC) {
		u->prompt = 0;
	} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		int which = u->prompt;
		u->input[u->ilen] = 0;
		if (model_set_filter(u, which, u->input) == TB_OK) {
			u->last_search = which;
			u->prompt = 0;
		}
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (u->ilen)
			u->ilen--;
		while (u->ilen && ((unsigned char)u->input[u->ilen] & 0xc0) == 0x80)
			u->ilen--;  /* whole UTF-8 characters */
	} else if (key >= 0x20 && key < 0x100 && u->ilen + 1 < sizeof u->input) {
		u->input[u->ilen++] = (char)key;
	}
	u->input[u->ilen] = 0;
}

int keys_dispatch(struct ui *u, int key)
{
	u->dirty = true;
	u->message[0] = 0;
	if (u->overlay) {
		bool scrolls = u->overlay == OVERLAY_ERRORS || u->overlay == OVERLAY_RUN;
		if (scrolls && (key == 'j' || key == KEY_DOWN))
			u->overlay_scroll++;
		else if (scrolls && (key == 'k' || key == KEY_UP))
			u->overlay_scroll -= u->overlay_scroll > 0;
		else if (key == 'q' && u->overlay == OVERLAY_HELP)
			u->overlay = OVERLAY_NONE;
		else
			u->overlay = OVERLAY_NONE;
		return TB_OK;
	}
	if (u->prompt) {
		prompt_key(u, key);
		return TB_OK;
	}
	for (size_t i = 0; i < TB_ARRAY_LEN(key_table); i++)
		for (const int *k = key_table[i].keys; *k; k++)
			if (*k == key && key_table[i].fn) {
				key_table[i].fn(u, key);
				return TB_OK;
			}
	return TB_DONE;
}
