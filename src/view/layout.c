/* layout.c: where things go on a W x H screen, decided before drawing:
 * the run list's width and page, whether the charts follow that page, and
 * the grid: charts fill the area, as many columns and rows as fit at a
 * readable size (or the shape the user set, # and --grid, as far as it
 * keeps charts GRID_READ_W x GRID_READ_H), the rest on further pages. */
#include <stdlib.h>
#include "tailboard/xalloc.h"
#include "view_int.h"

#define LIST_MIN_W 22
#define LIST_MAX_W 48
#define LIST_AUTO_W 80          /* narrower terminals hide the run list until asked */

bool layout_list_shown(const struct view *v)
{
	if (v->maximized || v->runs_pref < 0)
		return false;
	return v->runs_pref > 0 || v->W >= LIST_AUTO_W;
}

void layout_geom(const struct view *v, struct frame_geom *g)
{
	int body = v->H - 2;
	g->list_w = 0;
	if (layout_list_shown(v)) {
		/* wide enough for the names and their columns, up to a quarter */
		int natural = v->names_w + 20, cap = TB_MAX(v->W / 4, LIST_MIN_W);
		g->list_w = TB_MIN(natural, cap) + v->list_extra;
		if (g->list_w < LIST_MIN_W) g->list_w = LIST_MIN_W;
		if (g->list_w > LIST_MAX_W) g->list_w = LIST_MAX_W;
		if (g->list_w > v->W - 20) g->list_w = v->W - 20;
	}
	/* the list, its border, a blank column, then the grid */
	g->gx = g->list_w ? g->list_w + 2 : 0;
	g->gy = 0;
	g->gw = v->W - g->gx;
	g->gh = body;
}

/* Columns: as many charts a row as the widest group has, at least
 * CHART_MIN_W cells each; or as many as the user asked for (#), as long
 * as each keeps GRID_READ_W. */
static int grid_cols(const struct view *v, int gw)
{
	if (v->grid_cols > 0)
		return TB_MAX(1, TB_MIN(v->grid_cols, gw / GRID_READ_W));
	size_t most = 1, run = 0;
	for (size_t i = 0; i < v->nitems; i++) {
		run = v->items[i].tag == SIZE_MAX ? 0 : run + 1;
		if (run > most)
			most = run;
	}
	int fit = gw / CHART_MIN_W > 0 ? gw / CHART_MIN_W : 1;
	return (size_t)fit < most ? fit : (int)most;
}

/* Rows: a group's title alone, then its charts ncols to a row. */
static size_t grid_rows(const struct view *v, int ncols, struct grid_row *rows)
{
	size_t n = 0;
	for (size_t i = 0; i < v->nitems; i++) {
		bool header = v->items[i].tag == SIZE_MAX;
		if (header || !n || rows[n - 1].header || rows[n - 1].count == (size_t)ncols)
			rows[n++] = (struct grid_row){ i, 0, header, 0, 0, 0 };
		rows[n - 1].count++;
	}
	return n;
}

/* A chart row's height before stretching: CHART_MIN_H, or with rows set
 * (#) a page's share, room left for a title above each, never under
 * GRID_READ_H (a smaller screen: all of it). */
static int row_height(const struct view *v, int gh)
{
	int h = CHART_MIN_H;
	if (v->grid_rows > 0)
		h = TB_MAX((gh - v->grid_rows) / v->grid_rows, GRID_READ_H);
	return TB_MIN(h, gh);
}

/* Rows onto pages of gh lines (and of the rows asked for, at most), then
 * each page's chart rows stretched to fill it. A title stays with its
 * first row of charts. */
static int grid_paginate(const struct view *v, struct grid_row *rows, size_t n, int gh)
{
	int page = 0, used = 0, nrows = 0, min_h = row_height(v, gh);
	for (size_t i = 0; i < n; i++) {
		int need = rows[i].header ? 1 : min_h;
		if (rows[i].header && i + 1 < n && !rows[i + 1].header)
			need += min_h;
		bool full = v->grid_rows > 0 && nrows >= v->grid_rows;
		if (used && (used + need > gh || full)) {
			page++;
			used = nrows = 0;
		}
		nrows += !rows[i].header;
		rows[i].page = page;
		rows[i].h = rows[i].header ? 1 : min_h;
		used += rows[i].h;
	}
	for (int p = 0; p <= page; p++) {
		int lines = 0, charts = 0;
		for (size_t i = 0; i < n; i++)
			if (rows[i].page == p) {
				lines += rows[i].h;
				charts += !rows[i].header;
			}
		int extra = gh - lines, y = 0, k = 0;
		for (size_t i = 0; i < n; i++) {
			if (rows[i].page != p)
				continue;
			if (!rows[i].header && charts) {
				rows[i].h += extra / charts + (k < extra % charts);
				k++;
			}
			rows[i].y = y;
			y += rows[i].h;
		}
	}
	return page + 1;
}

/* The shape the grid has on this screen: what w W z Z start from when it
 * is automatic, and what the status line names when it is set. */
static void grid_shape(struct view *v, int gw, int gh)
{
	int h = row_height(v, gh), rows = h > 0 ? gh / h : 1;
	v->grid_shown_cols = grid_cols(v, gw);
	v->grid_shown_rows = TB_MAX(1, v->grid_rows > 0 ? TB_MIN(rows, v->grid_rows) : rows);
}

int layout_grid(const struct view *v, int gw, int gh, struct grid_slot *slots)
{
	if (!v->nitems)
		return 0;
	int ncols = grid_cols(v, gw);
	struct grid_row *rows = xcalloc(v->nitems, sizeof *rows);
	size_t n = grid_rows(v, ncols, rows);
	int pages = grid_paginate(v, rows, n, gh);
	for (size_t r = 0; r < n; r++) {
		/* a row's charts share its width, a short last row too; columns
		 * the user set keep their width */
		int cw = gw / (v->grid_cols > 0 && !rows[r].header ? ncols : (int)rows[r].count);
		for (size_t k = 0; k < rows[r].count; k++) {
			int x = (int)k * cw, w = k + 1 == (size_t)ncols || (k + 1 == rows[r].count && v->grid_cols <= 0)
				? gw - x : cw;
			slots[rows[r].first + k] = (struct grid_slot){ x, rows[r].y, rows[r].header ? gw : w - 1,
								      rows[r].h, rows[r].page };
		}
	}
	free(rows);
	return pages;
}

void view_layout(struct view *v, int W, int H)
{
	v->W = W;
	v->H = H;
	if (W < MIN_W || H < MIN_H)
		return;
	struct frame_geom g;
	layout_geom(v, &g);
	/* an overlay scrolls to its last line at most */
	v->overlay_rows = H - 3 > 1 ? H - 3 : 1;
	int last = overlay_lines(v) - v->overlay_rows;
	if (v->overlay_scroll > last)
		v->overlay_scroll = last > 0 ? last : 0;
	/* many runs shown: the charts draw the run list's page only */
	size_t shown = 0;
	for (size_t i = 0; i < v->nruns && shown <= CHART_MAX_RUNS; i++)
		shown += !v->runs[i].hidden && model_run_listed(v, i);
	v->charts_paged = shown > CHART_MAX_RUNS;
	v->list_rows = g.gh > 1 ? (size_t)g.gh - 1 : 1;
	runs_page(v, v->list_rows);
	if (v->table) {
		table_build(v);
		table_layout(v, H, W);
	}
	if (v->console)
		console_layout(v, g.gh);
	if (v->charts_paged != v->items_paged ||
	    (v->charts_paged && (v->page_lo != v->items_lo || v->page_hi != v->items_hi || v->run_sel != v->items_run)))
		model_items(v);
	struct grid_slot *s = xcalloc(v->nitems ? v->nitems : 1, sizeof *s);
	v->grid_pages = layout_grid(v, g.gw, g.gh, s);
	grid_shape(v, g.gw, g.gh);
	v->grid_page = v->nitems ? s[v->item_sel < v->nitems ? v->item_sel : 0].page : 0;
	free(s);
}
