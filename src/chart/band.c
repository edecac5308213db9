/* band.c: a group's band behind its mean line: per pixel column the
 * lowest low and highest high of the band's two series (smoothed like
 * the line when smoothing is on), bridged across columns without points
 * so a sparse group still reads as one band. Cells the band covers get a
 * light fill the lines then draw over: a braille dot or an ASCII line
 * glyph replaces it, so the line stays visible inside its band. */
#include "plot.h"

void band_decimate(const struct chart_series *cs, bool sm, bool logy, const size_t *bounds, int pw,
		   struct band_col *out)
{
	int prev = -1;
	for (int k = 0; k < pw; k++) {
		size_t a = bounds[k], b = bounds[k + 1];
		double lo, hi, l2, h2;
		out[k].has = a < b && cache_minmax(cs->band_lo, sm, a, b, &lo, &h2) &&
			     cache_minmax(cs->band_hi, sm, a, b, &l2, &hi);
		if (!out[k].has)
			continue;
		out[k].lo = ytrans(lo, logy);
		out[k].hi = ytrans(hi, logy);
		/* a column between two with points: on the line between them */
		for (int j = prev + 1; prev >= 0 && j < k; j++) {
			double t = (double)(j - prev) / (double)(k - prev);
			out[j].lo = out[prev].lo + (out[k].lo - out[prev].lo) * t;
			out[j].hi = out[prev].hi + (out[k].hi - out[prev].hi) * t;
			out[j].has = true;
		}
		prev = k;
	}
}

void band_draw(struct frame *f, const struct chart_series *cs, const struct band_col *bc, bool braille)
{
	/* light enough that a line shows through; without colours a dot, so
	 * the glyphs stamped on the lines stand out */
	uint32_t fill = braille ? (cs->glyph ? 0x00b7 : 0x2591) : (cs->glyph ? '.' : ':');
	for (int k = 0; k < f->pa.pw; k++) {
		if (!bc[k].has || !isfinite(bc[k].lo) || !isfinite(bc[k].hi))
			continue;
		int top = py_of(f, bc[k].hi) / f->sy, bot = py_of(f, bc[k].lo) / f->sy;
		int cx = f->pa.x + k / f->sx;
		for (int r = top; r <= bot; r++) {
			struct cell *c = canvas_at(f->cv, cx, f->pa.y + r);
			if (c && !c->ch)    /* the first band drawn keeps a shared cell */
				canvas_put(f->cv, cx, f->pa.y + r, fill, cs->color, CELL_DIM);
		}
	}
}
