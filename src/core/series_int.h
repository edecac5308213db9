/* series_int.h: the append path shared by series.c and the store's sink,
 * inline so the sink's batch loop adds a point in a few stores. */
#ifndef TAILBOARD_SERIES_INT_H
#define TAILBOARD_SERIES_INT_H

#include <math.h>
#include "tailboard/store.h"

/* Fold point i (its step, and its value as stored) into the running stats;
 * the caller passes them so the hot append path reads no column back. */
static inline void series_stats_add(struct series *s, size_t i, int64_t step, double v)
{
	if (i > 0 && step < s->last_step)
		s->sorted = false;
	s->last_step = step;
	if (!isfinite(v))
		return;
	if (s->nfinite++ == 0) {
		s->min = s->max = v;
	} else {
		if (v < s->min)
			s->min = v;
		if (v > s->max)
			s->max = v;
	}
	if (s->dir == BEST_NONE)
		return;
	if (s->best == SIZE_MAX ||
	    (s->dir == BEST_MIN ? v < series_value(s, s->best) : v > series_value(s, s->best)))
		s->best = i;
}

/* Point i, just written at the end: count it, fold it into the stats and
 * tell every consumer something changed. */
static inline void series_added(struct series *s, size_t i, int64_t step, double v)
{
	s->n = i + 1;
	series_stats_add(s, i, step, v);
	s->gen++;
	s->run->npoints++;
	s->run->gen++;
}

/* Write point i's wall time in the column as it is: a float offset from
 * wall_base while that reads back exactly, else the double column. False
 * (nothing written) when the float column cannot hold it: widen first. */
static inline bool series_put_wall(struct series *s, size_t i, double wall)
{
	if (!s->wall32) {
		s->wall64[i] = wall;    /* microsecond clocks */
		return true;
	}
	float off = (float)(wall - s->wall_base);
	if (s->wall_base + (double)off != wall)
		return false;
	s->wall32[i] = off;
	return true;
}

/* The same for a value: a float while it is exactly one (NaN is). */
static inline bool series_put_value(struct series *s, size_t i, double v)
{
	if (!s->value32) {
		s->value64[i] = v;
		return true;
	}
	float f = (float)v;
	if ((double)f != v && !isnan(v))
		return false;
	s->value32[i] = f;
	return true;
}

/* The append nearly every point of a float32 source takes: room left,
 * steps still implicit and this one the next, the wall time fitting its
 * column as it is, every value so far a float. False (nothing written)
 * leaves the point to series_append_f32, which does the rest. */
static inline bool series_append_f32_fast(struct series *s, int64_t step, double wall, float value)
{
	int64_t d;
	size_t i = s->n;
	if (i < 2 || i >= s->cap || s->step32 || s->step64 || !s->value32 || !s->single ||
	    __builtin_sub_overflow(step, s->last_step, &d) || d != s->step_stride || !series_put_wall(s, i, wall))
		return false;
	s->value32[i] = value;
	series_added(s, i, step, value);
	return true;
}

void series_free(struct series *s);

#endif
