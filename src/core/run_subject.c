/* run_subject.c: a run as the filter language sees it (filter.h). Keys,
 * in this order for a bare KEY: name (its label when it has one, else its
 * path), run (its path), state (stale, finished, running or idle), format,
 * points, then its hyperparameters, then its other facts (W&B project,
 * HF best metric). config:KEY and hp:KEY read hyperparameters only. */
#include <string.h>
#include <time.h>
#include "tailboard/run_subject.h"

static bool text(struct filter_value *out, const char *s, size_t len)
{
	*out = (struct filter_value){ .type = FV_STRING, .str = s, .len = len };
	return true;
}

static bool kv_get(const struct kv *kv, size_t n, const char *key, struct filter_value *out)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return text(out, kv[i].value, strlen(kv[i].value));
	return false;
}

double run_last_write(const struct run *r)
{
	double t = 0;
	for (size_t i = 0; i < r->nseries; i++) {
		const struct series *s = r->series[i];
		size_t k = series_last(s);
		if (k != SIZE_MAX && series_wall(s, k) > t)
			t = series_wall(s, k);
	}
	return t > 1e8 ? t : r->mtime;  /* steps logged as times (0, 1, 2...) are no dates */
}

const char *run_state_name(const struct run *r, double now)
{
	if (r->stale || r->finished)
		return r->stale ? "stale" : "finished";
	double t = run_last_write(r);
	return t > 0 && now - t >= RUN_IDLE_SECS ? "idle" : "running";
}

static bool get(void *arg, enum filter_scope scope, const char *key, size_t keylen, struct filter_value *out)
{
	const struct run *r = arg;
	(void)keylen;
	*out = (struct filter_value){ .type = FV_MISSING };
	if (scope == FILTER_CONFIG)
		return kv_get(r->hparams, r->nhparams, key, out);
	if (strcmp(key, "name") == 0)
		return r->label ? text(out, r->label, strlen(r->label)) : text(out, r->name, r->name_len);
	if (strcmp(key, "run") == 0)
		return text(out, r->name, r->name_len);
	if (strcmp(key, "state") == 0) {
		const char *st = run_state_name(r, (double)time(NULL));
		return text(out, st, strlen(st));
	}
	if (strcmp(key, "format") == 0)
		return r->format ? text(out, r->format, strlen(r->format)) : false;
	if (strcmp(key, "points") == 0) {
		*out = (struct filter_value){ .type = FV_NUMBER, .num = (double)r->npoints };
		return true;
	}
	return kv_get(r->hparams, r->nhparams, key, out) || kv_get(r->info, r->ninfo, key, out);
}

static bool has(void *arg, const char *tag, size_t taglen)
{
	const struct series *s = run_find_series(arg, tag, taglen);
	return s && s->n > 0;
}

void run_subject(const struct run *r, struct filter_subject *out)
{
	*out = (struct filter_subject){ (void *)(uintptr_t)r, get, has };
}

bool run_matches(const struct filter *f, const struct run *r)
{
	struct filter_subject s;
	if (!f)
		return true;
	run_subject(r, &s);
	return filter_match(f, &s);
}
