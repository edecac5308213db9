/* plot.h: glyph tiers inside the chart module (not part of the public API). */
#ifndef TAILBOARD_CHART_PLOT_H
#define TAILBOARD_CHART_PLOT_H

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

#endif
