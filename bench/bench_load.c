/* bench_load: figures 1 and 2 of make bench-scale.
 *
 *   bench_load LOGDIR [CLOCKS]        cold load throughput on a warm page
 *                                     cache, against read()ing the same
 *                                     files like cat
 *   bench_load --mem LOGDIR [CLOCKS]  RSS growth per stored point, against
 *                                     the 24 bytes of a naive (int64,
 *                                     double, double) row
 *   bench_load --export TAILBOARD LOGDIR [CLOCKS]
 *                                     `tailboard export` to /dev/null
 *                                     against `tailboard summary` on the
 *                                     same logdir: one thread, then -j
 *
 * Loading is engine_scan + engine_load_all in-process with a fresh store
 * each time, as `tailboard summary` does (cmd_load_all): once on one thread
 * and once with the default number of jobs (one a CPU); best of 5 each.
 * The baseline reads every file with read() and a 128 KiB buffer, as cat. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tailboard/discover.h"
#include "bench_util.h"

#define REPS 5
#define CAT_BUF ((size_t)128 << 10)     /* cat's own buffer size */

struct load_result {
	double secs;
	uint64_t bytes, points;
	size_t runs, files, series;
};

static int load_once(const char *logdir, int jobs, struct load_result *out, struct app *keep)
{
	struct app app;
	if (bench_app_init(&app, logdir))
		return TB_NOMEM;
	double t0 = bench_now();
	if (engine_scan(&app.engine) != TB_OK)
		return TB_ERR;
	engine_load_all(&app.engine, jobs);
	out->secs = bench_now() - t0;
	struct loader_progress p;
	engine_progress(&app.engine, &p);
	out->bytes = p.bytes_read;
	out->points = store_npoints(&app.store);
	out->runs = app.store.nruns;
	out->files = p.nfiles;
	out->series = 0;
	for (size_t i = 0; i < app.store.nruns; i++)
		out->series += app.store.runs[i]->nseries;
	if (keep)
		*keep = app;
	else
		bench_app_free(&app);
	return TB_OK;
}

/* Read every tracked file once with read(), as cat does; returns seconds. */
static double cat_once(const struct loader *l, uint8_t *buf, uint64_t *bytes)
{
	double t0 = bench_now();
	*bytes = 0;
	const char *path;
	for (size_t i = 0; (path = loader_file_path(l, i)); i++) {
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		ssize_t n;
		while ((n = read(fd, buf, CAT_BUF)) > 0)
			*bytes += (uint64_t)n;
		close(fd);
	}
	return bench_now() - t0;
}

/* cat, one thread and the default jobs take turns, REPS rounds, best of
 * each: drift on a shared machine then hits the baseline and the loads
 * alike, and the ratios hold still better than the MB/s do. */
static int bench_throughput(const char *logdir, const char *clocks)
{
	struct app app;
	if (bench_app_init(&app, logdir) || engine_scan(&app.engine) != TB_OK)
		return 1;
	uint8_t *buf = malloc(CAT_BUF);
	if (!buf)
		return 1;
	uint64_t cbytes = 0;
	cat_once(&app.engine.loader, buf, &cbytes);   /* warm the page cache */
	int jobs[2] = { 1, loader_default_jobs() };
	int kinds = jobs[1] > 1 ? 2 : 1;
	double cat_best = 1e30;
	struct load_result best[2] = { { .secs = 1e30 }, { .secs = 1e30 } }, res;
	for (int r = 0; r < REPS; r++) {
		double t = cat_once(&app.engine.loader, buf, &cbytes);
		if (t < cat_best)
			cat_best = t;
		for (int k = 0; k < kinds; k++) {
			if (load_once(logdir, jobs[k], &res, NULL))
				return 1;
			if (res.secs < best[k].secs)
				best[k] = res;
		}
	}
	free(buf);
	bench_app_free(&app);
	double cat_mbs = (double)cbytes / cat_best / 1e6;
	for (int k = 0; k < kinds; k++) {
		const struct load_result *b = &best[k];
		bench_report(k ? "load -j" : "load", "%.0f MB/s, %.1fM points/s (%zu runs, %zu files, %zu series, "
				"%.0f MB, %.2fM points, %s clocks; %d thread%s, best of %d); cat %.0f MB/s; %.1fx cat "
				"[target >= 1000 MB/s a core, <= 3x cat]",
				(double)b->bytes / b->secs / 1e6, (double)b->points / b->secs / 1e6,
				b->runs, b->files, b->series, (double)b->bytes / 1e6,
				(double)b->points / 1e6, clocks, jobs[k], jobs[k] > 1 ? "s" : "", REPS, cat_mbs,
				b->secs / cat_best);
	}
	return 0;
}

static int bench_memory(const char *logdir, const char *clocks)
{
	struct app app;
	uint64_t rss0 = bench_rss();
	struct load_result res;
	if (load_once(logdir, 1, &res, &app))
		return 1;
	uint64_t rss1 = bench_rss();
	double per = res.points ? (double)(rss1 - rss0) / (double)res.points : 0;
	double cols = res.points ? (double)store_point_bytes(&app.store) / (double)res.points : 0;
	bench_report("memory", "%.1f bytes/point RSS growth (%.2fM points in %zu series, %zu runs, %s clocks; "
			"point columns %.1f bytes/point); naive row 24 bytes; %.2fx naive [target <= 16]",
			per, (double)res.points / 1e6, res.series, res.runs, clocks, cols, per / 24.0);
	bench_app_free(&app);
	return 0;
}

/* One run of the binary, output to /dev/null: wall seconds (< 0 when it
 * failed) and the CPU seconds it used (user + system). */
static double run_once(char *const argv[], double *cpu)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	double t0 = bench_now();
	pid_t pid;
	int st = -1;
	struct rusage ru = { 0 };
	extern char **environ;
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) == 0)
		wait4(pid, &st, 0, &ru);
	double t = bench_now() - t0;
	posix_spawn_file_actions_destroy(&fa);
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? t : -1;
}

/* export against summary, whole processes as a user runs them: loading is
 * the same in both, so the ratio is what writing every point costs on top
 * (target: within 2x). The two take turns, REPS rounds, best of each. */
static int bench_export(char *bin, char *logdir, const char *clocks)
{
	char jarg[16], a_sum[] = "summary", a_exp[] = "export", a_j[] = "-j", a_dir[] = "--logdir";
	int jobs[2] = { 1, loader_default_jobs() };
	int kinds = jobs[1] > 1 ? 2 : 1;
	for (int k = 0; k < kinds; k++) {
		snprintf(jarg, sizeof(jarg), "%d", jobs[k]);
		char *sum[] = { bin, a_sum, a_j, jarg, a_dir, logdir, NULL };
		char *exp[] = { bin, a_exp, a_j, jarg, a_dir, logdir, NULL };
		double best_s = 1e30, best_e = 1e30, cpu_s = 1e30, cpu_e = 1e30, c;
		for (int r = 0; r < REPS; r++) {
			double ts = run_once(sum, &c);
			cpu_s = c < cpu_s ? c : cpu_s;
			double te = run_once(exp, &c);
			cpu_e = c < cpu_e ? c : cpu_e;
			if (ts < 0 || te < 0) {
				fprintf(stderr, "bench_load: %s failed\n", ts < 0 ? "summary" : "export");
				return 1;
			}
			best_s = ts < best_s ? ts : best_s;
			best_e = te < best_e ? te : best_e;
		}
		/* CPU seconds too: on a shared machine they drift less */
		bench_report(k ? "export -j" : "export", "%.2f s to /dev/null, %.2f s CPU (%s clocks; %d thread%s, "
				"best of %d); summary %.2f s, %.2f s CPU; %.2fx summary, CPU %.2fx [target <= 2x]",
				best_e, cpu_e, clocks, jobs[k], jobs[k] > 1 ? "s" : "", REPS, best_s, cpu_s,
				best_e / best_s, cpu_e / cpu_s);
	}
	return 0;
}

/* CLOCKS names the workload's wall times in the report: "0.25 s" or
 * "microsecond" (tbgen -u). */
int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--export") == 0 && (argc == 4 || argc == 5))
		return bench_export(argv[2], argv[3], argc == 5 ? argv[4] : "0.25 s");
	bool mem = argc > 1 && strcmp(argv[1], "--mem") == 0;
	int rest = argc - 1 - mem;
	if (rest == 1 || rest == 2) {
		const char *dir = argv[1 + mem], *clocks = rest == 2 ? argv[2 + mem] : "0.25 s";
		return mem ? bench_memory(dir, clocks) : bench_throughput(dir, clocks);
	}
	fputs("usage: bench_load [--mem] LOGDIR [CLOCKS]\n       bench_load --export TAILBOARD LOGDIR [CLOCKS]\n", stderr);
	return 2;
}
