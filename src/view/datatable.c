/* datatable.c: the data table (d), TensorBoard's step-selector table over
 * every point: for each run the selected chart shows, its point at the
 * cursor (value, smoothed value, step, wall and relative time, and min,
 * max and mean up to there), or, with a mark (v) set, its points between
 * the mark and the cursor (first, last, change, % change, min, max, mean).
 * The selected run first, then by value, best first. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

#define NCOL 10

struct drow {
	char cell[NCOL][48];
	double key;             /* the value it sorts by */
	bool selected, pinned;
};

struct stats {
	double min, max, sum;
	size_t n;
};

static void stats_of(const struct series_cache *c, size_t a, size_t b, struct stats *st)
{
	*st = (struct stats){ INFINITY, -INFINITY, 0, 0 };
	for (size_t i = a; i <= b && i < c->n; i++) {
		double y = cache_value(c, i);
		if (!isfinite(y))
			continue;
		st->min = fmin(st->min, y);
		st->max = fmax(st->max, y);
		st->sum += y;
		st->n++;
	}
}

static void num(char *out, double v)
{
	if (isnan(v))
		snprintf(out, 48, "-");
	else
		label_value(v, out, 48);
}

static void clock_of(char *out, double wall)
{
	time_t t = (time_t)wall;
	struct tm tm;
	if (wall > 1e8 && localtime_r(&t, &tm))
		strftime(out, 48, "%m-%d %H:%M:%S", &tm);
	else
		snprintf(out, 48, "-");
}

/* One run's row at the cursor (a) or over the range [a, b]. */
static void fill(const struct view *v, const struct chart_series *cs, double xa, double xb, bool range,
		 struct drow *r)
{
	const struct series_cache *c = cs->cache;
	enum chart_xmode m = v->chart.xmode;
	size_t k = chart_nearest(c, xb, m, cs->x_offset);
	char name[200];
	text_ellipsize(cs->name ? cs->name : "?", 28, v->utf8, name, sizeof name);
	snprintf(r->cell[0], 48, "%.47s", name);
	r->selected = cs->selected;
	r->pinned = cs->pinned;
	struct stats st;
	if (!range) {
		stats_of(c, 0, k, &st);
		r->key = cache_value(c, k);
		snprintf(r->cell[1], 48, "%lld", (long long)cache_step(c, k));
		num(r->cell[2], cache_value(c, k));
		num(r->cell[3], v->chart.smoothing > 0 ? cache_smooth(c, k) : NAN);
		clock_of(r->cell[4], cache_wall(c, k));
		label_duration(cache_wall(c, k) - cache_wall(c, 0), r->cell[5], 48);
	} else {
		size_t a = chart_nearest(c, xa, m, cs->x_offset);
		if (a > k) {
			size_t t = a;
			a = k;
			k = t;
		}
		stats_of(c, a, k, &st);
		double first = cache_value(c, a), last = cache_value(c, k);
		r->key = last;
		snprintf(r->cell[1], 48, "%lld-%lld", (long long)cache_step(c, a), (long long)cache_step(c, k));
		num(r->cell[2], first);
		num(r->cell[3], last);
		num(r->cell[4], last - first);
		if (first != 0 && isfinite(first) && isfinite(last))
			snprintf(r->cell[5], 48, "%+.1f%%", (last - first) / fabs(first) * 100);
		else
			snprintf(r->cell[5], 48, "-");
	}
	num(r->cell[6], st.n ? st.min : NAN);
	num(r->cell[7], st.n ? st.max : NAN);
	num(r->cell[8], st.n ? st.sum / (double)st.n : NAN);
	snprintf(r->cell[9], 48, "%zu", st.n);
}

/* Selected first, then by key (the value, negated where higher is
 * better), blanks last. */
static int cmp_rows(const void *pa, const void *pb)
{
	const struct drow *a = pa, *b = pb;
	if (a->pinned != b->pinned)
		return a->pinned ? -1 : 1;
	if (a->selected != b->selected)
		return a->selected ? -1 : 1;
	bool an = isfinite(a->key), bn = isfinite(b->key);
	if (an != bn)
		return an ? -1 : 1;
	return an ? (a->key > b->key) - (a->key < b->key) : 0;
}

static void put_rows(struct lines *l, struct drow *rows, size_t n, const char *const *heads)
{
	int w[NCOL];
	for (int c = 0; c < NCOL; c++) {
		w[c] = (int)strlen(heads[c]);
		for (size_t i = 0; i < n; i++)
			w[c] = TB_MAX(w[c], sanitize_width(rows[i].cell[c]));
	}
	char line[1024];
	for (size_t i = 0; i <= n; i++) {
		size_t o = 0;
		for (int c = 0; c < NCOL && o < sizeof line - 64; c++) {
			const char *s = i ? rows[i - 1].cell[c] : heads[c];
			int pad = w[c] - sanitize_width(s);
			if (c == 0)     /* the name left, numbers right */
				o += (size_t)snprintf(line + o, sizeof line - o, "%s%*s", s, pad, "");
			else
				o += (size_t)snprintf(line + o, sizeof line - o, "  %*s%s", pad, "", s);
		}
		lines_add(l, line);
	}
}

void datatable_lines(struct painter *p, const struct view *v, struct lines *l, char *title, size_t cap)
{
	const struct view_item *it = model_sel_item(v);
	bool range = isfinite(v->mark_x) && isfinite(v->chart.cursor_x);
	if (!it || it->tag == SIZE_MAX) {
		snprintf(title, cap, "Data (any key closes)");
		lines_add(l, "select a chart first (Tab, j/k)");
		return;
	}
	const struct view_tag *t = &v->tags[it->tag];
	char x[64] = "the last point";
	if (isfinite(v->chart.cursor_x))
		label_value(v->chart.cursor_x, x, sizeof x);
	snprintf(title, cap, range ? "Data over the range from the mark (v) to the cursor: %s (any key closes)"
		 : "Data at %s: %s (any key closes)", range ? t->disp : x, t->disp);
	if (!p) {
		/* counting lines only: a header and a row a shown run */
		for (size_t i = 0; i <= v->nruns; i++)
			lines_add(l, "");
		return;
	}
	struct chart_series ss[FRAME_SERIES_MAX];
	size_t n = frame_gather(p, v, t, ss, TB_ARRAY_LEN(ss));
	struct drow *rows = xcalloc(n + 1, sizeof *rows);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!ss[i].cache || !ss[i].cache->n)
			continue;
		double xb = isfinite(v->chart.cursor_x) ? v->chart.cursor_x : INFINITY;
		fill(v, &ss[i], v->mark_x, xb, range, &rows[k++]);
	}
	if (store_best_dir(v->st, t->tag, t->len) == BEST_MAX)
		for (size_t i = 0; i < k; i++)
			rows[i].key = -rows[i].key;
	qsort(rows, k, sizeof *rows, cmp_rows);
	static const char *const at[NCOL] = { "run", "step", "value", "smoothed", "wall", "rel", "min", "max", "mean", "n" };
	static const char *const over[NCOL] = { "run", "steps", "first", "last", "change", "%", "min", "max", "mean",
						"n" };
	put_rows(l, rows, k, range ? over : at);
	if (!k)
		lines_add(l, "no shown run has points of this tag");
	free(rows);
}
