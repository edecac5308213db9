/* checkpoint.c: the checkpoints discovery saw, kept by the name of the run
 * directory they were saved beside (their owner), and the steps a run's
 * charts mark. A run takes the checkpoints of the first owner that exists
 * among: its own name; its parent when it is a Keras TensorBoard
 * callback's train/ or validation/; its grandparent when its parent is
 * runs/ (the Trainer's default logging_dir, out/runs/<date_host>, beside
 * out/checkpoint-N). Owners need no run: checkpoints may come first. */
#include <stdlib.h>
#include <string.h>
#include "tailboard/store.h"
#include "tailboard/xalloc.h"

struct ckpt {
	char *name;
	int64_t step, epoch;
};

struct ckpt_owner {
	struct ckpt *v;
	size_t n, cap;
};

void store_checkpoints_free(struct store *st)
{
	for (size_t i = 0; i < st->nowners; i++) {
		struct ckpt_owner *o = st->owners[i];
		for (size_t k = 0; k < o->n; k++)
			free(o->v[k].name);
		free(o->v);
		free(o);
	}
	free(st->owners);
	strmap_free(&st->ckpt_by_owner);
}

void store_checkpoint_set(struct store *st, const char *owner, size_t len, const struct sink_checkpoint *c,
			  bool present)
{
	struct ckpt_owner *o = strmap_get(&st->ckpt_by_owner, owner, len);
	if (!o && !present)
		return;
	if (!o) {
		o = xcalloc(1, sizeof(*o));
		xgrow((void **)&st->owners, &st->ownercap, st->nowners + 1, sizeof(*st->owners));
		st->owners[st->nowners++] = o;
		strmap_put(&st->ckpt_by_owner, owner, len, o);
	}
	size_t i = 0;
	while (i < o->n && strcmp(o->v[i].name, c->name) != 0)
		i++;
	if (!present) {
		if (i == o->n)
			return;
		free(o->v[i].name);
		o->v[i] = o->v[--o->n];
	} else if (i == o->n) {
		xgrow((void **)&o->v, &o->cap, o->n + 1, sizeof(*o->v));
		o->v[o->n++] = (struct ckpt){ xstrdup(c->name), c->step, c->epoch };
	} else {
		return;         /* seen again by a rescan */
	}
	st->ckpt_gen++;
	st->gen++;
}

/* Bytes [0, n) of name without its last component, -1 at the top. */
static long parent_len(const char *name, size_t n)
{
	const char *s = n ? memrchr(name, '/', n) : NULL;
	return s ? (long)(s - name) : -1;
}

static bool leaf_is(const char *name, size_t n, const char *word)
{
	long p = parent_len(name, n);
	size_t start = (size_t)(p + 1), wl = strlen(word);
	return n - start == wl && memcmp(name + start, word, wl) == 0;
}

static const struct ckpt_owner *owner_of(const struct store *st, const struct run *r)
{
	const char *nm = r->name;
	size_t n = r->name_len;
	const struct ckpt_owner *o = strmap_get(&st->ckpt_by_owner, nm, n);
	long p = parent_len(nm, n);
	if (o || p < 0)
		return o;
	if (leaf_is(nm, n, "train") || leaf_is(nm, n, "validation"))
		return strmap_get(&st->ckpt_by_owner, nm, (size_t)p);
	if (!leaf_is(nm, (size_t)p, "runs"))
		return NULL;
	long g = parent_len(nm, (size_t)p);
	return g < 0 ? strmap_get(&st->ckpt_by_owner, ".", 1) : strmap_get(&st->ckpt_by_owner, nm, (size_t)g);
}

/* An epoch's step: the last step the run's "epoch" tag was that epoch
 * (Lightning logs it every step); without that tag the run logs once an
 * epoch (Keras) and the epoch is the step. -1 when the tag never was. */
static int64_t epoch_step(const struct run *r, int64_t e)
{
	const struct series *s = run_find_series(r, "epoch", 5);
	if (!s || !s->n)
		return e;
	size_t lo = 0, hi = s->n;       /* epochs only grow: first index past e */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (series_value(s, mid) <= (double)e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && series_value(s, lo - 1) == (double)e ? series_step(s, lo - 1) : -1;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

size_t store_run_checkpoints(const struct store *st, const struct run *r, int64_t *out, size_t cap)
{
	const struct ckpt_owner *o = owner_of(st, r);
	size_t n = 0;
	for (size_t i = 0; o && i < o->n && n < cap; i++) {
		int64_t s = o->v[i].step >= 0 ? o->v[i].step : epoch_step(r, o->v[i].epoch);
		if (s >= 0)
			out[n++] = s;
	}
	if (n > 1)
		qsort(out, n, sizeof(*out), cmp_i64);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || out[u - 1] != out[i])
			out[u++] = out[i];
	return u;
}

int64_t checkpoint_nearest(const int64_t *steps, size_t n, int64_t step)
{
	int64_t best = -1;
	for (size_t i = 0; i < n; i++) {
		int64_t d = steps[i] > step ? steps[i] - step : step - steps[i];
		int64_t bd = best > step ? best - step : step - best;
		if (best < 0 || d < bd || (d == bd && steps[i] < best))
			best = steps[i];
	}
	return best;
}
