/* store.c: the runs of a store and their tags; point columns are series.c's,
 * best directions best.c's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/store.h"

int store_init(struct store *st)
{
	memset(st, 0, sizeof(*st));
	return strmap_init(&st->by_name);
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
	struct series *last = r->last_series, *s = run_series_hint(r, tag, len);
	if (s)
		return s;
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
	if (len >= 8) {
		memcpy(&s->tag_words[0], tag, 8);
		memcpy(&s->tag_words[1], tag + len - 8, 8);
	}
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
