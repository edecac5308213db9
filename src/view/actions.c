/* actions.c: what each key does to the view. Keys reach these through
 * the key table in keys.c; nothing here knows a terminal. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "tailboard/xalloc.h"
#include "view_int.h"

/* Move the run selection by d among runs the filter lets through. */
static void run_move(struct view *v, int d)
{
	size_t i = v->run_sel;
	for (size_t step = 0; step < v->nruns; step++) {
		if (d > 0 && i + 1 >= v->nruns)
			return;
		if (d < 0 && i == 0)
			return;
		i = d > 0 ? i + 1 : i - 1;
		if (model_run_listed(v, i)) {
			v->run_sel = i;
			return;
		}
	}
}

static void item_move(struct view *v, int d)
{
	if (!v->nitems)
		return;
	v->item_chosen = true;
	if (d < 0 && v->item_sel > 0)
		v->item_sel--;
	else if (d > 0 && v->item_sel + 1 < v->nitems)
		v->item_sel++;
	if (v->top)
		v->model_dirty = true;  /* the ranking follows the selected chart */
}

static void move(struct view *v, int d)
{
	if (v->focus == FOCUS_RUNS)
		run_move(v, d);
	else
		item_move(v, d);
}

static size_t selected(const struct view *v)
{
	return v->focus == FOCUS_RUNS ? v->run_sel : v->item_sel;
}

/* The grid's next or previous page: its first item. */
static void grid_page(struct view *v, int d)
{
	struct frame_geom g;
	layout_geom(v, &g);
	struct grid_slot *s = xcalloc(v->nitems ? v->nitems : 1, sizeof *s);
	layout_grid(v, g.gw, g.gh, s);
	int want = v->grid_page + d;
	for (size_t i = 0; i < v->nitems; i++)
		if (s[i].page == want) {
			v->item_sel = i;
			v->item_chosen = true;
			break;
		}
	free(s);
}

/* A page of the run list (or of the grid), or to either end. */
static void page(struct view *v, int key, bool end)
{
	int d = key == VK_PGDN || key == 'G' || key == VK_END ? 1 : -1;
	if (!end && v->focus == FOCUS_CHARTS) {
		grid_page(v, d);
		return;
	}
	for (size_t i = 0; end || i < v->list_rows; i++) {
		size_t before = selected(v);
		move(v, d);
		if (selected(v) == before)
			break;
	}
}

static void set_hidden(struct view *v, size_t i, bool h)
{
	v->runs[i].hidden = h;
	v->hidden_by_index[v->runs[i].run->index] = h;
}

static void space(struct view *v)
{
	const struct view_item *it = model_sel_item(v);
	if (v->focus == FOCUS_CHARTS && it && it->tag == SIZE_MAX)
		model_toggle_group(v, it->group);
	else if (v->run_sel < v->nruns)
		set_hidden(v, v->run_sel, !v->runs[v->run_sel].hidden);
}

static void show_only(struct view *v, bool solo)
{
	for (size_t i = 0; i < v->nruns; i++)
		set_hidden(v, i, solo && i != v->run_sel);
}

static void prompt(struct view *v, int which)
{
	v->prompt = which;
	const char *now = which == '/' ? v->run_re_text : which == 't' ? v->tag_re_text
			: which == 'c' ? (v->group ? v->group->text : NULL) : v->run_filter_text;
	snprintf(v->input, sizeof v->input, "%s", now ? now : "");
	v->ilen = strlen(v->input);
}

/* n/N: the next run (after '/') or chart (after 't') that matches. */
static void search_step(struct view *v, int d)
{
	bool tags = v->last_search == 't';
	size_t n = tags ? v->nitems : v->nruns, i = tags ? v->item_sel : v->run_sel;
	for (size_t k = 0; k < n; k++) {
		i = (i + n + (size_t)(ptrdiff_t)d) % n;
		if (tags && v->items[i].tag != SIZE_MAX) {
			v->item_sel = i;
			v->item_chosen = true;
			v->focus = FOCUS_CHARTS;
			return;
		}
		if (!tags && model_run_listed(v, i)) {
			v->run_sel = i;
			return;
		}
	}
}

static void top(struct view *v)
{
	v->top = !v->top;
	v->model_dirty = true;
	v->runs_dirty = !v->top;        /* back to natural order */
	if (v->top)
		v->focus = FOCUS_RUNS;
}

static void smooth_by(struct view *v, double d)
{
	double w = v->chart.smoothing + d;
	w = w < 0 ? 0 : w > 0.999 ? 0.999 : w;
	v->chart.smoothing = (double)lround(w * 1000) / 1000;
}

static void digit(struct view *v, int key)
{
	size_t want = (size_t)(key - '1'), seen = 0;
	for (size_t i = 0; i < v->nruns; i++)
		if (model_run_listed(v, i) && seen++ == want)
			v->run_sel = i;
}


void actions_zoom_to(struct view *v, double lo, double hi)
{
	double w = hi - lo;
	if (w > 1) { lo = 0; hi = 1; }
	if (lo < 0) { hi -= lo; lo = 0; }
	if (hi > 1) { lo -= hi - 1; hi = 1; }
	if (lo < 0) lo = 0;
	if (w < 1e-6)
		return;
	v->chart.zoom_lo = lo;
	v->chart.zoom_hi = hi;
}

/* Zoom keeps the cursor (or the centre) where it is. */
static void zoom_by(struct view *v, double f)
{
	double lo = v->chart.zoom_lo, hi = v->chart.zoom_hi, c = (lo + hi) / 2, elo, ehi;
	if (isfinite(v->chart.cursor_x) && cursor_extent(v, &elo, &ehi) && ehi > elo)
		c = (v->chart.cursor_x - elo) / (ehi - elo);
	c = c < lo ? lo : c > hi ? hi : c;
	actions_zoom_to(v, c - (c - lo) * f, c + (hi - c) * f);
}

static void pan_by(struct view *v, double f)
{
	double w = v->chart.zoom_hi - v->chart.zoom_lo;
	actions_zoom_to(v, v->chart.zoom_lo + f * w, v->chart.zoom_hi + f * w);
}

static void enter(struct view *v)
{
	const struct view_item *it = model_sel_item(v);
	if (it && it->tag == SIZE_MAX)
		model_toggle_group(v, it->group);
	else if (it)
		v->maximized = true;
}

/* Back to the plain grid in one press: no maximised chart, no cursor. */
static void esc(struct view *v)
{
	if (v->system && !v->maximized)
		system_toggle(v);
	v->maximized = false;
	v->chart.cursor_x = NAN;
}

static void xmode(struct view *v)
{
	enum chart_xmode from = v->chart.xmode;
	v->chart.xmode = (from + 1) % XMODE_COUNT;
	if (v->system && v->chart.xmode == XMODE_STEP)      /* the pane draws on time */
		v->chart.xmode = (XMODE_STEP + 1) % XMODE_COUNT;
	cursor_remode(v, from);
	v->mark_x = NAN;        /* an x of another axis */
}

/* The run list: | hides or shows it, ( and ) narrow and widen it. */
static void list(struct view *v, int a, int key)
{
	if (a == ACT_RUNLIST) {
		v->runs_pref = layout_list_shown(v) ? -1 : 1;
		return;
	}
	v->list_extra += key == ')' ? 4 : -4;
	if (v->list_extra < -16) v->list_extra = -16;
	if (v->list_extra > 32) v->list_extra = 32;
	v->runs_pref = 1;
}

/* v: the cursor's x marks one end of the data table's range. */
static void mark(struct view *v)
{
	if (isfinite(v->mark_x)) {
		v->mark_x = NAN;
		snprintf(v->message, sizeof v->message, "mark cleared");
	} else if (isfinite(v->chart.cursor_x)) {
		v->mark_x = v->chart.cursor_x;
		snprintf(v->message, sizeof v->message, "marked: move the cursor (h/l) to the range's other end, then d");
	} else {
		snprintf(v->message, sizeof v->message, "put the cursor on a point first (h/l), then v");
	}
}

static void overlay(struct view *v, enum view_overlay o)
{
	v->overlay = o;
	v->overlay_scroll = 0;
}

/* Actions that move or show/hide: selection, focus, filters. */
static bool act_select(struct view *v, int a, int key)
{
	switch (a) {
	case ACT_DOWN: move(v, 1); break;
	case ACT_UP: move(v, -1); break;
	case ACT_PAGE: page(v, key, false); break;
	case ACT_END: page(v, key, true); break;
	case ACT_SPACE: space(v); break;
	case ACT_SOLO: show_only(v, true); break;
	case ACT_ALL: show_only(v, false); break;
	case ACT_DIGIT: digit(v, key); break;
	case ACT_TAB: v->focus = v->focus == FOCUS_RUNS ? FOCUS_CHARTS : FOCUS_RUNS; break;
	case ACT_FILTER_RUNS: prompt(v, '/'); break;
	case ACT_FILTER_TAGS: prompt(v, 't'); break;
	case ACT_FILTER_EXPR: prompt(v, 'F'); break;
	case ACT_GROUP: prompt(v, 'c'); break;
	case ACT_NEXT: search_step(v, 1); break;
	case ACT_PREV: search_step(v, -1); break;
	case ACT_TOP: top(v); break;
	case ACT_RUNLIST: case ACT_LIST_WIDTH: list(v, a, key); break;
	default: return false;
	}
	return true;
}

/* Actions on how the charts look. */
static bool act_chart(struct view *v, int a, int key)
{
	struct chart_view *c = &v->chart;
	switch (a) {
	case ACT_SMOOTH: smooth_by(v, key == ']' ? 0.05 : -0.05); break;
	case ACT_SMOOTH_FINE: smooth_by(v, key == '}' ? 0.01 : -0.01); break;
	case ACT_BEST: c->best_marks = !c->best_marks; break;
	case ACT_BAND: v->band = (v->band + 1) % 3; break;
	case ACT_SMOOTH_METHOD: c->smooth_method = (c->smooth_method + 1) % SMOOTH_COUNT; break;
	case ACT_LEFT: cursor_move(v, -1); break;
	case ACT_RIGHT: cursor_move(v, 1); break;
	case ACT_XMODE: xmode(v); break;
	case ACT_SYSTEM: system_toggle(v); break;
	case ACT_LOGY: c->logy = !c->logy; break;
	case ACT_OUTLIERS: c->outliers = !c->outliers; break;
	case ACT_ZOOM_IN: zoom_by(v, 0.5); break;
	case ACT_ZOOM_OUT: zoom_by(v, 2); break;
	case ACT_PAN_LEFT: pan_by(v, -0.25); break;
	case ACT_PAN_RIGHT: pan_by(v, 0.25); break;
	case ACT_RESET: c->zoom_lo = 0; c->zoom_hi = 1; c->cursor_x = NAN; break;
	case ACT_ENTER: enter(v); break;
	case ACT_ESC: esc(v); break;
	default: return false;
	}
	return true;
}

int actions_do(struct view *v, int a, int key)
{
	if (console_action(v, a, key) || table_action(v, a, key) || act_select(v, a, key) || act_chart(v, a, key) ||
	    grid_action(v, a, key))
		return VIEW_NONE;
	switch (a) {
	case ACT_RELOAD:
		snprintf(v->message, sizeof v->message, "reloading");
		return VIEW_RELOAD;
	case ACT_QUIT: return VIEW_QUIT;
	case ACT_SNAPSHOT: return VIEW_SNAPSHOT;
	case ACT_ERRORS: overlay(v, OVERLAY_ERRORS); break;
	case ACT_RUNINFO:
		overlay(v, OVERLAY_RUN);
		v->ov_filter[0] = 0;
		break;
	case ACT_HELP: overlay(v, OVERLAY_HELP); break;
	case ACT_DATA: overlay(v, OVERLAY_DATA); break;
	case ACT_MARK: mark(v); break;
	case ACT_HP_NAMES:
		v->hp_names = !v->hp_names;
		v->model_dirty = v->runs_dirty = true;
		snprintf(v->message, sizeof v->message, "%s", v->hp_names ? "runs named by the hyperparameters that differ"
			 : "runs named by path");
		break;
	case ACT_PALETTE:
		view_palette(v, (v->chart.palette + 1) % PAL_COUNT, v->depth);
		snprintf(v->message, sizeof v->message, "palette: %s%s", chart_palette_name(v->chart.palette),
			 v->depth == DEPTH_NONE && v->chart.palette != PAL_MONO ? " (no colours here: pictures only)" : "");
		break;
	case ACT_ALERTS:
		overlay(v, OVERLAY_ALERTS);
		alerts_open(v);
		break;
	default: break;
	}
	return VIEW_NONE;
}

/* Keys over an overlay: they scroll it (view_layout keeps the scroll
 * within its lines), any other closes it. */
void actions_overlay(struct view *v, int key)
{
	int page = v->overlay_rows > 1 ? v->overlay_rows - 1 : 1;
	if (v->overlay == OVERLAY_RUN && overview_key(v, key))
		return;
	if (key == 'j' || key == VK_DOWN)
		v->overlay_scroll++;
	else if (key == 'k' || key == VK_UP)
		v->overlay_scroll -= v->overlay_scroll > 0;
	else if (key == VK_PGDN || key == ' ')
		v->overlay_scroll += page;
	else if (key == VK_PGUP)
		v->overlay_scroll = v->overlay_scroll > page ? v->overlay_scroll - page : 0;
	else if (key == 'g' || key == VK_HOME)
		v->overlay_scroll = 0;
	else if (key == 'G' || key == VK_END)
		v->overlay_scroll = 1 << 20;
	else
		v->overlay = OVERLAY_NONE;
}
