/* cursor.c: the cursor, one x shared by every chart: it sits on a real
 * point of the selected run in the selected chart, and moves from point
 * to point. */
#include <math.h>
#include "view_int.h"

/* x of point i of s in mode m (relative time from the run's start). */
static double xat(const struct series *s, size_t i, enum chart_xmode m, double off)
{
	return m == XMODE_STEP ? (double)series_step(s, i) : series_wall(s, i) - off;
}

/* Run i's series of chart t; in the system pane a chart's devices share
 * their times (one stats record), so its first device stands for it. */
static const struct series *find(const struct view *v, size_t i, const struct view_tag *t)
{
	return v->system ? system_series(v->runs[i].run, t) : run_find_series(v->runs[i].run, t->tag, t->len);
}

/* The series the cursor walks in the selected chart: the selected run's,
 * else the first shown run's with points. */
static const struct series *walked(const struct view *v, double *off)
{
	const struct view_item *it = model_sel_item(v);
	if (!it || it->tag == SIZE_MAX)
		return NULL;
	const struct view_tag *t = &v->tags[it->tag];
	const struct series *pick = NULL;
	for (size_t i = 0; i < v->nruns; i++) {
		const struct series *s = find(v, i, t);
		if (!s || !s->n || !model_run_shown(v, i) || (pick && i != v->run_sel))
			continue;
		pick = s;
		*off = v->chart.xmode == XMODE_RELATIVE ? v->runs[i].first_wall : 0;
		if (i == v->run_sel)
			break;
	}
	return pick;
}

/* The point of s nearest x, and its neighbours in x order: points with
 * x below and above it (SIZE_MAX when none). */
static size_t nearest(const struct series *s, double x, enum chart_xmode m, double off, size_t *below,
		      size_t *above)
{
	size_t best = 0;
	*below = *above = SIZE_MAX;
	for (size_t i = 0; i < s->n; i++) {
		double xi = xat(s, i, m, off);
		if (fabs(xi - x) < fabs(xat(s, best, m, off) - x))
			best = i;
		if (xi < x && (*below == SIZE_MAX || xi > xat(s, *below, m, off)))
			*below = i;
		if (xi > x && (*above == SIZE_MAX || xi < xat(s, *above, m, off)))
			*above = i;
	}
	return best;
}

bool cursor_extent(const struct view *v, double *lo, double *hi)
{
	const struct view_item *it = model_sel_item(v);
	if (!it || it->tag == SIZE_MAX)
		return false;
	const struct view_tag *t = &v->tags[it->tag];
	double l = INFINITY, h = -INFINITY;
	for (size_t i = 0; i < v->nruns; i++) {
		const struct series *s = find(v, i, t);
		if (!s || !s->n || !model_run_shown(v, i))
			continue;
		double off = v->chart.xmode == XMODE_RELATIVE ? v->runs[i].first_wall : 0;
		/* in step order the ends are the extremes; otherwise look at all */
		size_t stride = s->sorted && s->n > 1 ? s->n - 1 : 1;
		for (size_t k = 0; k < s->n; k += stride) {
			double x = xat(s, k, v->chart.xmode, off);
			l = x < l ? x : l;
			h = x > h ? x : h;
		}
	}
	*lo = l;
	*hi = h;
	return l <= h;
}

void cursor_move(struct view *v, int d)
{
	double off = 0, lo, hi;
	const struct series *s = walked(v, &off);
	if (!s)
		return;
	enum chart_xmode m = v->chart.xmode;
	size_t below, above, k;
	if (!isfinite(v->chart.cursor_x)) {
		/* it shows up on the point nearest the middle of the window */
		double mid = xat(s, s->n - 1, m, off);
		if (cursor_extent(v, &lo, &hi))
			mid = lo + (v->chart.zoom_lo + v->chart.zoom_hi) / 2 * (hi - lo);
		k = nearest(s, mid, m, off, &below, &above);
	} else {
		/* the next point that way, from a point of this run's or another's */
		nearest(s, v->chart.cursor_x, m, off, &below, &above);
		k = d < 0 ? below : above;
		if (k == SIZE_MAX)
			return;
	}
	v->chart.cursor_x = xat(s, k, m, off);
}

void cursor_remode(struct view *v, enum chart_xmode from)
{
	double off_from = 0, off_to = 0;
	if (!isfinite(v->chart.cursor_x))
		return;
	enum chart_xmode to = v->chart.xmode;
	v->chart.xmode = from;
	const struct series *s = walked(v, &off_from);
	v->chart.xmode = to;
	if (!s || !walked(v, &off_to)) {
		v->chart.cursor_x = NAN;
		return;
	}
	size_t below, above, k = nearest(s, v->chart.cursor_x, from, off_from, &below, &above);
	v->chart.cursor_x = xat(s, k, to, off_to);
}
