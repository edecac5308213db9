/* plot.h: glyph tiers inside the chart module (not part of the public API). */
#ifndef TAILBOARD_CHART_PLOT_H
#define TAILBOARD_CHART_PLOT_H

#include <math.h>
#include "tailboard/chart.h"

/* The plot rectangle in cells and its pixel size (braille 2x4, ASCII 1x3). */
struct plot_area {
	int x, y;               /* top-left cell */
	int pw, ph;             /* pixels */
	bool braille;
};

struct plot_style {
	int color, attr;
	uint32_t glyph;         /* run glyph when colours are off, else 0 */
	bool mark;              /* braille: stamp the glyph on this column */
};

/* One pixel column: pixels lo..hi (0 = top); in/out are the pixel rows the
 * line enters and leaves by (in < 0: no line enters). */
void plot_span(struct canvas *cv, const struct plot_area *pa, int px, int lo, int hi,
		int in, int out, const struct plot_style *st);
void plot_dot(struct canvas *cv, const struct plot_area *pa, int px, int py, int color, int attr);

#define GUTTER 7        /* y labels (6 cells) + the axis */

/* One chart being drawn: its plot area and the data window it shows. */
struct frame {
	struct canvas *cv;
	struct plot_area pa;
	double xlo, xhi, ylo, yhi;
	int sx, sy;
};

static inline int py_of(const struct frame *f, double v)
{
	if (!isfinite(v) || v < f->ylo)
		return f->pa.ph - 1;        /* log of <= 0 and outliers: clipped */
	double t = (v - f->ylo) / (f->yhi - f->ylo);
	if (t > 1) t = 1;
	return (int)lround((1 - t) * (f->pa.ph - 1));
}

static inline double px_of(const struct frame *f, double x)
{
	return (x - f->xlo) / (f->xhi - f->xlo) * f->pa.pw;
}


static inline double ytrans(double v, bool logy)
{
	if (!logy)
		return v;
	return v > 0 ? log10(v) : -INFINITY;
}


/* x of a point in the given mode. */
double chart_x_of(enum chart_xmode m, int64_t step, double wall, double off);

/* axes.c: the decoration around the plot. */
void axes_draw(struct frame *f, int gx, int ph_cells, int xrow, const struct chart_view *v);
void axes_title(struct canvas *cv, int x, int y, int w, const char *title, const struct chart_series *ss, size_t n);
/* Each series' checkpoints on the x axis row: a tick in the run's colour,
 * or the x label under it underlined. */
void axes_checkpoints(struct frame *f, int xrow, const struct chart_series *ss, size_t n, const struct chart_view *v);
/* The windows of f and its ticks and labels as axes_draw picks them. */
void axes_scale(const struct frame *f, const struct chart_view *v, int maxx, int maxy, struct chart_scale *out);
void axes_legend(struct canvas *cv, int x, int y, int w, const struct chart_series *ss, size_t n, bool braille);

/* band.c: a group's band behind its line. */
struct band_col {
	double lo, hi;
	bool has;
};
void band_decimate(const struct chart_series *cs, bool sm, bool logy, const size_t *bounds, int pw,
		   struct band_col *out);
void band_draw(struct frame *f, const struct chart_series *cs, const struct band_col *bc, bool braille);

#endif
