/* series.c: a series' point columns, narrow while the data allows, and the
 * stats (min, max, best, sortedness) kept up to date as points arrive. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "series_int.h"

void series_free(struct series *s)
{
	free(s->tag);
	free(s->step32);
	free(s->step64);
	free(s->wall32);
	free(s->wall64);
	free(s->value32);
	free(s->value64);
	free(s);
}

static size_t point_bytes(const struct series *s)
{
	return (s->step64 ? 8 : s->step32 ? 4 : 0) + (s->wall64 ? 8 : 4) + (s->value64 ? 8 : 4);
}

static int grow(void **p, size_t ncap, size_t elem)
{
	if (!*p)
		return TB_OK;
	void *q = realloc(*p, ncap * elem);
	if (!q)
		return TB_NOMEM;
	*p = q;
	return TB_OK;
}

static int series_reserve(struct series *s, size_t need)
{
	if (need <= s->cap)
		return TB_OK;
	size_t ncap = s->cap ? s->cap : 16;
	while (ncap < need)
		ncap *= 2;
	if (!s->cap) {
		/* first point: narrow columns, and no step column at all */
		s->wall32 = malloc(ncap * sizeof(*s->wall32));
		s->value32 = malloc(ncap * sizeof(*s->value32));
		if (!s->wall32 || !s->value32)
			return TB_NOMEM;
		s->single = true;
	} else if (grow((void **)&s->step32, ncap, sizeof(*s->step32)) ||
		   grow((void **)&s->step64, ncap, sizeof(*s->step64)) ||
		   grow((void **)&s->wall32, ncap, sizeof(*s->wall32)) ||
		   grow((void **)&s->wall64, ncap, sizeof(*s->wall64)) ||
		   grow((void **)&s->value32, ncap, sizeof(*s->value32)) ||
		   grow((void **)&s->value64, ncap, sizeof(*s->value64))) {
		return TB_NOMEM;
	}
	s->run->point_bytes += (ncap - s->cap) * point_bytes(s);
	s->cap = ncap;
	return TB_OK;
}

/* Step i of a series whose steps are still implicit; false on overflow. */
static bool implied_step(const struct series *s, size_t i, int64_t *out)
{
	int64_t d;
	return !__builtin_mul_overflow((int64_t)i, s->step_stride, &d) &&
	       !__builtin_add_overflow(s->step_base, d, out);
}

/* Steps stopped being regular: store them, as int32 offsets when the ones
 * so far fit (they do unless the stride is huge). */
static int materialize_steps(struct series *s)
{
	int32_t *n32 = malloc(s->cap * sizeof(*n32));
	if (!n32)
		return TB_NOMEM;
	bool fits = true;
	for (size_t i = 0; i < s->n && fits; i++) {
		int64_t d;
		fits = !__builtin_mul_overflow((int64_t)i, s->step_stride, &d) && d >= INT32_MIN && d <= INT32_MAX;
		if (fits)
			n32[i] = (int32_t)d;
	}
	if (fits) {
		s->step32 = n32;
		s->run->point_bytes += s->cap * 4;
		return TB_OK;
	}
	free(n32);
	int64_t *n64 = malloc(s->cap * sizeof(*n64));
	if (!n64)
		return TB_NOMEM;
	for (size_t i = 0; i < s->n; i++)
		n64[i] = s->step_base + (int64_t)i * s->step_stride; /* each was checked when added */
	s->step64 = n64;
	s->run->point_bytes += s->cap * 8;
	return TB_OK;
}

/* A step that does not fit as an int32 offset: widen the column. */
static int widen_steps(struct series *s)
{
	int64_t *w = malloc(s->cap * sizeof(*w));
	if (!w)
		return TB_NOMEM;
	for (size_t i = 0; i < s->n; i++)
		w[i] = s->step_base + s->step32[i];
	free(s->step32);
	s->step32 = NULL;
	s->step64 = w;
	s->run->point_bytes += s->cap * 4;
	return TB_OK;
}

/* A wall time a float offset cannot hold exactly: widen the column. */
static int widen_walls(struct series *s)
{
	double *w = malloc(s->cap * sizeof(*w));
	if (!w)
		return TB_NOMEM;
	for (size_t i = 0; i < s->n; i++)
		w[i] = s->wall_base + (double)s->wall32[i];
	free(s->wall32);
	s->wall32 = NULL;
	s->wall64 = w;
	s->run->point_bytes += s->cap * 4;
	return TB_OK;
}

/* A value that is not exactly a float: widen the column. */
static int widen_values(struct series *s)
{
	double *w = malloc(s->cap * sizeof(*w));
	if (!w)
		return TB_NOMEM;
	for (size_t i = 0; i < s->n; i++)
		w[i] = s->value32[i];
	free(s->value32);
	s->value32 = NULL;
	s->value64 = w;
	s->run->point_bytes += s->cap * 4;
	return TB_OK;
}

static int put_point(struct series *s, size_t i, int64_t step, double wall, double value)
{
	/* the base is set by the first point only: a purge rewrites in place
	 * and must not move it under points not yet rewritten */
	if (s->n == 0 && !s->step64)
		s->step_base = step;
	if (!s->step32 && !s->step64) {
		int64_t implied;
		if (i == 1 && s->n == 1 && __builtin_sub_overflow(step, s->step_base, &s->step_stride))
			s->step_stride = 0;     /* a stride that overflows: the check below fails */
		if (i == 0 ? step != s->step_base : !implied_step(s, i, &implied) || implied != step) {
			if (materialize_steps(s) != TB_OK)
				return TB_NOMEM;
		}
	}
	if (s->step32) {
		int64_t d;
		if (!__builtin_sub_overflow(step, s->step_base, &d) && d >= INT32_MIN && d <= INT32_MAX)
			s->step32[i] = (int32_t)d;
		else if (widen_steps(s) != TB_OK)
			return TB_NOMEM;
	}
	if (s->step64)
		s->step64[i] = step;
	if (s->n == 0 && s->wall32)
		s->wall_base = wall;
	if (!series_put_wall(s, i, wall)) {
		if (widen_walls(s) != TB_OK)
			return TB_NOMEM;
		s->wall64[i] = wall;
	}
	if (!series_put_value(s, i, value)) {
		if (widen_values(s) != TB_OK)
			return TB_NOMEM;
		s->value64[i] = value;
	}
	return TB_OK;
}

int series_append(struct series *s, int64_t step, double wall, double value)
{
	if (series_reserve(s, s->n + 1) != TB_OK)
		return TB_NOMEM;
	size_t i = s->n;
	if (put_point(s, i, step, wall, value) != TB_OK)
		return TB_NOMEM;
	s->single = false;      /* series_append_f32 sets it back */
	series_added(s, i, step, series_value(s, i));
	return TB_OK;
}

int series_append_f32(struct series *s, int64_t step, double wall, float value)
{
	if (series_append_f32_fast(s, step, wall, value))
		return TB_OK;
	bool single = s->n == 0 || s->single;
	int rc = series_append(s, step, wall, value);
	s->single = single;
	return rc;
}

static void stats_rebuild(struct series *s)
{
	s->nfinite = 0;
	s->min = s->max = NAN;
	s->best = SIZE_MAX;
	s->sorted = true;
	for (size_t i = 0; i < s->n; i++)
		series_stats_add(s, i, series_step(s, i), series_value(s, i));
}

int series_purge(struct series *s, int64_t step)
{
	size_t j = 0;
	int rc = TB_OK;
	for (size_t i = 0; i < s->n; i++) {
		int64_t si = series_step(s, i);
		if (si >= step)
			continue;
		/* rewriting in place can only need memory to store steps that
		 * stopped being regular; a point that cannot be kept is dropped */
		if (put_point(s, j, si, series_wall(s, i), series_value(s, i)) != TB_OK)
			rc = TB_NOMEM;
		else
			j++;
	}
	if (j == s->n)
		return rc;
	s->run->npoints -= s->n - j;
	s->n = j;
	stats_rebuild(s);
	s->gen++;
	s->reset_gen++;
	s->run->gen++;
	return rc;
}

void series_clear(struct series *s)
{
	if (!s->n)
		return;
	s->run->npoints -= s->n;
	s->n = 0;
	stats_rebuild(s);
	s->gen++;
	s->reset_gen++;
	s->run->gen++;
}

/* Stable bottom-up merge sort of indexes by step (qsort is not stable and
 * would need the keys in a global). */
static void merge_sort_idx(size_t *idx, size_t *tmp, size_t n, const struct series *s)
{
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = TB_MIN(lo + width, n), hi = TB_MIN(lo + 2 * width, n);
			size_t a = lo, b = mid, o = lo;
			while (a < mid && b < hi)
				tmp[o++] = series_step(s, idx[b]) < series_step(s, idx[a]) ? idx[b++] : idx[a++];
			while (a < mid)
				tmp[o++] = idx[a++];
			while (b < hi)
				tmp[o++] = idx[b++];
		}
		memcpy(idx, tmp, n * sizeof(*idx));
	}
}

size_t *series_sorted_index(const struct series *s)
{
	size_t *idx = malloc((s->n ? s->n : 1) * sizeof(*idx));
	if (!idx)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		idx[i] = i;
	if (!s->sorted) {
		size_t *tmp = malloc(s->n * sizeof(*tmp));
		if (!tmp) {
			free(idx);
			return NULL;
		}
		merge_sort_idx(idx, tmp, s->n, s);
		free(tmp);
	}
	return idx;
}

size_t series_last(const struct series *s)
{
	if (!s->n)
		return SIZE_MAX;
	if (s->sorted)
		return s->n - 1;
	size_t k = 0;
	for (size_t i = 1; i < s->n; i++)
		if (series_step(s, i) >= series_step(s, k))
			k = i;
	return k;
}
