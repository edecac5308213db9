/* cache.c: what the chart derives from a series, kept incrementally as
 * points are appended: the smoothed values (TensorBoard's debiased EMA
 * here, the other methods in smooth.c) and min/max block pyramids so
 * decimating to columns costs O(columns x log points). Rebuilt from
 * scratch only when the series lost points (reset_gen), the smoothing
 * changed or a constant series stopped being constant. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/chart.h"

#define PYR_SHIFT 3     /* level 0 blocks hold 8 points; below that we scan */

/* a == b for doubles, spelt so -Wfloat-equal sees the intent; NaN != NaN */
static bool same(double a, double b)
{
	return !(a < b) && !(a > b) && !isnan(a) && !isnan(b);
}

static void pyr_free(struct mm_pyramid *p)
{
	for (size_t l = 0; l < TB_ARRAY_LEN(p->lo); l++) {
		free(p->lo[l]);
		free(p->hi[l]);
	}
	memset(p, 0, sizeof *p);
}

/* Level l long enough for blocks [0, nb), the new ones empty; doubling,
 * in one step however many blocks a sync adds. */
static int pyr_reserve(struct mm_pyramid *p, size_t l, size_t nb)
{
	if (nb > p->cap[l]) {
		size_t cap = p->cap[l] ? p->cap[l] : 16;
		while (cap < nb)
			cap *= 2;
		double *lo = realloc(p->lo[l], cap * sizeof *lo);
		if (!lo)
			return TB_NOMEM;
		p->lo[l] = lo;
		double *hi = realloc(p->hi[l], cap * sizeof *hi);
		if (!hi)
			return TB_NOMEM;
		p->hi[l] = hi;
		p->cap[l] = cap;
	}
	for (; p->len[l] < nb; p->len[l]++) {
		p->lo[l][p->len[l]] = INFINITY;
		p->hi[l][p->len[l]] = -INFINITY;
	}
	return TB_OK;
}

/* Points [from, to) were added: recompute the blocks above level 0 that
 * hold them, each from its two children, adding levels until the top one
 * is a single block over every point. */
static int pyr_fix(struct mm_pyramid *p, size_t from, size_t to)
{
	if (from >= to)
		return TB_OK;
	size_t old = p->nlev;
	while ((to - 1) >> (PYR_SHIFT + p->nlev - 1) > 0) {
		if (p->nlev >= TB_ARRAY_LEN(p->lo))
			return TB_ERR;
		p->nlev++;
	}
	for (size_t l = 1; l < p->nlev; l++) {
		size_t b0 = l < old ? from >> (PYR_SHIFT + l) : 0, b1 = (to - 1) >> (PYR_SHIFT + l);
		if (pyr_reserve(p, l, b1 + 1))
			return TB_NOMEM;
		for (size_t b = b0; b <= b1; b++) {
			size_t c = 2 * b;
			double lo = p->lo[l - 1][c], hi = p->hi[l - 1][c];
			if (c + 1 < p->len[l - 1]) {
				if (p->lo[l - 1][c + 1] < lo) lo = p->lo[l - 1][c + 1];
				if (p->hi[l - 1][c + 1] > hi) hi = p->hi[l - 1][c + 1];
			}
			p->lo[l][b] = lo;
			p->hi[l][b] = hi;
		}
	}
	return TB_OK;
}

int64_t cache_step(const struct series_cache *c, size_t i)
{
	return c->sorted ? series_step(c->s, i) : c->step[i];
}

double cache_wall(const struct series_cache *c, size_t i)
{
	return c->sorted ? series_wall(c->s, i) : c->wall[i];
}

double cache_value(const struct series_cache *c, size_t i)
{
	return c->sorted ? series_value(c->s, i) : c->value[i];
}

double cache_smooth(const struct series_cache *c, size_t i)
{
	return c->smooth[i];
}

static void scan(const struct series_cache *c, bool sm, size_t a, size_t b, double *lo, double *hi)
{
	for (size_t i = a; i < b; i++) {
		double v = sm ? c->smooth[i] : cache_value(c, i);
		if (!isfinite(v))
			continue;
		if (v < *lo) *lo = v;
		if (v > *hi) *hi = v;
	}
}

bool cache_minmax(const struct series_cache *c, bool smoothed, size_t a, size_t b,
		double *lo, double *hi)
{
	const struct mm_pyramid *p = smoothed ? &c->sm : &c->raw;
	const size_t base = (size_t)1 << PYR_SHIFT;
	double l = INFINITY, h = -INFINITY;
	if (b > c->n)
		b = c->n;
	if (a < b && b - a < 2 * base) {
		scan(c, smoothed, a, b, &l, &h);
		a = b;
	}
	/* ragged ends point by point, then whole blocks, widest that fit */
	size_t a2 = (a + base - 1) & ~(base - 1), b2 = b & ~(base - 1);
	if (a < b) {
		scan(c, smoothed, a, a2, &l, &h);
		scan(c, smoothed, b2, b, &l, &h);
		a = a2;
		b = b2;
	}
	for (size_t lev = 0; a < b && lev < p->nlev; lev++) {
		size_t bs = base << lev;
		if (a & bs) {
			size_t k = a >> (PYR_SHIFT + lev);
			if (p->lo[lev][k] < l) l = p->lo[lev][k];
			if (p->hi[lev][k] > h) h = p->hi[lev][k];
			a += bs;
		}
		if (a < b && (b & bs)) {
			b -= bs;
			size_t k = b >> (PYR_SHIFT + lev);
			if (p->lo[lev][k] < l) l = p->lo[lev][k];
			if (p->hi[lev][k] > h) h = p->hi[lev][k];
		}
	}
	*lo = l;
	*hi = h;
	return l <= h;
}

/* Note points [from, to) that are not finite: extend the last run of them
 * or start one. Points already noted (a sync that failed half way and is
 * tried again) are skipped. */
static int nf_note(struct series_cache *c, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (isfinite(cache_value(c, i)) || (c->nnf && i < c->nf[c->nnf - 1][1]))
			continue;
		if (c->nnf && c->nf[c->nnf - 1][1] == i) {
			c->nf[c->nnf - 1][1] = i + 1;
			continue;
		}
		if (c->nnf >= CACHE_NF_MAX)
			return TB_OK;   /* pathological: the first runs are marked */
		if (c->nnf == c->nfcap) {
			size_t cap = c->nfcap ? c->nfcap * 2 : 4;
			size_t (*nf)[2] = realloc(c->nf, cap * sizeof *nf);
			if (!nf)
				return TB_NOMEM;
			c->nf = nf;
			c->nfcap = cap;
		}
		c->nf[c->nnf][0] = i;
		c->nf[c->nnf][1] = i + 1;
		c->nnf++;
	}
	return TB_OK;
}

void cache_free(struct series_cache *c)
{
	free(c->nf);
	free(c->step);
	free(c->wall);
	free(c->value);
	free(c->smooth);
	pyr_free(&c->raw);
	pyr_free(&c->sm);
	memset(c, 0, sizeof *c);
}

static void cache_reset(struct series_cache *c)
{
	c->n = 0;
	c->last = 0;
	c->k = 0;
	c->constant = true;
	c->debiased = false;
	c->nnf = 0;
	pyr_free(&c->raw);
	pyr_free(&c->sm);
}

/* Unsorted series (rare): copy in step order; rebuilt whenever they change. */
static int copy_sorted(struct series_cache *c, const struct series *s)
{
	size_t *idx = series_sorted_index(s);
	if (!idx && s->n)
		return TB_NOMEM;
	if (s->n > c->cap) {
		int64_t *st = realloc(c->step, s->n * sizeof *st);
		if (st) c->step = st;
		double *w = realloc(c->wall, s->n * sizeof *w);
		if (w) c->wall = w;
		double *v = realloc(c->value, s->n * sizeof *v);
		if (v) c->value = v;
		if (!st || !w || !v) {
			free(idx);
			return TB_NOMEM;
		}
		c->cap = s->n;
	}
	for (size_t i = 0; i < s->n; i++) {
		c->step[i] = series_step(s, idx[i]);
		c->wall[i] = series_wall(s, idx[i]);
		c->value[i] = series_value(s, idx[i]);
	}
	free(idx);
	return TB_OK;
}

/* EMA of points [from, n): TensorBoard's smoothing, step for step. */
static void smooth_extend(struct series_cache *c, size_t from, size_t n)
{
	double *out = c->smooth;
	if (c->constant || c->w <= 0) {
		for (size_t i = from; i < n; i++)
			out[i] = cache_value(c, i);
		return;
	}
	/* in locals: stores into out could otherwise alias them, a reload a point */
	double last = c->last, w = c->w;
	size_t k = c->k;
	bool debiased = c->debiased;
	for (size_t i = from; i < n; i++) {
		double y = cache_value(c, i);
		if (!isfinite(y)) {
			out[i] = y;
			continue;
		}
		last = last * w + (1 - w) * y;
		k++;
		double d = 1;
		if (!debiased && (d = 1 - pow(w, (double)k)) == 1)
			debiased = true;            /* the same from here on, bit for bit */
		out[i] = last / d;
	}
	c->last = last;
	c->k = k;
	c->debiased = debiased;
}

/* Empty, keeping the buffers: a new smoothing refills them at once. */
static void pyr_clear(struct mm_pyramid *p)
{
	p->nlev = 0;
	memset(p->len, 0, sizeof p->len);
}

/* Level 0 long enough for blocks [0, nb), the new ones empty. */
static int pyr_level0(struct mm_pyramid *p, size_t nb)
{
	if (p->nlev == 0)
		p->nlev = 1;
	return pyr_reserve(p, 0, nb);
}

/* Points [from, to) in bulk: the level-0 blocks that hold them from
 * scratch (values before from in the first block are read again), then
 * the levels above. A block a loop, not a call a point: a switch of
 * smoothing refills millions of them. v is the smoothed array, or NULL
 * for the raw values. */
static int pyr_build(struct mm_pyramid *p, const struct series_cache *c, const double *v, size_t from, size_t to)
{
	if (from >= to)
		return TB_OK;
	size_t b0 = from >> PYR_SHIFT, nb = ((to - 1) >> PYR_SHIFT) + 1;
	if (pyr_level0(p, nb))
		return TB_NOMEM;
	for (size_t b = b0; b < nb; b++) {
		size_t i = b << PYR_SHIFT, e = TB_MIN(i + ((size_t)1 << PYR_SHIFT), to);
		double lo = INFINITY, hi = -INFINITY;
		for (; i < e; i++) {
			double x = v ? v[i] : cache_value(c, i);
			x = isfinite(x) ? x : NAN;      /* NaN loses both compares */
			lo = x < lo ? x : lo;
			hi = x > hi ? x : hi;
		}
		p->lo[0][b] = lo;
		p->hi[0][b] = hi;
	}
	return pyr_fix(p, b0 << PYR_SHIFT, to);
}

/* Smoothed values [from, n) by the cache's method, then their pyramid.
 * EMA goes on point by point from where it stopped; the methods of
 * smooth.c look ahead, so they redo the reach before the new points
 * (TWEMA's weights follow the x range: all of them). */
static int cache_smooth_from(struct series_cache *c, size_t from, size_t n, struct smooth_scratch *sc)
{
	if (c->method != SMOOTH_EMA && c->w > 0) {
		size_t reach = smooth_reach(c->method, c->w);
		from = c->method == SMOOTH_TWEMA ? 0 : from > reach ? from - reach : 0;
		smooth_series(c, c->method, c->w, n, from, c->smooth, sc);
	} else {
		smooth_extend(c, from, n);
	}
	return pyr_build(&c->sm, c, c->smooth, from, n);
}

/* Whether every value equals the first so far (TensorBoard leaves such a
 * series unsmoothed); NaN never does. */
static void cache_note_constant(struct series_cache *c, size_t from, size_t n)
{
	if (n && from == 0)
		c->first = cache_value(c, 0);
	for (size_t i = from; c->constant && i < n; i++)
		if (!same(cache_value(c, i), c->first))
			c->constant = false;
}

static int cache_grow_smooth(struct series_cache *c, size_t n)
{
	if (n <= c->scap)
		return TB_OK;
	size_t cap = c->scap ? c->scap : 64;
	while (cap < n)
		cap *= 2;
	double *sm = realloc(c->smooth, cap * sizeof *sm);
	if (!sm)
		return TB_NOMEM;
	c->smooth = sm;
	c->scap = cap;
	return TB_OK;
}

int cache_sync(struct series_cache *c, const struct series *s, double w, enum smooth_method m)
{
	return cache_sync_in(c, s, w, m, NULL);
}

int cache_sync_in(struct series_cache *c, const struct series *s, double w, enum smooth_method m,
		  struct smooth_scratch *sc)
{
	bool sorted = s->sorted;
	bool rebuild = c->s != s || c->reset_gen != s->reset_gen || c->sorted != sorted || s->n < c->n ||
		(!sorted && c->gen != s->gen);
	bool resmooth = !same(c->w, w) || c->method != m;
	if (!rebuild && !resmooth && c->gen == s->gen && c->n == s->n)
		return TB_OK;
	c->s = s;
	c->sorted = sorted;
	if (!sorted && copy_sorted(c, s))
		return TB_NOMEM;
	bool was_constant = c->constant;
	if (!rebuild)
		cache_note_constant(c, c->n, s->n);
	if (rebuild) {
		cache_reset(c);
		c->reset_gen = s->reset_gen;
		cache_note_constant(c, 0, s->n);
	}
	/* the raw side (values, their pyramid, the NaN runs) only grows, unless
	 * rebuilt; the smoothed side starts again when the smoothing changed
	 * or a constant series stopped being one */
	size_t from = c->n;
	if (rebuild || resmooth || was_constant != c->constant) {
		c->w = w;
		c->method = m;
		c->last = 0;
		c->k = 0;
		c->debiased = false;
		pyr_clear(&c->sm);
		from = 0;
	}
	if (cache_grow_smooth(c, s->n) || nf_note(c, c->n, s->n) || pyr_build(&c->raw, c, NULL, c->n, s->n) ||
	    cache_smooth_from(c, from, s->n, sc))
		return TB_NOMEM;
	c->n = s->n;
	c->gen = s->gen;
	return TB_OK;
}
