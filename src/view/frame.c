/* frame.c: one frame into a canvas: the run list, the chart grid (or one
 * maximised chart), the info line, the status line, and the overlays.
 * Charts come from the chart core through a memo keyed on everything they
 * are drawn from, so a frame re-renders only the charts that changed. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

static const uint32_t run_glyphs[] = { '*', '+', 'o', 'x', '#', '%', '=', '~' };

int frame_color(const struct view *v, const struct run *r)
{
	return v->ncolors ? (int)(r->index % (size_t)v->ncolors) + 1 : 0;
}

uint32_t frame_glyph(const struct view *v, const struct run *r)
{
	return v->ncolors ? 0 : run_glyphs[r->index % TB_ARRAY_LEN(run_glyphs)];
}

void painter_init(struct painter *p)
{
	memset(p, 0, sizeof(*p));
	caches_init(&p->caches);
}

void painter_free(struct painter *p)
{
	bands_free(p);
	system_free(p);
	caches_free(&p->caches);
	free(p->ckpt);
	for (size_t i = 0; i < p->nmemo; i++)
		canvas_free(&p->memo[i].cv);
	free(p->memo);
	memset(p, 0, sizeof(*p));
}

static void runs_title(const struct view *v, char *buf, size_t cap)
{
	size_t listed = model_listed_count(v);
	if (v->top)
		snprintf(buf, cap, "Top %zu: %s", listed, v->top_tag ? v->top_tag : "-");
	else if (listed != v->nruns)
		snprintf(buf, cap, "Runs (%zu): %zu match", v->nruns, listed);
	else
		snprintf(buf, cap, "Runs (%zu)", v->nruns);
}

/* The columns beside the names: the point count (or, in top mode, the
 * value) only when every name on the page still fits whole; the age while
 * a name keeps eight cells; the state and the health mark always. */
enum { COL_COUNT = 1, COL_AGE = 2 };
#define COL_COUNT_W(v) ((v)->top ? 9 : 6)
#define COL_AGE_W 5

static int run_columns(const struct view *v, int w, int h)
{
	int longest = 0, row = 0, name_w = w - 2 - 4 - 1 - 2;
	for (size_t i = v->page_lo; i < v->nruns && row < h - 1; i++) {
		if (!model_run_listed(v, i))
			continue;
		const struct view_run *r = &v->runs[i];
		int nw = r->disp ? sanitize_width(r->disp + r->strip) : 1;
		longest = TB_MAX(longest, nw);
		row++;
	}
	if (v->top || longest <= name_w - COL_COUNT_W(v) - COL_AGE_W)
		return COL_COUNT | COL_AGE;
	return name_w - COL_AGE_W >= 8 ? COL_AGE : 0;
}

/* One row of the run list: swatch, [x] name, count (or value), age,
 * health mark, state. */
static void run_row(const struct view *v, const struct view_status *s, struct canvas *cv, size_t i, int y, int w, int cols)
{
	const struct view_run *r = &v->runs[i];
	int col = frame_color(v, r->run);
	uint32_t sw = v->ncolors ? (v->utf8 ? 0x2588 : '#') : frame_glyph(v, r->run);
	canvas_put(cv, 0, y, sw, col, r->hidden ? CELL_DIM : 0);
	if (r->pinned)
		canvas_put(cv, 1, y, '*', 0, CELL_BOLD);
	char cnt[32], age[16], tail[64], name[400], buf[512];
	if (v->top)
		label_value(r->best, cnt, sizeof cnt);
	else
		text_count(r->run->npoints, cnt, sizeof cnt);
	runs_age(r, s, age, sizeof age);
	int o = 0;
	tail[0] = 0;
	if (cols & COL_COUNT)
		o += snprintf(tail + o, sizeof tail - (size_t)o, "%*s ", COL_COUNT_W(v) - 1, cnt);
	if (cols & COL_AGE)
		snprintf(tail + o, sizeof tail - (size_t)o, "%*s ", COL_AGE_W - 1, age);
	int tl = (int)strlen(tail);
	text_ellipsize(r->disp ? r->disp + r->strip : "?", w - 2 - 4 - 1 - tl - 2, v->utf8, name, sizeof name);
	int a = (i == v->run_sel ? CELL_REVERSE : 0) | (r->hidden ? CELL_DIM : 0);
	snprintf(buf, sizeof buf, "%s %s", r->hidden ? "[ ]" : "[x]", name);
	int used = canvas_print(cv, 2, y, w - 2, buf, 0, a);
	canvas_fill(cv, 2 + used, y, w - tl - 2 - (2 + used), 1, a);
	canvas_print(cv, w - tl - 2, y, tl, tail, 0, a & ~CELL_REVERSE);
	canvas_print(cv, w - 2, y, 1, alerts_mark(v, r->run), 0, CELL_BOLD);
	canvas_print(cv, w - 1, y, 1, runs_state(v, r, s), 0, CELL_BOLD);
}

static void draw_runs(const struct view *v, const struct view_status *s, struct canvas *cv, int w, int h)
{
	char buf[512];
	runs_title(v, buf, sizeof buf);
	canvas_print(cv, 0, 0, w, buf, 0, CELL_BOLD | (v->focus == FOCUS_RUNS ? CELL_UNDERLINE : 0));
	int row = 0, cols = run_columns(v, w, h);
	for (size_t i = v->page_lo; i < v->nruns && row < h - 1; i++)
		if (model_run_listed(v, i))
			run_row(v, s, cv, i, 1 + row++, w, cols);
}

#define CKPT_MAX 512          /* a run's checkpoints marked, at most */

/* Append r's checkpoint steps to the painter's buffer; how many. */
static size_t gather_checkpoints(struct painter *p, const struct view *v, const struct run *r)
{
	xgrow((void **)&p->ckpt, &p->ckptcap, p->nckpt + CKPT_MAX, sizeof(*p->ckpt));
	size_t k = store_run_checkpoints(v->st, r, p->ckpt + p->nckpt, CKPT_MAX);
	p->nckpt += k;
	return k;
}

/* The runs a chart of tag t draws, in order: their indexes and series. */
static size_t chart_runs(const struct view *v, const struct view_tag *t, size_t *idx, struct series **ser,
			 size_t cap)
{
	size_t n = 0;
	/* paged: only the list's page, the selected run and the pinned ones
	 * (listed first, before the page) can be shown */
	size_t lo = v->charts_paged ? TB_MIN(v->page_lo, v->run_sel) : 0;
	size_t hi = v->charts_paged ? TB_MAX(v->page_hi, v->run_sel) + 1 : v->nruns;
	size_t pins = 0;
	while (pins < lo && v->runs[pins].pinned)
		pins++;
	for (size_t i = pins ? 0 : lo; i < hi && i < v->nruns && n < cap; i++) {
		if (i == pins && pins < lo)
			i = lo;     /* past the pinned runs, on to the page */
		if (v->charts_paged && i > v->page_hi && i < v->run_sel)
			i = v->run_sel;     /* skip the gap up to the selection */
		if (!model_run_shown(v, i))
			continue;
		struct series *s = run_find_series(v->runs[i].run, t->tag, t->len);
		if (!s || !s->n)
			continue;
		idx[n] = i;
		ser[n++] = s;
	}
	return n;
}

size_t frame_gather(struct painter *p, const struct view *v, const struct view_tag *t,
		    struct chart_series *out, size_t cap)
{
	p->skipped = 0;
	if (v->system)
		return system_gather(p, v, t, out, cap);
	if (v->group)
		return bands_gather(p, v, t, out, cap);
	size_t idx[FRAME_SERIES_MAX], n = 0;
	struct series *ser[FRAME_SERIES_MAX];
	size_t k = chart_runs(v, t, idx, ser, TB_MIN(cap, FRAME_SERIES_MAX));
	p->nckpt = 0;
	for (size_t j = 0; j < k; j++) {
		const struct view_run *r = &v->runs[idx[j]];
		/* over budget: some charts as they were drawn last, caught up in later frames */
		struct series_cache *c = p->pending ? caches_peek(&p->caches, ser[j])
			: caches_get(&p->caches, ser[j], v->chart.smoothing, v->chart.smooth_method);
		if (!c) {
			p->skipped += p->pending > 0;
			continue;
		}
		struct chart_series *o = &out[n++];
		memset(o, 0, sizeof *o);        /* padding too: the memo key reads these bytes */
		o->s = ser[j];
		o->cache = c;
		o->name = r->disp ? r->disp + r->strip : NULL;
		o->x_offset = v->chart.xmode == XMODE_RELATIVE ? r->first_wall : 0;
		o->color = frame_color(v, r->run);
		o->glyph = frame_glyph(v, r->run);
		o->selected = idx[j] == v->run_sel;
		o->pinned = r->pinned;
		o->nckpt = gather_checkpoints(p, v, r->run);
	}
	/* the buffer has stopped moving: point into it */
	for (size_t i = 0, at = 0; i < n; at += out[i++].nckpt)
		out[i].ckpt = out[i].nckpt ? p->ckpt + at : NULL;
	return n;
}

/* The caches of every series the charts of this page draw, brought up to
 * date together before any is drawn, the selected chart's first: after a
 * switch of smoothing that is every point on screen again, which the chart
 * core spreads over threads, and when it takes longer than the painter's
 * budget the rest waits for the next frames. Groups' series are the
 * view's own (bands.c) and sync as they draw. */
static void prefetch(struct painter *p, const struct view *v, const struct grid_slot *slots, bool one)
{
	p->pending = p->nprep = 0;
	if (v->group || v->system)
		return;
	size_t cap = 0, n = 0, idx[FRAME_SERIES_MAX];
	struct series **all = NULL;
	for (size_t k = 0; k <= v->nitems; k++) {
		size_t i = k == 0 ? v->item_sel : k - 1;
		if (i >= v->nitems || (k > 0 && i == v->item_sel) || v->items[i].tag == SIZE_MAX ||
		    (one ? i != v->item_sel : slots[i].page != v->grid_page))
			continue;
		if (n + FRAME_SERIES_MAX > cap) {
			cap = 2 * cap + FRAME_SERIES_MAX;
			all = xrealloc(all, cap * sizeof *all);
		}
		n += chart_runs(v, &v->tags[v->items[i].tag], idx, all + n, FRAME_SERIES_MAX);
	}
	/* out of memory here: each chart syncs again as it draws, and says so */
	int st = n ? caches_prepare(&p->caches, (const struct series *const *)all, n, v->chart.smoothing,
				    v->chart.smooth_method, p->deadline, &p->pending)
		: TB_OK;
	p->nprep = n;
	if (st != TB_OK)
		p->pending = 0;
	free(all);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3u;
	return h;
}

/* Everything a chart's cells depend on: the chart view's bytes as a
 * whole, the rectangle and highlight, the title, and each series drawn
 * with its generation counters. */
static uint64_t memo_key(const struct chart_view *cv, int w, int h, bool focus, const char *title,
			 const struct chart_series *ss, size_t n)
{
	uint64_t z = fnv(0xcbf29ce484222325u, cv, sizeof *cv);
	int dims[3] = { w, h, focus };
	z = fnv(z, dims, sizeof dims);
	z = fnv(z, title, strlen(title) + 1);
	z = fnv(z, ss, n * sizeof *ss);
	for (size_t i = 0; i < n; i++) {
		/* and its cache's state: a chart drawn from a cache left behind
		 * (over the painter's budget) is drawn again once it caught up */
		const struct series_cache *c = ss[i].cache;
		uint64_t gens[4] = { ss[i].s->gen, ss[i].s->reset_gen, c ? c->n : 0, c ? (uint64_t)c->method : 0 };
		z = fnv(z, gens, sizeof gens);
		if (c)
			z = fnv(z, &c->w, sizeof c->w);
		if (ss[i].nckpt)
			z = fnv(z, ss[i].ckpt, ss[i].nckpt * sizeof *ss[i].ckpt);
		if (ss[i].name)
			z = fnv(z, ss[i].name, strlen(ss[i].name));
	}
	return z;
}

static struct chart_memo *memo_get(struct painter *p, const struct view *v, size_t tag)
{
	if (tag >= p->nmemo) {
		size_t n = v->ntags > tag ? v->ntags : tag + 1;
		p->memo = xreallocarray(p->memo, n, sizeof(*p->memo));
		memset(p->memo + p->nmemo, 0, (n - p->nmemo) * sizeof(*p->memo));
		p->nmemo = n;
	}
	return &p->memo[tag];
}

static void blit(struct canvas *dst, const struct canvas *src, int x0, int y0)
{
	for (int y = 0; y < src->h; y++)
		for (int x = 0; x < src->w; x++) {
			struct cell *d = canvas_at(dst, x0 + x, y0 + y);
			if (d)
				*d = src->cells[(size_t)y * (size_t)src->w + (size_t)x];
		}
}

static void draw_chart(struct painter *p, const struct view *v, struct canvas *cv, size_t tag,
		       int x, int y, int w, int h, bool sel)
{
	struct chart_series ss[FRAME_SERIES_MAX];
	size_t n = frame_gather(p, v, &v->tags[tag], ss, TB_ARRAY_LEN(ss));
	struct chart_view c = v->chart;
	c.braille = v->braille;
	c.legend = true;
	c.pending = p->skipped > 0;
	if (v->system) {
		/* machine metrics: no step of their own, no better or worse */
		c.best_marks = false;
		if (c.xmode == XMODE_STEP)
			c.xmode = XMODE_RELATIVE;
	}
	struct chart_memo *m = memo_get(p, v, tag);
	bool focus = sel && v->focus == FOCUS_CHARTS;
	const char *title = v->tags[tag].disp ? v->tags[tag].disp : "?";
	uint64_t key = memo_key(&c, w, h, focus, title, ss, n);
	/* unchanged since the last frame: its cells as they were */
	if (m->key != key || m->cv.w != w || m->cv.h != h) {
		if (canvas_resize(&m->cv, w, h) != TB_OK)
			return;
		if (chart_render(&m->cv, 0, 0, w, h, title, ss, n, &c, &m->info) != TB_OK)
			canvas_print(&m->cv, 0, 0, w, "out of memory", 0, CELL_BOLD);
		/* the selected chart's title is reversed when the grid has focus */
		for (int i = 0; focus && i < w && m->cv.cells[i].ch; i++)
			m->cv.cells[i].attr |= CELL_REVERSE;
		m->key = key;
	}
	if (sel)
		p->sel_info = m->info;
	blit(cv, &m->cv, x, y);
}

static void group_title(const struct view *v, struct canvas *cv, size_t i, int x, int y, int w)
{
	const struct view_group *g = &v->groups[v->items[i].group];
	char buf[300];
	snprintf(buf, sizeof buf, "%s %s (%zu)", g->collapsed ? (v->utf8 ? "\xe2\x96\xb8" : "+")
		 : (v->utf8 ? "\xe2\x96\xbe" : "-"), g->name ? g->name : "?", g->shown);
	canvas_print(cv, x, y, w, buf, 0, CELL_BOLD | (i == v->item_sel && v->focus == FOCUS_CHARTS ? CELL_REVERSE : 0));
}

/* Has a listed run machine metrics (the system pane's)? */
static bool has_system(const struct view *v)
{
	for (size_t i = 0; i < v->nruns; i++) {
		const struct run *r = v->runs[i].run;
		for (size_t k = 0; !v->runs[i].filtered && k < r->nseries; k++)
			if (r->series[k]->n && system_tag(r->series[k]->tag, r->series[k]->tag_len))
				return true;
	}
	return false;
}

/* What the grid says when it has no chart to show, and why. */
static void empty_text(const struct view *v, const struct view_status *s, char *buf, size_t cap)
{
	char name[300];
	if (!s->scanned || (s->load.busy && !v->nruns)) {
		snprintf(buf, cap, "loading...");
	} else if (s->missing) {
		sanitize_str(s->missing, strlen(s->missing), name, sizeof name, !v->utf8);
		snprintf(buf, cap, "waiting for %s (does not exist)", name);
	} else if (!v->nruns) {
		sanitize_str(s->logdir, strlen(s->logdir), name, sizeof name, !v->utf8);
		snprintf(buf, cap, "watching %s: no runs yet", name);
	} else if (v->run_filter && !model_listed_count(v)) {
		sanitize_str(v->run_filter_text, strlen(v->run_filter_text), name, sizeof name, !v->utf8);
		snprintf(buf, cap, "no run matches the filter '%s'", name);
	} else if (v->have_run_re && !model_listed_count(v)) {
		sanitize_str(v->run_re_text, strlen(v->run_re_text), name, sizeof name, !v->utf8);
		snprintf(buf, cap, "no run matches '%s'", name);
	} else if (v->have_tag_re) {
		sanitize_str(v->tag_re_text, strlen(v->tag_re_text), name, sizeof name, !v->utf8);
		snprintf(buf, cap, "no tag matches '%s'", name);
	} else if (!v->system && has_system(v)) {
		snprintf(buf, cap, "no training metrics: M shows the system's");
	} else {
		snprintf(buf, cap, "%s", s->load.busy ? "loading..." : "no scalars yet");
	}
}

static void draw_grid(struct painter *p, const struct view *v, const struct view_status *s, struct canvas *cv,
		      const struct frame_geom *g)
{
	const struct view_item *sel = model_sel_item(v);
	if (v->maximized && sel && sel->tag != SIZE_MAX) {
		prefetch(p, v, NULL, true);
		draw_chart(p, v, cv, sel->tag, g->gx, g->gy, g->gw, g->gh, true);
		return;
	}
	if (!v->nitems) {
		char buf[400];
		empty_text(v, s, buf, sizeof buf);
		canvas_print(cv, g->gx + 2, g->gy + g->gh / 2, g->gw - 2, buf, 0, CELL_DIM);
		return;
	}
	struct grid_slot *slots = xcalloc(v->nitems, sizeof *slots);
	layout_grid(v, g->gw, g->gh, slots);
	prefetch(p, v, slots, false);
	for (size_t i = 0; i < v->nitems; i++) {
		const struct grid_slot *sl = &slots[i];
		if (sl->page != v->grid_page)
			continue;
		if (v->items[i].tag == SIZE_MAX)
			group_title(v, cv, i, g->gx, g->gy + sl->y, g->gw);
		else
			draw_chart(p, v, cv, v->items[i].tag, g->gx + sl->x, g->gy + sl->y, sl->w, sl->h,
				   i == v->item_sel);
	}
	free(slots);
}

/* While loading: "loading [####------] 42% 7/16 files 430/1024 MB 2s left".
 * Live appends after the first load are too small to deserve a bar. */
static bool progress_text(const struct view_status *s, bool utf8, char *buf, size_t cap)
{
	const struct loader_progress *l = &s->load;
	uint64_t left = l->bytes_total > l->bytes_read ? l->bytes_total - l->bytes_read : 0;
	if (!l->busy || (s->loaded_at > 0 && left < ((uint64_t)1 << 20)))
		return false;
	double frac = l->bytes_total ? (double)l->bytes_read / (double)l->bytes_total : 0;
	frac = frac > 1 ? 1 : frac;
	char bar[64], eta[32] = "";
	text_bar((int)(frac * 10), utf8, bar, sizeof bar);
	double elapsed = s->now - l->load_t0;
	double rate = elapsed > 0 ? (double)(l->bytes_read - l->load_b0) / elapsed : 0;
	if (elapsed > 0.25 && rate > 0) {
		label_duration((double)left / rate + 1, eta, sizeof eta);
		strcat(eta, " left");
	}
	snprintf(buf, cap, "loading [%s] %.0f%% %zu/%zu files %.0f/%.0f MB %s", bar, frac * 100,
		 l->nfiles - l->ndirty, l->nfiles, (double)l->bytes_read / 1e6, (double)l->bytes_total / 1e6, eta);
	return true;
}

/* The status line, segment by segment in the order they matter, so a
 * narrow terminal cuts the least useful: smoothing, new alerts, errors, what follows
 * the logdirs, counts, how the charts are drawn, filters, the selected
 * run, the logdir, the last error. */
struct line {
	char buf[1600];
	size_t n;
};

static void seg(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void seg(struct line *l, const char *fmt, ...)
{
	va_list ap;
	if (l->n + 4 >= sizeof l->buf)
		return;
	l->n += (size_t)snprintf(l->buf + l->n, sizeof l->buf - l->n, "%s", l->n ? " | " : " ");
	va_start(ap, fmt);
	int k = vsnprintf(l->buf + l->n, sizeof l->buf - l->n, fmt, ap);
	va_end(ap);
	l->n = TB_MIN(l->n + (size_t)(k > 0 ? k : 0), sizeof l->buf - 1);
}

/* 0.6 -> "0.60", the 0.999 cap -> "0.999". */
static void smoothing_text(double w, char *buf, size_t cap)
{
	snprintf(buf, cap, fabs(w * 100 - round(w * 100)) > 1e-6 ? "%.3f" : "%.2f", w);
}

static void status_view(const struct view *v, struct line *l)
{
	const struct chart_view *c = &v->chart;
	seg(l, "x: %s%s%s%s", chart_xmode_name(c->xmode), c->logy ? ", log y" : "",
	    c->outliers ? ", no outliers" : "", c->zoom_hi - c->zoom_lo < 1 ? ", zoom" : "");
	if (c->palette != PAL_DEFAULT)
		seg(l, "palette %s", chart_palette_name(c->palette));
	if (v->have_run_re || v->have_tag_re) {
		char runs[300], tags[300];
		sanitize_str(v->run_re_text, strlen(v->run_re_text), runs, sizeof runs, !v->utf8);
		sanitize_str(v->tag_re_text, strlen(v->tag_re_text), tags, sizeof tags, !v->utf8);
		if (v->have_run_re)
			seg(l, "runs /%s/", runs);
		if (v->have_tag_re)
			seg(l, "tags /%s/", tags);
	}
	if (v->run_filter) {
		char expr[300];
		sanitize_str(v->run_filter_text, strlen(v->run_filter_text), expr, sizeof expr, !v->utf8);
		seg(l, "filter %s", expr);
	}
	if (v->group) {
		char spec[300];
		sanitize_str(v->group->text, strlen(v->group->text), spec, sizeof spec, !v->utf8);
		seg(l, "group by %s, band %s", spec, bands_name(v->band));
	}
	if (v->run_sel < v->nruns)
		seg(l, "run %s", v->runs[v->run_sel].disp);
}

static void draw_status(const struct view *v, const struct view_status *s, const struct painter *p,
			struct canvas *cv, int y)
{
	struct line l = { "", 0 };
	char logdir[520] = "", cnt[32], slider[64], w[16], prog[200];
	text_bar((int)lround(v->chart.smoothing * 10), v->utf8, slider, sizeof slider);
	smoothing_text(v->chart.smoothing, w, sizeof w);
	char method[40];
	smooth_label(v->chart.smooth_method, v->chart.smoothing, method, sizeof method);
	if (v->console)
		seg(&l, "console (C: charts)");
	else if (v->system)
		seg(&l, "system (M: training)");
	seg(&l, "smoothing %s [%s] %s", w, slider, method);
	if (p->pending)
		seg(&l, "redrawing %zu of %zu lines", p->pending, p->nprep);
	if (alerts_unseen(v))
		seg(&l, "%zu new alert%s (A)", alerts_unseen(v), alerts_unseen(v) == 1 ? "" : "s");
	if (v->diag->total)
		seg(&l, "%zu error%s (e)", v->diag->total, v->diag->total == 1 ? "" : "s");
	seg(&l, "%s", progress_text(s, v->utf8, prog, sizeof prog) ? prog : s->live);
	text_count(store_npoints(v->st), cnt, sizeof cnt);
	seg(&l, "%zu run%s %zu tag%s %s pt%s", v->nruns, v->nruns == 1 ? "" : "s", v->ntags, v->ntags == 1 ? "" : "s",
	    cnt, store_npoints(v->st) == 1 ? "" : "s");
	char shape[32] = "";
	if (v->grid_rows > 0 || v->grid_cols > 0)     /* the user's shape, as this screen has it */
		snprintf(shape, sizeof shape, "grid %dx%d", v->grid_shown_rows, v->grid_shown_cols);
	if (v->console)
		;       /* the pane has no pages */
	else if (v->grid_pages > 1)
		seg(&l, "%s%spage %d/%d", shape, *shape ? " " : "", v->grid_page + 1, v->grid_pages);
	else if (*shape)
		seg(&l, "%s", shape);
	status_view(v, &l);
	if (s->nlogdirs) {
		char clean[512];
		sanitize_str(s->logdir, strlen(s->logdir), clean, sizeof clean, !v->utf8);
		text_ellipsize(clean, 28, v->utf8, logdir, sizeof logdir);
		if (s->nlogdirs > 1)
			snprintf(logdir + strlen(logdir), sizeof logdir - strlen(logdir), " +%zu", s->nlogdirs - 1);
		seg(&l, "%s", logdir);
	}
	const char *err = diag_last(v->diag);
	if (err)
		seg(&l, "last error: %s", err);
	canvas_fill(cv, 0, y, cv->w, 1, CELL_REVERSE);
	canvas_print(cv, 0, y, cv->w, l.buf, 0, CELL_REVERSE);
}

int view_render(struct painter *p, const struct view *v, const struct view_status *s, struct canvas *cv,
		int *cur_x, int *cur_y)
{
	*cur_x = *cur_y = -1;
	if (canvas_resize(cv, v->W, v->H) != TB_OK)
		return TB_NOMEM;
	if (v->W < MIN_W || v->H < MIN_H) {
		char buf[64];
		snprintf(buf, sizeof buf, "terminal too small (%dx%d, need %dx%d)", v->W, v->H, MIN_W, MIN_H);
		canvas_print(cv, 0, 0, v->W, buf, 0, CELL_BOLD);
		return TB_OK;
	}
	struct frame_geom g;
	layout_geom(v, &g);
	p->sel_info.plot_w = 0;
	p->pending = p->nprep = 0;
	p->deadline = p->budget > 0 ? tb_now() + p->budget : 0;
	p->worked = false;
	bands_assign(p, v);
	if (v->table) {
		table_draw(v, s, cv, v->H - 2);
	} else {
		if (g.list_w) {
			draw_runs(v, s, cv, g.list_w, g.gh);
			for (int y = 0; y < g.gh; y++)
				canvas_put(cv, g.list_w, y, v->utf8 ? 0x2502 : '|', 0, CELL_DIM);
		}
		if (v->console) {
			console_draw(v, cv, g.gx, g.gy, g.gw, g.gh);
		} else {
			p->counting = true;
			draw_grid(p, v, s, cv, &g);
			p->counting = false;
		}
	}
	draw_status(v, s, p, cv, v->H - 1);
	if (v->overlay)
		overlay_draw(p, v, cv);
	info_draw(p, v, cv, v->H - 2, cur_x);
	if (*cur_x >= 0)
		*cur_y = v->H - 2;
	return TB_OK;
}
