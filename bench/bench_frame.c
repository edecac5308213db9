/* bench_frame: figure 3 of make bench-scale: the time to draw one frame of
 * a 200x50 screen with 16 runs x 8 charts, smoothing on, through the
 * curses-free chart core, laid out the way src/ui/draw.c lays out its grid
 * (run list, groups by tag prefix, 3 columns of 16-row charts, only whole
 * charts drawn). The store is filled directly with series_append.
 *
 *   bench_frame [POINTS [BASE_POINTS [ROUNDS]]]   default 1000000, 1000, 6
 *
 * The figure is the median over frames that follow an append of one point
 * to every series (so the incremental smoothing and pyramid paths run) and
 * frames with nothing new; the baseline is the same grid with BASE_POINTS
 * points a series (TensorBoard keeps 1000 a tag). A second figure is the
 * frame after a switch of smoothing method (m on the screen), which
 * smooths every point of the charts on screen again, for each method. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/chart.h"
#include "bench_util.h"

#define NRUNS 16
#define NTAGS 8
#define SCREEN_W 200
#define SCREEN_H 50
#define ROUNDS_MAX 512
#define SWITCH_BUDGET 0.030     /* src/ui/loop.c's FRAME_BUDGET_MS */

static const char *const tags[NTAGS] = {
	"train/loss", "train/accuracy", "eval/loss", "eval/accuracy",
	"train/learning_rate", "train/grad_norm", "eval/perplexity", "train/epoch",
};

/* Visible charts in draw order: grid position and tag. */
struct slot {
	int x, y, w, h;
	size_t tag;
};

struct world {
	struct store st;
	struct series *ser[NRUNS][NTAGS];
	char names[NRUNS][16];
	size_t npoints;
	struct chart_caches caches;
	struct canvas screen, cv;
	struct slot slots[NTAGS];
	size_t nslots;
};

static double value_at(size_t run, size_t tag, size_t i, size_t n)
{
	double x = (double)i / (double)n;
	double v = exp(-3 * x) + 0.01 * (double)run + 0.05 * sin((double)i * 0.001 * (double)(tag + 1))
		+ 0.02 * sin((double)i * 1.7);
	return (double)(float)v;
}

static int fill(struct world *w, size_t points)
{
	memset(w, 0, sizeof *w);
	store_init(&w->st);
	for (size_t r = 0; r < NRUNS; r++) {
		snprintf(w->names[r], sizeof w->names[r], "run%05zu", r);
		struct run *run = store_get_run(&w->st, w->names[r], strlen(w->names[r]));
		if (!run)
			return TB_NOMEM;
		for (size_t t = 0; t < NTAGS; t++) {
			struct series *s = run_get_series(&w->st, run, tags[t], strlen(tags[t]));
			if (!s)
				return TB_NOMEM;
			w->ser[r][t] = s;
			for (size_t i = 0; i < points; i++)
				if (series_append(s, (int64_t)i, 1.7e9 + (double)i * 0.25,
						value_at(r, t, i, points)))
					return TB_NOMEM;
		}
	}
	w->npoints = points;
	caches_init(&w->caches);
	if (canvas_init(&w->screen, SCREEN_W, SCREEN_H) || canvas_init(&w->cv, 1, 1))
		return TB_NOMEM;
	return TB_OK;
}

static int cmp_tag(const void *a, const void *b)
{
	return strcmp(tags[*(const size_t *)a], tags[*(const size_t *)b]);
}

/* src/ui/draw.c's layout on a 200x50 screen: run list 32 + 1 wide, body
 * 48 rows, columns of 44, charts of 16 rows, a header row per group. */
static void layout(struct world *w)
{
	int rw = SCREEN_W / 5;
	rw = rw < 22 ? 22 : rw > 32 ? 32 : rw;
	int gx = rw + 2, gw = SCREEN_W - gx, body = SCREEN_H - 2;
	int ncols = gw / 44 > 0 ? gw / 44 : 1, cw = gw / ncols;
	int ch = (body - 2) / 2;
	ch = ch > 16 ? 16 : ch < 8 ? 8 : ch;
	size_t order[NTAGS];
	for (size_t i = 0; i < NTAGS; i++)
		order[i] = i;
	qsort(order, NTAGS, sizeof *order, cmp_tag);
	int cy = 0, col = 0;
	const char *prev = NULL;
	size_t plen = 0;
	for (size_t k = 0; k < NTAGS; k++) {
		const char *t = tags[order[k]];
		size_t len = (size_t)(strchr(t, '/') - t);
		if (!prev || len != plen || strncmp(prev, t, len) != 0) {
			if (col) { cy += ch; col = 0; }
			cy += 1;    /* the group's header row */
			prev = t;
			plen = len;
		}
		if (cy + ch <= body)
			w->slots[w->nslots++] = (struct slot){ gx + col * cw, cy, cw - 1, ch, order[k] };
		if (++col == ncols) { col = 0; cy += ch; }
	}
}

/* One frame; with a budget (seconds, as the screen's loop gives one), the
 * charts' caches are brought up to date until it runs out and the rest
 * drawn as they were, *left counting them (src/view/frame.c's prefetch). */
static int frame(struct world *w, double smoothing, enum smooth_method m, double budget, size_t *left)
{
	struct chart_view v = { .xmode = XMODE_STEP, .braille = true, .best_marks = true,
		.legend = true, .smoothing = smoothing, .smooth_method = m, .zoom_lo = 0, .zoom_hi = 1, .cursor_x = NAN };
	canvas_clear(&w->screen);
	/* src/view/frame.c's prefetch: every series on screen synced together */
	const struct series *all[NTAGS * NRUNS];
	size_t nall = 0;
	for (size_t k = 0; k < w->nslots; k++)
		for (size_t r = 0; r < NRUNS; r++)
			all[nall++] = w->ser[r][w->slots[k].tag];
	if (caches_prepare(&w->caches, all, nall, smoothing, m, budget > 0 ? tb_now() + budget : 0, left))
		return TB_NOMEM;
	for (size_t k = 0; k < w->nslots; k++) {
		const struct slot *sl = &w->slots[k];
		struct chart_series ss[NRUNS];
		size_t n = 0;
		for (size_t r = 0; r < NRUNS; r++) {
			struct series *s = w->ser[r][sl->tag];
			struct series_cache *c = *left ? caches_peek(&w->caches, s) : caches_get(&w->caches, s, smoothing, m);
			if (!c)
				continue;
			ss[n++] = (struct chart_series){ .s = s, .cache = c, .name = w->names[r], .x_offset = 1.7e9,
							 .color = (int)(r % 10) + 1, .selected = r == 0 };
		}
		if (canvas_resize(&w->cv, sl->w, sl->h))
			return TB_NOMEM;
		struct chart_info info;
		chart_render(&w->cv, 0, 0, sl->w, sl->h, tags[sl->tag], ss, n, &v, &info);
		/* the screen copies the chart cell by cell */
		for (int y = 0; y < sl->h; y++)
			memcpy(canvas_at(&w->screen, sl->x, sl->y + y), &w->cv.cells[(size_t)y * (size_t)sl->w],
					(size_t)sl->w * sizeof(struct cell));
	}
	return TB_OK;
}

/* The timed frames, apart from the first (profilers can collect just
 * these: valgrind --tool=callgrind --toggle-collect=frame_timed). */
__attribute__((noinline)) static int frame_timed(struct world *w, double smoothing)
{
	size_t left;
	return frame(w, smoothing, SMOOTH_EMA, 0, &left);
}

struct timing {
	double first, median, after_append, steady;
	double method[SMOOTH_COUNT];    /* every chart smoothed again after switching to it */
	double switch_frame;            /* the slowest first frame after a switch, on the screen's budget */
	int switch_frames;              /* the most frames until every chart was caught up */
	size_t charts;
	int threads;
};

static int measure(size_t points, int rounds, struct timing *out)
{
	struct world *w = calloc(1, sizeof *w);
	if (!w || fill(w, points)) {
		fprintf(stderr, "bench_frame: out of memory filling %zu points a series\n", points);
		return 1;
	}
	layout(w);
	const double sm = 0.6;
	size_t left;
	double t0 = bench_now();
	frame(w, sm, SMOOTH_EMA, 0, &left);     /* builds every cache: not a steady-state frame */
	out->first = bench_now() - t0;
	static double all[2 * ROUNDS_MAX], app[ROUNDS_MAX], st[ROUNDS_MAX];
	size_t n = 0;
	for (int k = 0; k < rounds; k++) {
		for (size_t r = 0; r < NRUNS; r++)
			for (size_t t = 0; t < NTAGS; t++)
				if (series_append(w->ser[r][t], (int64_t)w->npoints, 1.7e9 + (double)w->npoints * 0.25,
						  value_at(r, t, w->npoints, w->npoints)) != TB_OK)
					return 1;
		w->npoints++;
		t0 = bench_now();
		frame_timed(w, sm);
		app[k] = all[n++] = bench_now() - t0;
		t0 = bench_now();
		frame_timed(w, sm);
		st[k] = all[n++] = bench_now() - t0;
	}
	out->median = bench_median(all, n);
	out->after_append = bench_median(app, (size_t)rounds);
	out->steady = bench_median(st, (size_t)rounds);
	out->charts = w->nslots;
	out->threads = w->caches.nthreads;
	/* twema, avg, gauss, then back to ema: whole, then on the screen's
	 * budget frame after frame until no chart is left behind */
	for (int m = 1; m <= 2 * SMOOTH_COUNT; m++) {
		enum smooth_method sm_m = (enum smooth_method)(m % SMOOTH_COUNT);
		t0 = bench_now();
		if (m <= SMOOTH_COUNT) {
			frame(w, sm, sm_m, 0, &left);
			out->method[sm_m] = bench_now() - t0;
			continue;
		}
		int frames = 0;
		do {
			double f0 = bench_now();
			frame(w, sm, sm_m, SWITCH_BUDGET, &left);
			if (frames++ == 0)
				out->switch_frame = fmax(out->switch_frame, bench_now() - f0);
		} while (left);
		out->switch_frames = frames > out->switch_frames ? frames : out->switch_frames;
	}
	caches_free(&w->caches);
	canvas_free(&w->screen);
	canvas_free(&w->cv);
	store_free(&w->st);
	free(w);
	return 0;
}

int main(int argc, char **argv)
{
	size_t big = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
	size_t base = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000;
	int rounds = argc > 3 ? atoi(argv[3]) : 6;
	rounds = rounds < 1 ? 1 : rounds > ROUNDS_MAX ? ROUNDS_MAX : rounds;
	struct timing tb, tbase;
	if (measure(base, rounds, &tbase) || measure(big, rounds, &tb))
		return 1;
	bench_report("frame", "%.2f ms/frame (200x50, %d runs x %d tags x %zu points, %zu charts on screen, "
			"smoothing 0.6; after an append %.2f ms, unchanged %.2f ms, first frame %.0f ms); "
			"%zu points/series %.2f ms; %.1fx [target <= 5 ms]",
			tb.median * 1e3, NRUNS, NTAGS, big, tb.charts, tb.after_append * 1e3, tb.steady * 1e3,
			tb.first * 1e3, base, tbase.median * 1e3, tb.median / tbase.median);
	double worst = 0, worst_base = 0;
	char each[256] = "";
	size_t used = 0;
	for (int m = 0; m < SMOOTH_COUNT; m++) {
		worst = fmax(worst, tb.method[m]);
		worst_base = fmax(worst_base, tbase.method[m]);
		used += (size_t)snprintf(each + used, sizeof each - used, "%s%s %.0f ms", m ? ", " : "",
					 smooth_name((enum smooth_method)m), tb.method[m] * 1e3);
	}
	bench_report("smoothing switch", "%.0f ms the first frame after m on the screen's %.0f ms budget, %d frames "
			"until every chart caught up [target <= 100 ms]; %.0f ms the slowest switch smoothed whole "
			"(%s; %zu charts of %d runs x %zu points, %d threads); %zu points/series %.2f ms; %.0fx",
			tb.switch_frame * 1e3, SWITCH_BUDGET * 1e3, tb.switch_frames, worst * 1e3, each, tb.charts, NRUNS,
			big, tb.threads, base, worst_base * 1e3, worst / worst_base);
	return 0;
}
