/* smooth.c: the smoothing methods beside TensorBoard's EMA (which cache.c
 * keeps point by point): W&B's time-weighted EMA, a running average and a
 * Gaussian, each over every point of a series in step order, so a curve
 * does not change with zoom or terminal width. Non-finite values are left
 * out of every average and shown as they are. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "tailboard/chart.h"

#define TWEMA_SCALE 1000.0      /* W&B's viewport scale: x steps over the range */
#define GAUSS_REACH 3           /* kernel cut at 3 sigma */

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

size_t smooth_reach(enum smooth_method m, double w)
{
	int k = smooth_points(w);
	return m == SMOOTH_AVG ? (size_t)k : m == SMOOTH_GAUSS ? (size_t)(GAUSS_REACH * k) : 0;
}

/* W&B's TWEMA: the weight decays with the x distance between points as a
 * share of the series' x range, debiased like TensorBoard's. */
static void twema(const struct series_cache *c, size_t n, double w, double *out)
{
	double weight = fmin(sqrt(w), 0.999), range = n ? (double)(cache_step(c, n - 1) - cache_step(c, 0)) : 0;
	double last = 0, debias = 0;
	for (size_t i = 0; i < n; i++) {
		double y = cache_value(c, i);
		if (!isfinite(y)) {
			out[i] = y;
			continue;
		}
		double dx = i ? (double)(cache_step(c, i) - cache_step(c, i - 1)) : 0;
		double adj = range > 0 ? pow(weight, dx / range * TWEMA_SCALE) : weight;
		last = last * adj + y;
		debias = debias * adj + 1;
		out[i] = last / debias;
	}
}

/* Points [from, n) of a centred average over k points each side, weighed
 * by kernel (NULL: all 1). */
static void centred(const struct series_cache *c, size_t n, size_t from, int k, const double *kernel, double *out)
{
	for (size_t i = from; i < n; i++) {
		double y = cache_value(c, i);
		if (!isfinite(y)) {
			out[i] = y;
			continue;
		}
		size_t a = i >= (size_t)k ? i - (size_t)k : 0, b = i + (size_t)k < n ? i + (size_t)k : n - 1;
		double sum = 0, wsum = 0;
		for (size_t j = a; j <= b; j++) {
			double v = cache_value(c, j);
			if (!isfinite(v))
				continue;
			double kw = kernel ? kernel[j > i ? j - i : i - j] : 1;
			sum += kw * v;
			wsum += kw;
		}
		out[i] = sum / wsum;
	}
}

void smooth_series(const struct series_cache *c, enum smooth_method m, double w, size_t n, size_t from,
		   double *out)
{
	int k = smooth_points(w);
	if (m == SMOOTH_TWEMA) {
		twema(c, n, w, out);
	} else if (m == SMOOTH_AVG || k == 0) {
		centred(c, n, from, m == SMOOTH_AVG ? k : 0, NULL, out);
	} else {
		double kernel[GAUSS_REACH * 50 + 1];
		size_t reach = (size_t)(GAUSS_REACH * k);
		for (size_t d = 0; d <= reach && d < TB_ARRAY_LEN(kernel); d++)
			kernel[d] = exp(-(double)(d * d) / (2.0 * k * k));
		centred(c, n, from, (int)reach, kernel, out);
	}
}
