/* bench_system: the time to draw one frame of the system pane (M) on a
 * 200x50 screen for one run of an 8-GPU, 256-core machine over a day of
 * 1 s samples (W&B's stats layout: system/gpu.G.METRIC for 6 metrics,
 * system/cpu.C.cpu_percent for 256 cores, drawn as one min-max band, and
 * cpu, memory, disk, network), through the view as the screen draws it,
 * against the training grid's frame of the same run (the baseline: 8
 * training tags over the same day, same store).
 *
 *   bench_system [SECONDS [ROUNDS]]    default 86400, 6
 *
 * Figures: the first frame (every cache built, the cores' band computed),
 * the median frame with nothing new, and the median frame after one
 * sample was appended to every series (the band extended, not redone). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/view.h"
#include "bench_util.h"

#define NGPU 8
#define NCORE 256
#define ROUNDS_MAX 64

static const char *const gpu_metrics[] = { "gpu", "memory", "memoryAllocated", "temp", "powerWatts", "powerPercent" };
static const char *const machine[] = { "system/cpu", "system/memory", "system/disk", "system/network.sent",
				       "system/network.recv" };
static const char *const training[] = { "train/loss", "train/accuracy", "eval/loss", "eval/accuracy",
					"train/learning_rate", "train/grad_norm", "eval/perplexity", "train/epoch" };

struct world {
	struct store st;
	struct diag d;
	struct options o;
	struct view v;
	struct painter p;
	struct canvas cv;
	struct view_status status;
	struct series **ser;
	size_t nser, npoints;
};

static double value_at(size_t k, size_t i)
{
	return (double)(float)(50 + 40 * sin((double)i * 1e-4 * (double)(k % 7 + 1)) + (double)(k % 13));
}

static int add(struct world *w, struct run *run, const char *tag, size_t points)
{
	struct series *s = run_get_series(&w->st, run, tag, strlen(tag));
	if (!s)
		return TB_NOMEM;
	w->ser = realloc(w->ser, (w->nser + 1) * sizeof *w->ser);
	if (!w->ser)
		return TB_NOMEM;
	w->ser[w->nser] = s;
	for (size_t i = 0; i < points; i++)
		if (series_append(s, (int64_t)(i / 15), 1.7e9 + (double)i, value_at(w->nser, i)))
			return TB_NOMEM;
	w->nser++;
	return TB_OK;
}

static int fill(struct world *w, size_t points)
{
	memset(w, 0, sizeof *w);
	store_init(&w->st);
	diag_init(&w->d);
	w->d.to_stderr = false;
	struct run *run = store_get_run(&w->st, "wandb/run-1", 11);
	char tag[64];
	int rc = run ? TB_OK : TB_NOMEM;
	for (size_t g = 0; g < NGPU * TB_ARRAY_LEN(gpu_metrics) && rc == TB_OK; g++) {
		snprintf(tag, sizeof tag, "system/gpu.%zu.%s", g % NGPU, gpu_metrics[g / NGPU]);
		rc = add(w, run, tag, points);
	}
	for (size_t c = 0; c < NCORE && rc == TB_OK; c++) {
		snprintf(tag, sizeof tag, "system/cpu.%zu.cpu_percent", c);
		rc = add(w, run, tag, points);
	}
	for (size_t m = 0; m < TB_ARRAY_LEN(machine) && rc == TB_OK; m++)
		rc = add(w, run, machine[m], points);
	for (size_t t = 0; t < TB_ARRAY_LEN(training) && rc == TB_OK; t++)
		rc = add(w, run, training[t], points);
	if (rc != TB_OK)
		return rc;
	w->st.gen++;
	w->npoints = points;
	w->o.smoothing = 0.6;
	view_init(&w->v, &w->st, &w->d, &w->o, true, true, 8);
	painter_init(&w->p);
	w->status = (struct view_status){ .live = "inotify", .logdir = "wandb", .nlogdirs = 1, .now = 1, .scanned = true };
	return canvas_init(&w->cv, 1, 1);
}

static void world_free(struct world *w)
{
	canvas_free(&w->cv);
	painter_free(&w->p);
	view_free(&w->v);
	store_free(&w->st);
	diag_free(&w->d);
	free(w->ser);
}

static double frame(struct world *w)
{
	int cx, cy;
	double t0 = bench_now();
	view_sync(&w->v);
	view_layout(&w->v, 200, 50);
	if (view_render(&w->p, &w->v, &w->status, &w->cv, &cx, &cy) != TB_OK)
		fprintf(stderr, "bench_system: out of memory drawing\n");
	return bench_now() - t0;
}

struct timing {
	double first, steady, after_append;
	int bands;
};

/* Frames of the grid (system false) or the pane, on one filled world. */
static int measure(struct world *w, int rounds, bool system, struct timing *out)
{
	if (system) {
		if (view_key(&w->v, 'M') == VIEW_QUIT)
			return 1;
		painter_free(&w->p);
		painter_init(&w->p);
	}
	out->first = frame(w);
	out->bands = 0;
	for (int i = 0; i < w->cv.w * w->cv.h; i++)
		out->bands += w->cv.cells[i].ch == 0x2591;
	double st[ROUNDS_MAX], app[ROUNDS_MAX];
	for (int k = 0; k < rounds; k++) {
		st[k] = frame(w);
		for (size_t s = 0; s < w->nser; s++)
			if (series_append(w->ser[s], (int64_t)(w->npoints / 15), 1.7e9 + (double)w->npoints,
					  value_at(s, w->npoints)) != TB_OK)
				return 1;
		w->npoints++;
		w->st.gen++;
		app[k] = frame(w);
	}
	out->steady = bench_median(st, (size_t)rounds);
	out->after_append = bench_median(app, (size_t)rounds);
	return 0;
}

int main(int argc, char **argv)
{
	size_t points = argc > 1 ? strtoull(argv[1], NULL, 10) : 86400;
	int rounds = argc > 2 ? atoi(argv[2]) : 6;
	rounds = rounds < 1 ? 1 : rounds > ROUNDS_MAX ? ROUNDS_MAX : rounds;
	struct timing sys, base;
	struct world *w = calloc(1, sizeof *w);
	if (!w || fill(w, points) != TB_OK) {
		fprintf(stderr, "bench_system: out of memory filling %zu points a series\n", points);
		return 1;
	}
	if (measure(w, rounds, false, &base) || measure(w, rounds, true, &sys))
		return 1;
	bench_report("system", "%.2f ms/frame of the system pane (200x50, 1 run: %d GPUs x %zu metrics, %d cores as "
		     "a min-max band (%d band cells), 5 machine tags, %zu s of 1 s samples, smoothing 0.6; first frame "
		     "%.0f ms, after an append %.2f ms); the training grid of the same run (8 tags) %.2f ms (first "
		     "frame %.0f ms, after an append %.2f ms): %.1fx [target <= 5 ms]",
		     sys.steady * 1e3, NGPU, TB_ARRAY_LEN(gpu_metrics), NCORE, sys.bands, points, sys.first * 1e3,
		     sys.after_append * 1e3, base.steady * 1e3, base.first * 1e3, base.after_append * 1e3,
		     sys.steady / base.steady);
	world_free(w);
	free(w);
	return 0;
}
