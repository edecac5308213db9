/* test_health.c: the health detectors on synthetic series: each fires once
 * at the right step, and not on curves that are healthy; the same events
 * whatever the batches; stalls on a simulated clock. Rules, names and the
 * renderings are in test_health_rules.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../tap.h"
#include "health_int.h"

#define MAXN 20000
#define MAXEV 512

struct got {
	struct health_event ev[MAXEV];
	size_t n;
};

static void collect(void *ctx, const struct health_event *ev)
{
	struct got *g = ctx;
	if (getenv("HEALTH_DEBUG")) {
		char line[256];
		health_event_text(ev, NULL, 0, "t", 1, true, line, sizeof(line));
		printf("# %s\n", line);
	}
	if (g->n < MAXEV)
		g->ev[g->n++] = *ev;
}

static size_t count(const struct got *g, enum health_kind k)
{
	size_t c = 0;
	for (size_t i = 0; i < g->n; i++)
		c += g->ev[i].kind == k;
	return c;
}

static const struct health_event *first(const struct got *g, enum health_kind k)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->ev[i].kind == k)
			return &g->ev[i];
	return NULL;
}

/* Step of the first event of a kind; INT64_MIN when none. */
static int64_t step_of(const struct got *g, enum health_kind k)
{
	const struct health_event *e = first(g, k);
	return e ? e->step : INT64_MIN;
}

/* xorshift64* and Box-Muller: the same noise on every run */
static uint64_t rng = 88172645463325252ull;

static double urand(void)
{
	rng ^= rng >> 12, rng ^= rng << 25, rng ^= rng >> 27;
	return (double)((rng * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static double gauss(void)
{
	double u = urand() + 1e-12, v = urand();
	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static double val[MAXN], wall[MAXN];
static int64_t stepv[MAXN];

/* Steps i * dstep, wall times one second a step from 1.7e9. */
static void steps(size_t n, int64_t dstep)
{
	for (size_t i = 0; i < n; i++) {
		stepv[i] = (int64_t)i * dstep;
		wall[i] = 1.7e9 + (double)stepv[i];
	}
}

/* Feed val[0..n) to a fresh tag in batches of b (0: all at once). */
static void run_tag(struct got *g, const struct health_rules *r, const char *tag, enum health_dir dir,
		    size_t n, size_t b, struct health_tag *keep)
{
	struct health_tag t;
	struct health_sink sink = { collect, g };
	health_tag_init(&t, r, tag, strlen(tag), dir);
	g->n = 0;
	if (!b)
		b = n;
	for (size_t i = 0; i < n; i += b) {
		struct health_points p = { .n = TB_MIN(b, n - i), .value = val + i, .step = stepv + i,
			.wall = wall + i };
		health_feed(&t, &p, &sink);
	}
	if (keep)
		*keep = t;
}

static void run(struct got *g, const char *tag, enum health_dir dir, size_t n)
{
	struct health_rules r;
	health_rules_init(&r);
	run_tag(g, &r, tag, dir, n, 0, NULL);
	health_rules_free(&r);
}

/* A healthy training loss: decays from 2.3 to 0.3, 2% noise. */
static void healthy_loss(size_t n)
{
	for (size_t i = 0; i < n; i++)
		val[i] = (2.0 * exp(-(double)i / 800.0) + 0.3) * (1 + 0.02 * gauss());
	steps(n, 1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void test_stats(void)
{
	int sorted = 1, medians = 1, reduced = 1;
	for (int k = 0; k < 500; k++) {
		double x[32], y[32];
		for (int i = 0; i < 32; i++)
			x[i] = y[i] = k % 3 ? floor(urand() * 8) : gauss();    /* ties too */
		health_sort32(x);
		qsort(y, 32, sizeof(double), cmp_double);
		sorted &= memcmp(x, y, sizeof(x)) == 0;
		uint32_t m = 8 + (uint32_t)k % 25;
		double med, mad, dev[32], want = m % 2 ? y[m / 2] : (y[m / 2 - 1] + y[m / 2]) / 2;
		health_median_mad(y, m, &med, &mad);
		for (uint32_t i = 0; i < m; i++)
			dev[i] = fabs(y[i] - want);
		qsort(dev, m, sizeof(double), cmp_double);
		double wmad = m % 2 ? dev[m / 2] : (dev[m / 2 - 1] + dev[m / 2]) / 2;
		medians &= med == want && fabs(mad - wmad) < 1e-12;
	}
	TAP_OK(sorted, "the sorting network sorts 500 arrays of 32 as qsort does");
	TAP_OK(medians, "median and MAD from the sorted ring match a direct computation");
	for (size_t n = 0; n < 70; n++) {
		double d[70];
		float f[70];
		for (size_t i = 0; i < n; i++)
			d[i] = f[i] = (float)gauss();
		for (size_t bad = 0; bad <= n; bad++) {
			struct health_reduce a, b;
			double lo = INFINITY, hi = -INFINITY;
			for (size_t i = 0; i < n; i++)
				lo = TB_MIN(lo, d[i]), hi = TB_MAX(hi, d[i]);
			if (bad < n)
				d[bad] = f[bad] = NAN;
			health_reduce_f64(d, n, &a);
			health_reduce_f32(f, n, &b);
			if (bad < n)
				reduced &= isnan(a.sum) && isnan(b.sum);
			else
				reduced &= isfinite(a.sum) && isfinite(b.sum) && a.lo == lo && a.hi == hi &&
					   b.lo == lo && b.hi == hi;
			if (bad < n)
				d[bad] = f[bad] = 0.5f;
		}
	}
	TAP_OK(reduced, "the SSE reductions find a NaN at every position, and min and max without one");
}

static void test_nan(void)
{
	struct got g;
	healthy_loss(3000);
	val[1200] = NAN;
	val[1500] = NAN;
	val[2000] = INFINITY;
	run(&g, "train/loss", HEALTH_DIR_MIN, 3000);
	const struct health_event *e = first(&g, HEALTH_NAN);
	TAP_EQ_INT(count(&g, HEALTH_NAN), 1, "NaN: one event for three bad points");
	TAP_OK(e && e->step == 1200 && isnan(e->value) && e->count == 3, "NaN: at step 1200, first of 3");
	TAP_EQ_INT(g.n, 1, "NaN: nothing else fires on the healthy loss around it");

	struct health_rules r;
	struct health_tag t;
	health_rules_init(&r);
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 3000, 1, &t);
	TAP_OK(count(&g, HEALTH_NAN) == 1 && g.ev[0].step == 1200 && g.ev[0].count == 1,
	       "NaN, one point a call: once, when it comes");
	TAP_EQ_INT(health_tag_nonfinite(&t), 3, "NaN: the tag counts all three");
	run_tag(&g, &r, "train/learning_rate", HEALTH_DIR_MIN, 3000, 0, NULL);
	TAP_EQ_INT(count(&g, HEALTH_NAN), 1, "NaN: also on an exempt tag (learning rate)");
	run_tag(&g, &r, "hp_metric", HEALTH_DIR_NONE, 3000, 0, NULL);
	TAP_EQ_INT(count(&g, HEALTH_NAN), 1, "NaN: also on a tag without a direction");
	val[1200] = val[1500] = 1;
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 3000, 0, NULL);
	TAP_OK(g.n == 1 && g.ev[0].step == 2000 && isinf(g.ev[0].value), "Inf alone: reported as the first");
	char err[128];
	health_rule_parse(&r, "nan=off", err, sizeof(err));
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 3000, 0, NULL);
	TAP_EQ_INT(g.n, 0, "nan=off: quiet");
	health_rules_free(&r);
}

static void test_spike(void)
{
	struct got g;
	healthy_loss(4000);
	run(&g, "train/loss", HEALTH_DIR_MIN, 4000);
	TAP_EQ_INT(g.n, 0, "a noisy decaying loss raises nothing");
	val[2500] *= 5;
	run(&g, "train/loss", HEALTH_DIR_MIN, 4000);
	TAP_OK(g.n == 1 && g.ev[0].kind == HEALTH_SPIKE && g.ev[0].step == 2500,
	       "a point 5x the loss: one spike, at its step");
	TAP_OK(g.n && g.ev[0].ref > 0.38 && g.ev[0].ref < 0.65,
	       "the spike's reference is the trailing median (of the last two blocks)");
	val[2500] /= 5;
	val[2500] *= 2.5;
	run(&g, "train/loss", HEALTH_DIR_MIN, 4000);
	TAP_EQ_INT(g.n, 0, "2.5x is no spike at the default k = 10 (x3 at least)");
	struct health_rules r;
	char err[128];
	health_rules_init(&r);
	health_rule_parse(&r, "spike:train/*=4", err, sizeof(err));
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 4000, 0, NULL);
	TAP_OK(g.n == 1 && g.ev[0].step == 2500, "spike:train/*=4 catches it");
	health_rule_parse(&r, "spike=off", err, sizeof(err));
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 4000, 0, NULL);
	TAP_EQ_INT(g.n, 0, "spike=off after it: quiet");
	health_rules_free(&r);
	val[2500] /= 2.5;
	val[900] *= 0.1;
	run(&g, "train/loss", HEALTH_DIR_MIN, 4000);
	TAP_EQ_INT(g.n, 0, "a loss that drops to a tenth is good news, not a spike");

	for (size_t i = 0; i < 4000; i++)   /* accuracy rising to 0.9 */
		val[i] = 0.9 - 0.5 * exp(-(double)i / 500) + 0.01 * gauss();
	val[3000] = 0.15;
	run(&g, "eval/accuracy", HEALTH_DIR_MAX, 4000);
	TAP_OK(g.n == 1 && g.ev[0].kind == HEALTH_SPIKE && g.ev[0].step == 3000,
	       "accuracy falling to 0.15 for a point: one spike down");
	val[3000] = 1.0;
	run(&g, "eval/accuracy", HEALTH_DIR_MAX, 4000);
	TAP_EQ_INT(g.n, 0, "accuracy jumping up is no spike");

	healthy_loss(4000);
	for (size_t i = 2000; i < 4000; i++)
		val[i] *= 8;
	run(&g, "train/loss", HEALTH_DIR_MIN, 4000);
	TAP_OK(count(&g, HEALTH_SPIKE) == 1 && step_of(&g, HEALTH_SPIKE) == 2000,
	       "a level shift up: one spike, where it starts");
	healthy_loss(4000);
	val[1000] *= 10;
	val[3500] *= 10;
	run(&g, "train/loss", HEALTH_DIR_MIN, 4000);
	TAP_OK(g.n == 2 && g.ev[0].step == 1000 && g.ev[1].step == 3500, "two spikes far apart: two events");
	for (size_t i = 0; i < 3000; i++)   /* an RL value loss: a tenth of the points 400x */
		val[i] = urand() < 0.1 ? 12 + gauss() : 0.03 * (1 + 0.1 * gauss());
	run(&g, "Value Loss", HEALTH_DIR_MIN, 3000);
	TAP_OK(count(&g, HEALTH_SPIKE) <= 1, "spikes in a tenth of the points are the tag's shape: "
	       "at most one event (got %zu)", count(&g, HEALTH_SPIKE));
	/* Keras' batch_loss: a running mean over each epoch of 500 steps,
	 * reset at every epoch; the first batches of an epoch jump 70% */
	for (size_t i = 0; i < 4000; i++) {
		size_t e = i % 500;
		val[i] = (0.5 * exp(-(double)i / 1500) + 0.05) * (1 + 0.7 / (double)(e + 1));
	}
	run(&g, "batch_loss", HEALTH_DIR_MIN, 4000);
	TAP_EQ_INT(count(&g, HEALTH_SPIKE), 0, "a running mean reset every epoch: no spikes");
}

static void test_quiet(void)
{
	struct got g;
	for (size_t i = 0; i < 1000; i++)
		val[i] = 0.5;
	steps(1000, 1);
	run(&g, "train/loss", HEALTH_DIR_MIN, 1000);
	TAP_EQ_INT(g.n, 0, "a constant loss raises nothing");
	run(&g, "eval/accuracy", HEALTH_DIR_MAX, 1000);
	TAP_EQ_INT(g.n, 0, "a constant accuracy raises nothing");
	val[0] = 2.0, val[1] = 9.0, val[2] = 0.1;
	run(&g, "eval/loss", HEALTH_DIR_MIN, 3);
	TAP_EQ_INT(g.n, 0, "a tag with 3 points raises nothing");
	/* learning rate: linear warmup over 500 steps, cosine decay */
	for (size_t i = 0; i < 5000; i++)
		val[i] = i < 500 ? 1e-3 * (double)i / 500 : 5e-4 * (1 + cos(M_PI * (double)(i - 500) / 4500));
	run(&g, "train/learning_rate", HEALTH_DIR_MIN, 5000);
	TAP_EQ_INT(g.n, 0, "a warmup and decay schedule raises nothing");
	for (size_t i = 0; i < 5000; i++)
		val[i] = (double)(i / 500);
	run(&g, "epoch", HEALTH_DIR_MIN, 5000);
	TAP_EQ_INT(g.n, 0, "an epoch counter raises nothing");
	/* a loss that rises a little while the learning rate warms up */
	for (size_t i = 0; i < 5000; i++)
		val[i] = (i < 200 ? 2.3 + 0.1 * (double)i / 200 : 2.4 * exp(-(double)(i - 200) / 1000) + 0.2) *
			 (1 + 0.03 * gauss());
	run(&g, "train/loss", HEALTH_DIR_MIN, 5000);
	TAP_EQ_INT(g.n, 0, "a loss that rises during warmup, then learns: nothing");
	/* eval loss every 500 steps, 20 points, noisy early */
	for (size_t i = 0; i < 20; i++)
		val[i] = 3.0 * exp(-(double)i / 4) + 0.8 + (i < 5 ? 0.3 * gauss() : 0.01 * gauss());
	steps(20, 500);
	run(&g, "eval/loss", HEALTH_DIR_MIN, 20);
	TAP_EQ_INT(g.n, 0, "an eval loss every 500 steps raises nothing");
}

static void test_plateau(void)
{
	struct got g;
	struct health_rules r;
	char err[128];
	/* learns until 1000, then flat */
	for (size_t i = 0; i < 6000; i++)
		val[i] = (i < 1000 ? 2.0 - 1.5 * (double)i / 1000 : 0.5) * (1 + 0.01 * gauss());
	steps(6000, 1);
	run(&g, "train/loss", HEALTH_DIR_MIN, 6000);
	const struct health_event *e = first(&g, HEALTH_PLATEAU);
	TAP_EQ_INT(g.n, 1, "learns, then flat: one event");
	TAP_OK(e && e->ref_step >= 1000 && e->ref_step <= 2100 && e->step - e->ref_step >= e->ref_step &&
	       e->step < 4500, "default plateau: as long as it took to get there (best at %lld, "
	       "fired at %lld)", e ? (long long)e->ref_step : -1, e ? (long long)e->step : -1);
	health_rules_init(&r);
	health_rule_parse(&r, "plateau:train/loss=500", err, sizeof(err));
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 6000, 0, NULL);
	e = first(&g, HEALTH_PLATEAU);
	TAP_OK(g.n == 1 && e && e->step - e->ref_step == 500, "plateau:train/loss=500: 500 steps after the best");
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 6000, 1, NULL);
	TAP_OK(g.n == 1 && e && step_of(&g, HEALTH_PLATEAU) == e->step, "... at the same step, a point a call");
	health_rule_parse(&r, "plateau:train/loss=10m", err, sizeof(err));
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 6000, 0, NULL);
	e = first(&g, HEALTH_PLATEAU);
	TAP_OK(g.n == 1 && e && e->step - e->ref_step == 600, "plateau:train/loss=10m: 600 s after the best");
	healthy_loss(6000);
	run(&g, "train/loss", HEALTH_DIR_MIN, 6000);
	TAP_EQ_INT(count(&g, HEALTH_PLATEAU), 0, "still learning: no plateau");
	/* learns, stalls, learns again, stalls again: two plateaus */
	for (size_t i = 0; i < 12000; i++) {
		double x = i < 1000 ? 2.0 - (double)i / 1000 : i < 4000 ? 1.0 : i < 5000 ?
			   1.0 - 0.5 * (double)(i - 4000) / 1000 : 0.5;
		val[i] = x * (1 + 0.01 * gauss());
	}
	steps(12000, 1);
	health_rule_parse(&r, "plateau=1500", err, sizeof(err));
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 12000, 0, NULL);
	TAP_OK(count(&g, HEALTH_PLATEAU) == 2 && g.ev[0].step < 4000 && g.ev[1].step > 5000,
	       "two stalls after progress: two plateaus");
	for (size_t i = 0; i < 1000; i++)
		val[i] = 0.5;
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 1000, 0, NULL);
	TAP_EQ_INT(count(&g, HEALTH_PLATEAU), 0, "constant, plateau=1500 over 1000 steps: none yet");
	health_rule_parse(&r, "plateau=100", err, sizeof(err));
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, 1000, 0, NULL);
	TAP_EQ_INT(count(&g, HEALTH_PLATEAU), 1, "constant, plateau=100 asked for: no best in 100 steps");
	health_rules_free(&r);
}

static void test_diverge(void)
{
	struct got g;
	for (size_t i = 0; i < 5000; i++) {
		double x = i < 2000 ? 2.0 * exp(-(double)i / 400) + 0.3 : 0.3 * exp((double)(i - 2000) / 300);
		val[i] = TB_MIN(x, 10.0) * (1 + 0.02 * gauss());
	}
	steps(5000, 1);
	run(&g, "train/loss", HEALTH_DIR_MIN, 5000);
	const struct health_event *e = first(&g, HEALTH_DIVERGE);
	TAP_EQ_INT(count(&g, HEALTH_DIVERGE), 1, "a loss that blows up to 10: one divergence");
	TAP_OK(e && e->step > 2900 && e->step < 4500 && e->dev > e->ref,
	       "... once worse than where it started (step %lld)", e ? (long long)e->step : -1);
	for (size_t i = 0; i < 60; i++)      /* overfitting: 2.0 -> 0.6 -> 0.9 */
		val[i] = (i < 20 ? 2.0 - 0.07 * (double)i : 0.6 + 0.0075 * (double)(i - 20)) * (1 + 0.01 * gauss());
	steps(60, 100);
	run(&g, "eval/loss", HEALTH_DIR_MIN, 60);
	TAP_EQ_INT(count(&g, HEALTH_DIVERGE), 0, "an eval loss that overfits a little: no divergence");
	for (size_t i = 0; i < 3000; i++)    /* a lander: crash or land */
		val[i] = urand() < 0.5 ? -100 : 50 + 30 * urand();
	steps(3000, 1);
	run(&g, "Episode reward", HEALTH_DIR_MAX, 3000);
	TAP_EQ_INT(count(&g, HEALTH_DIVERGE), 0, "a reward that is crash or land: no divergence");
	for (size_t i = 1500; i < 3000; i++)
		val[i] = -100;
	run(&g, "Episode reward", HEALTH_DIR_MAX, 3000);
	e = first(&g, HEALTH_DIVERGE);
	TAP_OK(count(&g, HEALTH_DIVERGE) == 1 && e && e->step > 1500, "... that then only crashes: one divergence");
}

/* kind and step of every event, in step order (a NaN event comes at the
 * end of its call), for comparing batchings */
static int cmp_event(const void *a, const void *b)
{
	const struct health_event *x = a, *y = b;
	return x->step != y->step ? (x->step > y->step) - (x->step < y->step) : (int)x->kind - (int)y->kind;
}

static void signature(struct got *g, char *buf, size_t cap)
{
	size_t len = 0;
	buf[0] = '\0';
	qsort(g->ev, g->n, sizeof(g->ev[0]), cmp_event);
	for (size_t i = 0; i < g->n && len + 32 < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%d@%lld ", (int)g->ev[i].kind,
					(long long)g->ev[i].step);
}

static void test_batches_and_reset(void)
{
	enum { N = 14000 };
	static char want[4096], have[4096];
	struct got g;
	struct health_rules r;
	health_rules_init(&r);
	/* learns, stalls, then blows up; a spike and a NaN on the way */
	for (size_t i = 0; i < N; i++) {
		double x = i < 3000 ? 2.0 * exp(-(double)i / 500) + 0.2 : i < 9000 ? 0.2 : 0.2 * exp((i - 9000) / 300.0);
		val[i] = TB_MIN(x, 20.0) * (1 + 0.02 * gauss());
	}
	val[700] *= 6;
	val[4100] = NAN;
	steps(N, 10);
	run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, N, 0, NULL);
	signature(&g, want, sizeof(want));
	TAP_OK(count(&g, HEALTH_SPIKE) == 2 && count(&g, HEALTH_NAN) == 1 && count(&g, HEALTH_PLATEAU) == 1 &&
	       count(&g, HEALTH_DIVERGE) == 1 && g.ev[2].step > 90000,
	       "one of each, and a spike where it starts to blow up: %s", want);
	static const size_t sizes[] = { 1, 3, 8, 17, 1000, 4096 };
	int same = 1;
	for (size_t k = 0; k < TB_ARRAY_LEN(sizes); k++) {
		run_tag(&g, &r, "train/loss", HEALTH_DIR_MIN, N, sizes[k], NULL);
		signature(&g, have, sizeof(have));
		if (strcmp(want, have))
			printf("# batches of %zu: %s\n", sizes[k], have);
		same &= strcmp(want, have) == 0;
	}
	TAP_OK(same, "the same events in batches of 1, 3, 8, 17, 1000 and 4096 points");
	static float f[N];
	for (size_t i = 0; i < N; i++)
		f[i] = (float)val[i];
	struct health_tag t;
	struct health_sink sink = { collect, &g };
	health_tag_init(&t, &r, "train/loss", 10, HEALTH_DIR_MIN);
	g.n = 0;
	struct health_points p = { .n = N, .value32 = f, .step = stepv, .single = true };
	health_feed(&t, &p, &sink);
	int single = 1;
	for (size_t i = 0; i < g.n; i++)
		single &= g.ev[i].single;
	signature(&g, have, sizeof(have));
	TAP_EQ_STR(have, want, "float32 values: the same events");
	TAP_OK(single, "... each marked as a float32 reading");

	size_t before = g.n;
	health_tag_reset(&t);
	health_feed(&t, &p, &sink);
	TAP_EQ_INT(g.n, before, "reset and fed again (a re-read file): nothing fires twice");
	f[N - 10] = NAN;   /* a new first NaN? no: the first is still at 4100 */
	health_tag_reset(&t);
	health_feed(&t, &p, &sink);
	TAP_EQ_INT(g.n, before, "... nor with one more NaN later");

	health_tag_init(&t, &r, "train/loss", 10, HEALTH_DIR_MIN);
	g.n = 0;
	struct health_points half = { .n = 600, .value = val, .step = stepv };
	health_feed(&t, &half, &sink);
	char err[64];
	health_rule_parse(&r, "spike=off", err, sizeof(err));
	health_tag_configure(&t, &r, "train/loss", 10, HEALTH_DIR_MIN);
	struct health_points rest = { .n = N - 600, .value = val + 600, .step = stepv + 600 };
	health_feed(&t, &rest, &sink);
	TAP_OK(count(&g, HEALTH_SPIKE) == 0 && count(&g, HEALTH_NAN) == 1,
	       "rules changed half way (spike=off): the state stays, the spike does not fire");
	health_rules_free(&r);
}

static void test_run(void)
{
	struct health_rules r;
	struct health_run run;
	struct got g = { .n = 0 };
	struct health_sink sink = { collect, &g };
	char err[64];
	health_rules_init(&r);
	health_run_init(&run);
	health_run_tick(&run, &r, 1e6, &sink);
	TAP_EQ_INT(g.n, 0, "a run never seen live never stalls");
	TAP_OK(isinf(health_run_deadline(&run, &r)), "... and has no deadline");
	for (int k = 0; k <= 20; k++) {
		health_run_wrote(&run, 30.0 * k, 100 * k, 1.7e9 + 30 * k);
		if (k % 5 == 0)   /* the file grows twice in a burst */
			health_run_wrote(&run, 30.0 * k + 0.2, 100 * k, 1.7e9 + 30 * k);
	}
	TAP_NEAR(run.typical, 30, 1e-9, "writes every 30 s, bursts folded: typical interval 30 s");
	TAP_NEAR(health_run_threshold(&run, &r), HEALTH_STALL_FLOOR, 1e-9, "threshold: the 10 min floor");
	TAP_NEAR(health_run_deadline(&run, &r), 600 + 600, 1e-9, "deadline: the last write + 10 min");
	health_run_tick(&run, &r, 1199, &sink);
	TAP_EQ_INT(g.n, 0, "quiet 599 s: nothing");
	health_run_tick(&run, &r, 1200, &sink);
	TAP_OK(g.n == 1 && g.ev[0].kind == HEALTH_STALL && g.ev[0].step == 2000 && g.ev[0].value == 600 &&
	       g.ev[0].dev == 30, "quiet 600 s: a stall, at the last step, usually every 30 s");
	health_run_tick(&run, &r, 2000, &sink);
	TAP_EQ_INT(g.n, 1, "the stall fires once");
	TAP_NEAR(health_run_deadline(&run, &r), 600 + 3600, 1e-9, "next deadline: stopped, 6x later");
	health_run_tick(&run, &r, 4200, &sink);
	TAP_OK(g.n == 2 && g.ev[1].kind == HEALTH_STOPPED, "quiet an hour, no finish: stopped");
	health_run_tick(&run, &r, 9000, &sink);
	TAP_OK(g.n == 2 && isinf(health_run_deadline(&run, &r)), "stopped fires once; nothing pending");
	health_run_wrote(&run, 10000, 2100, 1.7e9 + 10000);
	health_run_tick(&run, &r, 10599, &sink);
	TAP_EQ_INT(g.n, 2, "it writes again: live, quiet");
	health_run_tick(&run, &r, 10600, &sink);
	TAP_OK(g.n == 3 && g.ev[2].kind == HEALTH_STALL, "a new quiet spell is a new stall");
	health_run_wrote(&run, 10700, 2200, 1.7e9 + 10700);
	health_run_finished(&run, 10700, 2200, 1.7e9 + 10700, &sink);
	health_run_finished(&run, 10701, 2200, 1.7e9 + 10701, &sink);
	TAP_OK(g.n == 4 && g.ev[3].kind == HEALTH_FINISHED && g.ev[3].step == 2200, "finished, once");
	health_run_wrote(&run, 10710, 2200, 1.7e9 + 10710);   /* W&B's records after the exit */
	health_run_tick(&run, &r, 50000, &sink);
	TAP_EQ_INT(g.n, 4, "a finished run does not stall, records after the finish or not");
	health_run_wrote(&run, 50000, 2300, 1.7e9 + 50000);
	health_run_tick(&run, &r, 50600, &sink);
	TAP_OK(g.n == 5 && g.ev[4].kind == HEALTH_STALL, "a later step: resumed, so it can stall again");

	health_run_init(&run);
	for (int k = 0; k <= 10; k++)
		health_run_wrote(&run, 300.0 * k, k, 0);
	TAP_NEAR(health_run_threshold(&run, &r), 1500, 1e-9, "writes every 5 min: stall after 25 min");
	health_rule_parse(&r, "stall=30m", err, sizeof(err));
	TAP_NEAR(health_run_threshold(&run, &r), 1800, 1e-9, "stall=30m raises the floor");
	health_rule_parse(&r, "stall=off", err, sizeof(err));
	g.n = 0;
	health_run_tick(&run, &r, 1e9, &sink);
	TAP_OK(g.n == 0 && isinf(health_run_deadline(&run, &r)), "stall=off: never");
	health_run_init(&run);
	health_run_finished(&run, 5, 777, 1.7e9, &sink);
	TAP_OK(g.n == 1 && g.ev[0].step == 777, "a run finished before it was watched: finished");
	health_rules_free(&r);
}

int main(void)
{
	test_stats();
	test_nan();
	test_spike();
	test_quiet();
	test_plateau();
	test_diverge();
	test_batches_and_reset();
	test_run();
	return tap_done();
}
