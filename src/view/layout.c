/* layout.c: where things go on a W x H screen, decided before drawing:
 * the run list's width and page, whether the charts follow that page, the
 * grid's slots and how far it is scrolled to show the selection. */
#include <stdlib.h>
#include "tailboard/xalloc.h"
#include "view_int.h"

#define CHART_MIN_W 44          /* a grid column at least this wide */

void layout_geom(const struct view *v, struct frame_geom *g)
{
	int body = v->H - 2;
	g->list_w = 0;
	if (v->show_runs && !v->maximized) {
		g->list_w = v->W / 5;
		if (g->list_w < 22) g->list_w = 22;
		if (g->list_w > 32) g->list_w = 32;
	}
	/* the list, its border, a blank column, then the grid */
	g->gx = g->list_w ? g->list_w + 2 : 0;
	g->gy = 0;
	g->gw = v->W - g->gx;
	g->gh = body;
}

/* Grid columns and chart height for a gw x gh area. */
static void grid_dims(int gw, int gh, int *ncols, int *cw, int *ch)
{
	*ncols = gw / CHART_MIN_W > 0 ? gw / CHART_MIN_W : 1;
	*cw = gw / *ncols;
	*ch = (gh - 2) / 2;
	if (*ch > 16) *ch = 16;
	if (*ch < 8) *ch = 8;
	if (*ch > gh) *ch = gh;
}

struct grid_slot *layout_grid(const struct view *v, int gw, int gh)
{
	int ncols, cw, ch, cy = 0, col = 0;
	grid_dims(gw, gh, &ncols, &cw, &ch);
	struct grid_slot *s = xcalloc(v->nitems, sizeof *s);
	for (size_t i = 0; i < v->nitems; i++) {
		if (v->items[i].tag == SIZE_MAX) {
			/* a group title starts a row of its own */
			if (col) {
				cy += ch;
				col = 0;
			}
			s[i] = (struct grid_slot){ 0, cy, gw, 1 };
			cy += 1;
			continue;
		}
		s[i] = (struct grid_slot){ col * cw, cy, cw - 1, ch };
		if (++col == ncols) {
			col = 0;
			cy += ch;
		}
	}
	return s;
}

/* Scroll the grid as little as shows the selected item whole. */
static void grid_scroll(struct view *v, const struct frame_geom *g)
{
	if (!v->nitems)
		return;
	struct grid_slot *s = layout_grid(v, g->gw, g->gh);
	size_t sel = v->item_sel < v->nitems ? v->item_sel : 0;
	if (s[sel].y < v->scroll)
		v->scroll = s[sel].y;
	if (s[sel].y + s[sel].h > v->scroll + g->gh)
		v->scroll = s[sel].y + s[sel].h - g->gh;
	if (v->scroll < 0)
		v->scroll = 0;
	v->cursor_w = chart_plot_width(v->maximized ? g->gw : s[sel].w);
	free(s);
}

void view_layout(struct view *v, int W, int H)
{
	v->W = W;
	v->H = H;
	/* an overlay scrolls to its last line at most */
	int last = overlay_lines(v) - 1;
	if (v->overlay_scroll > last)
		v->overlay_scroll = last > 0 ? last : 0;
	if (W < MIN_W || H < MIN_H)
		return;
	struct frame_geom g;
	layout_geom(v, &g);
	/* many runs shown: the charts draw the run list's page only */
	size_t shown = 0;
	for (size_t i = 0; i < v->nruns && shown <= CHART_MAX_RUNS; i++)
		shown += !v->runs[i].hidden && model_run_listed(v, i);
	v->charts_paged = shown > CHART_MAX_RUNS;
	runs_page(v, g.gh > 1 ? (size_t)g.gh - 1 : 1);
	grid_scroll(v, &g);
}
