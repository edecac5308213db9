/* overlay.c: the help, error, run (overview.c), data and alert overlays, and the info line (the
 * cursor's readout, a filter being typed, a one-shot message, or the key
 * hints). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

void lines_add(struct lines *l, const char *s)
{
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

/* A sanitised text, cut into lines of l->w cells; the lines after the
 * first indented by indent cells. */
void lines_add_wrapped(struct lines *l, const char *s, int indent)
{
	char buf[2048];
	int first = 1;
	while (*s) {
		int room = l->w - (first ? 0 : indent), used = 0;
		size_t n = 0, brk = 0;
		const char *p = s;
		while (*p && used < room) {
			size_t len = 1;
			while ((p[len] & 0xc0) == 0x80)
				len++;      /* whole UTF-8 characters */
			if (n + len + indent + 1 >= sizeof buf)
				break;
			if (*p == ' ' && n)
				brk = n;    /* the last space: a word is not cut */
			p += len;
			n += len;
			used++;
		}
		if (*p && *p != ' ' && brk > (size_t)room / 2) {
			n = brk;
			p = s + brk;
		}
		snprintf(buf, sizeof buf, "%*s%.*s", first ? 0 : indent, "", (int)n, s);
		lines_add(l, buf);
		s = *p == ' ' ? p + 1 : p;
		first = 0;
		if (!n)
			break;
	}
}

/* The keys, then how to read the screen (the README's "The screen"). */
static void help_lines(const struct view *v, struct lines *l)
{
	const struct view_binding *kb;
	size_t n = view_bindings(&kb);
	char buf[1024];
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "%-10s %s", kb[i].names, kb[i].what);
		lines_add_wrapped(l, buf, 11);
	}
	lines_add(l, "");
	snprintf(buf, sizeof buf, "Run list: name, points, time since its last write, and its state: %s live, %s stale "
		 "(files gone, points kept), %s finished (as its format says).",
		 v->utf8 ? "\xe2\x97\x8f" : "L", v->utf8 ? "\xe2\x9c\x97" : "S", v->utf8 ? "\xe2\x9c\x93" : "F");
	lines_add_wrapped(l, buf, 0);
	snprintf(buf, sizeof buf, "Health, beside the state: ! a NaN or Inf point, %s stalled (no writes for longer than "
		 "usual), %s a spike, plateau or divergence; A lists the alerts. On the charts a NaN or Inf is a "
		 "reversed ! on the plot's top row at its x.", v->utf8 ? "\xe2\x80\x96" : "Z", v->utf8 ? "\xe2\x96\xb2" : "^");
	lines_add_wrapped(l, buf, 0);
	snprintf(buf, sizeof buf, "Checkpoints (HF checkpoint-N/, Lightning .ckpt, Keras .h5 with an epoch): %s on the "
		 "x axis at each saved step, or the x label there underlined; i lists them.", v->utf8 ? "\xe2\x95\xb9" : "|");
	lines_add_wrapped(l, buf, 0);
	lines_add_wrapped(l, "Titles: the best value over the shown runs, its step and run, then the selected run's value. "
		    "No best for learning rates, counters, times and system metrics (--best overrides).", 0);
	lines_add_wrapped(l, "Legend: the selected run first, then best to worst; +N more when they do not fit.", 0);
	lines_add_wrapped(l, "Status line: smoothing, new alerts, errors, live state, counts, page, axis, filters, run, logdir.", 0);
}

/* The open overlay's title (into title) and lines, at the screen's width. */
static void overlay_content(struct painter *p, const struct view *v, struct lines *l, char *title, size_t cap)
{
	memset(l, 0, sizeof *l);
	l->w = v->W - 3 > 10 ? v->W - 3 : 10;
	if (v->overlay == OVERLAY_HELP) {
		help_lines(v, l);
		snprintf(title, cap, "Keys (j/k PgDn/PgUp scroll, any other key closes)");
	} else if (v->overlay == OVERLAY_RUN) {
		overview_lines(v, l, title, cap);
	} else if (v->overlay == OVERLAY_DATA) {
		datatable_lines(p, v, l, title, cap);
	} else if (v->overlay == OVERLAY_ALERTS) {
		alerts_lines(v, l, title, cap);
	} else {
		for (size_t i = 0; i < v->diag->n; i++)
			lines_add_wrapped(l, v->diag->items[i].text, 2);
		if (!v->diag->n)
			lines_add(l, "none");
		snprintf(title, cap, "Errors: %zu reported, last %zu kept (j/k scroll, any other key closes)",
			 v->diag->total, v->diag->n);
	}
}

void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

int overlay_lines(const struct view *v)
{
	if (!v->overlay)
		return 0;
	struct lines l;
	char title[160];
	overlay_content(NULL, v, &l, title, sizeof title);
	int n = (int)l.n;
	lines_free(&l);
	return n;
}

/* The overlay covers the charts and the run list, all the screen's width,
 * and scrolls; the info and status lines stay below it. */
void overlay_draw(struct painter *p, const struct view *v, struct canvas *cv)
{
	struct lines l;
	char title[160];
	overlay_content(p, v, &l, title, sizeof title);
	int h = v->H - 2;
	canvas_fill(cv, 0, 0, v->W, h, 0);
	/* "N more lines" at the title's right end, the title cut before it */
	char more[64] = "";
	if (v->overlay_scroll + h - 1 < (int)l.n)
		snprintf(more, sizeof more, v->W >= 80 ? " %zu more lines (j, PgDn) " : " %zu more (j) ",
			 l.n - (size_t)(v->overlay_scroll + h - 1));
	int mw = (int)strlen(more);
	canvas_print(cv, 1, 0, v->W - 2 - (mw ? mw + 1 : 0), title, 0, CELL_BOLD | CELL_UNDERLINE);
	for (int i = 0; i + 1 < h && (size_t)(i + v->overlay_scroll) < l.n; i++) {
		const char *s = l.v[(size_t)(i + v->overlay_scroll)];
		/* the overview's section headings: its only lines not indented */
		int attr = v->overlay == OVERLAY_ERRORS && !v->diag->n ? CELL_DIM :
			   v->overlay == OVERLAY_RUN && s[0] && s[0] != ' ' ? CELL_BOLD : 0;
		canvas_print(cv, 2, 1 + i, v->W - 3, s, 0, attr);
	}
	if (mw)
		canvas_print(cv, v->W - mw - 1, 0, mw, more, 0, CELL_REVERSE);
	lines_free(&l);
}

/* One run's value at the cursor: its point nearest the cursor's x. */
static int readout_one(const struct view *v, struct canvas *cv, int y, int used, const struct chart_series *cs)
{
	size_t k = chart_nearest(cs->cache, v->chart.cursor_x, v->chart.xmode, cs->x_offset);
	if (k == SIZE_MAX)
		return used;
	char raw[32], sm[32], buf[1024];
	label_value(cache_value(cs->cache, k), raw, sizeof raw);
	label_value(cache_smooth(cs->cache, k), sm, sizeof sm);
	if (v->chart.smoothing > 0)
		snprintf(buf, sizeof buf, "%s @%lld smoothed %s raw %s  ", cs->name, (long long)cache_step(cs->cache, k),
			 sm, raw);
	else
		snprintf(buf, sizeof buf, "%s @%lld %s  ", cs->name, (long long)cache_step(cs->cache, k), raw);
	if (cs->glyph || cs->color) {
		canvas_put(cv, used, y, cs->glyph ? cs->glyph : (v->utf8 ? 0x25a0 : '#'), cs->color, 0);
		used += 2;
	}
	return used + canvas_print(cv, used, y, v->W - used, buf, cs->color, cs->selected ? CELL_BOLD : 0);
}

/* Every shown run's value at the cursor, in its colour: pinned runs
 * first, then the selected run, then the others. */
static void readout(struct painter *p, const struct view *v, struct canvas *cv, int y, const struct view_tag *t)
{
	struct chart_series ss[FRAME_SERIES_MAX];
	size_t n = frame_gather(p, v, t, ss, TB_ARRAY_LEN(ss));
	int used = 0;
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < n && used < v->W; i++)
			if ((pass == 0) == ss[i].pinned && (pass == 1) == (ss[i].selected && !ss[i].pinned))
				used = readout_one(v, cv, y, used, &ss[i]);
}

void info_draw(struct painter *p, const struct view *v, struct canvas *cv, int y, int *cur_x)
{
	char buf[1024];
	if (v->prompt) {
		snprintf(buf, sizeof buf, "%s%s", v->prompt == '/' ? "run regex: " : v->prompt == 't' ? "tag regex: "
			 : v->prompt == 'L' ? "find in console: "
			 : v->prompt == 'c' ? "group by (lr, -seed, ~regex): "
			 : v->prompt == 'i' ? "keys (regex or text, any case; empty: all): "
			 : v->prompt == '#' ? "grid ROWSxCOLS (0: automatic): " : "filter: ",
			 v->input);
		char clean[1100];
		sanitize_str(buf, strlen(buf), clean, sizeof clean, !v->utf8);
		*cur_x = canvas_print(cv, 0, y, v->W - 1, clean, 0, CELL_BOLD);
		/* why Enter did not take it: said beside what was typed */
		if (v->message[0] && *cur_x + 3 < v->W)
			canvas_print(cv, *cur_x + 3, y, v->W - *cur_x - 3, v->message, 0, CELL_DIM);
		return;
	}
	if (v->message[0]) {
		canvas_print(cv, 0, y, v->W, v->message, 0, CELL_BOLD);
		return;
	}
	const struct view_item *it = model_sel_item(v);
	if (isfinite(v->chart.cursor_x) && it && it->tag != SIZE_MAX) {
		readout(p, v, cv, y, &v->tags[it->tag]);
		return;
	}
	keys_hints(v, buf, sizeof buf);
	canvas_print(cv, 0, y, v->W, buf, 0, CELL_DIM);
}


