/* bands.c: runs drawn as groups (c, B, --group-by). Each frame splits the
 * shown runs into groups (core's group.c); each chart then draws, for
 * every group with points of its tag, the group's mean as a line and its
 * band (min-max or +-1 sd) behind it. The statistics (core's
 * group_stats.c) are kept per tag and group, and computed again only when
 * a member series changed; they reach the chart core as series of their
 * own, so smoothing, decimation, the cursor and the legend treat a group
 * as they treat a run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/sanitize.h"
#include "tailboard/xalloc.h"
#include "view_int.h"

enum { SER_MEAN, SER_MIN, SER_MAX, SER_SD_LO, SER_SD_HI, SER_COUNT };

struct band_group {
	struct group_stats st;
	/* the members as last computed: what changed since */
	const struct series **mem;
	size_t *mem_n, nmem;
	uint64_t *mem_reset;
	double *sd_lo, *sd_hi;  /* mean - sd, mean + sd */
	struct series ser[SER_COUNT];
	char label[300];        /* "name (n runs)", sanitised */
};

struct band_cache {
	struct run_groups rg;   /* this frame's groups of the shown runs */
	size_t *of;             /* view run index -> group, SIZE_MAX: not shown */
	struct strmap by_key;   /* "tag\0group" -> band_group */
	struct band_group **all;
	size_t n, cap;
	uint64_t gen;           /* generations for rebuilt groups, never reused */
};

static const uint32_t group_glyphs[] = { '*', '+', 'o', 'x', '#', '%', '=', '~' };

const char *bands_name(int band)
{
	return band == 1 ? "min-max" : band == 2 ? "sd" : "none";
}

int bands_set(struct view *v, const char *text)
{
	struct group_spec g;
	char err[200];
	if (group_spec_parse(&g, text, err, sizeof err) != TB_OK) {
		snprintf(v->message, sizeof v->message, "group by: %s", err);
		return TB_ERR;
	}
	if (v->group) {
		group_spec_free(v->group);
		free(v->group);
		v->group = NULL;
	}
	if (g.by != GROUP_NONE) {
		v->group = xmalloc(sizeof *v->group);
		*v->group = g;
		if (!v->band)
			v->band = 1;
	}
	return TB_OK;
}

void bands_free_spec(struct view *v)
{
	if (v->group)
		group_spec_free(v->group);
	free(v->group);
	v->group = NULL;
}

void bands_free(struct painter *p)
{
	struct band_cache *b = p->bands;
	if (!b)
		return;
	run_groups_free(&b->rg);
	free(b->of);
	for (size_t i = 0; i < b->n; i++) {
		group_stats_free(&b->all[i]->st);
		free(b->all[i]->sd_lo);
		free(b->all[i]->sd_hi);
		free(b->all[i]->mem);
		free(b->all[i]->mem_n);
		free(b->all[i]->mem_reset);
		free(b->all[i]);
	}
	free(b->all);
	strmap_free(&b->by_key);
	free(b);
	p->bands = NULL;
}

void bands_assign(struct painter *p, const struct view *v)
{
	if (!v->group)
		return;
	if (!p->bands) {
		p->bands = xcalloc(1, sizeof *p->bands);
		strmap_init(&p->bands->by_key);
	}
	struct band_cache *b = p->bands;
	run_groups_free(&b->rg);
	free(b->of);
	b->of = xcalloc(v->nruns + 1, sizeof *b->of);
	const struct run **runs = xcalloc(v->nruns + 1, sizeof *runs);
	size_t *idx = xcalloc(v->nruns + 1, sizeof *idx), n = 0;
	for (size_t i = 0; i < v->nruns; i++) {
		b->of[i] = SIZE_MAX;
		if (model_run_shown(v, i)) {
			idx[n] = i;
			runs[n++] = v->runs[i].run;
		}
	}
	run_groups_make(v->group, runs, n, &b->rg);
	for (size_t k = 0; k < n; k++)
		b->of[idx[k]] = b->rg.of[k];
	free(runs);
	free(idx);
}

static struct band_group *group_get(struct band_cache *b, const struct view_tag *t, const char *name)
{
	size_t nl = strlen(name), kl = t->len + 1 + nl;
	char *key = xmalloc(kl);
	memcpy(key, t->tag, t->len);
	key[t->len] = 0;
	memcpy(key + t->len + 1, name, nl);
	struct band_group *g = strmap_get(&b->by_key, key, kl);
	if (!g) {
		g = xcalloc(1, sizeof *g);
		strmap_put(&b->by_key, key, kl, g);
		xgrow((void **)&b->all, &b->cap, b->n + 1, sizeof *b->all);
		b->all[b->n++] = g;
	}
	free(key);
	return g;
}

/* A column of the statistics as a series the chart core reads. */
static void as_series(struct series *s, const struct group_stats *st, double *vals, uint64_t gen, uint64_t reset,
		      const struct series *like)
{
	memset(s, 0, sizeof *s);
	s->tag = like->tag;
	s->tag_len = like->tag_len;
	s->n = st->n;
	s->step64 = st->step;
	s->wall64 = st->wall;
	s->value64 = vals;
	s->sorted = true;
	s->best = SIZE_MAX;
	s->dir = like->dir;
	s->gen = gen;
	s->reset_gen = reset;   /* a fresh one: the caches rebuild */
	s->min = s->max = NAN;
}

/* Points were only appended to the members since the last computation:
 * the step from which rows may have changed, else INT64_MIN (compute
 * again from scratch) or INT64_MAX (nothing changed). */
static int64_t appended_from(const struct band_group *g, const struct series *const *ms, size_t n)
{
	if (!g->st.n || g->nmem != n)
		return INT64_MIN;
	int64_t from = INT64_MAX;
	for (size_t i = 0; i < n; i++) {
		const struct series *s = ms[i];
		size_t o = g->mem_n[i];
		if (s != g->mem[i] || s->reset_gen != g->mem_reset[i] || s->n < o || !s->sorted || !o)
			return INT64_MIN;
		if (s->n == o)
			continue;
		/* its old last step changes too when it was logged again */
		int64_t last = series_step(s, o - 1);
		int64_t f = series_step(s, o) == last ? last : last + 1;
		from = f < from ? f : from;
	}
	return from;
}

/* The group's statistics: kept while no member changed, extended when
 * members only grew (a live sweep), else computed again. */
static int group_update(struct band_cache *b, struct band_group *g, const struct series *const *ms, size_t n)
{
	int64_t from = appended_from(g, ms, n);
	if (from == INT64_MAX)
		return TB_OK;
	size_t old = g->st.n, kept = 0;
	int rc = from == INT64_MIN ? group_stats_compute(&g->st, ms, n)
				   : group_stats_update(&g->st, ms, n, from, &kept);
	g->nmem = 0;
	if (rc != TB_OK)
		return rc;
	g->mem = xreallocarray(g->mem, n, sizeof *g->mem);
	g->mem_n = xreallocarray(g->mem_n, n, sizeof *g->mem_n);
	g->mem_reset = xreallocarray(g->mem_reset, n, sizeof *g->mem_reset);
	for (size_t i = 0; i < n; i++) {
		g->mem[i] = ms[i];
		g->mem_n[i] = ms[i]->n;
		g->mem_reset[i] = ms[i]->reset_gen;
	}
	g->nmem = n;
	size_t m = g->st.cap ? g->st.cap : 1;
	g->sd_lo = xreallocarray(g->sd_lo, m, sizeof *g->sd_lo);
	g->sd_hi = xreallocarray(g->sd_hi, m, sizeof *g->sd_hi);
	for (size_t i = kept; i < g->st.n; i++) {
		g->sd_lo[i] = g->st.mean[i] - g->st.sd[i];
		g->sd_hi[i] = g->st.mean[i] + g->st.sd[i];
	}
	/* rows only added: the caches extend; a row changed: they rebuild */
	bool append = from != INT64_MIN && kept == old;
	uint64_t gen = ++b->gen, reset = append ? g->ser[SER_MEAN].reset_gen : gen;
	size_t best = append ? g->ser[SER_MEAN].best : SIZE_MAX;
	double *cols[SER_COUNT] = { g->st.mean, g->st.min, g->st.max, g->sd_lo, g->sd_hi };
	for (int k = 0; k < SER_COUNT; k++)
		as_series(&g->ser[k], &g->st, cols[k], gen, reset, ms[0]);
	/* the mean's best point, for the title */
	struct series *mean = &g->ser[SER_MEAN];
	for (size_t i = append ? kept : 0; mean->dir != BEST_NONE && i < g->st.n; i++) {
		double x = g->st.mean[i];
		if (isfinite(x) && (best == SIZE_MAX || (mean->dir == BEST_MAX ? x > g->st.mean[best] : x < g->st.mean[best])))
			best = i;
	}
	mean->best = mean->dir == BEST_NONE ? SIZE_MAX : best;
	return TB_OK;
}

/* One group's line and band for tag t, or false when it has no points. */
static bool gather_one(struct painter *p, const struct view *v, const struct view_tag *t, size_t k,
		       struct chart_series *o)
{
	struct band_cache *b = p->bands;
	const struct series *ms[256];
	size_t n = 0;
	double first = 0;
	bool sel = false;
	for (size_t i = 0; i < v->nruns && n < TB_ARRAY_LEN(ms); i++) {
		if (b->of[i] != k)
			continue;
		const struct series *s = run_find_series(v->runs[i].run, t->tag, t->len);
		if (!s || !s->n)
			continue;
		ms[n++] = s;
		first += v->runs[i].first_wall;
		sel |= i == v->run_sel;
	}
	struct band_group *g = n ? group_get(b, t, b->rg.names[k]) : NULL;
	if (!g)
		return false;
	double w = v->chart.smoothing;
	enum smooth_method m = v->chart.smooth_method;
	struct series *sides[3] = { &g->ser[SER_MEAN], v->band ? &g->ser[v->band == 1 ? SER_MIN : SER_SD_LO] : NULL,
				    v->band ? &g->ser[v->band == 1 ? SER_MAX : SER_SD_HI] : NULL };
	/* over the frame's budget, once a group was computed: this one as it
	 * was last drawn (if ever), computed in a later frame */
	bool late = p->worked && p->deadline > 0 && tb_now() > p->deadline;
	bool behind = appended_from(g, ms, n) != INT64_MAX;
	for (int j = 0; j < 3 && !behind; j++)
		behind = sides[j] && !cache_current(caches_peek(&p->caches, sides[j]), sides[j], w, m);
	p->nprep += p->counting;
	if (late && behind) {
		p->pending += p->counting;
		for (int j = 0; j < 3; j++)
			if (sides[j] && !caches_peek(&p->caches, sides[j])) {
				p->skipped++;
				return false;
			}
	} else if (group_update(b, g, ms, n) != TB_OK) {
		return false;
	}
	p->worked |= behind;
	if (!g->st.n)
		return false;
	memset(o, 0, sizeof *o);        /* padding too: the memo key reads these bytes */
	o->s = sides[0];
	struct series_cache **dst[3] = { &o->cache, &o->band_lo, &o->band_hi };
	for (int j = 0; j < 3; j++)
		if (sides[j])
			*dst[j] = late && behind ? caches_peek(&p->caches, sides[j])
				: caches_get(&p->caches, sides[j], w, m);
	char raw[300];
	snprintf(raw, sizeof raw, "%s (%zu)", b->rg.names[k], n);
	sanitize_str(raw, strlen(raw), g->label, sizeof g->label, !v->utf8);
	o->name = g->label;
	o->x_offset = v->chart.xmode == XMODE_RELATIVE ? first / (double)n : 0;
	o->color = v->ncolors ? (int)(k % (size_t)v->ncolors) + 1 : 0;
	o->glyph = v->ncolors ? 0 : group_glyphs[k % TB_ARRAY_LEN(group_glyphs)];
	o->selected = sel;
	return o->cache != NULL;
}

size_t bands_gather(struct painter *p, const struct view *v, const struct view_tag *t,
		    struct chart_series *out, size_t cap)
{
	size_t n = 0;
	for (size_t k = 0; p->bands && k < p->bands->rg.n && n < cap; k++)
		if (gather_one(p, v, t, k, &out[n]))
			n++;
	return n;
}
