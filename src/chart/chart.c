/* chart.c: one chart: decimate every series to the pixel columns the plot
 * has (min and max per column, so spikes survive), pick the y range, then
 * draw axes, lines, best-step markers, NaN marks and the cursor into the
 * canvas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plot.h"


struct col {
	double lo, hi, first, last;
	bool has;
};

void chart_view_init(struct chart_view *v)
{
	memset(v, 0, sizeof(*v));
	v->zoom_lo = 0;
	v->zoom_hi = 1;
	v->cursor_x = NAN;
	v->best_marks = true;
}

int chart_plot_width(int w)
{
	return w - GUTTER;
}

const char *chart_xmode_name(enum chart_xmode m)
{
	switch (m) {
	case XMODE_RELATIVE: return "relative";
	case XMODE_WALL: return "wall";
	default: return "step";
	}
}

double chart_x_of(enum chart_xmode m, int64_t step, double wall, double off)
{
	return m == XMODE_STEP ? (double)step : wall - off;
}

/* Read only the column the mode needs: a search over a million points
 * misses the cache at every probe, and a second column doubles that. */
static inline double xat(const struct series_cache *c, size_t i, enum chart_xmode m, double off)
{
	if (m == XMODE_STEP)
		return (double)(c->sorted ? series_step(c->s, i) : c->step[i]);
	return (c->sorted ? series_wall(c->s, i) : c->wall[i]) - off;
}

double chart_x(const struct series_cache *c, size_t i, enum chart_xmode m, double off)
{
	return xat(c, i, m, off);
}

/* First index in [a, b) whose x >= x, else b (x grows with the index). */
static size_t search(const struct series_cache *c, double x, enum chart_xmode m, double off,
		size_t a, size_t b)
{
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (xat(c, mid, m, off) < x)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

static size_t lower_bound(const struct series_cache *c, double x, enum chart_xmode m, double off)
{
	return search(c, x, m, off, 0, c->n);
}

/* The same within [a, b), starting from where x would be if points were
 * evenly spread, then galloping: a few probes on regular logs. */
static size_t search_near(const struct series_cache *c, double x, enum chart_xmode m, double off,
		size_t a, size_t b)
{
	if (b - a < 16)
		return search(c, x, m, off, a, b);
	double xa = xat(c, a, m, off), xb = xat(c, b - 1, m, off);
	size_t g = a;
	if (xb > xa && x > xa) {
		double t = (x - xa) / (xb - xa);
		g = t >= 1 ? b - 1 : a + (size_t)(t * (double)(b - 1 - a));
	}
	size_t step = 1;
	if (xat(c, g, m, off) < x) {
		size_t lo = g + 1;  /* x(lo - 1) < x */
		while (lo + step < b && xat(c, lo + step - 1, m, off) < x) {
			lo += step;
			step *= 2;
		}
		return search(c, x, m, off, lo, lo + step < b ? lo + step : b);
	}
	size_t hi = g;      /* x(hi) >= x */
	while (hi > a + step && xat(c, hi - step, m, off) >= x) {
		hi -= step;
		step *= 2;
	}
	return search(c, x, m, off, hi > a + step ? hi - step : a, hi);
}

size_t chart_nearest(const struct series_cache *c, double x, enum chart_xmode m, double off)
{
	if (!c || c->n == 0)
		return SIZE_MAX;
	size_t i = lower_bound(c, x, m, off);
	if (i == c->n)
		return i - 1;
	if (i > 0 && x - chart_x(c, i - 1, m, off) <= chart_x(c, i, m, off) - x)
		return i - 1;
	return i;
}

bool chart_extent(const struct chart_series *ss, size_t n, enum chart_xmode m,
		double *lo, double *hi)
{
	double l = INFINITY, h = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		const struct series_cache *c = ss[i].cache;
		if (!c || c->n == 0)
			continue;
		double a = chart_x(c, 0, m, ss[i].x_offset), b = chart_x(c, c->n - 1, m, ss[i].x_offset);
		if (a < l) l = a;
		if (b > h) h = b;
	}
	*lo = l;
	*hi = h;
	return l <= h;
}

/* First finite value scanning from i by dir within [a, b). */
static double finite_at(const struct series_cache *c, bool sm, size_t i, size_t a, size_t b, int dir)
{
	for (size_t k = i; k >= a && k < b; k += (size_t)(ptrdiff_t)dir) {
		double v = sm ? cache_smooth(c, k) : cache_value(c, k);
		if (isfinite(v))
			return v;
		if (k == 0 && dir < 0)
			break;
	}
	return NAN;
}

/* Where each of the pw columns over [xlo, xhi) starts in the series:
 * bounds[k] for column k, bounds[pw] the end. When a column holds many
 * points, inner bounds snap to min/max blocks (at most 1/32 of a column,
 * less than a pixel), so a column is a handful of block lookups rather
 * than a walk down to single points at both ends. */
static void col_bounds(const struct chart_series *cs, enum chart_xmode m, double xlo, double xhi,
		int pw, size_t *bounds)
{
	const struct series_cache *c = cs->cache;
	size_t a = lower_bound(c, xlo, m, cs->x_offset);
	size_t end = lower_bound(c, nextafter(xhi, INFINITY), m, cs->x_offset);
	size_t span = (end - a) / (size_t)pw, align = 1;
	while (align * 2 <= span / 32)
		align *= 2;
	if (align < 8)
		align = 1;
	double dx = (xhi - xlo) / pw;
	bounds[0] = a;
	for (int k = 1; k < pw; k++) {
		size_t b = search_near(c, xlo + k * dx, m, cs->x_offset, a, end);
		if (align > 1) {
			size_t r = (b + align / 2) & ~(align - 1);
			b = r < a ? a : r > end ? end : r;
		}
		bounds[k] = a = b;
	}
	bounds[pw] = end;
}

/* Decimate one series into pw columns along bounds. */
static void decimate(const struct chart_series *cs, bool sm, bool logy, const size_t *bounds,
		int pw, struct col *cols)
{
	const struct series_cache *c = cs->cache;
	for (int k = 0; k < pw; k++) {
		size_t a = bounds[k], b = bounds[k + 1];
		struct col *o = &cols[k];
		o->has = false;
		double lo, hi;
		if (a < b && cache_minmax(c, sm, a, b, &lo, &hi)) {
			o->lo = ytrans(lo, logy);
			o->hi = ytrans(hi, logy);
			o->first = ytrans(finite_at(c, sm, a, a, b, 1), logy);
			o->last = ytrans(finite_at(c, sm, b - 1, a, b, -1), logy);
			o->has = true;
		}
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The y range from the decimated lines: all of it, or 5th-95th percentile. */
static bool y_range(const struct col *cols, size_t ncols, bool outliers, double *lo, double *hi)
{
	double l = INFINITY, h = -INFINITY;
	size_t nv = 0;
	double *vals = outliers ? malloc(ncols * 2 * sizeof *vals) : NULL;
	for (size_t i = 0; i < ncols; i++) {
		if (!cols[i].has)
			continue;
		if (isfinite(cols[i].lo)) {
			if (cols[i].lo < l) l = cols[i].lo;
			if (vals) vals[nv++] = cols[i].lo;
		}
		if (isfinite(cols[i].hi)) {
			if (cols[i].hi > h) h = cols[i].hi;
			if (vals) vals[nv++] = cols[i].hi;
		}
	}
	if (vals && nv >= 8) {
		qsort(vals, nv, sizeof *vals, cmp_double);
		l = vals[(size_t)floor(0.05 * (double)(nv - 1))];
		h = vals[(size_t)ceil(0.95 * (double)(nv - 1))];
	}
	free(vals);
	if (!(l <= h))
		return false;
	if (!(h > l)) {
		double pad = fabs(l) > 0 ? fabs(l) * 0.1 : 1;
		l -= pad;
		h += pad;
	} else {
		double pad = (h - l) * 0.03;  /* keep lines off the frame */
		l -= pad;
		h += pad;
	}
	*lo = l;
	*hi = h;
	return true;
}

/* Connected line through the columns, bridged across empty columns and
 * to the points just outside the window. */
static void draw_line(struct frame *f, const struct chart_series *cs, const struct col *cols,
		const size_t *bounds, bool sm, const struct chart_view *v, int attr, int stagger)
{
	const struct series_cache *c = cs->cache;
	struct plot_style st = { cs->color, attr, cs->glyph, false };
	int pw = f->pa.pw;
	/* the point before the window, as a virtual column */
	double pc = -1e9;
	int py_prev = -1;
	size_t a = bounds[0];
	if (a > 0) {
		double y = ytrans(sm ? cache_smooth(c, a - 1) : cache_value(c, a - 1), v->logy);
		if (isfinite(y)) {
			pc = floor(px_of(f, chart_x(c, a - 1, v->xmode, cs->x_offset)));
			py_prev = py_of(f, y);
		}
	}
	/* runs stamp their glyphs at different columns, so each shows */
	int next_mark = (stagger % 4) * 3;
	for (int k = 0; k <= pw; k++) {
		int ylo_px, yhi_px, yfirst, ylast;
		if (k < pw) {
			if (!cols[k].has || !isfinite(cols[k].first))
				continue;
			ylo_px = py_of(f, cols[k].hi);
			yhi_px = py_of(f, cols[k].lo);
			yfirst = py_of(f, cols[k].first);
			ylast = py_of(f, cols[k].last);
		} else {
			/* the point after the window closes the line at the right edge */
			size_t b = bounds[pw];
			if (b >= c->n || py_prev < 0)
				break;
			double y = ytrans(sm ? cache_smooth(c, b) : cache_value(c, b), v->logy);
			if (!isfinite(y))
				break;
			double pk = ceil(px_of(f, chart_x(c, b, v->xmode, cs->x_offset)));
			yfirst = py_of(f, y);
			int from = (int)TB_MAX(pc + 1, 0);
			for (int j = from; j < pw; j++) {
				int yj = py_prev + (int)lround((yfirst - py_prev) * (j - pc) / (pk - pc));
				int yp = py_prev + (int)lround((yfirst - py_prev) * (j - 1 - pc) / (pk - pc));
				plot_span(f->cv, &f->pa, j, TB_MIN(yp, yj), TB_MAX(yp, yj), yp, yj, &st);
			}
			break;
		}
		int entry = -1;
		if (py_prev >= 0) {
			/* bridge empty columns between the previous point and this one */
			int from = (int)TB_MAX(pc + 1, 0);
			int yp = py_prev;
			for (int j = from; j < k; j++) {
				int yj = py_prev + (int)lround((double)(yfirst - py_prev) * (j - pc) / (k - pc));
				plot_span(f->cv, &f->pa, j, TB_MIN(yp, yj), TB_MAX(yp, yj), yp, yj, &st);
				yp = yj;
			}
			entry = k - 1 > pc ? yp : py_prev;
			/* ASCII cells are coarse: meet the previous column halfway so
			 * slopes come out one glyph thick */
			if (!v->braille && entry != yfirst)
				entry = (entry + yfirst + (yfirst > entry ? 1 : 0)) / 2;
		}
		int lo = ylo_px, hi = yhi_px;
		if (entry >= 0) {
			if (entry < lo) lo = entry;
			if (entry > hi) hi = entry;
		}
		/* without colours, stamp the run's glyph now and then (braille),
		 * on the line drawn in full, not on the faint raw one */
		st.mark = cs->glyph && !(attr & CELL_DIM) && k >= next_mark;
		if (st.mark)
			next_mark = k + 12;
		plot_span(f->cv, &f->pa, k, lo, hi, entry >= 0 ? entry : yfirst, ylast, &st);
		st.mark = false;
		pc = k;
		py_prev = ylast;
	}
}

static void draw_best(struct frame *f, const struct chart_series *cs, const struct chart_view *v)
{
	const struct series *s = cs->s;
	if (s->best == SIZE_MAX || s->best >= s->n)
		return;
	double x = chart_x_of(v->xmode, series_step(s, s->best), series_wall(s, s->best), cs->x_offset);
	if (x < f->xlo || x > f->xhi)
		return;
	double px = px_of(f, x);
	int col = (int)floor(px);
	if (col >= f->pa.pw) col = f->pa.pw - 1;
	int row = py_of(f, ytrans(series_value(s, s->best), v->logy));
	canvas_put(f->cv, f->pa.x + col / f->sx, f->pa.y + row / f->sy,
			v->braille ? 0x25c6 : '@', cs->color, CELL_BOLD);
}

/* NaN and inf points have no y: a reversed '!' on the plot's top row at
 * their x, in the run's colour, so they show in every tier, colour or not. */
static void draw_nonfinite(struct frame *f, const struct chart_series *cs, const struct chart_view *v)
{
	const struct series_cache *c = cs->cache;
	int cells = f->pa.pw / f->sx;
	for (size_t r = 0; r < c->nnf; r++) {
		double xa = chart_x(c, c->nf[r][0], v->xmode, cs->x_offset);
		double xb = chart_x(c, c->nf[r][1] - 1, v->xmode, cs->x_offset);
		if (xb < f->xlo || xa > f->xhi)
			continue;
		int ca = (int)floor(px_of(f, TB_MAX(xa, f->xlo)) / f->sx);
		int cb = (int)floor(px_of(f, TB_MIN(xb, f->xhi)) / f->sx);
		for (int col = TB_MAX(ca, 0); col <= TB_MIN(cb, cells - 1); col++)
			canvas_put(f->cv, f->pa.x + col, f->pa.y, '!', cs->color, CELL_BOLD | CELL_REVERSE);
	}
}

/* Every series decimated to the plot's columns: raw (and smoothed) min,
 * max, first and last per column, and where each column starts. */
struct decimated {
	struct col *cols;       /* 2 x pw a series: raw, then smoothed */
	size_t *bounds;         /* pw + 1 a series */
	struct band_col *band;  /* pw a series, for those with a band */
};

static int decimate_all(const struct frame *f, const struct chart_series *ss, size_t n,
			const struct chart_view *v, struct decimated *d)
{
	int pw = f->pa.pw;
	bool sm = v->smoothing > 0;
	d->cols = malloc((size_t)pw * 2 * (n ? n : 1) * sizeof *d->cols);
	d->bounds = malloc(((size_t)pw + 1) * (n ? n : 1) * sizeof *d->bounds);
	d->band = calloc((size_t)pw * (n ? n : 1), sizeof *d->band);
	if (!d->cols || !d->bounds || !d->band)
		return TB_NOMEM;
	/* one set of column bounds a series serves the raw and smoothed lines */
	for (size_t i = 0; i < n; i++) {
		size_t *bd = d->bounds + i * ((size_t)pw + 1);
		col_bounds(&ss[i], v->xmode, f->xlo, f->xhi, pw, bd);
		decimate(&ss[i], false, v->logy, bd, pw, d->cols + (2 * i) * (size_t)pw);
		if (sm)
			decimate(&ss[i], true, v->logy, bd, pw, d->cols + (2 * i + 1) * (size_t)pw);
		if (ss[i].band_lo && ss[i].band_hi)
			band_decimate(&ss[i], sm, v->logy, bd, pw, d->band + i * (size_t)pw);
	}
	return TB_OK;
}

/* The y range follows the smoothed lines when smoothing is on. */
static int pick_y(struct frame *f, const struct decimated *d, size_t n, const struct chart_view *v, bool *ok)
{
	int pw = f->pa.pw;
	bool sm = v->smoothing > 0;
	struct col *rng = calloc((size_t)pw * 2 * (n ? n : 1), sizeof *rng);
	if (!rng)
		return TB_NOMEM;
	for (size_t i = 0; i < n; i++)
		memcpy(rng + i * (size_t)pw, d->cols + (2 * i + (sm ? 1 : 0)) * (size_t)pw, (size_t)pw * sizeof *rng);
	/* and the bands, so they are not cut off */
	size_t nr = (size_t)pw * n;
	for (size_t i = 0; i < (size_t)pw * n; i++)
		if (d->band[i].has)
			rng[nr++] = (struct col){ d->band[i].lo, d->band[i].hi, 0, 0, true };
	*ok = y_range(rng, nr, v->outliers, &f->ylo, &f->yhi);
	free(rng);
	return TB_OK;
}

/* Raw lines dim behind, then smoothed; the selected run over the others,
 * pinned runs over all (the selected one of them last). */
static void draw_lines(struct frame *f, const struct chart_series *ss, size_t n, const struct decimated *d,
		       const struct chart_view *v)
{
	int pw = f->pa.pw;
	bool sm = v->smoothing > 0;
	for (int pass = 0; pass < 4; pass++)
		for (size_t i = 0; i < n; i++) {
			if (pass != 2 * ss[i].pinned + ss[i].selected)
				continue;
			int bold = ss[i].selected && n > 1 ? CELL_BOLD : 0;
			const size_t *bd = d->bounds + i * ((size_t)pw + 1);
			/* a group's band already shows its spread: no faint raw line */
			if (sm && !ss[i].band_lo)
				draw_line(f, &ss[i], d->cols + 2 * i * (size_t)pw, bd, false, v, CELL_DIM, (int)i);
			draw_line(f, &ss[i], d->cols + (2 * i + (sm ? 1 : 0)) * (size_t)pw, bd, sm, v, bold, (int)i);
		}
}

/* The cursor: a line down the plot at its x, when the window holds it. */
static void draw_cursor(struct frame *f, const struct chart_view *v, int pw_cells, int ph_cells)
{
	if (!(v->cursor_x >= f->xlo && v->cursor_x <= f->xhi))
		return;
	int col = (int)floor(px_of(f, v->cursor_x) / f->sx);
	if (col >= pw_cells)
		col = pw_cells - 1;
	for (int r = 0; r < ph_cells; r++) {
		struct cell *cl = canvas_at(f->cv, f->pa.x + col, f->pa.y + r);
		if (!cl)
			continue;
		if (!cl->ch)
			canvas_put(f->cv, f->pa.x + col, f->pa.y + r, v->braille ? 0x2502 : '|', 0, CELL_DIM);
		else
			cl->attr |= CELL_REVERSE;
	}
}

static bool none_finite(const struct chart_series *ss, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ss[i].s->nfinite)
			return false;
	return n > 0;
}

/* Points there, none finite: say so where the line would be, with the
 * NaN marks and checkpoints, rather than "no data". */
static void draw_all_nan(struct frame *f, const struct chart_series *ss, size_t n, const struct chart_view *v,
			 int xrow, struct chart_info *info)
{
	size_t pts = 0;
	bool inf = false;
	for (size_t i = 0; i < n; i++) {
		pts += ss[i].s->n;
		for (size_t r = 0; r < ss[i].cache->nnf && !inf; r++)
			inf = !isnan(cache_value(ss[i].cache, ss[i].cache->nf[r][0]));
		draw_nonfinite(f, &ss[i], v);
	}
	axes_checkpoints(f, xrow, ss, n, v);
	char buf[64];
	const char *what = inf ? "NaN or inf" : "NaN";
	if (pts == 1)
		snprintf(buf, sizeof buf, "its 1 point is %s", what);
	else
		snprintf(buf, sizeof buf, "all %zu points %s", pts, what);
	canvas_text(f->cv, f->pa.x + 1, f->pa.y + f->pa.ph / f->sy / 2, buf, f->pa.pw / f->sx - 1, 0, CELL_DIM);
	info->all_nan = pts;
}

/* The x window: the zoom's fraction of the series' extent. False (and
 * "no data") when there is no point. */
static bool pick_x(struct frame *f, const struct chart_series *ss, size_t n, const struct chart_view *v)
{
	double elo, ehi;
	if (!chart_extent(ss, n, v->xmode, &elo, &ehi))
		return false;
	double zl = v->zoom_lo, zh = v->zoom_hi;
	if (!(zh > zl)) { zl = 0; zh = 1; }
	f->xlo = elo + zl * (ehi - elo);
	f->xhi = elo + zh * (ehi - elo);
	if (!(f->xhi > f->xlo)) {
		f->xlo -= 0.5;
		f->xhi += 0.5;
	}
	return true;
}

int chart_render(struct canvas *cv, int x, int y, int w, int h, const char *title,
		const struct chart_series *ss, size_t n, const struct chart_view *v,
		struct chart_info *info)
{
	struct chart_info dummy;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof *info);
	info->empty = true;
	if (w < 2 || h < 1)
		return TB_OK;
	axes_title(cv, x, y, w, title, ss, n);
	bool legend = v->legend && h >= 8;
	int xrow = y + h - 1 - (legend ? 1 : 0);
	int ph_cells = xrow - (y + 1);
	int pw_cells = w - GUTTER;
	if (ph_cells < 2 || pw_cells < 4)
		return TB_OK;
	struct frame f = { .cv = cv };
	f.sx = v->braille ? 2 : 1;
	f.sy = v->braille ? 4 : 3;
	f.pa = (struct plot_area){ x + GUTTER, y + 1, pw_cells * f.sx, ph_cells * f.sy, v->braille };
	struct decimated d = { NULL, NULL, NULL };
	bool ok = pick_x(&f, ss, n, v);
	int rc = ok ? decimate_all(&f, ss, n, v, &d) : TB_OK;
	if (rc == TB_OK && ok)
		rc = pick_y(&f, &d, n, v, &ok);
	if (rc == TB_OK && ok) {
		info->empty = false;
		info->x_lo = f.xlo;
		info->x_hi = f.xhi;
		info->plot_x = f.pa.x;
		info->plot_y = f.pa.y;
		info->plot_w = pw_cells;
		info->plot_h = ph_cells;
		axes_draw(&f, x, ph_cells, xrow, v);
		/* bands behind every line, the selected group's first */
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < n; i++)
				if (ss[i].band_lo && (pass == 0) == ss[i].selected)
					band_draw(&f, &ss[i], d.band + i * (size_t)pw_cells * (size_t)f.sx, v->braille);
		draw_lines(&f, ss, n, &d, v);
		for (size_t i = 0; v->best_marks && i < n; i++)
			draw_best(&f, &ss[i], v);
		for (size_t i = 0; i < n; i++)
			draw_nonfinite(&f, &ss[i], v);
		axes_checkpoints(&f, xrow, ss, n, v);
		if (isfinite(v->cursor_x))
			draw_cursor(&f, v, pw_cells, ph_cells);
		if (legend)
			axes_legend(cv, x, y + h - 1, w, ss, n, v->braille);
	} else if (rc == TB_OK && d.cols && none_finite(ss, n)) {
		draw_all_nan(&f, ss, n, v, xrow, info);
	} else if (rc == TB_OK) {
		canvas_text(cv, f.pa.x + 1, f.pa.y + ph_cells / 2, v->pending ? "computing..." : "no data", pw_cells, 0,
			    CELL_DIM);
	}
	free(d.cols);
	free(d.bounds);
	free(d.band);
	return rc;
}

/* The same decisions as chart_render without a canvas: a plot pw pixels
 * wide decimated the same way, so its y range is the one drawn. */
int chart_scale(const struct chart_series *ss, size_t n, const struct chart_view *v, int pw, int maxx, int maxy,
		struct chart_scale *out, bool *ok)
{
	memset(out, 0, sizeof *out);
	struct frame f = { .pa = { 0, 0, pw > 1 ? pw : 1, 1, false }, .sx = 1, .sy = 1 };
	struct decimated d = { NULL, NULL, NULL };
	*ok = pick_x(&f, ss, n, v);
	int rc = *ok ? decimate_all(&f, ss, n, v, &d) : TB_OK;
	if (rc == TB_OK && *ok)
		rc = pick_y(&f, &d, n, v, ok);
	free(d.cols);
	free(d.bounds);
	free(d.band);
	if (rc == TB_OK && *ok)
		axes_scale(&f, v, maxx, maxy, out);
	return rc;
}

double chart_ytrans(double v, bool logy)
{
	return ytrans(v, logy);
}
