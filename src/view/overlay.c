/* overlay.c: the help, error and run overlays, and the info line (the
 * cursor's readout, a filter being typed, a one-shot message, or the key
 * hints). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "view_int.h"

struct box {
	int x0, y0, w, h;
};

/* One "key  value" line of the run overlay, both sanitised; returns the
 * next row. Lines above the scroll position are skipped. */
static int info_line(const struct view *v, struct canvas *cv, const struct box *b, int row, const char *k,
		     const char *val)
{
	if (row >= v->overlay_scroll && row - v->overlay_scroll + 2 < b->h) {
		char *ck = sanitize_dup(k, strlen(k), !v->utf8), *cval = sanitize_dup(val, strlen(val), !v->utf8);
		char buf[1024];
		snprintf(buf, sizeof buf, "%-24s %s", ck, cval);
		canvas_print(cv, b->x0 + 2, b->y0 + 1 + row - v->overlay_scroll, b->w - 3, buf, 0, 0);
		free(ck);
		free(cval);
	}
	return row + 1;
}

/* The selected run: what it is, facts its source gave, its hparams. */
static void run_info(const struct view *v, struct canvas *cv, const struct box *b)
{
	canvas_print(cv, b->x0 + 1, b->y0, b->w - 2, "Run (j/k scroll, any key closes)", 0, CELL_BOLD);
	if (v->run_sel >= v->nruns) {
		canvas_print(cv, b->x0 + 2, b->y0 + 2, b->w - 3, "no run selected", 0, CELL_DIM);
		return;
	}
	const struct run *r = v->runs[v->run_sel].run;
	char num[64], name[4096];
	/* scrolled up to the last line at most (view_layout keeps it there) */
	int row = 0;
	snprintf(name, sizeof name, "%.*s", (int)TB_MIN(r->name_len, sizeof name - 1), r->name);
	row = info_line(v, cv, b, row, "run", name);
	if (r->label)
		row = info_line(v, cv, b, row, "name", r->label);
	row = info_line(v, cv, b, row, "format", r->format);
	snprintf(num, sizeof num, "%zu in %zu tags%s", r->npoints, r->nseries, r->stale ? " (stale: its files are gone)" : "");
	row = info_line(v, cv, b, row, "points", num);
	for (size_t i = 0; i < r->ninfo; i++)
		row = info_line(v, cv, b, row, r->info[i].key, r->info[i].value);
	if (r->nhparams)
		row = info_line(v, cv, b, row, "hyperparameters", "");
	for (size_t i = 0; i < r->nhparams; i++) {
		char key[300];
		snprintf(key, sizeof key, "  %s", r->hparams[i].key);
		row = info_line(v, cv, b, row, key, r->hparams[i].value);
	}
}

static void help(struct canvas *cv, const struct box *b)
{
	const struct view_binding *kb;
	size_t n = view_bindings(&kb);
	char buf[1024];
	canvas_print(cv, b->x0 + 1, b->y0, b->w - 2, "Keys (any key closes)", 0, CELL_BOLD);
	for (size_t i = 0; i < n && (int)i + 2 < b->h; i++) {
		snprintf(buf, sizeof buf, "%-10s %s", kb[i].names, kb[i].what);
		canvas_print(cv, b->x0 + 2, b->y0 + 1 + (int)i, b->w - 3, buf, 0, 0);
	}
}

static void errors(const struct view *v, struct canvas *cv, const struct box *b)
{
	const struct diag *d = v->diag;
	char buf[1024];
	snprintf(buf, sizeof buf, "Errors: %zu reported, last %zu kept (j/k scroll, any key closes)", d->total, d->n);
	canvas_print(cv, b->x0 + 1, b->y0, b->w - 2, buf, 0, CELL_BOLD);
	for (int i = 0; i + 2 < b->h && (size_t)(i + v->overlay_scroll) < d->n; i++)
		canvas_print(cv, b->x0 + 2, b->y0 + 1 + i, b->w - 3, d->items[(size_t)(i + v->overlay_scroll)].text, 0, 0);
	if (!d->n)
		canvas_print(cv, b->x0 + 2, b->y0 + 2, b->w - 3, "none", 0, CELL_DIM);
}

void overlay_draw(const struct view *v, struct canvas *cv)
{
	struct box b;
	b.w = v->W - 8 > 90 ? 90 : v->W - 8;
	b.h = v->H - 4;
	b.x0 = (v->W - b.w) / 2;
	b.y0 = 2;
	canvas_fill(cv, b.x0, b.y0, b.w, b.h, 0);
	if (v->overlay == OVERLAY_HELP)
		help(cv, &b);
	else if (v->overlay == OVERLAY_RUN)
		run_info(v, cv, &b);
	else
		errors(v, cv, &b);
}

/* Every shown run's value at the cursor, in its colour. */
static void readout(struct painter *p, const struct view *v, struct canvas *cv, int y, const struct view_tag *t)
{
	struct chart_series ss[256];
	size_t n = frame_gather(p, v, t, ss, TB_ARRAY_LEN(ss));
	int used = 0;
	char buf[1024];
	for (size_t i = 0; i < n && used < v->W; i++) {
		size_t k = chart_nearest(ss[i].cache, p->sel_info.cursor_x, v->chart.xmode, ss[i].x_offset);
		if (k == SIZE_MAX)
			continue;
		char raw[32], sm[32];
		label_value(cache_value(ss[i].cache, k), raw, sizeof raw);
		label_value(cache_smooth(ss[i].cache, k), sm, sizeof sm);
		if (v->chart.smoothing > 0)
			snprintf(buf, sizeof buf, "%s @%lld %s (%s)  ", ss[i].name, (long long)cache_step(ss[i].cache, k), sm, raw);
		else
			snprintf(buf, sizeof buf, "%s @%lld %s  ", ss[i].name, (long long)cache_step(ss[i].cache, k), raw);
		if (ss[i].glyph || ss[i].color) {
			canvas_put(cv, used, y, ss[i].glyph ? ss[i].glyph : (v->utf8 ? 0x25a0 : '#'), ss[i].color, 0);
			used += 2;
		}
		used += canvas_print(cv, used, y, v->W - used, buf, ss[i].color, 0);
	}
}

void info_draw(struct painter *p, const struct view *v, struct canvas *cv, int y, int *cur_x)
{
	char buf[1024];
	if (v->prompt) {
		snprintf(buf, sizeof buf, "%s%s", v->prompt == '/' ? "run regex: " : "tag regex: ", v->input);
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
	if (v->chart.cursor >= 0 && it && it->tag != SIZE_MAX && p->sel_info.plot_w > 0) {
		readout(p, v, cv, y, &v->tags[it->tag]);
		return;
	}
	keys_hints(v, buf, sizeof buf);
	canvas_print(cv, 0, y, v->W, buf, 0, CELL_DIM);
}

int overlay_lines(const struct view *v)
{
	if (v->overlay == OVERLAY_ERRORS)
		return (int)v->diag->n;
	if (v->overlay != OVERLAY_RUN || v->run_sel >= v->nruns)
		return 0;
	const struct run *r = v->runs[v->run_sel].run;
	return 3 + (r->label != NULL) + (int)r->ninfo + (r->nhparams ? 1 + (int)r->nhparams : 0);
}
