/* hpdiff.c: which hyperparameters differ between runs (hpdiff.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tailboard/hpdiff.h"
#include "tailboard/xalloc.h"

const char *run_hparam(const struct run *r, const char *key)
{
	for (size_t i = 0; i < r->nhparams; i++)
		if (strcmp(r->hparams[i].key, key) == 0)
			return r->hparams[i].value;
	return NULL;
}

bool hp_number(const char *s, double *d)
{
	char *end;
	if (!s || !*s)
		return false;
	*d = strtod(s, &end);
	return end != s && !*end && isfinite(*d);
}

void hp_shortest(double d, char *buf, size_t cap)
{
	if (d == trunc(d) && fabs(d) < 1e15) {
		snprintf(buf, cap, "%.0f", d);
		return;
	}
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, cap, "%.*g", p, d);
		if (strtod(buf, NULL) == d)
			return;
	}
}

void hp_value_text(const char *v, char *buf, size_t cap)
{
	double d;
	if (hp_number(v, &d))
		hp_shortest(d, buf, cap);
	else
		snprintf(buf, cap, "%s", v ? v : "");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t hpdiff_columns(const struct run *const *runs, size_t n, struct hp_col **out)
{
	size_t nk = 0, cap = 0;
	const char **keys = NULL;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < runs[i]->nhparams; k++) {
			xgrow((void **)&keys, &cap, nk + 1, sizeof *keys);
			keys[nk++] = runs[i]->hparams[k].key;
		}
	if (nk)
		qsort(keys, nk, sizeof *keys, cmp_str);
	struct hp_col *cols = xcalloc(nk + 1, sizeof *cols);
	size_t nc = 0;
	for (size_t k = 0; k < nk; k++) {
		if (k && strcmp(keys[k], keys[k - 1]) == 0)
			continue;
		const char *first = NULL;
		bool same = true;
		for (size_t i = 0; i < n && same; i++) {
			const char *v = run_hparam(runs[i], keys[k]);
			if (!v || (first && strcmp(v, first) != 0))
				same = false;
			first = first ? first : v;
		}
		cols[nc++] = (struct hp_col){ keys[k], same ? first : NULL, same };
	}
	free(keys);
	*out = cols;
	return nc;
}
