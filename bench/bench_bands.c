/* bench_bands: the time to draw one frame of a 200x50 screen whose charts
 * draw 8 groups' bands (16 runs named lrK_seedS, K 0..7, S 0..1, grouped
 * by --group-by '~^(lr[0-9]+)_': 8 groups of 2, min-max bands, smoothing
 * on), through the view as the screen draws it, against the same frame
 * with the 16 runs drawn as lines (the baseline, same run, same store).
 *
 *   bench_bands [POINTS [ROUNDS]]      default 1000000, 6
 *
 * Figures: the first frame (it computes every group's statistics), the
 * median frame with nothing new, and the median frame after one point was
 * appended to every series (the groups of the charts on screen computed
 * again, their caches rebuilt). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/view.h"
#include "bench_util.h"

#define NRUNS 16
#define NTAGS 8
#define ROUNDS_MAX 64

static const char *const tags[NTAGS] = {
	"train/loss", "train/accuracy", "eval/loss", "eval/accuracy",
	"train/learning_rate", "train/grad_norm", "eval/perplexity", "train/epoch",
};

struct world {
	struct store st;
	struct diag d;
	struct options o;
	struct view v;
	struct painter p;
	struct canvas cv;
	struct view_status status;
	struct series *ser[NRUNS][NTAGS];
	size_t npoints;
};

static double value_at(size_t run, size_t tag, size_t i, size_t n)
{
	double x = (double)i / (double)n;
	return (double)(float)(exp(-3 * x) + 0.01 * (double)run + 0.05 * sin((double)i * 0.001 * (double)(tag + 1)) +
			       0.02 * sin((double)i * 1.7 + (double)run));
}

static int fill(struct world *w, size_t points, const char *group)
{
	memset(w, 0, sizeof *w);
	store_init(&w->st);
	diag_init(&w->d);
	w->d.to_stderr = false;
	for (size_t r = 0; r < NRUNS; r++) {
		char name[32];
		snprintf(name, sizeof name, "lr%zu_seed%zu", r / 2, r % 2);
		struct run *run = store_get_run(&w->st, name, strlen(name));
		for (size_t t = 0; t < NTAGS && run; t++) {
			struct series *s = run_get_series(&w->st, run, tags[t], strlen(tags[t]));
			if (!s)
				return TB_NOMEM;
			w->ser[r][t] = s;
			for (size_t i = 0; i < points; i++)
				if (series_append(s, (int64_t)i, 1.7e9 + (double)i * 0.25, value_at(r, t, i, points)))
					return TB_NOMEM;
		}
	}
	w->st.gen++;
	w->npoints = points;
	w->o.smoothing = 0.6;
	w->o.group_by = group;
	view_init(&w->v, &w->st, &w->d, &w->o, true, true, 8);
	painter_init(&w->p);
	w->status = (struct view_status){ .live = "inotify", .logdir = "runs", .nlogdirs = 1, .now = 1, .scanned = true };
	return canvas_init(&w->cv, 1, 1);
}

static void world_free(struct world *w)
{
	canvas_free(&w->cv);
	painter_free(&w->p);
	view_free(&w->v);
	store_free(&w->st);
	diag_free(&w->d);
}

static double frame(struct world *w)
{
	int cx, cy;
	double t0 = bench_now();
	view_sync(&w->v);
	view_layout(&w->v, 200, 50);
	if (view_render(&w->p, &w->v, &w->status, &w->cv, &cx, &cy) != TB_OK)
		fprintf(stderr, "bench_bands: out of memory drawing\n");
	return bench_now() - t0;
}

struct timing {
	double first, steady, after_append;
	double budget_first, budget_all;        /* a fresh painter on the screen's budget */
	int budget_frames;
	int bands;
};

#define BUDGET 0.030    /* src/ui/loop.c's FRAME_BUDGET_MS */

/* A new painter (every statistic and cache to build) on the screen's
 * budget: its first frame, and frames until nothing is left behind. */
static void measure_budget(struct world *w, struct timing *out)
{
	painter_free(&w->p);
	painter_init(&w->p);
	w->p.budget = BUDGET;
	double t0 = bench_now();
	out->budget_frames = 0;
	do {
		double f = frame(w);
		if (out->budget_frames++ == 0)
			out->budget_first = f;
	} while (w->p.pending && out->budget_frames < 100000);
	out->budget_all = bench_now() - t0;
}

static int measure(size_t points, int rounds, const char *group, struct timing *out)
{
	struct world *w = calloc(1, sizeof *w);
	if (!w || fill(w, points, group) != TB_OK) {
		fprintf(stderr, "bench_bands: out of memory filling %zu points a series\n", points);
		return 1;
	}
	out->first = frame(w);
	/* the band cells on screen: what makes it a banded frame */
	out->bands = 0;
	for (int i = 0; i < w->cv.w * w->cv.h; i++)
		out->bands += w->cv.cells[i].ch == 0x2591;
	double st[ROUNDS_MAX], app[ROUNDS_MAX];
	for (int k = 0; k < rounds; k++) {
		st[k] = frame(w);
		for (size_t r = 0; r < NRUNS; r++)
			for (size_t t = 0; t < NTAGS; t++)
				if (series_append(w->ser[r][t], (int64_t)w->npoints, 1.7e9 + (double)w->npoints * 0.25,
						  value_at(r, t, w->npoints, w->npoints)) != TB_OK)
					return 1;
		w->npoints++;
		w->st.gen++;
		app[k] = frame(w);
	}
	out->steady = bench_median(st, (size_t)rounds);
	out->after_append = bench_median(app, (size_t)rounds);
	measure_budget(w, out);
	world_free(w);
	free(w);
	return 0;
}

int main(int argc, char **argv)
{
	size_t points = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 6;
	rounds = rounds < 1 ? 1 : rounds > ROUNDS_MAX ? ROUNDS_MAX : rounds;
	struct timing g, base;
	if (measure(points, rounds, NULL, &base) || measure(points, rounds, "~^(lr[0-9]+)_", &g))
		return 1;
	bench_report("bands", "%.2f ms/frame with 8 groups' bands (200x50, %d runs x %d tags x %zu points, "
		     "min-max bands, smoothing 0.6, %d band cells; first frame %.0f ms, after an append %.0f ms); "
		     "the same %d runs as lines %.2f ms (first frame %.0f ms, after an append %.2f ms): %.1fx [target <= 5 ms]",
		     g.steady * 1e3, NRUNS, NTAGS, points, g.bands, g.first * 1e3, g.after_append * 1e3, NRUNS,
		     base.steady * 1e3, base.first * 1e3, base.after_append * 1e3, g.steady / base.steady);
	bench_report("bands-first", "%.0f ms the first frame of a new banded screen on the screen's %.0f ms budget, "
		     "every group drawn after %d frames (%.0f ms) [keys answer between frames]; as lines %.0f ms, "
		     "%d frames (%.0f ms)", g.budget_first * 1e3, BUDGET * 1e3, g.budget_frames, g.budget_all * 1e3,
		     base.budget_first * 1e3, base.budget_frames, base.budget_all * 1e3);
	return 0;
}
