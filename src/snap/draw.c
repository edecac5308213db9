/* draw.c: one chart with Cairo, as the screen draws it: the title with
 * the best value, y and x axes with the chart core's ticks and labels,
 * faint raw lines under the smoothed ones (the selected run on top),
 * groups' bands, best-step markers, NaN marks along the top, and the
 * legend in the screen's order. On white, for papers and reports. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "snap_int.h"

void snap_run_rgb(int color, double *r, double *g, double *b)
{
	snap_run_rgb_of(PAL_DEFAULT, color, r, g, b);
}

void snap_run_rgb_of(int palette, int color, double *r, double *g, double *b)
{
	struct chart_colours pal = chart_colours(palette, DEPTH_PICTURE);
	uint32_t rgb = pal.rgb[(size_t)(color > 0 ? color - 1 : 0) % pal.n];
	double c[3] = { (rgb >> 16) / 255.0, (rgb >> 8 & 0xff) / 255.0, (rgb & 0xff) / 255.0 };
	double lum = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	double k = lum > 0.55 ? 0.55 / lum : 1;
	*r = c[0] * k;
	*g = c[1] * k;
	*b = c[2] * k;
}

static void set_run(cairo_t *cr, int pal, int color, double alpha)
{
	double r, g, b;
	snap_run_rgb_of(pal, color, &r, &g, &b);
	if (alpha < 1)
		cairo_set_source_rgba(cr, r, g, b, alpha);
	else
		cairo_set_source_rgb(cr, r, g, b);
}

/* A palette without colours (mono) dashes its runs: solid, dashed,
 * dotted, dash-dot, each in black and in grey (the colour's index). */
static void dash(cairo_t *cr, int pal, int color)
{
	static const double pat[4][4] = { { 0 }, { 7, 4 }, { 1.5, 3 }, { 7, 3, 1.5, 3 } };
	static const int len[4] = { 0, 2, 2, 4 };
	int k = (color > 0 ? color - 1 : 0) / 2 % 4;
	if (chart_colours(pal, DEPTH_PICTURE).dashed && len[k])
		cairo_set_dash(cr, pat[k], len[k], 0);
}

static double text_w(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;
	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

static void text_at(cairo_t *cr, double x, double y, const char *s)
{
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

static void axes(cairo_t *cr, const struct draw_box *b, double fs)
{
	cairo_set_line_width(cr, 1);
	for (int i = 0; i < b->sc.ny; i++) {
		double y = b->y + (1 - (b->sc.yt[i].v - b->sc.y_lo) / (b->sc.y_hi - b->sc.y_lo)) * b->h;
		cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
		cairo_move_to(cr, b->x, y);
		cairo_line_to(cr, b->x + b->w, y);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		const char *l = b->sc.yt[i].label;
		text_at(cr, b->x - 6 - text_w(cr, l), y + fs * 0.35, l);
	}
	double end = -INFINITY;
	for (int i = 0; i < b->sc.nx; i++) {
		double x = b->x + (b->sc.xt[i].v - b->sc.x_lo) / (b->sc.x_hi - b->sc.x_lo) * b->w;
		cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
		cairo_move_to(cr, x, b->y);
		cairo_line_to(cr, x, b->y + b->h);
		cairo_stroke(cr);
		const char *l = b->sc.xt[i].label;
		double lw = text_w(cr, l), at = x - lw / 2;
		if (at < end + fs * 0.5)
			continue;       /* labels that would overlap: skipped, as on the screen */
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		text_at(cr, at, b->y + b->h + fs * 1.3, l);
		end = at + lw;
	}
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	text_at(cr, b->x + b->w - text_w(cr, b->sc.x_name), b->y + b->h + fs * 2.5, b->sc.x_name);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_stroke(cr);
}

/* Bands, raw lines, smoothed lines; the selected series over the others,
 * pinned ones over all, as the screen draws them. */
static void lines(cairo_t *cr, const struct draw_box *b, const struct snap_chart *c, const struct chart_view *v)
{
	int pal = v->palette;
	bool sm = v->smoothing > 0;
	cairo_save(cr);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_clip(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (size_t i = 0; i < c->n; i++) {
		const struct chart_series *cs = &c->ss[i];
		if (!cs->band_lo)
			continue;
		lines_band(cr, b, cs, sm);
		set_run(cr, pal, cs->color, 0.18);
		cairo_fill(cr);
	}
	for (int pass = 0; pass < 4; pass++)
		for (size_t i = 0; i < c->n; i++) {
			const struct chart_series *cs = &c->ss[i];
			if (pass != 2 * cs->pinned + cs->selected)
				continue;
			if (sm && !cs->band_lo) {
				lines_path(cr, b, cs, cs->cache, false);
				set_run(cr, pal, cs->color, 0.25);
				cairo_set_line_width(cr, 1);
				cairo_stroke(cr);
			}
			lines_path(cr, b, cs, cs->cache, sm);
			set_run(cr, pal, cs->color, 1);
			cairo_set_line_width(cr, cs->selected && c->n > 1 ? 2.4 : 1.6);
			dash(cr, pal, cs->color);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
		}
	cairo_restore(cr);
}

/* Best steps as diamonds, NaN and inf points as ticks along the top. */
static void marks(cairo_t *cr, const struct draw_box *b, const struct snap_chart *c, const struct chart_view *v)
{
	int pal = v->palette;
	for (size_t i = 0; i < c->n; i++) {
		const struct chart_series *cs = &c->ss[i];
		const struct series *s = cs->s;
		const struct series_cache *sc = cs->cache;
		for (size_t r = 0; sc && r < sc->nnf; r++) {
			double xa = chart_x(sc, sc->nf[r][0], v->xmode, cs->x_offset);
			if (xa < b->sc.x_lo || xa > b->sc.x_hi)
				continue;
			double x = b->x + (xa - b->sc.x_lo) / (b->sc.x_hi - b->sc.x_lo) * b->w;
			set_run(cr, pal, cs->color, 1);
			cairo_rectangle(cr, x - 1.5, b->y, 3, 8);
			cairo_fill(cr);
		}
		if (!v->best_marks || s->best == SIZE_MAX || s->best >= s->n)
			continue;
		double x = v->xmode == XMODE_STEP ? (double)series_step(s, s->best) : series_wall(s, s->best) - cs->x_offset;
		double y = chart_ytrans(series_value(s, s->best), v->logy);
		if (!(x >= b->sc.x_lo && x <= b->sc.x_hi) || isnan(y))
			continue;
		/* outside the y window (smoothing narrows it): on its edge, as the screen has it */
		y = y < b->sc.y_lo ? b->sc.y_lo : y > b->sc.y_hi ? b->sc.y_hi : y;
		double px = b->x + (x - b->sc.x_lo) / (b->sc.x_hi - b->sc.x_lo) * b->w;
		double py = b->y + (1 - (y - b->sc.y_lo) / (b->sc.y_hi - b->sc.y_lo)) * b->h;
		cairo_move_to(cr, px, py - 5);
		cairo_line_to(cr, px + 5, py);
		cairo_line_to(cr, px, py + 5);
		cairo_line_to(cr, px - 5, py);
		cairo_close_path(cr);
		set_run(cr, pal, cs->color, 1);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	}
}

/* The legend in rows under the plot, in the screen's order; what does not
 * fit ends in "+N more". Returns the rows' height. */
static double legend(cairo_t *cr, int pal, const struct snap_chart *c, double x, double y, double w, double fs,
		     bool draw)
{
	const struct chart_series **order = malloc((c->n ? c->n : 1) * sizeof *order);
	if (!order)
		return 0;
	chart_legend_order(c->ss, c->n, order);
	double at = x, row = y, lh = fs * 1.4;
	for (size_t i = 0; i < c->n; i++) {
		char buf[600];
		chart_legend_text(order[i], buf, sizeof buf);
		double ew = 22 + text_w(cr, buf) + fs;
		if (at > x && at + ew > x + w) {
			at = x;
			row += lh;
		}
		if (draw) {
			/* filled, not stroked: a run's only stroke in its colour is its line */
			set_run(cr, pal, order[i]->color, 1);
			if (chart_colours(pal, DEPTH_PICTURE).dashed) {
				/* mono: the line's own dashes tell runs apart */
				cairo_set_line_width(cr, 1.6);
				dash(cr, pal, order[i]->color);
				cairo_move_to(cr, at, row - fs * 0.35);
				cairo_line_to(cr, at + 16, row - fs * 0.35);
				cairo_stroke(cr);
				cairo_set_dash(cr, NULL, 0, 0);
			} else {
				cairo_rectangle(cr, at, row - fs * 0.35 - 1.5, 16, 3);
				cairo_fill(cr);
			}
			cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
			text_at(cr, at + 22, row, buf);
		}
		at += ew;
	}
	free(order);
	return row - y + lh;
}

static void title(cairo_t *cr, int pal, const struct snap_chart *c, double x, double y, double fs)
{
	char note[600];
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	text_at(cr, x, y, c->title);
	double at = x + text_w(cr, c->title) + fs;
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	const struct chart_series *best = chart_title_note(c->ss, c->n, note, sizeof note);
	if (best)
		set_run(cr, pal, best->color, 1);
	text_at(cr, at, y, note);
}

int draw_chart(cairo_t *cr, double x, double y, double w, double h, const struct snap_chart *c,
	       const struct chart_view *v)
{
	double fs = TB_MAX(9.0, TB_MIN(14.0, h / 32));
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, fs);
	x += fs;
	w -= 2 * fs;
	title(cr, v->palette, c, x, y + fs * 1.5, fs);
	double lg = v->legend ? legend(cr, v->palette, c, x, 0, w, fs, false) : 0;
	struct draw_box b = { .logy = v->logy, .xmode = v->xmode };
	b.y = y + fs * 2.5;
	b.h = h - (b.y - y) - fs * 3 - lg;
	b.x = x + fs * 4.5;
	b.w = w - (b.x - x);
	bool ok;
	if (b.w < 20 || b.h < 20)
		return TB_OK;
	if (chart_scale(c->ss, c->n, v, (int)b.w, (int)(b.w / (fs * 7)) + 1, (int)(b.h / (fs * 3)) + 1, &b.sc, &ok) != TB_OK)
		return TB_NOMEM;
	if (!ok) {
		cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
		text_at(cr, b.x + b.w / 2 - text_w(cr, "no data") / 2, b.y + b.h / 2, "no data");
		return TB_OK;
	}
	/* y labels may be wider than the gutter guessed: widen it */
	double gut = 0;
	for (int i = 0; i < b.sc.ny; i++)
		gut = TB_MAX(gut, text_w(cr, b.sc.yt[i].label));
	b.x = x + gut + 8;
	b.w = w - (b.x - x) - fs * 1.5;         /* room for the last x label's half */
	axes(cr, &b, fs);
	lines(cr, &b, c, v);
	marks(cr, &b, c, v);
	if (v->legend)
		legend(cr, v->palette, c, x, b.y + b.h + fs * 4, w, fs, true);
	return TB_OK;
}
