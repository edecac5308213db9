/* axes.c: what surrounds a chart's plot: the y and x axes with their
 * ticks and labels, the title with the best value across runs, the
 * legend. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "plot.h"

static void y_axis(struct frame *f, int gx, int ph_cells, const struct chart_view *v)
{
	double t[32], st = 0;
	int maxy = ph_cells / 2 + 1;
	if (maxy > 8) maxy = 8;
	if (maxy < 2) maxy = 2;
	uint32_t vbar = v->braille ? 0x2502 : '|', tick = v->braille ? 0x2524 : '+';
	for (int r = 0; r < ph_cells; r++)
		canvas_put(f->cv, gx + GUTTER - 1, f->pa.y + r, vbar, 0, CELL_DIM);
	int n = v->logy ? ticks_log(f->ylo, f->yhi, maxy, t) : ticks_linear(f->ylo, f->yhi, maxy, t, &st);
	for (int i = 0; i < n; i++) {
		char buf[32];
		if (v->logy)
			label_number(pow(10, t[i]), 0, buf, sizeof buf);
		else
			label_number(t[i], st, buf, sizeof buf);
		int row = py_of(f, t[i]) / f->sy;
		int len = (int)strlen(buf);
		if (len > GUTTER - 1) len = GUTTER - 1;
		canvas_text(f->cv, gx + GUTTER - 1 - len, f->pa.y + row, buf, len, 0, 0);
		canvas_put(f->cv, gx + GUTTER - 1, f->pa.y + row, tick, 0, CELL_DIM);
	}
}

/* The local date of t, as a day number, to see where days change. */
static long local_day(double t)
{
	time_t tt = (time_t)floor(t);
	struct tm tm;
	if (!localtime_r(&tt, &tm))
		return 0;
	return (long)tm.tm_year * 400 + tm.tm_yday;
}

/* The x axis's name: the unit, or in wall-clock mode the local date. */
static void x_name(const struct frame *f, const struct chart_view *v, char *buf, size_t cap)
{
	if (v->xmode == XMODE_WALL)
		label_date(f->xlo, buf, cap);
	else
		snprintf(buf, cap, "%s", v->xmode == XMODE_STEP ? "step" : "rel");
}

static int x_ticks(const struct frame *f, const struct chart_view *v, int maxx, double *t, double *st)
{
	switch (v->xmode) {
	case XMODE_STEP: return ticks_steps(f->xlo, f->xhi, maxx, t, st);
	case XMODE_WALL: return ticks_wall(f->xlo, f->xhi, maxx, t, st);
	default: return ticks_time(f->xlo, f->xhi, maxx, t, st);
	}
}

static void x_label(const struct frame *f, const struct chart_view *v, double t, double st, long *day,
		    char *buf, size_t cap)
{
	if (v->xmode == XMODE_STEP) {
		label_number(t, st, buf, cap);
	} else if (v->xmode == XMODE_RELATIVE) {
		label_duration(t, buf, cap);
	} else {
		/* a day the axis did not start on is named where it begins */
		long d = local_day(t);
		bool newday = d != *day && st < 86400 && local_day(f->xlo) != local_day(f->xhi);
		*day = d;
		char date[16] = "", clock[16];
		if (newday)
			label_date(t, date, sizeof date);
		label_clock(t, st, clock, sizeof clock);
		snprintf(buf, cap, "%s%s%s", date, *date ? " " : "", clock);
	}
}

void axes_draw(struct frame *f, int gx, int ph_cells, int xrow, const struct chart_view *v)
{
	double t[32], st = 0;
	char buf[32];
	y_axis(f, gx, ph_cells, v);
	/* x labels, left to right, skipping those that would overlap */
	x_name(f, v, buf, sizeof buf);
	canvas_text(f->cv, gx, xrow, buf, GUTTER - 1, 0, CELL_DIM);
	int pw_cells = f->pa.pw / f->sx;
	int maxx = pw_cells / 9 + 1;
	if (maxx > 16) maxx = 16;
	int n = x_ticks(f, v, maxx, t, &st);
	int end = gx + GUTTER;
	long day = local_day(f->xlo);
	for (int i = 0; i < n; i++) {
		x_label(f, v, t[i], st, &day, buf, sizeof buf);
		int col = f->pa.x + (int)floor(px_of(f, t[i]) / f->sx);
		int len = (int)strlen(buf);
		int at = col - len / 2;
		if (at < end)
			at = end;
		if (at + len > f->pa.x + pw_cells)
			at = f->pa.x + pw_cells - len;
		if (at < end)
			continue;
		canvas_text(f->cv, at, xrow, buf, len, 0, 0);
		end = at + len + 1;
	}
}

/* x of a step in the chart's mode: in time modes, the time of the
 * series' point at that step (or the nearest); NAN when it has none. */
static double step_x(const struct chart_series *cs, int64_t step, const struct chart_view *v)
{
	if (v->xmode == XMODE_STEP)
		return (double)step;
	size_t i = chart_nearest(cs->cache, (double)step, XMODE_STEP, 0);
	return i == SIZE_MAX ? NAN : chart_x(cs->cache, i, v->xmode, cs->x_offset);
}

void axes_checkpoints(struct frame *f, int xrow, const struct chart_series *ss, size_t n, const struct chart_view *v)
{
	int cells = f->pa.pw / f->sx;
	/* the selected run's last, so they are on top (pinned runs': later still) */
	for (int pass = 0; pass < 4; pass++)
		for (size_t i = 0; i < n; i++) {
			if (pass != 2 * ss[i].pinned + ss[i].selected)
				continue;
			for (size_t k = 0; k < ss[i].nckpt; k++) {
				double x = step_x(&ss[i], ss[i].ckpt[k], v);
				if (!(x >= f->xlo && x <= f->xhi))
					continue;
				int col = (int)floor(px_of(f, x) / f->sx);
				col = col < 0 ? 0 : col >= cells ? cells - 1 : col;
				struct cell *c = canvas_at(f->cv, f->pa.x + col, xrow);
				if (!c)
					continue;
				if (!c->ch || c->attr & CELL_MARK)
					canvas_put(f->cv, f->pa.x + col, xrow, v->braille ? 0x2579 : '|', ss[i].color,
						   CELL_BOLD | CELL_MARK);
				else
					c->attr |= CELL_UNDERLINE | CELL_BOLD;
			}
		}
}

/* The value a series stands for in a title or legend: its best, or its
 * last in step order when its tag has no best direction. */
static double standing(const struct chart_series *cs)
{
	const struct series *s = cs->s;
	if (s->best != SIZE_MAX)
		return series_value(s, s->best);
	return cs->cache && cs->cache->n ? cache_value(cs->cache, cs->cache->n - 1) : NAN;
}

/* The series with the best value over all of them, NULL when none has one. */
static const struct chart_series *best_of(const struct chart_series *ss, size_t n)
{
	const struct chart_series *b = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct series *s = ss[i].s;
		if (s->best == SIZE_MAX)
			continue;
		double v = series_value(s, s->best), bv = b ? series_value(b->s, b->s->best) : 0;
		if (!b || (s->dir == BEST_MAX ? v > bv : v < bv) || (v == bv && ss[i].selected))
			b = &ss[i];
	}
	return b;
}

static int put(struct canvas *cv, int x, int y, int w, const char *s, int color, int attr)
{
	return w > 0 ? canvas_text(cv, x, y, s, w, color, attr) : 0;
}

/* A title segment whole or not at all: the longest of the forms that fits. */
static int put_whole(struct canvas *cv, int x, int y, int w, const char *a, const char *b, int color)
{
	int la = (int)strlen(a), lb = b ? (int)strlen(b) : 0;
	if (la <= w)
		return put(cv, x, y, w, a, color, 0);
	return b && lb <= w ? put(cv, x, y, w, b, color, 0) : 0;
}

void axes_title(struct canvas *cv, int x, int y, int w, const char *title, const struct chart_series *ss, size_t n)
{
	int used = canvas_text(cv, x, y, title, w, 0, CELL_BOLD);
	const struct chart_series *best = best_of(ss, n), *sel = NULL;
	char val[32], buf[160];
	for (size_t i = 0; i < n; i++)
		if (ss[i].selected)
			sel = &ss[i];
	if (best) {
		const struct series *s = best->s;
		char shortform[160];
		label_value(series_value(s, s->best), val, sizeof val);
		int k = snprintf(buf, sizeof buf, "  best %s @ %lld", val, (long long)series_step(s, s->best));
		snprintf(shortform, sizeof shortform, "%s", buf);
		if (n > 1 && best->name)
			snprintf(buf + k, sizeof buf - (size_t)k, " (%s)", best->name);
		used += put_whole(cv, x + used, y, w - used, buf, shortform, best->color);
	}
	/* the selected run's own, when it is not the best */
	if (!sel && !best && n)
		sel = &ss[0];
	if (sel && sel != best && isfinite(standing(sel))) {
		label_value(standing(sel), val, sizeof val);
		snprintf(buf, sizeof buf, "  %s %s%s", sel->name ? sel->name : "", best ? "" : "last ", val);
		put_whole(cv, x + used, y, w - used, buf, NULL, sel->color);
	}
}

/* Legend order: pinned runs first, then the selected run, then best first. */
static int cmp_legend(const void *a, const void *b)
{
	const struct chart_series *x = *(const struct chart_series *const *)a, *y = *(const struct chart_series *const *)b;
	if (x->pinned != y->pinned)
		return x->pinned ? -1 : 1;
	if (x->selected != y->selected)
		return x->selected ? -1 : 1;
	double u = standing(x), v = standing(y);
	if (isnan(u) || isnan(v))
		return isnan(u) - isnan(v);
	bool hi = x->s->dir != BEST_MIN;
	return u == v ? 0 : (u > v) == hi ? -1 : 1;
}

void axes_legend(struct canvas *cv, int x, int y, int w, const struct chart_series *ss, size_t n, bool braille)
{
	const struct chart_series **order = malloc((n ? n : 1) * sizeof *order);
	if (!order)
		return;
	for (size_t i = 0; i < n; i++)
		order[i] = &ss[i];
	qsort(order, n, sizeof *order, cmp_legend);
	int at = x;
	for (size_t i = 0; i < n; i++) {
		const struct chart_series *cs = order[i];
		char val[32], buf[160], more[32];
		label_value(standing(cs), val, sizeof val);
		if (cs->s->best != SIZE_MAX)
			snprintf(buf, sizeof buf, "%s %s@%lld", cs->name ? cs->name : "", val,
				 (long long)series_step(cs->s, cs->s->best));
		else
			snprintf(buf, sizeof buf, "%s %s", cs->name ? cs->name : "", val);
		/* room for this one, and for "+N more" after it unless it is the last */
		int len = (int)strlen(buf) + 2;
		int tail = i + 1 < n ? snprintf(more, sizeof more, "+%zu more", n - i - 1) : 0;
		if (at + len + tail > x + w) {
			snprintf(more, sizeof more, "+%zu more", n - i);
			put(cv, at, y, x + w - at, more, 0, CELL_DIM);
			break;
		}
		canvas_put(cv, at, y, cs->glyph ? cs->glyph : braille ? 0x25a0 : '#', cs->color, 0);
		at += 1 + canvas_text(cv, at + 1, y, buf, x + w - at - 1, cs->color, 0) + 1;
	}
	free(order);
}

void axes_scale(const struct frame *f, const struct chart_view *v, int maxx, int maxy, struct chart_scale *out)
{
	double t[32], st = 0;
	out->x_lo = f->xlo;
	out->x_hi = f->xhi;
	out->y_lo = f->ylo;
	out->y_hi = f->yhi;
	x_name(f, v, out->x_name, sizeof out->x_name);
	int n = x_ticks(f, v, TB_MIN(maxx, 16), t, &st);
	long day = local_day(f->xlo);
	for (int i = 0; i < n; i++) {
		out->xt[i].v = t[i];
		x_label(f, v, t[i], st, &day, out->xt[i].label, sizeof out->xt[i].label);
	}
	out->nx = n;
	n = v->logy ? ticks_log(f->ylo, f->yhi, TB_MIN(maxy, 16), t) : ticks_linear(f->ylo, f->yhi, TB_MIN(maxy, 16), t, &st);
	for (int i = 0; i < n; i++) {
		out->yt[i].v = t[i];
		label_number(v->logy ? pow(10, t[i]) : t[i], v->logy ? 0 : st, out->yt[i].label, sizeof out->yt[i].label);
	}
	out->ny = n;
}

void chart_legend_order(const struct chart_series *ss, size_t n, const struct chart_series **order)
{
	for (size_t i = 0; i < n; i++)
		order[i] = &ss[i];
	qsort(order, n, sizeof *order, cmp_legend);
}

void chart_legend_text(const struct chart_series *cs, char *buf, size_t cap)
{
	char val[32];
	label_value(standing(cs), val, sizeof val);
	if (cs->s->best != SIZE_MAX)
		snprintf(buf, cap, "%s %s@%lld", cs->name ? cs->name : "", val, (long long)series_step(cs->s, cs->s->best));
	else
		snprintf(buf, cap, "%s %s", cs->name ? cs->name : "", val);
}

const struct chart_series *chart_title_note(const struct chart_series *ss, size_t n, char *buf, size_t cap)
{
	const struct chart_series *best = best_of(ss, n);
	char val[32];
	*buf = 0;
	if (!best)
		return NULL;
	label_value(series_value(best->s, best->s->best), val, sizeof val);
	int k = snprintf(buf, cap, "best %s @ %lld", val, (long long)series_step(best->s, best->s->best));
	if (n > 1 && best->name && k > 0 && (size_t)k < cap)
		snprintf(buf + k, cap - (size_t)k, " (%s)", best->name);
	return best;
}
