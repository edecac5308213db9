/* bench_health: the cost the health detectors add per point.
 *
 *   bench_health [POINTS [BATCH...]]   default 78125, batches 4096 256 16 1
 *   bench_health --load LOGDIR         against loading LOGDIR
 *
 * The first form: the load benchmark's shape (16 runs x 8 tags x POINTS,
 * float32 values as the store keeps them, steps and wall times packed and
 * read through at() as the store's columns would be). For each batch size
 * every series is fed in batches of that many points, series after series,
 * the way the loader would after each slice (4096) or a live tick (1). The
 * baseline, timed in the same run over the same batches, sums the same
 * values: the least a pass over them costs.
 *
 * The second: LOGDIR is loaded as `tailboard summary` loads it (one
 * thread), then the detectors are fed every series from the store's own
 * columns (read once before, see touch_store) in slices of 4096 points;
 * the figure is their time as a share of the load's, both measured in the
 * same run, turn about. Best of 15 each: a shared machine's noise only
 * ever adds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/health.h"
#include "bench_util.h"

#define NRUNS 16
#define NTAGS 8
#define REPS 15

static const struct {
	const char *tag;
	enum health_dir dir;
} tags[NTAGS] = {
	{ "train/loss", HEALTH_DIR_MIN }, { "train/accuracy", HEALTH_DIR_MAX },
	{ "eval/loss", HEALTH_DIR_MIN }, { "eval/accuracy", HEALTH_DIR_MAX },
	{ "train/learning_rate", HEALTH_DIR_MIN }, { "train/grad_norm", HEALTH_DIR_MIN },
	{ "eval/perplexity", HEALTH_DIR_MIN }, { "train/epoch", HEALTH_DIR_MIN },
};

struct world {
	float *values[NRUNS][NTAGS];
	struct health_tag tag[NRUNS][NTAGS];
	struct health_rules rules;
	size_t points, events;
	volatile double sink;   /* keeps the baseline's sums alive */
};

/* bench_frame's curve: a decay, two waves, noise-like wiggle. */
static float value_at(size_t run, size_t tag, size_t i, size_t n)
{
	double x = (double)i / (double)n;
	double v = exp(-3 * x) + 0.01 * (double)run + 0.05 * sin((double)i * 0.001 * (double)(tag + 1)) +
		   0.02 * sin((double)i * 1.7);
	return (float)v;
}

/* The store's packed columns: step = base + i, wall = base + i / 4. */
struct cols {
	size_t off;
};

static void cols_at(const void *ctx, size_t i, int64_t *step, double *wall)
{
	const struct cols *c = ctx;
	*step = (int64_t)(c->off + i);
	*wall = 1.7e9 + (double)(c->off + i) * 0.25;
}

static void count_event(void *ctx, const struct health_event *ev)
{
	(void)ev;
	((struct world *)ctx)->events++;
}

static double run_detectors(struct world *w, size_t batch)
{
	struct health_sink sink = { count_event, w };
	for (size_t r = 0; r < NRUNS; r++)
		for (size_t t = 0; t < NTAGS; t++)
			health_tag_init(&w->tag[r][t], &w->rules, tags[t].tag, strlen(tags[t].tag), tags[t].dir);
	w->events = 0;
	double t0 = bench_now();
	for (size_t r = 0; r < NRUNS; r++)
		for (size_t t = 0; t < NTAGS; t++)
			for (size_t i = 0; i < w->points; i += batch) {
				struct cols c = { i };
				struct health_points p = { .n = TB_MIN(batch, w->points - i),
					.value32 = w->values[r][t] + i, .at = cols_at, .ctx = &c };
				health_feed(&w->tag[r][t], &p, &sink);
			}
	return bench_now() - t0;
}

/* The least a pass over the same values costs: a plain sum, batch by batch. */
static __attribute__((noinline)) double sum_batch(const float *v, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += v[i];
	return s;
}

static double run_baseline(struct world *w, size_t batch)
{
	double t0 = bench_now(), s = 0;
	for (size_t r = 0; r < NRUNS; r++)
		for (size_t t = 0; t < NTAGS; t++)
			for (size_t i = 0; i < w->points; i += batch)
				s += sum_batch(w->values[r][t] + i, TB_MIN(batch, w->points - i));
	w->sink = s;
	return bench_now() - t0;
}

/* --- against a real load ------------------------------------------------ */

static volatile double w_sink;  /* keeps touch_store's reads */

struct store_cols {
	const struct series *s;
	size_t off;
};

static void store_at(const void *ctx, size_t i, int64_t *step, double *wall)
{
	const struct store_cols *c = ctx;
	*step = series_step(c->s, c->off + i);
	*wall = series_wall(c->s, c->off + i);
}

/* What the loader would do after its slices: every series, 4096 points a
 * call, read in place. Returns seconds; *events gets the count. */
static double feed_store(const struct store *st, const struct health_rules *rules, size_t *events)
{
	struct world *w = calloc(1, sizeof(*w));   /* for count_event */
	struct health_sink sink = { count_event, w };
	struct health_tag t;
	double t0 = bench_now();
	for (size_t r = 0; r < st->nruns; r++)
		for (size_t k = 0; k < st->runs[r]->nseries; k++) {
			const struct series *s = st->runs[r]->series[k];
			health_tag_init(&t, rules, s->tag, s->tag_len,
					s->dir == BEST_MAX ? HEALTH_DIR_MAX : HEALTH_DIR_MIN);
			for (size_t i = 0; i < s->n; i += 4096) {
				struct store_cols c = { s, i };
				struct health_points p = { .n = TB_MIN(4096, s->n - i), .at = store_at, .ctx = &c,
					.single = s->single };
				if (s->value64)
					p.value = s->value64 + i;
				else
					p.value32 = s->value32 + i;
				health_feed(&t, &p, &sink);
			}
		}
	double secs = bench_now() - t0;
	*events = w ? w->events : 0;
	free(w);
	return secs;
}

/* Reads every column of the store once. The first read of columns that
 * realloc just grew (and the kernel moved with mremap) can cost more than
 * the detectors themselves on a virtual machine: 120 ms for these 10M
 * points here, for a plain sum as much. The loader will feed the detectors
 * right after each slice, while the new points are in cache; this puts
 * them in the same place. */
static double touch_store(const struct store *st)
{
	double sum = 0;
	for (size_t r = 0; r < st->nruns; r++)
		for (size_t k = 0; k < st->runs[r]->nseries; k++) {
			const struct series *s = st->runs[r]->series[k];
			for (size_t i = 0; i < s->n; i++)
				sum += series_value(s, i) + series_wall(s, i) + (double)series_step(s, i);
		}
	return sum;
}

static int bench_load(const char *logdir)
{
	struct health_rules rules;
	double load = INFINITY, det = INFINITY;
	size_t points = 0, events = 0;
	health_rules_init(&rules);
	for (int rep = 0; rep < REPS; rep++) {
		struct app app;
		if (bench_app_init(&app, logdir))
			return 1;
		double t0 = bench_now();
		if (engine_scan(&app.engine) != TB_OK)
			return 1;
		engine_load_all(&app.engine, 1);
		double l = bench_now() - t0;
		w_sink = touch_store(&app.store);
		double d = feed_store(&app.store, &rules, &events);
		load = TB_MIN(load, l);  /* TB_MIN evaluates twice: not the calls */
		det = TB_MIN(det, d);
		points = store_npoints(&app.store);
		bench_app_free(&app);
	}
	health_rules_free(&rules);
	bench_report("health+load", "%.1f ms for the detectors over %.2fM points (%.2f ns/point, %zu events); "
		     "load %.1f ms (%.1f ns/point, one thread); +%.1f%% of the load [target <= 5%%]",
		     det * 1e3, (double)points / 1e6, det * 1e9 / (double)points, events, load * 1e3,
		     load * 1e9 / (double)points, 100 * det / load);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--load") == 0)
		return bench_load(argv[2]);
	static struct world w;
	size_t batches[16] = { 4096, 256, 16, 1 }, nb = 4;
	w.points = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 78125;
	if (argc > 2) {
		nb = 0;
		for (int i = 2; i < argc && nb < 16; i++)
			batches[nb++] = (size_t)strtoul(argv[i], NULL, 10);
	}
	health_rules_init(&w.rules);
	for (size_t r = 0; r < NRUNS; r++)
		for (size_t t = 0; t < NTAGS; t++) {
			if (!(w.values[r][t] = malloc(w.points * sizeof(float)))) {
				fprintf(stderr, "bench_health: out of memory\n");
				return 1;
			}
			for (size_t i = 0; i < w.points; i++)
				w.values[r][t][i] = value_at(r, t, i, w.points);
		}
	double total = (double)NRUNS * NTAGS * (double)w.points;
	for (size_t k = 0; k < nb; k++) {
		if (!batches[k])
			continue;
		double best = INFINITY, base = INFINITY;
		for (int rep = 0; rep < REPS; rep++) {
			double d = run_detectors(&w, batches[k]), s = run_baseline(&w, batches[k]);
			best = TB_MIN(best, d);  /* TB_MIN evaluates twice: not the calls */
			base = TB_MIN(base, s);
		}
		char what[64];
		snprintf(what, sizeof(what), "batch %zu", batches[k]);
		bench_report("health", "%.2f ns/point (%s, %d x %d x %zu points, %zu events); "
			     "baseline sum %.2f ns/point; ratio %.2f",
			     best * 1e9 / total, what, NRUNS, NTAGS, w.points, w.events, base * 1e9 / total,
			     best / base);
	}
	for (size_t r = 0; r < NRUNS; r++)
		for (size_t t = 0; t < NTAGS; t++)
			free(w.values[r][t]);
	health_rules_free(&w.rules);
	return 0;
}
