/* group_stats.c: a group's mean, standard deviation, min, max and count
 * over the union of its series' steps. Runs of a sweep seldom log at
 * exactly the same steps (eval every 500 in one, every 1000 in another,
 * a run that stopped early), so a series contributes wherever it covers a
 * step, by the line between its neighbouring points when it has no point
 * there; it never contributes beyond its first and last step, so n falls
 * where runs end instead of the mean carrying a dead run's last value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/group.h"
#include "tailboard/xalloc.h"

/* One series walked in step order. */
struct walk {
	const struct series *s;
	size_t *idx;            /* step order of an unsorted series, else NULL */
	size_t i;               /* first position whose step is >= the current one */
};

static inline size_t at(const struct walk *w, size_t k)
{
	return w->idx ? w->idx[k] : k;
}

static inline int64_t step_of(const struct walk *w, size_t k)
{
	return series_step(w->s, at(w, k));
}

/* The last position of the run of equal steps starting at k. */
static size_t last_equal(const struct walk *w, size_t k)
{
	int64_t st = step_of(w, k);
	while (k + 1 < w->s->n && step_of(w, k + 1) == st)
		k++;
	return k;
}

/* The value (and wall time) of w at step st, w->i being positioned on the
 * first point at or after st; false when w does not cover st. */
static bool value_at(const struct walk *w, int64_t st, double *val, double *wall)
{
	size_t n = w->s->n, k = w->i;
	if (k >= n || k == 0) {
		if (k < n && step_of(w, k) == st) {
			size_t j = at(w, last_equal(w, k));
			*val = series_value(w->s, j);
			*wall = series_wall(w->s, j);
			return true;
		}
		return false;   /* before its first step or after its last */
	}
	size_t b = last_equal(w, k), a = at(w, k - 1);  /* k - 1 ends the run of equal steps before */
	size_t jb = at(w, b);
	int64_t sb = series_step(w->s, jb);
	if (sb == st) {
		*val = series_value(w->s, jb);
		*wall = series_wall(w->s, jb);
		return true;
	}
	int64_t sa = series_step(w->s, a);
	double t = (double)(st - sa) / (double)(sb - sa);
	double va = series_value(w->s, a), vb = series_value(w->s, jb);
	*val = va + (vb - va) * t;
	*wall = series_wall(w->s, a) + (series_wall(w->s, jb) - series_wall(w->s, a)) * t;
	return true;
}

static int grow(struct group_stats *g, size_t need)
{
	size_t *cap = &g->cap;
	if (need <= *cap)
		return TB_OK;
	size_t c = *cap ? *cap * 2 : 1024;
	while (c < need)
		c *= 2;
	c = need > 1024 && !*cap ? need : c;   /* a first size the caller knows */
	void *p[7] = {
		realloc(g->step, c * sizeof *g->step), NULL, NULL, NULL, NULL, NULL, NULL,
	};
	if (p[0]) g->step = p[0];
	double **cols[5] = { &g->wall, &g->mean, &g->sd, &g->min, &g->max };
	for (int i = 0; i < 5; i++)
		if ((p[i + 1] = realloc(*cols[i], c * sizeof(double))))
			*cols[i] = p[i + 1];
	if ((p[6] = realloc(g->count, c * sizeof *g->count)))
		g->count = p[6];
	for (int i = 0; i < 7; i++)
		if (!p[i])
			return TB_NOMEM;
	*cap = c;
	return TB_OK;
}

/* One aligned step: the statistics of the walks that cover it. */
static void one_step(struct group_stats *g, struct walk *ws, size_t n, int64_t st)
{
	size_t k = g->n++;
	double sum = 0, sumw = 0, lo = INFINITY, hi = -INFINITY;
	uint32_t c = 0, cw = 0;
	double vals[64], *vs = n <= 64 ? vals : malloc(n * sizeof *vs);
	for (size_t r = 0; r < n; r++) {
		double v, w;
		if (!value_at(&ws[r], st, &v, &w))
			continue;
		sumw += w;      /* a NaN point still says when the step was */
		cw++;
		if (!isfinite(v))
			continue;
		if (vs)
			vs[c] = v;
		c++;
		sum += v;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	g->step[k] = st;
	g->count[k] = c;
	g->wall[k] = cw ? sumw / cw : NAN;
	if (!c) {
		g->mean[k] = g->sd[k] = g->min[k] = g->max[k] = NAN;
		if (vs != vals)
			free(vs);
		return;
	}
	double mean = sum / c, ss = 0;
	/* two passes: the sum of squares about the mean, not E[x^2] - E[x]^2 */
	for (uint32_t i = 0; vs && i < c; i++)
		ss += (vs[i] - mean) * (vs[i] - mean);
	g->mean[k] = mean;
	g->sd[k] = vs ? sqrt(ss / c) : NAN;
	g->min[k] = lo;
	g->max[k] = hi;
	if (vs != vals)
		free(vs);
}

/* First position of w whose step is >= st. */
static size_t seek(const struct walk *w, int64_t st)
{
	size_t a = 0, b = w->s->n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (step_of(w, m) < st)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* The rows from the walks' positions on: the union of the steps left. */
static int merge(struct group_stats *g, struct walk *ws, size_t n)
{
	int rc = TB_OK;
	while (rc == TB_OK) {
		/* the next step of the union: the least step not yet passed */
		int64_t st = INT64_MAX;
		bool any = false;
		for (size_t r = 0; r < n; r++)
			if (ws[r].i < ws[r].s->n) {
				int64_t s = step_of(&ws[r], ws[r].i);
				st = !any || s < st ? s : st;
				any = true;
			}
		if (!any)
			break;
		if ((rc = grow(g, g->n + 1)) != TB_OK)
			break;
		one_step(g, ws, n, st);
		for (size_t r = 0; r < n; r++)
			if (ws[r].i < ws[r].s->n && step_of(&ws[r], ws[r].i) == st)
				ws[r].i = last_equal(&ws[r], ws[r].i) + 1;
	}
	return rc;
}

int group_stats_compute(struct group_stats *g, const struct series *const *ss, size_t n)
{
	group_stats_free(g);
	struct walk *ws = xcalloc(n ? n : 1, sizeof *ws);
	int rc = TB_OK;
	for (size_t r = 0; r < n && rc == TB_OK; r++) {
		ws[r].s = ss[r];
		if (!ss[r]->sorted && !(ws[r].idx = series_sorted_index(ss[r])))
			rc = TB_NOMEM;
	}
	/* the union has at most every point: one allocation, no copies */
	size_t most = 0;
	for (size_t r = 0; r < n; r++)
		most += ss[r]->n;
	if (rc == TB_OK && (rc = grow(g, most ? most : 1)) == TB_OK)
		rc = merge(g, ws, n);
	for (size_t r = 0; r < n; r++)
		free(ws[r].idx);
	free(ws);
	if (rc != TB_OK)
		group_stats_free(g);
	return rc;
}

int group_stats_update(struct group_stats *g, const struct series *const *ss, size_t n, int64_t from,
		       size_t *kept)
{
	/* keep the rows before from: a search over the steps */
	size_t a = 0, b = g->n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (g->step[m] < from)
			a = m + 1;
		else
			b = m;
	}
	g->n = *kept = a;
	struct walk *ws = xcalloc(n ? n : 1, sizeof *ws);
	for (size_t r = 0; r < n; r++) {
		ws[r].s = ss[r];
		ws[r].i = seek(&ws[r], from);
	}
	int rc = merge(g, ws, n);
	free(ws);
	if (rc != TB_OK)
		group_stats_free(g);
	return rc;
}

void group_stats_free(struct group_stats *g)
{
	free(g->step);
	free(g->wall);
	free(g->mean);
	free(g->sd);
	free(g->min);
	free(g->max);
	free(g->count);
	memset(g, 0, sizeof *g);
}
