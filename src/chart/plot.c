/* plot.c: the two glyph tiers. A series arrives as one vertical span of
 * pixels per pixel column (decimated and already connected to its
 * neighbours); braille sets 2x4 dots a cell, ASCII picks a line glyph by
 * where the span sits in the cell and which way the line goes. */
#include "plot.h"

static const uint8_t braille_bit[2][4] = {
	{ 0x01, 0x02, 0x04, 0x40 },
	{ 0x08, 0x10, 0x20, 0x80 },
};

void plot_dot(struct canvas *cv, const struct plot_area *pa, int px, int py, int color, int attr)
{
	if (px < 0 || py < 0 || px >= pa->pw || py >= pa->ph)
		return;
	struct cell *c = canvas_at(cv, pa->x + px / 2, pa->y + py / 4);
	if (!c || (c->attr & CELL_MARK))
		return;         /* a run's glyph stamped here stays readable */
	if (c->ch && !c->dots)
		c->ch = 0;      /* a braille dot replaces blank and axis-free text */
	c->dots |= braille_bit[px & 1][py & 3];
	c->ch = 0x2800u + c->dots;
	c->color = (uint8_t)color;
	c->attr = (uint8_t)attr;
}

static void ascii_put(struct canvas *cv, const struct plot_area *pa, int col, int row,
		uint32_t ch, const struct plot_style *st)
{
	if (col < 0 || row < 0 || col >= pa->pw || row >= pa->ph / 3)
		return;
	canvas_put(cv, pa->x + col, pa->y + row, st->glyph ? st->glyph : ch, st->color, st->attr);
}

void plot_span(struct canvas *cv, const struct plot_area *pa, int px, int lo, int hi,
		int in, int out, const struct plot_style *st)
{
	if (px < 0 || px >= pa->pw)
		return;
	if (lo < 0) lo = 0;
	if (hi >= pa->ph) hi = pa->ph - 1;
	if (lo > hi)
		return;
	if (pa->braille) {
		for (int py = lo; py <= hi; py++)
			plot_dot(cv, pa, px, py, st->color, st->attr);
		if (st->glyph && st->mark)
			canvas_put(cv, pa->x + px / 2, pa->y + (in < 0 ? lo : out) / 4,
					st->glyph, st->color, st->attr | CELL_MARK);
		return;
	}
	/* ASCII: three sub-rows a cell: ' top, - middle, _ bottom */
	int r0 = lo / 3, r1 = hi / 3;
	int dir = in < 0 ? 0 : out < in ? 1 : out > in ? -1 : 0;  /* 1 rising */
	if (r0 == r1) {
		uint32_t ch;
		if (hi - lo >= 2 && dir == 0)
			ch = '|';
		else if (hi > lo && dir)
			ch = dir > 0 ? '/' : '\\';
		else
			ch = (uint32_t)"'-_"[lo % 3];
		ascii_put(cv, pa, px, r0, ch, st);
		return;
	}
	for (int r = r0; r <= r1; r++) {
		uint32_t ch = '|';
		if ((r == r0 || r == r1) && dir)
			ch = dir > 0 ? '/' : '\\';
		ascii_put(cv, pa, px, r, ch, st);
	}
}
