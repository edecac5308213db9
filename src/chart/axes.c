/* axes.c: what surrounds a chart's plot: the y and x axes with their
 * ticks and labels, the title with the best value, the legend. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "plot.h"

void axes_draw(struct frame *f, int gx, int ph_cells, int xrow, const struct chart_view *v)
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
	/* x labels, left to right, skipping those that would overlap */
	canvas_text(f->cv, gx, xrow, v->xmode == XMODE_STEP ? "step" : v->xmode == XMODE_WALL ?
			"wall" : "rel", GUTTER - 1, 0, CELL_DIM);
	int pw_cells = f->pa.pw / f->sx;
	int maxx = pw_cells / 9 + 1;
	if (maxx > 16) maxx = 16;
	n = v->xmode == XMODE_STEP ? ticks_linear(f->xlo, f->xhi, maxx, t, &st)
		: ticks_time(f->xlo, f->xhi, maxx, t, &st);
	int end = gx + GUTTER;
	for (int i = 0; i < n; i++) {
		char buf[32];
		if (v->xmode == XMODE_STEP)
			label_number(t[i], st, buf, sizeof buf);
		else if (v->xmode == XMODE_RELATIVE)
			label_duration(t[i], buf, sizeof buf);
		else
			label_clock(t[i], st, buf, sizeof buf);
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

void axes_title(struct canvas *cv, int x, int y, int w, const char *title, const struct chart_series *ss, size_t n)
{
	int used = canvas_text(cv, x, y, title, w, 0, CELL_BOLD);
	const struct chart_series *pick = NULL;
	for (size_t i = 0; i < n; i++)
		if (ss[i].s->best != SIZE_MAX && (!pick || ss[i].selected))
			pick = &ss[i];
	if (!pick || used + 4 >= w)
		return;
	const struct series *s = pick->s;
	char val[32], buf[96];
	label_value(series_value(s, s->best), val, sizeof val);
	snprintf(buf, sizeof buf, "  best %s @ %lld", val, (long long)series_step(s, s->best));
	canvas_text(cv, x + used, y, buf, w - used, pick->color, 0);
}

void axes_legend(struct canvas *cv, int x, int y, int w, const struct chart_series *ss, size_t n, bool braille)
{
	int at = x;
	for (size_t i = 0; i < n; i++) {
		const struct series *s = ss[i].s;
		char val[32], buf[160];
		if (s->best == SIZE_MAX)
			continue;
		label_value(series_value(s, s->best), val, sizeof val);
		snprintf(buf, sizeof buf, "%s %s@%lld", ss[i].name ? ss[i].name : "", val,
				(long long)series_step(s, s->best));
		int len = (int)strlen(buf) + 2;
		if (at + len > x + w)
			break;
		uint32_t sw = ss[i].glyph ? ss[i].glyph : braille ? 0x25a0 : '#';
		canvas_put(cv, at, y, sw, ss[i].color, 0);
		at += 1 + canvas_text(cv, at + 1, y, buf, x + w - at - 1, ss[i].color, 0) + 1;
	}
}
