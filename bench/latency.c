/* latency: how long a point takes from the trainer's write() to the store,
 * with inotify and with polling, and the CPU the watcher burns while
 * nothing happens.  Not a test: it prints figures, one line each.
 *
 *   latency [--quick]
 *
 * A forked writer appends one scalar at a time to a live run (the value is
 * the monotonic time just before its write()), while this process runs
 * the screen's loop without a screen: poll() on the inotify descriptor
 * with the watcher's timeout, watch_process(), loader_work().  The screen's
 * frame (at most ~33 ms later by design) is not included. */
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tailboard/app.h"
#include "tailboard/tfwriter.h"

#define NRUNS 16
#define PRELOAD 10000           /* points per run before measuring */

struct cfg {
	const char *tag;        /* a series of its own per measurement */
	int samples;
	int gap_ms;             /* between appends */
	double idle_secs;
};

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int make_logdir(char *dir, size_t cap)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, cap, "%s/tailboard-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return TB_ERR;
	for (int r = 0; r < NRUNS; r++) {
		char path[4200];
		struct tfwriter w;
		snprintf(path, sizeof(path), "%s/r%02d", dir, r);
		mkdir(path, 0777);
		snprintf(path, sizeof(path), "%s/r%02d/events.out.tfevents.1.bench", dir, r);
		if (tfwriter_open(&w, path, true) != TB_OK)
			return TB_ERR;
		for (int s = 0; s < PRELOAD; s++)
			if (tfwriter_scalar(&w, "loss", s, 1.0 + s, 1.0 / (s + 1), TFW_SIMPLE) != TB_OK) {
				tfwriter_close(&w);
				return TB_ERR;
			}
		tfwriter_close(&w);
	}
	return TB_OK;
}

static void writer(const char *dir, const struct cfg *c)
{
	char path[4200];
	struct tfwriter w;
	snprintf(path, sizeof(path), "%s/r00/events.out.tfevents.1.bench", dir);
	if (tfwriter_open(&w, path, true) != TB_OK)
		_exit(1);
	sleep_ms(200);          /* let the reader finish its first load */
	for (int i = 0; i < c->samples; i++) {
		if (tfwriter_scalar(&w, c->tag, PRELOAD + i, 1.0, tb_now(), TFW_TENSOR_DOUBLE) != TB_OK)
			_exit(1);
		sleep_ms(c->gap_ms);
	}
	tfwriter_close(&w);
	_exit(0);
}

static void bench_init(struct app *app, const char *dir)
{
	app_init(app);
	engine_add_logdir(&app->engine, NULL, dir);
}

/* One turn of the engine's loop, as the screen makes it; wait at most max_ms. */
static void turn(struct app *app, int max_ms)
{
	if (engine_turn(&app->engine, tb_now() + max_ms / 1000.0) != TB_OK)
		fprintf(stderr, "latency: poll failed\n");
}

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

static double cpu_secs(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

static int measure(const char *dir, double poll_secs, const struct cfg *c)
{
	struct app app;
	bench_init(&app, dir);
	if (engine_watch(&app.engine, poll_secs) != TB_OK)
		return 1;
	engine_settle(&app.engine);
	char mode[64];
	snprintf(mode, sizeof(mode), "%s", engine_describe(&app.engine));
	pid_t pid = fork();
	if (pid == 0)
		writer(dir, c);
	double *lat = calloc((size_t)c->samples, sizeof(*lat));
	int got = 0;
	double deadline = tb_now() + 5.0 + c->samples * (c->gap_ms / 1000.0 + poll_secs);
	struct run *r = NULL;
	while (got < c->samples && tb_now() < deadline) {
		turn(&app, 100);
		if (!r)
			r = store_find_run(&app.store, "r00", 3);
		struct series *s = r ? run_find_series(r, c->tag, strlen(c->tag)) : NULL;
		double now = tb_now();
		for (; s && (size_t)got < s->n && got < c->samples; got++)
			lat[got] = now - series_value(s, got);
	}
	waitpid(pid, NULL, 0);
	if (got) {
		qsort(lat, (size_t)got, sizeof(*lat), cmp_double);
		printf("latency %s, write->store: p50 %.2f ms  p99 %.2f ms  max %.2f ms  "
		       "(%d appends %d ms apart to 1 of %d runs x %d points)\n",
		       mode, pct(lat, got, 0.5) * 1e3, pct(lat, got, 0.99) * 1e3, lat[got - 1] * 1e3,
		       got, c->gap_ms, NRUNS, PRELOAD);
	}
	if (got < c->samples)
		printf("latency %s: only %d of %d appends seen\n", mode, got, c->samples);
	/* idle: nothing is written; the loop should sleep in poll() */
	double c0 = cpu_secs(), t0 = tb_now();
	while (tb_now() - t0 < c->idle_secs)
		turn(&app, 1000);
	double used = cpu_secs() - c0, wall = tb_now() - t0;
	printf("idle cpu %s: %.3f%% of a core (%.1f ms over %.1f s, %d runs, %zu files)\n", mode,
	       100.0 * used / wall, used * 1e3, wall, NRUNS, app.engine.loader.nfiles);
	free(lat);
	app_free(&app);
	return got == c->samples ? 0 : 1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
	struct cfg ino = { "lat_inotify", quick ? 100 : 1000, 10, quick ? 2.0 : 10.0 };
	struct cfg pol = { "lat_poll05", quick ? 5 : 20, 250, quick ? 2.0 : 10.0 };
	struct cfg pol2 = { "lat_poll2", quick ? 5 : 20, 250, quick ? 2.0 : 10.0 };
	char dir[4096];
	if (make_logdir(dir, sizeof(dir)) != TB_OK) {
		perror("latency: logdir");
		return 1;
	}
	int rc = measure(dir, 0, &ino);
	rc |= measure(dir, 0.5, &pol);
	rc |= measure(dir, 2.0, &pol2);
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
