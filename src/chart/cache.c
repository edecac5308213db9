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

static int pyr_push(struct mm_pyramid *p, size_t l)
{
	if (p->len[l] == p->cap[l]) {
		size_t cap = p->cap[l] ? p->cap[l] * 2 : 16;
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
	p->lo[l][p->len[l]] = INFINITY;
	p->hi[l][p->len[l]] = -INFINITY;
	p->len[l]++;
	return TB_OK;
}

/* Point i (0-based, appended in order) has value v: its level-0 block
 * only. The levels above follow in pyr_fix, once for a batch of points,
 * not once a point at every level. */
static int pyr_add(struct mm_pyramid *p, size_t i, double v)
{
	size_t b = i >> PYR_SHIFT;
	if (p->nlev == 0)
		p->nlev = 1;
	while (p->len[0] <= b)
		if (pyr_push(p, 0))
			return TB_NOMEM;
	if (isfinite(v)) {
		if (v < p->lo[0][b]) p->lo[0][b] = v;
		if (v > p->hi[0][b]) p->hi[0][b] = v;
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
		for (size_t b = b0; b <= b1; b++) {
			while (p->len[l] <= b)
				if (pyr_push(p, l))
					return TB_NOMEM;
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
	for (size_t i = from; i < n; i++) {
		double y = cache_value(c, i);
		if (c->constant || !isfinite(y) || c->w <= 0) {
			c->smooth[i] = y;
			continue;
		}
		c->last = c->last * c->w + (1 - c->w) * y;
		c->k++;
		double d = 1;
		if (!c->debiased && (d = 1 - pow(c->w, (double)c->k)) == 1)
			c->debiased = true;         /* the same from here on, bit for bit */
		c->smooth[i] = c->last / d;
	}
}

/* Level-0 blocks holding points [from, to) of the smoothed values again,
 * from scratch: the methods that look ahead change values already there. */
static int pyr_redo(struct mm_pyramid *p, const double *v, size_t from, size_t to)
{
	size_t b0 = from >> PYR_SHIFT;
	for (size_t b = b0; b < p->len[0]; b++) {
		p->lo[0][b] = INFINITY;
		p->hi[0][b] = -INFINITY;
	}
	for (size_t i = b0 << PYR_SHIFT; i < to; i++)
		if (pyr_add(p, i, v[i]))
			return TB_NOMEM;
	return pyr_fix(p, b0 << PYR_SHIFT, to);
}

/* The methods of smooth.c: from the reach before the new points (TWEMA's
 * weights follow the x range, so all of them). */
static int smooth_other(struct series_cache *c, size_t n)
{
	size_t reach = smooth_reach(c->method, c->w);
	size_t from = c->method == SMOOTH_TWEMA ? 0 : c->n > reach ? c->n - reach : 0;
	smooth_series(c, c->method, c->w, n, from, c->smooth);
	for (size_t i = c->n; i < n; i++)
		if (pyr_add(&c->raw, i, cache_value(c, i)))
			return TB_NOMEM;
	if (pyr_fix(&c->raw, c->n, n) || pyr_redo(&c->sm, c->smooth, from, n))
		return TB_NOMEM;
	return TB_OK;
}

int cache_sync(struct series_cache *c, const struct series *s, double w, enum smooth_method m)
{
	bool sorted = s->sorted;
	bool rebuild = c->s != s || c->reset_gen != s->reset_gen || !same(c->w, w) || c->method != m ||
		c->sorted != sorted || s->n < c->n || (!sorted && c->gen != s->gen);
	if (!rebuild && c->gen == s->gen && c->n == s->n)
		return TB_OK;
	c->s = s;
	c->sorted = sorted;
	if (!sorted && copy_sorted(c, s))
		return TB_NOMEM;
	if (!rebuild && c->constant && s->n > c->n) {
		/* TensorBoard's test: every value equals the first (NaN never does) */
		for (size_t i = c->n; i < s->n; i++)
			if (!same(cache_value(c, i), c->first)) {
				rebuild = true;
				break;
			}
	}
	if (rebuild) {
		cache_reset(c);
		c->w = w;
		c->method = m;
		c->reset_gen = s->reset_gen;
		if (s->n) {
			c->first = cache_value(c, 0);
			for (size_t i = 0; i < s->n; i++)
				if (!same(cache_value(c, i), c->first)) {
					c->constant = false;
					break;
				}
		}
	}
	if (s->n > c->scap) {
		size_t cap = c->scap ? c->scap : 64;
		while (cap < s->n)
			cap *= 2;
		double *sm = realloc(c->smooth, cap * sizeof *sm);
		if (!sm)
			return TB_NOMEM;
		c->smooth = sm;
		c->scap = cap;
	}
	if (nf_note(c, c->n, s->n))
		return TB_NOMEM;
	if (m != SMOOTH_EMA && w > 0) {
		if (smooth_other(c, s->n))
			return TB_NOMEM;
		c->n = s->n;
		c->gen = s->gen;
		return TB_OK;
	}
	smooth_extend(c, c->n, s->n);
	for (size_t i = c->n; i < s->n; i++) {
		if (pyr_add(&c->raw, i, cache_value(c, i)) || pyr_add(&c->sm, i, c->smooth[i]))
			return TB_NOMEM;
	}
	if (pyr_fix(&c->raw, c->n, s->n) || pyr_fix(&c->sm, c->n, s->n))
		return TB_NOMEM;
	c->n = s->n;
	c->gen = s->gen;
	return TB_OK;
}

/* ---- the set of caches, keyed by series pointer (series never move) ---- */

void caches_init(struct chart_caches *cs)
{
	memset(cs, 0, sizeof *cs);
}

void caches_free(struct chart_caches *cs)
{
	for (size_t i = 0; i < cs->cap; i++)
		if (cs->slots[i]) {
			cache_free(cs->slots[i]);
			free(cs->slots[i]);
		}
	free(cs->slots);
	memset(cs, 0, sizeof *cs);
}

static size_t ptr_hash(const void *p, size_t cap)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

static int caches_grow(struct chart_caches *cs)
{
	size_t cap = cs->cap ? cs->cap * 2 : 64;
	struct series_cache **slots = calloc(cap, sizeof *slots);
	if (!slots)
		return TB_NOMEM;
	for (size_t i = 0; i < cs->cap; i++) {
		struct series_cache *c = cs->slots[i];
		if (!c)
			continue;
		size_t h = ptr_hash(c->s, cap);
		while (slots[h])
			h = (h + 1) & (cap - 1);
		slots[h] = c;
	}
	free(cs->slots);
	cs->slots = slots;
	cs->cap = cap;
	return TB_OK;
}

struct series_cache *caches_get(struct chart_caches *cs, const struct series *s, double w, enum smooth_method m)
{
	if ((cs->len + 1) * 2 > cs->cap && caches_grow(cs))
		return NULL;
	size_t h = ptr_hash(s, cs->cap);
	while (cs->slots[h] && cs->slots[h]->s != s)
		h = (h + 1) & (cs->cap - 1);
	struct series_cache *c = cs->slots[h];
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			return NULL;
		c->s = s;
		c->w = w;
		c->reset_gen = s->reset_gen;
		c->sorted = s->sorted;
		c->constant = true;
		c->first = s->n ? series_value(s, 0) : 0;
		cs->slots[h] = c;
		cs->len++;
		/* a fresh cache is "in sync" with nothing: force the rebuild path */
		c->s = NULL;
	}
	if (cache_sync(c, s, w, m))
		return NULL;
	return c;
}
