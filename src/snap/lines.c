/* lines.c: series as Cairo paths. Millions of points cannot all go into
 * an SVG, and more than a few a pixel add nothing: each pixel column
 * keeps its first, lowest, highest and last point, in order, so spikes
 * survive as they do on the screen. */
#include <limits.h>
#include <math.h>
#include "snap_int.h"

static double px(const struct draw_box *b, double x)
{
	return b->x + (x - b->sc.x_lo) / (b->sc.x_hi - b->sc.x_lo) * b->w;
}

static double py(const struct draw_box *b, double v)
{
	return b->y + (1 - (v - b->sc.y_lo) / (b->sc.y_hi - b->sc.y_lo)) * b->h;
}

struct bucket {
	long col;               /* LONG_MIN: empty */
	double x[4], y[4];      /* first, lo, hi, last */
	size_t at[4];
	bool open;              /* a subpath is going */
};

static void flush(cairo_t *cr, struct bucket *k)
{
	if (k->col == LONG_MIN)
		return;
	int order[4] = { 0, 1, 2, 3 };
	if (k->at[2] < k->at[1]) {
		order[1] = 2;
		order[2] = 1;
	}
	for (int i = 0; i < 4; i++) {
		int j = order[i];
		if (!k->open) {
			cairo_move_to(cr, k->x[j], k->y[j]);
			k->open = true;
		} else {
			cairo_line_to(cr, k->x[j], k->y[j]);
		}
	}
	k->col = LONG_MIN;
}

static void add(cairo_t *cr, struct bucket *k, double x, double y, size_t i)
{
	long col = lround(floor(x));
	if (col != k->col) {
		flush(cr, k);
		k->col = col;
		for (int j = 0; j < 4; j++) {
			k->x[j] = x;
			k->y[j] = y;
			k->at[j] = i;
		}
		return;
	}
	if (y > k->y[1]) { k->x[1] = x; k->y[1] = y; k->at[1] = i; }   /* lower on the page */
	if (y < k->y[2]) { k->x[2] = x; k->y[2] = y; k->at[2] = i; }
	k->x[3] = x;
	k->y[3] = y;
	k->at[3] = i;
}

/* The points in the window and one either side, so lines run to the edge. */
static void span(const struct draw_box *b, const struct chart_series *cs, const struct series_cache *c,
		 size_t *lo, size_t *hi)
{
	size_t a = chart_nearest(c, b->sc.x_lo, b->xmode, cs->x_offset);
	size_t z = chart_nearest(c, b->sc.x_hi, b->xmode, cs->x_offset);
	*lo = a > 0 ? a - 1 : 0;
	*hi = z + 2 < c->n ? z + 2 : c->n;
}

void lines_path(cairo_t *cr, const struct draw_box *b, const struct chart_series *cs, const struct series_cache *c,
		bool smoothed)
{
	struct bucket k = { .col = LONG_MIN };
	size_t lo, hi;
	if (!c || !c->n)
		return;
	span(b, cs, c, &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		double y = chart_ytrans(smoothed ? cache_smooth(c, i) : cache_value(c, i), b->logy);
		if (!isfinite(y)) {
			flush(cr, &k);
			k.open = false;         /* NaN, inf, log of <= 0: a gap */
			continue;
		}
		add(cr, &k, px(b, chart_x(c, i, b->xmode, cs->x_offset)), py(b, y), i);
	}
	flush(cr, &k);
}

void lines_band(cairo_t *cr, const struct draw_box *b, const struct chart_series *cs, bool smoothed)
{
	const struct series_cache *l = cs->band_lo, *h = cs->band_hi;
	if (!l || !h || !l->n || l->n != h->n)
		return;
	size_t lo, hi;
	span(b, cs, l, &lo, &hi);
	bool open = false;
	for (size_t i = lo; i < hi; i++) {
		double y = chart_ytrans(smoothed ? cache_smooth(h, i) : cache_value(h, i), b->logy);
		if (!isfinite(y))
			continue;
		double x = px(b, chart_x(l, i, b->xmode, cs->x_offset));
		if (open)
			cairo_line_to(cr, x, py(b, y));
		else
			cairo_move_to(cr, x, py(b, y));
		open = true;
	}
	for (size_t i = hi; open && i-- > lo;) {
		double y = chart_ytrans(smoothed ? cache_smooth(l, i) : cache_value(l, i), b->logy);
		if (isfinite(y))
			cairo_line_to(cr, px(b, chart_x(l, i, b->xmode, cs->x_offset)), py(b, y));
	}
	if (open)
		cairo_close_path(cr);
}
