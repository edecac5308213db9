/* smooth.c: the smoothing methods beside TensorBoard's EMA (which cache.c
 * keeps point by point): W&B's time-weighted EMA, a running average and a
 * Gaussian (three boxes, so its cost does not grow with its width), each
 * in time linear in the points, over every point of a series in step order, so a curve
 * does not change with zoom or terminal width. Non-finite values are left
 * out of every average and shown as they are. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/chart.h"

#define TWEMA_SCALE 1000.0      /* W&B's viewport scale: x steps over the range */

static const char *const names[SMOOTH_COUNT] = { "ema", "twema", "avg", "gauss" };

const char *smooth_name(enum smooth_method m)
{
	return m < SMOOTH_COUNT ? names[m] : "?";
}

int smooth_parse(const char *s, enum smooth_method *out)
{
	for (int m = 0; m < SMOOTH_COUNT; m++)
		if (strcmp(s, names[m]) == 0) {
			*out = (enum smooth_method)m;
			return TB_OK;
		}
	return TB_ERR;
}

int smooth_points(double w)
{
	return (int)lround(w * 50);
}

void smooth_label(enum smooth_method m, double w, char *buf, size_t cap)
{
	if (m == SMOOTH_AVG)
		snprintf(buf, cap, "avg %d pts", 2 * smooth_points(w) + 1);
	else if (m == SMOOTH_GAUSS)
		snprintf(buf, cap, "gauss sd %d pts", smooth_points(w));
	else
		snprintf(buf, cap, "%s", smooth_name(m));
}

/* Up to this sd (points) the kernel itself, cut at 3 sd: three boxes are
 * too coarse there, and the kernel is cheap. */
#define GAUSS_EXACT 4

/* A Gaussian of sd k points as three centred boxes (their half-widths
 * into r): the variances of the boxes add up to k^2, so the curve is the
 * Gaussian's to within a few per cent, at a cost that does not grow with
 * k (Kovesi's widths: two or three odd widths around the ideal). */
static void gauss_boxes(int k, size_t r[3])
{
	double ideal = sqrt(12.0 * k * k / 3 + 1);
	int wl = (int)floor(ideal);
	if (wl % 2 == 0)
		wl--;
	int wu = wl + 2;
	int m = (int)lround((12.0 * k * k - 3.0 * wl * wl - 12.0 * wl - 9) / (-4.0 * wl - 4));
	for (int i = 0; i < 3; i++)
		r[i] = (size_t)((i < m ? wl : wu) / 2);
}

size_t smooth_reach(enum smooth_method m, double w)
{
	int k = smooth_points(w);
	if (m == SMOOTH_GAUSS && k <= GAUSS_EXACT)
		return (size_t)(3 * k);
	if (m == SMOOTH_GAUSS) {
		size_t r[3];
		gauss_boxes(k, r);
		return r[0] + r[1] + r[2];
	}
	return m == SMOOTH_AVG ? (size_t)k : 0;
}

/* W&B's TWEMA: the weight decays with the x distance between points as a
 * share of the series' x range, debiased like TensorBoard's. */
static void twema(const struct series_cache *c, size_t n, double w, double *out)
{
	double weight = fmin(sqrt(w), 0.999), range = n ? (double)(cache_step(c, n - 1) - cache_step(c, 0)) : 0;
	double last = 0, debias = 0, prev_dx = NAN, adj = weight;
	for (size_t i = 0; i < n; i++) {
		double y = cache_value(c, i);
		if (!isfinite(y)) {
			out[i] = y;
			continue;
		}
		double dx = i ? (double)(cache_step(c, i) - cache_step(c, i - 1)) : 0;
		if (dx != prev_dx && range > 0) {      /* evenly logged: one pow() for the run, not one a point */
			adj = pow(weight, dx / range * TWEMA_SCALE);
			prev_dx = dx;
		}
		last = last * adj + y;
		debias = debias * adj + 1;
		out[i] = last / debias;
	}
}

/* Points [from, n) under the Gaussian kernel of sd k, cut at 3 sd and
 * normalised over the finite values it covers. */
static void kernel(const struct series_cache *c, size_t n, size_t from, int k, double *out)
{
	double kw[3 * GAUSS_EXACT + 1];
	size_t reach = (size_t)(3 * k);
	for (size_t d = 0; d <= reach; d++)
		kw[d] = exp(-(double)(d * d) / (2.0 * k * k));
	for (size_t i = from; i < n; i++) {
		double y = cache_value(c, i);
		if (!isfinite(y)) {
			out[i] = y;
			continue;
		}
		size_t a = i >= reach ? i - reach : 0, b = i + reach < n ? i + reach : n - 1;
		double sum = 0, wsum = 0;
		for (size_t j = a; j <= b; j++) {
			double v = cache_value(c, j);
			if (isfinite(v)) {
				sum += kw[j > i ? j - i : i - j] * v;
				wsum += kw[j > i ? j - i : i - j];
			}
		}
		out[i] = sum / wsum;
	}
}

/* A sum kept with its rounding error beside it (Neumaier's compensated
 * summation): values slide in and out of a window, and what a large value
 * left behind must not stay in the sum of small ones after it. Twice a
 * double's precision in SSE registers, several times faster than x87's
 * long double, whose divide held up the whole loop. */
struct csum {
	double s, c;
};

static inline void csum_add(struct csum *k, double x)
{
	double t = k->s + x;
	k->c += fabs(k->s) >= fabs(x) ? (k->s - t) + x : (x - t) + k->s;
	k->s = t;
}

/* out[i] for i in [lo, n): the mean of the finite in[j] with |j - i| <= r
 * (fewer at the ends), kept as a sliding sum; in must hold [lo - r, n).
 * Non-finite values pass through as they are. */
static void box(const double *in, double *out, size_t lo, size_t n, size_t r)
{
	struct csum sum = { 0, 0 };
	size_t cnt = 0, a = lo > r ? lo - r : 0, b = a;     /* the window is [a, b) */
	for (size_t i = lo; i < n; i++) {
		size_t want_a = i > r ? i - r : 0, want_b = i + r + 1 < n ? i + r + 1 : n;
		for (; b < want_b; b++)
			if (isfinite(in[b])) {
				csum_add(&sum, in[b]);
				cnt++;
			}
		for (; a < want_a; a++)
			if (isfinite(in[a])) {
				csum_add(&sum, -in[a]);
				cnt--;
			}
		out[i] = isfinite(in[i]) && cnt ? (sum.s + sum.c) / (double)cnt : in[i];
	}
}

/* Room for two arrays of n doubles: the scratch's own, kept between
 * calls (a page fault costs more than a point's smoothing, and a switch
 * of method would fault in megabytes of fresh memory every time), or
 * this call's when there is no scratch. */
static int scratch_get(struct smooth_scratch *sc, size_t n, double **a, double **b)
{
	if (sc && n > sc->cap) {
		size_t cap = n + n / 4;         /* a series that grows by a point does not realloc each time */
		free(sc->buf);
		sc->cap = 0;
		sc->buf = malloc(2 * cap * sizeof *sc->buf);
		if (!sc->buf)
			return TB_NOMEM;
		sc->cap = cap;
	}
	*a = sc ? sc->buf : malloc(2 * n * sizeof **a);
	*b = *a ? *a + n : NULL;
	return *a ? TB_OK : TB_NOMEM;
}

void smooth_scratch_free(struct smooth_scratch *sc)
{
	free(sc->buf);
	memset(sc, 0, sizeof *sc);
}

/* Points [from, n) of the centred methods: one box of k each side (avg),
 * or three boxes (gauss); scratch arrays for the passes between. */
static void centred(const struct series_cache *c, size_t n, size_t from, size_t *r, int passes, double *out,
		    struct smooth_scratch *sc)
{
	size_t reach = 0;
	for (int p = 0; p < passes; p++)
		reach += r[p];
	size_t lo = from > reach ? from - reach : 0;
	double *in, *tmp;
	if (scratch_get(sc, n - lo, &in, &tmp)) {
		for (size_t i = from; i < n; i++)
			out[i] = cache_value(c, i);     /* out of memory: the raw line, not a crash */
		return;
	}
	double *own = sc ? NULL : in;
	for (size_t i = lo; i < n; i++)
		in[i - lo] = cache_value(c, i);
	/* pass p writes from where the later passes still need it */
	size_t start = lo;
	for (int p = 0; p < passes; p++) {
		start += r[p];
		double *dst = p == passes - 1 ? out + lo : tmp;
		size_t s = lo ? TB_MIN(start, n) - lo : 0;     /* from the series' start, the ends are its own */
		box(in, dst, p == passes - 1 ? from - lo : s, n - lo, r[p]);
		if (p < passes - 1) {
			double *t = in;
			in = tmp;
			tmp = t;
		}
	}
	free(own);
}

void smooth_series(const struct series_cache *c, enum smooth_method m, double w, size_t n, size_t from,
		   double *out, struct smooth_scratch *sc)
{
	int k = smooth_points(w);
	if (m == SMOOTH_TWEMA) {
		twema(c, n, w, out);
	} else if (m == SMOOTH_AVG || k == 0) {
		size_t r = m == SMOOTH_AVG ? (size_t)k : 0;
		centred(c, n, from, &r, 1, out, sc);
	} else if (k <= GAUSS_EXACT) {
		kernel(c, n, from, k, out);
	} else {
		size_t r[3];
		gauss_boxes(k, r);
		centred(c, n, from, r, 3, out, sc);
	}
}
