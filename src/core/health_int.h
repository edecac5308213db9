/* health_int.h: shared by the files of the health module, and only them. */
#ifndef TAILBOARD_HEALTH_INT_H
#define TAILBOARD_HEALTH_INT_H

#include "tailboard/health.h"

#define HEALTH_RING 32          /* trailing samples: TB_ARRAY_LEN(health_tag.ring) */
#define HEALTH_MAD_SIGMA 1.4826 /* MAD -> sigma for a normal distribution */

/* Sum, min and max of n values; NaN only ever shows in the sum. */
struct health_reduce {
	double sum, lo, hi;
};
void health_reduce_f32(const float *v, size_t n, struct health_reduce *r);
void health_reduce_f64(const double *v, size_t n, struct health_reduce *r);
/* Sort 32 doubles ascending (a sorting network, no branches). */
void health_sort32(double *x);
void health_sort16(double *x);
/* The same for 32 made of 16 already sorted (old) and 16 not (young, sorted
 * in place): half the work. */
void health_sort_halves(const double *old, double *young, double *x);
/* Median and MAD of the m smallest of the sorted x. */
void health_median_mad(const double *x, uint32_t m, double *med, double *mad);

/* Spike thresholds from the tag's reference and configuration (after the
 * reference moves, or the rules change). */
void health_tag_thresholds(struct health_tag *t);
/* Forget the best and the smoothing (the direction changed). */
void health_tag_redirect(struct health_tag *t);

#endif
