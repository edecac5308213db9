/* bench_health: what the health detectors cost, and how soon they speak.
 *
 *   bench_health [POINTS [BATCH...]]           default 78125, batches 4096 256 16 1
 *   bench_health --load LOGDIR                 against loading LOGDIR
 *   bench_health --latency TAILBOARD LOGDIR N [--poll=S]
 *
 * The first form: the load benchmark's shape (16 runs x 8 tags x POINTS,
 * float32 values as the store keeps them, steps and wall times packed and
 * read through at() as the store's columns would be). For each batch size
 * every series is fed in batches of that many points, series after series,
 * the way the monitor does after each slice (4096) or a live tick (1). The
 * baseline, timed in the same run over the same batches, sums the same
 * values: the least a pass over them costs.
 *
 * --load: LOGDIR loaded as the screen and watch load it (the engine's
 * slices, one thread), with the health monitor fed from the engine's
 * after-read hook (every 256 KiB read, as watch does), with a plain sum of
 * the same new values there instead (the baseline: what reading the new
 * points costs), and with no hook, turn about, best of 7
 * each, in CPU time; and the detectors' own cost, re-fed from a store
 * already read.
 *
 * --latency: LOGDIR (tbgen's, run00000 written to) followed by the real
 * `tailboard watch`, its stdout a pipe: once it has read what was there
 * (a probe answers within 20 ms), N times a NaN point of a new tag is
 * appended and timed until its alert line is read. The baseline, in
 * this process first: the engine's loop with the monitor, append -> the
 * point in the store, and -> the alert. With --poll=S only the binary's
 * figure, polling. */
#include <dirent.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tailboard/health_mon.h"
#include "tailboard/tfwriter.h"
#include "bench_util.h"

#define NRUNS 16
#define NTAGS 8
#define REPS 15
#define LOAD_REPS 7      /* three loads and a refeed each */

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

static volatile double w_sink;  /* keeps the baseline's sums */
static double in_updates;       /* seconds in the per-turn work, of the last load */
static double load_cpu;         /* CPU seconds of the last load */

/* This process's CPU time: what a load costs, whoever else the shared
 * machine runs meanwhile (its wall time swings by 15% here). */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum per_turn { TURN_NOTHING, TURN_MONITOR, TURN_SUM };

/* The baseline's per-turn work: every value the store gained, summed (the
 * least reading the new points can cost, in the same place). */
struct summer {
	size_t **done;          /* per run, per series: values read */
	size_t nruns;
	double sum;
};

static void sum_new(struct summer *m, const struct store *st)
{
	if (m->nruns < st->nruns) {
		m->done = realloc(m->done, st->nruns * sizeof(*m->done));
		for (; m->nruns < st->nruns; m->nruns++)
			m->done[m->nruns] = NULL;
	}
	for (size_t i = 0; i < st->nruns; i++) {
		const struct run *r = st->runs[i];
		m->done[i] = realloc(m->done[i], (r->nseries + 1) * sizeof(size_t));
		size_t *d = m->done[i];
		for (size_t j = 0; j < r->nseries; j++) {
			const struct series *s = r->series[j];
			size_t k = j < d[r->nseries] ? d[j] : 0;
			for (; k < s->n; k++)
				m->sum += series_value(s, k);
			d[j] = k;
		}
		d[r->nseries] = r->nseries;     /* how many of d are set */
	}
}

/* What runs in the engine's after-read hook. */
struct hook {
	enum per_turn what;
	struct health_mon *mon;
	struct summer *sum;
	const struct store *st;
};

static void on_read(void *arg)
{
	struct hook *h = arg;
	double u0 = bench_now();
	if (h->what == TURN_MONITOR)
		health_mon_update(h->mon, tb_now(), false);
	else
		sum_new(h->sum, h->st);
	in_updates += bench_now() - u0;
}

/* LOGDIR loaded as the screen and watch load it: the first scan, then the
 * engine's 8 ms slices on one thread; with the health monitor fed from the
 * engine's after-read hook (as watch does), the baseline's sum there, or
 * no hook. Seconds. */
static double load_once(const char *logdir, enum per_turn what, size_t *points, size_t *events)
{
	struct app app;
	struct health_rules rules;
	struct health_mon mon;
	struct summer sum = { NULL, 0, 0 };
	if (bench_app_init(&app, logdir) != TB_OK)
		return -1;
	health_rules_init(&rules);
	health_mon_init(&mon, &app.store, &rules);
	struct hook h = { what, &mon, &sum, &app.store };
	if (what != TURN_NOTHING)
		engine_after_read(&app.engine, on_read, &h);
	in_updates = 0;
	double t0 = bench_now(), c0 = cpu_now();
	if (engine_scan(&app.engine) != TB_OK)
		return -1;
	while (engine_busy(&app.engine)) {
		if (engine_turn(&app.engine, -1) != TB_OK)
			return -1;
		if (what == TURN_MONITOR)
			health_mon_update(&mon, tb_now(), false);   /* as watch: after the turn too */
	}
	double secs = bench_now() - t0;
	load_cpu = cpu_now() - c0;
	w_sink = sum.sum;
	*points = store_npoints(&app.store);
	*events = health_mon_count(&mon);
	for (size_t i = 0; i < sum.nruns; i++)
		free(sum.done[i]);
	free(sum.done);
	health_mon_free(&mon);
	health_rules_free(&rules);
	bench_app_free(&app);
	return secs;
}

/* After a plain load: a new monitor fed the whole store, twice. The first
 * pass is the first read of the columns; the second, of columns already
 * read, is what the detectors themselves cost. Seconds each. */
static int refeed(const char *logdir, double *first, double *second)
{
	struct app app;
	struct health_rules rules;
	if (bench_app_init(&app, logdir) != TB_OK || engine_scan(&app.engine) != TB_OK)
		return TB_ERR;
	while (engine_busy(&app.engine))
		if (engine_turn(&app.engine, -1) != TB_OK)
			return TB_ERR;
	health_rules_init(&rules);
	for (int pass = 0; pass < 2; pass++) {
		struct health_mon mon;
		health_mon_init(&mon, &app.store, &rules);
		double t0 = bench_now();
		health_mon_update(&mon, tb_now(), false);
		double t = bench_now() - t0;
		*(pass ? second : first) = t;
		health_mon_free(&mon);
	}
	health_rules_free(&rules);
	bench_app_free(&app);
	return TB_OK;
}

static int bench_load(const char *logdir)
{
	double best[3] = { INFINITY, INFINITY, INFINITY }, inside[3] = { INFINITY, INFINITY, INFINITY };
	double cpu[3] = { INFINITY, INFINITY, INFINITY };
	double first = INFINITY, own = INFINITY;
	size_t points = 0, events = 0, ev;
	for (int rep = 0; rep < LOAD_REPS; rep++) {
		/* turn about, in a rotating order, best of each: a shared
		 * machine's noise only adds */
		for (int k = 0; k < 3; k++) {
			enum per_turn what = (enum per_turn)((rep + k) % 3);
			double t = load_once(logdir, what, &points, &ev);
			if (t < 0)
				return 1;
			best[what] = TB_MIN(best[what], t);     /* TB_MIN evaluates twice: not the calls */
			cpu[what] = TB_MIN(cpu[what], load_cpu);
			inside[what] = TB_MIN(inside[what], in_updates);
			if (what == TURN_MONITOR)
				events = ev;
		}
		double f, o;
		if (refeed(logdir, &f, &o) != TB_OK)
			return 1;
		first = TB_MIN(first, f);
		own = TB_MIN(own, o);
	}
	double load = cpu[TURN_NOTHING], np = (double)points;
	bench_report("health+load", "the load's CPU time with the monitor fed after every read %+.1f%% "
		     "[target <= 5%%]; baseline: with a sum of the same new values there %+.1f%% (%.0f ms "
		     "plain, %.0f with the monitor, %.0f with the sum; wall %.0f, %.0f, %.0f; %.2fM points, "
		     "%zu alerts, engine slices on one thread, best of %d)",
		     100 * (cpu[TURN_MONITOR] - load) / load, 100 * (cpu[TURN_SUM] - load) / load, load * 1e3,
		     cpu[TURN_MONITOR] * 1e3, cpu[TURN_SUM] * 1e3, best[TURN_NOTHING] * 1e3,
		     best[TURN_MONITOR] * 1e3, best[TURN_SUM] * 1e3, np / 1e6, events, LOAD_REPS);
	bench_report("health+load", "the detectors themselves, over columns already read: %.2f ns/point, "
		     "%.1f%% of the load; in the updates after each read %.1f ns/point (%.1f%% of the load), the "
		     "sum there %.1f; fed once after the load instead, the columns' first read: %.1f ns/point",
		     own * 1e9 / np, 100 * own / load, inside[TURN_MONITOR] * 1e9 / np,
		     100 * inside[TURN_MONITOR] / load, inside[TURN_SUM] * 1e9 / np, first * 1e9 / np);
	return 0;
}

/* --- append -> alert ---------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(const double *v, int n, double p)
{
	int i = (int)ceil(p * n) - 1;
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* A NaN point of a tag of its own, appended to run00000's event file (one
 * write, as a trainer's). */
static int append_nan(const char *logdir, const char *tag, int64_t step)
{
	char path[4200];
	struct tfwriter w;
	struct dirent *de;
	snprintf(path, sizeof(path), "%s/run00000", logdir);
	DIR *d = opendir(path);
	while (d && (de = readdir(d)) && !strstr(de->d_name, "tfevents"))
		;
	snprintf(path, sizeof(path), "%s/run00000/%s", logdir, d && de ? de->d_name : "events.out.tfevents.0.bench");
	if (d)
		closedir(d);
	if (tfwriter_open(&w, path, false) != TB_OK)
		return TB_ERR;
	int rc = tfwriter_scalar(&w, tag, step, 1.7e9, NAN, TFW_TENSOR_DOUBLE);
	tfwriter_close(&w);
	return rc;
}

/* In-process, the engine's loop as watch runs it: per NaN appended, when
 * the point is in the store and when the monitor has its alert. */
static int latency_inproc(const char *logdir, int n, double *store_p99, double *alert_p99)
{
	struct app app;
	struct health_rules rules;
	struct health_mon mon;
	double *st = calloc((size_t)n, sizeof(double)), *al = calloc((size_t)n, sizeof(double));
	if (!st || !al || bench_app_init(&app, logdir) != TB_OK)
		return 1;
	health_rules_init(&rules);
	health_mon_init(&mon, &app.store, &rules);
	if (engine_watch(&app.engine, 0) != TB_OK)
		return 1;
	engine_settle(&app.engine);
	health_mon_update(&mon, tb_now(), true);
	int got = 0;
	for (int i = 0; i < n; i++) {
		char tag[32];
		snprintf(tag, sizeof(tag), "inproc%d_%d", i, (int)getpid());
		size_t before = health_mon_count(&mon);
		double t0 = bench_now(), deadline = t0 + 5;
		st[i] = al[i] = -1;
		if (append_nan(logdir, tag, i) != TB_OK)
			break;
		struct run *r = store_find_run(&app.store, "run00000", 8);
		while ((st[i] < 0 || al[i] < 0) && bench_now() < deadline) {
			if (engine_turn(&app.engine, tb_now() + 0.1) != TB_OK)
				break;
			if (st[i] < 0 && r && run_find_series(r, tag, strlen(tag)))
				st[i] = bench_now() - t0;
			health_mon_update(&mon, tb_now(), true);
			if (al[i] < 0 && health_mon_count(&mon) > before)
				al[i] = bench_now() - t0;
		}
		got += st[i] >= 0 && al[i] >= 0;
	}
	qsort(st, (size_t)n, sizeof(double), cmp_double);
	qsort(al, (size_t)n, sizeof(double), cmp_double);
	*store_p99 = pct(st, n, 0.99);
	*alert_p99 = pct(al, n, 0.99);
	health_mon_free(&mon);
	health_rules_free(&rules);
	bench_app_free(&app);
	free(st);
	free(al);
	return got == n ? 0 : 1;
}

struct watch_child {
	pid_t pid;
	int fd;
	char buf[1 << 16];
	size_t len;
};

static int watch_spawn(struct watch_child *c, const char *bin, const char *logdir, const char *extra)
{
	int p[2];
	if (pipe(p) != 0)
		return TB_ERR;
	c->len = 0;
	c->pid = fork();
	if (c->pid < 0)
		return TB_ERR;
	if (c->pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl(bin, bin, "watch", "--logdir", logdir, extra, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	c->fd = p[0];
	return TB_OK;
}

/* Wait up to secs for a line holding want; true when it came. */
static bool watch_line(struct watch_child *c, const char *want, double secs)
{
	double end = bench_now() + secs;
	for (;;) {
		c->buf[c->len] = '\0';
		char *nl;
		while ((nl = strchr(c->buf, '\n'))) {
			*nl = '\0';
			bool hit = strstr(c->buf, want) != NULL;
			c->len -= (size_t)(nl + 1 - c->buf);
			memmove(c->buf, nl + 1, c->len + 1);
			if (hit)
				return true;
		}
		int ms = (int)((end - bench_now()) * 1000);
		struct pollfd pf = { c->fd, POLLIN, 0 };
		if (ms <= 0 || poll(&pf, 1, ms) <= 0)
			return false;
		ssize_t r = read(c->fd, c->buf + c->len, sizeof(c->buf) - 1 - c->len);
		if (r <= 0)
			return false;
		c->len += (size_t)r;
	}
}

/* The real binary: `tailboard watch` on LOGDIR, its stdout a pipe here;
 * per NaN appended, the time until its line is read. */
static int bench_latency(const char *bin, const char *logdir, int n, const char *extra)
{
	struct watch_child c;
	double *lat = calloc((size_t)n, sizeof(double)), store99 = 0, alert99 = 0;
	if (!lat || (!extra && latency_inproc(logdir, n, &store99, &alert99) != 0))
		fprintf(stderr, "bench_health: in-process latency incomplete\n");
	char ready[32], want[64];
	if (watch_spawn(&c, bin, logdir, extra) != TB_OK)
		return 1;
	/* up and done loading what was there: probes (tags new to the
	 * logdir) until one answers within 20 ms, or within a poll period */
	double limit = extra ? 5 : 0.02;
	for (int k = 0;; k++) {
		snprintf(ready, sizeof(ready), "ready%d_%d", k, (int)getpid());
		snprintf(want, sizeof(want), " %s: NaN", ready);
		double t0 = bench_now();
		if (k == 50 || append_nan(logdir, ready, 0) != TB_OK || !watch_line(&c, want, 60)) {
			fprintf(stderr, "bench_health: watch did not come up\n");
			return 1;
		}
		if (bench_now() - t0 < limit)
			break;
	}
	int got = 0;
	for (int i = 0; i < n; i++, got++) {
		char tag[32];
		snprintf(tag, sizeof(tag), "nan%d_%d", i, (int)getpid());
		snprintf(want, sizeof(want), " %s: NaN", tag);
		double t0 = bench_now();
		if (append_nan(logdir, tag, i) != TB_OK || !watch_line(&c, want, 10))
			break;
		lat[i] = bench_now() - t0;
		if (getenv("BENCH_DEBUG"))
			fprintf(stderr, "%d %.3f ms\n", i, lat[i] * 1e3);
	}
	kill(c.pid, SIGTERM);
	waitpid(c.pid, NULL, 0);
	close(c.fd);
	if (!got)
		return 1;
	qsort(lat, (size_t)got, sizeof(double), cmp_double);
	if (extra)
		bench_report("watch-latency", "%s: append -> alert line on watch's stdout p50 %.1f ms, p99 %.1f ms "
			     "(%d NaN points)", extra, pct(lat, got, 0.5) * 1e3, pct(lat, got, 0.99) * 1e3, got);
	else
		bench_report("watch-latency", "inotify: append -> alert line on watch's stdout p50 %.2f ms, "
			     "p99 %.2f ms, max %.2f ms (%d NaN points, real binary); in-process baseline: "
			     "append -> store p99 %.2f ms, -> alert p99 %.2f ms; ratio %.1f [target p99 <= 50 ms]",
			     pct(lat, got, 0.5) * 1e3, pct(lat, got, 0.99) * 1e3, lat[got - 1] * 1e3, got,
			     store99 * 1e3, alert99 * 1e3, store99 > 0 ? pct(lat, got, 0.99) / store99 : 0);
	free(lat);
	return got == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--load") == 0)
		return bench_load(argv[2]);
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "--latency") == 0)
		return bench_latency(argv[2], argv[3], atoi(argv[4]), argc == 6 ? argv[5] : NULL);
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
