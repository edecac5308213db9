/* test_chart.c: the chart core on a text canvas: both glyph tiers, spikes
 * kept by decimation, TensorBoard's smoothing and the other methods, round
 * ticks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/chart.h"
#include "../tap.h"

struct fake {
	struct series s;
	int64_t step[20000];
	double wall[20000];
	double value[20000];
};

static void fake_init(struct fake *f, const char *tag)
{
	memset(&f->s, 0, sizeof f->s);
	f->s.tag = (char *)(uintptr_t)tag;
	f->s.tag_len = strlen(tag);
	/* the wide columns: the accessors read step64 and value64 */
	f->s.step64 = f->step;
	f->s.wall64 = f->wall;
	f->s.value64 = f->value;
	f->s.best = SIZE_MAX;
	f->s.sorted = true;
}

static void fake_add(struct fake *f, int64_t step, double v)
{
	size_t i = f->s.n++;
	f->step[i] = step;
	f->wall[i] = 1000.0 + (double)step;
	f->value[i] = v;
	f->s.gen++;
	if (isfinite(v) && (f->s.best == SIZE_MAX || v < f->value[f->s.best]))
		f->s.best = i;
}

static void print_canvas(const struct canvas *cv)
{
	char *t = canvas_to_text(cv);
	for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n"))
		printf("#   |%s\n", line);
	free(t);
}

static struct fake fa, fb;

static void test_smoothing(void)
{
	struct chart_caches cs;
	caches_init(&cs);
	fake_init(&fa, "loss");
	fake_add(&fa, 1, 1);
	fake_add(&fa, 2, 2);
	fake_add(&fa, 3, NAN);
	fake_add(&fa, 4, 4);
	struct series_cache *c = caches_get(&cs, &fa.s, 0.6, SMOOTH_EMA);
	TAP_OK(c != NULL, "cache created");
	TAP_NEAR(cache_smooth(c, 0), 1.0, 1e-12, "EMA point 1 debiased to the raw value");
	TAP_NEAR(cache_smooth(c, 1), 1.04 / 0.64, 1e-12, "EMA point 2 = 1.625");
	TAP_OK(isnan(cache_smooth(c, 2)), "NaN passes through");
	TAP_NEAR(cache_smooth(c, 3), 2.224 / 0.784, 1e-12, "EMA after NaN does not count it (k=3)");

	/* incremental equals from scratch */
	fake_init(&fb, "inc");
	double ref[50];
	for (int i = 0; i < 50; i++) {
		fake_add(&fb, i, sin(i * 0.7) + (i == 20 ? NAN : 0));
		c = caches_get(&cs, &fb.s, 0.9, SMOOTH_EMA);
	}
	double last = 0;
	int k = 0;
	for (int i = 0; i < 50; i++) {
		double y = fb.value[i];
		if (!isfinite(y)) { ref[i] = y; continue; }
		last = last * 0.9 + 0.1 * y;
		k++;
		ref[i] = last / (1 - pow(0.9, k));
	}
	int same = 1;
	for (int i = 0; i < 50; i++)
		if (isfinite(ref[i]) ? fabs(ref[i] - cache_smooth(c, (size_t)i)) > 1e-12 : !isnan(cache_smooth(c, (size_t)i)))
			same = 0;
	TAP_OK(same, "incremental smoothing matches a full recompute");

	/* constant series left raw, until it stops being constant */
	static struct fake fc;
	fake_init(&fc, "const");
	fake_add(&fc, 0, 3);
	fake_add(&fc, 1, 3);
	fake_add(&fc, 2, 3);
	c = caches_get(&cs, &fc.s, 0.6, SMOOTH_EMA);
	TAP_NEAR(cache_smooth(c, 2), 3.0, 0, "constant series stays raw");
	fake_add(&fc, 3, 5);
	c = caches_get(&cs, &fc.s, 0.6, SMOOTH_EMA);
	TAP_NEAR(cache_smooth(c, 0), 3.0, 1e-12, "no longer constant: point 1 recomputed");
	TAP_NEAR(cache_smooth(c, 3), 3.4112 / 0.8704, 1e-12, "no longer constant: point 4 EMA");
	c = caches_get(&cs, &fa.s, 0.0, SMOOTH_EMA);
	TAP_NEAR(cache_smooth(c, 1), 2.0, 0, "weight 0 is raw");

	/* reset_gen: points removed -> rebuilt */
	fa.s.n = 2;
	fa.value[1] = 10;
	fa.s.reset_gen++;
	fa.s.gen++;
	c = caches_get(&cs, &fa.s, 0.6, SMOOTH_EMA);
	TAP_NEAR(cache_smooth(c, 1), (0.6 * 0.4 + 0.4 * 10) / 0.64, 1e-12, "rebuilt after reset_gen");
	caches_free(&cs);
}

static void test_decimation(void)
{
	struct chart_caches cs;
	caches_init(&cs);
	fake_init(&fa, "spiky");
	srand(7);
	for (int i = 0; i < 20000; i++)
		fake_add(&fa, i, (double)(rand() % 1000) / 1000.0);
	struct series_cache *c = caches_get(&cs, &fa.s, 0, SMOOTH_EMA);
	int good = 1;
	for (int t = 0; t < 2000 && good; t++) {
		size_t a = (size_t)rand() % 20000, b = (size_t)rand() % 20001;
		if (a > b) { size_t x = a; a = b; b = x; }
		double lo, hi, blo = INFINITY, bhi = -INFINITY;
		for (size_t i = a; i < b; i++) {
			if (fa.value[i] < blo) blo = fa.value[i];
			if (fa.value[i] > bhi) bhi = fa.value[i];
		}
		bool got = cache_minmax(c, false, a, b, &lo, &hi);
		if (got != (a < b) || (got && (fabs(lo - blo) > 0 || fabs(hi - bhi) > 0))) {
			printf("# range [%zu,%zu) got %g..%g want %g..%g\n", a, b, lo, hi, blo, bhi);
			good = 0;
		}
	}
	TAP_OK(good, "pyramid min/max equals brute force on 2000 random ranges");

	/* the same, the series growing in batches of every size, NaNs and
	 * all: the levels above the first are fixed once a batch */
	struct chart_caches cg;
	caches_init(&cg);
	fake_init(&fb, "growing");
	size_t n = 0;
	for (int batch = 0; n < 20000 && good; batch++) {
		size_t add = batch % 7 == 0 ? (size_t)rand() % 3000 : (size_t)rand() % 40;
		for (size_t k = 0; k < add && n < 20000; k++, n++)
			fake_add(&fb, (int64_t)n, n % 97 == 5 ? NAN : (double)(rand() % 1000) / 1000.0);
		c = caches_get(&cg, &fb.s, 0.6, SMOOTH_EMA);
		for (int t = 0; t < 20 && good && n; t++) {
			size_t a = t ? (size_t)rand() % n : 0, b = t ? a + 1 + (size_t)rand() % (n - a) : n;
			double lo, hi, blo = INFINITY, bhi = -INFINITY;
			for (size_t i = a; i < b; i++) {
				if (fb.value[i] < blo) blo = fb.value[i];
				if (fb.value[i] > bhi) bhi = fb.value[i];
			}
			bool got = cache_minmax(c, false, a, b, &lo, &hi);
			if (got != (blo <= bhi) || (got && (lo != blo || hi != bhi))) {
				printf("# after %zu points: range [%zu,%zu) got %g..%g want %g..%g\n", n, a, b, lo, hi, blo, bhi);
				good = 0;
			}
		}
	}
	TAP_OK(good, "pyramid kept in batches equals brute force as the series grows");
	caches_free(&cg);

	/* one-point spike in a flat series of 20000 points on a 30-column chart */
	fake_init(&fb, "spike");
	for (int i = 0; i < 20000; i++)
		fake_add(&fb, i, i == 12345 ? 100.0 : 1.0);
	struct chart_series one = { &fb.s, caches_get(&cs, &fb.s, 0, SMOOTH_EMA), "run", 0, 1, 0, true, NULL, NULL };
	struct chart_view v = { .xmode = XMODE_STEP, .braille = false, .zoom_lo = 0, .zoom_hi = 1,
		.cursor_x = NAN };
	struct canvas cv;
	TAP_OK(canvas_init(&cv, 37, 10) == TB_OK, "canvas 37x10");
	chart_render(&cv, 0, 0, 37, 10, "spike", &one, 1, &v, NULL);
	print_canvas(&cv);
	int top = 0;
	for (int x = 7; x < 37; x++)
		if (canvas_at(&cv, x, 1)->ch && canvas_at(&cv, x, 1)->ch != ' ')
			top++;
	TAP_OK(top >= 1, "ASCII: the one-point spike reaches the top row");
	v.braille = true;
	canvas_clear(&cv);
	chart_render(&cv, 0, 0, 37, 10, "spike", &one, 1, &v, NULL);
	print_canvas(&cv);
	top = 0;
	for (int x = 7; x < 37; x++)
		if (canvas_at(&cv, x, 1)->ch >= 0x2800 && canvas_at(&cv, x, 1)->ch <= 0x28ff)
			top++;
	TAP_OK(top >= 1, "braille: the one-point spike reaches the top row");
	canvas_free(&cv);
	caches_free(&cs);
}

/* Every plot column between the first and last point holds a line cell. */
static int connected(struct canvas *cv, int x0, int x1, int y0, int y1)
{
	for (int x = x0; x <= x1; x++) {
		int any = 0;
		for (int y = y0; y <= y1; y++) {
			uint32_t ch = canvas_at(cv, x, y)->ch;
			if (ch && ch != ' ' && ch != 0x2502 && ch != '|')
				any = 1;
			if (ch == '|' && canvas_at(cv, x, y)->attr == 0)
				any = 1;
		}
		if (!any)
			return 0;
	}
	return 1;
}

static void test_tiers(void)
{
	struct chart_caches cs;
	caches_init(&cs);
	fake_init(&fa, "loss");
	/* 5 sparse points: the lines between them must be drawn, not just dots */
	double ys[] = { 1.0, 0.2, 0.8, 0.1, 0.5 };
	for (int i = 0; i < 5; i++)
		fake_add(&fa, i * 100, ys[i]);
	fa.s.best = 3;
	struct chart_series one = { &fa.s, caches_get(&cs, &fa.s, 0, SMOOTH_EMA), "run0", 0, 1, 0, true, NULL, NULL };
	struct chart_view v = { .xmode = XMODE_STEP, .zoom_lo = 0, .zoom_hi = 1, .cursor_x = NAN,
		.best_marks = false };
	struct canvas cv;
	TAP_OK(canvas_init(&cv, 40, 12) == TB_OK, "canvas 40x12");
	for (int tier = 0; tier < 2; tier++) {
		v.braille = tier == 1;
		canvas_clear(&cv);
		chart_render(&cv, 0, 0, 40, 12, "eval/loss", &one, 1, &v, NULL);
		print_canvas(&cv);
		char *t = canvas_to_text(&cv);
		TAP_OK(strstr(t, "eval/loss  best 0.1 @ 300") != NULL, "%s: title with best line",
				tier ? "braille" : "ascii");
		TAP_OK(connected(&cv, 7, 39, 1, 10), "%s: every column between points drawn (connected)",
				tier ? "braille" : "ascii");
		if (tier == 0)
			TAP_OK(strchr(t, '/') && strchr(t, '\\'), "ascii: rising and falling slopes drawn");
		else
			TAP_OK(strstr(t, "\xe2\xa0") || strstr(t, "\xe2\xa1") || strstr(t, "\xe2\xa2")
					|| strstr(t, "\xe2\xa3"), "braille: U+28xx cells drawn");
		TAP_OK(strstr(t, "step") != NULL, "%s: x axis labelled step", tier ? "braille" : "ascii");
		free(t);
	}
	/* best marker and relative-time axis */
	v.best_marks = true;
	v.braille = false;
	v.xmode = XMODE_RELATIVE;
	one.x_offset = 1000.0;
	canvas_clear(&cv);
	chart_render(&cv, 0, 0, 40, 12, "eval/loss", &one, 1, &v, NULL);
	print_canvas(&cv);
	char *t = canvas_to_text(&cv);
	TAP_OK(strchr(t, '@') && strstr(t, "rel") && strstr(t, "5m"), "best marker and relative axis (5m)");
	free(t);
	canvas_free(&cv);
	caches_free(&cs);
}

static int is_round(double step)
{
	double p = pow(10, floor(log10(step)));
	double m = step / p;
	return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9;
}

static void test_ticks(void)
{
	double t[16], st;
	int n = ticks_linear(0.013, 0.987, 6, t, &st);
	int ok = n >= 3 && is_round(st);
	for (int i = 0; i < n; i++)
		ok = ok && fabs(t[i] / st - round(t[i] / st)) < 1e-9 && t[i] >= 0.013 && t[i] <= 0.987;
	TAP_OK(ok, "linear ticks on 0.013..0.987 are multiples of a 1/2/5 step (%g, n=%d)", st, n);
	n = ticks_linear(-3721, 98123, 5, t, &st);
	TAP_OK(n >= 2 && n <= 5 && is_round(st) && fabs(fmod(t[0], st)) < 1e-6, "wide range ticks round (%g)", st);
	n = ticks_linear(0.0001234, 0.0001789, 4, t, &st);
	TAP_OK(n >= 2 && is_round(st), "tiny range ticks round (%g)", st);
	n = ticks_log(-3, 2, 6, t);
	ok = n >= 3;
	for (int i = 0; i < n; i++)
		ok = ok && fabs(t[i] - round(t[i])) < 1e-9;
	TAP_OK(ok, "log ticks on whole decades");
	n = ticks_time(0, 3 * 3600, 5, t, &st);
	TAP_OK(n >= 2 && fabs(fmod(st, 60)) < 1e-9, "time ticks on whole minutes (%g s)", st);

	char b[32];
	label_number(1200, 0, b, sizeof b);
	TAP_EQ_STR(b, "1.2k", "label 1200");
	label_number(3.5e-4, 0, b, sizeof b);
	TAP_EQ_STR(b, "3.5e-4", "label 3.5e-4");
	label_number(0.25, 0.05, b, sizeof b);
	TAP_EQ_STR(b, "0.25", "label 0.25");
	label_number(0.5, 0.25, b, sizeof b);
	TAP_EQ_STR(b, "0.5", "label 0.5 at step 0.25");
	label_number(2000000, 500000, b, sizeof b);
	TAP_EQ_STR(b, "2M", "label 2M");
	label_number(-1500, 500, b, sizeof b);
	TAP_EQ_STR(b, "-1.5k", "label -1.5k");
	label_number(0, 0.1, b, sizeof b);
	TAP_EQ_STR(b, "0", "label 0");
	label_value(0.26583, b, sizeof b);
	TAP_EQ_STR(b, "0.2658", "value 4 significant digits");
	label_duration(5400, b, sizeof b);
	TAP_EQ_STR(b, "1h30m", "duration 1h30m");
}

/* W&B's TWEMA, step for step as its documentation writes it. */
static void twema_by_hand(const struct fake *f, double param, double *out)
{
	double weight = fmin(sqrt(param), 0.999), range = (double)(f->step[f->s.n - 1] - f->step[0]);
	double last = 0, debias = 0;
	for (size_t i = 0; i < f->s.n; i++) {
		double dx = (double)(f->step[i] - f->step[i ? i - 1 : 0]);
		double adj = pow(weight, dx / range * 1000);
		last = last * adj + f->value[i];
		debias = debias * adj + 1;
		out[i] = last / debias;
	}
}

static void test_methods(void)
{
	struct chart_caches cs;
	caches_init(&cs);
	/* TWEMA on unevenly spaced points */
	static struct fake fu;
	fake_init(&fu, "uneven");
	int64_t step = 0;
	for (int i = 0; i < 400; i++) {
		step += i % 3 == 0 ? 1 : i % 3 == 1 ? 4 : 9;
		fake_add(&fu, step, sin(i * 0.1) + (i % 5) * 0.2);
	}
	static double want[400];
	twema_by_hand(&fu, 0.6, want);
	struct series_cache *c = caches_get(&cs, &fu.s, 0.6, SMOOTH_TWEMA);
	double worst = 0;
	for (size_t i = 0; i < fu.s.n; i++)
		worst = fmax(worst, fabs(cache_smooth(c, i) - want[i]));
	TAP_OK(c && worst < 1e-12, "twema: W&B's formula on unevenly spaced points (worst %g)", worst);
	/* running average: k = round(50 w) points each side, NaN left out */
	static struct fake fr;
	fake_init(&fr, "avg");
	double vals[] = { 1, 2, NAN, 4, 5, 6 };
	for (int i = 0; i < 6; i++)
		fake_add(&fr, i, vals[i]);
	c = caches_get(&cs, &fr.s, 0.02, SMOOTH_AVG);
	TAP_OK(c && fabs(cache_smooth(c, 0) - 1.5) < 1e-12 && fabs(cache_smooth(c, 1) - 1.5) < 1e-12 &&
	       isnan(cache_smooth(c, 2)) && fabs(cache_smooth(c, 3) - 4.5) < 1e-12 && fabs(cache_smooth(c, 4) - 5) < 1e-12 &&
	       fabs(cache_smooth(c, 5) - 5.5) < 1e-12, "avg: 3 points centred, NaN shown as NaN and left out of its neighbours");
	/* Gaussian: sd 1 point, cut at 3 sd: an impulse of 10 */
	static struct fake fg;
	fake_init(&fg, "gauss");
	for (int i = 0; i < 9; i++)
		fake_add(&fg, i, i == 4 ? 10 : 0);
	c = caches_get(&cs, &fg.s, 0.02, SMOOTH_GAUSS);
	double norm = 1 + 2 * (exp(-0.5) + exp(-2) + exp(-4.5));
	TAP_OK(c && fabs(cache_smooth(c, 4) - 10 / norm) < 1e-9 && fabs(cache_smooth(c, 3) - 10 * exp(-0.5) / norm) < 1e-9 &&
	       cache_smooth(c, 0) == 0, "gauss: the kernel exp(-d^2/2 sd^2), normalised, cut at 3 sd");
	TAP_NEAR(cache_smooth(c, 4), 3.990502, 1e-6, "gauss: 10 / 2.505950 at the impulse");
	/* wide windows run in time linear in the points: avg as a sliding sum
	 * (equal to the plain mean), gauss as three boxes (close to the kernel) */
	static struct fake fw;
	fake_init(&fw, "wide");
	for (int i = 0; i < 4000; i++)
		fake_add(&fw, i, sin(i * 0.02) + (i % 13) * 0.01);
	struct series_cache *ca = caches_get(&cs, &fw.s, 0.6, SMOOTH_AVG);
	double worst_avg = 0, worst_g = 0;
	for (int i = 0; ca && i < 4000; i++) {
		double sum = 0;
		int n = 0;
		for (int j = i - 30; j <= i + 30; j++)
			if (j >= 0 && j < 4000) {
				sum += sin(j * 0.02) + (j % 13) * 0.01;
				n++;
			}
		worst_avg = fmax(worst_avg, fabs(cache_smooth(ca, (size_t)i) - sum / n));
	}
	TAP_OK(ca && worst_avg < 1e-12, "avg 0.6: 30 points each side as a sliding sum, the plain mean (worst %g)", worst_avg);
	struct series_cache *cg = caches_get(&cs, &fw.s, 0.6, SMOOTH_GAUSS);
	for (int i = 100; cg && i < 3900; i++) {
		double sum = 0, ws = 0;
		for (int j = i - 90; j <= i + 90; j++) {
			double kw = exp(-(double)((j - i) * (j - i)) / (2.0 * 30 * 30));
			sum += kw * (sin(j * 0.02) + (j % 13) * 0.01);
			ws += kw;
		}
		worst_g = fmax(worst_g, fabs(cache_smooth(cg, (size_t)i) - sum / ws));
	}
	TAP_OK(cg && worst_g < 0.01, "gauss 0.6 (sd 30 points): three boxes within 1%% of a 2-wide signal of the kernel (worst %g)",
	       worst_g);
	/* appending: every method's cache equals one built from scratch */
	for (int m = SMOOTH_EMA; m < SMOOTH_COUNT; m++) {
		static struct fake fi;
		fake_init(&fi, "grow");
		struct chart_caches ci, cf;
		caches_init(&ci);
		caches_init(&cf);
		bool same = true;
		for (int i = 0; i < 3000; i++) {
			fake_add(&fi, i * 2 + i % 7, i % 97 == 0 ? NAN : cos(i * 0.01) + (i % 11) * 0.05);
			if (i % 250 != 249)
				continue;
			struct series_cache *a = caches_get(&ci, &fi.s, 0.4, (enum smooth_method)m);
			caches_free(&cf);
			caches_init(&cf);
			struct series_cache *b = caches_get(&cf, &fi.s, 0.4, (enum smooth_method)m);
			for (size_t k = 0; a && b && k < fi.s.n; k++) {
				double x = cache_smooth(a, k), y = cache_smooth(b, k);
				same &= (isnan(x) && isnan(y)) || x == y;
			}
			double lo1, hi1, lo2, hi2;
			same &= a && b && cache_minmax(a, true, 0, fi.s.n, &lo1, &hi1) == cache_minmax(b, true, 0, fi.s.n, &lo2, &hi2) &&
				lo1 == lo2 && hi1 == hi2 && cache_minmax(a, true, 100, 333, &lo1, &hi1) &&
				cache_minmax(b, true, 100, 333, &lo2, &hi2) && lo1 == lo2 && hi1 == hi2;
		}
		TAP_OK(same, "%s: a cache kept up as points arrive equals one built at once (values, pyramid)",
		       smooth_name((enum smooth_method)m));
		caches_free(&ci);
		caches_free(&cf);
	}
	caches_free(&cs);
}

/* NaN and inf points: a reversed '!' on the plot's top row at their x, in
 * both tiers, with and without colour; none outside the x window. */
static void test_nan_marks(void)
{
	static struct fake fn;
	struct chart_caches cs;
	caches_init(&cs);
	fake_init(&fn, "loss");
	for (int i = 0; i <= 100; i++)
		fake_add(&fn, i, i == 50 ? NAN : i == 51 ? NAN : i == 90 ? INFINITY : 1.0 / (1 + i));
	struct series_cache *c = caches_get(&cs, &fn.s, 0.6, SMOOTH_EMA);
	TAP_OK(c && c->nnf == 2 && c->nf[0][0] == 50 && c->nf[0][1] == 52 && c->nf[1][0] == 90,
	       "the cache keeps the runs of non-finite points: [50,52) and [90,91)");
	struct canvas cv;
	TAP_OK(canvas_init(&cv, 57, 12) == TB_OK, "canvas 57x12");
	for (int tier = 0; tier < 4; tier++) {
		bool braille = tier & 1, colour = tier & 2;
		struct chart_series one = { &fn.s, c, "run", 0, colour ? 3 : 0, colour ? 0 : '*', true, NULL, NULL };
		struct chart_view v;
		chart_view_init(&v);
		v.braille = braille;
		v.smoothing = 0.6;
		struct chart_info info;
		canvas_clear(&cv);
		chart_render(&cv, 0, 0, 57, 12, "loss", &one, 1, &v, &info);
		print_canvas(&cv);
		/* steps 0..100 over 50 columns: step 50 in column 25, 90 in column 45 */
		int marks = 0, at50 = 0, at90 = 0, good_attr = 1;
		for (int x = info.plot_x; x < info.plot_x + info.plot_w; x++) {
			const struct cell *cl = canvas_at(&cv, x, info.plot_y);
			if (cl->ch != '!')
				continue;
			marks++;
			at50 |= x - info.plot_x == 25;
			at90 |= x - info.plot_x == 45;
			good_attr &= (cl->attr & CELL_REVERSE) && cl->color == (colour ? 3 : 0);
		}
		TAP_OK(marks == 2 && at50 && at90 && good_attr,
		       "%s, %s: a reversed ! at steps 50-51 and 90 on the top row (%d marks)",
		       braille ? "braille" : "ASCII", colour ? "colour" : "no colour", marks);
		/* zoomed into the first fifth: no NaN there, no mark */
		v.zoom_hi = 0.2;
		canvas_clear(&cv);
		chart_render(&cv, 0, 0, 57, 12, "loss", &one, 1, &v, &info);
		char *t = canvas_to_text(&cv);
		TAP_OK(!strchr(t, '!'), "%s: no mark when the window holds no NaN", braille ? "braille" : "ASCII");
		free(t);
	}
	/* a rebuild (smoothing changed) keeps them; a series without any has none */
	c = caches_get(&cs, &fn.s, 0.3, SMOOTH_AVG);
	TAP_OK(c && c->nnf == 2, "the runs survive a rebuild of the cache");
	canvas_free(&cv);
	caches_free(&cs);
}

/* A group's band: a sparse mean line at 5 inside a band from 2 to 8 (its
 * two sides given as series, point for point with the mean), drawn in
 * every tier with and without colours: the band fills the cells between
 * its sides, above and below the line, and the line is drawn over it. */
static struct fake flo, fhi;

static int count_cells(const struct canvas *cv, uint32_t ch)
{
	int k = 0;
	for (int i = 0; i < cv->w * cv->h; i++)
		k += cv->cells[i].ch == ch;
	return k;
}

static void test_bands(void)
{
	struct chart_caches cs;
	caches_init(&cs);
	fake_init(&fa, "m");
	fake_init(&flo, "lo");
	fake_init(&fhi, "hi");
	for (int i = 0; i < 6; i++) {
		fake_add(&fa, i * 10, 5);
		fake_add(&flo, i * 10, 2);
		fake_add(&fhi, i * 10, 8 + (i == 3 ? 4 : 0));
	}
	fake_init(&fb, "other");    /* a plain line, above the band */
	for (int i = 0; i < 6; i++)
		fake_add(&fb, i * 10, 14);
	struct chart_series ss[2] = {
		{ &fa.s, caches_get(&cs, &fa.s, 0, SMOOTH_EMA), "lr=0.1 (3)", 0, 1, 0, true,
		  caches_get(&cs, &flo.s, 0, SMOOTH_EMA), caches_get(&cs, &fhi.s, 0, SMOOTH_EMA) },
		{ &fb.s, caches_get(&cs, &fb.s, 0, SMOOTH_EMA), "b", 0, 2, 0, false, NULL, NULL },
	};
	struct chart_view v = { .xmode = XMODE_STEP, .zoom_lo = 0, .zoom_hi = 1, .cursor_x = NAN, .legend = true };
	struct canvas cv;
	TAP_OK(canvas_init(&cv, 40, 14) == TB_OK, "canvas 40x14");
	static const uint32_t fills[4] = { ':', '.', 0x2591, 0x00b7 };
	for (int tier = 0; tier < 4; tier++) {
		const char *name[4] = { "ascii colour", "ascii no colour", "braille colour", "braille no colour" };
		v.braille = tier >= 2;
		ss[0].glyph = tier & 1 ? '*' : 0;
		ss[1].glyph = tier & 1 ? '+' : 0;
		canvas_clear(&cv);
		chart_render(&cv, 0, 0, 40, 14, "loss", ss, 2, &v, NULL);
		print_canvas(&cv);
		int nfill = count_cells(&cv, fills[tier]);
		/* the mean's row: the middle of the plot; the band spans rows on both sides */
		int above = 0, below = 0, line_row = -1, band_dim = 1;
		for (int y = 1; y < 12; y++) {
			int n = 0;
			for (int x = 7; x < 40; x++) {
				const struct cell *c = &cv.cells[y * 40 + x];
				if (c->ch == fills[tier]) {
					n++;
					band_dim &= (c->attr & CELL_DIM) != 0 && c->color == 1;
				} else if (c->ch && c->ch != fills[tier] && c->color == 1 && line_row < 0 && x > 20) {
					line_row = y;
				}
			}
			if (n && line_row < 0)
				above++;
			else if (n)
				below++;
		}
		TAP_OK(nfill > 40, "%s: the band fills cells (%d)", name[tier], nfill);
		TAP_OK(line_row > 0 && above >= 2 && below >= 2, "%s: rows of band above (%d) and below (%d) the line (row %d)",
		       name[tier], above, below, line_row);
		TAP_OK(band_dim, "%s: band cells dim, in the group's colour", name[tier]);
		char *t = canvas_to_text(&cv);
		TAP_OK(strstr(t, "lr=0.1 (3)") != NULL, "%s: the legend names the group and its count", name[tier]);
		TAP_OK(strstr(t, "14") != NULL, "%s: the y range holds the other line", name[tier]);
		free(t);
	}
	canvas_free(&cv);
	caches_free(&cs);
}

/* Many caches synced together: on threads, the same values as one by one;
 * past a deadline the rest left as they were, seen through caches_peek. */
static void test_prepare(void)
{
	enum { NS = 32, NP = 20000 };  /* 640k points: above the threads' threshold */
	static struct fake fs[NS];
	const struct series *ss[NS];
	for (int k = 0; k < NS; k++) {
		fake_init(&fs[k], "many");
		for (int i = 0; i < NP; i++)
			fake_add(&fs[k], i, i % 501 == k ? NAN : sin(i * 0.003 * (k + 1)) + (i % 7) * 0.01);
		ss[k] = &fs[k].s;
	}
	struct chart_caches par, one;
	caches_init(&par);
	caches_init(&one);
	par.nthreads = 4;       /* threads even on a one-CPU machine */
	size_t left = 99;
	bool ok = caches_prepare(&par, ss, NS, 0.6, SMOOTH_EMA, 0, &left) == TB_OK && left == 0;
	for (int m = SMOOTH_EMA; ok && m < SMOOTH_COUNT; m++) {
		ok &= caches_prepare(&par, ss, NS, 0.6, (enum smooth_method)m, 0, &left) == TB_OK && left == 0;
		for (int k = 0; ok && k < NS; k++) {
			struct series_cache *a = caches_peek(&par, ss[k]), *b = caches_get(&one, ss[k], 0.6, (enum smooth_method)m);
			for (size_t i = 0; a && b && i < NP; i += 7)
				ok &= (isnan(cache_smooth(a, i)) && isnan(cache_smooth(b, i))) || cache_smooth(a, i) == cache_smooth(b, i);
			ok &= a && b && a->method == (enum smooth_method)m;
		}
	}
	TAP_OK(ok, "caches_prepare on 4 threads: every method's values as caches_get's, one series at a time");
	/* a deadline already past: one series a thread, the others still EMA */
	ok = caches_prepare(&par, ss, NS, 0.6, SMOOTH_EMA, 0, &left) == TB_OK &&
	     caches_prepare(&par, ss, NS, 0.6, SMOOTH_GAUSS, tb_now() - 1, &left) == TB_OK;
	size_t ema = 0;
	for (int k = 0; k < NS; k++)
		ema += caches_peek(&par, ss[k]) && caches_peek(&par, ss[k])->method == SMOOTH_EMA;
	TAP_OK(ok && left == ema && left >= NS - 4 && left < NS,
	       "past its deadline: %zu of %d left behind, shown as they were (EMA)", left, NS);
	int rounds = 0;
	while (left && rounds++ < NS)
		ok &= caches_prepare(&par, ss, NS, 0.6, SMOOTH_GAUSS, tb_now() - 1, &left) == TB_OK;
	TAP_OK(ok && left == 0, "frame after frame past the deadline still catches up (%d rounds)", rounds);
	/* a series that lost points: its old cache must not be drawn */
	fs[0].s.n = 100;
	fs[0].s.reset_gen++;
	TAP_OK(caches_peek(&par, ss[0]) == NULL, "peek: no cache for a series that lost points since");
	fs[0].s.n = NP;
	caches_free(&par);
	caches_free(&one);
}

/* The palettes' tables: each 256-colour entry is the nearest to its true
 * colour (the default's true colours are its entries'), the 8-colour sets
 * are ANSI numbers, mono has no colour on a terminal but some for
 * pictures, and names parse back. */
static void test_palettes(void)
{
	bool near = true, same = true, ansi = true, named = true;
	for (int p = 0; p < PAL_COUNT; p++) {
		struct chart_colours c = chart_colours(p, DEPTH_RGB), c8 = chart_colours(p, DEPTH_8);
		for (size_t i = 0; i < c.n; i++) {
			near = near && chart_xterm_nearest(c.rgb[i]) == c.idx[i];
			same = same && (p != PAL_DEFAULT || chart_xterm_rgb(c.idx[i]) == c.rgb[i]);
		}
		for (size_t i = 0; i < c8.n; i++)
			ansi = ansi && c8.idx[i] >= 0 && c8.idx[i] < 8 && (i == 0 || c8.idx[i] != c8.idx[i - 1]);
		named = named && chart_palette_parse(chart_palette_name(p)) == p;
	}
	TAP_OK(near, "palettes: each 256-colour entry is the nearest to its true colour");
	TAP_OK(same, "palettes: the default's true colours are its 256 entries'");
	TAP_OK(ansi, "palettes: 8-colour sets are ANSI numbers, no hue twice in a row");
	TAP_OK(named && chart_palette_parse("nope") == -1, "palettes: names parse back, others do not");
	TAP_OK(chart_colours(PAL_OKABE_ITO, DEPTH_256).n == 7 && chart_colours(PAL_MONO, DEPTH_RGB).n == 0 &&
	       chart_colours(PAL_MONO, DEPTH_PICTURE).n > 1 && chart_colours(PAL_MONO, DEPTH_PICTURE).dashed &&
	       chart_colours(PAL_DEFAULT, DEPTH_NONE).n == 0, "palettes: okabe-ito's seven, mono none but in pictures (dashed)");
	const short *old;
	size_t n = chart_palette(true, &old);
	struct chart_colours d = chart_colours(PAL_DEFAULT, DEPTH_256);
	TAP_OK(n == d.n && memcmp(old, d.idx, n * sizeof *old) == 0, "palettes: chart_palette is the default's");
}

int main(void)
{
	test_palettes();
	test_smoothing();
	test_methods();
	test_decimation();
	test_tiers();
	test_ticks();
	test_nan_marks();
	test_bands();
	test_prepare();
	return tap_done();
}
