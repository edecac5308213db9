/* draw.c: one frame: run list, chart grid (or one maximised chart), info
 * line, status line, and the help or error overlay. Charts are drawn into
 * a canvas by the chart core and copied cell by cell; doupdate() then
 * sends the terminal only what differs from the last frame. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "tailboard/watch.h"
#include "ui_int.h"

#define MIN_W 40
#define MIN_H 10

static const uint32_t run_glyphs[] = { '*', '+', 'o', 'x', '#', '%', '=', '~' };

int draw_colors(struct ui *u)
{
	static const short base[] = { COLOR_YELLOW, COLOR_CYAN, COLOR_MAGENTA, COLOR_GREEN,
		COLOR_RED, COLOR_BLUE };
	/* TensorBoard-like hues where the terminal has 256 colours */
	static const short rich[] = { 208, 39, 170, 76, 196, 226, 51, 141, 214, 118 };
	u->ncolors = 0;
	if (!u->color)
		return TB_OK;
	start_color();
	use_default_colors();
	const short *pal = COLORS >= 256 ? rich : base;
	int n = COLORS >= 256 ? (int)TB_ARRAY_LEN(rich) : (int)TB_ARRAY_LEN(base);
	if (n > COLOR_PAIRS - 1)
		n = COLOR_PAIRS - 1;
	for (int i = 0; i < n; i++)
		init_pair((short)(i + 1), pal[i], -1);
	u->ncolors = n;
	return TB_OK;
}

static int run_color(const struct ui *u, const struct run *r)
{
	return u->ncolors ? (int)(r->index % (size_t)u->ncolors) + 1 : 0;
}

static uint32_t run_glyph(const struct ui *u, const struct run *r)
{
	return u->ncolors ? 0 : run_glyphs[r->index % TB_ARRAY_LEN(run_glyphs)];
}

static attr_t cell_attrs(int color, int attr)
{
	attr_t a = color ? COLOR_PAIR(color) : 0;
	if (attr & CELL_DIM) a |= A_DIM;
	if (attr & CELL_BOLD) a |= A_BOLD;
	if (attr & CELL_REVERSE) a |= A_REVERSE;
	return a;
}

static void put_cell(int y, int x, uint32_t ch, attr_t a)
{
	wchar_t wc[2] = { (wchar_t)(ch ? ch : ' '), 0 };
	cchar_t cc;
	if (setcchar(&cc, wc, a, (short)PAIR_NUMBER(a), NULL) == OK)
		mvadd_wch(y, x, &cc);
}

/* Copy a canvas rectangle to the screen. */
static void blit(const struct canvas *cv, int x0, int y0)
{
	for (int y = 0; y < cv->h; y++)
		for (int x = 0; x < cv->w; x++) {
			const struct cell *c = &cv->cells[(size_t)y * (size_t)cv->w + (size_t)x];
			put_cell(y0 + y, x0 + x, c->ch, cell_attrs(c->color, c->attr));
		}
}

/* Print sanitised UTF-8 clipped to w cells (by display width). */
static int put_text(int y, int x, int w, const char *s, attr_t a)
{
	attrset(a);
	int used = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	const char *p = s;
	while (*p && used < w) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			wc = '?';
			n = 1;
			memset(&st, 0, sizeof st);
		}
		int cw = wcwidth(wc);
		if (cw < 0) cw = 1;
		if (used + cw > w)
			break;
		wchar_t one[2] = { wc, 0 };
		mvaddnwstr(y, x + used, one, 1);
		used += cw;
		p += n;
	}
	attrset(A_NORMAL);
	return used;
}

/* Shorten to w display cells by cutting the middle: "very_lo…g_name". */
static void ellipsize(const char *s, int w, bool utf8, char *out, size_t cap)
{
	if (sanitize_width(s) <= w || w < 3) {
		snprintf(out, cap, "%s", s);
		return;
	}
	const char *dots = utf8 ? "\xe2\x80\xa6" : "~";
	int keep = w - 1, head = (keep + 1) / 2, tail = keep - head;
	/* walk characters, counting display width */
	size_t len = strlen(s), i = 0, o = 0;
	int used = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (i < len && o + 8 < cap) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) { n = 1; wc = '?'; }
		int cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		if (used + cw > head)
			break;
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
		used += cw;
	}
	o += (size_t)snprintf(out + o, cap - o, "%s", dots);
	/* the tail: find the start that leaves tail cells */
	int total = sanitize_width(s);
	size_t j = i;
	int skipped = used;
	memset(&st, 0, sizeof st);
	while (j < len && total - skipped > tail) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + j, len - j, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) { n = 1; wc = '?'; }
		skipped += wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		j += n;
	}
	snprintf(out + o, cap - o, "%s", s + j);
}

static void compact_count(size_t n, char *buf, size_t cap)
{
	if (n < 10000)
		snprintf(buf, cap, "%zu", n);
	else
		label_number((double)n, 0, buf, cap);
}

static void draw_runs(struct ui *u, int x, int y, int w, int h)
{
	attr_t head = u->focus == FOCUS_RUNS ? A_BOLD | A_UNDERLINE : A_BOLD;
	char buf[512];
	size_t listed = runs_listed_count(u);
	if (u->top)
		snprintf(buf, sizeof buf, "Top %zu: %s", listed, u->top_tag ? u->top_tag : "-");
	else if (listed != u->nruns)
		snprintf(buf, sizeof buf, "Runs (%zu): %zu match", u->nruns, listed);
	else
		snprintf(buf, sizeof buf, "Runs (%zu)", u->nruns);
	put_text(y, x, w, buf, head);
	int rows = h - 1;
	runs_page(u, rows > 0 ? (size_t)rows : 1);
	double now = tb_now();
	int row = 0;
	for (size_t i = u->page_lo; i < u->nruns && row < rows; i++) {
		struct ui_run *r = &u->runs[i];
		if (!model_run_listed(u, i))
			continue;
		int yy = y + 1 + row++;
		int col = run_color(u, r->run);
		uint32_t sw = u->ncolors ? (u->utf8 ? 0x2588 : '#') : run_glyph(u, r->run);
		put_cell(yy, x, sw, cell_attrs(col, r->hidden ? CELL_DIM : 0));
		/* live: points arrived in the last minute after the first load,
		 * so a finished sweep does not light up just for being read */
		bool live = u->loaded_at > 0 && r->run->last_append > u->loaded_at &&
			now - r->run->last_append < LIVE_SECS;
		char cnt[32], name[400];
		if (u->top)
			label_value(r->best, cnt, sizeof cnt);
		else
			compact_count(r->run->npoints, cnt, sizeof cnt);
		int namew = w - 2 - 4 - 1 - (int)strlen(cnt) - 2;
		ellipsize(r->disp ? r->disp : "?", namew, u->utf8, name, sizeof name);
		attr_t a = i == u->run_sel ? A_REVERSE : 0;
		if (r->hidden)
			a |= A_DIM;
		snprintf(buf, sizeof buf, "%s %s", r->hidden ? "[ ]" : "[x]", name);
		int used = put_text(yy, x + 2, w - 2, buf, a);
		attrset(a);
		for (int k = 2 + used; k < w - (int)strlen(cnt) - 2; k++)
			mvaddch(yy, x + k, ' ');
		attrset(A_NORMAL);
		put_text(yy, x + w - (int)strlen(cnt) - 2, (int)strlen(cnt), cnt, a & ~(attr_t)A_REVERSE);
		if (live)
			put_text(yy, x + w - 1, 1, u->utf8 ? "\xe2\x97\x8f" : "*", A_BOLD);
	}
}

/* The chart series of one tag: every shown run that has points for it. */
static size_t gather(struct ui *u, const struct ui_tag *t, struct chart_series *out, size_t cap)
{
	size_t n = 0;
	/* paged: only the list's page and the selected run can be shown */
	size_t lo = u->charts_paged ? TB_MIN(u->page_lo, u->run_sel) : 0;
	size_t hi = u->charts_paged ? TB_MAX(u->page_hi, u->run_sel) + 1 : u->nruns;
	for (size_t i = lo; i < hi && i < u->nruns && n < cap; i++) {
		if (u->charts_paged && i > u->page_hi && i < u->run_sel)
			i = u->run_sel;     /* skip the gap up to the selection */
		struct ui_run *r = &u->runs[i];
		if (!model_run_shown(u, i))
			continue;
		struct series *s = run_find_series(r->run, t->tag, t->len);
		if (!s || !s->n)
			continue;
		struct series_cache *c = caches_get(&u->caches, s, u->smoothing);
		if (!c)
			continue;
		out[n++] = (struct chart_series){ s, c, r->disp, r->first_wall,
			run_color(u, r->run), run_glyph(u, r->run), i == u->run_sel };
	}
	return n;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3u;
	return h;
}

#define FNV(h, x) fnv(h, &(x), sizeof(x))

/* Everything a chart's cells depend on: its size and highlight, the view,
 * and each series drawn with its generation counters. */
static uint64_t chart_sig(const struct ui *u, size_t tag, int w, int h, bool sel,
			  const struct chart_view *v, const struct chart_series *ss, size_t n)
{
	uint64_t z = 0xcbf29ce484222325u;
	bool focus = sel && u->focus == FOCUS_CHARTS;
	z = FNV(z, tag); z = FNV(z, w); z = FNV(z, h); z = FNV(z, sel); z = FNV(z, focus);
	z = FNV(z, v->xmode); z = FNV(z, v->braille); z = FNV(z, v->logy); z = FNV(z, v->outliers);
	z = FNV(z, v->best_marks); z = FNV(z, v->legend); z = FNV(z, v->smoothing);
	z = FNV(z, v->zoom_lo); z = FNV(z, v->zoom_hi); z = FNV(z, v->cursor); z = FNV(z, n);
	const char *title = u->tags[tag].disp ? u->tags[tag].disp : "?";
	z = fnv(z, title, strlen(title));
	for (size_t i = 0; i < n; i++) {
		z = FNV(z, ss[i].s); z = FNV(z, ss[i].s->gen); z = FNV(z, ss[i].s->reset_gen);
		z = FNV(z, ss[i].x_offset); z = FNV(z, ss[i].color); z = FNV(z, ss[i].glyph);
		z = FNV(z, ss[i].selected);
		if (ss[i].name)
			z = fnv(z, ss[i].name, strlen(ss[i].name));
	}
	return z;
}

static struct chart_memo *memo_get(struct ui *u, size_t tag)
{
	if (tag >= u->nmemo) {
		size_t n = u->ntags > tag ? u->ntags : tag + 1;
		struct chart_memo *m = realloc(u->memo, n * sizeof(*m));
		if (!m)
			return NULL;
		memset(m + u->nmemo, 0, (n - u->nmemo) * sizeof(*m));
		u->memo = m;
		u->nmemo = n;
	}
	return &u->memo[tag];
}

static void draw_chart(struct ui *u, size_t tag, int x, int y, int w, int h, bool sel, bool legend)
{
	struct chart_series ss[256];
	size_t n = gather(u, &u->tags[tag], ss, TB_ARRAY_LEN(ss));
	struct chart_view v = u->view;
	v.braille = u->braille;
	v.smoothing = u->smoothing;
	v.legend = legend;
	if (!sel)
		v.cursor = -1;
	struct chart_memo *m = memo_get(u, tag);
	if (!m)
		return;
	uint64_t sig = chart_sig(u, tag, w, h, sel, &v, ss, n);
	/* unchanged since the last frame: its cells as they were */
	if (m->sig != sig || m->cv.w != w || m->cv.h != h) {
		if (canvas_resize(&m->cv, w, h))
			return;
		chart_render(&m->cv, 0, 0, w, h, u->tags[tag].disp ? u->tags[tag].disp : "?", ss, n, &v, &m->info);
		/* the selected chart's title is underlined when the grid has focus */
		if (sel && u->focus == FOCUS_CHARTS)
			for (int i = 0; i < w && m->cv.cells[i].ch; i++)
				m->cv.cells[i].attr |= CELL_REVERSE;
		m->sig = sig;
	}
	if (sel)
		u->sel_info = m->info;
	blit(&m->cv, x, y);
}

static void draw_grid(struct ui *u, int x, int y, int w, int h)
{
	u->sel_info.plot_w = 0;
	const struct ui_item *sel = model_sel_item(u);
	if (u->maximized && sel && sel->tag != SIZE_MAX) {
		draw_chart(u, sel->tag, x, y, w, h, true, true);
		return;
	}
	if (!u->nitems) {
		put_text(y + h / 2, x + 2, w - 2, loader_busy(&u->app->loader) ? "loading..." :
				"no scalars yet", A_DIM);
		return;
	}
	int ncols = w / 44 > 0 ? w / 44 : 1;
	int cw = w / ncols;
	int ch = (h - 2) / 2;
	if (ch > 16) ch = 16;
	if (ch < 8) ch = 8;
	if (ch > h) ch = h;
	/* lay out: item -> (row offset, column); then scroll to the selection */
	int *ytop = malloc(u->nitems * sizeof *ytop), *xcol = malloc(u->nitems * sizeof *xcol);
	int *hgt = malloc(u->nitems * sizeof *hgt);
	if (!ytop || !xcol || !hgt) {
		free(ytop); free(xcol); free(hgt);
		return;
	}
	int cy = 0, col = 0;
	for (size_t i = 0; i < u->nitems; i++) {
		if (u->items[i].tag == SIZE_MAX) {
			if (col) { cy += ch; col = 0; }
			ytop[i] = cy; xcol[i] = 0; hgt[i] = 1;
			cy += 1;
			continue;
		}
		ytop[i] = cy; xcol[i] = col; hgt[i] = ch;
		if (++col == ncols) { col = 0; cy += ch; }
	}
	size_t s = u->item_sel < u->nitems ? u->item_sel : 0;
	if (ytop[s] < u->scroll)
		u->scroll = ytop[s];
	if (ytop[s] + hgt[s] > u->scroll + h)
		u->scroll = ytop[s] + hgt[s] - h;
	if (u->scroll < 0)
		u->scroll = 0;
	for (size_t i = 0; i < u->nitems; i++) {
		int yy = ytop[i] - u->scroll;
		if (yy < 0 || yy + hgt[i] > h)
			continue;   /* only whole charts */
		const struct ui_item *it = &u->items[i];
		if (it->tag == SIZE_MAX) {
			const struct ui_group *g = &u->groups[it->group];
			char buf[300];
			snprintf(buf, sizeof buf, "%s %s (%zu)", g->collapsed ? (u->utf8 ? "\xe2\x96\xb8" : "+")
					: (u->utf8 ? "\xe2\x96\xbe" : "-"), g->name ? g->name : "?", g->count);
			attr_t a = A_BOLD | (i == u->item_sel && u->focus == FOCUS_CHARTS ? A_REVERSE : 0);
			put_text(y + yy, x, w, buf, a);
			continue;
		}
		draw_chart(u, it->tag, x + xcol[i] * cw, y + yy, cw - 1, hgt[i], i == u->item_sel, true);
	}
	free(ytop);
	free(xcol);
	free(hgt);
}

/* Cursor readout or prompt or a hint, one line. */
static void draw_info(struct ui *u, int y, int w)
{
	char buf[1024];
	if (u->prompt) {
		snprintf(buf, sizeof buf, "%s%s", u->prompt == '/' ? "run regex: " : "tag regex: ", u->input);
		char clean[1100];
		sanitize_str(buf, strlen(buf), clean, sizeof clean, !u->utf8);
		int used = put_text(y, 0, w - 1, clean, A_BOLD);
		move(y, used);
		return;
	}
	if (u->message[0]) {
		put_text(y, 0, w, u->message, A_BOLD);
		return;
	}
	const struct ui_item *it = model_sel_item(u);
	if (u->view.cursor >= 0 && it && it->tag != SIZE_MAX && u->sel_info.plot_w > 0) {
		struct chart_series ss[256];
		size_t n = gather(u, &u->tags[it->tag], ss, TB_ARRAY_LEN(ss));
		int used = 0;
		for (size_t i = 0; i < n && used < w; i++) {
			size_t k = chart_nearest(ss[i].cache, u->sel_info.cursor_x, u->view.xmode, ss[i].x_offset);
			if (k == SIZE_MAX)
				continue;
			char raw[32], sm[32];
			label_value(cache_value(ss[i].cache, k), raw, sizeof raw);
			label_value(cache_smooth(ss[i].cache, k), sm, sizeof sm);
			if (u->smoothing > 0)
				snprintf(buf, sizeof buf, "%s @%lld %s (%s)  ", ss[i].name, (long long)cache_step(ss[i].cache, k), sm, raw);
			else
				snprintf(buf, sizeof buf, "%s @%lld %s  ", ss[i].name, (long long)cache_step(ss[i].cache, k), raw);
			if (ss[i].glyph || ss[i].color) {
				put_cell(y, used, ss[i].glyph ? ss[i].glyph : (u->utf8 ? 0x25a0 : '#'), cell_attrs(ss[i].color, 0));
				used += 2;
			}
			used += put_text(y, used, w - used, buf, cell_attrs(ss[i].color, 0));
		}
		return;
	}
	if (u->charts_paged)
		put_text(y, 0, w, "many runs: charts show the runs on the list's page  PgDn/PgUp page  / filter  T top runs  ? help", A_DIM);
	else
		put_text(y, 0, w, "Tab focus  j/k move  Space hide  / runs  t tags  [ ] smoothing  h/l cursor  ? help  q quit", A_DIM);
}

/* While loading: "loading [####------] 42% 7/16 files 430/1024 MB 2s left | ".
 * Live appends after the first load are too small to deserve a bar. */
static int progress_text(struct ui *u, char *buf, size_t cap)
{
	const struct loader *l = &u->app->loader;
	bool busy = loader_busy(l);
	double now = tb_now();
	if (busy && !u->was_busy) {
		/* a load begins: the first one at the process start */
		u->load_t0 = u->loaded_at > 0 ? now : l->started;
		u->load_b0 = u->loaded_at > 0 ? l->bytes_read : 0;
	}
	u->was_busy = busy;
	uint64_t left = l->bytes_total > l->bytes_read ? l->bytes_total - l->bytes_read : 0;
	if (!busy || (u->loaded_at > 0 && left < ((uint64_t)1 << 20)))
		return 0;
	double frac = l->bytes_total ? (double)l->bytes_read / (double)l->bytes_total : 0;
	frac = frac > 1 ? 1 : frac;
	char bar[64] = "";
	int fill = (int)(frac * 10);
	for (int i = 0; i < 10; i++)
		strcat(bar, i < fill ? (u->utf8 ? "\xe2\x96\x88" : "#") : (u->utf8 ? "\xc2\xb7" : "-"));
	char eta[32] = "";
	double elapsed = now - u->load_t0;
	double rate = elapsed > 0 ? (double)(l->bytes_read - u->load_b0) / elapsed : 0;
	if (elapsed > 0.25 && rate > 0) {
		label_duration((double)left / rate + 1, eta, sizeof eta);
		strcat(eta, " left ");
	}
	int n = snprintf(buf, cap, " loading [%s] %.0f%% %zu/%zu files %.0f/%.0f MB %s|",
			bar, frac * 100, l->nfiles - l->ndirty, l->nfiles,
			(double)l->bytes_read / 1e6, (double)l->bytes_total / 1e6, eta);
	return n < 0 ? 0 : (size_t)n >= cap ? (int)cap - 1 : n;
}

static void draw_status(struct ui *u, int y, int w)
{
	struct app *app = u->app;
	size_t ntags = u->ntags, npts = app->store.npoints;
	char logdir[520] = "", buf[1200], cnt[32];
	if (app->loader.nlogdirs) {
		const struct logdir *ld = &app->loader.logdirs[0];
		const char *p = ld->name ? ld->name : ld->path;
		char clean[512];
		sanitize_str(p, strlen(p), clean, sizeof clean, !u->utf8);
		ellipsize(clean, 28, u->utf8, logdir, sizeof logdir);
		if (app->loader.nlogdirs > 1)
			snprintf(logdir + strlen(logdir), sizeof logdir - strlen(logdir), " +%zu", app->loader.nlogdirs - 1);
	}
	compact_count(npts, cnt, sizeof cnt);
	/* smoothing slider: ten cells */
	char slider[64] = "";
	int fill = (int)lround(u->smoothing * 10);
	for (int i = 0; i < 10; i++)
		strcat(slider, i < fill ? (u->utf8 ? "\xe2\x96\x88" : "#") : (u->utf8 ? "\xc2\xb7" : "-"));
	int len = progress_text(u, buf, sizeof buf);
	len += snprintf(buf + len, sizeof buf - (size_t)len, " %zu runs %zu tags %s pts | smoothing [%s] %.2f | x: %s%s%s%s | %s | %s",
			u->nruns, ntags, cnt, slider, u->smoothing, chart_xmode_name(u->view.xmode),
			u->view.logy ? " | log y" : "", u->view.outliers ? " | no outliers" : "",
			u->view.zoom_hi - u->view.zoom_lo < 1 ? " | zoom" : "", watch_describe(app), logdir);
	const char *err = diag_last(&app->diag);
	if (err && len > 0 && (size_t)len < sizeof buf)
		snprintf(buf + len, sizeof buf - (size_t)len, " | %zu errors (e): %s", app->diag.total, err);
	attr_t a = A_REVERSE;
	attrset(a);
	mvhline(y, 0, ' ', w);
	put_text(y, 0, w, buf, a);
}

/* One "key  value" line of the run overlay, both sanitised; returns the
 * next row. Lines above the scroll position are skipped. */
static int info_line(struct ui *u, int row, int x0, int y0, int w, int h, const char *k, const char *v)
{
	if (row >= u->overlay_scroll && row - u->overlay_scroll + 2 < h) {
		char *ck = sanitize_dup(k, strlen(k), !u->utf8), *cv = sanitize_dup(v, strlen(v), !u->utf8);
		char buf[1024];
		snprintf(buf, sizeof buf, "%-24s %s", ck ? ck : "?", cv ? cv : "?");
		put_text(y0 + 1 + row - u->overlay_scroll, x0 + 2, w - 3, buf, 0);
		free(ck);
		free(cv);
	}
	return row + 1;
}

/* The selected run: what it is, facts its source gave, its hparams. */
static void draw_run_info(struct ui *u, int x0, int y0, int w, int h)
{
	put_text(y0, x0 + 1, w - 2, "Run (j/k scroll, any key closes)", A_BOLD);
	if (u->run_sel >= u->nruns) {
		put_text(y0 + 2, x0 + 2, w - 3, "no run selected", A_DIM);
		return;
	}
	const struct run *r = u->runs[u->run_sel].run;
	char num[64], name[4096];
	int row = 0;
	snprintf(name, sizeof name, "%.*s", (int)TB_MIN(r->name_len, sizeof name - 1), r->name);
	row = info_line(u, row, x0, y0, w, h, "run", name);
	if (r->label)
		row = info_line(u, row, x0, y0, w, h, "name", r->label);
	row = info_line(u, row, x0, y0, w, h, "format", r->format);
	snprintf(num, sizeof num, "%zu in %zu tags%s", r->npoints, r->nseries, r->stale ? " (stale: its files are gone)" : "");
	row = info_line(u, row, x0, y0, w, h, "points", num);
	for (size_t i = 0; i < r->ninfo; i++)
		row = info_line(u, row, x0, y0, w, h, r->info[i].key, r->info[i].value);
	if (r->nhparams)
		row = info_line(u, row, x0, y0, w, h, "hyperparameters", "");
	for (size_t i = 0; i < r->nhparams; i++) {
		char key[300];
		snprintf(key, sizeof key, "  %s", r->hparams[i].key);
		row = info_line(u, row, x0, y0, w, h, key, r->hparams[i].value);
	}
	if (u->overlay_scroll >= row)
		u->overlay_scroll = row ? row - 1 : 0;
}

static void draw_overlay(struct ui *u, int W, int H)
{
	int w = W - 8 > 90 ? 90 : W - 8, h = H - 4;
	int x0 = (W - w) / 2, y0 = 2;
	for (int y = 0; y < h; y++) {
		move(y0 + y, x0);
		for (int x = 0; x < w; x++)
			addch(' ');
	}
	char buf[1024];
	if (u->overlay == OVERLAY_HELP) {
		const char **keys, **what;
		size_t n = keys_help(&keys, &what);
		put_text(y0, x0 + 1, w - 2, "Keys (any key closes)", A_BOLD);
		for (size_t i = 0; i < n && (int)i + 2 < h; i++) {
			snprintf(buf, sizeof buf, "%-10s %s", keys[i], what[i]);
			put_text(y0 + 1 + (int)i, x0 + 2, w - 3, buf, 0);
		}
		return;
	}
	if (u->overlay == OVERLAY_RUN) {
		draw_run_info(u, x0, y0, w, h);
		return;
	}
	const struct diag *d = &u->app->diag;
	snprintf(buf, sizeof buf, "Errors: %zu reported, last %zu kept (j/k scroll, any key closes)", d->total, d->n);
	put_text(y0, x0 + 1, w - 2, buf, A_BOLD);
	if (u->overlay_scroll > (int)d->n - 1)
		u->overlay_scroll = d->n ? (int)d->n - 1 : 0;
	for (int i = 0; i + 2 < h && (size_t)(i + u->overlay_scroll) < d->n; i++)
		put_text(y0 + 1 + i, x0 + 2, w - 3, d->items[(size_t)(i + u->overlay_scroll)].text, 0);
	if (!d->n)
		put_text(y0 + 2, x0 + 2, w - 3, "none", A_DIM);
}

int draw_frame(struct ui *u)
{
	int H = LINES, W = COLS;
	erase();
	if (W < MIN_W || H < MIN_H) {
		char buf[64];
		snprintf(buf, sizeof buf, "terminal too small (%dx%d, need %dx%d)", W, H, MIN_W, MIN_H);
		put_text(0, 0, W, buf, A_BOLD);
		wnoutrefresh(stdscr);
		return doupdate() == OK ? TB_OK : TB_ERR;
	}
	int body = H - 2;
	int rw = 0;
	/* many runs shown: the charts draw the run list's page only */
	size_t shown = 0;
	for (size_t i = 0; i < u->nruns && shown <= CHART_MAX_RUNS; i++)
		shown += !u->runs[i].hidden && model_run_listed(u, i);
	u->charts_paged = shown > CHART_MAX_RUNS;
	if (!u->show_runs || u->maximized)
		runs_page(u, body > 1 ? (size_t)body - 1 : 1);
	if (u->show_runs && !u->maximized) {
		rw = W / 5;
		if (rw < 22) rw = 22;
		if (rw > 32) rw = 32;
		draw_runs(u, 0, 0, rw, body);
		for (int y = 0; y < body; y++)
			put_cell(y, rw, u->utf8 ? 0x2502 : '|', A_DIM);
		rw += 1;
	}
	draw_grid(u, rw + (rw ? 1 : 0), 0, W - rw - (rw ? 1 : 0), body);
	draw_status(u, H - 1, W);
	if (u->overlay)
		draw_overlay(u, W, H);
	draw_info(u, H - 2, W);
	curs_set(u->prompt ? 1 : 0);
	wnoutrefresh(stdscr);
	return doupdate() == OK ? TB_OK : TB_ERR;
}
