/* ticks.c: round-number axis ticks and the compact labels under them. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "tailboard/chart.h"

/* Smallest 1/2/5 x 10^k that is >= x. */
static double nice_step(double x)
{
	double p = pow(10, floor(log10(x)));
	double m = x / p;
	if (m <= 1.0001) return p;
	if (m <= 2.0001) return 2 * p;
	if (m <= 5.0001) return 5 * p;
	return 10 * p;
}

static int ticks_from(double lo, double hi, double st, int max, double *out)
{
	int n = 0;
	double first = ceil(lo / st - 1e-9);
	for (double k = first; n < max; k++) {
		double t = k * st;
		if (t > hi + st * 1e-9)
			break;
		if (fabs(t) < st * 1e-9)
			t = 0;  /* -0 and 1e-17 print badly */
		out[n++] = t;
	}
	return n;
}

int ticks_linear(double lo, double hi, int max, double *out, double *step)
{
	if (max < 1 || !isfinite(lo) || !isfinite(hi) || hi < lo)
		return 0;
	if (!(hi > lo)) {
		out[0] = lo;
		if (step) *step = 0;
		return 1;
	}
	double st = nice_step((hi - lo) / (max > 1 ? max - 1 : 1));
	int n = ticks_from(lo, hi, st, max, out);
	while (n > max - 0 && n > 1) {      /* should not happen; be safe */
		st = nice_step(st * 1.01);
		n = ticks_from(lo, hi, st, max, out);
	}
	if (step) *step = st;
	return n;
}

int ticks_log(double lo, double hi, int max, double *out)
{
	if (max < 1 || !isfinite(lo) || !isfinite(hi) || hi < lo)
		return 0;
	/* whole decades when there are enough, else 1/2/5 within decades */
	int n = 0;
	double span = hi - lo;
	if (span >= 1.5) {
		double st = ceil(span / max);
		if (st < 1) st = 1;
		return ticks_from(lo, hi, st, max, out);
	}
	static const double mult[] = { 1, 2, 5 };
	for (double d = floor(lo); d <= ceil(hi) && n < max; d++)
		for (size_t i = 0; i < TB_ARRAY_LEN(mult) && n < max; i++) {
			double t = d + log10(mult[i]);
			if (t >= lo - 1e-9 && t <= hi + 1e-9)
				out[n++] = t;
		}
	if (n == 0) {
		double st;
		double tmp[16];
		int m = ticks_linear(pow(10, lo), pow(10, hi), max < 16 ? max : 16, tmp, &st);
		for (int i = 0; i < m; i++)
			if (tmp[i] > 0)
				out[n++] = log10(tmp[i]);
	}
	return n;
}

int ticks_time(double lo, double hi, int max, double *out, double *step)
{
	static const double steps[] = {
		1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
		3600, 7200, 10800, 21600, 43200, 86400, 172800, 432000, 864000,
	};
	if (max < 1 || !isfinite(lo) || !isfinite(hi) || hi < lo)
		return 0;
	double want = (hi - lo) / (max > 1 ? max - 1 : 1);
	if (want < 1)
		return ticks_linear(lo, hi, max, out, step);
	double st = 0;
	for (size_t i = 0; i < TB_ARRAY_LEN(steps); i++)
		if (steps[i] >= want) {
			st = steps[i];
			break;
		}
	if (!(st > 0))
		st = 86400 * nice_step(want / 86400);
	if (step) *step = st;
	return ticks_from(lo, hi, st, max, out);
}

int ticks_wall(double lo, double hi, int max, double *out, double *step)
{
	/* round times of the local clock, not of UTC: shift by the zone's
	 * offset at the window's start, tick, shift back */
	time_t t0 = (time_t)floor(isfinite(lo) ? lo : 0);
	struct tm tm;
	double off = localtime_r(&t0, &tm) ? (double)tm.tm_gmtoff : 0;
	int n = ticks_time(lo + off, hi + off, max, out, step);
	for (int i = 0; i < n; i++)
		out[i] -= off;
	return n;
}

int ticks_steps(double lo, double hi, int max, double *out, double *step)
{
	/* steps are whole: never a tick between two of them or outside the data */
	double l = ceil(lo - 1e-9), h = floor(hi + 1e-9);
	if (max < 1 || !isfinite(lo) || !isfinite(hi) || l > h)
		return 0;
	int n = ticks_linear(l, h, max, out, step);
	if (n && step && *step < 1) {
		*step = 1;
		n = ticks_from(l, h, 1, max, out);
	}
	return n;
}

/* Remove trailing zeros after a decimal point, and the point itself. */
static void trim_zeros(char *s)
{
	char *dot = strchr(s, '.');
	if (!dot)
		return;
	char *e = strpbrk(s, "eE");
	char tail[16] = "";
	if (e) {
		snprintf(tail, sizeof tail, "%s", e);
		*e = 0;
	}
	char *p = s + strlen(s) - 1;
	while (p > dot && *p == '0')
		*p-- = 0;
	if (p == dot)
		*p = 0;
	strcat(s, tail);
}

/* "3.5e-04" -> "3.5e-4", "1e+06" -> "1e6": shorter is better in a gutter. */
static void trim_exponent(char *s)
{
	char *e = strchr(s, 'e');
	if (!e)
		return;
	char *src = e + 1, *dst = e + 1;
	if (*src == '+')
		src++;
	else if (*src == '-')
		*dst++ = *src++;
	while (*src == '0' && src[1])
		src++;
	memmove(dst, src, strlen(src) + 1);
}

void label_number(double v, double step, char *buf, size_t len)
{
	static const char suffix[] = "kMGTPE";
	double a = fabs(v);
	if (!isfinite(v)) {
		snprintf(buf, len, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
		return;
	}
	if (!(a > 0)) {
		snprintf(buf, len, "0");
		return;
	}
	if (a >= 1000) {
		int k = -1;
		double s = v, st = step;
		while (fabs(s) >= 1000 && k < 5) {
			s /= 1000;
			st /= 1000;
			k++;
		}
		int dec = st > 0 && st < 1 ? (int)ceil(-log10(st) - 1e-9) : 0;
		if (step <= 0)
			dec = 2;
		if (dec > 3) dec = 3;
		snprintf(buf, len, "%.*f", dec, s);
		trim_zeros(buf);
		size_t l = strlen(buf);
		if (l + 1 < len) {
			buf[l] = suffix[k];
			buf[l + 1] = 0;
		}
		return;
	}
	if (a < 1e-3 || (step > 0 && step < 1e-3)) {
		snprintf(buf, len, "%.2g", v);
		if (!strchr(buf, 'e'))
			snprintf(buf, len, "%.1e", v);
		trim_zeros(buf);
		trim_exponent(buf);
		return;
	}
	int dec = step > 0 ? (int)ceil(-log10(step) - 1e-9) : 4 - (int)floor(log10(a)) - 1;
	if (dec < 0) dec = 0;
	if (dec > 6) dec = 6;
	snprintf(buf, len, "%.*f", dec, v);
	trim_zeros(buf);
}

void label_value(double v, char *buf, size_t len)
{
	if (!isfinite(v) || !(fabs(v) > 0) || fabs(v) >= 1e4 || fabs(v) < 1e-3) {
		label_number(v, 0, buf, len);
		return;
	}
	snprintf(buf, len, "%.4g", v);
	trim_exponent(buf);
}

void label_duration(double secs, char *buf, size_t len)
{
	const char *sign = secs < 0 ? "-" : "";
	double a = fabs(secs);
	long s = (long)floor(a + 0.5);
	if (a < 10 && a > floor(a))
		snprintf(buf, len, "%s%.1fs", sign, a);
	else if (s < 60)
		snprintf(buf, len, "%s%lds", sign, s);
	else if (s < 3600)
		snprintf(buf, len, s % 60 ? "%s%ldm%02lds" : "%s%ldm", sign, s / 60, s % 60);
	else if (s < 86400 * 2)
		snprintf(buf, len, (s % 3600) / 60 ? "%s%ldh%02ldm" : "%s%ldh", sign, s / 3600, (s % 3600) / 60);
	else
		snprintf(buf, len, (s % 86400) / 3600 ? "%s%ldd%02ldh" : "%s%ldd", sign, s / 86400, (s % 86400) / 3600);
}

void label_date(double t, char *buf, size_t len)
{
	time_t tt = (time_t)floor(t);
	struct tm tm;
	if (!isfinite(t) || !localtime_r(&tt, &tm))
		snprintf(buf, len, "?");
	else
		strftime(buf, len, "%m-%d", &tm);
}

void label_clock(double t, double step, char *buf, size_t len)
{
	time_t tt = (time_t)floor(t);
	struct tm tm;
	if (!isfinite(t) || !localtime_r(&tt, &tm)) {
		snprintf(buf, len, "?");
		return;
	}
	if (step >= 86400)
		strftime(buf, len, "%m-%d", &tm);
	else if (step >= 60 || step <= 0)
		strftime(buf, len, "%H:%M", &tm);
	else
		strftime(buf, len, "%H:%M:%S", &tm);
}
