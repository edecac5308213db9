/* bench_table: the runs table (R) on a big sweep: 10,000 runs x 50
 * hyperparameters (8 of them differ) and one tag, through the curses-free
 * view as the screen drives it: the time from a key to the next frame at
 * 200x50 for a sort (S), a reversed sort, and a filter expression (F),
 * against a frame of the same table with nothing changed.
 *
 *   bench_table [RUNS [ROUNDS]]       default 10000, 5 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/view.h"
#include "bench_util.h"

#define NHP 50
#define NDIFF 8
#define SCREEN_W 200
#define SCREEN_H 50

struct world {
	struct store st;
	struct diag d;
	struct options o;
	struct view v;
	struct painter p;
	struct canvas cv;
	struct view_status status;
};

static int fill(struct world *w, size_t nruns)
{
	memset(w, 0, sizeof *w);
	store_init(&w->st);
	diag_init(&w->d);
	w->d.to_stderr = false;
	w->o.smoothing = 0.6;
	srand(7);
	for (size_t i = 0; i < nruns; i++) {
		char name[32], key[16], val[32];
		snprintf(name, sizeof name, "sweep/run%05zu", i);
		struct run *r = store_get_run(&w->st, name, strlen(name));
		if (!r)
			return TB_NOMEM;
		for (int k = 0; k < NHP; k++) {
			snprintf(key, sizeof key, "hp%02d", k);
			if (k < NDIFF)
				snprintf(val, sizeof val, "%g", (double)(rand() % 1000) / 1000.0);
			else
				snprintf(val, sizeof val, "%d", k);
			run_set_kv(&r->hparams, &r->nhparams, key, val);
		}
		struct series *s = run_get_series(&w->st, r, "eval/loss", 9);
		for (int k = 0; k < 10; k++)
			if (!s || series_append(s, k * 100, 1.7e9 + k, 1.0 / (k + 1) + (double)(rand() % 100) / 1e4))
				return TB_NOMEM;
	}
	w->st.gen++;
	view_init(&w->v, &w->st, &w->d, &w->o, true, true, 8);
	painter_init(&w->p);
	w->status = (struct view_status){ .live = "static", .logdir = "sweep", .nlogdirs = 1, .now = 1.7e9 + 100,
					  .scanned = true };
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

/* Keys, then a frame; seconds. */
static double press(struct world *w, const char *keys)
{
	double t0 = bench_now();
	view_sync(&w->v);
	for (const char *k = keys; *k; k++) {
		(void)!view_key(&w->v, (unsigned char)*k);   /* effects: none the bench needs */
		view_sync(&w->v);
	}
	view_layout(&w->v, SCREEN_W, SCREEN_H);
	int x, y;
	if (view_render(&w->p, &w->v, &w->status, &w->cv, &x, &y) != TB_OK)
		fprintf(stderr, "bench_table: render failed\n");
	return bench_now() - t0;
}

int main(int argc, char **argv)
{
	size_t nruns = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000;
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	rounds = rounds < 1 ? 1 : rounds > 64 ? 64 : rounds;
	struct world *w = calloc(1, sizeof *w);
	if (!w || fill(w, nruns) != TB_OK) {
		fprintf(stderr, "bench_table: out of memory\n");
		return 1;
	}
	press(w, "");
	double open = press(w, "R");
	double still[64], sort[64], rev[64], filt[64], clear[64];
	for (int k = 0; k < rounds; k++) {
		still[k] = press(w, "");
		press(w, "l");          /* the next column, so S sorts anew */
		sort[k] = press(w, "S");
		rev[k] = press(w, "S");
		/* typed a key at a time, each drawn, as on the screen: the figure
		 * is the whole expression and its Enter */
		char expr[64];
		snprintf(expr, sizeof expr, "Fhp01>=0.%d and hp02<0.3\n", 1 + k % 9);    /* a new one each round */
		filt[k] = press(w, expr);
		clear[k] = press(w, "F\n");
	}
	size_t n = (size_t)rounds;
	double b = bench_median(still, n), s = bench_median(sort, n), r = bench_median(rev, n),
	       f = bench_median(filt, n), c = bench_median(clear, n);
	bench_report("runs table", "sort %.1f ms, reverse %.1f ms, filter %.1f ms, its clearing %.1f ms, a key to its "
		     "frame (%zu runs x %d hyperparameters, %d differ; 200x50; opening R %.1f ms); unchanged frame "
		     "%.2f ms; sort %.1fx [target <= 20 ms]", s * 1e3, r * 1e3, f * 1e3, c * 1e3, nruns, NHP, NDIFF,
		     open * 1e3, b * 1e3, s / b);
	world_free(w);
	free(w);
	return 0;
}
