/* caches.c: the set of per-series caches a painter keeps, keyed by series
 * pointer (series never move), and bringing many of them up to date at
 * once. A switch of smoothing method or weight redoes every point of
 * every chart on screen, millions of them; those caches are independent,
 * so they are synced on as many threads as the process may use, each with
 * scratch memory of its own kept between switches. */
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tailboard/chart.h"

/* Below this many points of work in all, threads cost more than they save. */
#define PREPARE_PARALLEL_MIN 500000

static int cpus(void)
{
	cpu_set_t set;
	long n = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > CACHES_THREADS ? CACHES_THREADS : (int)n;
}

void caches_init(struct chart_caches *cs)
{
	memset(cs, 0, sizeof *cs);
	cs->nthreads = cpus();
}

void caches_free(struct chart_caches *cs)
{
	for (size_t i = 0; i < cs->cap; i++)
		if (cs->slots[i]) {
			cache_free(cs->slots[i]);
			free(cs->slots[i]);
		}
	free(cs->slots);
	for (size_t t = 0; t < CACHES_THREADS; t++)
		smooth_scratch_free(&cs->scratch[t]);
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
		size_t h = ptr_hash(c->key, cap);
		while (slots[h])
			h = (h + 1) & (cap - 1);
		slots[h] = c;
	}
	free(cs->slots);
	cs->slots = slots;
	cs->cap = cap;
	return TB_OK;
}

/* s's cache, made when it has none; not synced. A cache is keyed by the
 * series it was made for (its key), not by c->s, which sync may reset. */
static struct series_cache *caches_slot(struct chart_caches *cs, const struct series *s)
{
	if ((cs->len + 1) * 2 > cs->cap && caches_grow(cs))
		return NULL;
	size_t h = ptr_hash(s, cs->cap);
	while (cs->slots[h] && cs->slots[h]->key != s)
		h = (h + 1) & (cs->cap - 1);
	struct series_cache *c = cs->slots[h];
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			return NULL;
		c->key = s;
		c->w = NAN;             /* matches no weight: the first sync builds it all */
		c->constant = true;
		cs->slots[h] = c;
		cs->len++;
	}
	return c;
}

struct series_cache *caches_get(struct chart_caches *cs, const struct series *s, double w, enum smooth_method m)
{
	struct series_cache *c = caches_slot(cs, s);
	if (!c || cache_sync_in(c, s, w, m, &cs->scratch[0]))
		return NULL;
	return c;
}

struct series_cache *caches_peek(struct chart_caches *cs, const struct series *s)
{
	if (!cs->cap)
		return NULL;
	size_t h = ptr_hash(s, cs->cap);
	while (cs->slots[h] && cs->slots[h]->key != s)
		h = (h + 1) & (cs->cap - 1);
	struct series_cache *c = cs->slots[h];
	/* as it was last synced, if that is still a prefix of s: a smoothing
	 * behind, or points behind, but nothing read past the series' end */
	bool prefix = c && c->s == s && c->n && c->reset_gen == s->reset_gen && c->n <= s->n &&
		c->sorted == s->sorted && (s->sorted || c->gen == s->gen);
	return prefix ? c : NULL;
}

/* Points a sync of c to s, w, m would smooth: all of them when the
 * smoothing changed, the new ones otherwise. */
static size_t sync_work(const struct series_cache *c, const struct series *s, double w, enum smooth_method m)
{
	bool same_w = !(c->w < w) && !(c->w > w) && !isnan(c->w) && !isnan(w);
	if (c->s != s || !same_w || c->method != m || c->reset_gen != s->reset_gen || s->n < c->n ||
	    (!s->sorted && c->gen != s->gen))
		return s->n;
	return s->n - c->n;
}

bool cache_current(const struct series_cache *c, const struct series *s, double w, enum smooth_method m)
{
	return c && c->s == s && c->gen == s->gen && sync_work(c, s, w, m) == 0;
}

struct prepare {
	struct series_cache **c;        /* the caches with work to do, each once */
	const struct series **ss;
	size_t n;
	double w, deadline;
	enum smooth_method m;
	atomic_size_t next;
	atomic_int status;
};

struct worker {
	struct prepare *job;
	struct smooth_scratch *sc;
};

static void *prepare_run(void *arg)
{
	struct worker *wk = arg;
	struct prepare *p = wk->job;
	/* one series at least whatever the deadline, so frame after frame
	 * catches up however small the budget */
	bool first = true;
	for (size_t i; (first || p->deadline <= 0 || tb_now() < p->deadline) &&
	     (i = atomic_fetch_add(&p->next, 1)) < p->n; first = false)
		if (cache_sync_in(p->c[i], p->ss[i], p->w, p->m, wk->sc) != TB_OK)
			atomic_store(&p->status, TB_NOMEM);
	return NULL;
}

/* The job: each cache of ss with work to do, once (two threads must never
 * sync one cache), in ss's order; the points to smooth in all. */
static size_t prepare_collect(struct chart_caches *cs, const struct series *const *ss, size_t n,
			      struct prepare *p)
{
	size_t work = 0;
	p->n = 0;
	for (size_t i = 0; i < n; i++) {
		struct series_cache *c = caches_slot(cs, ss[i]);
		size_t k = c && !c->queued ? sync_work(c, ss[i], p->w, p->m) : 0;
		if (!k)
			continue;
		c->queued = true;
		p->c[p->n] = c;
		p->ss[p->n++] = ss[i];
		work += k;
	}
	for (size_t i = 0; i < p->n; i++)
		p->c[i]->queued = false;
	return work;
}

int caches_prepare(struct chart_caches *cs, const struct series *const *ss, size_t n, double w,
		   enum smooth_method m, double deadline, size_t *left)
{
	struct prepare p = { .w = w, .m = m, .deadline = deadline };
	p.c = calloc(n ? n : 1, sizeof *p.c);
	p.ss = calloc(n ? n : 1, sizeof *p.ss);
	*left = 0;
	if (!p.c || !p.ss) {
		free(p.c);
		free(p.ss);
		return TB_NOMEM;
	}
	size_t work = prepare_collect(cs, ss, n, &p);
	atomic_init(&p.next, 0);
	atomic_init(&p.status, TB_OK);
	int nt = work < PREPARE_PARALLEL_MIN ? 1 : (int)TB_MIN((size_t)cs->nthreads, p.n);
	struct worker wk[CACHES_THREADS];
	pthread_t th[CACHES_THREADS];
	int started = 1;
	for (int t = 0; t < CACHES_THREADS; t++)
		wk[t] = (struct worker){ &p, &cs->scratch[t] };
	for (; started < nt; started++)
		if (pthread_create(&th[started], NULL, prepare_run, &wk[started]) != 0)
			break;          /* fewer threads: this one does the rest */
	prepare_run(&wk[0]);
	for (int t = 1; t < started; t++)
		pthread_join(th[t], NULL);
	for (size_t i = 0; i < p.n; i++)
		*left += sync_work(p.c[i], p.ss[i], w, m) > 0;
	free(p.c);
	free(p.ss);
	return atomic_load(&p.status);
}
