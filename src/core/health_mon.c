/* health_mon.c: the detectors over a store, incrementally. One pass over
 * the runs whose change counter moved; in each, the series that grew are
 * fed their new points straight from the columns (float or double values
 * in place, steps and wall times read only where an event needs them), so
 * a turn costs what its new points cost plus a compare per run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/health_mon.h"
#include "tailboard/xalloc.h"

struct mon_series {
	struct health_tag tag;
	size_t fed;             /* points of the series fed so far */
	uint64_t reset_gen;     /* the series' reset_gen when fed from its start */
	int64_t last_step;      /* of the last point fed, while fed > 0 */
};

struct health_mon_run {
	struct health_run hr;
	struct mon_series *ser; /* by series index in the run */
	size_t nser;
	uint64_t gen;           /* the run's change counter when last looked at */
	bool finished;          /* its finish was passed on */
	unsigned kinds;         /* 1 << kind for each kind that fired */
};

/* Where an event of the series being fed goes. */
struct feeding {
	struct health_mon *m;
	struct health_mon_run *mr;
	const struct run *run;
	const struct series *series;
};

enum health_dir health_dir_of(const struct store *st, const char *tag, size_t len)
{
	if (!store_best_dir_known(st, tag, len))
		return HEALTH_DIR_NONE;
	switch (store_best_dir(st, tag, len)) {
	case BEST_MIN: return HEALTH_DIR_MIN;
	case BEST_MAX: return HEALTH_DIR_MAX;
	default: return HEALTH_DIR_NONE;
	}
}

void health_mon_init(struct health_mon *m, const struct store *st, const struct health_rules *rules)
{
	memset(m, 0, sizeof(*m));
	m->st = st;
	m->rules = rules;
	m->gen = st->gen - 1;   /* the first update looks */
	m->next_tick = INFINITY;
}

void health_mon_free(struct health_mon *m)
{
	for (size_t i = 0; i < m->nruns; i++)
		free(m->runs[i].ser);
	free(m->runs);
	free(m->alerts);
	memset(m, 0, sizeof(*m));
}

static void on_event(void *ctx, const struct health_event *ev)
{
	struct feeding *f = ctx;
	struct health_mon *m = f->m;
	xgrow((void **)&m->alerts, &m->alerts_cap, m->nalerts + 1, sizeof(*m->alerts));
	m->alerts[m->nalerts++] = (struct health_alert){ *ev, f->run, f->series, tb_wall_now() };
	f->mr->kinds |= 1u << ev->kind;
}

/* Steps and wall times of the points being fed, read from the columns. */
struct cols {
	const struct series *s;
	size_t off;
};

static void cols_at(const void *ctx, size_t i, int64_t *step, double *wall)
{
	const struct cols *c = ctx;
	*step = series_step(c->s, c->off + i);
	*wall = series_wall(c->s, c->off + i);
}

/* Points [ms->fed, to) of the series. */
static void feed_range(struct feeding *f, struct mon_series *ms, size_t to)
{
	const struct series *s = f->series;
	if (to <= ms->fed)
		return;
	struct cols c = { s, ms->fed };
	struct health_points p = { .n = to - ms->fed, .at = cols_at, .ctx = &c, .single = s->single };
	if (s->value64)
		p.value = s->value64 + ms->fed;
	else
		p.value32 = s->value32 + ms->fed;
	struct health_sink sink = { on_event, f };
	if (health_feed(&ms->tag, &p, &sink) != TB_OK)
		return;
	f->m->fed += p.n;
	ms->fed = to;
	ms->last_step = series_step(s, to - 1);
}

/* The series' points past what was fed. A step that goes back is a
 * training started again into the same series (several event files or a
 * CSV log appended to, with no purge): the detectors start over there, as
 * after a reset, so the new start's high loss is no spike. Only a series
 * that is not sorted has such a step, and only its new steps are read. */
static void feed_series(struct feeding *f, struct mon_series *ms)
{
	const struct series *s = f->series;
	if (ms->reset_gen != s->reset_gen) {
		health_tag_reset(&ms->tag);     /* what was reported stays reported */
		ms->fed = 0;
		ms->reset_gen = s->reset_gen;
	}
	int64_t prev = ms->last_step;   /* valid once a point was fed */
	for (size_t k = ms->fed; !s->sorted && k < s->n; k++) {
		int64_t step = series_step(s, k);
		if (k > 0 && step < prev) {
			feed_range(f, ms, k);
			health_tag_reset(&ms->tag);
		}
		prev = step;
	}
	feed_range(f, ms, s->n);
}

/* The run's series, new ones configured; true when points were fed. The
 * newest point fed (by step) goes to *step and *wall. */
static bool feed_run(struct health_mon *m, struct health_mon_run *mr, const struct run *r,
		     int64_t *step, double *wall)
{
	struct feeding f = { m, mr, r, NULL };
	bool grew = false;
	if (mr->nser < r->nseries) {
		mr->ser = xreallocarray(mr->ser, r->nseries, sizeof(*mr->ser));
		for (size_t j = mr->nser; j < r->nseries; j++) {
			const struct series *s = r->series[j];
			memset(&mr->ser[j], 0, sizeof(mr->ser[j]));
			health_tag_init(&mr->ser[j].tag, m->rules, s->tag, s->tag_len,
					health_dir_of(m->st, s->tag, s->tag_len));
			mr->ser[j].reset_gen = s->reset_gen;
		}
		mr->nser = r->nseries;
	}
	for (size_t j = 0; j < r->nseries; j++) {
		struct mon_series *ms = &mr->ser[j];
		const struct series *s = r->series[j];
		if (s->n == ms->fed && s->reset_gen == ms->reset_gen)
			continue;
		size_t before = ms->reset_gen == s->reset_gen ? ms->fed : 0;
		f.series = s;
		feed_series(&f, ms);
		if (s->n > before) {
			grew = true;
			int64_t st = series_step(s, s->n - 1);
			if (st >= *step) {
				*step = st;
				*wall = series_wall(s, s->n - 1);
			}
		}
	}
	return grew;
}

/* The newest point of a run, by step, over its series. */
static void run_last(const struct run *r, int64_t *step, double *wall)
{
	*step = INT64_MIN;
	*wall = 0;
	for (size_t j = 0; j < r->nseries; j++) {
		const struct series *s = r->series[j];
		if (s->n && series_step(s, s->n - 1) >= *step) {
			*step = series_step(s, s->n - 1);
			*wall = series_wall(s, s->n - 1);
		}
	}
	if (*step == INT64_MIN)
		*step = 0;
}

/* A run whose change counter moved: its new points, its writes, its end. */
static void look_at_run(struct health_mon *m, size_t i, double now, bool live)
{
	const struct run *r = m->st->runs[i];
	struct health_mon_run *mr = &m->runs[i];
	if (mr->gen == r->gen)
		return;
	mr->gen = r->gen;
	int64_t step = INT64_MIN;
	double wall = 0;
	bool grew = feed_run(m, mr, r, &step, &wall);
	if (grew && live) {
		health_run_wrote(&mr->hr, now, step, wall);
		m->retick = true;
	}
	if (r->finished && !mr->finished) {
		struct feeding f = { m, mr, r, NULL };
		struct health_sink sink = { on_event, &f };
		mr->finished = true;
		m->retick = true;
		run_last(r, &step, &wall);
		if (health_run_finished(&mr->hr, now, step, wall, &sink) != TB_OK)
			mr->finished = false;
	} else if (!r->finished) {
		mr->finished = false;   /* read again from the start: it may finish again */
	}
}

static void tick_runs(struct health_mon *m, double now)
{
	double next = INFINITY;
	for (size_t i = 0; i < m->nruns; i++) {
		struct health_mon_run *mr = &m->runs[i];
		struct feeding f = { m, mr, m->st->runs[i], NULL };
		struct health_sink sink = { on_event, &f };
		if (health_run_tick(&mr->hr, m->rules, now, &sink) != TB_OK)
			continue;
		next = TB_MIN(next, health_run_deadline(&mr->hr, m->rules));
	}
	m->next_tick = next;
}

void health_mon_update(struct health_mon *m, double now, bool live)
{
	/* the update that first sees live still feeds the first read's last
	 * slice: growth counts from the next one on */
	bool growth_live = live && m->was_live;
	m->was_live = live;
	bool changed = m->gen != m->st->gen;
	if (!changed && now < m->next_tick)
		return;
	if (changed) {
		m->gen = m->st->gen;
		if (m->nruns < m->st->nruns) {
			m->runs = xreallocarray(m->runs, m->st->nruns, sizeof(*m->runs));
			memset(m->runs + m->nruns, 0, (m->st->nruns - m->nruns) * sizeof(*m->runs));
			for (size_t i = m->nruns; i < m->st->nruns; i++) {
				health_run_init(&m->runs[i].hr);
				m->runs[i].gen = m->st->runs[i]->gen - 1;
			}
			m->nruns = m->st->nruns;
		}
		for (size_t i = 0; i < m->nruns; i++)
			look_at_run(m, i, now, growth_live);
	}
	/* stall clocks: only when one is due or moved (not while reading
	 * what was on disk, nor per piece of it) */
	if (m->retick || now >= m->next_tick)
		tick_runs(m, now);
	m->retick = false;
}

double health_mon_deadline(const struct health_mon *m)
{
	return m->next_tick;
}

void health_mon_configure(struct health_mon *m)
{
	for (size_t i = 0; i < m->nruns; i++) {
		const struct run *r = m->st->runs[i];
		for (size_t j = 0; j < m->runs[i].nser; j++) {
			const struct series *s = r->series[j];
			health_tag_configure(&m->runs[i].ser[j].tag, m->rules, s->tag, s->tag_len,
					     health_dir_of(m->st, s->tag, s->tag_len));
		}
	}
	m->next_tick = -INFINITY;       /* the stall rule may have changed */
}

size_t health_mon_count(const struct health_mon *m)
{
	return m->nalerts;
}

const struct health_alert *health_mon_alert(const struct health_mon *m, size_t i)
{
	return i < m->nalerts ? &m->alerts[i] : NULL;
}

size_t health_mon_unseen(const struct health_mon *m)
{
	return m->nalerts - m->seen;
}

void health_mon_seen(struct health_mon *m)
{
	m->seen = m->nalerts;
}

static const struct health_mon_run *run_of(const struct health_mon *m, const struct run *r)
{
	return r && r->index < m->nruns && m->st->runs[r->index] == r ? &m->runs[r->index] : NULL;
}

uint64_t health_mon_nonfinite(const struct health_mon *m, const struct health_alert *a)
{
	const struct health_mon_run *mr = run_of(m, a->run);
	if (!mr || !a->series || a->ev.kind != HEALTH_NAN)
		return 0;
	for (size_t j = 0; j < mr->nser; j++)
		if (a->run->series[j] == a->series)
			return health_tag_nonfinite(&mr->ser[j].tag);
	return 0;
}

unsigned health_mon_run_kinds(const struct health_mon *m, const struct run *r)
{
	const struct health_mon_run *mr = run_of(m, r);
	return mr ? mr->kinds : 0;
}

enum health_mark health_mon_run_mark(const struct health_mon *m, const struct run *r)
{
	const struct health_mon_run *mr = run_of(m, r);
	if (!mr)
		return HEALTH_MARK_OK;
	if (mr->kinds & (1u << HEALTH_NAN))
		return HEALTH_MARK_NAN;
	if (mr->hr.stalled || mr->hr.stopped)
		return HEALTH_MARK_STALLED;
	if (mr->kinds & (1u << HEALTH_SPIKE | 1u << HEALTH_PLATEAU | 1u << HEALTH_DIVERGE))
		return HEALTH_MARK_WARNING;
	if (mr->hr.finished)
		return HEALTH_MARK_FINISHED;
	return HEALTH_MARK_OK;
}

const char *health_mark_name(enum health_mark mark)
{
	static const char *const names[] = { "ok", "finished", "warning", "stalled", "nan" };
	return (unsigned)mark < TB_ARRAY_LEN(names) ? names[mark] : "ok";
}
