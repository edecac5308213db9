/* health_stats.c: the numeric kernels of the detectors: the reduction
 * that runs per point, and the sort, median and MAD that run per block. */
#include <math.h>
#include <string.h>
#include "health_int.h"

/* The one loop that runs per point. SSE2 (every x86-64) takes 4 floats or
 * 2 doubles an instruction, 4 accumulators deep to hide the latency: the
 * compiler will not vectorise a float sum or a NaN-aware min itself
 * without -ffast-math. A NaN may land in lo or hi (minps returns its
 * second operand when either is NaN), but the sum sees it too, and then
 * segment_nonfinite() redoes lo and hi over the finite points. */
/* Few points (a live tick): the vector set-up would cost more. */
#define REDUCE_SHORT(v, n, r)                                                 \
	do {                                                                  \
		(r)->sum = 0, (r)->lo = INFINITY, (r)->hi = -INFINITY;        \
		for (size_t i_ = 0; i_ < (n); i_++) {                         \
			double x_ = (v)[i_];                                  \
			(r)->sum += x_;                                       \
			(r)->lo = x_ < (r)->lo ? x_ : (r)->lo;                \
			(r)->hi = x_ > (r)->hi ? x_ : (r)->hi;                \
		}                                                             \
	} while (0)

#if defined(__SSE2__)
#include <emmintrin.h>

void health_reduce_f32(const float *v, size_t n, struct health_reduce *r)
{
	if (n < 16) {
		REDUCE_SHORT(v, n, r);
		return;
	}
	__m128 s[4], lo[4], hi[4];
	for (int k = 0; k < 4; k++) {
		s[k] = _mm_setzero_ps();
		lo[k] = _mm_set1_ps(INFINITY);
		hi[k] = _mm_set1_ps(-INFINITY);
	}
	size_t i = 0;
	for (; i + 16 <= n; i += 16)
		for (int k = 0; k < 4; k++) {
			__m128 x = _mm_loadu_ps(v + i + 4 * (size_t)k);
			s[k] = _mm_add_ps(s[k], x);
			lo[k] = _mm_min_ps(lo[k], x);
			hi[k] = _mm_max_ps(hi[k], x);
		}
	float fs[4], fl[4], fh[4];
	_mm_storeu_ps(fs, _mm_add_ps(_mm_add_ps(s[0], s[1]), _mm_add_ps(s[2], s[3])));
	_mm_storeu_ps(fl, _mm_min_ps(_mm_min_ps(lo[0], lo[1]), _mm_min_ps(lo[2], lo[3])));
	_mm_storeu_ps(fh, _mm_max_ps(_mm_max_ps(hi[0], hi[1]), _mm_max_ps(hi[2], hi[3])));
	r->sum = 0, r->lo = INFINITY, r->hi = -INFINITY;
	for (int k = 0; k < 4; k++) {
		r->sum += fs[k];
		r->lo = fl[k] < r->lo ? fl[k] : r->lo;
		r->hi = fh[k] > r->hi ? fh[k] : r->hi;
	}
	for (; i < n; i++) {
		r->sum += v[i];
		r->lo = v[i] < r->lo ? v[i] : r->lo;
		r->hi = v[i] > r->hi ? v[i] : r->hi;
	}
}

void health_reduce_f64(const double *v, size_t n, struct health_reduce *r)
{
	if (n < 8) {
		REDUCE_SHORT(v, n, r);
		return;
	}
	__m128d s[4], lo[4], hi[4];
	for (int k = 0; k < 4; k++) {
		s[k] = _mm_setzero_pd();
		lo[k] = _mm_set1_pd(INFINITY);
		hi[k] = _mm_set1_pd(-INFINITY);
	}
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		for (int k = 0; k < 4; k++) {
			__m128d x = _mm_loadu_pd(v + i + 2 * (size_t)k);
			s[k] = _mm_add_pd(s[k], x);
			lo[k] = _mm_min_pd(lo[k], x);
			hi[k] = _mm_max_pd(hi[k], x);
		}
	double ds[2], dl[2], dh[2];
	_mm_storeu_pd(ds, _mm_add_pd(_mm_add_pd(s[0], s[1]), _mm_add_pd(s[2], s[3])));
	_mm_storeu_pd(dl, _mm_min_pd(_mm_min_pd(lo[0], lo[1]), _mm_min_pd(lo[2], lo[3])));
	_mm_storeu_pd(dh, _mm_max_pd(_mm_max_pd(hi[0], hi[1]), _mm_max_pd(hi[2], hi[3])));
	r->sum = ds[0] + ds[1];
	r->lo = dl[1] < dl[0] ? dl[1] : dl[0];
	r->hi = dh[1] > dh[0] ? dh[1] : dh[0];
	for (; i < n; i++) {
		r->sum += v[i];
		r->lo = v[i] < r->lo ? v[i] : r->lo;
		r->hi = v[i] > r->hi ? v[i] : r->hi;
	}
}
#else
/* Elsewhere: four lanes spelt out, for the compiler to do what it can. */
#define REDUCE_BODY(T)                                                        \
	T s[4] = { 0 }, lo[4], hi[4];                                         \
	for (int k = 0; k < 4; k++)                                           \
		lo[k] = (T)INFINITY, hi[k] = (T)-INFINITY;                    \
	size_t i = 0;                                                         \
	for (; i + 4 <= n; i += 4)                                            \
		for (int k = 0; k < 4; k++) {                                 \
			T x = v[i + (size_t)k];                               \
			s[k] += x;                                            \
			lo[k] = x < lo[k] ? x : lo[k];                        \
			hi[k] = x > hi[k] ? x : hi[k];                        \
		}                                                             \
	for (; i < n; i++) {                                                  \
		s[0] += v[i];                                                 \
		lo[0] = v[i] < lo[0] ? v[i] : lo[0];                          \
		hi[0] = v[i] > hi[0] ? v[i] : hi[0];                          \
	}                                                                     \
	r->sum = 0, r->lo = INFINITY, r->hi = -INFINITY;                      \
	for (int k = 0; k < 4; k++) {                                         \
		r->sum += (double)s[k];                                       \
		r->lo = TB_MIN(r->lo, (double)lo[k]);                         \
		r->hi = TB_MAX(r->hi, (double)hi[k]);                         \
	}

void health_reduce_f64(const double *v, size_t n, struct health_reduce *r)
{
	REDUCE_BODY(double)
}

void health_reduce_f32(const float *v, size_t n, struct health_reduce *r)
{
	REDUCE_BODY(float)
}
#endif

/* Batcher's odd-even merge sort of 32: 191 compare-exchanges, branch-free,
 * spelt out so the values stay in registers (a loop over a table of the
 * pairs costs five times as much). The pairs come from: for p = 1, 2 ...
 * 16, k = p, p/2 ... 1, j = k mod p while j + k < 32 by 2k, i < k: (i + j,
 * i + j + k) when both lie in the same run of 2p. test_health checks it. */
#define CX(a, b) do { double lo_ = TB_MIN(x[a], x[b]), hi_ = TB_MAX(x[a], x[b]); \
	x[a] = lo_; x[b] = hi_; } while (0);
void health_sort32(double *x)
{
	CX(0, 1) CX(2, 3) CX(4, 5) CX(6, 7) CX(8, 9) CX(10, 11) CX(12, 13) CX(14, 15)
	CX(16, 17) CX(18, 19) CX(20, 21) CX(22, 23) CX(24, 25) CX(26, 27) CX(28, 29) CX(30, 31)
	CX(0, 2) CX(1, 3) CX(4, 6) CX(5, 7) CX(8, 10) CX(9, 11) CX(12, 14) CX(13, 15)
	CX(16, 18) CX(17, 19) CX(20, 22) CX(21, 23) CX(24, 26) CX(25, 27) CX(28, 30) CX(29, 31)
	CX(1, 2) CX(5, 6) CX(9, 10) CX(13, 14) CX(17, 18) CX(21, 22) CX(25, 26) CX(29, 30)
	CX(0, 4) CX(1, 5) CX(2, 6) CX(3, 7) CX(8, 12) CX(9, 13) CX(10, 14) CX(11, 15)
	CX(16, 20) CX(17, 21) CX(18, 22) CX(19, 23) CX(24, 28) CX(25, 29) CX(26, 30) CX(27, 31)
	CX(2, 4) CX(3, 5) CX(10, 12) CX(11, 13) CX(18, 20) CX(19, 21) CX(26, 28) CX(27, 29)
	CX(1, 2) CX(3, 4) CX(5, 6) CX(9, 10) CX(11, 12) CX(13, 14) CX(17, 18) CX(19, 20)
	CX(21, 22) CX(25, 26) CX(27, 28) CX(29, 30) CX(0, 8) CX(1, 9) CX(2, 10) CX(3, 11)
	CX(4, 12) CX(5, 13) CX(6, 14) CX(7, 15) CX(16, 24) CX(17, 25) CX(18, 26) CX(19, 27)
	CX(20, 28) CX(21, 29) CX(22, 30) CX(23, 31) CX(4, 8) CX(5, 9) CX(6, 10) CX(7, 11)
	CX(20, 24) CX(21, 25) CX(22, 26) CX(23, 27) CX(2, 4) CX(3, 5) CX(6, 8) CX(7, 9)
	CX(10, 12) CX(11, 13) CX(18, 20) CX(19, 21) CX(22, 24) CX(23, 25) CX(26, 28) CX(27, 29)
	CX(1, 2) CX(3, 4) CX(5, 6) CX(7, 8) CX(9, 10) CX(11, 12) CX(13, 14) CX(17, 18)
	CX(19, 20) CX(21, 22) CX(23, 24) CX(25, 26) CX(27, 28) CX(29, 30) CX(0, 16) CX(1, 17)
	CX(2, 18) CX(3, 19) CX(4, 20) CX(5, 21) CX(6, 22) CX(7, 23) CX(8, 24) CX(9, 25)
	CX(10, 26) CX(11, 27) CX(12, 28) CX(13, 29) CX(14, 30) CX(15, 31) CX(8, 16) CX(9, 17)
	CX(10, 18) CX(11, 19) CX(12, 20) CX(13, 21) CX(14, 22) CX(15, 23) CX(4, 8) CX(5, 9)
	CX(6, 10) CX(7, 11) CX(12, 16) CX(13, 17) CX(14, 18) CX(15, 19) CX(20, 24) CX(21, 25)
	CX(22, 26) CX(23, 27) CX(2, 4) CX(3, 5) CX(6, 8) CX(7, 9) CX(10, 12) CX(11, 13)
	CX(14, 16) CX(15, 17) CX(18, 20) CX(19, 21) CX(22, 24) CX(23, 25) CX(26, 28) CX(27, 29)
	CX(1, 2) CX(3, 4) CX(5, 6) CX(7, 8) CX(9, 10) CX(11, 12) CX(13, 14) CX(15, 16)
	CX(17, 18) CX(19, 20) CX(21, 22) CX(23, 24) CX(25, 26) CX(27, 28) CX(29, 30)
}

/* The same network for 16: 63 compare-exchanges. */
void health_sort16(double *x)
{
	CX(0, 1) CX(2, 3) CX(4, 5) CX(6, 7) CX(8, 9) CX(10, 11) CX(12, 13) CX(14, 15)
	CX(0, 2) CX(1, 3) CX(4, 6) CX(5, 7) CX(8, 10) CX(9, 11) CX(12, 14) CX(13, 15)
	CX(1, 2) CX(5, 6) CX(9, 10) CX(13, 14) CX(0, 4) CX(1, 5) CX(2, 6) CX(3, 7)
	CX(8, 12) CX(9, 13) CX(10, 14) CX(11, 15) CX(2, 4) CX(3, 5) CX(10, 12) CX(11, 13)
	CX(1, 2) CX(3, 4) CX(5, 6) CX(9, 10) CX(11, 12) CX(13, 14) CX(0, 8) CX(1, 9)
	CX(2, 10) CX(3, 11) CX(4, 12) CX(5, 13) CX(6, 14) CX(7, 15) CX(4, 8) CX(5, 9)
	CX(6, 10) CX(7, 11) CX(2, 4) CX(3, 5) CX(6, 8) CX(7, 9) CX(10, 12) CX(11, 13)
	CX(1, 2) CX(3, 4) CX(5, 6) CX(7, 8) CX(9, 10) CX(11, 12) CX(13, 14)
}
#undef CX

void health_sort_halves(const double *old, double *young, double *x)
{
	double a[17], b[17];
	health_sort16(young);
	memcpy(a, old, 16 * sizeof(double));
	memcpy(b, young, 16 * sizeof(double));
	a[16] = b[16] = INFINITY;       /* sentinels: no bounds checks */
	size_t i = 0, j = 0;
	for (size_t k = 0; k < 32; k++) {
		/* branch-free: which run the next one comes from is a coin toss */
		bool from_a = a[i] <= b[j];
		x[k] = from_a ? a[i] : b[j];
		i += from_a;
		j += !from_a;
	}
}

/* Median and MAD of the m smallest of the sorted x (the rest is padding):
 * the deviations below and above the median are each sorted already, so
 * the MAD is a merge of two runs, not a second sort. */
void health_median_mad(const double *x, uint32_t m, double *med, double *mad)
{
	*med = m % 2 ? x[m / 2] : 0.5 * (x[m / 2 - 1] + x[m / 2]);
	uint32_t l = m / 2, r = m / 2;  /* next below: x[l - 1]; next above: x[r] */
	double prev = 0, cur = 0;
	for (uint32_t k = 0; k <= m / 2; k++) {
		prev = cur;
		double dl = l > 0 ? *med - x[l - 1] : INFINITY;
		double dr = r < m ? x[r] - *med : INFINITY;
		if (dl <= dr) {
			cur = dl;
			l--;
		} else {
			cur = dr;
			r++;
		}
	}
	*mad = m % 2 ? cur : 0.5 * (prev + cur);
}

