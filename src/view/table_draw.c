/* table_draw.c: the runs table on screen: a title, the hyperparameters
 * every run shares, two heading rows (tags over their columns, then the
 * columns), and a row a run. The name column stays; the others scroll
 * sideways to keep the highlighted one in view. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

#define HEAD_ROWS TABLE_HEAD_ROWS

void table_layout(struct view *v, int H, int W)
{
	v->table_rows = H - 2 - HEAD_ROWS > 1 ? H - 2 - HEAD_ROWS : 1;
	size_t pos = 0;
	for (size_t i = 0; i < v->ntorder; i++)
		if (v->torder[i] == v->run_sel)
			pos = i;
	if ((int)pos < v->table_top)
		v->table_top = (int)pos;
	if ((int)pos >= v->table_top + v->table_rows)
		v->table_top = (int)pos - v->table_rows + 1;
	if (v->table_top > 0 && v->table_top + v->table_rows > (int)v->ntorder)
		v->table_top = TB_MAX(0, (int)v->ntorder - v->table_rows);
	/* sideways: the highlighted column fits right of the name column */
	if (!v->ntcols)
		return;
	/* the name column takes at most half the width */
	v->tcols[0].w = TB_MIN(v->tcols[0].w, TB_MAX(8, W / 2 - 6));
	int room = W - 2 - (v->tcols[0].w + 7);
	if (v->table_x < 1)
		v->table_x = 1;
	if (v->table_col >= 1 && v->table_col < v->table_x)
		v->table_x = v->table_col;
	for (;;) {
		int used = 0;
		for (int c = v->table_x; c <= v->table_col && c < (int)v->ntcols; c++)
			used += v->tcols[c].w + 2;
		if (used <= room || v->table_x >= v->table_col)
			break;
		v->table_x++;
	}
}

static bool numeric(const struct table_col *c)
{
	return c->kind != TC_NAME && c->kind != TC_STATE && c->kind != TC_HPARAM;
}

/* One cell at x, w cells wide: numbers right-aligned. */
static void put_cell(struct canvas *cv, int x, int y, int w, const char *text, bool right, int attr)
{
	int tw = sanitize_width(text);
	canvas_fill(cv, x, y, w, 1, attr);
	canvas_print(cv, right && tw < w ? x + w - tw : x, y, w, text, 0, attr);
}

/* "same in every run: k=v  k=v ... +M more": whole items while they
 * fit the width, then how many were left out (i shows them all). */
static void same_line(const struct view *v, struct canvas *cv, int W)
{
	char buf[600], more[48];
	int o = snprintf(buf, sizeof buf, "same in every run: ");
	size_t shown = 0;
	for (const char *p = v->tsame; *p && shown < v->ntsame;) {
		const char *e = strstr(p, "  ");
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char item[300];
		snprintf(item, sizeof item, "%s%.*s", shown ? "  " : "", (int)len, p);
		snprintf(more, sizeof more, " %s +%zu more", v->utf8 ? "\xe2\x80\xa6" : "~", v->ntsame - shown - 1);
		bool last = shown + 1 == v->ntsame;
		if ((size_t)o + strlen(item) + sizeof more >= sizeof buf ||
		    sanitize_width(buf) + sanitize_width(item) + (last ? 0 : sanitize_width(more)) > W)
			break;
		o += snprintf(buf + o, sizeof buf - (size_t)o, "%s", item);
		shown++;
		p += len;
		while (*p == ' ')
			p++;
	}
	if (shown == 0)
		snprintf(buf + o, sizeof buf - (size_t)o, "%zu keys", v->ntsame);
	else if (shown < v->ntsame)
		snprintf(buf + o, sizeof buf - (size_t)o, " %s +%zu more", v->utf8 ? "\xe2\x80\xa6" : "~",
			 v->ntsame - shown);
	canvas_print(cv, 0, 1, W, buf, 0, CELL_DIM);
}

static void title(const struct view *v, struct canvas *cv, int W)
{
	char buf[600], head[400] = "";
	int o = snprintf(buf, sizeof buf, "Runs table: %zu runs", v->ntorder);
	if (v->table_sort >= 0 && (size_t)v->table_sort < v->ntcols) {
		const struct table_col *c = &v->tcols[v->table_sort];
		char key[160];
		sanitize_str(c->key ? c->key : "", c->key ? c->len : 0, key, sizeof key, !v->utf8);
		snprintf(head, sizeof head, "%s%s%s", c->head ? c->head : key, c->head && c->key ? " " : "",
			 c->head && c->key ? key : "");
		o += snprintf(buf + o, sizeof buf - (size_t)o, ", by %s %s", head,
			      v->table_desc ? (v->utf8 ? "\xe2\x96\xbc" : "v") : (v->utf8 ? "\xe2\x96\xb2" : "^"));
	}
	canvas_print(cv, 0, 0, W, buf, 0, CELL_BOLD);
	if (v->tsame)
		same_line(v, cv, W);
}

/* x of each shown column, -1 for those scrolled away or off the edge. */
static void columns_x(const struct view *v, int W, int *xs)
{
	int x = 0;
	for (size_t c = 0; c < v->ntcols; c++)
		xs[c] = -1;
	for (size_t c = 0; c < v->ntcols; c++) {
		if (c > 0 && (int)c < v->table_x)
			continue;
		int w = v->tcols[c].w + (c == 0 ? 6 : 0);       /* the name's "[x] " and swatch */
		if (x + w > W)
			break;
		xs[c] = x;
		x += w + 2;
	}
}

static void headings(const struct view *v, struct canvas *cv, const int *xs)
{
	for (size_t c = 0; c < v->ntcols; c++) {
		const struct table_col *tc = &v->tcols[c];
		if (xs[c] < 0)
			continue;
		char key[200];
		sanitize_str(tc->key ? tc->key : "", tc->key ? tc->len : 0, key, sizeof key, !v->utf8);
		/* a tag's name over its three columns, from its first */
		if (tc->kind == TC_LAST) {
			int w = tc->w;
			for (size_t k = c + 1; k < c + 3 && k < v->ntcols && xs[k] >= 0; k++)
				w = xs[k] + v->tcols[k].w - xs[c];
			char cut[200];
			text_ellipsize(key, w, v->utf8, cut, sizeof cut);
			canvas_print(cv, xs[c], 2, w, cut, 0, CELL_BOLD);
		}
		int a = CELL_BOLD | CELL_UNDERLINE | ((int)c == v->table_col ? CELL_REVERSE : 0);
		char head[220], cut[220];
		snprintf(head, sizeof head, "%s%s", tc->head ? tc->head : key,
			 (int)c == v->table_sort ? (v->table_desc ? (v->utf8 ? "\xe2\x96\xbc" : "v") : (v->utf8 ? "\xe2\x96\xb2" : "^")) : "");
		text_ellipsize(head, tc->w + (c == 0 ? 6 : 0), v->utf8, cut, sizeof cut);
		put_cell(cv, xs[c], 3, tc->w + (c == 0 ? 6 : 0), cut, numeric(tc), a);
	}
}

static void row(const struct view *v, const struct view_status *s, struct canvas *cv, const int *xs, size_t run,
		int y)
{
	const struct view_run *vr = &v->runs[run];
	int a = (run == v->run_sel ? CELL_REVERSE : 0) | (vr->hidden ? CELL_DIM : 0);
	for (size_t c = 0; c < v->ntcols; c++) {
		struct table_col *tc = &v->tcols[c];
		if (xs[c] < 0)
			continue;
		char buf[400], cut[400];
		double num;
		table_cell(v, tc, run, s, buf, sizeof buf, &num);
		int x = xs[c], w = tc->w;
		if (c == 0) {
			int col = frame_color(v, vr->run);
			uint32_t sw = v->ncolors ? (v->utf8 ? 0x2588 : '#') : frame_glyph(v, vr->run);
			canvas_put(cv, x, y, sw, col, vr->hidden ? CELL_DIM : 0);
			canvas_print(cv, x + 2, y, 4, vr->hidden ? "[ ] " : "[x] ", 0, a);
			x += 6;
		}
		text_ellipsize(buf, w, v->utf8, cut, sizeof cut);
		put_cell(cv, x, y, w, cut, numeric(tc) || (tc->kind == TC_HPARAM && !isnan(num)), a);
		if (c + 1 < v->ntcols && xs[c + 1] >= 0)
			canvas_fill(cv, x + w, y, xs[c + 1] - x - w, 1, a);
	}
}

void table_draw(const struct view *v, const struct view_status *s, struct canvas *cv, int h)
{
	int W = cv->w, *xs = xcalloc(v->ntcols + 1, sizeof *xs);
	title(v, cv, W);
	columns_x(v, W, xs);
	headings(v, cv, xs);
	for (int i = 0; i < v->table_rows && HEAD_ROWS + i < h; i++) {
		size_t k = (size_t)(v->table_top + i);
		if (k >= v->ntorder)
			break;
		row(v, s, cv, xs, v->torder[k], HEAD_ROWS + i);
	}
	if (!v->ntorder)
		canvas_print(cv, 2, HEAD_ROWS + 1, W - 2, "no runs listed (a filter leaves none)", 0, CELL_DIM);
	free(xs);
}
