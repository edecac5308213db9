/* store.c: the runs of a store and their tags; point columns are series.c's,
 * best directions best.c's, the readers' way in store_sink.c's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "series_int.h"
#include "tailboard/xalloc.h"

void store_init(struct store *st)
{
	memset(st, 0, sizeof(*st));
	strmap_init(&st->by_name);
	strmap_init(&st->ckpt_by_owner);
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
	for (size_t i = 0; i < r->nskipped; i++)
		free(r->skipped[i].tag);
	free(r->skipped);
	kv_free(r->hparams, r->nhparams);
	kv_free(r->info, r->ninfo);
	free(r->name);
	free(r->label);
	free(r->finished);
	runlog_free(r->log);
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
	store_checkpoints_free(st);
	memset(st, 0, sizeof(*st));
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
	xgrow((void **)&st->runs, &st->cap, st->nruns + 1, sizeof(*st->runs));
	r = xcalloc(1, sizeof(*r));
	r->name = xstrndup(name, len);
	r->name_len = len;
	r->format = "tfevents";
	strmap_init(&r->by_tag);
	strmap_put(&st->by_name, name, len, r);
	r->index = st->nruns;
	st->runs[st->nruns++] = r;
	st->gen++;
	return r;
}

size_t store_npoints(const struct store *st)
{
	size_t n = 0;
	for (size_t i = 0; i < st->nruns; i++)
		n += st->runs[i]->npoints;
	return n;
}

size_t store_point_bytes(const struct store *st)
{
	size_t n = 0;
	for (size_t i = 0; i < st->nruns; i++)
		n += st->runs[i]->point_bytes;
	return n;
}

struct series *run_find_series(const struct run *r, const char *tag, size_t len)
{
	return strmap_get(&r->by_tag, tag, len);
}

struct series *run_get_series(const struct store *st, struct run *r, const char *tag, size_t len)
{
	struct series *s = run_find_series(r, tag, len);
	if (s)
		return s;
	xgrow((void **)&r->series, &r->cap, r->nseries + 1, sizeof(*r->series));
	s = xcalloc(1, sizeof(*s));
	s->tag = xstrndup(tag, len);
	s->tag_len = len;
	s->run = r;
	s->min = s->max = NAN;
	s->best = SIZE_MAX;
	s->sorted = true;
	s->dir = store_best_dir(st, tag, len);
	strmap_put(&r->by_tag, tag, len, s);
	r->series[r->nseries++] = s;
	r->gen++;
	return s;
}

int run_purge(struct run *r, int64_t step)
{
	int rc = TB_OK;
	for (size_t i = 0; i < r->nseries; i++)
		if (series_purge(r->series[i], step) != TB_OK)
			rc = TB_NOMEM;
	return rc;
}

int run_reset(struct run *r)
{
	for (size_t i = 0; i < r->nskipped; i++)
		r->skipped[i].count = 0;
	runlog_clear(r->log);
	if (r->log)
		r->log->origin = 0;
	return run_purge(r, INT64_MIN);
}

void run_count_skipped(struct run *r, const char *tag, size_t len, const char *kind)
{
	/* the last tag seen is by far the most likely to come again */
	for (size_t i = r->nskipped; i-- > 0;) {
		struct tag_count *t = &r->skipped[i];
		if (t->tag_len == len && t->kind == kind && memcmp(t->tag, tag, len) == 0) {
			t->count++;
			return;
		}
	}
	xgrow((void **)&r->skipped, &r->skipcap, r->nskipped + 1, sizeof(*r->skipped));
	struct tag_count *t = &r->skipped[r->nskipped++];
	t->tag = xstrndup(tag, len);
	t->tag_len = len;
	t->kind = kind;
	t->count = 1;
}

void run_set_kv(struct kv **arr, size_t *n, const char *key, const char *value)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*arr)[i].key, key) == 0) {
			free((*arr)[i].value);
			(*arr)[i].value = xstrdup(value);
			return;
		}
	}
	*arr = xreallocarray(*arr, *n + 1, sizeof(**arr));
	(*arr)[*n].key = xstrdup(key);
	(*arr)[*n].value = xstrdup(value);
	(*n)++;
}

void run_set_label(struct run *r, const char *label)
{
	free(r->label);
	r->label = xstrdup(label);
	r->gen++;
}
