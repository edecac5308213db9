/* mouse.c: the mouse, as ui hands it over: a kind of event at a cell. The
 * view hit-tests it against the layout view_layout decided (the run
 * list's rows, the grid's slots on the page shown) and runs what the keys
 * run: a click selects a run or a chart, a double click maximises a chart
 * (again: back), the wheel zooms x around the pointer, a drag pans x; in
 * the runs table a click selects a row's run. */
#include <stdlib.h>
#include "tailboard/xalloc.h"
#include "view_int.h"

#define WHEEL_ZOOM 0.75         /* the window a notch of the wheel keeps */

/* The listed run on row y of the run list (its title is row 0). */
static size_t run_at(const struct view *v, int y)
{
	if (y < 1 || (size_t)y > v->list_rows)
		return SIZE_MAX;
	size_t want = v->list_first + (size_t)(y - 1), pos = 0;
	for (size_t i = 0; i < v->nruns; i++)
		if (model_run_listed(v, i) && pos++ == want)
			return i;
	return SIZE_MAX;
}

/* The grid item under (x, y) and its rectangle, SIZE_MAX when none. */
static size_t item_at(const struct view *v, const struct frame_geom *g, int x, int y, struct grid_slot *out)
{
	if (x < g->gx || y < g->gy || y >= g->gy + g->gh || !v->nitems)
		return SIZE_MAX;
	const struct view_item *sel = model_sel_item(v);
	if (v->maximized && sel && sel->tag != SIZE_MAX) {
		*out = (struct grid_slot){ 0, 0, g->gw, g->gh, v->grid_page };
		return v->item_sel;
	}
	struct grid_slot *s = xcalloc(v->nitems, sizeof *s);
	layout_grid(v, g->gw, g->gh, s);
	size_t hit = SIZE_MAX;
	for (size_t i = 0; i < v->nitems && hit == SIZE_MAX; i++) {
		int cx = x - g->gx, cy = y - g->gy;
		if (s[i].page == v->grid_page && cx >= s[i].x && cx < s[i].x + s[i].w + 1 && cy >= s[i].y &&
		    cy < s[i].y + s[i].h) {
			hit = i;
			*out = s[i];
		}
	}
	free(s);
	return hit;
}

/* Where the chart's plot is across its slot: as last drawn when the
 * painter has it, else about where the y labels leave it. */
static void plot_span(const struct view *v, const struct painter *p, size_t item, const struct grid_slot *sl,
		      int *px, int *pw)
{
	size_t tag = v->items[item].tag;
	*px = sl->w > 16 ? 8 : 0;
	*pw = sl->w - *px - 1;
	if (p && tag < p->nmemo && p->memo[tag].cv.w == sl->w && p->memo[tag].info.plot_w > 0) {
		*px = p->memo[tag].info.plot_x;
		*pw = p->memo[tag].info.plot_w;
	}
	if (*pw < 1)
		*pw = 1;
}

static void select_item(struct view *v, size_t i)
{
	v->item_sel = i;
	v->item_chosen = true;
	v->focus = FOCUS_CHARTS;
	if (v->top)
		v->model_dirty = true;  /* the ranking follows the selected chart */
}

/* The wheel: the window narrows or widens around the pointer's x. */
static void wheel_zoom(struct view *v, double at, bool in)
{
	double lo = v->chart.zoom_lo, hi = v->chart.zoom_hi, f = in ? WHEEL_ZOOM : 1 / WHEEL_ZOOM;
	double c = lo + at * (hi - lo);
	actions_zoom_to(v, c - (c - lo) * f, c + (hi - c) * f);
}

static int chart_event(struct view *v, const struct painter *p, int kind, size_t i, const struct grid_slot *sl, int x)
{
	bool header = v->items[i].tag == SIZE_MAX;
	int px = 0, pw = 1;
	if (!header)
		plot_span(v, p, i, sl, &px, &pw);
	double at = (double)(x - sl->x - px) / pw;
	at = at < 0 ? 0 : at > 1 ? 1 : at;
	switch (kind) {
	case VM_PRESS:
		select_item(v, i);
		v->drag_x = header ? -1 : x;
		break;
	case VM_DOUBLE:
		select_item(v, i);
		if (header)
			model_toggle_group(v, v->items[i].group);
		else
			v->maximized = !v->maximized;
		break;
	case VM_WHEEL_UP:
	case VM_WHEEL_DOWN:
		if (!header)
			wheel_zoom(v, at, kind == VM_WHEEL_UP);
		break;
	default:
		break;
	}
	return VIEW_NONE;
}

/* A drag pans the window by as much x as the pointer moved over the plot. */
static void drag(struct view *v, const struct painter *p, const struct frame_geom *g, int x)
{
	const struct view_item *it = model_sel_item(v);
	if (v->drag_x < 0 || !it || it->tag == SIZE_MAX)
		return;
	struct grid_slot sl = { 0, 0, g->gw, g->gh, 0 };
	if (!v->maximized) {
		struct grid_slot *s = xcalloc(v->nitems, sizeof *s);
		layout_grid(v, g->gw, g->gh, s);
		sl = s[v->item_sel];
		free(s);
	}
	int px, pw;
	plot_span(v, p, v->item_sel, &sl, &px, &pw);
	double w = v->chart.zoom_hi - v->chart.zoom_lo, d = -(double)(x - v->drag_x) / pw * w;
	actions_zoom_to(v, v->chart.zoom_lo + d, v->chart.zoom_hi + d);
	v->drag_x = x;
}

/* The runs table (R): a click selects a row's run, the wheel walks them. */
static int table_event(struct view *v, int kind, int y)
{
	if (kind == VM_WHEEL_UP || kind == VM_WHEEL_DOWN)
		return view_key(v, kind == VM_WHEEL_UP ? VK_UP : VK_DOWN);
	size_t k = (size_t)(v->table_top + y - TABLE_HEAD_ROWS);
	if ((kind == VM_PRESS || kind == VM_DOUBLE) && y >= TABLE_HEAD_ROWS && y - TABLE_HEAD_ROWS < v->table_rows &&
	    k < v->ntorder)
		v->run_sel = v->torder[k];
	return VIEW_NONE;
}

int view_mouse(struct view *v, const struct painter *p, int kind, int x, int y)
{
	v->message[0] = 0;
	if (v->W < MIN_W || v->H < MIN_H || v->prompt)
		return VIEW_NONE;
	if (v->table && !v->overlay)
		return table_event(v, kind, y);
	if (v->overlay) {
		/* the wheel scrolls it, a click closes it, as keys do */
		if (kind == VM_WHEEL_UP || kind == VM_WHEEL_DOWN)
			actions_overlay(v, kind == VM_WHEEL_UP ? 'k' : 'j');
		else if (kind == VM_PRESS)
			actions_overlay(v, 27);
		return VIEW_NONE;
	}
	struct frame_geom g;
	layout_geom(v, &g);
	if (kind == VM_RELEASE) {
		v->drag_x = -1;
		return VIEW_NONE;
	}
	if (kind == VM_DRAG) {
		if (!v->console)
			drag(v, p, &g, x);
		return VIEW_NONE;
	}
	if (g.list_w && x < g.list_w) {
		size_t r = run_at(v, y);
		if (kind == VM_WHEEL_UP || kind == VM_WHEEL_DOWN) {
			v->focus = FOCUS_RUNS;  /* the wheel over the list walks it, as j/k */
			return view_key(v, kind == VM_WHEEL_UP ? VK_UP : VK_DOWN);
		}
		if (r != SIZE_MAX) {
			v->run_sel = r;
			v->focus = FOCUS_RUNS;
		}
		return VIEW_NONE;
	}
	if (v->console) {       /* text: the wheel scrolls it, three lines a notch */
		int rc = VIEW_NONE;
		v->focus = FOCUS_CHARTS;
		for (int n = 0; n < 3 && (kind == VM_WHEEL_UP || kind == VM_WHEEL_DOWN); n++)
			rc = view_key(v, kind == VM_WHEEL_UP ? VK_UP : VK_DOWN);
		return rc;
	}
	struct grid_slot sl;
	size_t i = item_at(v, &g, x, y, &sl);
	if (i == SIZE_MAX)
		return VIEW_NONE;
	sl.x += g.gx;
	sl.y += g.gy;
	return chart_event(v, p, kind, i, &sl, x);
}
