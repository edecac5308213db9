/* store.c: runs, tags and their point columns, with stats kept on append. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/store.h"


int store_init(struct store *st)
{
	memset(st, 0, sizeof(*st));
	return strmap_init(&st->by_name);
}

static void series_free(struct series *s)
{
	free(s->tag);
	free(s->step32);
	free(s->step64);
	free(s->wall32);
	free(s->wall64);
	free(s->value32);
	free(s->value64);
	free(s);
}

static void kv_free(struct kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kv[i].key);
		free(kv[i].value);
	}
	free(kv);
}

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->nseries; i++)
		series_free(r->series[i]);
	free(r->series);
	strmap_free(&r->by_tag);
	strmap_free(&r->tb_plugin);
	for (size_t i = 0; i < r->nskipped; i++)
		free(r->skipped[i].tag);
	free(r->skipped);
	kv_free(r->hparams, r->nhparams);
	kv_free(r->info, r->ninfo);
	free(r->name);
	free(r->label);
	free(r);
}

void store_free(struct store *st)
{
	for (size_t i = 0; i < st->nruns; i++)
		run_free(st->runs[i]);
	free(st->runs);
	strmap_free(&st->by_name);
	for (size_t i = 0; i < st->nrules; i++)
		regfree(&st->rules[i].re);
	free(st->rules);
	memset(st, 0, sizeof(*st));
}

int store_add_best_rule(struct store *st, const char *spec, char *err, size_t errlen)
{
	const char *eq = strrchr(spec, '=');
	enum best_dir dir;
	if (!eq || eq == spec) {
		snprintf(err, errlen, "--best wants REGEX=min or REGEX=max, not '%s'", spec);
		return TB_ERR;
	}
	if (strcmp(eq + 1, "min") == 0)
		dir = BEST_MIN;
	else if (strcmp(eq + 1, "max") == 0)
		dir = BEST_MAX;
	else {
		snprintf(err, errlen, "--best: direction must be min or max, not '%s'", eq + 1);
		return TB_ERR;
	}
	char *re = strndup(spec, (size_t)(eq - spec));
	if (!re)
		return TB_NOMEM;
	void *p = realloc(st->rules, (st->nrules + 1) * sizeof(*st->rules));
	if (!p) {
		free(re);
		return TB_NOMEM;
	}
	st->rules = p;
	int rc = regcomp(&st->rules[st->nrules].re, re, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		char msg[128];
		regerror(rc, &st->rules[st->nrules].re, msg, sizeof(msg));
		snprintf(err, errlen, "--best: bad regex '%s': %s", re, msg);
		free(re);
		return TB_ERR;
	}
	free(re);
	st->rules[st->nrules++].dir = dir;
	return TB_OK;
}

/* Words of a tag that mean "higher is better" or "lower is better". A word
 * is a run of letters and digits; loss-like words win over accuracy-like. */
static bool word_in(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++) {
		size_t l = strlen(*list);
		if (l == n && strncmp(w, *list, n) == 0)
			return true;
	}
	return false;
}

static bool word_prefixed(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++) {
		size_t l = strlen(*list);
		if (n >= l && strncmp(w, *list, l) == 0)
			return true;
	}
	return false;
}

static enum best_dir default_dir(const char *tag, size_t len)
{
	static const char *const lower[] = { "loss", "losses", "error", "err", "perplexity", "ppl",
		"wer", "cer", "mse", "mae", "rmse", "nll", "bpd", "bpc", "fid", "distance", NULL };
	static const char *const higher[] = { "acc", "accuracy", "f1", "precision", "recall", "auc",
		"bleu", "sacrebleu", "map", "iou", "miou", "dice", "score", "reward", "return", "r2",
		"psnr", "ssim", "meteor", "spearman", "pearson", "matthews", "correlation", "em",
		"exact", "top1", "top5", "ndcg", "mrr", "hit", "hits", "jaccard", "kappa", NULL };
	static const char *const higher_prefix[] = { "rouge", "bleu", "acc", "top", "f1", "precision",
		"recall", "auc", "map@", NULL };
	char w[64];
	bool hi = false;
	size_t i = 0;
	while (i < len) {
		while (i < len && !isalnum((unsigned char)tag[i]))
			i++;
		size_t n = 0;
		while (i < len && isalnum((unsigned char)tag[i])) {
			if (n < sizeof(w))
				w[n++] = (char)tolower((unsigned char)tag[i]);
			i++;
		}
		if (!n)
			continue;
		if (word_in(w, n, lower))
			return BEST_MIN;
		if (word_in(w, n, higher) || word_prefixed(w, n, higher_prefix))
			hi = true;
	}
	return hi ? BEST_MAX : BEST_MIN;
}

enum best_dir store_best_dir(const struct store *st, const char *tag, size_t len)
{
	/* regexec needs a C string; tags with NUL bytes match up to the NUL */
	char buf[512];
	size_t n = TB_MIN(len, sizeof(buf) - 1);
	memcpy(buf, tag, n);
	buf[n] = '\0';
	for (size_t i = st->nrules; i-- > 0;)
		if (regexec(&st->rules[i].re, buf, 0, NULL, 0) == 0)
			return st->rules[i].dir;
	return default_dir(tag, len);
}

struct run *store_find_run(const struct store *st, const char *name, size_t len)
{
	return strmap_get(&st->by_name, name, len);
}

struct run *store_get_run(struct store *st, const char *name, size_t len)
{
	struct run *r = store_find_run(st, name, len);
	if (r)
		return r;
	if (tb_grow((void **)&st->runs, &st->cap, st->nruns + 1, sizeof(*st->runs)) != TB_OK)
		return NULL;
	r = calloc(1, sizeof(*r));
	if (!r || !(r->name = malloc(len + 1))) {
		free(r);
		return NULL;
	}
	memcpy(r->name, name, len);
	r->name[len] = '\0';
	r->name_len = len;
	r->format = "tfevents";
	strmap_init(&r->by_tag);
	strmap_init(&r->tb_plugin);
	if (strmap_put(&st->by_name, name, len, r) != TB_OK) {
		run_free(r);
		return NULL;
	}
	r->index = st->nruns;
	st->runs[st->nruns++] = r;
	st->gen++;
	return r;
}

struct series *run_find_series(const struct run *r, const char *tag, size_t len)
{
	return strmap_get(&r->by_tag, tag, len);
}

struct series *run_get_series(struct store *st, struct run *r, const char *tag, size_t len)
{
	/* writers log the same few tags in the same order over and over: the
	 * tag that followed the last one last time, or the last one again */
	struct series *last = r->last_series, *s = last ? last->next_hint : NULL;
	if (s && s->tag_len == len && memcmp(s->tag, tag, len) == 0)
		return r->last_series = s;
	if (last && last->tag_len == len && memcmp(last->tag, tag, len) == 0)
		return last;
	s = run_find_series(r, tag, len);
	if (s) {
		if (last)
			last->next_hint = s;
		return r->last_series = s;
	}
	if (tb_grow((void **)&r->series, &r->cap, r->nseries + 1, sizeof(*r->series)) != TB_OK)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s || !(s->tag = malloc(len + 1))) {
		free(s);
		return NULL;
	}
	memcpy(s->tag, tag, len);
	s->tag[len] = '\0';
	s->tag_len = len;
	s->run = r;
	s->min = s->max = NAN;
	s->best = SIZE_MAX;
	s->sorted = true;
	s->dir = store_best_dir(st, tag, len);
	if (strmap_put(&r->by_tag, tag, len, s) != TB_OK) {
		series_free(s);
		return NULL;
	}
	r->series[r->nseries++] = s;
	if (r->last_series)
		r->last_series->next_hint = s;
	r->last_series = s;
	r->gen++;
	st->gen++;
	return s;
}

static bool better(const struct series *s, double v, double best)
{
	return s->dir == BEST_MIN ? v < best : v > best;
}

/* Fold point i (step, v as stored) into the running stats; the caller
 * passes them so the hot append path reads no column back. */
static void stats_add(struct series *s, size_t i, int64_t step, double v)
{
	if (i > 0 && step < s->last_step)
		s->sorted = false;
	s->last_step = step;
	if (!isfinite(v))
		return;
	if (s->nfinite++ == 0) {
		s->min = s->max = v;
	} else {
		if (v < s->min)
			s->min = v;
		if (v > s->max)
			s->max = v;
	}
	if (s->best == SIZE_MAX || better(s, v, series_value(s, s->best)))
		s->best = i;
}

static size_t point_bytes(const struct series *s)
{
	return (s->step64 ? 8 : 4) + (s->wall64 ? 8 : 4) + (s->value64 ? 8 : 4);
}

static int grow(void **p, size_t ncap, size_t elem)
{
	if (!*p)
		return TB_OK;
	void *q = realloc(*p, ncap * elem);
	if (!q)
		return TB_NOMEM;
	*p = q;
	return TB_OK;
}

static int series_reserve(struct store *st, struct series *s, size_t need)
{
	if (need <= s->cap)
		return TB_OK;
	size_t ncap = s->cap ? s->cap : 16;
	while (ncap < need)
		ncap *= 2;
	if (!s->cap) {
		/* first point: narrow columns */
		s->step32 = malloc(ncap * sizeof(*s->step32));
		s->wall32 = malloc(ncap * sizeof(*s->wall32));
		s->value32 = malloc(ncap * sizeof(*s->value32));
		if (!s->step32 || !s->wall32 || !s->value32)
			return TB_NOMEM;
		s->single = true;
	} else if (grow((void **)&s->step32, ncap, sizeof(*s->step32)) ||
		   grow((void **)&s->step64, ncap, sizeof(*s->step64)) ||
		   grow((void **)&s->wall32, ncap, sizeof(*s->wall32)) ||
		   grow((void **)&s->wall64, ncap, sizeof(*s->wall64)) ||
		   grow((void **)&s->value32, ncap, sizeof(*s->value32)) ||
		   grow((void **)&s->value64, ncap, sizeof(*s->value64))) {
		return TB_NOMEM;
	}
	st->point_bytes += (ncap - s->cap) * point_bytes(s);
	s->cap = ncap;
	return TB_OK;
}

/* A step that does not fit as an int32 offset: widen the column. */
static int widen_steps(struct store *st, struct series *s)
{
	int64_t *w = malloc(s->cap * sizeof(*w));
	if (!w)
		return TB_NOMEM;
	for (size_t i = 0; i < s->n; i++)
		w[i] = s->step_base + s->step32[i];
	free(s->step32);
	s->step32 = NULL;
	s->step64 = w;
	st->point_bytes += s->cap * 4;
	return TB_OK;
}

/* A wall time a float offset cannot hold exactly: widen the column. */
static int widen_walls(struct store *st, struct series *s)
{
	double *w = malloc(s->cap * sizeof(*w));
	if (!w)
		return TB_NOMEM;
	for (size_t i = 0; i < s->n; i++)
		w[i] = s->wall_base + (double)s->wall32[i];
	free(s->wall32);
	s->wall32 = NULL;
	s->wall64 = w;
	st->point_bytes += s->cap * 4;
	return TB_OK;
}

/* A value that is not exactly a float: widen the column. */
static int widen_values(struct store *st, struct series *s)
{
	double *w = malloc(s->cap * sizeof(*w));
	if (!w)
		return TB_NOMEM;
	for (size_t i = 0; i < s->n; i++)
		w[i] = s->value32[i];
	free(s->value32);
	s->value32 = NULL;
	s->value64 = w;
	st->point_bytes += s->cap * 4;
	return TB_OK;
}

static int put_point(struct store *st, struct series *s, size_t i, int64_t step, double wall, double value)
{
	/* the base is set by the first point only: a purge rewrites in place
	 * and must not move it under points not yet rewritten */
	if (s->n == 0 && !s->step64)
		s->step_base = step;
	if (s->step32) {
		int64_t d;
		if (!__builtin_sub_overflow(step, s->step_base, &d) && d >= INT32_MIN && d <= INT32_MAX)
			s->step32[i] = (int32_t)d;
		else if (widen_steps(st, s) != TB_OK)
			return TB_NOMEM;
	}
	if (s->step64)
		s->step64[i] = step;
	if (s->n == 0 && s->wall32)
		s->wall_base = wall;
	if (s->wall32) {
		float off = (float)(wall - s->wall_base);
		if (s->wall_base + (double)off == wall)
			s->wall32[i] = off;
		else if (widen_walls(st, s) != TB_OK)
			return TB_NOMEM;
	}
	if (s->wall64)
		s->wall64[i] = wall;
	if (s->value32) {
		float f = (float)value;
		if ((double)f == value || isnan(value))
			s->value32[i] = f;
		else if (widen_values(st, s) != TB_OK)
			return TB_NOMEM;
	}
	if (s->value64)
		s->value64[i] = value;
	return TB_OK;
}

int series_append(struct store *st, struct series *s, int64_t step, double wall, double value)
{
	if (series_reserve(st, s, s->n + 1) != TB_OK)
		return TB_NOMEM;
	size_t i = s->n;
	if (put_point(st, s, i, step, wall, value) != TB_OK)
		return TB_NOMEM;
	s->n++;
	s->single = false;      /* series_append_f32 sets it back */
	stats_add(s, i, step, series_value(s, i));
	s->gen++;
	s->run->npoints++;
	s->run->gen++;
	st->npoints++;
	st->gen++;
	return TB_OK;
}

int series_append_f32(struct store *st, struct series *s, int64_t step, double wall, float value)
{
	bool single = s->n == 0 || s->single;
	int rc = series_append(st, s, step, wall, value);
	s->single = single;
	return rc;
}

static void stats_rebuild(struct series *s)
{
	s->nfinite = 0;
	s->min = s->max = NAN;
	s->best = SIZE_MAX;
	s->sorted = true;
	for (size_t i = 0; i < s->n; i++)
		stats_add(s, i, series_step(s, i), series_value(s, i));
}

void series_purge(struct store *st, struct series *s, int64_t step)
{
	size_t j = 0;
	for (size_t i = 0; i < s->n; i++) {
		int64_t si = series_step(s, i);
		if (si >= step)
			continue;
		put_point(st, s, j, si, series_wall(s, i), series_value(s, i));
		j++;
	}
	if (j == s->n)
		return;
	s->run->npoints -= s->n - j;
	st->npoints -= s->n - j;
	s->n = j;
	stats_rebuild(s);
	s->gen++;
	s->reset_gen++;
	s->run->gen++;
	st->gen++;
}

void series_clear(struct store *st, struct series *s)
{
	if (!s->n)
		return;
	s->run->npoints -= s->n;
	st->npoints -= s->n;
	s->n = 0;
	stats_rebuild(s);
	s->gen++;
	s->reset_gen++;
	s->run->gen++;
	st->gen++;
}

void run_purge(struct store *st, struct run *r, int64_t step)
{
	for (size_t i = 0; i < r->nseries; i++)
		series_purge(st, r->series[i], step);
}

int run_count_skipped(struct run *r, const char *tag, size_t len, const char *kind)
{
	/* the last tag seen is by far the most likely to come again */
	for (size_t i = r->nskipped; i-- > 0;) {
		struct tag_count *t = &r->skipped[i];
		if (t->tag_len == len && t->kind == kind && memcmp(t->tag, tag, len) == 0) {
			t->count++;
			return TB_OK;
		}
	}
	if (tb_grow((void **)&r->skipped, &r->skipcap, r->nskipped + 1, sizeof(*r->skipped)) != TB_OK)
		return TB_NOMEM;
	struct tag_count *t = &r->skipped[r->nskipped];
	if (!(t->tag = malloc(len + 1)))
		return TB_NOMEM;
	memcpy(t->tag, tag, len);
	t->tag[len] = '\0';
	t->tag_len = len;
	t->kind = kind;
	t->count = 1;
	r->nskipped++;
	return TB_OK;
}

int run_set_kv(struct kv **arr, size_t *n, const char *key, const char *value)
{
	char *v = strdup(value);
	if (!v)
		return TB_NOMEM;
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*arr)[i].key, key) == 0) {
			free((*arr)[i].value);
			(*arr)[i].value = v;
			return TB_OK;
		}
	}
	struct kv *p = realloc(*arr, (*n + 1) * sizeof(**arr));
	char *k = strdup(key);
	if (!p || !k) {
		free(v);
		free(k);
		if (p)
			*arr = p;
		return TB_NOMEM;
	}
	*arr = p;
	p[*n].key = k;
	p[*n].value = v;
	(*n)++;
	return TB_OK;
}

int run_set_label(struct run *r, const char *label)
{
	char *l = strdup(label);
	if (!l)
		return TB_NOMEM;
	free(r->label);
	r->label = l;
	r->gen++;
	return TB_OK;
}

/* Stable bottom-up merge sort of indexes by step (qsort is not stable and
 * would need the keys in a global). */
static void merge_sort_idx(size_t *idx, size_t *tmp, size_t n, const struct series *s)
{
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = TB_MIN(lo + width, n), hi = TB_MIN(lo + 2 * width, n);
			size_t a = lo, b = mid, o = lo;
			while (a < mid && b < hi)
				tmp[o++] = series_step(s, idx[b]) < series_step(s, idx[a]) ? idx[b++] : idx[a++];
			while (a < mid)
				tmp[o++] = idx[a++];
			while (b < hi)
				tmp[o++] = idx[b++];
		}
		memcpy(idx, tmp, n * sizeof(*idx));
	}
}

size_t *series_sorted_index(const struct series *s)
{
	size_t *idx = malloc((s->n ? s->n : 1) * sizeof(*idx));
	if (!idx)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		idx[i] = i;
	if (!s->sorted) {
		size_t *tmp = malloc(s->n * sizeof(*tmp));
		if (!tmp) {
			free(idx);
			return NULL;
		}
		merge_sort_idx(idx, tmp, s->n, s);
		free(tmp);
	}
	return idx;
}
