/* hpdiff.h: what tells runs apart: the hyperparameter keys of a set of
 * runs, each marked as differing between them or the same in all (the
 * runs table's columns and its folded line, `tailboard runs`, labels by
 * what differs). */
#ifndef TAILBOARD_HPDIFF_H
#define TAILBOARD_HPDIFF_H

#include "tailboard/store.h"

struct hp_col {
	const char *key;        /* the runs' own string: valid while they are */
	const char *value;      /* same: the value every run has, else NULL */
	bool same;              /* present in every run with one value */
};

/* The keys of runs[0..n), each once, sorted by name; *out is the
 * caller's to free. Returns how many. */
size_t hpdiff_columns(const struct run *const *runs, size_t n, struct hp_col **out);
/* r's value for key, or NULL. */
const char *run_hparam(const struct run *r, const char *key);
/* The same, trying position *hint first and leaving where it was there:
 * runs of a sweep hold their keys in the same order. */
const char *run_hparam_near(const struct run *r, const char *key, size_t *hint);
/* Is the whole of s a finite number? Then *d holds it. */
bool hp_number(const char *s, double *d);
/* d in the fewest digits that read back (200, not 2e+02; 0.2, not
 * 0.20000000000000001). */
void hp_shortest(double d, char *buf, size_t cap);
/* A value as shown: numbers in their shortest form, other text as is. */
void hp_value_text(const char *v, char *buf, size_t cap);

#endif
